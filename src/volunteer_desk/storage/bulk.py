"""Inserting many rows at once straight through the driver.

SQLAlchemy's executemany prepares each row's parameters in Python (about 40 µs a row for a volunteer's 40
columns); an import of 100,000 people spent more time there than in SQLite. Here the statement is compiled
once and each column's own bind processor (dates, JSON, booleans) is applied directly, with the columns'
defaults filled in the same way SQLAlchemy would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.orm import Session

_LARGE_CACHE_KIB = 1_048_576


def insert_columns(session: Session, table: Table, columns: dict[str, list[Any]], count: int) -> None:
    """Insert `count` rows given column by column (name → one value per row) in the session's transaction; the
    table's other columns get their defaults. Only dates, JSON and the like have bind processors, and each is
    run once per distinct value."""
    dialect = session.connection().dialect
    values = []
    for column in table.columns:
        cells = columns.get(column.name)
        if cells is None:
            default = _default(column)
            cells = [default() for _row in range(count)] if callable(default) else [default] * count
        process = column.type._cached_bind_processor(dialect)
        values.append(cells if process is None else _processed(process, cells))
    names = ", ".join(column.name for column in table.columns)
    statement = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(table.columns))})'
    session.connection().connection.driver_connection.executemany(statement, zip(*values, strict=True))


def _processed(process: Callable[[Any], Any], cells: list[Any]) -> list[Any]:
    """`process` of each cell but None, run once per distinct value: 2,000 new volunteers share one created_at,
    a few hundred dates and a handful of service-intent lists (an import of 100,000 spent 1.5 s converting the
    same values)."""
    kinds = set(map(type, cells))
    if kinds <= _KEYED_BY_VALUE:
        keys = cells
    elif kinds <= _LISTS and set(map(type, chain.from_iterable(filter(None, cells)))) <= {str}:
        keys = [cell if cell is None else tuple(cell) for cell in cells]
    else:
        return [None if cell is None else process(cell) for cell in cells]
    converted = {key: None if cell is None else process(cell) for key, cell in dict(zip(keys, cells)).items()}
    return list(map(converted.__getitem__, keys))


_KEYED_BY_VALUE = frozenset({str, dt.date, dt.datetime, type(None)})  # as keys, equal only for equal values
_LISTS = frozenset({list, type(None)})


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


@contextmanager
def indexes_deferred(connection: Connection, table: Table, *, rows: int) -> Iterator[None]:
    """For a load of more rows than `table` holds: its indexes dropped, and built again at the end. Sorting the
    keys once beats inserting each row into every B-tree (100,000 volunteers, 14 indexes: 4.9 → 3.0 s). Inside
    the caller's transaction, so a load that fails or is cancelled leaves the indexes as they were."""
    # Counted no further than `rows`: a committee's tables hold millions.
    held = connection.exec_driver_sql(f'SELECT count(*) FROM (SELECT 1 FROM "{table.name}" LIMIT ?)', (rows,)).scalar()
    if rows <= held:
        yield
        return
    driver = connection.connection.driver_connection
    if not driver.in_transaction:
        driver.execute("BEGIN")  # the sqlite3 module would run DDL outside any transaction
    definitions = driver.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                 "AND sql IS NOT NULL", (table.name,)).fetchall()
    for name, _sql in definitions:
        driver.execute(f'DROP INDEX "{name}"')
    yield
    for _name, sql in definitions:
        driver.execute(sql)  # as stored: exactly the index the migrations made


def _default(column) -> Any:
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return lambda: default.arg(None)  # SQLAlchemy wraps plain functions to take the execution context
    return default.arg
