"""The quarter: each volunteer's hours, points, stars and rank (每季一评议、一晾晒), the branch's comments, the
quarterly report (季度报表) and, for a committee, the same figures unit by unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from volunteer_desk.domain import stars, teams
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.i18n import _
from volunteer_desk.services import rules as rules_service
from volunteer_desk.services.database import Database
from volunteer_desk.storage import audit
from volunteer_desk.storage import reports as store
from volunteer_desk.storage.schema import QuarterlyReview, Team, VolunteerRow

MAX_COMMENT_LENGTH = 500


class VolunteerQuarter(NamedTuple):  # a tuple: a ranking makes thousands, and a frozen dataclass costs twice as much
    volunteer_id: str
    name: str
    minutes: int  # credited in the quarter
    activities: int  # live activities taken part in during the quarter
    points: float  # live points earned in the quarter
    total_minutes: int  # all live service ever: the star level's basis
    star_level: int  # 0–5, domain.stars
    rank: int  # 1 = most points; equal points and equal minutes share a rank (1, 1, 3)
    comment: str  # the branch's 评议 for the quarter, "" when none


@dataclass(frozen=True)
class QuarterSummary:
    quarter: Quarter
    org_id: str
    rows: tuple[VolunteerQuarter, ...]  # in ranking order: points, then minutes, then pinyin name


@dataclass(frozen=True)
class TeamQuarter:
    team_id: str
    name: str
    members: int  # live volunteers with a live membership overlapping the quarter
    activities: int  # live activities the team organised in the quarter
    participant_times: int  # 人次
    minutes: int


@dataclass(frozen=True)
class QuarterReport:
    """季度报表 of one unit for one quarter. Deleted rows never count.

    - volunteers: the unit's live volunteers now (volunteer.org_id).
    - teams: the unit's live teams. brand_projects: live brand projects started by the quarter's end (or undated).
    - activities: the unit's live activities held in the quarter (activity.org_id, held_on).
    - participant_times (人次): live participations in those activities; minutes: their credited minutes.
    - people_served: distinct live people served of the unit who, in the quarter, either were visited (a live
      pairing_visit activity of a live pairing they are a live beneficiary of) or had a need closed.
    - people_registered: the unit's live people served on record, whatever the quarter.
    - problems_solved: the unit's live needs closed (status closed, closed_on) in the quarter.
    """

    quarter: Quarter
    org_id: str
    volunteers: int
    teams: int
    activities: int
    participant_times: int
    minutes: int
    people_served: int
    people_registered: int
    problems_solved: int
    brand_projects: int
    team_rows: tuple[TeamQuarter, ...]


@dataclass(frozen=True)
class UnitSummary:
    org_id: str
    name: str
    level: str
    party_members: int
    volunteers: int  # live volunteers of the unit
    served: int  # distinct of them who served in the quarter
    participation_ratio: float | None  # served / party_members (domain.teams); None when members unknown
    meets_participation_rule: bool | None
    activities: int  # the unit's live activities held in the quarter
    participant_times: int
    minutes: int


class CommentTooLong(ValueError):
    pass


def rank_rows(rows: list[tuple[float, int, str, object]]) -> list[tuple[int, object]]:
    """Competition ranking of (points, minutes, pinyin, item): most points first, then most minutes, then by
    name; equal points and minutes share a rank and the next rank skips (1, 1, 3)."""
    ordered = sorted(rows, key=lambda r: (-r[0], -r[1], r[2]))
    ranked: list[tuple[int, object]] = []
    previous, rank = None, 0
    for position, (points, minutes, _pinyin, item) in enumerate(ordered, start=1):
        if (points, minutes) != previous:
            rank, previous = position, (points, minutes)
        ranked.append((rank, item))
    return ranked


class ReportService:
    def __init__(self, database: Database):
        self._db = database

    def _org(self, session, org_id: str | None) -> str:
        return org_id or store.home_id(session)

    def quarter_summary(self, quarter: Quarter, org_id: str | None = None) -> QuarterSummary:
        """Every live volunteer of the unit (default: the home organisation), ranked for the quarter."""
        with self._db.sessions() as session:
            org = self._org(session, org_id)
            people = store.quarter_rows(session, org, quarter)
            thresholds = rules_service.star_thresholds(session)
            notes = store.comments(session, org, quarter.year, quarter.number)
        ranked = rank_rows([(round(row[5], 1), row[3], row[2] or row[1], row) for row in people])
        rows = [VolunteerQuarter(volunteer_id=volunteer_id, name=name, minutes=minutes, activities=count,
                                 points=round(points, 1), total_minutes=total,
                                 star_level=stars.star_level(total, thresholds), rank=rank,
                                 comment=notes.get(volunteer_id, ""))
                for rank, (volunteer_id, name, _pinyin, minutes, count, points, total) in ranked]
        return QuarterSummary(quarter=quarter, org_id=org, rows=tuple(rows))

    def ranking(self, quarter: Quarter, org_id: str | None = None, *,
                limit: int | None = None) -> tuple[VolunteerQuarter, ...]:
        """The list printed and posted (一晾晒): the summary's rows in rank order, optionally the first `limit`."""
        rows = self.quarter_summary(quarter, org_id).rows
        return rows if limit is None else rows[:limit]

    def set_comment(self, volunteer_id: str, quarter: Quarter, comment: str) -> None:
        """Write (or, with blank text, clear) the branch's comment; audit-logged in the same transaction."""
        text = comment.strip()
        if len(text) > MAX_COMMENT_LENGTH:
            raise CommentTooLong(_("A comment can have at most {n} characters.").format(n=MAX_COMMENT_LENGTH))
        with self._db.sessions.begin() as session:
            volunteer = session.get(VolunteerRow, volunteer_id)
            if volunteer is None:
                raise KeyError(volunteer_id)
            row = store.review_row(session, volunteer_id, quarter.year, quarter.number)
            if row is None:
                if not text:
                    return
                row = QuarterlyReview(volunteer_id=volunteer_id, year=quarter.year, quarter=quarter.number,
                                      comment=text, org_id=volunteer.org_id)
                session.add(row)
                session.flush()
            else:
                if row.comment == text and not row.deleted:
                    return
                row.comment, row.deleted = text, False
            audit.record(session, action="update" if text else "clear", entity="quarterly_review",
                         entity_id=row.id, summary=f"{volunteer.name} {quarter}", org_id=volunteer.org_id)

    def comment(self, volunteer_id: str, quarter: Quarter) -> str:
        with self._db.sessions() as session:
            row = store.review_row(session, volunteer_id, quarter.year, quarter.number)
            return row.comment if row is not None and not row.deleted else ""

    def quarter_report(self, quarter: Quarter, org_id: str | None = None) -> QuarterReport:
        first, last = quarter.start, quarter.end
        with self._db.sessions() as session:
            org = self._org(session, org_id)
            activities, times, minutes = store.activity_totals(session, org, first, last)
            return QuarterReport(
                quarter=quarter, org_id=org,
                volunteers=store.live_count(session, VolunteerRow, org),
                teams=store.live_count(session, Team, org),
                activities=activities, participant_times=times, minutes=minutes,
                people_served=store.people_served(session, org, first, last),
                people_registered=store.live_count(session, store.PersonServed, org),
                problems_solved=store.needs_closed(session, org, first, last),
                brand_projects=store.brand_projects(session, org, last),
                team_rows=tuple(TeamQuarter(*row) for row in store.team_rows(session, org, first, last)),
            )

    def unit_summaries(self, quarter: Quarter) -> tuple[UnitSummary, ...]:
        """Every live organisation's quarter at a glance (committee scale), in code order. A parent
        organisation's figures are its own volunteers and activities, not its children's."""
        with self._db.sessions() as session:
            orgs = store.organisations(session)
            volunteers = store.unit_volunteer_counts(session)
            service = store.unit_service(session, quarter)
            activities = store.unit_activities(session, quarter.start, quarter.end)
        summaries = []
        for org_id, name, level, members, _parent in orgs:
            served, times, minutes = service.get(org_id, (0, 0, 0))
            summaries.append(UnitSummary(
                org_id=org_id, name=name, level=level, party_members=members, volunteers=volunteers.get(org_id, 0),
                served=served, participation_ratio=teams.participation_ratio(served, members),
                meets_participation_rule=teams.meets_participation_rule(served, members),
                activities=activities.get(org_id, 0), participant_times=times, minutes=minutes))
        return tuple(summaries)
