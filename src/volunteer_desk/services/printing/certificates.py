"""志愿服务记录证明, printed (or reprinted) from the register by number, and the register itself.

Issuing — numbering a certificate and entering it in the register — is CertificateService.issue; printing
never issues, so a preview cannot use up a number."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from volunteer_desk.documents import roster_sheet, service_certificate
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.domain import dates
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.domain.masking import mask_id_number
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.certificates import Certificate, CertificateService
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import FULL_NUMBERS, DocumentKind, Option, OptionKind, full_numbers_chosen
from volunteer_desk.services.progress import Progress, tell
from volunteer_desk.services.setup import SetupService

REGISTER_TITLE = "志愿服务记录证明出具登记簿"
REGISTER_COLUMNS = (("序号", 5), ("证明编号", 17), ("姓名", 9), ("证件号码", 17), ("服务时间", 24),
                    ("服务时长（小时）", 9), ("活动次数", 7), ("出具日期", 12), ("经办人", 8), ("备注", 16))


def sheet_of(certificate: Certificate) -> service_certificate.CertificateSheet:
    record = certificate.record
    return service_certificate.CertificateSheet(
        number=certificate.number, name=record.volunteer_name, id_type=record.id_type, id_number=record.id_number,
        volunteer_number=record.volunteer_number, start=record.start, end=record.end,
        hours=format_hours(record.minutes), content=record.content,
        lines=tuple(service_certificate.ServiceLine(
            held_on=line.held_on.strftime("%Y-%m-%d"), what=line.what, place=line.place,
            hours=format_hours(line.minutes)) for line in record.lines),
        issuer=certificate.issuer, person_in_charge=certificate.person_in_charge, handler=certificate.handler,
        contact=certificate.contact, issued_on=certificate.issued_on, notes=certificate.notes)


def build_certificate(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> Rendered:
    number = (options.get("certificate") or "").strip()
    certificate = CertificateService(database).get(number)
    if certificate is None:
        raise InvalidEntry({"certificate": _(
            "No certificate numbered “{number}” is in the register. Copy the number from the register, or issue "
            "a new certificate first (File → Issue a service record certificate).").format(number=number)})
    return service_certificate.render([sheet_of(certificate)])


def build_register(database: Database, options: Mapping[str, Any], progress: Progress | None = None,
                   today: dt.date | None = None) -> Rendered:
    date = today or dt.date.today()
    year = options.get("year") or date.year
    certificates = CertificateService(database).register(year)
    organisation = SetupService(database).current().name
    full = full_numbers_chosen(database, f"{REGISTER_TITLE} {year}年", options)
    rows = [[str(serial), c.number, c.record.volunteer_name,
             c.record.id_number if full else mask_id_number(c.record.id_number),
             f"{dates.format_written(c.record.start)}至{dates.format_written(c.record.end)}",
             format_hours(c.record.minutes), str(len(c.record.lines)), c.issued_on.strftime("%Y-%m-%d"),
             c.handler, c.notes] for serial, c in enumerate(certificates, start=1)]
    rendered = roster_sheet.render(
        f"{organisation}{year}年{REGISTER_TITLE}",
        _("Filled in on: {date}").format(date=dates.format_written(date)),
        [roster_sheet.SheetColumn(label, width) for label, width in REGISTER_COLUMNS], rows,
        lambda done, total: tell(progress, done, total))
    if not rows:
        return Rendered(rendered.pdf, rendered.pages, (*rendered.warnings, _(
            "No certificate was issued in {year}, so the register is empty.").format(year=year)))
    return rendered


KINDS = (
    DocumentKind(
        key="service_record",
        title=N_("Service record certificate (志愿服务记录证明)"),
        build=build_certificate,
        options=(Option("certificate", N_("Certificate number"), OptionKind.TEXT, required=True),),
        description=N_("Reprint a certificate from the register, exactly as issued. Issue new ones from "
                       "File → Issue a service record certificate."),
    ),
    DocumentKind(
        key="certificate_register",
        title=N_("Register of service record certificates"),
        build=build_register,
        options=(Option("year", N_("Year"), OptionKind.YEAR), FULL_NUMBERS),
        description=N_("Every certificate issued in a year, with its number; ID numbers masked unless chosen."),
    ),
)
