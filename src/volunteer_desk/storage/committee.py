"""Read-only queries behind a committee's view of the organisations below it: which they are, and each
volunteer's service summed over a span of quarters, across all of them. Plain tuples, never ORM objects."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from volunteer_desk.storage.exchange import subtree
from volunteer_desk.storage.schema import Organisation

_CHUNK = 900  # SQLite's default limit of bound parameters is 999


def below(session: Session, root_id: str) -> list[tuple[str, str, str, str | None]]:
    """(id, name, code, parent id) of every live organisation under `root_id`, children and deeper, by code."""
    ids = set(subtree(session, root_id)) - {root_id}
    return [tuple(row) for row in session.execute(
        select(Organisation.id, Organisation.name, Organisation.code, Organisation.parent_id)
        .where(Organisation.deleted.is_(False)).order_by(Organisation.code)) if row[0] in ids]


def service(session: Session, org_ids: Sequence[str], first_period: int,
            last_period: int) -> list[tuple[str, str, str, str, int, int, float, int]]:
    """(id, name, name_pinyin, org id, minutes, activities, points, all-time minutes) of each live volunteer
    of the organisations, summed from service_tally over the periods `first_period`…`last_period`
    (storage.reports.period: 20264 is 2026 Q4)."""
    found = []
    for start in range(0, len(org_ids), _CHUNK):
        part = list(org_ids[start:start + _CHUNK])
        marks = ", ".join(f":o{n}" for n in range(len(part)))
        statement = text(f"""
            SELECT v.id, v.name, v.name_pinyin, v.org_id,
                   coalesce(sum(CASE WHEN t.period BETWEEN :first AND :last THEN t.minutes END), 0),
                   coalesce(sum(CASE WHEN t.period BETWEEN :first AND :last THEN t.activities END), 0),
                   coalesce(sum(CASE WHEN t.period BETWEEN :first AND :last THEN t.points END), 0),
                   coalesce(sum(t.minutes), 0)
            FROM volunteer v LEFT JOIN service_tally t ON t.volunteer_id = v.id
            WHERE v.deleted = 0 AND v.org_id IN ({marks})
            GROUP BY v.id""")
        found += [(v, name, pinyin or "", org, int(minutes), int(count), float(points), int(total))
                  for v, name, pinyin, org, minutes, count, points, total in session.execute(
                      statement, {"first": first_period, "last": last_period,
                                  **{f"o{n}": org for n, org in enumerate(part)}})]
    return found
