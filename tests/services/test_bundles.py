"""Export bundles from branch to committee, through real files: what arrives, what a second import does,
what an older bundle does, which senders are trusted, and what the committee's reports see."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.bundle_world import PASSWORD, hand_key
from volunteer_desk import paths
from volunteer_desk.exchange import BundleRejected, records
from volunteer_desk.exchange.sealed import PasswordNeeded
from volunteer_desk.services.bundles import Status
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.volunteers import VolunteerService


@pytest.fixture
def world(installations):
    return installations


@pytest.fixture
def pair(world, tmp_path):
    committee = world("西太湖科技产业园党工委", "C-01", committee=True)
    branch = world("西湖街道机关第一党支部", "B-01", volunteers=40, activities=30)
    hand_key(committee, branch, tmp_path)
    return committee, branch


def _stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir(exist_ok=True)
    return folder


def _rows(database, table: str, org_id: str | None = None) -> list[tuple]:
    """The table's bundle columns of its live records, sorted, read straight from the file."""
    columns = ", ".join(f'"{name}"' for name in records.names(table) if name != "parent_id")
    with sqlite3.connect(database.path) as connection:
        return sorted(connection.execute(f'SELECT {columns} FROM "{table}" WHERE deleted = 0'
                                         + (" AND org_id = ?" if org_id else ""), (org_id,) if org_id else ()))


def _rows_by_id(installation, volunteer_id: str) -> tuple:
    with sqlite3.connect(installation.database.path) as connection:
        return connection.execute('SELECT id, org_id, name FROM volunteer WHERE id = ?', (volunteer_id,)).fetchone()


def _rename(installation, volunteer_id: str, name: str) -> None:
    volunteers = VolunteerService(installation.database)
    values = volunteers.raw_values(volunteer_id)
    values["name"] = name
    volunteers.save(values, editing=volunteer_id)


def _home_id(database) -> str:
    with sqlite3.connect(database.path) as connection:
        return connection.execute("SELECT id FROM organisation WHERE is_home = 1").fetchone()[0]


def test_a_bundle_carries_the_branch_records_to_the_committee(pair, tmp_path):
    committee, branch = pair
    result = branch.bundles.export(_stick(tmp_path))
    assert result.path.name.startswith("西湖街道机关第一党支部_") and result.path.suffix == ".vdb"
    assert result.counts["volunteer"] == 40 and result.counts["participation"] > 0

    plan = committee.bundles.inspect(result.path)
    assert plan.status == Status.NEW_SENDER and plan.header.sender.name == "西湖街道机关第一党支部"
    assert plan.changes["volunteer"].new == 40
    with pytest.raises(BundleRejected):  # a first bundle waits for the fingerprint to be confirmed
        committee.bundles.apply(plan)
    assert _rows(committee.database, "volunteer") == []

    outcome = committee.bundles.apply(plan, confirm_sender=True)
    assert outcome.applied
    branch_org = _home_id(branch.database)
    for table in records.TABLES:
        if table != "organisation":
            assert _rows(committee.database, table, branch_org) == _rows(branch.database, table, branch_org), table
    with sqlite3.connect(committee.database.path) as connection:
        parent, = connection.execute("SELECT parent_id FROM organisation WHERE id = ?", (branch_org,)).fetchone()
        # what stays at the branch: ID numbers and phones
        assert connection.execute("SELECT count(*) FROM volunteer WHERE id_number IS NOT NULL OR mobile != ''"
                                  ).fetchone() == (0,)
    assert parent == _home_id(committee.database)


def test_the_same_bundle_twice_changes_nothing(pair, tmp_path):
    committee, branch = pair
    path = branch.bundles.export(_stick(tmp_path)).path
    committee.bundles.apply(committee.bundles.inspect(path), confirm_sender=True)
    before = paths.database_file(committee.folder).read_bytes()

    again = committee.bundles.inspect(path)
    assert again.status == Status.ALREADY and again.total == 0
    assert not committee.bundles.apply(again).applied
    # a new export of unchanged data: newer, but nothing to change
    fresh = committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path)
    assert fresh.status == Status.READY and fresh.changes == {}
    assert len(committee.bundles.receipts()) == 1
    assert before  # the file exists throughout; its records are compared above


