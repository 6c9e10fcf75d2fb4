"""Logging an activity and keying its sign-in sheet from the keyboard, on a real database."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox

from tests.sheet_data import id_number, registration
from tests.ui.conftest import type_chinese
from volunteer_desk.domain.enums import PairingKind, TeamKind, TeamRole
from volunteer_desk.services.activities import ActivityDraft
from volunteer_desk.services.pairing import PersonInput
from volunteer_desk.services.stations import ProjectInput, StationInput
from volunteer_desk.services.teams import TeamInput
from volunteer_desk.ui.activity_dialog import ActivityDialog


def _volunteer(window, name, mobile, sequence):
    service = window.services.volunteers
    home = service.blank_values()["organisation_id"]
    return service.save(registration(name=name, mobile=mobile, organisation_id=home,
                                     id_number=id_number("19850615", sequence=sequence), birth_date="", sex=""))


def activity_dialog(window, activity_id=None) -> ActivityDialog:
    """Opened as the activities page opens it."""
    return window.open_activity(activity_id) if activity_id else window.new_activity()


def fill_in(dialog) -> None:
    dialog.held_on.setDate(QDate(dt.date.today() - dt.timedelta(days=1)))
    type_chinese(dialog.place, "星河社区")
    dialog.content.setPlainText("清理楼道杂物")


def _team(window, name="星河社区服务队", kind=TeamKind.TEAM, parent_id=None):
    category = window.services.categories.list(include_inactive=False)[0].id
    return window.services.teams.create(TeamInput(name=name, kind=kind, category_id=category, parent_id=parent_id))


def test_log_an_activity_and_key_the_sign_in_sheet(qtbot, window):
    _volunteer(window, "张三", "13812345670", "011")
    _volunteer(window, "李四", "13812345671", "013")
    dialog = activity_dialog(window)
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
    dialog = activity_dialog(window)
    assert not dialog.save()
    assert not dialog.errors["place"].isHidden() and dialog.errors["place"].text()
    assert not dialog.errors["content"].isHidden()
    assert dialog.activity_id is None


def test_the_organiser_is_chosen_saved_and_shown_again(qtbot, window):
    services = window.services
    brigade = _team(window, "西湖大队", TeamKind.BRIGADE)
    detachment = _team(window, "第一支队", TeamKind.DETACHMENT, brigade)
    station = services.stations.save_station(StationInput(name="星河社区服务站"))
    project = services.stations.save_project(ProjectInput(name="爱心接力"))
    dialog = activity_dialog(window)
    assert [dialog.team.itemData(i) for i in range(dialog.team.count())] == [None, brigade, detachment]
    fill_in(dialog)
    dialog.team.setCurrentIndex(dialog.team.findData(detachment))
    dialog.station.setCurrentIndex(dialog.station.findData(station))
    dialog.brand_project.setCurrentIndex(dialog.brand_project.findData(project))
    assert dialog.save()
    record = services.activities.get(dialog.activity_id)
    assert (record.team_id, record.station_id, record.brand_project_id) == (detachment, station, project)

    again = activity_dialog(window, dialog.activity_id)
    assert (again.team.currentText().strip(), again.station.currentText(), again.brand_project.currentText()) == (
        "第一支队", "星河社区服务站", "爱心接力")
    again.brand_project.setCurrentIndex(0)  # the empty choice takes the project away
    assert again.save()
    assert services.activities.get(dialog.activity_id).brand_project_id is None


def test_saving_keeps_a_pairing_the_dialog_does_not_show(qtbot, window):
    services = window.services
    helper = _volunteer(window, "张三", "13812345670", "011")
    person = services.pairing.save_person(PersonInput(name="李奶奶", category="空巢老人"))
    pairing = services.pairing.create(PairingKind.ONE_TO_ONE, volunteer_ids=[helper], person_ids=[person],
                                      started_on=dt.date.today() - dt.timedelta(days=30))
    activity = services.activities.create(ActivityDraft(held_on=dt.date.today(), place="红梅新村", content="上门探望",
                                                         pairing_id=pairing))
    dialog = activity_dialog(window, activity)
    dialog.outcome.setPlainText("帮助打扫卫生")
    assert dialog.save()
    assert services.activities.get(activity).pairing_id == pairing


def test_a_deleted_team_stays_shown_and_saving_other_changes_keeps_it(qtbot, window):
    services = window.services
    team = _team(window)
    activity = services.activities.create(ActivityDraft(held_on=dt.date.today(), place="星河社区", content="清理楼道",
                                                        team_id=team))
    services.teams.delete(team)
    dialog = activity_dialog(window, activity)
    assert dialog.team.currentData() == team and dialog.team.currentText()  # shown, not silently dropped
    dialog.place.clear()
    type_chinese(dialog.place, "星河社区东门")
    assert dialog.save() and dialog.errors["team_id"].isHidden()
    assert (services.activities.get(activity).team_id, services.activities.get(activity).place) == (team, "星河社区东门")
    dialog.team.setCurrentIndex(0)
    assert dialog.save()
    assert services.activities.get(activity).team_id is None


def test_add_a_whole_team_saving_the_new_activity_first(qtbot, window, monkeypatch):
    services = window.services
    team = _team(window)
    for name, mobile, sequence in (("张三", "13812345670", "011"), ("李四", "13812345671", "013")):
        services.teams.add_member(team, _volunteer(window, name, mobile, sequence), TeamRole.MEMBER,
                                  joined_on=dt.date.today() - dt.timedelta(days=60))
    dialog = activity_dialog(window)
    fill_in(dialog)
    dialog.team.setCurrentIndex(dialog.team.findData(team))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    offered = []
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda parent, title, label, items, current, *a, **k: offered.append(items[current])
                        or (items[current], True))
    dialog.add_team()
    assert dialog.activity_id is not None and offered == ["星河社区服务队"]  # the organising team is offered first
    assert sorted(p.name for p in services.activities.participants(dialog.activity_id)) == ["张三", "李四"]
    assert dialog.participants.rowCount() == 2 and "2" in dialog.notes.text()

    dialog.add_team()  # again: nobody twice, and it says so
    assert dialog.participants.rowCount() == 2 and "0" in dialog.notes.text()


def test_a_correction_shows_in_the_participants_hours_history_with_reason_and_operator(qtbot, window, monkeypatch):
    services = window.services
    volunteer = _volunteer(window, "张三", "13812345670", "011")
    activity = services.activities.create(ActivityDraft(
        held_on=dt.date.today() - dt.timedelta(days=1), starts_at=dt.time(9), ends_at=dt.time(11),
        place="星河社区", content="清理楼道"))
    services.activities.add_participants(activity, [volunteer])
    dialog = activity_dialog(window, activity)
    dialog.participants.setCurrentCell(0, 0)
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (1.5, True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("签到表记为1.5小时", True))
    dialog._correct()
    history = dialog.show_history()
    qtbot.addWidget(history)
    rows = [[history.model.index(r, c).data() for c in range(4)] for r in range(history.model.rowCount())]
    assert [row[2] for row in rows] == ["+2", "−0.5"] and rows[1][3] == "签到表记为1.5小时"
    assert "1.5" in history.findChild(QLabel).text()
