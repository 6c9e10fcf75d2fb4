"""One volunteer's 志愿积分 and star level: every line of the points ledger, as recorded and never
overwritten, and points added or deducted by hand with the reason the record keeps."""

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
)

from volunteer_desk.domain import dates
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.domain.points import MAX_MANUAL_POINTS
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.activities import ActivityService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.ledgers import LedgerService, PointsLedgerLine, StarStatus
from volunteer_desk.ui.field_errors import error_label
from volunteer_desk.ui.rows_model import RowsModel

COLUMNS = (N_("Date"), N_("Points"), N_("Reason"), N_("Activity"), N_("Recorded by"), N_("Recorded at"))
ACTIVITY_LABEL_LENGTH = 24


def star_text(status: StarStatus) -> str:
    hours = format_hours(status.minutes)
    if status.minutes_to_next is None:
        standing = _("{label}, the highest star level.").format(label=status.label)
    elif status.level == 0:
        standing = _("No star level yet; {hours} h more for one star.").format(
            hours=format_hours(status.minutes_to_next))
    else:
        standing = _("{label}; {hours} h more for the next star.").format(
            label=status.label, hours=format_hours(status.minutes_to_next))
    return _("Service hours in all: {hours} h. {standing}").format(hours=hours, standing=standing)


class ManualPointsForm(QGroupBox):
    """Add or deduct: a direction and an amount, which older users read more easily than a minus sign."""

    def __init__(self, parent=None):
        super().__init__(_("Manual addition/deduction"), parent)
        self.add = QRadioButton(_("Add points"), self)
        self.deduct = QRadioButton(_("Deduct points"), self)
        self.add.setChecked(True)
        direction = QButtonGroup(self)
        direction.addButton(self.add)
        direction.addButton(self.deduct)
        self.amount = QDoubleSpinBox(self)
        self.amount.setRange(0, MAX_MANUAL_POINTS)
        self.amount.setDecimals(1)
        self.amount.setSingleStep(1)
        self.earned_on = QDateEdit(QDate.currentDate(), self)
        self.earned_on.setCalendarPopup(True)
        self.earned_on.setDisplayFormat("yyyy-MM-dd")
        self.earned_on.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(_("For example: commended by the community for the flood clean-up"))
        self.record = QPushButton(_("Record the points"), self)
        self.cancel = QPushButton(_("Cancel"), self)
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addWidget(self.deduct)
        row.addSpacing(16)
        row.addWidget(self.amount)
        row.addStretch(1)
        form = QFormLayout(self)
        self.errors: dict[str, QLabel] = {}
        for key, label, field in (("points", _("Points"), row), ("earned_on", _("Date"), self.earned_on),
                                  ("reason", _("Reason (kept in the record)"), self.reason)):
            form.addRow(label, field)
            self.errors[key] = error_label(self)
            form.addRow("", self.errors[key])
        self.message = error_label(self)  # anything not about one field (the volunteer was deleted meanwhile)
        form.addRow("", self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record)
        buttons.addWidget(self.cancel)
        form.addRow(buttons)

    def points(self) -> float:
        return -self.amount.value() if self.deduct.isChecked() else self.amount.value()

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        others = [str(m) for key, m in errors.items() if key not in self.errors]
        self.message.setText("\n".join(others))
        self.message.setVisible(bool(others))

    def clear(self) -> None:
        self.add.setChecked(True)
        self.amount.setValue(0)
        self.earned_on.setDate(QDate.currentDate())
        self.reason.clear()
        self.show_errors({})


class PointsDialog(QDialog):
    changed = Signal(str)  # the volunteer id, after points were added or deducted

    def __init__(self, ledgers: LedgerService, activities: ActivityService, volunteer_id: str, name: str,
                 parent=None):
        super().__init__(parent)
        self._ledgers, self._activities = ledgers, activities
        self.volunteer_id, self._name = volunteer_id, name
        self._activity_labels: dict[str, str] = {}
        self.setWindowTitle(_("Points and hours of {name}").format(name=name))
        title = QLabel(_("Points and hours of {name}").format(name=name), self)
        title.setObjectName("sheetTitle")
        self.stars = QLabel(self)
        self.stars.setWordWrap(True)
        self.total = QLabel(self)
        self.model = RowsModel(COLUMNS, self._cells, right_aligned=frozenset({1}), parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.open_form = QPushButton(_("Manual addition/deduction…"), self)
        self.open_form.clicked.connect(self.show_form)
        self.note = QLabel(self)
        self.form = ManualPointsForm(self)
        self.form.hide()
        self.form.record.clicked.connect(self.record)
        self.form.cancel.clicked.connect(self.hide_form)
        buttons = QDialogButtonBox(self)
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.open_form)
        actions.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.stars)
        layout.addWidget(self.total)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.refresh()
        self.resize(1000, 640)

    def refresh(self) -> None:
        self.stars.setText(star_text(self._ledgers.star(self.volunteer_id)))
        self.total.setText(_("Points in all: {points}").format(
            points=f"{self._ledgers.points_total(self.volunteer_id):g}"))
        lines = self._ledgers.points_ledger(self.volunteer_id)
        for activity_id in {line.activity_id for line in lines} - set(self._activity_labels) - {None}:
            self._activity_labels[activity_id] = self._activity_label(activity_id)
        self.model.set_rows(lines)
        self.view.resizeColumnsToContents()
        for column in (2, 3):  # reason and activity share the room; a cut text shows whole in its tooltip
            self.view.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.view.scrollToBottom()  # the ledger reads oldest first, like the paper one; the latest is wanted

    def _activity_label(self, activity_id: str) -> str:
        record = self._activities.get(activity_id)
        if record is None:
            return _("(activity deleted)")
        text = record.content.strip() or record.place.strip() or _("Activity")
        return text if len(text) <= ACTIVITY_LABEL_LENGTH else text[:ACTIVITY_LABEL_LENGTH - 1] + "…"

    def _cells(self, line: PointsLedgerLine) -> tuple[str, ...]:
        activity = self._activity_labels.get(line.activity_id, "") if line.activity_id else ""
        return (line.earned_on.isoformat(), f"{line.points:+g}", line.reason, activity, line.operator,
                dates.format_recorded(line.at))

    def show_form(self) -> None:
        self.note.clear()
        self.form.show()
        # Once the form has taken its room from the table, so that the latest lines stay in sight.
        QTimer.singleShot(0, self.view.scrollToBottom)
        self.form.amount.setFocus()
        self.form.amount.selectAll()

    def hide_form(self) -> None:
        self.form.clear()
        self.form.hide()

    def record(self) -> bool:
        points = self.form.points()
        try:
            self._ledgers.add_manual_points(self.volunteer_id, points, self.form.reason.text(),
                                            earned_on=self.form.earned_on.date().toPython())
        except InvalidEntry as exc:  # the form stays as typed, with each message on its field
            self.form.show_errors(exc.errors)
            return False
        self.hide_form()
        self.refresh()
        self.note.setText(_("{points} points recorded for {name}.").format(points=f"{points:+g}", name=self._name))
        self.changed.emit(self.volunteer_id)
        return True
