"""A committee's lists of the organisations below it (CommitteeService): 各支部季度报送与工作情况汇总表, the
volunteers ranked across all of them for a quarter, and the year's commendation candidates. Landscape ruled
tables as the roster's, and the same lists as Excel sheets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from volunteer_desk.documents import roster_sheet
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.domain import dates, stars
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.committee import (
    BranchQuarter,
    CommitteeService,
    Overview,
    RankedVolunteer,
    ReportStatus,
    made_on,
)
from volunteer_desk.services.database import Database
from volunteer_desk.services.printing import DocumentKind, Option, OptionKind
from volunteer_desk.services.progress import Progress, tell
from volunteer_desk.services.printing.activities import hours
from volunteer_desk.services.printing.review_list import QUARTER, chosen_quarter, period_text
from volunteer_desk.services.setup import SetupService
from volunteer_desk.spreadsheets import xlsx

Cell = str | int | float | None


class Paper(NamedTuple):
    title: str
    subtitle: str
    columns: Sequence[tuple[str, float, bool]]
    rows: list[list[Cell]]
    empty: str  # the warning when there is nothing to list, else ""

# (msgid, relative width, numeric in Excel)
OVERVIEW_COLUMNS = (
    (N_("No."), 4, True), (N_("Organisation"), 16, False), (N_("This quarter's bundle"), 9.5, False),
    (N_("Last bundle received"), 17, False), (N_("Party members"), 6, True), (N_("Volunteers"), 6, True),
    (N_("Served this quarter"), 6.5, True), (N_("Party members taking part"), 8.5, False),
    (N_("Activities held"), 6.5, True), (N_("Participant-times"), 6, True), (N_("Hours"), 7, True),
    (N_("Weeks with an activity"), 11, False),
)
RANKING_COLUMNS = (
    (N_("Rank"), 5, True), (N_("Name"), 10, False), (N_("Own branch"), 26, False), (N_("Times served"), 8, True),
    (N_("Hours"), 9, True), (N_("Volunteer points"), 9, True), (N_("Star level"), 12, False),
)
STATUS = {  # what the list says of the quarter's bundle; √ and × as on paper (the font has no ✓ ✗)
    ReportStatus.ON_TIME: ("√", N_("Sent on time")),
    ReportStatus.LATE: ("√", N_("Sent late")),
    ReportStatus.NOT_YET: ("×", N_("Not sent yet")),
    ReportStatus.OVERDUE: ("×", N_("Overdue, not sent")),
}
CANDIDATES = 20  # places on the candidates' list unless asked otherwise


def status_text(row: BranchQuarter) -> str:
    mark, label = STATUS[row.status]
    return f"{mark} {_(label)}"


def received_text(row: BranchQuarter) -> str:
    received = row.last_received
    if received is None:
        return _("None received")
    text = _("{quarter}, No. {sequence}, made on {date}").format(
        quarter=Quarter.parse(received.period).label, sequence=received.sequence,
        date=dates.format_written(made_on(received)))
    return _("{text} (through {sender})").format(text=text, sender=received.sender) if received.forwarded else text


def ratio_text(ratio: float | None, met: bool | None) -> str:
    if ratio is None:
        return "—"
    return f"{ratio:.0%} {_('Met') if met else _('Not met')}"


def weeks_text(row: BranchQuarter) -> str:
    if not row.weeks_counted:
        return "—"
    missing = row.weeks_counted - row.weeks_with_activity
    verdict = _("Met") if not missing else _("{n} weeks without").format(n=missing)
    return f"{row.weeks_with_activity}/{row.weeks_counted}（{verdict}）"


def overview_rows(overview: Overview) -> list[list[Cell]]:
    """One row per organisation and the 合计 row, hours as numbers."""
    rows: list[list[Cell]] = [
        [serial, row.name, status_text(row), received_text(row), row.party_members, row.volunteers, row.served,
         ratio_text(row.participation_ratio, row.meets_participation_rule), row.activities,
         row.participant_times, hours(row.minutes), weeks_text(row)]
        for serial, row in enumerate(overview.rows, start=1)]
    t = overview.totals
    rows.append([None, _("Total"), _("{sent} of {branches} sent").format(sent=t.sent, branches=t.branches), "",
                 t.party_members, t.volunteers, t.served, ratio_text(t.participation_ratio, t.meets_participation_rule),
                 t.activities, t.participant_times, hours(t.minutes), ""])
    return rows


def ranking_rows(rows: Sequence[RankedVolunteer]) -> list[list[Cell]]:
    return [[r.rank, r.name, r.organisation, r.activities, hours(r.minutes), r.points, stars.label(r.star_level)]
            for r in rows]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _unit(database: Database) -> str:
    return SetupService(database).current().name


def _overview(database: Database, options: Mapping[str, Any], progress: Progress | None,
              today: dt.date | None) -> Paper:
    today = today or dt.date.today()
    quarter = chosen_quarter(options, today)
    overview = CommitteeService(database).overview(quarter, today, lambda done, total: tell(progress, done, total + 1))
    title = _("{unit}{year} Q{n} branches' bundles and work at a glance").format(
        unit=_unit(database), year=quarter.year, n=quarter.number)
    subtitle = "　　".join((period_text(quarter), _("Due by: {date}").format(date=dates.format_written(overview.deadline)),
                           _("Made on: {date}").format(date=dates.format_written(today))))
    return Paper(title, subtitle, OVERVIEW_COLUMNS, overview_rows(overview), "" if overview.rows else _(
        "No branch below this unit has sent a bundle yet; import the branches' bundles first."))


def _ranking(database: Database, options: Mapping[str, Any], progress: Progress | None,
             today: dt.date | None) -> Paper:
    quarter = chosen_quarter(options, today)
    tell(progress, 0, 1)
    rows = CommitteeService(database).ranking(quarter)
    if options.get("only_active", True):  # those with nothing rank last: leaving them out leaves no gap
        rows = tuple(r for r in rows if r.activities or r.minutes or r.points)
    if options.get("limit"):
        rows = rows[:options["limit"]]
    title = _("{unit}{year} Q{n} volunteers ranked across branches").format(
        unit=_unit(database), year=quarter.year, n=quarter.number)
    subtitle = "　　".join((period_text(quarter), _("By points, then hours; {n} people").format(n=len(rows))))
    return Paper(title, subtitle, RANKING_COLUMNS, ranking_rows(rows),
                 "" if rows else _("Nobody served in this quarter; choose another one."))


def _candidates(database: Database, options: Mapping[str, Any], progress: Progress | None,
                today: dt.date | None) -> Paper:
    year = options.get("year") or (today or dt.date.today()).year
    tell(progress, 0, 1)
    rows = CommitteeService(database).candidates(year, options.get("limit") or CANDIDATES)
    title = _("{unit} candidates for outstanding Party-member volunteer of {year}").format(
        unit=_unit(database), year=year)
    subtitle = _("By the year's points, then hours, across all branches; {n} people").format(n=len(rows))
    return Paper(title, subtitle, RANKING_COLUMNS, ranking_rows(rows),
                 "" if rows else _("Nobody served in this year; choose another one."))


def _pdf(gather):
    def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
              today: dt.date | None = None) -> Rendered:
        paper = gather(database, options, progress, today)
        rendered = roster_sheet.render(paper.title, paper.subtitle, [roster_sheet.SheetColumn(_(label), width)
                                                                     for label, width, _n in paper.columns],
                                       [[_text(cell) for cell in row] for row in paper.rows],
                                       lambda done, total: tell(progress, done, total + 1))
        return replace(rendered, warnings=(*rendered.warnings, paper.empty)) if paper.empty else rendered
    return build


def _excel(gather, sheet_name: str):
    def excel(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
              today: dt.date | None = None) -> bytes:
        paper = gather(database, options, progress, today)
        sheet = xlsx.PaperList(title=paper.title, subtitle=paper.subtitle, rows=paper.rows, sheet_name=_(sheet_name),
                               columns=[xlsx.Column(_(label), width, numeric)
                                        for label, width, numeric in paper.columns])
        return xlsx.write([sheet], lambda done, total: tell(progress, done, total + 1))
    return excel


LIMIT = Option("limit", N_("Places listed (0 for all)"), OptionKind.INTEGER, default=0, maximum=100_000)

KINDS = (
    DocumentKind(
        key="committee_overview",
        committees_only=True,
        title=N_("Branches' quarterly bundles and work (committee)"),
        build=_pdf(_overview),
        excel=_excel(_overview, N_("Branches")),
        options=(QUARTER,),
        description=N_("For a committee: every branch below it, whether its bundle for the quarter has arrived "
                       "and in time, and its volunteers, Party members taking part, activities, hours and weeks "
                       "with an activity."),
    ),
    DocumentKind(
        key="committee_ranking",
        committees_only=True,
        title=N_("Volunteers ranked across branches (committee)"),
        build=_pdf(_ranking),
        excel=_excel(_ranking, N_("Ranking")),
        options=(QUARTER, LIMIT,
                 Option("only_active", N_("Only volunteers who served in the quarter"), OptionKind.FLAG,
                        default=True)),
        description=N_("For a committee: the quarter's volunteers of all branches ranked together by points, "
                       "then hours, with each one's branch."),
    ),
    DocumentKind(
        key="committee_candidates",
        committees_only=True,
        title=N_("Commendation candidates across branches (committee)"),
        build=_pdf(_candidates),
        excel=_excel(_candidates, N_("Candidates")),
        options=(Option("year", N_("Year"), OptionKind.YEAR),
                 Option("limit", N_("Places listed"), OptionKind.INTEGER, default=CANDIDATES, minimum=1,
                        maximum=1000)),
        description=N_("For a committee: the year's volunteers of all branches with the most points (then "
                       "hours), to choose the outstanding Party-member volunteers from."),
    ),
)
