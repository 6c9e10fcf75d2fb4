"""People served and pairings 一对一 / 多助一 / 一对N (seeds 000–004)."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base, Record


class PersonServed(Record, Base):
    """Only what is needed to serve them: 孤寡老人、空巢老人、残疾人、留守儿童 …"""

    __tablename__ = "person_served"

    name: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(120), default="")
    contact: Mapped[str] = mapped_column(String(40), default="")
    needs: Mapped[str] = mapped_column(Text, default="")


class Pairing(Record, Base):
    __tablename__ = "pairing"

    kind: Mapped[str] = mapped_column(String(20))  # domain.enums.PairingKind
    started_on: Mapped[dt.date]
    ended_on: Mapped[dt.date | None]
    note: Mapped[str] = mapped_column(Text, default="")


class PairingMember(Record, Base):
    """The helping side: a volunteer or a whole team."""

    __tablename__ = "pairing_member"

    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairing.id"), index=True)
    volunteer_id: Mapped[str | None] = mapped_column(ForeignKey("volunteer.id"), index=True)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("team.id"))

    __table_args__ = (CheckConstraint("(volunteer_id IS NULL) != (team_id IS NULL)", name="one_helper"),)


class PairingBeneficiary(Record, Base):
    __tablename__ = "pairing_beneficiary"

    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairing.id"), index=True)
    person_served_id: Mapped[str] = mapped_column(ForeignKey("person_served.id"), index=True)
