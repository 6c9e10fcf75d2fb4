"""People served (服务对象) and pairings (结对): 一对一, 多助一, 一对N, with their visit log.

Only what is needed to serve someone is kept; their contact is personal data and appears masked in lists,
in full only in `person()` (the editor). Visits are activities of kind PAIRING_VISIT recorded through the
activities service; here they are only read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from volunteer_desk.domain import masking, pinyin
from volunteer_desk.domain.enums import PairingKind
from volunteer_desk.i18n import _
from volunteer_desk.services.entries import InvalidEntry, check_text, gone
from volunteer_desk.services.database import Database
from volunteer_desk.storage import audit, organisations
from volunteer_desk.storage import pairing as store
from volunteer_desk.storage.schema import Pairing, PairingBeneficiary, PairingMember, PersonServed, Team, VolunteerRow
from volunteer_desk.storage.teams import get_live

# seeds 002, 004; the secretary may also type another.
PERSON_CATEGORIES = ("孤寡老人", "空巢老人", "残疾人", "留守儿童", "烈军属", "困难离退休人员", "下岗工人", "特困学生",
                     "农民工", "困难家庭")
NAME_MAX = 20
CATEGORY_MAX = 20
ADDRESS_MAX = 120
CONTACT_MAX = 40
_PHONE_LIKE = re.compile(r"[\d\-]{7,}")


def mask_contact(contact: str) -> str:
    """Every run of 7 or more digits masked like a phone in the roster; words around them stay."""
    return _PHONE_LIKE.sub(lambda m: masking.mask_phone(m.group(0)), contact)


@dataclass(frozen=True)
class PersonInput:
    name: str
    category: str
    address: str = ""
    contact: str = ""
    needs: str = ""


@dataclass(frozen=True)
class PersonServedSummary:
    """For lists: the contact masked."""

    id: str
    name: str
    category: str
    address: str
    contact_masked: str
    needs: str


@dataclass(frozen=True)
class PersonServedDetail:
    """For the editor: the contact in full."""

    id: str
    name: str
    category: str
    address: str
    contact: str
    needs: str


@dataclass(frozen=True)
class Helper:
    volunteer_id: str | None
    team_id: str | None
    name: str


@dataclass(frozen=True)
class PairingSummary:
    id: str
    kind: PairingKind
    started_on: dt.date
    ended_on: dt.date | None
    note: str
    helpers: tuple[Helper, ...]
    people: tuple[tuple[str, str], ...]  # (person served id, name)
    last_visit: dt.date | None
    visits: int


@dataclass(frozen=True)
class Visit:
    activity_id: str
    held_on: dt.date
    place: str
    content: str
    outcome: str


def _check_person(entry: PersonInput) -> dict:
    errors: dict[str, str] = {}
    values = {
        "name": check_text(errors, "name", _("Name"), entry.name, NAME_MAX),
        "category": check_text(errors, "category", _("Kind of person"), entry.category, CATEGORY_MAX),
        "address": check_text(errors, "address", _("Address"), entry.address, ADDRESS_MAX, required=False),
        "contact": check_text(errors, "contact", _("Contact"), entry.contact, CONTACT_MAX, required=False),
        "needs": (entry.needs or "").strip(),
    }
    if errors:
        raise InvalidEntry(errors)
    return values


def kind_error(kind: PairingKind, helpers: int, people: int) -> str | None:
    """一对一: one helper, one person; 多助一: two or more helpers, one person; 一对N: one helper, two or more people."""
    if kind is PairingKind.ONE_TO_ONE and not (helpers == 1 and people == 1):
        return _("A one-to-one pairing has exactly one helper and one person served.")
    if kind is PairingKind.MANY_TO_ONE and not (helpers >= 2 and people == 1):
        return _("A many-to-one pairing has two or more helpers and one person served.")
    if kind is PairingKind.ONE_TO_MANY and not (helpers == 1 and people >= 2):
        return _("A one-to-many pairing has one helper and two or more people served.")
    return None


class PairingService:
    def __init__(self, database: Database):
        self._db = database

    # --- people served -------------------------------------------------------------------------------------

    def people(self) -> list[PersonServedSummary]:
        with self._db.sessions() as session:
            rows = store.live_people(session)
        return sorted((PersonServedSummary(id=r.id, name=r.name, category=r.category, address=r.address,
                                           contact_masked=mask_contact(r.contact), needs=r.needs) for r in rows),
                      key=lambda p: pinyin.sort_key(p.name))

    def person(self, person_id: str) -> PersonServedDetail | None:
        with self._db.sessions() as session:
            r = get_live(session, PersonServed, person_id)
            return PersonServedDetail(id=r.id, name=r.name, category=r.category, address=r.address,
                                      contact=r.contact, needs=r.needs) if r else None

    def save_person(self, entry: PersonInput, *, editing: str | None = None) -> str:
        values = _check_person(entry)
        with self._db.sessions.begin() as session:
            if editing:
                row = get_live(session, PersonServed, editing)
                if row is None:
                    raise gone()
            else:
                home = organisations.home(session)
                row = PersonServed(org_id=home.id if home else None)
                session.add(row)
            for key, value in values.items():
                setattr(row, key, value)
            session.flush()
            # No name, address or contact in the log: only what kind of person.
            audit.record(session, action="update" if editing else "create", entity="person_served",
                         entity_id=row.id, summary=row.category, org_id=row.org_id)
            return row.id

    def delete_person(self, person_id: str) -> None:
        with self._db.sessions.begin() as session:
            row = get_live(session, PersonServed, person_id)
            if row is None:
                raise gone()
            live = {p.id for p in store.live_pairings(session, include_ended=False)}
            paired = any(person_id in {pid for pid, _n in people}
                         for people in store.beneficiaries(session, live).values())
            if paired:
                raise InvalidEntry({"record": _("End this person's pairings first.")})
            row.deleted = True
            audit.record(session, action="delete", entity="person_served", entity_id=row.id, org_id=row.org_id)

    # --- pairings ------------------------------------------------------------------------------------------

    def create(self, kind: PairingKind, *, volunteer_ids: Sequence[str] = (), team_ids: Sequence[str] = (),
               person_ids: Sequence[str], started_on: dt.date, note: str = "") -> str:
        """Helpers are volunteers and/or whole teams (a team counts as one helper)."""
        volunteer_ids, team_ids, person_ids = (list(dict.fromkeys(ids)) for ids in (volunteer_ids, team_ids, person_ids))
        errors: dict[str, str] = {}
        try:
            kind = PairingKind(kind)
        except ValueError:
            raise InvalidEntry({"kind": _("Choose one of the offered values.")}) from None
        if started_on is None:
            errors["started_on"] = _("{label} is required.").format(label=_("Start date"))
        problem = kind_error(kind, len(volunteer_ids) + len(team_ids), len(person_ids))
        if problem:
            errors["kind"] = problem
        with self._db.sessions.begin() as session:
            if any(get_live(session, VolunteerRow, v) is None for v in volunteer_ids):
                errors["helpers"] = _("This volunteer no longer exists.")
            if any(get_live(session, Team, t) is None for t in team_ids):
                errors["helpers"] = _("This team no longer exists.")
            if any(get_live(session, PersonServed, p) is None for p in person_ids):
                errors["people"] = _("This person served is no longer registered.")
            if errors:
                raise InvalidEntry(errors)
            home = organisations.home(session)
            org_id = home.id if home else None
            pairing = Pairing(kind=kind.value, started_on=started_on, note=(note or "").strip(), org_id=org_id)
            session.add(pairing)
            session.flush()
            session.add_all([PairingMember(pairing_id=pairing.id, volunteer_id=v, org_id=org_id) for v in volunteer_ids])
            session.add_all([PairingMember(pairing_id=pairing.id, team_id=t, org_id=org_id) for t in team_ids])
            session.add_all([PairingBeneficiary(pairing_id=pairing.id, person_served_id=p, org_id=org_id)
                             for p in person_ids])
            audit.record(session, action="create", entity="pairing", entity_id=pairing.id,
                         summary=f"{kind.label} {started_on.isoformat()}: {len(volunteer_ids) + len(team_ids)} → "
                                 f"{len(person_ids)}", org_id=org_id)
            return pairing.id

    def end(self, pairing_id: str, *, ended_on: dt.date, reason: str = "") -> None:
        with self._db.sessions.begin() as session:
            pairing = get_live(session, Pairing, pairing_id)
            if pairing is None:
                raise gone()
            if pairing.ended_on is not None:
                raise InvalidEntry({"ended_on": _("This pairing already ended on {date}.").format(
                    date=pairing.ended_on.isoformat())})
            if ended_on is None:
                raise InvalidEntry({"ended_on": _("{label} is required.").format(label=_("End date"))})
            if ended_on < pairing.started_on:
                raise InvalidEntry({"ended_on": _("A pairing cannot end before it started, on {date}.").format(
                    date=pairing.started_on.isoformat())})
            pairing.ended_on = ended_on
            reason = (reason or "").strip()
            if reason:
                pairing.note = f"{pairing.note}\n{reason}".strip()
            audit.record(session, action="end", entity="pairing", entity_id=pairing.id,
                         summary=ended_on.isoformat(), org_id=pairing.org_id)

    def pairings(self, *, include_ended: bool = False, today: dt.date | None = None) -> list[PairingSummary]:
        with self._db.sessions() as session:
            return self._summaries(session, store.live_pairings(session, include_ended=include_ended), today)

    def pairing(self, pairing_id: str) -> PairingSummary | None:
        with self._db.sessions() as session:
            pairing = get_live(session, Pairing, pairing_id)
            return self._summaries(session, [pairing], None)[0] if pairing else None

    def visits(self, pairing_id: str) -> list[Visit]:
        """The visit log, newest first."""
        with self._db.sessions() as session:
            return [Visit(activity_id=a.id, held_on=a.held_on, place=a.place, content=a.content, outcome=a.outcome)
                    for a in store.visits(session, pairing_id)]

    def not_visited_since(self, weeks: int, today: dt.date) -> list[PairingSummary]:
        """Pairings going on today whose last visit (on or before today) is more than `weeks` weeks ago.
        A pairing never visited counts from its start: one started within the weeks is not yet overdue.
        Longest waiting first."""
        if weeks < 1:
            raise InvalidEntry({"weeks": _("Enter a number from {lo} to {hi}.").format(lo=1, hi=52)})
        cutoff = today - dt.timedelta(weeks=weeks)
        with self._db.sessions() as session:
            live = [p for p in store.live_pairings(session, include_ended=True)
                    if p.started_on <= today and (p.ended_on is None or p.ended_on > today)]
            summaries = self._summaries(session, live, today)
        overdue = [s for s in summaries if (s.last_visit or s.started_on) < cutoff]
        return sorted(overdue, key=lambda s: (s.last_visit or s.started_on, s.started_on))

    @staticmethod
    def _summaries(session, pairings: Iterable[Pairing], today: dt.date | None) -> list[PairingSummary]:
        pairings = list(pairings)
        ids = [p.id for p in pairings]
        helpers = store.helpers(session, ids)
        people = store.beneficiaries(session, ids)
        stats = store.visit_stats(session, ids, until=today)
        return [PairingSummary(
            id=p.id, kind=PairingKind(p.kind), started_on=p.started_on, ended_on=p.ended_on, note=p.note,
            helpers=tuple(Helper(volunteer_id=v, team_id=t, name=n) for v, t, n in helpers[p.id]),
            people=tuple(people[p.id]), last_visit=stats.get(p.id, (None, 0))[0], visits=stats.get(p.id, (None, 0))[1],
        ) for p in pairings]
