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
from operator import itemgetter
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
    names = [column.name for column in columns]
    defaults = dict(zip(names, map(_default, columns), strict=True))
    fixed = {name: default for name, default in defaults.items() if not callable(default)}
    made = [(name, default) for name, default in defaults.items() if callable(default)]
    # Only dates, JSON and the like have bind processors: a row is gathered in C and those few are converted.
    processed = [(i, _remembering(process)) for i, process in
                 enumerate(c.type._cached_bind_processor(dialect) for c in columns) if process is not None]
    gather = itemgetter(*names)
    statement = f'INSERT INTO "{table.name}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'
    values = []
    for row in rows:
        full = fixed | row
        for name, default in made:
            if name not in row:
                full[name] = default()
        record = list(gather(full))
        for i, process in processed:
            if record[i] is not None:
                record[i] = process(record[i])
        values.append(record)
    connection.connection.driver_connection.executemany(statement, values)


def _remembering(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`process` run once per distinct value: 2,000 new volunteers share one created_at, a few hundred dates
    and a handful of service-intent lists (an import of 100,000 spent 1.5 s converting the same values)."""
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        kind = type(value)
        if kind is list and all(type(item) is str for item in value):
            key = (list, *value)
        elif kind in _KEYED_BY_VALUE:
            key = value
        else:
            return process(value)
        converted = seen.get(key, seen)  # the dict itself is never a converted value
        if converted is seen:
            seen[key] = converted = process(value)  # a birth date misses often: no exception for it
        return converted
    return convert


_KEYED_BY_VALUE = frozenset({str, dt.date, dt.datetime})  # as keys, equal only for equal values


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
