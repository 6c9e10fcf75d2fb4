"""One window per data folder. The running program holds a lock file (QLockFile: a killed program's lock is
recognised as stale by its dead process id); a second start leaves a knock file beside it and exits, and the
running program, watching the folder, brings its window to the front and takes the knock away.

A file rather than QLocalServer: QtNetwork would add 3.4 MB to a bundle at its size limit, and a file in the
data folder reaches exactly the program that has that folder open.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, QSaveFile, Signal

log = logging.getLogger(__name__)

LOCK = "volunteer_desk.lock"
KNOCK = "volunteer_desk.knock"


class SingleInstance(QObject):
    knocked = Signal()

    def __init__(self, data_dir: Path):
        super().__init__()
        self._folder = Path(data_dir)
        self._lock = QLockFile(str(self._folder / LOCK))
        self._lock.setStaleLockTime(0)  # never stale by age: only when the process holding it is gone
        self._watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        """True when this is the only program on the folder (it now holds the lock)."""
        return self._lock.tryLock(200)

    def listen(self) -> None:
        """Start answering knocks (after the window exists)."""
        self._watcher = QFileSystemWatcher([str(self._folder)], self)
        self._watcher.directoryChanged.connect(self._check)
        self._check()

    def knock(self, wait_seconds: float = 15.0) -> bool:
        """Ask the running program to come to the front; True when it answered within `wait_seconds`."""
        knock = QSaveFile(str(self._folder / KNOCK))
        if not knock.open(QSaveFile.OpenModeFlag.WriteOnly) or knock.write(str(time.time()).encode()) < 0 \
                or not knock.commit():
            log.warning("cannot leave a knock in %s", self._folder)
            return False
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if not (self._folder / KNOCK).exists():
                return True
            time.sleep(0.05)
        return False

    def release(self) -> None:
        self._lock.unlock()

    def _check(self, *_args) -> None:
        knock = self._folder / KNOCK
        if knock.exists():
            try:
                knock.unlink()
            except OSError:
                return
            self.knocked.emit()
