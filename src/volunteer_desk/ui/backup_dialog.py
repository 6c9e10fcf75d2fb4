"""设置 → 备份与恢复: the backups on this computer, newest first, with what each holds and whether it is intact;
a backup made now, one written to a USB stick, and restoring one (from the list or from a stick).

Restoring replaces the database file under the open program, so the database is closed first and the program
ends afterwards (`restored`): every page and dialog would otherwise keep showing the data from before. The
secretary starts it again on the restored data. Checking the list reads every backup file (SHA-256), which
takes a while for many large ones, so it runs off the UI thread like the rest of the work here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from volunteer_desk.i18n import N_, _
from volunteer_desk.services import usb_backup
from volunteer_desk.services.backups import BackupFailed, BackupInfo, BackupService, RestoreResult
from volunteer_desk.services.database import Database
from volunteer_desk.ui.drives import removable_volumes
from volunteer_desk.ui.field_errors import error_label
from volunteer_desk.ui.rows_model import ROW_ROLE, RowsModel
from volunteer_desk.ui.tasks import run_task
from volunteer_desk.ui.usb_backup_dialog import UsbBackupDialog

COLUMNS = (N_("Backed up at"), N_("Type of backup"), N_("Volunteers"), N_("Number of activities"), N_("Size"),
           N_("State"))
# BackupService's kinds as the secretary reads them; "start" and "exit" are the automatic ones.
KINDS = {"start": N_("Automatic"), "exit": N_("Automatic"), "manual": N_("Manual"), "usb": N_("USB stick"),
         "before_restore": N_("Before a restore"), "before_upgrade": N_("Before an upgrade")}


class BackupDialog(QDialog):
    restored = Signal()  # the database was replaced: the program must close

    def __init__(self, backups: BackupService, database: Database, parent=None, *,
                 leave: Callable[[], bool] = lambda: True):
        """`leave`: asked before the database is closed for a restore (unsaved edits); False keeps it open."""
        super().__init__(parent)
        self.setWindowTitle(_("Backups and restore"))
        self._backups = backups
        self._database = database
        self._leave = leave
        self._task = None
        self.model = RowsModel(COLUMNS, self._cells, right_aligned=frozenset({2, 3, 4}), parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        # The reason a backup is not intact is a sentence: the row grows to show all of it.
        self.table.horizontalHeader().sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        hint = QLabel(_("A backup is made automatically once a day when the program starts and when it closes "
                        "after changes; the automatic ones are kept for 7 days, 4 weeks and 12 months. Backups made "
                        "by hand or before a restore are never deleted. They are kept in {folder}.").format(
                            folder=backups.folder), self)
        hint.setWordWrap(True)
        self.error = error_label(self)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.back_up_button = QPushButton(_("Back up now"), self)
        self.back_up_button.clicked.connect(self.back_up_now)
        self.usb_button = QPushButton(_("Back up to a USB stick…"), self)
        self.usb_button.clicked.connect(self.back_up_to_usb)
        self.restore_button = QPushButton(_("Restore the selected backup…"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.usb_restore_button = QPushButton(_("Restore from a USB stick…"), self)
        self.usb_restore_button.clicked.connect(self.restore_from_usb)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.back_up_button, self.usb_button, self.restore_button, self.usb_restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        self.resize(1000, 520)
        self.refresh()

    # --- the list ---------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._run(_("Checking the backups…"), lambda _progress: [(info, _size(info.path))
                                                                  for info in self._backups.list()], self._listed)

    def _listed(self, rows: list[tuple[BackupInfo, int | None]]) -> None:
        self.model.set_rows(rows)
        for column in range(len(COLUMNS) - 1):  # the state stretches and wraps
            self.table.resizeColumnToContents(column)
        self.table.resizeRowsToContents()
        if rows:
            self.table.selectRow(0)

    def _cells(self, row: tuple[BackupInfo, int | None]) -> tuple[str, ...]:
        info, size = row
        return (f"{info.created_at:%Y-%m-%d %H:%M}", _(KINDS.get(info.kind, N_("Automatic"))), str(info.volunteers),
                str(info.activities), "—" if size is None else f"{size / 2**20:.1f} MB",
                _("Intact") if info.ok else info.reason)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE)[0] if rows else None

    # --- backing up -------------------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        self._run(_("Making a backup and checking it…"),
                  lambda _progress: self._backups.verify(self._backups.make("manual").path), self._backed_up)

    def _backed_up(self, info: BackupInfo) -> None:
        if not info.ok:
            self._show_error(info.reason)
        else:
            self._tell(_("The backup was made and checked: {volunteers} volunteers, {activities} activities.").format(
                volunteers=info.volunteers, activities=info.activities))
        self.refresh()

    def back_up_to_usb(self) -> UsbBackupDialog:
        dialog = UsbBackupDialog(self._backups, self._database, self)
        dialog.open()
        return dialog

    # --- restoring --------------------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            self._show_error(_("Select the backup to restore in the list first."))
            return
        if not info.ok:
            self._show_error(_("This backup cannot be restored: {reason}").format(reason=info.reason))
            return
        self._confirm_and_restore(info.created_at.strftime("%Y-%m-%d %H:%M"), info.volunteers, info.activities,
                                  lambda: self._backups.restore(info.path))

    def restore_from_usb(self) -> None:
        sticks = removable_volumes()
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the backup on the USB stick"), str(sticks[0].path) if sticks else "",
            _("VolunteerDesk backups (*{suffix})").format(suffix=usb_backup.SUFFIX))
        if not path:
            return
        password, ok = QInputDialog.getText(self, _("Password of the backup"),
                                            _("The password chosen when {name} was written:").format(
                                                name=Path(path).name), QLineEdit.EchoMode.Password)
        if not ok:
            return
        self._run(_("Opening the backup and checking it…"),
                  lambda _progress: usb_backup.inspect(self._backups, Path(path), password),
                  lambda found: self._confirm_and_restore(
                      found.made_at.strftime("%Y-%m-%d %H:%M"), found.volunteers, found.activities,
                      lambda: usb_backup.restore(self._backups, found.path, password)))

    def _confirm_and_restore(self, made: str, volunteers: int, activities: int,
                             work: Callable[[], RestoreResult]) -> None:
        answer = QMessageBox.question(self, _("Restore a backup"), _(
            "Restore the backup made {made} ({volunteers} volunteers, {activities} activities)?\n\n"
            "The data as it is now is backed up first (kind “Before a restore”), so nothing is lost. What was "
            "entered after {made} will not be in the restored data.\n\n"
            "VolunteerDesk closes after restoring; start it again to work with the restored data.").format(
                made=made, volunteers=volunteers, activities=activities),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes or not self._leave():
            return
        self._database.close()  # BackupService.restore replaces the file: no connection may stay open on it
        self._run(_("Restoring the backup…"), lambda _progress: work(), self._restored)

    def _restored(self, result: RestoreResult) -> None:
        QMessageBox.information(self, _("Backup restored"), _(
            "The backup made {made} was restored: {volunteers} volunteers, {activities} activities. The data as it "
            "was before is kept in the list of backups (“Before a restore”).\n\n"
            "VolunteerDesk now closes. Start it again to work with the restored data.").format(
                made=f"{result.restored.created_at:%Y-%m-%d %H:%M}", volunteers=result.restored.volunteers,
                activities=result.restored.activities))
        self.restored.emit()
        self.accept()

    # --- helpers ----------------------------------------------------------------------------------------------

    def _run(self, label: str, work, on_done) -> None:
        self.error.hide()
        self._set_busy(True)

        def done(result) -> None:
            self._set_busy(False)
            on_done(result)

        self._task = run_task(self, label, work, done, self._failed)

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, BackupFailed):
            self._show_error(str(exc))
        else:
            self._show_error(_("That did not work; the details are in the log file."))

    def _set_busy(self, busy: bool) -> None:
        for button in (self.back_up_button, self.usb_button, self.restore_button, self.usb_restore_button):
            button.setEnabled(not busy)

    def _tell(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.show()

    def _show_error(self, text: str) -> None:
        self.outcome.hide()
        self.error.setText(text)
        self.error.show()


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None
