"""The print centre's option fields: one widget per kind of option (a volunteer picked by name or pinyin, a team
from the tree, a recent activity or quarter, a date, a choice …), and the form that lays them out with room
for what is wrong with each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.i18n import _
from volunteer_desk.services.activities import ActivityService
from volunteer_desk.services.activity_list import ActivityListService
from volunteer_desk.services.printing import Option, OptionKind
from volunteer_desk.services.teams import TeamNode, TeamService

RECENT_QUARTERS = 8
RECENT_ACTIVITIES = 200
OptionWidget = Callable[[Option], tuple[QWidget, Callable[[], Any]]]  # an option's widget, and how to read it


class VolunteerPicker(QWidget):
    """Type a name or pinyin initials; the matching people on the roster fill the list beside it."""

    def __init__(self, activities: ActivityService, parent: QWidget | None = None):
        super().__init__(parent)
        self._activities = activities
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Name or pinyin initials"))
        self.matches = QComboBox(self)
        self.matches.setMinimumContentsLength(12)
        self.search.textChanged.connect(self._look_up)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.matches, 1)

    def _look_up(self, text: str) -> None:
        self.matches.clear()
        for candidate in self._activities.resolve_participant(text):
            self.matches.addItem(f"{candidate.name}  {candidate.mobile}  {candidate.organisation}".strip(),
                                 candidate.volunteer_id)

    def value(self) -> str | None:
        return self.matches.currentData()


class OptionsForm(QWidget):
    """One row per option of a document, with room under each for what is wrong with it."""

    def __init__(self, options: Sequence[Option], widgets: dict[OptionKind, OptionWidget],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._values: dict[str, Callable[[], Any]] = {}
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for option in options:
            widget, value = widgets[option.kind](option)
            widget.setParent(self)
            widget.setObjectName(f"option_{option.key}")
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            label = _(option.label) + ("" if not option.required else " *")
            layout.addRow(label, widget)
            layout.addRow("", error)
            self._values[option.key], self.fields[option.key], self.errors[option.key] = value, widget, error

    def values(self) -> dict[str, Any]:
        return {key: value() for key, value in self._values.items()}

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Each message under its option; returns the messages that belong to no option."""
        for key, label in self.errors.items():
            label.setText(str(errors.get(key, "")))
            label.setVisible(key in errors)
        return [str(message) for key, message in errors.items() if key not in self.errors]


class OptionWidgets:
    """Makes each kind of option's field, from what the services offer to choose from."""

    def __init__(self, activities: ActivityService, activity_list: ActivityListService, teams: TeamService,
                 today: Callable[[], dt.date]):
        self._activities, self._activity_list, self._teams, self._today = activities, activity_list, teams, today

    def by_kind(self) -> dict[OptionKind, OptionWidget]:
        return {OptionKind.VOLUNTEER: self._volunteer, OptionKind.TEAM: self._team, OptionKind.ACTIVITY: self._activity,
                OptionKind.QUARTER: self._quarter, OptionKind.YEAR: self._year, OptionKind.INTEGER: self._integer,
                OptionKind.DATE: self._date, OptionKind.CHOICE: self._choice, OptionKind.FLAG: self._flag,
                OptionKind.TEXT: self._text}

    def _volunteer(self, option: Option) -> tuple[QWidget, Callable[[], Any]]:
        picker = VolunteerPicker(self._activities)
        return picker, picker.value

    def _team(self, option: Option) -> tuple[QWidget, Callable[[], Any]]:
        combo = QComboBox()
        # Nothing chosen: a required team must be picked on purpose; an optional one means everyone.
        combo.addItem("" if option.required else _("All volunteers (no team chosen)"), None)

        def add(nodes: Sequence[TeamNode], depth: int) -> None:
            for node in nodes:
                combo.addItem("　" * depth + node.name, node.id)
                add(node.children, depth + 1)
        add(self._teams.tree(), 0)
        return _with_default(combo, option.initial()), combo.currentData

    def _activity(self, option: Option) -> tuple[QWidget, Callable[[], Any]]:
        combo = QComboBox()
        combo.addItem("", None)
        for activity in self._activity_list.summaries(limit=RECENT_ACTIVITIES):
            combo.addItem(f"{activity.held_on:%Y-%m-%d}  {activity.content}  {activity.place}".strip(), activity.id)
        return _with_default(combo, option.initial()), combo.currentData

    def _quarter(self, option: Option) -> tuple[QWidget, Callable[[], Any]]:
        combo = QComboBox()
        quarter = Quarter.of(self._today())
        for _step in range(RECENT_QUARTERS):
            combo.addItem(quarter.label, quarter)
            quarter = quarter.previous()
        return _with_default(combo, option.initial()), combo.currentData

    def _year(self, option: Option) -> tuple[QWidget, Callable[[], Any]]:
        spin = QSpinBox()
        spin.setRange(2000, self._today().year + 1)
        spin.setValue(option.initial() or self._today().year)
        return spin, spin.value

    def _integer(self, option: Option) -> tuple[QWidget, Callable[[], Any]]:
        spin = QSpinBox()
        spin.setRange(option.minimum, option.maximum)
        spin.setValue(option.initial() if option.initial() is not None else option.minimum)
        return spin, spin.value

    def _date(self, option: Option) -> tuple[QWidget, Callable[[], Any]]:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        day = option.initial() or self._today()
        edit.setDate(QDate(day.year, day.month, day.day))
        return edit, lambda: edit.date().toPython()

    def _choice(self, option: Option) -> tuple[QWidget, Callable[[], Any]]:
        combo = QComboBox()
        for value, label in option.choices:
            combo.addItem(_(label), value)
        return _with_default(combo, option.initial()), combo.currentData

    def _flag(self, option: Option) -> tuple[QWidget, Callable[[], Any]]:
        box = QCheckBox()
        box.setChecked(bool(option.initial()))
        return box, box.isChecked

    def _text(self, option: Option) -> tuple[QWidget, Callable[[], Any]]:
        if option.lines:
            box = QPlainTextEdit()
            box.setPlainText(option.initial() or "")
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 6)
            return box, box.toPlainText
        edit = QLineEdit()
        edit.setText(option.initial() or "")
        return edit, edit.text


def _with_default(combo: QComboBox, default: Any) -> QComboBox:
    for index in range(combo.count()):  # not findData: it cannot compare Python objects such as a Quarter
        if default is not None and combo.itemData(index) == default:
            combo.setCurrentIndex(index)
    return combo
