"""The dialogs of the 结对帮扶 page: a person served, a new pairing, ending one, and recording a visit.

Each keeps what was typed when the service refuses it and says on the field what to correct.
"""

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain.enums import ActivityKind, PairingKind
from volunteer_desk.i18n import _
from volunteer_desk.services.activities import ActivityDraft, ActivityService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.pairing import PERSON_CATEGORIES, PairingService, PairingSummary, PersonInput, kind_error
from volunteer_desk.services.teams import TeamNode, TeamService
from volunteer_desk.ui.field_errors import error_label

ID_ROLE = Qt.ItemDataRole.UserRole
SEPARATOR = "、"


def _date_edit(day: dt.date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _long_text(parent: QWidget) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(70)
    return edit


class _FormDialog(QDialog):
    """A form whose rows each have an error line under them; `general` takes errors of no row."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.general = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def add_row(self, key: str, label: str, widget) -> None:
        self.form.addRow(label, widget)
        self.errors[key] = error_label(self)
        self.form.addRow("", self.errors[key])

    def show_errors(self, errors: dict) -> None:
        for key, label in self.errors.items():
            label.setText(str(errors.get(key, "")))
            label.setVisible(key in errors)
        rest = [str(m) for k, m in errors.items() if k not in self.errors]
        self.general.setText("\n".join(rest))
        self.general.setVisible(bool(rest))


class PersonDialog(_FormDialog):
    """One person served; the only place their contact is shown in full."""

    def __init__(self, pairing: PairingService, person_id: str | None = None, parent=None):
        super().__init__(_("Person served"), parent)
        self._pairing, self.person_id = pairing, person_id
        self.name, self.address, self.contact = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.category = QComboBox(self)
        self.category.setEditable(True)  # the list is the documents'; the secretary may type another
        self.category.addItems(PERSON_CATEGORIES)
        self.category.setCurrentIndex(-1)
        self.needs = _long_text(self)
        for key, label, widget in (("name", _("Name"), self.name), ("category", _("Kind of person"), self.category),
                                   ("address", _("Address"), self.address), ("contact", _("Contact"), self.contact),
                                   ("needs", _("What help is needed"), self.needs)):
            self.add_row(key, label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.resize(520, 0)
        detail = pairing.person(person_id) if person_id else None
        if detail:
            self.name.setText(detail.name)
            self.category.setCurrentText(detail.category)
            self.address.setText(detail.address)
            self.contact.setText(detail.contact)
            self.needs.setPlainText(detail.needs)

    def accept(self) -> None:
        entry = PersonInput(name=self.name.text(), category=self.category.currentText(), address=self.address.text(),
                            contact=self.contact.text(), needs=self.needs.toPlainText())
        try:
            self.person_id = self._pairing.save_person(entry, editing=self.person_id)
        except InvalidEntry as exc:
            self.show_errors(exc.errors)
            return
        super().accept()


def _teams(nodes: list[TeamNode] | tuple[TeamNode, ...]) -> list[TeamNode]:
    return [t for node in nodes for t in (node, *_teams(node.children))]


class NewPairingDialog(_FormDialog):
    """Kind, helpers (volunteers found by name or initials, or whole teams) and people served from the register."""

    def __init__(self, pairing: PairingService, activities: ActivityService, teams: TeamService, today: dt.date,
                 parent=None):
        super().__init__(_("New pairing"), parent)
        self._pairing, self._activities = pairing, activities
        self.pairing_id: str | None = None
        self.kind = QComboBox(self)
        for kind in PairingKind:
            self.kind.addItem(kind.label, kind.value)
        self.started_on = _date_edit(today, self)
        self.note = QLineEdit(self)
        self.who = QLineEdit(self)
        self.who.setPlaceholderText(_("Name or pinyin initials, then Enter"))
        self.who.textEdited.connect(self._look_up)
        self.who.installEventFilter(self)
        self.candidates = QListWidget(self)
        self.candidates.setMaximumHeight(110)
        self.candidates.itemDoubleClicked.connect(lambda _item: self.add_candidate())
        self.team = QComboBox(self)
        for team in _teams(teams.tree()):
            self.team.addItem(f"{team.name}（{team.kind.label}）", team.id)
        add_team = QPushButton(_("Add team"), self)
        add_team.clicked.connect(self.add_team)
        add_team.setEnabled(self.team.count() > 0)
        self.helpers = QListWidget(self)
        remove = QPushButton(_("Remove"), self)
        remove.clicked.connect(self._remove_helper)
        self.people = QListWidget(self)
        for person in pairing.people():
            item = QListWidgetItem(f"{person.name}（{person.category}）{person.address}")
            item.setData(ID_ROLE, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.shape = QLabel(self)
        self.shape.setWordWrap(True)
        self.kind.currentIndexChanged.connect(self._show_shape)
        self.people.itemChanged.connect(self._show_shape)
        self.form.addRow(_("Pairing kind"), self.kind)
        self.errors["kind"] = error_label(self)  # kept up to date as helpers and people are chosen
        self.add_row("started_on", _("Start date"), self.started_on)
        self.add_row("note", _("Note"), self.note)
        team_row = QHBoxLayout()
        team_row.addWidget(self.team, 1)
        team_row.addWidget(add_team)
        left = QVBoxLayout()
        left.addWidget(QLabel(_("Helpers (volunteers or a whole team)"), self))
        left.addWidget(self.who)
        left.addWidget(self.candidates)
        left.addLayout(team_row)
        left.addWidget(QLabel(_("Chosen helpers"), self))
        left.addWidget(self.helpers, 1)
        left.addWidget(remove, 0, Qt.AlignmentFlag.AlignRight)
        self.errors["helpers"] = error_label(self)
        left.addWidget(self.errors["helpers"])
        right = QVBoxLayout()
        right.addWidget(QLabel(_("People served (tick each one)"), self))
        right.addWidget(self.people, 1)
        self.errors["people"] = error_label(self)
        right.addWidget(self.errors["people"])
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(columns, 1)
        layout.addWidget(self.shape)
        layout.addWidget(self.errors["kind"])
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.resize(900, 620)
        self._show_shape()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the search box adds the highlighted volunteer instead of saving the dialog."""
        if watched is not self.who or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.candidates.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.candidates.setCurrentRow((self.candidates.currentRow() + step) % self.candidates.count())
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_candidate()
            return True
        return False

    def _look_up(self, text: str) -> None:
        self.candidates.clear()
        for candidate in self._activities.resolve_participant(text) if text.strip() else []:
            item = QListWidgetItem(f"{candidate.name}  {candidate.mobile}  {candidate.organisation}")
            item.setData(ID_ROLE, ("volunteer", candidate.volunteer_id, candidate.name))
            self.candidates.addItem(item)
        self.candidates.setCurrentRow(0)

    def add_candidate(self) -> None:
        item = self.candidates.currentItem()
        if item is None:
            self.show_errors({"helpers": _("Nobody on the roster matches; check the name or initials.")})
            return
        self._add_helper(item.data(ID_ROLE))
        self.who.clear()
        self.candidates.clear()

    def add_team(self) -> None:
        if self.team.currentData():
            self._add_helper(("team", self.team.currentData(), self.team.currentText()))

    def _add_helper(self, helper: tuple[str, str, str]) -> None:
        if helper in self.chosen_helpers():
            return
        item = QListWidgetItem(helper[2])
        item.setData(ID_ROLE, helper)
        self.helpers.addItem(item)
        self.show_errors({})
        self._show_shape()

    def _remove_helper(self) -> None:
        self.helpers.takeItem(self.helpers.currentRow())
        self._show_shape()

    def chosen_helpers(self) -> list[tuple[str, str, str]]:
        return [self.helpers.item(row).data(ID_ROLE) for row in range(self.helpers.count())]

    def chosen_people(self) -> list[str]:
        return [self.people.item(row).data(ID_ROLE) for row in range(self.people.count())
                if self.people.item(row).checkState() == Qt.CheckState.Checked]

    def _show_shape(self) -> None:
        helpers, people = len(self.chosen_helpers()), len(self.chosen_people())
        self.shape.setText(_("Chosen: {helpers} helpers, {people} people served.").format(helpers=helpers,
                                                                                           people=people))
        problem = kind_error(PairingKind(self.kind.currentData()), helpers, people)
        self.errors["kind"].setText(problem or "")
        self.errors["kind"].setVisible(bool(problem))

    def accept(self) -> None:
        helpers = self.chosen_helpers()
        try:
            self.pairing_id = self._pairing.create(
                PairingKind(self.kind.currentData()), volunteer_ids=[i for k, i, _n in helpers if k == "volunteer"],
                team_ids=[i for k, i, _n in helpers if k == "team"], person_ids=self.chosen_people(),
                started_on=self.started_on.date().toPython(), note=self.note.text())
        except InvalidEntry as exc:
            self.show_errors(exc.errors)
            return
        super().accept()


class EndPairingDialog(_FormDialog):
    def __init__(self, pairing: PairingService, summary: PairingSummary, today: dt.date, parent=None):
        super().__init__(_("End pairing"), parent)
        self._pairing, self._id = pairing, summary.id
        self.ended_on = _date_edit(today, self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(_("For example: moved away, no longer needs help"))
        who = SEPARATOR.join(h.name for h in summary.helpers)
        served = SEPARATOR.join(name for _id, name in summary.people)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("{helpers} with {people}, since {date}").format(
            helpers=who, people=served, date=summary.started_on.isoformat()), self))
        self.add_row("ended_on", _("End date"), self.ended_on)
        self.add_row("reason", _("Why it ends"), self.reason)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.resize(480, 0)

    def accept(self) -> None:
        try:
            self._pairing.end(self._id, ended_on=self.ended_on.date().toPython(), reason=self.reason.text())
        except InvalidEntry as exc:
            self.show_errors(exc.errors)
            return
        super().accept()


