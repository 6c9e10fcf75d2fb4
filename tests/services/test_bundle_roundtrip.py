"""Fifty branches export into one folder and their committee imports the whole folder: every branch's records
arrive exactly, none twice, and importing the folder again changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.bundle_state import state
from tests.bundle_world import hand_key, installation
from volunteer_desk.exchange import records
from volunteer_desk.services.bundles import Status

BRANCHES = 50


def _home_id(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT id FROM organisation WHERE is_home = 1").fetchone()[0]


def _records(path: Path, table: str, org_id: str) -> list[tuple]:
    """The table's bundle columns of the organisation's live records (its own row, for organisation), sorted;
    the organisation's parent is where each side keeps it, so it is left out."""
    columns = ", ".join(f'"{name}"' for name in records.names(table) if name != "parent_id")
    key = "id" if table == "organisation" else "org_id"
    with sqlite3.connect(path) as connection:
        return sorted(connection.execute(f'SELECT {columns} FROM "{table}" WHERE deleted = 0 AND {key} = ?',
                                         (org_id,)))


@pytest.fixture(scope="module")
def reported(tmp_path_factory, migrated_database_file):
    """The committee after importing the folder once, and each branch's database file and organisation."""
    root = tmp_path_factory.mktemp("roundtrip")
    committee = installation(migrated_database_file, root / "committee", name="西太湖科技产业园党工委", code="C-01",
                             committee=True)
    folder = root / "stick"
    folder.mkdir()
    branches = {}
    for n in range(BRANCHES):
        branch = installation(migrated_database_file, root / f"B-{n:02d}", name=f"第{n + 1}党支部", code=f"B-{n:02d}",
                              volunteers=2 + n % 3, activities=1 + n % 3, seed=n + 1)
        try:
            hand_key(committee, branch, root)
            branch.bundles.export(folder)
        finally:
            branch.close()
        branches[branch.database.path] = _home_id(branch.database.path)
    files = committee.bundles.bundle_files([folder])
    assert len(files) == BRANCHES
    for path in files:
        plan = committee.bundles.inspect(path)
        assert plan.status == Status.NEW_SENDER
        assert committee.bundles.apply(plan, confirm_sender=True).applied
    yield committee, folder, branches
    committee.close()


def test_each_branch_arrives_exactly(reported):
    committee, _folder, branches = reported
    home = _home_id(committee.database.path)
    for branch_file, org_id in branches.items():
        for table in records.TABLES:
            assert _records(committee.database.path, table, org_id) == _records(branch_file, table, org_id), table
    with sqlite3.connect(committee.database.path) as connection:
        parents = dict(connection.execute("SELECT id, parent_id FROM organisation"))
    assert {parents[org_id] for org_id in branches.values()} == {home}


def test_nothing_arrives_twice(reported):
    committee, _folder, branches = reported

    def count(path: Path, table: str) -> int:
        with sqlite3.connect(path) as connection:
            return connection.execute(f'SELECT count(*) FROM "{table}" WHERE org_id IS NOT NULL AND org_id IN '
                                      "(SELECT id FROM organisation WHERE is_home = 0)"
                                      if table != "organisation" else
                                      "SELECT count(*) FROM organisation WHERE is_home = 0").fetchone()[0]

    def branch_count(path: Path, table: str) -> int:
        return len(_records(path, table, branches[path]))

    for table in records.TABLES:
        assert count(committee.database.path, table) == sum(branch_count(path, table) for path in branches), table
    assert count(committee.database.path, "volunteer") == sum(2 + n % 3 for n in range(BRANCHES))
    assert len(committee.bundles.receipts()) == BRANCHES and len(committee.bundles.senders()) == BRANCHES


def test_importing_the_folder_again_changes_nothing(reported):
    committee, folder, _branches = reported
    before = state(committee.database.path)
    for path in committee.bundles.bundle_files([folder]):
        plan = committee.bundles.inspect(path)
        assert (plan.status, plan.total, plan.changes) == (Status.ALREADY, 0, {})
        assert not committee.bundles.apply(plan, confirm_sender=True).applied
    assert state(committee.database.path) == before
