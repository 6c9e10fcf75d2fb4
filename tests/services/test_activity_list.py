"""The activity list: newest first, with participants and hours, filtered by period and words."""

from __future__ import annotations

import datetime as dt

from volunteer_desk.domain.categories import seeded_id
from volunteer_desk.services.activities import ActivityDraft, ActivityService
from volunteer_desk.services.activity_list import ActivityListService
from tests.services.test_activities import make_volunteer

TODAY = dt.date(2026, 11, 20)


def _activity(service, day, place, content, category="环境保护"):
    return service.create(ActivityDraft(held_on=day, starts_at=dt.time(9), ends_at=dt.time(11, 30), place=place,
                                        content=content, category_id=seeded_id(category)))


def test_list_is_newest_first_with_people_and_hours(database):
    service = ActivityService(database, today=lambda: TODAY)
    first = _activity(service, dt.date(2026, 11, 2), "星河社区", "清理楼道")
    second = _activity(service, dt.date(2026, 11, 9), "敬老院", "陪老人聊天", "关爱空巢老人")
    people = [make_volunteer(database, name, f"1381234567{i}") for i, name in enumerate(["张三", "李四", "王五"])]
    service.add_participants(second, people)
    listed = ActivityListService(database).summaries()
    assert [a.id for a in listed] == [second, first]
    assert (listed[0].participants, listed[0].minutes, listed[0].hours_text) == (3, 450, "7.5")
    assert listed[0].category == "关爱空巢老人" and listed[0].time_text == "09:00–11:30"
    assert listed[1].participants == 0 and listed[1].minutes == 0


def test_list_filters_by_period_and_words_and_skips_deleted(database):
    service = ActivityService(database, today=lambda: TODAY)
    kept = _activity(service, dt.date(2026, 10, 5), "星河社区", "清理楼道")
    _activity(service, dt.date(2026, 7, 1), "党群服务中心", "党课宣讲", "党建引领")
    gone = _activity(service, dt.date(2026, 10, 6), "星河社区", "义诊")
    service.delete(gone)
    lister = ActivityListService(database)
    assert [a.id for a in lister.summaries(start=dt.date(2026, 10, 1), end=dt.date(2026, 12, 31))] == [kept]
    assert [a.id for a in lister.summaries(search="星河 楼道")] == [kept]
    assert [a.content for a in lister.summaries(search="党建")] == ["党课宣讲"]
