"""Resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date,
3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character. python-stdnum does the arithmetic."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

from volunteer_desk.domain.enums import Sex
from volunteer_desk.i18n import _


class IdNumberError(ValueError):
    """A Chinese message that says what is wrong with the number and how to fix it."""


@dataclass(frozen=True)
class IdNumber:
    number: str
    birth_date: dt.date
    sex: Sex
    region_known: bool

    @property
    def warnings(self) -> list[str]:
        if self.region_known:
            return []
        return [_("The first six digits are not a region code this program knows; please check them.")]


def normalise(raw: str) -> str:
    """Full-width digits and spaces are what people paste; x and X mean the same."""
    text = raw.strip()
    if not text.isascii():  # every key of the table is non-ASCII
        text = text.translate(_FULLWIDTH)
    return text.replace(" ", "").upper()


_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"ｘ": "X", "Ｘ": "X", "\u3000": " "})
_DIGITS_AND_CHECK = re.compile(r"[0-9]{17}[0-9X]")


def parse(raw: str, today: dt.date | None = None) -> IdNumber:
    return _parse(raw, today or dt.date.today())


@lru_cache(maxsize=8192)
def _parse(raw: str, today: dt.date) -> IdNumber:
    """Cached: one number is checked several times as a sheet is checked (the field, the birth date and sex
    filled from it, the cross-checks), and an import checks tens of thousands."""
    number = normalise(raw).replace("-", "")  # what stdnum's compact() does, without its slow generic cleaning
    try:
        if len(number) != 18:
            raise InvalidLength()
        if not _DIGITS_AND_CHECK.fullmatch(number):
            raise InvalidFormat()
        if number[-1] != ric.calc_check_digit(number):
            raise InvalidChecksum()
        birth = _birth_date(number)
    except InvalidLength:
        raise IdNumberError(
            _("An ID number has 18 characters; this one has {count}.").format(count=len(number))
        ) from None
    except InvalidFormat:
        raise IdNumberError(
            _("An ID number is 17 digits followed by a digit or X; please check what was typed.")
        ) from None
    except InvalidChecksum:
        raise IdNumberError(
            _("The check digit (the last character) is wrong: one of the characters was probably mistyped.")
        ) from None
    except InvalidComponent:
        raise IdNumberError(
            _("Characters 7 to 14 must be a real birth date (YYYYMMDD); {digits} is not.").format(
                digits=number[6:14]
            )
        ) from None
    if birth > today or birth.year < 1900:
        raise IdNumberError(
            _("The birth date in the ID number, {date}, is impossible.").format(date=birth.isoformat())
        )
    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return IdNumber(number=number, birth_date=birth, sex=sex, region_known=_region_known(number[:6]))


def _birth_date(number: str) -> dt.date:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidComponent() from None


@lru_cache(maxsize=4096)
def _region_known(code: str) -> bool:
    """Whether the code names a county in stdnum's table at any time. Not ric.get_birth_place: it wants the
    county to exist in the birth year, but numbers issued since 1984 carry the region of issue, so everyone
    born before their district was created (320402 天宁区 dates from 1983) would be warned about; and it
    raises KeyError for codes whose province is known but county is not (110199)."""
    return any("county" in properties for _part, properties in numdb.get("cn/loc").info(code))
