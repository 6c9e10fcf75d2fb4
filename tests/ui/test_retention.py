"""永久删除 in the recycle list, and 设置 → 保存期限 with its review list, in the real main window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from tests.services.test_activities import draft, named_operator
from tests.sheet_data import id_number, registration
from volunteer_desk.i18n import _
from volunteer_desk.ui.retention_dialog import RetentionDialog

LONG_AGO = dt.date.today().replace(year=dt.date.today().year - 11, day=10)


def _volunteer(window, name: str, sequence: str, served_on: dt.date | None = None) -> str:
    services = window.services
    home = services.volunteers.blank_values()["organisation_id"]
    volunteer = services.volunteers.save(registration(name=name, organisation_id=home,
                                                      id_number=id_number("19850603", sequence=sequence)))
    if served_on:
        activity = services.activities.create(draft(held_on=served_on))
        services.activities.add_participants(activity, [volunteer])
    return volunteer


def _answer(monkeypatch, answer):
    asked, told = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text, *a: asked.append(text) or answer)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    return asked, told


def test_the_recycle_list_deletes_permanently_after_a_confirmation_that_says_what_goes(window, qtbot, monkeypatch):
    named_operator(window.services.database)
    _volunteer(window, "钱七", "031")
    window.services.volunteers.delete(_volunteer(window, "孙八", "041"))
    page = window.recycle_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    page.refresh()
    page.table.view.selectRow(0)

    asked, told = _answer(monkeypatch, QMessageBox.StandardButton.No)
    page.purge_button.click()
    assert page.table.model.rowCount() == 1 and "孙八" in asked[0] and not told

    asked, told = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    page.purge_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=5000)

    assert "孙八" in asked[0] and "12" in asked[0]  # the backups' months
    assert told == [_("{n} people deleted permanently.").format(n=1)]
    assert page.table.model.rowCount() == 0 and window.roster_page.table.model.rowCount() == 1


def test_the_retention_dialog_lists_people_past_the_period_and_keeps_or_deletes_them(window, qtbot, monkeypatch):
    named_operator(window.services.database)
    for name, sequence in (("周九", "051"), ("吴十", "061")):
        _volunteer(window, name, sequence, served_on=LONG_AGO)
    _volunteer(window, "郑一", "071", served_on=dt.date.today() - dt.timedelta(days=30))
    [action] = [a for a in window.findChildren(QAction) if a.text() == _("&Retention period…")]
    action.trigger()
    [dialog] = window.findChildren(RetentionDialog)
    qtbot.waitExposed(dialog)
    assert [dialog.model.rows[row].name for row in range(dialog.model.rowCount())] == ["吴十", "周九"]
    assert dialog.years.value() == 10

    dialog.table.selectRow(1)
    dialog.keep_button.click()
    assert [line.name for line in dialog.model.rows] == ["吴十"]

    asked, told = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.table.selectRow(0)
    dialog.purge_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    assert "吴十" in asked[0] and dialog.model.rowCount() == 0
    assert dialog.hint.text() == _("Nobody's records are past the retention period.")
    assert window.roster_page.table.model.rowCount() == 2  # 吴十 left the roster with the erasure

    dialog.years.setValue(9)  # the spin box stops at the least allowed
    assert dialog.years.value() == 10
