"""Phones, e-mail and postal codes: normalised the way people type them, checked with Chinese messages."""

from __future__ import annotations

import re

from volunteer_desk.i18n import _

_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_POSTCODE = re.compile(r"\d{6}", re.ASCII)
_LANDLINE = re.compile(r"[\d\-()+ ]{7,20}", re.ASCII)
_QQ = re.compile(r"[1-9]\d{4,11}", re.ASCII)
_FULLWIDTH = str.maketrans({chr(0xFF01 + i): chr(0x21 + i) for i in range(94)} | {"\u3000": " "})


def to_halfwidth(text: str) -> str:
    return text if text.isascii() else text.translate(_FULLWIDTH)  # every key of the table is non-ASCII


def normalise_mobile(raw: str) -> str:
    digits = re.sub(r"[\s\-()]", "", to_halfwidth(raw.strip()))
    return digits[3:] if digits.startswith("+86") else digits


def check_mobile(raw: str) -> str:
    number = normalise_mobile(raw)
    if not _MOBILE.fullmatch(number):
        raise ValueError(_("A mobile number is 11 digits starting with 13 to 19, e.g. 13812345678."))
    return number


def check_email(raw: str) -> str:
    address = to_halfwidth(raw.strip())
    if not _EMAIL.fullmatch(address):
        raise ValueError(_("This is not an e-mail address; an address looks like name@example.com."))
    return address


def check_postcode(raw: str) -> str:
    code = to_halfwidth(raw.strip())
    if not _POSTCODE.fullmatch(code):
        raise ValueError(_("A postal code is 6 digits, e.g. 213000."))
    return code


def check_landline(raw: str) -> str:
    number = to_halfwidth(raw.strip())
    if not _LANDLINE.fullmatch(number) or sum(c.isdigit() for c in number) < 7:
        raise ValueError(_("A telephone number has at least 7 digits, e.g. 0519-86661234."))
    return number


def check_qq(raw: str) -> str:
    number = to_halfwidth(raw.strip())
    if not _QQ.fullmatch(number):
        raise ValueError(_("A QQ number is 5 to 12 digits."))
    return number
