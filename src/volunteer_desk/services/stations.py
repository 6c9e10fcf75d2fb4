"""Service stations (服务站点) with the 五有 checklist (seed 004 一.4), and brand projects (品牌项目)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from volunteer_desk.domain import pinyin
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.entries import InvalidEntry, check_text, gone
from volunteer_desk.services.database import Database
from volunteer_desk.storage import audit, organisations
from volunteer_desk.storage import teams as store
from volunteer_desk.storage.schema import BrandProject, ServiceStation, Team

NAME_MAX = 80
ADDRESS_MAX = 120
# 有标识、有场地、有队伍、有制度、有记录, in the document's order: (column, label msgid)
FIVE_STANDARDS = (
    ("has_sign", N_("Has a sign")),
    ("has_venue", N_("Has a venue")),
    ("has_team", N_("Has a team")),
    ("has_rules", N_("Has rules")),
    ("has_records", N_("Has records")),
)


@dataclass(frozen=True)
class StationInput:
    name: str
    address: str = ""
    has_sign: bool = False
    has_venue: bool = False
    has_team: bool = False
    has_rules: bool = False
    has_records: bool = False


@dataclass(frozen=True)
class Station:
    id: str
    name: str
    address: str
    has_sign: bool
    has_venue: bool
    has_team: bool
    has_rules: bool
    has_records: bool
    meets_five_standards: bool
    missing: tuple[str, ...]  # labels of the standards not met, in the document's order


@dataclass(frozen=True)
class ProjectInput:
    name: str
    description: str = ""
    started_on: dt.date | None = None


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    description: str
    started_on: dt.date | None


def _station(row: ServiceStation) -> Station:
    flags = {key: bool(getattr(row, key)) for key, _label in FIVE_STANDARDS}
    missing = tuple(_(label) for key, label in FIVE_STANDARDS if not flags[key])
    return Station(id=row.id, name=row.name, address=row.address, **flags, meets_five_standards=not missing,
                   missing=missing)


def _project(row: BrandProject) -> Project:
    return Project(id=row.id, name=row.name, description=row.description, started_on=row.started_on)


class StationService:
    def __init__(self, database: Database):
        self._db = database

    # --- stations ------------------------------------------------------------------------------------------

    def stations(self) -> list[Station]:
        with self._db.sessions() as session:
            rows = store.live_stations(session)
        return sorted((_station(r) for r in rows), key=lambda s: pinyin.sort_key(s.name))

    def station(self, station_id: str) -> Station | None:
        with self._db.sessions() as session:
            row = store.get_live(session, ServiceStation, station_id)
            return _station(row) if row else None

    def save_station(self, entry: StationInput, *, editing: str | None = None) -> str:
        errors: dict[str, str] = {}
        name = check_text(errors, "name", _("Station name"), entry.name, NAME_MAX)
        address = check_text(errors, "address", _("Address"), entry.address, ADDRESS_MAX, required=False)
        with self._db.sessions.begin() as session:
            if "name" not in errors and any(s.name == name and s.id != editing for s in store.live_stations(session)):
                errors["name"] = _("There is already a service station named {name}.").format(name=name)
            if errors:
                raise InvalidEntry(errors)
            row = self._row(session, ServiceStation, editing)
            row.name, row.address = name, address
            for key, _label in FIVE_STANDARDS:
                setattr(row, key, bool(getattr(entry, key)))
            session.flush()
            standards = _station(row)
            summary = f"{name}: " + (_("meets the five standards") if standards.meets_five_standards
                                     else _("missing: {items}").format(items="、".join(standards.missing)))
            audit.record(session, action="update" if editing else "create", entity="service_station",
                         entity_id=row.id, summary=summary, org_id=row.org_id)
            return row.id

    def delete_station(self, station_id: str) -> None:
        self._delete(ServiceStation, station_id, Team.station_id, "service_station")

    # --- brand projects ------------------------------------------------------------------------------------

    def projects(self) -> list[Project]:
        with self._db.sessions() as session:
            rows = store.live_projects(session)
        return sorted((_project(r) for r in rows), key=lambda p: pinyin.sort_key(p.name))

    def project(self, project_id: str) -> Project | None:
        with self._db.sessions() as session:
            row = store.get_live(session, BrandProject, project_id)
            return _project(row) if row else None

    def save_project(self, entry: ProjectInput, *, editing: str | None = None, today: dt.date | None = None) -> str:
        errors: dict[str, str] = {}
        name = check_text(errors, "name", _("Project name"), entry.name, NAME_MAX)
        description = (entry.description or "").strip()
        if entry.started_on and entry.started_on > (today or dt.date.today()):
            errors["started_on"] = _("The start date cannot be in the future.")
        with self._db.sessions.begin() as session:
            if "name" not in errors and any(p.name == name and p.id != editing for p in store.live_projects(session)):
                errors["name"] = _("There is already a brand project named {name}.").format(name=name)
            if errors:
                raise InvalidEntry(errors)
            row = self._row(session, BrandProject, editing)
            row.name, row.description, row.started_on = name, description, entry.started_on
            session.flush()
            audit.record(session, action="update" if editing else "create", entity="brand_project",
                         entity_id=row.id, summary=name, org_id=row.org_id)
            return row.id

    def delete_project(self, project_id: str) -> None:
        self._delete(BrandProject, project_id, Team.brand_project_id, "brand_project")

    # --- shared --------------------------------------------------------------------------------------------

    @staticmethod
    def _row(session, model, editing: str | None):
        if editing:
            row = store.get_live(session, model, editing)
            if row is None:
                raise gone()
            return row
        home = organisations.home(session)
        row = model(org_id=home.id if home else None)
        session.add(row)
        return row

    def _delete(self, model, row_id: str, team_column, entity: str) -> None:
        """A tombstone, unless live teams still refer to it (activities keep their reference either way)."""
        with self._db.sessions.begin() as session:
            row = store.get_live(session, model, row_id)
            if row is None:
                raise gone()
            users = store.teams_using(session, team_column, row_id)
            if users:
                raise InvalidEntry({"record": _("Teams still refer to it: {names}.").format(names="、".join(users))})
            row.deleted = True
            audit.record(session, action="delete", entity=entity, entity_id=row.id, summary=row.name,
                         org_id=row.org_id)