def test_changes_and_deletions_at_the_branch_arrive(pair, tmp_path):
    committee, branch = pair
    committee.bundles.apply(committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path),
                            confirm_sender=True)
    first, second = [row[0] for row in _rows(branch.database, "volunteer")[:2]]
    _rename(branch, first, "王改名")
    VolunteerService(branch.database).delete(second)

    plan = committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path)
    assert plan.status == Status.READY
    assert plan.changes["volunteer"].changed == 1 and plan.changes["volunteer"].deleted == 1
    committee.bundles.apply(plan)
    branch_org = _home_id(branch.database)
    assert _rows(committee.database, "volunteer", branch_org) == _rows(branch.database, "volunteer", branch_org)
    with sqlite3.connect(committee.database.path) as connection:  # nothing personal of the deleted one stays
        assert connection.execute("SELECT deleted, work_unit, birth_date FROM volunteer WHERE id = ?",
                                  (second,)).fetchone() == (1, "", None)
        assert connection.execute("SELECT count(*) FROM volunteer WHERE name = ?",
                                  (_rows_by_id(branch, second)[2],)).fetchone() == (0,)
    # a deleted volunteer's participations stay behind with them, so the committee counts what the branch counts
    live = {row[0] for row in _rows(branch.database, "volunteer")}
    assert _rows(committee.database, "participation", branch_org) == \
        [row for row in _rows(branch.database, "participation", branch_org) if row[3] in live]


def test_an_older_bundle_is_flagged_and_overwrites_nothing(pair, tmp_path):
    committee, branch = pair
    old = branch.bundles.export(_stick(tmp_path)).path
    _rename(branch, _rows(branch.database, "volunteer")[0][0], "新名字")
    new = branch.bundles.export(_stick(tmp_path)).path
    committee.bundles.apply(committee.bundles.inspect(new), confirm_sender=True)

    plan = committee.bundles.inspect(old)
    assert plan.status == Status.OLDER and plan.changes == {}
    outcome = committee.bundles.apply(plan)
    assert not outcome.applied
    assert "新名字" in {row[2] for row in _rows(committee.database, "volunteer")}
    assert [r.applied for r in committee.bundles.receipts()] == [True, False]


def test_a_branch_whose_clock_went_back_is_not_taken_for_a_replay(pair, tmp_path):
    import datetime as dt

    from volunteer_desk.services.bundles import BundleService

    committee, branch = pair
    committee.bundles.apply(committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path),
                            confirm_sender=True)
    _rename(branch, _rows(branch.database, "volunteer")[0][0], "钟慢了")
    slow = BundleService(branch.database, clock=lambda: dt.datetime(2024, 1, 5, 9, tzinfo=dt.UTC))
    plan = committee.bundles.inspect(slow.export(_stick(tmp_path)).path)
    assert plan.status == Status.READY and plan.changes["volunteer"].changed == 1


def test_a_bundle_signed_with_another_key_needs_confirming_again(pair, world, tmp_path):
    committee, branch = pair
    committee.bundles.apply(committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path),
                            confirm_sender=True)
    with sqlite3.connect(branch.database.path) as connection:  # as if the branch reinstalled the program
        connection.execute("DELETE FROM app_setting WHERE key = 'bundle_signing_key'")
    plan = committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path)
    assert plan.status == Status.KEY_CHANGED
    with pytest.raises(BundleRejected, match=plan.header.sender.fingerprint):
        committee.bundles.apply(plan)
    assert committee.bundles.apply(plan, confirm_sender=True).applied
    assert committee.bundles.senders()[plan.sender_org_id].fingerprint == plan.header.sender.fingerprint


