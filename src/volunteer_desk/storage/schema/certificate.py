"""志愿服务记录证明 issued, as a register (民发〔2015〕149号: every certificate is numbered and registered).

Each row keeps what was printed: the figures and the list of activities as they stood on the day of issue, so a
reprint says the same thing even after the records change, and the register shows what was certified.
"""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base, Record


class ServiceCertificate(Record, Base):
    __tablename__ = "service_certificate"

    number: Mapped[str] = mapped_column(String(40))
    year: Mapped[int]
    sequence: Mapped[int]  # within the issuing unit and year: the number's last part
    volunteer_id: Mapped[str] = mapped_column(ForeignKey("volunteer.id"), index=True)
    volunteer_name: Mapped[str] = mapped_column(String(20))
    id_type: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="")
    volunteer_number: Mapped[str] = mapped_column(String(30), default="")
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    minutes: Mapped[int]
    activities: Mapped[int]
    content: Mapped[str] = mapped_column(Text, default="")  # the kinds of service, in words
    details: Mapped[list] = mapped_column(JSON, default=list)  # [[held_on ISO, what, place, minutes], …]
    issuer: Mapped[str] = mapped_column(String(80), default="")
    person_in_charge: Mapped[str] = mapped_column(String(20), default="")
    handler: Mapped[str] = mapped_column(String(20), default="")
    contact: Mapped[str] = mapped_column(String(40), default="")
    issued_on: Mapped[dt.date]
    notes: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (UniqueConstraint("number"), UniqueConstraint("org_id", "year", "sequence"))
