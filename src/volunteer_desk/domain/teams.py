"""Teams: how big they should be, who must be named in them, and how many Party members take part.

These are warnings, not errors: the documents set what is usual (seed 002 四.4: 5–10 to a 支队; seed 001:
10–15 to a 服务队), and a team one short still serves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from volunteer_desk.domain.enums import TeamKind, TeamRole
from volunteer_desk.i18n import _

MIN_PARTICIPATION = 0.5  # seed 002 四.1: 单位党员参与的比例应在50%以上 (以上 includes 50%)
MIN_DETACHMENTS = 2  # "several 支队 form a 大队"


@dataclasses.dataclass(frozen=True)
class SizeLimits:
    minimum: int
    maximum: int

    def __post_init__(self) -> None:
        if not 1 <= self.minimum <= self.maximum:
            raise ValueError(_("The smallest team size must be at least 1 and no more than the largest."))


# A 大队 has no member limit of its own: it is made of 支队, each with its own.
DEFAULT_LIMITS: Mapping[TeamKind, SizeLimits] = {
    TeamKind.DETACHMENT: SizeLimits(5, 10),
    TeamKind.TEAM: SizeLimits(10, 15),
}

LEADER_ROLES: Mapping[TeamKind, TeamRole] = {
    TeamKind.BRIGADE: TeamRole.BRIGADE_LEADER,
    TeamKind.DETACHMENT: TeamRole.DETACHMENT_LEADER,
    TeamKind.TEAM: TeamRole.CAPTAIN,
}
# seed 004 一.2: 每支志愿者队伍明确责任人和联络员
NAMED_ROLES = (TeamRole.RESPONSIBLE, TeamRole.LIAISON)


def size_warning(kind: TeamKind, members: int,
                 limits: Mapping[TeamKind, SizeLimits] = DEFAULT_LIMITS) -> str | None:
    limit = limits.get(kind)
    if limit is None or limit.minimum <= members <= limit.maximum:
        return None
    return _("A {kind} usually has {minimum} to {maximum} members; this one has {count}.").format(
        kind=kind.label, minimum=limit.minimum, maximum=limit.maximum, count=members
    )


def brigade_warning(detachments: int) -> str | None:
    if detachments >= MIN_DETACHMENTS:
        return None
    return _("A brigade is made of several detachments; this one has {count}.").format(count=detachments)


def missing_roles(kind: TeamKind, roles_present: Iterable[TeamRole]) -> list[TeamRole]:
    """The leader of the team's kind, the person responsible and the liaison, in that order, where not named."""
    present = set(roles_present)
    return [role for role in (LEADER_ROLES[kind], *NAMED_ROLES) if role not in present]


def role_warnings(kind: TeamKind, roles_present: Iterable[TeamRole]) -> list[str]:
    """Everything to tell the secretary about a team's roles, given one entry per person holding a role."""
    roles = list(roles_present)
    leader = LEADER_ROLES[kind]
    warnings = [_("Nobody is named {role} yet.").format(role=role.label) for role in missing_roles(kind, roles)]
    if roles.count(leader) > 1:
        warnings.append(_("A {kind} has one {role}; {count} are named.").format(
            kind=kind.label, role=leader.label, count=roles.count(leader)))
    for other in sorted({r for r in roles if r in LEADER_ROLES.values() and r is not leader}):
        warnings.append(_("A {kind} is led by a {role}, not a {other}.").format(
            kind=kind.label, role=leader.label, other=other.label))
    return warnings


def participation_ratio(participants: int, party_members: int) -> float | None:
    """Share of the unit's Party members taking part; None when the unit's member count is not known (0).
    More participants than members means the member count is out of date: the ratio says so by passing 1."""
    if participants < 0 or party_members < 0:
        raise ValueError(_("Numbers of people cannot be negative."))
    return participants / party_members if party_members else None


def meets_participation_rule(participants: int, party_members: int) -> bool | None:
    ratio = participation_ratio(participants, party_members)
    return None if ratio is None else ratio >= MIN_PARTICIPATION