def test_password_bundles_open_with_the_password_only(world, tmp_path):
    committee = world("党工委", "C-02", committee=True)
    branch = world("第二支部", "B-02", volunteers=5, activities=3)
    with pytest.raises(BundleRejected):
        branch.bundles.export(_stick(tmp_path))  # no receiving key: a password is needed
    assert list(_stick(tmp_path).iterdir()) == []
    path = branch.bundles.export(_stick(tmp_path), password=PASSWORD).path
    with pytest.raises(PasswordNeeded):
        committee.bundles.inspect(path)
    with pytest.raises(PasswordNeeded):
        committee.bundles.inspect(path, password="wrong password")
    assert committee.bundles.inspect(path, password=PASSWORD).changes["volunteer"].new == 5


def test_a_bundle_for_another_committee_or_from_itself_is_refused(pair, world, tmp_path):
    committee, branch = pair
    other = world("另一个党工委", "C-09", committee=True)
    other.bundles.keys.receiving_key()
    path = branch.bundles.export(_stick(tmp_path)).path
    with pytest.raises(BundleRejected, match=committee.bundles.keys.fingerprints().receiving):
        other.bundles.inspect(path)  # the message names the key it was made for
    hand_key(committee, committee, tmp_path)  # a committee encrypting to itself
    own = committee.bundles.export(tmp_path / "stick")
    with pytest.raises(BundleRejected, match="西太湖科技产业园党工委"):
        committee.bundles.inspect(own.path)


def test_a_committee_reports_its_branches_upward(world, tmp_path):
    district = world("区委", "D-01", committee=True)
    committee = world("党工委", "C-03", committee=True)
    branches = [world(f"第{n}支部", f"B-3{n}", volunteers=6, activities=4, seed=n) for n in range(1, 4)]
    for branch in branches:
        hand_key(committee, branch, tmp_path)
        committee.bundles.apply(committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path),
                                confirm_sender=True)
    hand_key(district, committee, tmp_path)
    plan = district.bundles.inspect(committee.bundles.export(_stick(tmp_path)).path)
    assert plan.changes["organisation"].new == 4 and plan.changes["volunteer"].new == 18
    district.bundles.apply(plan, confirm_sender=True)
    for branch in branches:
        org = _home_id(branch.database)
        assert _rows(district.database, "participation", org) == _rows(branch.database, "participation", org)


def test_the_committee_sees_the_branch_quarter_as_the_branch_does(pair, tmp_path):
    from volunteer_desk.domain.calendar import Quarter
    from volunteer_desk.services.reports import ReportService

    committee, branch = pair
    committee.bundles.apply(committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path),
                            confirm_sender=True)
    org = _home_id(branch.database)
    with sqlite3.connect(branch.database.path) as connection:
        quarters = {Quarter.parse(f"{day[:4]}Q{(int(day[5:7]) + 2) // 3}")
                    for (day,) in connection.execute("SELECT held_on FROM activity")}
    for quarter in quarters:
        at_branch = ReportService(branch.database).quarter_summary(quarter, org).rows
        at_committee = ReportService(committee.database).quarter_summary(quarter, org).rows
        assert [(r.volunteer_id, r.minutes, r.points, r.rank) for r in at_committee] == \
            [(r.volunteer_id, r.minutes, r.points, r.rank) for r in at_branch]


def test_an_export_to_a_stick_that_was_pulled_out_says_so(pair, tmp_path):
    from volunteer_desk.services.file_writes import WriteFailed

    _committee, branch = pair
    gone = tmp_path / "stick-gone"
    with pytest.raises(WriteFailed) as caught:
        branch.bundles.export(gone)
    assert str(gone) in caught.value.message and not gone.exists()


