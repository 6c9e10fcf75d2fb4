"""群众需求 / 微心愿: record a need, see who could help and why, assign it to a volunteer or a team, close it
with its result and reopen it; every refusal is explained and nothing typed is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from tests.sheet_data import id_number, registration
from tests.ui.conftest import type_chinese
from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services.context import Services
from volunteer_desk.services.needs import NeedInput, NeedStatus
from volunteer_desk.services.teams import TeamInput
from volunteer_desk.ui import app as gui
from volunteer_desk.ui.need_dialog import CloseNeedDialog, NeedDialog
from volunteer_desk.ui.needs_page import NeedsPage

TODAY = dt.date(2026, 7, 1)  # a Wednesday
SATURDAY = dt.date(2026, 7, 4)


@pytest.fixture
def services(qapp, data_dir, settings):
    gui.prepare_application(settings)
    opened = Services.open(data_dir)
    opened.setup.save(SetupInfo(name="西湖街道机关第一党支部", code="320412-001", operator="王书记"))
    yield opened
    opened.close()


@pytest.fixture
def volunteer(services):
    home = services.volunteers.blank_values()["organisation_id"]
    count = iter(range(101, 999, 2))

    def make(name, *, intents=(), specialty="", availability=("holidays",)):
        return services.volunteers.save(registration(
            name=name, id_number=id_number(sequence=f"{next(count):03d}"), organisation_id=home,
            service_intents=list(intents), specialty=specialty, major="", availability=list(availability),
            availability_other=""))
    return make


@pytest.fixture
def page(qtbot, services):
    shown = NeedsPage(services.needs, services.teams, services.pairing, services.categories, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def record(services, title="为残疾人上门医疗护理", raised_on=TODAY):
    return services.needs.record(NeedInput(title=title, raised_on=raised_on), today=TODAY)


def answer(monkeypatch, kind: str, reply=QMessageBox.StandardButton.Yes) -> list[str]:
    """QMessageBox.<kind> answers `reply`; returns the texts it was shown."""
    shown: list[str] = []

    def ask(parent, title, text, *args, **kwargs):
        shown.append(text)
        return reply
    monkeypatch.setattr(QMessageBox, kind, ask)
    return shown


def test_a_new_need_shows_who_could_help_and_why(page, services, volunteer, monkeypatch):
    volunteer("张伟", intents=["助残服务"], specialty="医疗护理", availability=["weekends"])
    volunteer("刘洋", intents=["尊老服务"], specialty="书法")  # nothing in common with the need

    def fill_and_save(dialog):
        type_chinese(dialog.title, "为残疾人上门医疗护理")
        dialog.accept()
        return dialog.result()
    monkeypatch.setattr(NeedDialog, "exec", fill_and_save)
    page.new_need()

    need = page.current_need()
    assert (need.title, need.status, need.raised_on) == ("为残疾人上门医疗护理", NeedStatus.OPEN, TODAY)
    assert page.title.text() == "为残疾人上门医疗护理"
    assert [m.name for m in page.match_model.rows] == ["张伟"]
    why = page.match_model.index(0, 1).data()
    assert _("Service intent: {intent}").format(intent="助残服务") in why
    assert _("Specialty: {specialty}").format(specialty="医疗护理") in why
    assert "双休日" not in why  # help is wanted on a Wednesday
    page.on.setDate(SATURDAY)
    assert _("Available: {when}").format(when="双休日") in page.match_model.index(0, 1).data()
    assert page.no_match.isHidden()


def test_a_need_nobody_fits_says_how_to_find_someone(page, services, volunteer):
    volunteer("刘洋", intents=["尊老服务"], specialty="书法")
    page.refresh(select=record(services, title="修水管"))
    assert page.match_model.rows == []
    assert page.no_match.isVisible() and not page.matches.isVisible()


def test_the_need_form_keeps_what_was_typed_and_explains(qtbot, services):
    dialog = NeedDialog(services.needs, services.pairing, services.categories, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.raised_on.setDate(TODAY + dt.timedelta(days=1))
    type_chinese(dialog.description, "楼道灯坏了")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors["title"].text() == _("{label} is required.").format(label=_("Title"))
    assert dialog.errors["raised_on"].text() == _("The date raised cannot be in the future.")
    assert dialog.description.toPlainText() == "楼道灯坏了" and services.needs.list() == []


def test_editing_a_need_changes_it(qtbot, services):
    need_id = record(services, title="修水龙头")
    dialog = NeedDialog(services.needs, services.pairing, services.categories, need_id, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "修水龙头"
    dialog.title.clear()
    type_chinese(dialog.title, "修理漏水水龙头")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.needs.get(need_id).title == "修理漏水水龙头"


def test_assign_to_a_volunteer_then_hand_over_to_a_team(page, services, volunteer, monkeypatch):
    helper = volunteer("张伟", intents=["助残服务"])
    category = services.categories.list(include_inactive=False)[0].id
    brigade = services.teams.create(TeamInput(name="西湖大队", kind=TeamKind.BRIGADE, category_id=category))
    detachment = services.teams.create(TeamInput(name="第一支队", kind=TeamKind.DETACHMENT, category_id=category,
                                                 parent_id=brigade))
    need_id = record(services)
    page.refresh(select=need_id)

    told = answer(monkeypatch, "information")
    page.assign_to_volunteer()  # nobody clicked in the list yet
    assert told == [_("First click a volunteer in the list of who could help.")]
    assert services.needs.get(need_id).status is NeedStatus.OPEN

    page.matches.selectRow(0)
    page.assign_to_volunteer()
    need = services.needs.get(need_id)
    assert (need.status, need.assigned_volunteer_id) == (NeedStatus.ASSIGNED, helper)
    assert page.model.index(0, 4).data() == "张伟"

    offered: list[list[str]] = []

    def pick(parent, title, label, items, *args, **kwargs):
        offered.append(list(items))
        return next(i for i in items if "第一支队" in i), True
    monkeypatch.setattr(QInputDialog, "getItem", pick)
    asked = answer(monkeypatch, "question")
    page.assign_to_team()
    assert offered[0][0].startswith("西湖大队") and offered[0][1].startswith("　第一支队")  # under its brigade
    assert "张伟" in asked[0] and "第一支队" in asked[0]  # asked before taking it from him
    assert services.needs.get(need_id).assigned_team_id == detachment
    assert page.fields["assigned_to"].text() == "第一支队"


def test_handing_over_is_not_done_when_the_answer_is_no(page, services, volunteer, monkeypatch):
    helper = volunteer("张伟", intents=["助残服务"])
    volunteer("王芳", intents=["助残服务"])
    need_id = record(services)
    services.needs.assign(need_id, volunteer_id=helper)
    page.refresh(select=need_id)
    page.matches.selectRow([m.name for m in page.match_model.rows].index("王芳"))
    answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    page.assign_to_volunteer()
    assert services.needs.get(need_id).assigned_volunteer_id == helper


def test_assigning_to_a_team_when_there_is_none_says_what_to_do(page, services, monkeypatch):
    page.refresh(select=record(services))
    told = answer(monkeypatch, "information")
    page.assign_to_team()
    assert told == [_("There are no teams yet. Create one on the teams page first.")]


def test_close_with_the_result_then_reopen(page, services, volunteer, monkeypatch):
    helper = volunteer("张伟", intents=["助残服务"])
    need_id = record(services)
    services.needs.assign(need_id, volunteer_id=helper)
    page.refresh(select=need_id)

    def write_result(dialog):
        type_chinese(dialog.result_text, "已上门护理三次")
        dialog.accept()
        return dialog.result()
    monkeypatch.setattr(CloseNeedDialog, "exec", write_result)
    page.close_need()
    need = services.needs.get(need_id)
    assert (need.status, need.result, need.closed_on) == (NeedStatus.CLOSED, "已上门护理三次", TODAY)
    assert page.fields["result"].text() == "已上门护理三次" and page.fields["closed_on"].text() == "2026-07-01"
    assert page.actions["reopen"].isEnabled() and not page.actions["close"].isEnabled()
    assert not page.actions["volunteer"].isEnabled() and not page.helpers.isVisible()

    asked = answer(monkeypatch, "question")
    page.reopen_need()
    assert "已上门护理三次" not in asked[0] and need.title in asked[0]
    need = services.needs.get(need_id)
    assert (need.status, need.result, need.assigned_to) == (NeedStatus.ASSIGNED, "", "张伟")
    assert page.actions["close"].isEnabled() and not page.actions["reopen"].isEnabled()
    assert page.fields["result"].text() == "" and page.helpers.isVisible()


def test_the_close_form_keeps_the_result_and_explains_the_date(qtbot, services):
    need_id = record(services, raised_on=dt.date(2026, 6, 20))
    dialog = CloseNeedDialog(services.needs, need_id, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    type_chinese(dialog.result_text, "邻居帮忙修好了")
    dialog.closed_on.setDate(dt.date(2026, 6, 1))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors["closed_on"].text() == _(
        "A need cannot be closed before it was raised, on {date}.").format(date="2026-06-20")
    assert dialog.result_text.toPlainText() == "邻居帮忙修好了"
    assert services.needs.get(need_id).status is NeedStatus.OPEN


def test_the_status_filter_and_a_need_that_leaves_it(page, services, volunteer, monkeypatch):
    helper = volunteer("张伟", intents=["助残服务"])
    record(services, title="修水管", raised_on=dt.date(2026, 6, 1))
    need_id = record(services)
    page.status.setCurrentIndex(page.status.findData(NeedStatus.OPEN.value))
    assert page.model.rowCount() == 2
    page.refresh(select=need_id)
    page.matches.selectRow(0)
    page.assign_to_volunteer()
    assert [n.title for n in page.model.rows] == ["修水管"]
    assert services.needs.get(need_id).assigned_volunteer_id == helper
    assert NeedStatus.ASSIGNED.label in page.count.text()  # says where it went rather than let it vanish
    page.status.setCurrentIndex(page.status.findData(None))
    assert page.model.rowCount() == 2


def test_delete_asks_first(page, services, monkeypatch):
    need_id = record(services, title="修水管")
    page.refresh(select=need_id)
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    page.delete_need()
    assert "修水管" in asked[0] and services.needs.get(need_id) is not None
    answer(monkeypatch, "question")
    page.delete_need()
    assert services.needs.get(need_id) is None and page.model.rowCount() == 0
    assert page.current_need() is None and not page.actions["close"].isEnabled()


def test_actions_without_a_need_chosen_say_what_to_do(page, monkeypatch):
    told = answer(monkeypatch, "information")
    page.edit_need()
    page.delete_need()
    assert told == [_("First click the need in the list.")] * 2
