"""数据交换 → 接收密钥与指纹: the fingerprints people read out to each other on the phone. This installation's
signing key (the committee confirms it on the first bundle), a committee's receiving key with the file it
hands its branches, and the parent committee's receiving key, taken into use only after its fingerprint was
compared."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from volunteer_desk.exchange import BundleRejected, keys
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.bundle_keys import KeyService
from volunteer_desk.services.file_writes import WriteFailed
from volunteer_desk.ui.drives import removable_volumes
from volunteer_desk.ui.field_errors import error_label
from volunteer_desk.ui.fingerprints import ConfirmFingerprintDialog, FingerprintLabel

KEY_FILES = N_("Receiving key files (*.vdkey)")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _note(text: str, parent) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def _left(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row


class BundleKeysDialog(QDialog):
    def __init__(self, service: KeyService, *, committee: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Receiving keys and fingerprints"))
        self._keys = service
        prints = service.fingerprints()
        layout = QVBoxLayout(self)
        signing = QGroupBox(_("This installation's signing key"), self)
        box = QVBoxLayout(signing)
        box.addWidget(_note(_("Every bundle made here is signed with this key. When the first one reaches the "
                              "committee, they phone you and compare this fingerprint with the one on their "
                              "screen."), signing))
        box.addWidget(FingerprintLabel(prints.signing, signing))
        layout.addWidget(signing)
        self.receiving_key: keys.ReceivingKey | None = None
        if committee:
            self.receiving_key = service.receiving_key()  # made the first time a committee looks
            layout.addWidget(self._receiving_box())
        self.parent_box = QGroupBox(_("The parent committee's receiving key"), self)
        box = QVBoxLayout(self.parent_box)
        self.parent_text = _note("", self.parent_box)
        self.parent_print = FingerprintLabel("", self.parent_box)
        choose = QPushButton(_("Import the parent committee's receiving key…"), self.parent_box)
        choose.clicked.connect(self._choose_parent_key)
        box.addWidget(self.parent_text)
        box.addWidget(self.parent_print)
        box.addLayout(_left(choose))
        layout.addWidget(self.parent_box)
        self.status = _note("", self)
        self.status.hide()
        self.error = error_label(self)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._show_parent()
        self.resize(720, self.sizeHint().height())

    def _receiving_box(self) -> QGroupBox:
        box = QGroupBox(_("This committee's receiving key"), self)
        layout = QVBoxLayout(box)
        layout.addWidget(_note(_("The branches encrypt their bundles to this key, so only this committee can open "
                                 "them. Save the key file and give it to every branch (on a USB stick or by e-mail); "
                                 "when a branch imports it, read this fingerprint out to them."), box))
        layout.addWidget(FingerprintLabel(self.receiving_key.fingerprint, box))
        save = QPushButton(_("Save receiving key file…"), box)
        save.clicked.connect(self._choose_key_file)
        layout.addLayout(_left(save))
        return box

    def _show_parent(self) -> None:
        parent = self._keys.parent_key()
        if parent is None:
            self.parent_text.setText(_("None imported yet: bundles made here are protected with a password. Import "
                                       "the key file your committee gave you."))
        else:
            self.parent_text.setText(_("Bundles made here are encrypted for {organisation} ({code}), whose receiving "
                                       "key has this fingerprint:").format(organisation=parent.organisation,
                                                                           code=parent.code))
            self.parent_print.show_fingerprint(parent.fingerprint)
        self.parent_print.setVisible(parent is not None)

    # --- the committee's key file ---------------------------------------------------------------------------

    def _choose_key_file(self) -> None:
        sticks = removable_volumes()
        name = _UNSAFE.sub("_", _("{organisation} receiving key").format(
            organisation=self.receiving_key.organisation)) + keys.RECEIVING_KEY_SUFFIX
        start = sticks[0].path / name if sticks else Path.home() / name
        path, _filter = QFileDialog.getSaveFileName(self, _("Save receiving key file…"), str(start), _(KEY_FILES))
        if path:
            self.save_key_file(Path(path))

    def save_key_file(self, path: Path) -> None:
        if path.suffix.lower() != keys.RECEIVING_KEY_SUFFIX:
            path = path.with_name(path.name + keys.RECEIVING_KEY_SUFFIX)
        try:
            key = self._keys.export_receiving_key(path)
        except WriteFailed as failed:
            self._say(error=failed.message)
            return
        self._say(_("Wrote {path}. Give it to the branches; when one imports it, read out this fingerprint: "
                    "{fingerprint}").format(path=path, fingerprint=key.fingerprint))

    # --- the parent committee's key -------------------------------------------------------------------------

    def _choose_parent_key(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import the parent committee's receiving key…"), "",
                                                    _(KEY_FILES))
        if path:
            self.import_parent_key(Path(path))

    def import_parent_key(self, path: Path) -> None:
        try:
            key = self._keys.read_receiving_key(path)
        except BundleRejected as rejected:
            self._say(error=rejected.message)
            return
        if self.receiving_key is not None and key.public == self.receiving_key.public:
            self._say(error=_("This is this committee's own receiving key. Import the key file of the committee "
                              "above this one."))
            return
        if not self.confirm_key(key):
            self._say(_("The key was not taken into use."))
            return
        self._keys.set_parent_key(key)
        self._show_parent()
        self._say(_("From now on bundles made here are encrypted for {organisation}.").format(
            organisation=key.organisation))

    def confirm_key(self, key: keys.ReceivingKey) -> bool:
        dialog = ConfirmFingerprintDialog(
            _("Confirm the committee's key"),
            _("Phone the committee, ask them to open Data exchange → Receiving keys and fingerprints, and compare "
              "the fingerprint of their receiving key with the digits below, group by group. Confirm only if every "
              "digit matches: a key file from anyone else would let them read your bundles."),
            _("{organisation} ({code})").format(organisation=key.organisation, code=key.code), key.fingerprint, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _say(self, text: str = "", *, error: str = "") -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.error.setText(error)
        self.error.setVisible(bool(error))
