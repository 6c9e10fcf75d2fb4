"""Time the frozen program from outside, without any flag in the program itself.

    python3 packaging/measure_start.py dist/volunteer-desk/volunteer-desk [--runs 7] [--volunteers 3000]
    python3 packaging/measure_start.py .venv/bin/volunteer-desk      # the same, from the source tree

1. `--self-test` with QT_QPA_PLATFORM=offscreen: process start to exit (imports, a migration of a fresh
   database, the forms, the font, the catalogues).
2. When an X display is at hand (DISPLAY, or Xvfb which this script then starts on :97) and `xdotool` is
   installed: process start until the main window (WM_CLASS "VolunteerDesk") is mapped and visible, on a
   demo database of --volunteers volunteers made with `<frozen> --data-dir D demo`. Qt paints the roster in
   the event-loop turn after mapping, so this is "a usable window" to within a frame. The window is polled
   every 5 ms with xdotool (a process start each, ~2 ms): the figure is up to ~7 ms late.

The first run of each kind follows a fresh file cache only if the caller dropped it (as root:
`sync; echo 3 > /proc/sys/vm/drop_caches`); the others are warm. Prints each run and the median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _self_test(exe: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run([str(exe), "--self-test"], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _window(exe: Path, data: Path, display: str) -> float:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    start = time.perf_counter()
    process = subprocess.Popen([str(exe), "--data-dir", str(data)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while True:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "^VolunteerDesk$"],
                                   env=env, capture_output=True, text=True)
            if found.stdout.strip():
                return time.perf_counter() - start
            if process.poll() is not None:
                raise SystemExit(f"the program exited with {process.returncode} before showing a window:\n"
                                 f"{process.stderr.read()}")
            if time.perf_counter() - start > 60:
                raise SystemExit("no window within 60 s")
            time.sleep(0.005)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _report(name: str, samples: list[float]) -> None:
    runs = ", ".join(f"{s:.2f}" for s in samples)
    print(f"{name}: median {statistics.median(samples):.2f} s, first {samples[0]:.2f} s, "
          f"min {min(samples):.2f} s, max {max(samples):.2f} s  ({runs})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Time the frozen VolunteerDesk from outside.")
    parser.add_argument("exe", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--volunteers", type=int, default=3000)
    parser.add_argument("--window-only", action="store_true", help="skip the --self-test timing")
    args = parser.parse_args(argv)

    if not args.window_only:
        _report("--self-test (offscreen)", [_self_test(args.exe) for _ in range(args.runs)])

    if not shutil.which("xdotool"):
        print("window: skipped (install xdotool, and xvfb without a display)")
        return 0
    xvfb = None
    display = os.environ.get("DISPLAY")
    if not display:
        if not shutil.which("Xvfb"):
            print("window: skipped (no DISPLAY and no Xvfb)")
            return 0
        display = ":97"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp", "-noreset"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while subprocess.run(["xdotool", "getmouselocation"], env=dict(os.environ, DISPLAY=display),
                             capture_output=True).returncode != 0:
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise SystemExit(f"Xvfb did not start on {display}")
            time.sleep(0.1)
    try:
        with tempfile.TemporaryDirectory(prefix="volunteer-desk-measure-") as folder:
            data = Path(folder) / "data"
            subprocess.run([str(args.exe), "--data-dir", str(data), "demo", "--volunteers", str(args.volunteers)],
                           env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), check=True, stdout=subprocess.DEVNULL)
            _report(f"window on {args.volunteers} volunteers (Xvfb, xcb)",
                    [_window(args.exe, data, display) for _ in range(args.runs)])
    finally:
        if xvfb:
            xvfb.terminate()
            xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
