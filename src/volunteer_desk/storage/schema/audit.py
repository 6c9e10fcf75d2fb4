"""Who changed what, when. Summaries never carry ID numbers or phones."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base, Record


class AuditEntry(Record, Base):
    __tablename__ = "audit_log"

    operator: Mapped[str] = mapped_column(String(20), default="")
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(36), index=True)
    summary: Mapped[str] = mapped_column(String(400), default="")
