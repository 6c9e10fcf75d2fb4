"""Service hours: length, rounding down to the unit, the daily cap, overlaps and how hours are shown."""

from __future__ import annotations

import datetime as dt

import pytest

from volunteer_desk.domain import hours
from volunteer_desk.domain.hours import Credit, HoursRules
from volunteer_desk.i18n import _

T = dt.time
RULES = HoursRules()


# --- rules -------------------------------------------------------------------------------------------------

def test_default_rules_are_half_hours_and_eight_hours_a_day():
    assert (RULES.rounding_unit_minutes, RULES.daily_cap_minutes) == (30, 480)


@pytest.mark.parametrize("unit", [1, 5, 10, 15, 30, 60])
def test_rounding_units_accepted(unit):
    assert HoursRules(rounding_unit_minutes=unit, daily_cap_minutes=480).rounding_unit_minutes == unit


@pytest.mark.parametrize("unit", [0, 2, 20, 45, 120, -30])
def test_rounding_units_rejected(unit):
    with pytest.raises(ValueError) as caught:
        HoursRules(rounding_unit_minutes=unit)
    assert str(caught.value) == _("The rounding unit must be 1, 5, 10, 15, 30 or 60 minutes.")


@pytest.mark.parametrize("cap", [60, 480, 1440])
def test_daily_cap_accepted(cap):
    assert HoursRules(daily_cap_minutes=cap).daily_cap_minutes == cap


@pytest.mark.parametrize("cap", [0, 30, 59, 1441, 1500])
def test_daily_cap_rejected(cap):
    with pytest.raises(ValueError) as caught:
        HoursRules(rounding_unit_minutes=1, daily_cap_minutes=cap)
    assert str(caught.value) == _("The daily limit must be between 1 and 24 hours.")


def test_daily_cap_must_be_whole_units():
    with pytest.raises(ValueError) as caught:
        HoursRules(rounding_unit_minutes=60, daily_cap_minutes=450)
    assert str(caught.value) == _("The daily limit must be a whole number of rounding units.")
    assert HoursRules(rounding_unit_minutes=15, daily_cap_minutes=450).daily_cap_minutes == 450


# --- duration ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "end", "minutes"), [
    (T(9, 0), T(11, 30), 150),
    (T(8, 45), T(9, 14), 29),
    (T(0, 0), T(23, 59), 1439),
    (T(9, 0), T(9, 1), 1),
    (T(9, 0, 30), T(9, 2, 0), 1),  # a part minute is not counted
    (T(9, 0, 0), T(9, 0, 59), 0),
])
def test_duration_minutes(start, end, minutes):
    assert hours.duration_minutes(start, end) == minutes


@pytest.mark.parametrize(("start", "end"), [(T(14, 0), T(9, 0)), (T(22, 0), T(1, 0)), (T(9, 0), T(9, 0))])
def test_end_before_start_is_an_error(start, end):
    with pytest.raises(ValueError) as caught:
        hours.duration_minutes(start, end)
    assert str(caught.value) == _(
        "The activity must end after it starts ({start}–{end}); service past midnight is entered as "
        "two records, one for each day.").format(start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))


# --- rounding down -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("minutes", "unit", "rounded"), [
    (59, 30, 30),
    (60, 30, 60),
    (29, 30, 0),
    (30, 30, 30),
    (0, 30, 0),
    (89, 60, 60),
    (119, 60, 60),
    (120, 60, 120),
    (44, 15, 30),
    (44, 1, 44),
    (47, 5, 45),
    (19, 10, 10),
])
def test_round_down(minutes, unit, rounded):
    assert hours.round_down(minutes, HoursRules(rounding_unit_minutes=unit, daily_cap_minutes=480)) == rounded


def test_round_down_refuses_negative_time():
    with pytest.raises(ValueError) as caught:
        hours.round_down(-1, RULES)
    assert str(caught.value) == _("Service time cannot be negative.")


