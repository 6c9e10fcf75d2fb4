"""Backups, rotation, integrity checks and restoring, on real SQLite files."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import random
import sqlite3
import subprocess

import pytest

from volunteer_desk import paths
from volunteer_desk.services.backups import BackupFailed, BackupService
from volunteer_desk.services.database import UpgradeFailed, open_database
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage import migrate
from volunteer_desk.storage import volunteers as volunteer_store
from tests.services.test_activities import make_volunteer
from tests.sheet_data import id_number


class Clock:
    def __init__(self, at: dt.datetime):
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at


@pytest.fixture
def clock():
    return Clock(dt.datetime(2026, 3, 20, 9, 0))


@pytest.fixture
def backups(data_dir, clock):
    return BackupService(data_dir, now=clock)


def add_volunteers(data_dir, *names: str) -> list[str]:
    database = open_database(data_dir)
    try:
        return [make_volunteer(database, name=name, mobile=f"1381234{n:04d}") for n, name in enumerate(names)]
    finally:
        database.close()


def live_names(data_dir) -> list[str]:
    with contextlib.closing(sqlite3.connect(paths.database_file(data_dir))) as connection:
        return sorted(row[0] for row in connection.execute("SELECT name FROM volunteer WHERE NOT deleted"))


def integrity(path) -> str:
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_of_the_open_database_holds_its_latest_rows_and_is_described(data_dir, backups):
    database = open_database(data_dir)  # open, with the newest rows still in the write-ahead log
    ids = [make_volunteer(database, name=name, mobile=f"1390000000{n}")
           for n, name in enumerate(["张三", "李四", "王五"])]
    VolunteerService(database).delete(ids[2])
    info = backups.make("start")
    database.close()

    assert info.path.parent == data_dir / "backups" and info.path.name.endswith("-start.sqlite3")
    assert (info.volunteers, info.activities) == (2, 0)  # the deleted one is not counted
    assert info.schema_revision == migrate.head_revision()
    assert info.sha256 == sha256(info.path) and integrity(info.path) == "ok"
    manifest = json.loads(info.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["sha256"] == info.sha256 and manifest["volunteers"] == 2 and manifest["kind"] == "start"
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.with_suffix(".json").name,
                                                                  info.path.name]  # no temporary files left
    assert backups.verify(info.path).ok


def test_rotation_keeps_the_newest_of_each_day_week_and_month_and_never_a_manual_one(data_dir, backups, clock):
    def made(when: str, kind: str = "exit"):
        clock.at = dt.datetime.fromisoformat(when)
        return backups.make(kind).path

    old_manual = made("2024-01-01T10:00", "manual")
    before_restore = made("2024-02-01T10:00", "before_restore")
    last_march = made("2025-03-05T10:00")       # 13 months ago: out of every period
    april = made("2025-04-10T10:00")            # the newest of a month within 12
    week_8 = made("2026-02-16T10:00")           # neither in the last 4 weeks nor February's newest
    week_9 = made("2026-02-23T10:00")           # the newest of ISO week 9 and of February
    week_10 = made("2026-03-02T10:00")
    week_11_older = made("2026-03-13T10:00")    # 7 days ago; week 11's newest is the 14th
    six_days_ago = made("2026-03-14T10:00")
    yesterday = made("2026-03-19T10:00", "daily")
    morning = made("2026-03-20T09:00", "start")
    evening = made("2026-03-20T18:00")

    deleted = backups.rotate()

    assert sorted(deleted) == sorted([last_march, week_8, week_11_older, morning])
    assert not any(path.exists() or path.with_suffix(".json").exists() for path in deleted)
    kept = {info.path for info in backups.list()}
    assert kept == {old_manual, before_restore, april, week_9, week_10, six_days_ago, yesterday, evening}


def test_rotation_removes_what_a_backup_killed_half_way_left_once_it_is_a_day_old(data_dir, backups, clock):
    kept = backups.make("manual")
    old, recent = backups.folder / ".tmpa1b2c3.part", backups.folder / ".tmpd4e5f6.part-journal"
    for path in (old, recent):
        path.write_bytes(b"half a copy")
    os.utime(old, ((clock.at - dt.timedelta(days=2)).timestamp(),) * 2)
    os.utime(recent, ((clock.at - dt.timedelta(hours=2)).timestamp(),) * 2)  # a backup may still be writing it

    backups.rotate()

    assert sorted(p.name for p in backups.folder.iterdir()) == sorted(
        [recent.name, kept.path.name, kept.path.with_suffix(".json").name])


def test_the_list_is_newest_first_and_names_missing_and_altered_backups(data_dir, backups, clock):
    first = backups.make("manual")
    clock.at += dt.timedelta(hours=1)
    second = backups.make("exit")
    clock.at += dt.timedelta(hours=1)
    third = backups.make("exit")
    second.path.unlink()
    with third.path.open("r+b") as file:
        file.seek(5000)
        file.write(b"\xff")

    listed = backups.list()

    assert [info.path for info in listed] == [third.path, second.path, first.path]
    assert [info.ok for info in listed] == [False, False, True]
    assert "被改动过" in listed[0].reason and "不见了" in listed[1].reason
    assert backups.newest_good().path == first.path


def test_restore_brings_back_deleted_data_after_backing_up_the_current_database(data_dir, backups, clock):
    ids = add_volunteers(data_dir, "张三", "李四")
    good = backups.make("manual")
    database = open_database(data_dir)
    VolunteerService(database).delete(ids[0])
    make_volunteer(database, name="赵六", mobile="13912340000")
    database.close()
    assert live_names(data_dir) == ["李四", "赵六"]
    clock.at += dt.timedelta(minutes=5)

    result = backups.restore(good.path)

    assert live_names(data_dir) == ["张三", "李四"]
    assert result.restored.path == good.path
    assert result.previous.name.endswith("-before_restore.sqlite3")
    kept = backups.verify(result.previous)
    assert kept.ok and kept.volunteers == 2 and kept.kind == "before_restore"
    assert backups.check().ok
    open_database(data_dir).close()  # the program opens the restored file as usual


def test_a_tampered_backup_is_refused_and_the_database_is_left_alone(data_dir, backups):
    add_volunteers(data_dir, "张三")
    info = backups.make("manual")
    with info.path.open("r+b") as file:
        file.seek(info.path.stat().st_size // 2)
        file.write(b"tampered")
    live = paths.database_file(data_dir)
    before = live.read_bytes()

    with pytest.raises(BackupFailed, match="没有恢复.*校验指纹不符"):
        backups.restore(info.path)
    assert live.read_bytes() == before
    assert [i.kind for i in backups.list()] == ["manual"]  # no "before_restore" backup for a refused restore


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_check_reports_a_damaged_database_in_chinese_without_writing_to_it(data_dir, backups, seed):
    add_volunteers(data_dir, "张三", "李四")
    live = paths.database_file(data_dir)
    damaged = bytearray(live.read_bytes())
    rng = random.Random(seed)
    start = len(damaged) // 4
    damaged[start:start + len(damaged) // 2] = rng.randbytes(len(damaged) // 2)
    live.write_bytes(bytes(damaged))

    result = backups.check()

    assert not result.ok
    assert "已损坏" in result.message and "没有向它写入" in result.message
    assert live.read_bytes() == bytes(damaged)


def test_restoring_over_a_damaged_database_keeps_the_damaged_file(data_dir, backups):
    add_volunteers(data_dir, "张三")
    good = backups.make("manual")
    live = paths.database_file(data_dir)
    damaged = b"SQLite format 3\x00" + bytes(range(256)) * 100
    live.write_bytes(damaged)

    result = backups.restore(backups.newest_good().path)

    assert result.restored.path == good.path
    assert result.previous.read_bytes() == damaged and result.previous.parent == data_dir / "backups"
    assert live_names(data_dir) == ["张三"]


@pytest.fixture
def read_only_folder(tmp_path):
    """chmod is ignored by root, so as root a read-only tmpfs is mounted instead (skipped when not allowed)."""
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        (folder / "probe").touch()
    except PermissionError:
        yield folder
        folder.chmod(0o755)
        return
    (folder / "probe").unlink()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                      capture_output=True).returncode:
        pytest.skip("no read-only folder can be made here")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_backup_into_a_read_only_folder_says_what_to_do_and_leaves_nothing(backups, read_only_folder):
    with pytest.raises(BackupFailed, match="无法写入文件夹.*请改选其他文件夹"):
        backups.make("manual", out_dir=read_only_folder)
    assert list(read_only_folder.iterdir()) == []


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "小盘"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                      capture_output=True).returncode:
        pytest.skip("no small filesystem can be mounted here")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_backup_onto_a_full_disk_says_what_to_do_and_leaves_nothing(backups, small_disk):
    with pytest.raises(BackupFailed, match="磁盘已满.*腾出空间"):
        backups.make("manual", out_dir=small_disk)
    assert list(small_disk.iterdir()) == []


def test_ten_backups_restored_one_after_another_all_pass_and_match(data_dir, backups, clock):
    made = []
    for n in range(10):
        add_volunteers(data_dir, f"志愿者{n}")
        clock.at += dt.timedelta(minutes=1)
        made.append(backups.make("daily"))

    for info in made:
        clock.at += dt.timedelta(minutes=1)
        backups.restore(info.path)
        live = paths.database_file(data_dir)
        assert integrity(live) == "ok"
        assert len(live_names(data_dir)) == info.volunteers
        assert sha256(info.path) == info.sha256

    assert sum(info.ok for info in backups.list()) == 20  # the ten, and the ten made before each restore


def test_an_exit_backup_is_wanted_only_after_a_change(data_dir, backups):
    assert backups.should_back_up_at_exit()  # never backed up
    assert not backups.backed_up_today()
    backups.make("start")
    assert backups.backed_up_today()
    open_database(data_dir).close()  # opened and closed without a change
    assert not backups.should_back_up_at_exit()
    add_volunteers(data_dir, "张三")
    assert backups.should_back_up_at_exit()


def _downgraded(data_dir, revision: str) -> None:
    database = open_database(data_dir)
    try:
        migrate.downgrade(database.engine, revision)
    finally:
        database.close()


def test_an_older_database_is_backed_up_before_it_is_upgraded(data_dir):
    database = open_database(data_dir)
    VolunteerService(database).save(VolunteerService(database).blank_values() | {
        "name": "张三", "id_number": id_number("19850603", sequence="011"), "political_status": "member"})
    database.close()
    _downgraded(data_dir, "0007")
    open_database(data_dir).close()
    [before] = [info for info in BackupService(data_dir).list() if info.kind == "before_upgrade"]
    assert before.ok and before.schema_revision == "0007" and before.volunteers == 1
    assert BackupService(data_dir).rotate() == [] and before.path.exists()  # kept like a manual backup


def test_a_failed_upgrade_puts_the_database_back_as_it_was(data_dir, monkeypatch):
    database = open_database(data_dir)
    VolunteerService(database).save(VolunteerService(database).blank_values() | {
        "name": "张三", "id_number": id_number("19850603", sequence="011"), "political_status": "member"})
    database.close()
    _downgraded(data_dir, "0007")
    real_upgrade = migrate.upgrade

    def half_done(engine):
        with engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM volunteer")  # what a migration failing half-way could leave
        raise RuntimeError("migration 0008 failed")

    monkeypatch.setattr(migrate, "upgrade", half_done)
    with pytest.raises(UpgradeFailed) as failed:
        open_database(data_dir)
    assert "before_upgrade" in str(failed.value)
    monkeypatch.setattr(migrate, "upgrade", real_upgrade)
    database = open_database(data_dir)
    try:
        with database.sessions() as session:
            assert [name for _id, name, *_rest in volunteer_store.live_identities(session)] == ["张三"]
    finally:
        database.close()
