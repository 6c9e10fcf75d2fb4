"""Writing a file the program produces (bundle, key file) so that a full disk, a read-only folder or a
stick pulled out mid-write never leaves a half file under the final name, and says so in Chinese."""

from __future__ import annotations

import errno
import logging
import os
import tempfile
from pathlib import Path

from volunteer_desk.i18n import _

log = logging.getLogger(__name__)


class WriteFailed(OSError):
    """A file could not be written; `message` says in Chinese why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def write_safely(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to the device, then rename it into place."""
    path = Path(path)
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".part", dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
        temporary = None
        _sync_folder(path.parent)
    except OSError as error:
        log.error("cannot write %s: %s", path, error)
        raise WriteFailed(describe(error, path)) from error
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass  # the stick is gone with it


def free_name(path: Path) -> Path:
    """The path, or with _2, _3 … before the suffix when a file of that name is already there: a file the
    program writes next to an earlier one (two bundles or backups the same day) never overwrites it."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}_{number}{path.suffix}")
    return candidate


def read_back(path: Path) -> bytes:
    """The file's bytes as the device holds them: the page cache is dropped first where the system allows,
    so a verification reads the stick, not memory."""
    with open(path, "rb") as file:
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(file.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        return file.read()


def describe(error: OSError, path: Path) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("There is not enough free space for {name} in {folder}. Free some space there (or use another "
                 "USB stick), then try again.").format(name=path.name, folder=path.parent)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _("{folder} cannot be written to: it is read-only, or this user may not write there. Unlock the "
                 "stick or choose another folder, then try again.").format(folder=path.parent)
    if error.errno in (errno.ENOENT, errno.ENODEV, errno.EIO, errno.ENXIO):
        return _("Writing to {folder} failed: the stick or disk was removed, or it is faulty. Nothing was left "
                 "half-written. Put the stick back in (or use another one), then try again.").format(
                     folder=path.parent)
    return _("{name} could not be written to {folder} ({reason}). Nothing was left half-written. Close any program "
             "that has the file open, or choose another folder, then try again.").format(
                 name=path.name, folder=path.parent, reason=error.strerror or error)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
