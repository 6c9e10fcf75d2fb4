"""Hours and points: crediting and correcting a participation's minutes, totals, star levels and 志愿积分.

Every change of hours is a new hours entry with its reason and operator, and the participation's minutes
move with it in the same transaction; the points the activity earns follow by compensating rows
(志愿服务记录与证明出具办法: a wrong record is corrected, never rewritten).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from volunteer_desk.domain import hours as hours_domain
from volunteer_desk.domain import points as points_domain
from volunteer_desk.domain import stars
from volunteer_desk.domain.hours import HoursRules
from volunteer_desk.domain.points import PointsRules
from volunteer_desk.i18n import _
from volunteer_desk.services import rules as rules_service
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.ownership import not_ours
from volunteer_desk.storage import activities as activity_store
from volunteer_desk.storage import audit, settings
from volunteer_desk.storage import ledgers as store
from volunteer_desk.storage.schema import Activity, Participation, VolunteerRow

MAX_REASON_LENGTH = 200
Today = Callable[[], dt.date]


@dataclass(frozen=True)
class CreditResult:
    participation_id: str
    minutes: int  # credited now, after rounding and the daily cap
    delta: int  # the hours entry written (0: nothing changed, nothing written)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class HoursLine:
    at: dt.datetime
    operator: str
    delta: int
    reason: str


@dataclass(frozen=True)
class StarStatus:
    volunteer_id: str
    minutes: int
    level: int
    label: str
    minutes_to_next: int | None


@dataclass(frozen=True)
class PointsLedgerLine:
    id: str
    earned_on: dt.date
    points: float
    rule: str
    reason: str
    activity_id: str | None
    operator: str
    at: dt.datetime


# --- inside a caller's transaction ---------------------------------------------------------------------------

def operator(session: Session) -> str:
    return settings.get(session, settings.OPERATOR, "") or ""


def check_reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise InvalidEntry({"reason": _("Give the reason for the change; the record keeps it.")})
    if len(text) > MAX_REASON_LENGTH:
        raise InvalidEntry({"reason": _("The reason can have at most 200 characters.")})
    return text


def allowed_minutes(session: Session, participation: Participation, activity: Activity, requested: int,
                    rules: HoursRules, today: dt.date) -> tuple[int, list[tuple[str, str]]]:
    """`requested` rounded down and capped by what the volunteer already has that day; with the warnings to show.
    Raises InvalidEntry when no time can be credited at all (negative, or an activity still to come)."""
    if isinstance(requested, bool) or not isinstance(requested, int):
        raise InvalidEntry({"minutes": _("Enter the service time as a whole number of minutes.")})
    if requested < 0:
        raise InvalidEntry({"minutes": _("Service time cannot be negative.")})
    if requested and activity.held_on > today:
        raise InvalidEntry({"minutes": _("The activity on {date} has not happened yet; hours are credited on the "
                                         "day or after.").format(date=activity.held_on.isoformat())})
    warnings: list[tuple[str, str]] = []  # (kind: "rounded" or "capped", message)
    rounded = hours_domain.round_down(requested, rules)
    if rounded != requested:
        warnings.append(("rounded", _("{requested} min rounded down to {credited} min (units of {unit} min).").format(
            requested=requested, credited=rounded, unit=rules.rounding_unit_minutes)))
    today_so_far = activity_store.minutes_on_day(session, participation.volunteer_id, activity.held_on,
                                                 excluding=participation.id)
    credit = hours_domain.apply_daily_cap(today_so_far, rounded, rules)
    if credit.capped:
        warnings.append(("capped", _(
            "{name} already has {done} h on {date}; the daily limit of {cap} h leaves {credited} h of this "
            "activity's {requested} h.").format(
            name=_volunteer_name(session, participation.volunteer_id),
            done=hours_domain.format_hours(today_so_far), date=activity.held_on.isoformat(),
            cap=hours_domain.format_hours(rules.daily_cap_minutes),
            credited=hours_domain.format_hours(credit.credited),
            requested=hours_domain.format_hours(credit.requested))))
    return credit.credited, warnings


def _volunteer_name(session: Session, volunteer_id: str) -> str:
    row = session.get(VolunteerRow, volunteer_id)
    return row.name if row else ""


def set_credited(session: Session, participation: Participation, activity: Activity, minutes: int, reason: str,
                 *, points_rules: PointsRules, rules_reason: str | None = None) -> int:
    """Bring the participation to `minutes` (already checked) with one hours entry, then the points; returns
    the delta written. Audited in the same transaction."""
    delta = minutes - participation.minutes
    who = operator(session)
    if delta:
        store.add_hours(session, participation, delta, reason=reason, operator=who)
        audit.record(session, action="update", entity="participation", entity_id=participation.id,
                     summary=f"minutes {delta:+d}: {reason}", org_id=participation.org_id)
    reconcile_points(session, participation, activity, reason=rules_reason or reason, rules=points_rules)
    return delta


def reconcile_points(session: Session, participation: Participation, activity: Activity, *, reason: str,
                     rules: PointsRules) -> None:
    """Add the rows that bring a volunteer's points from an activity to what its rules give now. Rows are keyed
    by (rule, earned_on), so a moved activity gives back the old day's points and earns the new day's."""
    wanted: dict[tuple[str, dt.date], tuple[float, str]] = {}
    if participation.minutes > 0 and not participation.deleted and not activity.deleted:
        category = activity_store.category_name(session, activity.category_id)
        for line in points_domain.points_for(participation.minutes, activity.held_on, category, rules):
            wanted[(line.rule_key, activity.held_on)] = (line.points, line.reason)
    held = store.activity_points(session, participation.volunteer_id, activity.id)
    who = operator(session)
    for key in sorted(set(wanted) | set(held), key=lambda k: (k[1], k[0])):
        target, line_reason = wanted.get(key, (0.0, ""))
        current = held.get(key, 0.0)
        delta = points_domain.round_points(target - current)
        if not delta:
            continue
        rule, earned_on = key
        row = store.add_points(session, volunteer_id=participation.volunteer_id, earned_on=earned_on, points=delta,
                         rule=rule, reason=(line_reason if not current and line_reason else reason)[:MAX_REASON_LENGTH],
                         operator=who, activity_id=activity.id, org_id=participation.org_id)
        audit.record(session, action="create", entity="points_entry", entity_id=row.id,
                     summary=f"{rule} {delta:+g} ({earned_on.isoformat()})", org_id=participation.org_id)


# --- the service -----------------------------------------------------------------------------------------------

class LedgerService:
    def __init__(self, database: Database, *, today: Today = dt.date.today):
        self._db = database
        self._today = today

    # hours

    def set_minutes(self, participation_id: str, minutes: int, reason: str) -> CreditResult:
        """Correct a participant's credited minutes; the reason is required and kept in the ledger."""
        text = check_reason(reason)
        with self._db.sessions.begin() as session:
            participation = session.get(Participation, participation_id)
            activity = participation and activity_store.live(session, participation.activity_id)
            if participation is None or participation.deleted or activity is None:
                raise InvalidEntry({"participation": _("This participation no longer exists.")})
            refusal = not_ours(session, participation.org_id)
            if refusal:
                raise InvalidEntry({"participation": refusal})
            credited, warnings = allowed_minutes(session, participation, activity, minutes,
                                                 rules_service.hours_rules(session), self._today())
            delta = set_credited(session, participation, activity, credited, text,
                                 points_rules=rules_service.points_rules(session))
        return CreditResult(participation_id, credited, delta, tuple(m for _kind, m in warnings))

    def history(self, participation_id: str) -> list[HoursLine]:
        with self._db.sessions() as session:
            return [HoursLine(e.created_at, e.operator, e.minutes_delta, e.reason)
                    for e in store.hours_history(session, participation_id)]

    def total_minutes(self, volunteer_id: str, *, start: dt.date | None = None, end: dt.date | None = None) -> int:
        with self._db.sessions() as session:
            return store.total_minutes(session, [volunteer_id], start=start, end=end)[volunteer_id]

    def totals(self, volunteer_ids: Sequence[str], *, start: dt.date | None = None,
               end: dt.date | None = None) -> dict[str, int]:
        with self._db.sessions() as session:
            return store.total_minutes(session, volunteer_ids, start=start, end=end)

    # stars

    def star(self, volunteer_id: str) -> StarStatus:
        return self.stars([volunteer_id])[volunteer_id]

    def stars(self, volunteer_ids: Sequence[str]) -> dict[str, StarStatus]:
        """Star levels of many volunteers from one query of their all-time totals."""
        with self._db.sessions() as session:
            thresholds = rules_service.star_thresholds(session)
            totals = store.total_minutes(session, volunteer_ids)
        result = {}
        for volunteer_id, minutes in totals.items():
            level = stars.star_level(minutes, thresholds)
            result[volunteer_id] = StarStatus(volunteer_id, minutes, level, stars.label(level),
                                              stars.minutes_to_next(minutes, thresholds))
        return result

    # points

    def add_manual_points(self, volunteer_id: str, points: float, reason: str, *,
                          earned_on: dt.date | None = None) -> str:
        """An addition or deduction by hand (domain.points.manual), dated today unless told."""
        try:
            entry = points_domain.manual(points, reason)
        except ValueError as error:
            field = "reason" if not (reason or "").strip() or len((reason or "").strip()) > MAX_REASON_LENGTH \
                else "points"
            raise InvalidEntry({field: str(error)}) from None
        day = earned_on or self._today()
        if day > self._today():
            raise InvalidEntry({"earned_on": _("Points cannot be dated in the future.")})
        with self._db.sessions.begin() as session:
            volunteer = session.get(VolunteerRow, volunteer_id)
            if volunteer is None or volunteer.deleted:
                raise InvalidEntry({"volunteer": _("This volunteer no longer exists.")})
            refusal = not_ours(session, volunteer.org_id)
            if refusal:
                raise InvalidEntry({"volunteer": refusal})
            row = store.add_points(session, volunteer_id=volunteer_id, earned_on=day, points=entry.points,
                                   rule=entry.rule_key, reason=entry.reason, operator=operator(session),
                                   org_id=volunteer.org_id)
            audit.record(session, action="create", entity="points_entry", entity_id=row.id,
                         summary=f"manual {entry.points:+g}: {entry.reason}", org_id=volunteer.org_id)
            return row.id

    def points_total(self, volunteer_id: str, *, start: dt.date | None = None, end: dt.date | None = None) -> float:
        return self.points_totals([volunteer_id], start=start, end=end)[volunteer_id]

    def points_totals(self, volunteer_ids: Sequence[str], *, start: dt.date | None = None,
                      end: dt.date | None = None) -> dict[str, float]:
        with self._db.sessions() as session:
            totals = store.points_totals(session, volunteer_ids, start=start, end=end)
        return {k: points_domain.round_points(v) for k, v in totals.items()}

    def points_ledger(self, volunteer_id: str) -> list[PointsLedgerLine]:
        with self._db.sessions() as session:
            return [PointsLedgerLine(e.id, e.earned_on, e.points, e.rule, e.reason, e.activity_id, e.operator,
                                     e.created_at) for e in store.points_entries(session, volunteer_id)]
