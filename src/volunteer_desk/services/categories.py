"""Service categories (服务类别): the ones the documents name, seeded once, and the branch's own.

Categories are never removed: activities, teams and needs refer to them. One that is no longer used is
deactivated, and can be reactivated.
"""

from __future__ import annotations

from dataclasses import dataclass

from volunteer_desk.i18n import _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry, check_text, gone
from volunteer_desk.storage import audit, organisations
from volunteer_desk.storage import categories as store
from volunteer_desk.storage.schema import ServiceCategory

NAME_MAX = 40
SEED_SOURCE = "seed"
OWN_SOURCE = "branch"


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    group: str
    active: bool
    seeded: bool
    sort_order: int


def _category(row: ServiceCategory) -> Category:
    return Category(id=row.id, name=row.name, group=row.group, active=row.active,
                    seeded=row.source == SEED_SOURCE, sort_order=row.sort_order)


class CategoryService:
    def __init__(self, database: Database):
        self._db = database

    def list(self, *, include_inactive: bool = True) -> list[Category]:
        """Seeded and own categories, active ones first, each part in sort order."""
        with self._db.sessions() as session:
            home = organisations.home(session)
            rows = store.visible(session, home.id if home else None)
            return [_category(r) for r in rows if include_inactive or r.active]

    def get(self, category_id: str) -> Category | None:
        with self._db.sessions() as session:
            row = store.get_live(session, category_id)
            return _category(row) if row else None

    def add(self, name: str, *, group: str = "") -> str:
        with self._db.sessions.begin() as session:
            errors: dict[str, str] = {}
            name = self._checked_name(session, errors, name)
            group = check_text(errors, "group", _("Group"), group, NAME_MAX, required=False)
            if errors:
                raise InvalidEntry(errors)
            home = organisations.home(session)
            row = ServiceCategory(name=name, group=group, source=OWN_SOURCE, sort_order=store.next_sort_order(session),
                                  active=True, org_id=home.id if home else None)
            session.add(row)
            session.flush()
            audit.record(session, action="create", entity="service_category", entity_id=row.id, summary=name,
                         org_id=row.org_id)
            return row.id

    def rename(self, category_id: str, name: str) -> None:
        with self._db.sessions.begin() as session:
            row = store.get_live(session, category_id)
            if row is None:
                raise gone()
            if row.source == SEED_SOURCE:
                raise InvalidEntry({"name": _("A category named by the documents cannot be renamed; deactivate it "
                                              "and add your own instead.")})
            errors: dict[str, str] = {}
            name = self._checked_name(session, errors, name, excluding=category_id)
            if errors:
                raise InvalidEntry(errors)
            if name != row.name:
                audit.record(session, action="update", entity="service_category", entity_id=row.id,
                             summary=f"{row.name} → {name}", org_id=row.org_id)
                row.name = name

    def deactivate(self, category_id: str) -> bool:
        return self._set_active(category_id, False)

    def reactivate(self, category_id: str) -> bool:
        return self._set_active(category_id, True)

    def _set_active(self, category_id: str, active: bool) -> bool:
        with self._db.sessions.begin() as session:
            row = store.get_live(session, category_id)
            if row is None:
                raise gone()
            if row.active == active:
                return False
            row.active = active
            audit.record(session, action="reactivate" if active else "deactivate", entity="service_category",
                         entity_id=row.id, summary=row.name, org_id=row.org_id)
            return True

    @staticmethod
    def _checked_name(session, errors: dict[str, str], name: str, *, excluding: str | None = None) -> str:
        name = check_text(errors, "name", _("Category name"), name, NAME_MAX)
        if "name" not in errors and store.live_name_exists(session, name, excluding=excluding):
            errors["name"] = _("There is already a category named {name}.").format(name=name)
        return name
