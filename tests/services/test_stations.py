"""StationService on a real database: stations with the 五有 checklist, and brand projects."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.setup import SetupService
from volunteer_desk.services.stations import ProjectInput, StationInput, StationService
from volunteer_desk.services.teams import TeamInput, TeamService
from volunteer_desk.storage.schema import AuditEntry, ServiceStation

ALL_FIVE = dict(has_sign=True, has_venue=True, has_team=True, has_rules=True, has_records=True)


@pytest.fixture
def stations(database) -> StationService:
    SetupService(database).save(SetupInfo(name="西湖街道机关第一党支部", code="320412-001", operator="王书记"))
    return StationService(database)


def test_a_station_with_all_five_meets_the_standard(stations):
    station = stations.station(stations.save_station(StationInput(name="红梅社区服务站", address="红梅西路 8 号",
                                                                  **ALL_FIVE)))
    assert station.meets_five_standards and station.missing == ()
    assert (station.name, station.address) == ("红梅社区服务站", "红梅西路 8 号")


def test_what_is_missing_is_named_in_the_documents_order(stations):
    station_id = stations.save_station(StationInput(name="红梅社区服务站", **(ALL_FIVE | {"has_rules": False,
                                                                                         "has_sign": False})))
    station = stations.station(station_id)
    assert not station.meets_five_standards
    assert station.missing == (_("Has a sign"), _("Has rules"))
    stations.save_station(StationInput(name="红梅社区服务站", **ALL_FIVE), editing=station_id)
    assert stations.station(station_id).meets_five_standards


def test_station_names_are_required_and_unique(stations, database):
    with pytest.raises(InvalidEntry) as raised:
        stations.save_station(StationInput(name=" "))
    assert raised.value.errors == {"name": _("{label} is required.").format(label=_("Station name"))}
    first = stations.save_station(StationInput(name="红梅社区服务站"))
    with pytest.raises(InvalidEntry) as raised:
        stations.save_station(StationInput(name="红梅社区服务站"))
    assert raised.value.errors == {"name": _("There is already a service station named {name}.").format(
        name="红梅社区服务站")}
    stations.save_station(StationInput(name="红梅社区服务站", address="新址"), editing=first)  # itself is fine
    with database.sessions() as session:
        assert session.scalar(select(ServiceStation).where(ServiceStation.name == "红梅社区服务站")).address == "新址"


def test_a_station_in_use_is_not_deleted_and_deletion_is_a_tombstone(stations, database):
    station = stations.save_station(StationInput(name="红梅社区服务站"))
    team = TeamService(database).create(TeamInput(name="爱心服务队", kind=TeamKind.TEAM, station_id=station,
                                                  category_id=CategoryService(database).list()[0].id))
    with pytest.raises(InvalidEntry) as raised:
        stations.delete_station(station)
    assert raised.value.errors == {"record": _("Teams still refer to it: {names}.").format(names="爱心服务队")}
    TeamService(database).delete(team)
    stations.delete_station(station)
    assert stations.stations() == [] and stations.station(station) is None
    with database.sessions() as session:
        assert session.get(ServiceStation, station).deleted is True
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == station)
                                       .order_by(AuditEntry.created_at)))
    assert actions == ["create", "delete"]


def test_brand_projects(stations, database):
    today = dt.date(2026, 6, 1)
    with pytest.raises(InvalidEntry) as raised:
        stations.save_project(ProjectInput(name="", started_on=dt.date(2026, 6, 2)), today=today)
    assert raised.value.errors == {"name": _("{label} is required.").format(label=_("Project name")),
                                   "started_on": _("The start date cannot be in the future.")}
    project_id = stations.save_project(ProjectInput(name="爱心接力", description="为空巢老人送餐",
                                                    started_on=today), today=today)
    stations.save_project(ProjectInput(name="科普惠农"), today=today)
    assert [p.name for p in stations.projects()] == ["爱心接力", "科普惠农"]
    assert stations.project(project_id).started_on == today
    with pytest.raises(InvalidEntry):
        stations.save_project(ProjectInput(name="科普惠农"), today=today)
    stations.delete_project(project_id)
    assert [p.name for p in stations.projects()] == ["科普惠农"]
    with database.sessions() as session:
        entries = list(session.execute(select(AuditEntry.entity, AuditEntry.action, AuditEntry.operator)
                                       .where(AuditEntry.entity_id == project_id).order_by(AuditEntry.created_at)))
    assert [tuple(e) for e in entries] == [("brand_project", "create", "王书记"), ("brand_project", "delete", "王书记")]
