"""各支部情况, shown at a committee: every branch below it side by side for a quarter (has its bundle arrived, in
time, and its work against the rules), the volunteers of all branches ranked together, and the year's
commendation candidates; each printed or exported to Excel as the print centre's committee documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain import dates
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.domain.stars import label as star_label
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.committee import CommitteeService, Overview, RankedVolunteer, ReportStatus
from volunteer_desk.services.printing import PrintService
from volunteer_desk.services.printing import committee as papers
from volunteer_desk.ui.pdf_preview import print_pdf, set_up_printer
from volunteer_desk.ui.rows_model import Index, RowsModel
from volunteer_desk.ui.tasks import run_task

QUARTERS_SHOWN = 8
GREEN, ORANGE, RED, GREY = "#2e7d32", "#e65100", "#c62828", "#616161"
STATUS_COLOURS = {ReportStatus.ON_TIME: GREEN, ReportStatus.LATE: ORANGE, ReportStatus.NOT_YET: GREY,
                  ReportStatus.OVERDUE: RED}
BRANCH_COLUMNS = (N_("Organisation"), N_("This quarter's bundle"), N_("Last bundle received"), N_("Party members"),
                  N_("Volunteers"), N_("Served this quarter"), N_("Party members taking part"), N_("Activities held"),
                  N_("Participant-times"), N_("Hours"), N_("Weeks with an activity"))
RANKED_COLUMNS = (N_("Rank"), N_("Name"), N_("Own branch"), N_("Times served"), N_("Hours"), N_("Volunteer points"),
                  N_("Star level"))


class Line(NamedTuple):
    cells: tuple[str, ...]
    colours: dict[int, str]  # column → text colour, for what is met (green) or not (red)


class _ColouredRows(RowsModel):
    """Lines in colour; headers on two lines (开展活动 over （次）, 最近收到 over 的数据包), so that eleven columns fit
    the window."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        text = super().headerData(section, orientation, role)
        if not isinstance(text, str) or " " in text:  # not Chinese: left to the header
            return text
        if "（" in text:
            return text.replace("（", "\n（")
        half = (len(text) + 1) // 2
        return f"{text[:half]}\n{text[half:]}" if len(text) > 5 else text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self.rows):
            colour = self.rows[index.row()].colours.get(index.column())
            return QColor(colour) if colour else None
        return super().data(index, role)


def _verdict(met: bool | None) -> str | None:
    return None if met is None else GREEN if met else RED


def branch_lines(overview: Overview) -> list[Line]:
    """One line per branch and the 合计 line, in the printed list's words."""
    lines = [Line((row.name, papers.status_text(row), papers.received_text(row), str(row.party_members),
                   str(row.volunteers), str(row.served),
                   papers.ratio_text(row.participation_ratio, row.meets_participation_rule), str(row.activities),
                   str(row.participant_times), format_hours(row.minutes), papers.weeks_text(row)),
                  {1: STATUS_COLOURS[row.status], 6: _verdict(row.meets_participation_rule),
                   10: _verdict(row.meets_weekly_rule)})
             for row in overview.rows]
    t = overview.totals
    lines.append(Line((_("Total"), _("{sent} of {branches} sent").format(sent=t.sent, branches=t.branches), "",
                       str(t.party_members), str(t.volunteers), str(t.served),
                       papers.ratio_text(t.participation_ratio, t.meets_participation_rule), str(t.activities),
                       str(t.participant_times), format_hours(t.minutes), ""), {}))
    return lines


def _ranked_cells(row: RankedVolunteer) -> tuple[str, ...]:
    return (str(row.rank), row.name, row.organisation, str(row.activities), format_hours(row.minutes),
            f"{row.points:g}", star_label(row.star_level))


def _fit(view: QTableView, characters: int | None = None) -> None:
    """Columns as wide as their text, or at most about `characters` hanzi: longer texts wrap, the row grows."""
    view.resizeColumnsToContents()
    if characters:
        header, widest = view.horizontalHeader(), view.fontMetrics().horizontalAdvance("党") * characters
        for column in range(view.model().columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), widest))
    view.resizeRowsToContents()


