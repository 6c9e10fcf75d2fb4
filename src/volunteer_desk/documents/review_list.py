"""The quarter's 晾晒榜 (每季"一评议、一晾晒", SHEETS.md "Activity records"): portrait A4 to post on the
wall, the ranking with each volunteer's service, points, stars and the branch's comment, the header row on every
page, and a foot line for the publication dates and the supervision phone. Names only: no ID numbers or
phones on a public list.

Also home to the ruled table and the fitted title that the quarterly report (quarter_report.py) draws with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from volunteer_desk.documents import pdf
from volunteer_desk.documents.roster_sheet import wrap
from volunteer_desk.i18n import N_, _

MM = pdf.MM
MARGIN = 16 * MM
TOP = 16 * MM
BOTTOM = 18 * MM  # leaves room for the page-number footer at 8 mm
TITLE_SIZE, MIN_TITLE_SIZE = 18, 14  # a long unit name shrinks the title, then wraps it
HEADER_SIZE = 10.5
BODY_SIZE = 10
LEADING = 1.35
PAD = 1.5 * MM


class ReviewLine(NamedTuple):
    """One volunteer on the list, as printed."""
    rank: int
    name: str
    activities: int
    hours: str  # already formatted: "12.5"
    points: str
    stars: str  # "★★\n二星志愿者", or "" below one star; a "\n" in any cell starts a new line
    comment: str  # the branch's 评议意见, "" when none


@dataclass(frozen=True)
class Column:
    label: str
    width: float  # relative: the columns share the table's width in these proportions
    left: bool = False  # long text reads better from the left; short figures sit centred


def draw_title(canvas: Canvas, title: str, top: float, width: float) -> float:
    """The title centred below `top`, shrunk to fit on one line or, for a very long unit name, wrapped;
    returns the y under it."""
    font = pdf.font()
    size = max(MIN_TITLE_SIZE, min(TITLE_SIZE, TITLE_SIZE * width / stringWidth(title, font, TITLE_SIZE)))
    lines = wrap(title, width, lambda text: stringWidth(text, font, size))
    canvas.setFont(font, size)
    y = top
    for line in lines:
        y -= size * 1.3
        canvas.drawCentredString(pdf.PORTRAIT[0] / 2, y, line)
    return y - size * 0.4


class RuledTable:
    """A ruled table drawn straight on a portrait canvas; a row that does not fit starts a new page with the
    header row again. Cells wrap by character and a row grows to fit its tallest cell."""

    def __init__(self, canvas: Canvas, columns: Sequence[Column],
                 on_new_page: Callable[[], object] | None = None):
        self.canvas = canvas
        self.columns = columns
        self._on_new_page = on_new_page
        self._font = pdf.font()
        page_width = pdf.PORTRAIT[0]
        total = sum(c.width for c in columns)
        self._widths = [c.width / total * (page_width - 2 * MARGIN) for c in columns]
        self._lefts = [MARGIN + sum(self._widths[:i]) for i in range(len(columns))]
        self._right = page_width - MARGIN
        self._top = self.y = 0.0

    def start(self, top: float) -> None:
        self._top = self.y = top
        self._row([c.label for c in self.columns], HEADER_SIZE, header=True)

    def row(self, texts: Sequence[str]) -> None:
        if self.y - self._height(texts, BODY_SIZE) < BOTTOM:
            self.new_page()
        self._row(texts, BODY_SIZE)

    def new_page(self) -> None:
        self.close()
        self.canvas.showPage()
        if self._on_new_page:
            self._on_new_page()
        self.start(pdf.PORTRAIT[1] - TOP)

    def close(self) -> None:
        """The verticals and the top rule of this page's part of the table."""
        for x in [*self._lefts, self._right]:
            self.canvas.line(x, self._top, x, self.y)
        self.canvas.line(MARGIN, self._top, self._right, self._top)

    def _lines(self, texts: Sequence[str], size: float) -> list[list[str]]:
        def measure(text: str) -> float:
            return stringWidth(text, self._font, size)

        return [[line for part in text.split("\n") for line in wrap(part, width - 2 * PAD, measure)]
                for text, width in zip(texts, self._widths, strict=True)]

    def _height(self, texts: Sequence[str], size: float) -> float:
        return max(len(lines) for lines in self._lines(texts, size)) * size * LEADING + 2 * PAD

    def _row(self, texts: Sequence[str], size: float, header: bool = False) -> None:
        wrapped = self._lines(texts, size)
        height = max(len(lines) for lines in wrapped) * size * LEADING + 2 * PAD
        canvas = self.canvas
        if header:  # a light tint tells the header from the rows on a photocopy too
            canvas.setFillGray(0.9)
            canvas.rect(MARGIN, self.y - height, self._right - MARGIN, height, stroke=0, fill=1)
            canvas.setFillGray(0)
        canvas.setFont(self._font, size)
        for lines, column, left, width in zip(wrapped, self.columns, self._lefts, self._widths, strict=True):
            y = self.y - (height - len(lines) * size * LEADING) / 2 - size * 1.02
            for line in lines:
                if column.left and not header:
                    canvas.drawString(left + PAD, y, line)
                else:
                    canvas.drawCentredString(left + width / 2, y, line)
                y -= size * LEADING
        self.y -= height
        canvas.line(MARGIN, self.y, self._right, self.y)


COMMENT = N_("Review comment")
COLUMNS = (
    (N_("Rank"), 5), (N_("Name"), 9), (N_("Times served"), 8.5), (N_("Hours"), 8.5), (N_("Volunteer points"), 8.5),
    (N_("Star level"), 11), (COMMENT, 29),
)
FOOT_SPACE = 16 * MM


def render(title: str, period: str, lines: Sequence[ReviewLine],
           progress: Callable[[int, int], object] | None = None) -> pdf.Rendered:
    """`period` is the line under the title (统计期间 …). With no lines the list says so instead of printing
    an empty table. `progress(done, total)` is told at each new page; it may raise to stop."""
    canvas, buffer = pdf.new_canvas(pdf.PORTRAIT, title=title, numbered=True)
    canvas.setLineWidth(0.6)
    font = pdf.font()
    page_width, page_height = pdf.PORTRAIT
    y = draw_title(canvas, title, page_height - TOP, page_width - 2 * MARGIN)
    canvas.setFont(font, HEADER_SIZE)
    canvas.drawCentredString(page_width / 2, y - HEADER_SIZE, period)
    y -= HEADER_SIZE + 6 * MM
    if not lines:
        canvas.setFont(font, 14)
        canvas.drawCentredString(page_width / 2, y - 20 * MM, _("No service was recorded this quarter."))
        y -= 30 * MM
    else:
        done = 0
        table = RuledTable(canvas, [Column(_(label), width, left=label == COMMENT)
                                    for label, width in COLUMNS],
                           on_new_page=lambda: progress and progress(done, len(lines)))
        table.start(y)
        for done, line in enumerate(lines):
            table.row((str(line.rank), line.name, str(line.activities), line.hours, line.points, line.stars,
                       line.comment))
        table.close()
        y = table.y
        if y - FOOT_SPACE < BOTTOM:
            canvas.showPage()
            y = page_height - TOP
    canvas.setFont(font, BODY_SIZE)
    canvas.drawString(MARGIN, y - 8 * MM, _("Posted from: __________ to __________"))
    canvas.drawString(MARGIN, y - 14 * MM, _("Supervision phone: ______________    Contact person: __________"))
    canvas.showPage()
    return pdf.finish(canvas, buffer, pdf.unprintable(t for line in lines for t in (line.name, line.comment)))
