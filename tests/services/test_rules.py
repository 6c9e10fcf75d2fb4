"""The branch's rules in app_setting: defaults from the domain, checked values, errors by field."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from volunteer_desk.domain import stars
from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.domain.hours import HoursRules
from volunteer_desk.domain.points import PointsRules
from volunteer_desk.domain.teams import DEFAULT_LIMITS, SizeLimits
from volunteer_desk.services.rules import HOURS_KEY, InvalidRules, RulesService
from volunteer_desk.storage import settings
from volunteer_desk.storage.schema import AuditEntry
from tests.services.test_activities import OPERATOR, activity_service, draft, make_volunteer, named_operator


@pytest.fixture
def rules(database) -> RulesService:
    named_operator(database)
    return RulesService(database)


def test_a_new_installation_uses_the_domain_defaults(rules):
    assert rules.hours() == HoursRules()
    assert rules.points() == PointsRules()
    assert rules.star_thresholds() == stars.DEFAULT_THRESHOLDS
    assert rules.team_limits() == dict(DEFAULT_LIMITS)


def test_saved_rules_are_read_back_and_audited(rules, database):
    rules.save_hours({"rounding_unit_minutes": "15", "daily_cap_minutes": 600})
    rules.save_points({"points_per_hour": 2, "points_per_activity": 1, "themed_day_bonus": 0,
                       "category_coefficients": {"扶残助残": 1.5}})
    rules.save_star_thresholds([50, 100, 200, 400, 800])
    rules.save_team_sizes({"detachment": [4, 12]})
    assert rules.hours() == HoursRules(15, 600)
    assert rules.points() == PointsRules(2.0, 1.0, 0.0, {"扶残助残": 1.5})
    assert rules.star_thresholds() == (50, 100, 200, 400, 800)
    assert rules.team_limits() == {TeamKind.DETACHMENT: SizeLimits(4, 12), TeamKind.TEAM: SizeLimits(10, 15)}
    with database.sessions() as session:
        audited = session.scalars(select(AuditEntry.operator).where(AuditEntry.entity == "setting")).all()
    assert audited == [OPERATOR] * 4
    rules.reset()
    assert rules.hours() == HoursRules() and rules.star_thresholds() == stars.DEFAULT_THRESHOLDS


@pytest.mark.parametrize("values, fields", [
    ({"rounding_unit_minutes": 7, "daily_cap_minutes": 480}, ["rounding_unit_minutes"]),
    ({"rounding_unit_minutes": 30, "daily_cap_minutes": 30}, ["daily_cap_minutes"]),
    ({"rounding_unit_minutes": 60, "daily_cap_minutes": 90}, ["daily_cap_minutes"]),
    ({"rounding_unit_minutes": "半小时", "daily_cap_minutes": None}, ["rounding_unit_minutes", "daily_cap_minutes"]),
])
def test_wrong_hours_rules_are_refused_by_field(rules, values, fields):
    with pytest.raises(InvalidRules) as caught:
        rules.save_hours(values)
    assert sorted(caught.value.errors) == sorted(fields)
    assert rules.hours() == HoursRules()


def test_wrong_points_thresholds_and_sizes_are_refused_by_field(rules):
    with pytest.raises(InvalidRules) as caught:
        rules.save_points({"points_per_hour": -1, "points_per_activity": "x", "themed_day_bonus": 2,
                           "category_coefficients": {"扶残助残": 0}})
    assert sorted(caught.value.errors) == ["category_coefficients.扶残助残", "points_per_activity", "points_per_hour"]
    for thresholds in ([100, 300, 600, 1000], [100, 300, 300, 1000, 1500], [0, 1, 2, 3, 4], ["a"] * 5):
        with pytest.raises(InvalidRules) as caught:
            rules.save_star_thresholds(thresholds)
        assert list(caught.value.errors) == ["thresholds"]
    with pytest.raises(InvalidRules) as caught:
        rules.save_team_sizes({"team": [12, 10], "club": [1, 2]})
    assert sorted(caught.value.errors) == ["club", "team"]
    assert rules.points() == PointsRules() and rules.team_limits() == dict(DEFAULT_LIMITS)


def test_a_stored_value_that_makes_no_sense_falls_back_to_the_default(rules, database):
    with database.sessions.begin() as session:
        settings.put(session, HOURS_KEY, {"rounding_unit_minutes": 7})
    assert rules.hours() == HoursRules()


def test_the_rounding_unit_decides_what_participants_are_credited(rules, database):
    rules.save_hours({"rounding_unit_minutes": 15, "daily_cap_minutes": 480})
    service = activity_service(database)
    activity_id = service.create(draft(starts_at=dt.time(9, 0), ends_at=dt.time(11, 50)))
    [line] = service.add_participants(activity_id, [make_volunteer(database)]).added
    assert line.minutes == 165


def test_saving_all_sections_writes_nothing_while_one_is_wrong(rules, database):
    hours = {"rounding_unit_minutes": 15, "daily_cap_minutes": 600}
    points = {"points_per_hour": 2, "points_per_activity": 0, "themed_day_bonus": 2, "category_coefficients": {}}
    with pytest.raises(InvalidRules) as caught:
        rules.save_all(hours, points, [100, 300, 300, 1000, 1500], {"team": [12, 10]})
    assert sorted(caught.value.errors) == ["team", "thresholds"]
    assert rules.hours() == HoursRules() and rules.points() == PointsRules()

    rules.save_all(hours, points, list(stars.DEFAULT_THRESHOLDS), {"team": [8, 12]})
    assert rules.hours() == HoursRules(15, 600) and rules.points().points_per_hour == 2.0
    assert rules.team_limits()[TeamKind.TEAM] == SizeLimits(8, 12)
    with database.sessions() as session:
        audited = session.scalars(select(AuditEntry.summary).where(AuditEntry.entity == "setting")).all()
    assert sorted(s.split(":")[0] for s in audited) == ["rules.hours", "rules.points", "rules.team_sizes"]
