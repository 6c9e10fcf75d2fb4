"""The printed 党员志愿者服务活动周记 of one volunteer: a block of portrait A4 per week, each starting on a new
page: name, 所在支部 and week, the week's activities, then 服务内容 and 心得体会 in ruled boxes, and the
本人签名 / 支部审阅 lines.

The ruled boxes have a few empty lines to write on by hand at least, and grow with the text; a box that
reaches the foot of the page is closed there and goes on at the top of the next page, marked （续）, so
no text is ever cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from volunteer_desk.documents import pdf
from volunteer_desk.documents.roster_sheet import wrap

MM = pdf.MM
MARGIN = 20 * MM
TOP = 16 * MM
BOTTOM = 18 * MM  # the page number sits at 8 mm
TITLE = "党员志愿者服务活动周记"
TITLE_SIZE = 18
LABEL_SIZE = 10.5
BODY_SIZE = 10.5
LEADING = 1.3
PAD = 1.5 * MM
LABEL_WIDTH = 20 * MM
INFO_ROW = 10 * MM
ACTIVITY_ROW = 8 * MM
RULED_LINE = 8 * MM  # a hand can write between the rules
CONTENT_LINES = 5  # at least: room to add by hand
REFLECTION_LINES = 8
SIGNATURES = 26 * MM


@dataclass(frozen=True)
class WeekActivity:
    date: str  # 11月16日
    content: str
    hours: str  # 2小时


@dataclass(frozen=True)
class JournalWeek:
    week: str  # 2026年第47周 11月16日—11月22日
    activities: tuple[WeekActivity, ...]
    content: str
    reflection: str


def render(name: str, branch: str, weeks: Sequence[JournalWeek],
           progress: Callable[[int, int], object] | None = None) -> pdf.Rendered:
    canvas, buffer = pdf.new_canvas(pdf.PORTRAIT, title=f"{name}{TITLE}", numbered=True)
    writer = _Writer(canvas, name)
    for done, week in enumerate(weeks):
        if progress:
            progress(done, len(weeks))
        writer.week(branch, week)
    texts = [name, branch, *(t for w in weeks for t in (w.content, w.reflection))]
    texts += [a.content for w in weeks for a in w.activities]
    return pdf.finish(canvas, buffer, pdf.unprintable(texts))


class _Writer:
    """Draws top-down with `y` as the pen; `room(height)` turns the page when the height does not fit."""

    def __init__(self, canvas, name: str):
        self.canvas = canvas
        self.font = pdf.font()
        self.width, self.height = pdf.PORTRAIT
        self.right = self.width - MARGIN
        self.name = name
        self.week_text = ""
        self.y = 0.0

    def measure(self, size: float) -> Callable[[str], float]:
        return lambda text: stringWidth(text, self.font, size)

    # --- pages ---------------------------------------------------------------------------------------------

    def week(self, branch: str, week: JournalWeek) -> None:
        self.week_text = week.week
        canvas = self.canvas
        canvas.setLineWidth(0.7)
        canvas.setFont(self.font, TITLE_SIZE)
        canvas.drawCentredString(self.width / 2, self.height - TOP - TITLE_SIZE, TITLE)
        self.y = self.height - TOP - TITLE_SIZE - 8 * MM
        self.info(branch, week.week)
        self.activities(week.activities)
        self.ruled_box(("服务", "内容"), week.content, CONTENT_LINES)
        self.ruled_box(("心得", "体会"), week.reflection, REFLECTION_LINES)
        self.signatures()
        canvas.showPage()

    def next_page(self) -> None:
        self.canvas.showPage()
        self.canvas.setLineWidth(0.7)
        self.canvas.setFont(self.font, LABEL_SIZE)
        self.canvas.drawString(MARGIN, self.height - TOP - LABEL_SIZE, f"{self.name}　{self.week_text}　周记（续）")
        self.y = self.height - TOP - LABEL_SIZE - 5 * MM

    def room(self, height: float) -> bool:
        """Turn the page unless `height` fits above the foot; True when the page was turned."""
        if self.y - height >= BOTTOM:
            return False
        self.next_page()
        return True

    # --- blocks --------------------------------------------------------------------------------------------

    def cell_text(self, text: str, left: float, width: float, top: float, height: float, *,
                  centred: bool = True, size: float = LABEL_SIZE) -> None:
        lines = wrap(text, width - 2 * PAD, self.measure(size)) if text else []
        self.canvas.setFont(self.font, size)
        y = top - (height - len(lines) * size * LEADING) / 2 - size * 1.02
        for line in lines:
            x = left + (width - self.measure(size)(line)) / 2 if centred else left + PAD
            self.canvas.drawString(x, y, line)
            y -= size * LEADING

    def label(self, lines: Sequence[str], top: float, height: float) -> None:
        """A section's name in its left cell, two characters a line, as on the paper forms."""
        canvas = self.canvas
        canvas.setFont(self.font, LABEL_SIZE)
        step = LABEL_SIZE * 1.5
        y = top - (height - len(lines) * step) / 2 - LABEL_SIZE * 1.1
        for line in lines:
            canvas.drawCentredString(MARGIN + LABEL_WIDTH / 2, y, line)
            y -= step

    def info(self, branch: str, week: str) -> None:
        canvas, top = self.canvas, self.y
        value = 50 * MM
        second = MARGIN + LABEL_WIDTH + value
        for row, cells in enumerate((("姓名", self.name, "所在支部", branch), ("周次", week))):
            row_top = top - row * INFO_ROW
            lefts = [MARGIN, MARGIN + LABEL_WIDTH, second, second + LABEL_WIDTH] if row == 0 else \
                [MARGIN, MARGIN + LABEL_WIDTH]
            edges = [*lefts, self.right]
            for text, left, right in zip(cells, lefts, edges[1:], strict=True):
                self.cell_text(text, left, right - left, row_top, INFO_ROW)
            for x in edges:
                canvas.line(x, row_top, x, row_top - INFO_ROW)
            canvas.line(MARGIN, row_top, self.right, row_top)
        self.y = top - 2 * INFO_ROW
        canvas.line(MARGIN, self.y, self.right, self.y)

    def activities(self, activities: Sequence[WeekActivity]) -> None:
        canvas = self.canvas
        inner = MARGIN + LABEL_WIDTH
        widths = [28 * MM, self.right - inner - 50 * MM, 22 * MM]
        lefts = [inner, inner + widths[0], inner + widths[0] + widths[1]]
        measure = self.measure(BODY_SIZE)
        rows = [(a.date, a.content, a.hours) for a in activities] or [("", "本周没有登记的活动", "")]

        def height_of(texts: Sequence[str]) -> float:
            lines = max(len(wrap(t, w - 2 * PAD, measure)) for t, w in zip(texts, widths, strict=True))
            return max(ACTIVITY_ROW, lines * BODY_SIZE * LEADING + 2 * PAD)

        header = ("日期", "活动内容", "服务时长")
        section_top = self.y
        first = True

        def close(bottom: float) -> None:
            canvas.line(MARGIN, section_top, MARGIN, bottom)
            canvas.line(inner, section_top, inner, bottom)
            canvas.line(self.right, section_top, self.right, bottom)
            canvas.line(MARGIN, bottom, self.right, bottom)
            self.label(("本周", "活动") if first else ("本周", "活动", "（续）"), section_top, section_top - bottom)

        def draw(texts: Sequence[str], height: float, centred_all: bool = False) -> None:
            for text, left, width, centred in zip(texts, lefts, widths, (True, centred_all, True), strict=True):
                self.cell_text(text, left, width, self.y, height, centred=centred, size=BODY_SIZE)
            for x in lefts[1:]:
                canvas.line(x, self.y, x, self.y - height)
            self.y -= height
            canvas.line(inner, self.y, self.right, self.y)

        draw(header, ACTIVITY_ROW, centred_all=True)
        for texts in rows:
            height = height_of(texts)
            if self.y - height < BOTTOM:
                close(self.y)
                self.next_page()
                section_top, first = self.y, False
                canvas.line(MARGIN, self.y, self.right, self.y)
                draw(header, ACTIVITY_ROW, centred_all=True)
            draw(texts, height)
        close(self.y)

    def ruled_box(self, label: tuple[str, ...], text: str, minimum: int) -> None:
        """The text on ruled lines, at least `minimum` of them, over as many pages as it takes."""
        canvas = self.canvas
        inner = MARGIN + LABEL_WIDTH
        measure = self.measure(BODY_SIZE)
        lines = [line for paragraph in text.splitlines() for line in
                 wrap("　　" + paragraph.strip() if paragraph.strip() else "", self.right - inner - 2 * PAD,
                      measure)]
        lines += [""] * max(0, minimum - len(lines))
        first = True
        while lines:
            if (self.y - BOTTOM) // RULED_LINE < 3:
                self.next_page()
            fit = int((self.y - BOTTOM) // RULED_LINE)
            chunk, lines = lines[:fit], lines[fit:]
            top = self.y
            canvas.line(MARGIN, top, self.right, top)
            for number, line in enumerate(chunk, start=1):
                self.y -= RULED_LINE
                canvas.setFont(self.font, BODY_SIZE)
                canvas.drawString(inner + PAD, self.y + 2 * MM, line)
                if number == len(chunk):
                    break  # the box's own border is the last rule
                canvas.setStrokeGray(0.6)
                canvas.setLineWidth(0.4)
                canvas.line(inner + PAD, self.y + 0.8 * MM, self.right - PAD, self.y + 0.8 * MM)
                canvas.setStrokeGray(0)
                canvas.setLineWidth(0.7)
            for x in (MARGIN, inner, self.right):
                canvas.line(x, top, x, self.y)
            canvas.line(MARGIN, self.y, self.right, self.y)
            self.label(label if first else (*label, "（续）"), top, top - self.y)
            first = False
            if lines:
                self.next_page()

    def signatures(self) -> None:
        self.room(SIGNATURES)
        canvas = self.canvas
        canvas.setFont(self.font, LABEL_SIZE)
        for number, who in enumerate(("本人签名：", "支部审阅：")):
            y = self.y - 10 * MM - number * 10 * MM
            canvas.drawString(MARGIN, y, who)
            canvas.line(MARGIN + 19 * MM, y - 1 * MM, MARGIN + 80 * MM, y - 1 * MM)
            canvas.drawString(MARGIN + 95 * MM, y, "日期：　　　　年　　月　　日")
        self.y -= SIGNATURES
