"""党员志愿者服务活动周记 (seed 000 四.3): one per volunteer per week, the basis of evaluation.

The content is pre-filled from the week's activities (date, place, what was done, hours); the reflection
is the volunteer's own words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, select

from volunteer_desk.domain import calendar
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.storage import activities as activity_store
from volunteer_desk.storage import audit, organisations
from volunteer_desk.storage.schema import VolunteerRow, WeeklyJournal

MAX_TEXT = 5000


@dataclass(frozen=True)
class Journal:
    volunteer_id: str
    week_start: dt.date
    content: str
    reflection: str
    saved: bool  # False: nothing saved yet, the content is the pre-filled draft
    prefill: str  # what the week's activities say, to offer again after the content was edited


class JournalService:
    def __init__(self, database: Database):
        self._db = database

    def load(self, volunteer_id: str, day: dt.date) -> Journal:
        """The journal of the week holding `day`: as saved, or a draft pre-filled from the week's activities."""
        week = calendar.week_start(day)
        with self._db.sessions() as session:
            prefill = self._prefill(session, volunteer_id, week)
            row = self._row(session, volunteer_id, week)
        if row is None or row.deleted:
            return Journal(volunteer_id, week, prefill, "", False, prefill)
        return Journal(volunteer_id, week, row.content, row.reflection, True, prefill)

    def save(self, volunteer_id: str, day: dt.date, content: str, reflection: str) -> str:
        week = calendar.week_start(day)
        errors: dict[str, str] = {}
        if not content.strip() and not reflection.strip():
            errors["reflection"] = _("Write what was done this week or what it taught you.")
        for field, text in (("content", content), ("reflection", reflection)):
            if len(text) > MAX_TEXT:
                errors[field] = _("At most {n} characters.").format(n=MAX_TEXT)
        if errors:
            raise InvalidEntry(errors)
        with self._db.sessions.begin() as session:
            volunteer = session.get(VolunteerRow, volunteer_id)
            if volunteer is None or volunteer.deleted:
                raise InvalidEntry({"volunteer": _("This volunteer no longer exists.")})
            row = self._row(session, volunteer_id, week)
            action = "update"
            if row is None:
                row = WeeklyJournal(volunteer_id=volunteer_id, week_start=week, org_id=volunteer.org_id)
                session.add(row)
                action = "create"
            row.content, row.reflection, row.deleted = content.strip(), reflection.strip(), False
            session.flush()
            audit.record(session, action=action, entity="weekly_journal", entity_id=row.id,
                         summary=f"week of {week.isoformat()}", org_id=volunteer.org_id)
            return row.id

    def missing(self, day: dt.date) -> list[tuple[str, str]]:
        """(id, name) of the home organisation's live volunteers with no journal for the week holding `day`,
        in roster order: whom the secretary still has to ask."""
        week = calendar.week_start(day)
        with self._db.sessions() as session:
            home = organisations.home(session)
            journal = and_(WeeklyJournal.volunteer_id == VolunteerRow.id, WeeklyJournal.week_start == week,
                           WeeklyJournal.deleted.is_(False))
            rows = session.execute(
                select(VolunteerRow.id, VolunteerRow.name)
                .where(VolunteerRow.deleted.is_(False), VolunteerRow.org_id == home.id,
                       ~select(WeeklyJournal.id).where(journal).exists())
                .order_by(VolunteerRow.name_pinyin, VolunteerRow.id))
            return [(vid, name) for vid, name in rows]

    @staticmethod
    def _row(session, volunteer_id: str, week: dt.date) -> WeeklyJournal | None:
        return session.scalar(select(WeeklyJournal).where(WeeklyJournal.volunteer_id == volunteer_id,
                                                          WeeklyJournal.week_start == week))

    @staticmethod
    def _prefill(session, volunteer_id: str, week: dt.date) -> str:
        lines = []
        for activity, minutes in activity_store.activities_of_week(session, volunteer_id, week,
                                                                    week + dt.timedelta(days=6)):
            when = activity.held_on.isoformat()
            if activity.starts_at and activity.ends_at:
                when += f" {activity.starts_at:%H:%M}–{activity.ends_at:%H:%M}"
            lines.append(_("{date} at {place}: {content} ({hours} h)").format(
                date=when, place=activity.place, content=activity.content, hours=format_hours(minutes)))
        return "\n".join(lines)
