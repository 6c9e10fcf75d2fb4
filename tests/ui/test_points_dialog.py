"""One volunteer's points: the ledger as recorded, the star level, and points added or deducted by hand."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from tests.services.test_activities import draft
from tests.ui.conftest import type_chinese
from tests.ui.test_activities import _volunteer
from volunteer_desk.domain.points import RULE_HOURS, RULE_MANUAL
from volunteer_desk.i18n import _
from volunteer_desk.ui.points_dialog import PointsDialog

LAST_WEEK = dt.date.today() - dt.timedelta(days=7)


def _dialog(qtbot, window, volunteer_id: str, name: str) -> PointsDialog:
    services = window.services
    dialog = PointsDialog(services.ledgers, services.activities, volunteer_id, name, window)
    qtbot.addWidget(dialog)
    return dialog


def _served(window, volunteer_id: str, content: str) -> str:
    activities = window.services.activities
    activity_id = activities.create(draft(held_on=LAST_WEEK, content=content))  # 09:00–11:00: 2 h
    activities.add_participants(activity_id, [volunteer_id])
    return activity_id


def _column(dialog: PointsDialog, column: int) -> list[str]:
    return [dialog.model.index(row, column).data() for row in range(dialog.model.rowCount())]


def test_the_ledger_shows_each_line_with_its_activity_and_the_star_level(qtbot, window):
    volunteer = _volunteer(window, "张三", "13812345670", "011")
    _served(window, volunteer, "为空巢老人理发")
    window.services.rules.save_star_thresholds([1, 300, 600, 1000, 1500])
    dialog = _dialog(qtbot, window, volunteer, "张三")
    [hours_line] = [line for line in dialog.model.rows if line.rule == RULE_HOURS]
    row = dialog.model.rows.index(hours_line)
    cells = [dialog.model.index(row, column).data() for column in (0, 1, 3)]
    assert cells == [LAST_WEEK.isoformat(), "+2", "为空巢老人理发"]
    assert "张三" in dialog.windowTitle()
    assert "2" in dialog.stars.text() and "★" in dialog.stars.text()  # 2 h, one star at 1 h
    total = window.services.ledgers.points_total(volunteer)
    assert f"{total:g}" in dialog.total.text()


def test_points_added_and_deducted_by_hand_become_new_lines(qtbot, window):
    volunteer = _volunteer(window, "李四", "13812345671", "013")
    _served(window, volunteer, "清理楼道杂物")
    dialog = _dialog(qtbot, window, volunteer, "李四")
    before = list(dialog.model.rows)
    with qtbot.waitSignal(dialog.changed):
        dialog.open_form.click()
        dialog.form.deduct.setChecked(True)
        dialog.form.amount.setValue(1.5)
        type_chinese(dialog.form.reason, "季度评议无故缺席")
        assert dialog.record()
    assert dialog.model.rows[:len(before)] == before  # nothing earlier is rewritten
    added = dialog.model.rows[-1]
    assert (added.rule, added.points, added.reason) == (RULE_MANUAL, -1.5, "季度评议无故缺席")
    assert _column(dialog, 1)[-1] == "-1.5"
    assert dialog.form.isHidden() and dialog.form.reason.text() == ""
    assert window.services.ledgers.points_total(volunteer) == 0.5


def test_a_refused_entry_is_explained_and_keeps_what_was_typed(qtbot, window):
    volunteer = _volunteer(window, "王五", "13812345672", "015")
    dialog = _dialog(qtbot, window, volunteer, "王五")
    dialog.show_form()
    dialog.form.amount.setValue(3)
    assert not dialog.record()  # no reason
    assert dialog.form.errors["reason"].text() == _("Give the reason for adding or deducting points.")
    assert dialog.form.amount.value() == 3 and not dialog.form.isHidden()

    type_chinese(dialog.form.reason, "防汛清淤受表扬")
    dialog.form.earned_on.setDate(QDate(dt.date.today() + dt.timedelta(days=1)))
    assert not dialog.record()
    assert dialog.form.errors["earned_on"].text() == _("Points cannot be dated in the future.")
    assert dialog.form.errors["reason"].isHidden()
    assert dialog.form.reason.text() == "防汛清淤受表扬"
    assert dialog.model.rowCount() == 0 and window.services.ledgers.points_ledger(volunteer) == []
