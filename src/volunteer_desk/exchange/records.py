"""Which records travel in a bundle, column by column, and how each value is checked on arrival.

Only what the committee reports on leaves the branch: the organisation tree, teams, stations, brand
projects, the roster without ID numbers, phones, addresses or photos of people, activities with who took
part and for how long (a participation's minutes already sum its hours ledger, so the ledger's entries,
with the names of who corrected them, stay), points without reasons or operators, activity photos. Values travel in the form SQLite stores
them (dates as 'YYYY-MM-DD', times and timestamps as text, booleans as 0/1, lists as JSON text), so a record
that did not change arrives equal to the copy already held. Deleted records do not travel: a record the
committee holds and the newest bundle lacks has been deleted at the branch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from volunteer_desk.domain import enums
from volunteer_desk.exchange import strict_json

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}:\d{2}(\.\d{6})?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # tab and newline are text; the rest are not
MAX_TEXT = 4000


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    check: Callable[[object], bool]  # True when the value may be stored
    nullable: bool = False
    refers_to: str | None = None  # the table this id refers to


def _id(value: object) -> bool:
    return type(value) is str and _UUID.fullmatch(value) is not None


def _text(limit: int) -> Callable[[object], bool]:
    return lambda value: type(value) is str and len(value) <= limit and _CONTROL.search(value) is None


def _int(low: int, high: int) -> Callable[[object], bool]:
    return lambda value: type(value) is int and low <= value <= high


def _real(low: float, high: float) -> Callable[[object], bool]:
    return lambda value: type(value) in (int, float) and low <= value <= high


def _bool(value: object) -> bool:
    return value in (0, 1) and type(value) is int


def _date(value: object) -> bool:
    if type(value) is not str or _DATE.fullmatch(value) is None:
        return False
    try:
        return dt.date.fromisoformat(value).year >= 1900
    except ValueError:
        return False


def _time(value: object) -> bool:
    if type(value) is not str or _TIME.fullmatch(value) is None:
        return False
    try:
        dt.time.fromisoformat(value)
        return True
    except ValueError:
        return False


def _choice(kind: type[enums.LabelledEnum]) -> Callable[[object], bool]:
    values = frozenset(member.value for member in kind)
    return lambda value: type(value) is str and value in values


def _text_list(items: int, limit: int) -> Callable[[object], bool]:
    """A JSON list of short texts, stored as JSON text (a volunteer's service intents)."""
    def check(value: object) -> bool:
        if type(value) is not str or len(value) > items * (limit + 8) + 2:
            return False
        try:
            parsed = strict_json.loads(value)
        except strict_json.JSONRejected:
            return False
        return type(parsed) is list and len(parsed) <= items and all(_text(limit)(item) for item in parsed)
    return check


def _ref(table: str, nullable: bool = True) -> dict:
    return {"check": _id, "nullable": nullable, "refers_to": table}


def _record(*columns: Column, owned: bool = True) -> tuple[Column, ...]:
    """id, the owning organisation and the table's own columns. When a record was made and changed at the
    branch does not travel: the committee's copy has its own times, of when it arrived and last changed."""
    owner = (Column("org_id", **_ref("organisation", nullable=False)),) if owned else ()
    return (Column("id", _id), *owner, *columns)


C = Column
TABLES: dict[str, tuple[Column, ...]] = {
    "organisation": _record(
        C("code", _text(40)), C("name", _text(80)), C("level", _choice(enums.OrgLevel)),
        C("party_members", _int(0, 1_000_000)), C("parent_id", **_ref("organisation")), owned=False),
    "service_category": _record(
        C("name", _text(40)), C("group", _text(40)), C("source", _text(40)), C("sort_order", _int(-2**31, 2**31)),
        C("active", _bool)),
    "service_station": _record(
        C("name", _text(80)), C("address", _text(120)), C("has_sign", _bool), C("has_venue", _bool),
        C("has_team", _bool), C("has_rules", _bool), C("has_records", _bool)),
    "brand_project": _record(
        C("name", _text(80)), C("description", _text(MAX_TEXT)), C("started_on", _date, nullable=True)),
    "team": _record(
        C("name", _text(80)), C("kind", _choice(enums.TeamKind)), C("parent_id", **_ref("team")),
        C("category_id", **_ref("service_category")), C("station_id", **_ref("service_station")),
        C("brand_project_id", **_ref("brand_project"))),
    "volunteer": _record(
        C("name", _text(20)), C("sex", _choice(enums.Sex), nullable=True), C("birth_date", _date, nullable=True),
        C("education", _choice(enums.Education), nullable=True), C("specialty", _text(40)),
        C("work_unit", _text(60)), C("position", _text(30)), C("occupation_type", _text(20), nullable=True),
        C("political_status", _choice(enums.PoliticalStatus), nullable=True),
        C("joined_party_on", _date, nullable=True), C("service_intents", _text_list(20, 40)),
        C("volunteer_number", _text(30))),
    "team_membership": _record(
        C("team_id", **_ref("team", nullable=False)), C("volunteer_id", **_ref("volunteer", nullable=False)),
        C("role", _choice(enums.TeamRole)), C("joined_on", _date, nullable=True),
        C("left_on", _date, nullable=True)),
    "activity": _record(
        C("held_on", _date), C("starts_at", _time, nullable=True), C("ends_at", _time, nullable=True),
        C("place", _text(120)), C("content", _text(MAX_TEXT)), C("category_id", **_ref("service_category")),
        C("beneficiaries", _text(200)), C("outcome", _text(MAX_TEXT)), C("kind", _choice(enums.ActivityKind)),
        C("team_id", **_ref("team")), C("station_id", **_ref("service_station")),
        C("brand_project_id", **_ref("brand_project")), C("leader", _text(20)), C("recorder", _text(20))),
    "participation": _record(
        C("activity_id", **_ref("activity", nullable=False)), C("volunteer_id", **_ref("volunteer", nullable=False)),
        C("minutes", _int(0, 100_000))),
    "points_entry": _record(
        C("volunteer_id", **_ref("volunteer", nullable=False)), C("earned_on", _date),
        C("points", _real(-100_000, 100_000)), C("rule", _text(40)), C("activity_id", **_ref("activity"))),
    "activity_photo": _record(
        C("activity_id", **_ref("activity", nullable=False)), C("caption", _text(120))),
}
del C

MAX_ROWS = 2_000_000  # per table: a branch's ten years with room to spare
MAX_PHOTO = 10 * 2**20


def names(table: str) -> list[str]:
    return [column.name for column in TABLES[table]]
