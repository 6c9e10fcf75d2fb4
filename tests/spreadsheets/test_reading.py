"""Reading files shaped like the ones branches keep, made by other programs (openpyxl, xlwt, Python's codecs)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import xlwt

from tests.sheet_data import id_number
from volunteer_desk.formspec.spec import load
from volunteer_desk.spreadsheets import cleaning, mapping, reading
from volunteer_desk.spreadsheets.reading import UnreadableFile

HEADER = ["序号", "姓名", "性别", "出生年月", "身份证号码", "手机", "志愿服务项目"]


@pytest.fixture
def roster_xlsx(tmp_path):
    """Title merged across the table, a date line, a group header over two sub-headers, a numeric ID column
    (one rounded by Excel), a blank row in the middle, and a sheet of notes after it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名册"
    sheet.append(["西林街道第一支部党员志愿者名册"])
    sheet.merge_cells("A1:H1")
    sheet.append(["填报日期：2024年3月5日"])
    sheet.append(["序号", "姓  名", "性别", "出生年月", "身份证号码", "联系方式", None, "志愿服务项目"])
    sheet.merge_cells("F3:G3")
    for column in "ABCDEH":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.append([None, None, None, None, None, "手机", "单位电话", None])
    sheet.append([1, "张三", "男", dt.date(1985, 6, 1), id_number("19850603"), 13812345678, "0519-86660000", "尊老服务"])
    sheet.append([])
    sheet.append([2, "李四", "女", 1979.11, 1.10105e17, "139 0000 1111", None, "助残服务、爱幼志愿服务"])
    notes = book.create_sheet("说明")
    notes.append(["本表由各支部填写"])
    path = tmp_path / "名册.xlsx"
    book.save(path)
    return path


def test_xlsx_rows_keep_excel_row_numbers_and_values(roster_xlsx):
    rows = reading.read_rows(roster_xlsx)
    assert reading.sheet_names(roster_xlsx) == ["名册", "说明"]
    assert rows[0] == ["西林街道第一支部党员志愿者名册"]
    assert rows[5] == []  # the blank row stays, so row 7 is still index 6
    assert rows[4][0] == 1 and rows[4][3] == dt.date(1985, 6, 1) and rows[4][5] == 13812345678
    assert rows[6][4] == 1.10105e17
    assert reading.read_rows(roster_xlsx, "说明") == [["本表由各支部填写"]]


def test_xlsx_header_found_and_rows_cleaned(roster_xlsx):
    form = load("registration")
    rows = reading.read_rows(roster_xlsx)
    found = mapping.find_header(rows, form)
    assert found.header_rows == (2, 3) and found.first_data_row == 4
    assert found.columns == {1: "name", 2: "sex", 3: "birth_date", 4: "id_number", 5: "mobile",
                             6: "unit_phone", 7: "service_intents"}
    (raw, problems), _row6, (later, later_problems) = cleaning.clean_rows(rows[4:7], found, form, numbers=[5, 6, 7])
    assert raw["id_number"] == id_number("19850603") and raw["mobile"] == "13812345678" and not problems
    raw, problems = later, later_problems
    assert raw["birth_date"] == "1979.11" and raw["service_intents"] == ["助残服务", "爱幼志愿服务"]
    assert [(p.row, p.column, p.blocking) for p in problems] == [(7, "E", True)]
    assert "文本" in problems[0].message and "无法恢复" in problems[0].message


def test_xls_from_old_excel(tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    for column, text in enumerate(HEADER):
        sheet.write(0, column, text)
    sheet.write(1, 1, "王五")
    sheet.write(1, 3, dt.date(1990, 2, 1), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    sheet.write(3, 1, "赵六")
    path = tmp_path / "old.xls"
    book.save(str(path))
    rows = reading.read_rows(path)
    assert rows[1] == [None, "王五", None, dt.date(1990, 2, 1)]
    assert rows[2] == [] and rows[3] == [None, "赵六"]


def test_wps_et_saved_in_excel_format_opens(roster_xlsx, tmp_path):
    et = tmp_path / "名册.et"
    et.write_bytes(roster_xlsx.read_bytes())
    assert reading.sheet_names(et) == ["名册", "说明"]


def test_gbk_csv_from_chinese_excel(tmp_path):
    path = tmp_path / "名册.csv"
    path.write_bytes("姓名,性别,手机\r\n张三,男,13812345678\r\n\r\n李四,女,\r\n".encode("gbk"))
    assert reading.sheet_names(path) == ["名册"]
    assert reading.read_rows(path) == [["姓名", "性别", "手机"], ["张三", "男", "13812345678"], [], ["李四", "女"]]


def test_utf8_bom_csv_with_tabs(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes("\ufeff姓名\t身份证号\n张三\t11010519850603123X\n".encode())
    assert reading.read_rows(path) == [["姓名", "身份证号"], ["张三", "11010519850603123X"]]


@pytest.mark.parametrize(("name", "content", "words"), [
    ("broken.xlsx", b"PK\x03\x04 this is not a workbook", "损坏"),
    ("empty.xlsx", b"", "空的"),
    ("empty.csv", b"  \r\n", "空的"),
    ("roster.pdf", b"%PDF-1.4", ".pdf"),
    ("broken.et", b"\x00" * 64, "WPS"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512, "密码"),
])
def test_unreadable_files_say_what_to_do(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as caught:
        reading.read_rows(path)
    assert words in caught.value.message


def test_missing_file_and_missing_sheet(roster_xlsx, tmp_path):
    with pytest.raises(UnreadableFile):
        reading.sheet_names(tmp_path / "gone.xlsx")
    with pytest.raises(UnreadableFile) as caught:
        reading.read_rows(roster_xlsx, "Sheet9")
    assert "Sheet9" in caught.value.message
