"""The secretary's dashboard: this week and this quarter against the documents' rules, and what is coming.

Rules: at least one activity a week and every volunteer at least once a week (seed 000 四.3); at least 50% of
the unit's Party members take part (seed 002 四.1); quarterly reports by the 28th (seed 004). `today` is
always a parameter, so tests (and a secretary looking back) pin the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from volunteer_desk.domain import calendar, teams
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.i18n import _
from volunteer_desk.services.database import Database
from volunteer_desk.storage import reports as store

IDLE_WEEKS = 4


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    rule: str
    met: bool | None  # None when the rule cannot be judged (no volunteers, member count unknown)


@dataclass(frozen=True)
class ThemedDayAhead:
    date: dt.date
    name: str
    days_left: int


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    week_first: dt.date  # Monday
    week_last: dt.date  # Sunday
    activities_this_week: int
    served_this_week: int
    volunteers: int
    quarter: Quarter
    served_this_quarter: int
    party_members: int
    participation_ratio: float | None
    idle_count: int  # live volunteers with no service in the last four weeks (or never)
    idle_names: tuple[str, ...]  # the first of them, by pinyin
    report_deadline: dt.date
    days_to_deadline: int
    themed_days: tuple[ThemedDayAhead, ...]
    figures: tuple[Figure, ...]  # each figure above with its rule and whether it is met


def idle_since(today: dt.date) -> dt.date:
    """Whoever last served on or before this day has been idle four weeks: served exactly 28 days ago counts."""
    return today - dt.timedelta(weeks=IDLE_WEEKS)


class DashboardService:
    def __init__(self, database: Database):
        self._db = database

    def dashboard(self, today: dt.date, org_id: str | None = None, *, idle_names: int = 10,
                  themed_days: int = 3) -> Dashboard:
        first, last = calendar.week_of(today)
        quarter = Quarter.of(today)
        with self._db.sessions() as session:
            org = org_id or store.home_id(session)
            members = next((m for o, _n, _l, m, _p in store.organisations(session) if o == org), 0)
            people = store.unit_volunteers(session, org)
            activities = store.activity_count(session, org, first, last)
            served_week = len(store.servers(session, org, first, last))
            served_quarter = len(store.servers(session, org, quarter.start, min(today, quarter.end)))
            # Served within the four weeks after the idle boundary: everyone else is idle.
            recent = store.servers(session, org, idle_since(today) + dt.timedelta(days=1), today)
        idle = sorted((pinyin or name, name) for v, name, pinyin in people if v not in recent)
        deadline = calendar.next_report_deadline(today)
        ratio = teams.participation_ratio(served_quarter, members)
        volunteers = len(people)
        figures = (
            Figure(_("Activities this week"), str(activities), _("At least one activity a week"), activities >= 1),
            Figure(_("Volunteers who served this week"), f"{served_week}/{volunteers}",
                   _("Every volunteer serves at least once a week"),
                   served_week >= volunteers if volunteers else None),
            Figure(_("Party members taking part this quarter"),
                   "—" if ratio is None else f"{ratio:.0%}", _("At least half of the unit's Party members"),
                   teams.meets_participation_rule(served_quarter, members)),
            Figure(_("Volunteers idle for four weeks"), str(len(idle)),
                   _("Every volunteer serves at least once a week"), not idle if volunteers else None),
            Figure(_("Quarterly report due"), _("{date} ({days} days left)").format(
                date=deadline.isoformat(), days=(deadline - today).days),
                _("Report by the 28th of the quarter's last month"), None),
        )
        return Dashboard(
            today=today, week_first=first, week_last=last, activities_this_week=activities,
            served_this_week=served_week, volunteers=volunteers, quarter=quarter,
            served_this_quarter=served_quarter, party_members=members, participation_ratio=ratio,
            idle_count=len(idle), idle_names=tuple(name for _key, name in idle[:idle_names]),
            report_deadline=deadline, days_to_deadline=(deadline - today).days,
            themed_days=tuple(ThemedDayAhead(t.date, t.name, (t.date - today).days)
                              for t in calendar.next_themed_days(today, themed_days)),
            figures=figures)
