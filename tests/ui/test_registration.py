"""Registering a volunteer through the sheet editor, as a secretary does, on a real database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from stdnum.cn import ric

from tests.ui.conftest import type_chinese
from volunteer_desk.storage.schema import VolunteerRow
from sqlalchemy import func, select


def _valid_id(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")  # stdnum ignores the last character


ZHANG_ID = _valid_id("32041219850615123")  # a man born 1985-06-15


def _count(window) -> int:
    with window.services.database.sessions() as session:
        return session.scalar(select(func.count()).select_from(VolunteerRow))


def _fill_minimum(qtbot, dialog, id_number=ZHANG_ID):
    editor = dialog.editor
    type_chinese(editor.widgets["name"].edit, "张三")
    qtbot.keyClicks(editor.widgets["id_number"].edit, id_number)
    editor.widgets["id_number"].edit.editingFinished.emit()
    combo = editor.widgets["political_status"].combo
    combo.setCurrentIndex(combo.findData("member"))
    qtbot.keyClicks(editor.widgets["mobile"].edit, "138 1234 5678")


def test_register_then_find_by_pinyin_initials(qtbot, window):
    dialog = window.new_volunteer()
    _fill_minimum(qtbot, dialog)
    editor = dialog.editor
    # Birth date and sex were derived from the ID number as soon as it was entered.
    assert editor.widgets["birth_date"].value() == "1985.06"
    assert editor.widgets["sex"].value() == "male"
    editor.widgets["transport_subsidy"].boxes[1].setChecked(True)
    editor.widgets["availability"].boxes[0].setChecked(True)
    type_chinese(editor.widgets["availability"].other_edit, "工作日晚上")

    assert dialog.save()
    assert _count(window) == 1

    page = window.roster_page
    qtbot.keyClicks(page.table.search, "zs")
    model = page.table.model
    assert model.rowCount() == 1
    assert model.index(0, 1).data() == "张三"
    assert model.index(0, 9).data() == "138****5678"  # phones are masked in lists
    saved = window.services.volunteers.raw_values(model.id_at(0))
    assert saved["availability"] == ["weekends"] and saved["availability_other"] == "工作日晚上"
    assert saved["transport_subsidy"] == "self_collect"


def test_wrong_check_digit_is_explained_and_nothing_saved(qtbot, window):
    dialog = window.new_volunteer()
    wrong = ZHANG_ID[:-1] + ("0" if ZHANG_ID[-1] != "0" else "1")
    _fill_minimum(qtbot, dialog, wrong)
    assert not dialog.save()
    assert "校验码" in dialog.editor.error_text("id_number")
    assert _count(window) == 0
    # Everything typed is still there to correct.
    assert dialog.editor.widgets["name"].value() == "张三"
    assert dialog.editor.widgets["id_number"].value() == wrong


def test_duplicate_id_offers_to_open_the_existing_person(qtbot, window):
    first = window.new_volunteer()
    _fill_minimum(qtbot, first)
    assert first.save()
    second = window.new_volunteer()
    _fill_minimum(qtbot, second)
    message = second.editor.error_text("id_number")
    assert "张三" in message and 'href="open:' in message
    assert not second.save()
    assert _count(window) == 1


def test_single_choice_boxes_allow_one_tick(qtbot, window):
    dialog = window.new_volunteer()
    boxes = dialog.editor.widgets["transport_subsidy"].boxes
    boxes[0].setChecked(True)
    boxes[2].setChecked(True)
    assert [b.isChecked() for b in boxes] == [False, False, True]


def test_tab_and_enter_follow_the_paper_sheet(qtbot, window):
    dialog = window.new_volunteer()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    widgets = dialog.editor.widgets
    expected = [widgets[k].focus_targets()[0] for k in ("name", "sex", "specialty", "photo", "birth_date")]
    expected[0].setFocus()
    for current, following in zip(expected, expected[1:]):
        assert QApplication.focusWidget() is current
        qtbot.keyClick(current, Qt.Key.Key_Return if current is expected[0] else Qt.Key.Key_Tab)
        if following is widgets["photo"].focus_targets()[0]:
            assert QApplication.focusWidget() is following
            qtbot.keyClick(following, Qt.Key.Key_Tab)  # 选择照片 → 移除 (disabled while empty) → 出生年月
            following = expected[-1]
            assert QApplication.focusWidget() is following
            break
    assert dialog.isVisible()  # Enter moved on; it did not close the sheet


def test_edit_delete_and_restore(qtbot, window, monkeypatch):
    dialog = window.new_volunteer()
    _fill_minimum(qtbot, dialog)
    assert dialog.save()
    page = window.roster_page
    page.table.view.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_current()
    assert page.table.model.rowCount() == 0
    recycle = window.recycle_page
    assert recycle.table.model.rowCount() == 1
    recycle.table.view.selectRow(0)
    recycle.restore_current()
    assert recycle.table.model.rowCount() == 0
    assert page.table.model.rowCount() == 1

    editing = window.open_volunteer(page.table.model.id_at(0))
    assert editing.editor.widgets["id_number"].value() == ZHANG_ID  # in full, inside the editor only
    editing.editor.widgets["specialty"].edit.clear()
    type_chinese(editing.editor.widgets["specialty"].edit, "书法")
    assert editing.save()
    assert _count(window) == 1
    assert page.table.model.index(0, 6).data() == "书法"


def test_photo_is_cropped_to_one_inch_and_saved(qtbot, window):
    from PySide6.QtGui import QColor, QImage

    from volunteer_desk.ui.field_widgets import PHOTO_PIXELS, encode_photo

    wide = QImage(1200, 600, QImage.Format.Format_RGB32)
    wide.fill(QColor("steelblue"))
    data = encode_photo(wide)
    stored = QImage.fromData(data)
    assert (stored.width(), stored.height()) == (PHOTO_PIXELS.width(), PHOTO_PIXELS.height())

    dialog = window.new_volunteer()
    _fill_minimum(qtbot, dialog)
    dialog.editor.widgets["photo"].set_value(data)
    assert dialog.save()
    assert window.services.volunteers.raw_values(dialog.volunteer_id)["photo"] == data


def test_delete_key_in_the_roster_asks_then_deletes(qtbot, window, monkeypatch):
    dialog = window.new_volunteer()
    _fill_minimum(qtbot, dialog)
    assert dialog.save()
    view = window.roster_page.table.view
    view.setFocus()
    view.selectRow(0)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(asked) == 1 and window.roster_page.table.model.rowCount() == 1  # answered No: nothing lost
