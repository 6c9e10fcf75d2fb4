"""Service categories: the seeded ones (no owner) and the branch's own."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from volunteer_desk.storage.schema import ServiceCategory


def visible(session: Session, org_id: str | None) -> list[ServiceCategory]:
    """Live categories seeded for everyone or owned by `org_id`: active first, then in sort order."""
    return list(session.scalars(
        select(ServiceCategory)
        .where(ServiceCategory.deleted.is_(False),
               or_(ServiceCategory.org_id.is_(None), ServiceCategory.org_id == org_id))
        .order_by(ServiceCategory.active.desc(), ServiceCategory.sort_order, ServiceCategory.name)))


def get_live(session: Session, category_id: str) -> ServiceCategory | None:
    row = session.get(ServiceCategory, category_id)
    return row if row is not None and not row.deleted else None


def live_name_exists(session: Session, name: str, *, excluding: str | None = None) -> bool:
    statement = select(ServiceCategory.id).where(ServiceCategory.deleted.is_(False), ServiceCategory.name == name)
    if excluding:
        statement = statement.where(ServiceCategory.id != excluding)
    return session.scalar(statement.limit(1)) is not None


def next_sort_order(session: Session) -> int:
    return (session.scalar(select(func.max(ServiceCategory.sort_order))) or 0) + 1


def names(session: Session, ids) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(iter(session.execute(select(ServiceCategory.id, ServiceCategory.name)
                                .where(ServiceCategory.id.in_(wanted)))))
