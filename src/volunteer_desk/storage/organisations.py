"""The organisation tree."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_desk.storage.schema import Organisation


def home(session: Session) -> Organisation | None:
    return session.scalars(select(Organisation).where(Organisation.is_home.is_(True))).first()


def all_live(session: Session) -> list[Organisation]:
    return list(session.scalars(select(Organisation).where(Organisation.deleted.is_(False)).order_by(Organisation.code)))


def add(session: Session, *, name: str, code: str, level: str, parent_id: str | None = None,
        party_members: int = 0, is_home: bool = False) -> Organisation:
    org = Organisation(name=name, code=code, level=level, parent_id=parent_id, party_members=party_members,
                       is_home=is_home)
    session.add(org)
    session.flush()
    return org
