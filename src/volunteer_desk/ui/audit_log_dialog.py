"""设置 → 操作日志: who changed what and when, filtered by dates, kind of record and text, and exported to Excel."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from volunteer_desk.domain import dates
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.audit_log import AuditLine, AuditLogService
from volunteer_desk.services.file_writes import write_safely
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.ui.rows_model import RowsModel
from volunteer_desk.ui.tasks import run_task

COLUMNS = (N_("Time"), N_("Operator"), N_("Action"), N_("Record"), N_("Details"))
DEFAULT_DAYS = 30
LIMIT = 2000  # on screen; the export takes everything that matches
EXPORT_LIMIT = 1_000_000


def _cells(line: AuditLine) -> tuple[str, ...]:
    return dates.format_recorded(line.when), line.operator, line.action_text, line.entity_text, line.details


class AuditLogDialog(QDialog):
    def __init__(self, service: AuditLogService, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Audit log"))
        self._service = service
        today = today or dt.date.today()
        self.start = self._date_edit(today - dt.timedelta(days=DEFAULT_DAYS))
        self.end = self._date_edit(today)
        self.kind = QComboBox(self)
        self.kind.addItem(_("All"), None)
        for code, text in service.entity_kinds():
            self.kind.addItem(text, code)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Operator, name or words of the details"))
        self.search.textChanged.connect(self.refresh)
        self.model = RowsModel(COLUMNS, _cells, parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel(self)
        self.count.setWordWrap(True)
        export = QPushButton(_("Export to Excel…"), self)
        export.clicked.connect(self.export_excel)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Period:"), self))
        filters.addWidget(self.start)
        filters.addWidget(QLabel("–", self))
        filters.addWidget(self.end)
        filters.addSpacing(12)
        filters.addWidget(QLabel(_("Record kind:"), self))
        filters.addWidget(self.kind)
        filters.addSpacing(12)
        filters.addWidget(QLabel(_("Find:"), self))
        filters.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(export)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1000, 560)
        for signal in (self.start.dateChanged, self.end.dateChanged, self.kind.currentIndexChanged):
            signal.connect(self.refresh)
        self.refresh()
        self.search.setFocus()

    def _date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def filters(self) -> dict:
        """What the screen shows, for the list and the export alike."""
        start, end = self.start.date().toPython(), self.end.date().toPython()
        return dict(start=min(start, end), end=max(start, end), entity=self.kind.currentData(),
                    search=self.search.text())

    def refresh(self) -> None:
        lines = self._service.entries(**self.filters(), limit=LIMIT)
        self.model.set_rows(lines)
        self.table.resizeColumnsToContents()
        if len(lines) >= LIMIT:
            self.count.setText(_("The newest {n} entries are shown; choose a shorter period to see older ones. "
                                 "The Excel export holds them all.").format(n=len(lines)))
        elif lines:
            self.count.setText(_("{n} entries").format(n=len(lines)))
        else:
            self.count.setText(_("Nothing was recorded that matches. Widen the period, choose “All”, or clear "
                                 "the search box."))

    def export_excel(self) -> None:
        title = _("Export to Excel…")
        filters = self.filters()
        suggested = f"{_('Audit log')}（{filters['start'].isoformat()}至{filters['end'].isoformat()}）.xlsx"
        path, _filter = QFileDialog.getSaveFileName(self, title, suggested, _("Excel workbooks (*.xlsx)"))
        if not path:
            return
        target = Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")

        def work(progress) -> Path:  # off the UI thread: ten years of entries take seconds to write
            write_safely(target, self._service.excel(**filters, limit=EXPORT_LIMIT, progress=progress))
            return target

        self._task = run_task(self, _("Writing the Excel file…"), work, self._exported,
                              lambda exc: self._export_failed(target, exc))

    def _exported(self, target: Path) -> None:
        QMessageBox.information(self, _("Export to Excel…"), _("Wrote {path}.").format(path=target))

    def _export_failed(self, target: Path, exc: Exception) -> None:
        title = _("Export to Excel…")
        if isinstance(exc, Cancelled):
            QMessageBox.information(self, title, _("Cancelled; nothing was written."))
        elif isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            QMessageBox.warning(self, title, _("The disk is full, so {path} was not written. Free some space or "
                                               "choose another drive, then export again.").format(path=target))
        elif isinstance(exc, OSError):
            QMessageBox.warning(self, title, _("{path} could not be written. If it is open in Excel or WPS, close "
                                               "it there; or choose another folder.").format(path=target))
        else:
            QMessageBox.warning(self, title, _("The document could not be made. Details are in the log file."))
