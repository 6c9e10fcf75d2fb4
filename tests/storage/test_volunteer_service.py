"""VolunteerService and RosterService on a real database file: registering, editing, the recycle list,
the audit log, and the roster's search, sorting and masking."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from tests.sheet_data import id_number, id_number_ending_in_x, registration
from volunteer_desk.domain import pinyin
from volunteer_desk.i18n import _
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.services.setup import SetupService
from volunteer_desk.services.volunteers import InvalidVolunteer, VolunteerService
from volunteer_desk.storage import organisations
from volunteer_desk.storage import volunteers as store
from volunteer_desk.storage.schema import AuditEntry, VolunteerRow


@pytest.fixture
def service(database) -> VolunteerService:
    SetupService(database).save(SetupInfo(name="西湖街道机关第一党支部", code="320412-001", operator="王书记"))
    return VolunteerService(database)


@pytest.fixture
def roster(database) -> RosterService:
    return RosterService(database)


@pytest.fixture
def sheet(service):
    """A filled registration for the home branch; keyword arguments change fields."""
    home = service.blank_values()["organisation_id"]

    def make(**overrides):
        return registration(**({"organisation_id": home} | overrides))

    return make


def row_count(database) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(VolunteerRow))


def audit_entries(database) -> list[AuditEntry]:
    with database.sessions() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.created_at)))


# --- registering and editing -----------------------------------------------------------------------------

def test_save_and_read_back(service, sheet, database):
    volunteer_id = service.save(sheet())
    assert row_count(database) == 1
    assert service.raw_values(volunteer_id) == sheet()


def test_saved_values_are_normalised(service, sheet):
    number = sheet()["id_number"]
    volunteer_id = service.save(sheet(mobile="+86 138-1234-5678", id_number=number.lower(), birth_date=""))
    values = service.raw_values(volunteer_id)
    assert values["mobile"] == "13812345678"
    assert values["id_number"] == number
    assert values["birth_date"] == "1985.06"


def test_blank_values(service):
    blank = service.blank_values()
    assert blank["organisation_id"] == service.organisation_choices()[0][0]
    assert blank["name"] == "" and blank["service_intents"] == []


def test_raw_values_of_an_unknown_id(service):
    assert service.raw_values("no-such-id") is None


def test_duplicate_id_number_is_refused(service, sheet, database):
    first = service.save(sheet())
    result = service.check(sheet(name="张叁"))
    assert result.duplicate == (first, "张三")
    with pytest.raises(InvalidVolunteer) as caught:
        service.save(sheet(name="张叁", mobile="13900000000"))
    assert caught.value.result.duplicate == (first, "张三")
    assert caught.value.result.errors == {"id_number": _(
        "{name} is already registered with this ID number. Open that record instead of adding it twice."
    ).format(name="张三")}
    assert row_count(database) == 1
    assert service.raw_values(first)["mobile"] == "13812345678"


def test_the_same_number_typed_differently_is_still_a_duplicate(service, sheet, database):
    number = id_number_ending_in_x()
    first = service.save(sheet(id_number=number, birth_date="", sex=""))
    with pytest.raises(InvalidVolunteer) as caught:
        service.save(sheet(name="张叁", id_number=" " + number.lower(), birth_date="", sex=""))
    assert caught.value.result.duplicate == (first, "张三")
    assert row_count(database) == 1


def test_invalid_sheet_is_not_saved(service, sheet, database):
    service.save(sheet())
    with pytest.raises(InvalidVolunteer) as caught:
        service.save(sheet(name="", id_number=id_number("19900101"), birth_date="1985.06", mobile="123"))
    errors = caught.value.result.errors
    assert set(errors) == {"name", "birth_date", "mobile"}
    assert not caught.value.result.ok
    assert row_count(database) == 1
    assert str(caught.value) == "; ".join(errors.values())


def test_unknown_region_is_a_warning(service, sheet):
    result = service.check(sheet(id_number=id_number("19850603", region="999999")))
    assert result.ok
    assert set(result.warnings) == {"id_number"}


def test_editing_keeps_the_id(service, sheet, database):
    volunteer_id = service.save(sheet())
    assert service.save(sheet(mobile="13900001111", specialty="摄影"), editing=volunteer_id) == volunteer_id
    values = service.raw_values(volunteer_id)
    assert values["mobile"] == "13900001111"
    assert values["specialty"] == "摄影"
    assert row_count(database) == 1


def test_editing_is_not_a_duplicate_of_itself(service, sheet):
    volunteer_id = service.save(sheet())
    assert service.check(sheet(), editing=volunteer_id).ok
    other = service.save(sheet(name="李四", id_number=id_number("19900101"), birth_date="", sex=""))
    with pytest.raises(InvalidVolunteer) as caught:
        service.save(sheet(name="李四", birth_date="", sex=""), editing=other)  # takes 张三's number
    assert caught.value.result.duplicate == (volunteer_id, "张三")


def test_editing_a_volunteer_that_no_longer_exists(service, sheet, database):
    with pytest.raises(InvalidVolunteer):
        service.save(sheet(), editing="no-such-id")
    assert row_count(database) == 0


# --- the recycle list ------------------------------------------------------------------------------------

def test_delete_and_restore(service, roster, sheet):
    volunteer_id = service.save(sheet())
    assert service.delete(volunteer_id)
    assert roster.ids(RosterQuery()) == []
    assert roster.ids(RosterQuery(deleted=True)) == [volunteer_id]
    assert service.raw_values(volunteer_id)["name"] == "张三"  # the row stays
    assert not service.delete(volunteer_id)
    assert service.restore(volunteer_id)
    assert roster.ids(RosterQuery()) == [volunteer_id]
    assert roster.ids(RosterQuery(deleted=True)) == []


def test_a_deleted_volunteers_number_may_be_registered_again(service, sheet):
    old = service.save(sheet())
    service.delete(old)
    new = service.save(sheet(name="张叁"))
    assert new != old


def test_restore_refused_when_the_number_was_taken_meanwhile(service, roster, sheet):
    old = service.save(sheet())
    service.delete(old)
    new = service.save(sheet(name="张叁"))
    with pytest.raises(InvalidVolunteer) as caught:
        service.restore(old)
    assert caught.value.result.duplicate == (new, "张叁")
    assert set(caught.value.result.errors) == {"id_number"}
    assert roster.ids(RosterQuery(deleted=True)) == [old]
    assert roster.ids(RosterQuery()) == [new]


def test_restoring_a_live_volunteer_does_nothing(service, sheet):
    volunteer_id = service.save(sheet())
    assert service.restore(volunteer_id) is False


def test_deleted_list_is_newest_first(service, roster, sheet):
    ids = [service.save(sheet(name=name, id_number=id_number(f"1985060{i}"), birth_date="", sex=""))
           for i, name in enumerate(["甲一", "乙二", "丙三"], start=1)]
    for volunteer_id in (ids[1], ids[0], ids[2]):
        service.delete(volunteer_id)
    assert roster.ids(RosterQuery(deleted=True)) == [ids[2], ids[0], ids[1]]


# --- the audit log ---------------------------------------------------------------------------------------

def test_audit_entry_per_change_without_personal_numbers(service, sheet, database):
    volunteer_id = service.save(sheet())
    service.save(sheet(specialty="摄影"), editing=volunteer_id)
    service.delete(volunteer_id)
    service.restore(volunteer_id)
    entries = audit_entries(database)
    assert [(e.action, e.entity, e.entity_id, e.operator) for e in entries] == [
        (action, "volunteer", volunteer_id, "王书记") for action in ("create", "update", "delete", "restore")
    ]
    secrets = [sheet()["id_number"], sheet()["id_number"][-8:], "13812345678", "86661234"]
    for entry in entries:
        assert not any(secret in entry.summary for secret in secrets)


def test_nothing_refused_is_audited(service, sheet, database):
    service.save(sheet())
    with pytest.raises(InvalidVolunteer):
        service.save(sheet(name="张叁"))
    assert not service.delete("no-such-id")
    assert [e.action for e in audit_entries(database)] == ["create"]


# --- the roster: search ----------------------------------------------------------------------------------

X_NUMBER = id_number_ending_in_x()
PEOPLE = [
    # name, ID number, mobile, unit phone
    ("张三", id_number("19850603", sequence="123"), "13812345678", "0519-86660000"),
    ("张三", id_number("19900101", sequence="011"), "13900001111", ""),
    ("李四", id_number("19720814", sequence="041"), "13700002222", "0519-86661111"),
    ("张三丰", id_number("19600101", sequence="071"), "13600003333", ""),
    ("王_五", X_NUMBER, "13500004444", ""),
    ("赵六", id_number("19880808", sequence="082"), "15000005555", ""),
]


@pytest.fixture
def people(service, sheet):
    """name → list of ids, in PEOPLE order."""
    ids: dict[str, list[str]] = {}
    for name, number, mobile, unit_phone in PEOPLE:
        volunteer_id = service.save(sheet(name=name, id_number=number, mobile=mobile, unit_phone=unit_phone,
                                          birth_date="", sex="", joined_party_on="", pledge_signed_on=""))
        ids.setdefault(name, []).append(volunteer_id)
    return ids


def found(roster: RosterService, search: str) -> set[str]:
    ids = roster.ids(RosterQuery(search=search))
    assert roster.count(RosterQuery(search=search)) == len(ids)
    return set(ids)


def test_search_by_name_fragment(roster, people):
    assert found(roster, "三") == {*people["张三"], *people["张三丰"]}
    assert found(roster, "张三丰") == set(people["张三丰"])
    assert found(roster, "李") == set(people["李四"])
    assert found(roster, "钱") == set()


def test_search_by_pinyin(roster, people):
    assert found(roster, "zs") == {*people["张三"], *people["张三丰"]}
    assert found(roster, "ZSF") == set(people["张三丰"])
    assert found(roster, "zhangsan") == {*people["张三"], *people["张三丰"]}
    assert found(roster, "ls") == set(people["李四"])
    assert not set(people["李四"]) & found(roster, "zs")


def test_search_by_phone_digits(roster, people):
    assert found(roster, "5678") == {people["张三"][0]}
    assert found(roster, "138") == {people["张三"][0]}
    assert found(roster, "86661111") == set(people["李四"])


def test_search_by_the_end_of_the_id_number(roster, people):
    assert found(roster, PEOPLE[2][1][-4:]) == set(people["李四"])
    assert found(roster, X_NUMBER[-4:].lower()) == set(people["王_五"])
    assert found(roster, X_NUMBER[-4:]) == set(people["王_五"])
    # Only the end: the birth date in the middle of 李四's number does not find him.
    assert not set(people["李四"]) & found(roster, "19720814")


def test_search_terms_are_anded(roster, people):
    assert found(roster, "zs 5678") == {people["张三"][0]}
    assert found(roster, "张 1111") == {people["张三"][1]}
    assert found(roster, "ls 5678") == set()


def test_like_wildcards_are_literal(roster, people):
    assert found(roster, "%") == set()
    assert found(roster, "张%") == set()
    assert found(roster, "_") == set(people["王_五"])
    assert found(roster, "张_") == set()
    assert found(roster, "\\") == set()


def test_deleted_volunteers_are_searched_only_in_the_recycle_list(service, roster, people):
    service.delete(people["李四"][0])
    assert found(roster, "ls") == set()
    assert roster.ids(RosterQuery(search="ls", deleted=True)) == people["李四"]


def test_filter_by_organisation(database, service, roster, sheet):
    home = service.blank_values()["organisation_id"]
    with database.sessions.begin() as session:
        other = organisations.add(session, name="第二支部", code="B2", level="branch").id
    at_home = service.save(sheet())
    elsewhere = service.save(sheet(name="李四", id_number=id_number("19900101"), birth_date="", sex="",
                                   organisation_id=other))
    assert roster.ids(RosterQuery(org_id=home)) == [at_home]
    assert roster.ids(RosterQuery(org_id=other)) == [elsewhere]
    assert set(roster.ids(RosterQuery())) == {at_home, elsewhere}
    assert dict(service.organisation_choices()).keys() == {home, other}


def test_empty_search_lists_everyone_live(roster, people):
    assert found(roster, "") == {i for ids in people.values() for i in ids}
    assert found(roster, "   ") == found(roster, "")


# --- the roster: sorting ---------------------------------------------------------------------------------

SORTING_PEOPLE = [
    dict(name="张三", birth="19850603", seq="123", education="bachelor", major="土木工程", work_unit="西林街道",
         unit_phone="0519-86660000", joined="2008-07-01", status="member", intents=["尊老服务", "助残服务"]),
    dict(name="张三", birth="19850611", seq="124", education="", major="", work_unit="西林街道",
         unit_phone="", joined="", status="activist", intents=[]),
    dict(name="单田芳", birth="19490301", seq="135", education="primary", major="评书", work_unit="鞍山曲艺团",
         unit_phone="0412-2220000", joined="1980-07-01", status="member", intents=["爱幼志愿服务"]),
    dict(name="曾国藩", birth="19720814", seq="147", education="postgraduate", major="经济学", work_unit="",
         unit_phone="", joined="1995-06-30", status="probationary", intents=["帮农民工服务", "助残服务"]),
    dict(name="安娜", birth="19990101", seq="018", education="college", major="护理", work_unit="第一人民医院",
         unit_phone="0519-86660000", joined="", status="activist", intents=["尊老服务"]),
    dict(name="区志伟", birth="19850603", seq="152", education="bachelor", major="土木工程", work_unit="zz 公司",
         unit_phone="0519-1234567", joined="2008-07-01", status="member", intents=["助残服务"]),
]


@pytest.fixture
def sorting_people(service, sheet) -> list[str]:
    ids = []
    for i, p in enumerate(SORTING_PEOPLE):
        ids.append(service.save(sheet(
            name=p["name"], id_number=id_number(p["birth"], sequence=p["seq"]), birth_date="", sex="",
            education=p["education"], major=p["major"], work_unit=p["work_unit"], unit_phone=p["unit_phone"],
            joined_party_on=p["joined"], political_status=p["status"], service_intents=p["intents"],
            mobile=f"13{i}0000{i}{i}{i}{i}", pledge_signed_on="")))
    return ids


def _python_order(database, ids: list[str], attribute: str) -> list[str]:
    """The order SQLite must give: NULLs first, then values, ties in the order registered (`ids` is that order)."""
    with database.sessions() as session:
        volunteers = {i: store.load(session, i) for i in ids}

    def value(volunteer):
        if attribute == "name_pinyin":
            return pinyin.sort_key(volunteer.name)
        raw = getattr(volunteer, attribute)
        if isinstance(raw, list):
            return json.dumps(raw)  # JSON columns compare as their stored text
        return raw.value if hasattr(raw, "value") else raw

    def key(volunteer_id):
        v = value(volunteers[volunteer_id])
        return (v is not None, v if v is not None else "", ids.index(volunteer_id))

    return sorted(ids, key=key)


def test_each_roster_column_sorts_both_ways(database, roster, sorting_people):
    sortable = [(c.key, roster.sort_key_of(c)) for c in roster.columns if roster.sort_key_of(c)]
    assert [key for key, _attribute in sortable] == [c.key for c in roster.columns
                                                     if c.key not in {"serial", "star_level"}]
    for key, attribute in sortable:
        expected = _python_order(database, sorting_people, attribute)
        assert roster.ids(RosterQuery(sort=attribute)) == expected, key
        assert roster.ids(RosterQuery(sort=attribute, descending=True)) == expected[::-1], key


def test_default_order_is_by_pinyin_with_surnames_read_as_surnames(roster, sorting_people):
    ids = roster.ids(RosterQuery())
    names = [SORTING_PEOPLE[sorting_people.index(i)]["name"] for i in ids]
    assert names == ["安娜", "区志伟", "单田芳", "曾国藩", "张三", "张三"]


def test_serial_column_is_not_sortable(roster):
    serial = next(c for c in roster.columns if c.key == "serial")
    assert roster.sort_key_of(serial) is None


# --- the roster: display ---------------------------------------------------------------------------------

def test_rows_mask_mobiles_and_never_show_id_numbers(service, roster, sheet):
    volunteer_id = service.save(sheet())
    key = roster.key_of(volunteer_id)
    assert roster.rows([key])[key][0] == volunteer_id
    cells = roster.rows([key])[key][1]
    labels = [c.label for c in roster.columns if c.key != "serial"]
    assert dict(zip(labels, cells, strict=True)) == {
        "姓名": "张三",
        "性别": _("Male"),
        "出生年月": "1985.06",
        "入党时间": "2008.07",
        "文化程度": _("Bachelor's degree"),
        "专业特长": "土木工程 书法",
        "工作单位及职务": "常州市西林街道办事处 科员",
        "单位电话": "0519-86660000",
        "手机": "138****5678",
        "志愿服务项目": "尊老服务、助残服务",
        "星级": "",
    }
    number = sheet()["id_number"]
    for cell in cells:
        assert "13812345678" not in cell
        assert number not in cell and number[:14] not in cell


def test_rows_of_a_sparse_volunteer(service, roster, sheet):
    volunteer_id = service.save(sheet(education="", joined_party_on="", political_status="activist", major="",
                                      specialty="", mobile="", service_intents=[], position=""))
    key = roster.key_of(volunteer_id)
    cells = dict(zip([c.key for c in roster.columns if c.key != "serial"], roster.rows([key])[key][1],
                     strict=True))
    assert cells["education"] == cells["joined_party_on"] == cells["specialty"] == cells["mobile"] == ""
    assert cells["service_intents"] == ""
    assert cells["work_unit"] == "常州市西林街道办事处"


def test_rows_for_unknown_keys_are_left_out(roster):
    assert roster.rows([987654]) == {}


def test_landlines_are_found_by_their_digits_across_the_dash(service, roster, sheet):
    volunteer_id = service.save(sheet(unit_phone="0519-86660000"))
    for typed in ("051986", "86660000", "0519", "0519-8666", "(0519)8666", "８６６６"):
        assert roster.ids(RosterQuery(search=typed)) == [volunteer_id], typed
