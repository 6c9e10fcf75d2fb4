"""The printed 晾晒榜 on a real database filled with activities: the ranking as ReportService computes it,
names and the branch's comments but no ID numbers or phones, who is left out, the title, an empty quarter,
progress and cancelling."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest

from tests.documents import pdf_tools
from tests.services.test_reports import Q, World
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.i18n import _
from volunteer_desk.services import demo
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.printing import review_list as review_print
from volunteer_desk.services.reports import ReportService
from volunteer_desk.storage.schema import VolunteerRow

UNIT = demo.BRANCH_NAME
LONG = ("结对帮扶空巢老人王奶奶，每周上门两次，帮助解决就医、购物等实际困难，"
        "群众反映好，建议评为本季度优秀党员志愿者。")
ID_NUMBER, MOBILE = "330106198001011234", "13912345678"


@pytest.fixture
def filled(database):
    """Thirty-one volunteers of whom thirty served in 2026 Q2 (points and minutes in steps, some equal), one
    who served only the quarter before, and comments on a few."""
    demo.fill(database, volunteers=0)  # names the branch, adds nobody
    world = World(database)
    names = [f"{surname}{given}" for surname in "张王李赵刘陈" for given in ("一", "二", "三", "四", "五")]
    ids = [world.volunteer(name, f"p{n:02d}") for n, name in enumerate(names)]
    ids.append(world.add(VolunteerRow(id=str(uuid.uuid4()), name="孙敏", name_pinyin="sun min",
                                      org_id=world.home, id_number=ID_NUMBER, mobile=MOBILE)))
    days = [dt.date(2026, 4, 6) + dt.timedelta(weeks=w) for w in range(12)]
    activities = [world.activity(day) for day in days]
    for n, volunteer in enumerate(ids):
        for k in range(1 + n % 4):
            world.serve(volunteer, activities[(n + k) % 12], 60 + 30 * (n % 5), 1.0 + n % 5 * 0.5, days[0])
    world.serve(world.volunteer("钱七", "qian qi"), world.activity(dt.date(2026, 3, 2)), 120, 2.0,
                dt.date(2026, 3, 2))  # last quarter only
    reports = ReportService(database)
    reports.set_comment(ids[4], Q, LONG)
    reports.set_comment(ids[-1], Q, "按时参加活动。")
    return database


def _print(tmp_path, database, **options):
    rendered = review_print.build(database, {"quarter": Q, **options}, today=dt.date(2026, 6, 20))
    return rendered, pdf_tools.write(tmp_path, rendered.pdf)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_list_is_the_ranking_as_computed_with_comments_whole_and_no_numbers(tmp_path, filled):
    rendered, path = _print(tmp_path, filled)
    pages = [_flat(page) for page in pdf_tools.page_texts(path)]
    text = "".join(pages)
    ranking = [row for row in ReportService(filled).ranking(Q) if row.activities]
    assert len(ranking) == 31
    assert rendered.pages == len(pages) >= 2
    assert pages[0].startswith(f"{UNIT}2026") and _flat(_("review list")) in pages[0]
    printed = re.findall("|".join(row.name for row in ranking), text)
    assert printed == [row.name for row in ranking]
    # A row's first line in `pdftotext -layout`: 名次, 姓名, 服务次数.
    ranks = re.findall(r"^\s*(\d+)\s+(\S\S)\s+\d+\s", pdf_tools.text(path, layout=True), re.MULTILINE)
    assert [(int(rank), name) for rank, name in ranks] == [(row.rank, row.name) for row in ranking]
    assert len({row.rank for row in ranking}) < len(ranking)  # equal points and minutes share a rank
    assert LONG in text and "按时参加活动。" in text
    assert ID_NUMBER not in text and MOBILE not in text and "1234" not in text
    assert "钱七" not in text  # served only the quarter before
    for page in pages:
        assert _flat(_("Rank")) in page and _flat(_("Review comment")) in page


def test_everyone_when_asked_and_an_empty_quarter_says_so(tmp_path, filled):
    _rendered, path = _print(tmp_path, filled, only_active=False)
    assert "钱七" in _flat(pdf_tools.text(path))
    empty = review_print.build(filled, {"quarter": Quarter(2026, 3)}, today=dt.date(2026, 9, 1))
    text = _flat(pdf_tools.text(pdf_tools.write(tmp_path, empty.pdf, "empty.pdf")))
    assert empty.pages == 1 and _flat(_("No service was recorded this quarter.")) in text
    assert _flat(_("Rank")) not in text


def test_no_quarter_means_the_current_one_and_progress_can_cancel(filled):
    current = review_print.build(filled, {}, today=dt.date(2026, 5, 1))
    assert current.pages >= 2  # 2026 Q2, the filled quarter
    told = []
    review_print.build(filled, {"quarter": Q}, lambda done, total: told.append((done, total)) or True)
    assert told and told[0] == (0, 1) and told[-1][1] == 31
    with pytest.raises(Cancelled):
        review_print.build(filled, {"quarter": Q}, lambda done, total: done == 0)
    with pytest.raises(InvalidEntry) as wrong:
        review_print.build(filled, {"quarter": "2026年夏"})
    assert "quarter" in wrong.value.errors
