"""本支部规则: four tabs saved together or not at all, each refusal on its field, defaults restored on request."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from volunteer_desk.domain import stars
from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.domain.hours import HoursRules
from volunteer_desk.domain.points import PointsRules
from volunteer_desk.domain.teams import SizeLimits
from volunteer_desk.i18n import _
from volunteer_desk.ui.rules_dialog import RulesDialog


def _dialog(qtbot, window) -> RulesDialog:
    dialog = RulesDialog(window.services.rules, window.services.categories, window)
    qtbot.addWidget(dialog)
    return dialog


def test_the_rules_are_shown_changed_and_saved_together(qtbot, window):
    rules = window.services.rules
    dialog = _dialog(qtbot, window)
    assert dialog.rounding_unit.currentData() == 30 and dialog.daily_cap.value() == 8
    assert [s.value() for s in dialog.thresholds] == list(stars.DEFAULT_THRESHOLDS)
    dialog.rounding_unit.setCurrentIndex(dialog.rounding_unit.findData(15))
    dialog.daily_cap.setValue(7.5)
    dialog.points_per_activity.setValue(1)
    dialog.coefficients["扶残助残"].setValue(1.5)
    dialog.thresholds[0].setValue(50)
    dialog.team_sizes[TeamKind.TEAM.value][1].setValue(20)
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert rules.hours() == HoursRules(15, 450)
    assert rules.points() == PointsRules(1.0, 1.0, 2.0, {"扶残助残": 1.5})
    assert rules.star_thresholds()[0] == 50
    assert rules.team_limits()[TeamKind.TEAM] == SizeLimits(10, 20)
    assert _dialog(qtbot, window).coefficients["扶残助残"].value() == 1.5  # read back when opened again


def test_one_wrong_tab_saves_nothing_and_says_what_is_wrong_on_its_field(qtbot, window):
    rules = window.services.rules
    dialog = _dialog(qtbot, window)
    dialog.daily_cap.setValue(10)  # right on its own, and not saved while another tab is wrong
    dialog.thresholds[2].setValue(250)  # below 二星's 300
    dialog.team_sizes[TeamKind.DETACHMENT.value][0].setValue(12)  # more than the largest, 10
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert rules.hours() == HoursRules() and rules.star_thresholds() == stars.DEFAULT_THRESHOLDS
    assert dialog.errors["thresholds"].text() == _("Each star level needs more hours than the one below it.")
    assert not dialog.errors["thresholds"].isHidden() and dialog.errors["daily_cap_minutes"].isHidden()
    assert dialog.errors[TeamKind.DETACHMENT.value].text() == _(
        "The smallest team size must be at least 1 and no more than the largest.")
    assert dialog.tabs.currentIndex() == 2 and dialog.tabs.tabText(2).startswith("⚠")
    assert not dialog.tabs.tabText(0).startswith("⚠")
    assert dialog.thresholds[2].value() == 250 and dialog.daily_cap.value() == 10  # as typed

    dialog.thresholds[2].setValue(600)
    dialog.team_sizes[TeamKind.DETACHMENT.value][0].setValue(5)
    dialog.daily_cap.setValue(7.75)  # not a whole number of half hours
    dialog.accept()
    assert dialog.errors["daily_cap_minutes"].text() == _("The daily limit must be a whole number of rounding units.")
    assert dialog.tabs.currentIndex() == 0 and not dialog.tabs.tabText(2).startswith("⚠")
    assert rules.hours() == HoursRules()


def test_restoring_the_defaults_asks_first(qtbot, window, monkeypatch):
    rules = window.services.rules
    rules.save_star_thresholds([50, 100, 200, 400, 800])
    dialog = _dialog(qtbot, window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.restore_defaults()
    assert rules.star_thresholds() == (50, 100, 200, 400, 800)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    with qtbot.waitSignal(dialog.saved):
        dialog.restore_defaults()
    assert rules.star_thresholds() == stars.DEFAULT_THRESHOLDS
    assert [s.value() for s in dialog.thresholds] == list(stars.DEFAULT_THRESHOLDS)


def test_a_coefficient_for_a_name_no_longer_among_the_categories_is_kept(qtbot, window):
    window.services.rules.save_points({"category_coefficients": {"旧类别": 2}})
    dialog = _dialog(qtbot, window)
    assert dialog.coefficients["旧类别"].value() == 2
    dialog.points_per_hour.setValue(1.5)
    dialog.accept()
    assert window.services.rules.points().category_coefficients == {"旧类别": 2.0}
