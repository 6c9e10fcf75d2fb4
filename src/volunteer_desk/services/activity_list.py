"""The activity log as a list: what the activities page shows."""

import datetime as dt
from dataclasses import dataclass

from volunteer_desk.domain.hours import format_hours
from volunteer_desk.services.database import Database
from volunteer_desk.storage import activities as store

LIMIT = 5000  # a branch logs a few hundred a year; a period or a search narrows older years


@dataclass(frozen=True)
class ActivitySummary:
    id: str
    held_on: dt.date
    starts_at: dt.time | None
    ends_at: dt.time | None
    place: str
    content: str
    category: str
    participants: int
    minutes: int

    @property
    def time_text(self) -> str:
        if self.starts_at is None or self.ends_at is None:
            return ""
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def hours_text(self) -> str:
        return format_hours(self.minutes)


class ActivityListService:
    def __init__(self, database: Database):
        self._db = database

    def summaries(self, *, start: dt.date | None = None, end: dt.date | None = None, search: str = "",
                  limit: int = LIMIT) -> list[ActivitySummary]:
        with self._db.sessions() as session:
            rows = store.summaries(session, start=start, end=end, search=search, limit=limit)
        return [ActivitySummary(*row[:6], category=row[6] or "", participants=row[7], minutes=row[8]) for row in rows]
