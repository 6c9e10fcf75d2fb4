"""志愿服务记录证明 (民发〔2015〕149号): issued on request, free and truthful (志愿服务条例 Art.19), numbered and
entered in a register.

"Whoever records the service certifies it" (记录与证明出具办法, 2020): a unit certifies only the hours of the
activities it recorded itself, never those that arrived in another unit's bundle. What is certified is kept
with the certificate, so a reprint years later says what the original said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_desk.domain import dates
from volunteer_desk.i18n import _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry, check_text
from volunteer_desk.storage import audit, organisations, settings
from volunteer_desk.storage.schema import (
    Activity,
    Organisation,
    Participation,
    ServiceCategory,
    ServiceCertificate,
    VolunteerRow,
)

ID_CARD = "居民身份证"
MAX_NOTES = 200


@dataclass(frozen=True)
class ServiceLine:
    held_on: dt.date
    what: str
    place: str
    minutes: int


@dataclass(frozen=True)
class ServiceRecord:
    """What a certificate for one volunteer and period would say."""

    volunteer_id: str
    volunteer_name: str
    id_type: str
    id_number: str
    volunteer_number: str
    start: dt.date
    end: dt.date
    minutes: int
    lines: tuple[ServiceLine, ...]
    content: str  # the kinds of service, e.g. "扶贫帮困、环境保护"


@dataclass(frozen=True)
class CertificateRequest:
    volunteer_id: str
    start: dt.date
    end: dt.date
    person_in_charge: str
    handler: str
    contact: str
    notes: str = ""
    issued_on: dt.date | None = None  # today


@dataclass(frozen=True)
class Certificate:
    number: str
    issued_on: dt.date
    issuer: str
    person_in_charge: str
    handler: str
    contact: str
    notes: str
    record: ServiceRecord


class CertificateService:
    def __init__(self, database: Database, *, today=dt.date.today):
        self._db = database
        self._today = today

    def record(self, volunteer_id: str, start: dt.date, end: dt.date) -> ServiceRecord:
        """The hours this unit recorded for the volunteer between the two dates (both included)."""
        with self._db.sessions() as session:
            volunteer = session.get(VolunteerRow, volunteer_id)
            if volunteer is None or volunteer.deleted:
                raise InvalidEntry({"volunteer": _("This volunteer is not on the roster any more.")})
            return _record(session, volunteer, start, end)

    def issue(self, request: CertificateRequest) -> Certificate:
        """Number the certificate, enter it in the register and the audit log, in one transaction; or
        InvalidEntry saying what to correct, with nothing stored."""
        issued_on = request.issued_on or self._today()
        errors: dict[str, str] = {}
        person = check_text(errors, "person_in_charge", _("Person in charge"), request.person_in_charge, 20)
        handler = check_text(errors, "handler", _("Handled by"), request.handler, 20)
        contact = check_text(errors, "contact", _("Contact telephone"), request.contact, 40)
        notes = check_text(errors, "notes", _("Notes"), request.notes, MAX_NOTES, required=False)
        if request.start > request.end:
            errors["start"] = _("The period starts after it ends: swap the two dates.")
        elif request.end > issued_on:
            errors["end"] = _("The period cannot end after the day of issue ({date}).").format(
                date=dates.format_written(issued_on))
        with self._db.sessions.begin() as session:
            volunteer = session.get(VolunteerRow, request.volunteer_id)
            if volunteer is None or volunteer.deleted:
                errors["volunteer"] = _("This volunteer is not on the roster any more.")
            if errors:
                raise InvalidEntry(errors)
            record = _record(session, volunteer, request.start, request.end)
            if not record.minutes:
                raise InvalidEntry({"start": _(
                    "No service hours of {name} were recorded by this unit in that period, so there is nothing to "
                    "certify. Check the dates, or record the activities first.").format(name=volunteer.name)})
            home = organisations.home(session)
            sequence = 1 + (session.scalar(select(func.max(ServiceCertificate.sequence)).where(
                ServiceCertificate.org_id == (home.id if home else None),
                ServiceCertificate.year == issued_on.year)) or 0)
            row = ServiceCertificate(
                org_id=home.id if home else None, number=_number(home, issued_on.year, sequence),
                year=issued_on.year, sequence=sequence, volunteer_id=volunteer.id,
                volunteer_name=record.volunteer_name, id_type=record.id_type, id_number=record.id_number,
                volunteer_number=record.volunteer_number, period_start=record.start, period_end=record.end,
                minutes=record.minutes, activities=len(record.lines), content=record.content,
                details=[[line.held_on.isoformat(), line.what, line.place, line.minutes] for line in record.lines],
                issuer=home.name if home else "", person_in_charge=person, handler=handler, contact=contact,
                issued_on=issued_on, notes=notes)
            session.add(row)
            session.flush()
            audit.record(session, action="issue", entity="service_certificate", entity_id=row.id,
                         summary=f"{row.number} {row.volunteer_name}", org_id=row.org_id)
            return _certificate(row)

    def get(self, number: str) -> Certificate | None:
        with self._db.sessions() as session:
            row = session.scalars(select(ServiceCertificate).where(
                ServiceCertificate.number == number.strip(), ServiceCertificate.deleted.is_(False))).first()
            return _certificate(row) if row else None

    def register(self, year: int | None = None) -> list[Certificate]:
        """The certificates issued by this unit, in the order of their numbers."""
        with self._db.sessions() as session:
            home = organisations.home(session)
            statement = (select(ServiceCertificate)
                         .where(ServiceCertificate.org_id == (home.id if home else None),
                                ServiceCertificate.deleted.is_(False))
                         .order_by(ServiceCertificate.year, ServiceCertificate.sequence))
            if year is not None:
                statement = statement.where(ServiceCertificate.year == year)
            return [_certificate(row) for row in session.scalars(statement)]

    def last_signatories(self) -> tuple[str, str, str]:
        """(person in charge, handler, contact) of the last certificate issued, for the next one; the operator
        named at setup as the handler of the first."""
        with self._db.sessions() as session:
            row = session.scalars(select(ServiceCertificate).order_by(ServiceCertificate.created_at.desc())).first()
            if row:
                return row.person_in_charge, row.handler, row.contact
            return "", settings.get(session, settings.OPERATOR, ""), ""


def _record(session: Session, volunteer: VolunteerRow, start: dt.date, end: dt.date) -> ServiceRecord:
    home = organisations.home(session)
    rows = session.execute(
        select(Activity.held_on, Activity.content, Activity.place, Participation.minutes, ServiceCategory.name)
        .join(Participation, Participation.activity_id == Activity.id)
        .outerjoin(ServiceCategory, ServiceCategory.id == Activity.category_id)
        .where(Participation.volunteer_id == volunteer.id, Participation.deleted.is_(False),
               Participation.minutes > 0, Activity.deleted.is_(False),
               Activity.org_id == (home.id if home else None),
               Activity.held_on >= start, Activity.held_on <= end)
        .order_by(Activity.held_on, Activity.starts_at, Activity.id)).all()
    kinds = list(dict.fromkeys(category for *_rest, category in rows if category))
    return ServiceRecord(
        volunteer_id=volunteer.id, volunteer_name=volunteer.name,
        id_type=ID_CARD if volunteer.id_number else "", id_number=volunteer.id_number or "",
        volunteer_number=volunteer.volunteer_number, start=start, end=end,
        minutes=sum(row.minutes for row in rows),
        lines=tuple(ServiceLine(row.held_on, row.content.strip(), row.place.strip(), row.minutes) for row in rows),
        content="、".join(kinds))


def _number(home: Organisation | None, year: int, sequence: int) -> str:
    """e.g. ZB0101-2026-0007: the unit's code keeps numbers unique when a committee gathers many units'."""
    prefix = f"{home.code}-" if home and home.code else ""
    return f"{prefix}{year}-{sequence:04d}"


def _certificate(row: ServiceCertificate) -> Certificate:
    lines = tuple(ServiceLine(dt.date.fromisoformat(held_on), what, place, minutes)
                  for held_on, what, place, minutes in row.details)
    return Certificate(
        number=row.number, issued_on=row.issued_on, issuer=row.issuer, person_in_charge=row.person_in_charge,
        handler=row.handler, contact=row.contact, notes=row.notes,
        record=ServiceRecord(
            volunteer_id=row.volunteer_id, volunteer_name=row.volunteer_name, id_type=row.id_type,
            id_number=row.id_number, volunteer_number=row.volunteer_number, start=row.period_start,
            end=row.period_end, minutes=row.minutes, lines=lines, content=row.content))
