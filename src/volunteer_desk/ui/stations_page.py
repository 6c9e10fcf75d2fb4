"""服务站点 with the 五有 checklist (有标识、有场地、有队伍、有制度、有记录; seed 004 一.4), and the
branch's 品牌项目 (seed 004 一.3)."""

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain.dates import format_date, parse_date
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.stations import (
    FIVE_STANDARDS,
    Project,
    ProjectInput,
    Station,
    StationInput,
    StationService,
)
from volunteer_desk.ui.field_errors import error_label
from volunteer_desk.ui.rows_model import ROW_ROLE, RowsModel

# The list names what a station lacks in a word each: "缺：制度、记录" reads quicker than the full labels.
SHORT_LABELS = {"has_sign": N_("Signboard"), "has_venue": N_("Venue"), "has_team": N_("Team"),
                "has_rules": N_("Written rules"), "has_records": N_("Kept records")}
STATION_COLUMNS = (N_("Station name"), N_("Address"), N_("Five standards"))
PROJECT_COLUMNS = (N_("Project name"), N_("Start date"), N_("Description"))
LACKING = QColor("#c62828")


def five_standards_text(station: Station) -> str:
    """五有齐全, or what is lacking in the document's order, e.g. 缺：制度、记录."""
    lacking = [_(SHORT_LABELS[key]) for key, _label in FIVE_STANDARDS if not getattr(station, key)]
    return _("Lacks: {items}").format(items="、".join(lacking)) if lacking else _("All five met")


def _station_cells(station: Station) -> tuple[str, ...]:
    return station.name, station.address, five_standards_text(station)


def _project_cells(project: Project) -> tuple[str, ...]:
    return project.name, format_date(project.started_on), " ".join(project.description.split())


