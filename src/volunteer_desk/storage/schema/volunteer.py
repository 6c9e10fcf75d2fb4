"""Volunteers: the fields of Sheet A, what Sheet B adds, and keys for finding and sorting."""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base, Record

# Everything the roster search looks at, led by the default sort, so a search never reads the (wide) table.
SEARCH_INDEX_COLUMNS = ("deleted", "name_pinyin", "search_keys", "name", "phone_keys", "id_number")
# The roster's sortable columns (forms/roster.toml): each gets a (deleted, column) index.
ROSTER_SORT_COLUMNS = ("name_pinyin", "sex", "birth_date", "joined_party_on", "education", "major", "work_unit",
                       "unit_phone", "mobile", "service_intents")


class VolunteerRow(Record, Base):
    __tablename__ = "volunteer"

    name: Mapped[str] = mapped_column(String(20))
    sex: Mapped[str | None] = mapped_column(String(10))
    birth_date: Mapped[dt.date | None]
    height_cm: Mapped[int | None]
    education: Mapped[str | None] = mapped_column(String(20))
    specialty: Mapped[str] = mapped_column(String(40), default="")
    district: Mapped[str] = mapped_column(String(30), default="")
    postcode: Mapped[str] = mapped_column(String(6), default="")
    major: Mapped[str] = mapped_column(String(40), default="")
    id_number: Mapped[str | None] = mapped_column(String(18))
    mobile: Mapped[str] = mapped_column(String(11), default="")
    email: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    work_unit: Mapped[str] = mapped_column(String(60), default="")
    position: Mapped[str] = mapped_column(String(30), default="")
    home_address: Mapped[str] = mapped_column(String(80), default="")
    qq: Mapped[str] = mapped_column(String(12), default="")
    transport_subsidy: Mapped[str | None] = mapped_column(String(20))
    service_intents: Mapped[list[str]] = mapped_column(JSON, default=list)
    occupation_type: Mapped[str | None] = mapped_column(String(20))
    availability: Mapped[list[str]] = mapped_column(JSON, default=list)
    availability_other: Mapped[str] = mapped_column(String(40), default="")
    experience: Mapped[str] = mapped_column(Text, default="")
    pledge_signed_on: Mapped[dt.date | None]
    photo: Mapped[bytes | None] = mapped_column(LargeBinary)
    political_status: Mapped[str | None] = mapped_column(String(20))
    joined_party_on: Mapped[dt.date | None]
    unit_phone: Mapped[str] = mapped_column(String(20), default="")
    # The number of the national volunteer service system (全国志愿服务信息系统), for 志愿服务记录证明.
    volunteer_number: Mapped[str] = mapped_column(String(30), default="", server_default="")
    deleted_at: Mapped[dt.datetime | None]
    # The Excel import that added this person, so that undoing the import takes them out again in one statement
    # (a change row per person made an import of 100,000 three seconds slower).
    import_batch_id: Mapped[str | None] = mapped_column(ForeignKey("import_batch.id"))
    # Set when the personal data was erased for good (services.retention): the row stays, anonymous, under its
    # id so the hours it served still count; it leaves the recycle list and cannot be restored.
    purged_at: Mapped[dt.datetime | None]
    # Derived from the name (domain.pinyin), kept in the row so the database can sort and filter.
    name_pinyin: Mapped[str] = mapped_column(String(120), default="")
    search_keys: Mapped[str] = mapped_column(String(400), default="")
    # The digits of all three phone numbers in one column, so a digit search is one comparison.
    phone_keys: Mapped[str] = mapped_column(String(60), default="")

    __table_args__ = (
        # One live volunteer per ID number; a deleted one may be registered again.
        Index("uq_volunteer_live_id_number", "id_number", unique=True,
              sqlite_where=text("deleted = 0 AND id_number IS NOT NULL")),
        Index("ix_volunteer_search", *SEARCH_INDEX_COLUMNS),
        *(Index(f"ix_volunteer_by_{name}", "deleted", name) for name in ROSTER_SORT_COLUMNS),
        # A unit's people for its quarter summary, without reading the wide rows (docs/PERFORMANCE.md).
        Index("ix_volunteer_by_unit", "org_id", "deleted", "id", "name", "name_pinyin"),
    )
