"""The printed 党员志愿者名册 (Sheet B, seed 002 附件2): landscape A4, one ruled row per volunteer, the header
row again on every page, "第 X 页 共 Y 页" at the foot.

Drawn straight on the canvas rather than with platypus: a 3,000-row roster must come out in well under
2.5 s, and a Table of Paragraphs is several times slower. Long cells wrap by character (hanzi have no
spaces to break at) and the row grows to fit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from volunteer_desk.documents import pdf

MM = pdf.MM
MARGIN = 12 * MM
TOP = 14 * MM
BOTTOM = 16 * MM  # leaves room for the page-number footer at 8 mm
TITLE_SIZE = 18
HEADER_SIZE = 10
BODY_SIZE = 9
LEADING = 1.3  # line height as a multiple of the font size
PAD = 1.2 * MM


@dataclass(frozen=True)
class SheetColumn:
    label: str
    width: float  # relative: the columns share the page's width in these proportions


NO_LINE_START = set("、，。；：）》”’！？")  # kept on the line before, as Chinese typesetting does


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Lines of `text` no wider than `width` points, broken between any two characters."""
    if measure(text) <= width:
        return [text]
    lines, line, used = [], "", 0.0
    for char in text:
        char_width = measure(char)
        if line and used + char_width > width and char not in NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0.0
            if char == " ":
                continue
        line += char
        used += char_width
    lines.append(line)
    return lines


def render(title: str, subtitle: str, columns: Sequence[SheetColumn], rows: Sequence[Sequence[str] | str],
           progress: Callable[[int, int], object] | None = None) -> pdf.Rendered:
    """`rows` hold one display text per column, in the columns' order (序号 included); a row that is one str
    is a heading across the table (a team's name). `progress(done, total)` (rows drawn so far, all rows) is
    told at each new page; it may raise to stop."""
    font = pdf.font()
    page_width, page_height = pdf.LANDSCAPE
    total = sum(c.width for c in columns)
    widths = [c.width / total * (page_width - 2 * MARGIN) for c in columns]
    lefts = [MARGIN + sum(widths[:i]) for i in range(len(widths))]
    canvas, buffer = pdf.new_canvas(pdf.LANDSCAPE, title=title, numbered=True)
    canvas.setLineWidth(0.6)
    widths_of: dict[tuple[str, float], float] = {}  # rosters repeat 男, 大学本科, 尊老服务…: measure each once

    def measure_at(size: float) -> Callable[[str], float]:
        def measure(text: str) -> float:
            known = widths_of.get((text, size))
            if known is None:
                known = widths_of[text, size] = stringWidth(text, font, size)
            return known
        return measure

    def cells(texts: Sequence[str], size: float) -> tuple[list[list[str]], float]:
        measure = measure_at(size)
        wrapped = [wrap(t, w - 2 * PAD, measure) for t, w in zip(texts, widths, strict=True)]
        return wrapped, max(len(lines) for lines in wrapped) * size * LEADING + 2 * PAD

    def draw_row(wrapped: list[list[str]], height: float, top: float, size: float) -> None:
        measure = measure_at(size)
        text = canvas.beginText()  # one text object per row: far cheaper than a drawString per cell
        text.setFont(font, size)
        for lines, left, width in zip(wrapped, lefts, widths, strict=True):
            # Each cell's lines centred as a block, vertically and horizontally, as the paper table does.
            y = top - (height - len(lines) * size * LEADING) / 2 - size * 1.02
            for line in lines:
                text.setTextOrigin(left + (width - measure(line)) / 2, y)
                text.textOut(line)
                y -= size * LEADING
        canvas.drawText(text)
        canvas.line(MARGIN, top - height, page_width - MARGIN, top - height)

    headings: list[tuple[float, float]] = []  # (top, bottom) of this page's heading rows: no column lines there

    def close_page(table_top: float, bottom: float) -> None:
        inner = lefts[1:]
        top = table_top
        for heading_top, heading_bottom in headings:
            for x in inner:
                canvas.line(x, top, x, heading_top)
            top = heading_bottom
        for x in inner:
            canvas.line(x, top, x, bottom)
        for x in (MARGIN, page_width - MARGIN):
            canvas.line(x, table_top, x, bottom)
        canvas.line(MARGIN, table_top, page_width - MARGIN, table_top)
        headings.clear()
        canvas.showPage()

    def draw_heading(text: str, top: float) -> float:
        height = HEADER_SIZE * LEADING + 2 * PAD
        canvas.setFillColorRGB(0.93, 0.93, 0.93)
        canvas.rect(MARGIN, top - height, page_width - 2 * MARGIN, height, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(font, HEADER_SIZE)
        canvas.drawString(MARGIN + 2 * PAD, top - height + PAD + 0.25 * HEADER_SIZE, text)
        canvas.line(MARGIN, top - height, page_width - MARGIN, top - height)
        headings.append((top, top - height))
        return height

    header, header_height = cells([c.label for c in columns], HEADER_SIZE)
    page_top = page_height - TOP
    canvas.setFont(font, TITLE_SIZE)
    canvas.drawCentredString(page_width / 2, page_top - TITLE_SIZE, title)
    canvas.setFont(font, HEADER_SIZE)
    canvas.drawRightString(page_width - MARGIN, page_top - TITLE_SIZE - 9 * MM + HEADER_SIZE, subtitle)
    table_top = page_top - TITLE_SIZE - 10 * MM
    draw_row(header, header_height, table_top, HEADER_SIZE)
    y = table_top - header_height
    for done, texts in enumerate(rows):
        if isinstance(texts, str):
            wrapped, height = None, HEADER_SIZE * LEADING + 2 * PAD
        else:
            wrapped, height = cells(texts, BODY_SIZE)
        kept_with_next = BODY_SIZE * LEADING + 2 * PAD if wrapped is None else 0  # no heading alone at the foot
        if y - height - kept_with_next < BOTTOM:
            close_page(table_top, y)
            if progress:
                progress(done, len(rows))
            table_top = page_top
            draw_row(header, header_height, table_top, HEADER_SIZE)
            y = table_top - header_height
        if wrapped is None:
            draw_heading(texts, y)
        else:
            draw_row(wrapped, height, y, BODY_SIZE)
        y -= height
    close_page(table_top, y)
    return pdf.finish(canvas, buffer, pdf.unprintable(
        t for row in rows for t in ([row] if isinstance(row, str) else row)))
