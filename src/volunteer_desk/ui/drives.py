"""USB sticks offered first where a bundle is written or read: one click on the stick instead of a trip
through the folder dialog, which older users find hard. "Choose folder…" stays for everything else."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

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
