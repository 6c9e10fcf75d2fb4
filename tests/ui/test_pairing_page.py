"""结对帮扶 page on a real database: the register of people served, creating and ending pairings, recording a
visit (an activity that credits the helpers), and the pairings not visited for N weeks."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.sheet_data import id_number, registration
from tests.ui.conftest import type_chinese
from volunteer_desk.domain.enums import ActivityKind, PairingKind, TeamKind
from volunteer_desk.i18n import _
from volunteer_desk.services.activities import ActivityDraft
from volunteer_desk.services.context import Services
from volunteer_desk.services.pairing import PersonInput
from volunteer_desk.services.teams import TeamInput
from volunteer_desk.ui import pairing_dialogs
from volunteer_desk.ui.pairing_dialogs import EndPairingDialog, NewPairingDialog, PersonDialog
from volunteer_desk.ui.pairing_page import NOT_VISITED, WITH_ENDED, PairingPage

TODAY = dt.date(2026, 6, 30)  # in the past, so a visit on it is credited its hours


@pytest.fixture
def services(data_dir):
    opened = Services.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def page(qtbot, services):
    widget = PairingPage(services.pairing, services.activities, services.teams, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def volunteer(services, name, sequence):
    home = services.volunteers.blank_values()["organisation_id"]
    return services.volunteers.save(registration(name=name, mobile=f"13812345{sequence[-3:]}", organisation_id=home,
                                                 id_number=id_number("19850615", sequence=sequence), birth_date="",
                                                 sex=""))


def person(services, name="李奶奶", address="红梅新村 3 幢 201", contact="13812345678"):
    return services.pairing.save_person(PersonInput(name=name, category="空巢老人", address=address, contact=contact))


def cells(view, column):
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def run_dialog(monkeypatch, cls, fill):
    """The page opens its dialogs with exec(): fill the form and press Save instead of waiting for a person."""
    def exec_(dialog):
        fill(dialog)
        dialog.accept()
        return dialog.result()
    monkeypatch.setattr(cls, "exec", exec_)


def test_a_person_served_is_masked_in_the_list_and_whole_in_the_editor(qtbot, page, services):
    dialog = PersonDialog(services.pairing, parent=page)
    qtbot.addWidget(dialog)
    type_chinese(dialog.address, "红梅新村 3 幢 201")
    dialog.contact.setText("13812345678")
    dialog.accept()  # no name, no kind of person: explained, nothing lost
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors["name"].text() == "“姓名”为必填项，请填写。" and not dialog.errors["name"].isHidden()
    assert dialog.address.text() == "红梅新村 3 幢 201"
    type_chinese(dialog.name, "李奶奶")
    dialog.category.setCurrentText("空巢老人")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted

    page.refresh()
    assert cells(page.person_view, 0) == ["李奶奶"]
    assert cells(page.person_view, 3) == ["138****5678"]
    assert cells(page.person_view, 5) == ["0"]
    editor = PersonDialog(services.pairing, dialog.person_id, page)
    qtbot.addWidget(editor)
    assert (editor.contact.text(), editor.category.currentText()) == ("13812345678", "空巢老人")


def test_the_kind_is_checked_in_chinese_as_helpers_are_chosen(qtbot, page, services):
    volunteer(services, "张三", "011")
    volunteer(services, "李四", "013")
    person(services)
    dialog = NewPairingDialog(services.pairing, services.activities, services.teams, TODAY, page)
    qtbot.addWidget(dialog)
    for initials in ("zs", "ls"):
        dialog.who.setText(initials)
        dialog.who.textEdited.emit(initials)
        qtbot.keyClick(dialog.who, Qt.Key.Key_Return)
    dialog.people.item(0).setCheckState(Qt.CheckState.Checked)
    assert [name for _k, _i, name in dialog.chosen_helpers()] == ["张三", "李四"]
    assert dialog.errors["kind"].text() == "“一对一”结对只能有一名帮扶人和一名服务对象。"
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted

    dialog.kind.setCurrentIndex(dialog.kind.findData(PairingKind.MANY_TO_ONE.value))
    assert dialog.errors["kind"].isHidden()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    page.refresh()
    assert cells(page.pairing_view, 0) == ["多助一"]
    assert cells(page.pairing_view, 1) == ["张三、李四"]
    assert cells(page.person_view, 5) == ["1"]


def test_recording_a_visit_credits_the_helpers_and_logs_it(qtbot, page, services, monkeypatch):
    helper = volunteer(services, "张三", "011")
    pairing_id = services.pairing.create(PairingKind.ONE_TO_ONE, volunteer_ids=[helper],
                                         person_ids=[person(services)], started_on=dt.date(2026, 3, 5))
    page.refresh()
    page.pairing_view.selectRow(0)
    seen = {}

    def fill(dialog):
        seen["place"] = dialog.place.currentText()
        dialog.held_on.setDate(QDate(2026, 6, 28))
        dialog.starts_at.setTime(QTime(9, 0))
        dialog.ends_at.setTime(QTime(10, 30))
        dialog.content.setPlainText("打扫卫生，陪老人聊天")
        dialog.outcome.setPlainText("老人满意")
    run_dialog(monkeypatch, pairing_dialogs.VisitDialog, fill)
    with qtbot.waitSignal(page.changed):
        page.record_visit()

    assert seen["place"] == "红梅新村 3 幢 201"  # the person's address
    [visit] = services.pairing.visits(pairing_id)
    record = services.activities.get(visit.activity_id)
    assert (record.kind, record.pairing_id, record.beneficiaries) == (ActivityKind.PAIRING_VISIT, pairing_id, "李奶奶")
    assert [(p.name, p.minutes) for p in services.activities.participants(visit.activity_id)] == [("张三", 90)]
    assert cells(page.visit_view, 2) == ["打扫卫生，陪老人聊天"]
    assert (cells(page.pairing_view, 5), cells(page.pairing_view, 6)) == (["1"], ["2026-06-28"])
    with qtbot.waitSignal(page.open_activity_requested) as opened:
        page.visit_view.activated.emit(page.visit_model.index(0, 0))
    assert opened.args == [visit.activity_id]


def test_a_visit_by_a_team_credits_its_members_and_bad_input_keeps_the_dialog(qtbot, page, services):
    members = [volunteer(services, "张三", "011"), volunteer(services, "李四", "013")]
    category = services.categories.list(include_inactive=False)[0].id
    team = services.teams.create(TeamInput(name="爱心服务队", kind=TeamKind.TEAM, category_id=category))
    for member in members:
        services.teams.add_member(team, member, joined_on=dt.date(2026, 1, 1))
    people = [person(services, "李奶奶", "红梅新村 3 幢"), person(services, "王大爷", "红梅新村 5 幢", "")]
    services.pairing.create(PairingKind.ONE_TO_MANY, team_ids=[team], person_ids=people, started_on=dt.date(2026, 3, 5))
    page.refresh()
    dialog = pairing_dialogs.VisitDialog(services.activities, services.pairing, page.pairing_model.rows[0], TODAY, page)
    qtbot.addWidget(dialog)
    assert [dialog.place.itemText(i) for i in range(dialog.place.count())] == ["红梅新村 3 幢", "红梅新村 5 幢"]
    assert dialog.held_on.maximumDate() == QDate(TODAY)
    dialog.accept()  # nothing done yet
    assert dialog.result() != QDialog.DialogCode.Accepted and not dialog.errors["content"].isHidden()
    dialog.content.setPlainText("送米送油")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert sorted((p.name, p.minutes) for p in services.activities.participants(dialog.activity_id)) == [
        ("张三", 60), ("李四", 60)]


def test_a_helper_gone_from_the_roster_is_named_and_the_others_are_credited(qtbot, page, services, monkeypatch):
    helpers = [volunteer(services, "张三", "011"), volunteer(services, "李四", "013")]
    services.pairing.create(PairingKind.MANY_TO_ONE, volunteer_ids=helpers, person_ids=[person(services)],
                            started_on=dt.date(2026, 3, 5))
    services.volunteers.delete(helpers[0])
    page.refresh()
    page.pairing_view.selectRow(0)
    run_dialog(monkeypatch, pairing_dialogs.VisitDialog, lambda d: d.content.setPlainText("理发"))
    page.record_visit()
    assert "张三" in page.notice.text()
    [visit] = services.pairing.visits(page.current_pairing().id)
    assert [p.name for p in services.activities.participants(visit.activity_id)] == ["李四"]


def test_pairings_not_visited_for_n_weeks(page, services):
    helper = volunteer(services, "张三", "011")
    visited = services.pairing.create(PairingKind.ONE_TO_ONE, volunteer_ids=[helper],
                                      person_ids=[person(services, "李奶奶")], started_on=dt.date(2026, 3, 5))
    services.pairing.create(PairingKind.ONE_TO_ONE, volunteer_ids=[helper], person_ids=[person(services, "王大爷")],
                            started_on=dt.date(2026, 3, 5))
    services.activities.create(ActivityDraft(held_on=dt.date(2026, 6, 10), place="李奶奶家", content="打扫卫生",
                                             kind=ActivityKind.PAIRING_VISIT, pairing_id=visited))
    page.refresh()
    assert cells(page.pairing_view, 2) == ["李奶奶", "王大爷"]
    page.show_group.button(NOT_VISITED).click()
    assert cells(page.pairing_view, 2) == ["王大爷"]
    assert (cells(page.pairing_view, 6), cells(page.pairing_view, 7)) == ([_("Not yet visited")], ["16"])
    page.weeks.setValue(2)  # 20 days since 李奶奶's visit
    assert cells(page.pairing_view, 2) == ["王大爷", "李奶奶"]


def test_ending_a_pairing_and_deleting_the_person(qtbot, page, services, monkeypatch):
    helper = volunteer(services, "张三", "011")
    served = person(services)
    services.pairing.create(PairingKind.ONE_TO_ONE, volunteer_ids=[helper], person_ids=[served],
                            started_on=dt.date(2026, 3, 5))
    page.refresh()
    warnings = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    page.person_view.selectRow(0)
    page.delete_person()
    assert warnings == ["请先结束该服务对象的结对。"] and cells(page.person_view, 0) == ["李奶奶"]

    dialog = EndPairingDialog(services.pairing, page.pairing_model.rows[0], TODAY, page)
    qtbot.addWidget(dialog)
    dialog.ended_on.setDate(QDate(2026, 3, 1))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors["ended_on"].text() == "结对的结束日期不能早于开始日期（2026-03-05）。"
    dialog.ended_on.setDate(QDate(TODAY))
    type_chinese(dialog.reason, "老人搬去女儿家")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    page.refresh()
    assert page.pairing_model.rowCount() == 0
    page.show_group.button(WITH_ENDED).click()
    assert cells(page.pairing_view, 4) == ["2026-06-30"]

    page.person_view.selectRow(0)
    page.delete_person()
    assert page.person_model.rowCount() == 0
