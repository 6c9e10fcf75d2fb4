"""Every list's Excel form, made from a real database and read back with openpyxl: the same rows and masking
as the PDF, numbers as numbers, text that looks like a formula kept as text, the full-numbers audit row,
Sheet C's header line and 备注, and the activities, hours, review list and quarter report figures equal to
the services'."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import openpyxl
import pytest
from sqlalchemy import func, select

from tests.services.test_activities import named_operator
from tests.services.test_print_team_sheet import make_volunteer
from tests.services.test_reports import Q, World
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import _
from volunteer_desk.services.activity_list import ActivityListService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import PrintService
from volunteer_desk.services.printing import activities, hours
from volunteer_desk.services.printing import quarter_report as report_print
from volunteer_desk.services.reports import ReportService
from volunteer_desk.storage.schema import Activity, AuditEntry, PointsEntry, Team

TODAY = dt.date(2026, 6, 20)


def _sheets(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet, header_row: int) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=header_row, values_only=True)]


def _audits(database) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "print_full"))


@pytest.fixture
def people(database):
    named_operator(database)
    return {name: make_volunteer(database, name, mobile, work_unit=unit, specialty=specialty)
            for name, mobile, unit, specialty in (
                ("王芳", "13900001111", "红梅街道办事处", "书法"),
                ("=1+1", "13812345678", "常州市第一人民医院", "@SUM(A1)"),
                ("李明", "13700002222", "天宁区实验小学", "-篮球"))}


def test_the_roster_as_sheet_b_with_mobiles_masked_and_formula_text_kept_as_text(tmp_path, database, people):
    path = tmp_path / "名册.xlsx"
    PrintService(database).save_excel("roster", {"order": "pinyin"}, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert workbook.sheetnames == ["党员志愿者名册"]
    assert sheet["A1"].value == "西湖街道机关第一党支部党员志愿者名册" and "A1:K1" in {str(r) for r in
                                                                            sheet.merged_cells.ranges}
    assert sheet["A2"].value.endswith(f"{dt.date.today().year}年{dt.date.today().month}月{dt.date.today().day}日")
    rows = _rows(sheet, 3)
    assert rows[0] == ["序号", "姓名", "性别", "出生年月", "入党时间", "文化程度", "专业特长", "工作单位及职务", "单位电话",
                       "手机", "志愿服务项目"]
    assert [row[:2] for row in rows[1:]] == [[1, "=1+1"], [2, "李明"], [3, "王芳"]]  # pinyin order; the odd name first
    formula = sheet["B4"]
    assert formula.data_type == "s" and formula.quotePrefix
    assert rows[1][6].endswith("@SUM(A1)") and sheet["G4"].data_type == "s"
    assert rows[3][9] == "139****1111" and "13900001111" not in str(rows)
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation, sheet.print_title_rows, sheet.freeze_panes) == (
        9, "landscape", "$3:$3", "A4")
    assert _audits(database) == 0


def test_full_numbers_are_written_only_when_chosen_and_then_audited(database, people):
    data = PrintService(database).document("roster").excel(database, {"order": "pinyin", "full_numbers": True}, None)
    assert _rows(_sheets(data).active, 4)[2][9] == "13900001111"
    assert _audits(database) == 1


def test_the_roster_filters_as_the_pdf_does(database, people):
    data = PrintService(database).document("roster").excel(database, {"search": "王"}, None)
    assert [row[1] for row in _rows(_sheets(data).active, 4)] == ["王芳"]


def test_sheet_c_has_its_header_line_and_footnote(database, people):
    service = PrintService(database)
    data = service.document("team_sheet").excel(database, {"date": dt.date(2026, 3, 5)}, None)
    sheet = _sheets(data).active
    assert sheet["A1"].value == "西湖街道机关第一党支部学雷锋党员志愿服务队人员信息登记表"
    assert sheet["A2"].value == "单位盖章：" and "填报时间：2026年3月5日" in [c.value for c in sheet[2]]
    rows = _rows(sheet, 3)
    assert rows[0] == ["姓  名", "性别", "身份证号码", "手机号码", "服务志愿", "所在单位名称"]
    assert [row[0] for row in rows[1:4]] == ["=1+1", "李明", "王芳"]
    assert "*" in rows[3][2] and rows[3][3] == "139****1111"
    assert rows[4][0].startswith("备注：服务志愿可选择环境保护")
    assert sheet.page_setup.orientation == "landscape" and sheet.freeze_panes == "A4"


def test_a_document_without_an_excel_form_or_a_missing_option_is_refused(tmp_path, database, people):
    service = PrintService(database)
    target = tmp_path / "x.xlsx"
    with pytest.raises(InvalidEntry) as refused:
        service.save_excel("registration", {}, target)
    assert "PDF" in refused.value.errors["document"]
    assert "roster" in [k.key for k in service.documents() if k.excel] and not target.exists()


@pytest.fixture
def served(database):
    """Two volunteers, a team, activities across 2026 with places and results, and points."""
    named_operator(database)
    world = World(database)
    a, b = world.volunteer("甲", "jia"), world.volunteer("乙", "yi")
    team = world.add(Team(id=str(uuid.uuid4()), name="先锋服务队", kind="team", org_id=world.home))

    def activity(day, **fields):
        return world.add(Activity(id=str(uuid.uuid4()), held_on=day, kind="collective", org_id=world.home, **fields))

    first = activity(dt.date(2026, 2, 10), starts_at=dt.time(9), ends_at=dt.time(11), place="红梅社区",
                     content="=探望空巢老人", beneficiaries="空巢老人 12 人", outcome="解决问题 3 个", team_id=team,
                     leader="王芳", recorder="李明")
    second = activity(dt.date(2026, 5, 20), place="文化广场", content="文明交通劝导")
    third = activity(dt.date(2026, 11, 2), content="义务植树")
    world.serve(a, first, 120)
    world.serve(b, first, 90)
    world.serve(a, second, 45)
    world.serve(b, third, 50)
    world.add(PointsEntry(id=str(uuid.uuid4()), volunteer_id=a, earned_on=dt.date(2026, 5, 20), points=2.5,
                          rule="hours"))
    return {"甲": a, "乙": b}


def test_the_activity_record_lists_each_activity_with_the_pages_figures(database, served):
    data = PrintService(database).document("activities").excel(
        database, {"from": dt.date(2026, 1, 1), "to": dt.date(2026, 6, 30)}, None)
    sheet = _sheets(data).active
    rows = _rows(sheet, 3)
    assert rows[0] == [_(label) for label, _width, _numeric in activities.COLUMNS]
    assert rows[1] == [1, "2026年2月10日", "09:00–11:00", "红梅社区", "=探望空巢老人", "空巢老人 12 人", "解决问题 3 个",
                       "先锋服务队", 2, 3.5, "王芳", "李明"]
    assert sheet["E4"].data_type == "s"
    assert [row[3] for row in rows[1:]] == ["红梅社区", "文化广场"]  # November is outside the period
    listed = {a.held_on: a for a in ActivityListService(database).summaries(start=dt.date(2026, 1, 1),
                                                                             end=dt.date(2026, 6, 30))}
    assert [(row[8], row[9]) for row in rows[1:]] == [
        (listed[day].participants, float(listed[day].hours_text)) for day in sorted(listed)]


def test_dates_the_wrong_way_round_are_explained(database, served):
    with pytest.raises(InvalidEntry) as refused:
        PrintService(database).document("activities").excel(
            database, {"from": dt.date(2026, 6, 30), "to": dt.date(2026, 1, 1)}, None)
    assert "to" in refused.value.errors


def test_the_hours_list_equals_the_quarter_summaries(database, served):
    data = PrintService(database).document("hours").excel(database, {"year": 2026}, None)
    rows = _rows(_sheets(data).active, 3)
    assert rows[0] == [_(label) for label, _width, _numeric in hours.COLUMNS]
    by_name = {row[1]: row for row in rows[1:]}
    assert list(by_name) == ["甲", "乙"] and by_name["甲"][2] == "西湖街道机关第一党支部"
    reports = ReportService(database)
    for number in range(1, 5):
        summary = {r.name: r for r in reports.quarter_summary(Quarter(2026, number)).rows}
        for name in ("甲", "乙"):
            assert by_name[name][2 + number] == float(format_hours(summary[name].minutes))
    assert by_name["甲"][3:9] == [2.0, 0.75, 0, 0, 2.75, 2.5]
    assert by_name["乙"][7] == float(format_hours(90 + 50))


def test_the_review_list_equals_the_ranking(database, served):
    data = PrintService(database).document("review_list").excel(database, {"quarter": Q}, None)
    sheet = _sheets(data).active
    ranking = ReportService(database).ranking(Q)
    rows = _rows(sheet, 3)
    assert rows[1:] == [[r.rank, r.name, r.activities, float(format_hours(r.minutes)), r.points, None, None]
                        for r in ranking if r.activities or r.minutes or r.points]
    assert sheet.page_setup.orientation == "portrait"


def test_the_quarter_report_has_the_figures_and_the_team_table(database, served):
    data = report_print.excel(database, {"quarter": Quarter(2026, 1)}, None, today=dt.date(2026, 3, 20))
    workbook = _sheets(data)
    glance, teams = workbook.worksheets
    report = ReportService(database).quarter_report(Quarter(2026, 1))
    figures = {row[0]: row[1] for row in _rows(glance, 3)[1:]}
    assert figures[_("Activities held")] == str(report.activities) == "1"
    assert figures[_("Participant-times")] == str(report.participant_times) == "2"
    assert figures[_("Total service hours")] == format_hours(report.minutes)
    table = _rows(teams, 3)
    assert table[1] == [1, "先锋服务队", 0, 1, 2, 3.5]
    assert table[-1][1:] == [_("Total"), 0, 1, 2, 3.5]
    assert "2026年3月28日" in glance["A2"].value
