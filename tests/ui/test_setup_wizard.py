"""The first-start wizard and Settings → 本单位信息, driven as a person would."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from tests.ui.conftest import type_chinese
from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.services.setup import SetupService
from volunteer_desk.ui.setup_wizard import SetupWizard


def _answer(qtbot, wizard, *, name="西湖街道机关第一党支部", code="320412-001", operator="王书记"):
    wizard.role.committee.setChecked(False)
    wizard.role.branch.setChecked(True)
    wizard.next()
    form = wizard.organisation
    type_chinese(form.name, name)
    qtbot.keyClicks(form.code, code)
    type_chinese(form.parent_name, "西湖街道党工委")
    form.party_members.setValue(48)
    type_chinese(form.operator, operator)


def test_wizard_saves_the_answers(qtbot, database):
    service = SetupService(database)
    wizard = SetupWizard(service, database)
    qtbot.addWidget(wizard)
    wizard.show()
    _answer(qtbot, wizard)
    wizard.accept()
    assert wizard.result() == QDialog.DialogCode.Accepted
    info = service.current()
    assert (info.role, info.name, info.code, info.parent_name, info.party_members, info.operator) == (
        OrgLevel.BRANCH, "西湖街道机关第一党支部", "320412-001", "西湖街道党工委", 48, "王书记")


def test_wizard_explains_a_missing_answer_on_the_field_and_stays_open(qtbot, database):
    service = SetupService(database)
    wizard = SetupWizard(service, database)
    qtbot.addWidget(wizard)
    wizard.show()
    _answer(qtbot, wizard, operator="")
    wizard.accept()
    assert wizard.isVisible() and wizard.result() != QDialog.DialogCode.Accepted
    label = wizard.organisation.errors["operator"]
    assert not label.isHidden() and label.text()
    assert not service.is_initialised()
    assert wizard.organisation.name.text() == "西湖街道机关第一党支部"  # nothing typed is lost


def test_wizard_with_practice_data_fills_the_roster_off_the_ui_thread(qtbot, database, monkeypatch):
    from volunteer_desk.ui import setup_wizard

    monkeypatch.setattr(setup_wizard, "DEMO_VOLUNTEERS", 300)
    service = SetupService(database)
    wizard = SetupWizard(service, database)
    qtbot.addWidget(wizard)
    wizard.show()
    _answer(qtbot, wizard)
    wizard.demo_box.setChecked(True)
    with qtbot.waitSignal(wizard.accepted, timeout=30000):
        wizard.accept()
    assert len(RosterService(database).ids(RosterQuery())) == 300
    assert service.current().name == "西湖街道机关第一党支部"  # the practice data keeps the answers


def test_settings_dialog_changes_the_organisation(qtbot, window):
    service = window.services.setup
    dialog = window.edit_organisation()
    dialog.role.committee.setChecked(True)
    dialog.organisation.name.clear()
    type_chinese(dialog.organisation.name, "西湖街道党工委")
    qtbot.keyClicks(dialog.organisation.code, "320412")
    type_chinese(dialog.organisation.operator, "李主任")
    dialog.accept()
    assert service.current().role is OrgLevel.COMMITTEE
    assert service.current().name == "西湖街道党工委"
    assert "西湖街道党工委" in window.windowTitle()
    assert window.committee_page is not None and window.pages.indexOf(window.committee_page) >= 0
