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
from volunteer_desk.services import demo, demo_data
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
