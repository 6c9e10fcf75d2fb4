"""Quarter summary, ranking, comments, quarterly report and unit summaries on a small hand-built dataset."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.services.reports import ReportService, rank_rows
from volunteer_desk.storage import organisations
from volunteer_desk.storage.schema import (
    Activity,
    AuditEntry,
    BrandProject,
    Need,
    Organisation,
    Pairing,
    PairingBeneficiary,
    Participation,
    PersonServed,
    PointsEntry,
    QuarterlyReview,
    Team,
    TeamMembership,
    VolunteerRow,
)

Q = Quarter(2026, 2)  # 2026-04-01 … 2026-06-30


class World:
    """Helpers writing rows straight into the tables, the way the other services will."""

    def __init__(self, database):
        self.db = database
        with database.sessions() as session:
            self.home = organisations.home(session).id

    def add(self, row):
        with self.db.sessions.begin() as session:
            session.add(row)
        return row.id

    def volunteer(self, name, pinyin, org=None, deleted=False):
        return self.add(VolunteerRow(id=str(uuid.uuid4()), name=name, name_pinyin=pinyin, org_id=org or self.home,
                                     deleted=deleted))

    def activity(self, day, org=None, team=None, kind="collective", pairing=None, deleted=False):
        return self.add(Activity(id=str(uuid.uuid4()), held_on=day, kind=kind, org_id=org or self.home,
                                 team_id=team, pairing_id=pairing, deleted=deleted))

    def serve(self, volunteer, activity, minutes, points=None, day=None, deleted=False):
        self.add(Participation(id=str(uuid.uuid4()), activity_id=activity, volunteer_id=volunteer, minutes=minutes,
                               deleted=deleted, org_id=self.home))
        if points is not None:
            self.add(PointsEntry(id=str(uuid.uuid4()), volunteer_id=volunteer, earned_on=day, points=points,
                                 rule="hours", deleted=deleted))


@pytest.fixture
def world(database):
    return World(database)


def test_rank_rows_share_ranks_and_skip():
    rows = [(5.0, 60, "b", "B"), (5.0, 60, "a", "A"), (3.0, 90, "c", "C"), (5.0, 30, "d", "D"), (0, 0, "e", "E")]
    assert rank_rows(rows) == [(1, "A"), (1, "B"), (3, "D"), (4, "C"), (5, "E")]


def test_quarter_summary_ranks_points_then_hours_then_pinyin(world, database):
    zhang = world.volunteer("张三", "zhang san")
    li = world.volunteer("李四", "li si")
    wang = world.volunteer("王五", "wang wu")
    zhao = world.volunteer("赵六", "zhao liu")
    world.volunteer("钱七", "qian qi", deleted=True)
    a1, a2 = world.activity(dt.date(2026, 4, 6)), world.activity(dt.date(2026, 6, 30))
    before = world.activity(dt.date(2026, 3, 31))
    gone = world.activity(dt.date(2026, 5, 1), deleted=True)
    world.serve(zhang, a1, 120, 2.0, dt.date(2026, 4, 6))
    world.serve(li, a1, 120, 2.0, dt.date(2026, 4, 6))
    world.serve(wang, a2, 60, 2.0, dt.date(2026, 6, 30))  # same points, fewer minutes
    world.serve(zhao, before, 6000, 100.0, dt.date(2026, 3, 31))  # last quarter: 100 h all time, one star
    world.serve(zhao, gone, 600)  # deleted activity: ignored
    world.serve(zhao, a2, 30, 9.0, dt.date(2026, 6, 30), deleted=True)  # deleted rows ignored

    summary = ReportService(database).quarter_summary(Q)
    table = [(r.name, r.rank, r.minutes, r.activities, r.points, r.star_level) for r in summary.rows]
    assert table == [
        ("李四", 1, 120, 1, 2.0, 0),
        ("张三", 1, 120, 1, 2.0, 0),
        ("王五", 3, 60, 1, 2.0, 0),
        ("赵六", 4, 0, 0, 0.0, 1),
    ]
    assert summary.rows[3].total_minutes == 6000
    assert [r.name for r in ReportService(database).ranking(Q, limit=2)] == ["李四", "张三"]


def test_summary_is_per_unit(world, database):
    with database.sessions.begin() as session:
        other = organisations.add(session, name="另一支部", code="X-2", level=OrgLevel.BRANCH.value).id
    mine, theirs = world.volunteer("甲", "jia"), world.volunteer("乙", "yi", org=other)
    act = world.activity(dt.date(2026, 5, 5))
    world.serve(mine, act, 60, 1.0, dt.date(2026, 5, 5))
    world.serve(theirs, act, 90, 1.5, dt.date(2026, 5, 5))
    service = ReportService(database)
    assert [r.name for r in service.quarter_summary(Q).rows] == ["甲"]
    assert [(r.name, r.minutes) for r in service.quarter_summary(Q, other).rows] == [("乙", 90)]


def test_comments_round_trip_upsert_clear_and_audit(world, database):
    volunteer = world.volunteer("张三", "zhang san")
    service = ReportService(database)
    service.set_comment(volunteer, Q, "  表现突出  ")
    assert service.comment(volunteer, Q) == "表现突出"
    assert service.quarter_summary(Q).rows[0].comment == "表现突出"
    service.set_comment(volunteer, Q, "积极参加")
    service.set_comment(volunteer, Q.next(), "下季度")
    assert service.comment(volunteer, Q) == "积极参加"
    service.set_comment(volunteer, Q, "")
    assert service.comment(volunteer, Q) == ""
    assert service.quarter_summary(Q).rows[0].comment == ""
    service.set_comment(volunteer, Q, "恢复")
    assert service.comment(volunteer, Q) == "恢复"
    with database.sessions() as session:
        rows = session.scalars(select(QuarterlyReview).where(QuarterlyReview.quarter == 2)).all()
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "quarterly_review")
                                  .order_by(AuditEntry.created_at)).all()
    assert len(rows) == 1
    assert actions == ["update", "update", "update", "clear", "update"]
    with pytest.raises(ValueError):
        service.set_comment(volunteer, Q, "长" * 501)


def test_quarter_report_counts(world, database):
    a, b, c = world.volunteer("甲", "jia"), world.volunteer("乙", "yi"), world.volunteer("丙", "bing")
    world.volunteer("丁", "ding", deleted=True)
    team = world.add(Team(id=str(uuid.uuid4()), name="先锋服务队", kind="team", org_id=world.home))
    world.add(Team(id=str(uuid.uuid4()), name="已删", kind="team", org_id=world.home, deleted=True))
    world.add(TeamMembership(team_id=team, volunteer_id=a, role="captain", org_id=world.home))
    world.add(TeamMembership(team_id=team, volunteer_id=b, role="member", org_id=world.home))
    world.add(TeamMembership(team_id=team, volunteer_id=c, role="member", org_id=world.home,
                             left_on=dt.date(2026, 3, 1)))  # left before the quarter
    person, other_person, idle_person = (world.add(PersonServed(id=str(uuid.uuid4()), name=n, category="空巢老人",
                                                                org_id=world.home)) for n in ("王奶奶", "李爷爷", "赵阿姨"))
    pairing = world.add(Pairing(id=str(uuid.uuid4()), kind="one_to_one", started_on=dt.date(2025, 1, 1),
                                org_id=world.home))
    world.add(PairingBeneficiary(pairing_id=pairing, person_served_id=person, org_id=world.home))
    visit = world.activity(dt.date(2026, 4, 10), kind="pairing_visit", pairing=pairing)
    world.activity(dt.date(2026, 7, 1), kind="pairing_visit", pairing=pairing)  # next quarter
    collective = world.activity(dt.date(2026, 5, 20), team=team)
    world.activity(dt.date(2026, 5, 21), deleted=True)
    world.serve(a, visit, 60)
    world.serve(a, collective, 120)
    world.serve(b, collective, 90)
    world.serve(c, collective, 30, deleted=True)
    world.add(Need(title="修水管", raised_on=dt.date(2026, 3, 1), status="closed", closed_on=dt.date(2026, 4, 2),
                   person_served_id=other_person, org_id=world.home))
    world.add(Need(title="代购", raised_on=dt.date(2026, 3, 1), status="closed", closed_on=dt.date(2026, 3, 30),
                   person_served_id=idle_person, org_id=world.home))
    world.add(Need(title="陪诊", raised_on=dt.date(2026, 4, 1), status="open", org_id=world.home))
    world.add(BrandProject(name="爱心接力", started_on=dt.date(2025, 1, 1), org_id=world.home))
    world.add(BrandProject(name="未来项目", started_on=dt.date(2026, 8, 1), org_id=world.home))

    report = ReportService(database).quarter_report(Q)
    assert (report.volunteers, report.teams, report.activities) == (3, 1, 2)
    assert (report.participant_times, report.minutes) == (3, 270)
    assert (report.people_served, report.people_registered, report.problems_solved) == (2, 3, 1)
    assert report.brand_projects == 1
    assert [(t.name, t.members, t.activities, t.participant_times, t.minutes) for t in report.team_rows] == [
        ("先锋服务队", 2, 1, 2, 210)]


def test_unit_summaries(world, database):
    with database.sessions.begin() as session:
        session.get(Organisation, world.home).party_members = 4
        other = organisations.add(session, name="另一支部", code="X-2", level=OrgLevel.BRANCH.value,
                                  party_members=0).id
    a, b = world.volunteer("甲", "jia"), world.volunteer("乙", "yi")
    c = world.volunteer("丙", "bing", org=other)
    act = world.activity(dt.date(2026, 5, 5))
    world.activity(dt.date(2026, 5, 6), org=other)
    world.serve(a, act, 60)
    world.serve(b, act, 30)
    world.serve(c, act, 90)
    units = {u.name: u for u in ReportService(database).unit_summaries(Q)}
    home = next(u for u in units.values() if u.org_id == world.home)
    assert (home.volunteers, home.served, home.participation_ratio, home.meets_participation_rule,
            home.activities, home.participant_times, home.minutes) == (2, 2, 0.5, True, 1, 2, 90)
    theirs = units["另一支部"]
    assert (theirs.served, theirs.participation_ratio, theirs.meets_participation_rule, theirs.activities,
            theirs.minutes) == (1, None, None, 1, 90)
