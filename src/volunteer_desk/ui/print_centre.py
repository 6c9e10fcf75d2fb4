"""The print centre: choose a document from the catalogue, fill in its options, then preview, print or save it
as a PDF, or export the lists that have an Excel form. Documents are made off the UI thread (a roster of
hundreds takes a while) and can be cancelled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.i18n import _
from volunteer_desk.services.activities import ActivityService
from volunteer_desk.services.activity_list import ActivityListService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import DocumentKind, PrintService
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.teams import TeamService
from volunteer_desk.ui.pdf_preview import PdfPreview, print_pdf, set_up_printer
from volunteer_desk.ui.print_options import OptionsForm, OptionWidgets
from volunteer_desk.ui.tasks import run_task

KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class PrintCentre(QWidget):
    """Every document of `PrintService.documents()`: its options, its preview, and printing or saving it."""

    def __init__(self, printing: PrintService, activities: ActivityService, activity_list: ActivityListService,
                 teams: TeamService, *, today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self._printing = printing
        self._option_widgets = OptionWidgets(activities, activity_list, teams, today)
        # (document key, option values, result) of the preview shown: printing those same options reuses it
        self._rendered: tuple[str, dict[str, Any], Rendered] | None = None
        self._task = None
        self._working = False
        self.documents = QListWidget(self)
        self.documents.currentItemChanged.connect(lambda *_args: self._show_document())
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.form_area = QVBoxLayout()
        self.form: OptionsForm | None = None
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.preview_button = QPushButton(_("Preview"), self)
        self.preview_button.clicked.connect(self.preview)
        self.print_button = QPushButton(_("Print…"), self)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(_("Save as PDF…"), self)
        self.save_button.clicked.connect(self.save_pdf)
        self.excel_button = QPushButton(_("Export to Excel…"), self)
        self.excel_button.clicked.connect(self.save_excel)
        self.title = QLabel(self)
        self.title.setObjectName("sheetTitle")
        self.title.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("fieldError")
        self.warnings.setWordWrap(True)
        self.warnings.hide()
        self.pages = PdfPreview(self)
        zoom_out = QPushButton(_("Zoom out"), self)
        zoom_out.clicked.connect(self.pages.zoom_out)
        zoom_in = QPushButton(_("Zoom in"), self)
        zoom_in.clicked.connect(self.pages.zoom_in)
        self.zoom = QLabel(self)
        self.zoom.setMinimumWidth(48)
        self.zoom.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.zoomed.connect(self._show_zoom)
        self._show_zoom(self.pages.zoom)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(_("Documents"), left))
        left_layout.addWidget(self.documents, 1)
        left_layout.addWidget(self.description)
        left_layout.addLayout(self.form_area)
        left_layout.addWidget(self.message)
        left_layout.addWidget(self.status)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button, self.excel_button):
            buttons.addWidget(button)
        left_layout.addLayout(buttons)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(zoom_out)
        top.addWidget(self.zoom)
        top.addWidget(zoom_in)
        right_layout.addLayout(top)
        right_layout.addWidget(self.warnings)
        right_layout.addWidget(self.pages, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    # --- the catalogue and the options ----------------------------------------------------------------------

    def refresh(self) -> None:
        """The catalogue again, and the chosen document's options with today's teams and activities."""
        chosen = self.current_kind()
        self.documents.blockSignals(True)
        self.documents.clear()
        for kind in self._printing.documents():
            item = QListWidgetItem(_(kind.title))
            item.setData(KIND_ROLE, kind)
            self.documents.addItem(item)
            if chosen is not None and kind.key == chosen.key:
                self.documents.setCurrentItem(item)
        if self.documents.currentItem() is None and self.documents.count():
            self.documents.setCurrentRow(0)
        self.documents.blockSignals(False)
        self._show_document()

    def current_kind(self) -> DocumentKind | None:
        item = self.documents.currentItem()
        return item.data(KIND_ROLE) if item else None

    def choose(self, key: str) -> None:
        for row in range(self.documents.count()):
            if self.documents.item(row).data(KIND_ROLE).key == key:
                self.documents.setCurrentRow(row)
                return
        raise KeyError(key)

    def preview_with(self, key: str, texts: dict[str, str]) -> None:
        """Show document `key` with its text options filled in, previewed: e.g. a certificate just issued."""
        self.refresh()
        self.choose(key)
        for option, text in texts.items():
            self.form.fields[option].setText(text)
        self.preview()

    def _show_document(self) -> None:
        kind = self.current_kind()
        if self.form is not None:
            self.form.hide()  # at once: deleteLater waits for the event loop
            self.form_area.removeWidget(self.form)
            self.form.deleteLater()
            self.form = None
        self.message.clear()
        self.status.clear()
        self._clear_preview()
        self.description.setText(_(kind.description) if kind and kind.description else "")
        self.description.setVisible(bool(self.description.text()))
        self._enable(kind)
        if kind is None:
            self.message.setText(_("No documents can be printed yet."))
            return
        self.form = OptionsForm(kind.options, self._option_widgets.by_kind(), self)
        self.form_area.addWidget(self.form)

    # --- preview, print, save -------------------------------------------------------------------------------

    def preview(self) -> None:
        self._render(lambda _rendered: None)

    def print_document(self) -> None:
        self._render(self._print)

    def save_pdf(self) -> None:
        kind = self.current_kind()
        if kind is None or self.form is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), f"{_(kind.title)}.pdf",
                                                    _("PDF files (*.pdf)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        values = self.form.values()
        self._start(_("Saving the PDF…"),
                    lambda progress: self._printing.save(kind.key, values, target, progress),
                    lambda rendered: self._saved(kind, values, rendered, target))

    def save_excel(self) -> None:
        kind = self.current_kind()
        if kind is None or kind.excel is None or self.form is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Export to Excel"), f"{_(kind.title)}.xlsx",
                                                    _("Excel workbooks (*.xlsx)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        values = self.form.values()
        self._start(_("Exporting to Excel…"),
                    lambda progress: self._printing.save_excel(kind.key, values, target, progress),
                    lambda _result: self.status.setText(_("Saved to {path}").format(path=target)))

    def _render(self, then: Callable[[Rendered], None]) -> None:
        """Make the document unless the preview already shows it with these options, then go on."""
        kind = self.current_kind()
        if kind is None or self.form is None:
            return
        values = self.form.values()
        if self._rendered is not None and self._rendered[:2] == (kind.key, values):
            then(self._rendered[2])
            return

        def done(rendered: Rendered) -> None:
            self._show(kind, values, rendered)
            then(rendered)
        self._start(_("Preparing the document…"), lambda progress: self._printing.render(kind.key, values, progress),
                    done)

    def _start(self, label: str, work: Callable, done: Callable[[Any], None]) -> None:
        if self._working:
            return  # one document at a time: clicks while one is being made are ignored
        self.form.show_errors({})
        self.message.clear()
        self.status.clear()
        self._busy(True)

        def finished(result: Any) -> None:
            self._busy(False)
            done(result)
        self._task = run_task(self, label, work, on_done=finished, on_failed=self._failed)

    def _busy(self, busy: bool) -> None:
        self._working = busy
        self._enable(None if busy else self.current_kind())

    def _enable(self, kind: DocumentKind | None) -> None:
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(kind is not None)
        self.excel_button.setEnabled(kind is not None and kind.excel is not None)
        self.excel_button.setToolTip("" if kind is None or kind.excel else _("This document has no Excel form."))

    def _failed(self, exc: Exception) -> None:
        self._busy(False)
        if isinstance(exc, InvalidEntry):
            self.message.setText("\n".join(self.form.show_errors(exc.errors) if self.form else []))
        elif isinstance(exc, Cancelled):
            self.status.setText(_("Cancelled; nothing was printed or saved."))
        elif isinstance(exc, OSError):  # WriteFailed says why (a full stick, a folder gone); others are a lock
            QMessageBox.warning(self, _("Print centre"), getattr(exc, "message", "") or _(
                "The file could not be written. If it is open in another program (a PDF viewer, Excel or WPS), "
                "close it there; or choose another folder, then try again."))
        else:
            QMessageBox.warning(self, _("Print centre"),
                                _("The document could not be made. Details are in the log file."))

    def _clear_preview(self) -> None:
        self._rendered = None
        self.title.setText(_("Choose a document and its options, then click Preview."))
        self.warnings.hide()
        self.pages.show_pdf(None)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom.setText(f"{zoom:.0%}")

    def _show(self, kind: DocumentKind, values: dict[str, Any], rendered: Rendered) -> None:
        self._rendered = (kind.key, values, rendered)
        self.title.setText(_("{title}: {pages} pages").format(title=_(kind.title), pages=rendered.pages))
        self.warnings.setText("\n".join(rendered.warnings))
        self.warnings.setVisible(bool(rendered.warnings))
        self.pages.show_pdf(rendered.pdf)

    def _saved(self, kind: DocumentKind, values: dict[str, Any], rendered: Rendered, path: Path) -> None:
        self._show(kind, values, rendered)
        self.status.setText(_("Saved to {path}").format(path=path))

    def _print(self, rendered: Rendered) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(_(self.current_kind().title))
        set_up_printer(printer, rendered.pdf)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(rendered.pdf, printer)
        except OSError as exc:
            QMessageBox.warning(self, _("Print centre"), str(exc))