def _table(model: RowsModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


class CommitteePage(QWidget):
    def __init__(self, committee: CommitteeService, printing: PrintService, *,
                 today: Callable[[], dt.date] = dt.date.today, parent=None):
        super().__init__(parent)
        self._committee, self._printing, self._today = committee, printing, today
        self._task = None
        self.quarter = QComboBox(self)
        current = Quarter.of(today())
        for _n in range(QUARTERS_SHOWN):
            self.quarter.addItem(current.label, current)
            current = current.previous()
        self.quarter.currentIndexChanged.connect(self.refresh)
        self.year = QSpinBox(self)
        self.year.setRange(2000, today().year)
        self.year.setValue(today().year)
        self.places = QSpinBox(self)
        self.places.setRange(1, 1000)
        self.places.setValue(papers.CANDIDATES)
        for spin in (self.year, self.places):
            spin.valueChanged.connect(self.refresh)
        self.summary = QLabel(self)
        self.summary.setObjectName("committeeSummary")
        self.summary.setWordWrap(True)
        self.status = QLabel(self)
        self.print_button = QPushButton(_("Print…"), self)
        self.print_button.clicked.connect(self.print_document)
        self.excel_button = QPushButton(_("Export to Excel…"), self)
        self.excel_button.clicked.connect(self.export_excel)

        self.branches = _ColouredRows(BRANCH_COLUMNS, lambda line: line.cells,
                                      right_aligned=frozenset({3, 4, 5, 7, 8, 9}), parent=self)
        self.ranking = RowsModel(RANKED_COLUMNS, _ranked_cells, right_aligned=frozenset({0, 3, 4, 5}), parent=self)
        self.candidates = RowsModel(RANKED_COLUMNS, _ranked_cells, right_aligned=frozenset({0, 3, 4, 5}),
                                    parent=self)
        self.views = [_table(model, self) for model in (self.branches, self.ranking, self.candidates)]
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.views[0], _("Branches"))
        self.tabs.addTab(self.views[1], _("Ranking across branches"))
        candidates = QWidget(self)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(_("Year"), candidates))
        choose.addWidget(self.year)
        choose.addWidget(QLabel(_("Places listed"), candidates))
        choose.addWidget(self.places)
        choose.addStretch(1)
        column = QVBoxLayout(candidates)
        column.addLayout(choose)
        column.addWidget(QLabel(_("Ranked by the year's points, then hours, across all branches; all who share "
                                  "the last place are listed."), candidates))
        column.addWidget(self.views[2], 1)
        self.tabs.addTab(candidates, _("Commendation candidates"))

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Quarter:"), self))
        top.addWidget(self.quarter)
        top.addStretch(1)
        top.addWidget(self.print_button)
        top.addWidget(self.excel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def selected_quarter(self) -> Quarter:
        return self.quarter.currentData()

    def refresh(self) -> None:
        if not self.isVisible():
            return  # computed when looked at
        quarter, year, places, today = self.selected_quarter(), self.year.value(), self.places.value(), self._today()
        self._task = run_task(self, _("Computing the branches' quarter…"),
                              lambda progress: (self._committee.overview(quarter, today, progress),
                                                self._committee.ranking(quarter),
                                                self._committee.candidates(year, places)),
                              on_done=self._show, on_failed=self._failed)

    def _show(self, result: tuple[Overview, tuple[RankedVolunteer, ...], tuple[RankedVolunteer, ...]]) -> None:
        overview, ranking, candidates = result
        self.branches.set_rows(branch_lines(overview))
        self.ranking.set_rows([r for r in ranking if r.activities or r.minutes or r.points])
        self.candidates.set_rows(candidates)
        _fit(self.views[0], characters=8)  # eleven columns in the window's width
        for view in self.views[1:]:
            _fit(view)
        t = overview.totals
        if not overview.rows:
            self.summary.setText(_("No branch has sent a bundle yet. Import the bundles the branches send; each "
                                   "branch then appears here."))
            return
        self.summary.setText(_("{quarter}: due by {date}. {sent} of {branches} branches have sent the quarter, "
                               "{late} late or overdue.").format(
            quarter=overview.quarter.label, date=dates.format_written(overview.deadline), sent=t.sent,
            branches=t.branches, late=t.late))

    def _failed(self, exc: Exception) -> None:
        QMessageBox.warning(self, _("Branches"), _("The branches' quarter could not be computed. Details are in "
                                                  "the log file."))

    def document(self) -> tuple[str, dict[str, Any]]:
        """The print centre's document for the tab shown, with this page's choices."""
        return [("committee_overview", {"quarter": self.selected_quarter()}),
                ("committee_ranking", {"quarter": self.selected_quarter(), "only_active": True, "limit": 0}),
                ("committee_candidates", {"year": self.year.value(), "limit": self.places.value()}),
                ][self.tabs.currentIndex()]

    def print_document(self) -> None:
        key, options = self.document()
        self._task = run_task(self, _("Preparing the document…"),
                              lambda progress: self._printing.render(key, options, progress),
                              on_done=lambda rendered: self._print(key, rendered), on_failed=self._not_made)

    def _print(self, key: str, rendered) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(_(self._printing.document(key).title))
        set_up_printer(printer, rendered.pdf)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(rendered.pdf, printer)
        except OSError as exc:
            QMessageBox.warning(self, _("Print…"), str(exc))

    def export_excel(self) -> None:
        key, options = self.document()
        title = _(self._printing.document(key).title)
        path, _filter = QFileDialog.getSaveFileName(self, _("Export to Excel"), f"{title}.xlsx",
                                                    _("Excel workbooks (*.xlsx)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        self._task = run_task(self, _("Exporting to Excel…"),
                              lambda progress: self._printing.save_excel(key, options, target, progress),
                              on_done=lambda _result: self.status.setText(_("Saved to {path}").format(path=target)),
                              on_failed=self._not_made)

    def _not_made(self, exc: Exception) -> None:
        if isinstance(exc, OSError):
            QMessageBox.warning(self, _("Export to Excel"), _(
                "The file could not be written. If it is open in another program (a PDF viewer, Excel or WPS), "
                "close it there; or choose another folder, then try again."))
        else:
            QMessageBox.warning(self, _("Print centre"),
                                _("The document could not be made. Details are in the log file."))
