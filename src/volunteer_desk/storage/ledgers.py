"""The hours ledger (hours_entry) and the points ledger (points_entry): append-only, summed on reading.

`participation.minutes` is always the sum of its hours entries; every write here keeps it so in the
caller's transaction. Points rows are never updated or deleted: a change is a compensating row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_desk.domain.points import RULE_MANUAL
from volunteer_desk.storage.schema import Activity, HoursEntry, Participation, PointsEntry, ServiceTally


def add_hours(session: Session, participation: Participation, delta: int, *, reason: str,
              operator: str) -> HoursEntry:
    entry = HoursEntry(participation_id=participation.id, minutes_delta=delta, reason=reason, operator=operator,
                       org_id=participation.org_id)
    session.add(entry)
    participation.minutes = participation.minutes + delta
    session.flush()
    return entry


def hours_history(session: Session, participation_id: str) -> list[HoursEntry]:
    return list(session.scalars(
        select(HoursEntry).where(HoursEntry.participation_id == participation_id, HoursEntry.deleted.is_(False))
        .order_by(HoursEntry.created_at, HoursEntry.id)))


def ledger_minutes(session: Session, participation_id: str) -> int:
    """The sum of the ledger itself (participation.minutes should always equal it)."""
    return session.scalar(select(func.coalesce(func.sum(HoursEntry.minutes_delta), 0)).where(
        HoursEntry.participation_id == participation_id, HoursEntry.deleted.is_(False))) or 0


def total_minutes(session: Session, volunteer_ids: Sequence[str], *, start: dt.date | None = None,
                  end: dt.date | None = None) -> dict[str, int]:
    """{volunteer id: credited minutes} over live participations in live activities, in one query;
    everyone asked about is in the answer (0 when nothing is credited). All time comes from service_tally."""
    result = dict.fromkeys(volunteer_ids, 0)
    if not volunteer_ids:
        return result
    if start is None and end is None:
        result.update((v, int(m)) for v, m in session.execute(
            select(ServiceTally.volunteer_id, func.sum(ServiceTally.minutes))
            .where(ServiceTally.volunteer_id.in_(list(volunteer_ids))).group_by(ServiceTally.volunteer_id)))
        return result
    statement = (select(Participation.volunteer_id, func.sum(Participation.minutes))
                 .join(Activity, Activity.id == Participation.activity_id)
                 .where(Participation.volunteer_id.in_(list(volunteer_ids)), Participation.deleted.is_(False),
                        Activity.deleted.is_(False))
                 .group_by(Participation.volunteer_id))
    if start is not None:
        statement = statement.where(Activity.held_on >= start)
    if end is not None:
        statement = statement.where(Activity.held_on <= end)
    for volunteer_id, minutes in session.execute(statement):
        result[volunteer_id] = int(minutes or 0)
    return result


def add_points(session: Session, *, volunteer_id: str, earned_on: dt.date, points: float, rule: str, reason: str,
               operator: str, activity_id: str | None = None, org_id: str | None = None) -> PointsEntry:
    entry = PointsEntry(volunteer_id=volunteer_id, earned_on=earned_on, points=points, rule=rule, reason=reason,
                        operator=operator, activity_id=activity_id, org_id=org_id)
    session.add(entry)
    session.flush()
    return entry


def activity_points(session: Session, volunteer_id: str, activity_id: str) -> dict[tuple[str, dt.date], float]:
    """{(rule, earned_on): points} a volunteer holds from an activity's rules (manual lines excluded)."""
    rows = session.execute(
        select(PointsEntry.rule, PointsEntry.earned_on, func.sum(PointsEntry.points))
        .where(PointsEntry.volunteer_id == volunteer_id, PointsEntry.activity_id == activity_id,
               PointsEntry.rule != RULE_MANUAL, PointsEntry.deleted.is_(False))
        .group_by(PointsEntry.rule, PointsEntry.earned_on))
    return {(rule, earned_on): float(points or 0) for rule, earned_on, points in rows}


def points_totals(session: Session, volunteer_ids: Iterable[str], *, start: dt.date | None = None,
                  end: dt.date | None = None) -> dict[str, float]:
    ids = list(volunteer_ids)
    result = dict.fromkeys(ids, 0.0)
    if not ids:
        return result
    statement = (select(PointsEntry.volunteer_id, func.sum(PointsEntry.points))
                 .where(PointsEntry.volunteer_id.in_(ids), PointsEntry.deleted.is_(False))
                 .group_by(PointsEntry.volunteer_id))
    if start is not None:
        statement = statement.where(PointsEntry.earned_on >= start)
    if end is not None:
        statement = statement.where(PointsEntry.earned_on <= end)
    for volunteer_id, points in session.execute(statement):
        result[volunteer_id] = float(points or 0)
    return result


def points_entries(session: Session, volunteer_id: str) -> list[PointsEntry]:
    return list(session.scalars(
        select(PointsEntry).where(PointsEntry.volunteer_id == volunteer_id, PointsEntry.deleted.is_(False))
        .order_by(PointsEntry.earned_on, PointsEntry.created_at, PointsEntry.id)))
