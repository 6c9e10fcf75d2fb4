"""The printed roster (Sheet B): the paper's columns of forms/roster.toml with the roster's own display texts
(mobiles masked unless full numbers are chosen), in 姓氏笔画, pinyin, 入党时间 or team order, for everyone or one
team or one 职业类型, optionally narrowed by the roster's find text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from volunteer_desk import strokes
from volunteer_desk.documents import roster_sheet
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
from volunteer_desk.services.teams import TeamService
from volunteer_desk.spreadsheets import xlsx

SORTS = {"strokes": "name_pinyin", "pinyin": "name_pinyin", "joined_party_on": "joined_party_on",
         "team": "name_pinyin"}
OCCUPATIONS = load("registration").fields["occupation_type"].choices()
SPEC = load("roster")
CHUNK = 1000  # rows fetched per query: progress keeps moving and no giant IN (...) list is built


@dataclass(frozen=True)
class RosterPaper:
    """What the PDF and the Excel list both show: the same rows, order, filters and masking."""

    title: str
    subtitle: str
    rows: list[list[str] | str]  # one text per column of forms/roster.toml, 序号 included; a str heads a team
    warnings: tuple[str, ...]


def gather(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
           today: dt.date | None = None, share: int = 2) -> RosterPaper:
    """The roster's rows; `progress` runs over the first 1/`share` of the work (the rest is the caller's)."""
    order = options.get("order") or "strokes"
    if order not in SORTS:  # the `print` command passes what was typed
        raise InvalidEntry({"order": _(
            "Choose the order: by surname strokes, by name (pinyin), by date joined the Party or by team.")})
    roster = RosterService(database)
    query = RosterQuery(search=(options.get("search") or "").strip(), sort=SORTS[order],
                        team_id=options.get("team") or None, occupation_type=options.get("occupation") or None)
    full = full_numbers_chosen(database, _described(database, roster, query), options)
    keys = roster.keys(query)
    texts: dict[int, tuple[str, ...]] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        fetched = roster.rows(chunk, full_numbers=full, screen=False)
        texts.update((key, fetched[key][1]) for key in chunk)
        tell(progress, len(texts), share * len(keys))
    data_keys = [c.key for c in roster.spec.columns if c.show]
    name, joined = data_keys.index("name"), data_keys.index("joined_party_on")
    in_order = [texts[key] for key in keys]
    if order in ("strokes", "team"):
        in_order.sort(key=lambda cells: strokes.sort_key(cells[name]))
    elif order == "joined_party_on":
        # SQLite sorts the blanks first; on paper the Party members come first, then the 入党积极分子 (no date).
        in_order.sort(key=lambda cells: not cells[joined])
    if order == "team":
        rows = _by_team(database, roster, query, texts, name)
    else:
        rows = [_paper_row(roster, serial, cells) for serial, cells in enumerate(in_order, start=1)]
    date = today or dt.date.today()
    warnings = () if rows or not query.search else (_(
        "Nobody matches “{text}”, so the roster has no rows. Clear the text to print everyone.").format(
            text=query.search),)
    return RosterPaper(
        title=f"{SetupService(database).current().name}{roster.spec.title}",
        subtitle=_("Filled in on: {date}").format(date=dates.format_written(date)),
        rows=rows, warnings=warnings)


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
          today: dt.date | None = None) -> Rendered:
    paper = gather(database, options, progress, today)
    columns = [roster_sheet.SheetColumn(c.label, c.width) for c in SPEC.columns]
    rendered = roster_sheet.render(paper.title, paper.subtitle, columns, paper.rows,
                                   lambda done, total: tell(progress, total + done, 2 * total))
    return replace(rendered, warnings=(*rendered.warnings, *paper.warnings))


def excel(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
          today: dt.date | None = None) -> bytes:
    paper = gather(database, options, progress, today)
    # 序号 (the column showing no field) as a number, so that Excel sorts and sums it as one.
    serial = [not c.show for c in SPEC.columns]
    rows = [row if isinstance(row, str) else [int(text) if serial[i] else text for i, text in enumerate(row)]
            for row in paper.rows]
    sheet = xlsx.PaperList(title=paper.title, subtitle=paper.subtitle, rows=rows,
                           columns=[xlsx.Column(c.label, c.width, numeric=not c.show) for c in SPEC.columns],
                           landscape=SPEC.orientation == "landscape", sheet_name=SPEC.title)
    return xlsx.write([sheet], lambda done, total: tell(progress, total + done, 2 * total))


def _described(database: Database, roster: RosterService, query: RosterQuery) -> str:
    """For the audit log: which roster was printed in full (names of the filters, never a number)."""
    parts = [roster.spec.title]
    if query.team_id:
        team = TeamService(database).get(query.team_id)
        parts.append(team.name if team else query.team_id)
    if query.occupation_type:
        parts.append(query.occupation_type)
    if query.search:
        parts.append(f"“{query.search}”")
    return " ".join(parts)


def _by_team(database: Database, roster: RosterService, query: RosterQuery, texts: dict[int, tuple[str, ...]],
             name: int) -> list[list[str] | str]:
    """Each team's members under its name (brigades, their detachments, then the other teams, as on the
    teams page), in 姓氏笔画 order; someone in two teams is listed in both; those in none come last."""
    rows: list[list[str] | str] = []
    placed: set[int] = set()
    serial = 0

    def section(heading: str, keys: list[int]) -> None:
        nonlocal serial
        members = sorted((k for k in keys if k in texts), key=lambda k: strokes.sort_key(texts[k][name]))
        if not members:
            return
        rows.append(_("{team} ({count})").format(team=heading, count=len(members)))
        for key in members:
            serial += 1
            rows.append(_paper_row(roster, serial, texts[key]))
        placed.update(members)

    def walk(nodes) -> None:
        for node in nodes:
            section(node.name, roster.keys(replace(query, team_id=node.id)))
            walk(node.children)

    walk(TeamService(database).tree())
    section(_("Not in a team"), [k for k in texts if k not in placed])
    return rows


def _paper_row(roster: RosterService, serial: int, cells: tuple[str, ...]) -> list[str]:
    """序号 where the spec has a column showing no field; the roster's texts for the others, in order. The
    screen-only 星级 text at the end of `cells` has no paper column and is left out."""
    data = iter(cells)
    return [next(data) if column.show else str(serial) for column in roster.spec.columns]


KINDS = (
    DocumentKind(
        key="roster",
        title=N_("Volunteer roster (Sheet B)"),
        build=build,
        excel=excel,
        options=(
            Option("order", N_("Order"), OptionKind.CHOICE, default="strokes",
                   choices=(("strokes", N_("By surname strokes (姓氏笔画)")), ("pinyin", N_("By name (pinyin)")),
                            ("joined_party_on", N_("By date joined the Party")), ("team", N_("By team")))),
            Option("team", N_("Only the members of the team"), OptionKind.TEAM),
            Option("occupation", N_("Only the occupation type"), OptionKind.CHOICE, default="",
                   choices=(("", N_("All occupation types")), *((o.value, o.label) for o in OCCUPATIONS))),
            Option("search", N_("Only those matching (name, pinyin initials, phone)"), OptionKind.TEXT, default=""),
            FULL_NUMBERS,
        ),
        description=N_("The volunteers on landscape A4, the columns of the paper roster, mobile numbers masked."),
    ),
)
