"""A committee's view of the organisations below it (上级党组织看各支部): who has sent the quarter's bundle and who
has not, each one's quarter against the rules, and volunteers ranked across all of them.

Every figure of a branch is the one the branch's own ReportService gives for it: the committee holds the same
records, arrived by bundle.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import NamedTuple

from volunteer_desk.domain import calendar, stars, teams
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.services import rules as rules_service
from volunteer_desk.services.database import Database
from volunteer_desk.services.printing.quarter_report import weeks_with_activity
from volunteer_desk.services.progress import Progress
from volunteer_desk.services.reports import ReportService, rank_rows
from volunteer_desk.storage import committee as store
from volunteer_desk.storage import exchange, organisations
from volunteer_desk.storage.reports import period



class ReportStatus(enum.StrEnum):
    ON_TIME = "on_time"  # the quarter arrived in a bundle made by the deadline
    LATE = "late"  # it arrived, in a bundle made after the deadline
    NOT_YET = "not_yet"  # nothing yet, and the deadline has not passed
    OVERDUE = "overdue"  # nothing, and the deadline has passed


@dataclass(frozen=True)
class Received:
    """One bundle imported, as the committee's list shows it."""
    period: str  # "2026Q4": the quarter the sender made it in
    sequence: int  # the sender's count of bundles made
    made_at: dt.datetime  # UTC, as stored
    imported_at: dt.datetime  # UTC
    sender: str  # whose bundle: the organisation itself, or the committee between that passed its records on
    forwarded: bool  # True when `sender` is that committee in between


@dataclass(frozen=True)
class BranchQuarter:
    """One organisation below this one, for the quarter. Figures as in reports.UnitSummary."""
    org_id: str
    name: str
    code: str
    last_received: Received | None  # the newest bundle applied
    report: Received | None  # the bundle that brought the quarter (see CommitteeService.overview)
    status: ReportStatus
    party_members: int
    volunteers: int
    served: int
    participation_ratio: float | None
    meets_participation_rule: bool | None
    activities: int
    participant_times: int
    minutes: int
    weeks_with_activity: int
    weeks_counted: int  # the quarter's weeks begun by the day asked about

    @property
    def sent(self) -> bool:
        return self.report is not None

    @property
    def late(self) -> bool:
        return self.status in (ReportStatus.LATE, ReportStatus.OVERDUE)

    @property
    def meets_weekly_rule(self) -> bool | None:
        """At least one activity in every week of the quarter so far; None before the quarter."""
        return self.weeks_with_activity >= self.weeks_counted if self.weeks_counted else None


@dataclass(frozen=True)
class Totals:
    branches: int
    sent: int
    late: int
    party_members: int
    volunteers: int
    served: int
    participation_ratio: float | None
    meets_participation_rule: bool | None
    activities: int
    participant_times: int
    minutes: int


@dataclass(frozen=True)
class Overview:
    quarter: Quarter
    today: dt.date
    deadline: dt.date
    rows: tuple[BranchQuarter, ...]  # in code order
    totals: Totals


class RankedVolunteer(NamedTuple):
    rank: int  # competition ranking as ReportService's: equal points and minutes share a rank (1, 1, 3)
    volunteer_id: str
    name: str
    organisation: str
    minutes: int
    activities: int
    points: float
    star_level: int


