"""GB 11643 resident ID numbers: what is accepted, how it is normalised, and what each mistake is called."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric

from tests.sheet_data import id_number, id_number_ending_in_x
from volunteer_desk.domain.enums import Sex
from volunteer_desk.domain.idnumber import IdNumberError, parse
from volunteer_desk.i18n import _

TODAY = dt.date(2025, 6, 1)
CHECK_DIGIT_MESSAGE = _("The check digit (the last character) is wrong: one of the characters was probably mistyped.")
FORMAT_MESSAGE = _("An ID number is 17 digits followed by a digit or X; please check what was typed.")


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) - 0x30 + 0xFF10) if c.isdigit() else c for c in text)


@pytest.mark.parametrize(
    ("region", "birth", "sequence"),
    [
        ("110105", "19491231", "002"),  # Beijing Chaoyang, female
        ("320402", "19720814", "017"),  # Changzhou Tianning, male
        ("440304", "20000229", "548"),  # Shenzhen Futian, born on a leap day
        ("510104", "19010101", "999"),
    ],
)
def test_valid_numbers_parse_to_birth_date_and_sex(region, birth, sequence):
    number = id_number(birth, region=region, sequence=sequence)
    info = parse(number, today=TODAY)
    assert info.number == number
    assert info.birth_date == dt.datetime.strptime(birth, "%Y%m%d").date()
    assert info.sex is (Sex.MALE if int(sequence[-1]) % 2 else Sex.FEMALE)
    assert info.region_known
    assert info.warnings == []


def test_check_character_x_typed_lowercase_is_normalised():
    number = id_number_ending_in_x()
    info = parse(number.lower(), today=TODAY)
    assert info.number == number
    assert info.number.endswith("X")


def test_fullwidth_digits_and_spaces_are_normalised():
    number = id_number("19850603")
    typed = "　" + _fullwidth(number[:6]) + " " + _fullwidth(number[6:14]) + " " + _fullwidth(number[14:]) + " "
    assert parse(typed, today=TODAY).number == number


def test_fullwidth_x_is_normalised():
    number = id_number_ending_in_x()
    assert parse(_fullwidth(number[:-1]) + "ｘ", today=TODAY).number == number


def test_every_wrong_check_character_is_reported_as_such():
    number = id_number("19850603")
    for wrong in "0123456789X":
        if wrong == number[-1]:
            continue
        with pytest.raises(IdNumberError) as caught:
            parse(number[:-1] + wrong, today=TODAY)
        assert str(caught.value) == CHECK_DIGIT_MESSAGE


def test_swapped_digits_are_caught_by_the_check_character():
    number = id_number("19850603", sequence="123")
    swapped = number[:14] + "213" + number[17]
    assert ric.calc_check_digit(swapped) != swapped[-1]
    with pytest.raises(IdNumberError) as caught:
        parse(swapped, today=TODAY)
    assert str(caught.value) == CHECK_DIGIT_MESSAGE


@pytest.mark.parametrize("length", [15, 17, 19])
def test_wrong_length(length):
    number = (id_number("19850603") * 2)[:length]
    with pytest.raises(IdNumberError) as caught:
        parse(number, today=TODAY)
    assert str(caught.value) == _("An ID number has 18 characters; this one has {count}.").format(count=length)


def test_empty_number_is_a_length_error():
    with pytest.raises(IdNumberError) as caught:
        parse("   ", today=TODAY)
    assert str(caught.value) == _("An ID number has 18 characters; this one has {count}.").format(count=0)


@pytest.mark.parametrize("position", [0, 7, 16])
def test_letters_inside_the_number(position):
    number = id_number("19850603")
    typed = number[:position] + "A" + number[position + 1:]
    with pytest.raises(IdNumberError) as caught:
        parse(typed, today=TODAY)
    assert str(caught.value) == FORMAT_MESSAGE


def test_letter_o_for_zero_is_not_accepted():
    number = id_number("19850603", sequence="103")
    with pytest.raises(IdNumberError) as caught:
        parse(number[:15] + "O" + number[16:], today=TODAY)
    assert str(caught.value) == FORMAT_MESSAGE


def test_other_scripts_digits_are_not_accepted():
    """str.isdigit() is true for Arabic-Indic digits; an ID number is stored with ASCII digits only."""
    number = id_number("19850603")
    with pytest.raises(IdNumberError) as caught:
        parse(number[:16] + "\u0662" + number[17:], today=TODAY)
    assert str(caught.value) == FORMAT_MESSAGE


@pytest.mark.parametrize("birth", ["19490231", "19851301", "19850000", "20230229"])
def test_impossible_birth_dates(birth):
    number = id_number(birth)
    with pytest.raises(IdNumberError) as caught:
        parse(number, today=TODAY)
    assert str(caught.value) == _(
        "Characters 7 to 14 must be a real birth date (YYYYMMDD); {digits} is not."
    ).format(digits=birth)


def test_birth_date_in_the_future_relative_to_today():
    number = id_number("20990101")
    with pytest.raises(IdNumberError) as caught:
        parse(number, today=TODAY)
    assert str(caught.value) == _("The birth date in the ID number, {date}, is impossible.").format(date="2099-01-01")
    assert parse(number, today=dt.date(2099, 1, 1)).birth_date == dt.date(2099, 1, 1)


def test_birth_date_before_1900_is_impossible():
    with pytest.raises(IdNumberError, match="1899-12-31"):
        parse(id_number("18991231"), today=TODAY)


@pytest.mark.parametrize(("sequence", "sex"), [("010", Sex.FEMALE), ("011", Sex.MALE), ("998", Sex.FEMALE),
                                               ("999", Sex.MALE), ("000", Sex.FEMALE), ("001", Sex.MALE)])
def test_sex_comes_from_the_seventeenth_digit(sequence, sex):
    assert parse(id_number("19850603", sequence=sequence), today=TODAY).sex is sex


@pytest.mark.parametrize("region", ["999999", "000000", "110199"])
def test_unknown_region_code_is_a_warning_not_an_error(region):
    info = parse(id_number("19850603", region=region), today=TODAY)
    assert info.region_known is False
    assert info.warnings == [_("The first six digits are not a region code this program knows; please check them.")]
    assert info.birth_date == dt.date(1985, 6, 3)


def test_id_number_error_is_a_value_error():
    assert issubclass(IdNumberError, ValueError)


def test_region_created_after_the_birth_year_is_known():
    """Numbers carry the region where they were issued: 天宁区 (320402) exists since 1983, and people
    born there in 1972 have 320402 numbers. stdnum's birth-place lookup would call that region unknown."""
    info = parse(id_number("19720814", region="320402"), today=TODAY)
    assert info.region_known
    assert info.warnings == []
