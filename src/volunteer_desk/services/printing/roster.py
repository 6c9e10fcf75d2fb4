"""The printed roster (Sheet B): the paper's columns of forms/roster.toml with the roster's own display texts
(mobiles masked unless full numbers are chosen), in 姓氏笔画, pinyin or 入党时间 order, for everyone or one
team or one 职业类型, optionally narrowed by the roster's find text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from volunteer_desk.documents import roster_sheet
from volunteer_desk import strokes
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.formspec import load
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import (
    FULL_NUMBERS,
    DocumentKind,
    Option,
    OptionKind,
    Progress,
    full_numbers_chosen,
    tell,
)
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.services.setup import SetupService
from volunteer_desk.services.teams import TeamService

SORTS = {"strokes": "name_pinyin", "pinyin": "name_pinyin", "joined_party_on": "joined_party_on"}
OCCUPATIONS = load("registration").fields["occupation_type"].choices()
CHUNK = 1000  # rows fetched per query: progress keeps moving and no giant IN (...) list is built


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
          today: dt.date | None = None) -> Rendered:
    order = options.get("order") or "strokes"
    if order not in SORTS:  # the `print` command passes what was typed
        raise InvalidEntry({"order": _(
            "Choose the order: by surname strokes, by name (pinyin) or by date joined the Party.")})
    roster = RosterService(database)
    query = RosterQuery(search=(options.get("search") or "").strip(), sort=SORTS[order],
                        team_id=options.get("team") or None, occupation_type=options.get("occupation") or None)
    full = full_numbers_chosen(database, _described(database, roster, query), options)
    keys = roster.keys(query)
    texts: list[tuple[str, ...]] = []
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        fetched = roster.rows(chunk, full_numbers=full)
        texts.extend(fetched[key][1] for key in chunk)
        tell(progress, len(texts), 2 * len(keys))
    data_keys = [c.key for c in roster.spec.columns if c.show]
    if order == "strokes":
        name = data_keys.index("name")
        texts.sort(key=lambda cells: strokes.sort_key(cells[name]))
    elif order == "joined_party_on":
        # SQLite sorts the blanks first; on paper the Party members come first, then the 入党积极分子 (no date).
        joined = data_keys.index("joined_party_on")
        texts.sort(key=lambda cells: not cells[joined])
    rows = [_paper_row(roster, serial, cells) for serial, cells in enumerate(texts, start=1)]
    columns = [roster_sheet.SheetColumn(c.label, c.width) for c in roster.spec.columns]
    organisation = SetupService(database).current().name
    date = today or dt.date.today()
    rendered = roster_sheet.render(
        f"{organisation}{roster.spec.title}",
        _("Filled in on: {date}").format(date=f"{date.year}年{date.month}月{date.day}日"),
        columns, rows,
        lambda done, total: tell(progress, total + done, 2 * total))
    if query.search and not rows:
        return replace(rendered, warnings=(*rendered.warnings, _(
            "Nobody matches “{text}”, so the roster has no rows. Clear the text to print everyone.").format(
                text=query.search)))
    return rendered


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
        options=(
            Option("order", N_("Order"), OptionKind.CHOICE, default="strokes",
                   choices=(("strokes", N_("By surname strokes (姓氏笔画)")), ("pinyin", N_("By name (pinyin)")),
                            ("joined_party_on", N_("By date joined the Party")))),
            Option("team", N_("Only the members of the team"), OptionKind.TEAM),
            Option("occupation", N_("Only the occupation type"), OptionKind.CHOICE, default="",
                   choices=(("", N_("All occupation types")), *((o.value, o.label) for o in OCCUPATIONS))),
            Option("search", N_("Only those matching (name, pinyin initials, phone)"), OptionKind.TEXT, default=""),
            FULL_NUMBERS,
        ),
        description=N_("The volunteers on landscape A4, the columns of the paper roster, mobile numbers masked."),
    ),
)
