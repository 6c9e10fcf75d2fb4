"""Phones, e-mail, postcodes, QQ, dates as people write them on forms, and masking for display."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from volunteer_desk.domain import contact, dates, masking
from volunteer_desk.i18n import _

TODAY = dt.date(2025, 6, 1)


# --- mobiles ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        " 13812345678 ",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "+86-138-1234-5678",
        "(138) 1234-5678",
        "１３８１２３４５６７８",
        "＋８６　１３８－１２３４－５６７８",
    ],
)
def test_mobile_accepts_the_usual_ways_of_typing(typed):
    assert contact.check_mobile(typed) == "13812345678"


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_mobile_prefixes_13_to_19(prefix):
    assert contact.check_mobile(prefix + "812345678") == prefix + "812345678"


@pytest.mark.parametrize(
    "typed",
    ["138123456789", "1381234567", "12812345678", "10812345678", "23812345678", "8613812345678",
     "1381234567a", "", "138.1234.5678", "13812345\u0666\u0667\u0668"],
)
def test_mobile_rejects(typed):
    with pytest.raises(ValueError) as caught:
        contact.check_mobile(typed)
    assert str(caught.value) == _("A mobile number is 11 digits starting with 13 to 19, e.g. 13812345678.")


# --- e-mail, postcode, landline, QQ ----------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "stored"), [
    ("name@example.com", "name@example.com"),
    (" zhang.san+vol@mail.cz.gov.cn ", "zhang.san+vol@mail.cz.gov.cn"),
    ("ｚｓ＠ｑｑ．ｃｏｍ", "zs@qq.com"),
])
def test_email_accepted(typed, stored):
    assert contact.check_email(typed) == stored


@pytest.mark.parametrize("typed", ["name@", "@example.com", "name@example", "name example@qq.com", "name@@qq.com",
                                   "name@qq.c", "张三@qq.com"])
def test_email_rejected(typed):
    with pytest.raises(ValueError) as caught:
        contact.check_email(typed)
    assert str(caught.value) == _("This is not an e-mail address; an address looks like name@example.com.")


def test_postcode():
    assert contact.check_postcode("213000") == "213000"
    assert contact.check_postcode(" ２１３０００ ") == "213000"
    for wrong in ("21300", "2130000", "21300a", "213 000", "\u0662\u0661\u0663\u0660\u0660\u0660"):
        with pytest.raises(ValueError) as caught:
            contact.check_postcode(wrong)
        assert str(caught.value) == _("A postal code is 6 digits, e.g. 213000.")


@pytest.mark.parametrize("typed", ["0519-86661234", "(0519) 8666 1234", "86661234", "+86 519 86661234", "8666123",
                                   "０５１９－８６６６１２３４"])
def test_landline_accepted(typed):
    assert contact.check_landline(typed) == contact.to_halfwidth(typed.strip())


@pytest.mark.parametrize("typed", ["866612", "0519-866a1234", "------------", "0519/86661234", "1" * 21])
def test_landline_rejected(typed):
    with pytest.raises(ValueError) as caught:
        contact.check_landline(typed)
    assert str(caught.value) == _("A telephone number has at least 7 digits, e.g. 0519-86661234.")


@pytest.mark.parametrize("typed", ["10001", "123456789012", "12345678", "１２３４５６７８"])
def test_qq_accepted(typed):
    assert contact.check_qq(typed) == contact.to_halfwidth(typed)


@pytest.mark.parametrize("typed", ["1234", "1234567890123", "012345", "12345a", "12 345"])
def test_qq_rejected(typed):
    with pytest.raises(ValueError) as caught:
        contact.check_qq(typed)
    assert str(caught.value) == _("A QQ number is 5 to 12 digits.")


# --- dates -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1985-06-01", dt.date(1985, 6, 1)),
        ("1985.6.1", dt.date(1985, 6, 1)),
        ("1985/6/1", dt.date(1985, 6, 1)),
        ("1985.06", dt.date(1985, 6, 1)),
        ("1985/6", dt.date(1985, 6, 1)),
        ("1985年6月", dt.date(1985, 6, 1)),
        ("1985 年 6 月", dt.date(1985, 6, 1)),
        ("1985年6月3日", dt.date(1985, 6, 3)),
        ("1985年06月30日", dt.date(1985, 6, 30)),
        ("198506", dt.date(1985, 6, 1)),
        ("19850603", dt.date(1985, 6, 3)),
        (" 1985-06-03 ", dt.date(1985, 6, 3)),
        ("１９８５年６月３日", dt.date(1985, 6, 3)),
        ("１９８５．０６", dt.date(1985, 6, 1)),
        ("１９８５－０６－０３", dt.date(1985, 6, 3)),
        ("2000-02-29", dt.date(2000, 2, 29)),
        ("2025-06-01", TODAY),
    ],
)
def test_parse_date_accepts(typed, expected):
    assert dates.parse_date(typed, today=TODAY) == expected


@pytest.mark.parametrize(("typed", "message"), [
    ("1985-13-01", "{text} is not a real date."),
    ("1985-02-30", "{text} is not a real date."),
    ("1985-00", "{text} is not a real date."),
    ("1900-02-29", "{text} is not a real date."),
    ("198513", "{text} is not a real date."),
    ("2025-06-02", "{text} is not a possible date here."),
    ("2099年1月", "{text} is not a possible date here."),
    ("1899-12-31", "{text} is not a possible date here."),
])
def test_parse_date_rejects_impossible_dates(typed, message):
    with pytest.raises(ValueError) as caught:
        dates.parse_date(typed, today=TODAY)
    assert str(caught.value) == _(message).format(text=typed)


@pytest.mark.parametrize("typed", ["", "yesterday", "85-6-1", "1985", "19856", "1985063", "六月一日", "1985-06-01x"])
def test_parse_date_rejects_garbage(typed):
    with pytest.raises(ValueError) as caught:
        dates.parse_date(typed, today=TODAY)
    assert str(caught.value) == _("Write a date as 1985-06-01, 1985.06 or 1985年6月.")


def test_parse_date_default_today_refuses_tomorrow():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValueError):
        dates.parse_date(tomorrow.isoformat())
    assert dates.parse_date(dt.date.today().isoformat()) == dt.date.today()


def test_formatting_dates():
    assert dates.format_year_month(dt.date(1985, 6, 3)) == "1985.06"
    assert dates.format_date(dt.date(1985, 6, 3)) == "1985-06-03"
    assert dates.format_year_month(None) == dates.format_date(None) == ""
    assert dates.parse_date(dates.format_year_month(dt.date(1985, 6, 3)), today=TODAY) == dt.date(1985, 6, 1)


# --- masking ---------------------------------------------------------------------------------------------

def test_mask_id_number_shows_only_the_last_four():
    assert masking.mask_id_number("11010519491231002X") == "*" * 14 + "002X"
    assert masking.mask_id_number("440304198506031235") == "**************1235"
    assert masking.mask_id_number("") == masking.mask_id_number(None) == ""


def test_mask_phone():
    assert masking.mask_phone("13812345678") == "138****5678"
    assert masking.mask_phone("0519-86661234") == "*********1234"
    assert masking.mask_phone("") == masking.mask_phone(None) == ""


def test_masked_text_never_contains_the_hidden_digits():
    number = "11010519491231002X"
    masked = masking.mask_id_number(number)
    assert len(masked) == len(number)
    assert "19491231" not in masked and "110105" not in masked


def test_recorded_times_are_shown_on_the_local_clock(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert dates.format_recorded(dt.datetime(2026, 11, 23, 8, 2)) == "2026-11-23 16:02"  # stored in UTC
        assert dates.format_recorded(dt.datetime(2026, 12, 31, 20, 30)) == "2027-01-01 04:30"
    finally:
        monkeypatch.undo()
        time.tzset()
