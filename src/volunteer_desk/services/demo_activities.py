"""Practice activities and everything that comes of them: hours and points ledgers, teams, people served,
pairings with visits, needs and journals (the second half of services.demo)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from sqlalchemy import literal_column, select

from volunteer_desk.domain import points as points_rules
from volunteer_desk.domain.calendar import Quarter, week_start
from volunteer_desk.domain.categories import seeded_id
from volunteer_desk.domain.enums import (
    ActivityKind,
    PairingKind,
    TeamKind,
    TeamRole,
)
from volunteer_desk.services import demo_data as data
from volunteer_desk.storage.schema import (
    Activity,
    BrandProject,
    HoursEntry,
    Need,
    Pairing,
    PairingBeneficiary,
    PairingMember,
    Participation,
    PersonServed,
    PointsEntry,
    Team,
    TeamMembership,
    VolunteerRow,
    WeeklyJournal,
)
from volunteer_desk.storage.schema.base import utcnow
from volunteer_desk.services.demo_data import DEMO_OPERATOR
from volunteer_desk.services.demo_random import QuickRandom, Weighted

# The last eight quarters up to a fixed day (not today: a seed gives the same data whenever it is run).
ACTIVITY_LAST_DAY = dt.date(2026, 11, 20)
ACTIVITY_FIRST_DAY = Quarter(ACTIVITY_LAST_DAY.year - 2, Quarter.of(ACTIVITY_LAST_DAY).number).next().start
DEMO_REASON = "演示数据"
_ROW_CHUNK = 20_000
_KINDS = ((ActivityKind.COLLECTIVE.value, 78), (ActivityKind.DISPERSED.value, 12),
          (ActivityKind.EMERGENCY.value, 3), (ActivityKind.PAIRING_VISIT.value, 7))
_PAIRING_KINDS = ((PairingKind.ONE_TO_ONE.value, 70), (PairingKind.MANY_TO_ONE.value, 20),
                  (PairingKind.ONE_TO_MANY.value, 10))
_DAY_START, _DAY_END = 8 * 60, 17 * 60  # activities between 08:00 and 17:00


def _uuid(rng: random.Random) -> str:
    """A version-4 UUID drawn from the seeded generator: unique like uuid4, but repeatable."""
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


_BASE = ("id", "org_id", "created_at", "updated_at", "deleted")
_COLUMNS = {
    Team.__table__: ("name", "kind", "category_id"),
    TeamMembership.__table__: ("team_id", "volunteer_id", "role", "joined_on"),
    BrandProject.__table__: ("name", "description", "started_on"),
    PersonServed.__table__: ("name", "category", "address", "contact", "needs"),
    Pairing.__table__: ("kind", "started_on", "note"),
    PairingMember.__table__: ("pairing_id", "volunteer_id"),
    PairingBeneficiary.__table__: ("pairing_id", "person_served_id"),
    Need.__table__: ("title", "description", "raised_on", "person_served_id", "status", "assigned_volunteer_id",
                     "result", "closed_on"),
    Activity.__table__: ("held_on", "starts_at", "ends_at", "place", "content", "category_id", "beneficiaries",
                         "kind", "team_id", "brand_project_id", "pairing_id", "outcome", "leader", "recorder"),
    Participation.__table__: ("activity_id", "volunteer_id", "minutes"),
    HoursEntry.__table__: ("participation_id", "minutes_delta", "reason", "operator"),
    PointsEntry.__table__: ("volunteer_id", "earned_on", "points", "rule", "reason", "activity_id", "operator"),
    WeeklyJournal.__table__: ("volunteer_id", "week_start", "content", "reflection"),
}


def _sql_time(minutes: int) -> str:
    """A time of day as SQLAlchemy's SQLite Time type stores it."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00.000000"


class _Rows:
    """Rows waiting for a bulk insert, table by table, flushed in chunks.

    Rows are tuples of values already in SQLite's storage form (ISO dates, SQLAlchemy's datetime and time
    text, 0/1 for booleans) handed to the driver's executemany in one statement per table and chunk: at
    5 million participations, SQLAlchemy's per-row parameter processing would take longer than the
    inserts themselves."""

    def __init__(self, session):
        self.connection = session.connection()
        self.pending: dict = {}
        self.sql = {table: "INSERT INTO {} ({}) VALUES ({})".format(
            table.name, ", ".join(_BASE + columns), ", ".join("?" * (len(_BASE) + len(columns))))
            for table, columns in _COLUMNS.items()}

    def add(self, table, row: tuple) -> None:
        rows = self.pending.setdefault(table, [])
        rows.append(row)
        if len(rows) >= _ROW_CHUNK:
            self.flush()

    def flush(self) -> None:
        # All tables in _COLUMNS order: parents before children, so the foreign keys hold.
        for table in _COLUMNS:
            rows = self.pending.get(table)
            if rows:
                self.connection.exec_driver_sql(self.sql[table], rows)
                self.pending[table] = []


