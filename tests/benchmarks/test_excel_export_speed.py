"""Excel export speed (issue 7): the roster of 100,000 volunteers (Sheet B, surname-stroke order, mobiles
masked) from the database to the saved .xlsx file, as 打印中心 → 导出Excel does it, read back to check it is
whole. Gathering the rows (shared with the PDF) is timed on its own too."""

from __future__ import annotations

import io
import time

from python_calamine import CalamineWorkbook

from tests.benchmarks.conftest import SCALE, report
from volunteer_desk import gc_pause
from volunteer_desk.services.database import open_database
from volunteer_desk.services.printing import PrintService, roster


def test_roster_excel_100000_rows(big_data_dir, tmp_path):
    database = open_database(big_data_dir)
    try:
        started = time.perf_counter()
        PrintService(database).save_excel("roster", {}, tmp_path / "名册.xlsx")
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        with gc_pause.paused():  # as inside save_excel
            roster.gather(database, {})
        gathering = time.perf_counter() - started
    finally:
        database.close()
    data = (tmp_path / "名册.xlsx").read_bytes()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    print(f"[bench] roster Excel: {len(data) / 1e6:.1f} MB; gathering the rows {gathering:.1f} s, "
          f"writing the workbook about {elapsed - gathering:.1f} s")
    assert len(rows) == 3 + SCALE and rows[2][0] == "序号" and rows[-1][0] == SCALE
    report(f"roster Excel, {SCALE} rows", [elapsed], 15_000)
