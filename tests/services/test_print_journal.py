"""A volunteer's weekly journals printed from a real database: the weeks in the chosen range that have a
journal, each with its activities, and a Chinese explanation when there is none."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.documents import pdf_tools
from tests.services.test_activities import activity_service, draft, make_volunteer, named_operator
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.journals import JournalService
from volunteer_desk.services.printing import journal
from volunteer_desk.services.progress import Cancelled

TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def volunteer(database):
    named_operator(database)
    volunteer = make_volunteer(database, "王芳")
    service = activity_service(database)
    service.add_participants(service.create(draft(held_on=dt.date(2026, 3, 10), content="为空巢老人理发")), [volunteer])
    service.add_participants(service.create(draft(held_on=dt.date(2026, 2, 3), content="二月的活动")), [volunteer])
    journals = JournalService(database)
    journals.save(volunteer, dt.date(2026, 3, 11), "3月10日 为老人理发", "老人们很高兴，我也学到了耐心。")
    journals.save(volunteer, dt.date(2026, 2, 4), "2月3日 活动", "二月的心得。")
    journals.save(volunteer, dt.date(2025, 12, 3), "去年的周记", "去年的心得。")
    return volunteer


def _print(tmp_path, database, **options):
    rendered = journal.build(database, options, today=TODAY)
    return rendered, pdf_tools.write(tmp_path, rendered.pdf)


def test_the_quarters_weeks_by_default_each_on_its_own_page_with_its_activities(tmp_path, database, volunteer):
    rendered, path = _print(tmp_path, database, volunteer=volunteer)
    pages = [page.replace(" ", "") for page in pdf_tools.page_texts(path)]
    assert rendered.pages == len(pages) == 2  # February's and March's weeks; December's is another quarter
    assert "2026年第6周2月2日—2月8日" in pages[0] and "二月的活动" in pages[0] and "二月的心得。" in pages[0]
    assert "2026年第11周3月9日—3月15日" in pages[1] and "3月10日" in pages[1] and "为空巢老人理发" in pages[1]
    assert "2小时" in pages[1] and "老人们很高兴，我也学到了耐心。" in pages[1]
    assert all("王芳" in page and "西湖街道机关第一党支部" in page for page in pages)


def test_a_range_across_the_new_year(tmp_path, database, volunteer):
    rendered, path = _print(tmp_path, database, volunteer=volunteer, **{"from": dt.date(2025, 12, 1),
                                                                         "to": dt.date(2026, 1, 31)})
    text = pdf_tools.text(path).replace(" ", "")
    assert rendered.pages == 1 and "2025年第49周12月1日—12月7日" in text and "去年的心得。" in text


def test_no_journal_in_the_range_says_so_and_what_to_do(database, volunteer):
    with pytest.raises(InvalidEntry) as caught:
        journal.build(database, {"volunteer": volunteer, "from": dt.date(2026, 1, 1), "to": dt.date(2026, 1, 25)},
                      today=TODAY)
    message = caught.value.errors["volunteer"]
    assert "王芳" in message and "2026年1月1日" in message and "2026年1月25日" in message
    with pytest.raises(InvalidEntry) as caught:
        journal.build(database, {"volunteer": volunteer, "from": TODAY, "to": dt.date(2026, 1, 1)}, today=TODAY)
    assert list(caught.value.errors) == ["to"]
    with pytest.raises(InvalidEntry) as caught:
        journal.build(database, {"volunteer": "nobody"}, today=TODAY)
    assert list(caught.value.errors) == ["volunteer"]
    with pytest.raises(Cancelled):
        journal.build(database, {"volunteer": volunteer}, lambda done, total: False, today=TODAY)
