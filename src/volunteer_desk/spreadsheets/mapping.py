"""Which row of a sheet is its header, and which column goes into which field.

Real rosters start with a merged title row ("XX支部党员志愿者名册") and a date line, and some have a group
header ("联系方式") over sub-headers ("手机", "单位电话"). The header is the row (or pair of rows) whose cells
match the most fields, by the `excel` aliases of forms/registration.toml and the column labels of the lists
printed from it (forms/roster.toml, forms/team_sheet.toml), so a list exported by this program comes back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from volunteer_desk.formspec.spec import FormSpec, ListSpec, load_all

WORK_UNIT_POSITION = "work_unit_position"  # 工作单位及职务: cleaning splits it into work_unit and position
SERIAL = "serial"  # 序号: recognised as part of a header, never imported
SCAN_ROWS = 30
_COMBINED = ("工作单位及职务", "单位及职务", "工作单位和职务", "工作单位/职务", "单位职务")
# "（选填）", "(18位)", "【必填】", "*": notes in a header that say nothing about the field.
_NOTE = re.compile(r"[(\[【<《][^)\]】>》]*[)\]】>》]|[*＊:：]")
_LOOSE_EXTRA = 6  # a header may say more than its alias ("联系电话（手机）"), but a title row says far more


@dataclass(frozen=True)
class Mapping:
    header_rows: tuple[int, ...]  # 0-based row indices: one row, or a group row over its sub-header row
    columns: dict[int, str]  # 0-based column index → field key, or WORK_UNIT_POSITION
    headers: dict[int, str]  # every header text by column, mapped or not
    first_data_row: int


def normalise(text: str) -> str:
    """A header as compared: half-width, no spaces or line breaks, no notes, upper case (QQ, Email)."""
    text = unicodedata.normalize("NFKC", text)
    return _NOTE.sub("", "".join(text.split())).upper()


def aliases(form: FormSpec) -> dict[str, str]:
    """Normalised header text → target key."""
    found: dict[str, str] = {}
    for key, field in form.fields.items():
        for alias in (*field.excel, form.label(key)):
            found.setdefault(normalise(alias), key)
    for spec in load_all().values():
        if isinstance(spec, ListSpec) and spec.fields_from == form.id:
            for column in spec.columns:
                target = {(): SERIAL, ("work_unit", "position"): WORK_UNIT_POSITION}.get(
                    column.show, column.show[-1] if column.show else SERIAL)
                found.setdefault(normalise(column.label), target)
    for alias in _COMBINED:
        found.setdefault(normalise(alias), WORK_UNIT_POSITION)
    found.setdefault("序号", SERIAL)
    return found


def _match(text: object, known: dict[str, str]) -> str | None:
    if not isinstance(text, str):
        return None
    key = normalise(text)
    if not key:
        return None
    exact = known.get(key)
    if exact:
        return exact
    loose = [alias for alias in known if len(alias) >= 2 and alias in key and len(key) <= len(alias) + _LOOSE_EXTRA]
    return known[max(loose, key=len)] if loose else None


def _cell(row: list[object], column: int) -> object:
    value = row[column] if column < len(row) else None
    return value if not (isinstance(value, str) and not value.strip()) else None


def _targets(rows: list[list[object]], known: dict[str, str]) -> dict[int, str]:
    """Column → target for a header of one row or of (group row, sub-header row): the sub-header wins."""
    width = max(len(r) for r in rows)
    matched: dict[int, str] = {}
    for column in range(width):
        for row in reversed(rows):
            target = _match(_cell(row, column), known)
            if target:
                matched[column] = target
                break
    return matched


def _pair_allowed(top: list[object], sub: list[object], known: dict[str, str]) -> bool:
    """Under a real two-row header, a header spanning both rows leaves the lower cell empty; a recognised
    header over an unrecognised value is a header over its first data row."""
    for column in range(min(len(top), len(sub))):
        if _match(_cell(top, column), known) and _cell(sub, column) is not None \
                and not _match(_cell(sub, column), known):
            return False
    return True


def _score(targets: dict[int, str]) -> int:
    return len(set(targets.values()) - {SERIAL})


def find_header(rows: list[list[object]], form: FormSpec) -> Mapping | None:
    known = aliases(form)
    scan = rows[:SCAN_ROWS]
    single = [_targets([row], known) if row else {} for row in scan]
    best = max(range(len(scan)), key=lambda i: (_score(single[i]), -i), default=None)
    if best is None or _score(single[best]) < 2:
        return None
    header_rows, targets = (best,), single[best]
    for top, sub in ((best - 1, best), (best, best + 1)):
        if top < 0 or sub >= len(rows) or not rows[top] or not rows[sub]:
            continue
        if not _pair_allowed(rows[top], rows[sub], known):
            continue
        paired = _targets([rows[top], rows[sub]], known)
        if _score(paired) > _score(targets):
            header_rows, targets = (top, sub), paired
    headers: dict[int, str] = {}
    for index in header_rows:  # the sub-header row comes last and wins
        for column, value in enumerate(rows[index]):
            if _cell(rows[index], column) is not None:
                headers[column] = " ".join(str(value).split())
    columns: dict[int, str] = {}
    for column in sorted(targets):
        if targets[column] != SERIAL and targets[column] not in columns.values():
            columns[column] = targets[column]  # a second column for the same field is left for the person
    return Mapping(header_rows=header_rows, columns=columns, headers=headers, first_data_row=header_rows[-1] + 1)


def layout_key(mapping: Mapping) -> str:
    """The same for every file with the same header texts in the same columns."""
    text = "\x1f".join(f"{column}={normalise(mapping.headers[column])}" for column in sorted(mapping.headers))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def with_column(mapping: Mapping, column: int, target: str | None) -> Mapping:
    """The mapping with `column` going into `target` (None: not imported). A field comes from one column,
    so a column that held `target` before lets go of it."""
    columns = {c: t for c, t in mapping.columns.items() if c != column and t != target}
    if target:
        columns[column] = target
    return dataclasses.replace(mapping, columns=dict(sorted(columns.items())))
