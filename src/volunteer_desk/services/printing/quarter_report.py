"""季度报表: ReportService's quarter report and the unit's participation, held against the rules (at least
one activity a week, every volunteer every week, at least half the Party members taking part)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from volunteer_desk.documents import quarter_report
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.documents.quarter_report import Figure
from volunteer_desk.domain import calendar, dates
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.printing import DocumentKind
from volunteer_desk.services.progress import Progress
from volunteer_desk.services.printing.activities import hours
from volunteer_desk.services.printing.review_list import (
    QUARTER,
    chosen_quarter,
    period_text,
    quarter_title,
    tell,
)
from volunteer_desk.services.reports import QuarterReport, ReportService, UnitSummary
from volunteer_desk.services.setup import SetupService
from volunteer_desk.spreadsheets import xlsx
from volunteer_desk.storage import reports as store


def weeks_with_activity(database: Database, org_id: str, quarter: Quarter, today: dt.date) -> tuple[int, int]:
    """(weeks with at least one live activity, weeks counted): the quarter's Monday-to-Sunday weeks begun by
    `today`, each cut to the days inside the quarter (a week across two quarters counts in both)."""
    monday = calendar.week_start(quarter.start)
    last_day = min(quarter.end, today)
    held = counted = 0
    with database.sessions() as session:
        while monday <= last_day:
            first, last = max(monday, quarter.start), min(monday + dt.timedelta(days=6), quarter.end)
            counted += 1
            held += store.activity_count(session, org_id, first, last) > 0
            monday += dt.timedelta(weeks=1)
    return held, counted


def gather(database: Database, options: Mapping[str, Any], progress: Progress | None,
           today: dt.date) -> tuple[quarter_report.QuarterSheet, QuarterReport]:
    quarter = chosen_quarter(options, today)
    tell(progress, 0, 3)
    reports = ReportService(database)
    report = reports.quarter_report(quarter)
    unit = next(u for u in reports.unit_summaries(quarter) if u.org_id == report.org_id)
    weeks = weeks_with_activity(database, report.org_id, quarter, today)
    tell(progress, 1, 3)
    teams = tuple(quarter_report.TeamLine(t.name, t.members, t.activities, t.participant_times,
                                          format_hours(t.minutes)) for t in report.team_rows)
    # The 合计 row adds up the columns as the paper does: someone in two teams counts in both.
    total = quarter_report.TeamLine(
        _("Total"), sum(t.members for t in report.team_rows), sum(t.activities for t in report.team_rows),
        sum(t.participant_times for t in report.team_rows), format_hours(sum(t.minutes for t in report.team_rows)))
    sheet = quarter_report.QuarterSheet(
        title=quarter_title(database, quarter, _("report")), unit=SetupService(database).current().name,
        filled_on=dates.format_written(today), due_on=dates.format_written(calendar.report_deadline(quarter)),
        period=period_text(quarter), figures=figures(report, unit, weeks), teams=teams, total=total)
    return sheet, report


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
          today: dt.date | None = None) -> Rendered:
    sheet, _report = gather(database, options, progress, today or dt.date.today())
    return quarter_report.render(sheet, lambda done, _parts: tell(progress, 1 + done, 3))


def excel(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
          today: dt.date | None = None) -> bytes:
    """Two sheets: the figures against the rules, and the service teams' table with its 合计 row; the date
    line carries the unit, the period and the deadline, as the paper's does."""
    sheet, report = gather(database, options, progress, today or dt.date.today())
    dates = "　　".join((_("Reporting unit: {unit}").format(unit=sheet.unit), sheet.period,
                        _("Filled in on: {date}").format(date=sheet.filled_on),
                        _("Due by: {date}").format(date=sheet.due_on)))
    glance = xlsx.PaperList(
        title=sheet.title, subtitle=dates, landscape=False, sheet_name=_("1. The quarter at a glance"),
        columns=[xlsx.Column(_("Item"), 27), xlsx.Column(_("Figure"), 13), xlsx.Column(_("Requirement"), 40),
                 xlsx.Column(_("Assessment"), 16)],
        rows=[(f.label, f.value, f.rule, f.verdict) for f in sheet.figures])
    lines = [[serial, t.name, t.members, t.activities, t.participant_times, hours(t.minutes)]
             for serial, t in enumerate(report.team_rows, start=1)]
    total = sheet.total
    lines.append([None, total.name, total.members, total.activities, total.participant_times,
                  hours(sum(t.minutes for t in report.team_rows))])
    teams = xlsx.PaperList(
        title=sheet.title, subtitle=dates, landscape=False, sheet_name=_("2. Service teams"),
        columns=[xlsx.Column(_("No."), 6, True), xlsx.Column(_("Service team"), 26),
                 xlsx.Column(_("Members"), 10, True), xlsx.Column(_("Activities held"), 14, True),
                 xlsx.Column(_("Participant-times"), 12, True), xlsx.Column(_("Hours"), 16, True)],
        rows=lines)
    return xlsx.write([glance, teams], lambda done, _rows: tell(progress, 2, 3))


def figures(report: QuarterReport, unit: UnitSummary, weeks: tuple[int, int]) -> tuple[Figure, ...]:
    held, counted = weeks
    ratio = "—" if unit.participation_ratio is None else f"{unit.participation_ratio:.0%}"
    return (
        Figure(_("Party members"), str(unit.party_members)),
        Figure(_("Registered volunteers"), str(report.volunteers)),
        Figure(_("Volunteers who served this quarter"), str(unit.served),
               _("Every volunteer serves at least once a week"),
               _verdict(unit.served >= report.volunteers if report.volunteers else None,
                        _("{n} did not serve").format(n=report.volunteers - unit.served))),
        Figure(_("Party members taking part"), ratio, _("At least half of the unit's Party members"),
               _verdict(unit.meets_participation_rule, _("Not met"), _("Party members not filled in"))),
        Figure(_("Activities held"), str(report.activities)),
        Figure(_("Weeks with an activity"), f"{held}/{counted}", _("At least one activity a week"),
               _verdict(held >= counted if counted else None,
                        _("{n} weeks without").format(n=counted - held))),
        Figure(_("Participant-times"), str(report.participant_times)),
        Figure(_("Total service hours"), format_hours(report.minutes)),
        Figure(_("People served in the quarter"), _("{served} (of {registered} on record)").format(
            served=report.people_served, registered=report.people_registered)),
        Figure(_("Problems solved"), str(report.problems_solved)),
        Figure(_("Service teams"), str(report.teams)),
        Figure(_("Brand projects (count)"), str(report.brand_projects)),
    )


def _verdict(met: bool | None, failed: str, unknown: str = "—") -> str:
    return unknown if met is None else _("Met") if met else failed


KINDS = (
    DocumentKind(
        key="quarter_report",
        title=N_("Quarterly report"),
        build=build,
        excel=excel,
        options=(QUARTER,),
        description=N_("The quarter's figures against the rules and each service team's work, with lines to "
                       "sign and stamp; due the 28th of the quarter's last month."),
    ),
)
