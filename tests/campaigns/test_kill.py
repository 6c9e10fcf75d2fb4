"""Campaign: the program killed (SIGKILL, as by a power cut or the task manager) at random moments while it
imports an Excel roster, makes a backup, saves volunteers one by one, or upgrades an older database. After every kill the database passes
PRAGMA integrity_check and each operation happened wholly or not at all.

Half the kills are spread over the whole run (start-up included), half over the part of it that writes, as
measured by a run to the end first. See docs/RELIABILITY.md for the full counts and what they found.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.campaigns.conftest import (cli_environment, command, integrity, live_volunteers, rounds, roster_people,
                                      scalar, write_roster)
from tests.sheet_data import id_number
from volunteer_desk import paths
from volunteer_desk.services import demo
from volunteer_desk.services.activity_photos import ActivityPhotoService
from volunteer_desk.services.backups import PREFIX, BackupService
from volunteer_desk.services.database import open_database
from volunteer_desk.storage import migrate

pytestmark = pytest.mark.slow

IMPORT_ROWS = 400
SAVES = 150


@dataclass(frozen=True)
class Run:
    delay: float
    elapsed: float
    returncode: int
    stdout: str
    stderr: str

    @property
    def killed(self) -> bool:
        return self.returncode == -signal.SIGKILL

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def kill_after(args: list[str], delay: float) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=cli_environment())
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=60)
    return Run(delay, time.perf_counter() - started, process.returncode, stdout, stderr)


def timed_run(args: list[str]) -> tuple[float, float | None, str]:
    """A run to the end: its duration, when its first line of output came (or None), its output."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=cli_environment())
    first, lines = None, []
    for line in process.stdout:
        first = first if first is not None else time.perf_counter() - started
        lines.append(line)
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 0, "".join(lines) + stderr
    return time.perf_counter() - started, first, "".join(lines)


class Moments:
    """When to kill, stratified: the first half each in its own slice of the whole run, the rest each in its
    own slice of the part that writes, so that neither the start nor the end of either is missed. The slices
    are of the run as last measured: one that ends before its kill (the shared machine got faster) rescales
    the moments after it."""

    def __init__(self, count: int, duration: float, writing_from: float, rng: random.Random):
        whole, writing = (count + 1) // 2, count // 2
        self._fractions = [((k + rng.random()) / whole, False) for k in range(whole)]
        self._fractions += [((k + rng.random()) / writing, True) for k in range(writing)]
        self.duration, self.writing_from = duration, writing_from

    def __iter__(self):
        for fraction, writing in self._fractions:
            start = self.writing_from if writing else 0.0
            yield start + (self.duration - start) * fraction

    def ran(self, run: Run) -> None:
        if not run.killed and run.elapsed < self.duration:
            self.duration, self.writing_from = run.elapsed, self.writing_from * run.elapsed / self.duration


def reset(data_dir: Path, template: Path) -> None:
    database = paths.database_file(data_dir)
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, database)


def report(name: str, runs: list[Run], phases: list[str]) -> None:
    """One line per campaign for docs/RELIABILITY.md (shown with pytest -s)."""
    counted = {phase: phases.count(phase) for phase in dict.fromkeys(phases)}
    print(f"\n[campaign] {name}: {len(runs)} runs, {sum(r.killed for r in runs)} killed; phases {counted}; "
          f"delays {min(r.delay for r in runs):.2f}–{max(r.delay for r in runs):.2f} s")


