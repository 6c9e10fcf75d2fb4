"""Quarters, report deadlines, weeks and themed days (solar, lunar, nth weekday, month)."""

from __future__ import annotations

import datetime as dt

import pytest

from volunteer_desk.domain import calendar
from volunteer_desk.domain.calendar import Quarter, ThemedDayKind
from volunteer_desk.i18n import _

D = dt.date


# --- quarters ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "quarter"), [
    (D(2026, 1, 1), Quarter(2026, 1)),
    (D(2026, 3, 31), Quarter(2026, 1)),
    (D(2026, 4, 1), Quarter(2026, 2)),
    (D(2026, 6, 30), Quarter(2026, 2)),
    (D(2026, 7, 1), Quarter(2026, 3)),
    (D(2026, 9, 30), Quarter(2026, 3)),
    (D(2026, 10, 1), Quarter(2026, 4)),
    (D(2026, 12, 31), Quarter(2026, 4)),
])
def test_quarter_of(day, quarter):
    assert Quarter.of(day) == quarter


@pytest.mark.parametrize(("quarter", "start", "end"), [
    (Quarter(2024, 1), D(2024, 1, 1), D(2024, 3, 31)),
    (Quarter(2024, 2), D(2024, 4, 1), D(2024, 6, 30)),
    (Quarter(2024, 3), D(2024, 7, 1), D(2024, 9, 30)),
    (Quarter(2024, 4), D(2024, 10, 1), D(2024, 12, 31)),
])
def test_quarter_start_and_end(quarter, start, end):
    assert (quarter.start, quarter.end) == (start, end)
    assert start in quarter and end in quarter
    assert start - dt.timedelta(days=1) not in quarter and end + dt.timedelta(days=1) not in quarter


def test_quarter_previous_and_next_cross_the_year():
    assert Quarter(2026, 4).next() == Quarter(2027, 1)
    assert Quarter(2027, 1).previous() == Quarter(2026, 4)
    assert Quarter(2026, 2).next() == Quarter(2026, 3)
    assert Quarter(2026, 2).previous() == Quarter(2026, 1)


def test_quarters_sort_in_time_order():
    assert sorted([Quarter(2027, 1), Quarter(2026, 4), Quarter(2026, 1)]) == [
        Quarter(2026, 1), Quarter(2026, 4), Quarter(2027, 1)]


@pytest.mark.parametrize("number", [0, 5, -1])
def test_quarter_number_is_1_to_4(number):
    with pytest.raises(ValueError) as caught:
        Quarter(2026, number)
    assert str(caught.value) == _("A quarter is numbered 1 to 4.")


@pytest.mark.parametrize(
    "text", ["2026Q4", "2026q4", " 2026-Q4 ", "2026 Q4", "2026年第4季度", "2026年第四季度", "2026年4季度"])
def test_quarter_parse(text):
    assert Quarter.parse(text) == Quarter(2026, 4)


@pytest.mark.parametrize("text", ["2026Q5", "2026Q0", "26Q4", "Q4", "2026", "", "2026年第5季度"])
def test_quarter_parse_rejects(text):
    with pytest.raises(ValueError) as caught:
        Quarter.parse(text)
    assert str(caught.value) == _("Write a quarter as 2026Q4.")


def test_quarter_text_round_trips():
    assert str(Quarter(2026, 4)) == "2026Q4"
    assert Quarter.parse(str(Quarter(2031, 2))) == Quarter(2031, 2)
    assert Quarter(2026, 4).label == _("{year} Q{n}").format(year=2026, n=4)
    assert Quarter.parse(Quarter(2026, 3).label) == Quarter(2026, 3)  # what is shown can be typed back


# --- report deadlines --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("quarter", "deadline"), [
    (Quarter(2026, 1), D(2026, 3, 28)),
    (Quarter(2026, 2), D(2026, 6, 28)),
    (Quarter(2026, 3), D(2026, 9, 28)),
    (Quarter(2026, 4), D(2026, 12, 28)),
])
def test_report_deadline_is_the_28th_of_the_last_month(quarter, deadline):
    assert calendar.report_deadline(quarter) == deadline


@pytest.mark.parametrize(("today", "deadline"), [
    (D(2026, 1, 1), D(2026, 3, 28)),
    (D(2026, 3, 27), D(2026, 3, 28)),
    (D(2026, 3, 28), D(2026, 3, 28)),  # the day itself is still on time
    (D(2026, 3, 29), D(2026, 6, 28)),
    (D(2026, 3, 31), D(2026, 6, 28)),
    (D(2026, 4, 1), D(2026, 6, 28)),
    (D(2026, 9, 29), D(2026, 12, 28)),
    (D(2026, 12, 28), D(2026, 12, 28)),
    (D(2026, 12, 29), D(2027, 3, 28)),  # December after the 28th: next year's first quarter
    (D(2026, 12, 31), D(2027, 3, 28)),
])
def test_next_report_deadline(today, deadline):
    assert calendar.next_report_deadline(today) == deadline


# --- weeks -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "monday"), [
    (D(2026, 3, 2), D(2026, 3, 2)),  # a Monday is its own week's start
    (D(2026, 3, 4), D(2026, 3, 2)),
    (D(2026, 3, 8), D(2026, 3, 2)),  # Sunday ends the week, it does not start one
    (D(2026, 3, 9), D(2026, 3, 9)),
    (D(2026, 1, 1), D(2025, 12, 29)),  # a week across New Year starts in the old year
    (D(2024, 3, 1), D(2024, 2, 26)),  # across 29 February in a leap year
])
def test_week_start_is_monday(day, monday):
    assert calendar.week_start(day) == monday
    assert calendar.week_start(day).weekday() == 0


