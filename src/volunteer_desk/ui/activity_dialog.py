"""One activity: 时间、地点、内容、服务对象、取得成效 (seed 001 六.3), who organised it (team, station, brand
project), who took part for how long, and its photos."""

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain.enums import ActivityKind
from volunteer_desk.i18n import _
from volunteer_desk.services.activities import ActivityDraft, ActivityService, InvalidActivity
from volunteer_desk.services.activity_photos import ActivityPhotoService
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.ledgers import LedgerService
from volunteer_desk.services.stations import StationService
from volunteer_desk.services.teams import TeamNode, TeamService
from volunteer_desk.ui.field_errors import errors_text
from volunteer_desk.ui.hours_history import HoursHistoryDialog
from volunteer_desk.ui.photo_strip import PhotoStrip
from volunteer_desk.ui.sign_in_entry import SignInEntry


def _team_choices(nodes: list[TeamNode], depth: int = 0) -> list[tuple[str, str]]:
    """(label, id) in the tree's order, a brigade's detachments indented under it."""
    choices = []
    for node in nodes:
        choices.append(("\u3000" * depth + node.name, node.id))
        choices += _team_choices(list(node.children), depth + 1)
    return choices


def _combo(parent: QWidget, choices) -> QComboBox:
    """An empty choice first: these are optional."""
    combo = QComboBox(parent)
    combo.addItem("", None)
    for label, value in choices:
        combo.addItem(label, value)
    return combo


def _select(combo: QComboBox, value: str | None, label: str | None) -> None:
    """A value no longer offered (a category out of use, a deleted team) stays shown and chosen rather than being
    silently dropped on the next save; the service then says whether it may stay."""
    if value and combo.findData(value) < 0:
        combo.addItem(label or _("(no longer exists)"), value)
    combo.setCurrentIndex(combo.findData(value) if value else 0)


