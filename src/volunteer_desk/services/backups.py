"""Backups of the database file, their rotation, integrity checks and restoring one.

Everything here uses the standard library's sqlite3 and never an open `Database`: it must work when the
database cannot be opened, and must never migrate or write a damaged file. Copies are made with SQLite's
online backup API (a plain file copy of a WAL database can miss committed pages), checked with
`PRAGMA integrity_check`, fingerprinted with SHA-256 and written under a temporary name first, so a final
name never holds a half file. Each backup `X.sqlite3` has a manifest `X.json` beside it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from volunteer_desk import paths
from volunteer_desk.i18n import _
from volunteer_desk.services import sqlite_files
from volunteer_desk.services.file_writes import free_name, write_safely

log = logging.getLogger(__name__)

PREFIX = "volunteer_desk-"
# Made by a person (or before a restore): rotation never deletes them, only the automatic ones.
KEPT_KINDS = frozenset({"manual", "usb", "before_restore", "before_upgrade"})
# The longest an automatic backup is kept (one a month): what a permanent deletion's confirmation promises.
MONTHS_KEPT = 12
# A backup killed half-way (the computer switched off during the exit backup) leaves its temporary copy behind;
# older than this, no backup can still be writing it, and the next rotation removes it.
LEFT_OVER_AGE = dt.timedelta(days=1)


class BackupFailed(Exception):
    """The message says, in Chinese, what went wrong and what to do."""


@dataclasses.dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    created_at: dt.datetime
    sha256: str
    schema_revision: str | None
    volunteers: int
    activities: int
    program_version: str
    ok: bool = True
    reason: str = ""
    source: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)


@dataclasses.dataclass(frozen=True)
class CheckResult:
    ok: bool
    message: str
    # Not ok: the file itself is damaged (a backup should replace it), or else it could not be read just now
    # (a full disk, a lock), which a backup would not mend.
    damaged: bool = False


@dataclasses.dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    previous: Path | None  # where the database that was replaced is kept (None when there was none)


class BackupService:
    def __init__(self, data_dir: Path, database_file: Path | None = None,
                 now: Callable[[], dt.datetime] = dt.datetime.now):
        self.folder = data_dir / "backups"
        self.database_file = database_file or paths.database_file(data_dir)
        self._now = now

    # --- making ---------------------------------------------------------------------------------------------

    def make(self, kind: str = "manual", out_dir: Path | None = None) -> BackupInfo:
        if not self.database_file.is_file():
            raise BackupFailed(_("There is no database at {path} to back up.").format(path=self.database_file))
        folder = out_dir or self.folder
        created = self._now()  # to the microsecond: two backups in one second still sort
        signature = _signature(self.database_file)  # taken first: a write during the copy makes it stale, not wrong
        with _writing_into(folder):
            folder.mkdir(parents=True, exist_ok=True)
            target = free_name(folder / f"{PREFIX}{created:%Y%m%d-%H%M%S}-{kind}.sqlite3")
            with _temporary_file(folder) as temporary:
                try:
                    sqlite_files.copy(self.database_file, temporary, journal_mode="DELETE")
                except sqlite3.DatabaseError as exc:
                    if isinstance(exc, sqlite3.OperationalError):
                        raise  # the target cannot be written: said by _writing_into
                    raise BackupFailed(_("The database could not be read for the backup ({problem}). Run “check” "
                                         "to see whether it is damaged.").format(problem=exc)) from exc
                problem = sqlite_files.integrity_problem(temporary)
                if problem:
                    raise BackupFailed(_("The copy of the database failed its integrity check ({problem}), so it "
                                         "was not kept. Run “check” to see whether the database itself is "
                                         "damaged.").format(problem=problem))
                revision, volunteers, activities = sqlite_files.summary(temporary)
                info = BackupInfo(path=target, kind=kind, created_at=created, sha256=sqlite_files.sha256(temporary),
                                  schema_revision=revision, volunteers=volunteers, activities=activities,
                                  program_version=_version(), source=signature)
                os.replace(temporary, target)
            try:
                write_safely(_manifest_path(target), json.dumps(_manifest(info), ensure_ascii=False, indent=1).encode())
            except BaseException:
                target.unlink(missing_ok=True)
                raise
        log.info("backup %s made (%s)", target.name, kind)
        return info

    # --- reading --------------------------------------------------------------------------------------------

    def list(self) -> list[BackupInfo]:
        """Every backup in the backups folder, newest first; damaged or missing ones with ok=False."""
        infos = [self._checked(info) for info in self._manifests()]
        return sorted(infos, key=lambda info: info.created_at, reverse=True)

    def verify(self, backup: Path) -> BackupInfo:
        """The backup's manifest, with ok=False and the reason when its file is missing, altered or damaged."""
        manifest = _manifest_path(backup)
        try:
            info = _read_manifest(manifest)
        except (OSError, ValueError, KeyError):
            return BackupInfo(path=backup, kind="", created_at=dt.datetime.min, sha256="", schema_revision=None,
                              volunteers=0, activities=0, program_version="", ok=False,
                              reason=_("{name} has no readable description file ({manifest}) beside it, so it "
                                       "cannot be checked.").format(name=backup.name, manifest=manifest.name))
        info = self._checked(info)
        if info.ok:
            problem = sqlite_files.integrity_problem(info.path)
            if problem:
                return _failed(info, _("The backup fails its integrity check: {problem}.").format(problem=problem))
        return info

    def newest_good(self) -> BackupInfo | None:
        """The newest backup that passes `verify`; older ones are checked only while newer ones fail."""
        for info in sorted(self._manifests(), key=lambda info: info.created_at, reverse=True):
            checked = self.verify(info.path)
            if checked.ok:
                return checked
        return None

    def backed_up_today(self) -> bool:
        today = self._now().date()
        return any(info.created_at.date() == today for info in self._manifests())

    def should_back_up_at_exit(self, database_file: Path | None = None) -> bool:
        """Whether the database changed since the newest backup of it.

        Compares the size and modification time (ns) of the database file and its write-ahead log with what
        the newest manifest recorded when that backup started. Any write changes one of them, so a change is
        never missed; a checkpoint without new data may give a needless backup, which costs only disk space.
        """
        path = database_file or self.database_file
        if not path.is_file():
            return False
        newest = max(self._manifests(), key=lambda info: info.created_at, default=None)
        return newest is None or newest.source != _signature(path)

    # --- rotating -------------------------------------------------------------------------------------------

    def rotate(self, keep_daily: int = 7, keep_weekly: int = 4, keep_monthly: int = MONTHS_KEPT) -> list[Path]:
        """Grandfather-father-son: keep the newest automatic backup of each of the last `keep_daily` days,
        `keep_weekly` ISO weeks and `keep_monthly` months; delete the other automatic ones. Backups made by a
        person or before a restore, and any dated in the future (a clock set wrong), are never deleted.
        Temporary copies left by a backup that was killed are deleted once LEFT_OVER_AGE old."""
        self._remove_left_overs()
        today = self._now().date()
        days = {today - dt.timedelta(days=n) for n in range(keep_daily)}
        weeks = {(today - dt.timedelta(weeks=n)).isocalendar()[:2] for n in range(keep_weekly)}
        months = {_month_back(today, n) for n in range(keep_monthly)}
        automatic = sorted((info for info in self._manifests() if info.kind not in KEPT_KINDS),
                           key=lambda info: info.created_at, reverse=True)
        kept: set[Path] = set()
        seen: set[tuple] = set()
        for info in automatic:
            day = info.created_at.date()
            periods = []
            if day in days:
                periods.append(("day", day))
            if day.isocalendar()[:2] in weeks:
                periods.append(("week", day.isocalendar()[:2]))
            if (day.year, day.month) in months:
                periods.append(("month", (day.year, day.month)))
            if day > today or any(period not in seen for period in periods):
                kept.add(info.path)
            seen.update(periods)
        deleted = [info.path for info in automatic if info.path not in kept]
        for path in deleted:
            path.unlink(missing_ok=True)
            _manifest_path(path).unlink(missing_ok=True)
            log.info("backup %s deleted by rotation", path.name)
        return deleted

    def _remove_left_overs(self) -> None:
        cutoff = (self._now() - LEFT_OVER_AGE).timestamp()
        for left_over in self.folder.glob(".*.part*") if self.folder.is_dir() else ():
            with contextlib.suppress(OSError):
                if left_over.stat().st_mtime < cutoff:
                    left_over.unlink()
                    log.info("temporary file %s of an interrupted backup deleted", left_over.name)

    # --- checking and restoring -----------------------------------------------------------------------------

    def check(self, database_file: Path | None = None) -> CheckResult:
        """`PRAGMA quick_check` on the live database, opened read-only so a damaged file is never written."""
        path = database_file or self.database_file
        if not path.is_file():
            return CheckResult(True, _("There is no database yet; a new one will be made."))
        try:
            with contextlib.closing(sqlite_files.connect_read_only(path)) as connection:
                rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF in _NOT_READ_NOW:
                log.error("cannot read %s to check it: %s", path.name, exc)
                return CheckResult(False, _not_read_now(path, exc))
            rows = [str(exc)]
        if rows == ["ok"]:
            return CheckResult(True, _("The database passed its integrity check."))
        problem = sqlite_files.first_line(rows)
        log.error("quick_check of %s failed: %s", path.name, problem)
        return CheckResult(False, _("The database {path} is damaged (the integrity check found: {problem}). "
                                    "Nothing has been written to it. Restore the newest good backup: "
                                    "volunteer-desk restore BACKUP, or answer “Yes” when the program "
                                    "offers it at start.").format(path=path, problem=problem), damaged=True)

    def restore(self, backup: Path) -> RestoreResult:
        """Put `backup` in place of the live database. The caller must have closed the database: the old
        write-ahead log is removed, and a connection still open would write into the new file.

        The current database is first backed up (kind "before_restore"); when it is too damaged for that,
        its file is copied into the backups folder as damaged-…, so nothing is ever thrown away."""
        info = self.verify(backup)
        if not info.ok:
            raise BackupFailed(_("{name} was not restored: {reason}").format(name=backup.name, reason=info.reason))
        previous = self._keep_current()
        live = self.database_file
        with _writing_into(live.parent), _temporary_file(live.parent) as temporary:
            sqlite_files.copy(info.path, temporary)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{live}{suffix}").unlink(missing_ok=True)
            os.replace(temporary, live)
        problem = sqlite_files.integrity_problem(live)
        if not problem and sqlite_files.summary(live) != (info.schema_revision, info.volunteers, info.activities):
            problem = _("different numbers of volunteers or activities")
        if problem:
            raise BackupFailed(_("The restored database does not match the backup ({problem}). The previous "
                                 "database is kept as {previous}.").format(problem=problem, previous=previous))
        log.info("backup %s restored", backup.name)
        return RestoreResult(restored=info, previous=previous)

    # --- helpers --------------------------------------------------------------------------------------------

    def _keep_current(self) -> Path | None:
        if not self.database_file.is_file():
            return None
        if self.check().ok:
            return self.make("before_restore").path
        self.folder.mkdir(parents=True, exist_ok=True)
        kept = free_name(self.folder / f"damaged-{self._now():%Y%m%d-%H%M%S}.sqlite3")
        # Copied byte for byte (it is closed and cannot be read through SQLite), and left in place until the
        # restored file replaces it: a failed restore must not leave the program with no database at all.
        with _writing_into(self.folder):
            for suffix in ("", "-wal"):
                side = Path(f"{self.database_file}{suffix}")
                if side.exists():
                    shutil.copyfile(side, Path(f"{kept}{suffix}"))
        return kept

    def _manifests(self) -> Iterator[BackupInfo]:
        if not self.folder.is_dir():
            return
        for manifest in self.folder.glob(f"{PREFIX}*.json"):
            try:
                yield _read_manifest(manifest)
            except (OSError, ValueError, KeyError):
                log.warning("unreadable backup manifest %s", manifest.name)

    def _checked(self, info: BackupInfo) -> BackupInfo:
        if not info.path.is_file():
            return _failed(info, _("The backup file {name} is missing.").format(name=info.path.name))
        if sqlite_files.sha256(info.path) != info.sha256:
            return _failed(info, _("The backup file {name} has been changed since it was made (its fingerprint "
                                   "does not match), so it cannot be trusted.").format(name=info.path.name))
        return info


