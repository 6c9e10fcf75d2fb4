"""党员志愿者登记表 (Sheet A) on A4, blank or filled, drawn by walking the FormSpec grid of
forms/registration.toml — the description the editor walks too, so a changed description changes both.

The filled sheet prints ID number and phones in full: it is the person's own registration form, kept in
the branch's file, not a list for other eyes (those mask, see domain/masking.py).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from volunteer_desk.documents import pdf
from volunteer_desk.formspec import Cell, Field, FormSpec

MARGIN = 18 * pdf.MM
TITLE_SPACE = 22 * pdf.MM  # from the top margin to the grid: the title and the air below it
MAX_UNIT = 13 * pdf.MM  # height of a one-line row when the page has room to spare
SIZE, MIN_SIZE = 10.5, 6.0  # a value shrinks down to MIN_SIZE before it is cut
PAD = 1.6 * pdf.MM
BOX = 3.2 * pdf.MM  # the tick box drawn after each option

Values = Mapping[str, Any]


def render(spec: FormSpec, sheets: Sequence[Values], on_page: Callable[[int, int], bool] | None = None) -> pdf.Rendered:
    """One page per entry of `sheets`: raw values as `formspec.values.from_domain` gives them, or {} for a blank
    sheet to fill by hand. `on_page(done, total)` returning False stops early (the caller cancels)."""
    canvas, buffer = pdf.new_canvas(pdf.PORTRAIT, title=spec.title)
    for n, values in enumerate(sheets):
        _page(canvas, spec, values)
        canvas.showPage()
        if on_page and on_page(n + 1, len(sheets)) is False:
            break
    texts = [text for values in sheets for text in _texts(spec, values)]
    return pdf.finish(canvas, buffer, pdf.unprintable(texts))


def _texts(spec: FormSpec, values: Values) -> Iterable[str]:
    for key, field in spec.fields.items():
        if field.type in {"text", "longtext"} and values.get(key):
            yield values[key]


def _page(canvas: Canvas, spec: FormSpec, values: Values) -> None:
    width, height = pdf.PORTRAIT
    font = pdf.font()
    canvas.setFont(font, 18)
    canvas.drawCentredString(width / 2, height - MARGIN - 10 * pdf.MM, spec.title)
    top = height - MARGIN - TITLE_SPACE
    units = sum(row.height for row in spec.rows)
    unit = min((top - MARGIN) / units, MAX_UNIT)
    total = sum(spec.column_widths)
    lefts = [MARGIN]
    for weight in spec.column_widths:
        lefts.append(lefts[-1] + weight / total * (width - 2 * MARGIN))
    tops = [top]
    for row in spec.rows:
        tops.append(tops[-1] - row.height * unit)
    canvas.setLineWidth(0.8)
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(spec.rows):  # the same walk as ui/sheet_editor.py: skip columns spanned from above
        c = 0
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            x, right = lefts[c], lefts[c + cell.colspan]
            y_top, y_bottom = tops[r], tops[r + cell.rowspan]
            canvas.rect(x, y_bottom, right - x, y_top - y_bottom)
            _cell(canvas, spec, cell, values, (x, y_bottom, right - x, y_top - y_bottom))
            c += cell.colspan


def _cell(canvas: Canvas, spec: FormSpec, cell: Cell, values: Values, box: tuple[float, float, float, float]) -> None:
    if cell.label is not None:
        _text(canvas, cell.label, box, centred=True)
        return
    field = spec.fields[cell.field]
    value = values.get(field.key)
    kind = field.type
    if kind == "photo":
        _photo(canvas, field, value, box)
    elif kind in {"single_check", "multi_check"}:
        _checks(canvas, field, value, values.get(field.other) if field.other else None, box)
    elif kind == "pledge":
        _pledge(canvas, field, value, box)
    elif kind == "longtext":
        _text(canvas, value or "", box, top=True)
    else:
        _text(canvas, _shown(field, value), box)


def _shown(field: Field, value: Any) -> str:
    """A one-line field as printed; dates already come formatted (YYYY-MM-DD, YYYY.MM) from from_domain."""
    if value in (None, ""):
        return ""
    if field.type == "choice":
        return field.label_of(value)
    if field.type == "number" and field.suffix:
        return f"{value} {field.suffix}"
    return str(value)


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Lines no wider than `width`, broken anywhere (Chinese has no spaces to break at) and at newlines."""
    font = pdf.font()
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if line and stringWidth(line + char, font, size) > width:
                lines.append(line)
                line = char
            else:
                line += char
        lines.append(line)
    return lines


