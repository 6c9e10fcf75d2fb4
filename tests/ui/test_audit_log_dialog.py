"""设置 → 操作日志 and 名册 → 显示完整号码: the log lists changes in Chinese, filters, exports to Excel and says
clearly when a file cannot be written; showing one record's numbers asks first and is logged."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.services.test_activities import OPERATOR, make_volunteer, named_operator
from tests.ui.conftest import type_chinese
from volunteer_desk.i18n import _
from volunteer_desk.services.audit_log import AuditLogService
from volunteer_desk.ui.audit_log_dialog import AuditLogDialog


@pytest.fixture
def people(window):
    database = window.services.database
    named_operator(database)
    zhang = make_volunteer(database, "张三", mobile="13812345678")
    window.services.volunteers.delete(zhang)
    window.services.volunteers.restore(zhang)
    make_volunteer(database, "李四", mobile="13900001111")
    window.roster_page.refresh()
    return zhang


@pytest.fixture
def dialog(qtbot, window, people):
    dialog = AuditLogDialog(AuditLogService(window.services.database), window)
    qtbot.addWidget(dialog)
    return dialog


def shown(dialog) -> list[tuple[str, str, str, str]]:
    model = dialog.model
    return [tuple(model.index(r, c).data() for c in (1, 2, 3, 4)) for r in range(model.rowCount())]


def test_the_log_lists_changes_newest_first_and_filters(dialog):
    volunteer = _("Volunteer")
    assert shown(dialog)[:2] == [(OPERATOR, _("Added"), volunteer, "李四"), (OPERATOR, _("Restored"), volunteer, "张三")]
    assert dialog.count.text() == _("{n} entries").format(n=dialog.model.rowCount())
    dialog.kind.setCurrentIndex(dialog.kind.findData("volunteer"))
    assert [row[3] for row in shown(dialog)] == ["李四", "张三", "张三", "张三"]
    type_chinese(dialog.search, "李四")
    assert [row[3] for row in shown(dialog)] == ["李四"]
    type_chinese(dialog.search, "没有这个人")
    assert dialog.model.rowCount() == 0
    assert dialog.count.text() == _("Nothing was recorded that matches. Widen the period, choose “All”, or clear "
                                    "the search box.")
    dialog.search.clear()
    assert dialog.model.rowCount() == 4
    today = dialog.end.date()
    dialog.start.setDate(today)
    dialog.end.setDate(today.addDays(-30))  # typed the wrong way round: the same period
    assert dialog.model.rowCount() == 4
    tomorrow = today.addDays(1)
    dialog.start.setDate(tomorrow)
    dialog.end.setDate(tomorrow)
    assert dialog.model.rowCount() == 0


def test_export_writes_what_the_screen_shows(qtbot, dialog, monkeypatch, tmp_path):
    target = tmp_path / "日志"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    dialog.kind.setCurrentIndex(dialog.kind.findData("volunteer"))
    dialog.export_excel()
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    written = target.with_suffix(".xlsx")
    assert told == [_("Wrote {path}.").format(path=written)]
    rows = list(openpyxl.load_workbook(io.BytesIO(written.read_bytes())).active.iter_rows(values_only=True))
    assert [row[4] for row in rows if row[3] == _("Volunteer")] == ["李四", "张三", "张三", "张三"]


def test_a_file_that_cannot_be_written_is_explained(qtbot, dialog, monkeypatch, tmp_path):
    target = tmp_path / "不存在的文件夹" / "日志.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    dialog.export_excel()
    qtbot.waitUntil(lambda: bool(warned), timeout=5000)
    assert warned[0] == _("{path} could not be written. If it is open in Excel or WPS, close it there; or choose "
                          "another folder.").format(path=target)
    assert str(target) in warned[0] and not target.exists()


def test_showing_full_numbers_asks_first_then_logs_it_and_the_roster_stays_masked(window, people, monkeypatch):
    page = window.roster_page
    page.table.view.selectRow(page.table.model.row_of(people))
    before = [page.table.model.index(r, c).data() for r in range(page.table.model.rowCount())
              for c in range(page.table.model.columnCount())]
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    log = AuditLogService(window.services.database)
    count = len(log.entries())
    page.reveal_current()  # "No": nothing shown, nothing logged
    assert told == [] and len(log.entries()) == count
    page.reveal_current()
    assert "13812345678" in told[0] and re.search(r"\d{17}[\dX]", told[0])
    newest = log.entries()[0]
    assert (newest.action, newest.name, newest.operator) == ("reveal", "张三", OPERATOR)
    page.refresh()
    after = [page.table.model.index(r, c).data() for r in range(page.table.model.rowCount())
             for c in range(page.table.model.columnCount())]
    assert after == before and "138****5678" in after and "13812345678" not in after
