"""A finished PDF on screen and on paper: pages drawn by pdfium into QImages, shown at a zoom in a scroll
area, and painted onto a QPrinter page by page."""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPalette, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from volunteer_desk.i18n import _

if TYPE_CHECKING:
    import pypdfium2 as pdfium

SCREEN_DPI = 96
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
PRINT_DPI = 300  # enough for text on paper; a 1200-dpi printer would otherwise need 400 MB per A4 page


def open_pdf(pdf: bytes) -> pdfium.PdfDocument:
    """pdfium is loaded with the first PDF shown or printed, not when the program starts (30 ms)."""
    import pypdfium2

    return pypdfium2.PdfDocument(pdf)


def page_image(document: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)  # RGB, 3 bytes a pixel
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: pdfium frees the bitmap's buffer


def set_up_printer(printer: QPrinter, pdf: bytes) -> None:
    """A4 in the PDF's orientation, edge to edge (the PDF carries its own margins), before the print dialog
    shows it."""
    document = open_pdf(pdf)
    try:
        width, height = document.get_page_size(0)
    finally:
        document.close()
    orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF()))
    printer.setFullPage(True)


def print_pdf(pdf: bytes, printer: QPrinter) -> None:
    """Each PDF page onto one sheet, as large as fits without distorting it (the paper chosen in the print
    dialog may differ from the PDF's)."""
    document = open_pdf(pdf)
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise OSError(_("The printer could not be started; check that it is switched on and try again."))
        dpi = min(printer.resolution(), PRINT_DPI)
        for index in range(len(document)):
            if index:
                printer.newPage()
            image = page_image(document, index, dpi)
            size = image.size().scaled(printer.width(), printer.height(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(QPoint(0, 0), size), image)
    finally:
        if painter.isActive():
            painter.end()
        document.close()


class _Shown:
    """The document a preview shows, closed with the preview: pdfium holds its own copy of the PDF till then."""

    document: pdfium.PdfDocument | None = None

    def close(self) -> None:
        if self.document is not None:
            self.document.close()
            self.document = None


class PdfPreview(QScrollArea):
    """The pages one under another, at a zoom the person can change; 100 % is the paper's real size.

    Only the pages in view (and the next one) are drawn, as they scroll into view: a 200-page roster would
    otherwise hold the window for seconds and take a gigabyte of images."""

    zoomed = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._shown = _Shown()
        self.destroyed.connect(self._shown.close)  # not a method of self: it runs as the widget is destroyed
        self._zoom = ZOOMS.index(0.75)  # a whole A4 page in a normal window
        self._pages = QWidget(self)
        self._layout = QVBoxLayout(self._pages)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._pages)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._draw_visible())

    @property
    def zoom(self) -> float:
        return ZOOMS[self._zoom]

    def page_labels(self) -> list[QLabel]:
        return [self._layout.itemAt(i).widget() for i in range(self._layout.count())]

    def show_pdf(self, pdf: bytes | None) -> None:
        self._shown.close()
        self._shown.document = open_pdf(pdf) if pdf else None
        self._draw()

    def zoom_in(self) -> None:
        self._set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self._set_zoom(self._zoom - 1)

    def _set_zoom(self, step: int) -> None:
        self._zoom = max(0, min(len(ZOOMS) - 1, step))
        self._draw()
        self.zoomed.emit(self.zoom)

    def _draw(self) -> None:
        while self._layout.count():
            old = self._layout.takeAt(0).widget()
            old.hide()  # deleted later: until then it would still paint over the new pages
            old.deleteLater()
        if self._shown.document is None:
            return
        scale = SCREEN_DPI * self.zoom / 72
        for index in range(len(self._shown.document)):
            width, height = self._shown.document.get_page_size(index)
            page = QLabel(self._pages)
            page.setObjectName("previewPage")
            page.setStyleSheet("#previewPage { background: white; }")
            page.setFixedSize(ceil(width * scale), ceil(height * scale))  # as pdfium rounds; scrolled, never cropped
            self._layout.addWidget(page)
        self._draw_visible()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._draw_visible()

    def _draw_visible(self) -> None:
        if self._shown.document is None:
            return
        top = self.verticalScrollBar().value()
        bottom = top + 2 * self.viewport().height()  # and the page below, ready when scrolled to
        # Where each page will be, worked out here: the layout places the pages only when the event loop runs.
        y = self._layout.contentsMargins().top()
        for index, page in enumerate(self.page_labels()):
            if y + page.height() >= top and y <= bottom and page.pixmap().isNull():
                page.setPixmap(QPixmap.fromImage(page_image(self._shown.document, index, SCREEN_DPI * self.zoom)))
            y += page.height() + self._layout.spacing()
