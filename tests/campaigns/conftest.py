"""Shared by the campaigns (docs/RELIABILITY.md): how many rounds to run, the program as a real process, a
demo installation made once per session, and the checks every campaign repeats on the database file.

Each campaign runs a smaller but meaningful number of rounds in `make test`, and the full number when
VOLUNTEER_DESK_FULL_CAMPAIGNS=1 is set.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.sheet_data import id_number
from volunteer_desk import paths
from volunteer_desk.services import demo
from volunteer_desk.services.database import open_database

FULL = os.environ.get("VOLUNTEER_DESK_FULL_CAMPAIGNS") == "1"
ROSTER_HEADER = ["序号", "姓名", "性别", "出生年月", "入党时间", "文化程度", "身份证号码", "手机号码", "工作单位及职务",
                 "服务意向"]


def rounds(default: int, full: int) -> int:
    return full if FULL else default


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "volunteer_desk", *map(str, args)]


def cli_environment() -> dict[str, str]:
    """The program's own environment: offscreen, unbuffered (a killed process has said what it reached),
    and never the test's data folder by accident."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    environment.pop("VOLUNTEER_DESK_DATA_DIR", None)
    return environment


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), capture_output=True, text=True, env=cli_environment(), timeout=timeout)


def integrity(path: Path, *, read_only: bool = False) -> str:
    """PRAGMA integrity_check as the next start would see the file: opened read-write, so a write-ahead log
    left by a killed process is recovered first (or read-only, for a file that must not be written)."""
    uri = f"{path.resolve().as_uri()}{'?mode=ro' if read_only else ''}"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
        try:
            return "\n".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
        except sqlite3.DatabaseError as exc:
            return str(exc)


def scalar(path: Path, sql: str, *parameters):
    with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return connection.execute(sql, parameters).fetchone()[0]


def live_volunteers(path: Path) -> int:
    return scalar(path, "SELECT count(*) FROM volunteer WHERE NOT deleted")


def content_digest(path: Path) -> str:
    """A checksum of what the branch keeps (volunteers, activities, hours), independent of page layout."""
    digest = hashlib.sha256()
    with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        for table in ("volunteer", "activity", "participation", "hours_entry", "points_entry", "team"):
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY id"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def roster_people(count: int, *, first_born: dt.date = dt.date(1940, 1, 1)) -> list[list]:
    """Valid people no demo database holds: born 1940–1949 (the demo's volunteers are born 1950–2004), a
    different birthday each, ID numbers with their computed check character."""
    rows = []
    for i in range(count):
        born = first_born + dt.timedelta(days=i)
        rows.append([i + 1, f"导入{i}", "男" if i % 2 else "女", f"{born.year}.{born.month:02d}", "1975-07-01",
                     "高中", id_number(born.strftime("%Y%m%d"), region="320402", sequence=f"{(i % 50) * 2 + i % 2:03d}"),
                     f"1870{i:07d}", "常州市西林街道办事处 退休", "尊老服务、助残服务"])
    return rows


def write_roster(path: Path, rows: list[list]) -> Path:
    """Shaped like a branch's own file: a title line, then the header, then one person a row."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("名册")
    sheet.append(["西湖街道机关第一党支部党员志愿者名册"])
    sheet.append(ROSTER_HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture(scope="session")
def demo_database_file(migrated_database_file, tmp_path_factory) -> Path:
    """A demo branch (150 volunteers, 60 activities with their hours, teams and journals), made once."""
    folder = tmp_path_factory.mktemp("campaign-demo")
    shutil.copyfile(migrated_database_file, paths.database_file(folder))
    database = open_database(folder)
    try:
        demo.fill(database, volunteers=150, activities=60, seed=8)
    finally:
        database.close()
    return paths.database_file(folder)


@pytest.fixture
def demo_dir(tmp_path, demo_database_file) -> Path:
    """A data folder of its own holding a copy of the demo database."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(demo_database_file, paths.database_file(folder))
    return folder
