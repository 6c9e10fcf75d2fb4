"""A volunteer as the domain sees it (Sheet A plus what Sheet B needs), and the rules that tie fields together."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from volunteer_desk.domain import dates, idnumber
from volunteer_desk.domain.enums import Education, PoliticalStatus, Sex
from volunteer_desk.i18n import _


@dataclasses.dataclass
class Volunteer:
    name: str = ""
    sex: Sex | None = None
    birth_date: dt.date | None = None
    height_cm: int | None = None
    education: Education | None = None
    specialty: str = ""
    district: str = ""
    postcode: str = ""
    major: str = ""
    id_number: str = ""
    mobile: str = ""
    email: str = ""
    phone: str = ""
    work_unit: str = ""
    position: str = ""
    home_address: str = ""
    qq: str = ""
    transport_subsidy: str | None = None
    service_intents: list[str] = dataclasses.field(default_factory=list)
    occupation_type: str | None = None
    availability: list[str] = dataclasses.field(default_factory=list)
    availability_other: str = ""
    experience: str = ""
    pledge_signed_on: dt.date | None = None
    photo: bytes | None = None
    political_status: PoliticalStatus | None = None
    joined_party_on: dt.date | None = None
    unit_phone: str = ""
    volunteer_number: str = ""  # in the national volunteer service system
    organisation_id: str | None = None
    id: str | None = None

    @classmethod
    def attribute_names(cls) -> frozenset[str]:
        return _attribute_names(cls)


def cross_check(v: Volunteer, *, today: dt.date | None = None) -> dict[str, str]:
    """Rules between fields. Returns {attribute: message}; empty when all agree."""
    errors: dict[str, str] = {}
    if v.id_number:
        try:
            info = idnumber.parse(v.id_number, today=today)
        except idnumber.IdNumberError:
            pass  # already reported on the field itself
        else:
            if v.birth_date and (v.birth_date.year, v.birth_date.month) != (info.birth_date.year, info.birth_date.month):
                errors["birth_date"] = _(
                    "The ID number says born {id_date}, but {typed} was entered; correct one of them."
                ).format(id_date=dates.format_year_month(info.birth_date), typed=dates.format_year_month(v.birth_date))
            if v.sex and v.sex is not info.sex:
                errors["sex"] = _("The ID number belongs to a {id_sex} person, but {typed} was chosen.").format(
                    id_sex=info.sex.label, typed=v.sex.label
                )
    if v.political_status is PoliticalStatus.ACTIVIST and v.joined_party_on:
        errors["joined_party_on"] = _("A Party activist has not joined the Party yet: leave this date empty.")
    if v.joined_party_on and v.birth_date and v.joined_party_on < _birthday(v.birth_date, 18):
        errors["joined_party_on"] = _("The date of joining the Party cannot be before the 18th birthday.")
    if v.pledge_signed_on and v.birth_date and v.pledge_signed_on < v.birth_date:
        errors["pledge_signed_on"] = _("The pledge cannot be signed before the birth date.")
    return errors


def _birthday(born: dt.date, years: int) -> dt.date:
    """The day someone turns `years` old; born on 29 February, they turn it on 1 March."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)


def fill_from_id_number(v: Volunteer, *, today: dt.date | None = None) -> None:
    """Birth date and sex follow from a valid ID number: fill them when left empty, and make a
    matching 出生年月 (paper gives only year and month) the exact day."""
    try:
        info = idnumber.parse(v.id_number, today=today)
    except idnumber.IdNumberError:
        return
    typed = v.birth_date
    if typed is None or (typed.year, typed.month) == (info.birth_date.year, info.birth_date.month):
        v.birth_date = info.birth_date
    v.sex = v.sex or info.sex


@functools.cache
def _attribute_names(cls: type) -> frozenset[str]:
    """Asked for every row written: an import writes tens of thousands."""
    return frozenset(f.name for f in dataclasses.fields(cls))
