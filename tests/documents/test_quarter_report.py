"""The 季度报表 drawn from a plain sheet, read back from the PDF: the header facts, every figure in order with
its rule and verdict, one row per team and the total, the signature lines, a long team list going on to
another page with its header, and a unit without teams."""

from __future__ import annotations

import re

from tests.documents import pdf_tools
from volunteer_desk.documents import quarter_report
from volunteer_desk.documents.quarter_report import Figure, QuarterSheet, TeamLine
from volunteer_desk.i18n import _

FIGURES = (
    Figure("党员人数", "40"),
    Figure("党员参与率", "62%", "参与党员不少于本单位党员的一半（50%）", "达到"),
    Figure("开展活动的周数", "10/13", "每周至少开展一次活动", "3周未开展"),
    Figure("服务总时长（小时）", "1236.5"),
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _sheet(teams: int) -> QuarterSheet:
    lines = tuple(TeamLine(f"第{n:02d}服务队", 8, n, 3 * n, f"{n * 2.5:g}") for n in range(1, teams + 1))
    return QuarterSheet(
        title="西湖街道机关第一党支部2026年第2季度党员志愿服务情况报表",
        unit="西湖街道机关第一党支部", filled_on="2026年6月20日", due_on="2026年6月28日",
        period="统计期间：2026年4月1日至2026年6月30日",
        figures=FIGURES, teams=lines,
        total=TeamLine("合计", 8 * teams, sum(range(teams + 1)), 3 * sum(range(teams + 1)), "—"))


def _render(tmp_path, sheet):
    rendered = quarter_report.render(sheet)
    return rendered, pdf_tools.write(tmp_path, rendered.pdf)


def test_header_figures_teams_total_and_signatures_in_order(tmp_path):
    rendered, path = _render(tmp_path, _sheet(3))
    text = _flat(pdf_tools.text(path, layout=True))
    assert rendered.pages == 1 and pdf_tools.page_size_mm(path) == (210, 297)
    expected = [
        "西湖街道机关第一党支部2026年第2季度党员志愿服务情况报表",
        _flat(_("Reporting unit: {unit}").format(unit="西湖街道机关第一党支部")),
        _flat(_("Filled in on: {date}").format(date="2026年6月20日")),
        _flat(_("Due by: {date}").format(date="2026年6月28日")),
        "党员人数40", "党员参与率62%参与党员不少于本单位党员的一半（50%）达到",
        "开展活动的周数10/13每周至少开展一次活动3周未开展",
        "服务总时长（小时）1236.5",
        "1第01服务队8132.5", "2第02服务队8265", "3第03服务队8397.5", "合计24618—",
        _flat(_("Filled in by: __________")), _flat(_("Checked by: __________")), _flat(_("Unit (seal):")),
    ]
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions)
    used = pdf_tools.fonts(path)
    assert used and all("WenQuanYi" in name and embedded and subset for name, embedded, subset in used)


def test_a_long_team_list_goes_on_with_its_header_and_the_signatures_follow_it(tmp_path):
    rendered, path = _render(tmp_path, _sheet(45))
    pages = [_flat(page) for page in pdf_tools.page_texts(path)]
    assert rendered.pages == len(pages) >= 2
    for page in pages[1:]:
        assert _flat(_("Service team")) in page and _flat(_("Participant-times")) in page
    names = re.findall(r"第\d\d服务队", "".join(pages))
    assert names == [f"第{n:02d}服务队" for n in range(1, 46)]
    assert _flat(_("Checked by: __________")) in pages[-1]
    assert pages[-1].index("第45服务队") < pages[-1].index(_flat(_("Checked by: __________")))


def test_a_unit_without_teams_says_so(tmp_path):
    _rendered, path = _render(tmp_path, _sheet(0))
    text = _flat(pdf_tools.text(path))
    assert _flat(_("The unit has no service team yet.")) in text
    assert "服务队" not in text.replace(_flat(_("The unit has no service team yet.")), "").replace(
        _flat(_("Service team")), "").replace(_flat(_("2. Service teams")), "")
