"""The program killed while it imports a bundle (the power cut, the task manager): afterwards the committee's
database is sound and holds all of the bundle or none of it. Killed while it exports, it leaves no half
bundle under the bundle's name.

Each import or export runs in a process of its own, killed with SIGKILL at a random moment. The processes
come from a fork server that has the program loaded already, so twenty of them start in no time."""

from __future__ import annotations

import multiprocessing
import random
import shutil
import sqlite3
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.bundle_world import hand_key, installation
from volunteer_desk import paths
from volunteer_desk.exchange import records, sealed
from volunteer_desk.services.bundles import BundlePlan, BundleService
from volunteer_desk.services.database import open_database

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")]

KILLS = 20
_PROCESSES = multiprocessing.get_context("forkserver")
_PROCESSES.set_forkserver_preload([__name__])


def _import(folder: Path, plan: BundlePlan, line) -> None:
    bundles = BundleService(open_database(folder))
    line.send("ready")
    line.recv()
    bundles.apply(plan, confirm_sender=True)


def _export(folder: Path, to: Path, line) -> None:
    bundles = BundleService(open_database(folder))
    line.send("ready")
    line.recv()
    bundles.export(to)


class _Worker:
    """`work` in a process of its own, started (its database opened) ahead of the moment it is told to go."""

    def __init__(self, work, *arguments):
        self._line, theirs = _PROCESSES.Pipe()
        self.process = _PROCESSES.Process(target=work, args=(*arguments, theirs), daemon=True)
        self.process.start()

    def go(self) -> float:
        assert self._line.recv() == "ready"
        self._line.send("go")
        return time.monotonic()

    def kill_after(self, delay: float) -> None:
        started = self.go()
        time.sleep(max(0.0, started + delay - time.monotonic()))
        self.process.kill()  # SIGKILL: nothing of the program runs after it
        self.process.join()
        self._line.close()

    def finish(self) -> float:
        """Seconds from go to the end of the work."""
        started = self.go()
        self.process.join()
        assert self.process.exitcode == 0
        return time.monotonic() - started


@pytest.fixture(scope="module")
def world(tmp_path_factory, migrated_database_file):
    """A committee's data folder before the import (closed), a branch's after it exported its bundle, the
    bundle (300 volunteers, 1,500 activities) and the committee's plan for it."""
    root = tmp_path_factory.mktemp("kill")
    committee = installation(migrated_database_file, root / "committee", name="西太湖科技产业园党工委", code="C-01",
                             committee=True)
    branch = installation(migrated_database_file, root / "branch", name="西湖街道机关第一党支部", code="B-01",
                          volunteers=300, activities=1500, seed=5)
    hand_key(committee, branch, root)
    bundle = branch.bundles.export(root).path
    plan = committee.bundles.inspect(bundle)
    committee.close()
    branch.close()
    return committee.folder, branch.folder, plan


def _counts(database: Path, org_id: str) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return {table: connection.execute(f'SELECT count(*) FROM "{table}" WHERE deleted = 0 AND '
                                          + ("id = ?" if table == "organisation" else "org_id = ?"),
                                          (org_id,)).fetchone()[0] for table in records.TABLES}


def _sound(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def _after_kill(database: Path, org_id: str) -> dict[str, int]:
    _sound(database)
    return _counts(database, org_id)


def _copy(folder: Path, to: Path) -> Path:
    to.mkdir()
    shutil.copyfile(paths.database_file(folder), paths.database_file(to))
    return to


def test_an_import_killed_at_any_moment_leaves_all_or_nothing(world, tmp_path):
    committee, branch, plan = world
    everything = _counts(paths.database_file(branch), plan.sender_org_id)
    nothing = dict.fromkeys(records.TABLES, 0)
    assert everything["activity"] == 1500

    folders = [_copy(committee, tmp_path / f"round{n}") for n in range(KILLS + 1)]
    duration = _Worker(_import, folders[0], plan).finish()  # one import to the end: how long it takes
    assert _counts(paths.database_file(folders[0]), plan.sender_org_id) == everything
    rng = random.Random(9)
    upcoming = _Worker(_import, folders[1], plan)
    # While one round runs, the next opens its database and the one before is checked (SQLite lets go of
    # the GIL), so the kills come at the moments drawn.
    with ThreadPoolExecutor(1) as checker:
        checks = []
        for n in range(1, KILLS + 1):
            worker = upcoming
            if n < KILLS:
                upcoming = _Worker(_import, folders[n + 1], plan)
            worker.kill_after(rng.uniform(0, duration * 1.1))
            checks.append(checker.submit(_after_kill, paths.database_file(folders[n]), plan.sender_org_id))
        held = [check.result() for check in checks]
    assert all(each in (everything, nothing) for each in held), held
    assert nothing in held  # (a kill after the end leaves all of it, which is allowed too)


def test_an_export_killed_at_any_moment_leaves_no_half_bundle(world, tmp_path):
    _committee, branch, _plan = world
    rounds = 5
    copies = [_copy(branch, tmp_path / f"branch{n}") for n in range(rounds + 1)]
    sticks = [tmp_path / f"stick{n}" for n in range(rounds + 1)]
    for stick in sticks:
        stick.mkdir()
    duration = _Worker(_export, copies[0], sticks[0]).finish()
    assert len(list(sticks[0].glob(f"*{sealed.SUFFIX}"))) == 1
    rng = random.Random(3)
    for copy, stick in zip(copies[1:], sticks[1:]):
        _Worker(_export, copy, stick).kill_after(rng.uniform(0, duration))
        for path in stick.glob(f"*{sealed.SUFFIX}"):  # a bundle there is a whole one
            sealed.read_header(path.read_bytes())
        _sound(paths.database_file(copy))
