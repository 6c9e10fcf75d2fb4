"""Campaign: what the program shows or hands to other eyes carries no full ID number. On a demo branch, every
print-centre document as PDF (read back with pdftotext), every Excel list (read back with openpyxl), every
page of the main window and the dialogs reached from it, the quarterly bundle (decrypted and read) and the
log files are scanned for the volunteers' 18-character ID numbers (and for their mobiles where those are
masked too). Only the choices that show them are allowed to, and are shown to: the FULL_NUMBERS option, the
filled-in registration sheet and the service certificate of the one person they are about. The editor and
the roster's explicit reveal are not scanned: they are where full numbers belong.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from stdnum.cn import ric

from tests.campaigns.conftest import roster_people, run_cli, write_roster
from tests.documents import pdf_tools
from volunteer_desk import diagnostics, paths
from volunteer_desk.domain import masking
from volunteer_desk.domain.categories import seeded_categories
from volunteer_desk.exchange import payload, sealed
from volunteer_desk.services.certificates import CertificateRequest
from volunteer_desk.services.context import Services
from volunteer_desk.services.volunteer_import import Duplicates

pytestmark = pytest.mark.slow

PASSWORD = "西湖第一支部2026"
# The registration sheet filled for one person and that person's service certificate show their own number:
# they are that person's record, made for them (民发〔2015〕149号 puts the number on the certificate).
OWN_RECORD = {"registration", "service_record"}
# The lists whose FULL_NUMBERS option prints ID numbers (the others with the option print only phones).
ID_NUMBER_LISTS = {"team_sheet", "certificate_register"}
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


class Numbers:
    """The volunteers' ID numbers and mobiles, and how to find them in a text."""

    def __init__(self, database: Path):
        with sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True) as connection:
            rows = connection.execute("SELECT id, id_number, mobile FROM volunteer").fetchall()
        self.id_of = {number: vid for vid, number, _mobile in rows if number}
        self.mobiles = {mobile for _vid, _number, mobile in rows if mobile}
        self._ids = re.compile("|".join(map(re.escape, self.id_of)))

    def ids_in(self, text: str) -> set[str]:
        """The volunteers' numbers, even split over lines or cells, and any other valid ID number."""
        squeezed = re.sub(r"\s+", "", text)
        found = set(self._ids.findall(squeezed))
        return found | {c.upper() for c in _CANDIDATE.findall(text) if ric.is_valid(c.upper())}

    def mobiles_in(self, text: str) -> set[str]:
        return set(_MOBILE.findall(text)) & self.mobiles


@pytest.fixture(scope="module")
def branch(demo_database_file, tmp_path_factory):
    """The demo branch with a service certificate issued; its services and numbers."""
    folder = tmp_path_factory.mktemp("branch")
    shutil.copyfile(demo_database_file, paths.database_file(folder))
    services = Services.open(folder)
    with sqlite3.connect(paths.database_file(folder)) as connection:
        hardest_worker = connection.execute("SELECT volunteer_id FROM participation GROUP BY volunteer_id "
                                            "ORDER BY sum(minutes) DESC LIMIT 1").fetchone()[0]
    services.certificates.issue(CertificateRequest(
        volunteer_id=hardest_worker, start=dt.date(2024, 1, 1), end=dt.date.today(), person_in_charge="王书记",
        handler="李干事", contact="0519-86660000"))
    yield services, Numbers(paths.database_file(folder)), folder
    services.close()


def _required_options(database: Path) -> dict[str, dict]:
    """The options a document cannot do without, and the honours' winners: chosen as a person would."""
    with sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True) as connection:
        activity = connection.execute("SELECT activity_id FROM participation GROUP BY activity_id "
                                      "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        writer, week = connection.execute("SELECT volunteer_id, week_start FROM weekly_journal "
                                          "ORDER BY week_start DESC LIMIT 1").fetchone()
        certificate, holder = connection.execute("SELECT number, volunteer_id FROM service_certificate").fetchone()
        winners = [row[0] for row in connection.execute("SELECT name FROM volunteer ORDER BY name_pinyin LIMIT 5")]
    last_week = dt.date.fromisoformat(week)
    return {"sign_in": {"activity": activity}, "service_record": {"certificate": certificate},
            "journal": {"volunteer": writer, "from": last_week - dt.timedelta(weeks=8),
                        "to": last_week + dt.timedelta(days=6)},
            "honours": {"winners": "、".join(winners)}, "_holder": holder}


