"""Writing the audit log inside the caller's unit of work, so the entry and the change commit together;
and reading it back for the 操作日志 screen."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from volunteer_desk.storage import settings
from volunteer_desk.storage.schema import (
    Activity,
    AuditEntry,
    Participation,
    PointsEntry,
    TeamMembership,
    VolunteerRow,
    WeeklyJournal,
)


def record(session: Session, *, action: str, entity: str, entity_id: str | None, summary: str = "",
           org_id: str | None = None) -> None:
    """The operator is the one named at setup, read in the same transaction as the change."""
    session.add(AuditEntry(operator=settings.get(session, settings.OPERATOR, ""), action=action, entity=entity,
                           entity_id=entity_id, summary=summary, org_id=org_id))


# The entries whose entity rows name a volunteer, by the entity code the services write.
_ENTITY = {Participation: "participation", PointsEntry: "points_entry", TeamMembership: "team_membership",
           WeeklyJournal: "weekly_journal"}


@dataclass(frozen=True)
class Found:
    entry: AuditEntry
    name: str  # the volunteer the entry is about (a volunteer, their hours, points, team place or journal)
    held_on: dt.date | None  # the activity, for hours and points earned there
    activity: str


def entries(session: Session, *, since: dt.datetime | None = None, before: dt.datetime | None = None,
            entity: str | None = None, search: str = "", actions: Collection[str] = (),
            entities: Collection[str] = (), limit: int = 2000) -> list[Found]:
    """Newest first; times are UTC as stored. `search` matches the operator, the summary or the volunteer's
    name; `actions`/`entities` are codes whose Chinese names matched it, so typing 删除 finds deletions."""
    about = {model: aliased(model) for model in (Participation, PointsEntry, TeamMembership, WeeklyJournal)}
    statement = select(AuditEntry)
    for model, alias in about.items():
        statement = statement.outerjoin(alias, (AuditEntry.entity == _ENTITY[model])
                                        & (alias.id == AuditEntry.entity_id))
    direct = aliased(VolunteerRow)
    statement = statement.outerjoin(direct, (AuditEntry.entity == "volunteer") & (direct.id == AuditEntry.entity_id))
    person = aliased(VolunteerRow)
    statement = statement.outerjoin(person, person.id == func.coalesce(*(a.volunteer_id for a in about.values())))
    statement = statement.outerjoin(Activity, Activity.id == func.coalesce(about[Participation].activity_id,
                                                                           about[PointsEntry].activity_id))
    name = func.coalesce(direct.name, person.name)
    statement = (statement.add_columns(name, Activity.held_on, Activity.content)
                 # rowid breaks ties: two entries of one transaction may carry the same microsecond
                 .order_by(AuditEntry.created_at.desc(), literal_column("audit_log.rowid").desc())
                 .limit(limit))
    if since is not None:
        statement = statement.where(AuditEntry.created_at >= since)
    if before is not None:
        statement = statement.where(AuditEntry.created_at < before)
    if entity:
        statement = statement.where(AuditEntry.entity == entity)
    if search.strip():
        like = "%" + re.sub(r"([\\%_])", r"\\\1", search.strip()) + "%"
        matches = [AuditEntry.operator.like(like, escape="\\"), AuditEntry.summary.like(like, escape="\\"),
                   name.like(like, escape="\\")]
        if actions:
            matches.append(AuditEntry.action.in_(actions))
        if entities:
            matches.append(AuditEntry.entity.in_(entities))
        statement = statement.where(or_(*matches))
    return [Found(entry, name or "", held_on, content or "")
            for entry, name, held_on, content in session.execute(statement)]

