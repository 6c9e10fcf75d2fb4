"""The 党员志愿者登记表 on screen: register a new volunteer or edit one.

Nothing is saved until the whole sheet is valid; a bad value is explained on its field and
everything typed stays in place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
)

from volunteer_desk.domain import dates, idnumber
from volunteer_desk.i18n import _
from volunteer_desk.services.volunteers import InvalidVolunteer, VolunteerService
from volunteer_desk.ui.sheet_editor import SheetEditor

OPEN_LINK = "open:"


class RegistrationDialog(QDialog):
    saved = Signal(str)
    open_requested = Signal(str)

    def __init__(self, service: VolunteerService, volunteer_id: str | None = None, parent=None):
        super().__init__(parent)
        self._service = service
        self.volunteer_id = volunteer_id
        self._dirty = False
        self.setWindowTitle(_("Edit volunteer") if volunteer_id else _("Register a volunteer"))
        self.editor = SheetEditor(service.form, organisations=service.organisation_choices(), parent=self)
        self.editor.set_values(service.raw_values(volunteer_id) if volunteer_id else service.blank_values())
        self.editor.changed.connect(self._mark_dirty)
        self.editor.link_activated.connect(self._link)
        id_edit = self.editor.widgets["id_number"].edit
        id_edit.editingFinished.connect(self._id_number_entered)

        scroll = QScrollArea(self)
        scroll.setWidget(self.editor)
        scroll.setWidgetResizable(True)
        self.status = QLabel(self)
        self.status.setObjectName("formStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(_("Save (Ctrl+S)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(980, 860)
        self.editor.focus_field("name")

    def _mark_dirty(self) -> None:
        self._dirty = True

    def _id_number_entered(self) -> None:
        """Birth date and sex follow from a valid ID number; a wrong one is explained at once."""
        raw = self.editor.values()
        text = raw.get("id_number", "").strip()
        if not text:
            return
        try:
            info = idnumber.parse(text)
        except idnumber.IdNumberError as exc:
            self.editor.show_errors({"id_number": str(exc)})
            return
        if not raw.get("birth_date"):
            self.editor.set_value("birth_date", dates.format_year_month(info.birth_date))
        if not raw.get("sex"):
            self.editor.set_value("sex", info.sex.value)
        result = self._service.check(self.editor.values(), editing=self.volunteer_id)
        self._show(result.errors if "id_number" in result.errors else {}, result.warnings, result.duplicate)

    def _show(self, errors, warnings, duplicate) -> None:
        if duplicate and "id_number" in errors:
            errors = dict(errors)
            link_text = _("Open that record")
            errors["id_number"] += f' <a href="{OPEN_LINK}{duplicate[0]}">{link_text}</a>'
        self.editor.show_errors(errors, warnings)

    def _link(self, link: str) -> None:
        if link.startswith(OPEN_LINK):
            self.open_requested.emit(link[len(OPEN_LINK):])

    def save(self) -> bool:
        raw = self.editor.values()
        try:
            self.volunteer_id = self._service.save(raw, editing=self.volunteer_id)
        except InvalidVolunteer as exc:
            result = exc.result
            self._show(result.errors, result.warnings, result.duplicate)
            self.status.setText(_("{n} field(s) need correcting; see the red notes. Nothing was saved yet.").format(
                n=len(result.errors)))
            first = next((k for k in self.editor.spec.placed_fields() if k in result.errors),
                         next(iter(result.errors)))
            self.editor.focus_field(first)
            return False
        self._dirty = False
        self.status.setText("")
        self.saved.emit(self.volunteer_id)
        self.accept()
        return True

    def reject(self) -> None:
        """Cancel, Escape and the window's close button all come here (QDialog routes closeEvent to reject)."""
        if self._dirty:
            answer = QMessageBox.question(
                self, _("Unsaved changes"),
                _("This sheet has changes that are not saved. Close it and lose them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        self._dirty = False
        super().reject()

    def keyPressEvent(self, event) -> None:
        # Enter moves between fields (SheetEditor); it must never close the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
