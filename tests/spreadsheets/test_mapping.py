"""Finding the header of a roster and mapping its columns to the registration form's fields."""

from __future__ import annotations

from volunteer_desk.formspec.spec import load
from volunteer_desk.spreadsheets import mapping

FORM = load("registration")


def test_title_and_date_line_skipped_and_variants_mapped():
    rows = [["XX支部党员志愿者名册"], ["2024年3月"], [],
            ["序号", "名字", "公民身份号码", "联系电话（必填）", "出生日期", "入党日期", "学历", "服务志愿",
             "工作单位及职务", "备注"],
            [1, "张三"]]
    found = mapping.find_header(rows, FORM)
    assert found.header_rows == (3,) and found.first_data_row == 4
    assert found.columns == {1: "name", 2: "id_number", 3: "mobile", 4: "birth_date", 5: "joined_party_on",
                             6: "education", 7: "service_intents", 8: "work_unit_position"}
    assert found.headers[9] == "备注" and found.headers[0] == "序号"


def test_sheet_c_labels_with_spaces_line_breaks_and_full_width():
    rows = [["姓  名", "性别", "身份证\n号码", "手机号码", "服务志愿", "所在单位名称", "ＱＱ"]]
    found = mapping.find_header(rows, FORM)
    assert found.columns == {0: "name", 1: "sex", 2: "id_number", 3: "mobile", 4: "service_intents",
                             5: "work_unit", 6: "qq"}


def test_group_header_over_sub_headers_is_combined():
    rows = [["姓名", "性别", "联系方式", None, "政治面貌"], [None, None, "手机", "单位电话"], ["张三", "男"]]
    found = mapping.find_header(rows, FORM)
    assert found.header_rows == (0, 1) and found.first_data_row == 2
    assert found.columns == {0: "name", 1: "sex", 2: "mobile", 3: "unit_phone", 4: "political_status"}


def test_first_data_row_is_not_taken_for_a_sub_header():
    rows = [["姓名", "性别", "手机"], ["张三", "男", "13812345678"]]
    assert mapping.find_header(rows, FORM).header_rows == (0,)


def test_no_header_in_a_sheet_of_notes():
    assert mapping.find_header([["本表由各支部填写"], ["联系人：王老师"]], FORM) is None
    assert mapping.find_header([], FORM) is None


def test_a_second_column_for_the_same_field_is_left_to_the_person():
    found = mapping.find_header([["姓名", "手机", "联系电话"]], FORM)
    assert found.columns == {0: "name", 1: "mobile"}


def test_layout_key_follows_header_texts_only():
    one = mapping.find_header([["标题"], ["姓名", "性别", "手机"], ["张三"]], FORM)
    two = mapping.find_header([["姓名", "性别", "手机"]], FORM)
    other = mapping.find_header([["姓名", "手机", "性别"]], FORM)
    assert mapping.layout_key(one) == mapping.layout_key(two) != mapping.layout_key(other)


def test_with_column_moves_a_field_and_unmaps():
    found = mapping.find_header([["姓名", "手机", "联系电话"]], FORM)
    moved = mapping.with_column(found, 2, "mobile")
    assert moved.columns == {0: "name", 2: "mobile"} and found.columns[1] == "mobile"
    assert mapping.with_column(moved, 2, None).columns == {0: "name"}
    assert mapping.layout_key(moved) == mapping.layout_key(found)
