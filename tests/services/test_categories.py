"""CategoryService on a real database: the seeded list, the branch's own categories, never deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from volunteer_desk.domain.categories import seeded_categories
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.setup import SetupService
from volunteer_desk.storage.schema import AuditEntry, ServiceCategory


@pytest.fixture
def categories(database) -> CategoryService:
    SetupService(database).save(SetupInfo(name="西湖街道机关第一党支部", code="320412-001", operator="王书记"))
    return CategoryService(database)


def names(items):
    return [c.name for c in items]


def test_the_seeded_categories_come_in_the_documents_order(categories):
    listed = categories.list()
    assert names(listed) == [name for _id, name, _group, _order in seeded_categories()]
    assert all(c.seeded and c.active for c in listed)


def test_an_own_category_comes_after_the_seeded_ones_and_is_audited(categories, database):
    new_id = categories.add(" 红色宣讲 ", group="本支部")
    listed = categories.list()
    assert listed[-1].id == new_id
    assert (listed[-1].name, listed[-1].group, listed[-1].seeded) == ("红色宣讲", "本支部", False)
    with database.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == new_id)).one()
    assert (entry.action, entry.entity, entry.operator, entry.summary) == ("create", "service_category", "王书记",
                                                                           "红色宣讲")


@pytest.mark.parametrize("name, message", [
    ("", lambda: _("{label} is required.").format(label=_("Category name"))),
    ("   ", lambda: _("{label} is required.").format(label=_("Category name"))),
    ("长" * 41, lambda: _("At most {n} characters; this has {count}.").format(n=40, count=41)),
    ("环境保护", lambda: _("There is already a category named {name}.").format(name="环境保护")),
])
def test_names_are_checked(categories, database, name, message):
    with pytest.raises(InvalidEntry) as raised:
        categories.add(name)
    assert raised.value.errors == {"name": message()}
    with database.sessions() as session:
        assert session.scalar(select(AuditEntry.id).where(AuditEntry.entity == "service_category")) is None


def test_forty_characters_are_enough(categories):
    assert categories.get(categories.add("长" * 40)).name == "长" * 40


def test_renaming_an_own_category_but_not_a_seeded_one(categories, database):
    own = categories.add("红色宣讲")
    categories.rename(own, "红色故事宣讲")
    assert categories.get(own).name == "红色故事宣讲"
    categories.rename(own, "红色故事宣讲")  # unchanged: no new audit entry
    with database.sessions() as session:
        summaries = list(session.scalars(select(AuditEntry.summary).where(AuditEntry.action == "update")))
    assert summaries == ["红色宣讲 → 红色故事宣讲"]
    seeded = categories.list()[0]
    with pytest.raises(InvalidEntry) as raised:
        categories.rename(seeded.id, "便民")
    assert set(raised.value.errors) == {"name"}
    assert categories.get(seeded.id).name == seeded.name
    with pytest.raises(InvalidEntry):
        categories.rename(own, "法律援助")


def test_deactivated_categories_go_last_and_come_back_in_their_place(categories, database):
    first = categories.list()[0]
    assert categories.deactivate(first.id) is True
    assert categories.deactivate(first.id) is False
    listed = categories.list()
    assert listed[-1].id == first.id and not listed[-1].active
    assert first.id not in [c.id for c in categories.list(include_inactive=False)]
    # still taken: activities refer to it by name as well as by id
    with pytest.raises(InvalidEntry):
        categories.add(first.name)
    assert categories.reactivate(first.id) is True
    assert categories.list()[0].id == first.id
    with database.sessions() as session:
        assert session.get(ServiceCategory, first.id).deleted is False
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == first.id)
                                       .order_by(AuditEntry.created_at)))
    assert actions == ["deactivate", "reactivate"]


def test_an_unknown_category_is_reported(categories):
    with pytest.raises(InvalidEntry) as raised:
        categories.deactivate("no-such-id")
    assert raised.value.errors == {"record": _("This record no longer exists.")}
