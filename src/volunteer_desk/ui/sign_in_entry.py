"""Keying hours from a signed sign-in sheet without the mouse: a name or pinyin initials, Enter,
the hours, Enter, next line. The lines are saved together, all or nothing."""

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import _
from volunteer_desk.services.activities import ActivityService
from volunteer_desk.services.entries import InvalidEntry


class SignInEntry(QWidget):
    saved = Signal(object)  # the AddResult

    def __init__(self, service: ActivityService, activity_id: str, default_minutes: int, parent=None):
        super().__init__(parent)
        self._service = service
        self._activity_id = activity_id
        self._lines: list[tuple[str, str, int]] = []  # (volunteer id, name, minutes)
        self.who = QLineEdit(self)
        self.who.setObjectName("signInWho")
        self.who.setPlaceholderText(_("Name or pinyin initials, then Enter"))
        self.who.textEdited.connect(self._look_up)
        self.who.installEventFilter(self)
        self.candidates = QListWidget(self)
        self.candidates.setMaximumHeight(110)
        self.hours = QDoubleSpinBox(self)
        self.hours.setObjectName("signInHours")
        self.hours.setRange(0, 24)
        self.hours.setSingleStep(0.5)
        self.hours.setDecimals(1)
        self.hours.setSuffix(_(" h"))
        self._default_hours = default_minutes / 60
        self.hours.setValue(self._default_hours)
        self.hours.installEventFilter(self)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([_("Name"), _("Hours")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        save = QPushButton(_("Save the sign-in sheet"), self)
        save.setObjectName("saveSignIn")
        save.clicked.connect(self.save)
        entry = QHBoxLayout()
        entry.addWidget(self.who, 2)
        entry.addWidget(self.hours)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Key in the signed sign-in sheet: name or initials, Enter, hours, Enter."), self))
        layout.addLayout(entry)
        layout.addWidget(self.candidates)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)

    def _look_up(self, text: str) -> None:
        self.candidates.clear()
        for candidate in self._service.resolve_participant(text) if text.strip() else []:
            item = QListWidgetItem(f"{candidate.name}  {candidate.mobile}  {candidate.organisation}")
            item.setData(Qt.ItemDataRole.UserRole, (candidate.volunteer_id, candidate.name))
            self.candidates.addItem(item)
        self.candidates.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.who and key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.candidates.count():
            step = 1 if key == Qt.Key.Key_Down else -1
            self.candidates.setCurrentRow((self.candidates.currentRow() + step) % self.candidates.count())
            return True
        if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        if watched is self.who:
            if self.candidates.currentItem() is None:
                self.message.setText(_("Nobody on the roster matches; check the name or initials."))
            else:
                self.hours.setFocus()
                self.hours.selectAll()
            return True
        if watched is self.hours:
            self._add_line()
            return True
        return False

    def _add_line(self) -> None:
        item = self.candidates.currentItem()
        if item is None:
            self.who.setFocus()
            return
        volunteer_id, name = item.data(Qt.ItemDataRole.UserRole)
        minutes = round(self.hours.value() * 60)
        self._lines.append((volunteer_id, name, minutes))
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(format_hours(minutes)))
        self.message.clear()
        self.hours.setValue(self._default_hours)  # most people served the whole activity; only exceptions differ
        self.who.clear()
        self.candidates.clear()
        self.who.setFocus()

    def lines(self) -> list[tuple[str, int]]:
        return [(volunteer_id, minutes) for volunteer_id, _name, minutes in self._lines]

    def save(self) -> bool:
        if not self._lines:
            self.message.setText(_("No lines keyed yet."))
            return False
        try:
            result = self._service.record_sign_in_sheet(self._activity_id, self.lines())
        except InvalidEntry as exc:  # nothing was saved: say which lines, keep them for correcting
            self.message.setText("\n".join(_("Line {n}: {message}").format(n=n, message=m)
                                           for n, m in sorted(exc.errors.items(), key=lambda e: str(e[0]))))
            return False
        self._lines.clear()
        self.table.setRowCount(0)
        self.message.setText("\n".join(w.message for w in result.warnings))
        self.saved.emit(result)
        return True
