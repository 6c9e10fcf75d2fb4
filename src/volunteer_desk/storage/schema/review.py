"""Needs from the people served (群众需求 / 微心愿) and the quarterly review (每季一评议)."""

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base, Record


class Need(Record, Base):
    """A need is recorded, matched to volunteers, assigned, and closed with its result."""

    __tablename__ = "need"

    title: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    raised_on: Mapped[dt.date]
    person_served_id: Mapped[str | None] = mapped_column(ForeignKey("person_served.id"), index=True)
    category_id: Mapped[str | None] = mapped_column(ForeignKey("service_category.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open / assigned / closed
    assigned_volunteer_id: Mapped[str | None] = mapped_column(ForeignKey("volunteer.id"), index=True)
    assigned_team_id: Mapped[str | None] = mapped_column(ForeignKey("team.id"))
    result: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None]


class QuarterlyReview(Record, Base):
    """The branch's comment (评议) on one volunteer for one quarter; hours, points and rank are computed."""

    __tablename__ = "quarterly_review"

    volunteer_id: Mapped[str] = mapped_column(ForeignKey("volunteer.id"), index=True)
    year: Mapped[int]
    quarter: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("volunteer_id", "year", "quarter"),)
