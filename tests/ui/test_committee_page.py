"""各支部情况 at a committee, on real bundles from two branches: who has sent the quarter in words and colour,
the ranking and candidates across branches, the Excel export, the roster's choice of unit; and none of it at a
branch, until the first-start wizard makes the installation a committee."""

from __future__ import annotations

import io

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog

from tests.services.test_committee import AFTER_DEADLINE, BRANCHES, Q, build_world
from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services.committee import CommitteeService
from volunteer_desk.services.printing import PrintService
from volunteer_desk.ui import app as gui
from volunteer_desk.ui.committee_page import GREEN, RED, CommitteePage


@pytest.fixture(scope="module")
def world(tmp_path_factory, migrated_database_file):
    built = build_world(migrated_database_file, tmp_path_factory.mktemp("committee"),
                        branches=(BRANCHES[0], BRANCHES[2]))
    yield built
    for each in (built.committee, *built.branches):
        each.close()


def test_the_branches_side_by_side_and_exported(qtbot, world, tmp_path, monkeypatch):
    database = world.committee.database
    page = CommitteePage(CommitteeService(database), PrintService(database), today=lambda: AFTER_DEADLINE)
    qtbot.addWidget(page)
    page.quarter.setCurrentIndex(page.quarter.findText(Q.label))
    page.year.setValue(2026)
    page.show()
    qtbot.waitUntil(lambda: page.branches.rowCount() == 3 and page.candidates.rowCount() > 0, timeout=10000)
    cells = [[page.branches.index(row, column).data() for column in range(3)] for row in range(3)]
    assert [row[0] for row in cells] == [BRANCHES[0][0], BRANCHES[2][0], _("Total")]
    assert cells[0][1] == f"√ {_('Sent on time')}" and cells[1][1] == f"× {_('Overdue, not sent')}"
    colours = [page.branches.index(row, 1).data(Qt.ItemDataRole.ForegroundRole) for row in range(2)]
    assert colours == [QColor(GREEN), QColor(RED)]
    assert "2026" in cells[1][2] and cells[2][1] == _("{sent} of {branches} sent").format(sent=1, branches=2)
    assert page.summary.text() == _("{quarter}: due by {date}. {sent} of {branches} branches have sent the quarter, "
                                    "{late} late or overdue.").format(quarter=Q.label, date="2026年12月28日", sent=1,
                                                                      branches=2, late=1)
    ranked = CommitteeService(database).ranking(Q)
    assert page.ranking.rowCount() == len([r for r in ranked if r.activities or r.minutes or r.points]) > 0
    assert page.ranking.index(0, 2).data() == ranked[0].organisation

    target = tmp_path / "排名"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.tabs.setCurrentIndex(1)
    page.excel_button.click()
    written = target.with_suffix(".xlsx")
    qtbot.waitUntil(written.exists, timeout=10000)
    sheet = openpyxl.load_workbook(io.BytesIO(written.read_bytes())).active
    names = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert names[-page.ranking.rowCount():] == [r.name for r in page.ranking.rows]


def test_a_committee_window_has_the_page_and_a_roster_by_unit(qtbot, qapp, world):
    settings = gui.settings_for(world.committee.folder)
    gui.prepare_application(settings)
    window, services = gui.build_main_window(world.committee.folder, settings)
    qtbot.addWidget(window)
    try:
        assert window.navigation.item(1).text() == _("Branches") and window.pages.widget(1) is window.committee_page
        assert window.pages.currentWidget() is window.roster_page
        units = window.roster_page.unit
        assert [units.itemText(i) for i in range(units.count())] == \
            [_("All units"), "西太湖科技产业园党工委", BRANCHES[0][0], BRANCHES[2][0]]
        assert window.roster_page.table.model.rowCount() == 16
        units.setCurrentIndex(3)
        assert window.roster_page.table.model.rowCount() == 8
    finally:
        services.close()


def test_a_branch_has_no_branches_page_until_it_becomes_a_committee(window):
    assert window.committee_page is None and window.roster_page.unit.isHidden()
    assert _("Branches") not in [window.navigation.item(i).text() for i in range(window.navigation.count())]
    window.services.setup.save(SetupInfo(role=OrgLevel.COMMITTEE, name="西太湖科技产业园党工委", code="C-01",
                                         operator="王书记"))
    window.data_changed()  # as after the first-start wizard
    assert window.navigation.item(1).text() == _("Branches") and window.pages.widget(1) is window.committee_page
    assert window.pages.currentWidget() is window.roster_page
    assert window.navigation.currentItem().text() == _("Roster")
