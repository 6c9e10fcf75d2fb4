"""Activities and what comes of them: participations, the hours and points ledgers, weekly journals."""

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base, Record


class Activity(Record, Base):
    """时间、地点、内容、服务对象、取得成效 (seed 001 六.3), plus who organised it and how."""

    __tablename__ = "activity"

    held_on: Mapped[dt.date]
    starts_at: Mapped[dt.time | None]
    ends_at: Mapped[dt.time | None]
    place: Mapped[str] = mapped_column(String(120), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[str | None] = mapped_column(ForeignKey("service_category.id"))
    beneficiaries: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))  # domain.enums.ActivityKind
    team_id: Mapped[str | None] = mapped_column(ForeignKey("team.id"), index=True)
    station_id: Mapped[str | None] = mapped_column(ForeignKey("service_station.id"))
    brand_project_id: Mapped[str | None] = mapped_column(ForeignKey("brand_project.id"))
    pairing_id: Mapped[str | None] = mapped_column(ForeignKey("pairing.id"), index=True)
    leader: Mapped[str] = mapped_column(String(20), default="")
    recorder: Mapped[str] = mapped_column(String(20), default="")

    # A date range without reading the wide rows: every quarter and week report starts here.
    __table_args__ = (Index("ix_activity_by_date", "held_on", "deleted", "org_id", "id"),)


class ActivityPhoto(Record, Base):
    """活动影像资料 (seed 002 七.3), stored resized inside the database so backups carry them."""

    __tablename__ = "activity_photo"

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"), index=True)
    image: Mapped[bytes]
    caption: Mapped[str] = mapped_column(String(120), default="")


class Participation(Record, Base):
    """A volunteer took part in an activity; their hours are the sum of the hours ledger."""

    __tablename__ = "participation"

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"))
    volunteer_id: Mapped[str] = mapped_column(ForeignKey("volunteer.id"))
    minutes: Mapped[int] = mapped_column(default=0)

    # Covering indexes for the sums reports make (docs/PERFORMANCE.md, "Service records"):
    # by activity (quarter, week, team, unit) and by volunteer (all-time hours for star levels).
    __table_args__ = (
        UniqueConstraint("activity_id", "volunteer_id"),
        Index("ix_participation_by_activity", "activity_id", "deleted", "volunteer_id", "minutes"),
        Index("ix_participation_by_volunteer", "volunteer_id", "deleted", "minutes", "activity_id"),
    )


class HoursEntry(Record, Base):
    """Append-only: a correction is a new entry with a reason (志愿服务条例 Art.19)."""

    __tablename__ = "hours_entry"

    participation_id: Mapped[str] = mapped_column(ForeignKey("participation.id"), index=True)
    minutes_delta: Mapped[int]
    reason: Mapped[str] = mapped_column(String(200), default="")
    operator: Mapped[str] = mapped_column(String(20), default="")


class PointsEntry(Record, Base):
    """志愿积分 ledger (seed 004 三.1), never overwritten."""

    __tablename__ = "points_entry"

    volunteer_id: Mapped[str] = mapped_column(ForeignKey("volunteer.id"), index=True)
    earned_on: Mapped[dt.date]
    points: Mapped[float]
    rule: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(200), default="")
    activity_id: Mapped[str | None] = mapped_column(ForeignKey("activity.id"))
    operator: Mapped[str] = mapped_column(String(20), default="")

    __table_args__ = (Index("ix_points_entry_by_date", "earned_on", "deleted", "volunteer_id", "points"),)


class WeeklyJournal(Record, Base):
    """党员志愿者服务活动周记 (seed 000 四.3): one per volunteer per week."""

    __tablename__ = "weekly_journal"

    volunteer_id: Mapped[str] = mapped_column(ForeignKey("volunteer.id"), index=True)
    week_start: Mapped[dt.date]
    content: Mapped[str] = mapped_column(Text, default="")
    reflection: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("volunteer_id", "week_start"),)
