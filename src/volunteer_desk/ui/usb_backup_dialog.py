"""备份与恢复 → 备份到U盘: the stick (offered first), a password typed twice, then the encrypted backup written
off the UI thread. The service reads the file back from the stick and checks it before "done" is said, so the
secretary may pull the stick out when told."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from volunteer_desk.i18n import _
from volunteer_desk.services import usb_backup
from volunteer_desk.services.backups import BackupFailed, BackupService
from volunteer_desk.services.database import Database
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.ui.drives import NewPassword, StickTarget
from volunteer_desk.ui.field_errors import error_label
from volunteer_desk.ui.tasks import run_task


class UsbBackupDialog(QDialog):
    def __init__(self, backups: BackupService, database: Database, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Back up to a USB stick"))
        self._backups = backups
        self._database = database
        self._task = None
        self.written: usb_backup.UsbBackup | None = None
        self.new_password = NewPassword(self)
        self.password, self.repeated = self.new_password.password, self.new_password.repeated
        self.target = StickTarget(_("Where to write the backup"), _(
            "The whole database is written, encrypted, as {name}").format(name=usb_backup.planned_name(database)), self)
        self.target.chosen.connect(lambda _folder: self.error.hide())
        self.folder = self.target.folder
        self.error = error_label(self)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.write_button = QPushButton(_("Write the backup"), self)
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.write)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.target)
        layout.addWidget(self._password_box())
        layout.addWidget(self.error)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(760, self.sizeHint().height())

    def _password_box(self) -> QGroupBox:
        box = QGroupBox(_("Password"), self)
        text = QLabel(_("The backup holds everyone's ID numbers and phones, so it is locked with a password. The "
                        "password is needed to restore it: write it down and keep it apart from the stick. "
                        "Without it the backup cannot be opened by anyone."), box)
        text.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(text)
        layout.addWidget(self.new_password)
        return box

    def set_folder(self, folder: Path) -> None:
        self.target.set_folder(folder)

    def _problem(self) -> str:
        if not self.folder.text():
            return _("Choose where to write the backup: click the USB stick, or “Choose folder…”.")
        return self.new_password.problem()

    def write(self) -> None:
        problem = self._problem()
        if problem:
            self._show_error(problem)
            return
        folder, password = Path(self.folder.text()), self.password.text()
        self.error.hide()
        self.outcome.hide()
        self.write_button.setEnabled(False)
        self._task = run_task(self, _("Writing the backup to the stick and checking it…"),
                              lambda progress: usb_backup.write(self._database, self._backups, folder, password,
                                                                progress=progress),
                              self._written, self._failed)

    def _written(self, result: usb_backup.UsbBackup) -> None:
        self.written = result
        self.write_button.setEnabled(True)
        self.outcome.setText(_("Written and checked without fault: you can remove the USB stick.\n{file} in {folder} "
                            "({size} MB) holds {volunteers} volunteers and {activities} activities.").format(
                                file=result.path.name, folder=result.path.parent, size=f"{result.size / 2**20:.1f}",
                                volunteers=result.volunteers, activities=result.activities))
        self.outcome.show()
        self._fit()

    def _failed(self, exc: Exception) -> None:
        self.write_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self._show_error(_("Cancelled: no backup was written to the stick."))
        elif isinstance(exc, BackupFailed):
            self._show_error(str(exc))
        else:
            self._show_error(_("The backup could not be written to the stick; the details are in the log file. "
                               "Try again, or use another stick."))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self._fit()

    def _fit(self) -> None:
        """Grow to show a message under the fields rather than squeeze them."""
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