class _StationsModel(RowsModel[Station]):
    """Stations lacking any of the five standards show that in red."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 2 \
                and not self.rows[index.row()].meets_five_standards:
            return LACKING
        return super().data(index, role)


class _EntryDialog(QDialog):
    """A form whose service errors show under their fields; the dialog stays open with what was typed."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.saved_id: str | None = None
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.message = error_label(self)  # for errors about the record itself (deleted meanwhile)
        buttons = QDialogButtonBox(self)
        buttons.addButton(_("Save (Ctrl+S)"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def add_field(self, key: str, label: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)
        self.errors[key] = error_label(self)
        self.form.addRow("", self.errors[key])

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(str(errors.get(key, "")))
            label.setVisible(key in errors)
        rest = [str(m) for key, m in errors.items() if key not in self.errors]
        self.message.setText("\n".join(rest))
        self.message.setVisible(bool(rest))

    def accept(self) -> None:
        try:
            self.saved_id = self.save()
        except InvalidEntry as exc:
            self.show_errors(exc.errors)
            return
        super().accept()

    def save(self) -> str:
        raise NotImplementedError


class StationDialog(_EntryDialog):
    def __init__(self, stations: StationService, station: Station | None = None, parent=None):
        super().__init__(_("Edit service station") if station else _("New service station"), parent)
        self._stations, self._editing = stations, station.id if station else None
        self.name = QLineEdit(self)
        self.address = QLineEdit(self)
        box = QGroupBox(_("Five standards (tick what the station has)"), self)
        ticks = QVBoxLayout(box)
        self.standards: dict[str, QCheckBox] = {}
        for key, label in FIVE_STANDARDS:
            self.standards[key] = QCheckBox(_(label), box)
            ticks.addWidget(self.standards[key])
        self.add_field("name", _("Station name"), self.name)
        self.add_field("address", _("Address"), self.address)
        self.form.addRow(box)
        if station:
            self.name.setText(station.name)
            self.address.setText(station.address)
            for key, tick in self.standards.items():
                tick.setChecked(getattr(station, key))

    def save(self) -> str:
        entry = StationInput(name=self.name.text(), address=self.address.text(),
                             **{key: tick.isChecked() for key, tick in self.standards.items()})
        return self._stations.save_station(entry, editing=self._editing)


class ProjectDialog(_EntryDialog):
    def __init__(self, stations: StationService, project: Project | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today, parent=None):
        super().__init__(_("Edit brand project") if project else _("New brand project"), parent)
        self._stations, self._editing, self._today = stations, project.id if project else None, today
        self.name = QLineEdit(self)
        self.started_on = QLineEdit(self)
        self.started_on.setPlaceholderText(_("e.g. 2024-03-05 or 2024年3月; leave empty if not known"))
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(110)
        self.add_field("name", _("Project name"), self.name)
        self.add_field("started_on", _("Start date"), self.started_on)
        self.add_field("description", _("Description"), self.description)
        if project:
            self.name.setText(project.name)
            self.started_on.setText(format_date(project.started_on))
            self.description.setPlainText(project.description)

    def save(self) -> str:
        today = self._today()
        started_on = None
        if self.started_on.text().strip():
            try:
                started_on = parse_date(self.started_on.text(), today=today)
            except ValueError as exc:
                raise InvalidEntry({"started_on": str(exc)}) from None
        entry = ProjectInput(name=self.name.text(), description=self.description.toPlainText(),
                             started_on=started_on)
        return self._stations.save_project(entry, editing=self._editing, today=today)


class _ListSection(QGroupBox):
    """A titled list with New…, Edit… (or double-click, Enter) and Delete… (or the Delete key)."""

    new_clicked = Signal()
    edit_clicked = Signal()
    delete_clicked = Signal()

    def __init__(self, title: str, intro: str, new_label: str, model: RowsModel, parent=None):
        super().__init__(title, parent)
        self.setStyleSheet("QGroupBox { font-weight: bold; }")  # the two titles split the page
        self.model = model
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.empty_hint = QLabel(self)
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(lambda _index: self.edit_clicked.emit())  # a double-click or Enter
        QShortcut(QKeySequence.StandardKey.Delete, self.view, activated=self.delete_clicked.emit,
                  context=Qt.ShortcutContext.WidgetShortcut)
        buttons = QHBoxLayout()
        for label, signal in ((new_label, self.new_clicked), (_("Edit…"), self.edit_clicked),
                              (_("Delete…"), self.delete_clicked)):
            button = QPushButton(label, self)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def show_rows(self, rows: Sequence, empty_text: str, select: str | None = None) -> None:
        current = select or getattr(self.current(), "id", None)
        self.model.set_rows(rows)
        self._fit_columns()
        self.empty_hint.setText(empty_text)
        self.empty_hint.setVisible(not rows)
        ids = [row.id for row in rows]
        if current in ids:
            self.view.selectRow(ids.index(current))

    def _fit_columns(self) -> None:
        """Room around the text, but a long address or name is capped (the tooltip shows all of it)."""
        metrics = self.view.fontMetrics()
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount() - 1):
            header.resizeSection(column, min(header.sectionSize(column) + metrics.averageCharWidth() * 3,
                                             metrics.height() * 18))
        self.view.verticalHeader().setDefaultSectionSize(metrics.height() + 12)

    def current(self):
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() and self.view.selectionModel().hasSelection() else None


class StationsPage(QWidget):
    changed = Signal()  # a station or project was saved or deleted: teams and reports name them

    def __init__(self, stations: StationService, *, today: Callable[[], dt.date] = dt.date.today, parent=None):
        super().__init__(parent)
        self._stations, self._today = stations, today
        self.station_list = _ListSection(
            _("Service stations"),
            _("Every station should meet the five standards (五有): a sign, a venue, a team, rules and records."),
            _("New station…"), _StationsModel(STATION_COLUMNS, _station_cells, parent=self), self)
        self.project_list = _ListSection(
            _("Brand projects"), _("The branch's named, lasting services, such as 爱心接力 or 科普惠农."),
            _("New brand project…"), RowsModel(PROJECT_COLUMNS, _project_cells, parent=self), self)
        self.station_list.new_clicked.connect(self.new_station)
        self.station_list.edit_clicked.connect(self.edit_station)
        self.station_list.delete_clicked.connect(self.delete_station)
        self.project_list.new_clicked.connect(self.new_project)
        self.project_list.edit_clicked.connect(self.edit_project)
        self.project_list.delete_clicked.connect(self.delete_project)
        layout = QVBoxLayout(self)
        layout.addWidget(self.station_list, 3)
        layout.addWidget(self.project_list, 2)

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self, *, station: str | None = None, project: str | None = None) -> None:
        stations = self._stations.stations()
        met = sum(s.meets_five_standards for s in stations)
        self.station_list.setTitle(_("Service stations ({n}, of which {met} meet all five standards)").format(
            n=len(stations), met=met) if stations else _("Service stations"))
        self.station_list.show_rows(stations, _("No service stations yet. Click “New station…” below to add one."),
                                    station)
        self.project_list.show_rows(self._stations.projects(), _("No brand projects yet. Click “New brand "
                                                                 "project…” below to add one."), project)

    # --- stations ------------------------------------------------------------------------------------------

    def new_station(self) -> StationDialog:
        return self._open(StationDialog(self._stations, parent=self), "station")

    def edit_station(self) -> StationDialog | None:
        chosen = self.station_list.current()
        if chosen is None:
            QMessageBox.information(self, _("Service stations"),
                                    _("First click the service station in the list."))
            return None
        station = self._stations.station(chosen.id)
        if station is None:
            self._gone(_("Service stations"))
            return None
        return self._open(StationDialog(self._stations, station, parent=self), "station")

    def delete_station(self) -> None:
        self._delete(self.station_list.current(), _("First click the service station in the list."),
                     _("Delete the service station {name}?"), self._stations.delete_station,
                     lambda row_id: self._stations.station(row_id) is not None,
                     _("First choose another service station (or none) for those teams on the Teams page, then "
                       "delete it."))

    # --- brand projects ------------------------------------------------------------------------------------

    def new_project(self) -> ProjectDialog:
        return self._open(ProjectDialog(self._stations, today=self._today, parent=self), "project")

    def edit_project(self) -> ProjectDialog | None:
        chosen = self.project_list.current()
        if chosen is None:
            QMessageBox.information(self, _("Brand projects"), _("First click the brand project in the list."))
            return None
        project = self._stations.project(chosen.id)
        if project is None:
            self._gone(_("Brand projects"))
            return None
        return self._open(ProjectDialog(self._stations, project, today=self._today, parent=self), "project")

    def delete_project(self) -> None:
        self._delete(self.project_list.current(), _("First click the brand project in the list."),
                     _("Delete the brand project {name}?"), self._stations.delete_project,
                     lambda row_id: self._stations.project(row_id) is not None,
                     _("First choose another brand project (or none) for those teams on the Teams page, then "
                       "delete it."))

    # --- shared --------------------------------------------------------------------------------------------

    def _open(self, dialog: _EntryDialog, kind: str) -> _EntryDialog:
        """Window-modal and returned, so the caller (or a test) can fill it in; saving refreshes the list."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: (self.refresh(**{kind: dialog.saved_id}), self.changed.emit()))
        dialog.open()
        return dialog

    def _gone(self, title: str) -> None:
        QMessageBox.information(self, title, _("This record no longer exists."))
        self.refresh()

    def _delete(self, chosen, nothing_chosen: str, question: str, delete: Callable[[str], None],
                exists: Callable[[str], bool], fix: str) -> None:
        if chosen is None:
            QMessageBox.information(self, _("Delete"), nothing_chosen)
            return
        answer = QMessageBox.question(self, _("Delete"), question.format(name=chosen.name),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete(chosen.id)
        except InvalidEntry as exc:
            reasons = [str(m) for m in exc.errors.values()]
            if exists(chosen.id):  # still there, so teams use it: say how to free it
                reasons = [_("{name} cannot be deleted yet.").format(name=chosen.name), *reasons, fix]
            QMessageBox.warning(self, _("Delete"), "\n".join(reasons))
        else:
            self.changed.emit()
        self.refresh()
