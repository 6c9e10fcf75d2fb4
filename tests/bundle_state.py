"""What a database holds, table by table, to show that a rejected or repeated bundle changed nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from volunteer_desk.exchange import records


def state(path: Path, tables: list[str] | None = None) -> dict[str, tuple[int, str]]:
    """table → (row count, SHA-256 of its rows in a fixed order), for every table or the ones named."""
    with sqlite3.connect(path) as connection:
        names = tables or [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        found = {}
        for name in names:
            rows = sorted(map(repr, connection.execute(f'SELECT * FROM "{name}"')))
            found[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return found


def record_state(path: Path) -> dict[str, tuple[int, str]]:
    """The state of the tables bundles carry (not the receipts and the audit log, which record the import)."""
    return state(path, list(records.TABLES))
