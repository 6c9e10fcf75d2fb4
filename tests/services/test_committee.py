"""A committee's view of its branches, from real bundles: three branches export at different times (on time,
after the deadline, only last quarter), the committee imports them, and its lists must say who sent the quarter
and when, with every branch's figures as the branch's own ReportService gives them; then the ranking across
branches, the year's candidates, a committee reporting upward, and the printed and Excel lists read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from tests.bundle_world import Installation, hand_key, installation
from tests.documents import pdf_tools
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.i18n import _
from volunteer_desk.services.bundles import BundleService
from volunteer_desk.services.committee import CommitteeService, ReportStatus
from volunteer_desk.services.printing import PrintService
from volunteer_desk.services.printing.activities import hours
from volunteer_desk.services.printing.quarter_report import weeks_with_activity
from volunteer_desk.services.reports import ReportService

Q = Quarter(2026, 4)  # demo activities run to 2026-11-20; the report is due 2026-12-28
AFTER_DEADLINE = dt.date(2027, 1, 5)
BEFORE_DEADLINE = dt.date(2026, 12, 21)
# (name, code, Party members, when the branch made its bundle)
BRANCHES = (
    ("西湖街道机关第一党支部", "B-01", 20, dt.datetime(2026, 12, 20, 4, tzinfo=dt.UTC)),  # on time
    ("西湖街道第二党支部", "B-02", 6, dt.datetime(2026, 12, 30, 4, tzinfo=dt.UTC)),  # after the 28th
    ("滨湖社区党支部", "B-03", 30, dt.datetime(2026, 9, 10, 4, tzinfo=dt.UTC)),  # last quarter's only
)


@dataclasses.dataclass
class World:
    folder: Path
    committee: Installation
    branches: list[Installation]

    def org_id(self, branch: Installation) -> str:
        with sqlite3.connect(branch.database.path) as connection:
            return connection.execute("SELECT id FROM organisation WHERE is_home = 1").fetchone()[0]


def send(branch: Installation, committee: Installation, folder: Path, made_at: dt.datetime) -> None:
    """The branch exports on `made_at` (its clock) and the committee imports, confirming a first sender."""
    path = BundleService(branch.database, clock=lambda: made_at).export(folder).path
    committee.bundles.apply(committee.bundles.inspect(path), confirm_sender=True)


def build_world(template: Path, folder: Path, branches=BRANCHES) -> World:
    committee = installation(template, folder / "C-01", name="西太湖科技产业园党工委", code="C-01", committee=True)
    made = []
    for seed, (name, code, members, made_at) in enumerate(branches, start=1):
        branch = installation(template, folder / code, name=name, code=code, volunteers=8, activities=40,
                              seed=seed)
        with sqlite3.connect(branch.database.path) as connection:
            connection.execute("UPDATE organisation SET party_members = ? WHERE is_home = 1", (members,))
        hand_key(committee, branch, folder)
        send(branch, committee, folder, made_at)
        made.append(branch)
    return World(folder, committee, made)


@pytest.fixture(scope="module")
def world(tmp_path_factory, migrated_database_file):
    built = build_world(migrated_database_file, tmp_path_factory.mktemp("committee"))
    yield built
    for each in (built.committee, *built.branches):
        each.close()


def test_each_branch_is_listed_with_its_bundle_and_its_own_figures(world):
    overview = CommitteeService(world.committee.database).overview(Q, AFTER_DEADLINE)
    assert [row.code for row in overview.rows] == ["B-01", "B-02", "B-03"]
    assert [row.status for row in overview.rows] == [ReportStatus.ON_TIME, ReportStatus.LATE, ReportStatus.OVERDUE]
    assert [row.sent for row in overview.rows] == [True, True, False]
    assert [row.late for row in overview.rows] == [False, True, True]
    assert [row.last_received.period for row in overview.rows] == ["2026Q4", "2026Q4", "2026Q3"]
    assert [row.last_received.made_at for row in overview.rows] == [b[3].replace(tzinfo=None) for b in BRANCHES]
    assert overview.deadline == dt.date(2026, 12, 28)

    for row, branch in zip(overview.rows, world.branches, strict=True):
        org = world.org_id(branch)
        own = next(u for u in ReportService(branch.database).unit_summaries(Q) if u.org_id == org)
        assert row.org_id == org and row.name == own.name
        assert (row.party_members, row.volunteers, row.served, row.participation_ratio, row.meets_participation_rule,
                row.activities, row.participant_times, row.minutes) == \
            (own.party_members, own.volunteers, own.served, own.participation_ratio, own.meets_participation_rule,
             own.activities, own.participant_times, own.minutes)
        assert (row.weeks_with_activity, row.weeks_counted) == weeks_with_activity(branch.database, org, Q,
                                                                                   AFTER_DEADLINE)
        assert row.weeks_counted == 14 and row.meets_weekly_rule is (row.weeks_with_activity == 14)
    assert all(r.activities for r in overview.rows)
    assert [r.meets_participation_rule for r in overview.rows] == [False, True, False]  # 8 of 20, of 6, of 30

    totals = overview.totals
    assert (totals.branches, totals.sent, totals.late) == (3, 2, 2)
    assert totals.party_members == 56 and totals.minutes == sum(r.minutes for r in overview.rows)
    assert totals.participation_ratio == sum(r.served for r in overview.rows) / 56


def test_before_the_deadline_a_branch_not_sent_is_not_late_yet(world):
    rows = CommitteeService(world.committee.database).overview(Q, BEFORE_DEADLINE).rows
    assert rows[2].status == ReportStatus.NOT_YET and not rows[2].late and not rows[2].sent
    assert rows[0].weeks_counted == 13  # the weeks begun by Monday 21 December
    # a later quarter's bundle carries the quarter too, arriving late
    assert CommitteeService(world.committee.database).overview(Q.previous(), AFTER_DEADLINE).rows[1].status == \
        ReportStatus.LATE


def test_volunteers_of_all_branches_are_ranked_together_by_the_branches_rule(world):
    committee = CommitteeService(world.committee.database)
    ranking = committee.ranking(Q)
    assert len(ranking) == 24 and ranking[0].rank == 1
    for before, after in zip(ranking, ranking[1:]):
        assert (before.points, before.minutes) >= (after.points, after.minutes)
        assert (after.rank == before.rank) == ((after.points, after.minutes) == (before.points, before.minutes))
    for branch, (name, *_rest) in zip(world.branches, BRANCHES, strict=True):
        own = ReportService(branch.database).ranking(Q)
        ours = [r for r in ranking if r.organisation == name]
        assert sorted((r.volunteer_id, r.minutes, r.activities, r.points, r.star_level) for r in ours) == \
            sorted((r.volunteer_id, r.minutes, r.activities, r.points, r.star_level) for r in own)
    assert committee.ranking(Q, limit=5) == ranking[:5]


def test_candidates_are_the_years_top_points_then_hours(world):
    year: dict[str, list] = {}
    for branch in world.branches:
        for number in range(1, 5):
            for row in ReportService(branch.database).quarter_summary(Quarter(2026, number)).rows:
                totals = year.setdefault(row.volunteer_id, [0.0, 0])
                totals[0] += row.points
                totals[1] += row.minutes
    order = sorted(year.values(), key=lambda t: (-round(t[0], 1), -t[1]))
    fifth = (round(order[4][0], 1), order[4][1])
    expected = {v for v, (points, minutes) in year.items() if (round(points, 1), minutes) >= fifth}

    candidates = CommitteeService(world.committee.database).candidates(2026, 5)
    assert {c.volunteer_id for c in candidates} == expected and len(candidates) >= 5
    for candidate in candidates:
        assert candidate.rank <= 5
        assert (candidate.points, candidate.minutes) == (round(year[candidate.volunteer_id][0], 1),
                                                         year[candidate.volunteer_id][1])
    assert CommitteeService(world.committee.database).candidates(2020, 5) == ()  # nobody served that year


def test_branches_reported_through_a_committee_show_its_bundle(world, migrated_database_file):
    district = installation(migrated_database_file, world.folder / "D-01", name="区委组织部", code="D-01",
                            committee=True)
    try:
        hand_key(district, world.committee, world.folder)
        send(world.committee, district, world.folder, dt.datetime(2026, 12, 26, 4, tzinfo=dt.UTC))
        rows = CommitteeService(district.database).overview(Q, AFTER_DEADLINE).rows
        assert [row.code for row in rows] == ["B-01", "B-02", "B-03", "C-01"]
        assert {(row.last_received.sender, row.last_received.forwarded) for row in rows[:3]} == \
            {("西太湖科技产业园党工委", True)}
        assert not rows[3].last_received.forwarded and {row.status for row in rows} == {ReportStatus.ON_TIME}
        assert [name for _id, name in CommitteeService(district.database).units()] == \
            ["区委组织部", *(b[0] for b in BRANCHES), "西太湖科技产业园党工委"]
    finally:
        district.close()


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _sheet(data: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def test_the_overview_printed_and_in_excel(world, tmp_path):
    database = world.committee.database
    kind = PrintService(database).document("committee_overview")
    rendered = kind.build(database, {"quarter": Q}, None, today=AFTER_DEADLINE)
    path = pdf_tools.write(tmp_path, rendered.pdf)
    assert pdf_tools.page_size_mm(path) == (297, 210) and rendered.pages == 1
    text = _flat(pdf_tools.text(path, layout=True))
    assert _flat(_("{unit}{year} Q{n} branches' bundles and work at a glance").format(
        unit="西太湖科技产业园党工委", year=2026, n=4)) in text
    assert all(_flat(name) in text for name, *_rest in BRANCHES)
    assert (text.count("√"), text.count("×")) == (2, 1)  # a long status may wrap in its cell: read from Excel

    overview = CommitteeService(database).overview(Q, AFTER_DEADLINE)
    rows = _sheet(kind.excel(database, {"quarter": Q}, None, today=AFTER_DEADLINE))
    header = next(i for i, row in enumerate(rows) if row[0] == _("No."))
    body = rows[header + 1:]
    assert [row[1] for row in body] == [*(b[0] for b in BRANCHES), _("Total")]
    assert [row[2] for row in body] == [f"√ {_('Sent on time')}", f"√ {_('Sent late')}",
                                        f"× {_('Overdue, not sent')}",
                                        _("{sent} of {branches} sent").format(sent=2, branches=3)]
    for line, row in zip(body, overview.rows):
        assert (line[4], line[5], line[6], line[8], line[9], line[10]) == \
            (row.party_members, row.volunteers, row.served, row.activities, row.participant_times, hours(row.minutes))
    assert body[-1][10] == hours(overview.totals.minutes)


def test_the_ranking_and_the_candidates_printed_and_in_excel(world, tmp_path):
    database = world.committee.database
    service, printing = CommitteeService(database), PrintService(database)
    top = [r for r in service.ranking(Q) if r.activities or r.minutes or r.points][:6]
    rows = _sheet(printing.document("committee_ranking").excel(database, {"quarter": Q, "limit": 6}, None))
    header = next(i for i, row in enumerate(rows) if row[0] == _("Rank"))
    assert [(row[0], row[1], row[2], row[3], row[5]) for row in rows[header + 1:]] == \
        [(r.rank, r.name, r.organisation, r.activities, r.points) for r in top]

    candidates = service.candidates(2026, 3)
    rendered = printing.render("committee_candidates", {"year": 2026, "limit": 3})
    text = pdf_tools.text(pdf_tools.write(tmp_path, rendered.pdf), layout=True)
    assert [line.split()[1] for line in text.splitlines() if re.match(r"\s*\d+\s", line)] == \
        [c.name for c in candidates]


def test_with_nothing_to_list_the_papers_say_why(database):
    printing = PrintService(database)
    overview = printing.render("committee_overview", {"quarter": Q})
    assert overview.warnings == (_("No branch below this unit has sent a bundle yet; import the branches' bundles "
                                   "first."),)
    assert printing.render("committee_candidates", {"year": 2020}).warnings == \
        (_("Nobody served in this year; choose another one."),)


def test_only_a_committee_lists_the_committee_documents(database):
    from volunteer_desk.domain.enums import OrgLevel
    from volunteer_desk.domain.setup import SetupInfo
    from volunteer_desk.services.printing import PrintService
    from volunteer_desk.services.setup import SetupService

    printing = PrintService(database)
    SetupService(database).save(SetupInfo(role=OrgLevel.BRANCH, name="第一支部", code="B-1", operator="张"))
    keys = {kind.key for kind in printing.documents()}
    assert "roster" in keys and not keys & {"committee_overview", "committee_ranking", "committee_candidates"}
    SetupService(database).save(SetupInfo(role=OrgLevel.COMMITTEE, name="党工委", code="C-1", operator="张"))
    assert {"committee_overview", "committee_ranking", "committee_candidates"} <= \
        {kind.key for kind in printing.documents()}
