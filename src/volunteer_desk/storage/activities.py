"""Activities, their photos and participations, and the lookups the activity services need."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_desk.storage import volunteers
from volunteer_desk.storage.schema import (
    Activity,
    ActivityPhoto,
    Organisation,
    Participation,
    ServiceCategory,
    Team,
    TeamMembership,
    VolunteerRow,
)


def live(session: Session, activity_id: str) -> Activity | None:
    activity = session.get(Activity, activity_id)
    return activity if activity is not None and not activity.deleted else None


def exists(session: Session, table, row_id: str) -> bool:
    return session.scalar(select(func.count()).select_from(table).where(
        table.id == row_id, table.deleted.is_(False))) > 0


def category_name(session: Session, category_id: str | None) -> str | None:
    if not category_id:
        return None
    return session.scalar(select(ServiceCategory.name).where(ServiceCategory.id == category_id))


def participation_of(session: Session, activity_id: str, volunteer_id: str) -> Participation | None:
    """Live or tombstoned: the pair is unique, so a removed participant comes back on the same row."""
    return session.scalar(select(Participation).where(Participation.activity_id == activity_id,
                                                      Participation.volunteer_id == volunteer_id))


def participations(session: Session, activity_id: str) -> list[tuple[Participation, str]]:
    """Live participations with the volunteer's name, in roster (pinyin) order."""
    return [(p, name) for p, name in session.execute(
        select(Participation, VolunteerRow.name).join(VolunteerRow, VolunteerRow.id == Participation.volunteer_id)
        .where(Participation.activity_id == activity_id, Participation.deleted.is_(False))
        .order_by(VolunteerRow.name_pinyin, VolunteerRow.id))]


def count_participants(session: Session, activity_id: str) -> int:
    return session.scalar(select(func.count()).select_from(Participation).where(
        Participation.activity_id == activity_id, Participation.deleted.is_(False))) or 0


def minutes_on_day(session: Session, volunteer_id: str, day: dt.date, *, excluding: str | None = None) -> int:
    """Minutes already credited to a volunteer on a day, leaving out the participation `excluding`."""
    statement = (select(func.coalesce(func.sum(Participation.minutes), 0))
                 .join(Activity, Activity.id == Participation.activity_id)
                 .where(Participation.volunteer_id == volunteer_id, Participation.deleted.is_(False),
                        Activity.deleted.is_(False), Activity.held_on == day))
    if excluding:
        statement = statement.where(Participation.id != excluding)
    return session.scalar(statement) or 0


def timed_activities_on_day(session: Session, volunteer_id: str, day: dt.date) -> list[Activity]:
    """A volunteer's live activities with start and end times on a day."""
    return list(session.scalars(
        select(Activity).join(Participation, Participation.activity_id == Activity.id)
        .where(Participation.volunteer_id == volunteer_id, Participation.deleted.is_(False),
               Activity.deleted.is_(False), Activity.held_on == day, Activity.starts_at.is_not(None),
               Activity.ends_at.is_not(None))))


def current_team_members(session: Session, team_id: str) -> list[str]:
    """Live volunteers who are in the team now (membership not ended), each once."""
    rows = session.scalars(
        select(TeamMembership.volunteer_id).join(VolunteerRow, VolunteerRow.id == TeamMembership.volunteer_id)
        .where(TeamMembership.team_id == team_id, TeamMembership.deleted.is_(False),
               TeamMembership.left_on.is_(None), VolunteerRow.deleted.is_(False))
        .order_by(VolunteerRow.name_pinyin, VolunteerRow.id))
    return list(dict.fromkeys(rows))


def team_exists(session: Session, team_id: str) -> bool:
    return exists(session, Team, team_id)


def live_names(session: Session, volunteer_ids: Iterable[str]) -> dict[str, str]:
    ids = list(dict.fromkeys(volunteer_ids))
    if not ids:
        return {}
    return dict(session.execute(select(VolunteerRow.id, VolunteerRow.name).where(
        VolunteerRow.id.in_(ids), VolunteerRow.deleted.is_(False))).all())


def candidates(session: Session, text: str, limit: int) -> list[tuple[str, str, str, str]]:
    """(id, name, mobile, organisation name) of the first `limit` live volunteers the roster search finds."""
    ids = volunteers.ordered_ids(session, volunteers.RosterQuery(search=text), limit=limit)
    if not ids:
        return []
    rows = {row[0]: row for row in session.execute(
        select(VolunteerRow.id, VolunteerRow.name, VolunteerRow.mobile, Organisation.name)
        .outerjoin(Organisation, Organisation.id == VolunteerRow.org_id).where(VolunteerRow.id.in_(ids)))}
    return [tuple(rows[i]) for i in ids]


def activities_of_week(session: Session, volunteer_id: str, start: dt.date, end: dt.date
                       ) -> list[tuple[Activity, int]]:
    """A volunteer's live activities between two dates with the minutes credited, in date order."""
    return [(a, m) for a, m in session.execute(
        select(Activity, Participation.minutes).join(Participation, Participation.activity_id == Activity.id)
        .where(Participation.volunteer_id == volunteer_id, Participation.deleted.is_(False),
               Activity.deleted.is_(False), Activity.held_on >= start, Activity.held_on <= end)
        .order_by(Activity.held_on, Activity.starts_at, Activity.id))]


# --- photos -------------------------------------------------------------------------------------------------

def photos(session: Session, activity_id: str) -> list[tuple[str, str, int, dt.datetime]]:
    """(id, caption, size in bytes, added at) without loading the images."""
    return [tuple(row) for row in session.execute(
        select(ActivityPhoto.id, ActivityPhoto.caption, func.length(ActivityPhoto.image), ActivityPhoto.created_at)
        .where(ActivityPhoto.activity_id == activity_id, ActivityPhoto.deleted.is_(False))
        .order_by(ActivityPhoto.created_at, ActivityPhoto.id))]


def count_photos(session: Session, activity_id: str) -> int:
    return session.scalar(select(func.count()).select_from(ActivityPhoto).where(
        ActivityPhoto.activity_id == activity_id, ActivityPhoto.deleted.is_(False))) or 0


def summaries(session: Session, *, start: dt.date | None, end: dt.date | None, search: str, limit: int
              ) -> list[tuple[str, dt.date, dt.time | None, dt.time | None, str, str, str | None, int, int]]:
    """(id, date, start, end, place, content, category, participants, minutes), newest first, in one query."""
    totals = (select(Participation.activity_id, func.count().label("people"), func.sum(Participation.minutes)
                     .label("minutes"))
              .where(Participation.deleted.is_(False)).group_by(Participation.activity_id).subquery())
    statement = (
        select(Activity.id, Activity.held_on, Activity.starts_at, Activity.ends_at, Activity.place, Activity.content,
               ServiceCategory.name, func.coalesce(totals.c.people, 0), func.coalesce(totals.c.minutes, 0))
        .outerjoin(ServiceCategory, ServiceCategory.id == Activity.category_id)
        .outerjoin(totals, totals.c.activity_id == Activity.id)
        .where(Activity.deleted.is_(False))
        .order_by(Activity.held_on.desc(), Activity.starts_at.desc(), Activity.id)
        .limit(limit)
    )
    if start:
        statement = statement.where(Activity.held_on >= start)
    if end:
        statement = statement.where(Activity.held_on <= end)
    for term in search.split():
        like = f"%{term}%"
        statement = statement.where(Activity.place.like(like) | Activity.content.like(like)
                                    | ServiceCategory.name.like(like))
    return [tuple(row) for row in session.execute(statement)]