# SQLite's result codes for a file that could not be read just now, as opposed to one whose contents are
# damaged (SQLITE_CORRUPT, SQLITE_NOTADB): on a full disk even a read-only open fails, as it needs room for
# the write-ahead log's index.
_NOT_READ_NOW = {sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_BUSY,
                 sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_NOMEM}
_LITTLE_ROOM = 1 << 20


def _little_room(folder: Path) -> bool:
    """Whether the disk holding `folder` (or its nearest existing parent) is all but full: SQLite often says
    only "disk I/O error" then."""
    place = next((p for p in (folder, *folder.parents) if p.exists()), folder)
    try:
        return shutil.disk_usage(place).free < _LITTLE_ROOM
    except OSError:
        return False


def _not_read_now(path: Path, exc: sqlite3.DatabaseError) -> str:
    if _little_room(path.parent):
        return _("The disk holding {folder} is full, so the database cannot even be opened to check it. It "
                 "is not damaged by this, and nothing has been written to it. Free some space on the disk "
                 "(empty the recycle bin, delete files you no longer need), then start the program "
                 "again.").format(folder=path.parent)
    return _("The database {path} cannot be read just now ({problem}). This does not mean it is damaged, and "
             "nothing has been written to it. Close any other program that may be using the data folder, then "
             "try again; if it keeps happening, ask the person who supports the program.").format(
                 path=path, problem=exc)


