"""The printed roster (Sheet B), read back from the PDF: title, header on every page, rows in order with
序号 running on across pages, masked mobiles, page X of Y, landscape A4, the font embedded."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from sqlalchemy import func, select

from tests.documents import pdf_tools
from volunteer_desk import strokes
from volunteer_desk.services import demo
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import PrintService
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.printing import roster as roster_print
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.teams import TeamInput, TeamService
from volunteer_desk.storage.schema import AuditEntry, VolunteerRow

VOLUNTEERS = 40  # about 15 rows a page: three pages
# A row's first line in `pdftotext -layout`: 序号, 姓名, 性别, 出生年月, then 入党时间 unless an activist's is blank.
ROW = re.compile(r"^\s*(\d+)\s+(\S+)\s+[男女]\s+\d{4}\.\d\d\s+(\d{4}\.\d\d)?", re.MULTILINE)


@pytest.fixture
def filled(database):
    demo.fill(database, volunteers=VOLUNTEERS, activities=0)
    return database


def _print(tmp_path, database, **options):
    rendered = roster_print.build(database, options, today=dt.date(2026, 11, 23))
    return rendered, pdf_tools.write(tmp_path, rendered.pdf)


def _rows(path) -> list[tuple[int, str, str]]:
    return [(int(serial), name, joined) for serial, name, joined in ROW.findall(pdf_tools.text(path, layout=True))]


def _names(database, query: RosterQuery) -> list[str]:
    roster = RosterService(database)
    keys = roster.keys(query)
    rows = roster.rows(keys)
    return [rows[key][1][0] for key in keys]


def test_the_roster_prints_in_surname_stroke_order_with_title_header_on_every_page_and_serials_running_on(
        tmp_path, filled):
    rendered, path = _print(tmp_path, filled)
    pages = pdf_tools.page_texts(path)
    assert rendered.pages == pdf_tools.pages(path) == len(pages) >= 3
    assert "西湖街道机关第一党支部党员志愿者名册" in pages[0] and "2026年11月23日" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert "工作单位及职务" in text and "志愿服务项目" in text
        assert f"第{number}页共{len(pages)}页" in text.replace(" ", "")
    assert "星级" not in pdf_tools.text(path)  # a screen-only column
    rows = _rows(path)
    assert [serial for serial, _name, _joined in rows] == list(range(1, VOLUNTEERS + 1))
    names = [name for _serial, name, _joined in rows]
    assert sorted(names) == sorted(_names(filled, RosterQuery()))
    surnames = [(len(strokes.stroke_order(name[0])), strokes.stroke_order(name[0])) for name in names]
    assert surnames == sorted(surnames) and len(set(surnames)) > 5  # fewer strokes first, then 横竖撇点折


def test_by_pinyin_the_order_is_the_screens(tmp_path, filled):
    _rendered, path = _print(tmp_path, filled, order="pinyin")
    assert [name for _serial, name, _joined in _rows(path)] == _names(filled, RosterQuery())


def test_mobiles_are_masked_on_landscape_a4_in_the_embedded_font(tmp_path, filled):
    _rendered, path = _print(tmp_path, filled)
    text = pdf_tools.text(path)
    assert not re.search(r"1\d{10}", text)
    assert len(re.findall(r"1\d\d\*{4}\d{4}", text)) >= VOLUNTEERS // 2
    assert pdf_tools.page_size_mm(path) == (297, 210)
    used = pdf_tools.fonts(path)
    assert used and all("WenQuanYi" in name and embedded and subset for name, embedded, subset in used)


def test_by_date_joined_the_party_members_come_first_in_date_order_then_activists(tmp_path, filled):
    _rendered, path = _print(tmp_path, filled, order="joined_party_on")
    joined = [j for _serial, _name, j in _rows(path)]
    dated = [j for j in joined if j]
    assert len(joined) == VOLUNTEERS and dated and dated == sorted(dated)
    assert joined == dated + [""] * (VOLUNTEERS - len(dated))


def test_the_find_text_narrows_the_roster_as_on_screen(tmp_path, filled):
    surname = _names(filled, RosterQuery())[0][0]
    expected = _names(filled, RosterQuery(search=surname))
    _rendered, path = _print(tmp_path, filled, search=f" {surname} ", order="pinyin")
    assert 0 < len(expected) < VOLUNTEERS
    assert [name for _serial, name, _joined in _rows(path)] == expected
    nobody, _path = _print(tmp_path, filled, search="没有这个人")
    assert nobody.pages == 1 and "没有这个人" in nobody.warnings[-1]


def test_the_print_centre_offers_the_roster_and_cancelling_writes_nothing(tmp_path, filled, monkeypatch):
    service = PrintService(filled)
    kind = service.document("roster")
    assert {o.key for o in kind.options} == {"order", "team", "occupation", "search", "full_numbers"}
    assert dict(kind.options[0].choices).keys() == roster_print.SORTS.keys()
    target = tmp_path / "名册.pdf"
    service.save("roster", {}, target)
    assert pdf_tools.pages(target) >= 3
    with pytest.raises(Cancelled):
        service.save("roster", {}, tmp_path / "cancelled.pdf", progress=lambda done, total: False)
    assert not (tmp_path / "cancelled.pdf").exists()
    with pytest.raises(InvalidEntry) as wrong:
        service.render("roster", {"order": "alphabet"})
    assert "笔画" in wrong.value.errors["order"] or "strokes" in wrong.value.errors["order"]


def test_one_team_or_one_occupation_type_only(tmp_path, filled):
    teams = TeamService(filled)
    category = CategoryService(filled).list()[0].id
    team = teams.create(TeamInput(name="敬老服务大队", kind=TeamKind.BRIGADE, category_id=category, parent_id=None,
                                  station_id=None, brand_project_id=None))
    chosen = RosterService(filled).ids(RosterQuery())[::7]
    for volunteer_id in chosen:
        teams.add_member(team, volunteer_id, joined_on=dt.date(2026, 1, 5))
    members = sorted(m.name for m in teams.get(team).members)
    _rendered, path = _print(tmp_path, filled, team=team, order="pinyin")
    assert len(members) == len(chosen) > 3
    assert sorted(name for _serial, name, _joined in _rows(path)) == members
    with filled.sessions() as session:
        retired = set(session.scalars(select(VolunteerRow.name).where(
            VolunteerRow.occupation_type == "离退休党员", VolunteerRow.deleted.is_(False))))
    _rendered, path = _print(tmp_path, filled, occupation="离退休党员")
    printed = {name for _serial, name, _joined in _rows(path)}
    assert retired and printed == retired


def test_full_mobiles_only_when_chosen_and_then_the_audit_log_says_so(tmp_path, filled):
    with filled.sessions() as session:
        mobiles = set(session.scalars(select(VolunteerRow.mobile).where(VolunteerRow.mobile != "")))
    _rendered, path = _print(tmp_path, filled)
    assert not mobiles & set(re.findall(r"1\d{10}", pdf_tools.text(path)))
    with filled.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "print_full")) == 0
    _rendered, path = _print(tmp_path, filled, full_numbers=True)
    assert mobiles <= set(re.findall(r"1\d{10}", pdf_tools.text(path)))
    with filled.sessions() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "print_full"))
    assert entry.summary.startswith("党员志愿者名册") and not re.search(r"\d{11}", entry.summary)


def test_by_team_each_team_is_headed_by_its_name_and_those_in_none_come_last(tmp_path, filled):
    teams = TeamService(filled)
    category = CategoryService(filled).list()[0].id
    brigade = teams.create(TeamInput(name="敬老服务大队", kind=TeamKind.BRIGADE, category_id=category, parent_id=None,
                                     station_id=None, brand_project_id=None))
    roster = RosterService(filled)
    everyone = roster.ids(RosterQuery())
    for volunteer_id in everyone[:5]:
        teams.add_member(brigade, volunteer_id, joined_on=dt.date(2026, 1, 5))
    members = sorted(m.name for m in teams.get(brigade).members)
    rendered, path = _print(tmp_path, filled, order="team")
    text = pdf_tools.text(path, layout=True)
    assert text.index("敬老服务大队（5）") < text.index("未编入服务队（35）")
    rows = _rows(path)
    assert [serial for serial, _name, _joined in rows] == list(range(1, VOLUNTEERS + 1))
    assert sorted(name for _serial, name, _joined in rows[:5]) == members
    workbook = tmp_path / "名册.xlsx"
    workbook.write_bytes(roster_print.excel(filled, {"order": "team"}, today=dt.date(2026, 11, 23)))
    sheet = openpyxl.load_workbook(workbook).active
    assert sheet["A4"].value == "敬老服务大队（5）" and "A4:K4" in [str(r) for r in sheet.merged_cells.ranges]
    assert sheet["A5"].value == 1
