"""Activities (时间、地点、内容、服务对象、取得成效, seed 001 六.3), their photos and participants, and fast
entry from a paper sign-in sheet.

Participants are credited the activity's length by domain.hours (rounded down, capped per day across the
volunteer's other activities); caps and overlaps come back as warnings and never block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from volunteer_desk.domain import hours as hours_domain
from volunteer_desk.domain import masking
from volunteer_desk.domain.enums import ActivityKind
from volunteer_desk.i18n import _
from volunteer_desk.services import ledgers
from volunteer_desk.services import rules as rules_service
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.ledgers import Today
from volunteer_desk.services.ownership import not_ours
from volunteer_desk.storage import activities as store
from volunteer_desk.storage import audit, organisations
from volunteer_desk.storage.schema import (
    Activity,
    BrandProject,
    Pairing,
    Participation,
    ServiceCategory,
    ServiceStation,
    Team,
)

MAX_DAYS_AHEAD = 366  # planned activities: up to a year ahead
EARLIEST = dt.date(1949, 10, 1)
SIGN_IN_REASON = "按签到表录入"
REMOVED_REASON = "移出活动"
DELETED_REASON = "活动已删除"
ADDED_REASON = "参加活动"
CANDIDATE_LIMIT = 10
_LENGTHS = {"place": 120, "beneficiaries": 200, "leader": 20, "recorder": 20}


class InvalidActivity(InvalidEntry):
    pass


@dataclass(frozen=True)
class ActivityDraft:
    """What the activity form hands over, already in Python types (the UI parses dates and times)."""

    held_on: dt.date | None = None
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    place: str = ""
    content: str = ""
    category_id: str | None = None
    beneficiaries: str = ""
    outcome: str = ""
    kind: ActivityKind | str = ActivityKind.COLLECTIVE
    team_id: str | None = None
    station_id: str | None = None
    brand_project_id: str | None = None
    pairing_id: str | None = None
    leader: str = ""
    recorder: str = ""


@dataclass(frozen=True)
class ActivityRecord:
    id: str
    held_on: dt.date
    starts_at: dt.time | None
    ends_at: dt.time | None
    place: str
    content: str
    category_id: str | None
    beneficiaries: str
    outcome: str
    kind: ActivityKind
    team_id: str | None
    station_id: str | None
    brand_project_id: str | None
    pairing_id: str | None
    leader: str
    recorder: str
    participant_count: int
    photo_count: int

    @property
    def length_minutes(self) -> int | None:
        if self.starts_at is None or self.ends_at is None:
            return None
        return hours_domain.duration_minutes(self.starts_at, self.ends_at)


@dataclass(frozen=True)
class ParticipantLine:
    participation_id: str
    volunteer_id: str
    name: str
    minutes: int

    @property
    def hours_text(self) -> str:
        return hours_domain.format_hours(self.minutes)


@dataclass(frozen=True)
class ParticipantWarning:
    volunteer_id: str
    kind: str  # "capped", "rounded", "overlap", "already"
    message: str


@dataclass(frozen=True)
class AddResult:
    added: tuple[ParticipantLine, ...]
    warnings: tuple[ParticipantWarning, ...]


@dataclass(frozen=True)
class Candidate:
    volunteer_id: str
    name: str
    mobile: str  # masked
    organisation: str


def _record(session: Session, activity: Activity) -> ActivityRecord:
    return ActivityRecord(
        id=activity.id, held_on=activity.held_on, starts_at=activity.starts_at, ends_at=activity.ends_at,
        place=activity.place, content=activity.content, category_id=activity.category_id,
        beneficiaries=activity.beneficiaries, outcome=activity.outcome, kind=ActivityKind(activity.kind),
        team_id=activity.team_id, station_id=activity.station_id, brand_project_id=activity.brand_project_id,
        pairing_id=activity.pairing_id, leader=activity.leader, recorder=activity.recorder,
        participant_count=store.count_participants(session, activity.id),
        photo_count=store.count_photos(session, activity.id))


def _label(activity: Activity) -> str:
    text = activity.content.strip() or activity.place.strip() or _("Activity")
    return text if len(text) <= 20 else text[:19] + "…"


def _interval(activity: Activity) -> tuple[dt.datetime, dt.datetime, str] | None:
    if activity.starts_at is None or activity.ends_at is None:
        return None
    return (dt.datetime.combine(activity.held_on, activity.starts_at),
            dt.datetime.combine(activity.held_on, activity.ends_at), _label(activity))


class ActivityService:
    def __init__(self, database: Database, *, today: Today = dt.date.today):
        self._db = database
        self._today = today

    # --- the activity itself ---------------------------------------------------------------------------------

    def check(self, draft: ActivityDraft, *, editing: str | None = None) -> dict[str, str]:
        with self._db.sessions() as session:
            return self._check(session, draft, editing)

    def _check(self, session: Session, draft: ActivityDraft, editing: str | None) -> dict[str, str]:
        errors: dict[str, str] = {}
        today = self._today()
        if draft.held_on is None:
            errors["held_on"] = _("Enter the date of the activity.")
        elif draft.held_on < EARLIEST:
            errors["held_on"] = _("{text} is not a possible date here.").format(text=draft.held_on.isoformat())
        elif draft.held_on > today + dt.timedelta(days=MAX_DAYS_AHEAD):
            errors["held_on"] = _("An activity can be planned at most a year ahead.")
        if (draft.starts_at is None) != (draft.ends_at is None):
            key = "ends_at" if draft.ends_at is None else "starts_at"
            errors[key] = _("Enter both the start and the end time, or neither.")
        elif draft.starts_at is not None:
            try:
                hours_domain.duration_minutes(draft.starts_at, draft.ends_at)
            except ValueError as error:
                errors["ends_at"] = str(error)
        if not draft.place.strip():
            errors["place"] = _("Enter where the activity took place.")
        if not draft.content.strip():
            errors["content"] = _("Enter what was done.")
        for field, limit in _LENGTHS.items():
            if field not in errors and len(getattr(draft, field).strip()) > limit:
                errors[field] = _("At most {n} characters.").format(n=limit)
        try:
            ActivityKind(draft.kind)
        except ValueError:
            errors["kind"] = _("Choose the kind of activity.")
        saved = session.get(Activity, editing) if editing else None
        refusal = not_ours(session, saved.org_id) if saved is not None else None
        if refusal:
            errors["content"] = refusal
        for field, table in (("category_id", ServiceCategory), ("team_id", Team), ("station_id", ServiceStation),
                             ("brand_project_id", BrandProject), ("pairing_id", Pairing)):
            value = getattr(draft, field)
            # A choice deleted since the activity was saved may stay: correcting a place must not force a new team.
            unchanged = saved is not None and getattr(saved, field) == value
            if value and not unchanged and not store.exists(session, table, value):
                errors[field] = _("This choice no longer exists; choose again.")
        if editing and "held_on" not in errors and draft.held_on > today:
            credited = any(p.minutes for p, _name in store.participations(session, editing))
            if credited:
                errors["held_on"] = _("Hours are already credited for this activity, so it cannot be moved to a "
                                      "day still to come.")
        return errors

    def create(self, draft: ActivityDraft) -> str:
        with self._db.sessions.begin() as session:
            errors = self._check(session, draft, None)
            if errors:
                raise InvalidActivity(errors)
            activity = Activity(org_id=_home_id(session))
            self._fill(activity, draft)
            session.add(activity)
            session.flush()
            audit.record(session, action="create", entity="activity", entity_id=activity.id,
                         summary=f"{activity.held_on.isoformat()} {_label(activity)}", org_id=activity.org_id)
            return activity.id

    def update(self, activity_id: str, draft: ActivityDraft) -> tuple[str, ...]:
        """Save changes. Credited minutes stay as they are (they may have been corrected by hand); points follow
        a change of date or category. Returns warnings (e.g. times changed while minutes were kept)."""
        with self._db.sessions.begin() as session:
            activity = self._live(session, activity_id)
            errors = self._check(session, draft, activity_id)
            if errors:
                raise InvalidActivity(errors)
            times_changed = (activity.starts_at, activity.ends_at) != (draft.starts_at, draft.ends_at)
            # Points depend on the date (themed days) and the category (coefficients): only then are they redone,
            # so correcting a place never re-rates an old activity under rules changed since.
            rated_again = (activity.held_on, activity.category_id) != (draft.held_on, draft.category_id or None)
            self._fill(activity, draft)
            session.flush()
            participants = store.participations(session, activity_id)
            if rated_again:
                points_rules = rules_service.points_rules(session)
                for participation, _name in participants:
                    ledgers.reconcile_points(session, participation, activity, reason=_("Activity changed"),
                                             rules=points_rules)
            audit.record(session, action="update", entity="activity", entity_id=activity.id,
                         summary=f"{activity.held_on.isoformat()} {_label(activity)}", org_id=activity.org_id)
        if times_changed and any(p.minutes for p, _name in participants):
            return (_("The times changed; the participants' hours were kept. Correct them if they should change."),)
        return ()

    def delete(self, activity_id: str) -> bool:
        """A tombstone, with its participations; their hours and points are given back by ledger rows."""
        with self._db.sessions.begin() as session:
            activity = store.live(session, activity_id)
            if activity is None:
                return False
            refusal = not_ours(session, activity.org_id)
            if refusal:
                raise InvalidActivity({"content": refusal})
            activity.deleted = True
            points_rules = rules_service.points_rules(session)
            for participation, _name in store.participations(session, activity_id):
                self._tombstone(session, participation, activity, DELETED_REASON, points_rules)
            audit.record(session, action="delete", entity="activity", entity_id=activity.id,
                         summary=f"{activity.held_on.isoformat()} {_label(activity)}", org_id=activity.org_id)
        return True

    def get(self, activity_id: str) -> ActivityRecord | None:
        with self._db.sessions() as session:
            activity = store.live(session, activity_id)
            return _record(session, activity) if activity else None

    @staticmethod
    def _fill(activity: Activity, draft: ActivityDraft) -> None:
        activity.held_on, activity.starts_at, activity.ends_at = draft.held_on, draft.starts_at, draft.ends_at
        for field in ("place", "content", "beneficiaries", "outcome", "leader", "recorder"):
            setattr(activity, field, getattr(draft, field).strip())
        for field in ("category_id", "team_id", "station_id", "brand_project_id", "pairing_id"):
            setattr(activity, field, getattr(draft, field) or None)
        activity.kind = ActivityKind(draft.kind).value

    @staticmethod
    def _live(session: Session, activity_id: str) -> Activity:
        activity = store.live(session, activity_id)
        if activity is None:
            raise InvalidActivity({"activity": _("This activity no longer exists.")})
        return activity

    # --- participants ------------------------------------------------------------------------------------------

    def participants(self, activity_id: str) -> list[ParticipantLine]:
        with self._db.sessions() as session:
            return [ParticipantLine(p.id, p.volunteer_id, name, p.minutes)
                    for p, name in store.participations(session, activity_id)]

    def add_participants(self, activity_id: str, volunteer_ids: Iterable[str]) -> AddResult:
        """Each new participant is credited the activity's length (none for an activity still to come or
        without times); warnings tell of caps, overlaps and people already on the list."""
        with self._db.sessions.begin() as session:
            return self._add(session, self._live(session, activity_id), list(dict.fromkeys(volunteer_ids)))

    def add_team(self, activity_id: str, team_id: str) -> AddResult:
        """Everyone in the team now (membership not ended)."""
        with self._db.sessions.begin() as session:
            activity = self._live(session, activity_id)
            if not store.team_exists(session, team_id):
                raise InvalidActivity({"team_id": _("This choice no longer exists; choose again.")})
            return self._add(session, activity, store.current_team_members(session, team_id))

    def _add(self, session: Session, activity: Activity, volunteer_ids: Sequence[str]) -> AddResult:
        names = store.live_names(session, volunteer_ids)
        gone = [v for v in volunteer_ids if v not in names]
        if gone:
            raise InvalidActivity({"volunteers": _("{n} of the people chosen are no longer on the roster.").format(
                n=len(gone))})
        hours_rules = rules_service.hours_rules(session)
        points_rules = rules_service.points_rules(session)
        length = self._default_minutes(activity)
        added: list[ParticipantLine] = []
        warnings: list[ParticipantWarning] = []
        for volunteer_id in volunteer_ids:
            participation = store.participation_of(session, activity.id, volunteer_id)
            if participation is not None and not participation.deleted:
                warnings.append(ParticipantWarning(volunteer_id, "already", _("{name} is already taking part.").format(
                    name=names[volunteer_id])))
                continue
            if participation is None:
                participation = Participation(activity_id=activity.id, volunteer_id=volunteer_id, minutes=0,
                                              org_id=activity.org_id)
                session.add(participation)
            else:
                participation.deleted = False
            session.flush()
            credited, messages = ledgers.allowed_minutes(session, participation, activity, length, hours_rules,
                                                         self._today())
            warnings += [ParticipantWarning(volunteer_id, kind, m) for kind, m in messages]
            ledgers.set_credited(session, participation, activity, credited, ADDED_REASON, points_rules=points_rules)
            warnings += self._overlaps(session, activity, volunteer_id, names[volunteer_id])
            audit.record(session, action="create", entity="participation", entity_id=participation.id,
                         summary=f"activity {activity.id}: {names[volunteer_id]}", org_id=activity.org_id)
            added.append(ParticipantLine(participation.id, volunteer_id, names[volunteer_id], participation.minutes))
        return AddResult(tuple(added), tuple(warnings))

    def _default_minutes(self, activity: Activity) -> int:
        if activity.starts_at is None or activity.ends_at is None or activity.held_on > self._today():
            return 0
        return hours_domain.duration_minutes(activity.starts_at, activity.ends_at)

    @staticmethod
    def _overlaps(session: Session, activity: Activity, volunteer_id: str, name: str) -> list[ParticipantWarning]:
        if _interval(activity) is None:
            return []
        intervals = [(i, a.id) for a in store.timed_activities_on_day(session, volunteer_id, activity.held_on)
                     if (i := _interval(a))]
        labelled = [(start, end, f"{label}\x00{aid}") for (start, end, label), aid in intervals]
        result = []
        for first, second in hours_domain.overlaps(labelled):
            if activity.id not in (first.label.split("\x00")[1], second.label.split("\x00")[1]):
                continue
            first, second = (first._replace(label=first.label.split("\x00")[0]),
                             second._replace(label=second.label.split("\x00")[0]))
            result.append(ParticipantWarning(volunteer_id, "overlap", _("{name}: {warning}").format(
                name=name, warning=hours_domain.overlap_warning(first, second))))
        return result

    def remove_participant(self, participation_id: str, reason: str = REMOVED_REASON) -> bool:
        """A tombstone; the hours and points it carried are given back by ledger rows."""
        text = ledgers.check_reason(reason)
        with self._db.sessions.begin() as session:
            participation = session.get(Participation, participation_id)
            if participation is None or participation.deleted:
                return False
            activity = session.get(Activity, participation.activity_id)
            self._tombstone(session, participation, activity, text, rules_service.points_rules(session))
            audit.record(session, action="delete", entity="participation", entity_id=participation_id,
                         summary=f"activity {activity.id}: {text}", org_id=participation.org_id)
            return True

    @staticmethod
    def _tombstone(session: Session, participation: Participation, activity: Activity, reason: str,
                   points_rules) -> None:
        ledgers.set_credited(session, participation, activity, 0, reason, points_rules=points_rules)
        participation.deleted = True
        session.flush()
        ledgers.reconcile_points(session, participation, activity, reason=reason, rules=points_rules)

    # --- fast entry from paper ---------------------------------------------------------------------------------

    def resolve_participant(self, text: str, limit: int = CANDIDATE_LIMIT) -> list[Candidate]:
        """Who the secretary may mean by a name, pinyin initials, or phone or ID digits (the roster's search)."""
        if not text.strip():
            return []
        with self._db.sessions() as session:
            return [Candidate(vid, name, masking.mask_phone(mobile), org or "")
                    for vid, name, mobile, org in store.candidates(session, text.strip(), limit)]

    def record_sign_in_sheet(self, activity_id: str, lines: Sequence[tuple[str, int]]) -> AddResult:
        """Everyone's minutes from the paper sheet in one transaction: a single bad line saves nothing and the
        error says which (errors keyed by line number from 1). People not yet on the list are added."""
        errors: dict[int, str] = {}
        seen: dict[str, int] = {}
        for number, (volunteer_id, minutes) in enumerate(lines, start=1):
            if volunteer_id in seen:
                errors[number] = _("The same person is on line {n} too.").format(n=seen[volunteer_id])
            seen.setdefault(volunteer_id, number)
        with self._db.sessions.begin() as session:
            activity = self._live(session, activity_id)
            names = store.live_names(session, seen)
            hours_rules = rules_service.hours_rules(session)
            points_rules = rules_service.points_rules(session)
            added: list[ParticipantLine] = []
            warnings: list[ParticipantWarning] = []
            for number, (volunteer_id, minutes) in enumerate(lines, start=1):
                if number in errors:
                    continue
                if volunteer_id not in names:
                    errors[number] = _("This person is no longer on the roster.")
                    continue
                participation = store.participation_of(session, activity.id, volunteer_id)
                if participation is None:
                    participation = Participation(activity_id=activity.id, volunteer_id=volunteer_id, minutes=0,
                                                  org_id=activity.org_id)
                    session.add(participation)
                    session.flush()
                    audit.record(session, action="create", entity="participation", entity_id=participation.id,
                                 summary=f"activity {activity.id}: {names[volunteer_id]}", org_id=activity.org_id)
                elif participation.deleted:
                    participation.deleted = False
                try:
                    credited, messages = ledgers.allowed_minutes(session, participation, activity, minutes,
                                                                 hours_rules, self._today())
                except InvalidEntry as error:
                    errors[number] = "; ".join(error.errors.values())
                    continue
                warnings += [ParticipantWarning(volunteer_id, kind, m) for kind, m in messages]
                ledgers.set_credited(session, participation, activity, credited, SIGN_IN_REASON,
                                     points_rules=points_rules)
                added.append(ParticipantLine(participation.id, volunteer_id, names[volunteer_id], credited))
            if errors:  # leaving the block by an exception rolls everything back
                raise InvalidEntry(dict(sorted(errors.items())))
        return AddResult(tuple(added), tuple(warnings))


def _home_id(session: Session) -> str | None:
    home = organisations.home(session)
    return home.id if home else None
