"""service_tally, kept by triggers, always equals the sums it stands for, whatever the services write."""

from __future__ import annotations

import datetime as dt

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from tests.services.test_activities import activity_service, draft, make_volunteer
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.services import demo
from volunteer_desk.services.reports import ReportService
from volunteer_desk.storage import migrate

PERIOD = "(CAST(strftime('%Y', {d}) AS INTEGER) * 10 + (CAST(strftime('%m', {d}) AS INTEGER) + 2) / 3)"


def tally(database) -> dict[tuple[str, int], tuple[int, int, float]]:
    """The tally's non-empty rows."""
    with database.sessions() as session:
        return {(v, p): (m, a, round(pts, 6)) for v, p, m, a, pts in session.execute(text(
            "SELECT volunteer_id, period, minutes, activities, points FROM service_tally"))
            if (m, a, round(pts, 6)) != (0, 0, 0)}


def recomputed(database) -> dict[tuple[str, int], tuple[int, int, float]]:
    """The same figures summed from the ledgers themselves."""
    result: dict[tuple[str, int], list] = {}
    with database.sessions() as session:
        for v, p, m, a in session.execute(text(f"""
                SELECT p.volunteer_id, {PERIOD.format(d='a.held_on')}, sum(p.minutes), count(*)
                FROM participation p JOIN activity a ON a.id = p.activity_id
                WHERE p.deleted = 0 AND a.deleted = 0 GROUP BY 1, 2""")):
            result[(v, p)] = [m, a, 0.0]
        for v, p, pts in session.execute(text(f"""
                SELECT volunteer_id, {PERIOD.format(d='earned_on')}, sum(points) FROM points_entry
                WHERE deleted = 0 GROUP BY 1, 2""")):
            result.setdefault((v, p), [0, 0, 0.0])[2] = pts
    return {k: (m, a, round(pts, 6)) for k, (m, a, pts) in result.items() if (m, a, round(pts, 6)) != (0, 0, 0)}


def test_the_tally_follows_every_change_of_hours_points_dates_and_deletions(database, ledger):
    activities = activity_service(database)
    zhang, li = make_volunteer(database, "张三", "13812345670"), make_volunteer(database, "李四", "13812345671")
    first = activities.create(draft(held_on=dt.date(2026, 3, 5)))  # 学雷锋日: a themed-day bonus
    second = activities.create(draft(held_on=dt.date(2026, 3, 12)))
    zhang_first, li_first = (line.participation_id for line in activities.add_participants(first, [zhang, li]).added)
    activities.add_participants(second, [zhang])
    assert tally(database) == recomputed(database) and len(tally(database)) == 2

    ledger.set_minutes(zhang_first, 60, "签到表记为1小时")
    activities.remove_participant(li_first)
    assert tally(database) == recomputed(database)

    activities.update(first, draft(held_on=dt.date(2025, 12, 20)))  # into the previous quarter
    ledger.add_manual_points(li, -2, "迟到扣分", earned_on=dt.date(2026, 3, 18))
    assert tally(database) == recomputed(database)
    assert {period for _v, period in tally(database)} == {20254, 20261}

    activities.delete(second)
    assert tally(database) == recomputed(database)


def test_the_quarter_summary_reads_the_tally(database, ledger):
    activities = activity_service(database)
    zhang = make_volunteer(database, "张三", "13812345670")
    activity = activities.create(draft(held_on=dt.date(2026, 3, 10)))
    activities.add_participants(activity, [zhang])
    [row] = ReportService(database).quarter_summary(Quarter(2026, 1)).rows
    assert (row.minutes, row.activities, row.total_minutes) == (120, 1, 120) and row.points > 0

    activities.delete(activity)
    [row] = ReportService(database).quarter_summary(Quarter(2026, 1)).rows
    assert (row.minutes, row.activities, row.total_minutes, row.points) == (0, 0, 0, 0)


def test_upgrading_an_older_database_tallies_what_it_already_holds(database, ledger):
    activities = activity_service(database)
    zhang = make_volunteer(database, "张三", "13812345670")
    activities.add_participants(activities.create(draft(held_on=dt.date(2026, 3, 5))), [zhang])
    ledger.add_manual_points(zhang, 3, "宣讲加分", earned_on=dt.date(2026, 1, 8))
    before = recomputed(database)

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    assert migrate.upgrade(database.engine)
    assert tally(database) == before and before


def test_the_demo_bulk_fill_leaves_the_tally_right_and_the_triggers_in_place(database, ledger):
    demo.fill(database, volunteers=30, activities=60, seed=3)
    assert tally(database) == recomputed(database) and tally(database)
    activities = activity_service(database)
    zhang = make_volunteer(database, "张三", "13812345670")
    activities.add_participants(activities.create(draft(held_on=dt.date(2026, 3, 5))), [zhang])
    assert tally(database) == recomputed(database)
