"""NeedService on a real database: recording, matching volunteers with reasons, assigning, closing, reopening."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.sheet_data import id_number, registration
from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.needs import NeedInput, NeedService, NeedStatus, skill_fit
from volunteer_desk.services.pairing import PairingService, PersonInput
from volunteer_desk.services.setup import SetupService
from volunteer_desk.services.teams import TeamInput, TeamService
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage.schema import AuditEntry

TODAY = dt.date(2026, 6, 30)
SATURDAY = dt.date(2026, 7, 4)
WEDNESDAY = dt.date(2026, 7, 1)


@pytest.fixture
def needs(database) -> NeedService:
    SetupService(database).save(SetupInfo(name="西湖街道机关第一党支部", code="320412-001", operator="王书记"))
    return NeedService(database)


@pytest.fixture
def volunteer(database, needs):
    service = VolunteerService(database)
    home = service.blank_values()["organisation_id"]
    count = iter(range(101, 999, 2))

    def make(name, *, intents=(), specialty="", major="", availability=("holidays",)):
        return service.save(registration(
            name=name, id_number=id_number(sequence=f"{next(count):03d}"), organisation_id=home,
            service_intents=list(intents), specialty=specialty, major=major, availability=list(availability),
            availability_other=""))
    return make


def record(needs, title="为残疾人上门医疗护理", **kwargs):
    return needs.record(NeedInput(title=title, raised_on=kwargs.pop("raised_on", TODAY), **kwargs), today=TODAY)


def test_recording_checks_what_was_entered(needs, database):
    with pytest.raises(InvalidEntry) as raised:
        needs.record(NeedInput(title="", raised_on=TODAY + dt.timedelta(days=1)), today=TODAY)
    assert raised.value.errors == {"title": _("{label} is required.").format(label=_("Title")),
                                   "raised_on": _("The date raised cannot be in the future.")}
    with pytest.raises(InvalidEntry) as raised:
        needs.record(NeedInput(title="修水管", raised_on=None), today=TODAY)
    assert raised.value.errors == {"raised_on": _("{label} is required.").format(label=_("Date raised"))}
    need_id = record(needs, raised_on=TODAY)
    need = needs.get(need_id)
    assert (need.title, need.status, need.raised_on) == ("为残疾人上门医疗护理", NeedStatus.OPEN, TODAY)
    with database.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == need_id)).one()
    assert (entry.entity, entry.action, entry.operator) == ("need", "create", "王书记")


def test_matches_are_scored_best_first_and_explained(needs, volunteer, database):
    both = volunteer("张伟", intents=["助残服务"], specialty="医疗护理", availability=["weekends"])
    intent_only = volunteer("王芳", intents=["助残服务", "尊老服务"])
    partly = volunteer("李娜", major="护理学")
    volunteer("刘洋", intents=["尊老服务"], specialty="书法", major="土木工程")  # nothing in common
    gone = volunteer("陈静", intents=["助残服务"], specialty="医疗护理")
    VolunteerService(database).delete(gone)
    need_id = record(needs)
    found = needs.matches(need_id, on=SATURDAY)
    assert [(m.volunteer_id, m.score) for m in found] == [(both, 7), (intent_only, 3), (partly, 1)]
    assert found[0].reasons == (_("Service intent: {intent}").format(intent="助残服务"),
                                _("Specialty: {specialty}").format(specialty="医疗护理"),
                                _("Available: {when}").format(when="双休日"))
    assert found[1].reasons == (_("Service intent: {intent}").format(intent="助残服务"),)
    assert found[2].reasons == (_("Major: {major}").format(major="护理学"),)
    # on a Wednesday the weekend volunteer is no more available than the others
    assert [m.score for m in needs.matches(need_id, on=WEDNESDAY)] == [6, 3, 1]
    assert [m.score for m in needs.matches(need_id, on=SATURDAY - dt.timedelta(days=1))] == [6, 3, 1]  # Friday
    assert [m.score for m in needs.matches(need_id, on=SATURDAY + dt.timedelta(days=1))] == [7, 3, 1]  # Sunday
    assert [m.volunteer_id for m in needs.matches(need_id, limit=2)] == [both, intent_only]


def test_ties_go_by_pinyin_and_anytime_counts_every_day(needs, volunteer, database):
    volunteer("赵磊", intents=["尊老服务"])
    volunteer("陈静", intents=["尊老服务"])
    free = volunteer("周杰", intents=["尊老服务"], availability=["anytime"])
    need_id = record(needs, title="陪同就医")
    assert needs.matches(need_id) == []  # nothing says who the need is for
    pairing = PairingService(database)
    person = pairing.save_person(PersonInput(name="李奶奶", category="空巢老人"))
    need_id = record(needs, title="陪同就医", person_served_id=person)
    found = needs.matches(need_id)
    assert [m.name for m in found] == ["周杰", "陈静", "赵磊"]  # zhou (free any time) first, then chen before zhao
    assert found[0].volunteer_id == free
    assert found[0].reasons[-1] == _("Available: {when}").format(when="随时可以")


def test_the_need_category_counts(needs, volunteer, database):
    helper = volunteer("张伟", intents=["帮农民工服务"])
    category = CategoryService(database).add("帮农民工讨薪")
    need_id = record(needs, title="帮忙写一份材料", category_id=category)
    assert [m.volunteer_id for m in needs.matches(need_id)] == [helper]


def test_skill_fit():
    assert skill_fit("医疗护理", "上门医疗护理") == 2
    assert skill_fit("法律、医疗护理", "需要护理") == 1
    assert skill_fit("社区服务", "为老人提供服务") == 0  # 服务 is too common to mean anything
    assert skill_fit("", "随便") == 0


def test_assign_close_and_reopen(needs, volunteer, database):
    helper = volunteer("张伟", intents=["助残服务"])
    team = TeamService(database).create(TeamInput(name="爱心服务队", kind=TeamKind.TEAM,
                                                  category_id=CategoryService(database).list()[0].id))
    need_id = record(needs)
    for kwargs in ({}, {"volunteer_id": helper, "team_id": team}):
        with pytest.raises(InvalidEntry) as raised:
            needs.assign(need_id, **kwargs)
        assert raised.value.errors == {"assignee": _("Assign the need to one volunteer or one team.")}
    needs.assign(need_id, volunteer_id=helper)
    assert (needs.get(need_id).status, needs.get(need_id).assigned_to) == (NeedStatus.ASSIGNED, "张伟")
    needs.assign(need_id, team_id=team)
    need = needs.get(need_id)
    assert (need.assigned_volunteer_id, need.assigned_team_id, need.assigned_to) == (None, team, "爱心服务队")

    with pytest.raises(InvalidEntry) as raised:
        needs.close(need_id, result=" ", closed_on=TODAY - dt.timedelta(days=1), today=TODAY)
    assert raised.value.errors == {
        "result": _("{label} is required.").format(label=_("Result")),
        "closed_on": _("A need cannot be closed before it was raised, on {date}.").format(date="2026-06-30")}
    needs.close(need_id, result="已上门护理三次", closed_on=TODAY, today=TODAY)
    need = needs.get(need_id)
    assert (need.status, need.result, need.closed_on) == (NeedStatus.CLOSED, "已上门护理三次", TODAY)
    with pytest.raises(InvalidEntry) as raised:
        needs.assign(need_id, volunteer_id=helper)
    assert raised.value.errors == {"status": _("This need is closed; reopen it first.")}

    needs.reopen(need_id)
    need = needs.get(need_id)
    assert (need.status, need.result, need.closed_on, need.assigned_team_id) == (NeedStatus.ASSIGNED, "", None, team)
    with pytest.raises(InvalidEntry):
        needs.reopen(need_id)
    with database.sessions() as session:
        log = list(session.execute(select(AuditEntry.action, AuditEntry.summary).where(AuditEntry.entity_id == need_id)
                                   .order_by(AuditEntry.created_at)))
    assert [a for a, _s in log] == ["create", "assign", "assign", "close", "reopen"]
    assert "已上门护理三次" in log[-1][1]  # the earlier result is kept in the log


def test_an_unassigned_need_reopens_as_open_and_lists_filter_by_status(needs):
    first = record(needs, title="修水管", raised_on=dt.date(2026, 6, 1))
    second = record(needs, title="辅导作业", raised_on=dt.date(2026, 6, 20))
    needs.close(first, result="邻居帮忙修好了", closed_on=dt.date(2026, 6, 2), today=TODAY)
    assert [n.id for n in needs.list()] == [second, first]
    assert [n.id for n in needs.list(NeedStatus.CLOSED)] == [first]
    assert [n.id for n in needs.list("open")] == [second]
    needs.reopen(first)
    assert needs.get(first).status is NeedStatus.OPEN
    assert [n.id for n in needs.list(NeedStatus.OPEN)] == [second, first]
