"""Cleaning values the way a patient clerk would, and saying what cannot be cleaned."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.sheet_data import id_number, registration
from volunteer_desk.formspec import values
from volunteer_desk.formspec.spec import load
from volunteer_desk.spreadsheets import cleaning, mapping

FORM = load("registration")
HEADER = ["姓名", "性别", "出生年月", "入党时间", "身份证号码", "手机", "学历", "服务意向", "工作单位及职务",
          "单位电话", "身高", "可参加志愿服务时间"]
MAP = mapping.find_header([HEADER], FORM)


def clean(**cells):
    row = [cells.get(key) for key in ("name", "sex", "birth", "joined", "id", "mobile", "education", "intents",
                                      "unit", "unit_phone", "height", "availability")]
    return cleaning.clean_rows([row], MAP, FORM, numbers=[9])[0]


@pytest.mark.parametrize("written", ["1985.06", "1985年6月", "1985-6-1", "198506", "1985/6/1", "１９８５．０６",
                                     1985.06, 198506, dt.date(1985, 6, 3), dt.datetime(1985, 6, 3), 31199,
                                     "1985-06-03 00:00:00"])
def test_dates_in_every_usual_form(written):
    raw, problems = clean(birth=written, joined=written)
    assert (raw["birth_date"], raw["joined_party_on"][:7], problems) == ("1985.06", "1985-06", [])


def test_cleaned_row_is_what_the_editor_hands_over():
    raw, problems = clean(name="张  三", sex="Ｍ", birth="1985.06", joined="2008-07-01",
                          id=id_number("19850603").lower() + " ", mobile="+86 138-1234-5678", education="大学本科",
                          intents="尊老服务，助残服务", unit="常州市西林街道办事处 科员", unit_phone="０５１９-86660000",
                          height=172, availability="双休日、工作日晚上")
    assert not problems
    expected = registration()
    for key in ("name", "sex", "birth_date", "joined_party_on", "id_number", "mobile", "education",
                "service_intents", "work_unit", "position", "unit_phone", "height_cm"):
        assert raw[key] == expected[key], key
    assert raw["availability"] == ["weekends"] and raw["availability_other"] == "工作日晚上"
    _volunteer, errors = values.to_domain(FORM, {**registration(), **raw})
    assert errors == {}


@pytest.mark.parametrize("rounded", [1.10105e17, "1.10105E+17", "１.10105E+17", 110105198506031234.0])
def test_rounded_id_number_blocks_the_row_and_says_how_to_fix(rounded):
    raw, problems = clean(name="张三", id=rounded)
    assert "id_number" not in raw
    (problem,) = problems
    assert (problem.row, problem.column, problem.header, problem.blocking) == (9, "E", "身份证号码", True)
    assert "无法恢复" in problem.message and "文本" in problem.message


def test_unknown_values_name_the_value_and_what_is_accepted():
    raw, problems = clean(sex="未知", birth="八五年", education="博士后", intents="尊老服务 环境保护")
    assert raw["service_intents"] == ["尊老服务"] and "sex" not in raw and "birth_date" not in raw
    by_column = {p.column: p for p in problems}
    assert "未知" in by_column["B"].message and "男" in by_column["B"].message and not by_column["B"].blocking
    assert "八五年" in by_column["C"].message and "1985.06" in by_column["C"].message and by_column["C"].blocking
    assert "大学本科" in by_column["G"].message
    assert "环境保护" in by_column["H"].message and "尊老服务" in by_column["H"].message


def test_a_number_that_lost_its_final_zero_is_not_guessed():
    _raw, problems = clean(birth=1985.1)
    assert problems and problems[0].blocking and "1985" in problems[0].message


def test_blank_rows_and_empty_cells():
    assert cleaning.is_blank([None, "  ", ""]) and cleaning.is_blank([])
    assert not cleaning.is_blank([None, 0])
    assert clean() == ({}, [])


def test_column_letters_past_z():
    assert [cleaning.column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_numbers_that_lost_a_leading_zero_get_it_back():
    raw, _problems = clean(unit_phone=51986660000, mobile=13812345678)
    assert (raw["unit_phone"], raw["mobile"]) == ("051986660000", "13812345678")


def test_a_note_under_the_table_is_not_a_row():
    assert cleaning.is_note(["备注：服务志愿可选择环境保护、法律援助等项。", None, ""])
    assert cleaning.is_note([None, "  填表说明：日期写成 1985.06"])
    assert not cleaning.is_note(["张三", "备注"])
    assert not cleaning.is_note(["备注", "张三"])
    assert not cleaning.is_note(["张三"])


def test_many_rows_cleaned_at_once_get_what_each_row_alone_gets():
    """Each distinct value of a column is cleaned once for all the rows that have it: every row must still get
    its own values, its own lists and its own problems under its own row number."""
    def row(**cells):
        return [cells.get(key) for key in ("name", "sex", "birth", "joined", "id", "mobile", "education", "intents",
                                            "unit", "unit_phone", "height", "availability")]

    rows = [row(name="张三", sex="男", birth="1985.06", intents="尊老服务、跳广场舞", education="博士后"),
            row(name="李四", sex="男", birth="1985.06", intents="尊老服务、跳广场舞", education="博士后"),
            row(name="王五", sex=1, birth=1985.06, intents="尊老服务、跳广场舞"),
            row(name="赵六", sex=True, birth="八五年", unit="西林街道 科员"),
            row(),
            row(name="钱七", sex="男", unit="西林街道 科员")]
    numbers = [4, 5, 7, 8, 9, 12]
    together = cleaning.clean_rows(rows, MAP, FORM, numbers=numbers)
    assert together == [cleaning.clean_rows([cells], MAP, FORM, numbers=[n])[0] for cells, n in zip(rows, numbers)]
    assert [[p.row for p in problems] for _raw, problems in together] == [[4, 4], [5, 5], [7, 7], [8, 8], [], []]
    together[0][0]["service_intents"].append("助残服务")
    assert together[1][0]["service_intents"] == ["尊老服务"] and together[2][0]["service_intents"] == ["尊老服务"]
    assert together[2][0]["birth_date"] == "1985.06" and "sex" not in together[2][0]
