"""党员志愿者服务活动周记: pre-filled from the week's activities, saved per volunteer per week, and who is missing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from volunteer_desk.services.journals import JournalService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage.schema import AuditEntry
from tests.services.test_activities import OPERATOR, activity_service, draft, make_volunteer, named_operator

WEDNESDAY = dt.date(2026, 3, 11)  # the week of Monday 2026-03-09


@pytest.fixture
def journals(database) -> JournalService:
    named_operator(database)
    return JournalService(database)


def test_a_new_journal_is_pre_filled_with_the_weeks_activities(journals, database):
    volunteer = make_volunteer(database)
    service = activity_service(database)
    for day, place, content in ((dt.date(2026, 3, 9), "红梅社区", "为老人理发"),
                                (dt.date(2026, 3, 15), "西林街道", "垃圾分类宣传"),
                                (dt.date(2026, 3, 16), "下一周", "不在本周")):
        service.add_participants(service.create(draft(held_on=day, place=place, content=content)), [volunteer])
    removed = service.create(draft(held_on=dt.date(2026, 3, 10), content="已删除的活动"))
    service.add_participants(removed, [volunteer])
    service.delete(removed)
    journal = journals.load(volunteer, WEDNESDAY)
    assert journal.week_start == dt.date(2026, 3, 9) and not journal.saved and journal.reflection == ""
    lines = journal.content.splitlines()
    assert len(lines) == 2
    assert "2026-03-09" in lines[0] and "红梅社区" in lines[0] and "为老人理发" in lines[0] and "2" in lines[0]
    assert "2026-03-15" in lines[1] and "垃圾分类宣传" in lines[1]


def test_a_saved_journal_is_loaded_for_any_day_of_its_week(journals, database):
    volunteer = make_volunteer(database)
    journal_id = journals.save(volunteer, WEDNESDAY, "3月9日 理发", "老人们很高兴，我也学到了耐心。")
    again = journals.save(volunteer, dt.date(2026, 3, 15), "3月9日 理发 2 小时", "老人们很高兴。")
    assert again == journal_id
    journal = journals.load(volunteer, dt.date(2026, 3, 9))
    assert (journal.saved, journal.content, journal.reflection) == (True, "3月9日 理发 2 小时", "老人们很高兴。")
    with database.sessions() as session:
        actions = session.execute(select(AuditEntry.action, AuditEntry.operator)
                                  .where(AuditEntry.entity == "weekly_journal").order_by(AuditEntry.created_at)).all()
    assert actions == [("create", OPERATOR), ("update", OPERATOR)]


def test_an_empty_journal_is_refused(journals, database):
    volunteer = make_volunteer(database)
    with pytest.raises(InvalidEntry) as caught:
        journals.save(volunteer, WEDNESDAY, " ", "\n")
    assert list(caught.value.errors) == ["reflection"]
    assert not journals.load(volunteer, WEDNESDAY).saved


def test_missing_lists_live_volunteers_without_a_journal_that_week(journals, database):
    wrote, forgot, deleted, last_week_only = (make_volunteer(database, n) for n in ("张三", "李四", "王五", "赵六"))
    VolunteerService(database).delete(deleted)
    journals.save(wrote, WEDNESDAY, "", "本周参加了理发服务。")
    journals.save(last_week_only, WEDNESDAY - dt.timedelta(days=7), "", "上周的周记。")
    assert journals.missing(WEDNESDAY) == [(forgot, "李四"), (last_week_only, "赵六")]
    assert [v for v, _name in journals.missing(WEDNESDAY - dt.timedelta(days=7))] == [forgot, wrote]
