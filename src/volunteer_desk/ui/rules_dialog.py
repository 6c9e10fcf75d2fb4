"""Settings → 本支部规则: how hours are rounded and capped, how points are earned, the hours for each star
level and the usual size of a team. All four tabs are saved together, or nothing is (RulesService.save_all)."""

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain import stars
from volunteer_desk.domain.hours import MAX_DAILY_CAP, ROUNDING_UNITS
from volunteer_desk.domain.points import MAX_MANUAL_POINTS
from volunteer_desk.i18n import _
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.rules import InvalidRules, RulesService

MAX_COEFFICIENT = 10
MAX_TEAM_SIZE = 999
COEFFICIENT_PREFIX = "category_coefficients."


def _number(parent: QWidget, maximum: float, decimals: int, suffix: str = "") -> QDoubleSpinBox:
    # The minimum is 0, not the rules' lowest value, so "must be more than 0" is said rather than silently fixed.
    spin = QDoubleSpinBox(parent)
    spin.setRange(0, maximum)
    spin.setDecimals(decimals)
    spin.setSuffix(suffix)
    spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a number needs no full width
    return spin


def _note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class RulesDialog(QDialog):
    saved = Signal()  # the rules changed (saved or restored): star levels and team warnings on screen are stale

    def __init__(self, rules: RulesService, categories: CategoryService, parent=None):
        super().__init__(parent)
        self._rules = rules
        self.setWindowTitle(_("Our branch's rules"))
        self.errors: dict[str, QLabel] = {}
        self._tab_of: dict[str, int] = {}  # error key → the tab its field is on
        self.tabs = QTabWidget(self)
        self._tab_titles = (_("Service hours"), _("Points"), _("Star levels"), _("Team sizes"))
        self.tabs.addTab(self._hours_tab(), self._tab_titles[0])
        self.tabs.addTab(self._points_tab(categories), self._tab_titles[1])
        self.tabs.addTab(self._stars_tab(), self._tab_titles[2])
        self.tabs.addTab(self._teams_tab(), self._tab_titles[3])
        self.status = QLabel(self)
        self.status.setObjectName("formStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(_("Save (Ctrl+S)"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.defaults_button = buttons.addButton(_("Restore defaults…"), QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.defaults_button.clicked.connect(self.restore_defaults)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(_note(_("Hours and points already recorded stay as they are: new rules apply to what is "
                                 "recorded from now on. Star levels are worked out again at once."), self))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.load()
        self.resize(760, 600)

    # --- the tabs ---------------------------------------------------------------------------------------------

    def _field(self, form: QFormLayout, owner: QWidget, key: str, label: str, widget) -> None:
        form.addRow(label, widget)
        form.addRow("", self._error(owner, key))

    def _error(self, owner: QWidget, key: str) -> QLabel:
        """The line under a field that says what the rules refuse in it; hidden while there is nothing."""
        error = QLabel(owner)
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        self.errors[key] = error
        self._tab_of[key] = self.tabs.count()  # built before it is added: its index-to-be
        return error

    def _hours_tab(self) -> QWidget:
        page = QWidget(self)
        self.rounding_unit = QComboBox(page)
        for unit in ROUNDING_UNITS:
            self.rounding_unit.addItem(_("{n} min").format(n=unit), unit)
        self.rounding_unit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.daily_cap = _number(page, MAX_DAILY_CAP / 60, 2, _(" h"))
        self.daily_cap.setSingleStep(0.5)
        form = QFormLayout(page)
        form.addRow(_note(_("Hours keyed from a sign-in sheet are rounded down to this unit, and no one is "
                            "credited more than the daily limit for one day."), page))
        self._field(form, page, "rounding_unit_minutes", _("Round service time down to"), self.rounding_unit)
        self._field(form, page, "daily_cap_minutes", _("Most hours credited for one day"), self.daily_cap)
        return page

    def _points_tab(self, categories: CategoryService) -> QWidget:
        page = QWidget(self)
        self.points_per_hour = _number(page, MAX_MANUAL_POINTS, 2)
        self.points_per_activity = _number(page, MAX_MANUAL_POINTS, 2)
        self.themed_day_bonus = _number(page, MAX_MANUAL_POINTS, 2)
        form = QFormLayout()
        self._field(form, page, "points_per_hour", _("Points per hour of service"), self.points_per_hour)
        self._field(form, page, "points_per_activity", _("Points for taking part in an activity"),
                    self.points_per_activity)
        self._field(form, page, "themed_day_bonus", _("Bonus for an activity on a themed day"),
                    self.themed_day_bonus)
        box = QGroupBox(_("Category coefficients"), page)
        inner = QWidget()
        rows = QFormLayout(inner)
        rows.addRow(_note(_("The hours of an activity in a category are multiplied by its coefficient; 1 leaves "
                            "them as they are."), inner))
        listed = categories.list()
        names = [c.name for c in listed]
        unused = {c.name for c in listed if not c.active}
        # A name no longer among the categories (renamed since) keeps its coefficient: shown, not dropped.
        unused |= {n for n in self._rules.points().category_coefficients if n not in names}
        self.coefficients: dict[str, QDoubleSpinBox] = {}
        for name in names + sorted(unused - set(names)):
            spin = _number(inner, MAX_COEFFICIENT, 2)
            spin.setSingleStep(0.1)
            self.coefficients[name] = spin
            label = _("{category} (no longer used)").format(category=name) if name in unused else name
            self._field(rows, inner, COEFFICIENT_PREFIX + name, label, spin)
        scroll = QScrollArea(box)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        QVBoxLayout(box).addWidget(scroll)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(box, 1)
        return page

    def _stars_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.addRow(_note(_("The total service hours at which a volunteer reaches each star level."), page))
        self.thresholds = [_number(page, stars.MAX_THRESHOLD_HOURS, 1, _(" h")) for _level in range(stars.MAX_LEVEL)]
        for level, spin in enumerate(self.thresholds, start=1):
            spin.setSingleStep(50)
            form.addRow(stars.name(level), spin)
        form.addRow("", self._error(page, "thresholds"))  # one message for the five: it is mostly about their order
        return page

    def _teams_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.addRow(_note(_("A team outside these sizes gets a warning on the teams page; it is not refused. A "
                            "brigade is made of detachments and has no size of its own."), page))
        self.team_sizes: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        for kind in self._rules.team_limits():
            smallest, largest = QSpinBox(page), QSpinBox(page)
            pair = QWidget(page)
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            for text, spin in ((_("at least"), smallest), (_("at most"), largest)):
                spin.setRange(0, MAX_TEAM_SIZE)
                spin.setSuffix(_(" people"))
                row.addWidget(QLabel(text, pair))
                row.addWidget(spin)
            row.addStretch(1)
            self.team_sizes[kind.value] = (smallest, largest)
            self._field(form, page, kind.value, kind.label, pair)
        return page

    # --- reading and saving -------------------------------------------------------------------------------------

    def load(self) -> None:
        hours = self._rules.hours()
        self.rounding_unit.setCurrentIndex(self.rounding_unit.findData(hours.rounding_unit_minutes))
        self.daily_cap.setValue(hours.daily_cap_minutes / 60)
        points = self._rules.points()
        self.points_per_hour.setValue(points.points_per_hour)
        self.points_per_activity.setValue(points.points_per_activity)
        self.themed_day_bonus.setValue(points.themed_day_bonus)
        for name, spin in self.coefficients.items():
            spin.setValue(points.coefficient(name))
        for spin, hours_needed in zip(self.thresholds, self._rules.star_thresholds()):
            spin.setValue(hours_needed)
        for kind, limit in self._rules.team_limits().items():
            smallest, largest = self.team_sizes[kind.value]
            smallest.setValue(limit.minimum)
            largest.setValue(limit.maximum)
        self.show_errors({})

    def values(self) -> tuple[dict, dict, list, dict]:
        """What the four tabs hold, in the shapes RulesService.save_all checks."""
        hours = {"rounding_unit_minutes": self.rounding_unit.currentData(),
                 "daily_cap_minutes": round(self.daily_cap.value() * 60)}
        points = {"points_per_hour": self.points_per_hour.value(),
                  "points_per_activity": self.points_per_activity.value(),
                  "themed_day_bonus": self.themed_day_bonus.value(),
                  # 1 is what a category without a coefficient gets; storing it would only add noise.
                  "category_coefficients": {n: s.value() for n, s in self.coefficients.items() if s.value() != 1}}
        thresholds = [spin.value() for spin in self.thresholds]
        sizes = {kind: [smallest.value(), largest.value()] for kind, (smallest, largest) in self.team_sizes.items()}
        return hours, points, thresholds, sizes

    def accept(self) -> None:
        try:
            self._rules.save_all(*self.values())
        except InvalidRules as exc:  # nothing was saved; every tab keeps what was typed
            self.show_errors(exc.errors)
            return
        self.saved.emit()
        super().accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        wrong_tabs = sorted({self._tab_of[key] for key in errors if key in self._tab_of})
        for tab, title in enumerate(self._tab_titles):
            self.tabs.setTabText(tab, f"⚠ {title}" if tab in wrong_tabs else title)
        if wrong_tabs:
            self.tabs.setCurrentIndex(wrong_tabs[0])
        others = [str(m) for key, m in errors.items() if key not in self.errors]
        self.status.setText("\n".join(
            ([_("Nothing was saved. Correct what is marked ⚠ and save again.")] if errors else []) + others))

    def restore_defaults(self) -> None:
        answer = QMessageBox.question(
            self, _("Restore defaults"),
            _("Put all four kinds of rules back to the program's defaults now? What you have set here is replaced."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._rules.reset()
        self.load()
        self.saved.emit()
        QMessageBox.information(self, _("Restore defaults"), _("The defaults are restored and saved."))