class VisitDialog(_FormDialog):
    """A visit is an activity of kind 结对走访 for this pairing; its helpers take part and are credited its length
    (a team: everyone in it now). `warnings` says afterwards what the hours rules did or who could not be added."""

    def __init__(self, activities: ActivityService, pairing: PairingService, summary: PairingSummary,
                 today: dt.date, parent=None):
        super().__init__(_("Record a visit"), parent)
        self._activities, self._summary = activities, summary
        self.activity_id: str | None = None
        self.warnings: list[str] = []
        last = min(today, summary.ended_on or today)  # a visit is recorded once it has happened
        self.held_on = _date_edit(last, self)
        self.held_on.setMaximumDate(QDate(last))
        self.held_on.setMinimumDate(QDate(min(summary.started_on, last)))
        self.starts_at, self.ends_at = QTimeEdit(QTime(9, 0), self), QTimeEdit(QTime(10, 0), self)
        for edit in (self.starts_at, self.ends_at):
            edit.setDisplayFormat("HH:mm")
        times = QWidget(self)
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.starts_at)
        row.addWidget(QLabel(_("to"), self))
        row.addWidget(self.ends_at)
        row.addStretch(1)
        self.place = QComboBox(self)
        self.place.setEditable(True)
        addresses = [detail.address for pid, _name in summary.people if (detail := pairing.person(pid))]
        self.place.addItems(list(dict.fromkeys(a for a in addresses if a)))
        self.content = _long_text(self)
        self.beneficiaries = QLineEdit(SEPARATOR.join(name for _id, name in summary.people), self)
        self.outcome = _long_text(self)
        helpers = QLabel(SEPARATOR.join(h.name for h in summary.helpers), self)
        helpers.setWordWrap(True)
        for key, label, widget in (
            ("held_on", _("Date"), self.held_on), ("times", _("Time"), times), ("place", _("Place"), self.place),
            ("content", _("Content"), self.content), ("beneficiaries", _("People served"), self.beneficiaries),
            ("outcome", _("Outcome"), self.outcome), ("helpers", _("Helpers (credited the hours)"), helpers),
        ):
            self.add_row(key, label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.resize(600, 0)

    def draft(self) -> ActivityDraft:
        start, end = self.starts_at.time(), self.ends_at.time()
        teams = [h.team_id for h in self._summary.helpers if h.team_id]
        return ActivityDraft(
            held_on=self.held_on.date().toPython(), starts_at=dt.time(start.hour(), start.minute()),
            ends_at=dt.time(end.hour(), end.minute()), place=self.place.currentText(),
            content=self.content.toPlainText(), beneficiaries=self.beneficiaries.text(),
            outcome=self.outcome.toPlainText(), kind=ActivityKind.PAIRING_VISIT, pairing_id=self._summary.id,
            team_id=teams[0] if teams else None)

    def accept(self) -> None:
        try:
            self.activity_id = self._activities.create(self.draft())
        except InvalidEntry as exc:
            errors = dict(exc.errors)
            for key in ("starts_at", "ends_at"):
                if key in errors:
                    errors.setdefault("times", errors.pop(key))
            self.show_errors(errors)
            return
        # One helper at a time: someone since removed from the roster must not keep the others' hours off.
        for helper in self._summary.helpers:
            try:
                if helper.volunteer_id:
                    result = self._activities.add_participants(self.activity_id, [helper.volunteer_id])
                else:
                    result = self._activities.add_team(self.activity_id, helper.team_id)
            except InvalidEntry:
                message = (_("{name} is no longer on the roster, so no hours were credited to them.")
                           if helper.volunteer_id else
                           _("The team {name} no longer exists, so no hours were credited to its members."))
                self.warnings.append(message.format(name=helper.name))
                continue
            if helper.team_id and not result.added and not result.warnings:
                self.warnings.append(_("Nobody is in the team {name} now, so no hours were credited.").format(
                    name=helper.name))
            self.warnings += [w.message for w in result.warnings]
        super().accept()
