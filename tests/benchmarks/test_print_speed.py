"""Printing speed (issue 6): the 3,000-row roster (Sheet B) PDF, from the database to the PDF's bytes."""

from __future__ import annotations

import time

import pytest

from tests.benchmarks.conftest import report
from volunteer_desk.services import demo
from volunteer_desk.services.database import open_database
from volunteer_desk.services.printing import roster

ROWS = 3000


@pytest.fixture(scope="module")
def branch_database(tmp_path_factory):
    database = open_database(tmp_path_factory.mktemp("print-bench"))
    demo.fill(database, volunteers=ROWS, seed=7, activities=0)
    yield database
    database.close()


def test_roster_pdf_3000_rows(branch_database):
    samples = []
    for _ in range(5):  # the first run includes reading the font file (~0.2 s), as a person's first print does
        started = time.perf_counter()
        rendered = roster.build(branch_database, {"order": "pinyin"})
        samples.append(time.perf_counter() - started)
    print(f"[bench] roster PDF: {rendered.pages} pages, {len(rendered.pdf) / 1e6:.1f} MB; "
          f"first run {samples[0] * 1000:.0f} ms")
    assert rendered.pages > 100
    report(f"roster PDF, {ROWS} rows", samples, 2500)
