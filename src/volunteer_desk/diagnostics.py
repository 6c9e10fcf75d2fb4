"""The log file and crash reports. Tracebacks go to files in the data folder, never on screen;
neither carries personal data (names, ID numbers, phones are never logged)."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import logging.handlers
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from volunteer_desk import __version__, paths

log = logging.getLogger("volunteer_desk")
_LOG_BYTES = 1_000_000
_LOG_FILES = 5


class _LogFile(logging.handlers.RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:
        """A line that cannot be written (a full disk) is dropped: logging's own traceback on stderr would
        reach the person, and the program must go on."""


def configure_logging(data_dir: Path) -> Path:
    path = paths.log_dir(data_dir) / "volunteer_desk.log"
    handler = _LogFile(path, maxBytes=_LOG_BYTES, backupCount=_LOG_FILES, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, logging.handlers.RotatingFileHandler)]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def write_crash_report(data_dir: Path, exc_type, exc, tb) -> Path:
    """The traceback with code locations only: frames' local values are not included."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = paths.log_dir(data_dir) / f"crash-{stamp}.txt"
    lines = [
        f"VolunteerDesk {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Time {dt.datetime.now().isoformat(timespec='seconds')}",
        "",
        *traceback.format_exception(exc_type, None, tb),
        f"{exc_type.__name__} (message withheld: it may contain personal data)",
    ]
    path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    return path


def install_excepthook(data_dir: Path, notify: Callable[[Path], None],
                       disk_full: Callable[[], None] | None = None) -> None:
    """Unhandled exceptions: log, write a crash report, then tell the user where it is. A full disk is no
    crash (and leaves no room for a report): `disk_full` tells the user; the work in hand was not saved and
    is still on screen, since the save stopped where the write failed."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if disk_full is not None and isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            log.error("disk full: %s", exc_type.__name__)
            disk_full()
            return
        log.error("unhandled %s", exc_type.__name__, exc_info=(exc_type, None, tb))
        report = write_crash_report(data_dir, exc_type, exc, tb)
        notify(report)

    sys.excepthook = hook
