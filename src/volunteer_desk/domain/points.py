"""志愿积分 (seed 004 三.1): points reviewed and published every quarter, counted towards joining the Party,
full membership, 党员先锋指数 and awards. So every point has a line saying where it came from."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from volunteer_desk.domain import calendar
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import N_, _

MAX_MANUAL_POINTS = 100
MAX_REASON_LENGTH = 200

RULE_HOURS = "hours"
RULE_ACTIVITY = "activity"
RULE_THEMED_DAY = "themed_day"
RULE_MANUAL = "manual"

_HOURS = N_("{hours} h of service")
_HOURS_WEIGHTED = N_("{hours} h of service × {coefficient} for {category}")
_ACTIVITY = N_("Taking part in an activity")
_THEMED_DAY = N_("Activity on a themed day: {day}")
_TRANSLATED_ARGS = frozenset({"day"})  # arguments that are msgids themselves, translated when shown


def round_points(value: float | Decimal) -> float:
    """To 0.1, halves away from zero: what people do by hand, unlike round()'s banker's rounding."""
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclasses.dataclass(frozen=True)
class PointsRules:
    points_per_hour: float = 1.0
    points_per_activity: float = 0.0
    themed_day_bonus: float = 2.0  # added once per activity held on a themed day
    category_coefficients: Mapping[str, float] = dataclasses.field(default_factory=dict)  # missing = 1.0

    def __post_init__(self) -> None:
        for value in (self.points_per_hour, self.points_per_activity, self.themed_day_bonus):
            if not (math.isfinite(value) and 0 <= value <= MAX_MANUAL_POINTS):
                raise ValueError(_("Points in a rule must be between 0 and 100."))
        for value in self.category_coefficients.values():
            if not (math.isfinite(value) and 0 < value <= 10):
                raise ValueError(_("A category's coefficient must be more than 0 and at most 10."))

    def coefficient(self, category_name: str | None) -> float:
        return self.category_coefficients.get(category_name, 1.0) if category_name else 1.0


@dataclasses.dataclass(frozen=True)
class PointsLine:
    points: float
    rule_key: str
    reason_msgid: str
    args: tuple[tuple[str, str], ...] = ()

    @property
    def reason(self) -> str:
        values = {name: _(value) if name in _TRANSLATED_ARGS else value for name, value in self.args}
        return _(self.reason_msgid).format(**values)


def points_for(minutes: int, activity_date: dt.date, category_name: str | None,
               rules: PointsRules = PointsRules()) -> list[PointsLine]:
    """The lines making up one person's points for one activity, from the minutes credited (already rounded
    and capped). The category's coefficient weighs the hours only: the per-activity points and the themed-day
    bonus reward taking part, whatever the work. Lines worth nothing are left out. 敬老月 lasts all October,
    so it earns no bonus: the bonus is for days, or every October activity would get it."""
    if minutes < 0:
        raise ValueError(_("Service time cannot be negative."))
    lines: list[PointsLine] = []
    coefficient = rules.coefficient(category_name)
    # In decimals: 21 min at 1 point an hour is 0.35 exactly, so 0.4, whatever binary floats make of it.
    hours_points = round_points(
        Decimal(minutes) / 60 * Decimal(str(rules.points_per_hour)) * Decimal(str(coefficient)))
    if hours_points:
        if coefficient == 1.0:
            lines.append(PointsLine(hours_points, RULE_HOURS, _HOURS, (("hours", format_hours(minutes)),)))
        else:
            args = (("hours", format_hours(minutes)), ("coefficient", f"{coefficient:g}"),
                    ("category", category_name or ""))
            lines.append(PointsLine(hours_points, RULE_HOURS, _HOURS_WEIGHTED, args))
    if rules.points_per_activity:
        lines.append(PointsLine(round_points(rules.points_per_activity), RULE_ACTIVITY, _ACTIVITY))
    day = next((t for t in calendar.themed_days_on(activity_date) if t.kind is not calendar.ThemedDayKind.MONTH),
               None)
    if day and rules.themed_day_bonus:
        lines.append(PointsLine(round_points(rules.themed_day_bonus), RULE_THEMED_DAY, _THEMED_DAY,
                                (("day", day.name_msgid),)))
    return lines


def total(lines: Iterable[PointsLine]) -> float:
    return round_points(sum(line.points for line in lines))


@dataclasses.dataclass(frozen=True)
class ManualPoints:
    """An addition or deduction by hand: a ledger entry with the reason the secretary gives, not a rule."""

    points: float
    reason: str
    rule_key: str = RULE_MANUAL


def manual(points: float, reason: str) -> ManualPoints:
    text = reason.strip()
    if not text:
        raise ValueError(_("Give the reason for adding or deducting points."))
    if len(text) > MAX_REASON_LENGTH:
        raise ValueError(_("The reason can have at most 200 characters."))
    if not math.isfinite(points):
        raise ValueError(_("Points by hand must be between -100 and 100, and not 0."))
    value = round_points(points)
    if value == 0 or abs(value) > MAX_MANUAL_POINTS:
        raise ValueError(_("Points by hand must be between -100 and 100, and not 0."))
    return ManualPoints(value, text)
