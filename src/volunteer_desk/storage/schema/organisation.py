"""The tree of Party organisations: committee → general branch → branch."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base, Record


class Organisation(Record, Base):
    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(80))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    level: Mapped[str] = mapped_column(String(20))  # domain.enums.OrgLevel
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    # Party members in the unit: the denominator of the 50% participation rule (seed 002 四.1).
    party_members: Mapped[int] = mapped_column(default=0)
    # The organisation this installation works for; others arrive through bundles.
    is_home: Mapped[bool] = mapped_column(default=False)
