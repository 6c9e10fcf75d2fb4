"""The quarter's 晾晒榜: ReportService's ranking, as the 评议 screen shows it, printed to post on the wall."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from volunteer_desk.documents import review_list
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.domain import dates, stars
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import DocumentKind, Option, OptionKind
from volunteer_desk.services.progress import Cancelled, Progress
from volunteer_desk.services.reports import ReportService, VolunteerQuarter
from volunteer_desk.services.setup import SetupService
from volunteer_desk.spreadsheets import xlsx


def chosen_quarter(options: Mapping[str, Any], today: dt.date | None) -> Quarter:
    """The quarter asked for; none means the current one (the option's default cannot know the date)."""
    quarter = options.get("quarter")
    if quarter is None:
        return Quarter.of(today or dt.date.today())
    if not isinstance(quarter, Quarter):
        raise InvalidEntry({"quarter": _("Write a quarter as 2026Q4.")})
    return quarter


def quarter_title(database: Database, quarter: Quarter, what: str) -> str:
    """"{单位}{年}年第{N}季度党员志愿服务{what}"."""
    return _("{unit}{year} Q{n} Party-member volunteer service {what}").format(
        unit=SetupService(database).current().name, year=quarter.year, n=quarter.number, what=what)


def period_text(quarter: Quarter) -> str:
    return _("Period: {first} to {last}").format(first=dates.format_written(quarter.start), last=dates.format_written(quarter.end))


def ranked(database: Database, options: Mapping[str, Any], quarter: Quarter) -> tuple[VolunteerQuarter, ...]:
    rows = ReportService(database).ranking(quarter)
    if options.get("only_active", True):
        # Those with nothing at all rank last (no points, no minutes): leaving them out leaves no gap in ranks.
        rows = tuple(row for row in rows if row.activities or row.minutes or row.points)
    return rows


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
          today: dt.date | None = None) -> Rendered:
    quarter = chosen_quarter(options, today)
    tell(progress, 0, 1)
    # "★★" above "二星志愿者": a narrow column, and five stars never break mid-word.
    lines = [review_list.ReviewLine(rank=row.rank, name=row.name, activities=row.activities,
                                    hours=format_hours(row.minutes), points=f"{row.points:g}",
                                    stars=stars.label(row.star_level).replace(" ", "\n", 1), comment=row.comment)
             for row in ranked(database, options, quarter)]
    return review_list.render(quarter_title(database, quarter, _("review list")), period_text(quarter), lines,
                              lambda done, total: tell(progress, done, total))


def excel(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
          today: dt.date | None = None) -> bytes:
    quarter = chosen_quarter(options, today)
    tell(progress, 0, 1)
    rows = [[row.rank, row.name, row.activities, float(format_hours(row.minutes)), row.points,
             stars.label(row.star_level), row.comment] for row in ranked(database, options, quarter)]
    columns = [xlsx.Column(_(label), width, numeric=index in FIGURES)
               for index, (label, width) in enumerate(review_list.COLUMNS)]
    sheet = xlsx.PaperList(title=quarter_title(database, quarter, _("review list")), subtitle=period_text(quarter),
                           columns=columns, rows=rows, landscape=False, sheet_name=_("Review list"))
    return xlsx.write([sheet], lambda done, total: tell(progress, done, total))


def tell(progress: Progress | None, done: int, total: int) -> None:
    if progress and progress(done, total) is False:
        raise Cancelled


FIGURES = {0, 2, 3, 4}  # the columns of review_list.COLUMNS holding numbers: rank, times, hours, points
QUARTER = Option("quarter", N_("Quarter (empty for the current one)"), OptionKind.QUARTER)

KINDS = (
    DocumentKind(
        key="review_list",
        title=N_("Quarterly review list (public ranking)"),
        build=build,
        excel=excel,
        options=(
            QUARTER,
            Option("only_active", N_("Only volunteers who served in the quarter"), OptionKind.FLAG, default=True),
        ),
        description=N_("The quarter's ranking with hours, points, stars and the branch's comments, to post "
                       "publicly; names only, no ID numbers or phones."),
    ),
)
