"""荣誉证书 for the yearly commendations: landscape A4, one winner per page, in one of three designs.

Each design's frame, ornaments and heading are the same on every page, so they are drawn once into a PDF
Form XObject and placed on each page by reference: 1,000 certificates then cost little more than their
names. The wording is the certificate's own (a Chinese document whatever the screen's language), like the
paper forms' labels. No seal circle is drawn: the real seal is stamped over the issuer and date.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from volunteer_desk.documents import pdf
from volunteer_desk.documents.roster_sheet import wrap

MM = pdf.MM
WIDTH, HEIGHT = pdf.LANDSCAPE
HEADING = "荣誉证书"
TEXT_LEFT, TEXT_RIGHT = 46 * MM, WIDTH - 46 * MM
NAME_SIZE, SALUTATION_SIZE, CITATION_SIZE = 30, 22, 21
ISSUER_SIZE, ISSUER_WIDTH = 19, 120 * MM
ISSUER_CENTRE = WIDTH - 90 * MM  # issuer and date share a centre line, where the seal is stamped

RED = HexColor("#B22222")
DARK_RED = HexColor("#8B1A1A")
GOLD = HexColor("#C9A227")
DEEP_GOLD = HexColor("#B08A1E")
CREAM = HexColor("#FFF8E8")
INK = HexColor("#1E1E1E")
GREY = HexColor("#666666")

CHINESE_DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Certificate:
    name: str  # a volunteer's, a team's or a project's
    salutation: str  # written after the name: "同志：" for a person, "：" for a team or project
    citation: str
    issuer: str
    date: str  # already in Chinese form: see chinese_date
    number: str = ""  # 证书编号, printed small at the lower left when given


def chinese_digits(number: int) -> str:
    """2026 → 二〇二六: years are read digit by digit."""
    return "".join(CHINESE_DIGITS[int(d)] for d in str(number))


def chinese_month(month: int) -> str:
    """12 → 十二, 10 → 十, 3 → 三: months are read as numbers, not digits."""
    return ("十" if month >= 10 else "") + (CHINESE_DIGITS[month % 10] if month % 10 else "")


def chinese_date(date: dt.date) -> str:
    """The date as certificates write it: 二〇二六年十二月."""
    return f"{chinese_digits(date.year)}年{chinese_month(date.month)}月"


@dataclass(frozen=True)
class Design:
    heading: Color  # 荣誉证书's fill
    outline: Color | None  # a thin stroke around the heading's letters, or none
    accent: Color  # the flourishes beside the heading and the name's rule
    decorate: Callable[[Canvas], None]


def render(design: str, certificates: Sequence[Certificate],
           progress: Callable[[int, int], object] | None = None) -> pdf.Rendered:
    """One page per certificate, in order. `progress(done, total)` is told every 50 pages; it may raise."""
    chosen = DESIGNS[design]
    font = pdf.font()
    canvas, buffer = pdf.new_canvas(pdf.LANDSCAPE, title=HEADING)
    form = f"honour-{design}"
    canvas.beginForm(form)
    chosen.decorate(canvas)
    _heading(canvas, chosen, font)
    canvas.endForm()
    for done, certificate in enumerate(certificates):
        if progress and done % 50 == 0:
            progress(done, len(certificates))
        canvas.doForm(form)
        _texts(canvas, chosen, font, certificate)
        canvas.showPage()
    return pdf.finish(canvas, buffer, pdf.unprintable(
        text for c in certificates for text in (c.name, c.issuer)))


# --- the texts of one certificate ---------------------------------------------------------------------------

def _fit(text: str, font: str, size: float, width: float, char_space: float = 0) -> float:
    """The largest size up to `size` at which `text` (with `char_space` em between letters) fits `width`."""
    natural = stringWidth(text, font, size) + char_space * size * (len(text) - 1)
    return size if natural <= width else size * width / natural


def _texts(canvas: Canvas, design: Design, font: str, c: Certificate) -> None:
    canvas.setFillColor(INK)
    # The name on its own line, with the salutation after it. Two-character names get a full em between
    # their letters (张　三) as Chinese lists and certificates print them; longer ones a little air.
    spacing = 1.0 if len(c.name) == 2 else 0.15
    salutation_width = stringWidth(c.salutation, font, SALUTATION_SIZE)
    room = TEXT_RIGHT - TEXT_LEFT - salutation_width - 4 * MM
    size = _fit(c.name, font, NAME_SIZE, room, spacing)
    name_y = 120 * MM
    canvas.setFont(font, size)
    canvas.drawString(TEXT_LEFT, name_y, c.name, charSpace=spacing * size)
    name_width = stringWidth(c.name, font, size) + spacing * size * (len(c.name) - 1)
    canvas.setStrokeColor(design.accent)
    canvas.setLineWidth(0.8)
    canvas.line(TEXT_LEFT - 2 * MM, name_y - 3 * MM, TEXT_LEFT + name_width + 2 * MM, name_y - 3 * MM)
    canvas.setFont(font, SALUTATION_SIZE)
    canvas.drawString(TEXT_LEFT + name_width + 3 * MM, name_y, c.salutation)

    # The citation, its first line indented two characters and every full line justified to the margin.
    canvas.setFont(font, CITATION_SIZE)
    indent = 2 * CITATION_SIZE
    width = TEXT_RIGHT - TEXT_LEFT
    lines = wrap("　　" + c.citation, width, lambda t: stringWidth(t, font, CITATION_SIZE))
    y = name_y - 18 * MM
    for number, line in enumerate(lines):
        left = TEXT_LEFT
        if number == 0:
            line, left = line.lstrip("　"), TEXT_LEFT + indent
        space = 0.0
        if number < len(lines) - 1 and len(line) > 1:
            space = (TEXT_RIGHT - left - stringWidth(line, font, CITATION_SIZE)) / (len(line) - 1)
        canvas.drawString(left, y, line, charSpace=space)
        y -= CITATION_SIZE * 1.9

    issuer_size = _fit(c.issuer, font, ISSUER_SIZE, ISSUER_WIDTH)
    canvas.setFont(font, issuer_size)
    canvas.drawCentredString(ISSUER_CENTRE, 50 * MM, c.issuer)
    canvas.setFont(font, ISSUER_SIZE)
    canvas.drawCentredString(ISSUER_CENTRE, 40 * MM, c.date, charSpace=1)
    if c.number:
        canvas.setFillColor(GREY)
        canvas.setFont(font, _fit(c.number, font, 10, 80 * MM))
        canvas.drawString(TEXT_LEFT, 36 * MM, c.number)


# --- the constant decoration, drawn once per document --------------------------------------------------------

def _heading(canvas: Canvas, design: Design, font: str) -> None:
    size, space = 56, 22
    y = HEIGHT - 60 * MM
    canvas.setFont(font, size)
    canvas.setFillColor(design.heading)
    if design.outline is not None:
        canvas.setStrokeColor(design.outline)
        canvas.setLineWidth(0.7)
    canvas.drawCentredString(WIDTH / 2, y, HEADING, mode=2 if design.outline is not None else 0, charSpace=space)
    half = (stringWidth(HEADING, font, size) + space * (len(HEADING) - 1)) / 2
    # Flourishes either side: a rule ending in a small diamond, pointing away from the heading.
    canvas.setStrokeColor(design.accent)
    canvas.setFillColor(design.accent)
    middle = y + size * 0.33
    for side in (-1, 1):
        near, far = WIDTH / 2 + side * (half + 9 * MM), WIDTH / 2 + side * (half + 42 * MM)
        canvas.setLineWidth(1.2)
        canvas.line(near, middle + 1.6, far, middle + 1.6)
        canvas.setLineWidth(0.5)
        canvas.line(near + side * 6 * MM, middle - 1.6, far, middle - 1.6)
        _diamond(canvas, near, middle, 2.4 * MM)
        _diamond(canvas, far + side * 3 * MM, middle, 1.6 * MM)


def _diamond(canvas: Canvas, x: float, y: float, r: float) -> None:
    path = canvas.beginPath()
    path.moveTo(x - r, y)
    path.lineTo(x, y + r * 0.6)
    path.lineTo(x + r, y)
    path.lineTo(x, y - r * 0.6)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _frame(canvas: Canvas, inset: float, width: float) -> None:
    canvas.setLineWidth(width)
    canvas.rect(inset, inset, WIDTH - 2 * inset, HEIGHT - 2 * inset, stroke=1, fill=0)


def _corners(canvas: Canvas, inset: float, motif: Callable[[Canvas], None]) -> None:
    """`motif`, drawn for the lower-left corner at the origin, mirrored into all four corners."""
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
        canvas.saveState()
        canvas.translate(inset if sx > 0 else WIDTH - inset, inset if sy > 0 else HEIGHT - inset)
        canvas.scale(sx, sy)
        motif(canvas)
        canvas.restoreState()


def _spiral(path, cx: float, cy: float, radius: float, start: float, turns: float) -> None:
    """An inward curl, the stroke of a 祥云 scroll, added to `path`: from `radius` at angle `start`
    (radians) towards the centre; negative `turns` curl clockwise."""
    steps = int(72 * abs(turns))
    for i in range(steps + 1):
        t = i / steps
        r = radius * (1 - 0.8 * t)
        a = start + 2 * math.pi * turns * t
        point = (cx + r * math.cos(a), cy + r * math.sin(a))
        path.moveTo(*point) if i == 0 else path.lineTo(*point)


def _cloud(size: float, line: float) -> Callable[[Canvas], None]:
    """A 祥云 corner, symmetric about the corner's diagonal: on each side a curl near the corner whose
    tail runs along the frame's edge and ends in a small flick curling the other way."""
    def half(canvas: Canvas) -> None:
        low, curl = 0.12 * size, 0.24 * size
        path = canvas.beginPath()
        path.moveTo(0.78 * size, low)  # the tail arrives at the curl's foot heading for the corner
        path.curveTo(1.5 * size, low - 0.05 * size, 2.2 * size, low + 0.07 * size, 2.9 * size, low)
        _spiral(path, 0.78 * size, low + curl, curl, -math.pi / 2, -1.25)
        _spiral(path, 2.9 * size, low + 0.1 * size, 0.1 * size, -math.pi / 2, 1.1)
        canvas.drawPath(path, stroke=1, fill=0)

    def draw(canvas: Canvas) -> None:
        canvas.setLineWidth(line)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        half(canvas)
        canvas.transform(0, 1, 1, 0, 0, 0)  # mirrored across the diagonal for the other edge
        half(canvas)
        canvas.transform(0, 1, 1, 0, 0, 0)
        path = canvas.beginPath()  # a small curl in the corner itself, between the two
        _spiral(path, 0.36 * size, 0.36 * size, 0.16 * size, math.pi * 1.25, 1.1)
        canvas.drawPath(path, stroke=1, fill=0)
    return draw


