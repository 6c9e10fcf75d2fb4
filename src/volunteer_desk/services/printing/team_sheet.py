"""学雷锋党员志愿服务队人员信息登记表 (Sheet C, seed 003), laid out by forms/team_sheet.toml: one team's current
members, or everyone on the roster, in pinyin order; ID numbers and mobiles masked unless chosen in full.

服务志愿 is the team's service category when the sheet is for one team (that is what its members serve in),
else the volunteer's own 服务意向. 单位盖章 stays blank for the seal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from volunteer_desk.documents import team_sheet
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.domain import dates
from volunteer_desk.formspec import load
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import FULL_NUMBERS, DocumentKind, Option, OptionKind, full_numbers_chosen
from volunteer_desk.services.progress import Progress, tell
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.services.setup import SetupService
from volunteer_desk.services.teams import TeamInfo, TeamService
from volunteer_desk.spreadsheets import xlsx

SPEC = "team_sheet"
SERVICE_COLUMN = "service"  # the column showing the team's category when printed for a team
CHUNK = 1000  # rows fetched per query, as the roster prints


@dataclass(frozen=True)
class TeamPaper:
    """What the PDF and the Excel sheet both show."""

    title: str
    subtitle: str
    header: list[tuple[str, str]]  # 单位盖章 (blank for the seal), 填报时间
    rows: list[list[str]]
    warnings: tuple[str, ...]


def gather(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> TeamPaper:
    """The sheet's rows; `progress` runs over the first half of the work (the rest is drawing or writing)."""
    roster = RosterService(database, SPEC)
    team = _team(database, options.get("team") or "")
    date = options.get("date") or dt.date.today()
    organisation = SetupService(database).current().name
    title = f"{organisation}{roster.spec.title}"
    full = full_numbers_chosen(database, f"{title}（{team.name}）" if team else title, options)
    keys = roster.keys(RosterQuery(sort="name_pinyin"))
    if team:
        members = {roster.key_of(m.volunteer_id) for m in team.members}
        keys = [key for key in keys if key in members]  # deleted volunteers are on no paper
    rows = _rows(database, roster, keys, team, full, progress)
    values = {"date": dates.format_written(date)}
    warnings = (_("{team} has no members now, so the sheet has only blank rows. Add members on the Teams page."
                  ).format(team=team.name),) if team and not rows else ()
    return TeamPaper(title=title, subtitle=_("Team: {name}").format(name=team.name) if team else "",
                     header=[(item.label, values.get(item.key, "")) for item in roster.spec.header],
                     rows=rows, warnings=warnings)


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> Rendered:
    paper = gather(database, options, progress)
    spec = load(SPEC)
    sheet = team_sheet.TeamSheet(
        title=paper.title, subtitle=paper.subtitle, header=paper.header,
        columns=[team_sheet.SheetColumn(c.label, c.width) for c in spec.columns],
        rows=paper.rows, rows_per_page=spec.rows_per_page or 12, footnote=spec.footnote,
        landscape=spec.orientation == "landscape")
    rendered = team_sheet.render(sheet, lambda done, total: tell(progress, total + done, 2 * total))
    return replace(rendered, warnings=(*rendered.warnings, *paper.warnings))


def excel(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> bytes:
    paper = gather(database, options, progress)
    spec = load(SPEC)
    # The team's name goes under the title; the 单位盖章/填报时间 line stays the paper's.
    sheet = xlsx.PaperList(title=paper.title, subtitle=paper.subtitle, header_line=paper.header, rows=paper.rows,
                           columns=[xlsx.Column(c.label, c.width) for c in spec.columns], footnote=spec.footnote,
                           landscape=spec.orientation == "landscape", sheet_name=spec.title)
    return xlsx.write([sheet], lambda done, total: tell(progress, total + done, 2 * total))


def _team(database: Database, team_id: str) -> TeamInfo | None:
    if not team_id:
        return None
    team = TeamService(database).get(team_id)
    if team is None:
        raise InvalidEntry({"team": _("This team is no longer in the database; choose another one.")})
    return team


def _rows(database: Database, roster: RosterService, keys: list[int], team: TeamInfo | None, full: bool,
          progress: Progress | None) -> list[list[str]]:
    """The paper's texts for each row key, in order: the roster's display texts (masked unless printed in
    full), and 服务志愿 by the team's category."""
    columns = roster.spec.columns
    category = team.category_name if team else ""
    rows: list[list[str]] = []
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        fetched = roster.rows(chunk, full_numbers=full, screen=False)
        for key in chunk:
            texts = iter(fetched[key][1])
            row = []
            for column in columns:
                text = next(texts) if column.show else str(len(rows) + 1)  # a column with no field is 序号
                if column.key == SERVICE_COLUMN and category:
                    text = category
                row.append(text)
            rows.append(row)
        tell(progress, len(rows), 2 * len(keys))
    return rows


KINDS = (
    DocumentKind(
        key="team_sheet",
        title=N_("Lei Feng Party-member volunteer team personnel sheet (Sheet C)"),
        build=build,
        excel=excel,
        options=(
            Option("team", N_("Team (leave empty for every volunteer on the roster)"), OptionKind.TEAM),
            Option("date", N_("Date filled in"), OptionKind.DATE),
            FULL_NUMBERS,
        ),
        description=N_("Sheet C: 12 rows a page with ID number, mobile, service wish and work unit; numbers "
                       "masked unless chosen in full; the unit stamps it."),
    ),
)
