"""What every printed document shares: the embedded Chinese font, A4 pages, "page X of Y", and the result.

The font is WenQuanYi Micro Hei from resources/fonts, embedded and subset by reportlab (a TrueType font
always is). reportlab's built-in STSong-Light is never used: it is not embedded and prints as boxes on a
computer without a matching font.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from volunteer_desk import fonts, paths
from volunteer_desk.i18n import _

FONT = "WenQuanYiMicroHei"
PORTRAIT = A4
LANDSCAPE = landscape(A4)
MM = 72 / 25.4  # points per millimetre


@cache
def font() -> str:
    """The font's reportlab name, registered on first use (reading the .ttc takes ~0.2 s)."""
    pdfmetrics.registerFont(TTFont(FONT, str(paths.font_file()), subfontIndex=0))
    return FONT


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    warnings: tuple[str, ...] = ()  # in Chinese, for the person printing: e.g. characters the font lacks


def unprintable(texts: Iterable[str]) -> tuple[str, ...]:
    """A warning for each text with characters the font cannot draw (they would print as blanks); the
    registration sheet refuses such names, but older data or imports may hold them."""
    warnings = []
    for text in dict.fromkeys(t for t in texts if t):
        missing = fonts.missing_characters(text)
        if missing:
            warnings.append(_("“{text}” has characters the printing font lacks ({chars}); they print as blanks.")
                            .format(text=text, chars="".join(missing)))
    return tuple(warnings)


class NumberedCanvas(Canvas):
    """A canvas that writes "第 X 页 共 Y 页" at the foot of every page once the page count is known.

    Use as `SimpleDocTemplate.build(..., canvasmaker=NumberedCanvas)` or directly like a Canvas."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            width, _height = self._pagesize
            self.setFont(font(), 9)
            self.drawCentredString(width / 2, 8 * MM, _("Page {page} of {pages}").format(
                page=self._pageNumber, pages=total))
            super().showPage()
        super().save()


def new_canvas(pagesize=PORTRAIT, *, title: str = "", numbered: bool = False) -> tuple[Canvas, io.BytesIO]:
    """A canvas writing to memory, with the document's title in its metadata; `finish` turns it into bytes."""
    buffer = io.BytesIO()
    # Our font from the first page on: reportlab's default Helvetica would otherwise be named, unembedded.
    canvas = (NumberedCanvas if numbered else Canvas)(buffer, pagesize=pagesize, pageCompression=1,
                                                      initialFontName=font(), initialFontSize=10)
    canvas.setTitle(title)
    canvas.setCreator("VolunteerDesk")
    return canvas, buffer


def finish(canvas: Canvas, buffer: io.BytesIO, warnings: Iterable[str] = ()) -> Rendered:
    """Save the canvas; every page must have been ended with showPage()."""
    pages = len(canvas._pages) if isinstance(canvas, NumberedCanvas) else canvas.getPageNumber() - 1
    canvas.save()
    return Rendered(pdf=buffer.getvalue(), pages=pages, warnings=tuple(warnings))
