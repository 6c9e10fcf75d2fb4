"""服务站点 and 品牌项目: add and edit them in dialogs, see the 五有 checklist, delete them or be told
why not."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import type_chinese
from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.i18n import _
from volunteer_desk.services.context import Services
from volunteer_desk.services.stations import ProjectInput, StationInput
from volunteer_desk.services.teams import TeamInput
from volunteer_desk.ui import app as gui
from volunteer_desk.ui.stations_page import StationDialog, StationsPage

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def services(qapp, data_dir, settings):
    gui.prepare_application(settings)
    services = Services.open(data_dir)
    yield services
    services.close()


@pytest.fixture
def page(qtbot, services):
    page = StationsPage(services.stations, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    return page


class Boxes(list):
    """Every message box shown, as (kind, text); questions are answered from `answers`, in order."""

    answers: list


@pytest.fixture
def messages(monkeypatch) -> Boxes:
    boxes = Boxes()
    boxes.answers = []

    def question(parent, title, text, *args, **kwargs):
        boxes.append(("question", text))
        return boxes.answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    for kind in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, _kind=kind, **k:
                            boxes.append((_kind, text)))
    return boxes


def cells(view, row: int) -> list[str]:
    model = view.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_a_new_station_shows_what_it_lacks_until_edited_to_meet_all_five(qtbot, page):
    dialog = page.new_station()
    type_chinese(dialog.name, "红梅社区服务站")
    type_chinese(dialog.address, "红梅西路8号")
    for key in ("has_sign", "has_venue", "has_team"):
        dialog.standards[key].setChecked(True)
    with qtbot.waitSignal(page.changed):
        dialog.accept()
    view = page.station_list.view
    lacks = _("Lacks: {items}").format(items=f"{_('Written rules')}、{_('Kept records')}")
    assert cells(view, 0) == ["红梅社区服务站", "红梅西路8号", lacks]

    view.selectRow(0)
    dialog = page.edit_station()
    assert dialog.name.text() == "红梅社区服务站" and dialog.standards["has_team"].isChecked()
    assert not dialog.standards["has_rules"].isChecked()
    dialog.standards["has_rules"].setChecked(True)
    dialog.standards["has_records"].setChecked(True)
    dialog.accept()
    assert cells(view, 0)[2] == _("All five met")
    assert page.station_list.title() == _("Service stations ({n}, of which {met} meet all five standards)").format(
        n=1, met=1)


def test_a_station_without_a_name_is_explained_and_the_dialog_keeps_what_was_typed(page, services):
    dialog = page.new_station()
    type_chinese(dialog.address, "红梅西路8号")
    dialog.standards["has_sign"].setChecked(True)
    dialog.accept()
    assert dialog.isVisible() and dialog.errors["name"].isVisible()
    assert dialog.errors["name"].text() == _("{label} is required.").format(label=_("Station name"))
    assert dialog.address.text() == "红梅西路8号" and dialog.standards["has_sign"].isChecked()
    assert services.stations.stations() == []


def test_a_double_click_opens_the_station_once(qtbot, page, services):
    services.stations.save_station(StationInput(name="清潭村便民服务点"))
    page.refresh()
    view = page.station_list.view
    where = view.visualRect(view.model().index(0, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double-click starts with a click
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    opened = [d for d in page.findChildren(StationDialog) if d.isVisible()]
    assert [d.name.text() for d in opened] == ["清潭村便民服务点"]


def test_a_station_used_by_a_team_is_not_deleted_and_the_message_says_how_to_free_it(page, services, messages):
    station = services.stations.save_station(StationInput(name="红梅社区服务站"))
    team = services.teams.create(TeamInput(name="爱心服务队", kind=TeamKind.TEAM, station_id=station,
                                           category_id=services.categories.list()[0].id))
    page.refresh()
    page.station_list.view.selectRow(0)
    messages.answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Yes]
    page.delete_station()  # answered No
    page.delete_station()
    warnings = [text for kind, text in messages if kind == "warning"]
    assert len(warnings) == 1 and "爱心服务队" in warnings[0] and "红梅社区服务站" in warnings[0]
    assert page.station_list.model.rowCount() == 1 and page.station_list.current().id == station

    services.teams.delete(team)
    page.delete_station()
    assert page.station_list.model.rowCount() == 0 and page.station_list.empty_hint.isVisible()
    assert services.stations.stations() == []


def test_edit_and_delete_without_a_choice_say_to_click_one_first(page, messages):
    assert page.edit_station() is None
    page.delete_project()
    assert messages == [("information", _("First click the service station in the list.")),
                        ("information", _("First click the brand project in the list."))]


def test_a_brand_project_takes_a_year_and_month_but_no_date_to_come(qtbot, page, services):
    dialog = page.new_project()
    type_chinese(dialog.name, "爱心接力")
    type_chinese(dialog.started_on, "2027年1月")
    type_chinese(dialog.description, "为空巢老人送餐")
    dialog.accept()
    assert dialog.isVisible() and dialog.errors["started_on"].isVisible() and dialog.name.text() == "爱心接力"
    assert services.stations.projects() == []

    dialog.started_on.clear()
    type_chinese(dialog.started_on, "2024年3月")
    with qtbot.waitSignal(page.changed):
        dialog.accept()
    assert cells(page.project_list.view, 0) == ["爱心接力", "2024-03-01", "为空巢老人送餐"]


def test_a_brand_project_is_edited_and_deleted(qtbot, page, services, messages):
    stations = services.stations
    stations.save_project(ProjectInput(name="科普惠农", started_on=dt.date(2023, 5, 1)), today=TODAY)
    page.refresh()
    page.project_list.view.selectRow(0)
    dialog = page.edit_project()
    assert dialog.started_on.text() == "2023-05-01"
    dialog.started_on.clear()
    dialog.accept()
    assert cells(page.project_list.view, 0)[:2] == ["科普惠农", ""]

    view = page.project_list.view
    view.selectRow(0)
    view.setFocus()
    messages.answers = [QMessageBox.StandardButton.Yes]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert messages == [("question", _("Delete the brand project {name}?").format(name="科普惠农"))]
    assert stations.projects() == [] and page.project_list.model.rowCount() == 0
