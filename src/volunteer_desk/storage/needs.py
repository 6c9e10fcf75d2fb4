"""Needs (群众需求 / 微心愿) and what matching reads of the volunteers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_desk.storage.schema import Need, VolunteerRow


def live_needs(session: Session, status: str | None = None) -> list[Need]:
    statement = select(Need).where(Need.deleted.is_(False))
    if status:
        statement = statement.where(Need.status == status)
    return list(session.scalars(statement.order_by(Need.raised_on.desc(), Need.created_at.desc())))


def match_candidates(session: Session) -> list[tuple[str, str, str, list[str], str, str, list[str], str]]:
    """(id, name, name_pinyin, service_intents, specialty, major, availability, availability_other) of live
    volunteers who said anything about what they can do; only the columns matching reads."""
    return [tuple(row) for row in session.execute(
        select(VolunteerRow.id, VolunteerRow.name, VolunteerRow.name_pinyin, VolunteerRow.service_intents,
               VolunteerRow.specialty, VolunteerRow.major, VolunteerRow.availability,
               VolunteerRow.availability_other)
        .where(VolunteerRow.deleted.is_(False)))]
