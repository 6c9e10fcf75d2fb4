"""Work nobody waits for (the backup at start) still reports its failure on the UI thread."""

from __future__ import annotations

import threading

from volunteer_desk.services.backups import BackupFailed, BackupService
from volunteer_desk.ui.tasks import run_quietly


def test_a_backup_that_fails_in_the_background_is_told_on_the_ui_thread(qtbot, tmp_path):
    backups = BackupService(tmp_path)  # a folder without a database: nothing to back up
    failures = []
    job = run_quietly(lambda: backups.make("start"),
                      lambda exc: failures.append((exc, threading.current_thread() is threading.main_thread())))
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    (exc, on_ui_thread), = failures
    assert isinstance(exc, BackupFailed) and str(exc) and on_ui_thread
    assert job is not None
