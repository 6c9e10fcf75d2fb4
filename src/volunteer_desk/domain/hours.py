"""Service hours (志愿服务记录办法; SHEETS.md "Hours"): the time actually served, in whole minutes.

Durations are ints of minutes everywhere, as storage keeps them; hours exist only as text for people.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from volunteer_desk.i18n import _

ROUNDING_UNITS = (1, 5, 10, 15, 30, 60)
MIN_DAILY_CAP, MAX_DAILY_CAP = 60, 24 * 60


@dataclasses.dataclass(frozen=True)
class HoursRules:
    """No national rounding unit exists; local rules use half hours and an 8-hour day, hence the defaults."""

    rounding_unit_minutes: int = 30
    daily_cap_minutes: int = 480

    def __post_init__(self) -> None:
        if self.rounding_unit_minutes not in ROUNDING_UNITS:
            raise ValueError(_("The rounding unit must be 1, 5, 10, 15, 30 or 60 minutes."))
        if not MIN_DAILY_CAP <= self.daily_cap_minutes <= MAX_DAILY_CAP:
            raise ValueError(_("The daily limit must be between 1 and 24 hours."))
        # Otherwise the cap itself could never be credited, only the last whole unit below it.
        if self.daily_cap_minutes % self.rounding_unit_minutes:
            raise ValueError(_("The daily limit must be a whole number of rounding units."))


def duration_minutes(start: dt.time, end: dt.time) -> int:
    """Whole minutes from start to end; a part minute is not counted. Activities end the day they start."""
    seconds = (end.hour - start.hour) * 3600 + (end.minute - start.minute) * 60 + end.second - start.second
    if seconds <= 0:
        raise ValueError(
            _("The activity must end after it starts ({start}–{end}); service past midnight is entered as "
              "two records, one for each day.").format(start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))
        )
    return seconds // 60


def round_down(minutes: int, rules: HoursRules) -> int:
    """Down to the unit, never up: rounding up would credit time that was not served (真实、准确)."""
    if minutes < 0:
        raise ValueError(_("Service time cannot be negative."))
    return minutes - minutes % rules.rounding_unit_minutes


class Credit(NamedTuple):
    requested: int
    credited: int

    @property
    def capped(self) -> bool:
        return self.credited < self.requested

    @property
    def cut(self) -> int:
        return self.requested - self.credited


def apply_daily_cap(credited_today: int, new_minutes: int, rules: HoursRules) -> Credit:
    """What of `new_minutes` may be credited to one person on a day that already has `credited_today`."""
    if credited_today < 0 or new_minutes < 0:
        raise ValueError(_("Service time cannot be negative."))
    room = max(rules.daily_cap_minutes - credited_today, 0)
    return Credit(requested=new_minutes, credited=min(new_minutes, room))


def credit(start: dt.time, end: dt.time, credited_today: int, rules: HoursRules) -> Credit:
    """An activity's length, rounded down, then capped: the order the rules are applied in.
    `requested` is the rounded length, so `capped` tells only of the cap."""
    return apply_daily_cap(credited_today, round_down(duration_minutes(start, end), rules), rules)


# --- one person in two places at once ----------------------------------------------------------------------

class Interval(NamedTuple):
    start: dt.datetime
    end: dt.datetime
    label: str


def overlaps(intervals: Iterable[tuple[dt.datetime, dt.datetime, str]]) -> list[tuple[Interval, Interval]]:
    """Pairs of one person's activities that overlap, earlier-starting first. Touching (10:00 ends, 10:00
    starts) is not overlapping. It is a warning: the times may be right and the records simply careless."""
    ordered = sorted((Interval(*i) for i in intervals), key=lambda i: (i.start, i.end))
    pairs: list[tuple[Interval, Interval]] = []
    for n, first in enumerate(ordered):
        for second in ordered[n + 1:]:
            if second.start >= first.end:
                break
            pairs.append((first, second))
    return pairs


def overlap_warning(first: Interval, second: Interval) -> str:
    return _("{first} ({first_start}–{first_end}) and {second} ({second_start}–{second_end}) overlap; "
             "one person cannot serve in both at once.").format(
        first=first.label, first_start=first.start.strftime("%H:%M"), first_end=first.end.strftime("%H:%M"),
        second=second.label, second_start=second.start.strftime("%H:%M"), second_end=second.end.strftime("%H:%M"),
    )


def format_hours(minutes: int) -> str:
    """Hours for lists: 150 → "2.5", 180 → "3", 20 → "0.33" (at most two decimals, no trailing zeros)."""
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{hours:f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
