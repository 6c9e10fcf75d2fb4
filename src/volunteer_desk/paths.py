"""Where things live: the user's data folder (platformdirs), and read-only resources
both in a source checkout and in a frozen (PyInstaller) build."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "VolunteerDesk"
DATA_DIR_ENV = "VOLUNTEER_DESK_DATA_DIR"


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return _root() / "resources"


def forms_dir() -> Path:
    return _root() / "forms"


def locale_dir() -> Path:
    return resources_dir() / "translations"


def font_file() -> Path:
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def stroke_order_file() -> Path:
    return resources_dir() / "strokes" / "stroke-order.json"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder with the database, logs and backups; created on first use."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_file(data: Path) -> Path:
    return data / "volunteer_desk.sqlite3"


def log_dir(data: Path) -> Path:
    path = data / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
