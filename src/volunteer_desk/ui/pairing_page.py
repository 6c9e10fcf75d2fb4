"""结对帮扶: the register of people served, the pairings (一对一, 多助一, 一对N) with their visit log, and the
pairings nobody has visited for a number of weeks. Contacts are masked here; in full only in the person editor."""

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.i18n import N_, _
from volunteer_desk.services.activities import ActivityService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.pairing import PairingService, PairingSummary, PersonServedSummary, Visit
from volunteer_desk.services.teams import TeamService
from volunteer_desk.ui.field_errors import errors_text
from volunteer_desk.ui.pairing_dialogs import (
    SEPARATOR,
    EndPairingDialog,
    NewPairingDialog,
    PersonDialog,
    VisitDialog,
)
from volunteer_desk.ui.rows_model import ROW_ROLE, RowsModel

PAIRING_COLUMNS = (N_("Pairing kind"), N_("Helpers"), N_("People served"), N_("Start date"), N_("End date"),
                   N_("Number of visits"), N_("Last visit"), N_("Weeks without a visit"))
VISIT_COLUMNS = (N_("Date"), N_("Place"), N_("Content"), N_("Outcome"))
PERSON_COLUMNS = (N_("Name"), N_("Kind of person"), N_("Address"), N_("Contact"), N_("What help is needed"),
                  N_("Current pairings"))
CURRENT, WITH_ENDED, NOT_VISITED = range(3)
DEFAULT_WEEKS = 4


