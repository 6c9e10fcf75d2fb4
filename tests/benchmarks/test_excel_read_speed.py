"""Import speed (issue 7), the reading half: a 100,000-row roster read, its header found and every row cleaned."""

from __future__ import annotations

import time

import openpyxl
import pytest

from tests.benchmarks.conftest import report
from tests.sheet_data import id_number
from volunteer_desk.formspec.spec import load
from volunteer_desk.spreadsheets import cleaning, mapping, reading

ROWS = 100_000
HEADER = ["序号", "姓名", "性别", "出生年月", "入党时间", "文化程度", "身份证号码", "手机", "工作单位及职务",
          "单位电话", "志愿服务项目", "备注"]


@pytest.fixture(scope="session")
def big_roster(tmp_path_factory):
    path = tmp_path_factory.mktemp("excel-read") / "roster.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("名册")
    sheet.append(["某某支部党员志愿者名册"])
    sheet.append(["填报日期：2024年3月"])
    sheet.append(HEADER)
    numbers = [id_number(f"19{60 + i % 30}0{1 + i % 9}1{i % 9}", sequence=f"{i % 1000:03d}") for i in range(1000)]
    for i in range(ROWS):
        sheet.append([i + 1, f"张{i % 97}", "男" if i % 2 else "女", f"19{60 + i % 30}.0{1 + i % 9}", "2008-07-01",
                      "大学本科", numbers[i % 1000], f"138 {i % 10000:04d} 5678", "西林街道办事处 科员",
                      "0519-86660000", "尊老服务、助残服务", None])
    book.save(path)
    return path


def test_read_find_and_clean_100000_rows(big_roster):
    form = load("registration")
    samples, steps = [], {}
    for _ in range(3):
        started = time.perf_counter()
        rows = reading.read_rows(big_roster)
        steps["read"] = time.perf_counter() - started
        found = mapping.find_header(rows, form)
        data = [(number, row) for number, row in enumerate(rows[found.first_data_row:], start=found.first_data_row + 1)
                if not cleaning.is_blank(row)]
        numbers, kept = zip(*data, strict=True)
        cleaned = cleaning.clean_rows(kept, found, form, numbers=numbers)  # as the preview does, in one go here
        problems = [problem for _raw, found_wrong in cleaned for problem in found_wrong]
        samples.append(time.perf_counter() - started)
        steps["clean"] = samples[-1] - steps["read"]
    print(f"[bench] last run: read {steps['read']:.2f} s, header + clean {steps['clean']:.2f} s")
    assert len(cleaned) == ROWS and not problems
    report(f"read + header + clean, {ROWS} rows", samples, 6000)
