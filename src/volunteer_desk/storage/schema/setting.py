"""This installation's own settings (the operator's name, whether setup is done).

Unlike every other table, these rows are not records: they never travel in a bundle and are never
merged, so they have a plain text key instead of a UUID, owner and tombstone.
"""

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base


class AppSetting(Base):
    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[object | None] = mapped_column(JSON)
