"""设置 → 保存期限: how many years records are kept, the people past it, and deleting them permanently or keeping
them; and the one confirmation every permanent deletion goes through (the recycle list's 永久删除 too)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain import dates
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.retention import MAX_YEARS, MIN_YEARS, MONTHS_KEPT, PurgeResult, RetentionService, \
    ReviewLine
from volunteer_desk.ui.field_errors import errors_text
from volunteer_desk.ui.rows_model import ROW_ROLE, RowsModel
from volunteer_desk.ui.tasks import run_task

COLUMNS = (N_("Name"), N_("ID number"), N_("Where"), N_("Last service"), N_("Registered"), N_("Years since"))
NAMES_SHOWN = 5  # in a confirmation; more are counted


def _cells(line: ReviewLine) -> tuple[str, ...]:
    if not line.in_recycle_list:
        where = _("On the roster")
    elif line.deleted_on:
        where = _("Recycle list since {date}").format(date=dates.format_date(line.deleted_on))
    else:
        where = _("Recycle list")
    return (line.name, line.id_number, where, dates.format_date(line.last_served) or _("Never served"),
            dates.format_date(line.registered), str(line.years))


def _names(names: Sequence[str]) -> str:
    shown = "、".join(names[:NAMES_SHOWN])
    return shown if len(names) <= NAMES_SHOWN else _("{names} … ({total} people in all)").format(
        names=shown, total=len(names))


def purge_confirmed(parent: QWidget, service: RetentionService, volunteers: Sequence[tuple[str, str]],
                    done: Callable[[], None]) -> QProgressDialog | None:
    """Ask, saying what goes and what stays, then erase the (id, name)s off the UI thread: rebuilding the
    database file takes seconds. `done` runs once it is over, whether it worked or not. Returns the task, for
    the caller to hold while it runs; None when not asked to go ahead."""
    title = _("Delete permanently")
    answer = QMessageBox.question(parent, title, _(
        "Delete {names} permanently?\n\n"
        "Erased from this computer's database: the name (shown as “Deleted person” from now on), ID number, "
        "phones, email, QQ, addresses, photo, birth date, work unit, skills and experience; their weekly journals "
        "and quarterly review comments; the name and ID number on service certificates issued to them; and their "
        "name in the audit log. Their hours still count in the unit's totals, without a name.\n\n"
        "This cannot be undone. Backups made before still hold the record until backup rotation deletes them, "
        "within {months} months; backups made by hand (to a USB stick) keep it until someone deletes them."
    ).format(names=_names([name for _id, name in volunteers]), months=MONTHS_KEPT),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return None

    def finished(result: PurgeResult) -> None:
        text = _("{n} people deleted permanently.").format(n=result.erased)
        if not result.compacted:
            text += "\n" + _("The database file could not be tidied up just now, so traces may remain in it until "
                             "the next permanent deletion. The details are in the log file.")
        QMessageBox.information(parent, title, text)
        done()

    def failed(error: Exception) -> None:
        if isinstance(error, InvalidEntry):
            QMessageBox.warning(parent, title, errors_text(error.errors))
        else:
            QMessageBox.warning(parent, title, _("Nothing was deleted: the database could not be changed. The "
                                                 "details are in the log file."))
        done()

    task = run_task(parent, _("Deleting permanently and tidying up the database file…"),
                    lambda _progress: service.purge([volunteer_id for volunteer_id, _name in volunteers]),
                    finished, failed)
    task.setCancelButton(None)  # the erasure is one transaction, and rebuilding the file once begun is best finished
    return task


class RetentionDialog(QDialog):
    changed = Signal()

    def __init__(self, service: RetentionService, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Retention period"))
        self._service = service
        self._task: QProgressDialog | None = None
        self.years = QSpinBox(self)
        self.years.setRange(MIN_YEARS, MAX_YEARS)
        self.years.setSuffix(_(" years"))
        self.years.setValue(service.years())
        apply = QPushButton(_("Apply"), self)
        apply.clicked.connect(self.apply_years)
        explanation = QLabel(_(
            "Service records are kept for at least {min} years (GB/T 40143-2021 §5.2.2). Listed here are the people "
            "whose last service, or registration if they never served, lies longer ago than that, and who are not "
            "in a team or pairing now. Delete them permanently, or keep them: people kept come back to this list "
            "in a year.").format(min=MIN_YEARS), self)
        explanation.setWordWrap(True)
        self.model = RowsModel(COLUMNS, _cells, right_aligned=frozenset({5}), parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.purge_button = QPushButton(_("Delete permanently…"), self)
        self.purge_button.clicked.connect(self.purge_selected)
        self.keep_button = QPushButton(_("Keep"), self)
        self.keep_button.setToolTip(_("Keep these records; they come back to this list in a year."))
        self.keep_button.clicked.connect(self.keep_selected)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        period = QHBoxLayout()
        period.addWidget(QLabel(_("Keep records for:"), self))
        period.addWidget(self.years)
        period.addWidget(apply)
        period.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.purge_button)
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(explanation)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(860, 480)
        self.refresh()

    def refresh(self) -> None:
        lines = self._service.review()
        self.model.set_rows(lines)
        self.table.resizeColumnsToContents()
        self.hint.setText(_("{n} people are past the retention period. Select one or more (Ctrl or Shift and click)."
                            ).format(n=len(lines)) if lines else
                          _("Nobody's records are past the retention period."))
        self.purge_button.setEnabled(bool(lines))
        self.keep_button.setEnabled(bool(lines))

    def apply_years(self) -> None:
        try:
            self._service.set_years(self.years.value())
        except InvalidEntry as refused:
            QMessageBox.warning(self, _("Retention period"), errors_text(refused.errors))
        self.refresh()

    def _selected(self) -> list[ReviewLine]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.index(row, 0).data(ROW_ROLE) for row in rows]

    def purge_selected(self) -> None:
        lines = self._selected()
        if not lines:
            QMessageBox.information(self, _("Delete permanently"), _("First click the person in the list."))
            return
        self._task = purge_confirmed(self, self._service, [(line.volunteer_id, line.name) for line in lines],
                                     self._done)

    def keep_selected(self) -> None:
        lines = self._selected()
        if not lines:
            QMessageBox.information(self, _("Keep"), _("First click the person in the list."))
            return
        self._service.keep([line.volunteer_id for line in lines])
        self.refresh()

    def _done(self) -> None:
        self.refresh()
        self.changed.emit()
