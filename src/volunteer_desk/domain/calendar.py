"""Dates that matter: quarters and their report deadlines, weeks, and the themed days (SHEETS.md "Dates that matter").

Lunar dates (元宵节, 重阳节) come from lunar-python, which computes the calendar astronomically rather than
from a table that runs out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from functools import cache, lru_cache

from volunteer_desk.i18n import N_, _

REPORT_DAY = 28  # seed 004 三.2: 每季最后一个月28日前

_QUARTER_TEXT = [
    re.compile(r"(?P<y>\d{4})\s*-?\s*[Qq]\s*(?P<n>[1-4])"),
    re.compile(r"(?P<y>\d{4})\s*年\s*第?\s*(?P<n>[1-4一二三四])\s*季度?"),
]
_CHINESE_NUMBERS = {"一": "1", "二": "2", "三": "3", "四": "4"}


@dataclasses.dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(_("A quarter is numbered 1 to 4."))

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """"2026Q4" (how quarters are stored and typed), and "2026年第4季度" (how they are shown)."""
        for pattern in _QUARTER_TEXT:
            match = pattern.fullmatch(text.strip())
            if match:
                return cls(int(match["y"]), int(_CHINESE_NUMBERS.get(match["n"], match["n"])))
        raise ValueError(_("Write a quarter as 2026Q4."))

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.number * 3 - 2, 1)

    @property
    def end(self) -> dt.date:
        return self.next().start - dt.timedelta(days=1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        return _("{year} Q{n}").format(year=self.year, n=self.number)

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


def report_deadline(quarter: Quarter) -> dt.date:
    """The 28th of the quarter's last month: 3/28, 6/28, 9/28, 12/28."""
    return dt.date(quarter.year, quarter.number * 3, REPORT_DAY)


def next_report_deadline(today: dt.date) -> dt.date:
    """The deadline still ahead (the 28th itself counts: the report is still on time that day)."""
    quarter = Quarter.of(today)
    deadline = report_deadline(quarter)
    return deadline if today <= deadline else report_deadline(quarter.next())


# --- weeks: weekly journals (周记) and "at least one activity a week" (seed 000 四.3) -------------------------

def week_start(day: dt.date) -> dt.date:
    """Monday: Chinese weeks, like ISO 8601 ones, start on Monday."""
    return day - dt.timedelta(days=day.weekday())


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """(Monday, Sunday) of the week holding `day`."""
    start = week_start(day)
    return start, start + dt.timedelta(days=6)


# --- themed days --------------------------------------------------------------------------------------------

class ThemedDayKind(enum.StrEnum):
    SOLAR = "solar"  # the same date every year
    LUNAR = "lunar"  # a lunar date: moves every year
    WEEKDAY = "weekday"  # the nth weekday of a month
    MONTH = "month"  # a whole month


@dataclasses.dataclass(frozen=True)
class ThemedDay:
    date: dt.date
    name_msgid: str
    kind: ThemedDayKind
    key: str  # stable across languages and years, for storing which day something was for
    end: dt.date | None = None  # the last day of an observance that lasts (敬老月); None for a single day

    @property
    def name(self) -> str:
        return _(self.name_msgid)

    @property
    def last_day(self) -> dt.date:
        return self.end or self.date

    def covers(self, day: dt.date) -> bool:
        return self.date <= day <= self.last_day


# (key, month, day, name): seed 003 三.1, seed 002 六.4
_SOLAR_DAYS = (
    ("ear_care", 3, 3, N_("National Ear Care Day")),
    ("lei_feng", 3, 5, N_("Learn from Lei Feng Day")),
    ("eye_care", 6, 6, N_("National Eye Care Day")),
    ("party_birthday", 7, 1, N_("The Party's Birthday")),
    ("blind", 10, 15, N_("International Day of the Blind")),
    ("disabled_persons", 12, 3, N_("International Day of Persons with Disabilities")),
    ("volunteer", 12, 5, N_("International Volunteer Day")),
)
# seed 002 六.1
_LUNAR_DAYS = (
    ("lantern", 1, 15, N_("Lantern Festival")),
    ("double_ninth", 9, 9, N_("Double Ninth Festival")),
)
_HELPING_DISABLED = ("helping_disabled", N_("National Day for Helping the Disabled"))  # third Sunday of May
_RESPECT_ELDERLY = ("respect_elderly", N_("Month of Respect for the Elderly"))  # October, nationally since 2010


@cache
def _lunar():
    """lunar-python takes ~40 ms to import: only when a lunar date is first needed."""
    from lunar_python import Lunar

    return Lunar


def _lunar_to_solar(year: int, month: int, day: int) -> dt.date:
    solar = _lunar().fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


@lru_cache(maxsize=64)
def _themed_days(year: int) -> tuple[ThemedDay, ...]:
    days = [ThemedDay(dt.date(year, m, d), name, ThemedDayKind.SOLAR, key) for key, m, d, name in _SOLAR_DAYS]
    # 元宵 falls between Feb 4 and Mar 6, 重阳 in October or November: always in the solar year of the same number.
    days += [ThemedDay(_lunar_to_solar(year, m, d), name, ThemedDayKind.LUNAR, key) for key, m, d, name in _LUNAR_DAYS]
    key, name = _HELPING_DISABLED
    days.append(ThemedDay(_nth_weekday(year, 5, 6, 3), name, ThemedDayKind.WEEKDAY, key))
    key, name = _RESPECT_ELDERLY
    days.append(ThemedDay(dt.date(year, 10, 1), name, ThemedDayKind.MONTH, key, end=dt.date(year, 10, 31)))
    return tuple(sorted(days, key=lambda d: (d.date, d.kind is ThemedDayKind.MONTH, d.key)))


def themed_days(year: int) -> list[ThemedDay]:
    """Every themed day of the year in date order; 敬老月 appears once, on October 1st, lasting the month."""
    return list(_themed_days(year))


def themed_days_on(day: dt.date) -> list[ThemedDay]:
    """All themed days covering `day`, single days before the month (2026-03-03 is 元宵节 and 全国爱耳日)."""
    found = [t for t in _themed_days(day.year) if t.covers(day)]
    return sorted(found, key=lambda t: t.kind is ThemedDayKind.MONTH)


def themed_day_on(day: dt.date) -> ThemedDay | None:
    """The most specific themed day covering `day`: 重阳节 rather than the 敬老月 around it."""
    found = themed_days_on(day)
    return found[0] if found else None


def next_themed_days(today: dt.date, n: int) -> list[ThemedDay]:
    """The next `n` themed days from today on; one already under way (today, or 敬老月 in October) counts."""
    upcoming: list[ThemedDay] = []
    year = today.year
    while len(upcoming) < n:
        upcoming += [t for t in _themed_days(year) if t.last_day >= today]
        year += 1
    return upcoming[:n]
