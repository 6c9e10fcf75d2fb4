"""The export bundle (issue 9): a branch's bundle (3,000 volunteers, 20,000 activities, ~196,000 participations
and ~200,000 points entries, no photos) exported, inspected and applied into an empty committee, the same data
imported again from a newer export, and a committee importing many branches' bundles one after another.

Targets: export < 1.5 s, import (inspect + apply) < 2 s, a committee's 100 such bundles < 60 s. A hundred full
bundles make a 40-million-row committee and take hours to prepare, so the committee benchmark imports ten full
bundles (its target a tenth: 6 s) and a hundred bundles a tenth the size (the same rows in all); the figures
and the extrapolation are in docs/PERFORMANCE.md.

Installations and bundles are cached under /tmp keyed by size (making and exporting a branch takes about 40 s);
delete the folder to rebuild.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from tests.benchmarks.conftest import report
from tests.bundle_world import hand_key, installation
from volunteer_desk import paths
from volunteer_desk.services.bundles import BundleService, Status
from volunteer_desk.services.database import Database, open_database

CACHE = Path("/tmp/volunteer-desk-bench-bundles")
BRANCH = (3000, 20_000)
REPEATS = 3


def _prepared(template: Path, name: str, branches: int, size: tuple[int, int], keep_branches: bool) -> Path:
    """A folder with `committee/` (set up, its receiving key handed to each branch, nothing imported),
    `bundles/` (one export of each branch) and, when kept, each branch's installation in `branch-N/`."""
    folder = CACHE / f"{name}-{branches}x{size[0]}-{size[1]}"
    if (folder / ".done").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    committee = installation(template, folder / "committee", name="西太湖科技产业园党工委", code="C-01",
                             committee=True)
    (folder / "bundles").mkdir()
    for number in range(1, branches + 1):
        branch = installation(template, folder / f"branch-{number}", name=f"第{number}党支部",
                              code=f"B-{number:03}", volunteers=size[0], activities=size[1], seed=number)
        hand_key(committee, branch, folder)
        branch.bundles.export(folder / "bundles")
        branch.close()
        if not keep_branches:
            shutil.rmtree(folder / f"branch-{number}")
    committee.close()
    (folder / ".done").write_text("ok")
    print(f"\n[setup] {branches} branches of {size[0]:,} volunteers: {time.perf_counter() - started:.0f} s")
    return folder


def _committee(prepared: Path, tmp_path: Path, name: str) -> Database:
    """A fresh copy of the prepared committee, nothing imported."""
    shutil.copytree(prepared / "committee", tmp_path / name)
    return open_database(tmp_path / name)


def _import(committee: BundleService, path: Path) -> float:
    started = time.perf_counter()
    plan = committee.inspect(path)
    committee.apply(plan, confirm_sender=plan.needs_confirmation)
    return time.perf_counter() - started


def _best(name: str, samples: list[float], limit_ms: float, misses: list[str]) -> None:
    print(f"\n[bench] {name}: best {min(samples) * 1000:.0f} ms")
    report(name, samples, limit_ms, misses)


def _timed(call) -> tuple[object, float]:
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def test_branch_bundle(migrated_database_file, tmp_path):
    prepared = _prepared(migrated_database_file, "branch", 1, BRANCH, keep_branches=True)
    branch_database = open_database(prepared / "branch-1")
    databases = [branch_database]
    misses: list[str] = []
    try:
        branch = BundleService(branch_database)
        stick = tmp_path / "stick"
        stick.mkdir()
        exports = [_timed(lambda: branch.export(stick)) for _ in range(REPEATS)]
        first = exports[0][0]
        assert first.counts["participation"] > 190_000 and first.counts["points_entry"] > 190_000
        print(f"\n[bench] bundle file {first.path.stat().st_size / 2**20:.1f} MB, "
              f"{sum(first.counts.values()):,} records")
        _best("export, 3,000 volunteers / 20,000 activities", [seconds for _result, seconds in exports], 1500, misses)

        inspections, applications = [], []
        for number in range(REPEATS):  # each into an empty committee of its own
            databases.append(_committee(prepared, tmp_path, f"committee-{number}"))
            committee = BundleService(databases[-1])
            plan, seconds = _timed(lambda: committee.inspect(first.path))
            inspections.append(seconds)
            assert plan.status == Status.NEW_SENDER
            assert plan.changes["participation"].new == first.counts["participation"]
            applications.append(_timed(lambda: committee.apply(plan, confirm_sender=True))[1])
        _best("inspect into an empty committee", inspections, 2000, misses)
        _best("apply into an empty committee", applications, 2000, misses)
        _best("import (inspect + apply) into an empty committee",
               [a + b for a, b in zip(inspections, applications)], 2000, misses)

        again = []  # newer exports of the same records into the last committee: nothing to change
        for result, _seconds in exports[1:]:
            plan, inspected = _timed(lambda: committee.inspect(result.path))
            assert plan.status == Status.READY and plan.total == 0, plan.changes
            outcome, applied = _timed(lambda: committee.apply(plan))
            assert outcome.applied and outcome.changes == {}
            again.append(inspected + applied)
        _best("import of a newer export, nothing changed", again, 2000, misses)
    finally:
        for database in databases:
            database.close()
    assert not misses, misses


def _many(prepared: Path, tmp_path: Path, label: str, limit_s: float) -> list[str]:
    database = _committee(prepared, tmp_path, "committee")
    committee = BundleService(database)
    try:
        times = [_import(committee, path) for path in sorted((prepared / "bundles").glob("*.vdb"))]
    finally:
        database.close()
    size = paths.database_file(tmp_path / "committee").stat().st_size
    total = sum(times)
    print(f"\n[bench] {label}: {total:.1f} s in all; per bundle first {times[0]:.2f} s, last {times[-1]:.2f} s, "
          f"slowest {max(times):.2f} s; committee database {size / 2**20:,.0f} MB "
          f"(target < {limit_s:.0f} s)")
    print("[bench] per bundle: " + " ".join(f"{seconds:.1f}" for seconds in times))
    return [f"{label}: {total:.1f} s is over {limit_s:.0f} s"] if total >= limit_s else []


def test_committee_imports_ten_branch_bundles(migrated_database_file, tmp_path):
    prepared = _prepared(migrated_database_file, "committee", 10, BRANCH, keep_branches=False)
    misses = _many(prepared, tmp_path, "committee imports 10 branch bundles", 6)
    assert not misses, misses


def test_committee_imports_a_hundred_small_bundles(migrated_database_file, tmp_path):
    prepared = _prepared(migrated_database_file, "committee", 100, (300, 2000), keep_branches=False)
    misses = _many(prepared, tmp_path, "committee imports 100 bundles a tenth the size", 6)
    assert not misses, misses
