"""The branch's own rules, kept in app_setting as JSON: hours (rounding, daily cap), points, star
thresholds and team sizes. Defaults come from the domain modules; a stored value that no longer makes
sense (edited by hand, an older version) falls back to the default rather than stopping the program."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from volunteer_desk.domain import stars
from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.domain.hours import HoursRules
from volunteer_desk.domain.points import PointsRules
from volunteer_desk.domain.teams import DEFAULT_LIMITS, SizeLimits
from volunteer_desk.i18n import _
from volunteer_desk.services.database import Database
from volunteer_desk.storage import audit, settings

HOURS_KEY = "rules.hours"
POINTS_KEY = "rules.points"
STARS_KEY = "rules.star_thresholds"
TEAM_SIZES_KEY = "rules.team_sizes"


class InvalidRules(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


# --- reading, inside any caller's transaction ----------------------------------------------------------------

def hours_rules(session: Session) -> HoursRules:
    stored = settings.get(session, HOURS_KEY)
    try:
        return HoursRules(**stored) if isinstance(stored, dict) else HoursRules()
    except (TypeError, ValueError):
        return HoursRules()


def points_rules(session: Session) -> PointsRules:
    stored = settings.get(session, POINTS_KEY)
    try:
        return PointsRules(**stored) if isinstance(stored, dict) else PointsRules()
    except (TypeError, ValueError):
        return PointsRules()


def star_thresholds(session: Session) -> tuple[float, ...]:
    stored = settings.get(session, STARS_KEY)
    try:
        return stars.check_thresholds(stored) if isinstance(stored, list) else stars.DEFAULT_THRESHOLDS
    except (TypeError, ValueError):
        return stars.DEFAULT_THRESHOLDS


def team_limits(session: Session) -> dict[TeamKind, SizeLimits]:
    limits = dict(DEFAULT_LIMITS)
    stored = settings.get(session, TEAM_SIZES_KEY)
    if isinstance(stored, dict):
        for kind, pair in stored.items():
            try:
                limits[TeamKind(kind)] = SizeLimits(*pair)
            except (TypeError, ValueError):
                continue
    return limits


# --- checking what the settings dialog hands over ------------------------------------------------------------

def _number(value: Any, *, whole: bool = False) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    if whole:
        return int(value) if float(value).is_integer() else None
    return value


def check_hours(values: Mapping[str, Any]) -> tuple[HoursRules | None, dict[str, str]]:
    errors: dict[str, str] = {}
    unit = _number(values.get("rounding_unit_minutes"), whole=True)
    cap = _number(values.get("daily_cap_minutes"), whole=True)
    if unit is None:
        errors["rounding_unit_minutes"] = _("Enter a whole number of minutes.")
    if cap is None:
        errors["daily_cap_minutes"] = _("Enter a whole number of minutes.")
    if errors:
        return None, errors
    # Each field on its own first (480 minutes is a whole number of every unit), then the two together.
    for field, attempt in (("rounding_unit_minutes", {"rounding_unit_minutes": unit}),
                           ("daily_cap_minutes", {"rounding_unit_minutes": 1, "daily_cap_minutes": cap})):
        try:
            HoursRules(**attempt)
        except ValueError as error:
            errors[field] = str(error)
    if errors:
        return None, errors
    try:
        return HoursRules(rounding_unit_minutes=unit, daily_cap_minutes=cap), {}
    except ValueError as error:
        return None, {"daily_cap_minutes": str(error)}


def check_points(values: Mapping[str, Any]) -> tuple[PointsRules | None, dict[str, str]]:
    errors: dict[str, str] = {}
    checked: dict[str, Any] = {}
    for field in ("points_per_hour", "points_per_activity", "themed_day_bonus"):
        value = _number(values.get(field, getattr(PointsRules(), field)))
        if value is None:
            errors[field] = _("Enter a number.")
            continue
        try:
            PointsRules(**{field: float(value)})
            checked[field] = float(value)
        except ValueError as error:
            errors[field] = str(error)
    coefficients: dict[str, float] = {}
    raw = values.get("category_coefficients") or {}
    if not isinstance(raw, Mapping):
        errors["category_coefficients"] = _("Enter a number.")
    else:
        for name, raw_value in raw.items():
            value = _number(raw_value)
            try:
                if value is None or not str(name).strip():
                    raise ValueError(_("A category's coefficient must be more than 0 and at most 10."))
                PointsRules(category_coefficients={str(name).strip(): float(value)})
                coefficients[str(name).strip()] = float(value)
            except ValueError as error:
                errors[f"category_coefficients.{name}"] = str(error)
    if errors:
        return None, errors
    return PointsRules(**checked, category_coefficients=coefficients), {}


def check_star_thresholds(values: Any) -> tuple[tuple[float, ...] | None, dict[str, str]]:
    numbers = [_number(v) for v in values] if isinstance(values, (list, tuple)) else []
    try:
        if any(n is None for n in numbers):
            raise ValueError(_("The hours for a star level must be more than 0 and at most 100000."))
        return stars.check_thresholds(numbers), {}
    except ValueError as error:
        return None, {"thresholds": str(error)}


def check_team_sizes(values: Mapping[str, Any]) -> tuple[dict[TeamKind, SizeLimits] | None, dict[str, str]]:
    """{kind value: (minimum, maximum)}; kinds not given keep their limits."""
    errors: dict[str, str] = {}
    limits: dict[TeamKind, SizeLimits] = {}
    for kind, pair in values.items():
        try:
            team_kind = TeamKind(kind)
        except ValueError:
            errors[str(kind)] = _("There is no such kind of team.")
            continue
        numbers = [_number(v, whole=True) for v in pair] if isinstance(pair, (list, tuple)) and len(pair) == 2 else []
        try:
            if len(numbers) != 2 or None in numbers:
                raise ValueError(_("The smallest team size must be at least 1 and no more than the largest."))
            limits[team_kind] = SizeLimits(*numbers)
        except ValueError as error:
            errors[team_kind.value] = str(error)
    return (None, errors) if errors else (limits, {})


def _points_value(rules: PointsRules) -> dict[str, Any]:
    return {"points_per_hour": rules.points_per_hour, "points_per_activity": rules.points_per_activity,
            "themed_day_bonus": rules.themed_day_bonus, "category_coefficients": dict(rules.category_coefficients)}


def _sizes_value(limits: Mapping[TeamKind, SizeLimits]) -> dict[str, list[int]]:
    return {kind.value: [limit.minimum, limit.maximum] for kind, limit in limits.items()}


# --- the service -----------------------------------------------------------------------------------------------

class RulesService:
    def __init__(self, database: Database):
        self._db = database

    def hours(self) -> HoursRules:
        with self._db.sessions() as session:
            return hours_rules(session)

    def points(self) -> PointsRules:
        with self._db.sessions() as session:
            return points_rules(session)

    def star_thresholds(self) -> tuple[float, ...]:
        with self._db.sessions() as session:
            return star_thresholds(session)

    def team_limits(self) -> dict[TeamKind, SizeLimits]:
        with self._db.sessions() as session:
            return team_limits(session)

    def save_hours(self, values: Mapping[str, Any]) -> HoursRules:
        rules, errors = check_hours(values)
        if errors:
            raise InvalidRules(errors)
        self._put(HOURS_KEY, dataclasses.asdict(rules),
                  f"rounding {rules.rounding_unit_minutes} min, cap {rules.daily_cap_minutes} min")
        return rules

    def save_points(self, values: Mapping[str, Any]) -> PointsRules:
        rules, errors = check_points(values)
        if errors:
            raise InvalidRules(errors)
        self._put(POINTS_KEY, _points_value(rules), f"{rules.points_per_hour}/h, {rules.points_per_activity}/activity, "
                                                    f"themed day {rules.themed_day_bonus}")
        return rules

    def save_star_thresholds(self, values: Any) -> tuple[float, ...]:
        thresholds, errors = check_star_thresholds(values)
        if errors:
            raise InvalidRules(errors)
        self._put(STARS_KEY, list(thresholds), ", ".join(f"{h:g}" for h in thresholds))
        return thresholds

    def save_team_sizes(self, values: Mapping[str, Any]) -> dict[TeamKind, SizeLimits]:
        changed, errors = check_team_sizes(values)
        if errors:
            raise InvalidRules(errors)
        with self._db.sessions.begin() as session:
            limits = team_limits(session) | changed
            stored = _sizes_value(limits)
            settings.put(session, TEAM_SIZES_KEY, stored)
            audit.record(session, action="update", entity="setting", entity_id=None,
                         summary=f"{TEAM_SIZES_KEY}: {stored}")
        return limits

    def save_all(self, hours: Mapping[str, Any], points: Mapping[str, Any], thresholds: Any,
                 team_sizes: Mapping[str, Any]) -> None:
        """The four sections as the rules dialog saves them: all are checked first, and nothing is written
        unless all are right (InvalidRules holds every section's errors, by the same field keys as the
        save_* methods). Only sections that changed are written, in one transaction."""
        checked_hours, errors = check_hours(hours)
        checked_points, points_errors = check_points(points)
        checked_stars, star_errors = check_star_thresholds(thresholds)
        changed_sizes, size_errors = check_team_sizes(team_sizes)
        errors = {**errors, **points_errors, **star_errors, **size_errors}
        if errors:
            raise InvalidRules(errors)
        with self._db.sessions.begin() as session:
            limits = team_limits(session) | changed_sizes
            sections = ((HOURS_KEY, checked_hours, hours_rules(session), dataclasses.asdict(checked_hours)),
                        (POINTS_KEY, checked_points, points_rules(session), _points_value(checked_points)),
                        (STARS_KEY, checked_stars, star_thresholds(session), list(checked_stars)),
                        (TEAM_SIZES_KEY, limits, team_limits(session), _sizes_value(limits)))
            for key, new, current, value in sections:
                if new == current:
                    continue
                settings.put(session, key, value)
                audit.record(session, action="update", entity="setting", entity_id=None, summary=f"{key}: {value}")

    def reset(self) -> None:
        """Back to the domain defaults for all four."""
        with self._db.sessions.begin() as session:
            for key in (HOURS_KEY, POINTS_KEY, STARS_KEY, TEAM_SIZES_KEY):
                settings.put(session, key, None)
            audit.record(session, action="update", entity="setting", entity_id=None, summary="rules reset")

    def _put(self, key: str, value: Any, summary: str) -> None:
        with self._db.sessions.begin() as session:
            settings.put(session, key, value)
            audit.record(session, action="update", entity="setting", entity_id=None, summary=f"{key}: {summary}")
