"""Writing the audit log inside the caller's unit of work, so the entry and the change commit together."""

from __future__ import annotations

from sqlalchemy.orm import Session

from volunteer_desk.storage.schema import AuditEntry


def record(session: Session, *, operator: str, action: str, entity: str, entity_id: str | None,
           summary: str = "", org_id: str | None = None) -> None:
    session.add(AuditEntry(operator=operator, action=action, entity=entity, entity_id=entity_id,
                           summary=summary, org_id=org_id))
