"""A SQLite database file as backups see it, with the standard library alone (never an open `Database`, so a
damaged or older file is only ever read): copied with the online backup API, checked, summarised, hashed."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def copy(source: Path, target: Path, journal_mode: str | None = None) -> None:
    with contextlib.closing(connect_read_only(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        if journal_mode:  # a backup in rollback mode is one self-contained file, readable read-only
            dst.execute(f"PRAGMA journal_mode = {journal_mode}")


def integrity_problem(path: Path) -> str:
    try:
        with contextlib.closing(connect_read_only(path)) as connection:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "" if rows == ["ok"] else first_line(rows)


def first_line(rows: list[str]) -> str:
    """SQLite reports every damaged page; the first says enough (the rest only frightens). Its heading
    "*** in database main ***" says nothing, so the line after it is taken."""
    lines = [line for row in rows for line in row.splitlines() if line and not line.startswith("*** in database")]
    return lines[0] if lines else "?"


def summary(path: Path) -> tuple[str | None, int, int]:
    """Schema revision and live volunteers and activities, read with plain SQL (an old schema too)."""
    with contextlib.closing(connect_read_only(path)) as connection:
        def scalar(sql: str):
            try:
                row = connection.execute(sql).fetchone()
            except sqlite3.OperationalError:  # a table this schema revision does not have
                return None
            return row[0] if row else None

        return (scalar("SELECT version_num FROM alembic_version"),
                scalar("SELECT count(*) FROM volunteer WHERE NOT deleted") or 0,
                scalar("SELECT count(*) FROM activity WHERE NOT deleted") or 0)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