def test_printed_documents_show_no_full_id_numbers_unless_chosen(branch, tmp_path):
    services, numbers, folder = branch
    printing = services.printing
    required = _required_options(paths.database_file(folder))
    scanned, leaks = 0, {}
    for kind in printing.documents():
        options = required.get(kind.key, {})
        pdf = tmp_path / f"{kind.key}.pdf"
        printing.save(kind.key, options, pdf)
        text = pdf_tools.text(pdf)
        found = numbers.ids_in(text) | numbers.mobiles_in(text)
        if kind.key == "service_record":
            holder = {n for n, vid in numbers.id_of.items() if vid == required["_holder"]}
            assert numbers.ids_in(text) == holder  # the certificate's own person, and no one else
        elif found:
            leaks[kind.key] = sorted(found)
        scanned += 1
    assert leaks == {}
    # The filled-in registration sheet: that person's number only.
    person = next(iter(numbers.id_of.items()))
    printing.save("registration", {"volunteer": person[1]}, tmp_path / "filled.pdf")
    assert numbers.ids_in(pdf_tools.text(tmp_path / "filled.pdf")) == {person[0]}
    # Chosen in full: the numbers are there, so the scan above could have found them.
    for key in ID_NUMBER_LISTS:
        printing.save(key, {"full_numbers": True}, tmp_path / f"{key}-full.pdf")
        assert numbers.ids_in(pdf_tools.text(tmp_path / f"{key}-full.pdf")), key
    printing.save("roster", {"full_numbers": True}, tmp_path / "roster-full.pdf")
    assert numbers.mobiles_in(pdf_tools.text(tmp_path / "roster-full.pdf"))
    print(f"\n[campaign] PDF documents scanned: {scanned} kinds, 0 full ID numbers or mobiles")


def test_excel_lists_show_no_full_id_numbers_unless_chosen(branch, tmp_path):
    services, numbers, folder = branch
    printing = services.printing
    required = _required_options(paths.database_file(folder))
    lists = [kind.key for kind in printing.documents() if kind.excel]
    leaks = {}
    for key in lists:
        path = tmp_path / f"{key}.xlsx"
        printing.save_excel(key, required.get(key, {}), path)
        text = _workbook_text(path)
        if found := numbers.ids_in(text) | numbers.mobiles_in(text):
            leaks[key] = sorted(found)
    assert leaks == {} and len(lists) >= 6  # a branch's lists (the committee's are about branches below)
    printing.save_excel("team_sheet", {"full_numbers": True}, tmp_path / "full.xlsx")
    assert numbers.ids_in(_workbook_text(tmp_path / "full.xlsx"))
    print(f"\n[campaign] Excel lists scanned: {len(lists)}, 0 full ID numbers or mobiles")


def _workbook_text(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return "\n".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for value in row if value is not None)
    finally:
        book.close()


def test_screens_show_no_full_id_numbers(branch, qtbot, qapp):
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from volunteer_desk.ui import app as gui
    from volunteer_desk.ui.main_window import MainWindow

    services, numbers, folder = branch
    settings = gui.settings_for(folder)
    gui.prepare_application(settings)
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    window.show()

    def settle() -> None:
        QThreadPool.globalInstance().waitForDone(20_000)
        for _round in range(3):
            QApplication.processEvents()

    leaks, screens = {}, 0
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        settle()
        screens += 1
        text = "\n".join(_screen_texts(window.pages.currentWidget()))
        if found := numbers.ids_in(text) | numbers.mobiles_in(text):
            leaks[window.navigation.item(row).text()] = sorted(found)
        if window.pages.currentWidget() is window.roster_page:  # the scan reads the rows: the masked phones
            assert any(masking.mask_phone(mobile) in text for mobile in numbers.mobiles)
    # The roster searched by the end of an ID number (the way the branch finds someone): still masked.
    window.navigation.setCurrentRow(window.pages.indexOf(window.roster_page))
    number, volunteer = next(iter(numbers.id_of.items()))
    window.roster_page.table.search.setText(number[-6:])
    settle()
    searched = "\n".join(_screen_texts(window.roster_page))
    assert window.roster_page.table.model.rowCount() >= 1  # the search found the person …
    assert not numbers.ids_in(searched)  # … without showing the number
    with sqlite3.connect(paths.database_file(folder)) as connection:
        activity = connection.execute("SELECT activity_id FROM participation LIMIT 1").fetchone()[0]
        name = connection.execute("SELECT name FROM volunteer WHERE id = ?", (volunteer,)).fetchone()[0]
    for title, open_dialog in (("audit log", window.show_audit_log), ("activity", lambda: window.open_activity(activity)),
                               ("points", lambda: window.open_points(volunteer, name)),
                               ("certificate", lambda: window.issue_certificate((volunteer, name))),
                               ("import history", window.import_history)):
        dialog = open_dialog()
        settle()
        screens += 1
        text = "\n".join(_screen_texts(dialog))
        if found := numbers.ids_in(text) | numbers.mobiles_in(text):
            leaks[title] = sorted(found)
        dialog.close()
    assert leaks == {}
    print(f"\n[campaign] screens scanned: {screens}, 0 full ID numbers or mobiles")


