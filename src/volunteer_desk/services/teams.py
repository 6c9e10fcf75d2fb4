"""Teams (服务队): 大队 → 支队 and standalone 服务队, their members and roles, with the rules of
domain.teams reported as warnings on every read.

Leaving a team sets left_on; the membership row stays as history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from volunteer_desk.domain import pinyin
from volunteer_desk.domain import teams as rules
from volunteer_desk.domain.enums import TeamKind, TeamRole
from volunteer_desk.domain.teams import DEFAULT_LIMITS, SizeLimits
from volunteer_desk.i18n import _
from volunteer_desk.services import rules as rules_service
from volunteer_desk.services.entries import InvalidEntry, check_text, gone
from volunteer_desk.services.database import Database
from volunteer_desk.storage import audit, organisations
from volunteer_desk.storage import teams as store
from volunteer_desk.storage.schema import (
    BrandProject,
    ServiceCategory,
    ServiceStation,
    Team,
    TeamMembership,
    VolunteerRow,
)

NAME_MAX = 80


@dataclass(frozen=True)
class TeamInput:
    name: str
    kind: TeamKind
    category_id: str | None = None
    parent_id: str | None = None
    station_id: str | None = None
    brand_project_id: str | None = None


@dataclass(frozen=True)
class Member:
    membership_id: str
    volunteer_id: str
    name: str
    role: TeamRole
    joined_on: dt.date | None
    left_on: dt.date | None


@dataclass(frozen=True)
class TeamInfo:
    id: str
    name: str
    kind: TeamKind
    parent_id: str | None
    parent_name: str
    category_id: str | None
    category_name: str
    station_id: str | None
    station_name: str
    brand_project_id: str | None
    brand_project_name: str
    member_count: int  # distinct people now in the team (one person may hold two roles)
    members: tuple[Member, ...]  # current memberships
    former_members: tuple[Member, ...]  # memberships that ended (history)
    detachments: tuple[str, ...]  # names of a brigade's live 支队
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class TeamNode:
    id: str
    name: str
    kind: TeamKind
    member_count: int
    warnings: tuple[str, ...]
    children: tuple[TeamNode, ...] = ()


@dataclass(frozen=True)
class VolunteerTeam:
    membership_id: str
    team_id: str
    team_name: str
    kind: TeamKind
    role: TeamRole
    joined_on: dt.date | None
    left_on: dt.date | None


def _member(m: TeamMembership, name: str) -> Member:
    return Member(membership_id=m.id, volunteer_id=m.volunteer_id, name=name, role=TeamRole(m.role),
                  joined_on=m.joined_on, left_on=m.left_on)


def team_warnings(kind: TeamKind, members: list[Member], detachments: int,
                  limits: Mapping[TeamKind, SizeLimits] = DEFAULT_LIMITS) -> list[str]:
    """Size outside the limits, leader missing or doubled or of another kind, 责任人/联络员 missing,
    a 大队 with fewer than two 支队. Only current members count."""
    warnings: list[str] = []
    size = rules.size_warning(kind, len({m.volunteer_id for m in members}), limits)
    if size:
        warnings.append(size)
    if kind is TeamKind.BRIGADE:
        few = rules.brigade_warning(detachments)
        if few:
            warnings.append(few)
    warnings += rules.role_warnings(kind, [m.role for m in members])
    return warnings


class TeamService:
    def __init__(self, database: Database, limits: Mapping[TeamKind, SizeLimits] | None = None):
        """`limits`: team sizes by kind. Without them, the branch's own (services.rules, in app_setting) are read
        at every call, which are the documents' (domain.teams.DEFAULT_LIMITS) until the branch changes them."""
        self._db = database
        self._limits = dict(limits) if limits is not None else None

    def _limits_in(self, session: Session) -> Mapping[TeamKind, SizeLimits]:
        return self._limits if self._limits is not None else rules_service.team_limits(session)

    # --- teams ---------------------------------------------------------------------------------------------

    def create(self, entry: TeamInput) -> str:
        with self._db.sessions.begin() as session:
            values = self._checked(session, entry, editing=None)
            home = organisations.home(session)
            team = Team(org_id=home.id if home else None, **values)
            session.add(team)
            session.flush()
            audit.record(session, action="create", entity="team", entity_id=team.id,
                         summary=f"{TeamKind(team.kind).label} {team.name}", org_id=team.org_id)
            return team.id

    def update(self, team_id: str, entry: TeamInput) -> None:
        with self._db.sessions.begin() as session:
            team = store.get_live(session, Team, team_id)
            if team is None:
                raise gone()
            values = self._checked(session, entry, editing=team)
            for key, value in values.items():
                setattr(team, key, value)
            audit.record(session, action="update", entity="team", entity_id=team.id, summary=team.name,
                         org_id=team.org_id)

    def delete(self, team_id: str) -> None:
        """A tombstone, once the team has no current members and no 支队 left."""
        with self._db.sessions.begin() as session:
            team = store.get_live(session, Team, team_id)
            if team is None:
                raise gone()
            if store.live_children(session, team_id):
                raise InvalidEntry({"team": _("Move or delete this brigade's detachments first.")})
            if store.current_memberships(session, [team_id]):
                raise InvalidEntry({"team": _("Record that the members have left before deleting the team.")})
            team.deleted = True
            audit.record(session, action="delete", entity="team", entity_id=team.id, summary=team.name,
                         org_id=team.org_id)

    def get(self, team_id: str) -> TeamInfo | None:
        with self._db.sessions() as session:
            team = store.get_live(session, Team, team_id)
            if team is None:
                return None
            rows = store.current_memberships(session, [team_id], include_past=True)
            current = [_member(m, n) for m, n in rows if m.left_on is None]
            former = [_member(m, n) for m, n in rows if m.left_on is not None]
            children = sorted((c.name for c in store.live_children(session, team_id)), key=pinyin.sort_key)
            parent = store.get_live(session, Team, team.parent_id)
            names = {
                "category": store.names(session, ServiceCategory, [team.category_id]),
                "station": store.names(session, ServiceStation, [team.station_id]),
                "project": store.names(session, BrandProject, [team.brand_project_id]),
            }
            kind = TeamKind(team.kind)
            return TeamInfo(
                id=team.id, name=team.name, kind=kind, parent_id=team.parent_id,
                parent_name=parent.name if parent else "",
                category_id=team.category_id, category_name=names["category"].get(team.category_id, ""),
                station_id=team.station_id, station_name=names["station"].get(team.station_id, ""),
                brand_project_id=team.brand_project_id,
                brand_project_name=names["project"].get(team.brand_project_id, ""),
                member_count=len({m.volunteer_id for m in current}), members=tuple(current),
                former_members=tuple(former), detachments=tuple(children),
                warnings=tuple(team_warnings(kind, current, len(children), self._limits_in(session))),
            )

    def tree(self) -> list[TeamNode]:
        """Brigades with their detachments, then standalone teams; by pinyin within each level."""
        with self._db.sessions() as session:
            teams = store.live_teams(session)
            members: dict[str, list[Member]] = {}
            for m, name in store.current_memberships(session):
                members.setdefault(m.team_id, []).append(_member(m, name))
            limits = self._limits_in(session)
        by_parent: dict[str | None, list[Team]] = {}
        ids = {t.id for t in teams}
        for team in teams:
            parent = team.parent_id if team.parent_id in ids else None
            by_parent.setdefault(parent, []).append(team)

        def node(team: Team) -> TeamNode:
            children = tuple(node(c) for c in sorted(by_parent.get(team.id, []), key=lambda t: pinyin.sort_key(t.name)))
            kind = TeamKind(team.kind)
            current = members.get(team.id, [])
            detachments = sum(1 for c in children if c.kind is TeamKind.DETACHMENT)
            return TeamNode(id=team.id, name=team.name, kind=kind, member_count=len({m.volunteer_id for m in current}),
                            warnings=tuple(team_warnings(kind, current, detachments, limits)), children=children)

        order = {TeamKind.BRIGADE: 0, TeamKind.TEAM: 1, TeamKind.DETACHMENT: 2}
        roots = sorted(by_parent.get(None, []), key=lambda t: (order[TeamKind(t.kind)], pinyin.sort_key(t.name)))
        return [node(t) for t in roots]

    def brigades(self) -> list[tuple[str, str]]:
        """(id, name) of the live brigades: what a detachment can belong to."""
        with self._db.sessions() as session:
            return sorted(((t.id, t.name) for t in store.live_teams(session) if t.kind == TeamKind.BRIGADE.value),
                          key=lambda pair: pinyin.sort_key(pair[1]))

    # --- members -------------------------------------------------------------------------------------------

    def add_member(self, team_id: str, volunteer_id: str, role: TeamRole = TeamRole.MEMBER, *,
                   joined_on: dt.date) -> str:
        """Returns the membership id. Someone who left and comes back in the same role gets the old row again
        (the table allows one row per team, volunteer and role); the earlier period stays in the audit log."""
        with self._db.sessions.begin() as session:
            return self._add_member(session, team_id, volunteer_id, TeamRole(role), joined_on)

    def leave(self, membership_id: str, *, left_on: dt.date) -> None:
        with self._db.sessions.begin() as session:
            self._leave(session, membership_id, left_on)

    def change_role(self, membership_id: str, role: TeamRole, *, on: dt.date) -> str:
        """The old role ends on `on`, the new one starts the same day; returns the new membership id."""
        with self._db.sessions.begin() as session:
            current = store.get_live(session, TeamMembership, membership_id)
            if current is not None and current.role == TeamRole(role).value:
                raise InvalidEntry({"role": _("This member already has that role.")})
            membership = self._leave(session, membership_id, on)
            return self._add_member(session, membership.team_id, membership.volunteer_id, TeamRole(role), on)

    def teams_of(self, volunteer_id: str, *, include_past: bool = False) -> list[VolunteerTeam]:
        with self._db.sessions() as session:
            rows = store.memberships_of(session, volunteer_id)
        return [VolunteerTeam(membership_id=m.id, team_id=t.id, team_name=t.name, kind=TeamKind(t.kind),
                              role=TeamRole(m.role), joined_on=m.joined_on, left_on=m.left_on)
                for m, t in rows if include_past or m.left_on is None]

    def _add_member(self, session: Session, team_id: str, volunteer_id: str, role: TeamRole,
                    joined_on: dt.date) -> str:
        team = store.get_live(session, Team, team_id)
        if team is None:
            raise gone()
        volunteer = store.get_live(session, VolunteerRow, volunteer_id)
        if volunteer is None:
            raise InvalidEntry({"volunteer": _("This volunteer no longer exists.")})
        if joined_on is None:
            raise InvalidEntry({"joined_on": _("{label} is required.").format(label=_("Date joined"))})
        existing = store.find_membership(session, team_id, volunteer_id, role.value)
        if existing is not None and not existing.deleted and existing.left_on is None:
            raise InvalidEntry({"role": _("{name} is already {role} of this team.").format(
                name=volunteer.name, role=role.label)})
        summary = f"{team.name}: {role.label} {joined_on.isoformat()}"
        if existing is None:
            existing = TeamMembership(team_id=team_id, volunteer_id=volunteer_id, role=role.value, org_id=team.org_id)
            session.add(existing)
            action = "join"
        else:
            if not existing.deleted:
                summary += f" (earlier {existing.joined_on or ''}–{existing.left_on})"
            existing.deleted = False
            action = "rejoin"
        existing.joined_on, existing.left_on = joined_on, None
        session.flush()
        audit.record(session, action=action, entity="team_membership", entity_id=existing.id, summary=summary,
                     org_id=team.org_id)
        return existing.id

    def _leave(self, session: Session, membership_id: str, left_on: dt.date) -> TeamMembership:
        membership = store.get_live(session, TeamMembership, membership_id)
        if membership is None:
            raise gone()
        if membership.left_on is not None:
            raise InvalidEntry({"left_on": _("This member already left on {date}.").format(
                date=membership.left_on.isoformat())})
        if left_on is None:
            raise InvalidEntry({"left_on": _("{label} is required.").format(label=_("Date left"))})
        if membership.joined_on and left_on < membership.joined_on:
            raise InvalidEntry({"left_on": _("The leaving date cannot be before the joining date, {date}.").format(
                date=membership.joined_on.isoformat())})
        membership.left_on = left_on
        audit.record(session, action="leave", entity="team_membership", entity_id=membership.id,
                     summary=f"{TeamRole(membership.role).label} {left_on.isoformat()}", org_id=membership.org_id)
        return membership

    # --- checks --------------------------------------------------------------------------------------------

    def _checked(self, session: Session, entry: TeamInput, *, editing: Team | None) -> dict:
        errors: dict[str, str] = {}
        name = check_text(errors, "name", _("Team name"), entry.name, NAME_MAX)
        if "name" not in errors and any(t.name == name and (editing is None or t.id != editing.id)
                                        for t in store.live_teams(session)):
            errors["name"] = _("There is already a team named {name}.").format(name=name)
        try:
            kind = TeamKind(entry.kind)
        except ValueError:
            errors["kind"] = _("Choose one of the offered values.")
            kind = None
        parent_id = entry.parent_id or None
        if kind is TeamKind.DETACHMENT:
            parent = store.get_live(session, Team, parent_id)
            if parent_id is None:
                errors["parent_id"] = _("A detachment belongs to a brigade: choose which.")
            elif parent is None or parent.kind != TeamKind.BRIGADE.value or (editing and parent.id == editing.id):
                errors["parent_id"] = _("A detachment can only belong to a brigade.")
        elif kind is not None and parent_id is not None:
            errors["parent_id"] = _("Only a detachment belongs to a brigade.")
        if editing is not None and kind is not TeamKind.BRIGADE and store.live_children(session, editing.id):
            errors["kind"] = _("This brigade still has detachments; move them first.")
        category = store.get_live(session, ServiceCategory, entry.category_id)
        if not entry.category_id:
            errors["category_id"] = _("{label} is required.").format(label=_("Service category"))
        elif category is None:
            errors["category_id"] = _("This category no longer exists.")
        elif not category.active and (editing is None or editing.category_id != category.id):
            errors["category_id"] = _("The category {name} is no longer in use.").format(name=category.name)
        if entry.station_id and store.get_live(session, ServiceStation, entry.station_id) is None:
            errors["station_id"] = _("This service station no longer exists.")
        if entry.brand_project_id and store.get_live(session, BrandProject, entry.brand_project_id) is None:
            errors["brand_project_id"] = _("This brand project no longer exists.")
        if errors:
            raise InvalidEntry(errors)
        return {"name": name, "kind": kind.value, "parent_id": parent_id, "category_id": entry.category_id,
                "station_id": entry.station_id or None, "brand_project_id": entry.brand_project_id or None}
