"""Read-only queries behind the quarter summary, the quarterly report, the dashboard and committee summaries.

Every query ignores deleted rows of every table it touches: a participation counts only when it, its
activity and its volunteer are live. Volunteers belong to a unit by `volunteer.org_id`; activities by
`activity.org_id`. Results are plain tuples and dicts, never ORM objects.

The hot queries are SQL text written for SQLite's planner, which has no statistics in a user's database
(nothing runs ANALYZE): `activity CROSS JOIN participation` makes the date index on activities drive the
join (a quarter is an eighth of two years' rows), and a unary `+` on a column (`+p.volunteer_id IN …`)
stops SQLite from using that column's index, which it would otherwise pick for the unit filter and then
walk every participation the unit ever had.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.orm import Session

from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.enums import ActivityKind
from volunteer_desk.storage.schema import (
    Activity,
    BrandProject,
    Need,
    Organisation,
    Pairing,
    PairingBeneficiary,
    Participation,
    PersonServed,
    QuarterlyReview,
    Team,
    VolunteerRow,
)

_LIVE_SERVICE = and_(Participation.deleted.is_(False), Activity.deleted.is_(False))


def unit_volunteers(session: Session, org_id: str) -> list[tuple[str, str, str]]:
    """(id, name, name_pinyin) of the unit's live volunteers."""
    statement = select(VolunteerRow.id, VolunteerRow.name, VolunteerRow.name_pinyin).where(
        VolunteerRow.org_id == org_id, VolunteerRow.deleted.is_(False))
    return [tuple(row) for row in session.execute(statement)]


_UNIT = "(SELECT id FROM volunteer WHERE org_id = :org AND deleted = 0)"


def _day(day: dt.date) -> str:
    return day.isoformat()  # how SQLAlchemy's Date type stores a date in SQLite


def period(quarter: Quarter) -> int:
    """service_tally's key for a quarter: 2026 Q4 → 20264."""
    return quarter.year * 10 + quarter.number


def quarter_rows(session: Session, org_id: str, quarter: Quarter) -> list[tuple[str, str, str, int, int, float, int]]:
    """(id, name, name_pinyin, minutes, activities, points, all-time minutes) of each of the unit's live
    volunteers for the quarter, from service_tally: two key lookups per volunteer."""
    statement = text("""
        SELECT v.id, v.name, v.name_pinyin, coalesce(q.minutes, 0), coalesce(q.activities, 0),
               coalesce(q.points, 0), (SELECT coalesce(sum(t.minutes), 0) FROM service_tally t WHERE t.volunteer_id = v.id)
        FROM volunteer v LEFT JOIN service_tally q ON q.volunteer_id = v.id AND q.period = :period
        WHERE v.org_id = :org AND v.deleted = 0""")
    return [(v, n, p or "", int(m), int(a), float(pts), int(total)) for v, n, p, m, a, pts, total
            in session.execute(statement, {"org": org_id, "period": period(quarter)})]


def comments(session: Session, org_id: str, year: int, quarter: int) -> dict[str, str]:
    """{volunteer id: the branch's comment} for the quarter: read from the few comments, not the volunteers."""
    statement = text("""
        SELECT r.volunteer_id, r.comment
        FROM quarterly_review r CROSS JOIN volunteer v ON v.id = r.volunteer_id
        WHERE r.year = :year AND r.quarter = :quarter AND r.deleted = 0 AND r.comment != ''
          AND v.org_id = :org AND v.deleted = 0""")
    return dict(session.execute(statement, {"org": org_id, "year": year, "quarter": quarter}).all())


def review_row(session: Session, volunteer_id: str, year: int, quarter: int) -> QuarterlyReview | None:
    """The review row, deleted or not (the unique key covers both)."""
    return session.scalars(select(QuarterlyReview).where(
        QuarterlyReview.volunteer_id == volunteer_id, QuarterlyReview.year == year,
        QuarterlyReview.quarter == quarter)).first()


def servers(session: Session, org_id: str, first: dt.date, last: dt.date) -> set[str]:
    """Ids of the unit's live volunteers with live service held from `first` to `last`."""
    statement = text(f"""
        SELECT DISTINCT p.volunteer_id
        FROM activity a CROSS JOIN participation p ON p.activity_id = a.id
        WHERE a.held_on BETWEEN :first AND :last AND a.deleted = 0 AND p.deleted = 0
          AND +p.volunteer_id IN {_UNIT}""")
    return set(session.scalars(statement, {"org": org_id, "first": _day(first), "last": _day(last)}))


def activity_count(session: Session, org_id: str, first: dt.date, last: dt.date) -> int:
    return int(session.scalar(text("""
        SELECT count(*) FROM activity
        WHERE held_on BETWEEN :first AND :last AND deleted = 0 AND +org_id = :org"""),
        {"org": org_id, "first": _day(first), "last": _day(last)}) or 0)


def live_count(session: Session, table, org_id: str, *where) -> int:
    return int(session.scalar(select(func.count()).select_from(table).where(
        table.org_id == org_id, table.deleted.is_(False), *where)) or 0)


def activity_totals(session: Session, org_id: str, first: dt.date, last: dt.date) -> tuple[int, int, int]:
    """(activities, participant-times, minutes) of the unit's live activities held in the span."""
    times, minutes = session.execute(text("""
        SELECT count(p.id), coalesce(sum(p.minutes), 0)
        FROM activity a CROSS JOIN participation p ON p.activity_id = a.id
        WHERE a.held_on BETWEEN :first AND :last AND a.deleted = 0 AND +a.org_id = :org AND p.deleted = 0"""),
        {"org": org_id, "first": _day(first), "last": _day(last)}).one()
    return activity_count(session, org_id, first, last), int(times), int(minutes)


