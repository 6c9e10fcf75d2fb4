"""文件 → 从 Excel 导入志愿者: pick the file and sheet, check how its columns were understood, see every row with
what is wrong with it, decide about people already on the roster, then import all accepted rows at once.

Nothing is stored before the last step; reading, checking and importing run off the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from volunteer_desk.i18n import N_, _
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.file_writes import write_safely
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.volunteer_import import (
    Duplicates,
    ImportPreview,
    ImportResult,
    PreviewRow,
    VolunteerImportService,
)
from volunteer_desk.spreadsheets import cleaning, mapping
from volunteer_desk.ui.field_errors import error_label, errors_text
from volunteer_desk.ui.rows_model import RowsModel
from volunteer_desk.ui.tasks import run_task

FILES = N_("Spreadsheets (*.xlsx *.xls *.et *.ods *.csv)")
COLUMNS = (N_("Import"), N_("Row"), N_("Name"), N_("Status"), N_("What to correct"))


def _status(row: PreviewRow) -> str:
    if row.same_as_row is not None:
        return _("Same ID number as row {row}").format(row=row.same_as_row)
    if row.blocked:
        return _("Needs correcting")
    if row.same_as is not None:
        return _("On the roster (same ID number)") if row.certain else _("Maybe on the roster (same name and mobile)")
    return _("Ready")


def _problems(row: PreviewRow) -> str:
    """What blocks the row first: a long note must not hide it."""
    ordered = sorted(row.problems, key=lambda p: not p.blocking)
    return "；".join(_("column {column} {header}: {message}").format(column=p.column, header=p.header, message=p.message)
                    if p.column else p.message for p in ordered)


class PreviewModel(RowsModel[PreviewRow]):
    """The rows, each with a box to leave it out; rows that need correcting cannot be ticked."""

    def __init__(self, parent=None):
        super().__init__(COLUMNS, lambda r: ("", str(r.row), r.name, _status(r), _problems(r)), parent=parent)
        self.left_out: set[int] = set()

    def set_rows(self, rows) -> None:
        self.left_out = set()
        super().set_rows(rows)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == 0 and not self.rows[index.row()].blocked:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            row = self.rows[index.row()]
            ticked = not row.blocked and row.row not in self.left_out
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        number = self.rows[index.row()].row
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.left_out.discard(number)
        else:
            self.left_out.add(number)
        self.dataChanged.emit(index, index)
        return True


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportResult

    def __init__(self, service: VolunteerImportService, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Import volunteers from Excel"))
        self._service = service
        self.preview_result: ImportPreview | None = None
        self._task = None
        self.path = QLineEdit(self)
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(_("Choose the Excel, WPS or CSV file with your volunteers"))
        browse = QPushButton(_("Choose file…"), self)
        browse.clicked.connect(self.choose_file)
        self.sheet = QComboBox(self)
        self.sheet.setMinimumContentsLength(12)
        self.sheet.activated.connect(lambda _index: self.check())
        self.error = error_label(self)
        self.mapping = QTableWidget(0, 2, self)
        self.mapping.setHorizontalHeaderLabels([_("Column in the file"), _("Goes into")])
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping.verticalHeader().hide()
        recheck = QPushButton(_("Check again with these columns"), self)
        recheck.clicked.connect(lambda: self.check(corrected=self.corrected_mapping()))
        self.model = PreviewModel(self)
        self.rows = QTableView(self)
        self.rows.setModel(self.model)
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.rows.verticalHeader().hide()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.duplicates = QButtonGroup(self)
        policy = QGroupBox(_("People already on the roster"), self)
        policy_layout = QHBoxLayout(policy)
        for value, text in ((Duplicates.SKIP, _("Skip them")),
                            (Duplicates.UPDATE, _("Update their records from the file (blank cells change nothing)")),
                            (Duplicates.KEEP_BOTH, _("Keep both (only when the ID number differs)"))):
            button = QRadioButton(text, policy)
            button.setProperty("policy", value.value)
            button.setChecked(value is Duplicates.SKIP)
            self.duplicates.addButton(button)
            policy_layout.addWidget(button)
        self.import_button = QPushButton(_("Import"), self)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.reject)
        template = QPushButton(_("Save an empty template…"), self)
        template.setToolTip(_("An empty roster with drop-down lists, to hand out and import when filled in."))
        template.clicked.connect(self.save_template)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("File:"), self))
        top.addWidget(self.path, 1)
        top.addWidget(browse)
        top.addWidget(QLabel(_("Sheet:"), self))
        top.addWidget(self.sheet)
        columns = QVBoxLayout()
        columns.addWidget(QLabel(_("How the columns were understood (correct them if needed):"), self))
        columns.addWidget(self.mapping, 1)
        columns.addWidget(recheck)
        middle = QHBoxLayout()
        middle.addLayout(columns, 1)
        middle.addWidget(self.rows, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(template)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addLayout(middle, 1)
        layout.addWidget(self.summary)
        layout.addWidget(policy)
        layout.addLayout(buttons)
        self.resize(1150, 700)

    # --- choosing and checking -----------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import volunteers from Excel"), "", _(FILES))
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        self.path.setText(str(path))
        self.sheet.clear()
        try:
            names = self._service.sheets(path)
        except InvalidEntry as refused:
            self._refused(refused)
            return
        self.sheet.addItems(names)
        self.check()

    def check(self, corrected: mapping.Mapping | None = None) -> None:
        path = Path(self.path.text())
        sheet = self.sheet.currentText() or None
        self.import_button.setEnabled(False)
        if corrected is not None:
            self._service.remember(corrected)
        self._task = run_task(self, _("Reading and checking the file…"),
                              lambda progress: self._service.preview(path, sheet, corrected, progress),
                              self._show, self._failed)

    def _show(self, preview: ImportPreview) -> None:
        self.preview_result = preview
        self.error.hide()
        self._show_mapping(preview.mapping)
        self.model.set_rows(preview.rows)
        self.rows.resizeColumnsToContents()
        self.summary.setText(preview.summary + _("Untick a row to leave it out.")
                             + "".join(f"\n{note}" for note in preview.notes))
        self.import_button.setEnabled(preview.ready > 0)

    def _show_mapping(self, found: mapping.Mapping) -> None:
        form = self._service.form
        targets = [("", _("(do not import)"))] + [(key, form.label(key)) for key in form.fields
                                                   if key not in ("photo", "organisation_id")]
        targets.append(("work_unit_position", "工作单位及职务"))
        self.mapping.setRowCount(len(found.headers))
        for row, (column, header) in enumerate(sorted(found.headers.items())):
            self.mapping.setItem(row, 0, _item(f"{cleaning.column_letter(column)}  {header}", column))
            combo = QComboBox(self.mapping)
            for key, label in targets:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(found.columns.get(column, ""))))
            self.mapping.setCellWidget(row, 1, combo)

    def corrected_mapping(self) -> mapping.Mapping | None:
        if self.preview_result is None:
            return None
        found = self.preview_result.mapping
        for row in range(self.mapping.rowCount()):
            column = self.mapping.item(row, 0).data(Qt.ItemDataRole.UserRole)
            target = self.mapping.cellWidget(row, 1).currentData() or None
            if found.columns.get(column) != target:
                found = mapping.with_column(found, column, target)
        return found

    def save_template(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save an empty template…"), "党员志愿者名册（导入模板）.xlsx",
                                                    _("Excel workbooks (*.xlsx)"))
        if not path:
            return
        target = Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")
        try:
            write_safely(target, self._service.template())
        except OSError:
            QMessageBox.warning(self, _("Save an empty template…"), _(
                "{path} could not be written. If it is open in Excel or WPS, close it there; or choose another "
                "folder.").format(path=target))
            return
        QMessageBox.information(self, _("Save an empty template…"), _("Wrote {path}.").format(path=target))

    # --- importing -------------------------------------------------------------------------------------------

    def policy(self) -> Duplicates:
        return Duplicates(self.duplicates.checkedButton().property("policy"))

    def run_import(self) -> None:
        preview, policy, left_out = self.preview_result, self.policy(), set(self.model.left_out)
        if preview is None:
            return
        self.import_button.setEnabled(False)
        self._task = run_task(self, _("Importing…"),
                              lambda progress: self._service.commit(preview, policy, leave_out=left_out,
                                                                    progress=progress),
                              self._done, self._failed)

    def _done(self, result: ImportResult) -> None:
        QMessageBox.information(self, _("Import volunteers from Excel"), _(
            "Imported: {created} added, {updated} updated, {skipped} left out. If something is wrong, undo the "
            "whole import in File → Import history.").format(
                created=result.created, updated=result.updated, skipped=result.skipped))
        self.imported.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(self.preview_result is not None)
        if isinstance(exc, Cancelled):
            self.error.setText(_("Cancelled: nothing was imported."))
            self.error.show()
        elif isinstance(exc, InvalidEntry):
            self._refused(exc)
        else:
            QMessageBox.warning(self, _("Import volunteers from Excel"), _(
                "The file could not be imported; nothing was changed. The details are in the log file."))

    def _refused(self, refused: InvalidEntry) -> None:
        self.error.setText(errors_text(refused.errors))
        self.error.show()


def _item(text: str, column: int) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, column)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
