"""Campaign: ten backups of a branch's database with work done between them (volunteers registered, edited
and deleted, a roster imported, activities recorded with their participants), each restored in turn in a
shuffled order: every restored database passes integrity_check and holds exactly what it held when that
backup was made, and every backup's file matches the SHA-256 in its manifest.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from tests.campaigns.conftest import content_digest, integrity, roster_people, scalar, sha256, write_roster
from tests.services.test_activities import draft
from tests.sheet_data import id_number, registration
from volunteer_desk import paths
from volunteer_desk.services.activities import ActivityService
from volunteer_desk.services.backups import BackupService
from volunteer_desk.services.database import open_database
from volunteer_desk.services.volunteer_import import Duplicates, VolunteerImportService
from volunteer_desk.services.volunteers import VolunteerService

pytestmark = pytest.mark.slow

BACKUPS = 10


class Clock:
    """Each backup an hour after the one before, so that each has its own name and place in the list."""

    def __init__(self):
        self.at = dt.datetime(2026, 5, 4, 8, 0)

    def __call__(self) -> dt.datetime:
        return self.at


def _work(database, step: int, tmp_path) -> None:
    """A different kind of change at each step, as a branch's weeks go."""
    volunteers = VolunteerService(database)
    home = volunteers.blank_values()["organisation_id"]
    with database.engine.connect() as connection:
        ids = [row[0] for row in connection.exec_driver_sql(
            "SELECT id FROM volunteer WHERE NOT deleted ORDER BY name_pinyin, id LIMIT 20")]
    if step % 4 == 0:
        for n in range(3):
            number = id_number("19850603", sequence=f"{(step * 3 + n) * 2 + 101:03d}")  # odd: a man, as registered
            volunteers.save(registration(name=f"新人{step}{n}", mobile=f"1370000{step:02d}{n:02d}",
                                         organisation_id=home, id_number=number))
    elif step % 4 == 1:
        volunteers.delete(ids[step])
        edited = volunteers.raw_values(ids[step + 1]) | {"work_unit": f"第{step}次修改的工作单位"}
        volunteers.save(edited, editing=ids[step + 1])
    elif step % 4 == 2:
        rows = roster_people(5, first_born=dt.date(1941, 1, 1) + dt.timedelta(days=10 * step))
        for n, row in enumerate(rows):  # other names and mobiles than the last import's, or they would match
            row[1], row[7] = f"第{step}批{n}号", f"1871{step:02d}{n:05d}"
        roster = write_roster(tmp_path / f"名册{step}.xlsx", rows)
        importing = VolunteerImportService(database)
        importing.commit(importing.preview(roster), Duplicates.SKIP)
    else:
        activities = ActivityService(database, today=lambda: dt.date(2026, 5, 20))
        activity = activities.create(draft(held_on=dt.date(2026, 5, step), content=f"第{step}次入户走访"))
        activities.add_participants(activity, ids[:5])


def test_each_of_the_last_ten_backups_restores_whole_and_as_it_was(demo_dir, tmp_path):
    clock = Clock()
    backups = BackupService(demo_dir, now=clock)
    live = paths.database_file(demo_dir)
    database = open_database(demo_dir)
    made = []
    try:
        for step in range(BACKUPS):
            _work(database, step, tmp_path)
            clock.at += dt.timedelta(hours=1)
            info = backups.make("manual")  # of the open database, as the start's backup is
            made.append((info, content_digest(info.path)))
    finally:
        database.close()
    assert len({digest for _info, digest in made}) == BACKUPS  # every step changed what is kept
    assert [info.path for info in backups.list()] == [info.path for info, _digest in reversed(made)]

    order = list(range(BACKUPS))
    random.Random(20260820).shuffle(order)
    restored = 0
    for index in order:
        info, digest = made[index]
        clock.at += dt.timedelta(minutes=1)
        manifest = json.loads(info.path.with_suffix(".json").read_text(encoding="utf-8"))
        assert sha256(info.path) == manifest["sha256"] == info.sha256, info.path.name
        result = backups.restore(info.path)
        assert result.restored.path == info.path
        assert integrity(live) == "ok", info.path.name
        assert content_digest(live) == digest, info.path.name
        assert (scalar(live, "SELECT count(*) FROM volunteer WHERE NOT deleted"),
                scalar(live, "SELECT count(*) FROM activity WHERE NOT deleted")) == (info.volunteers, info.activities)
        restored += 1
    print(f"\n[campaign] restores: {restored}/{BACKUPS} whole and as they were")
    open_database(demo_dir).close()  # the program opens the last one restored as usual
