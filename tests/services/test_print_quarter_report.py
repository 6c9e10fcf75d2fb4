"""The printed 季度报表 on a real database filled with activities: the figures equal ReportService's, held
against the rules (50% of Party members, an activity every week), the team table, the deadline, and a
quarter without activities still reported with zeros."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest

from tests.documents import pdf_tools
from tests.services.test_reports import Q, World
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import _
from volunteer_desk.services import demo
from volunteer_desk.services.printing import quarter_report as report_print
from volunteer_desk.services.reports import ReportService
from volunteer_desk.storage.schema import BrandProject, Need, Organisation, Team, TeamMembership

TODAY = dt.date(2026, 6, 20)  # twelve weeks of 2026 Q2 begun: Mon 30 March (cut to 1–5 April) … Mon 15 June


@pytest.fixture
def filled(database):
    demo.fill(database, volunteers=0)  # names the branch, adds nobody
    world = World(database)
    with database.sessions.begin() as session:
        session.get(Organisation, world.home).party_members = 4
    a, b, c = world.volunteer("甲", "jia"), world.volunteer("乙", "yi"), world.volunteer("丙", "bing")
    team = world.add(Team(id=str(uuid.uuid4()), name="先锋服务队", kind="team", org_id=world.home))
    for volunteer in (a, b):
        world.add(TeamMembership(team_id=team, volunteer_id=volunteer, role="member", org_id=world.home))
    first, second = world.activity(dt.date(2026, 4, 10), team=team), world.activity(dt.date(2026, 5, 20), team=team)
    third = world.activity(dt.date(2026, 6, 1))
    world.serve(a, first, 120)
    world.serve(b, first, 90)
    world.serve(a, second, 45)
    world.serve(b, third, 60)
    world.add(Need(title="修水管", raised_on=dt.date(2026, 4, 1), status="closed", closed_on=dt.date(2026, 4, 2),
                   org_id=world.home))
    world.add(BrandProject(name="爱心接力", started_on=dt.date(2025, 1, 1), org_id=world.home))
    del c  # registered, never served: the weekly rule is not met
    return database


def _text(tmp_path, rendered, name="report.pdf", layout=True) -> str:
    return re.sub(r"\s+", "", pdf_tools.text(pdf_tools.write(tmp_path, rendered.pdf, name), layout=layout))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_figures_are_reportservices_against_the_rules(tmp_path, filled):
    rendered = report_print.build(filled, {"quarter": Q}, today=TODAY)
    text = _text(tmp_path, rendered)
    report = ReportService(filled).quarter_report(Q)
    assert (report.activities, report.participant_times, report.minutes) == (3, 4, 315)
    assert rendered.pages == 1
    assert text.startswith(f"{demo.BRANCH_NAME}2026")
    expected = [
        _flat(_("Due by: {date}").format(date="2026年6月28日")),
        _flat(_("Party members")) + "4",
        _flat(_("Registered volunteers")) + str(report.volunteers),
        # (the label itself may wrap in its cell)
        _flat("2" + _("Every volunteer serves at least once a week") + _("{n} did not serve").format(n=1)),
        _flat(_("Party members taking part") + "50%" + _("At least half of the unit's Party members") + _("Met")),
        _flat(_("Activities held")) + str(report.activities),
        _flat(_("Weeks with an activity") + "3/12" + _("At least one activity a week")
              + _("{n} weeks without").format(n=9)),
        _flat(_("Participant-times")) + str(report.participant_times),
        _flat(_("Total service hours")) + format_hours(report.minutes),
        _flat(_("Problems solved")) + str(report.problems_solved),
        _flat(_("Service teams")) + str(report.teams),
        _flat(_("Brand projects (count)")) + str(report.brand_projects),
    ]
    team = report.team_rows[0]
    expected.append(
        f"1先锋服务队{team.members}{team.activities}{team.participant_times}{format_hours(team.minutes)}")
    expected.append(_flat(_("Total")) + f"{team.members}{team.activities}{team.participant_times}")
    expected.append(_flat(_("Checked by: __________")))
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions)


def test_a_quarter_without_activities_is_reported_with_zeros(tmp_path, filled, database):
    later = Quarter(2026, 3)
    text = _text(tmp_path, report_print.build(filled, {"quarter": later}, today=dt.date(2026, 7, 15)))
    for label, value in (("Activities held", "0"), ("Participant-times", "0"), ("Total service hours", "0"),
                         ("Weeks with an activity", "0/3")):
        assert _flat(_(label)) + value in text
    assert _flat(_("{n} weeks without").format(n=3)) in text
    assert _flat(_("Due by: {date}").format(date="2026年9月28日")) in text
    assert "1先锋服务队2000" in text  # the team is still listed, with nothing done


def test_a_new_unit_without_teams_or_party_members_still_gets_its_report(tmp_path, database):
    rendered = report_print.build(database, {}, today=TODAY)
    text = _text(tmp_path, rendered)
    assert rendered.pages == 1
    assert _flat(_("Party members taking part") + "—") in text
    assert _flat(_("Party members not filled in")) in _text(tmp_path, rendered, layout=False)
    assert _flat(_("The unit has no service team yet.")) in text