def _index_sql(database: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()


def test_an_import_killed_at_any_moment_is_all_or_nothing(demo_dir, tmp_path):
    database = paths.database_file(demo_dir)
    template = tmp_path / "before.sqlite3"
    shutil.copyfile(database, template)
    roster = write_roster(tmp_path / "名册.xlsx", roster_people(IMPORT_ROWS))
    before, batches_before = live_volunteers(database), scalar(database, "SELECT count(*) FROM import_batch")
    indexes = _index_sql(database)  # a bigger import than the roster drops and rebuilds them in its transaction
    args = command("--data-dir", demo_dir, "import-excel", roster)
    duration, previewed, _output = timed_run(args)  # the preview's summary is printed just before the commit
    assert live_volunteers(database) == before + IMPORT_ROWS
    rng = random.Random(20260801)
    runs, phases = [], []
    moments = Moments(rounds(4, 17), duration, previewed, rng)
    for delay in moments:
        reset(demo_dir, template)
        run = kill_after(args, delay)
        moments.ran(run)
        phases.append("finished" if not run.killed else "writing" if run.lines else "starting or reading")
        what = f"killed after {delay:.2f} s ({phases[-1]}); stderr: {run.stderr[-300:]}"
        assert integrity(database) == "ok", what
        assert BackupService(demo_dir).check().ok, what
        assert _index_sql(database) == indexes, what
        count = live_volunteers(database)
        batches = scalar(database, "SELECT count(*) FROM import_batch")
        assert (count, batches) in {(before, batches_before), (before + IMPORT_ROWS, batches_before + 1)}, what
        if batches > batches_before:
            assert scalar(database, "SELECT count(*) FROM volunteer WHERE import_batch_id IS NOT NULL") == IMPORT_ROWS, \
                what
            assert scalar(database, "SELECT count(*) FROM audit_log WHERE action = 'import'") == 1, what
        assert run.killed or count == before + IMPORT_ROWS, what
        runs.append(run)
    report("import-excel", runs, phases)
    assert sum(run.killed for run in runs) * 3 >= len(runs)  # the kills fell inside the runs


def test_a_backup_killed_at_any_moment_leaves_no_half_backup_under_its_name(demo_dir):
    _add_photos(demo_dir)  # 影像资料: a database of about 9 MB, so that copying it takes a while
    database = paths.database_file(demo_dir)
    backups = BackupService(demo_dir)
    before = integrity(database), live_volunteers(database)
    args = command("--data-dir", demo_dir, "backup")
    duration, copying_from = _timed_backup(args, backups.folder)
    made = {info.path for info in backups.list()}
    rng = random.Random(20260802)
    runs, phases = [], []
    moments = Moments(rounds(4, 17), duration, copying_from, rng)
    for delay in moments:
        files = set(backups.folder.iterdir())
        run = kill_after(args, delay)
        moments.ran(run)
        new = set(backups.folder.iterdir()) - files
        phases.append(_backup_phase(new, run))
        what = f"killed after {delay:.2f} s ({phases[-1]}); new files {sorted(p.name for p in new)}"
        assert (integrity(database), live_volunteers(database)) == before, what
        _assert_no_half_backup(backups, what)
        runs.append(run)
        made |= {info.path for info in backups.list()}
    report("backup", runs, phases)
    assert sum(run.killed for run in runs) * 3 >= len(runs)
    # A temporary file a killed backup left behind is removed by the next rotation once it is a day old;
    # every backup that was finished is kept.
    later = BackupService(demo_dir, now=lambda: dt.datetime.now() + dt.timedelta(days=2))
    later.rotate()
    assert not [p.name for p in backups.folder.iterdir() if p.name.startswith(".")]
    assert {info.path for info in backups.list()} == made


def _add_photos(data_dir: Path, count: int = 12) -> None:
    database = open_database(data_dir)
    try:
        with database.engine.connect() as connection:
            activity = connection.exec_driver_sql("SELECT id FROM activity LIMIT 1").scalar()
        photos, rng = ActivityPhotoService(database), random.Random(5)
        for number in range(count):  # a photo's bytes are as incompressible as random ones
            photos.add_photo(activity, b"\xff\xd8\xff\xe0" + rng.randbytes(600_000), f"活动照片{number}")
    finally:
        database.close()


def _timed_backup(args: list[str], folder: Path) -> tuple[float, float]:
    """A backup run to its end: how long it took, and when its temporary copy appeared (the copying began)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_environment())
    copying = None
    while process.poll() is None:
        if copying is None and any(folder.glob(".*.part")):
            copying = time.perf_counter() - started
        time.sleep(0.002)
    duration = time.perf_counter() - started
    assert process.returncode == 0 and copying is not None
    return duration, copying


def _backup_phase(new: set[Path], run: Run) -> str:
    if not run.killed:
        return "finished"
    if any(p.name.startswith(".") for p in new):
        return "copying or checking"
    finals = [p for p in new if p.suffix == ".sqlite3"]
    if finals and not all(p.with_suffix(".json").exists() for p in finals):
        return "describing"
    return "written" if finals else "starting or reading"


def _assert_no_half_backup(backups: BackupService, what: str) -> None:
    """Under a backup's final name there is only a whole, checked copy: described and verified, or (killed
    between the rename and its description) whole but undescribed, which the list ignores."""
    listed = {info.path: info for info in backups.list()}
    assert all(info.ok for info in listed.values()), what
    for path in backups.folder.glob(f"{PREFIX}*.sqlite3"):
        if path.with_suffix(".json").exists():
            assert backups.verify(path).ok, what
        else:
            assert path not in listed and integrity(path) == "ok", what
    for manifest in backups.folder.glob(f"{PREFIX}*.json"):
        assert manifest.with_suffix(".sqlite3").exists(), what
    for other in backups.folder.iterdir():
        assert other.name.startswith(PREFIX) or other.name.startswith(".") and ".part" in other.name, what


SAVE_LOOP = """
import json, sys
from pathlib import Path
from volunteer_desk.services.database import open_database
from volunteer_desk.services.volunteers import VolunteerService

people = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
database = open_database(Path(sys.argv[1]))
service = VolunteerService(database)
for number, person in enumerate(people):
    service.save(service.blank_values() | person)
    print(number, flush=True)
database.close()
"""


def _person(number: int) -> dict:
    born = dt.date(1940, 1, 1) + dt.timedelta(days=number)  # the demo's volunteers are born 1950–2004
    return {"name": f"保存{number}", "sex": "male" if number % 2 else "female", "political_status": "member",
            "id_number": id_number(f"{born:%Y%m%d}", region="320411", sequence=f"{number % 2 + 2:03d}"),
            "mobile": f"1391{number:07d}", "work_unit": f"常州市第{number}中学",
            "experience": "2019 年起参加社区敬老志愿服务。\n2021 年参加疫情防控值守。"}


def test_saves_killed_at_any_moment_leave_only_whole_volunteers(demo_dir, tmp_path):
    database = paths.database_file(demo_dir)
    template = tmp_path / "before.sqlite3"
    shutil.copyfile(database, template)
    people = [_person(n) for n in range(SAVES)]
    assert len({p["id_number"] for p in people}) == SAVES
    people_file = tmp_path / "people.json"
    people_file.write_text(json.dumps(people, ensure_ascii=False), encoding="utf-8")
    args = [sys.executable, "-c", SAVE_LOOP, str(demo_dir), str(people_file)]
    duration, first_saved, _output = timed_run(args)
    assert _saved(database, people) == SAVES
    rng = random.Random(20260803)
    runs, phases = [], []
    moments = Moments(rounds(4, 16), duration, first_saved, rng)
    for delay in moments:
        reset(demo_dir, template)
        run = kill_after(args, delay)
        moments.ran(run)
        reported = len(run.lines)  # each line is printed after its save has committed
        phases.append("finished" if not run.killed else "saving" if reported else "starting")
        what = f"killed after {delay:.2f} s, {reported} saves reported; stderr: {run.stderr[-300:]}"
        assert integrity(database) == "ok", what
        saved = _saved(database, people)
        assert saved in (reported, reported + 1), what  # none lost; at most the one under way is also in
        runs.append(run)
    report("saving volunteers", runs, phases)
    assert sum(run.killed for run in runs) * 3 >= len(runs)


def _saved(database: Path, people: list[dict]) -> int:
    """How many of `people` are stored, after checking that they are the first ones, each whole and each
    with its audit entry (written in the same transaction)."""
    # Closed at once: a connection left open in this process would share its stale wal-index with the next
    # one opened here after `reset`, and read past the write-ahead log the killed program left.
    with contextlib.closing(sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        rows = connection.execute("SELECT v.name, v.id_number, v.mobile, v.work_unit, v.experience, "
                                  "(SELECT count(*) FROM audit_log a WHERE a.entity_id = v.id AND a.action = 'create') "
                                  "FROM volunteer v WHERE v.name LIKE '保存%'").fetchall()
    by_name = {row[0]: row[1:] for row in rows}
    expected = [(p["id_number"], p["mobile"], p["work_unit"], p["experience"], 1)
                for p in people[:len(by_name)]]
    assert [by_name.get(p["name"]) for p in people[:len(by_name)]] == expected
    return len(by_name)


UPGRADED_FROM = "0005"  # before the service tally (0006), which the upgrade sums from every participation


@pytest.fixture(scope="module")
def old_database_file(tmp_path_factory, migrated_database_file) -> Path:
    """A branch's database as schema 0005 held it: made by today's program, taken down by the migrations' own
    downgrades (as tests/storage/schemas/make.py does), with enough history that upgrading takes a while."""
    folder = tmp_path_factory.mktemp("old-schema")
    shutil.copyfile(migrated_database_file, paths.database_file(folder))
    database = open_database(folder)
    try:
        demo.fill(database, volunteers=1500, activities=2500, seed=11)
        migrate.downgrade(database.engine, UPGRADED_FROM)
    finally:
        database.close()
    return paths.database_file(folder)


def _held(database: Path) -> tuple:
    return tuple(scalar(database, f"SELECT count(*) FROM {table}")
                 for table in ("volunteer", "activity", "participation", "points_entry", "team"))


def test_an_upgrade_killed_at_any_moment_leaves_the_old_schema_or_the_new(old_database_file, tmp_path):
    """The program started on an older database backs it up, then upgrades it in one transaction: killed at any
    moment, the next start finds either the old schema or the new one, whole, with every record."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database = paths.database_file(data_dir)
    reset(data_dir, old_database_file)
    held = _held(database)
    args = command("--data-dir", data_dir, "keys", "show")  # opens the database, so upgrades it, then prints
    started = time.time()
    duration, upgraded, _output = timed_run(args)
    assert scalar(database, "SELECT version_num FROM alembic_version") == migrate.head_revision()
    [manifest] = (data_dir / "backups").glob(f"{PREFIX}*.json")  # the backup before the upgrade, when it was done
    rng = random.Random(20261123)
    runs, phases = [], []
    moments = Moments(rounds(4, 17), upgraded or duration, manifest.stat().st_mtime - started, rng)
    for delay in moments:
        reset(data_dir, old_database_file)
        shutil.rmtree(data_dir / "backups", ignore_errors=True)
        run = kill_after(args, delay)
        moments.ran(run)
        revision = scalar(database, "SELECT version_num FROM alembic_version")
        backed_up = list((data_dir / "backups").glob(f"{PREFIX}*.json")) if (data_dir / "backups").exists() else []
        phases.append("upgraded" if revision == migrate.head_revision() else "migrating" if backed_up
                      else "starting or backing up")
        what = f"killed after {delay:.2f} s ({phases[-1]}); stderr: {run.stderr[-300:]}"
        assert integrity(database) == "ok", what
        assert revision in {UPGRADED_FROM, migrate.head_revision()}, what
        assert _held(database) == held, what
        if revision != UPGRADED_FROM:  # the tally 0006 summed is the participations' sum
            assert scalar(database, "SELECT coalesce(sum(minutes), 0) FROM service_tally") == scalar(
                database, "SELECT coalesce(sum(p.minutes), 0) FROM participation p JOIN activity a "
                          "ON a.id = p.activity_id WHERE p.deleted = 0 AND a.deleted = 0"), what
        if (data_dir / "backups").exists():
            _assert_no_half_backup(BackupService(data_dir), what)
        runs.append(run)
    report("upgrade", runs, phases)
    assert sum(run.killed for run in runs) * 3 >= len(runs)
