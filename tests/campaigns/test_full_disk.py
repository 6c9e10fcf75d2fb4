"""Campaign: a full disk. A small file system (tmpfs, mounted where this machine allows it) filled up is used
(a) as the folder a backup, a PDF, an Excel list, a template or a bundle is written to, and (b) as the data
folder itself, where an import and then single saves run out of room. Every time: a clear message, no
traceback, no half file under the final name, the database whole and its data all there.
"""

from __future__ import annotations

import datetime as dt
import errno
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.campaigns.conftest import (content_digest, integrity, live_volunteers, roster_people, run_cli,
                                      write_roster)
from tests.sheet_data import id_number
from volunteer_desk import paths
from volunteer_desk.services.backups import BackupService
from volunteer_desk.services.database import open_database
from volunteer_desk.services.file_writes import describe
from volunteer_desk.services.volunteers import VolunteerService

pytestmark = pytest.mark.slow

PASSWORD = "西湖第一支部2026"


@pytest.fixture
def small_disk(tmp_path):
    """mount(name, size) → a folder on a new tmpfs of that size; every one is unmounted afterwards."""
    mounted: list[Path] = []

    def mount(name: str, size: int) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip("cannot mount a small file system here: " + result.stderr)
        mounted.append(folder)
        return folder

    try:
        yield mount
    finally:
        for folder in mounted:
            if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
                subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path, leave: int = 0, name: str = "filler") -> None:
    """Fill the file system with one file until `leave` bytes (rounded to pages) are free."""
    with open(folder / name, "wb", buffering=0) as filler:
        try:
            filler.write(b"\0" * max(shutil.disk_usage(folder).free - leave, 0))
            if not leave:
                while True:
                    filler.write(b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC


def assert_clean_refusal(result: subprocess.CompletedProcess, folder: Path) -> None:
    what = f"exit {result.returncode}\nstdout: {result.stdout[-500:]}\nstderr: {result.stderr[-1500:]}"
    assert result.returncode == 1, what
    assert "Traceback" not in result.stderr + result.stdout and "Logging error" not in result.stderr, what
    assert str(folder) in result.stderr, what  # says where …
    assert len(result.stderr.strip().splitlines()) <= 3, what  # … in a few plain lines


def test_a_full_stick_gets_a_clear_message_and_no_half_file(demo_dir, small_disk, tmp_path):
    database = paths.database_file(demo_dir)
    stick = small_disk("stick", 1 << 20)
    fill(stick)
    before = content_digest(database)
    password_file = tmp_path / "password.txt"
    password_file.write_text(PASSWORD, encoding="utf-8")
    # What the writing of any file says when there is no room (as translated), from after the file's name on.
    no_room = describe(OSError(errno.ENOSPC, "No space left on device"), stick / "NAME").split("NAME")[-1]
    attempts = {
        "backup": ("backup", "--out", stick),
        "pdf": ("print", "roster", "--out", stick / "名册.pdf"),
        "excel": ("export-excel", "roster", "--out", stick / "名册.xlsx"),
        "template": ("import-excel", "--template", stick / "导入模板.xlsx"),
        "bundle": ("export-bundle", "--out", stick, "--password-file", password_file),
    }
    for name, args in attempts.items():
        result = run_cli("--data-dir", demo_dir, *args)
        assert_clean_refusal(result, stick)
        if name != "backup":  # the backup says it in its own words: the disk holding the folder is full
            assert no_room in result.stderr, f"{name}: {result.stderr}"
        assert sorted(p.name for p in stick.iterdir()) == ["filler"], name  # neither the file nor a temporary
        assert integrity(database) == "ok" and content_digest(database) == before, name
    print(f"\n[campaign] full stick: {len(attempts)} of {len(attempts)} refused cleanly, nothing left there")


def test_a_full_data_folder_stops_an_import_and_saves_cleanly_and_loses_nothing(demo_database_file, small_disk,
                                                                                tmp_path):
    data_dir = small_disk("data", demo_database_file.stat().st_size + (2 << 20))
    shutil.copyfile(demo_database_file, paths.database_file(data_dir))
    (data_dir / "logs").mkdir()  # while there is room: the log file's lines are what cannot be written
    database_file = paths.database_file(data_dir)
    before, volunteers = content_digest(database_file), live_volunteers(database_file)
    roster = write_roster(tmp_path / "名册.xlsx", roster_people(1000))
    fill(data_dir, leave=128 << 10)

    for args in (("import-excel", roster), ("backup",)):  # the backups folder is on the same disk
        assert_clean_refusal(run_cli("--data-dir", data_dir, *args), data_dir)
        assert integrity(database_file) == "ok" and content_digest(database_file) == before, args

    (data_dir / "filler").unlink()
    fill(data_dir, leave=512 << 10)  # room for a few volunteers more, one sheet at a time
    saved, refused = _save_until_full(data_dir)
    assert refused is not None and refused.errno == errno.ENOSPC, "the disk never filled up"
    assert saved and str(data_dir) in describe(refused, database_file)
    assert integrity(database_file) == "ok"
    assert live_volunteers(database_file) == volunteers + len(saved)  # every save that returned is there

    # Room again: the next clean close folds the log back and removes it and its index. Then the disk fills
    # up to the last byte while the program is closed: even the read-only check at start cannot open the
    # database (SQLite needs room for the log's index). It must say that the disk is full, not call the
    # database damaged and offer to put an older backup in its place.
    (data_dir / "filler").unlink()
    assert live_volunteers(database_file) == volunteers + len(saved)
    assert integrity(database_file) == "ok"  # the last connection, read-write: the side files go
    assert not Path(f"{database_file}-shm").exists()
    fill(data_dir, name="more")
    checked = run_cli("--data-dir", data_dir, "check")
    assert_clean_refusal(checked, data_dir)
    decision = BackupService(data_dir).check()
    assert not decision.ok and not decision.damaged and decision.message.strip() in checked.stderr
    (data_dir / "more").unlink()
    assert BackupService(data_dir).check().ok
    print(f"\n[campaign] full data folder: import and backup refused cleanly; {len(saved)} saves, then "
          f"“{refused.strerror}”; all kept; a full disk at start is not called damage")


def _save_until_full(data_dir: Path) -> tuple[list[str], OSError | None]:
    """Volunteers registered one by one, as on the registration sheet, until the disk refuses one."""
    database = open_database(data_dir)
    service = VolunteerService(database)
    saved = []
    try:
        for number in range(2000):
            born = dt.date(1942, 1, 1) + dt.timedelta(days=number)
            raw = service.blank_values() | {
                "name": f"满盘{number}", "sex": "male", "political_status": "member",
                "id_number": id_number(f"{born:%Y%m%d}", region="320411", sequence="011"),
                "experience": "社区服务。" * 200}
            try:
                saved.append(service.save(raw))
            except OSError as error:
                return saved, error
    finally:
        database.close()  # with no room to fold the write-ahead log back, what was saved stays in it
    return saved, None
