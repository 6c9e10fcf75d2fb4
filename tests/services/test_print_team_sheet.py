"""Sheet C gathered from a real database and laid out by forms/team_sheet.toml: everyone on the roster or one
team's members in pinyin order, 12 rows a page, masked numbers unless chosen in full (and then audited)."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess

import pytest
from sqlalchemy import select

from tests.documents import pdf_tools
from tests.services.test_activities import named_operator
from tests.sheet_data import id_number, registration
from volunteer_desk import paths
from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.formspec import load
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import team_sheet
from volunteer_desk.services.teams import TeamInput, TeamService
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage.schema import AuditEntry

DAY = dt.date(2026, 3, 5)
_sequence = itertools.count(201, 2)


def make_volunteer(database, name: str, mobile: str, **values) -> str:
    service = VolunteerService(database)
    home = service.blank_values()["organisation_id"]
    number = id_number("19850603", sequence=f"{next(_sequence) % 1000:03d}")
    return service.save(registration(name=name, mobile=mobile, organisation_id=home, id_number=number, **values))


@pytest.fixture
def people(database):
    named_operator(database)
    return {name: make_volunteer(database, name, mobile, work_unit=unit, service_intents=intents)
            for name, mobile, unit, intents in (
                ("王芳", "13900001111", "红梅街道办事处", ["尊老服务"]),
                ("陈静", "13812345678", "常州市第一人民医院", ["助残服务", "爱幼志愿服务"]),
                ("李明", "13700002222", "天宁区实验小学", []))}


def _print(tmp_path, database, **options):
    rendered = team_sheet.build(database, {"date": DAY, **options})
    return rendered, pdf_tools.write(tmp_path, rendered.pdf)


def _in_order(text: str, *parts: str) -> bool:
    places = [text.find(p) for p in parts]
    return -1 not in places and places == sorted(places)


def _id_of(database, volunteer_id: str) -> str:
    return VolunteerService(database).raw_values(volunteer_id)["id_number"]


def test_everyone_on_the_roster_in_pinyin_order_with_numbers_masked(tmp_path, database, people):
    rendered, path = _print(tmp_path, database)
    text = pdf_tools.text(path).replace(" ", "")
    assert "西湖街道机关第一党支部学雷锋党员志愿服务队人员信息登记表" in text
    assert "单位盖章：" in text and "填报时间：2026年3月5日" in text
    assert _in_order(text, "姓名", "性别", "身份证号码", "手机号码", "服务志愿", "所在单位名称")
    layout = pdf_tools.text(path, layout=True)
    assert _in_order(layout, "陈静", "李明", "王芳")
    assert _in_order(layout, "陈静", "爱幼志愿服务、助残服务", "常州市第一人民医院")
    chen = _id_of(database, people["陈静"])
    assert "138****5678" in text and "13812345678" not in text
    assert chen not in text and chen[-4:] in text
    assert text.startswith("西湖") and "备注：服务志愿可选择环境保护" in text and "道德引导等项。" in text
    assert rendered.pages == 1 and "第1页共1页" in text
    assert pdf_tools.page_size_mm(path) == (297, 210)
    assert all(embedded and "Helvetica" not in name for name, embedded, _sub in pdf_tools.fonts(path))
    with database.sessions() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "print_full")) is None


@pytest.fixture
def team(database, people):
    category = CategoryService(database).list(include_inactive=False)[0]
    teams = TeamService(database)
    team_id = teams.create(TeamInput(name="红梅助老服务队", kind=TeamKind.TEAM, category_id=category.id))
    for n in range(12):
        teams.add_member(team_id, make_volunteer(database, f"队员{chr(0x4E00 + n)}", f"1350000{n:04d}"),
                         joined_on=DAY)
    teams.add_member(team_id, people["王芳"], joined_on=DAY)
    return team_id, category.name


def test_a_team_of_13_takes_two_pages_of_12_rows_with_its_category_and_the_footnote_on_each(
        tmp_path, database, team):
    team_id, category = team
    rendered, path = _print(tmp_path, database, team=team_id)
    pages = pdf_tools.page_texts(path)
    assert rendered.pages == pdf_tools.pages(path) == len(pages) == 2
    for number, page in enumerate(pages, start=1):
        page = page.replace(" ", "")
        assert "人员信息登记表" in page and "红梅助老服务队" in page and "单位盖章：" in page
        assert "所在单位名称" in page and "备注：服务志愿可选择" in page and f"第{number}页共2页" in page
    counts = [page.count(category) for page in pages]
    assert counts == [12, 1]  # every member serves in the team's category, 12 to a page
    assert "陈静" not in "".join(pages) and "王芳" in pages[1] and "尊老服务" not in "".join(pages)


def test_full_numbers_only_when_chosen_and_then_audited(tmp_path, database, team, people):
    team_id, _category = team
    _rendered, path = _print(tmp_path, database, team=team_id, full_numbers=True)
    text = pdf_tools.text(path).replace(" ", "")
    assert "13900001111" in text and _id_of(database, people["王芳"]) in text and "****" not in text
    with database.sessions() as session:
        summaries = session.scalars(select(AuditEntry.summary).where(AuditEntry.action == "print_full")).all()
    assert len(summaries) == 1 and "人员信息登记表" in summaries[0] and "红梅助老服务队" in summaries[0]
    assert not any(ch.isdigit() for ch in summaries[0])


def test_a_team_that_is_gone_is_explained(database, people):
    with pytest.raises(InvalidEntry) as caught:
        team_sheet.build(database, {"team": "no-such-team"})
    assert set(caught.value.errors) == {"team"}


@pytest.fixture
def forms_copy(tmp_path, monkeypatch):
    folder = tmp_path / "forms"
    shutil.copytree(paths.forms_dir(), folder)
    monkeypatch.setattr(paths, "forms_dir", lambda: folder)
    load.cache_clear()
    yield folder
    load.cache_clear()


def _left_of(path, word: str) -> float:
    """Where `word` starts on page 1, in points from the left (pdftotext's word boxes)."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    for line in html.splitlines():
        if f">{word}<" in line:
            return float(line.split('xMin="')[1].split('"')[0])
    raise AssertionError(f"{word} is not on the page")


def test_the_toml_drives_the_page(tmp_path, database, people, forms_copy):
    (tmp_path / "a").mkdir()
    _rendered, before = _print(tmp_path / "a", database)
    sheet = forms_copy / "team_sheet.toml"
    text = sheet.read_text(encoding="utf-8")
    text = text.replace('label = "手机号码"', 'label = "联系电话"').replace("width = 24", "width = 60")
    sheet.write_text(text.replace("rows_per_page = 12", "rows_per_page = 2"), encoding="utf-8")
    load.cache_clear()
    (tmp_path / "b").mkdir()
    rendered, after = _print(tmp_path / "b", database)
    assert "联系电话" in pdf_tools.text(after) and "手机号码" not in pdf_tools.text(after)
    assert _left_of(after, "联系电话") > _left_of(before, "手机号码") + 50  # the ID column grew
    assert rendered.pages == 2  # three people, two rows a page
