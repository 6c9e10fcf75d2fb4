"""Issuing a 志愿服务记录证明: whom, which period, who signs; what will be certified is shown before the number is
given. Issuing enters the certificate in the register; printing it is the print centre's job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import _
from volunteer_desk.services.activities import ActivityService
from volunteer_desk.services.certificates import Certificate, CertificateRequest, CertificateService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.ui.field_errors import error_label
from volunteer_desk.ui.print_options import VolunteerPicker


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CertificateDialog(QDialog):
    issued = Signal(str)  # the new certificate's number

    def __init__(self, certificates: CertificateService, activities: ActivityService, *,
                 volunteer: tuple[str, str] | None = None, today: Callable[[], dt.date] = dt.date.today,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Issue a service record certificate"))
        self._certificates = certificates
        self._today = today
        self.certificate: Certificate | None = None
        self.picker = VolunteerPicker(activities, self)
        if volunteer:
            self.picker.matches.addItem(volunteer[1], volunteer[0])
        self.start = QDateEdit(_qdate(dt.date(today().year, 1, 1)), self)
        self.end = QDateEdit(_qdate(today()), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._show_record)
        self.picker.matches.currentIndexChanged.connect(self._show_record)
        self.record = QLabel(self)
        self.record.setWordWrap(True)
        person, handler, contact = certificates.last_signatories()
        self.person_in_charge = QLineEdit(person, self)
        self.handler = QLineEdit(handler, self)
        self.contact = QLineEdit(contact, self)
        self.contact.setPlaceholderText(_("For example 0519-86001234"))
        self.notes = QLineEdit(self)
        self.notes.setPlaceholderText(_("For example: at the volunteer's request, for the Party membership review"))
        self.errors = {key: error_label(self) for key in
                       ("volunteer", "start", "end", "person_in_charge", "handler", "contact", "notes")}
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel(_("to"), self))
        period.addWidget(self.end)
        period.addStretch(1)
        form = QFormLayout()
        for label, widget, key in ((_("Volunteer"), self.picker, "volunteer"), (_("Service period"), period, "start"),
                                   ("", None, "end"), (_("Person in charge"), self.person_in_charge, "person_in_charge"),
                                   (_("Handled by"), self.handler, "handler"),
                                   (_("Contact telephone"), self.contact, "contact"), (_("Notes"), self.notes, "notes")):
            if widget is not None:
                form.addRow(label, widget)
            form.addRow("", self.errors[key])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.issue_button = buttons.addButton(_("Issue and print…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.issue)
        buttons.rejected.connect(self.reject)
        note = QLabel(_("The certificate gets the next number and goes into the register; only the hours this "
                        "unit recorded are certified."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.record)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())
        self._show_record()

    def _period(self) -> tuple[dt.date, dt.date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def _show_record(self) -> None:
        volunteer_id = self.picker.value()
        start, end = self._period()
        if not volunteer_id:
            self.record.setText(_("Type the volunteer's name above and choose them in the list."))
            return
        if start > end:
            self.record.setText(_("The period starts after it ends: swap the two dates."))
            return
        try:
            record = self._certificates.record(volunteer_id, start, end)
        except InvalidEntry as refused:
            self.record.setText("\n".join(map(str, refused.errors.values())))
            return
        self.record.setText(_("To be certified: {count} activities, {hours} hours in all.").format(
            count=len(record.lines), hours=format_hours(record.minutes)))

    def issue(self) -> None:
        start, end = self._period()
        request = CertificateRequest(
            volunteer_id=self.picker.value() or "", start=start, end=end,
            person_in_charge=self.person_in_charge.text(), handler=self.handler.text(), contact=self.contact.text(),
            notes=self.notes.text(), issued_on=self._today())
        try:
            self.certificate = self._certificates.issue(request)
        except InvalidEntry as refused:
            errors = dict(refused.errors)
            if not request.volunteer_id:
                errors["volunteer"] = _("Type the volunteer's name above and choose them in the list.")
            for key, label in self.errors.items():
                label.setText(str(errors.get(key, "")))
                label.setVisible(key in errors)
            return
        self.issued.emit(self.certificate.number)
        self.accept()
