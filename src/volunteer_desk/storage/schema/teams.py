"""Service categories, teams and their members, stations (五有) and brand projects."""

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base, Record


class ServiceCategory(Record, Base):
    """服务类别: seeded from the documents (SHEETS.md), editable by the secretary."""

    __tablename__ = "service_category"

    name: Mapped[str] = mapped_column(String(40))
    group: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(40), default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class ServiceStation(Record, Base):
    """服务站点 with the 五有 standard: 有标识、有场地、有队伍、有制度、有记录 (seed 004 一.4)."""

    __tablename__ = "service_station"

    name: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(120), default="")
    has_sign: Mapped[bool] = mapped_column(default=False)
    has_venue: Mapped[bool] = mapped_column(default=False)
    has_team: Mapped[bool] = mapped_column(default=False)
    has_rules: Mapped[bool] = mapped_column(default=False)
    has_records: Mapped[bool] = mapped_column(default=False)


class BrandProject(Record, Base):
    """品牌项目, e.g. 爱心接力, 科普惠农 (seed 004 一.3)."""

    __tablename__ = "brand_project"

    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[dt.date | None]


class Team(Record, Base):
    """大队 → 支队 (5–10 members, seed 002) or a 服务队 (10–15, seed 001)."""

    __tablename__ = "team"

    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))  # domain.enums.TeamKind
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("team.id"), index=True)
    category_id: Mapped[str | None] = mapped_column(ForeignKey("service_category.id"))
    station_id: Mapped[str | None] = mapped_column(ForeignKey("service_station.id"))
    brand_project_id: Mapped[str | None] = mapped_column(ForeignKey("brand_project.id"))


class TeamMembership(Record, Base):
    __tablename__ = "team_membership"

    team_id: Mapped[str] = mapped_column(ForeignKey("team.id"), index=True)
    volunteer_id: Mapped[str] = mapped_column(ForeignKey("volunteer.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # domain.enums.TeamRole
    joined_on: Mapped[dt.date | None]
    left_on: Mapped[dt.date | None]

    __table_args__ = (UniqueConstraint("team_id", "volunteer_id", "role"),)
