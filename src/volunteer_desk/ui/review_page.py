"""每季一评议、一晾晒: the quarter's ranking with each volunteer's hours, activities and points, the
branch's comment per person, and the quarter's report figures. Computed off the UI thread."""

import datetime as dt
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.domain.stars import label as star_label
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.reports import QuarterReport, QuarterSummary, ReportService, VolunteerQuarter
from volunteer_desk.ui.rows_model import ROW_ROLE, RowsModel
from volunteer_desk.ui.tasks import run_task

COLUMNS = (N_("Rank"), N_("Name"), N_("Hours"), N_("Activities taken part in"), N_("Points"), N_("Star level"), N_("Comment"))
QUARTERS_SHOWN = 8


def _cells(row: VolunteerQuarter) -> tuple[str, ...]:
    return (str(row.rank), row.name, format_hours(row.minutes), str(row.activities), f"{row.points:g}",
            star_label(row.star_level), row.comment)


class ReviewPage(QWidget):
    def __init__(self, reports: ReportService, *, today=dt.date.today, parent=None):
        super().__init__(parent)
        self._reports = reports
        self.quarter = QComboBox(self)
        current = Quarter.of(today())
        for _n in range(QUARTERS_SHOWN):
            self.quarter.addItem(current.label, current)
            current = current.previous()
        self.quarter.currentIndexChanged.connect(self.refresh)
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        self.model = RowsModel(COLUMNS, _cells, right_aligned=frozenset({0, 2, 3, 4}), parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(self._comment)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Quarter:"), self))
        top.addWidget(self.quarter)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(QLabel(_("Double-click a person (or press Enter) to write the branch's comment."), self))
        layout.addWidget(self.view, 1)

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def selected_quarter(self) -> Quarter:
        return self.quarter.currentData()

    def refresh(self) -> None:
        if not self.isVisible():
            return  # computed when looked at
        quarter = self.selected_quarter()
        self._task = run_task(self, _("Computing the quarter…"),
                              lambda _progress: (self._reports.quarter_summary(quarter),
                                                 self._reports.quarter_report(quarter)),
                              on_done=self._show, on_failed=self._failed)

    def _show(self, result: tuple[QuarterSummary, QuarterReport]) -> None:
        summary, report = result
        self.model.set_rows(summary.rows)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.figures.setText(_("{quarter}: {volunteers} volunteers, {teams} teams, {activities} activities, "
                               "{times} participant-times, {hours} hours, {served} people served, {solved} "
                               "problems solved, {brands} brand projects.").format(
            quarter=report.quarter.label, volunteers=report.volunteers, teams=report.teams,
            activities=report.activities, times=report.participant_times, hours=format_hours(report.minutes),
            served=report.people_served, solved=report.problems_solved, brands=report.brand_projects))

    def _failed(self, exc: Exception) -> None:
        QMessageBox.warning(self, _("Quarterly review"),
                            _("The quarter could not be computed. Details are in the log file."))

    def _comment(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        text, ok = QInputDialog.getMultiLineText(self, _("Comment"), _("The branch's comment on {name}:").format(
            name=row.name), row.comment)
        if not ok:
            return
        try:
            self._reports.set_comment(row.volunteer_id, self.selected_quarter(), text)
        except ValueError as exc:
            QMessageBox.warning(self, _("Comment"), str(exc))
            return
        self.refresh()