def _screen_texts(root) -> list[str]:
    """Every text a person can see or hover over: labels, buttons, fields, lists and tables (all rows)."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import QAbstractItemView, QComboBox, QWidget

    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        for getter in ("text", "placeholderText", "toolTip", "windowTitle", "toPlainText", "title"):
            value = getattr(widget, getter, None)
            if callable(value):
                try:
                    result = value()
                except TypeError:
                    continue
                if isinstance(result, str):
                    texts.append(result)
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()

            def walk(parent: QModelIndex) -> None:
                try:
                    columns = model.columnCount(parent)
                except TypeError:  # a list model: one column, and Qt keeps its count private
                    columns = 1
                for r in range(model.rowCount(parent)):
                    for c in range(columns):
                        index = model.index(r, c, parent)
                        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                            value = model.data(index, role)
                            if value is not None:
                                texts.append(str(value))
                    walk(model.index(r, 0, parent))

            walk(QModelIndex())
    return texts


def test_the_bundle_carries_no_id_numbers_or_mobiles(branch, tmp_path):
    services, numbers, _folder = branch
    result = services.bundles.export(tmp_path, password=PASSWORD)
    inner = payload.read(sealed.open_payload(result.path.read_bytes(), password=PASSWORD),
                         known_categories=frozenset(row[0] for row in seeded_categories()))
    cells = "\n".join(str(value) for rows in inner.tables.values() for row in rows for value in row)
    assert set(numbers.id_of.values()) <= set(cells.split("\n"))  # every volunteer is in it …
    assert not numbers.ids_in(cells) and not numbers.mobiles_in(cells)  # … without their numbers
    print(f"\n[campaign] bundle scanned: {sum(map(len, inner.tables.values()))} records, 0 ID numbers or mobiles")


def test_the_log_files_hold_no_id_numbers(branch, tmp_path, qtbot):
    """Logging as the program configures it, through work that meets numbers and work that logs: an import
    that fails in the background (the person was registered meanwhile), writes that fail, a reveal,
    full-number prints, backups, a bundle, in this process and as the command."""
    import logging

    from PySide6.QtWidgets import QWidget

    from volunteer_desk.services.backups import BackupService
    from volunteer_desk.services.file_writes import WriteFailed
    from volunteer_desk.ui.tasks import run_task

    services, numbers, folder = branch
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    log_file = diagnostics.configure_logging(folder)
    try:
        people = roster_people(4)
        people[1][6] = people[1][6][:-1] + ("0" if people[1][6][-1] != "0" else "1")  # a wrong check character
        people.append([9, "重复", "男", "1985.06", "", "高中", next(iter(numbers.id_of)), "13800000000", "", ""])
        roster = write_roster(tmp_path / "名册.xlsx", people)
        preview = services.importing.preview(roster)
        services.volunteers.save(services.volunteers.blank_values() | preview.rows[0].raw)
        failures = []
        parent = QWidget()
        qtbot.addWidget(parent)
        run_task(parent, "导入", lambda progress: services.importing.commit(preview, Duplicates.SKIP, progress=progress),
                 on_done=lambda _result: None, on_failed=failures.append)
        qtbot.waitUntil(lambda: bool(failures), timeout=20_000)
        with pytest.raises(WriteFailed):
            services.printing.save("team_sheet", {"full_numbers": True}, tmp_path / "no such folder" / "x.pdf")
        services.volunteers.reveal(next(iter(numbers.id_of.values())))
        services.printing.save("team_sheet", {"full_numbers": True}, tmp_path / "full.pdf")
        BackupService(folder).make("manual")
        services.bundles.export(tmp_path, password=PASSWORD)
        # The commands log as the program does: a full-number list to a folder that is not there, a backup.
        assert run_cli("--data-dir", folder, "print", "team_sheet", "--set", "full_numbers=yes", "--out",
                       tmp_path / "no such folder" / "cli.pdf").returncode == 1
        assert run_cli("--data-dir", folder, "backup").returncode == 0
    finally:
        for handler in root.handlers:
            if handler not in handlers:
                handler.close()
        root.handlers, root.level = handlers, level
    logs = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in log_file.parent.iterdir())
    assert "background task failed" in logs and "cannot write" in logs and "made (manual)" in logs
    assert not numbers.ids_in(logs) and not numbers.mobiles_in(logs)
    print(f"\n[campaign] log files scanned: {len(logs)} characters, 0 ID numbers or mobiles")