class CommitteeService:
    def __init__(self, database: Database):
        self._db = database

    def overview(self, quarter: Quarter, today: dt.date, progress: Progress | None = None) -> Overview:
        """Every live organisation below the home one, children and deeper, in code order.

        The quarter counts as sent when a bundle applied here was made in the quarter or later (a bundle is a
        full snapshot, so a later one carries the quarter too); on time when that bundle was made, on the
        sender's calendar day, by the deadline (domain.calendar.report_deadline: the 28th of the quarter's
        last month). Records of a branch under a committee below this one arrive in that committee's
        bundles, which then count for the branch."""
        deadline = calendar.report_deadline(quarter)
        with self._db.sessions() as session:
            home = organisations.home(session)
            branches = store.below(session, home.id)
            receipts = exchange.receipts(session)
        names = {org_id: name for org_id, name, _code, _parent in branches}
        parents = {org_id: parent for org_id, _name, _code, parent in branches}
        applied: dict[str, list] = {}
        for receipt in receipts:  # oldest imported first
            if receipt.applied:
                applied.setdefault(receipt.sender_org_id, []).append(receipt)
        units = {u.org_id: u for u in ReportService(self._db).unit_summaries(quarter)}
        rows = []
        for done, (org_id, name, code, _parent) in enumerate(branches):
            sender = org_id
            while sender in names and sender not in applied:  # none of its own: the committee's in between
                sender = parents[sender]
            own = [_received(r, names.get(sender, ""), sender != org_id) for r in applied.get(sender, [])]
            last = max(own, key=lambda r: (r.made_at, r.sequence), default=None)
            report = min((r for r in own if Quarter.parse(r.period) >= quarter), key=lambda r: r.made_at,
                         default=None)
            unit = units[org_id]
            held, counted = weeks_with_activity(self._db, org_id, quarter, today)
            rows.append(BranchQuarter(
                org_id=org_id, name=name, code=code, last_received=last, report=report,
                status=_status(report, deadline, today), party_members=unit.party_members,
                volunteers=unit.volunteers, served=unit.served, participation_ratio=unit.participation_ratio,
                meets_participation_rule=unit.meets_participation_rule, activities=unit.activities,
                participant_times=unit.participant_times, minutes=unit.minutes, weeks_with_activity=held,
                weeks_counted=counted))
            if progress:
                progress(done + 1, len(branches))
        return Overview(quarter=quarter, today=today, deadline=deadline, rows=tuple(rows), totals=_totals(rows))

    def units(self) -> list[tuple[str, str]]:
        """(id, name) of the home organisation, then of every one below it by code: the roster's choice of unit."""
        with self._db.sessions() as session:
            home = organisations.home(session)
            return [(home.id, home.name)] + [(o, n) for o, n, _c, _p in store.below(session, home.id)]

    def ranking(self, quarter: Quarter, limit: int | None = None) -> tuple[RankedVolunteer, ...]:
        """Every live volunteer of this organisation and those below it, ranked together for the quarter by
        ReportService's rule (points, then minutes); optionally the first `limit`."""
        rows = self._ranked(period(quarter), period(quarter))
        return rows if limit is None else rows[:limit]

    def candidates(self, year: int, limit: int) -> tuple[RankedVolunteer, ...]:
        """Candidates for the year's commendation (优秀党员志愿者), for the committee to choose from: every
        volunteer of this organisation and those below it who served in the year, ranked by the points earned
        over the year's four quarters, then by the year's hours (the quarterly ranking's rule over a year),
        down to place `limit`; all who share the last place are in."""
        rows = self._ranked(year * 10 + 1, year * 10 + 4)
        return tuple(r for r in rows if r.rank <= limit and (r.points or r.minutes))

    def _ranked(self, first_period: int, last_period: int) -> tuple[RankedVolunteer, ...]:
        with self._db.sessions() as session:
            home = organisations.home(session)
            names = {home.id: home.name} | {o: n for o, n, _c, _p in store.below(session, home.id)}
            people = store.service(session, list(names), first_period, last_period)
            thresholds = rules_service.star_thresholds(session)
        ranked = rank_rows([(round(row[6], 1), row[4], row[2] or row[1], row) for row in people])
        return tuple(RankedVolunteer(rank=rank, volunteer_id=volunteer_id, name=name, organisation=names[org_id],
                                     minutes=minutes, activities=count, points=round(points, 1),
                                     star_level=stars.star_level(total, thresholds))
                     for rank, (volunteer_id, name, _pinyin, org_id, minutes, count, points, total) in ranked)


def _received(receipt, sender: str, forwarded: bool) -> Received:
    return Received(period=receipt.period, sequence=receipt.sequence, made_at=receipt.made_at,
                    imported_at=receipt.imported_at, sender=sender, forwarded=forwarded)


def made_on(received: Received) -> dt.date:
    """The day the bundle was made, on this computer's clock (made_at is stored in UTC)."""
    return received.made_at.replace(tzinfo=dt.UTC).astimezone().date()


def _status(report: Received | None, deadline: dt.date, today: dt.date) -> ReportStatus:
    if report is not None:
        return ReportStatus.ON_TIME if made_on(report) <= deadline else ReportStatus.LATE
    return ReportStatus.NOT_YET if today <= deadline else ReportStatus.OVERDUE


def _totals(rows: list[BranchQuarter]) -> Totals:
    served, members = sum(r.served for r in rows), sum(r.party_members for r in rows)
    return Totals(branches=len(rows), sent=sum(r.sent for r in rows), late=sum(r.late for r in rows),
                  party_members=members, volunteers=sum(r.volunteers for r in rows), served=served,
                  participation_ratio=teams.participation_ratio(served, members),
                  meets_participation_rule=teams.meets_participation_rule(served, members),
                  activities=sum(r.activities for r in rows),
                  participant_times=sum(r.participant_times for r in rows), minutes=sum(r.minutes for r in rows))
