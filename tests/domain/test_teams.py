"""Team sizes, the roles a team must name, and the 50% participation rule."""

from __future__ import annotations

import pytest

from volunteer_desk.domain import teams
from volunteer_desk.domain.enums import TeamKind, TeamRole
from volunteer_desk.domain.teams import SizeLimits
from volunteer_desk.i18n import _


# --- sizes -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "members"), [
    (TeamKind.DETACHMENT, 5), (TeamKind.DETACHMENT, 7), (TeamKind.DETACHMENT, 10),
    (TeamKind.TEAM, 10), (TeamKind.TEAM, 15),
    (TeamKind.BRIGADE, 0), (TeamKind.BRIGADE, 200),  # a brigade has no member limit of its own
])
def test_sizes_within_the_rule(kind, members):
    assert teams.size_warning(kind, members) is None


@pytest.mark.parametrize(("kind", "members", "minimum", "maximum"), [
    (TeamKind.DETACHMENT, 4, 5, 10), (TeamKind.DETACHMENT, 11, 5, 10), (TeamKind.DETACHMENT, 0, 5, 10),
    (TeamKind.TEAM, 9, 10, 15), (TeamKind.TEAM, 16, 10, 15),
])
def test_sizes_outside_the_rule_warn(kind, members, minimum, maximum):
    assert teams.size_warning(kind, members) == _(
        "A {kind} usually has {minimum} to {maximum} members; this one has {count}.").format(
        kind=kind.label, minimum=minimum, maximum=maximum, count=members)


def test_size_limits_can_be_changed():
    limits = {TeamKind.TEAM: SizeLimits(3, 30), TeamKind.BRIGADE: SizeLimits(20, 100)}
    assert teams.size_warning(TeamKind.TEAM, 20, limits) is None
    assert teams.size_warning(TeamKind.BRIGADE, 19, limits) is not None
    assert teams.size_warning(TeamKind.DETACHMENT, 1, limits) is None  # no limit given for this kind


@pytest.mark.parametrize(("minimum", "maximum"), [(0, 10), (11, 10), (-1, 5)])
def test_size_limits_are_checked(minimum, maximum):
    with pytest.raises(ValueError) as caught:
        SizeLimits(minimum, maximum)
    assert str(caught.value) == _("The smallest team size must be at least 1 and no more than the largest.")


def test_a_brigade_holds_several_detachments():
    assert teams.brigade_warning(2) is None
    assert teams.brigade_warning(1) == _("A brigade is made of several detachments; this one has {count}.").format(
        count=1)
    assert teams.brigade_warning(0) is not None


# --- roles -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "leader"), [
    (TeamKind.BRIGADE, TeamRole.BRIGADE_LEADER),
    (TeamKind.DETACHMENT, TeamRole.DETACHMENT_LEADER),
    (TeamKind.TEAM, TeamRole.CAPTAIN),
])
def test_missing_roles(kind, leader):
    assert teams.missing_roles(kind, []) == [leader, TeamRole.RESPONSIBLE, TeamRole.LIAISON]
    assert teams.missing_roles(kind, [TeamRole.MEMBER, TeamRole.LIAISON]) == [leader, TeamRole.RESPONSIBLE]
    assert teams.missing_roles(kind, [leader, TeamRole.RESPONSIBLE, TeamRole.LIAISON, TeamRole.MEMBER]) == []


def test_another_kinds_leader_does_not_count():
    assert teams.missing_roles(TeamKind.TEAM, [TeamRole.DETACHMENT_LEADER, TeamRole.RESPONSIBLE,
                                               TeamRole.LIAISON]) == [TeamRole.CAPTAIN]


def test_role_warnings_for_a_complete_team():
    roles = [TeamRole.CAPTAIN, TeamRole.RESPONSIBLE, TeamRole.LIAISON, TeamRole.MEMBER, TeamRole.MEMBER]
    assert teams.role_warnings(TeamKind.TEAM, roles) == []


def test_role_warnings():
    roles = [TeamRole.DETACHMENT_LEADER, TeamRole.DETACHMENT_LEADER, TeamRole.CAPTAIN, TeamRole.RESPONSIBLE]
    assert teams.role_warnings(TeamKind.DETACHMENT, roles) == [
        _("Nobody is named {role} yet.").format(role=TeamRole.LIAISON.label),
        _("A {kind} has one {role}; {count} are named.").format(
            kind=TeamKind.DETACHMENT.label, role=TeamRole.DETACHMENT_LEADER.label, count=2),
        _("A {kind} is led by a {role}, not a {other}.").format(
            kind=TeamKind.DETACHMENT.label, role=TeamRole.DETACHMENT_LEADER.label, other=TeamRole.CAPTAIN.label),
    ]


def test_two_responsible_people_are_fine():
    roles = [TeamRole.BRIGADE_LEADER, TeamRole.RESPONSIBLE, TeamRole.RESPONSIBLE, TeamRole.LIAISON]
    assert teams.role_warnings(TeamKind.BRIGADE, roles) == []


# --- participation -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("participants", "members", "ratio", "meets"), [
    (10, 20, 0.5, True),  # exactly 50% meets the rule (以上 includes it)
    (9, 20, 0.45, False),
    (20, 20, 1.0, True),
    (0, 20, 0.0, False),
    (1, 3, 1 / 3, False),
    (2, 3, 2 / 3, True),
    (25, 20, 1.25, True),  # the member count is out of date; shown as it is
])
def test_participation(participants, members, ratio, meets):
    assert teams.participation_ratio(participants, members) == pytest.approx(ratio)
    assert teams.meets_participation_rule(participants, members) is meets


def test_participation_unknown_without_a_member_count():
    assert teams.participation_ratio(5, 0) is None
    assert teams.meets_participation_rule(5, 0) is None
    assert teams.meets_participation_rule(0, 0) is None


def test_participation_refuses_negative_numbers():
    with pytest.raises(ValueError) as caught:
        teams.participation_ratio(-1, 10)
    assert str(caught.value) == _("Numbers of people cannot be negative.")
    with pytest.raises(ValueError):
        teams.participation_ratio(1, -10)
