"""季度报表 (reports go up every quarter, due the 28th of its last month; SHEETS.md "Activity records"): portrait
A4 with who reports and when, the quarter's figures against the rules, one row per service team with a
total, and the lines to sign and stamp."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from volunteer_desk.documents import pdf
from volunteer_desk.documents.review_list import (
    BODY_SIZE,
    BOTTOM,
    HEADER_SIZE,
    MARGIN,
    MM,
    TOP,
    Column,
    RuledTable,
    draw_title,
)
from volunteer_desk.i18n import _


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    rule: str = ""  # the requirement it is held against, "" when none
    verdict: str = ""  # 达到 / 未达到 / why it cannot be told


@dataclass(frozen=True)
class TeamLine:
    name: str
    members: int
    activities: int
    participant_times: int
    hours: str


@dataclass(frozen=True)
class QuarterSheet:
    title: str
    unit: str
    filled_on: str  # dates already written out: 2026年6月20日
    due_on: str
    period: str
    figures: tuple[Figure, ...]
    teams: tuple[TeamLine, ...]
    total: TeamLine  # the 合计 row


SIGNATURE_SPACE = 30 * MM
SECTION_SPACE = 12 * MM


def render(sheet: QuarterSheet, progress: Callable[[int, int], object] | None = None) -> pdf.Rendered:
    canvas, buffer = pdf.new_canvas(pdf.PORTRAIT, title=sheet.title, numbered=True)
    canvas.setLineWidth(0.6)
    font = pdf.font()
    page_width, page_height = pdf.PORTRAIT
    y = draw_title(canvas, sheet.title, page_height - TOP, page_width - 2 * MARGIN)
    canvas.setFont(font, BODY_SIZE)
    canvas.drawString(MARGIN, y - BODY_SIZE, _("Reporting unit: {unit}").format(unit=sheet.unit))
    y -= BODY_SIZE * 1.8
    canvas.drawString(MARGIN, y - BODY_SIZE, _("Filled in on: {date}").format(date=sheet.filled_on))
    canvas.drawCentredString(page_width / 2, y - BODY_SIZE, sheet.period)
    canvas.drawRightString(page_width - MARGIN, y - BODY_SIZE, _("Due by: {date}").format(date=sheet.due_on))
    y -= BODY_SIZE + 5 * MM

    y = _heading(canvas, _("1. The quarter at a glance"), y)
    figures = RuledTable(canvas, (Column(_("Item"), 27, left=True), Column(_("Figure"), 13),
                                  Column(_("Requirement"), 40, left=True), Column(_("Assessment"), 16)))
    figures.start(y)
    for figure in sheet.figures:
        figures.row((figure.label, figure.value, figure.rule, figure.verdict))
    figures.close()
    if progress:
        progress(1, 2)

    y = figures.y - 4 * MM
    if y - SECTION_SPACE - 20 * MM < BOTTOM:
        canvas.showPage()
        y = page_height - TOP
    y = _heading(canvas, _("2. Service teams"), y)
    teams = RuledTable(canvas, (Column(_("No."), 6), Column(_("Service team"), 26, left=True),
                                Column(_("Members"), 10), Column(_("Activities held"), 14),
                                Column(_("Participant-times"), 12), Column(_("Hours"), 16)))
    teams.start(y)
    for serial, team in enumerate(sheet.teams, start=1):
        teams.row(_team_cells(str(serial), team))
    if not sheet.teams:
        teams.row(("", _("The unit has no service team yet."), "", "", "", ""))
    teams.row(_team_cells("", sheet.total))
    teams.close()

    y = teams.y - 8 * MM
    if y - SIGNATURE_SPACE < BOTTOM:
        canvas.showPage()
        y = page_height - TOP - 8 * MM
    canvas.setFont(font, BODY_SIZE + 1)
    third = (page_width - 2 * MARGIN) / 3
    for n, label in enumerate((_("Filled in by: __________"), _("Checked by: __________"),
                               _("Unit (seal):"))):
        canvas.drawString(MARGIN + n * third, y - 8 * MM, label)
    canvas.drawRightString(page_width - MARGIN, y - 22 * MM, _("Date: ______ / ____ / ____"))
    canvas.showPage()
    if progress:
        progress(2, 2)
    return pdf.finish(canvas, buffer, pdf.unprintable([sheet.unit, *(team.name for team in sheet.teams)]))


def _team_cells(serial: str, team: TeamLine) -> Sequence[str]:
    return (serial, team.name, str(team.members), str(team.activities), str(team.participant_times), team.hours)


def _heading(canvas, text: str, y: float) -> float:
    canvas.setFont(pdf.font(), HEADER_SIZE + 1.5)
    canvas.drawString(MARGIN, y - HEADER_SIZE - 2, text)
    return y - HEADER_SIZE - 3 * MM
