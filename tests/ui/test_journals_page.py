"""周记: choose the week, see who has not filled theirs in, open a volunteer's journal pre-filled from the
week's activities, write the reflection and save; unsaved edits are never dropped without asking."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from tests.services.test_activities import draft
from tests.ui.conftest import type_chinese
from tests.ui.test_activities import _volunteer
from volunteer_desk.ui.journals_page import JournalsPage

WEDNESDAY = dt.date(2026, 11, 18)  # the week of Monday 16 to Sunday 22 November
MONDAY = dt.date(2026, 11, 16)


@pytest.fixture
def people(window):
    """张三 served on Monday; 李四 served nowhere and already wrote; 王五 has nothing yet."""
    ids = {name: _volunteer(window, name, f"1381234567{n}", f"{11 + 2 * n:03d}")
           for n, name in enumerate(("张三", "李四", "王五"))}
    activities = window.services.activities
    activity = activities.create(draft(held_on=MONDAY, place="红梅社区", content="为空巢老人理发"))
    activities.add_participants(activity, [ids["张三"]])
    window.services.journals.save(ids["李四"], WEDNESDAY, "", "第一次参加，收获很大。")
    return ids


@pytest.fixture
def page(qtbot, window, people):
    page = JournalsPage(window.services.journals, window.services.activities, today=lambda: WEDNESDAY)
    qtbot.addWidget(page)
    page.show()
    return page


def _missing(page) -> list[str]:
    return [page.missing.item(row).text() for row in range(page.missing.count())]


def _answer(monkeypatch, button) -> list[str]:
    """Answer the unsaved-changes question with `button`; the questions asked are collected."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: (asked.append(text), button)[1])
    return asked


def test_the_week_chooser_starts_on_this_week_and_moves_a_week_at_a_time(page):
    assert page.week_start() == MONDAY
    assert all(part in page.week.text() for part in ("2026", "11", "16", "22"))
    assert not page.next_week.isEnabled() and not page.this_week.isEnabled()  # no journals for weeks to come
    page.previous_week.click()
    assert page.week_start() == MONDAY - dt.timedelta(days=7) and "9" in page.week.text()
    page.week.stepBy(1)  # the arrow keys and the wheel step whole weeks too
    assert page.week_start() == MONDAY
    page.week.setDate(QDate(2026, 10, 1))  # a day picked in the calendar means its whole week
    assert page.week_start() == dt.date(2026, 9, 28)
    assert all(part in page.week.text() for part in ("2026", "9", "28", "10", "4"))
    page.this_week.click()
    assert page.week_start() == MONDAY


def test_who_has_not_filled_in_the_week_and_the_count(page):
    assert _missing(page) == ["王五", "张三"]
    assert "2" in page.missing_count.text()
    page.previous_week.click()
    assert _missing(page) == ["李四", "王五", "张三"] and "3" in page.missing_count.text()


def test_a_journal_is_pre_filled_then_saved_with_ctrl_s(qtbot, page, window, people):
    received = []
    page.saved.connect(received.append)
    page.missing.setCurrentRow(_missing(page).index("张三"))
    qtbot.waitUntil(lambda: page.current_volunteer() == people["张三"])
    assert "张三" in page.title.text()
    assert "红梅社区" in page.content.toPlainText() and "为空巢老人理发" in page.content.toPlainText()
    assert page.reflection.hasFocus()  # the content is there: the reflection is what is left to write
    type_chinese(page.reflection, "老人们很开心，我学会了耐心。")
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.reflection, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    journal = window.services.journals.load(people["张三"], WEDNESDAY)
    assert journal.saved and journal.reflection == "老人们很开心，我学会了耐心。" and "红梅社区" in journal.content
    assert _missing(page) == ["王五"] and received == [people["张三"]]
    assert not page.is_dirty()


def test_the_content_can_be_filled_in_again_from_the_activities(page, people):
    page.open_volunteer(people["张三"], "张三")
    prefill = page.content.toPlainText()
    assert not page.refill.isEnabled()
    page.content.setPlainText("随便写的")
    assert page.refill.isEnabled()
    page.refill.click()
    assert page.content.toPlainText() == prefill
    page.content.undo()
    assert page.content.toPlainText() == "随便写的"


