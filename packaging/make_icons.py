"""Render the one icon source, resources/icons/volunteer-desk.svg, into every file the installers need.

    .venv/bin/python packaging/make_icons.py          # (re)write the files
    .venv/bin/python packaging/make_icons.py --check  # exit 1 if a written file is missing or stale

Writes resources/icons/volunteer-desk-{16,24,32,48,64,128,256}.png (the Linux hicolor icons and the
window icon) and packaging/windows/volunteer-desk.ico (the Windows executable, installer and shortcuts).

Qt draws the SVG (QtSvg's QSvgRenderer, in PySide6-Essentials). Each size is rendered from the vector
source, not scaled from a big bitmap, so 16 px stays sharp; at 16 and 24 px the SVG element "star" is left
out (it would be a smudge of 5 pixels). The .ico holds every size, in the classic layout: 32-bit bitmap
entries up to 128 px and a PNG entry for 256 px. This script writes the .ico container itself instead of
using Qt's qico plugin, which writes one image per file and leaves uninitialised padding bytes in the mask
rows of widths such as 24, so its output differed from run to run and `--check` could never pass.

The output is byte-for-byte repeatable with one Qt version, so the generated files are committed and the
Windows build needs no generation step; `--check` (run by tests/packaging) catches a stale file.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "volunteer-desk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO = ROOT / "packaging" / "windows" / "volunteer-desk.ico"
DETAIL_ELEMENT = "star"
DETAIL_FROM = 32  # px: smaller sizes leave out DETAIL_ELEMENT


def png_path(size: int) -> Path:
    return ROOT / "resources" / "icons" / f"volunteer-desk-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if size >= DETAIL_FROM:
        renderer.render(painter)
    else:
        scale = size / renderer.viewBoxF().width()
        for element in ("tile", "heart"):
            box = renderer.boundsOnElement(element)
            renderer.render(painter, element, QRectF(box.x() * scale, box.y() * scale,
                                                     box.width() * scale, box.height() * scale))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def encode(image: QImage, fmt: bytes) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, fmt)
    if not writer.write(image):
        raise RuntimeError(f"Qt cannot write {fmt.decode()}: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def _bitmap_entry(image: QImage) -> bytes:
    """An .ico bitmap entry: BITMAPINFOHEADER, BGRA rows bottom-up, then the 1-bit AND mask (1 = transparent)."""
    width, height = image.width(), image.height()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = [bytes(argb.constScanLine(y))[:width * 4] for y in range(height)]
    if sys.byteorder != "little":  # ARGB32 is 0xAARRGGBB in native order; the file wants B, G, R, A
        rows = [b"".join(row[i:i + 4][::-1] for i in range(0, len(row), 4)) for row in rows]
    mask_stride = ((width + 31) // 32) * 4
    mask_rows = []
    for row in rows:
        bits = bytearray(mask_stride)
        for x in range(width):
            if row[x * 4 + 3] == 0:
                bits[x // 8] |= 0x80 >> (x % 8)
        mask_rows.append(bytes(bits))
    pixels = b"".join(reversed(rows)) + b"".join(reversed(mask_rows))
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, len(pixels), 0, 0, 0, 0)
    return header + pixels


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """One .ico with every size: bitmap entries below 256 px, a PNG entry at 256 px."""
    entries: list[tuple[int, bytes]] = []
    for size in sorted(images):
        data = encode(images[size], b"png") if size >= 256 else _bitmap_entry(images[size])
        entries.append((size, data))
    out = bytearray(struct.pack("<HHH", 0, 1, len(entries)))
    offset = 6 + 16 * len(entries)
    for size, data in entries:
        side = 0 if size >= 256 else size  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    for _size, data in entries:
        out += data
    return bytes(out)


def outputs() -> dict[Path, bytes]:
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise RuntimeError(f"Qt cannot read {SOURCE}")
    images = {size: render(renderer, size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
    files = {png_path(size): encode(images[size], b"png") for size in PNG_SIZES}
    files[ICO] = ico_bytes({size: images[size] for size in ICO_SIZES})
    return files


def main(argv: list[str]) -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (image plugins need it)
    files = outputs()
    if "--check" in argv:
        stale = [path for path, data in files.items() if not path.is_file() or path.read_bytes() != data]
        for path in stale:
            print(f"stale or missing: {path.relative_to(ROOT)}", file=sys.stderr)
        if stale:
            print("run: .venv/bin/python packaging/make_icons.py", file=sys.stderr)
        return 1 if stale else 0
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
