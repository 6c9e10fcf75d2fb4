"""The release build: the PyInstaller bundle and the .deb, built with the same make targets as a release
(`make bundle deb`, into a temporary folder), then run: the frozen --self-test, --version and demo.

Also quick checks of the packaging files that need no build (icons current, desktop entry, Windows
version resource and installer script). The Windows installer itself is built and tested only by
.github/workflows/windows.yml.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import string
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME, VERSION = PROJECT["name"], PROJECT["version"]
MB = 1_000_000
BUNDLE_LIMIT = 160 * MB
DEB_LIMIT = 70 * MB
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle and .deb")


def _environment(**extra: str) -> dict[str, str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
    environment.pop("VOLUNTEER_DESK_DATA_DIR", None)
    return environment


# --- quick checks of the packaging files --------------------------------------------------------------

def test_generated_icons_match_the_svg():
    result = subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), "--check"], capture_output=True,
                            text=True, env=_environment(), timeout=120)
    assert result.returncode == 0, result.stderr


def test_desktop_entry():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "linux" / f"{NAME}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "VolunteerDesk"
    assert section["Name[zh_CN]"] == "党员志愿者服务管理"
    assert section["Categories"] == "Office;"
    assert section["Exec"] == NAME and section["Icon"] == NAME
    assert section["Terminal"] == "false"


def test_windows_version_resource_template_fills_in():
    template = string.Template((PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8"))
    text = template.substitute(version=VERSION, version_tuple=(1, 2, 3, 0), internal_name="VolunteerDesk")
    compile(text, "version_info.txt", "eval")  # PyInstaller evaluates it as one Python expression
    assert f"'FileVersion', '{VERSION}'" in text and "filevers=(1, 2, 3, 0)" in text


def test_installer_script_is_chinese_per_user_and_keeps_data():
    raw = (PACKAGING / "windows" / "volunteer-desk.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads a script without BOM in the ANSI code page"
    script = raw.decode("utf-8-sig")
    assert "PrivilegesRequired=lowest" in script
    assert "ChineseSimplified.isl" in script
    assert "OutputBaseFilename=VolunteerDesk-Setup-{#AppVersion}" in script
    assert "{autodesktop}" in script and "{group}" in script
    assert "Box.Checked := False;" in script  # the data is removed only when the user ticks the box
    assert not re.search(r"^AppVersion=\d", script, re.MULTILINE), "the version comes from pyproject.toml"


# --- the real build -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """`make bundle deb` into a temporary folder: the same targets and commands as `make package`."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    folder = tmp_path_factory.mktemp("package")
    dist, work = folder / "dist", folder / "build"
    started = time.perf_counter()
    result = subprocess.run(["make", "--no-print-directory", "bundle", "deb", f"DIST={dist}", f"PYI_WORK={work}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    print(f"\nmake bundle deb: {time.perf_counter() - started:.0f} s")
    yield dist
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def bundle(build) -> Path:
    return build / NAME


@pytest.fixture(scope="module")
def deb(build) -> Path:
    return build / f"{NAME}_{VERSION}_amd64.deb"


def _run(executable: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(executable), *args], capture_output=True, text=True, cwd=cwd,
                          env=_environment(), timeout=120)


@pytest.mark.slow
@linux_only
def test_frozen_self_test_passes(bundle, tmp_path):
    result = _run(bundle / NAME, "--self-test", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for check in ("database", "forms", "font", "zh_CN catalogue", "zh_CN date"):
        assert f"ok   {check}" in result.stdout
    assert "self-test passed" in result.stdout


@pytest.mark.slow
@linux_only
def test_frozen_version_is_the_project_version(bundle, tmp_path):
    result = _run(bundle / NAME, "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"VolunteerDesk {VERSION}"


@pytest.mark.slow
@linux_only
def test_frozen_demo_migrates_and_fills_a_database(bundle, tmp_path):
    data = tmp_path / "data"
    result = _run(bundle / NAME, "--data-dir", str(data), "demo", "--volunteers", "30", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (data / "volunteer_desk.sqlite3").is_file()
    assert "Running upgrade" in (data / "logs" / "volunteer_desk.log").read_text(encoding="utf-8")


@pytest.mark.slow
@linux_only
def test_frozen_print_writes_every_document_with_the_embedded_font(bundle, tmp_path):
    data = tmp_path / "data"
    assert _run(bundle / NAME, "--data-dir", str(data), "demo", "--volunteers", "20", "--activities", "0",
                cwd=tmp_path).returncode == 0
    for document in ("registration", "roster"):
        out = tmp_path / f"{document}.pdf"
        result = _run(bundle / NAME, "--data-dir", str(data), "print", document, "--out", str(out), cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
        assert "WenQuanYi" in fonts and "Helvetica" not in fonts


@pytest.mark.slow
@linux_only
def test_bundle_layout(bundle):
    internal = bundle / "_internal"  # sys._MEIPASS: paths._root() of the frozen program
    assert (internal / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert (internal / "resources" / "translations" / "zh_CN" / "LC_MESSAGES" / "volunteer_desk.mo").is_file()
    assert (internal / "resources" / "styles" / "app.qss").is_file()
    forms = {path.name for path in (ROOT / "forms").glob("*.toml")}
    assert {path.name for path in (internal / "forms").glob("*.toml")} == forms
    # storage/migrate.py finds its scripts as Path(__file__).with_name("migrations")
    source = ROOT / "src" / "volunteer_desk" / "storage" / "migrations"
    frozen = internal / "volunteer_desk" / "storage" / "migrations"
    assert {p.name for p in frozen.glob("versions/*.py")} == {p.name for p in source.glob("versions/*.py")}
    assert (frozen / "env.py").is_file() and (frozen / "script.py.mako").is_file()
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm").is_file()
    # volunteer_desk.__version__ reads the package metadata; without it the frozen program would print
    # the hard-coded fallback of volunteer_desk/__init__.py whatever pyproject.toml says
    assert list(internal.glob("volunteer_desk-*.dist-info/METADATA"))
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").is_file()


@pytest.mark.slow
@linux_only
def test_bundle_size(bundle):
    size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file() and not path.is_symlink())
    print(f"\nunpacked bundle: {size / MB:.1f} MB")
    assert size < BUNDLE_LIMIT, f"{size / MB:.1f} MB; packaging/README.md lists what can still be left out"


@pytest.mark.slow
@linux_only
def test_deb(deb):
    if not shutil.which("dpkg-deb"):
        pytest.skip("dpkg-deb is not installed")
    size = deb.stat().st_size
    print(f"\n.deb: {size / MB:.1f} MB")
    assert size < DEB_LIMIT, f"{size / MB:.1f} MB"
    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True, check=True).stdout
    assert f"Package: {NAME}" in info and f"Version: {VERSION}" in info
    assert "Architecture: amd64" in info
    depends = re.search(r"^ Depends: (.*)$", info, re.MULTILINE).group(1)
    for package in ("libc6 (>= 2.", "libgl1", "libegl1", "libxcb1"):
        assert package in depends, depends
    contents = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True,
                              check=True).stdout
    assert f"./usr/share/applications/{NAME}.desktop" in contents
    for size_px in ICON_SIZES:
        assert f"./usr/share/icons/hicolor/{size_px}x{size_px}/apps/{NAME}.png" in contents
    assert f"./usr/share/icons/hicolor/scalable/apps/{NAME}.svg" in contents
    assert f"./usr/bin/{NAME} -> /opt/{NAME}/{NAME}" in contents
    assert re.search(rf"^-rwxr-xr-x root/root .* \./opt/{NAME}/{NAME}$", contents, re.MULTILINE)