def fill_activities(session, org_ids: list[str], activities: int, seed: int,
                     step: Callable[[int], bool]) -> int | None:
    """Everything after the volunteers; returns the number of participations, None when cancelled."""
    rng = QuickRandom(seed * 7919 + 17)
    now = utcnow().isoformat(" ", "microseconds")
    rows = _Rows(session)
    volunteers_by_org: dict[str, list[str]] = {org: [] for org in org_ids}
    for volunteer_id, org_id in session.execute(
            select(VolunteerRow.id, VolunteerRow.org_id).order_by(literal_column("rowid"))):
        volunteers_by_org.setdefault(org_id, []).append(volunteer_id)
    total_volunteers = sum(len(v) for v in volunteers_by_org.values())
    kinds = Weighted(_KINDS)
    pairing_kinds = Weighted(_PAIRING_KINDS)
    days = [ACTIVITY_FIRST_DAY + dt.timedelta(days=n) for n in range((ACTIVITY_LAST_DAY - ACTIVITY_FIRST_DAY).days + 1)]
    day_text = {day: day.isoformat() for day in days}
    points_cache: dict[tuple[int, dt.date, str], list] = {}
    journals: set[tuple[str, dt.date]] = set()
    participations = done = 0

    def record(org_id: str) -> tuple:
        return _uuid(rng), org_id, now, now, 0

    def day_before(first_day: dt.date, within: int) -> str:
        return (first_day - dt.timedelta(days=rng.randrange(within))).isoformat()

    for org_id in org_ids:
        vols = volunteers_by_org[org_id]
        if not vols:
            continue
        share = round(activities * len(vols) / total_volunteers) if org_id != org_ids[-1] else activities - done
        # Teams of 10–15 with a captain, a person responsible and a liaison; a volunteer is in one team at most.
        teams: list[str] = []
        pool = rng.sample(vols, min(len(vols), 15 * len(data.TEAMS)))
        roles = (TeamRole.CAPTAIN.value, TeamRole.RESPONSIBLE.value, TeamRole.LIAISON.value)
        for name, category in data.TEAMS[:max(1, min(len(data.TEAMS), len(vols) // 60))]:
            size = min(rng.randint(10, 15), len(pool))
            members, pool = pool[:size], pool[size:]
            if not members:
                break
            team = record(org_id)
            rows.add(Team.__table__, team + (name, TeamKind.TEAM.value, seeded_id(category)))
            teams.append(team[0])
            for n, volunteer_id in enumerate(members):
                rows.add(TeamMembership.__table__, record(org_id) + (
                    team[0], volunteer_id, roles[n] if n < len(roles) else TeamRole.MEMBER.value,
                    day_before(ACTIVITY_FIRST_DAY, 365)))
        brands = []
        for name, description in data.BRAND_PROJECTS:
            brand = record(org_id)
            rows.add(BrandProject.__table__, brand + (name, description, day_before(ACTIVITY_FIRST_DAY, 700)))
            brands.append(brand[0])
        # People served, pairings with them, and their needs.
        people: list[tuple[str, str]] = []
        for _n in range(max(2, len(vols) // 25)):
            person = record(org_id)
            name = _served_name(rng)
            rows.add(PersonServed.__table__, person + (
                name, rng.choice(data.PERSON_SERVED_CATEGORIES),
                f"{rng.choice(data.ESTATES)}{rng.randint(1, 40)}幢{rng.randint(1, 3)}单元", "", ""))
            people.append((person[0], name))
        pairings: list[tuple[str, list[str], str]] = []  # (id, volunteer ids, beneficiary names)
        free_people = list(people)
        for _n in range(max(1, len(vols) // 40)):
            if not free_people:
                break
            kind = pairing_kinds.draw(rng)
            many = kind == PairingKind.MANY_TO_ONE.value
            helpers = rng.sample(vols, min(len(vols), rng.randint(2, 3) if many else 1))
            served = [free_people.pop() for _ in range(min(len(free_people), 2 if kind == PairingKind.ONE_TO_MANY.value
                                                             else 1))]
            pairing = record(org_id)
            rows.add(Pairing.__table__, pairing + (kind, day_before(ACTIVITY_FIRST_DAY, 200), ""))
            for volunteer_id in helpers:
                rows.add(PairingMember.__table__, record(org_id) + (pairing[0], volunteer_id))
            for person_id, _name in served:
                rows.add(PairingBeneficiary.__table__, record(org_id) + (pairing[0], person_id))
            pairings.append((pairing[0], helpers, "、".join(name for _id, name in served)))
        for _n in range(max(3, len(vols) // 30)):
            raised = rng.choice(days)
            roll = rng.random()
            closed_on = min(raised + dt.timedelta(days=rng.randint(1, 20)), ACTIVITY_LAST_DAY) if roll < 0.6 else None
            rows.add(Need.__table__, record(org_id) + (
                rng.choice(data.NEED_TITLES), "", raised.isoformat(), rng.choice(people)[0],
                "closed" if closed_on else "assigned" if roll < 0.8 else "open",
                rng.choice(vols) if roll < 0.8 else None, "已解决" if closed_on else "",
                closed_on.isoformat() if closed_on else None))

        for _n in range(share):
            held_on = rng.choice(days)
            held_text = day_text[held_on]
            kind = kinds.draw(rng)
            category, content, beneficiaries, outcome = rng.choice(data.ACTIVITY_TEMPLATES)
            place = rng.choice(data.ACTIVITY_PLACES)
            start = _DAY_START + 30 * rng.randrange(14)  # 08:00 … 14:30
            units = rng.randint(1, min(8, (_DAY_END - start) // 30))
            pairing_id = team_id = None
            if kind == ActivityKind.PAIRING_VISIT.value and pairings:
                pairing_id, takers, beneficiaries = rng.choice(pairings)
                category, content = "关爱他人", f"结对走访{beneficiaries}，帮助打扫卫生、代购生活用品"
                outcome, place = "了解需求，解决生活困难", "结对户家中"
            else:
                if kind == ActivityKind.PAIRING_VISIT.value:
                    kind = ActivityKind.COLLECTIVE.value
                size = rng.randint(1, 5) if kind == ActivityKind.DISPERSED.value else rng.randint(5, 18)
                takers = rng.sample(vols, min(size, len(vols)))
                if teams and kind == ActivityKind.COLLECTIVE.value and rng.random() < 0.5:
                    team_id = rng.choice(teams)
            activity = record(org_id)
            activity_id = activity[0]
            rows.add(Activity.__table__, activity + (
                held_text, _sql_time(start), _sql_time(start + units * 30), place, content.format(place=place),
                seeded_id(category), beneficiaries, kind, team_id,
                rng.choice(brands) if rng.random() < 0.1 else None, pairing_id,
                outcome.format(n=rng.randint(5, 60), m=rng.randint(1, 5)), "", DEMO_OPERATOR))
            for volunteer_id in takers:
                minutes = units * 30
                if units > 1 and rng.random() < 0.15:  # left early
                    minutes -= 30 * rng.randint(1, units - 1)
                participation = record(org_id)
                rows.add(Participation.__table__, participation + (activity_id, volunteer_id, minutes))
                rows.add(HoursEntry.__table__, record(org_id) + (
                    participation[0], minutes, DEMO_REASON, DEMO_OPERATOR))
                key = (minutes, held_on, category)
                lines = points_cache.get(key)
                if lines is None:
                    lines = points_cache[key] = [(line.points, line.rule_key, line.reason) for line in
                                                 points_rules.points_for(minutes, held_on, category)]
                for points, rule, reason in lines:
                    rows.add(PointsEntry.__table__, record(org_id) + (
                        volunteer_id, held_text, points, rule, reason, activity_id, DEMO_OPERATOR))
                if rng.random() < 0.03:
                    week = week_start(held_on)
                    if (volunteer_id, week) not in journals:
                        journals.add((volunteer_id, week))
                        rows.add(WeeklyJournal.__table__, record(org_id) + (
                            volunteer_id, week.isoformat(), rng.choice(data.JOURNAL_LINES),
                            rng.choice(data.JOURNAL_REFLECTIONS)))
                participations += 1
            done += 1
            if done % 2000 == 0 and not step(done):
                return None
    rows.flush()
    if not step(done):
        return None
    return participations


def _served_name(rng: random.Random) -> str:
    """A person served: surname and one or two common characters (only the name is kept about them)."""
    surname = rng.choice(("王", "李", "张", "刘", "陈", "杨", "周", "吴", "徐", "孙", "朱", "钱", "蒋", "顾"))
    chars = data.MALE_CHARS + data.FEMALE_CHARS
    return surname + "".join(rng.choice(chars) for _ in range(rng.randint(1, 2)))