def _failed(info: BackupInfo, reason: str) -> BackupInfo:
    return dataclasses.replace(info, ok=False, reason=reason)


def _version() -> str:
    from volunteer_desk import __version__

    return __version__


def _month_back(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def _signature(path: Path) -> dict:
    """Size and mtime of the database and of a non-empty WAL (an empty or missing WAL means the same)."""
    result = {}
    for label, file in (("db", path), ("wal", Path(f"{path}-wal"))):
        try:
            stat = file.stat()
        except FileNotFoundError:
            continue
        if stat.st_size:
            result[label] = [stat.st_size, stat.st_mtime_ns]
    return result


def _manifest_path(backup: Path) -> Path:
    return backup.with_suffix(".json")


def _manifest(info: BackupInfo) -> dict:
    return {"file": info.path.name, "kind": info.kind, "created_at": info.created_at.isoformat(),
            "sha256": info.sha256, "schema_revision": info.schema_revision, "volunteers": info.volunteers,
            "activities": info.activities, "program_version": info.program_version, "source": info.source}


def _read_manifest(manifest: Path) -> BackupInfo:
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return BackupInfo(path=manifest.with_name(data["file"]), kind=data["kind"],
                      created_at=dt.datetime.fromisoformat(data["created_at"]), sha256=data["sha256"],
                      schema_revision=data["schema_revision"], volunteers=data["volunteers"],
                      activities=data["activities"], program_version=data["program_version"],
                      source=data.get("source", {}))


@contextlib.contextmanager
def _temporary_file(folder: Path) -> Iterator[Path]:
    """A new empty file in `folder`, deleted again unless the caller has renamed it into place."""
    handle, name = tempfile.mkstemp(prefix=".", suffix=".part", dir=folder)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)


@contextlib.contextmanager
def _writing_into(folder: Path) -> Iterator[None]:
    """A full disk or a folder that cannot be written becomes a message that says what to do."""
    try:
        yield
    except (OSError, sqlite3.OperationalError) as exc:
        log.error("cannot write into %s: %s", folder, exc)
        if "full" in str(exc) or getattr(exc, "errno", None) == 28 or _little_room(folder):
            message = _("The disk holding {folder} is full. Free some space on it (empty the recycle bin, "
                        "delete files you no longer need), or choose another folder, then try again.")
        else:
            message = _("The folder {folder} cannot be written to (it may be read-only, or a file there is "
                        "locked by another program). Choose another folder, then try again.")
        raise BackupFailed(message.format(folder=folder)) from exc
