"""The sign-in sheet gathered from a real database: the activity's particulars, its participants in pinyin
order with their branch and masked phone, blank rows after them, full phones only when chosen (and audited)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.documents import pdf_tools
from tests.services.test_activities import activity_service, make_activity, make_volunteer, named_operator
from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.printing import sign_in
from volunteer_desk.services.teams import TeamInput, TeamService
from volunteer_desk.storage.schema import AuditEntry

SERIAL = re.compile(r"^\s*(\d+)\b", re.MULTILINE)


@pytest.fixture
def activity(database):
    named_operator(database)
    team = TeamService(database).create(TeamInput(name="红梅助老服务队", kind=TeamKind.TEAM,
                                                  category_id=CategoryService(database).list(include_inactive=False)[0].id))
    activity_id = make_activity(database, team_id=team)
    people = [make_volunteer(database, name, mobile) for name, mobile in
              (("王芳", "13900001111"), ("陈静", "13812345678"), ("李明", "13700002222"))]
    activity_service(database).add_participants(activity_id, people)
    return activity_id


def _print(tmp_path, database, **options):
    rendered = sign_in.build(database, options)
    return rendered, pdf_tools.write(tmp_path, rendered.pdf)


def _serials(path) -> list[int]:
    return [int(n) for n in SERIAL.findall(pdf_tools.text(path, layout=True))]


def test_participants_in_pinyin_order_then_blank_rows_with_masked_phones(tmp_path, database, activity):
    rendered, path = _print(tmp_path, database, activity=activity, blank_rows=5)
    text = pdf_tools.text(path).replace(" ", "")
    assert "为空巢老人理发签到表" in text and "2026年3月10日（星期二）" in text and "09:00—11:00" in text
    assert "红梅社区服务站" in text and "红梅助老服务队" in text
    layout = pdf_tools.text(path, layout=True)
    names = [name for name in ("陈静", "李明", "王芳") if name in layout]
    assert sorted(names, key=layout.index) == ["陈静", "李明", "王芳"]
    assert "西湖街道机关第一党支部" in layout and "138****5678" in text and "13812345678" not in text
    assert _serials(path) == list(range(1, 9))  # 3 people and 5 blank rows, numbered on
    assert "负责人签字" in text and "记录人" in text and "第1页共1页" in text
    assert rendered.pages == 1
    with database.sessions() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "print_full")) is None


def test_full_phones_only_when_chosen_and_then_audited(tmp_path, database, activity):
    _rendered, path = _print(tmp_path, database, activity=activity, full_numbers=True)
    text = pdf_tools.text(path)
    assert "13812345678" in text and "****" not in text
    with database.sessions() as session:
        summaries = session.scalars(select(AuditEntry.summary).where(AuditEntry.action == "print_full")).all()
    assert len(summaries) == 1 and "签到表" in summaries[0] and "138" not in summaries[0]


def test_many_participants_take_several_pages_with_the_header_on_each(tmp_path, database, activity):
    more = [make_volunteer(database, f"志愿者{chr(0x4E00 + n)}", f"1350000{n:04d}") for n in range(40)]
    activity_service(database).add_participants(activity, more)
    rendered, path = _print(tmp_path, database, activity=activity, blank_rows=10)
    pages = pdf_tools.page_texts(path)
    assert rendered.pages == pdf_tools.pages(path) == len(pages) == 3
    for number, page in enumerate(pages, start=1):
        assert "本人签名" in page and "签到时间" in page and f"第{number}页共3页" in page.replace(" ", "")
    assert _serials(path) == list(range(1, 54))
    assert pdf_tools.page_size_mm(path) == (210, 297)
    assert all(embedded and "Helvetica" not in name for name, embedded, _sub in pdf_tools.fonts(path))


def test_wrong_options_are_explained_and_a_long_sheet_can_be_cancelled(database, activity):
    with pytest.raises(InvalidEntry) as caught:
        sign_in.build(database, {"activity": activity, "blank_rows": 201})
    assert "200" in caught.value.errors["blank_rows"]
    with pytest.raises(InvalidEntry) as caught:
        sign_in.build(database, {"activity": "no-such-activity"})
    assert list(caught.value.errors) == ["activity"]
    assert sign_in.KINDS[0].options[1].default == 10
    with pytest.raises(Cancelled):
        sign_in.build(database, {"activity": activity, "blank_rows": 60}, lambda done, total: False)
