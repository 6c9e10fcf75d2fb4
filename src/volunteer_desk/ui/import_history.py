"""文件 → 导入记录: every Excel import, what it added and updated, and undoing one as a whole."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableView, QVBoxLayout

from volunteer_desk.domain import dates
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.volunteer_import import BatchInfo, VolunteerImportService
from volunteer_desk.ui.field_errors import errors_text
from volunteer_desk.ui.rows_model import ROW_ROLE, RowsModel

COLUMNS = (N_("Imported at"), N_("File"), N_("Added"), N_("Updated"), N_("Left out"), N_("Operator"), N_("Undone"))


def _cells(batch: BatchInfo) -> tuple[str, ...]:
    return (dates.format_recorded(batch.imported_at), f"{batch.file_name} {batch.sheet}".strip(), str(batch.created),
            str(batch.updated), str(batch.skipped), batch.operator,
            dates.format_recorded(batch.undone_at) if batch.undone_at else "")


class ImportHistoryDialog(QDialog):
    changed = Signal()

    def __init__(self, service: VolunteerImportService, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Import history"))
        self._service = service
        self.model = RowsModel(COLUMNS, _cells, right_aligned=frozenset({2, 3, 4}), parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.undo_button = QPushButton(_("Undo this import…"), self)
        self.undo_button.clicked.connect(self.undo_current)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(900, 420)
        self.refresh()

    def refresh(self) -> None:
        batches = self._service.batches()
        self.model.set_rows(batches)
        self.table.resizeColumnsToContents()
        self.hint.setText(_("Undoing an import moves the people it added to the recycle list and gives the records "
                            "it updated their earlier values back.") if batches else
                          _("Nothing has been imported from Excel yet."))
        if batches:
            self.table.selectRow(0)

    def undo_current(self) -> None:
        index = self.table.currentIndex()
        batch: BatchInfo | None = index.data(ROW_ROLE) if index.isValid() else None
        if batch is None:
            QMessageBox.information(self, _("Import history"), _("First click the import in the list."))
            return
        if batch.undone_at is not None:
            QMessageBox.information(self, _("Import history"), _("This import has already been undone."))
            return
        answer = QMessageBox.question(self, _("Import history"), _(
            "Undo the import of {file}? The {created} people it added go to the recycle list and the {updated} "
            "records it updated get their earlier values back.").format(
                file=batch.file_name, created=batch.created, updated=batch.updated))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._service.undo(batch.id)
        except InvalidEntry as refused:
            QMessageBox.warning(self, _("Import history"), errors_text(refused.errors))
        self.refresh()
        self.changed.emit()
