"""数据交换 → 导出上报包: to whom the bundle goes (the committee's receiving key, or a password), where it is
written (the USB stick first), then the export off the UI thread. The service reads the file back from the
stick before "done" is said, so the secretary may pull the stick out when told."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from volunteer_desk.exchange import BundleRejected
from volunteer_desk.i18n import _
from volunteer_desk.services.bundles import BundleService, ExportResult
from volunteer_desk.services.file_writes import WriteFailed
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.ui.drives import NewPassword, StickTarget
from volunteer_desk.ui.field_errors import error_label
from volunteer_desk.ui.fingerprints import FingerprintLabel
from volunteer_desk.ui.tasks import run_task


class BundleExportDialog(QDialog):
    def __init__(self, bundles: BundleService, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Export bundle for the parent committee"))
        self._bundles = bundles
        self._task = None
        self.exported: ExportResult | None = None
        self.parent_key = bundles.keys.parent_key()
        self.new_password: NewPassword | None = None  # only where no receiving key is set up
        self.target = StickTarget(_("Where to write the bundle"), _("The file will be called {name}").format(
            name=bundles.file_name(dt.date.today())), self)
        self.target.chosen.connect(lambda _folder: self.error.hide())
        self.folder = self.target.folder
        self.error = error_label(self)
        self.success = QLabel(self)
        self.success.setWordWrap(True)
        self.success.hide()
        self.export_button = QPushButton(_("Export"), self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._recipient_box())
        layout.addWidget(self.target)
        layout.addWidget(self.error)
        layout.addWidget(self.success)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(760, 0)
        self._fit_height()

    def _recipient_box(self) -> QGroupBox:
        box = QGroupBox(_("Who can open it"), self)
        layout = QVBoxLayout(box)
        if self.parent_key is not None:
            text = QLabel(_("The bundle is encrypted for {organisation}: only that committee can open it. The "
                            "fingerprint of its receiving key:").format(organisation=self.parent_key.organisation),
                          box)
            text.setWordWrap(True)
            layout.addWidget(text)
            layout.addWidget(FingerprintLabel(self.parent_key.fingerprint, box))
            return box
        text = QLabel(_("No receiving key of the parent committee has been imported, so the bundle is protected with "
                        "a password. Tell the committee the password by phone, never on the stick. (To use the "
                        "committee's key instead: Data exchange → Receiving keys and fingerprints.)"), box)
        text.setWordWrap(True)
        self.new_password = NewPassword(box)
        layout.addWidget(text)
        layout.addWidget(self.new_password)
        return box

    @property
    def password(self) -> QLineEdit | None:
        return self.new_password.password if self.new_password else None

    @property
    def repeated(self) -> QLineEdit | None:
        return self.new_password.repeated if self.new_password else None

    def set_folder(self, folder: Path) -> None:
        self.target.set_folder(folder)

    def _problem(self) -> str:
        if not self.folder.text():
            return _("Choose where to write the bundle: click the USB stick, or “Choose folder…”.")
        return self.new_password.problem() if self.new_password else ""

    def export(self) -> None:
        problem = self._problem()
        if problem:
            self._show_error(problem)
            return
        folder = Path(self.folder.text())
        password = self.new_password.text() if self.new_password else None
        self.error.hide()
        self.success.hide()
        self.export_button.setEnabled(False)
        self._task = run_task(self, _("Writing the bundle and checking it…"),
                              lambda progress: self._bundles.export(folder, password=password, progress=progress),
                              self._exported, self._failed)

    def _exported(self, result: ExportResult) -> None:
        self.exported = result
        self.export_button.setEnabled(True)
        text = _("Done: {file} was written to {folder} and read back without fault. You can now safely remove the "
                 "stick.\nIt holds {volunteers} volunteers, {activities} activities and {participations} "
                 "participations.").format(file=result.path.name, folder=result.path.parent,
                                           volunteers=result.counts.get("volunteer", 0),
                                           activities=result.counts.get("activity", 0),
                                           participations=result.counts.get("participation", 0))
        if self.parent_key is None:
            text += "\n" + _("Tell the committee the password by phone.")
        self.success.setText(text)
        self.success.show()
        self._fit_height()

    def _failed(self, exc: Exception) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self._show_error(_("Cancelled: no bundle was written."))
        elif isinstance(exc, (BundleRejected, WriteFailed)):
            self._show_error(exc.message)
        else:
            self._show_error(_("The bundle could not be written. Nothing was sent; the details are in the log file."))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show a message that appeared: wrapped text is not in the minimum size Qt keeps."""
        self.resize(self.width(), max(self.height(), self.layout().heightForWidth(self.width()),
                                      self.layout().sizeHint().height()))