def test_week_of_is_monday_to_sunday():
    assert calendar.week_of(D(2024, 2, 29)) == (D(2024, 2, 26), D(2024, 3, 3))
    assert calendar.week_of(D(2026, 12, 31)) == (D(2026, 12, 28), D(2027, 1, 3))


# --- themed days -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("year", "lantern", "double_ninth"), [
    (2024, D(2024, 2, 24), D(2024, 10, 11)),
    (2025, D(2025, 2, 12), D(2025, 10, 29)),
    (2026, D(2026, 3, 3), D(2026, 10, 18)),
    (2023, D(2023, 2, 5), D(2023, 10, 23)),  # 2023 has a leap second month: 重阳 is late
    (1950, D(1950, 3, 3), D(1950, 10, 19)),
    (2100, D(2100, 2, 23), D(2100, 10, 12)),
])
def test_lunar_festivals(year, lantern, double_ninth):
    days = {t.key: t for t in calendar.themed_days(year)}
    assert days["lantern"].date == lantern
    assert days["double_ninth"].date == double_ninth
    assert days["lantern"].kind is ThemedDayKind.LUNAR


@pytest.mark.parametrize(("year", "third_sunday"), [
    (2024, D(2024, 5, 19)),
    (2025, D(2025, 5, 18)),
    (2026, D(2026, 5, 17)),
    (2022, D(2022, 5, 15)),  # May begins on a Sunday: the 1st, 8th, 15th
    (2027, D(2027, 5, 16)),  # May begins on a Saturday
])
def test_helping_the_disabled_day_is_the_third_sunday_of_may(year, third_sunday):
    days = {t.key: t for t in calendar.themed_days(year)}
    assert days["helping_disabled"].date == third_sunday
    assert days["helping_disabled"].kind is ThemedDayKind.WEEKDAY


def test_fixed_days_and_the_month_for_the_elderly():
    days = {t.key: t for t in calendar.themed_days(2026)}
    assert {key: (t.date.month, t.date.day) for key, t in days.items() if t.kind is ThemedDayKind.SOLAR} == {
        "ear_care": (3, 3), "lei_feng": (3, 5), "eye_care": (6, 6), "party_birthday": (7, 1),
        "blind": (10, 15), "disabled_persons": (12, 3), "volunteer": (12, 5),
    }
    elderly = days["respect_elderly"]
    assert (elderly.date, elderly.last_day, elderly.kind) == (D(2026, 10, 1), D(2026, 10, 31), ThemedDayKind.MONTH)
    assert len(days) == len(calendar.themed_days(2026)) == 11


def test_themed_days_are_in_date_order_and_named():
    days = calendar.themed_days(2025)
    assert [t.date for t in days] == sorted(t.date for t in days)
    lei_feng = next(t for t in days if t.key == "lei_feng")
    assert lei_feng.name == _("Learn from Lei Feng Day")
    assert lei_feng.name_msgid == "Learn from Lei Feng Day"


def test_themed_day_on():
    assert calendar.themed_day_on(D(2026, 3, 5)).key == "lei_feng"
    assert calendar.themed_day_on(D(2026, 3, 6)) is None
    assert calendar.themed_day_on(D(2026, 7, 1)).key == "party_birthday"
    assert calendar.themed_day_on(D(2025, 10, 29)).key == "double_ninth"  # not the 敬老月 around it
    assert calendar.themed_day_on(D(2025, 10, 15)).key == "blind"
    assert calendar.themed_day_on(D(2025, 10, 2)).key == "respect_elderly"
    assert calendar.themed_day_on(D(2025, 10, 31)).key == "respect_elderly"
    assert calendar.themed_day_on(D(2025, 11, 1)) is None
    assert calendar.themed_day_on(D(2025, 9, 30)) is None


def test_two_themed_days_on_one_date():
    # In 2026 元宵节 falls on 3 March, 全国爱耳日.
    assert {t.key for t in calendar.themed_days_on(D(2026, 3, 3))} == {"lantern", "ear_care"}
    assert [t.key for t in calendar.themed_days_on(D(2026, 10, 18))] == ["double_ninth", "respect_elderly"]
    assert calendar.themed_days_on(D(2026, 3, 4)) == []


def test_next_themed_days():
    upcoming = calendar.next_themed_days(D(2026, 3, 4), 3)
    assert [(t.key, t.date) for t in upcoming] == [
        ("lei_feng", D(2026, 3, 5)), ("helping_disabled", D(2026, 5, 17)), ("eye_care", D(2026, 6, 6))]


def test_next_themed_days_includes_today_and_a_month_under_way():
    assert calendar.next_themed_days(D(2026, 3, 5), 1)[0].key == "lei_feng"
    assert [t.key for t in calendar.next_themed_days(D(2026, 10, 10), 3)] == [
        "respect_elderly", "blind", "double_ninth"]
    assert [t.key for t in calendar.next_themed_days(D(2026, 10, 31), 2)] == ["respect_elderly", "disabled_persons"]


def test_next_themed_days_runs_into_the_next_year():
    upcoming = calendar.next_themed_days(D(2026, 12, 6), 2)
    assert [(t.key, t.date) for t in upcoming] == [
        ("lantern", D(2027, 2, 20)), ("ear_care", D(2027, 3, 3))]
    assert len(calendar.next_themed_days(D(2026, 1, 1), 25)) == 25
    assert calendar.next_themed_days(D(2026, 1, 1), 0) == []


def test_themed_days_returns_a_copy():
    days = calendar.themed_days(2026)
    days.clear()
    assert len(calendar.themed_days(2026)) == 11
