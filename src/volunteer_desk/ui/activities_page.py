"""活动记录: the activity log, newest first, filtered by period and words; open or add an activity."""

import datetime as dt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.activity_list import LIMIT, ActivityListService, ActivitySummary
from volunteer_desk.ui.rows_model import ROW_ROLE, RowsModel

COLUMNS = (N_("Date"), N_("Time"), N_("Place"), N_("Content"), N_("Category"), N_("People"), N_("Hours"))
PERIODS = (N_("This quarter"), N_("This year"), N_("All"))


def _cells(row: ActivitySummary) -> tuple[str, ...]:
    return (row.held_on.isoformat(), row.time_text, row.place, row.content, row.category, str(row.participants),
            row.hours_text)


class ActivitiesPage(QWidget):
    open_requested = Signal(str)
    new_requested = Signal()

    def __init__(self, activities: ActivityListService, *, today=dt.date.today, parent=None):
        super().__init__(parent)
        self._activities = activities
        self._today = today
        self.period = QComboBox(self)
        for label in PERIODS:
            self.period.addItem(_(label))
        self.period.currentIndexChanged.connect(self.refresh)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Find by place, content or category"))
        self.search.textChanged.connect(self.refresh)
        self.count = QLabel(self)
        self.model = RowsModel(COLUMNS, _cells, right_aligned=frozenset({5, 6}), parent=self)
        self.view = QTableView(self)
        self.view.setObjectName("activitiesView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(lambda index: self.open_requested.emit(index.data(ROW_ROLE).id))
        new = QPushButton(_("New activity"), self)
        new.setObjectName("newActivity")
        new.clicked.connect(self.new_requested)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Period:"), self))
        top.addWidget(self.period)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        bottom = QHBoxLayout()
        bottom.addWidget(new)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.refresh()

    def _range(self) -> tuple[dt.date | None, dt.date | None]:
        today = self._today()
        choice = self.period.currentIndex()
        if choice == 0:
            quarter = Quarter.of(today)
            return quarter.start, quarter.end
        if choice == 1:
            return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
        return None, None

    def refresh(self) -> None:
        start, end = self._range()
        self.model.set_rows(self._activities.summaries(start=start, end=end, search=self.search.text()))
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        shown = self.model.rowCount()
        if shown >= LIMIT:  # more exist: say so rather than let a capped list pass for all of them
            self.count.setText(_("The newest {n} activities; choose a period or search to see older ones").format(n=shown))
        else:
            self.count.setText(_("{n} activities").format(n=shown))
