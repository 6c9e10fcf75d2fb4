"""Rules between a volunteer's fields, and what the ID number fills in."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.sheet_data import id_number
from volunteer_desk.domain.enums import PoliticalStatus, Sex
from volunteer_desk.domain.volunteer import Volunteer, cross_check, fill_from_id_number
from volunteer_desk.i18n import _

TODAY = dt.date(2025, 6, 1)
MALE_1985 = id_number("19850603", sequence="123")  # 17th digit 3: male
FEMALE_1985 = id_number("19850603", sequence="124")


def test_a_consistent_volunteer_has_no_errors():
    v = Volunteer(name="张三", id_number=MALE_1985, sex=Sex.MALE, birth_date=dt.date(1985, 6, 3),
                  political_status=PoliticalStatus.MEMBER, joined_party_on=dt.date(2008, 7, 1),
                  pledge_signed_on=dt.date(2024, 3, 5))
    assert cross_check(v, today=TODAY) == {}


def test_nothing_filled_has_no_errors():
    assert cross_check(Volunteer(), today=TODAY) == {}


@pytest.mark.parametrize("birth_date", [dt.date(1985, 6, 1), dt.date(1985, 6, 3), dt.date(1985, 6, 30)])
def test_birth_date_matching_year_and_month_of_the_id_is_accepted(birth_date):
    """Paper gives 出生年月 only: any day of the right month agrees with the ID."""
    assert cross_check(Volunteer(id_number=MALE_1985, birth_date=birth_date), today=TODAY) == {}


@pytest.mark.parametrize("birth_date", [dt.date(1985, 7, 3), dt.date(1986, 6, 3), dt.date(1985, 5, 31)])
def test_birth_date_disagreeing_with_the_id(birth_date):
    errors = cross_check(Volunteer(id_number=MALE_1985, birth_date=birth_date), today=TODAY)
    assert errors == {"birth_date": _(
        "The ID number says born {id_date}, but {typed} was entered; correct one of them."
    ).format(id_date="1985.06", typed=f"{birth_date.year}.{birth_date.month:02d}")}


def test_sex_disagreeing_with_the_id():
    errors = cross_check(Volunteer(id_number=FEMALE_1985, sex=Sex.MALE), today=TODAY)
    assert errors == {"sex": _("The ID number belongs to a {id_sex} person, but {typed} was chosen.").format(
        id_sex=Sex.FEMALE.label, typed=Sex.MALE.label)}
    assert cross_check(Volunteer(id_number=FEMALE_1985, sex=Sex.FEMALE), today=TODAY) == {}


def test_an_invalid_id_number_is_left_to_the_field_check():
    broken = MALE_1985[:-1] + ("0" if MALE_1985[-1] != "0" else "1")
    assert cross_check(Volunteer(id_number=broken, sex=Sex.FEMALE, birth_date=dt.date(1990, 1, 1)),
                       today=TODAY) == {}


def test_activist_cannot_have_joined():
    v = Volunteer(political_status=PoliticalStatus.ACTIVIST, joined_party_on=dt.date(2020, 7, 1))
    assert cross_check(v, today=TODAY) == {
        "joined_party_on": _("A Party activist has not joined the Party yet: leave this date empty.")}
    v.joined_party_on = None
    assert cross_check(v, today=TODAY) == {}


@pytest.mark.parametrize("status", [PoliticalStatus.MEMBER, PoliticalStatus.PROBATIONARY])
def test_members_may_have_joined(status):
    assert cross_check(Volunteer(political_status=status, joined_party_on=dt.date(2020, 7, 1)), today=TODAY) == {}


JOINED_TOO_YOUNG = {"joined_party_on": _("The date of joining the Party cannot be before the 18th birthday.")}


@pytest.mark.parametrize(
    ("born", "joined", "too_young"),
    [
        (dt.date(1985, 6, 3), dt.date(2003, 6, 2), True),
        (dt.date(1985, 6, 3), dt.date(2003, 6, 3), False),  # on the 18th birthday
        (dt.date(1985, 6, 3), dt.date(1999, 7, 1), True),
        (dt.date(2000, 3, 1), dt.date(2018, 2, 27), True),  # 365 * 18 days would already be past: leap years
        (dt.date(2000, 3, 1), dt.date(2018, 2, 28), True),
        (dt.date(2000, 3, 1), dt.date(2018, 3, 1), False),
        (dt.date(2000, 2, 29), dt.date(2018, 2, 28), True),  # born on a leap day: 18 on 1 March
        (dt.date(2000, 2, 29), dt.date(2018, 3, 1), False),
    ],
)
def test_joining_before_eighteen(born, joined, too_young):
    errors = cross_check(Volunteer(birth_date=born, joined_party_on=joined), today=TODAY)
    assert errors == (JOINED_TOO_YOUNG if too_young else {})


def test_pledge_before_birth():
    v = Volunteer(birth_date=dt.date(1985, 6, 3), pledge_signed_on=dt.date(1985, 6, 2))
    assert cross_check(v, today=TODAY) == {
        "pledge_signed_on": _("The pledge cannot be signed before the birth date.")}


def test_several_disagreements_are_reported_together():
    v = Volunteer(id_number=FEMALE_1985, sex=Sex.MALE, birth_date=dt.date(1986, 1, 1),
                  political_status=PoliticalStatus.ACTIVIST, joined_party_on=dt.date(2020, 1, 1))
    assert set(cross_check(v, today=TODAY)) == {"birth_date", "sex", "joined_party_on"}


# --- fill_from_id_number ---------------------------------------------------------------------------------

def test_fill_empty_birth_date_and_sex():
    v = Volunteer(id_number=FEMALE_1985)
    fill_from_id_number(v)
    assert v.birth_date == dt.date(1985, 6, 3)
    assert v.sex is Sex.FEMALE


def test_fill_makes_a_matching_year_month_exact():
    v = Volunteer(id_number=MALE_1985, birth_date=dt.date(1985, 6, 1))
    fill_from_id_number(v)
    assert v.birth_date == dt.date(1985, 6, 3)


def test_fill_keeps_what_disagrees_for_cross_check_to_report():
    v = Volunteer(id_number=MALE_1985, birth_date=dt.date(1986, 6, 1), sex=Sex.FEMALE)
    fill_from_id_number(v)
    assert v.birth_date == dt.date(1986, 6, 1)
    assert v.sex is Sex.FEMALE
    assert set(cross_check(v, today=TODAY)) == {"birth_date", "sex"}


@pytest.mark.parametrize("number", ["", "123", MALE_1985[:-1] + ("0" if MALE_1985[-1] != "0" else "1")])
def test_fill_does_nothing_without_a_valid_number(number):
    v = Volunteer(id_number=number)
    fill_from_id_number(v)
    assert v.birth_date is None and v.sex is None


def test_attribute_names():
    names = Volunteer.attribute_names()
    assert {"name", "id_number", "birth_date", "joined_party_on", "organisation_id", "id"} <= names
    assert "name_pinyin" not in names
