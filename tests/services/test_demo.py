"""Demo data: realistic, valid by the program's own rules, repeatable, and only ever put into an empty database."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
from sqlalchemy import func, select, update

from volunteer_desk import fonts, paths
from volunteer_desk.domain import contact, idnumber, pinyin
from volunteer_desk.domain.enums import Education, OrgLevel, PoliticalStatus
from volunteer_desk.domain.volunteer import cross_check
from volunteer_desk.formspec import load
from volunteer_desk.services import demo, demo_activities, demo_data
from volunteer_desk.services.database import Database, open_database
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.storage import organisations
from volunteer_desk.storage import volunteers as store
from volunteer_desk.storage.schema import Organisation, VolunteerRow


def _rows(database: Database) -> list[VolunteerRow]:
    with database.sessions() as session:
        return list(session.scalars(select(VolunteerRow).order_by(VolunteerRow.id_number)))


def _count(database: Database) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(VolunteerRow))


def _fresh(tmp_path, name: str) -> Database:
    return open_database(paths.data_dir(tmp_path / name))


@pytest.fixture
def filled(database) -> Database:
    assert demo.fill(database, volunteers=300, seed=7) == demo.Summary(volunteers=300, branches=1)
    return database


def _eighteenth_birthday(birth: dt.date) -> dt.date:
    try:
        return birth.replace(year=birth.year + 18)
    except ValueError:
        return dt.date(birth.year + 18, 3, 1)


def test_id_numbers_are_valid_and_agree_with_sex_and_birth_date(filled):
    rows = _rows(filled)
    assert len(rows) == 300
    for row in rows:
        info = idnumber.parse(row.id_number)
        assert info.region_known, row.id_number
        assert (info.birth_date, info.sex.value) == (row.birth_date, row.sex)
        assert dt.date(1950, 1, 1) <= row.birth_date <= dt.date(2004, 12, 31)
    assert len({row.id_number for row in rows}) == len(rows)


def test_party_dates_follow_the_rules(filled):
    statuses = set()
    for row in _rows(filled):
        statuses.add(row.political_status)
        if row.political_status == PoliticalStatus.ACTIVIST.value:
            assert row.joined_party_on is None
        else:
            assert _eighteenth_birthday(row.birth_date) <= row.joined_party_on < dt.date(2026, 1, 1)
        assert max(dt.date(2014, 1, 1), row.birth_date) <= row.pledge_signed_on <= dt.date(2026, 12, 31)
    assert statuses == {s.value for s in PoliticalStatus}


def test_contacts_are_well_formed_and_mobiles_unique(filled):
    rows = _rows(filled)
    assert all(re.fullmatch(r"1[3-9]\d{9}", row.mobile) for row in rows)
    assert len({row.mobile for row in rows}) == len(rows)
    for row in rows:
        for check, value in ((contact.check_email, row.email), (contact.check_landline, row.phone),
                             (contact.check_landline, row.unit_phone), (contact.check_qq, row.qq)):
            if value:
                check(value)
        contact.check_postcode(row.postcode)
    assert any(row.email for row in rows) and any(row.qq for row in rows) and any(row.unit_phone for row in rows)


def test_choices_come_from_the_registration_sheet(filled):
    form = load("registration")

    def options(key):
        return {o.value for o in form.fields[key].choices()}

    for row in _rows(filled):
        assert row.education in {e.value for e in Education}
        assert row.transport_subsidy in options("transport_subsidy")
        assert row.occupation_type in options("occupation_type")
        assert row.service_intents and set(row.service_intents) <= options("service_intents")
        assert set(row.availability) <= options("availability")
        assert row.availability or row.availability_other
        assert row.height_cm is None or 150 <= row.height_cm <= 190
        assert row.photo is None
        for key, field in form.fields.items():
            value = getattr(row, field.bind, None)
            if field.max_length and isinstance(value, str):
                assert len(value) <= field.max_length, (key, value)


def test_every_volunteer_passes_the_cross_field_checks(filled):
    with filled.sessions() as session:
        ids = store.ordered_ids(session, RosterQuery())
        for volunteer_id in ids:
            assert cross_check(store.load(session, volunteer_id)) == {}


def test_names_and_all_tables_are_printable():
    texts: list[str] = []

    def collect(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, tuple | list):
            for item in value:
                collect(item)

    for name in dir(demo_data):
        if name.isupper():
            collect(getattr(demo_data, name))
    collect([demo.BRANCH_NAME, demo.COMMITTEE_NAME])
    assert fonts.missing_characters("".join(texts)) == []


def test_names_use_the_surname_table(filled):
    surnames = {s for s, _weight in demo_data.SURNAMES}
    for row in _rows(filled):
        assert fonts.missing_characters(row.name) == []
        assert row.name[:1] in surnames or row.name[:2] in surnames
        assert 2 <= len(row.name) <= 4


def test_home_becomes_a_named_branch_under_a_committee(filled):
    with filled.sessions() as session:
        home = organisations.home(session)
        parent = session.get(Organisation, home.parent_id)
        orgs = organisations.all_live(session)
        org_ids = set(session.scalars(select(VolunteerRow.org_id).distinct()))
    assert (home.name, home.code, home.level) == (demo.BRANCH_NAME, demo.BRANCH_CODE, OrgLevel.BRANCH.value)
    assert home.party_members == 480
    assert (parent.level, parent.is_home) == (OrgLevel.COMMITTEE.value, False)
    assert len(orgs) == 2
    assert org_ids == {home.id}


def test_same_seed_same_people_other_seed_other_people(tmp_path):
    people = []
    for folder, seed in (("a", 3), ("b", 3), ("c", 4)):
        database = _fresh(tmp_path, folder)
        try:
            demo.fill(database, volunteers=50, seed=seed)
            people.append([(row.name, row.id_number, row.mobile) for row in _rows(database)])
        finally:
            database.close()
    assert people[0] == people[1]
    assert people[0] != people[2]
    assert {n for n, _i, _m in people[0]} != {n for n, _i, _m in people[2]}


def test_only_an_empty_database_is_filled(database):
    demo.fill(database, volunteers=20)
    with pytest.raises(demo.NotEmpty):
        demo.fill(database, volunteers=20)
    assert _count(database) == 20
    with database.sessions.begin() as session:  # deleted volunteers are still real records
        session.execute(update(VolunteerRow).values(deleted=True))
    with pytest.raises(demo.NotEmpty):
        demo.fill(database, volunteers=20)
    assert _count(database) == 20


def test_no_volunteers_twice_is_harmless(database):
    assert demo.fill(database, volunteers=0) == demo.Summary(volunteers=0, branches=1)
    assert demo.fill(database, volunteers=0).volunteers == 0
    with database.sessions() as session:
        assert len(organisations.all_live(session)) == 2


def test_the_roster_finds_demo_volunteers_by_initials_and_name(filled):
    service = RosterService(filled)
    for row in _rows(filled)[:20]:
        initials = "".join(syllable[0] for syllable in pinyin.sort_key(row.name).split())
        assert row.id in service.ids(RosterQuery(search=initials))
        assert row.id in service.ids(RosterQuery(search=row.name))
        assert row.id in service.ids(RosterQuery(search=row.mobile[-4:]))


def test_the_command_line(tmp_path):
    folder = tmp_path / "cli"
    command = [sys.executable, "-m", "volunteer_desk", "--data-dir", str(folder), "demo", "--volunteers", "50"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    database = open_database(folder)
    try:
        assert _count(database) == 50
    finally:
        database.close()
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1
    assert str(folder) in again.stderr


# --- activities, hours and points ---------------------------------------------------------------------------

def _scalar(database, statement):
    with database.sessions() as session:
        return session.scalar(statement)


@pytest.fixture
def busy(database) -> Database:
    summary = demo.fill(database, volunteers=120, seed=5)
    assert (summary.activities, summary.volunteers) == (800, 120)
    assert 6 * 800 < summary.participations < 14 * 800
    return database


def test_participations_point_at_live_volunteers_and_activities(busy):
    from volunteer_desk.storage.schema import Activity, Participation
    orphans = (select(func.count()).select_from(Participation)
               .outerjoin(VolunteerRow, VolunteerRow.id == Participation.volunteer_id)
               .outerjoin(Activity, Activity.id == Participation.activity_id)
               .where((VolunteerRow.id.is_(None)) | (Activity.id.is_(None)) | VolunteerRow.deleted
                      | Activity.deleted | Participation.deleted))
    assert _scalar(busy, orphans) == 0
    assert _scalar(busy, select(func.count()).select_from(Participation)) > 0


def test_minutes_are_half_hours_up_to_eight_and_match_the_ledger(busy):
    from volunteer_desk.storage.schema import Activity, HoursEntry, Participation
    with busy.sessions() as session:
        minutes = session.execute(select(Participation.minutes)).scalars().all()
        ledger = dict(session.execute(select(HoursEntry.participation_id, func.sum(HoursEntry.minutes_delta))
                                      .group_by(HoursEntry.participation_id)).all())
        parts = dict(session.execute(select(Participation.id, Participation.minutes)).all())
        reasons = set(session.scalars(select(HoursEntry.reason).distinct()))
        operators = set(session.scalars(select(HoursEntry.operator).distinct()))
        activities = session.execute(select(Activity.held_on, Activity.starts_at, Activity.ends_at, Activity.kind,
                                            Activity.category_id, Activity.pairing_id)).all()
    assert all(0 < m <= 480 and m % 30 == 0 for m in minutes)
    assert ledger == parts
    assert (reasons, operators) == ({demo_activities.DEMO_REASON}, {demo.DEMO_OPERATOR})
    for held_on, starts, ends, kind, category_id, pairing_id in activities:
        assert demo_activities.ACTIVITY_FIRST_DAY <= held_on <= demo_activities.ACTIVITY_LAST_DAY
        assert dt.time(8) <= starts < ends <= dt.time(17)
        assert category_id is not None
        assert (kind == "pairing_visit") == (pairing_id is not None)
    assert {k for *_r, k, _c, _p in activities} >= {"collective", "pairing_visit"}
    assert sum(k == "collective" for *_r, k, _c, _p in activities) > len(activities) / 2


def test_points_are_one_an_hour_plus_themed_day_bonuses(busy):
    from volunteer_desk.domain import points
    from volunteer_desk.storage.schema import Activity, Participation, PointsEntry
    with busy.sessions() as session:
        hours = dict(session.execute(select(PointsEntry.volunteer_id, func.sum(PointsEntry.points))
                                     .where(PointsEntry.rule == points.RULE_HOURS)
                                     .group_by(PointsEntry.volunteer_id)).all())
        minutes = dict(session.execute(select(Participation.volunteer_id, func.sum(Participation.minutes))
                                       .group_by(Participation.volunteer_id)).all())
        bonuses = session.execute(select(PointsEntry.earned_on, PointsEntry.points)
                                  .where(PointsEntry.rule == points.RULE_THEMED_DAY)).all()
        dates_match = session.scalar(select(func.count()).select_from(PointsEntry)
                                     .join(Activity, Activity.id == PointsEntry.activity_id)
                                     .where(Activity.held_on != PointsEntry.earned_on))
    assert hours.keys() == minutes.keys()
    assert all(abs(hours[v] - minutes[v] / 60) < 1e-9 for v in minutes)
    assert bonuses and all(p == 2.0 and points.calendar.themed_day_on(d) is not None for d, p in bonuses)
    assert dates_match == 0


def test_teams_pairings_needs_and_journals_exist(busy):
    from volunteer_desk.storage.schema import (Need, Pairing, PairingBeneficiary, PairingMember, PersonServed, Team,
                                               TeamMembership, WeeklyJournal)
    for table in (Team, TeamMembership, Pairing, PairingMember, PairingBeneficiary, PersonServed, Need, WeeklyJournal):
        assert _scalar(busy, select(func.count()).select_from(table)) > 0, table.__tablename__
    assert _scalar(busy, select(func.count()).select_from(Need).where(Need.status == "closed",
                                                                   Need.closed_on.is_(None))) == 0
    assert _scalar(busy, select(func.count()).select_from(Team).where(Team.category_id.is_(None))) == 0


def test_activities_are_repeatable(tmp_path):
    from volunteer_desk.storage.schema import Activity, Participation
    seen = []
    for folder in ("a", "b"):
        database = _fresh(tmp_path, folder)
        try:
            demo.fill(database, volunteers=30, seed=2, activities=50)
            with database.sessions() as session:
                seen.append(session.execute(select(Activity.id, Activity.held_on, Activity.content)
                                            .order_by(Activity.id)).all()
                            + session.execute(select(Participation.id, Participation.minutes)
                                              .order_by(Participation.id)).all())
        finally:
            database.close()
    assert seen[0] == seen[1]


def test_no_activities_when_asked_for_none(database):
    assert demo.fill(database, volunteers=10, activities=0).participations == 0


def test_branches_spread_volunteers_and_activities(database):
    from volunteer_desk.storage.schema import Activity
    assert demo.fill(database, volunteers=60, seed=1, activities=40, branches=3).branches == 3
    with database.sessions() as session:
        per_org = dict(session.execute(select(VolunteerRow.org_id, func.count()).group_by(VolunteerRow.org_id)).all())
        activity_orgs = set(session.scalars(select(Activity.org_id).distinct()))
    assert sorted(per_org.values()) == [20, 20, 20]
    assert activity_orgs == set(per_org)


def test_the_command_line_takes_a_number_of_activities(tmp_path):
    from volunteer_desk.storage.schema import Activity
    folder = tmp_path / "cli-activities"
    command = [sys.executable, "-m", "volunteer_desk", "--data-dir", str(folder), "demo", "--volunteers", "20",
               "--activities", "15"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    database = open_database(folder)
    try:
        assert _scalar(database, select(func.count()).select_from(Activity)) == 15
    finally:
        database.close()