def _fit(text: str, width: float, height: float) -> tuple[float, list[str]]:
    """The largest size from SIZE down to MIN_SIZE at which `text` fits; at MIN_SIZE the overflow is cut."""
    size = SIZE
    while True:
        lines = _wrap(text, size, width)
        if len(lines) * size * 1.3 <= height or size <= MIN_SIZE:
            return size, lines[: max(1, int(height // (size * 1.3)))]
        size -= 0.5


def _text(canvas: Canvas, text: str, box, *, centred: bool = False, top: bool = False) -> None:
    x, y, w, h = box
    if not text:
        return
    size, lines = _fit(text, w - 2 * PAD, h - 2 * PAD)
    leading = size * 1.3
    canvas.setFont(pdf.font(), size)
    first = y + h - PAD - size if top else y + h / 2 + (len(lines) * leading) / 2 - size * 1.05
    for i, line in enumerate(lines):
        baseline = first - i * leading
        if centred:
            canvas.drawCentredString(x + w / 2, baseline, line)
        else:
            canvas.drawString(x + PAD, baseline, line)


def _tick_box(canvas: Canvas, x: float, baseline: float, size: float, ticked: bool) -> None:
    """A drawn box, ticked when chosen (the font's □ sits small and low, and it has no ☑); an invisible □ in a
    marked-content span makes copied text and pdftotext read ☑ or ☐."""
    canvas._code.append(f"/Span <</ActualText <FEFF{'2611' if ticked else '2610'}>>> BDC")
    text = canvas.beginText(x, baseline)
    text.setFont(pdf.font(), size)
    text.setTextRenderMode(3)
    text.textOut("□")
    text.setTextRenderMode(0)  # the render mode outlives the text object: later text must show
    canvas.drawText(text)
    canvas._code.append("EMC")
    side = size * 0.8
    bottom = baseline - size * 0.05
    canvas.setLineWidth(0.6)
    canvas.rect(x + size * 0.1, bottom, side, side)
    if ticked:
        path = canvas.beginPath()
        path.moveTo(x + size * 0.25, bottom + side * 0.5)
        path.lineTo(x + size * 0.45, bottom + side * 0.2)
        path.lineTo(x + size * 0.8, bottom + side * 0.85)
        canvas.setLineWidth(1.2)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.setLineWidth(0.8)


def _checks(canvas: Canvas, field: Field, value: Any, other: str | None, box) -> None:
    """Each option followed by its box, flowed into lines; the note (if any) above them; "其他时间 ____" last."""
    x, y, w, h = box
    ticked = {value} if isinstance(value, str) else set(value or ())
    items = [(option.label, option.value in ticked) for option in field.choices()]
    font = pdf.font()
    size = SIZE
    while True:
        gap = size * 1.5
        widths = [stringWidth(label, font, size) + size + gap for label, _ticked in items]
        if field.other:
            widths.append(stringWidth(field.other_label + (other or ""), font, size) + 18 * pdf.MM)
        lines: list[list[int]] = [[]]
        used = 0.0
        for i, item_width in enumerate(widths):
            if lines[-1] and used + item_width > w - 2 * PAD:
                lines.append([])
                used = 0.0
            lines[-1].append(i)
            used += item_width
        rows = len(lines) + (1 if field.note else 0)
        if rows * size * 1.5 <= h - 2 * PAD or size <= MIN_SIZE:
            break
        size -= 0.5
    leading = size * 1.5
    baseline = y + h / 2 + rows * leading / 2 - size * 1.1
    canvas.setFont(font, size)
    if field.note:
        canvas.drawString(x + PAD, baseline, field.note)
        baseline -= leading
    for line in lines:
        cursor = x + PAD
        for i in line:
            canvas.setFont(font, size)
            if i < len(items):
                label, is_ticked = items[i]
                canvas.drawString(cursor, baseline, label)
                _tick_box(canvas, cursor + stringWidth(label, font, size) + size * 0.15, baseline, size, is_ticked)
            else:
                canvas.drawString(cursor, baseline, field.other_label)
                start = cursor + stringWidth(field.other_label, font, size) + size * 0.3
                canvas.drawString(start + size * 0.3, baseline, other or "")
                canvas.line(start, baseline - size * 0.2, cursor + widths[i] - gap / 2, baseline - size * 0.2)
            cursor += widths[i]
        baseline -= leading


def _photo(canvas: Canvas, field: Field, value: bytes | None, box) -> None:
    x, y, w, h = box
    if value:
        try:
            image = ImageReader(io.BytesIO(value))
            iw, ih = image.getSize()
        except Exception:  # noqa: BLE001 — a damaged stored photo prints the empty box, never fails the sheet
            image = None
        if image is not None:
            scale = min((w - 2 * PAD) / iw, (h - 2 * PAD) / ih)
            dw, dh = iw * scale, ih * scale
            canvas.drawImage(image, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh)
            return
    _text(canvas, field.placeholder, box, centred=True)


def _pledge(canvas: Canvas, field: Field, value: str | None, box) -> None:
    """The pledge's lines at the top; "签名：____  年 月 日" at the foot, the date filled in when known."""
    x, y, w, h = box
    size = SIZE
    text_size, lines = _fit("\n".join(field.text), w - 2 * PAD, h - 2 * PAD - 2 * size * 1.3)
    canvas.setFont(pdf.font(), text_size)
    baseline = y + h - PAD - text_size
    for line in lines:
        canvas.drawString(x + PAD, baseline, line)
        baseline -= text_size * 1.3
    signed = dt.date.fromisoformat(value) if value else None
    # The paper's own wording, like the pledge: data, not a UI string.
    date = f"{signed.year} 年 {signed.month} 月 {signed.day} 日" if signed else "年　　月　　日"
    canvas.setFont(pdf.font(), size)
    foot = y + PAD + size * 0.4
    right = x + w - PAD - 4 * pdf.MM
    date_width = stringWidth(date, pdf.font(), size)
    canvas.drawRightString(right, foot, date)
    line_end = right - date_width - 8 * pdf.MM
    line_start = line_end - 40 * pdf.MM
    canvas.drawRightString(line_start, foot, field.signature)
    canvas.line(line_start, foot - size * 0.2, line_end, foot - size * 0.2)
