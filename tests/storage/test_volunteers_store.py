"""storage.volunteers on a real SQLite file: rows in and out, derived name keys, the live-ID-number rule."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.sheet_data import id_number
from volunteer_desk.domain.enums import Education, PoliticalStatus, Sex
from volunteer_desk.domain.volunteer import Volunteer
from volunteer_desk.storage import organisations
from volunteer_desk.storage import volunteers as store
from volunteer_desk.storage.schema import VolunteerRow
from volunteer_desk.storage.schema.base import new_ids


@pytest.fixture
def home_id(database) -> str:
    with database.sessions() as session:
        return organisations.home(session).id


def _volunteer(home_id: str, **values) -> Volunteer:
    defaults = dict(name="张三", sex=Sex.MALE, birth_date=dt.date(1985, 6, 3), id_number=id_number("19850603"),
                    political_status=PoliticalStatus.MEMBER, organisation_id=home_id)
    return Volunteer(**(defaults | values))


def test_save_and_load(database, home_id):
    volunteer = _volunteer(home_id, education=Education.COLLEGE, service_intents=["助残服务"],
                           availability=["weekends"], photo=b"\x00\x01 bytes", height_cm=165,
                           joined_party_on=dt.date(2010, 7, 1), mobile="13812345678")
    with database.sessions.begin() as session:
        volunteer_id = store.save(session, volunteer)
    with database.sessions() as session:
        loaded = store.load(session, volunteer_id)
    assert loaded.id == volunteer_id
    volunteer.id = volunteer_id
    assert loaded == volunteer
    with database.sessions() as session:
        assert store.load(session, "no-such-id") is None


def test_derived_name_keys_follow_the_name(database, home_id):
    with database.sessions.begin() as session:
        volunteer_id = store.save(session, _volunteer(home_id, name="单田芳"))
    with database.sessions.begin() as session:
        row = session.get(VolunteerRow, volunteer_id)
        assert row.name_pinyin == "shan tian fang"
        assert "stf" in row.search_keys.split()
        renamed = store.load(session, volunteer_id)
        renamed.name = "李四"
        store.save(session, renamed)
    with database.sessions() as session:
        row = session.get(VolunteerRow, volunteer_id)
        assert row.name_pinyin == "li si"
        assert "stf" not in row.search_keys.split()
        assert store.ordered_ids(session, store.RosterQuery(search="ls")) == [volunteer_id]


def test_one_live_volunteer_per_id_number(database, home_id):
    with database.sessions.begin() as session:
        first = store.save(session, _volunteer(home_id))
    with pytest.raises(IntegrityError), database.sessions.begin() as session:
        store.save(session, _volunteer(home_id, name="张叁"))
    with database.sessions.begin() as session:
        assert store.set_deleted(session, first, True)
        second = store.save(session, _volunteer(home_id, name="张叁"))  # the deleted one no longer counts
        assert store.find_live_by_id_number(session, id_number("19850603")) == (second, "张叁")
        assert store.find_live_by_id_number(session, id_number("19850603"), excluding=second) is None


def test_volunteers_without_id_numbers_do_not_clash(database, home_id):
    with database.sessions.begin() as session:
        a = store.save(session, _volunteer(home_id, id_number=""))
        b = store.save(session, _volunteer(home_id, id_number="", name="李四"))
    with database.sessions() as session:
        assert session.scalar(select(VolunteerRow.id_number).where(VolunteerRow.id == a)) is None
        assert store.load(session, b).id_number == ""
        assert store.find_live_by_id_number(session, "") is None


def test_set_deleted(database, home_id):
    with database.sessions.begin() as session:
        volunteer_id = store.save(session, _volunteer(home_id))
    with database.sessions.begin() as session:
        assert store.set_deleted(session, volunteer_id, True)
        assert not store.set_deleted(session, volunteer_id, True)  # already deleted
    with database.sessions() as session:
        row = session.get(VolunteerRow, volunteer_id)
        assert row.deleted and row.deleted_at is not None
    with database.sessions.begin() as session:
        assert store.set_deleted(session, volunteer_id, False)
        assert not store.set_deleted(session, "no-such-id", False)
    with database.sessions() as session:
        row = session.get(VolunteerRow, volunteer_id)
        assert not row.deleted and row.deleted_at is None


def test_fetch_columns_gives_domain_values(database, home_id):
    with database.sessions.begin() as session:
        first = store.save(session, _volunteer(home_id, education=Education.POSTGRADUATE, service_intents=["尊老服务"]))
        second = store.save(session, _volunteer(home_id, name="李四", id_number="", sex=None, birth_date=None,
                                                service_intents=["尊老服务"]))
        third = store.save(session, _volunteer(home_id, name="王五", id_number="", sex=Sex.FEMALE))
    with database.sessions() as session:
        keys = [store.key_of(session, volunteer_id) for volunteer_id in (first, second, third)]
        found, values = store.fetch_columns(session, [*keys, keys[-1] + 1000],
                                            ["sex", "education", "birth_date", "service_intents", "organisation_id",
                                             "sex"])
        assert store.fetch_columns(session, [keys[-1] + 1000], ["sex"]) == ([], {"id": [], "sex": []})
    by_key = {key: {name: column[found.index(key)] for name, column in values.items()} for key in found}
    assert sorted(found) == sorted(keys) and list(values) == ["id", "sex", "education", "birth_date",
                                                             "service_intents", "organisation_id"]
    assert by_key[keys[0]] == {"id": first, "sex": Sex.MALE, "education": Education.POSTGRADUATE,
                               "birth_date": dt.date(1985, 6, 3), "service_intents": ["尊老服务"],
                               "organisation_id": home_id}
    assert by_key[keys[1]] == {"id": second, "sex": None, "education": None, "birth_date": None,
                               "service_intents": ["尊老服务"], "organisation_id": home_id}
    assert by_key[keys[2]]["sex"] is Sex.FEMALE and by_key[keys[2]]["service_intents"] == []


def test_bulk_insert_adds_the_derived_keys(database, home_id):
    with database.sessions.begin() as session:
        store.bulk_insert(session, [
            {"id": "b1", "name": "曾国藩", "org_id": home_id, "service_intents": [], "availability": []},
            {"id": "b2", "name": "区志伟", "org_id": home_id, "service_intents": [], "availability": []},
        ])
    with database.sessions() as session:
        assert store.ordered_ids(session, store.RosterQuery()) == ["b2", "b1"]  # ou zhi wei, zeng guo fan
        assert store.ordered_ids(session, store.RosterQuery(search="zgf")) == ["b1"]
        assert store.count(session, store.RosterQuery()) == 2


def test_bulk_insert_stores_repeated_values_as_each_row_gave_them(database, home_id):
    """Each distinct date and list is converted once and reused: rows sharing a value and rows that differ,
    read back through the ORM, hold their own."""
    born = [dt.date(1985, 6, 3), dt.date(1985, 6, 3), dt.date(1990, 1, 1), None]
    intents = [["尊老服务"], ["尊老服务"], ["尊老服务", "助残服务"], []]
    with database.sessions.begin() as session:
        store.bulk_insert(session, [
            {"id": f"r{n}", "name": f"张{n}", "org_id": home_id, "birth_date": day, "service_intents": chosen,
             "availability": ["周末"] if n % 2 else []}
            for n, (day, chosen) in enumerate(zip(born, intents, strict=True))])
    with database.sessions() as session:
        rows = {row.id: row for row in session.scalars(select(VolunteerRow))}
    assert [rows[f"r{n}"].birth_date for n in range(4)] == born
    assert [rows[f"r{n}"].service_intents for n in range(4)] == intents
    assert [rows[f"r{n}"].availability for n in range(4)] == [[], ["周末"], [], ["周末"]]
    assert len({rows[f"r{n}"].created_at for n in range(4)}) == 1


def test_new_volunteers_inserted_at_once_load_as_they_were(database, home_id):
    """insert_new writes column by column: each volunteer reads back as given, with its own new id, the shared
    columns and the derived keys; volunteers without ID numbers do not clash."""
    given = [_volunteer(home_id, education=Education.COLLEGE, service_intents=["助残服务"], height_cm=165,
                        joined_party_on=dt.date(2010, 7, 1), mobile="13812345678", unit_phone="0519-86661234"),
             _volunteer(home_id, name="曾国藩", sex=Sex.FEMALE, id_number="", birth_date=None,
                        political_status=PoliticalStatus.ACTIVIST),
             _volunteer(home_id, name="区志伟", id_number="", birth_date=None)]
    with database.sessions.begin() as session:
        store.insert_new(session, given, iter(new_ids(3)), import_batch_id=None)
    with database.sessions() as session:
        rows = session.scalars(select(VolunteerRow)).all()
        loaded = {row.name: store.load(session, row.id) for row in rows}
        assert store.ordered_ids(session, store.RosterQuery(search="8666")) == [
            next(row.id for row in rows if row.name == "张三")]
        assert store.ordered_ids(session, store.RosterQuery(search="zgf")) == [loaded["曾国藩"].id]
    assert len({row.id for row in rows}) == 3 and all(row.id_number is None for row in rows if row.name != "张三")
    for volunteer in given:
        assert loaded[volunteer.name] == Volunteer(**(vars(volunteer) | {"id": loaded[volunteer.name].id}))
