"""Long work off the UI thread, with a progress dialog that appears only when the work takes a while.

`run_task` is the one way the UI starts a thread. The job is a plain function that receives a
`progress(done, total) -> bool` callback (False asks it to stop); its result or its failure comes back
on the UI thread. A failure is logged with its traceback and reported to the user in Chinese.
"""

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from volunteer_desk.i18n import _

log = logging.getLogger(__name__)
SHOW_AFTER_MS = 600


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], bool]], Any]):
        super().__init__()
        self.signals = _Signals()
        self.cancelled = False
        self._work = work

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Exception as exc:  # every failure must reach the UI, or the dialog would wait for ever
            log.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def run_task(parent: QWidget, label: str, work: Callable[[Callable[[int, int], bool]], Any],
             on_done: Callable[[Any], None], on_failed: Callable[[Exception], None]) -> QProgressDialog:
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(_("Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = _Job(work)
    dialog.canceled.connect(lambda: setattr(job, "cancelled", True))

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(exc: Exception) -> None:
        dialog.close()
        on_failed(exc)

    job.signals.progress.connect(progress, Qt.ConnectionType.QueuedConnection)
    job.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    dialog._job = job  # keep the job (and its signals) alive as long as the dialog
    QThreadPool.globalInstance().start(job)
    return dialog


def run_quietly(work: Callable[[], Any], on_failed: Callable[[Exception], None]) -> QRunnable:
    """Work nobody waits for (the backup at start): no dialog, but a failure still reaches `on_failed` on the
    UI thread. Keep the returned job referenced until then."""
    job = _Job(lambda _progress: work())
    job.setAutoDelete(False)
    job.signals.failed.connect(on_failed, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(job)
    return job
