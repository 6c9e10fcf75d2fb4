"""A volunteer's 党员志愿者服务活动周记 for a run of weeks, as saved with the journals page: one block per week
that has a journal, with the week's activities as the ledger has them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from volunteer_desk.documents import journal_sheet
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.domain import calendar, dates
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import DocumentKind, Option, OptionKind
from volunteer_desk.services.progress import Cancelled, Progress
from volunteer_desk.storage import activities as activity_store
from volunteer_desk.storage.schema import Organisation, VolunteerRow, WeeklyJournal


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
          today: dt.date | None = None) -> Rendered:
    today = today or dt.date.today()
    first = options.get("from") or calendar.Quarter.of(today).start
    last = options.get("to") or today
    if first > last:
        raise InvalidEntry({"to": _("The last week is before the first one; choose a later “To the week of” date.")})
    with database.sessions() as session:
        found = session.execute(
            select(VolunteerRow.name, Organisation.name).outerjoin(Organisation, Organisation.id == VolunteerRow.org_id)
            .where(VolunteerRow.id == (options.get("volunteer") or ""), VolunteerRow.deleted.is_(False))).first()
        if found is None:
            raise InvalidEntry({"volunteer": _("This volunteer is no longer in the database; choose another one.")})
        name, branch = found
        journals = session.execute(
            select(WeeklyJournal.week_start, WeeklyJournal.content, WeeklyJournal.reflection)
            .where(WeeklyJournal.volunteer_id == options["volunteer"], WeeklyJournal.deleted.is_(False),
                   WeeklyJournal.week_start >= calendar.week_start(first), WeeklyJournal.week_start <= last)
            .order_by(WeeklyJournal.week_start)).all()
        if not journals:
            raise InvalidEntry({"volunteer": _(
                "{name} has no weekly journal saved from {start} to {end}. Write the journals on the Weekly "
                "journals page first, or choose other dates.").format(
                    name=name, start=_day(first, year=True), end=_day(last, year=True))})
        weeks = []
        for done, (monday, content, reflection) in enumerate(journals):
            _tell(progress, done, 2 * len(journals))
            sunday = monday + dt.timedelta(days=6)
            activities = tuple(
                journal_sheet.WeekActivity(_day(a.held_on), " ".join((a.content or a.place).split()),
                                           f"{format_hours(minutes)}小时")
                for a, minutes in activity_store.activities_of_week(session, options["volunteer"], monday, sunday))
            weeks.append(journal_sheet.JournalWeek(_week(monday), activities, content, reflection))
    return journal_sheet.render(name, branch or "", weeks,
                                lambda done, total: _tell(progress, total + done, 2 * total))


def _day(day: dt.date, *, year: bool = False) -> str:
    return dates.format_written(day) if year else f"{day.month}月{day.day}日"


def _week(monday: dt.date) -> str:
    """2026年第47周 11月16日—11月22日: ISO week numbers, which start on Monday as Chinese weeks do."""
    iso_year, number, _weekday = monday.isocalendar()
    sunday = monday + dt.timedelta(days=6)
    return f"{iso_year}年第{number}周 {_day(monday)}—{_day(sunday, year=sunday.year != monday.year)}"


def _tell(progress: Progress | None, done: int, total: int) -> None:
    if progress and progress(done, total) is False:
        raise Cancelled


KINDS = (
    DocumentKind(
        key="journal",
        title=N_("Volunteer's weekly journal"),
        build=build,
        options=(
            Option("volunteer", N_("Volunteer"), OptionKind.VOLUNTEER, required=True),
            Option("from", N_("From the week of"), OptionKind.DATE,
                   default=lambda: calendar.Quarter.of(dt.date.today()).start),
            Option("to", N_("To the week of"), OptionKind.DATE),
        ),
        description=N_("A volunteer's weekly journals on portrait A4, one week per page block, with the week's "
                       "activities and signature lines."),
    ),
)
