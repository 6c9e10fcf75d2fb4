"""Each volunteer's service per calendar quarter, kept by SQLite triggers (migration 0006).

The quarter summary, the ranking, star levels and the committee's unit figures read these few thousand
rows instead of summing hundreds of thousands of participations (docs/PERFORMANCE.md). Derived data:
not a record, never in a bundle; the triggers keep it whichever code path writes the ledgers (the
services, the demo's bulk fill, a bundle merge), so nothing in Python maintains it.
"""

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base


class ServiceTally(Base):
    __tablename__ = "service_tally"

    volunteer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    period: Mapped[int] = mapped_column(primary_key=True)  # year * 10 + quarter: 20264 is 2026 Q4
    minutes: Mapped[int] = mapped_column(default=0)  # live participations in live activities held in the quarter
    activities: Mapped[int] = mapped_column(default=0)  # how many such participations
    points: Mapped[float] = mapped_column(default=0.0)  # live points entries earned in the quarter

    # WITHOUT ROWID: the rows live in the key's B-tree, so a volunteer's quarter is one lookup, not two.
    __table_args__ = (Index("ix_service_tally_by_period", "period", "volunteer_id", "minutes", "activities"),
                      {"sqlite_with_rowid": False})
