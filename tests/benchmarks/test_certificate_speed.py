"""Printing speed (issue 6): 1,000 荣誉证书 in one PDF, the decoration drawn once as a Form XObject."""

from __future__ import annotations

import datetime as dt
import time

from tests.benchmarks.conftest import report
from volunteer_desk.documents.pdf import font
from volunteer_desk.services.printing import honours

WINNERS = 1000


def test_thousand_certificates(database):
    font()  # read the font file once, as the first print of the session does
    names = "、".join(f"{'张王李赵刘陈'[i % 6]}{'伟芳娜敏静磊'[i // 6 % 6]}{i}" for i in range(WINNERS))
    samples = []
    for design in ("red_gold", "gold_frame", "simple_red"):
        started = time.perf_counter()
        rendered = honours.build(database, {"award": "volunteer", "winners": names, "design": design,
                                            "issuer": "中共西湖街道机关第一党支部", "date": dt.date(2026, 12, 20)})
        samples.append(time.perf_counter() - started)
        assert rendered.pages == WINNERS
    print(f"[bench] certificates PDF: {len(rendered.pdf) / 1e6:.1f} MB")
    report(f"{WINNERS} certificates", samples, 5000)