def _bracket(size: float) -> Callable[[Canvas], None]:
    """An L-shaped corner mark with a small square: little ink, still a finished corner."""
    def draw(canvas: Canvas) -> None:
        canvas.setLineWidth(1.2)
        path = canvas.beginPath()
        path.moveTo(0, size)
        path.lineTo(0, 0)
        path.lineTo(size, 0)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.rect(size * 0.25, size * 0.25, size * 0.18, size * 0.18, stroke=0, fill=1)
    return draw


def _red_gold(canvas: Canvas) -> None:
    canvas.setFillColor(RED)  # a red band kept inside the printer's unprintable edge
    canvas.rect(6 * MM, 6 * MM, WIDTH - 12 * MM, HEIGHT - 12 * MM, stroke=0, fill=1)
    canvas.setFillColor(CREAM)
    canvas.rect(20 * MM, 20 * MM, WIDTH - 40 * MM, HEIGHT - 40 * MM, stroke=0, fill=1)
    canvas.setStrokeColor(GOLD)
    _frame(canvas, 10 * MM, 2.2)
    _frame(canvas, 12 * MM, 0.7)
    _frame(canvas, 20 * MM, 1.6)
    _frame(canvas, 22 * MM, 0.6)
    canvas.setFillColor(GOLD)
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):  # gold diamonds where the band's lines meet
        _diamond(canvas, WIDTH / 2 - sx * (WIDTH / 2 - 16 * MM), HEIGHT / 2 - sy * (HEIGHT / 2 - 16 * MM), 3 * MM)
    canvas.setStrokeColor(DEEP_GOLD)
    _corners(canvas, 26 * MM, _cloud(11 * MM, 1.3))


def _gold_frame(canvas: Canvas) -> None:
    canvas.setStrokeColor(GOLD)
    _frame(canvas, 10 * MM, 3.2)
    _frame(canvas, 13 * MM, 0.8)
    canvas.setStrokeColor(DEEP_GOLD)
    _frame(canvas, 17 * MM, 0.5)
    canvas.setStrokeColor(GOLD)
    _corners(canvas, 20 * MM, _cloud(13 * MM, 1.5))


def _simple_red(canvas: Canvas) -> None:
    canvas.setStrokeColor(RED)
    _frame(canvas, 12 * MM, 1.6)
    _frame(canvas, 14 * MM, 0.5)
    canvas.setFillColor(RED)
    _corners(canvas, 17 * MM, _bracket(9 * MM))


DESIGNS = {
    "red_gold": Design(heading=GOLD, outline=DARK_RED, accent=GOLD, decorate=_red_gold),
    "gold_frame": Design(heading=RED, outline=None, accent=GOLD, decorate=_gold_frame),
    "simple_red": Design(heading=RED, outline=None, accent=RED, decorate=_simple_red),
}
