"""A paper list as an Excel sheet: the title row merged across the columns, a date line, the ruled header
row, ruled data rows in the paper's relative column widths, the header frozen on screen and repeated on
every printed A4 page, "第 X 页 共 Y 页" at the foot.

Every text is written with write_string, so a volunteer named "=1+1" or an experience "@SUM(A1)" stays
text; those cells also get Excel's quote prefix, so editing them later in Excel or WPS keeps them text.
Numbers are written as numbers only in the columns declared numeric (hours, counts), so sums work.

The workbook's default font is 宋体 (SimSun): it is on every Chinese Windows since XP and in WPS, and it
is the face of official paperwork; 等线, Excel 2016's default, is missing on older machines.

Not XlsxWriter's constant_memory: it writes every cell as an inline string, which made a 100,000-row roster
take 14.7 s here against 9.6 s with the shared string table (男, 大学本科, 尊老服务 stored once), at the cost of
about 150 MB while the file is made.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from volunteer_desk.i18n import _

FONT = "宋体"
FONT_SIZE = 11
TITLE_SIZE = 18
A4 = 9  # XlsxWriter's set_paper code
# Characters across the printable width at 11 pt: the relative widths are scaled to fill it, so the paper's
# proportions hold and "fit to one page wide" barely has to shrink anything.
CHARACTERS_ACROSS = {True: 150, False: 100}
MARGIN_INCHES = 0.5  # about 12 mm, as the PDFs
FOOTER = "&C第 &P 页 共 &N 页"
UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")  # what Excel and WPS would take for the start of a formula
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    label: str
    width: float  # relative, as forms/*.toml `width`: the columns share the page's width in these proportions
    numeric: bool = False  # numbers written as numbers (None leaves the cell empty)
    as_text: bool = False  # cells formatted as text, so Excel keeps what is typed (ID numbers, phones) as it is
    choices: tuple[str, ...] = ()  # a drop-down list on the column's cells
    only_choices: bool = True  # refuse other entries (else warn and allow: several 服务意向 joined with 、)


@dataclass(frozen=True)
class PaperList:
    """One sheet. `rows` hold one value per column; text columns take str (anything else is written as its
    str()), numeric columns int, float or None. A row that is one str is a heading across the table."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell] | str]
    subtitle: str = ""  # the date line under the title
    header_line: Sequence[tuple[str, str]] = ()  # (label, value) pairs above the table: 单位盖章, 填报时间
    footnote: str = ""  # a merged row under the table: Sheet C's 备注
    landscape: bool = True
    sheet_name: str = ""  # the tab's name; the title when empty
    blank_rows: int = 0  # ruled, formatted and with the drop-downs, for filling in (an import template)


