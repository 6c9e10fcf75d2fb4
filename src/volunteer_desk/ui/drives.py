"""USB sticks offered first where a bundle or a backup is written or read: one click on the stick instead of
a trip through the folder dialog, which older users find hard. "Choose folder…" stays for everything else.
Also what both stick dialogs ask: where to write, and a password typed twice."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.exchange.sealed import MIN_PASSWORD
from volunteer_desk.i18n import _

# Where desktop Linux (Kylin, UOS, Debian) mounts what is plugged in.
_LINUX_MOUNTS = ("/media/", "/run/media/")


@dataclasses.dataclass(frozen=True)
class Volume:
    path: Path
    label: str


def looks_removable(root: str, system_root: str, *, windows: bool) -> bool:
    """On Windows every drive but the system one (sticks get D:, E: …); on Linux what is mounted for the user."""
    if windows:
        return root.rstrip("/\\").upper() != system_root.rstrip("/\\").upper()
    return root.startswith(_LINUX_MOUNTS)


def removable_volumes() -> list[Volume]:
    system_root = QStorageInfo.root().rootPath()
    found = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly() \
                or not looks_removable(root, system_root, windows=sys.platform == "win32"):
            continue
        name = volume.displayName() or volume.name() or root
        label = _("{name} ({free} GB free)").format(name=name if name == root else f"{name}  {root}",
                                                    free=f"{volume.bytesAvailable() / 2**30:.1f}")
        found.append(Volume(Path(root), label))
    return found


class DriveButtons(QWidget):
    """A button per USB stick, "Look again" for one plugged in later, and "Choose folder…"."""

    chosen = Signal(object)  # Path

    def __init__(self, folder_title: str, parent=None, *, more: tuple[QPushButton, ...] = ()):
        """`more`: buttons of the caller's shown after "Choose folder…"."""
        super().__init__(parent)
        self._folder_title = folder_title
        self._more = more
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.none_found = QLabel(_("No USB stick found: insert it and press “Look again”."), self)
        self.again = QPushButton(_("Look again"), self)
        self.again.clicked.connect(self.refresh)
        self.choose = QPushButton(_("Choose folder…"), self)
        self.choose.clicked.connect(self._choose_folder)
        self.buttons: list[QPushButton] = []
        self.refresh()

    def refresh(self) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.volumes = removable_volumes()
        self.buttons = []
        for volume in self.volumes:
            button = QPushButton(volume.label, self)
            button.setToolTip(str(volume.path))
            button.clicked.connect(lambda _checked=False, path=volume.path: self.chosen.emit(path))
            self.buttons.append(button)
        while self._layout.count():
            self._layout.takeAt(0)
        for widget in (*self.buttons, self.none_found, self.again, self.choose, *self._more):
            self._layout.addWidget(widget)
        self._layout.addStretch(1)
        self.none_found.setVisible(not self.volumes)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self._folder_title)
        if folder:
            self.chosen.emit(Path(folder))


class StickTarget(QGroupBox):
    """"Where to write it": the sticks, the folder chosen (shown, not typed) and the name the file will get.
    The one stick plugged in is chosen already."""

    chosen = Signal(object)  # Path

    def __init__(self, folder_title: str, file_text: str, parent=None):
        super().__init__(_("Where to write it"), parent)
        self.drives = DriveButtons(folder_title, self)
        self.drives.chosen.connect(self.set_folder)
        self.folder = QLineEdit(self)
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(_("Click the USB stick above, or choose a folder"))
        name = QLabel(file_text, self)
        name.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drives)
        layout.addWidget(self.folder)
        layout.addWidget(name)
        if len(self.drives.volumes) == 1:
            self.set_folder(self.drives.volumes[0].path)

    def set_folder(self, folder: Path) -> None:
        self.folder.setText(str(folder))
        self.chosen.emit(Path(folder))


class NewPassword(QWidget):
    """A password chosen for what goes on a stick, typed twice."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.password, self.repeated = QLineEdit(self), QLineEdit(self)
        for edit in (self.password, self.repeated):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Password (at least 8 characters)"), self.password)
        form.addRow(_("The password again"), self.repeated)

    def text(self) -> str:
        return self.password.text()

    def problem(self) -> str:
        """What is wrong with the password typed, or ""."""
        if len(self.password.text()) < MIN_PASSWORD:
            return _("Choose a password of at least 8 characters.")
        if self.password.text() != self.repeated.text():
            return _("The two passwords differ: type the same password twice.")
        return ""
