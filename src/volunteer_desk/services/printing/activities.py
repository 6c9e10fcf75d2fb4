"""活动记录表: the activities held between two dates, oldest first, with what the activities page records of
each (时间、地点、内容、服务对象、取得成效, seed 001 六.3), the team that organised it, how many took part
and their hours, as a landscape PDF or an Excel list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select

from volunteer_desk.documents import roster_sheet
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.domain import dates
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import DocumentKind, Option, OptionKind
from volunteer_desk.services.progress import Progress, tell
from volunteer_desk.services.setup import SetupService
from volunteer_desk.spreadsheets import xlsx
from volunteer_desk.storage.schema import Activity, Participation, Team

# (msgid, relative width, numeric in Excel)
COLUMNS = (
    (N_("No."), 4, True), (N_("Date"), 11.5, False), (N_("Time"), 9.5, False), (N_("Place"), 10, False),
    (N_("Service content"), 16, False), (N_("People served"), 9, False), (N_("Results achieved"), 16, False),
    (N_("Organising team"), 11, False), (N_("Number of participants"), 6, True),
    (N_("Service hours in total"), 8, True), (N_("Person in charge"), 8, False), (N_("Recorded by"), 8, False),
)


def _year_start() -> dt.date:
    return dt.date(dt.date.today().year, 1, 1)


def period(options: Mapping[str, Any]) -> tuple[dt.date, dt.date]:
    first, last = options.get("from") or _year_start(), options.get("to") or dt.date.today()
    if first > last:
        raise InvalidEntry({"to": _("The last day is before the first day; swap the two dates.")})
    return first, last


def gather(database: Database, first: dt.date, last: dt.date) -> list[list[Any]]:
    """One row per live activity in the period, oldest first: the texts and, for 参加人数 and 服务时长合计,
    the live participations' count and minutes (as the activities page counts them)."""
    totals = (select(Participation.activity_id, func.count().label("people"),
                     func.sum(Participation.minutes).label("minutes"))
              .where(Participation.deleted.is_(False)).group_by(Participation.activity_id).subquery())
    statement = (
        select(Activity.held_on, Activity.starts_at, Activity.ends_at, Activity.place, Activity.content,
               Activity.beneficiaries, Activity.outcome, Team.name, func.coalesce(totals.c.people, 0),
               func.coalesce(totals.c.minutes, 0), Activity.leader, Activity.recorder)
        .outerjoin(Team, Team.id == Activity.team_id)
        .outerjoin(totals, totals.c.activity_id == Activity.id)
        .where(Activity.deleted.is_(False), Activity.held_on >= first, Activity.held_on <= last)
        .order_by(Activity.held_on, Activity.starts_at, Activity.id))
    with database.sessions() as session:
        found = session.execute(statement).all()
    return [[serial, dates.format_written(day), _time(starts, ends), place, content, served,
             outcome, team or "", people, minutes, leader, recorder]
            for serial, (day, starts, ends, place, content, served, outcome, team, people, minutes, leader, recorder)
            in enumerate(found, start=1)]


def _time(starts: dt.time | None, ends: dt.time | None) -> str:
    if starts is None:
        return ""
    return f"{starts:%H:%M}–{ends:%H:%M}" if ends else f"{starts:%H:%M}"


def _titles(database: Database, first: dt.date, last: dt.date) -> tuple[str, str]:
    title = _("{unit} activity record").format(unit=SetupService(database).current().name)
    return title, _("Period: {first} to {last}").format(first=dates.format_written(first),
                                                        last=dates.format_written(last))


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> Rendered:
    first, last = period(options)
    rows = gather(database, first, last)
    tell(progress, 1, 2)
    texts = [[str(row[0]), *row[1:8], str(row[8]), format_hours(row[9]), *row[10:]] for row in rows]
    rendered = roster_sheet.render(*_titles(database, first, last),
                                   [roster_sheet.SheetColumn(_(label), width) for label, width, _n in COLUMNS], texts,
                                   lambda done, total: tell(progress, total + done, 2 * total))
    if rows:
        return rendered
    return replace(rendered, warnings=(*rendered.warnings, _(
        "No activity was recorded in this period; choose other dates.")))


def excel(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> bytes:
    first, last = period(options)
    rows = gather(database, first, last)
    tell(progress, 1, 2)
    for row in rows:
        row[9] = hours(row[9])
    title, subtitle = _titles(database, first, last)
    sheet = xlsx.PaperList(title=title, subtitle=subtitle, rows=rows, sheet_name=_("Activity record"),
                           columns=[xlsx.Column(_(label), width, numeric) for label, width, numeric in COLUMNS])
    return xlsx.write([sheet], lambda done, total: tell(progress, total + done, 2 * total))


def hours(minutes: int) -> float:
    """Hours as a number, as format_hours writes them: at most two decimals."""
    return float(format_hours(minutes))


KINDS = (
    DocumentKind(
        key="activities",
        title=N_("Activity record (活动记录表)"),
        build=build,
        excel=excel,
        options=(
            Option("from", N_("First day"), OptionKind.DATE, default=_year_start),
            Option("to", N_("Last day"), OptionKind.DATE, default=dt.date.today),
        ),
        description=N_("Every activity between the two days, oldest first: time, place, content, people served, "
                       "results, the organising team, participants and their hours."),
    ),
)
