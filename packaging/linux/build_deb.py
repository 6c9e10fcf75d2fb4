"""Build dist/volunteer-desk_<version>_amd64.deb from the PyInstaller bundle dist/volunteer-desk/.

    python3 packaging/linux/build_deb.py [--bundle dist/volunteer-desk] [--out dist]

(`make deb` runs it after `make bundle`.) Standard library only; needs dpkg-deb and binutils' readelf.

The package installs
    /opt/volunteer-desk/                       the bundle, as PyInstaller made it
    /usr/bin/volunteer-desk                    a symlink to /opt/volunteer-desk/volunteer-desk
    /usr/share/applications/volunteer-desk.desktop
    /usr/share/icons/hicolor/<N>x<N>/apps/volunteer-desk.png, scalable/apps/volunteer-desk.svg
    /usr/share/doc/volunteer-desk/copyright
The desktop menu and the icon cache are refreshed by dpkg triggers of desktop-file-utils and the icon
theme packages, so the package has no maintainer scripts.

Depends are checked, not guessed: every library that a binary in the bundle links against and that the
bundle does not carry must be in SYSTEM_LIBRARIES below, or the build stops and names it. The lowest libc6
is read from the GLIBC_x.y symbol versions the bundle's binaries ask for.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "volunteer-desk"
INSTALL_DIR = Path("opt") / PACKAGE
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

# The libraries the bundle takes from the system, and the Debian package of each (same names on Ubuntu,
# Kylin and UOS). PyInstaller copies every other library the bundle needs into it (libxkbcommon-x11,
# libxcb-cursor, fontconfig, freetype, dbus, glib...); these it leaves out on purpose: the C library, and
# OpenGL/EGL and the X and Wayland client libraries, which must match the machine's graphics stack.
GLIBC = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2",
         "libutil.so.1", "ld-linux-x86-64.so.2"}
SYSTEM_LIBRARIES = {
    "libcups.so.2": "libcups2",  # Qt's CUPS print plugin; left out of the bundle by the spec
    # The desktop's own, left out of the bundle by the spec (SYSTEM_PROVIDED there).
    "libsystemd.so.0": "libsystemd0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libzstd.so.1": "libzstd1",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

DESCRIPTION = """\
Party-member volunteer service records (党员志愿者服务管理)
 VolunteerDesk helps a Party branch secretary register Party-member
 volunteers on a screen laid out like the paper registration form, keep
 the roster, find anyone by name, pinyin initials, phone or ID number, and
 log and print their service. It works offline and speaks Chinese.
 .
 This package carries its own Python, Qt and Chinese font in
 /opt/volunteer-desk."""


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _readelf(*args: str) -> str:
    return subprocess.run(["readelf", "--wide", *args], capture_output=True, text=True, check=True).stdout


def system_needs(bundle: Path) -> tuple[set[str], str]:
    """(the sonames the bundle's binaries need from outside it, the highest GLIBC version they ask for)."""
    carried = {path.name for path in bundle.rglob("*") if ".so" in path.name}
    needed: set[str] = set()
    glibc = (2, 17)
    for elf in _elf_files(bundle):
        needed.update(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", _readelf("-d", elf)))
        for major, minor in re.findall(r"Name: GLIBC_(\d+)\.(\d+)", _readelf("-V", elf)):
            glibc = max(glibc, (int(major), int(minor)))
    return needed - carried, f"{glibc[0]}.{glibc[1]}"


def depends(bundle: Path) -> list[str]:
    outside, glibc = system_needs(bundle)
    unknown = sorted(outside - GLIBC - set(SYSTEM_LIBRARIES))
    if unknown:
        raise SystemExit(f"build_deb.py: the bundle needs {', '.join(unknown)} from the system; add each to "
                         "SYSTEM_LIBRARIES with the Debian package that provides it")
    packages = sorted({SYSTEM_LIBRARIES[name] for name in outside if name in SYSTEM_LIBRARIES})
    return [f"libc6 (>= {glibc})", *packages]


def _copyright() -> str:
    font = (ROOT / "resources" / "fonts" / "wqy-microhei.COPYRIGHT").read_text(encoding="utf-8")
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: VolunteerDesk\n\n"
        "Files: *\n"
        "Copyright: VolunteerDesk authors\n"
        "License: proprietary\n\n"
        "Files: opt/volunteer-desk/_internal/*\n"
        "Comment: Python, Qt for Python (PySide6, LGPL-3.0), Qt 6 (LGPL-3.0) and the Python packages listed\n"
        " in pyproject.toml, as PyInstaller bundled them; each keeps its own licence.\n\n"
        "Comment: The bundled font, resources/fonts/wqy-microhei.ttc:\n"
        + "".join(f" {line}\n" if line.strip() else " .\n" for line in font.splitlines())
    )


def stage(bundle: Path, staging: Path, version: str) -> None:
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(bundle, staging / INSTALL_DIR, symlinks=True)
    (staging / "usr" / "bin").mkdir(parents=True)
    (staging / "usr" / "bin" / PACKAGE).symlink_to(Path("/") / INSTALL_DIR / PACKAGE)
    applications = staging / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(ROOT / "packaging" / "linux" / f"{PACKAGE}.desktop", applications / f"{PACKAGE}.desktop")
    icons = staging / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = icons / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(ROOT / "resources" / "icons" / f"{PACKAGE}-{size}.png", target / f"{PACKAGE}.png")
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copyfile(ROOT / "resources" / "icons" / f"{PACKAGE}.svg", icons / "scalable" / "apps" / f"{PACKAGE}.svg")
    doc = staging / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(_copyright(), encoding="utf-8")

    # Modes as Debian wants them, whatever the umask of the build: 0755 for folders and executables.
    for path in staging.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir() or path.stat().st_mode & 0o111:
            path.chmod(0o755)
        else:
            path.chmod(0o644)

    installed_kib = sum(path.stat().st_size for path in staging.rglob("*") if path.is_file() and not path.is_symlink())
    control = staging / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        "Architecture: amd64\n"
        "Maintainer: VolunteerDesk <volunteer-desk@localhost>\n"
        f"Installed-Size: {installed_kib // 1024 + 1}\n"
        f"Depends: {', '.join(depends(bundle))}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n",
        encoding="utf-8",
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--compression-level", type=int, default=6, help="xz level (0-9)")
    args = parser.parse_args(argv)
    if not (args.bundle / PACKAGE).is_file():
        raise SystemExit(f"build_deb.py: no bundle in {args.bundle}; run `make bundle` first")
    version = project()["version"]
    staging = args.out / "deb-staging"
    stage(args.bundle, staging, version)
    deb = args.out / f"{PACKAGE}_{version}_amd64.deb"
    # xz, not zstd: the dpkg of Kylin V10 and UOS 20 (1.19) cannot read zstd members.
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", f"-z{args.compression_level}", "--build",
                    str(staging), str(deb)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(staging)
    print(f"{deb} ({deb.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