def test_the_committee_sees_a_branch_records_but_does_not_edit_them(pair, tmp_path):
    from volunteer_desk.services.activities import ActivityService, InvalidActivity
    from volunteer_desk.services.entries import InvalidEntry
    from volunteer_desk.services.ledgers import LedgerService
    from volunteer_desk.services.volunteers import InvalidVolunteer

    committee, branch = pair
    committee.bundles.apply(committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path),
                            confirm_sender=True)
    volunteers = VolunteerService(committee.database)
    received = _rows(committee.database, "volunteer")[0][0]
    values = volunteers.raw_values(received)
    values["name"] = "委员会改名"
    with pytest.raises(InvalidVolunteer) as refused:
        volunteers.save(values, editing=received)
    assert "西湖街道机关第一党支部" in refused.value.result.errors["name"]
    with pytest.raises(InvalidVolunteer):
        volunteers.delete(received)
    activity = _rows(committee.database, "activity")[0][0]
    with pytest.raises(InvalidActivity):
        ActivityService(committee.database).delete(activity)
    with pytest.raises(InvalidEntry):
        LedgerService(committee.database).add_manual_points(received, 5, "表扬")
    assert _rows(committee.database, "volunteer", _home_id(branch.database)) == \
        _rows(branch.database, "volunteer", _home_id(branch.database))

    own = volunteers.blank_values()  # the committee's own people stay editable
    own.update(name="委员会干部")
    assert volunteers.check(own).errors.get("name") is None


@pytest.fixture
def small_stick(tmp_path):
    """A real file system with little room (tmpfs), where this machine lets the tests mount one."""
    import subprocess

    folder = tmp_path / "small-stick"
    folder.mkdir()

    def mount(size: int) -> Path:
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                                capture_output=True)
        if result.returncode != 0:
            pytest.skip("cannot mount a small file system here: " + result.stderr.decode(errors="replace"))
        return folder

    yield mount
    subprocess.run(["umount", str(folder)], capture_output=True)


def test_a_stick_too_full_for_the_bundle_gets_no_half_file(pair, tmp_path, small_stick):
    from volunteer_desk.services.file_writes import WriteFailed

    _committee, branch = pair
    size = branch.bundles.export(_stick(tmp_path)).path.stat().st_size
    stick = small_stick(max(4096, size // 2 // 4096 * 4096))
    with pytest.raises(WriteFailed) as caught:
        branch.bundles.export(stick)
    assert "space" in caught.value.message or "空间" in caught.value.message
    assert list(stick.iterdir()) == []  # neither the bundle's name nor the temporary file is left


def test_cancelling_an_export_before_it_is_written_leaves_no_file(pair, tmp_path):
    _committee, branch = pair
    stick = _stick(tmp_path)
    with pytest.raises(Cancelled):
        branch.bundles.export(stick, progress=lambda done, total: done < 2)
    assert list(stick.iterdir()) == []
    assert branch.bundles.export(stick).path.exists()  # the next export goes ahead


def test_an_import_cancelled_half_way_changes_nothing_and_can_be_done_again(pair, tmp_path):
    committee, branch = pair
    plan = committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path)
    before = {table: _rows(committee.database, table) for table in records.TABLES}
    with pytest.raises(Cancelled):
        committee.bundles.apply(plan, confirm_sender=True, progress=lambda done, total: done < total // 2)
    assert {table: _rows(committee.database, table) for table in records.TABLES} == before
    assert committee.bundles.receipts() == [] and committee.bundles.senders() == {}
    assert committee.bundles.apply(plan, confirm_sender=True).applied
    assert len(_rows(committee.database, "volunteer")) == len(before["volunteer"]) + 40


def _indexes(database) -> list[tuple]:
    with sqlite3.connect(database.path) as connection:
        return connection.execute("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' "
                                  "ORDER BY name").fetchall()


def test_a_first_bundle_into_an_empty_committee_leaves_every_index_as_it_was(pair, tmp_path):
    """Tables the bundle outnumbers get its rows with their indexes dropped and built again afterwards."""
    committee, branch = pair
    before = _indexes(committee.database)
    plan = committee.bundles.inspect(branch.bundles.export(_stick(tmp_path)).path)
    assert committee.bundles.apply(plan, confirm_sender=True).applied
    assert _indexes(committee.database) == before
    with sqlite3.connect(committee.database.path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
