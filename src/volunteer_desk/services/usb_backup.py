"""The encrypted backup on a USB stick (备份到U盘): the whole database in one password-protected file, written
to the stick, read back from it and checked before the secretary is told she may pull the stick out.

The file reuses the sealed bundle format (exchange/sealed.py) unchanged, in its password mode: scrypt, then
AES-256-GCM in authenticated chunks, signed with this installation's signing key. Its payload is the bytes of
a plain backup (a self-contained SQLite file made by BackupService); the header's period is the quarter it
was made in and its sequence is always 1, because a backup is not one of the sender's numbered bundles.
A backup is told from a bundle by its payload, which starts with SQLite's file header, and by its name
(.vdbak, which the bundle import does not pick up). Restoring does not require the signing key to be this
installation's: a backup is restored on a new computer when the old one died, and the password is what
proves the file is ours (a wrong password cannot decrypt it, and every byte is authenticated). As in a
bundle, the header (organisation name and code, time made) can be read without the password; nothing else.

Decrypted copies live only in a temporary folder inside the data folder, beside the live database (never in
the system's temp folder), and are removed when the work is done or fails.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.exchange import BundleRejected, keys, sealed
from volunteer_desk.i18n import _
from volunteer_desk.services.backups import BackupFailed, BackupInfo, BackupService, RestoreResult
from volunteer_desk.services.bundle_keys import KeyService
from volunteer_desk.services.database import Database
from volunteer_desk.services.file_writes import WriteFailed, describe, free_name, read_back, write_safely
from volunteer_desk.services.progress import Progress, tell
from volunteer_desk.storage import organisations

log = logging.getLogger(__name__)

SUFFIX = ".vdbak"
SQLITE_HEADER = b"SQLite format 3\x00"
# Room for the sealed file's header, chunk lengths, tags and signature within the largest file it may be.
LARGEST_DATABASE = sealed.MAX_BUNDLE - 2**20
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclasses.dataclass(frozen=True)
class UsbBackup:
    """An encrypted backup file, opened and checked."""

    path: Path
    made_at: dt.datetime  # local time
    organisation: str
    size: int  # bytes of the encrypted file
    volunteers: int
    activities: int


def file_name(organisation: str, made_at: dt.datetime) -> str:
    """VolunteerDesk备份_某某支部_20260320_0900.vdbak: safe on every file system a stick may carry."""
    name = _UNSAFE.sub("_", organisation).strip(" .") or "VolunteerDesk"
    return f"VolunteerDesk备份_{name}_{made_at:%Y%m%d_%H%M}{SUFFIX}"


def planned_name(database: Database) -> str:
    """The name a backup written now gets, to show before it is written."""
    with database.sessions() as session:
        return file_name(organisations.home(session).name, dt.datetime.now())


def write(database: Database, backups: BackupService, folder: Path, password: str, *,
          progress: Progress | None = None) -> UsbBackup:
    """Back up the database, encrypt the backup with `password` into `folder` (the stick), read it back from
    there, decrypt it and check it. BackupFailed, with the reason in Chinese, for anything that went wrong;
    a file that did not check out is removed again."""
    if len(password) < sealed.MIN_PASSWORD:
        raise BackupFailed(_("Choose a password of at least 8 characters."))
    if not Path(folder).is_dir():  # said at once, not after the backup was made and encrypted
        raise BackupFailed(_("The folder {folder} is not there: the USB stick may have been removed. Put it back "
                             "in, or choose another folder, then try again.").format(folder=folder))
    signing = KeyService(database).signing_private()
    with database.sessions() as session:
        home = organisations.home(session)
        sender = sealed.Sender(code=home.code, name=home.name, level=home.level,
                               signing_key=keys.signing_public(signing))
    tell(progress, 0, 4)
    with _scratch(backups) as scratch:
        plain = backups.make("usb", out_dir=scratch)
        content = plain.path.read_bytes()
        if len(content) > LARGEST_DATABASE:
            raise BackupFailed(_("The database is too large ({size} MB) for an encrypted backup file (at most "
                                 "{limit} MB). Ask the person who supports the program for help.").format(
                                     size=len(content) // 2**20, limit=LARGEST_DATABASE // 2**20))
        tell(progress, 1, 4)
        data = sealed.seal(content, sender=sender, signing_private=signing, period=str(Quarter.of(
            plain.created_at.date())), sequence=1, created_at=plain.created_at, password=password)
        tell(progress, 2, 4)
        path = free_name(Path(folder) / file_name(home.name, plain.created_at))
        try:
            write_safely(path, data)
            tell(progress, 3, 4, stoppable=False)
            written = read_back(path)
        except WriteFailed as error:
            raise BackupFailed(error.message) from error
        except OSError as error:
            raise BackupFailed(_("The backup was written to {path} but cannot be read back ({reason}). Do not rely "
                                 "on this stick; write the backup to another one.").format(
                                     path=path, reason=error.strerror or error)) from error
        try:
            if written != data:
                raise BackupFailed(_("The backup read back from {folder} differs from what was written: the stick "
                                     "is faulty. The file was removed; write the backup to another stick.").format(
                                         folder=path.parent))
            _header, checked = _opened(written, password, path.name, scratch)
        except BackupFailed:
            path.unlink(missing_ok=True)
            raise
    tell(progress, 4, 4, stoppable=False)
    log.info("encrypted backup %s written (%d bytes)", path, len(data))
    return UsbBackup(path=path, made_at=plain.created_at, organisation=home.name, size=len(data),
                     volunteers=checked.volunteers, activities=checked.activities)


def inspect(backups: BackupService, path: Path, password: str) -> UsbBackup:
    """Open and check an encrypted backup without changing anything: what restoring it would bring back."""
    path = Path(path)
    data = _read(path)
    with _scratch(backups) as scratch:
        header, checked = _opened(data, password, path.name, scratch)
    return UsbBackup(path=path, made_at=_local(header.created_at), organisation=header.sender.name, size=len(data),
                     volunteers=checked.volunteers, activities=checked.activities)


def restore(backups: BackupService, path: Path, password: str) -> RestoreResult:
    """Decrypt and check the backup, then put it in place of the live database, which is backed up first
    ("before_restore"). The caller must have closed the database, as for BackupService.restore. Nothing is
    changed when the password is wrong or the file does not check out."""
    path = Path(path)
    data = _read(path)
    with _scratch(backups) as scratch:
        header, checked = _opened(data, password, path.name, scratch)
        result = backups.restore(checked.path)
    restored = dataclasses.replace(result.restored, path=path, kind="usb", created_at=_local(header.created_at))
    return RestoreResult(restored=restored, previous=result.previous)


def _opened(data: bytes, password: str, name: str, scratch: Path) -> tuple[sealed.Header, BackupInfo]:
    """The header, and a checked backup of the decrypted database in `scratch` (integrity and counts)."""
    if not data.startswith(sealed.MAGIC):
        raise BackupFailed(_not_a_backup(name))
    try:
        header = sealed.read_header(data)
        if header.mode != "password":
            raise BackupFailed(_not_a_backup(name))
        content = sealed.open_payload(data, password=password)
    except sealed.PasswordNeeded:
        raise BackupFailed(_("The password is wrong. Enter the password that was chosen when this backup was "
                             "written to the USB stick.")) from None
    except BundleRejected:
        raise BackupFailed(_("{name} is damaged (its contents do not check out), so it cannot be used. Use "
                             "another backup.").format(name=name)) from None
    if not content.startswith(SQLITE_HEADER):
        raise BackupFailed(_not_a_backup(name))
    decrypted = scratch / "decrypted.sqlite3"
    try:
        decrypted.write_bytes(content)
    except OSError as error:
        raise BackupFailed(describe(error, decrypted)) from error
    return header, BackupService(scratch, database_file=decrypted).make("usb", out_dir=scratch)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > sealed.MAX_BUNDLE:
            raise BackupFailed(_not_a_backup(path.name))
        return read_back(path)
    except OSError as error:
        raise BackupFailed(_("{path} cannot be read ({reason}). If it is on a USB stick, check that the stick is "
                             "plugged in, then try again.").format(path=path, reason=error.strerror or error)) \
            from error


def _not_a_backup(name: str) -> str:
    return _("{name} is not an encrypted VolunteerDesk backup. Choose a file ending in .vdbak that "
             "“Back up to USB stick” wrote.").format(name=name)


@contextlib.contextmanager
def _scratch(backups: BackupService) -> Iterator[Path]:
    """A temporary folder beside the live database, removed with everything in it when left."""
    folder = backups.database_file.parent
    try:
        temporary = tempfile.TemporaryDirectory(prefix=".usb-backup-", dir=folder, ignore_cleanup_errors=True)
    except OSError as error:
        raise BackupFailed(describe(error, folder / "usb-backup")) from error
    with temporary as name:
        yield Path(name)


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone().replace(tzinfo=None)
