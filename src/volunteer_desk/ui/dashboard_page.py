"""首页: this week and this quarter against the documents' own rules, and the dates coming up."""

import datetime as dt

from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from volunteer_desk.i18n import _
from volunteer_desk.services.dashboard import DashboardService, Figure

COLUMNS = 3


class _FigureCard(QFrame):
    """One figure: the value large, what it is, the rule, and whether the rule is met."""

    def __init__(self, figure: Figure, parent=None):
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setProperty("met", {True: "yes", False: "no", None: "unknown"}[figure.met])
        value = QLabel(figure.value, self)
        value.setObjectName("figureValue")
        verdict = {True: _("✔ met"), False: _("✘ not met"), None: _("— cannot tell yet")}[figure.met]
        rule = QLabel(f"{figure.rule}　{verdict}", self)
        rule.setObjectName("figureRule")
        rule.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(figure.label, self))
        layout.addWidget(value)
        layout.addWidget(rule)


class DashboardPage(QWidget):
    def __init__(self, service: DashboardService, *, today=dt.date.today, parent=None):
        super().__init__(parent)
        self._service = service
        self._today = today
        self._layout = QVBoxLayout(self)
        self._content: QWidget | None = None

    def showEvent(self, event) -> None:
        """Computed when looked at, not at start-up: the roster is the page that opens."""
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        if not self.isVisible():
            return
        if self._content is not None:
            self._content.deleteLater()
        board = self._service.dashboard(self._today())
        content = QWidget(self)
        layout = QVBoxLayout(content)
        title = QLabel(_("Week of {first} to {last} · {quarter}").format(
            first=board.week_first.isoformat(), last=board.week_last.isoformat(), quarter=board.quarter.label), content)
        title.setObjectName("sheetTitle")
        layout.addWidget(title)
        grid = QGridLayout()
        for i, figure in enumerate(board.figures):
            grid.addWidget(_FigureCard(figure, content), i // COLUMNS, i % COLUMNS)
        layout.addLayout(grid)
        dates = QGroupBox(_("Coming up"), content)
        box = QVBoxLayout(dates)
        box.addWidget(QLabel(_("Quarterly report due {date}: {days} days left").format(
            date=board.report_deadline.isoformat(), days=board.days_to_deadline), dates))
        for day in board.themed_days:
            box.addWidget(QLabel(_("{date} {name}: {days} days left").format(
                date=day.date.isoformat(), name=day.name, days=day.days_left), dates))
        layout.addWidget(dates)
        if board.idle_names:
            idle = QLabel(_("Not served for four weeks: {names}").format(names="、".join(board.idle_names)), content)
            idle.setWordWrap(True)
            layout.addWidget(idle)
        layout.addStretch(1)
        self._layout.addWidget(content)
        self._content = content
