"""The printed 学雷锋党员志愿服务队人员信息登记表 (Sheet C, seed 003): title, the "单位盖章：____ 填报时间：____"
line, a table of exactly `rows_per_page` ruled rows a page (blank ones fill the last page, as on the paper
form), the 备注 under the table on every page, "第 X 页 共 Y 页" at the foot.

The rows have one fixed height, as a ruled paper form does: a cell whose text needs more lines than fit is
set smaller, down to MIN_SIZE; beyond that its last line ends in "…" and a warning names the cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from volunteer_desk.documents import pdf
from volunteer_desk.documents.roster_sheet import SheetColumn, wrap
from volunteer_desk.i18n import _

MM = pdf.MM
MARGIN = 15 * MM
TOP = 14 * MM
BOTTOM = 15 * MM  # above the page-number footer at 8 mm
TITLE_SIZE = 20
SUBTITLE_SIZE = 12
HEADER_SIZE = 11
LABEL_SIZE = 11
BODY_SIZE = 10.5
MIN_SIZE = 7
FOOTNOTE_SIZE = 9.5
LEADING = 1.3
PAD = 1 * MM
LABEL_ROW = 11 * MM
MAX_ROW = 16 * MM  # portrait pages would otherwise get rows taller than anyone writes in
BLANK_LINE = 55 * MM  # the underline of an empty header blank (room for a seal)

__all__ = ["SheetColumn", "TeamSheet", "render"]


@dataclass(frozen=True)
class TeamSheet:
    title: str
    subtitle: str  # under the title, e.g. the team's name; "" for none
    header: Sequence[tuple[str, str]]  # (label, value); an empty value is a blank line to fill or stamp
    columns: Sequence[SheetColumn]
    rows: Sequence[Sequence[str]]  # one text per column, in the columns' order
    rows_per_page: int
    footnote: str
    landscape: bool = True


def render(sheet: TeamSheet, progress: Callable[[int, int], object] | None = None) -> pdf.Rendered:
    """`progress(done, total)` (pages drawn, all pages) is told after each page; it may raise to stop."""
    font = pdf.font()
    pagesize = pdf.LANDSCAPE if sheet.landscape else pdf.PORTRAIT
    page_width, page_height = pagesize
    usable = page_width - 2 * MARGIN
    total = sum(c.width for c in sheet.columns)
    widths = [c.width / total * usable for c in sheet.columns]
    lefts = [MARGIN + sum(widths[:i]) for i in range(len(widths))]
    right = page_width - MARGIN

    def measure_at(size: float) -> Callable[[str], float]:
        return lambda text: stringWidth(text, font, size)

    footnote = wrap(sheet.footnote, usable, measure_at(FOOTNOTE_SIZE)) if sheet.footnote else []
    footnote_height = len(footnote) * FOOTNOTE_SIZE * 1.5 + (3 * MM if footnote else 0)
    y = page_height - TOP - TITLE_SIZE
    title_y = y
    subtitle_y = y - SUBTITLE_SIZE * 1.8
    if sheet.subtitle:
        y = subtitle_y
    header_y = y - 10 * MM
    table_top = header_y - 4 * MM
    body_top = table_top - LABEL_ROW
    row_height = min((body_top - BOTTOM - footnote_height) / sheet.rows_per_page, MAX_ROW)
    table_bottom = body_top - sheet.rows_per_page * row_height

    pages = max(1, -(-len(sheet.rows) // sheet.rows_per_page))
    canvas, buffer = pdf.new_canvas(pagesize, title=sheet.title, numbered=True)
    warnings: list[str] = []

    def fitted(text: str, width: float) -> tuple[list[str], float]:
        """The text's lines and size: the largest size from BODY_SIZE down whose lines fit the row."""
        size = BODY_SIZE
        while True:
            lines = wrap(text, width - 2 * PAD, measure_at(size))
            room = int((row_height - 2 * PAD) // (size * LEADING)) or 1
            if len(lines) <= room:
                return lines, size
            if size - 0.5 < MIN_SIZE:
                warnings.append(_("“{text}” is too long for its cell; the end is cut off on paper.").format(
                    text=text))
                return [*lines[:room - 1], lines[room - 1][:-1] + "…"], size
            size -= 0.5

    def cell(text: str, left: float, width: float, top: float, height: float, size: float | None = None) -> None:
        if size is None:
            lines, size = fitted(text, width)
        else:
            lines = wrap(text, width - 2 * PAD, measure_at(size))
        canvas.setFont(font, size)
        # Centred as a block, vertically and horizontally, as the paper table is.
        baseline = top - (height - len(lines) * size * LEADING) / 2 - size * 1.02
        for line in lines:
            canvas.drawCentredString(left + width / 2, baseline, line)
            baseline -= size * LEADING

    def header_line() -> None:
        step = usable / max(1, len(sheet.header))
        for i, (label, value) in enumerate(sheet.header):
            x = MARGIN + i * step
            text = f"{label}："
            canvas.setFont(font, HEADER_SIZE)
            canvas.drawString(x, header_y, text)
            start = x + stringWidth(text, font, HEADER_SIZE)
            end = start + min(BLANK_LINE, step - stringWidth(text, font, HEADER_SIZE) - 6 * MM)
            if value:
                canvas.drawString(start + 2 * MM, header_y, value)
                end = max(end, start + stringWidth(value, font, HEADER_SIZE) + 4 * MM)
            canvas.line(start, header_y - 1.5, end, header_y - 1.5)

    for page in range(pages):
        canvas.setFont(font, TITLE_SIZE)
        canvas.drawCentredString(page_width / 2, title_y, sheet.title)
        if sheet.subtitle:
            canvas.setFont(font, SUBTITLE_SIZE)
            canvas.drawCentredString(page_width / 2, subtitle_y, sheet.subtitle)
        canvas.setLineWidth(0.6)
        header_line()
        for column, left, width in zip(sheet.columns, lefts, widths, strict=True):
            cell(column.label, left, width, table_top, LABEL_ROW, LABEL_SIZE)
        chunk = sheet.rows[page * sheet.rows_per_page:(page + 1) * sheet.rows_per_page]
        for n, texts in enumerate(chunk):
            top = body_top - n * row_height
            for text, left, width in zip(texts, lefts, widths, strict=True):
                if text:
                    cell(text, left, width, top, row_height)
        canvas.setLineWidth(0.8)
        for n in range(sheet.rows_per_page + 2):  # the top, under the labels, under each row
            ruled = table_top if n == 0 else body_top - (n - 1) * row_height
            canvas.line(MARGIN, ruled, right, ruled)
        for x in [*lefts, right]:
            canvas.line(x, table_top, x, table_bottom)
        canvas.setFont(font, FOOTNOTE_SIZE)
        line_y = table_bottom - 3 * MM - FOOTNOTE_SIZE
        for line in footnote:
            canvas.drawString(MARGIN, line_y, line)
            line_y -= FOOTNOTE_SIZE * 1.5
        canvas.showPage()
        if progress:
            progress(page + 1, pages)
    texts = [t for row in sheet.rows for t in row]
    return pdf.finish(canvas, buffer, [*pdf.unprintable(texts), *dict.fromkeys(warnings)])