def test_an_empty_journal_is_explained_and_kept_open(page, window, people):
    page.open_volunteer(people["王五"], "王五")
    assert page.content.toPlainText() == "" and "王五" in page.status.text()  # no activity lists 王五
    assert not page.save()
    assert page.errors["reflection"].isVisibleTo(page) and page.errors["reflection"].text()
    assert page.current_volunteer() == people["王五"]
    assert not window.services.journals.load(people["王五"], WEDNESDAY).saved


def test_anyone_can_be_found_by_pinyin_initials_and_opened_with_enter(qtbot, page, people):
    qtbot.keyClicks(page.search, "ls")
    assert page.found.isVisible() and page.found.count() == 1
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.current_volunteer() == people["李四"]
    assert page.reflection.toPlainText() == "第一次参加，收获很大。" and page.status.text()
    assert page.search.text() == "" and not page.found.isVisible()
    qtbot.keyClicks(page.search, "xyz")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # nobody matches: said in the list, nothing opened
    assert page.found.count() == 1 and page.current_volunteer() == people["李四"]


def test_switching_volunteer_with_unsaved_edits_asks_cancel_keeps_them_save_saves(page, window, monkeypatch,
                                                                                   people):
    page.open_volunteer(people["张三"], "张三")
    type_chinese(page.reflection, "要保存的心得")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not page.open_volunteer(people["王五"], "王五")
    assert len(asked) == 1 and "张三" in asked[0]
    assert page.current_volunteer() == people["张三"] and page.reflection.toPlainText() == "要保存的心得"
    assert page.missing.currentItem().text() == "张三"
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    assert page.open_volunteer(people["王五"], "王五")
    assert window.services.journals.load(people["张三"], WEDNESDAY).reflection == "要保存的心得"
    assert page.current_volunteer() == people["王五"] and _missing(page) == ["王五"]


def test_switching_with_unsaved_edits_can_drop_them(page, window, monkeypatch, people):
    page.open_volunteer(people["张三"], "张三")
    type_chinese(page.reflection, "不要了")
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert page.open_volunteer(people["王五"], "王五")
    assert not window.services.journals.load(people["张三"], WEDNESDAY).saved


def test_a_failed_save_on_the_way_keeps_the_journal_open(page, monkeypatch, people):
    page.open_volunteer(people["王五"], "王五")
    type_chinese(page.reflection, "x" * 5001)
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    assert not page.open_volunteer(people["张三"], "张三")
    assert page.current_volunteer() == people["王五"] and page.errors["reflection"].text()
    assert len(page.reflection.toPlainText()) == 5001


def test_changing_week_with_unsaved_edits_asks_and_cancel_stays_on_the_week(page, monkeypatch, people):
    page.open_volunteer(people["张三"], "张三")
    type_chinese(page.reflection, "本周心得")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    page.previous_week.click()
    assert asked and page.week_start() == MONDAY and page.week.date() == QDate(MONDAY)
    assert page.reflection.toPlainText() == "本周心得"
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    page.previous_week.click()
    assert page.week_start() == MONDAY - dt.timedelta(days=7)
    assert page.current_volunteer() == people["张三"] and page.reflection.toPlainText() == ""
    assert page.content.toPlainText() == ""  # 张三 served nowhere that week


def test_showing_the_page_again_picks_up_new_activities_but_keeps_edits(page, window, people):
    page.open_volunteer(people["王五"], "王五")
    activities = window.services.activities
    activity = activities.create(draft(held_on=WEDNESDAY, place="西林街道", content="垃圾分类宣传"))
    activities.add_participants(activity, [people["王五"]])
    page.hide()
    page.show()
    assert "垃圾分类宣传" in page.content.toPlainText()
    type_chinese(page.reflection, "正在写")
    page.hide()
    page.show()
    assert page.reflection.toPlainText() == "正在写"


def test_closing_the_program_asks_about_an_unsaved_journal(qtbot, window, monkeypatch):
    page = window.journals_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    volunteer = _volunteer(window, "张三", "13812345670", "011")
    page.open_volunteer(volunteer, "张三")
    type_chinese(page.reflection, "很有收获")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not window.close() and window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert window.close()
