"""志愿服务时长统计表: each live volunteer's hours in each quarter of a year, the year's total and points, and
the star level their service so far has earned, from service_tally (one row per volunteer and quarter, kept
by triggers) in one query. Ordered by 支部, then by name, so a committee's list reads branch by branch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import text

from volunteer_desk.documents import roster_sheet
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.domain import stars
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import N_, _
from volunteer_desk.services import rules
from volunteer_desk.services.database import Database
from volunteer_desk.services.printing import DocumentKind, Option, OptionKind
from volunteer_desk.services.progress import Progress, tell
from volunteer_desk.services.printing.activities import hours
from volunteer_desk.services.setup import SetupService
from volunteer_desk.spreadsheets import xlsx

COLUMNS = (  # (msgid, relative width, numeric in Excel)
    (N_("No."), 5, True), (N_("Name"), 9, False), (N_("Own branch"), 22, False), (N_("Q1"), 8, True),
    (N_("Q2"), 8, True), (N_("Q3"), 8, True), (N_("Q4"), 8, True), (N_("Year total"), 9, True),
    (N_("Volunteer points"), 8, True), (N_("Star level"), 13, False),
)

# Quarter minutes and the year's points from the year's four tally rows; all-time minutes (the star level's
# basis) from every row. Deleted volunteers are on no list.
QUERY = text("""
    SELECT v.name, coalesce(o.name, ''),
           coalesce(sum(CASE WHEN t.period = :year * 10 + 1 THEN t.minutes END), 0),
           coalesce(sum(CASE WHEN t.period = :year * 10 + 2 THEN t.minutes END), 0),
           coalesce(sum(CASE WHEN t.period = :year * 10 + 3 THEN t.minutes END), 0),
           coalesce(sum(CASE WHEN t.period = :year * 10 + 4 THEN t.minutes END), 0),
           coalesce(sum(CASE WHEN t.period / 10 = :year THEN t.points END), 0),
           coalesce(sum(t.minutes), 0)
    FROM volunteer v LEFT JOIN organisation o ON o.id = v.org_id
         LEFT JOIN service_tally t ON t.volunteer_id = v.id
    WHERE v.deleted = 0
    GROUP BY v.id ORDER BY o.name, v.name_pinyin, v.name, v.id""")


def gather(database: Database, year: int) -> list[list[Any]]:
    """序号, 姓名, 所在支部, four quarters' minutes, the year's minutes, points (one decimal), star level label."""
    with database.sessions() as session:
        thresholds = rules.star_thresholds(session)
        found = session.execute(QUERY, {"year": year}).all()
    return [[serial, name, branch, *quarters, sum(quarters), round(float(points), 1),
             stars.label(stars.star_level(int(total), thresholds))]
            for serial, (name, branch, *quarters, points, total) in enumerate(found, start=1)]


def _year(options: Mapping[str, Any]) -> int:
    return options.get("year") or dt.date.today().year


def _titles(database: Database, year: int) -> tuple[str, str]:
    return (_("{unit} volunteer service hours {year}").format(unit=SetupService(database).current().name, year=year),
            _("Hours per quarter; star levels from all service so far."))


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> Rendered:
    year = _year(options)
    rows = gather(database, year)
    tell(progress, 1, 2)
    texts = [[str(row[0]), row[1], row[2], *(format_hours(m) for m in row[3:8]), f"{row[8]:g}", row[9]]
             for row in rows]
    return roster_sheet.render(*_titles(database, year),
                               [roster_sheet.SheetColumn(_(label), width) for label, width, _n in COLUMNS], texts,
                               lambda done, total: tell(progress, total + done, 2 * total))


def excel(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> bytes:
    year = _year(options)
    rows = [[*row[:3], *(hours(m) for m in row[3:8]), *row[8:]] for row in gather(database, year)]
    tell(progress, 1, 2)
    title, subtitle = _titles(database, year)
    sheet = xlsx.PaperList(title=title, subtitle=subtitle, rows=rows, sheet_name=_("Service hours"),
                           columns=[xlsx.Column(_(label), width, numeric) for label, width, numeric in COLUMNS])
    return xlsx.write([sheet], lambda done, total: tell(progress, total + done, 2 * total))


KINDS = (
    DocumentKind(
        key="hours",
        title=N_("Volunteer service hours (志愿服务时长统计表)"),
        build=build,
        excel=excel,
        options=(Option("year", N_("Year"), OptionKind.YEAR),),
        description=N_("Every volunteer's hours in each quarter of the year, the year's total, points and star "
                       "level, branch by branch."),
    ),
)
