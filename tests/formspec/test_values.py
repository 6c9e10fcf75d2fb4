"""From what is typed into Sheet A to a Volunteer and back, with every mistake keyed by its field."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.sheet_data import id_number, registration
from volunteer_desk.domain.enums import Education, PoliticalStatus, Sex
from volunteer_desk.domain.volunteer import Volunteer
from volunteer_desk.formspec import load
from volunteer_desk.formspec.values import Checker, from_domain, to_domain
from volunteer_desk.i18n import _


@pytest.fixture(scope="module")
def form():
    return load("registration")


def required(form, key: str) -> str:
    return _("{label} is required.").format(label=form.label(key))


def test_a_fully_filled_sheet(form):
    volunteer, errors = to_domain(form, registration())
    assert errors == {}
    assert volunteer.name == "张三"
    assert volunteer.sex is Sex.MALE
    assert volunteer.birth_date == dt.date(1985, 6, 3)  # 1985.06 made exact by the ID number
    assert volunteer.height_cm == 172
    assert volunteer.education is Education.BACHELOR
    assert volunteer.political_status is PoliticalStatus.MEMBER
    assert volunteer.joined_party_on == dt.date(2008, 7, 1)
    assert volunteer.pledge_signed_on == dt.date(2024, 3, 5)
    assert volunteer.service_intents == ["尊老服务", "助残服务"]
    assert volunteer.transport_subsidy == "self_collect"
    assert volunteer.photo == registration()["photo"]
    assert volunteer.organisation_id == "org-1"


def test_round_trip(form):
    volunteer, _errors = to_domain(form, registration())
    raw = from_domain(form, volunteer)
    assert raw == registration()
    again, errors = to_domain(form, raw)
    assert errors == {}
    assert again == volunteer


def test_blank_volunteer_round_trip(form):
    raw = from_domain(form, Volunteer())
    assert set(raw) == set(form.fields)
    assert raw["name"] == "" and raw["birth_date"] == "" and raw["service_intents"] == []
    volunteer, errors = to_domain(form, raw)
    assert set(errors) == {"name", "id_number", "political_status", "organisation_id"}
    assert volunteer == Volunteer()


def test_required_fields(form):
    raw = registration(name="  ", id_number="", political_status=None, organisation_id=None)
    _volunteer, errors = to_domain(form, raw)
    assert errors == {key: required(form, key) for key in ("name", "id_number", "political_status", "organisation_id")}
    assert errors["name"] == _("{label} is required.").format(label="姓名")


def test_values_are_trimmed_and_normalised(form):
    volunteer, errors = to_domain(form, registration(
        name=" 张三 ", mobile="+86 138-1234-5678", id_number=" " + registration()["id_number"].lower() + " ",
        postcode="２１３０００", email=" zs@example.com ", qq="１２３４５６７８"))
    assert errors == {}
    assert volunteer.name == "张三"
    assert volunteer.mobile == "13812345678"
    assert volunteer.postcode == "213000"
    assert volunteer.email == "zs@example.com"
    assert volunteer.qq == "12345678"


def test_length_limit_applies_to_the_normalised_value(form):
    """max_length for 手机 is 13, but "+86 138-1234-5678" is a mobile the check accepts and stores as 11 digits."""
    spaced_id = "110105 19491231 002x"
    volunteer, errors = to_domain(form, registration(mobile="+86 138-1234-5678", id_number=spaced_id,
                                                     birth_date="", sex=""))
    assert errors == {}
    assert volunteer.mobile == "13812345678"
    assert volunteer.id_number == "11010519491231002X"


def test_too_long(form):
    _volunteer, errors = to_domain(form, registration(name="张" * 21, district="区" * 30))
    assert errors == {"name": _("At most {n} characters; this has {count}.").format(n=20, count=21)}


def test_field_checks_give_their_messages(form):
    _volunteer, errors = to_domain(form, registration(mobile="12812345678", postcode="21300", email="zs@",
                                                      qq="0123", phone="12345", unit_phone="abc"))
    assert errors == {
        "mobile": _("A mobile number is 11 digits starting with 13 to 19, e.g. 13812345678."),
        "postcode": _("A postal code is 6 digits, e.g. 213000."),
        "email": _("This is not an e-mail address; an address looks like name@example.com."),
        "qq": _("A QQ number is 5 to 12 digits."),
        "phone": _("A telephone number has at least 7 digits, e.g. 0519-86661234."),
        "unit_phone": _("A telephone number has at least 7 digits, e.g. 0519-86661234."),
    }


def test_invalid_id_number(form):
    number = registration()["id_number"]
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    _volunteer, errors = to_domain(form, registration(id_number=wrong, birth_date="1990.01", sex="female"))
    # Only the ID number is reported: birth date and sex cannot be compared with a broken number.
    assert errors == {"id_number": _(
        "The check digit (the last character) is wrong: one of the characters was probably mistyped.")}


def test_numbers(form):
    assert to_domain(form, registration(height_cm=""))[0].height_cm is None
    assert to_domain(form, registration(height_cm=" 180 "))[0].height_cm == 180
    assert to_domain(form, registration(height_cm="1.8"))[1] == {"height_cm": _("Enter a whole number, e.g. 170.")}
    assert to_domain(form, registration(height_cm="99"))[1] == {
        "height_cm": _("Enter a number from {lo} to {hi}.").format(lo=100, hi=230)}
    assert to_domain(form, registration(height_cm="231"))[1].keys() == {"height_cm"}


def test_choices(form):
    assert to_domain(form, registration(education="postgraduate"))[0].education is Education.POSTGRADUATE
    assert to_domain(form, registration(education=""))[0].education is None
    assert to_domain(form, registration(education="博士"))[1] == {
        "education": _("Choose one of the offered values.")}


def test_single_check_with_two_ticks_is_an_error(form):
    _volunteer, errors = to_domain(form, registration(transport_subsidy=["phone_topup", "donate"]))
    assert errors == {"transport_subsidy": _("Tick only one option.")}


@pytest.mark.parametrize("ticked", [["donate"], "donate"])
def test_single_check_with_one_tick(form, ticked):
    assert to_domain(form, registration(transport_subsidy=ticked))[0].transport_subsidy == "donate"


@pytest.mark.parametrize("nothing", [None, "", [], [""]])
def test_single_check_with_no_tick(form, nothing):
    volunteer, errors = to_domain(form, registration(transport_subsidy=nothing, occupation_type=nothing))
    assert errors == {}
    assert volunteer.transport_subsidy is None and volunteer.occupation_type is None


def test_single_check_unknown_option(form):
    assert to_domain(form, registration(occupation_type="宇航员"))[1] == {
        "occupation_type": _("Choose one of the offered values.")}


def test_multi_check(form):
    volunteer, errors = to_domain(form, registration(service_intents=["助残服务", "尊老服务", "助残服务"]))
    assert errors == {}
    assert volunteer.service_intents == ["尊老服务", "助残服务"]  # sheet order, once each
    _volunteer, errors = to_domain(form, registration(service_intents=["尊老服务", "跳广场舞"]))
    assert errors == {"service_intents": _("Unknown option: {value}.").format(value="跳广场舞")}


def test_name_with_a_character_the_font_lacks(form):
    _volunteer, errors = to_domain(form, registration(name="张\U00020000"))
    assert set(errors) == {"name"}
    assert errors["name"] == _(
        "The printing font has no glyph for {chars}; use a common variant of the character or write it in pinyin."
    ).format(chars="\U00020000")


def test_rare_but_printable_names_are_fine(form):
    for name in ("喆", "赟", "王_五", "Alice Wang"):
        assert to_domain(form, registration(name=name))[1] == {}, name


def test_birth_date_and_sex_filled_from_the_id_number_when_empty(form):
    volunteer, errors = to_domain(form, registration(birth_date="", sex=""))
    assert errors == {}
    assert volunteer.birth_date == dt.date(1985, 6, 3)
    assert volunteer.sex is Sex.MALE


def test_birth_year_month_matching_the_id_becomes_the_exact_day(form):
    volunteer, errors = to_domain(form, registration(id_number=id_number("19491231", sequence="002"),
                                                     birth_date="1949.12", sex="female", joined_party_on="1970-07-01"))
    assert errors == {}
    assert volunteer.birth_date == dt.date(1949, 12, 31)
    assert from_domain(form, volunteer)["birth_date"] == "1949.12"


def test_birth_year_month_not_matching_the_id(form):
    _volunteer, errors = to_domain(form, registration(birth_date="1985.07"))
    assert errors == {"birth_date": _(
        "The ID number says born {id_date}, but {typed} was entered; correct one of them."
    ).format(id_date="1985.06", typed="1985.07")}


def test_sex_not_matching_the_id(form):
    _volunteer, errors = to_domain(form, registration(sex="female"))
    assert set(errors) == {"sex"}


def test_unreadable_date(form):
    _volunteer, errors = to_domain(form, registration(joined_party_on="去年七一"))
    assert errors == {"joined_party_on": _("Write a date as 1985-06-01, 1985.06 or 1985年6月.")}


def test_activist_with_a_joining_date(form):
    _volunteer, errors = to_domain(form, registration(political_status="activist"))
    assert errors == {"joined_party_on": _("A Party activist has not joined the Party yet: leave this date empty.")}
    assert to_domain(form, registration(political_status="activist", joined_party_on=""))[1] == {}


def test_joined_before_eighteen(form):
    _volunteer, errors = to_domain(form, registration(joined_party_on="2003-06-02"))
    assert errors == {"joined_party_on": _("The date of joining the Party cannot be before the 18th birthday.")}
    assert to_domain(form, registration(joined_party_on="2003-06-03"))[1] == {}


def test_dates_may_be_given_as_dates(form):
    volunteer, errors = to_domain(form, registration(joined_party_on=dt.date(2008, 7, 1), birth_date=""))
    assert errors == {}
    assert volunteer.joined_party_on == dt.date(2008, 7, 1)


def test_only_the_given_keys_change_the_base(form):
    base, _errors = to_domain(form, registration())
    changed, errors = to_domain(form, {"mobile": "13900001111", "specialty": ""}, base=base)
    assert errors == {}
    assert changed.mobile == "13900001111" and changed.specialty == ""
    assert changed.name == "张三" and changed.id_number == registration()["id_number"]


def test_many_rows_checked_at_once_get_what_each_row_alone_gets(form):
    """An import checks its rows field by field, each distinct value once: the results must still be each row's
    own, errors and fields a row lacks included, and a list must not be shared between two volunteers."""
    rows = [registration(), registration(name="李四", mobile="139 0000 1111"), registration(height_cm="abc"),
            registration(service_intents=["尊老服务", "跳广场舞"]), registration(name=""), {"name": "王五"},
            {"mobile": "12345"}, registration()]
    checked = Checker(form).to_domain_many(rows + rows)
    assert checked == [to_domain(form, raw) for raw in rows + rows]
    assert checked[5][0].name == "王五" and checked[5][1] == {
        key: required(form, key) for key, field in form.fields.items() if field.required and key != "name"}
    first, second = checked[0][0], checked[len(rows)][0]
    first.service_intents.append("助残服务?")
    assert second.service_intents == ["尊老服务", "助残服务"]
    assert Checker(form).to_domain_many([]) == [] and Checker(form).to_domain_many([{}]) == [to_domain(form, {})]


def test_a_checker_keeps_the_base_value_of_a_required_field_given_empty(form):
    base = to_domain(form, registration())[0]
    volunteer, errors = Checker(form).to_domain({"name": " "}, base=base)
    assert errors == {"name": required(form, "name")} and volunteer.name == "张三"
