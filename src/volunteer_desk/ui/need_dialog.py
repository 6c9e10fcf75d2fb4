"""The two forms of a 群众需求: recording or correcting one, and closing it with its result. Both stay open
with what was typed and the service's notes until what was entered is right."""

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.i18n import _
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.needs import NeedInput, NeedService
from volunteer_desk.services.pairing import PairingService


def date_edit(day: dt.date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class _Form(QDialog):
    """Rows with a red note under each; notes for keys without a row (a record gone meanwhile) go last."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.message = self._note()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _note(self) -> QLabel:
        note = QLabel(self)
        note.setObjectName("fieldError")
        note.setWordWrap(True)
        note.hide()
        return note

    def add_row(self, key: str, label: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)
        self.errors[key] = self._note()
        self.form.addRow("", self.errors[key])

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, note in self.errors.items():
            note.setText(str(errors.get(key, "")))
            note.setVisible(key in errors)
        rest = [str(message) for key, message in errors.items() if key not in self.errors]
        self.message.setText("\n".join(rest))
        self.message.setVisible(bool(rest))


class NeedDialog(_Form):
    """A new need, or the one `need_id` names: what is needed, for whom, since when."""

    def __init__(self, needs: NeedService, pairing: PairingService, categories: CategoryService,
                 need_id: str | None = None, *, today=dt.date.today, parent=None):
        super().__init__(_("Edit need") if need_id else _("New need"), parent)
        self._needs, self._today = needs, today
        self.need_id = need_id
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(_("For example: change the door lock for an old man living alone"))
        self.raised_on = date_edit(today(), self)
        self.person = QComboBox(self)
        self.person.addItem(_("(not registered)"), None)
        for person in pairing.people():
            self.person.addItem(f"{person.name}（{person.category}）" if person.category else person.name, person.id)
        self.category = QComboBox(self)
        self.category.addItem("", None)
        for category in categories.list(include_inactive=False):
            self.category.addItem(category.name, category.id)
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(_("What is needed, where and when; who to contact"))
        self.add_row("title", _("Title"), self.title)
        self.add_row("raised_on", _("Date raised"), self.raised_on)
        self.add_row("person_served_id", _("Person served"), self.person)
        self.add_row("category_id", _("Category"), self.category)
        self.add_row("description", _("What is needed"), self.description)
        if need_id:
            self._load(need_id)
        self.resize(560, 460)

    def _load(self, need_id: str) -> None:
        need = self._needs.get(need_id)
        if need is None:
            self.show_errors({"record": _("This record no longer exists.")})
            return
        self.title.setText(need.title)
        self.raised_on.setDate(QDate(need.raised_on))
        for box, key, name in ((self.person, need.person_served_id, need.person_served_name),
                               (self.category, need.category_id, need.category_name)):
            if key and box.findData(key) < 0:  # a category since retired still shows what the need was filed under
                box.addItem(name, key)
            box.setCurrentIndex(max(box.findData(key), 0))
        self.description.setPlainText(need.description)

    def entry(self) -> NeedInput:
        return NeedInput(title=self.title.text(), raised_on=self.raised_on.date().toPython(),
                         description=self.description.toPlainText(), person_served_id=self.person.currentData(),
                         category_id=self.category.currentData())

    def accept(self) -> None:
        try:
            if self.need_id:
                self._needs.update(self.need_id, self.entry(), today=self._today())
            else:
                self.need_id = self._needs.record(self.entry(), today=self._today())
        except InvalidEntry as exc:
            self.show_errors(exc.errors)
            return
        super().accept()


class CloseNeedDialog(_Form):
    """办结: what was done and on which day."""

    def __init__(self, needs: NeedService, need_id: str, *, today=dt.date.today, parent=None):
        super().__init__(_("Close the need"), parent)
        self._needs, self._need_id, self._today = needs, need_id, today
        need = needs.get(need_id)
        heading = QLabel(need.title if need else "", self)
        heading.setWordWrap(True)
        self.form.addRow(heading)
        self.result_text = QPlainTextEdit(self)
        self.result_text.setTabChangesFocus(True)
        self.result_text.setPlaceholderText(_("What was done, and how the person served feels about it"))
        self.closed_on = date_edit(today(), self)
        self.add_row("result", _("Result"), self.result_text)
        self.add_row("closed_on", _("Date closed"), self.closed_on)
        self.resize(520, 340)

    def accept(self) -> None:
        try:
            self._needs.close(self._need_id, result=self.result_text.toPlainText(),
                              closed_on=self.closed_on.date().toPython(), today=self._today())
        except InvalidEntry as exc:
            self.show_errors(exc.errors)
            return
        super().accept()
