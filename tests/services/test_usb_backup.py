"""The encrypted backup on a USB stick, on real files: written, read back and checked, refused when the
password is wrong or a byte has changed, and restored with the database before it kept."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3

import pytest

from volunteer_desk import paths
from volunteer_desk.services import usb_backup
from volunteer_desk.services.backups import BackupFailed, BackupService
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.volunteers import VolunteerService
from tests.bundle_world import PASSWORD, installation
from tests.test_cli import _run

BRANCH = "西湖街道机关第一党支部"


@pytest.fixture(scope="module")
def branch(tmp_path_factory, migrated_database_file):
    """One branch and one backup written to its stick, shared: encrypting costs a second of scrypt."""
    folder = tmp_path_factory.mktemp("usb")
    place = installation(migrated_database_file, folder / "branch", name=BRANCH, code="B-1", volunteers=12,
                         activities=4)
    (folder / "stick").mkdir()
    steps = []
    backups = BackupService(place.folder, place.database.path)
    written = usb_backup.write(place.database, backups, folder / "stick", PASSWORD,
                               progress=lambda *step: steps.append(step))
    yield place, backups, written, steps
    place.database.close()


@pytest.fixture
def written(branch):
    return branch[2]


@pytest.fixture
def elsewhere(data_dir):
    """Another computer's data folder, with an empty database."""
    return BackupService(data_dir)


def _counts(database_file) -> tuple[int, int]:
    with contextlib.closing(sqlite3.connect(database_file)) as connection:
        return (connection.execute("SELECT count(*) FROM volunteer WHERE NOT deleted").fetchone()[0],
                connection.execute("SELECT count(*) FROM activity WHERE NOT deleted").fetchone()[0])


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_is_written_encrypted_to_the_stick_checked_there_and_opens_with_its_password(branch):
    place, backups, written, steps = branch
    stick = written.path.parent
    assert written.path.suffix == ".vdbak" and written.path.name.startswith(f"VolunteerDesk备份_{BRANCH}_")
    assert sorted(stick.iterdir()) == [written.path]  # nothing half-written beside it
    assert not list(place.folder.glob(".usb-backup-*"))  # the decrypted copies are gone
    assert (written.volunteers, written.activities) == (12, 4) == _counts(place.database.path)
    assert written.size == written.path.stat().st_size and steps[-1] == (4, 4)
    data = written.path.read_bytes()
    name = VolunteerService(place.database).raw_values(_first_volunteer(place.database.path))["name"]
    assert b"SQLite format 3" not in data and name.encode() not in data

    opened = usb_backup.inspect(backups, written.path, PASSWORD)
    assert (opened.volunteers, opened.activities, opened.organisation) == (12, 4, BRANCH)
    assert opened.made_at.replace(microsecond=0) == written.made_at.replace(microsecond=0)
    assert not list(place.folder.glob(".usb-backup-*"))


def test_restoring_on_another_computer_brings_the_data_and_keeps_the_database_before_it(written, elsewhere):
    assert _counts(elsewhere.database_file) == (0, 0)

    result = usb_backup.restore(elsewhere, written.path, PASSWORD)

    assert _counts(elsewhere.database_file) == (12, 4)
    assert (result.restored.path, result.restored.volunteers) == (written.path, 12)
    (kept,) = elsewhere.list()
    assert kept.kind == "before_restore" and kept.path == result.previous and kept.ok and kept.volunteers == 0
    assert not list(elsewhere.database_file.parent.glob(".usb-backup-*"))


def test_a_wrong_password_or_a_changed_byte_is_refused_and_the_database_left_alone(written, elsewhere, tmp_path):
    before = _sha256(elsewhere.database_file)
    data = bytearray(written.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    flipped = tmp_path / "flipped.vdbak"
    flipped.write_bytes(bytes(data))
    cut = tmp_path / "cut.vdbak"
    cut.write_bytes(bytes(data[:len(data) // 3]))

    refusals = {}
    for name, path, password in (("wrong", written.path, "not the password"), ("flipped", flipped, PASSWORD),
                                 ("cut", cut, PASSWORD)):
        with pytest.raises(BackupFailed) as refused:
            usb_backup.restore(elsewhere, path, password)
        refusals[name] = str(refused.value)
    assert refusals["wrong"] != refusals["flipped"]
    assert flipped.name in refusals["flipped"] and cut.name in refusals["cut"]
    assert _sha256(elsewhere.database_file) == before
    assert elsewhere.list() == []  # not even a "before_restore" backup: nothing was begun
    assert not list(elsewhere.database_file.parent.glob(".usb-backup-*"))


def test_only_an_encrypted_backup_is_restored_from_a_stick(branch, tmp_path):
    place, backups, _written, _steps = branch
    bundle = place.bundles.export(tmp_path, password=PASSWORD).path  # a bundle with the same password
    plain = tmp_path / "plain.vdbak"
    plain.write_bytes(place.database.path.read_bytes())
    for path in (bundle, plain):
        with pytest.raises(BackupFailed) as refused:
            usb_backup.inspect(backups, path, PASSWORD)
        assert path.name in str(refused.value)


def test_a_short_password_or_a_stick_pulled_out_writes_nothing(branch, tmp_path):
    place, backups, _written, _steps = branch
    with pytest.raises(BackupFailed):
        usb_backup.write(place.database, backups, tmp_path, "1234567")
    gone = tmp_path / "stick-gone"
    with pytest.raises(BackupFailed) as refused:
        usb_backup.write(place.database, backups, gone, PASSWORD)
    assert str(gone) in str(refused.value) and not gone.exists()
    assert not list(tmp_path.glob("*.vdbak")) and not list(place.folder.glob(".usb-backup-*"))


def test_backup_to_a_stick_and_restore_on_the_command_line(branch, data_dir, tmp_path):
    place = branch[0]
    stick, password = tmp_path / "stick", tmp_path / "password.txt"
    stick.mkdir()
    password.write_text(PASSWORD + "\n", encoding="utf-8")

    written = _run("--data-dir", str(place.folder), "backup", "--usb", str(stick), "--password-file", str(password))
    assert written.returncode == 0, written.stderr
    (backup,) = stick.glob("*.vdbak")
    assert str(backup) in written.stdout

    restored = _run("--data-dir", str(data_dir), "restore", str(backup), "--password-file", str(password))
    assert restored.returncode == 0, restored.stderr
    assert "before_restore" in restored.stdout and _counts(paths.database_file(data_dir)) == (12, 4)


def _first_volunteer(database_file) -> str:
    with contextlib.closing(sqlite3.connect(database_file)) as connection:
        return connection.execute("SELECT id FROM volunteer WHERE NOT deleted ORDER BY id").fetchone()[0]


def test_a_backup_cancelled_before_it_is_written_leaves_nothing_on_the_stick(branch, tmp_path):
    place, backups, _written, _steps = branch
    with pytest.raises(Cancelled):
        usb_backup.write(place.database, backups, tmp_path, PASSWORD, progress=lambda done, total: done < 1)
    assert list(tmp_path.iterdir()) == [] and not list(place.folder.glob(".usb-backup-*"))
