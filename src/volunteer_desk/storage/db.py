"""Opening the database: one SQLite file, foreign keys on, WAL, synchronous=FULL, a busy timeout."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # 64 MB of page cache: the roster's indexes at 100,000 volunteers stay in memory between keystrokes.
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.close()


def open_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """One Session per unit of work; objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)
