"""The triggers that keep service_tally (schema/tally.py) equal to the ledgers it sums, and a rebuild.

Migration 0006 creates them. A bulk writer (the demo's fill of millions of rows) suspends them and rebuilds
the tally in one pass afterwards, which costs a fraction of a trigger per row. A later migration that
rebuilds participation, activity or points_entry with batch_alter_table (SQLite's copy-and-move) drops
these triggers with the old table and must call create_triggers again; tests/services/test_service_tally.py
fails when they are missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection


def _period(day: str) -> str:
    """The quarter of a date stored as 'YYYY-MM-DD': 2026-11-23 → 20264."""
    return f"(CAST(substr({day}, 1, 4) AS INTEGER) * 10 + (CAST(substr({day}, 6, 2) AS INTEGER) + 2) / 3)"


def _add(select: str) -> str:
    """Add (volunteer_id, period, minutes, activities, points) rows to the tally."""
    return f"""INSERT INTO service_tally (volunteer_id, period, minutes, activities, points) {select}
        ON CONFLICT (volunteer_id, period) DO UPDATE SET minutes = minutes + excluded.minutes,
            activities = activities + excluded.activities, points = points + excluded.points;"""


def _participation(row: str, sign: str) -> str:
    """A participation counts while it and its activity are live."""
    return _add(f"""SELECT {row}.volunteer_id, {_period('a.held_on')}, {sign}{row}.minutes, {sign}1, 0
        FROM activity a WHERE a.id = {row}.activity_id AND a.deleted = 0 AND {row}.deleted = 0""")


def _activity(row: str, sign: str) -> str:
    return _add(f"""SELECT p.volunteer_id, {_period(f'{row}.held_on')}, {sign}p.minutes, {sign}1, 0
        FROM participation p WHERE p.activity_id = {row}.id AND p.deleted = 0 AND {row}.deleted = 0""")


def _points(row: str, sign: str) -> str:
    return _add(f"""SELECT {row}.volunteer_id, {_period(f'{row}.earned_on')}, 0, 0, {sign}{row}.points
        WHERE {row}.deleted = 0""")


TRIGGERS = {
    "tally_participation_insert": f"AFTER INSERT ON participation BEGIN {_participation('NEW', '')} END",
    "tally_participation_update": f"""AFTER UPDATE OF minutes, deleted, volunteer_id, activity_id ON participation
        WHEN OLD.minutes IS NOT NEW.minutes OR OLD.deleted IS NOT NEW.deleted
            OR OLD.volunteer_id IS NOT NEW.volunteer_id OR OLD.activity_id IS NOT NEW.activity_id
        BEGIN {_participation('OLD', '-')} {_participation('NEW', '')} END""",
    "tally_participation_delete": f"AFTER DELETE ON participation BEGIN {_participation('OLD', '-')} END",
    "tally_activity_update": f"""AFTER UPDATE OF held_on, deleted ON activity
        WHEN OLD.held_on IS NOT NEW.held_on OR OLD.deleted IS NOT NEW.deleted
        BEGIN {_activity('OLD', '-')} {_activity('NEW', '')} END""",
    "tally_points_insert": f"AFTER INSERT ON points_entry BEGIN {_points('NEW', '')} END",
    "tally_points_update": f"""AFTER UPDATE OF points, deleted, earned_on, volunteer_id ON points_entry
        WHEN OLD.points IS NOT NEW.points OR OLD.deleted IS NOT NEW.deleted
            OR OLD.earned_on IS NOT NEW.earned_on OR OLD.volunteer_id IS NOT NEW.volunteer_id
        BEGIN {_points('OLD', '-')} {_points('NEW', '')} END""",
    "tally_points_delete": f"AFTER DELETE ON points_entry BEGIN {_points('OLD', '-')} END",
}


def create_triggers(connection: Connection) -> None:
    for name, body in TRIGGERS.items():
        connection.exec_driver_sql(f"CREATE TRIGGER {name} {body}")


def drop_triggers(connection: Connection) -> None:
    for name in TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(connection: Connection, org_ids: Sequence[str] | None = None) -> None:
    """The tally summed afresh from the ledgers: all of it, or the rows of the organisations' volunteers."""
    if org_ids is None:
        scope, volunteers, parameters = "", "", ()
    else:
        marks = ", ".join("?" * len(org_ids))
        volunteers = f"volunteer_id IN (SELECT id FROM volunteer WHERE org_id IN ({marks}))"
        scope, parameters = f"AND p.{volunteers}", tuple(org_ids)
    connection.exec_driver_sql(f"DELETE FROM service_tally {'WHERE ' + volunteers if volunteers else ''}", parameters)
    connection.exec_driver_sql(_add(f"""SELECT p.volunteer_id, {_period('a.held_on')}, sum(p.minutes), count(*), 0
        FROM activity a JOIN participation p ON p.activity_id = a.id WHERE a.deleted = 0 AND p.deleted = 0 {scope}
        GROUP BY 1, 2"""), parameters)
    connection.exec_driver_sql(_add(f"""SELECT volunteer_id, {_period('earned_on')}, 0, 0, sum(points)
        FROM points_entry p WHERE deleted = 0 {scope} GROUP BY 1, 2"""), parameters)


@contextmanager
def suspended(connection: Connection, org_ids: Sequence[str] | None = None) -> Iterator[None]:
    """Bulk writes without the per-row triggers; the tally is rebuilt (all of it, or for the volunteers of
    `org_ids` when the writes touch only theirs) and the triggers put back afterwards (also when the writes
    fail, so the caller's rollback or commit leaves a consistent database)."""
    drop_triggers(connection)
    try:
        yield
    finally:
        rebuild(connection, org_ids)
        create_triggers(connection)
