"""PairingService on a real database: people served, the three kinds of pairing, the visit log and the
not-visited view. Visits are inserted straight into the activity table (the activities service writes them)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.sheet_data import id_number, registration
from volunteer_desk.domain.enums import ActivityKind, PairingKind, TeamKind
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.pairing import PairingService, PersonInput, mask_contact
from volunteer_desk.services.setup import SetupService
from volunteer_desk.services.teams import TeamInput, TeamService
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage.schema import Activity, AuditEntry

START = dt.date(2026, 3, 5)


@pytest.fixture
def pairing(database) -> PairingService:
    SetupService(database).save(SetupInfo(name="西湖街道机关第一党支部", code="320412-001", operator="王书记"))
    return PairingService(database)


@pytest.fixture
def helpers(database, pairing) -> list[str]:
    volunteers = VolunteerService(database)
    home = volunteers.blank_values()["organisation_id"]
    return [volunteers.save(registration(name=name, id_number=id_number(sequence=f"{2 * i + 101:03d}"),
                                         organisation_id=home))
            for i, name in enumerate(["张伟", "刘洋", "赵磊"])]


@pytest.fixture
def people(pairing) -> list[str]:
    return [pairing.save_person(PersonInput(name=name, category=category, address="红梅新村 3 幢", contact=contact))
            for name, category, contact in [("李奶奶", "空巢老人", "13812345678"), ("王大爷", "孤寡老人", ""),
                                            ("小明", "留守儿童", "爷爷 0519-86661234")]]


def visit(database, pairing_id, held_on, kind=ActivityKind.PAIRING_VISIT, deleted=False):
    with database.sessions.begin() as session:
        session.add(Activity(held_on=held_on, kind=kind.value, pairing_id=pairing_id, place="李奶奶家",
                             content="打扫卫生", outcome="老人满意", deleted=deleted))


def test_contacts_are_masked_in_lists_and_whole_in_the_editor(pairing, people):
    listed = {p.name: p for p in pairing.people()}
    assert listed["李奶奶"].contact_masked == "138****5678"
    assert listed["小明"].contact_masked == "爷爷 *********1234"
    assert listed["王大爷"].contact_masked == ""
    assert pairing.person(people[0]).contact == "13812345678"
    assert mask_contact("请联系社区") == "请联系社区"


def test_a_person_served_needs_a_name_and_a_category_free_text_allowed(pairing, database):
    with pytest.raises(InvalidEntry) as raised:
        pairing.save_person(PersonInput(name="", category=""))
    assert raised.value.errors == {"name": _("{label} is required.").format(label=_("Name")),
                                   "category": _("{label} is required.").format(label=_("Kind of person"))}
    with pytest.raises(InvalidEntry) as raised:
        pairing.save_person(PersonInput(name="李奶奶", category="空巢老人", contact="1" * 41))
    assert raised.value.errors == {"contact": _("At most {n} characters; this has {count}.").format(n=40, count=41)}
    person = pairing.save_person(PersonInput(name="陈阿姨", category="独居老人"))
    assert pairing.person(person).category == "独居老人"
    with database.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == person)).one()
    assert (entry.entity, entry.operator, entry.summary) == ("person_served", "王书记", "独居老人")  # no name


@pytest.mark.parametrize("kind, n_helpers, n_people, message", [
    (PairingKind.ONE_TO_ONE, 1, 1, None),
    (PairingKind.ONE_TO_ONE, 2, 1, "A one-to-one pairing has exactly one helper and one person served."),
    (PairingKind.ONE_TO_ONE, 1, 2, "A one-to-one pairing has exactly one helper and one person served."),
    (PairingKind.MANY_TO_ONE, 2, 1, None),
    (PairingKind.MANY_TO_ONE, 3, 1, None),
    (PairingKind.MANY_TO_ONE, 1, 1, "A many-to-one pairing has two or more helpers and one person served."),
    (PairingKind.MANY_TO_ONE, 2, 2, "A many-to-one pairing has two or more helpers and one person served."),
    (PairingKind.ONE_TO_MANY, 1, 2, None),
    (PairingKind.ONE_TO_MANY, 1, 3, None),
    (PairingKind.ONE_TO_MANY, 1, 1, "A one-to-many pairing has one helper and two or more people served."),
    (PairingKind.ONE_TO_MANY, 2, 2, "A one-to-many pairing has one helper and two or more people served."),
    (PairingKind.ONE_TO_ONE, 0, 1, "A one-to-one pairing has exactly one helper and one person served."),
])
def test_each_kind_has_its_shape(pairing, helpers, people, kind, n_helpers, n_people, message):
    def create():
        return pairing.create(kind, volunteer_ids=helpers[:n_helpers], person_ids=people[:n_people],
                              started_on=START)
    if message is None:
        summary = pairing.pairing(create())
        assert (summary.kind, len(summary.helpers), len(summary.people)) == (kind, n_helpers, n_people)
    else:
        with pytest.raises(InvalidEntry) as raised:
            create()
        assert raised.value.errors == {"kind": _(message)}
        assert pairing.pairings() == []


def test_the_same_person_twice_counts_once(pairing, helpers, people):
    with pytest.raises(InvalidEntry):
        pairing.create(PairingKind.MANY_TO_ONE, volunteer_ids=[helpers[0], helpers[0]], person_ids=people[:1],
                       started_on=START)


def test_a_team_can_be_the_helper(database, pairing, people):
    team = TeamService(database).create(TeamInput(name="爱心服务队", kind=TeamKind.TEAM,
                                                  category_id=CategoryService(database).list()[0].id))
    created = pairing.pairing(pairing.create(PairingKind.ONE_TO_MANY, team_ids=[team], person_ids=people,
                                             started_on=START))
    assert [(h.team_id, h.volunteer_id, h.name) for h in created.helpers] == [(team, None, "爱心服务队")]
    assert [name for _id, name in created.people] == ["李奶奶", "王大爷", "小明"]


def test_ending_a_pairing(pairing, helpers, people, database):
    pairing_id = pairing.create(PairingKind.ONE_TO_ONE, volunteer_ids=helpers[:1], person_ids=people[:1],
                                started_on=START)
    with pytest.raises(InvalidEntry) as raised:
        pairing.end(pairing_id, ended_on=START - dt.timedelta(days=1))
    assert raised.value.errors == {"ended_on": _("A pairing cannot end before it started, on {date}.").format(
        date="2026-03-05")}
    pairing.end(pairing_id, ended_on=dt.date(2026, 12, 31), reason="老人搬去女儿家")
    with pytest.raises(InvalidEntry):
        pairing.end(pairing_id, ended_on=dt.date(2027, 1, 1))
    assert pairing.pairings() == []
    [ended] = pairing.pairings(include_ended=True)
    assert (ended.ended_on, ended.note) == (dt.date(2026, 12, 31), "老人搬去女儿家")
    with database.sessions() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == pairing_id)
                                       .order_by(AuditEntry.created_at)))
    assert actions == ["create", "end"]


def test_the_visit_log_reads_only_live_pairing_visits(database, pairing, helpers, people):
    pairing_id = pairing.create(PairingKind.ONE_TO_ONE, volunteer_ids=helpers[:1], person_ids=people[:1],
                                started_on=START)
    visit(database, pairing_id, dt.date(2026, 3, 10))
    visit(database, pairing_id, dt.date(2026, 4, 10))
    visit(database, pairing_id, dt.date(2026, 5, 10), kind=ActivityKind.COLLECTIVE)
    visit(database, pairing_id, dt.date(2026, 6, 10), deleted=True)
    assert [v.held_on for v in pairing.visits(pairing_id)] == [dt.date(2026, 4, 10), dt.date(2026, 3, 10)]
    summary = pairing.pairing(pairing_id)
    assert (summary.last_visit, summary.visits) == (dt.date(2026, 4, 10), 2)


def test_not_visited_since_counts_whole_weeks(database, pairing, helpers, people):
    today = dt.date(2026, 6, 30)  # 4 weeks back: 2026-06-02

    def paired(started_on, *visits_on, ended_on=None):
        pairing_id = pairing.create(PairingKind.ONE_TO_ONE, volunteer_ids=helpers[:1], person_ids=people[:1],
                                    started_on=started_on)
        for day in visits_on:
            visit(database, pairing_id, day)
        if ended_on:
            pairing.end(pairing_id, ended_on=ended_on)
        return pairing_id

    on_the_day = paired(START, dt.date(2026, 4, 1), dt.date(2026, 6, 2))
    a_day_late = paired(START, dt.date(2026, 6, 1))
    never = paired(dt.date(2026, 4, 20))  # counts from its start
    too_new = paired(dt.date(2026, 6, 10))
    ended = paired(START, ended_on=dt.date(2026, 6, 1))
    only_later = paired(START, dt.date(2026, 5, 1), dt.date(2026, 7, 5))  # a visit after today does not count
    overdue = pairing.not_visited_since(4, today)
    assert [p.id for p in overdue] == [never, only_later, a_day_late]
    assert [p.last_visit for p in overdue] == [None, dt.date(2026, 5, 1), dt.date(2026, 6, 1)]
    assert {on_the_day, too_new, ended}.isdisjoint(p.id for p in overdue)
    assert [p.id for p in pairing.not_visited_since(4, dt.date(2026, 7, 1))][-1] == on_the_day
    with pytest.raises(InvalidEntry):
        pairing.not_visited_since(0, today)


def test_a_paired_person_is_not_deleted_until_the_pairing_ends(pairing, helpers, people):
    pairing_id = pairing.create(PairingKind.ONE_TO_ONE, volunteer_ids=helpers[:1], person_ids=people[:1],
                                started_on=START)
    with pytest.raises(InvalidEntry):
        pairing.delete_person(people[0])
    pairing.end(pairing_id, ended_on=START)
    pairing.delete_person(people[0])
    assert "李奶奶" not in [p.name for p in pairing.people()]
    with pytest.raises(InvalidEntry) as raised:
        pairing.create(PairingKind.ONE_TO_ONE, volunteer_ids=helpers[:1], person_ids=people[:1], started_on=START)
    assert raised.value.errors == {"people": _("This person served is no longer registered.")}
