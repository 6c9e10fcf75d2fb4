"""Importing from Excel as the secretary does it: choose the file, read the rows and their problems, leave a row
out, import; then undo the import from the history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.services.test_volunteer_import import ROWS, roster_file
from volunteer_desk.services.roster import RosterQuery
from volunteer_desk.services.volunteer_import import Duplicates


def _names(window) -> set[str]:
    roster = window.services.roster
    return {cells[0] for _id, cells in roster.rows(roster.keys(RosterQuery())).values()}


def _open(qtbot, window, tmp_path):
    dialog = window.import_volunteers()
    dialog.open_file(roster_file(tmp_path / "支部名册.xlsx", [r or [] for r in ROWS]))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 5, timeout=5000)
    return dialog


def test_the_rows_show_their_problems_and_only_ticked_rows_are_imported(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    dialog = _open(qtbot, window, tmp_path)
    texts = {dialog.model.index(r, 1).data(): (dialog.model.index(r, 3).data(), dialog.model.index(r, 4).data())
             for r in range(dialog.model.rowCount())}
    assert "G" in texts["6"][1]  # the wrong ID number's column
    assert "4" in texts["8"][0]  # the same ID number as row 4
    assert "5" in dialog.summary.text() and dialog.import_button.isEnabled()
    wang = next(r for r in range(dialog.model.rowCount()) if dialog.model.index(r, 1).data() == "9")
    dialog.model.setData(dialog.model.index(wang, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    blocked = next(r for r in range(dialog.model.rowCount()) if dialog.model.index(r, 1).data() == "6")
    assert not dialog.model.flags(dialog.model.index(blocked, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert dialog.policy() is Duplicates.SKIP
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        dialog.run_import()
    assert _names(window) == {"张三", "李四"}


def test_an_import_is_undone_from_the_history(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = _open(qtbot, window, tmp_path)
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        dialog.run_import()
    assert len(_names(window)) == 3
    history = window.import_history()
    assert history.model.rowCount() == 1 and history.model.index(0, 2).data() == "3"
    history.undo_current()
    assert _names(window) == set()
    assert history.model.index(0, 6).data()  # the time it was undone


def test_a_file_that_cannot_be_read_is_explained_in_the_dialog(qtbot, window, tmp_path):
    broken = tmp_path / "名册.xlsx"
    broken.write_bytes(b"not a workbook")
    dialog = window.import_volunteers()
    dialog.open_file(broken)
    assert dialog.error.isVisible() and dialog.error.text()
    assert not dialog.import_button.isEnabled()


def test_an_empty_template_is_saved_from_the_dialog(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "模板"), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    window.import_volunteers().save_template()
    assert (tmp_path / "模板.xlsx").read_bytes().startswith(b"PK") and "模板.xlsx" in told[0]
