"""Practice data: one branch near Changzhou and as many realistic volunteers as asked for.

Everything is drawn from one seeded random.Random, so a seed always gives the same people (row ids and
timestamps aside). The data passes the program's own checks: ID numbers are valid for their region and
birth year, sex and birth date agree with them, nobody joined the Party before 18.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from stdnum.cn import ric

from volunteer_desk import gc_pause
from volunteer_desk.domain import pinyin
from volunteer_desk.domain.enums import (
    Education,
    OrgLevel,
    PoliticalStatus,
)
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.services import demo_data as data
from volunteer_desk.services.demo_activities import fill_activities
from volunteer_desk.services.demo_data import DEMO_OPERATOR
from volunteer_desk.services.demo_random import QuickRandom, Weighted, between
from volunteer_desk.services import setup
from volunteer_desk.services.database import Database
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.storage import bulk, organisations, settings, tally
from volunteer_desk.storage import volunteers as store
from volunteer_desk.storage.schema import (
    VolunteerRow,
)
from volunteer_desk.storage.schema.base import new_ids

BRANCH_NAME = "西湖街道机关第一党支部"
BRANCH_CODE = "320412-001"
COMMITTEE_NAME = "常州西太湖科技产业园党工委"

_CHUNK = 2000
_FIRST_YEAR, _LAST_YEAR = 1950, 2004
# Fixed dates rather than today, so that a seed gives the same data whenever it is run.
_LAST_FULL_MEMBER = dt.date(2024, 12, 31)  # full members have finished the one-year probation
_PROBATION_FROM = dt.date(2025, 1, 1)
_PLEDGES = (dt.date(2014, 3, 1), dt.date(2026, 6, 30))  # the scheme started in 2014 (seed 002)
_THIS_YEAR = 2026  # for retirement: men at 60, women at 55
_SHARE_MALE = 0.56
# Births per year from the decade starting then: Party members are older than the population.
_YEAR_WEIGHTS = ((1950, 1.5), (1960, 2.5), (1970, 2.2), (1980, 2.0), (1990, 1.2))
_STATUSES = ((PoliticalStatus.MEMBER.value, 88), (PoliticalStatus.PROBATIONARY.value, 5),
             (PoliticalStatus.ACTIVIST.value, 7))
# Education by generation (born before 1965, 1965–1984, 1985 on), in the order of enums.Education.
_EDUCATION = (Education.POSTGRADUATE, Education.BACHELOR, Education.COLLEGE, Education.TECHNICAL,
              Education.HIGH_SCHOOL, Education.MIDDLE_SCHOOL, Education.PRIMARY)
_EDUCATION_WEIGHTS = ((0, 8, 20, 22, 30, 17, 3), (3, 35, 30, 12, 14, 6, 0), (12, 58, 22, 4, 3, 1, 0))
_WITH_MAJOR = {Education.POSTGRADUATE, Education.BACHELOR, Education.COLLEGE, Education.TECHNICAL}
_PROFESSIONAL = {"government", "hospital", "school"}
_SUBSIDIES = (("phone_topup", 50), ("self_collect", 25), ("donate", 25))
_INTENTS = ("尊老服务", "爱幼志愿服务", "帮农民工服务", "助残服务")
# Shares of ID numbers from the Changzhou area, the rest of Jiangsu and other provinces.
_REGION_SHARES = (70, 20, 10)


class NotEmpty(Exception):
    """Demo data goes only into a database without volunteers, so it never mixes with real records."""


@dataclass(frozen=True)
class Summary:
    volunteers: int
    branches: int
    # Not compared: a summary equals another with the same people, whatever activities came with them.
    activities: int = field(default=0, compare=False)
    participations: int = field(default=0, compare=False)


@gc_pause.paused()
def fill(database: Database, *, volunteers: int = 3000, seed: int = 1, activities: int | None = None,
         progress: Callable[[int, int], bool] | None = None, branches: int = 1) -> Summary:
    """Add the volunteers to the home organisation, all in one transaction: all or nothing.

    An installation not set up yet becomes a demo branch (西湖街道机关第一党支部 under its 党工委).
    Then the activities of the last eight quarters (about 6–7 per volunteer by default, ~10 taking part in
    each) with their hours and points ledgers, teams, people served, pairings and their visits, needs and
    a sample of weekly journals (services.demo_activities). `branches` > 1 spreads volunteers and activities
    over that many branches under the committee (committee-scale practice data; the home branch is the first).
    `progress(done, total)` is called after each chunk; returning False cancels (raises Cancelled)."""
    if activities is None:
        activities = round(volunteers * DEFAULT_ACTIVITIES_PER_VOLUNTEER)
    if volunteers == 0:
        activities = 0
    branches = max(1, min(branches, volunteers or 1))
    total = volunteers + activities
    with database.sessions.begin() as session:
        if session.scalar(select(VolunteerRow.id).limit(1)) is not None:  # deleted ones count too
            raise NotEmpty
        if settings.get(session, setup.INITIALISED, False):
            home = organisations.home(session)
            home_id = home.id
        else:
            home_id = setup.apply(session, SetupInfo(
                role=OrgLevel.BRANCH, name=BRANCH_NAME, code=BRANCH_CODE, parent_name=COMMITTEE_NAME,
                party_members=round(volunteers / branches * 1.6), operator=DEMO_OPERATOR))
        org_ids = [home_id] + _extra_branches(session, home_id, branches - 1, round(volunteers / branches * 1.6))
        maker = _Maker(QuickRandom(seed))
        ids = iter(new_ids(volunteers))
        with store.loading(session, volunteers):
            for start in range(0, volunteers, _CHUNK):
                size = min(_CHUNK, volunteers - start)
                store.bulk_insert(session, [
                    maker.volunteer(org_ids[(start + n) * len(org_ids) // max(volunteers, 1)]) | {"id": next(ids)}
                    for n in range(size)])
                if progress is not None and progress(start + size, total) is False:
                    raise Cancelled
        if activities:
            def step(done: int) -> bool:
                return progress is None or progress(volunteers + done, total) is not False

            connection = session.connection()
            # one pass over the tally at the end instead of a trigger per row
            with bulk.large_cache(connection), tally.suspended(connection):
                made = fill_activities(session, org_ids, activities, seed, step)
            if made is None:
                raise Cancelled
        else:
            made = 0
    return Summary(volunteers=volunteers, branches=len(org_ids), activities=activities, participations=made)


DEFAULT_ACTIVITIES_PER_VOLUNTEER = 20 / 3  # 3,000 volunteers → 20,000 activities over two years


def _extra_branches(session, home_id: str, count: int, party_members: int) -> list[str]:
    from volunteer_desk.storage.schema import Organisation

    parent_id = session.get(Organisation, home_id).parent_id
    ids = []
    for n in range(count):
        org = organisations.add(session, name=f"西湖街道第{n + 2}党支部", code=f"{BRANCH_CODE}-{n + 2:03d}",
                                level=OrgLevel.BRANCH.value, parent_id=parent_id, party_members=party_members)
        ids.append(org.id)
    return ids


class _Maker:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.id_numbers: set[str] = set()
        self.mobiles: set[str] = set()
        self.surnames = Weighted(data.SURNAMES)
        self.statuses = Weighted(_STATUSES)
        self.subsidies = Weighted(_SUBSIDIES)
        self.districts = Weighted((d, d[1]) for d in data.DISTRICTS)
        self.kinds = Weighted((k, v["weight"]) for k, v in data.UNIT_KINDS.items())
        self.education = [Weighted(zip(_EDUCATION, w, strict=True)) for w in _EDUCATION_WEIGHTS]
        self.years = Weighted((y, _year_weight(y)) for y in range(_FIRST_YEAR, _LAST_YEAR + 1))
        self.regions = {year: Weighted(pairs)
                        for year, pairs in data.region_codes(_FIRST_YEAR, _LAST_YEAR, _REGION_SHARES).items()}
        # Characters usual for the sex come twice as often as neutral ones.
        self.given_chars = {"male": data.MALE_CHARS * 2 + data.NEUTRAL_CHARS,
                            "female": data.FEMALE_CHARS * 2 + data.NEUTRAL_CHARS}

    def volunteer(self, org_id: str) -> dict:
        rng = self.rng
        sex = "male" if rng.random() < _SHARE_MALE else "female"
        year = self.years.draw(rng)
        birth = between(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
        adult = _add_years(birth, 18)
        status = self.statuses.draw(rng)
        kind = self.kinds.draw(rng)
        unit_kind = data.UNIT_KINDS[kind]
        retired = _THIS_YEAR - year >= (60 if sex == "male" else 55) and rng.random() < 0.85
        district, _w, postcodes, towns = self.districts.draw(rng)
        town = rng.choice(towns)
        generation = 0 if year < 1965 else 1 if year < 1985 else 2
        if kind in _PROFESSIONAL:
            generation = min(generation + 1, 2)
        education = self.education[generation].draw(rng)
        name = self._name(sex, year)
        unit = rng.choice(unit_kind["units"])
        if "{" in unit:
            unit = unit.format(town=town, short=town.removesuffix("街道").removesuffix("镇"),
                               office=town + ("人民政府" if town.endswith("镇") else "办事处"),
                               community=rng.choice(data.COMMUNITIES), village=rng.choice(data.VILLAGES))
        if retired:
            unit = "原" + unit if rng.random() < 0.6 else ""
        qq = self._qq() if rng.random() < (0.5 if year >= 1965 else 0.15) else ""
        return {
            "org_id": org_id,
            "name": name,
            "sex": sex,
            "birth_date": birth,
            "id_number": self._id_number(birth, sex),
            "political_status": status,
            "joined_party_on": self._joined(adult, status),
            "height_cm": None if rng.random() < 0.05 else self._height(sex),
            "education": education.value,
            "major": rng.choice(unit_kind["majors"]) if education in _WITH_MAJOR and rng.random() < 0.9 else "",
            "specialty": self._specialty(unit_kind["specialties"]),
            "district": district,
            "postcode": rng.choice(postcodes),
            "home_address": self._address(town, kind == "village"),
            "mobile": self._mobile(),
            "phone": self._landline() if rng.random() < (0.4 if retired else 0.15) else "",
            "unit_phone": self._landline() if not retired and rng.random() < 0.55 else "",
            "qq": qq,
            "email": self._email(name, qq, year) if rng.random() < (0.35 if year >= 1970 else 0.1) else "",
            "work_unit": unit,
            "position": rng.choice(("退休", unit_kind["retired"])) if retired else rng.choice(unit_kind["positions"]),
            "occupation_type": "离退休党员" if retired else unit_kind["occupation"],
            "transport_subsidy": self.subsidies.draw(rng),
            "service_intents": [i for i in _INTENTS if rng.random() < 0.4] or [rng.choice(_INTENTS)],
            **self._availability(retired),
            "experience": self._experience(adult) if rng.random() < 0.4 else "",
            "pledge_signed_on": between(rng, max(_PLEDGES[0], adult), _PLEDGES[1]),
            "photo": None,
        }

    def _name(self, sex: str, year: int) -> str:
        rng = self.rng
        surname = self.surnames.draw(rng)
        generation = data.OLDER_GIVEN if year < 1970 else data.YOUNGER_GIVEN if year >= 1990 else None
        if generation and rng.random() < 0.2:
            return surname + rng.choice(generation[sex])
        chars = self.given_chars[sex]
        # Single-character given names were commoner for older people; 2-character surnames rarely take them.
        single = rng.random() < (0.3 if year < 1980 else 0.15) and len(surname) == 1
        return surname + "".join(rng.choice(chars) for _ in range(1 if single else 2))

    def _id_number(self, birth: dt.date, sex: str) -> str:
        prefix = self.regions[birth.year].draw(self.rng) + f"{birth.year}{birth.month:02d}{birth.day:02d}"
        odd = sex == "male"
        while True:
            sequence = f"{self.rng.randrange(100):02d}{self.rng.randrange(5) * 2 + odd}"
            body = prefix + sequence
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def _joined(self, adult: dt.date, status: str) -> dt.date | None:
        if status == PoliticalStatus.ACTIVIST.value:
            return None
        if status == PoliticalStatus.PROBATIONARY.value:
            return between(self.rng, max(adult, _PROBATION_FROM), dt.date(2025, 12, 31))
        # Most join in their twenties or thirties: skewed towards the start of the possible span.
        span = (_LAST_FULL_MEMBER - adult).days
        return adult + dt.timedelta(days=int(span * self.rng.betavariate(1.3, 4)))

    def _height(self, sex: str) -> int:
        mean, spread = (171, 6) if sex == "male" else (159, 5.5)
        return min(190, max(150, round(self.rng.gauss(mean, spread))))

    def _specialty(self, own: tuple[str, ...]) -> str:
        roll = self.rng.random()
        return self.rng.choice(own) if roll < 0.5 else self.rng.choice(data.GENERAL_SPECIALTIES) if roll < 0.8 else ""

    def _address(self, town: str, rural: bool) -> str:
        rng = self.rng
        if rural or (town.endswith("镇") and rng.random() < 0.25):
            return f"{town}{rng.choice(data.VILLAGES)}村{rng.randint(1, 16)}组{rng.randint(1, 120)}号"
        room = f"{rng.randint(1, 18)}0{rng.randint(1, 4)}"
        return f"{town}{rng.choice(data.ESTATES)}{rng.randint(1, 40)}幢{rng.randint(1, 3)}单元{room}室"

    def _mobile(self) -> str:
        while True:
            number = self.rng.choice(data.MOBILE_PREFIXES) + f"{self.rng.randrange(10 ** 8):08d}"
            if number not in self.mobiles:
                self.mobiles.add(number)
                return number

    def _landline(self) -> str:
        # Changzhou numbers are 8 digits after the 0519 area code, most starting with 8, some with 6.
        return f"0519-{self.rng.choice('886')}{self.rng.randrange(10 ** 7):07d}"

    def _qq(self) -> str:
        digits = self.rng.choice((6, 7, 8, 9, 9, 10, 10))
        return str(self.rng.randrange(10 ** (digits - 1), 10 ** digits))

    def _email(self, name: str, qq: str, year: int) -> str:
        if qq and self.rng.random() < 0.6:
            return f"{qq}@qq.com"
        local = pinyin.sort_key(name).replace(" ", "").replace("ü", "v")
        return f"{local}{year % 100:02d}@{self.rng.choice(data.EMAIL_DOMAINS)}"

    def _availability(self, retired: bool) -> dict:
        rng = self.rng
        chosen = [a for a, p in (("weekends", 0.6), ("holidays", 0.45), ("anytime", 0.6 if retired else 0.15))
                  if rng.random() < p]
        other = rng.choice(data.AVAILABILITY_OTHER) if rng.random() < 0.1 else ""
        return {"availability": chosen or ([] if other else ["weekends"]), "availability_other": other}

    def _experience(self, adult: dt.date) -> str:
        year = self.rng.randint(max(2014, adult.year), 2025)
        return self.rng.choice(data.EXPERIENCES).format(year=year)


def _year_weight(year: int) -> float:
    return next(weight for start, weight in reversed(_YEAR_WEIGHTS) if year >= start)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return dt.date(day.year + years, 3, 1)
