"""志愿积分: lines per participation from the rules, compensating rows on corrections, points by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from volunteer_desk.domain.points import RULE_HOURS, RULE_MANUAL, RULE_THEMED_DAY
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.rules import RulesService
from volunteer_desk.storage.schema import AuditEntry, PointsEntry, ServiceCategory
from tests.services.test_activities import (
    OPERATOR,
    TODAY,
    activity_service,
    draft,
    make_volunteer,
)


def rows(database, volunteer: str) -> list[tuple[str, float, dt.date]]:
    with database.sessions() as session:
        return [tuple(r) for r in session.execute(
            select(PointsEntry.rule, PointsEntry.points, PointsEntry.earned_on)
            .where(PointsEntry.volunteer_id == volunteer).order_by(PointsEntry.created_at))]


def test_an_activity_earns_hours_points_dated_on_the_activity(ledger, database):
    volunteer = make_volunteer(database)
    service = activity_service(database)
    activity_id = service.create(draft(held_on=dt.date(2026, 3, 10)))
    service.add_participants(activity_id, [volunteer])
    [line] = ledger.points_ledger(volunteer)
    assert (line.rule, line.points, line.earned_on, line.activity_id, line.operator) == (
        RULE_HOURS, 2.0, dt.date(2026, 3, 10), activity_id, OPERATOR)
    assert line.reason  # says where the points came from


def test_a_themed_day_adds_its_bonus(ledger, database):
    volunteer = make_volunteer(database)
    service = activity_service(database)
    service.add_participants(service.create(draft(held_on=dt.date(2026, 3, 5))), [volunteer])  # 学雷锋纪念日
    assert rows(database, volunteer) == [(RULE_HOURS, 2.0, dt.date(2026, 3, 5)),
                                         (RULE_THEMED_DAY, 2.0, dt.date(2026, 3, 5))]
    assert ledger.points_total(volunteer) == 4.0


def test_a_correction_adds_compensating_rows_and_never_edits_old_ones(ledger, database):
    volunteer = make_volunteer(database)
    service = activity_service(database)
    activity_id = service.create(draft(held_on=dt.date(2026, 3, 5)))
    [participant] = service.add_participants(activity_id, [volunteer]).added
    with database.sessions() as session:
        first_ids = set(session.scalars(select(PointsEntry.id)))
    ledger.set_minutes(participant.participation_id, 60, "提前离场")
    with database.sessions() as session:
        originals = {e.id: e.points for e in session.scalars(select(PointsEntry).where(PointsEntry.id.in_(first_ids)))}
        new = session.execute(select(PointsEntry.rule, PointsEntry.points, PointsEntry.reason)
                              .where(PointsEntry.id.not_in(first_ids))).all()
    assert sorted(originals.values()) == [2.0, 2.0]
    assert new == [(RULE_HOURS, -1.0, "提前离场")]  # the themed-day bonus stays: still taking part
    assert ledger.points_total(volunteer) == 3.0
    ledger.set_minutes(participant.participation_id, 0, "未到场")
    assert ledger.points_total(volunteer) == 0  # no time served, no bonus either


def test_moving_an_activity_moves_its_points_to_the_new_date(ledger, database):
    volunteer = make_volunteer(database)
    service = activity_service(database)
    activity_id = service.create(draft(held_on=dt.date(2026, 3, 5)))
    service.add_participants(activity_id, [volunteer])
    service.update(activity_id, draft(held_on=dt.date(2026, 3, 9)))
    assert ledger.points_total(volunteer) == 2.0
    assert ledger.points_total(volunteer, end=dt.date(2026, 3, 5)) == 0
    assert ledger.points_total(volunteer, start=dt.date(2026, 3, 9)) == 2.0


def test_a_category_coefficient_weighs_the_hours(ledger, database):
    with database.sessions() as session:
        category_id, name = session.execute(select(ServiceCategory.id, ServiceCategory.name)).first()
    RulesService(database).save_points({"points_per_hour": 1, "points_per_activity": 0.5, "themed_day_bonus": 2,
                                        "category_coefficients": {name: 1.5}})
    volunteer = make_volunteer(database)
    service = activity_service(database)
    service.add_participants(service.create(draft(category_id=category_id)), [volunteer])
    assert sorted(p for _r, p, _d in rows(database, volunteer)) == [0.5, 3.0]


def test_points_by_hand_need_a_reason_and_a_sensible_amount(ledger, database):
    volunteer = make_volunteer(database)
    for points, reason, field in ((5, " ", "reason"), (0, "表扬", "points"), (101, "表扬", "points"),
                                  (float("nan"), "表扬", "points")):
        with pytest.raises(InvalidEntry) as caught:
            ledger.add_manual_points(volunteer, points, reason)
        assert list(caught.value.errors) == [field]
    with pytest.raises(InvalidEntry) as caught:
        ledger.add_manual_points(volunteer, 5, "表扬", earned_on=TODAY + dt.timedelta(days=1))
    assert list(caught.value.errors) == ["earned_on"]
    assert ledger.points_total(volunteer) == 0
    ledger.add_manual_points(volunteer, 5, "获评优秀志愿者")
    ledger.add_manual_points(volunteer, -1.25, "周记未按时提交")
    assert ledger.points_total(volunteer) == 3.7  # -1.25 rounds to -1.3
    lines = ledger.points_ledger(volunteer)
    assert [(line.rule, line.points, line.reason, line.earned_on) for line in lines] == [
        (RULE_MANUAL, 5.0, "获评优秀志愿者", TODAY), (RULE_MANUAL, -1.3, "周记未按时提交", TODAY)]
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "points_entry", AuditEntry.operator == OPERATOR)) == 2
    assert ledger.points_totals([volunteer, make_volunteer(database, "李四")])[volunteer] == 3.7
