"""Excel imports as batches, so that a whole import can be undone afterwards as one step: the volunteers a batch
added carry its id (volunteer.import_batch_id), and a change row keeps what each volunteer it updated held before."""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base, Record


class ImportBatch(Record, Base):
    __tablename__ = "import_batch"

    file_name: Mapped[str] = mapped_column(String(200))
    sheet: Mapped[str] = mapped_column(String(100), default="")
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    operator: Mapped[str] = mapped_column(String(20), default="")
    undone_at: Mapped[dt.datetime | None]


class ImportChange(Record, Base):
    __tablename__ = "import_change"

    batch_id: Mapped[str] = mapped_column(ForeignKey("import_batch.id"), index=True)
    volunteer_id: Mapped[str] = mapped_column(ForeignKey("volunteer.id"))
    action: Mapped[str] = mapped_column(String(10))  # "update" (additions are marked on the volunteer since 0011)
    before: Mapped[dict | None] = mapped_column(JSON)  # an updated volunteer's editor values before the import
