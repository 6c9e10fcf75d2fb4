"""The hours ledger: corrections with reasons and operator, totals, star levels."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.services.rules import RulesService
from volunteer_desk.storage import ledgers as ledger_store
from volunteer_desk.storage.schema import AuditEntry, Participation
from tests.services.test_activities import (
    OPERATOR,
    activity_service,
    draft,
    make_volunteer,
)


def participate(database, volunteer: str, **changes) -> str:
    service = activity_service(database)
    activity_id = service.create(draft(**changes))
    [line] = service.add_participants(activity_id, [volunteer]).added
    return line.participation_id


def test_a_correction_is_a_new_entry_with_reason_and_operator(ledger, database):
    volunteer = make_volunteer(database)
    participation_id = participate(database, volunteer)
    result = ledger.set_minutes(participation_id, 90, " 提前离场 ")
    assert (result.minutes, result.delta, result.warnings) == (90, -30, ())
    ledger.set_minutes(participation_id, 180, "签到表补录")
    history = ledger.history(participation_id)
    assert [(h.delta, h.reason, h.operator) for h in history] == [
        (120, "参加活动", OPERATOR), (-30, "提前离场", OPERATOR), (90, "签到表补录", OPERATOR)]
    assert all(isinstance(h.at, dt.datetime) for h in history)
    with database.sessions() as session:
        participation = session.get(Participation, participation_id)
        assert participation.minutes == 180 == ledger_store.ledger_minutes(session, participation_id)
        summaries = session.scalars(select(AuditEntry.summary).where(AuditEntry.entity == "participation",
                                                                     AuditEntry.action == "update")).all()
    assert "minutes -30: 提前离场" in summaries


def test_a_correction_needs_a_reason_and_a_possible_time(ledger, database):
    participation_id = participate(database, make_volunteer(database))
    for minutes, reason, field in ((60, "  ", "reason"), (60, "很" * 201, "reason"), (-30, "记错", "minutes"),
                                   (1.5, "记错", "minutes")):
        with pytest.raises(InvalidEntry) as caught:
            ledger.set_minutes(participation_id, minutes, reason)
        assert list(caught.value.errors) == [field]
    assert [h.delta for h in ledger.history(participation_id)] == [120]


def test_a_correction_is_rounded_down_and_capped_and_an_unchanged_one_writes_nothing(ledger, database):
    volunteer = make_volunteer(database)
    participate(database, volunteer, starts_at=dt.time(8), ends_at=dt.time(14))
    evening = participate(database, volunteer, starts_at=dt.time(15), ends_at=dt.time(16))
    result = ledger.set_minutes(evening, 200, "实际服务到 18:20")
    assert result.minutes == 120 and len(result.warnings) == 2  # 200 → 180 (half hours) → 120 (8 h a day)
    assert ledger.set_minutes(evening, 120, "再核对").delta == 0
    assert [h.delta for h in ledger.history(evening)] == [60, 60]
    assert ledger.total_minutes(volunteer) == 480


def test_totals_all_time_and_for_a_date_range_leave_out_deleted_activities(ledger, database):
    volunteer, other = make_volunteer(database, "张三"), make_volunteer(database, "李四")
    participate(database, volunteer, held_on=dt.date(2026, 1, 5))
    participate(database, volunteer, held_on=dt.date(2026, 2, 5), ends_at=dt.time(10))
    gone = activity_service(database).create(draft(held_on=dt.date(2026, 2, 6)))
    activity_service(database).add_participants(gone, [volunteer])
    activity_service(database).delete(gone)
    assert ledger.total_minutes(volunteer) == 180
    assert ledger.total_minutes(volunteer, start=dt.date(2026, 2, 1)) == 60
    assert ledger.total_minutes(volunteer, end=dt.date(2026, 1, 31)) == 120
    assert ledger.totals([volunteer, other]) == {volunteer: 180, other: 0}


def test_star_levels_at_the_thresholds_for_one_and_many(ledger, database):
    RulesService(database).save_star_thresholds([2, 3, 4, 5, 6])  # hours, so a few activities reach them
    just_below, at_one, at_two, nothing = (make_volunteer(database, n) for n in ("张三", "李四", "王五", "赵六"))
    participate(database, just_below, starts_at=dt.time(9), ends_at=dt.time(10, 30))
    participate(database, at_one, starts_at=dt.time(9), ends_at=dt.time(11))
    participate(database, at_two, starts_at=dt.time(9), ends_at=dt.time(12))
    statuses = ledger.stars([just_below, at_one, at_two, nothing])
    assert {v: (s.level, s.minutes_to_next) for v, s in statuses.items()} == {
        just_below: (0, 30), at_one: (1, 60), at_two: (2, 60), nothing: (0, 120)}
    assert statuses[at_two].label.startswith("★★ ") and statuses[nothing].label == ""
    assert ledger.star(at_one).level == 1


def test_default_star_scale_starts_at_100_hours(ledger, database):
    volunteer = make_volunteer(database)
    assert ledger.star(volunteer).minutes_to_next == 100 * 60


def test_the_roster_shows_each_star_level_by_the_branch_scale(ledger, database):
    RulesService(database).save_star_thresholds([2, 3, 4, 5, 6])
    starred, plain = make_volunteer(database, "张三"), make_volunteer(database, "李四")
    participate(database, starred, starts_at=dt.time(9), ends_at=dt.time(12))
    roster = RosterService(database)
    assert roster.columns[-1].label == "星级"
    rows = dict(roster.rows(roster.keys(RosterQuery())).values())
    assert rows[starred][-1] == "★★ 二星志愿者" and rows[plain][-1] == ""
