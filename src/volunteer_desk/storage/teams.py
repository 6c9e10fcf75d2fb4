"""Teams, their memberships, service stations and brand projects."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_desk.storage.schema import BrandProject, ServiceStation, Team, TeamMembership, VolunteerRow


def get_live(session: Session, model, row_id: str | None):
    """The row of `model` with this id unless missing or tombstoned."""
    if not row_id:
        return None
    row = session.get(model, row_id)
    return row if row is not None and not row.deleted else None


def live_teams(session: Session) -> list[Team]:
    return list(session.scalars(select(Team).where(Team.deleted.is_(False))))


def live_children(session: Session, team_id: str) -> list[Team]:
    return list(session.scalars(select(Team).where(Team.deleted.is_(False), Team.parent_id == team_id)))


def current_memberships(session: Session, team_ids: Iterable[str] | None = None,
                        *, include_past: bool = False) -> list[tuple[TeamMembership, str]]:
    """(membership, volunteer name) of live volunteers; only those who have not left unless `include_past`."""
    statement = (select(TeamMembership, VolunteerRow.name)
                 .join(VolunteerRow, VolunteerRow.id == TeamMembership.volunteer_id)
                 .where(TeamMembership.deleted.is_(False), VolunteerRow.deleted.is_(False))
                 .order_by(TeamMembership.joined_on, TeamMembership.created_at))
    if team_ids is not None:
        statement = statement.where(TeamMembership.team_id.in_(list(team_ids)))
    if not include_past:
        statement = statement.where(TeamMembership.left_on.is_(None))
    return [(m, name) for m, name in session.execute(statement)]


def memberships_of(session: Session, volunteer_id: str) -> list[tuple[TeamMembership, Team]]:
    return [(m, t) for m, t in session.execute(
        select(TeamMembership, Team).join(Team, Team.id == TeamMembership.team_id)
        .where(TeamMembership.volunteer_id == volunteer_id, TeamMembership.deleted.is_(False),
               Team.deleted.is_(False))
        .order_by(TeamMembership.joined_on))]


def find_membership(session: Session, team_id: str, volunteer_id: str, role: str) -> TeamMembership | None:
    return session.scalars(select(TeamMembership).where(
        TeamMembership.team_id == team_id, TeamMembership.volunteer_id == volunteer_id,
        TeamMembership.role == role)).first()


def live_stations(session: Session) -> list[ServiceStation]:
    return list(session.scalars(select(ServiceStation).where(ServiceStation.deleted.is_(False))))


def live_projects(session: Session) -> list[BrandProject]:
    return list(session.scalars(select(BrandProject).where(BrandProject.deleted.is_(False))))


def teams_using(session: Session, column, row_id: str) -> list[str]:
    """Names of live teams whose `column` (Team.station_id, Team.brand_project_id) is `row_id`."""
    return list(session.scalars(select(Team.name).where(Team.deleted.is_(False), column == row_id)))


def names(session: Session, model, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(iter(session.execute(select(model.id, model.name).where(model.id.in_(wanted)))))
