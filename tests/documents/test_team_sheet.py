"""The printed Sheet C from plain data: exactly 12 ruled rows a page, title, header blanks and 备注 on every
page, values in their columns' order, overlong cells shrunk or cut with a warning."""

from __future__ import annotations

from tests.documents import pdf_tools
from volunteer_desk.documents.team_sheet import SheetColumn, TeamSheet, render

COLUMNS = [SheetColumn("姓  名", 12), SheetColumn("性别", 6), SheetColumn("身份证号码", 24),
           SheetColumn("手机号码", 17), SheetColumn("服务志愿", 28), SheetColumn("所在单位名称", 32)]
FOOTNOTE = "备注：服务志愿可选择环境保护、法律援助、抢险救灾等项。"


def _sheet(rows, **changes) -> TeamSheet:
    values = dict(title="红梅社区学雷锋党员志愿服务队人员信息登记表", subtitle="",
                  header=[("单位盖章", ""), ("填报时间", "2026年3月5日")], columns=COLUMNS, rows=rows,
                  rows_per_page=12, footnote=FOOTNOTE)
    values.update(changes)
    return TeamSheet(**values)


def _person(n: int, unit: str = "红梅街道办事处") -> tuple[str, ...]:
    return (f"队员{n:02d}", "女", f"32040219850603{n:04d}", f"1390000{n:04d}", "社区服务", unit)


def test_thirteen_people_take_two_pages_of_twelve_with_header_and_footnote_on_each(tmp_path):
    told = []
    rendered = render(_sheet([_person(n) for n in range(1, 14)]), lambda done, total: told.append((done, total)))
    path = pdf_tools.write(tmp_path, rendered.pdf)
    pages = [p.replace(" ", "").replace("\n", "") for p in pdf_tools.page_texts(path)]
    assert rendered.pages == len(pages) == 2 and told == [(1, 2), (2, 2)]
    for number, page in enumerate(pages, start=1):
        assert page.startswith("红梅社区学雷锋党员志愿服务队人员信息登记表")
        assert "单位盖章：" in page and "填报时间：2026年3月5日" in page
        assert "姓名性别身份证号码手机号码服务志愿所在单位名称" in page
        assert FOOTNOTE in page and f"第{number}页共2页" in page
    assert [page.count("队员") for page in pages] == [12, 1]
    assert "队员13" in pages[1] and "队员12" in pages[0]
    layout = pdf_tools.text(path, layout=True)
    row = next(line for line in layout.splitlines() if "队员01" in line)
    assert row.split() == list(_person(1))  # the values in their columns' order
    assert pdf_tools.page_size_mm(path) == (297, 210)
    assert all(embedded and "Helvetica" not in name for name, embedded, _sub in pdf_tools.fonts(path))


def test_no_rows_still_gives_one_page_of_blank_ruled_rows(tmp_path):
    rendered = render(_sheet([], landscape=False))
    path = pdf_tools.write(tmp_path, rendered.pdf)
    assert rendered.pages == 1 and pdf_tools.page_size_mm(path) == (210, 297)
    assert FOOTNOTE in pdf_tools.text(path).replace(" ", "") and rendered.warnings == ()


def test_a_long_unit_name_is_set_smaller_and_one_too_long_is_cut_with_a_warning(tmp_path):
    long_unit = "常州市天宁区红梅街道红梅新村社区居民委员会第二网格党小组"
    endless = "很长的单位名称" * 30
    rendered = render(_sheet([_person(1, long_unit), _person(2, endless)]))
    text = pdf_tools.text(pdf_tools.write(tmp_path, rendered.pdf)).replace(" ", "").replace("\n", "")
    assert long_unit in text and "…" in text
    assert len(rendered.warnings) == 1 and "很长的单位名称" in rendered.warnings[0]
