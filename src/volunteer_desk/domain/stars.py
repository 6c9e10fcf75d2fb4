"""Star levels (星级志愿者) by cumulative hours: the scale used nationally and by most provinces."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from volunteer_desk.i18n import N_, _

DEFAULT_THRESHOLDS: tuple[float, ...] = (100, 300, 600, 1000, 1500)  # hours for one to five stars
MAX_LEVEL = 5
MAX_THRESHOLD_HOURS = 100_000

_NAMES = (
    N_("One-star volunteer"),
    N_("Two-star volunteer"),
    N_("Three-star volunteer"),
    N_("Four-star volunteer"),
    N_("Five-star volunteer"),
)


def check_thresholds(thresholds: Sequence[float]) -> tuple[float, ...]:
    """Five strictly increasing positive numbers of hours, as a branch may set its own scale."""
    values = tuple(thresholds)
    if len(values) != MAX_LEVEL:
        raise ValueError(_("Give the hours for each of the five star levels."))
    if not all(isinstance(h, (int, float)) and math.isfinite(h) and 0 < h <= MAX_THRESHOLD_HOURS for h in values):
        raise ValueError(_("The hours for a star level must be more than 0 and at most 100000."))
    if any(later <= earlier for earlier, later in zip(values, values[1:])):
        raise ValueError(_("Each star level needs more hours than the one below it."))
    return values


def _minutes(thresholds: Sequence[float]) -> tuple[int, ...]:
    return _checked_minutes(tuple(thresholds))


@cache  # a ranking asks thousands of times about the same scale
def _checked_minutes(thresholds: tuple[float, ...]) -> tuple[int, ...]:
    # A part minute of a threshold (100.01 h) has to be served in full: ceil, never round down.
    return tuple(math.ceil(h * 60) for h in check_thresholds(thresholds))


def star_level(total_minutes: int, thresholds: Sequence[float] = DEFAULT_THRESHOLDS) -> int:
    """0 to 5: reaching a threshold exactly earns its star (100 h is one star, 99.5 h none)."""
    return sum(total_minutes >= m for m in _minutes(thresholds))


def name(level: int) -> str:
    return _(_NAMES[level - 1]) if 1 <= level <= MAX_LEVEL else ""


def label(level: int) -> str:
    """"★★★ 三星志愿者"; empty below one star, which is no distinction and nothing to show in a list."""
    if not 1 <= level <= MAX_LEVEL:
        return ""
    return f"{'★' * level} {name(level)}"


def minutes_to_next(total_minutes: int, thresholds: Sequence[float] = DEFAULT_THRESHOLDS) -> int | None:
    """Minutes still to serve for the next star; None at five stars."""
    level = star_level(total_minutes, thresholds)
    if level >= MAX_LEVEL:
        return None
    return _minutes(thresholds)[level] - total_minutes


def hours_to_next(total_minutes: int, thresholds: Sequence[float] = DEFAULT_THRESHOLDS) -> float | None:
    """The same in hours, for "还差 12.5 小时"; hours.format_hours(minutes_to_next(...)) gives the text."""
    minutes = minutes_to_next(total_minutes, thresholds)
    return None if minutes is None else minutes / 60
