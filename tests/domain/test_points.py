"""志愿积分: the lines that make up an activity's points, and points added or deducted by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from volunteer_desk.domain import points
from volunteer_desk.domain.points import PointsLine, PointsRules
from volunteer_desk.i18n import _

ORDINARY_DAY = dt.date(2026, 3, 10)
LEI_FENG_DAY = dt.date(2026, 3, 5)
DOUBLE_NINTH_2026 = dt.date(2026, 10, 18)


def _summary(lines: list[PointsLine]) -> list[tuple[str, float]]:
    return [(line.rule_key, line.points) for line in lines]


def test_default_rules_give_one_point_an_hour():
    lines = points.points_for(150, ORDINARY_DAY, "社区服务", PointsRules())
    assert _summary(lines) == [("hours", 2.5)]
    assert lines[0].reason == _("{hours} h of service").format(hours="2.5")


def test_a_themed_day_adds_a_bonus_line_naming_the_day():
    lines = points.points_for(120, LEI_FENG_DAY, None, PointsRules())
    assert _summary(lines) == [("hours", 2.0), ("themed_day", 2.0)]
    assert lines[1].reason == _("Activity on a themed day: {day}").format(day=_("Learn from Lei Feng Day"))
    assert points.total(lines) == 4.0


def test_a_lunar_themed_day_counts_in_its_own_year():
    lines = points.points_for(60, DOUBLE_NINTH_2026, None, PointsRules())
    assert lines[-1].reason == _("Activity on a themed day: {day}").format(day=_("Double Ninth Festival"))
    assert points.points_for(60, dt.date(2025, 10, 18), None, PointsRules())[-1].rule_key == "hours"


def test_two_themed_days_on_one_date_give_one_bonus():
    lines = points.points_for(60, dt.date(2026, 3, 3), None, PointsRules())  # 元宵节 and 全国爱耳日
    assert [line.rule_key for line in lines].count("themed_day") == 1


def test_the_month_for_the_elderly_gives_no_bonus_on_ordinary_october_days():
    assert _summary(points.points_for(60, dt.date(2026, 10, 8), None, PointsRules())) == [("hours", 1.0)]


def test_per_activity_points():
    rules = PointsRules(points_per_hour=1.0, points_per_activity=0.5, themed_day_bonus=0)
    lines = points.points_for(90, LEI_FENG_DAY, None, rules)
    assert _summary(lines) == [("hours", 1.5), ("activity", 0.5)]
    assert lines[1].reason == _("Taking part in an activity")


def test_category_coefficient_weighs_the_hours_only():
    rules = PointsRules(points_per_activity=1.0, category_coefficients={"抢险救灾": 1.5})
    lines = points.points_for(120, LEI_FENG_DAY, "抢险救灾", rules)
    assert _summary(lines) == [("hours", 3.0), ("activity", 1.0), ("themed_day", 2.0)]
    assert lines[0].reason == _("{hours} h of service × {coefficient} for {category}").format(
        hours="2", coefficient="1.5", category="抢险救灾")
    assert _summary(points.points_for(120, ORDINARY_DAY, "社区服务", rules)) == [("hours", 2.0), ("activity", 1.0)]


def test_points_are_rounded_to_a_tenth_half_up():
    assert _summary(points.points_for(20, ORDINARY_DAY, None, PointsRules())) == [("hours", 0.3)]  # 0.333…
    assert _summary(points.points_for(3, ORDINARY_DAY, None, PointsRules())) == [("hours", 0.1)]  # 0.05
    assert _summary(points.points_for(2, ORDINARY_DAY, None, PointsRules())) == []  # 0.033… is nothing
    assert _summary(points.points_for(21, ORDINARY_DAY, None, PointsRules())) == [("hours", 0.4)]  # 0.35 exactly
    assert _summary(points.points_for(45, ORDINARY_DAY, None, PointsRules(points_per_hour=1.5))) == [("hours", 1.1)]


def test_round_points():
    assert points.round_points(0.25) == 0.3
    assert points.round_points(0.35) == 0.4  # float 0.35 is 0.34999…: rounded as written, not as stored
    assert points.round_points(-0.25) == -0.3
    assert points.round_points(2.0) == 2.0


def test_no_time_and_no_themed_day_gives_no_lines():
    assert points.points_for(0, ORDINARY_DAY, None, PointsRules()) == []


def test_negative_minutes_are_refused():
    with pytest.raises(ValueError) as caught:
        points.points_for(-30, ORDINARY_DAY, None, PointsRules())
    assert str(caught.value) == _("Service time cannot be negative.")


def test_total():
    lines = [PointsLine(0.1, "hours", "x"), PointsLine(0.2, "activity", "y")]
    assert points.total(lines) == 0.3  # not 0.30000000000000004
    assert points.total([]) == 0.0


@pytest.mark.parametrize("field", ["points_per_hour", "points_per_activity", "themed_day_bonus"])
@pytest.mark.parametrize("value", [-1.0, 101.0, float("nan"), float("inf")])
def test_rule_points_must_be_0_to_100(field, value):
    with pytest.raises(ValueError) as caught:
        PointsRules(**{field: value})
    assert str(caught.value) == _("Points in a rule must be between 0 and 100.")


@pytest.mark.parametrize("value", [0.0, -1.0, 10.5, float("nan")])
def test_coefficients_must_be_positive_and_at_most_10(value):
    with pytest.raises(ValueError) as caught:
        PointsRules(category_coefficients={"社区服务": value})
    assert str(caught.value) == _("A category's coefficient must be more than 0 and at most 10.")


# --- by hand -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "kept"), [(5, 5.0), (-3, -3.0), (100, 100.0), (-100, -100.0), (0.25, 0.3),
                                             (0.05, 0.1)])
def test_manual_points(given, kept):
    entry = points.manual(given, "  主动承担疫情防控值守  ")
    assert (entry.points, entry.reason, entry.rule_key) == (kept, "主动承担疫情防控值守", "manual")


@pytest.mark.parametrize("given", [0, 0.04, -0.04, 100.1, -101, float("nan")])
def test_manual_points_must_be_nonzero_and_at_most_100(given):
    with pytest.raises(ValueError) as caught:
        points.manual(given, "理由")
    assert str(caught.value) == _("Points by hand must be between -100 and 100, and not 0.")


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_manual_points_need_a_reason(reason):
    with pytest.raises(ValueError) as caught:
        points.manual(5, reason)
    assert str(caught.value) == _("Give the reason for adding or deducting points.")


def test_manual_reason_length():
    assert points.manual(5, "字" * 200).reason == "字" * 200
    with pytest.raises(ValueError) as caught:
        points.manual(5, "字" * 201)
    assert str(caught.value) == _("The reason can have at most 200 characters.")
