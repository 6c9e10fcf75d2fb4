"""TeamService on a real database: 大队 → 支队 and 服务队, members and roles, and the rule warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.sheet_data import id_number, registration
from volunteer_desk.domain import teams as rules
from volunteer_desk.domain.enums import TeamKind, TeamRole
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.domain.teams import SizeLimits
from volunteer_desk.i18n import _
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.rules import RulesService
from volunteer_desk.services.setup import SetupService
from volunteer_desk.services.stations import StationInput, StationService
from volunteer_desk.services.teams import TeamInput, TeamService
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage.schema import AuditEntry, TeamMembership

NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴昊", "徐丽", "孙强", "马超",
         "朱琳", "胡军", "郭勇"]
DAY = dt.date(2026, 3, 5)


@pytest.fixture
def service(database) -> TeamService:
    SetupService(database).save(SetupInfo(name="西湖街道机关第一党支部", code="320412-001", operator="王书记"))
    return TeamService(database)


@pytest.fixture
def category(database, service) -> str:
    return CategoryService(database).list()[0].id


@pytest.fixture
def people(database, service) -> list[str]:
    volunteers = VolunteerService(database)
    home = volunteers.blank_values()["organisation_id"]
    return [volunteers.save(registration(name=name, id_number=id_number(sequence=f"{2 * i + 101:03d}"),
                                         organisation_id=home))
            for i, name in enumerate(NAMES)]


def brigade(service, category, name="西湖街道党员志愿服务大队"):
    return service.create(TeamInput(name=name, kind=TeamKind.BRIGADE, category_id=category))


def detachment(service, category, parent, name="第一支队"):
    return service.create(TeamInput(name=name, kind=TeamKind.DETACHMENT, category_id=category, parent_id=parent))


def staffed(service, team_id, people, count, leader=TeamRole.DETACHMENT_LEADER):
    """`count` people: the leader, the person responsible, the liaison, then members."""
    roles = [leader, TeamRole.RESPONSIBLE, TeamRole.LIAISON] + [TeamRole.MEMBER] * count
    for person, role in zip(people[:count], roles, strict=False):
        service.add_member(team_id, person, role, joined_on=DAY)


def size_note(kind, count, limits=rules.DEFAULT_LIMITS[TeamKind.DETACHMENT]):
    return _("A {kind} usually has {minimum} to {maximum} members; this one has {count}.").format(
        kind=kind.label, minimum=limits.minimum, maximum=limits.maximum, count=count)


@pytest.mark.parametrize("count, warned", [(4, True), (5, False), (10, False), (11, True)])
def test_detachment_size_is_warned_outside_five_to_ten(service, category, people, count, warned):
    team = detachment(service, category, brigade(service, category))
    staffed(service, team, people, count)
    info = service.get(team)
    assert info.member_count == count
    assert info.warnings == ((size_note(TeamKind.DETACHMENT, count),) if warned else ())


def test_a_service_team_uses_its_own_limits_and_the_branch_can_change_them(database, service, category, people):
    team = service.create(TeamInput(name="爱心接力服务队", kind=TeamKind.TEAM, category_id=category))
    staffed(service, team, people, 10, leader=TeamRole.CAPTAIN)
    assert service.get(team).warnings == ()
    staffed_more = TeamService(database, limits={TeamKind.TEAM: SizeLimits(12, 20)})
    assert staffed_more.get(team).warnings == (_(
        "A {kind} usually has {minimum} to {maximum} members; this one has {count}.").format(
        kind=TeamKind.TEAM.label, minimum=12, maximum=20, count=10),)


def test_the_branch_s_own_limits_are_read_from_its_rules(database, service, category, people):
    team = detachment(service, category, brigade(service, category))
    staffed(service, team, people, 5)
    assert service.get(team).warnings == ()
    RulesService(database).save_team_sizes({"detachment": (6, 12)})
    assert service.get(team).warnings == (size_note(TeamKind.DETACHMENT, 5, SizeLimits(6, 12)),)
    assert service.tree()[0].children[0].warnings == (size_note(TeamKind.DETACHMENT, 5, SizeLimits(6, 12)),)


def test_missing_roles_are_warned_in_order(service, category, people):
    team = detachment(service, category, brigade(service, category))
    for person in people[:5]:
        service.add_member(team, person, joined_on=DAY)
    assert service.get(team).warnings == tuple(_("Nobody is named {role} yet.").format(role=r.label) for r in
                                               (TeamRole.DETACHMENT_LEADER, TeamRole.RESPONSIBLE, TeamRole.LIAISON))


def test_two_leaders_or_a_leader_of_another_kind_are_warned(service, category, people):
    team = detachment(service, category, brigade(service, category))
    staffed(service, team, people, 5)
    service.add_member(team, people[3], TeamRole.DETACHMENT_LEADER, joined_on=DAY)
    service.add_member(team, people[4], TeamRole.CAPTAIN, joined_on=DAY)
    info = service.get(team)
    assert info.member_count == 5  # one person may hold two roles; they count once
    assert info.warnings == (
        _("A {kind} has one {role}; {count} are named.").format(
            kind=TeamKind.DETACHMENT.label, role=TeamRole.DETACHMENT_LEADER.label, count=2),
        _("A {kind} is led by a {role}, not a {other}.").format(
            kind=TeamKind.DETACHMENT.label, role=TeamRole.DETACHMENT_LEADER.label, other=TeamRole.CAPTAIN.label),
    )


def test_a_brigade_needs_two_detachments(service, category, people):
    top = brigade(service, category)
    staffed(service, top, people, 3, leader=TeamRole.BRIGADE_LEADER)
    detachment(service, category, top)
    few = _("A brigade is made of several detachments; this one has {count}.").format(count=1)
    assert service.get(top).warnings == (few,)
    detachment(service, category, top, name="第二支队")
    info = service.get(top)
    assert info.warnings == ()
    assert info.detachments == ("第二支队", "第一支队")  # by pinyin: di er before di yi


@pytest.mark.parametrize("kind, parent, field, message", [
    (TeamKind.DETACHMENT, None, "parent_id", "A detachment belongs to a brigade: choose which."),
    (TeamKind.DETACHMENT, "team", "parent_id", "A detachment can only belong to a brigade."),
    (TeamKind.TEAM, "brigade", "parent_id", "Only a detachment belongs to a brigade."),
    (TeamKind.BRIGADE, "brigade", "parent_id", "Only a detachment belongs to a brigade."),
])
def test_the_tree_shape_is_checked(service, category, kind, parent, field, message):
    ids = {"brigade": brigade(service, category),
           "team": service.create(TeamInput(name="服务队", kind=TeamKind.TEAM, category_id=category)), None: None}
    with pytest.raises(InvalidEntry) as raised:
        service.create(TeamInput(name="新队", kind=kind, category_id=category, parent_id=ids[parent]))
    assert raised.value.errors == {field: _(message)}


def test_name_and_category_are_required_and_names_unique(database, service, category):
    with pytest.raises(InvalidEntry) as raised:
        service.create(TeamInput(name="", kind=TeamKind.TEAM))
    assert raised.value.errors == {"name": _("{label} is required.").format(label=_("Team name")),
                                   "category_id": _("{label} is required.").format(label=_("Service category"))}
    service.create(TeamInput(name="爱心接力服务队", kind=TeamKind.TEAM, category_id=category))
    with pytest.raises(InvalidEntry) as raised:
        service.create(TeamInput(name="爱心接力服务队", kind=TeamKind.TEAM, category_id=category))
    assert raised.value.errors == {"name": _("There is already a team named {name}.").format(name="爱心接力服务队")}
    CategoryService(database).deactivate(category)
    with pytest.raises(InvalidEntry) as raised:
        service.create(TeamInput(name="新服务队", kind=TeamKind.TEAM, category_id=category))
    assert set(raised.value.errors) == {"category_id"}


def test_station_and_category_names_are_read_with_the_team(database, service, category):
    station = StationService(database).save_station(StationInput(name="红梅社区服务站"))
    team = service.create(TeamInput(name="爱心接力服务队", kind=TeamKind.TEAM, category_id=category,
                                    station_id=station))
    info = service.get(team)
    assert (info.category_name, info.station_name, info.brand_project_name) == ("便民利民", "红梅社区服务站", "")


def test_leaving_keeps_the_history(service, category, people, database):
    team = service.create(TeamInput(name="爱心接力服务队", kind=TeamKind.TEAM, category_id=category))
    membership = service.add_member(team, people[0], TeamRole.CAPTAIN, joined_on=DAY)
    with pytest.raises(InvalidEntry) as raised:
        service.leave(membership, left_on=DAY - dt.timedelta(days=1))
    assert set(raised.value.errors) == {"left_on"}
    service.leave(membership, left_on=dt.date(2026, 9, 1))
    with pytest.raises(InvalidEntry):
        service.leave(membership, left_on=dt.date(2026, 9, 2))
    info = service.get(team)
    assert info.member_count == 0 and info.members == ()
    assert [(m.name, m.role, m.joined_on, m.left_on) for m in info.former_members] == [
        ("张伟", TeamRole.CAPTAIN, DAY, dt.date(2026, 9, 1))]
    assert service.teams_of(people[0]) == []
    assert [(t.team_name, t.left_on) for t in service.teams_of(people[0], include_past=True)] == [
        ("爱心接力服务队", dt.date(2026, 9, 1))]
    # back in the same role: the same row, the earlier period in the log
    assert service.add_member(team, people[0], TeamRole.CAPTAIN, joined_on=dt.date(2027, 1, 1)) == membership
    with database.sessions() as session:
        log = list(session.execute(select(AuditEntry.action, AuditEntry.summary, AuditEntry.operator)
                                   .where(AuditEntry.entity == "team_membership").order_by(AuditEntry.created_at)))
    assert [(a, o) for a, _s, o in log] == [("join", "王书记"), ("leave", "王书记"), ("rejoin", "王书记")]
    assert "2026-03-05" in log[2][1] and "2026-09-01" in log[2][1]


def test_the_same_role_twice_is_refused_and_a_role_can_change(service, category, people, database):
    team = service.create(TeamInput(name="爱心接力服务队", kind=TeamKind.TEAM, category_id=category))
    membership = service.add_member(team, people[0], joined_on=DAY)
    with pytest.raises(InvalidEntry) as raised:
        service.add_member(team, people[0], joined_on=DAY)
    assert raised.value.errors == {"role": _("{name} is already {role} of this team.").format(
        name="张伟", role=TeamRole.MEMBER.label)}
    captain = service.change_role(membership, TeamRole.CAPTAIN, on=dt.date(2026, 5, 1))
    info = service.get(team)
    assert [(m.membership_id, m.role) for m in info.members] == [(captain, TeamRole.CAPTAIN)]
    assert [(m.role, m.left_on) for m in info.former_members] == [(TeamRole.MEMBER, dt.date(2026, 5, 1))]
    with database.sessions() as session:
        assert session.get(TeamMembership, membership).left_on == dt.date(2026, 5, 1)


def test_the_tree_lists_brigades_then_teams_with_counts(service, category, people):
    top = brigade(service, category)
    first = detachment(service, category, top, "第一支队")
    detachment(service, category, top, "第二支队")
    standalone = service.create(TeamInput(name="爱心服务队", kind=TeamKind.TEAM, category_id=category))
    staffed(service, first, people, 6)
    service.add_member(standalone, people[7], joined_on=DAY)
    tree = service.tree()
    assert [(n.name, n.kind) for n in tree] == [("西湖街道党员志愿服务大队", TeamKind.BRIGADE),
                                                ("爱心服务队", TeamKind.TEAM)]
    children = {c.name: c for c in tree[0].children}
    assert set(children) == {"第一支队", "第二支队"}
    assert children["第一支队"].member_count == 6 and children["第一支队"].warnings == ()
    assert children["第二支队"].member_count == 0 and children["第二支队"].warnings  # empty: too small, no roles
    assert tree[1].member_count == 1


def test_a_team_with_members_or_detachments_is_not_deleted(service, category, people, database):
    top = brigade(service, category)
    child = detachment(service, category, top)
    with pytest.raises(InvalidEntry):
        service.delete(top)
    membership = service.add_member(child, people[0], joined_on=DAY)
    with pytest.raises(InvalidEntry):
        service.delete(child)
    service.leave(membership, left_on=DAY)
    service.delete(child)
    service.delete(top)
    assert service.get(child) is None and service.tree() == []
    with database.sessions() as session:
        assert session.scalar(select(AuditEntry.action).where(AuditEntry.entity_id == top)
                              .order_by(AuditEntry.created_at.desc())) == "delete"


def test_a_deleted_volunteer_cannot_join(database, service, category, people):
    team = service.create(TeamInput(name="爱心接力服务队", kind=TeamKind.TEAM, category_id=category))
    VolunteerService(database).delete(people[0])
    with pytest.raises(InvalidEntry) as raised:
        service.add_member(team, people[0], joined_on=DAY)
    assert raised.value.errors == {"volunteer": _("This volunteer no longer exists.")}
