"""Reading PDFs back with poppler-utils (installed by the Makefile): text in reading order, page count,
fonts and their embedding, pages as PNG for looking at."""

from __future__ import annotations

import subprocess
from pathlib import Path


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def write(tmp_path: Path, pdf: bytes, name: str = "document.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def text(path: Path, *, layout: bool = False) -> str:
    """All pages' text; pages are separated by a form feed."""
    return _run("pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", str(path), "-")


def page_texts(path: Path) -> list[str]:
    return text(path).split("\f")[:-1]


def pages(path: Path) -> int:
    for line in _run("pdfinfo", str(path)).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


def page_size_mm(path: Path) -> tuple[int, int]:
    for line in _run("pdfinfo", str(path)).splitlines():
        if line.startswith("Page size:"):
            width, _x, height = line.split()[2:5]
            return round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)
    raise AssertionError("pdfinfo gave no page size")


def fonts(path: Path) -> list[tuple[str, bool, bool]]:
    """(name, embedded, subset) of every font the PDF uses."""
    lines = _run("pdffonts", str(path)).splitlines()[2:]
    result = []
    for line in lines:
        parts = line.split()
        # name type encoding emb sub uni object ID: the yes/no columns are the 4th to 2nd… from the end
        emb, sub = parts[-5], parts[-4]
        result.append((parts[0], emb == "yes", sub == "yes"))
    return result


def to_png(path: Path, out_prefix: Path, *, dpi: int = 60, first: int = 1, last: int = 1) -> list[Path]:
    _run("pdftoppm", "-png", "-r", str(dpi), "-f", str(first), "-l", str(last), str(path), str(out_prefix))
    return sorted(out_prefix.parent.glob(out_prefix.name + "*.png"))
