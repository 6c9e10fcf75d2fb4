"""Crash reports and the log: written to the data folder, without personal data."""

from __future__ import annotations

import logging
import sys

from volunteer_desk import diagnostics

PERSONAL = ["张三", "32041219850615123X", "13812345678"]


def _fail(message: str):
    raise ValueError(message)


def test_crash_report_has_the_code_path_but_no_personal_data(data_dir):
    try:
        _fail(" ".join(PERSONAL))
    except ValueError:
        report = diagnostics.write_crash_report(data_dir, *sys.exc_info())
    text = report.read_text(encoding="utf-8")
    assert report.parent == data_dir / "logs"
    assert "_fail" in text and "ValueError" in text
    for value in PERSONAL:
        assert value not in text


def test_excepthook_logs_reports_and_notifies(data_dir, monkeypatch):
    log_file = diagnostics.configure_logging(data_dir)
    notified = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    diagnostics.install_excepthook(data_dir, notified.append)
    try:
        _fail(" ".join(PERSONAL))
    except ValueError:
        sys.excepthook(*sys.exc_info())
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert len(notified) == 1 and notified[0].is_file()
    logged = log_file.read_text(encoding="utf-8")
    assert "unhandled ValueError" in logged
    for value in PERSONAL:
        assert value not in logged


def test_a_full_disk_is_told_as_such_not_as_a_crash(data_dir, monkeypatch):
    import errno

    from volunteer_desk.storage.db import StorageFull

    diagnostics.configure_logging(data_dir)
    crashes, full = [], []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    diagnostics.install_excepthook(data_dir, crashes.append, lambda: full.append(True))
    try:
        raise StorageFull(errno.ENOSPC, "database or disk is full")
    except StorageFull:
        sys.excepthook(*sys.exc_info())
    assert full == [True] and crashes == []
    assert not list((data_dir / "logs").glob("crash-*"))
