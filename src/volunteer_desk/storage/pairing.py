"""People served, pairings and their visits (activities of kind PAIRING_VISIT)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from volunteer_desk.domain.enums import ActivityKind
from volunteer_desk.storage.schema import (
    Activity,
    Pairing,
    PairingBeneficiary,
    PairingMember,
    PersonServed,
    Team,
    VolunteerRow,
)


def live_people(session: Session) -> list[PersonServed]:
    return list(session.scalars(select(PersonServed).where(PersonServed.deleted.is_(False))))


def live_pairings(session: Session, *, include_ended: bool) -> list[Pairing]:
    statement = select(Pairing).where(Pairing.deleted.is_(False))
    if not include_ended:
        statement = statement.where(Pairing.ended_on.is_(None))
    return list(session.scalars(statement.order_by(Pairing.started_on, Pairing.created_at)))


def helpers(session: Session, pairing_ids: Iterable[str]) -> dict[str, list[tuple[str | None, str | None, str]]]:
    """{pairing id: [(volunteer id, team id, name), ...]}: the helping side, volunteers and teams."""
    ids = list(pairing_ids)
    result: dict[str, list[tuple[str | None, str | None, str]]] = {i: [] for i in ids}
    statement = (select(PairingMember.pairing_id, PairingMember.volunteer_id, PairingMember.team_id,
                        func.coalesce(VolunteerRow.name, Team.name))
                 .outerjoin(VolunteerRow, VolunteerRow.id == PairingMember.volunteer_id)
                 .outerjoin(Team, Team.id == PairingMember.team_id)
                 .where(PairingMember.deleted.is_(False), PairingMember.pairing_id.in_(ids))
                 .order_by(PairingMember.created_at))
    for pairing_id, volunteer_id, team_id, name in session.execute(statement):
        result[pairing_id].append((volunteer_id, team_id, name or ""))
    return result


def beneficiaries(session: Session, pairing_ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """{pairing id: [(person served id, name), ...]}."""
    ids = list(pairing_ids)
    result: dict[str, list[tuple[str, str]]] = {i: [] for i in ids}
    statement = (select(PairingBeneficiary.pairing_id, PersonServed.id, PersonServed.name)
                 .join(PersonServed, PersonServed.id == PairingBeneficiary.person_served_id)
                 .where(PairingBeneficiary.deleted.is_(False), PairingBeneficiary.pairing_id.in_(ids))
                 .order_by(PairingBeneficiary.created_at))
    for pairing_id, person_id, name in session.execute(statement):
        result[pairing_id].append((person_id, name))
    return result


def _visit_filter(until: dt.date | None):
    clauses = [Activity.deleted.is_(False), Activity.kind == ActivityKind.PAIRING_VISIT.value,
               Activity.pairing_id.is_not(None)]
    if until is not None:
        clauses.append(Activity.held_on <= until)
    return clauses


def visit_stats(session: Session, pairing_ids: Iterable[str], *,
                until: dt.date | None = None) -> dict[str, tuple[dt.date, int]]:
    """{pairing id: (last visit, number of visits)} for pairings visited at all (on or before `until`)."""
    ids = list(pairing_ids)
    statement = (select(Activity.pairing_id, func.max(Activity.held_on), func.count())
                 .where(*_visit_filter(until), Activity.pairing_id.in_(ids)).group_by(Activity.pairing_id))
    return {pairing_id: (last, count) for pairing_id, last, count in session.execute(statement)}


def visits(session: Session, pairing_id: str) -> list[Activity]:
    return list(session.scalars(select(Activity).where(*_visit_filter(None), Activity.pairing_id == pairing_id)
                                .order_by(Activity.held_on.desc(), Activity.starts_at.desc())))
