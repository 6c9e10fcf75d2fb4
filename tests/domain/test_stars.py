"""Star levels by cumulative hours: 100, 300, 600, 1000 and 1500 hours by default."""

from __future__ import annotations

import pytest

from volunteer_desk.domain import stars
from volunteer_desk.i18n import _

H = 60  # minutes in an hour


@pytest.mark.parametrize(("total_minutes", "level"), [
    (0, 0),
    (int(99.5 * H), 0),
    (100 * H - 1, 0),
    (100 * H, 1),  # reaching the threshold exactly earns the star
    (299 * H, 1),
    (300 * H, 2),
    (600 * H, 3),
    (999 * H + 59, 3),
    (1000 * H, 4),
    (1500 * H - 1, 4),
    (1500 * H, 5),
    (5000 * H, 5),
])
def test_star_level_by_default(total_minutes, level):
    assert stars.star_level(total_minutes) == level


def test_star_level_with_a_branchs_own_scale():
    scale = (10, 20, 40, 80, 160.5)
    assert stars.star_level(10 * H, scale) == 1
    assert stars.star_level(160 * H, scale) == 4
    assert stars.star_level(int(160.5 * H), scale) == 5


def test_a_part_minute_of_a_threshold_is_served_in_full():
    scale = (100.01, 300, 600, 1000, 1500)  # 6000.6 minutes
    assert stars.star_level(6000, scale) == 0
    assert stars.star_level(6001, scale) == 1


@pytest.mark.parametrize("scale", [(100, 300, 600, 1000), (100, 300, 600, 1000, 1500, 2000), ()])
def test_thresholds_must_be_five(scale):
    with pytest.raises(ValueError) as caught:
        stars.check_thresholds(scale)
    assert str(caught.value) == _("Give the hours for each of the five star levels.")


@pytest.mark.parametrize(
    "scale", [(100, 300, 300, 1000, 1500), (100, 300, 600, 500, 1500), (1500, 1000, 600, 300, 100)])
def test_thresholds_must_increase_strictly(scale):
    with pytest.raises(ValueError) as caught:
        stars.star_level(0, scale)
    assert str(caught.value) == _("Each star level needs more hours than the one below it.")


@pytest.mark.parametrize("scale", [(0, 300, 600, 1000, 1500), (-100, 300, 600, 1000, 1500),
                                   (100, 300, 600, 1000, float("inf")), (100, 300, 600, 1000, 100_001),
                                   (100, "300", 600, 1000, 1500)])
def test_thresholds_must_be_positive_numbers(scale):
    with pytest.raises(ValueError) as caught:
        stars.check_thresholds(scale)
    assert str(caught.value) == _("The hours for a star level must be more than 0 and at most 100000.")


def test_labels():
    assert stars.label(0) == ""
    assert stars.label(3) == "★★★ " + _("Three-star volunteer")
    assert stars.label(1) == "★ " + _("One-star volunteer")
    assert stars.label(5).startswith("★★★★★ ")
    assert stars.name(5) == _("Five-star volunteer")
    assert len({stars.name(level) for level in range(1, 6)}) == 5
    assert stars.label(6) == stars.name(0) == ""


@pytest.mark.parametrize(("total_minutes", "minutes"), [
    (0, 100 * H),
    (int(99.5 * H), 30),
    (100 * H, 200 * H),  # on one star: what the second needs
    (1499 * H, H),
])
def test_minutes_and_hours_to_next(total_minutes, minutes):
    assert stars.minutes_to_next(total_minutes) == minutes
    assert stars.hours_to_next(total_minutes) == minutes / H


def test_nothing_to_next_at_five_stars():
    assert stars.minutes_to_next(1500 * H) is None
    assert stars.hours_to_next(2000 * H) is None
    assert stars.hours_to_next(160 * H, (10, 20, 40, 80, 160.5)) == 0.5
