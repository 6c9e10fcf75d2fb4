"""数据交换 → 导入上报包: a committee reads the bundles on a stick (or chosen files), sees per bundle who sent
it, when, whether it can be imported and what it would change, confirms each new sender's fingerprint by
phone, and imports the ready ones. Reading and importing run off the UI thread; a bad file is a row with its
reason, never a crash, and changes nothing."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from volunteer_desk.domain import dates
from volunteer_desk.exchange import BundleRejected
from volunteer_desk.exchange.sealed import PasswordNeeded
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.bundles import BundleOutcome, BundlePlan, BundleService, Status
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.ui.bundle_words import changes_text, fit_columns, wrap_rows
from volunteer_desk.ui.drives import DriveButtons
from volunteer_desk.ui.fingerprints import ConfirmFingerprintDialog
from volunteer_desk.ui.rows_model import ROW_ROLE, RowsModel
from volunteer_desk.ui.tasks import run_task

log = logging.getLogger(__name__)
FILES = N_("Bundles (*.vdb)")
COLUMNS = (N_("Sender"), N_("Period"), N_("Made at"), N_("No."), N_("Status"), N_("What it changes"))
WIDEST = {0: 240, 4: 300}  # sender and status wrap beyond this, leaving room for what the bundle changes
STEPS = 100  # progress steps per bundle while importing


@dataclasses.dataclass
class Entry:
    """One file found, and what became of it."""

    path: Path
    plan: BundlePlan | None = None
    problem: str = ""  # why it cannot be imported (or that its password is needed)
    locked: bool = False  # a password bundle not opened yet
    tried: set[str] = dataclasses.field(default_factory=set)  # passwords that did not open it
    result: str = ""  # what importing did
    outcome: BundleOutcome | None = None

    @property
    def pending(self) -> bool:
        return self.plan is not None and not self.result and self.plan.status != Status.ALREADY

    def changes(self) -> dict[str, tuple[int, int, int]]:
        found = self.outcome.changes if self.outcome else self.plan.changes if self.plan and not self.result else {}
        return {table: (change.new, change.changed, change.deleted) for table, change in found.items()}


def status_text(entry: Entry) -> str:
    if entry.result:
        return entry.result
    if entry.problem:
        said = _("Password needed (double-click the row to enter it): {reason}") if entry.locked else \
            _("Rejected: {reason}")
        return said.format(reason=entry.problem)
    plan = entry.plan
    if plan.status == Status.NEW_SENDER:
        return _("New sender: its fingerprint is checked by phone when you import")
    if plan.status == Status.KEY_CHANGED:
        return _("The sender's key has CHANGED: its new fingerprint is checked by phone when you import")
    if plan.status == Status.ALREADY:
        return _("Already imported")
    if plan.status == Status.OLDER:
        return _("Older than the bundle imported on {day}: it will not overwrite it").format(
            day=dates.format_recorded(plan.previous.imported_at))
    return _("Ready to import")


def _cells(entry: Entry) -> tuple[str, ...]:
    changes = changes_text(entry.changes(), short=True) if entry.plan else ""
    if entry.plan is None:
        return entry.path.name, "", "", "", status_text(entry), changes
    header = entry.plan.header
    return (header.sender.name, header.period, dates.format_recorded(header.created_at), str(header.sequence),
            status_text(entry), changes)


class BundleImportDialog(QDialog):
    applied = Signal()  # records were changed

    def __init__(self, bundles: BundleService, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Import bundles"))
        self._bundles = bundles
        self._task = None
        self.entries: list[Entry] = []
        self._locked: list[Entry] = []  # password bundles waiting for their password
        self.searched = False
        self._password = ""  # the last password that opened one: branches of one committee often share it
        intro = QLabel(_("Insert the USB stick with the branches' bundles and click it, or choose the folder or the "
                         "files."), self)
        intro.setWordWrap(True)
        files = QPushButton(_("Choose files…"), self)
        files.clicked.connect(self.choose_files)
        self.drives = DriveButtons(_("The folder with the bundles"), self, more=(files,))
        self.drives.chosen.connect(lambda folder: self.open_paths([folder]))
        self.model = RowsModel(COLUMNS, _cells, right_aligned=frozenset({3}), parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        wrap_rows(self.table)
        self.table.selectionModel().currentRowChanged.connect(lambda _now, _before: self._show_details())
        self.table.doubleClicked.connect(self._retry_password)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.import_button = QPushButton(_("Import"), self)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.apply_ready)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.drives)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.resize(1150, 620)

    # --- reading ---------------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Import bundles"), "", _(FILES))
        if paths:
            self.open_paths([Path(path) for path in paths])

    def open_paths(self, paths: list[Path]) -> None:
        self.import_button.setEnabled(False)
        self._task = run_task(self, _("Reading the bundles…"), lambda progress: self._inspect_all(paths, progress),
                              self._inspected, self._failed)

    def _inspect_all(self, paths: list[Path], progress) -> list[Entry]:
        files = self._bundles.bundle_files(paths)
        entries = []
        for done, path in enumerate(files):
            entries.append(self._inspect(path, None))
            if progress(done + 1, len(files)) is False:
                break  # cancelled: the bundles read so far are listed
        return sorted(entries, key=lambda e: (e.plan is None, e.plan.header.sender.name, e.plan.header.created_at,
                                              e.plan.header.sequence) if e.plan else (True, e.path.name))

    def _inspect(self, path: Path, password: str | None) -> Entry:
        try:
            return Entry(path, plan=self._bundles.inspect(path, password=password))
        except PasswordNeeded as needed:
            return Entry(path, problem=needed.message, locked=True)
        except BundleRejected as rejected:
            return Entry(path, problem=rejected.message)
        except Exception:  # one bad file must not stop the others
            log.exception("cannot read bundle %s", path)
            return Entry(path, problem=_("This file could not be read as a bundle. The details are in the log file."))

    def _inspected(self, entries: list[Entry]) -> None:
        self.entries, self.searched = entries, True
        self._locked = [entry for entry in entries if entry.locked]
        self._show_rows()
        self._next_locked()

    def _retry_password(self, index) -> None:
        entry = index.data(ROW_ROLE)
        if entry is None or not entry.locked or entry in self._locked:
            return
        self._locked.append(entry)
        if len(self._locked) == 1:  # otherwise it waits its turn behind the one being opened
            self._next_locked()

    def _next_locked(self) -> None:
        """Open the password bundles one at a time: the last good password is tried first, then asked for."""
        while self._locked:
            entry = self._locked[0]
            password = self._password if self._password and self._password not in entry.tried else \
                self.ask_password(entry)
            if not password:
                self._locked.pop(0)
                continue
            entry.tried.add(password)
            self._task = run_task(self, _("Opening the bundle…"),
                                  lambda _progress: self._inspect(entry.path, password),
                                  lambda opened: self._opened(entry, opened, password), self._failed)
            return
        self._show_rows()

    def ask_password(self, entry: Entry) -> str:
        password, ok = QInputDialog.getText(self, _("Bundle password"), f"{entry.path.name}\n{entry.problem}",
                                            QLineEdit.EchoMode.Password)
        return password if ok else ""

    def _opened(self, entry: Entry, opened: Entry, password: str) -> None:
        entry.plan, entry.problem, entry.locked = opened.plan, opened.problem, opened.locked
        if not entry.locked and entry in self._locked:
            self._locked.remove(entry)
            if entry.plan is not None:
                self._password = password
        self._show_rows()
        self._next_locked()

    # --- importing -------------------------------------------------------------------------------------------

    def confirm_sender(self, plan: BundlePlan) -> bool:
        sender = plan.header.sender
        if plan.status == Status.KEY_CHANGED:
            explanation = _(
                "The bundle from {sender} is signed with a NEW key, not the one confirmed before. That happens when "
                "the branch reinstalled VolunteerDesk, or when the bundle is not theirs. Phone the branch on the "
                "number you know, ask them to open Data exchange → Receiving keys and fingerprints, and compare the "
                "fingerprint of their signing key with the digits below, group by group.").format(sender=sender.name)
        else:
            explanation = _(
                "This is the first bundle from {sender}. Phone the branch, ask them to open Data exchange → "
                "Receiving keys and fingerprints, and compare the fingerprint of their signing key with the digits "
                "below, group by group. Confirm only if every digit matches.").format(sender=sender.name)
        dialog = ConfirmFingerprintDialog(_("Confirm the sender's key"), explanation,
                                          _("{sender} ({code})").format(sender=sender.name, code=sender.code),
                                          sender.fingerprint, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def apply_ready(self) -> None:
        confirmed, declined, chosen = set(), set(), []
        for entry in (entry for entry in self.entries if entry.pending):
            plan = entry.plan
            sender = (plan.sender_org_id, plan.header.sender.fingerprint)
            if plan.needs_confirmation and sender not in confirmed:
                if sender in declined or not self.confirm_sender(plan):
                    declined.add(sender)
                    continue
                confirmed.add(sender)
            chosen.append((entry, sender in confirmed))
        if not chosen:
            return
        self.import_button.setEnabled(False)
        self._task = run_task(self, _("Importing the bundles…"), lambda progress: self._apply_all(chosen, progress),
                              self._applied, self._failed)

    def _apply_all(self, chosen: list[tuple[Entry, bool]], progress) -> list[tuple[Entry, BundleOutcome | None, str]]:
        """Each bundle in its own transaction: one that conflicts leaves the others imported."""
        results = []
        for index, (entry, confirm) in enumerate(chosen):
            def step(done: int, total: int, index=index) -> bool:
                return progress(index * STEPS + done * STEPS // max(total, 1), len(chosen) * STEPS)

            try:
                results.append((entry, self._bundles.apply(entry.plan, confirm_sender=confirm, progress=step), ""))
            except Cancelled:
                break  # this bundle was rolled back; it and the ones after it stay in the list to import
            except BundleRejected as rejected:
                results.append((entry, None, rejected.message))
            except Exception:
                log.exception("cannot import bundle %s", entry.path)
                results.append((entry, None, _("Something went wrong; the details are in the log file.")))
            if not progress((index + 1) * STEPS, len(chosen) * STEPS):
                break  # cancelled: the bundles not yet imported stay in the list
        return results

    def _applied(self, results: list[tuple[Entry, BundleOutcome | None, str]]) -> None:
        for entry, outcome, problem in results:
            entry.outcome = outcome
            if outcome is None:
                entry.result = _("Not imported: {reason}").format(reason=problem)
            elif outcome.applied:
                entry.result = _("Imported, records updated")
            elif outcome.plan.status == Status.OLDER:
                entry.result = _("Older than the bundle imported before: recorded, nothing changed")
            else:
                entry.result = _("Already imported: nothing changed")
        self._show_rows()
        if any(outcome is not None and outcome.applied for _entry, outcome, _problem in results):
            self.applied.emit()

    def _failed(self, exc: Exception) -> None:
        self._show_rows()
        self.summary.setText(_("The bundles could not be read from there. If they are on a USB stick, check that it "
                               "is still in, then try again. The details are in the log file."))

    # --- showing ---------------------------------------------------------------------------------------------

    def _show_rows(self) -> None:
        current = max(self.table.currentIndex().row(), 0)
        self.model.set_rows(self.entries)
        fit_columns(self.table, WIDEST)
        if self.entries:
            self.table.selectRow(min(current, len(self.entries) - 1))
        self._show_details()
        self.summary.setText(self._summary())
        self.import_button.setEnabled(any(entry.pending for entry in self.entries))

    def _summary(self) -> str:
        if not self.entries:
            return _("No bundles (.vdb files) were found there.") if self.searched else ""
        imported = sum(1 for entry in self.entries if entry.outcome is not None and entry.outcome.applied)
        pending = sum(1 for entry in self.entries if entry.pending)
        return _("{count} bundles: {pending} to import, {imported} imported. Click a row to read all about it.").format(
            count=len(self.entries), pending=pending, imported=imported)

    def _show_details(self) -> None:
        index = self.table.currentIndex()
        entry: Entry | None = index.data(ROW_ROLE) if index.isValid() else None
        if entry is None:
            self.details.clear()
            return
        lines = [str(entry.path)]
        if entry.plan is not None:
            header = entry.plan.header
            lines.append(_("{sender} ({code}), {period}, No. {sequence}, made {made}").format(
                sender=header.sender.name, code=header.sender.code, period=header.period, sequence=header.sequence,
                made=dates.format_recorded(header.created_at)))
        lines.append(status_text(entry))
        if entry.plan is not None:
            lines.append(changes_text(entry.changes()))
        self.details.setText("\n".join(lines))
