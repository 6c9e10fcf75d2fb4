"""党员志愿者服务活动周记 (seed 000 四.3): one journal per volunteer per week, pre-filled from the week's
activities, with the volunteer's own reflection; and who has not filled theirs in for the week."""

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QValidator
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain import calendar
from volunteer_desk.i18n import _
from volunteer_desk.services.activities import ActivityService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.journals import Journal, JournalService
from volunteer_desk.ui.field_errors import error_label

VOLUNTEER_ROLE = Qt.ItemDataRole.UserRole + 1
EARLIEST_WEEK = QDate(2000, 1, 3)


def week_text(day: QDate) -> str:
    """The week holding `day`, as 2026年11月16日—11月22日. In QDate arithmetic: Qt asks for the text of its
    extreme dates too, where Python's date would overflow."""
    first = day.addDays(1 - day.dayOfWeek())
    last = first.addDays(6)
    if first.year() == last.year():
        return _("{year}/{month}/{day}–{end_month}/{end_day}").format(
            year=first.year(), month=first.month(), day=first.day(), end_month=last.month(), end_day=last.day())
    return _("{year}/{month}/{day}–{end_year}/{end_month}/{end_day}").format(
        year=first.year(), month=first.month(), day=first.day(), end_year=last.year(), end_month=last.month(),
        end_day=last.day())


