"""Dates the way people write them on Chinese forms: 1985-06-01, 1985.6.1, 1985年6月, 198506, 1985/6."""

from __future__ import annotations

import datetime as dt
import re

from volunteer_desk.i18n import _

_PATTERNS = [
    re.compile(r"(?P<y>\d{4})\s*[-./年]\s*(?P<m>\d{1,2})\s*(?:[-./月]\s*(?P<d>\d{1,2})\s*日?)?\s*月?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?"),
]
_FULLWIDTH_DIGITS = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "－": "-", "／": "/"})


def parse_date(raw: str, *, today: dt.date | None = None) -> dt.date:
    """Year and month alone mean the first of that month (paper forms often give only 年月)."""
    text = raw.strip().translate(_FULLWIDTH_DIGITS)
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            break
    else:
        raise ValueError(_("Write a date as 1985-06-01, 1985.06 or 1985年6月."))
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"] or 1)
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("{text} is not a real date.").format(text=raw.strip())) from None
    if value.year < 1900 or value > (today or dt.date.today()):
        raise ValueError(_("{text} is not a possible date here.").format(text=raw.strip()))
    return value


def format_year_month(value: dt.date | None) -> str:
    return f"{value.year}.{value.month:02d}" if value else ""


def format_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def format_written(value: dt.date) -> str:
    """As dates are written on Chinese paperwork: 2026年11月23日."""
    return f"{value.year}年{value.month}月{value.day}日"


def format_recorded(at: dt.datetime) -> str:
    """When something was recorded, on this computer's clock: rows store UTC (storage/schema/base.py), and a
    secretary in Beijing reading "08:02" for a correction made at 16:02 would be misled."""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