class ActivityDialog(QDialog):
    saved = Signal(str)

    def __init__(self, activities: ActivityService, ledgers: LedgerService, categories: CategoryService,
                 teams: TeamService, stations: StationService, photos: ActivityPhotoService,
                 activity_id: str | None = None, parent=None):
        super().__init__(parent)
        self._activities, self._ledgers, self._categories = activities, ledgers, categories
        self._teams, self._stations = teams, stations
        self.activity_id = activity_id
        self._pairing_id: str | None = None  # set by the pairing screens; kept as it is here
        self.setWindowTitle(_("Activity record"))
        self.held_on = QDateEdit(QDate.currentDate(), self)
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.starts_at, self.ends_at = QTimeEdit(QTime(9, 0), self), QTimeEdit(QTime(11, 0), self)
        for edit in (self.starts_at, self.ends_at):
            edit.setDisplayFormat("HH:mm")
        self.place = QLineEdit(self)
        self.content = QPlainTextEdit(self)
        self.content.setTabChangesFocus(True)
        self.content.setMaximumHeight(70)
        self.category = _combo(self, [(c.name, c.id) for c in categories.list(include_inactive=False)])
        self.beneficiaries = QLineEdit(self)
        self.outcome = QPlainTextEdit(self)
        self.outcome.setTabChangesFocus(True)
        self.outcome.setMaximumHeight(70)
        self.kind = QComboBox(self)
        for kind in ActivityKind:
            self.kind.addItem(kind.label, kind.value)
        self._team_choices = _team_choices(teams.tree())
        self.team = _combo(self, self._team_choices)
        self.station = _combo(self, [(s.name, s.id) for s in stations.stations()])
        self.brand_project = _combo(self, [(p.name, p.id) for p in stations.projects()])
        self.leader, self.recorder = QLineEdit(self), QLineEdit(self)
        times = QWidget(self)
        times.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.starts_at)
        row.addWidget(QLabel(_("to"), self))
        row.addWidget(self.ends_at)
        row.addStretch(1)
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        for key, label, widget in (
            ("held_on", _("Date"), self.held_on), ("times", _("Time"), times), ("place", _("Place"), self.place),
            ("content", _("Content"), self.content), ("category_id", _("Category"), self.category),
            ("beneficiaries", _("People served"), self.beneficiaries), ("outcome", _("Outcome"), self.outcome),
            ("kind", _("Kind"), self.kind), ("team_id", _("Organising team"), self.team),
            ("station_id", _("Service station"), self.station),
            ("brand_project_id", _("Brand project"), self.brand_project),
            ("leader", _("Person in charge"), self.leader),
            ("recorder", _("Recorded by"), self.recorder),
        ):
            form.addRow(label, widget)
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            form.addRow("", error)
            self.errors[key] = error
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(_("Save (Ctrl+S)"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.participants = QTableWidget(0, 2, self)
        self.participants.setHorizontalHeaderLabels([_("Name"), _("Hours")])
        self.participants.horizontalHeader().setStretchLastSection(True)
        self.participants.verticalHeader().hide()
        correct = QPushButton(_("Correct hours…"), self)
        correct.clicked.connect(self._correct)
        whole_team = QPushButton(_("Add a whole team…"), self)
        whole_team.clicked.connect(self.add_team)
        people_buttons = QHBoxLayout()
        people_buttons.addWidget(whole_team)
        people_buttons.addWidget(correct)
        history = QPushButton(_("Hours history…"), self)
        history.clicked.connect(self.show_history)
        people_buttons.addWidget(history)
        people_buttons.addStretch(1)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.people_box = QVBoxLayout()
        self.people_box.addWidget(QLabel(_("Participants"), self))
        self.people_box.addWidget(self.participants, 1)
        self.people_box.addLayout(people_buttons)
        self.people_box.addWidget(self.notes)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(self.people_box, 2)
        self.photo_strip = PhotoStrip(photos, lambda: self.activity_id if self.save() else None, self)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.photo_strip)
        layout.addWidget(buttons)
        self.sign_in: SignInEntry | None = None
        if activity_id:
            self._load(activity_id)
        self.resize(1100, 800)

    def _load(self, activity_id: str) -> None:
        record = self._activities.get(activity_id)
        self.held_on.setDate(QDate(record.held_on))
        if record.starts_at and record.ends_at:
            self.starts_at.setTime(QTime(record.starts_at.hour, record.starts_at.minute))
            self.ends_at.setTime(QTime(record.ends_at.hour, record.ends_at.minute))
        self.place.setText(record.place)
        self.content.setPlainText(record.content)
        category = self._categories.get(record.category_id) if record.category_id else None
        _select(self.category, record.category_id, category.name if category else None)
        self.beneficiaries.setText(record.beneficiaries)
        self.outcome.setPlainText(record.outcome)
        self.kind.setCurrentIndex(self.kind.findData(record.kind.value))
        self.leader.setText(record.leader)
        self.recorder.setText(record.recorder)
        team = self._teams.get(record.team_id) if record.team_id else None
        _select(self.team, record.team_id, team.name if team else None)
        station = self._stations.station(record.station_id) if record.station_id else None
        _select(self.station, record.station_id, station.name if station else None)
        project = self._stations.project(record.brand_project_id) if record.brand_project_id else None
        _select(self.brand_project, record.brand_project_id, project.name if project else None)
        self._pairing_id = record.pairing_id
        self.photo_strip.set_activity(activity_id)
        if self.sign_in is None:
            self.sign_in = SignInEntry(self._activities, activity_id, record.length_minutes or 0, self)
            self.sign_in.saved.connect(lambda _result: self._show_participants())
            self.people_box.insertWidget(3, self.sign_in, 2)
        self._show_participants()

    def draft(self) -> ActivityDraft:
        start, end = self.starts_at.time(), self.ends_at.time()
        return ActivityDraft(
            held_on=self.held_on.date().toPython(), starts_at=dt.time(start.hour(), start.minute()),
            ends_at=dt.time(end.hour(), end.minute()), place=self.place.text(), content=self.content.toPlainText(),
            category_id=self.category.currentData(), beneficiaries=self.beneficiaries.text(),
            outcome=self.outcome.toPlainText(), kind=self.kind.currentData(), team_id=self.team.currentData(),
            station_id=self.station.currentData(), brand_project_id=self.brand_project.currentData(),
            pairing_id=self._pairing_id, leader=self.leader.text(), recorder=self.recorder.text())

    def save(self) -> bool:
        try:
            if self.activity_id:
                warnings = self._activities.update(self.activity_id, self.draft())
            else:
                self.activity_id, warnings = self._activities.create(self.draft()), ()
        except InvalidActivity as exc:
            self._show_errors(exc.errors)
            return False
        self._show_errors({})
        self.notes.setText("\n".join(warnings))
        self._load(self.activity_id)
        self.saved.emit(self.activity_id)
        return True

    def _show_errors(self, errors: dict[str, str]) -> None:
        errors = dict(errors)
        for key in ("starts_at", "ends_at"):
            if key in errors:
                errors.setdefault("times", errors.pop(key))
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        # e.g. the activity was deleted meanwhile: not about one field, but must not go unsaid
        self.notes.setText("\n".join(str(m) for key, m in errors.items() if key not in self.errors))

    def _show_participants(self) -> None:
        lines = self._activities.participants(self.activity_id) if self.activity_id else []
        self._lines = lines
        self.participants.setRowCount(len(lines))
        for row, line in enumerate(lines):
            self.participants.setItem(row, 0, QTableWidgetItem(line.name))
            self.participants.setItem(row, 1, QTableWidgetItem(line.hours_text))

    def add_team(self) -> None:
        """Everyone now in a team takes part (credited the activity's length), e.g. the organising team."""
        title = _("Add a whole team")
        if not self._team_choices:
            QMessageBox.information(self, title, _("There are no teams yet. Set them up on the Teams page first."))
            return
        if self.activity_id is None:
            answer = QMessageBox.question(self, title, _("Participants are added to a saved activity. Save the "
                                                         "activity now?"))
            if answer != QMessageBox.StandardButton.Yes or not self.save():
                return
        labels = [label for label, _id in self._team_choices]
        ids = [team_id for _label, team_id in self._team_choices]
        organiser = self.team.currentData()
        label, ok = QInputDialog.getItem(self, title, _("Team (everyone now in it is added):"), labels,
                                         ids.index(organiser) if organiser in ids else 0, False)
        if not ok:
            return
        try:
            result = self._activities.add_team(self.activity_id, ids[labels.index(label)])
        except InvalidEntry as exc:
            QMessageBox.warning(self, title, errors_text(exc.errors))
            return
        self.notes.setText("\n".join([_("{n} people added.").format(n=len(result.added))]
                                     + [w.message for w in result.warnings]))
        self._show_participants()

    def show_history(self) -> HoursHistoryDialog | None:
        row = self.participants.currentRow()
        if row < 0:
            QMessageBox.information(self, _("Hours history"), _("First click the person in the participants list."))
            return None
        line = self._lines[row]
        dialog = HoursHistoryDialog(self._ledgers, line.participation_id, line.name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _correct(self) -> None:
        row = self.participants.currentRow()
        if row < 0:
            QMessageBox.information(self, _("Correct hours"), _("First click the person in the participants list."))
            return
        line = self._lines[row]
        hours, ok = QInputDialog.getDouble(self, _("Correct hours"), _("Hours for {name}:").format(name=line.name),
                                           line.minutes / 60, 0, 24, 1)
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, _("Correct hours"), _("Reason for the correction (kept in the record):"))
        if not ok:
            return
        try:
            result = self._ledgers.set_minutes(line.participation_id, round(hours * 60), reason)
        except InvalidEntry as exc:
            QMessageBox.warning(self, _("Correct hours"), errors_text(exc.errors))
            return
        self.notes.setText("\n".join(result.warnings))
        self._show_participants()
