"""Import speed (issue 7), end to end: a 100,000-row roster previewed (read, header, cleaning, every row checked
as the registration sheet checks it, duplicates looked up) and committed as one batch; and a 3,000-row branch
file the same way."""

from __future__ import annotations

import datetime as dt
import time

import openpyxl
import pytest

from tests.benchmarks.conftest import report
from tests.sheet_data import id_number
from volunteer_desk.services.database import open_database
from volunteer_desk.services.volunteer_import import Duplicates, VolunteerImportService

HEADER = ["序号", "姓名", "性别", "出生年月", "入党时间", "文化程度", "身份证号码", "手机号码", "工作单位及职务",
          "单位电话", "志愿服务项目"]


def _roster(path, rows: int):
    """Every row a different, valid person: ID numbers from distinct birthdays and sequence numbers."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("名册")
    sheet.append(["某某支部党员志愿者名册"])
    sheet.append(["填报日期：2026年3月"])
    sheet.append(HEADER)
    first = dt.date(1955, 1, 1)
    for i in range(rows):
        born = first + dt.timedelta(days=i // 500)
        sheet.append([i + 1, f"张{i % 97}明", None, f"{born.year}.{born.month:02d}", "2008-07-01", "大学本科",
                      id_number(born.strftime("%Y%m%d"), sequence=f"{i % 500:03d}"),
                      f"138{i:08d}"[:11], "西林街道办事处 科员", "0519-86660000", "尊老服务、助残服务"])
    book.save(path)
    return path


@pytest.mark.parametrize(("rows", "limit_ms"), [(3_000, 2_000), (100_000, 10_000)])
def test_preview_and_commit(tmp_path, rows, limit_ms):
    path = _roster(tmp_path / "roster.xlsx", rows)
    database = open_database(tmp_path / "data")
    try:
        service = VolunteerImportService(database)
        started = time.perf_counter()
        preview = service.preview(path)
        previewed = time.perf_counter()
        result = service.commit(preview, Duplicates.SKIP)
        done = time.perf_counter()
    finally:
        database.close()
    print(f"[bench] {rows} rows: preview {previewed - started:.2f} s, commit {done - previewed:.2f} s")
    assert result.created == rows and preview.blocked == 0
    report(f"import {rows} rows (preview + commit)", [done - started], limit_ms)
