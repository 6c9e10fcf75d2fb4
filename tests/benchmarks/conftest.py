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
    demo.fill(database, volunteers=SCALE, seed=7)
    print(f"\n[setup] demo.fill({SCALE}) in {time.perf_counter() - started:.1f} s")
    database.close()
    return folder


def report(name: str, samples: list[float], limit_ms: float) -> None:
    """Print median and worst in ms; the assertion is on the median against the issue's target."""
    ms = [s * 1000 for s in samples]
    median, worst = statistics.median(ms), max(ms)
    print(f"[bench] {name}: median {median:.1f} ms, worst {worst:.1f} ms, n={len(ms)} (target < {limit_ms} ms)")
    assert median < limit_ms, f"{name}: median {median:.1f} ms is over {limit_ms} ms"