def _table(model: RowsModel, stretch: tuple[int, ...], parent: QWidget) -> QTableView:
    """Columns fit their text; the `stretch` columns (long free text) share the width left, elided."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view


def _selected(view: QTableView):
    index = view.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None


def _select(view: QTableView, row_id: str | None) -> None:
    model: RowsModel = view.model()
    for number, row in enumerate(model.rows):
        if row.id == row_id:
            view.selectRow(number)
            return


class PairingPage(QWidget):
    changed = Signal()  # a visit was recorded: hours changed elsewhere
    open_activity_requested = Signal(str)  # a visit's activity, to correct it or its hours

    def __init__(self, pairing: PairingService, activities: ActivityService, teams: TeamService, *,
                 today=dt.date.today, parent=None):
        super().__init__(parent)
        self._pairing, self._activities, self._teams, self._today = pairing, activities, teams, today
        self._paired: dict[str, int] = {}  # person served id → their current pairings
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._pairings_tab(), _("Pairings"))
        self.tabs.addTab(self._people_tab(), _("People served"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    # --- building ------------------------------------------------------------------------------------------

    def _pairings_tab(self) -> QWidget:
        tab = QWidget(self)
        self.show_group = QButtonGroup(tab)
        self.weeks = QSpinBox(tab)
        self.weeks.setRange(1, 52)
        self.weeks.setValue(DEFAULT_WEEKS)
        self.weeks.setSuffix(_(" weeks"))
        self.weeks.valueChanged.connect(self._weeks_changed)
        top = QHBoxLayout()
        for key, text in ((CURRENT, _("Current pairings")), (WITH_ENDED, _("Ended ones too")),
                          (NOT_VISITED, _("Not visited for more than"))):
            button = QRadioButton(text, tab)
            self.show_group.addButton(button, key)
            top.addWidget(button)
        self.show_group.button(CURRENT).setChecked(True)
        self.show_group.idClicked.connect(lambda _id: self.refresh())
        top.addWidget(self.weeks)
        top.addStretch(1)
        self.count = QLabel(tab)
        top.addWidget(self.count)
        self.pairing_model = RowsModel(PAIRING_COLUMNS, self._pairing_cells, right_aligned=frozenset({5, 7}),
                                       parent=self)
        self.pairing_view = _table(self.pairing_model, (1, 2), tab)
        self.pairing_view.selectionModel().currentRowChanged.connect(lambda *_args: self._show_visits())
        buttons = QHBoxLayout()
        for text, slot in ((_("New pairing…"), self.new_pairing), (_("End pairing…"), self.end_pairing),
                           (_("Record a visit…"), self.record_visit)):
            button = QPushButton(text, tab)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.notice = QLabel(tab)
        self.notice.setWordWrap(True)
        upper = QWidget(tab)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.pairing_view, 1)
        upper_layout.addLayout(buttons)
        upper_layout.addWidget(self.notice)
        self.visit_model = RowsModel(VISIT_COLUMNS, self._visit_cells, parent=self)
        self.visit_view = _table(self.visit_model, (2, 3), tab)
        self.visit_view.activated.connect(self._open_visit)
        self.visits_title = QLabel(tab)
        lower = QWidget(tab)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.visits_title)
        lower_layout.addWidget(self.visit_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, tab)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        return tab

    def _people_tab(self) -> QWidget:
        tab = QWidget(self)
        self.person_model = RowsModel(PERSON_COLUMNS, self._person_cells, right_aligned=frozenset({5}), parent=self)
        self.person_view = _table(self.person_model, (4,), tab)
        self.person_view.activated.connect(lambda _index: self.edit_person())
        buttons = QHBoxLayout()
        for text, slot in ((_("New person served…"), self.new_person), (_("Edit…"), self.edit_person),
                           (_("Delete"), self.delete_person)):
            button = QPushButton(text, tab)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(_("Contacts are shown in full only when a person is opened (double-click)."), tab))
        layout.addWidget(self.person_view, 1)
        layout.addLayout(buttons)
        return tab

    # --- cells ---------------------------------------------------------------------------------------------

    def _pairing_cells(self, row: PairingSummary) -> tuple[str, ...]:
        today = self._today()
        going_on = row.started_on <= today and (row.ended_on is None or row.ended_on > today)
        waiting = (today - (row.last_visit or row.started_on)).days // 7 if going_on else None
        return (row.kind.label, SEPARATOR.join(h.name for h in row.helpers),
                SEPARATOR.join(name for _id, name in row.people), row.started_on.isoformat(),
                row.ended_on.isoformat() if row.ended_on else "", str(row.visits),
                row.last_visit.isoformat() if row.last_visit else _("Not yet visited"), "" if waiting is None else str(waiting))

    @staticmethod
    def _visit_cells(row: Visit) -> tuple[str, ...]:
        return row.held_on.isoformat(), row.place, row.content, row.outcome

    def _person_cells(self, row: PersonServedSummary) -> tuple[str, ...]:
        return (row.name, row.category, row.address, row.contact_masked, row.needs,
                str(self._paired.get(row.id, 0)))

    # --- showing -------------------------------------------------------------------------------------------

    def _weeks_changed(self) -> None:
        if self.show_group.checkedId() == NOT_VISITED:
            self.refresh()

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        today = self._today()
        current = self.current_pairing()
        shown = self.show_group.checkedId()
        self.notice.clear()
        if shown == NOT_VISITED:
            rows = self._pairing.not_visited_since(self.weeks.value(), today)
            self.count.setText(_("{n} pairings not visited for more than {weeks} weeks").format(
                n=len(rows), weeks=self.weeks.value()))
        else:
            rows = self._pairing.pairings(include_ended=shown == WITH_ENDED, today=today)
            self.count.setText(_("{n} pairings").format(n=len(rows)))
        self.pairing_model.set_rows(rows)
        _select(self.pairing_view, current.id if current else None)
        self._show_visits()
        person = _selected(self.person_view)
        self._paired = {}
        for summary in self._pairing.pairings(today=today):
            for person_id, _name in summary.people:
                self._paired[person_id] = self._paired.get(person_id, 0) + 1
        self.person_model.set_rows(self._pairing.people())
        _select(self.person_view, person.id if person else None)

    def current_pairing(self) -> PairingSummary | None:
        return _selected(self.pairing_view)

    def current_person(self) -> PersonServedSummary | None:
        return _selected(self.person_view)

    def _show_visits(self) -> None:
        summary = self.current_pairing()
        self.visit_model.set_rows(self._pairing.visits(summary.id) if summary else [])
        self.visits_title.setText(
            _("Visits to {people} (double-click one to open its activity record)").format(
                people=SEPARATOR.join(name for _id, name in summary.people)) if summary
            else _("Click a pairing to see its visits."))

    def _open_visit(self, index: QModelIndex) -> None:
        self.open_activity_requested.emit(index.data(ROW_ROLE).activity_id)

    # --- pairings ------------------------------------------------------------------------------------------

    def _chosen_pairing(self, title: str) -> PairingSummary | None:
        summary = self.current_pairing()
        if summary is None:
            QMessageBox.information(self, title, _("First click the pairing in the list."))
        return summary

    def new_pairing(self) -> None:
        if not self._pairing.people():
            QMessageBox.information(self, _("New pairing"),
                                    _("First register the people served on the “People served” tab."))
            return
        dialog = NewPairingDialog(self._pairing, self._activities, self._teams, self._today(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_group.button(CURRENT).setChecked(True)
            self.refresh()
            _select(self.pairing_view, dialog.pairing_id)

    def end_pairing(self) -> None:
        summary = self._chosen_pairing(_("End pairing"))
        if summary and EndPairingDialog(self._pairing, summary, self._today(), self).exec() \
                == QDialog.DialogCode.Accepted:
            self.refresh()

    def record_visit(self) -> None:
        summary = self._chosen_pairing(_("Record a visit"))
        if summary is None:
            return
        dialog = VisitDialog(self._activities, self._pairing, summary, self._today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.refresh()
        self.notice.setText("\n".join([_("The visit is recorded and the helpers are credited its hours."),
                                       *dialog.warnings]))
        self.changed.emit()

    # --- people served -------------------------------------------------------------------------------------

    def new_person(self) -> None:
        self._open_person(None)

    def edit_person(self) -> None:
        person = self.current_person()
        if person is None:
            QMessageBox.information(self, _("Person served"), _("First click the person served in the list."))
            return
        self._open_person(person.id)

    def _open_person(self, person_id: str | None) -> None:
        dialog = PersonDialog(self._pairing, person_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            _select(self.person_view, dialog.person_id)

    def delete_person(self) -> None:
        person = self.current_person()
        if person is None:
            QMessageBox.information(self, _("Delete"), _("First click the person served in the list."))
            return
        answer = QMessageBox.question(self, _("Delete"), _("Remove {name} from the register of people served?").format(
            name=person.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._pairing.delete_person(person.id)
        except InvalidEntry as exc:
            QMessageBox.warning(self, _("Delete"), errors_text(exc.errors))
            return
        self.refresh()