class WeekEdit(QDateEdit):
    """A date edit that shows the whole week. It is chosen with the calendar, the arrow keys or the mouse
    wheel (a week per step), never typed: a typed range could not be read back."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.lineEdit().setReadOnly(True)

    def textFromDateTime(self, value: QDateTime) -> str:
        return week_text(value.date())

    def validate(self, text: str, pos: int) -> object:
        return QValidator.State.Acceptable, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:
        return self.dateTime()

    def stepBy(self, steps: int) -> None:
        self.setDate(self.date().addDays(7 * steps))

    def stepEnabled(self) -> QDateEdit.StepEnabledFlag:
        flags = QDateEdit.StepEnabledFlag.StepNone
        if self.date().addDays(-7) >= self.minimumDate():
            flags |= QDateEdit.StepEnabledFlag.StepDownEnabled
        if self.date().addDays(7) <= self.maximumDate():
            flags |= QDateEdit.StepEnabledFlag.StepUpEnabled
        return flags


class JournalsPage(QWidget):
    saved = Signal(str)  # the volunteer whose journal was saved

    def __init__(self, journals: JournalService, activities: ActivityService, *, today=dt.date.today, parent=None):
        super().__init__(parent)
        self._journals, self._activities, self._today = journals, activities, today
        self._volunteer: tuple[str, str] | None = None  # (id, name) of the journal being edited
        self._journal: Journal | None = None

        this_monday = calendar.week_start(today())
        self._week = this_monday
        self.week = WeekEdit(self)
        self.week.setDateRange(EARLIEST_WEEK, QDate(this_monday + dt.timedelta(days=6)))
        self.week.setDate(QDate(this_monday))
        self.week.dateChanged.connect(self._week_chosen)
        self.previous_week = QPushButton(_("◀ Previous week"), self)
        self.previous_week.clicked.connect(lambda: self.set_week(self._week - dt.timedelta(days=7)))
        self.next_week = QPushButton(_("Next week ▶"), self)
        self.next_week.clicked.connect(lambda: self.set_week(self._week + dt.timedelta(days=7)))
        self.this_week = QPushButton(_("This week"), self)
        self.this_week.clicked.connect(lambda: self.set_week(self._today()))

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Name or pinyin initials, then Enter"))
        self.search.textEdited.connect(self._look_up)
        self.search.installEventFilter(self)
        self.found = QListWidget(self)
        self.found.setMaximumHeight(120)
        self.found.hide()
        self.found.itemClicked.connect(self._open_item)
        self.missing_count = QLabel(self)
        self.missing_count.setWordWrap(True)
        self.missing = QListWidget(self)
        self.missing.currentItemChanged.connect(self._missing_chosen)

        self.title = QLabel(self)
        self.title.setObjectName("sheetTitle")
        self.title.setWordWrap(True)  # a long name with a week across the new year, in large text
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.content = QPlainTextEdit(self)
        self.content.setTabChangesFocus(True)
        self.content.textChanged.connect(self._update_refill)
        self.refill = QPushButton(_("Fill in from this week's activities again"), self)
        self.refill.clicked.connect(self._refill)
        self.reflection = QPlainTextEdit(self)
        self.reflection.setTabChangesFocus(True)
        self.reflection.setPlaceholderText(_("In the volunteer's own words: what the service taught them."))
        self.errors = {key: error_label(self) for key in ("volunteer", "content", "reflection")}
        self.save_button = QPushButton(_("Save (Ctrl+S)"), self)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.editor = QWidget(self)

        self._lay_out()
        self._show_empty()  # the lists are read when the page is first looked at: start-up counts

    def _lay_out(self) -> None:
        weeks = QHBoxLayout()
        weeks.addWidget(QLabel(_("Week:"), self))
        weeks.addWidget(self.previous_week)
        weeks.addWidget(self.week)
        weeks.addWidget(self.next_week)
        weeks.addWidget(self.this_week)
        weeks.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(QLabel(_("Open anyone's journal:"), self))
        left.addWidget(self.search)
        left.addWidget(self.found)
        left.addWidget(self.missing_count)
        left.addWidget(self.missing, 1)
        content_head = QHBoxLayout()
        content_head.addWidget(QLabel(_("Service this week (filled in from the activities; correct it if needed)"),
                                      self), 1)
        content_head.addWidget(self.refill)
        editor = QVBoxLayout(self.editor)
        editor.setContentsMargins(0, 0, 0, 0)
        editor.addWidget(self.errors["volunteer"])
        editor.addLayout(content_head)
        editor.addWidget(self.content, 1)
        editor.addWidget(self.errors["content"])
        editor.addWidget(QLabel(_("Reflection"), self))
        editor.addWidget(self.reflection, 1)
        editor.addWidget(self.errors["reflection"])
        editor.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.status)
        right.addWidget(self.editor, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(weeks)
        layout.addLayout(columns, 1)

    def showEvent(self, event) -> None:
        self.refresh()  # activities or journals may have changed on other pages
        super().showEvent(event)

    # --- what is shown ---------------------------------------------------------------------------------------

    def week_start(self) -> dt.date:
        return self._week

    def current_volunteer(self) -> str | None:
        return self._volunteer[0] if self._volunteer else None

    def refresh(self) -> None:
        """The missing list, and the open journal unless it has edits the secretary has not saved."""
        self.week.blockSignals(True)  # the program may have stayed open into a new week
        self.week.setMaximumDate(QDate(calendar.week_start(self._today()) + dt.timedelta(days=6)))
        self.week.blockSignals(False)
        self._show_missing()
        if self._volunteer and not self.is_dirty():
            self._load()
        elif not self._volunteer:
            self._show_empty()

    def _show_missing(self) -> None:
        people = self._journals.missing(self._week)
        self.missing.blockSignals(True)
        self.missing.clear()
        for volunteer_id, name in people:
            QListWidgetItem(name, self.missing).setData(VOLUNTEER_ROLE, (volunteer_id, name))
        self.missing.blockSignals(False)
        self._mark_in_missing()
        self.missing_count.setText(
            _("Not filled in for this week: {n}. Click a name to fill theirs in.").format(n=len(people)) if people
            else _("Everyone has filled in this week's journal."))
        self.this_week.setEnabled(self._week != calendar.week_start(self._today()))
        self.previous_week.setEnabled(QDate(self._week).addDays(-7) >= self.week.minimumDate())
        self.next_week.setEnabled(QDate(self._week).addDays(7) <= self.week.maximumDate())

    def _mark_in_missing(self) -> None:
        """Highlight the journal on screen in the missing list, or nothing when it is not there."""
        self.missing.blockSignals(True)
        self.missing.setCurrentRow(-1)
        for row in range(self.missing.count()):
            if self.missing.item(row).data(VOLUNTEER_ROLE)[0] == self.current_volunteer():
                self.missing.setCurrentRow(row)
        self.missing.blockSignals(False)

    def _show_empty(self) -> None:
        self.title.setText(_("Weekly journal of volunteer service"))
        self.status.setText(_("Click a name on the left, or find anyone by name or pinyin initials."))
        self.editor.setEnabled(False)
        self._set_texts("", "")

    def _load(self) -> None:
        volunteer_id, name = self._volunteer
        self._journal = self._journals.load(volunteer_id, self._week)
        self.title.setText(_("{name} · weekly journal · {week}").format(name=name, week=week_text(QDate(self._week))))
        self._set_texts(self._journal.content, self._journal.reflection)
        self._show_errors({})
        self._show_status()
        self.editor.setEnabled(True)

    def _show_status(self) -> None:
        journal, name = self._journal, self._volunteer[1]
        if journal.saved:
            self.status.setText(_("Saved."))
        elif journal.prefill:
            self.status.setText(_("Not saved yet. The service is filled in from this week's activities: check it, "
                                  "write the reflection, then save."))
        else:
            self.status.setText(_("Not saved yet. No activity this week lists {name} among its participants: write "
                                  "what was done, or first record them on the activity.").format(name=name))

    def _set_texts(self, content: str, reflection: str) -> None:
        self.content.setPlainText(content)
        self.reflection.setPlainText(reflection)
        self._update_refill()

    def _update_refill(self) -> None:
        prefill = self._journal.prefill if self._journal and self._volunteer else ""
        self.refill.setEnabled(bool(prefill) and self.content.toPlainText() != prefill)

    def _refill(self) -> None:
        cursor = self.content.textCursor()  # through the cursor, so that Ctrl+Z brings the old text back
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(self._journal.prefill)

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(str(errors.get(key, "")))
            label.setVisible(key in errors)

    # --- choosing the week and the volunteer -----------------------------------------------------------------

    def set_week(self, day: dt.date) -> bool:
        """Show the week holding `day`; False when the secretary chose to stay with unsaved edits."""
        monday = calendar.week_start(day)
        if monday == self._week:
            return True
        if QDate(monday) > self.week.maximumDate() or QDate(monday) < self.week.minimumDate() \
                or not self.maybe_leave():
            self._show_week()
            return False
        self._week = monday
        self._show_week()
        self._show_missing()
        if self._volunteer:
            self._load()
        return True

    def _show_week(self) -> None:
        self.week.blockSignals(True)
        self.week.setDate(QDate(self._week))
        self.week.blockSignals(False)

    def _week_chosen(self, day: QDate) -> None:
        self.set_week(day.toPython())

    def open_volunteer(self, volunteer_id: str, name: str) -> bool:
        """Show this volunteer's journal for the chosen week; False when the secretary chose to stay."""
        if self._volunteer and volunteer_id == self._volunteer[0]:
            return True
        if not self.maybe_leave():
            self._mark_in_missing()  # the list's highlight goes back to the journal still open
            return False
        self._volunteer = (volunteer_id, name)
        self._mark_in_missing()
        self._load()
        (self.reflection if self.content.toPlainText() else self.content).setFocus()
        return True

    def _missing_chosen(self, item: QListWidgetItem | None) -> None:
        # Later, outside the list's own signal: saving on the way rebuilds the list.
        if item is not None:
            volunteer = item.data(VOLUNTEER_ROLE)
            QTimer.singleShot(0, self, lambda: self.open_volunteer(*volunteer))

    def _open_item(self, item: QListWidgetItem) -> None:
        if item.data(VOLUNTEER_ROLE) and self.open_volunteer(*item.data(VOLUNTEER_ROLE)):
            self.search.clear()
            self.found.clear()
            self.found.hide()

    def _look_up(self, text: str) -> None:
        self.found.clear()
        for candidate in self._activities.resolve_participant(text):
            # The phone tells namesakes apart; the organisation is in the tooltip, to keep the list narrow.
            item = QListWidgetItem(f"{candidate.name}  {candidate.mobile}", self.found)
            item.setToolTip(candidate.organisation)
            item.setData(VOLUNTEER_ROLE, (candidate.volunteer_id, candidate.name))
        self.found.setCurrentRow(0)
        self.found.setVisible(bool(text.strip()))
        if text.strip() and not self.found.count():
            QListWidgetItem(_("Nobody on the roster matches; check the name or initials."), self.found).setFlags(
                Qt.ItemFlag.NoItemFlags)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box: the arrows move through the people found, Enter opens the one marked."""
        if watched is not self.search or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, count = event.key(), self.found.count()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and count:
            step = 1 if key == Qt.Key.Key_Down else -1
            self.found.setCurrentRow((self.found.currentRow() + step) % count)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.found.currentItem() is not None:
                self._open_item(self.found.currentItem())
            return True
        return False

    # --- saving ------------------------------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        journal = self._journal
        return bool(self._volunteer and journal) and (
            self.content.toPlainText() != journal.content or self.reflection.toPlainText() != journal.reflection)

    def maybe_leave(self) -> bool:
        """Before the journal on screen is replaced (or the program closes): unsaved edits are saved or
        dropped only when the secretary says so. False means stay."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self, _("Unsaved changes"),
            _("The journal of {name} has changes that are not saved. Save them now?").format(name=self._volunteer[1]),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def save(self) -> bool:
        if not self._volunteer:
            return False
        volunteer_id = self._volunteer[0]
        try:
            self._journals.save(volunteer_id, self._week, self.content.toPlainText(), self.reflection.toPlainText())
        except InvalidEntry as exc:  # what was typed stays on screen for correcting
            self._show_errors(exc.errors)
            return False
        self._load()
        self._show_missing()
        self.saved.emit(volunteer_id)
        return True
