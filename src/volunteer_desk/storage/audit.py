"""Writing the audit log inside the caller's unit of work, so the entry and the change commit together."""

from __future__ import annotations

from sqlalchemy.orm import Session

from volunteer_desk.storage import settings
from volunteer_desk.storage.schema import AuditEntry


def record(session: Session, *, action: str, entity: str, entity_id: str | None, summary: str = "",
           org_id: str | None = None) -> None:
    """The operator is the one named at setup, read in the same transaction as the change."""
    session.add(AuditEntry(operator=settings.get(session, settings.OPERATOR, ""), action=action, entity=entity,
                           entity_id=entity_id, summary=summary, org_id=org_id))
