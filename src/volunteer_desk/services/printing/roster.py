"""The printed roster (Sheet B): the paper's columns of forms/roster.toml with the roster's own display texts
(ID numbers and mobiles masked), in pinyin or 入党时间 order, optionally narrowed by the roster's find text.

Not offered: 姓氏笔画 order. It needs per-character stroke counts and stroke order (横竖撇点折) from a
maintained source whose licence suits this proprietary program; none is bundled yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from volunteer_desk.documents import roster_sheet
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import DocumentKind, Option, OptionKind, Progress, tell
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.services.setup import SetupService

SORTS = {"pinyin": "name_pinyin", "joined_party_on": "joined_party_on"}
CHUNK = 1000  # rows fetched per query: progress keeps moving and no giant IN (...) list is built


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
          today: dt.date | None = None) -> Rendered:
    order = options.get("order") or "pinyin"
    if order not in SORTS:  # the `print` command passes what was typed
        raise InvalidEntry({"order": _("Choose the order: by name (pinyin) or by date joined the Party.")})
    roster = RosterService(database)
    query = RosterQuery(search=(options.get("search") or "").strip(), sort=SORTS[order])
    keys = roster.keys(query)
    texts: list[tuple[str, ...]] = []
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        fetched = roster.rows(chunk)
        texts.extend(fetched[key][1] for key in chunk)
        tell(progress, len(texts), 2 * len(keys))
    if query.sort == "joined_party_on":
        # SQLite sorts the blanks first; on paper the Party members come first, then the 入党积极分子 (no date).
        joined = [c.key for c in roster.spec.columns if c.show].index("joined_party_on")
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
            Option("order", N_("Order"), OptionKind.CHOICE, default="pinyin",
                   choices=(("pinyin", N_("By name (pinyin)")), ("joined_party_on", N_("By date joined the Party")))),
            Option("search", N_("Only those matching (name, pinyin initials, phone)"), OptionKind.TEXT, default=""),
        ),
        description=N_("All volunteers on landscape A4, the columns of the paper roster, mobile numbers masked."),
    ),
)