def write(sheets: Sequence[PaperList], progress: Callable[[int, int], object] | None = None) -> bytes:
    """The .xlsx file's bytes, one sheet per list. `progress(rows written, all rows)` is told every 1,000 rows
    and may raise to stop."""
    buffer = io.BytesIO()
    import xlsxwriter  # 30 ms: imported when a workbook is written, not when the program starts

    workbook = xlsxwriter.Workbook(buffer, {
        "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False, "default_format_properties": {"font_name": FONT, "font_size": FONT_SIZE}})
    styles = _styles(workbook)
    total = sum(len(sheet.rows) for sheet in sheets)
    done = 0
    names: set[str] = set()
    for sheet in sheets:
        done = _write_sheet(workbook, styles, sheet, _sheet_name(sheet.sheet_name or sheet.title, names),
                            progress, done, total)
    workbook.close()
    return buffer.getvalue()


def _styles(workbook) -> dict:
    ruled = {"border": 1, "valign": "vcenter", "text_wrap": True}
    return {
        "title": workbook.add_format({"bold": True, "font_size": TITLE_SIZE, "align": "center", "valign": "vcenter"}),
        "subtitle": workbook.add_format({"align": "right", "valign": "vcenter"}),
        "line": workbook.add_format({"align": "left", "valign": "vcenter"}),
        "header": workbook.add_format({**ruled, "bold": True, "align": "center", "bg_color": "#D9D9D9"}),
        "text": workbook.add_format(ruled),
        "quoted": workbook.add_format({**ruled, "quote_prefix": True}),
        "number": workbook.add_format({**ruled, "align": "right"}),
        "footnote": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "heading": workbook.add_format({**ruled, "bold": True, "bg_color": "#EDEDED"}),
        "as_text": workbook.add_format({"num_format": "@"}),
        "as_text_cell": workbook.add_format({**ruled, "num_format": "@"}),
    }


def _sheet_name(wanted: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = SHEET_NAME_FORBIDDEN.sub("", wanted).strip("'")[:31] or "Sheet"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f"({number})"
        name, number = base[:31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _write_sheet(workbook, styles: dict, sheet: PaperList, name: str, progress, done: int, total: int) -> int:
    worksheet = workbook.add_worksheet(name)
    last = len(sheet.columns) - 1
    scale = CHARACTERS_ACROSS[sheet.landscape] / (sum(c.width for c in sheet.columns) or 1)
    for index, column in enumerate(sheet.columns):
        worksheet.set_column(index, index, round(column.width * scale, 1), styles["as_text"] if column.as_text else None)
    row = 0
    worksheet.set_row(row, 36)
    _merged(worksheet, row, last, sheet.title, styles["title"])
    row += 1
    if sheet.subtitle:
        _merged(worksheet, row, last, sheet.subtitle, styles["subtitle"])
        row += 1
    if sheet.header_line:
        _header_line(worksheet, row, last, sheet.header_line, styles["line"])
        row += 1
    header = row
    for index, column in enumerate(sheet.columns):
        worksheet.write_string(header, index, column.label, styles["header"])
    numeric = [column.numeric for column in sheet.columns]
    write_string, write_number, write_blank = worksheet.write_string, worksheet.write_number, worksheet.write_blank
    text, quoted, number = styles["text"], styles["quoted"], styles["number"]
    for row, values in enumerate(sheet.rows, start=header + 1):
        if isinstance(values, str):  # a heading across the table: a team's name
            _merged(worksheet, row, last, values, styles["heading"])
            done += 1
            continue
        for index, value in enumerate(values):
            if value is None or value == "":
                write_blank(row, index, None, number if numeric[index] else text)
            elif numeric[index] and isinstance(value, int | float):
                write_number(row, index, value, number)
            else:
                value = str(value)
                write_string(row, index, value, quoted if value.startswith(UNSAFE_START) else text)
        done += 1
        if progress and done % 1000 == 0:
            progress(done, total)
    for row in range(header + len(sheet.rows) + 1, header + len(sheet.rows) + sheet.blank_rows + 1):
        for index, column in enumerate(sheet.columns):
            write_blank(row, index, None, styles["as_text_cell"] if column.as_text else text)
    _drop_downs(worksheet, sheet.columns, header + 1, header + len(sheet.rows) + sheet.blank_rows)
    if sheet.footnote:
        row = max(row, header) + 1
        worksheet.set_row(row, 15 * (1 + len(sheet.footnote) // max(1, CHARACTERS_ACROSS[sheet.landscape] // 2)))
        _merged(worksheet, row, last, sheet.footnote, styles["footnote"])
    worksheet.freeze_panes(header + 1, 0)
    worksheet.repeat_rows(header)
    worksheet.set_paper(A4)
    if sheet.landscape:
        worksheet.set_landscape()
    else:
        worksheet.set_portrait()
    worksheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as the rows need
    worksheet.center_horizontally()
    worksheet.set_margins(left=MARGIN_INCHES, right=MARGIN_INCHES, top=0.6, bottom=0.7)
    worksheet.set_footer(FOOTER)
    return done


def _drop_downs(worksheet, columns: Sequence[Column], first: int, last: int) -> None:
    for index, column in enumerate(columns):
        if not column.choices or last < first or len("，".join(column.choices)) > 255:  # Excel's limit for a list
            continue
        worksheet.data_validation(first, index, last, index, {
            "validate": "list", "source": list(column.choices),
            "error_type": "stop" if column.only_choices else "warning",
            "error_title": column.label,
            "error_message": _("Choose from the drop-down list.") if column.only_choices else _(
                "Not in the drop-down list. Separate several with 、.")})


def _merged(worksheet, row: int, last: int, text: str, style) -> None:
    if last > 0:
        worksheet.merge_range(row, 0, row, last, "", style)
    worksheet.write_string(row, 0, text, style)


def _header_line(worksheet, row: int, last: int, items: Sequence[tuple[str, str]], style) -> None:
    """The pairs side by side, each over an equal share of the columns: 单位盖章：        填报时间：2026年3月5日."""
    share = (last + 1) // len(items)
    for number, (label, value) in enumerate(items):
        first = number * share
        end = last if number == len(items) - 1 else first + share - 1
        text = f"{label}：{value}"
        if end > first:
            worksheet.merge_range(row, first, row, end, "", style)
        worksheet.write_string(row, first, text, style)