# --- daily cap ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("already", "new", "credited", "capped"), [
    (0, 120, 120, False),
    (360, 120, 120, False),  # exactly reaches 8 hours: nothing is cut
    (0, 480, 480, False),
    (390, 120, 90, True),
    (0, 600, 480, True),
    (480, 60, 0, True),
    (540, 60, 0, True),  # already over (e.g. the cap was lowered later): nothing more, never negative
    (480, 0, 0, False),
])
def test_apply_daily_cap(already, new, credited, capped):
    result = hours.apply_daily_cap(already, new, RULES)
    assert (result.credited, result.capped) == (credited, capped)
    assert result.requested == new
    assert result.cut == new - credited


def test_daily_cap_follows_the_rules():
    rules = HoursRules(rounding_unit_minutes=30, daily_cap_minutes=240)
    assert hours.apply_daily_cap(180, 120, rules) == Credit(requested=120, credited=60)


def test_daily_cap_refuses_negative_time():
    with pytest.raises(ValueError) as caught:
        hours.apply_daily_cap(-30, 60, RULES)
    assert str(caught.value) == _("Service time cannot be negative.")
    with pytest.raises(ValueError):
        hours.apply_daily_cap(0, -60, RULES)


def test_credit_rounds_then_caps():
    assert hours.credit(T(9, 0), T(10, 59), 0, RULES) == Credit(requested=90, credited=90)
    assert hours.credit(T(9, 0), T(12, 10), 360, RULES) == Credit(requested=180, credited=120)
    assert hours.credit(T(9, 0), T(9, 20), 0, RULES) == Credit(requested=0, credited=0)
    with pytest.raises(ValueError):
        hours.credit(T(12, 0), T(9, 0), 0, RULES)


# --- overlaps ----------------------------------------------------------------------------------------------

def _at(h: int, m: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, 5, h, m)


def test_overlapping_activities_are_paired():
    found = hours.overlaps([
        (_at(14), _at(16), "敬老院慰问"),
        (_at(9), _at(11), "社区清扫"),
        (_at(10, 30), _at(12), "义诊"),
    ])
    assert [(a.label, b.label) for a, b in found] == [("社区清扫", "义诊")]


def test_touching_activities_do_not_overlap():
    assert hours.overlaps([(_at(9), _at(10), "a"), (_at(10), _at(11), "b")]) == []


def test_every_overlapping_pair_is_found():
    found = hours.overlaps([
        (_at(8), _at(17), "all day"),
        (_at(9), _at(10), "morning"),
        (_at(9, 30), _at(9, 45), "inside"),
        (_at(15), _at(16), "afternoon"),
    ])
    assert {(a.label, b.label) for a, b in found} == {
        ("all day", "morning"), ("all day", "inside"), ("all day", "afternoon"), ("morning", "inside")}


def test_no_overlaps_for_none_or_one():
    assert hours.overlaps([]) == []
    assert hours.overlaps([(_at(9), _at(10), "a")]) == []


def test_overlap_warning_names_both():
    first, second = hours.overlaps([(_at(9), _at(11), "社区清扫"), (_at(10, 30), _at(12), "义诊")])[0]
    assert hours.overlap_warning(first, second) == _(
        "{first} ({first_start}–{first_end}) and {second} ({second_start}–{second_end}) overlap; "
        "one person cannot serve in both at once.").format(
        first="社区清扫", first_start="09:00", first_end="11:00",
        second="义诊", second_start="10:30", second_end="12:00")


# --- display -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("minutes", "text"), [
    (0, "0"),
    (30, "0.5"),
    (60, "1"),
    (150, "2.5"),
    (180, "3"),
    (600, "10"),
    (45, "0.75"),
    (20, "0.33"),
    (10, "0.17"),  # 0.1666… rounds half up
    (1, "0.02"),
    (90000, "1500"),
    (-90, "-1.5"),
])
def test_format_hours(minutes, text):
    assert hours.format_hours(minutes) == text
