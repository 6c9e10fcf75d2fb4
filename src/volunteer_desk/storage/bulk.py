"""Inserting many rows at once straight through the driver.

SQLAlchemy's executemany prepares each row's parameters in Python (about 40 µs a row for a volunteer's 40
columns); an import of 100,000 people spent more time there than in SQLite. Here the statement is compiled
once and each column's own bind processor (dates, JSON, booleans) is applied directly, with the columns'
defaults filled in the same way SQLAlchemy would.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.orm import Session

_LARGE_CACHE_KIB = 1_048_576


def insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (column name → value; missing columns get their default) in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    columns = list(table.columns)
    processors = [column.type._cached_bind_processor(dialect) for column in columns]
    defaults = [_default(column) for column in columns]
    names = [column.name for column in columns]
    statement = f'INSERT INTO "{table.name}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'
    values = []
    for row in rows:
        record = []
        for name, process, default in zip(names, processors, defaults, strict=True):
            value = row[name] if name in row else (default() if callable(default) else default)
            record.append(process(value) if process is not None and value is not None else value)
        values.append(record)
    connection.connection.driver_connection.executemany(statement, values)


def insert_stored(session: Session, table: Table, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert rows whose values are already in the form SQLite stores (bundles carry them so); the table's
    other columns get their defaults."""
    if not rows:
        return
    dialect = session.connection().dialect
    rest = [column for column in table.columns if column.name not in names]
    filler = []
    for column in rest:
        default = _default(column)
        value = default() if callable(default) else default
        process = column.type._cached_bind_processor(dialect)
        filler.append(process(value) if process is not None and value is not None else value)
    columns = ", ".join(f'"{name}"' for name in [*names, *(column.name for column in rest)])
    statement = f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" * (len(names) + len(rest)))})'
    tail = tuple(filler)
    session.connection().connection.driver_connection.executemany(statement, [(*row, *tail) for row in rows])


@contextmanager
def large_cache(connection: Connection) -> Iterator[None]:
    """1 GiB of page cache for a bulk write, used only as far as the data needs it: once the indexes on random
    UUIDs outgrow the usual 64 MB, nearly every insert reads a page from disk (a branch's bundle into a
    committee holding five others: 30–44 s → 19 s). Put back afterwards: the connection is pooled."""
    cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{_LARGE_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")


def _default(column) -> Any:
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return lambda: default.arg(None)  # SQLAlchemy wraps plain functions to take the execution context
    return default.arg
