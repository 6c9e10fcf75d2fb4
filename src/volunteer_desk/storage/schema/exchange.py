"""Bundles received (committee side): whose signing key is trusted for which organisation, and every
bundle imported. Local bookkeeping like app_setting, so plain keys rather than records: these rows never
travel in a bundle themselves."""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_desk.storage.schema.base import Base, new_id, utcnow


class BundleSender(Base):
    """An organisation whose bundles are accepted, with the signing key the operator confirmed (by phone or
    on paper) on its first bundle. Later bundles must carry the same key."""

    __tablename__ = "bundle_sender"

    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"), primary_key=True)
    signing_key: Mapped[str] = mapped_column(String(60))  # base64 of the Ed25519 public key
    fingerprint: Mapped[str] = mapped_column(String(60))
    confirmed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    confirmed_by: Mapped[str] = mapped_column(String(20), default="")


class BundleReceipt(Base):
    """One bundle imported: who sent it, for which period, when it was made, and what it changed."""

    __tablename__ = "bundle_receipt"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    sender_org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"), index=True)
    period: Mapped[str] = mapped_column(String(6))  # "2026Q4"
    sequence: Mapped[int]
    made_at: Mapped[dt.datetime]  # when the sender made it (UTC)
    digest: Mapped[str] = mapped_column(String(64), index=True)  # SHA-256 of the file
    file_name: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    operator: Mapped[str] = mapped_column(String(20), default="")
    applied: Mapped[bool]  # False: older than one already imported from the sender, so nothing was changed
    changes: Mapped[dict] = mapped_column(JSON, default=dict)  # table → [new, changed, deleted]
