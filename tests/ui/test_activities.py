"""Logging an activity and keying its sign-in sheet from the keyboard, on a real database."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime

from tests.sheet_data import id_number, registration
from tests.ui.conftest import type_chinese


def _volunteer(window, name, mobile, sequence):
    service = window.services.volunteers
    home = service.blank_values()["organisation_id"]
    return service.save(registration(name=name, mobile=mobile, organisation_id=home,
                                     id_number=id_number("19850615", sequence=sequence), birth_date="", sex=""))


def test_log_an_activity_and_key_the_sign_in_sheet(qtbot, window):
    _volunteer(window, "张三", "13812345670", "011")
    _volunteer(window, "李四", "13812345671", "013")
    dialog = window.new_activity()
    yesterday = dt.date.today() - dt.timedelta(days=1)
    dialog.held_on.setDate(QDate(yesterday))
    dialog.starts_at.setTime(QTime(8, 30))
    dialog.ends_at.setTime(QTime(11, 0))
    type_chinese(dialog.place, "星河社区")
    dialog.content.setPlainText("清理楼道杂物")
    dialog.category.setCurrentIndex(dialog.category.findText("环境保护"))
    assert dialog.save(), [label.text() for label in dialog.errors.values()]
    entry = dialog.sign_in
    assert entry is not None and entry.hours.value() == 2.5  # the activity's length is the default

    qtbot.keyClicks(entry.who, "zs")
    entry.who.textEdited.emit("zs")
    assert entry.candidates.count() == 1
    qtbot.keyClick(entry.who, Qt.Key.Key_Return)
    entry.hours.setValue(2.0)
    qtbot.keyClick(entry.hours, Qt.Key.Key_Return)
    entry.who.setText("ls")
    entry.who.textEdited.emit("ls")
    qtbot.keyClick(entry.who, Qt.Key.Key_Return)
    qtbot.keyClick(entry.hours, Qt.Key.Key_Return)
    assert entry.table.rowCount() == 2
    assert entry.save()
    assert sorted((p.name, p.minutes) for p in window.services.activities.participants(dialog.activity_id)) == [
        ("张三", 120), ("李四", 150)]

    dialog.reject()
    page = window.activities_page
    page.period.setCurrentIndex(2)  # all
    assert page.model.rowCount() == 1
    assert page.model.index(0, 2).data() == "星河社区"
    assert page.model.index(0, 5).data() == "2" and page.model.index(0, 6).data() == "4.5"


def test_a_bad_activity_is_explained_on_its_fields(qtbot, window):
    dialog = window.new_activity()
    assert not dialog.save()
    assert not dialog.errors["place"].isHidden() and dialog.errors["place"].text()
    assert not dialog.errors["content"].isHidden()
    assert dialog.activity_id is None
