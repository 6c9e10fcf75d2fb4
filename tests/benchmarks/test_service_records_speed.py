"""Service-record reports (issue 5): quarter summary, ranking and dashboard at branch scale (3,000 volunteers,
20,000 activities, ~200,000 participations) and unit summaries at committee scale.

Generated databases are cached under /tmp keyed by seed and size, since making them takes a while; delete
the folder to rebuild. City scale (100,000 / 500,000 / ~5,000,000) takes too long to make in a benchmark run
(see docs/PERFORMANCE.md); set VD_BENCH_CITY=1 to use it, otherwise the committee benchmark uses a tenth of it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

from tests.benchmarks.conftest import report
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.services import demo
from volunteer_desk.services.dashboard import DashboardService
from volunteer_desk.services.database import open_database
from volunteer_desk.services.reports import ReportService

SEED = 7
QUARTER = Quarter(2026, 3)
TODAY = dt.date(2026, 11, 18)
REPEATS = 7


def _cached(volunteers: int, activities: int, branches: int) -> Path:
    folder = Path("/tmp") / f"volunteer-desk-bench-{volunteers}-{activities}-{branches}-seed{SEED}"
    if not (folder / ".done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        database = open_database(folder)
        started = time.perf_counter()
        summary = demo.fill(database, volunteers=volunteers, activities=activities, seed=SEED, branches=branches)
        database.close()
        print(f"\n[setup] demo.fill({volunteers}, {activities}, {branches} branches): "
              f"{summary.participations} participations in {time.perf_counter() - started:.1f} s")
        (folder / ".done").write_text("ok")
    return folder


def _timed(call, repeats: int = REPEATS) -> list[float]:
    call()  # warm the page cache once, as a secretary's second look would
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def test_branch_scale_reports():
    database = open_database(_cached(3000, 20_000, 1))
    try:
        reports, board = ReportService(database), DashboardService(database)
        misses: list[str] = []
        summary = reports.quarter_summary(QUARTER)
        assert len(summary.rows) == 3000
        report("quarter summary (3,000 volunteers)", _timed(lambda: reports.quarter_summary(QUARTER)), 50, misses)
        report("quarterly ranking", _timed(lambda: reports.ranking(QUARTER)), 50, misses)
        report("dashboard", _timed(lambda: board.dashboard(TODAY)), 100, misses)
        report("quarterly report (季度报表)", _timed(lambda: reports.quarter_report(QUARTER)), 100, misses)
        assert not misses, misses
    finally:
        database.close()


def test_committee_unit_summaries():
    size = (100_000, 500_000, 50) if os.environ.get("VD_BENCH_CITY") else (10_000, 50_000, 20)
    database = open_database(_cached(*size))
    try:
        reports = ReportService(database)
        units = reports.unit_summaries(QUARTER)
        assert len(units) == size[2] + 1  # the branches and their committee
        limit = 500 if size[0] == 100_000 else 50  # a tenth of the data, a tenth of the time
        misses: list[str] = []
        report(f"unit summaries ({size[0]:,} volunteers, {size[2]} branches)",
               _timed(lambda: reports.unit_summaries(QUARTER), 5), limit, misses)
        report(f"one unit's quarter summary ({size[0] // size[2]:,} of {size[0]:,} volunteers)",
               _timed(lambda: reports.quarter_summary(QUARTER), 5), limit, misses)
        assert not misses, misses
    finally:
        database.close()
