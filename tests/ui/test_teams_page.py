"""服务队: create a 大队 and a 支队, add members with roles, see the rules' warnings, let a member leave."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from tests.ui.conftest import type_chinese
from tests.ui.test_activities import _volunteer
from volunteer_desk.domain.enums import TeamKind, TeamRole
from volunteer_desk.services.stations import ProjectInput, StationInput
from volunteer_desk.services.teams import TeamInput
from volunteer_desk.ui.teams_page import TeamDialog


def test_create_a_team_add_members_and_see_warnings(qtbot, window, monkeypatch):
    _volunteer(window, "张三", "13812345670", "011")
    _volunteer(window, "李四", "13812345671", "013")
    page = window.teams_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))

    dialog = TeamDialog(window.services.teams, window.services.categories, window.services.stations, parent=page)
    qtbot.addWidget(dialog)
    type_chinese(dialog.name, "星河社区服务队")
    dialog.kind.setCurrentIndex(dialog.kind.findData(TeamKind.TEAM.value))
    dialog.category.setCurrentIndex(dialog.category.findText("社区服务"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    page.refresh(select=dialog.team_id)
    assert page.current_team() == dialog.team_id
    assert "⚠" in page.warnings.text()  # too few members, no captain, no 责任人 or 联络员 yet

    answers = iter([("zs", True), ("ls", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    picks = iter([lambda items: items[0], lambda items: TeamRole.CAPTAIN.label,
                  lambda items: items[0], lambda items: TeamRole.LIAISON.label])
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *a, **k: (next(picks)(items), True))
    page.add_member()
    page.add_member()
    assert page.members.rowCount() == 2
    roles = {page.members.item(r, 0).text(): page.members.item(r, 1).text() for r in range(2)}
    assert roles == {"张三": TeamRole.CAPTAIN.label, "李四": TeamRole.LIAISON.label}

    page.members.setCurrentCell(1, 0)
    page.member_leaves()
    assert page.members.rowCount() == 1


def test_a_detachment_without_a_brigade_is_explained_and_the_dialog_stays(qtbot, window):
    dialog = TeamDialog(window.services.teams, window.services.categories, window.services.stations, parent=window)
    qtbot.addWidget(dialog)
    type_chinese(dialog.name, "第一支队")
    dialog.kind.setCurrentIndex(dialog.kind.findData(TeamKind.DETACHMENT.value))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() and dialog.name.text() == "第一支队"


def test_the_tree_shows_detachments_under_their_brigade(qtbot, window):
    teams = window.services.teams
    category = window.services.categories.list(include_inactive=False)[0].id
    brigade = teams.create(TeamInput(name="西湖大队", kind=TeamKind.BRIGADE, category_id=category))
    teams.create(TeamInput(name="第一支队", kind=TeamKind.DETACHMENT, category_id=category, parent_id=brigade))
    page = window.teams_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    top = page.tree.topLevelItem(0)
    assert top.text(0).startswith("西湖大队") and top.child(0).text(0).startswith("第一支队")


def test_edit_a_team_to_give_it_a_station_and_a_brand_project_then_delete_it(qtbot, window, monkeypatch):
    services = window.services
    category = services.categories.list(include_inactive=False)[0].id
    team = services.teams.create(TeamInput(name="星河社区服务队", kind=TeamKind.TEAM, category_id=category))
    station = services.stations.save_station(StationInput(name="红梅社区服务站"))
    project = services.stations.save_project(ProjectInput(name="银发课堂"))
    page = window.teams_page
    page.refresh(select=team)

    dialog = TeamDialog(services.teams, services.categories, services.stations, services.teams.get(team), page)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "星河社区服务队" and dialog.category.currentData() == category
    dialog.station.setCurrentIndex(dialog.station.findData(station))
    dialog.project.setCurrentIndex(dialog.project.findData(project))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    info = services.teams.get(team)
    assert (info.station_name, info.brand_project_name) == ("红梅社区服务站", "银发课堂")
    page.refresh(select=team)
    assert "红梅社区服务站" in page.title.text() and "银发课堂" in page.title.text()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_team()
    assert services.teams.get(team) is None and page.current_team() is None
