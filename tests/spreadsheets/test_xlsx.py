"""A paper list as an Excel sheet, read back with openpyxl (not the library that wrote it): the merged title,
the date line, the header row, values in order as text or numbers, formula-looking text kept as text, the
header frozen, A4 print setup repeating the header, the page footer, and the 宋体 default font."""

from __future__ import annotations

import io

import openpyxl
import pytest

from volunteer_desk.spreadsheets import xlsx

COLUMNS = (xlsx.Column("序号", 6, numeric=True), xlsx.Column("姓名", 10), xlsx.Column("工作单位", 24),
           xlsx.Column("服务时长(小时)", 8, numeric=True))


def _open(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _values(sheet, first_row: int) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=first_row, values_only=True)]


def test_title_date_line_header_and_rows_in_order_with_numbers_as_numbers():
    data = xlsx.write([xlsx.PaperList(
        title="西湖街道第一党支部党员志愿者名册", subtitle="填表日期：2026年11月23日", columns=COLUMNS,
        rows=[[1, "王芳", "红梅街道办事处", 2.5], [2, "陈静", "", None]])])
    sheet = _open(data).active
    assert sheet["A1"].value == "西湖街道第一党支部党员志愿者名册"
    assert sheet["A1"].font.sz == xlsx.TITLE_SIZE and sheet["A1"].font.b
    assert sheet["A1"].alignment.horizontal == "center"
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:D1", "A2:D2"}
    assert sheet["A2"].value == "填表日期：2026年11月23日"
    assert _values(sheet, 3) == [["序号", "姓名", "工作单位", "服务时长(小时)"], [1, "王芳", "红梅街道办事处", 2.5],
                                 [2, "陈静", None, None]]
    header = sheet["B3"]
    assert header.font.b and header.fill.fgColor.rgb.endswith("D9D9D9") and header.alignment.wrap_text
    assert header.border.left.style == "thin" and sheet["C5"].border.bottom.style == "thin"  # blank cells ruled too
    assert sheet["A4"].data_type == "n" and sheet["B4"].data_type == "s"


def test_the_header_is_frozen_and_repeated_on_every_a4_page_with_page_numbers():
    sheet = _open(xlsx.write([xlsx.PaperList(title="名册", subtitle="日期", columns=COLUMNS,
                                             rows=[[n, "张三", "", 1] for n in range(1, 200)])])).active
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sheet.print_options.horizontalCentered
    portrait = _open(xlsx.write([xlsx.PaperList(title="榜", columns=COLUMNS, rows=[], landscape=False)])).active
    assert portrait.page_setup.orientation == "portrait" and portrait.freeze_panes == "A3"


def test_column_widths_keep_the_papers_proportions():
    sheet = _open(xlsx.write([xlsx.PaperList(title="名册", columns=COLUMNS, rows=[])])).active
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]
    assert widths[2] / widths[0] == pytest.approx(24 / 6, rel=0.05)
    assert sum(widths) == pytest.approx(xlsx.CHARACTERS_ACROSS[True], rel=0.05)


@pytest.mark.parametrize("text", ["=1+1", "+8613812345678", "-5", "@SUM(A1)", "\tHYPERLINK(1)", "\r=2"])
def test_text_that_looks_like_a_formula_stays_text(text):
    sheet = _open(xlsx.write([xlsx.PaperList(title="名册", columns=COLUMNS, rows=[[1, text, text, None]])])).active
    for cell in (sheet["B3"], sheet["C3"]):
        # A carriage return is stored as OOXML's escape _x000D_, which Excel reads back and openpyxl does not.
        assert cell.data_type == "s" and cell.value.replace("_x000D_", "\r") == text
        assert cell.quotePrefix  # editing it in Excel later keeps it text
    assert not sheet["D3"].value


def test_a_number_in_a_text_column_is_written_as_text():
    sheet = _open(xlsx.write([xlsx.PaperList(title="名册", columns=COLUMNS, rows=[[1, 13812345678, "001", 3]])])).active
    assert sheet["B3"].value == "13812345678" and sheet["B3"].data_type == "s"
    assert sheet["C3"].value == "001" and sheet["D3"].value == 3


def test_the_header_line_and_the_footnote_of_sheet_c():
    data = xlsx.write([xlsx.PaperList(
        title="学雷锋党员志愿服务队人员信息登记表", columns=COLUMNS, rows=[[1, "王芳", "", None]],
        header_line=[("单位盖章", ""), ("填报时间", "2026年3月5日")], footnote="备注：服务志愿可选择环境保护等项。")])
    sheet = _open(data).active
    assert sheet["A2"].value == "单位盖章：" and sheet["C2"].value == "填报时间：2026年3月5日"
    assert "A2:B2" in {str(r) for r in sheet.merged_cells.ranges} and "C2:D2" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A3"].value == "序号" and sheet.freeze_panes == "A4"
    assert sheet["A5"].value == "备注：服务志愿可选择环境保护等项。"
    assert "A5:D5" in {str(r) for r in sheet.merged_cells.ranges}


def test_the_default_font_is_songti_and_several_lists_become_named_sheets():
    workbook = _open(xlsx.write([
        xlsx.PaperList(title="一、本季度概况", columns=COLUMNS, rows=[]),
        xlsx.PaperList(title="二、服务队", columns=COLUMNS, rows=[], sheet_name="服务队:情况/汇总?"),
        xlsx.PaperList(title="x", columns=COLUMNS, rows=[], sheet_name="服务队情况汇总")]))
    assert workbook.sheetnames == ["一、本季度概况", "服务队情况汇总", "服务队情况汇总(2)"]
    assert workbook._fonts[0].name == xlsx.FONT == "宋体"
    assert workbook.active["A1"].font.name == "宋体"


def test_progress_is_told_and_may_stop_the_file():
    told = []
    rows = [[n, "张三", "", 1] for n in range(2500)]
    xlsx.write([xlsx.PaperList(title="名册", columns=COLUMNS, rows=rows)], lambda done, total: told.append((done, total)))
    assert told == [(1000, 2500), (2000, 2500)]

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        xlsx.write([xlsx.PaperList(title="名册", columns=COLUMNS, rows=rows)], stop)
