"""Dashboard figures against the rules, at their boundaries, with pinned dates."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.services.test_reports import World
from volunteer_desk.services.dashboard import DashboardService
from volunteer_desk.storage.schema import Organisation

WEDNESDAY = dt.date(2026, 11, 18)  # week of Monday 16th – Sunday 22nd, 2026Q4


@pytest.fixture
def world(database):
    return World(database)


def _members(world, n):
    with world.db.sessions.begin() as session:
        session.get(Organisation, world.home).party_members = n


def _board(world, today=WEDNESDAY, **kwargs):
    return DashboardService(world.db).dashboard(today, **kwargs)


def _met(board, index):
    return board.figures[index].met


@pytest.mark.parametrize(("day", "counted"), [
    (dt.date(2026, 11, 16), True),  # Monday of the week
    (dt.date(2026, 11, 22), True),  # Sunday of the week
    (dt.date(2026, 11, 15), False),  # Sunday before
    (dt.date(2026, 11, 23), False),  # Monday after
])
def test_activity_this_week_monday_to_sunday(world, day, counted):
    world.activity(day)
    board = _board(world)
    assert (board.week_first, board.week_last) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    assert board.activities_this_week == int(counted)
    assert _met(board, 0) is counted


def test_everyone_served_this_week(world):
    a, b = world.volunteer("甲", "jia"), world.volunteer("乙", "yi")
    act = world.activity(dt.date(2026, 11, 16))
    world.serve(a, act, 60)
    board = _board(world)
    assert (board.served_this_week, board.volunteers, _met(board, 1)) == (1, 2, False)
    world.serve(b, act, 60)
    assert _met(_board(world), 1) is True


def test_no_volunteers_leaves_the_rules_unjudged(world):
    board = _board(world)
    assert board.volunteers == 0
    assert _met(board, 1) is None and _met(board, 2) is None and _met(board, 3) is None


def test_participation_exactly_half_meets_the_rule(world):
    people = [world.volunteer(n, p) for n, p in (("甲", "jia"), ("乙", "yi"), ("丙", "bing"))]
    act = world.activity(dt.date(2026, 10, 1))  # first day of the quarter
    world.activity(dt.date(2026, 9, 30))
    for volunteer in people[:2]:
        world.serve(volunteer, act, 60)
    _members(world, 4)
    board = _board(world)
    assert (board.served_this_quarter, board.participation_ratio, _met(board, 2)) == (2, 0.5, True)
    assert board.figures[2].value == "50%"
    _members(world, 5)
    board = _board(world)
    assert (board.participation_ratio, _met(board, 2)) == (0.4, False)
    _members(world, 0)
    assert _board(world).participation_ratio is None and _met(_board(world), 2) is None


def test_idle_exactly_four_weeks(world):
    four = world.volunteer("四周", "si zhou")
    three = world.volunteer("三周", "san zhou")
    never = world.volunteer("从未", "cong wei")
    world.serve(four, world.activity(WEDNESDAY - dt.timedelta(days=28)), 60)
    world.serve(three, world.activity(WEDNESDAY - dt.timedelta(days=27)), 60)
    board = _board(world)
    assert board.idle_count == 2
    assert board.idle_names == ("从未", "四周")  # by pinyin
    assert _board(world, idle_names=1).idle_names == ("从未",)
    assert _met(board, 3) is False
    assert never


@pytest.mark.parametrize(("today", "deadline", "left"), [
    (dt.date(2026, 12, 28), dt.date(2026, 12, 28), 0),  # the 28th itself is still on time
    (dt.date(2026, 12, 29), dt.date(2027, 3, 28), 89),
    (dt.date(2026, 11, 18), dt.date(2026, 12, 28), 40),
])
def test_report_deadline(world, today, deadline, left):
    board = _board(world, today)
    assert (board.report_deadline, board.days_to_deadline) == (deadline, left)


def test_next_themed_days(world):
    board = _board(world, dt.date(2026, 12, 3), themed_days=2)
    assert [(t.date, t.days_left) for t in board.themed_days] == [(dt.date(2026, 12, 3), 0), (dt.date(2026, 12, 5), 2)]
    assert all(t.name for t in board.themed_days)
    assert all(f.rule and f.label for f in board.figures)
