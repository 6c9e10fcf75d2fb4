"""A branch's records stay that branch's: at the committee, records that arrived in bundles are seen and
reported on, never edited (the next bundle would overwrite the edit anyway)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from volunteer_desk.i18n import _
from volunteer_desk.storage import exchange


def not_ours(session: Session, org_id: str | None) -> str | None:
    """Why a record of `org_id` cannot be changed here, or None when it can."""
    sender = exchange.received_from(session, org_id)
    if sender is None:
        return None
    return _("This record came from {sender} in a bundle: only {sender} can change it, and its next bundle brings "
             "the change here.").format(sender=sender)
