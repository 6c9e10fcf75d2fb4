"""Needs of the people served (群众需求 / 微心愿): recorded, matched to volunteers, assigned, closed with
their result, reopened when they turn out not to be met."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from volunteer_desk.domain.enums import LabelledEnum
from volunteer_desk.formspec import load
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.entries import InvalidEntry, check_text, gone
from volunteer_desk.services.database import Database
from volunteer_desk.storage import audit, organisations
from volunteer_desk.storage import needs as store
from volunteer_desk.storage.schema import Need, PersonServed, ServiceCategory, Team, VolunteerRow
from volunteer_desk.storage.teams import get_live, names

TITLE_MAX = 80
DEFAULT_MATCHES = 10

# Words in a need that call for each 服务意向 of Sheet A (seed 002's four services).
INTENT_HINTS: dict[str, tuple[str, ...]] = {
    "尊老服务": ("老人", "尊老", "敬老", "养老", "空巢", "孤寡", "离退休", "老年"),
    "爱幼志愿服务": ("儿童", "孩子", "爱幼", "幼儿", "学生", "留守", "未成年", "作业"),
    "帮农民工服务": ("农民工", "务工", "就业"),
    "助残服务": ("残", "盲人", "聋", "轮椅"),
}
# Two-character pieces too common to say anything about a skill.
_COMMON = {"服务", "志愿", "工作", "管理", "帮助", "需要", "社区", "活动", "其他", "一般"}
_SEPARATORS = re.compile(r"[、,，;；/\s]+")
INTENT_POINTS, SPECIALTY_FULL, MAJOR_FULL, PARTIAL, AVAILABLE = 3, 3, 2, 1, 1


class NeedStatus(LabelledEnum):
    OPEN = "open", N_("Waiting for someone")
    ASSIGNED = "assigned", N_("Assigned")
    CLOSED = "closed", N_("Closed")


@dataclass(frozen=True)
class NeedInput:
    title: str
    raised_on: dt.date | None
    description: str = ""
    person_served_id: str | None = None
    category_id: str | None = None


@dataclass(frozen=True)
class NeedSummary:
    id: str
    title: str
    description: str
    raised_on: dt.date
    status: NeedStatus
    person_served_id: str | None
    person_served_name: str
    category_id: str | None
    category_name: str
    assigned_volunteer_id: str | None
    assigned_team_id: str | None
    assigned_to: str  # the volunteer's or the team's name
    result: str
    closed_on: dt.date | None


@dataclass(frozen=True)
class Match:
    volunteer_id: str
    name: str
    score: int
    reasons: tuple[str, ...]  # e.g. 服务意向：助残服务, 特长：医疗护理


def _pieces(text: str) -> list[str]:
    return [p for p in _SEPARATORS.split(text) if len(p) >= 2]


def skill_fit(skill: str, need_text: str) -> int:
    """How well a free-text skill fits a need: 2 when one of its parts appears whole, 1 when a two-character
    piece of it does (护理 in 上门护理 for 医疗护理), 0 otherwise."""
    best = 0
    for piece in _pieces(skill):
        if piece in need_text:
            return 2
        if any(piece[i:i + 2] in need_text for i in range(len(piece) - 1) if piece[i:i + 2] not in _COMMON):
            best = 1
    return best


def intent_fits(intent: str, need_text: str) -> bool:
    core = intent.removesuffix("志愿服务").removesuffix("服务")
    return intent in need_text or (len(core) >= 2 and core in need_text) or any(
        hint in need_text for hint in INTENT_HINTS.get(intent, ()))


class NeedService:
    def __init__(self, database: Database):
        self._db = database
        self._availability = load("registration").fields["availability"]

    def record(self, entry: NeedInput, *, today: dt.date | None = None) -> str:
        with self._db.sessions.begin() as session:
            values = self._checked(session, entry, today or dt.date.today())
            home = organisations.home(session)
            need = Need(org_id=home.id if home else None, status=NeedStatus.OPEN.value, **values)
            session.add(need)
            session.flush()
            audit.record(session, action="create", entity="need", entity_id=need.id, summary=need.title,
                         org_id=need.org_id)
            return need.id

    def update(self, need_id: str, entry: NeedInput, *, today: dt.date | None = None) -> None:
        with self._db.sessions.begin() as session:
            need = self._live(session, need_id)
            for key, value in self._checked(session, entry, today or dt.date.today()).items():
                setattr(need, key, value)
            audit.record(session, action="update", entity="need", entity_id=need.id, summary=need.title,
                         org_id=need.org_id)

    def delete(self, need_id: str) -> None:
        with self._db.sessions.begin() as session:
            need = self._live(session, need_id)
            need.deleted = True
            audit.record(session, action="delete", entity="need", entity_id=need.id, summary=need.title,
                         org_id=need.org_id)

    def get(self, need_id: str) -> NeedSummary | None:
        with self._db.sessions() as session:
            need = get_live(session, Need, need_id)
            return self._summaries(session, [need])[0] if need else None

    def list(self, status: NeedStatus | str | None = None) -> list[NeedSummary]:
        """Newest first; all statuses unless one is given."""
        with self._db.sessions() as session:
            return self._summaries(session, store.live_needs(session, NeedStatus(status).value if status else None))

    def matches(self, need_id: str, *, on: dt.date | None = None, limit: int = DEFAULT_MATCHES) -> list[Match]:
        """Live volunteers whose 服务意向 or 特长/专业 fit the need, best first, each with why. Availability
        adds to the score: 随时可以 always, 双休日 when `on` (the day help is wanted) is a Saturday or Sunday."""
        with self._db.sessions() as session:
            need = get_live(session, Need, need_id)
            if need is None:
                raise gone()
            person = get_live(session, PersonServed, need.person_served_id)
            category = get_live(session, ServiceCategory, need.category_id)
            text = " ".join(filter(None, [need.title, need.description, category.name if category else "",
                                          person.category if person else "", person.needs if person else ""]))
            candidates = store.match_candidates(session)
        found: list[tuple[int, str, Match]] = []
        for volunteer_id, name, sort_key, intents, specialty, major, availability, _other in candidates:
            score, reasons = 0, []
            for intent in intents or []:
                if intent_fits(intent, text):
                    score += INTENT_POINTS
                    reasons.append(_("Service intent: {intent}").format(intent=intent))
            fit = skill_fit(specialty or "", text)
            if fit:
                score += SPECIALTY_FULL if fit == 2 else PARTIAL
                reasons.append(_("Specialty: {specialty}").format(specialty=specialty))
            fit = skill_fit(major or "", text)
            if fit:
                score += MAJOR_FULL if fit == 2 else PARTIAL
                reasons.append(_("Major: {major}").format(major=major))
            if not score:
                continue
            when = self._available(availability or [], on)
            if when:
                score += AVAILABLE
                reasons.append(_("Available: {when}").format(when=when))
            found.append((score, sort_key, Match(volunteer_id=volunteer_id, name=name, score=score,
                                                 reasons=tuple(reasons))))
        found.sort(key=lambda item: (-item[0], item[1]))
        return [match for _score, _key, match in found[:max(limit, 0)]]

    def _available(self, availability: list[str], on: dt.date | None) -> str:
        if "anytime" in availability:
            return self._availability.label_of("anytime")
        if on is not None and on.weekday() >= 5 and "weekends" in availability:
            return self._availability.label_of("weekends")
        return ""

    def assign(self, need_id: str, *, volunteer_id: str | None = None, team_id: str | None = None) -> None:
        """To one volunteer or one team; a need already assigned can be handed to someone else."""
        if bool(volunteer_id) == bool(team_id):
            raise InvalidEntry({"assignee": _("Assign the need to one volunteer or one team.")})
        with self._db.sessions.begin() as session:
            need = self._live(session, need_id)
            if need.status == NeedStatus.CLOSED.value:
                raise InvalidEntry({"status": _("This need is closed; reopen it first.")})
            if volunteer_id:
                helper = get_live(session, VolunteerRow, volunteer_id)
                if helper is None:
                    raise InvalidEntry({"assignee": _("This volunteer no longer exists.")})
            else:
                helper = get_live(session, Team, team_id)
                if helper is None:
                    raise InvalidEntry({"assignee": _("This team no longer exists.")})
            need.assigned_volunteer_id, need.assigned_team_id = volunteer_id or None, team_id or None
            need.status = NeedStatus.ASSIGNED.value
            audit.record(session, action="assign", entity="need", entity_id=need.id,
                         summary=f"{need.title} → {helper.name}", org_id=need.org_id)

    def close(self, need_id: str, *, result: str, closed_on: dt.date, today: dt.date | None = None) -> None:
        errors: dict[str, str] = {}
        result = check_text(errors, "result", _("Result"), result, 2000)
        with self._db.sessions.begin() as session:
            need = self._live(session, need_id)
            if need.status == NeedStatus.CLOSED.value:
                raise InvalidEntry({"status": _("This need is already closed.")})
            if closed_on is None:
                errors["closed_on"] = _("{label} is required.").format(label=_("Date closed"))
            elif closed_on < need.raised_on:
                errors["closed_on"] = _("A need cannot be closed before it was raised, on {date}.").format(
                    date=need.raised_on.isoformat())
            elif closed_on > (today or dt.date.today()):
                errors["closed_on"] = _("The closing date cannot be in the future.")
            if errors:
                raise InvalidEntry(errors)
            need.status, need.result, need.closed_on = NeedStatus.CLOSED.value, result, closed_on
            audit.record(session, action="close", entity="need", entity_id=need.id,
                         summary=f"{need.title} {closed_on.isoformat()}", org_id=need.org_id)

    def reopen(self, need_id: str) -> None:
        """Back to assigned (or open when nobody was assigned); the earlier result stays in the audit log."""
        with self._db.sessions.begin() as session:
            need = self._live(session, need_id)
            if need.status != NeedStatus.CLOSED.value:
                raise InvalidEntry({"status": _("Only a closed need can be reopened.")})
            assigned = need.assigned_volunteer_id or need.assigned_team_id
            audit.record(session, action="reopen", entity="need", entity_id=need.id,
                         summary=f"{need.title}; {need.closed_on}: {need.result}"[:400], org_id=need.org_id)
            need.status = (NeedStatus.ASSIGNED if assigned else NeedStatus.OPEN).value
            need.result, need.closed_on = "", None

    # --- helpers -------------------------------------------------------------------------------------------

    @staticmethod
    def _live(session, need_id: str) -> Need:
        need = get_live(session, Need, need_id)
        if need is None:
            raise gone()
        return need

    @staticmethod
    def _checked(session, entry: NeedInput, today: dt.date) -> dict:
        errors: dict[str, str] = {}
        title = check_text(errors, "title", _("Title"), entry.title, TITLE_MAX)
        if entry.raised_on is None:
            errors["raised_on"] = _("{label} is required.").format(label=_("Date raised"))
        elif entry.raised_on > today:
            errors["raised_on"] = _("The date raised cannot be in the future.")
        if entry.person_served_id and get_live(session, PersonServed, entry.person_served_id) is None:
            errors["person_served_id"] = _("This person served is no longer registered.")
        if entry.category_id and get_live(session, ServiceCategory, entry.category_id) is None:
            errors["category_id"] = _("This category no longer exists.")
        if errors:
            raise InvalidEntry(errors)
        return {"title": title, "description": (entry.description or "").strip(), "raised_on": entry.raised_on,
                "person_served_id": entry.person_served_id or None, "category_id": entry.category_id or None}

    @staticmethod
    def _summaries(session, needs: list[Need]) -> list[NeedSummary]:
        people = names(session, PersonServed, [n.person_served_id for n in needs])
        categories = names(session, ServiceCategory, [n.category_id for n in needs])
        volunteers = names(session, VolunteerRow, [n.assigned_volunteer_id for n in needs])
        teams = names(session, Team, [n.assigned_team_id for n in needs])
        return [NeedSummary(
            id=n.id, title=n.title, description=n.description, raised_on=n.raised_on, status=NeedStatus(n.status),
            person_served_id=n.person_served_id, person_served_name=people.get(n.person_served_id, ""),
            category_id=n.category_id, category_name=categories.get(n.category_id, ""),
            assigned_volunteer_id=n.assigned_volunteer_id, assigned_team_id=n.assigned_team_id,
            assigned_to=volunteers.get(n.assigned_volunteer_id) or teams.get(n.assigned_team_id) or "",
            result=n.result, closed_on=n.closed_on,
        ) for n in needs]