def people_served(session: Session, org_id: str, first: dt.date, last: dt.date) -> int:
    """Distinct live people served of the unit who were visited (a live pairing visit held in the span, through
    a live pairing and a live beneficiary link) or whose need was closed in the span."""
    visited = (select(PairingBeneficiary.person_served_id)
               .join(Pairing, Pairing.id == PairingBeneficiary.pairing_id)
               .join(Activity, Activity.pairing_id == Pairing.id)
               .where(PairingBeneficiary.deleted.is_(False), Pairing.deleted.is_(False),
                      Activity.deleted.is_(False), Activity.kind == ActivityKind.PAIRING_VISIT.value,
                      Activity.held_on.between(first, last)))
    helped = select(Need.person_served_id).where(
        Need.deleted.is_(False), Need.status == "closed", Need.closed_on.between(first, last),
        Need.person_served_id.is_not(None))
    return int(session.scalar(select(func.count()).select_from(PersonServed).where(
        PersonServed.org_id == org_id, PersonServed.deleted.is_(False),
        or_(PersonServed.id.in_(visited), PersonServed.id.in_(helped)))) or 0)


def needs_closed(session: Session, org_id: str, first: dt.date, last: dt.date) -> int:
    return live_count(session, Need, org_id, Need.status == "closed", Need.closed_on.between(first, last))


def brand_projects(session: Session, org_id: str, last: dt.date) -> int:
    return live_count(session, BrandProject, org_id,
                      or_(BrandProject.started_on.is_(None), BrandProject.started_on <= last))


def team_rows(session: Session, org_id: str, first: dt.date,
              last: dt.date) -> list[tuple[str, str, int, int, int, int]]:
    """(team id, name, members, activities, participant-times, minutes) of the unit's live teams. Members are
    distinct live volunteers with a live membership overlapping the span."""
    teams = session.execute(select(Team.id, Team.name).where(Team.org_id == org_id, Team.deleted.is_(False))
                            .order_by(Team.name)).all()
    if not teams:
        return []
    ids = [t for t, _n in teams]
    members = dict(session.execute(text(f"""
        SELECT m.team_id, count(DISTINCT m.volunteer_id)
        FROM team_membership m CROSS JOIN volunteer v ON v.id = m.volunteer_id
        WHERE m.team_id IN ({", ".join(f":t{n}" for n in range(len(ids)))}) AND m.deleted = 0 AND v.deleted = 0
          AND (m.joined_on IS NULL OR m.joined_on <= :last) AND (m.left_on IS NULL OR m.left_on >= :first)
        GROUP BY m.team_id"""), {"first": _day(first), "last": _day(last), **{f"t{n}": t for n, t in enumerate(ids)}}
    ).all())
    counts = dict(session.execute(
        select(Activity.team_id, func.count()).where(Activity.team_id.in_(ids), Activity.deleted.is_(False),
                                                     Activity.held_on.between(first, last))
        .group_by(Activity.team_id)).all())
    service = {t: (int(n), int(m or 0)) for t, n, m in session.execute(
        select(Activity.team_id, func.count(Participation.id), func.sum(Participation.minutes))
        .join(Participation, Participation.activity_id == Activity.id)
        .where(Activity.team_id.in_(ids), _LIVE_SERVICE, Activity.held_on.between(first, last))
        .group_by(Activity.team_id))}
    return [(t, name, int(members.get(t, 0)), int(counts.get(t, 0)), *service.get(t, (0, 0))) for t, name in teams]


def organisations(session: Session) -> list[tuple[str, str, str, int, str | None]]:
    """(id, name, level, party_members, parent id) of every live organisation, by code."""
    return [tuple(r) for r in session.execute(
        select(Organisation.id, Organisation.name, Organisation.level, Organisation.party_members,
               Organisation.parent_id).where(Organisation.deleted.is_(False)).order_by(Organisation.code))]


def home_id(session: Session) -> str | None:
    return session.scalar(select(Organisation.id).where(Organisation.is_home.is_(True)))


def unit_volunteer_counts(session: Session) -> dict[str, int]:
    return dict(session.execute(select(VolunteerRow.org_id, func.count()).where(VolunteerRow.deleted.is_(False))
                                .group_by(VolunteerRow.org_id)).all())


def unit_service(session: Session, quarter: Quarter) -> dict[str, tuple[int, int, int]]:
    """{org id: (distinct volunteers who served, participant-times, minutes)} in the quarter, by the
    volunteer's unit, from service_tally."""
    statement = text("""
        SELECT v.org_id, sum(q.activities > 0), sum(q.activities), sum(q.minutes)
        FROM service_tally q CROSS JOIN volunteer v ON v.id = q.volunteer_id
        WHERE q.period = :period AND v.deleted = 0
        GROUP BY v.org_id""")
    return {o: (int(d), int(n), int(m or 0)) for o, d, n, m in session.execute(statement, {"period": period(quarter)})}


def unit_activities(session: Session, first: dt.date, last: dt.date) -> dict[str, int]:
    return dict(session.execute(text("""
        SELECT org_id, count(*) FROM activity WHERE held_on BETWEEN :first AND :last AND deleted = 0
        GROUP BY org_id"""), {"first": _day(first), "last": _day(last)}).all())
