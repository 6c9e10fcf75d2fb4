"""设置 → 备份与恢复 on a real data folder: the list, a backup made now, one written to a "stick" (a folder) and
restoring, from the list and from the stick."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import time

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QPushButton

from volunteer_desk.i18n import _
from volunteer_desk.services import usb_backup
from volunteer_desk.services.backups import BackupService
from volunteer_desk.ui.backup_dialog import KINDS, BackupDialog
from tests.bundle_world import PASSWORD
from tests.services.test_activities import make_volunteer

YES = QMessageBox.StandardButton.Yes


class Clock:
    def __init__(self):
        self.at = dt.datetime(2026, 3, 18, 9, 0)

    def __call__(self) -> dt.datetime:
        return self.at


@pytest.fixture
def backups(data_dir, database):
    """Three backups a day apart, holding 0, 1 and 2 volunteers; the clock then stands on the fourth day."""
    clock = Clock()
    service = BackupService(data_dir, database.path, now=clock)
    for day, kind in enumerate(("start", "manual", "before_upgrade")):
        clock.at = dt.datetime(2026, 3, 18 + day, 9, 0)
        service.make(kind)
        make_volunteer(database, name=f"志愿者{day}", mobile=f"1381234000{day}")
    clock.at = dt.datetime(2026, 3, 21, 9, 0)
    return service


@pytest.fixture
def dialog(qtbot, backups, database):
    left = []
    shown = BackupDialog(backups, database, leave=lambda: left.append(True) or True)
    shown.left = left
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.model.rowCount() == 3, timeout=5000)
    return shown


def _cells(dialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def _volunteers(database) -> int:
    with contextlib.closing(sqlite3.connect(database.path)) as connection:
        return connection.execute("SELECT count(*) FROM volunteer WHERE NOT deleted").fetchone()[0]


def test_the_list_is_newest_first_with_kind_contents_size_and_state(qtbot, backups, database):
    damaged = backups.list()[-1].path  # the oldest
    damaged.write_bytes(damaged.read_bytes() + b"changed")
    shown = BackupDialog(backups, database)
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: shown.model.rowCount() == 3, timeout=5000)

    rows = _cells(shown)
    assert [row[0] for row in rows] == ["2026-03-20 09:00", "2026-03-19 09:00", "2026-03-18 09:00"]
    assert [row[1] for row in rows] == [_(KINDS["before_upgrade"]), _(KINDS["manual"]), _(KINDS["start"])]
    assert [row[2] for row in rows] == ["2", "1", "0"]
    assert all(row[4].endswith(" MB") for row in rows)
    assert rows[0][5] == rows[1][5] == _("Intact") and rows[2][5] not in ("", _("Intact"))

    shown.table.selectRow(2)
    shown.restore_selected()  # refused at once: nothing asked, nothing closed
    assert shown.error.isVisibleTo(shown) and rows[2][5] in shown.error.text()


def test_back_up_now_adds_a_checked_manual_backup_at_the_top(qtbot, dialog):
    dialog.back_up_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    top = _cells(dialog)[0]
    assert top[:3] == ["2026-03-21 09:00", _(KINDS["manual"]), "3"] and top[5] == _("Intact")
    assert dialog.outcome.isVisibleTo(dialog) and "3" in dialog.outcome.text()


def test_restoring_the_selected_backup_keeps_the_current_data_and_ends_the_program(qtbot, dialog, backups,
                                                                                   database, monkeypatch):
    asked, told = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text, *a: asked.append(text) or YES)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a: told.append(text))
    dialog.table.selectRow(1)  # 2026-03-19, one volunteer

    with qtbot.waitSignal(dialog.restored, timeout=10000):
        dialog.restore_button.click()

    assert "2026-03-19 09:00" in asked[0] and dialog.left == [True] and told
    assert _volunteers(database) == 1
    kept = [info for info in backups.list() if info.kind == "before_restore"]
    assert len(kept) == 1 and kept[0].volunteers == 3


def test_a_backup_written_to_a_stick_is_restored_from_it_with_its_password(qtbot, dialog, database, tmp_path,
                                                                           monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    writer = dialog.back_up_to_usb()
    writer.set_folder(stick)
    writer.password.setText(PASSWORD)
    writer.repeated.setText(PASSWORD + "x")
    writer.write_button.click()
    assert writer.error.isVisibleTo(writer) and not list(stick.iterdir())  # two different passwords
    writer.repeated.setText(PASSWORD)
    writer.write_button.click()
    qtbot.waitUntil(lambda: writer.outcome.isVisibleTo(writer), timeout=15000)
    (file,) = stick.glob("*.vdbak")
    assert writer.written.path == file and writer.written.volunteers == 3
    writer.accept()
    make_volunteer(database, name="后来的人", mobile="13812349999")

    typed = iter([("wrong password", True), (PASSWORD, True)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(file), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(typed))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: YES)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    dialog.usb_restore_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=15000)
    assert _volunteers(database) == 4 and dialog.left == []  # the wrong password got nowhere near the data

    with qtbot.waitSignal(dialog.restored, timeout=15000):
        dialog.usb_restore_button.click()
    assert _volunteers(database) == 3 and dialog.left == [True]


def test_the_settings_menu_opens_backups_and_restore(qtbot, window):
    (action,) = [action for menu in window.menuBar().actions() for action in menu.menu().actions()
                 if action.text() == _("&Backups and restore…")]
    action.trigger()
    shown = window.findChild(BackupDialog)
    assert shown is not None and shown.isVisible()
    qtbot.waitUntil(shown.back_up_button.isEnabled, timeout=5000)  # the list was read
    shown.reject()


def test_cancelling_the_backup_to_a_stick_writes_nothing_and_says_so(qtbot, dialog, tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    real = usb_backup.write

    def slowly(*args, progress, **kwargs):  # each step waits long enough for the person to press 取消
        return real(*args, progress=lambda done, total: (time.sleep(0.3), progress(done, total))[1], **kwargs)

    monkeypatch.setattr(usb_backup, "write", slowly)
    writer = dialog.back_up_to_usb()
    writer.set_folder(stick)
    writer.password.setText(PASSWORD)
    writer.repeated.setText(PASSWORD)
    writer.write_button.click()
    writer._task.findChild(QPushButton).click()  # 取消 on the progress dialog
    qtbot.waitUntil(lambda: writer.error.isVisibleTo(writer), timeout=15000)
    assert writer.error.text() == _("Cancelled: no backup was written to the stick.")
    assert list(stick.iterdir()) == [] and writer.written is None and writer.write_button.isEnabled()
