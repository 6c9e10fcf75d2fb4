"""Opening the database: one SQLite file, foreign keys on, WAL, synchronous=FULL, a busy timeout."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


class StorageFull(OSError):
    """The disk holding the database has no room for a write (SQLITE_FULL). SQLite has rolled the transaction
    back; an OSError with errno ENOSPC, as a full disk is for every other file the program writes."""


def _on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # 64 MB of page cache: the roster's indexes at 100,000 volunteers stay in memory between keystrokes.
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.close()


def _on_error(context) -> None:
    error = context.original_exception
    if isinstance(error, sqlite3.OperationalError) and getattr(error, "sqlite_errorcode", 0) == sqlite3.SQLITE_FULL:
        raise StorageFull(errno.ENOSPC, str(error)) from context.sqlalchemy_exception


def open_engine(path: Path) -> Engine:
    # hide_parameters: an error's text (which reaches the log) never carries the values, i.e. personal data.
    engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "handle_error", _on_error)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """One Session per unit of work; objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)
