"""Benchmarks run only with `make bench` (marker `benchmark`); figures go to docs/PERFORMANCE.md."""

from __future__ import annotations

import statistics
import time

import pytest

from volunteer_desk.services import demo
from volunteer_desk.services.database import open_database

SCALE = 100_000


def pytest_collection_modifyitems(items):
    for item in items:
        if "benchmarks" in str(item.fspath):
            item.add_marker(pytest.mark.benchmark)


@pytest.fixture(scope="session")
def big_data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench-data")
    database = open_database(folder)
    started = time.perf_counter()
    demo.fill(database, volunteers=SCALE, seed=7, activities=0)  # the roster needs people, not their history
    print(f"\n[setup] demo.fill({SCALE}) in {time.perf_counter() - started:.1f} s")
    database.close()
    return folder


def report(name: str, samples: list[float], limit_ms: float, misses: list[str] | None = None) -> None:
    """Print median and worst in ms. A median over the issue's target fails the test: at once, or, when a
    `misses` list is given, at the end, so one slow step does not hide the figures of the others."""
    ms = [s * 1000 for s in samples]
    median, worst = statistics.median(ms), max(ms)
    print(f"[bench] {name}: median {median:.1f} ms, worst {worst:.1f} ms, n={len(ms)} (target < {limit_ms} ms)")
    if median >= limit_ms:
        message = f"{name}: median {median:.1f} ms is over {limit_ms} ms"
        if misses is None:
            raise AssertionError(message)
        misses.append(message)
