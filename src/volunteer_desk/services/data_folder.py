"""Where the live database may be kept: on this computer's own disk. A USB stick pulled out mid-write or a
network share that drops corrupts SQLite's file; a folder a cloud client syncs may copy it half-written.
Backups may go anywhere (they are single finished files)."""

from __future__ import annotations

import enum
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from volunteer_desk.i18n import _

NETWORK_FILESYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "davfs",
                                 "fuse.davfs2", "9p", "afs", "ncpfs", "fuse.rclone"})
REMOVABLE_MOUNTS = ("/media/", "/run/media/", "/mnt/usb")
# Folders of the sync clients seen on Chinese office PCs: OneDrive, Dropbox, Google Drive, iCloud, 坚果云,
# 百度网盘, WPS 云盘, 阿里云盘, 腾讯微云.
CLOUD_NAMES = ("onedrive", "dropbox", "google drive", "googledrive", "icloud", "nutstore", "坚果云", "百度网盘",
               "baidunetdisk", "wps云盘", "wpsdrive", "阿里云盘", "aliyundrive", "微云", "weiyun")


class Kind(enum.Enum):
    LOCAL = "local"
    REMOVABLE = "removable"
    NETWORK = "network"
    CLOUD = "cloud"


@dataclass(frozen=True)
class Location:
    kind: Kind
    message: str = ""  # in Chinese: why this folder is refused or what to watch for

    @property
    def refused(self) -> bool:
        return self.kind in (Kind.REMOVABLE, Kind.NETWORK)


def locate(folder: Path, *, mounts: str | None = None, platform: str = sys.platform) -> Location:
    """What kind of place `folder` is. `mounts` is /proc/self/mounts' text (read when None, on Linux)."""
    folder = Path(os.path.abspath(folder))
    kind = _windows_kind(folder) if platform == "win32" else _linux_kind(folder, mounts)
    if kind is Kind.REMOVABLE:
        return Location(kind, _(
            "The data folder {folder} is on a removable drive (a USB stick or card). Pulling it out while the "
            "program writes would damage the database, so the program does not keep it there. Start it without "
            "--data-dir to use the folder on this computer, or choose a folder on the computer's own disk; "
            "back up to the stick instead.").format(folder=folder))
    if kind is Kind.NETWORK:
        return Location(kind, _(
            "The data folder {folder} is on a network share. If the network drops while the program writes, the "
            "database is damaged, so the program does not keep it there. Choose a folder on this computer's own "
            "disk.").format(folder=folder))
    if any(name in part.lower() for part in folder.parts for name in CLOUD_NAMES):
        return Location(Kind.CLOUD, _(
            "The data folder {folder} seems to be synced by a cloud drive client. It may copy the database while it "
            "is being written; pause syncing for this folder, or move the data to a folder that is not synced."
        ).format(folder=folder))
    return Location(Kind.LOCAL)


def _linux_kind(folder: Path, mounts: str | None) -> Kind:
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return Kind.LOCAL
    best: tuple[str, str, str] | None = None  # (mount point, device, type) of the deepest mount holding folder
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        device, point, fstype = fields[0], fields[1].replace("\\040", " "), fields[2]
        if (str(folder) + "/").startswith(point.rstrip("/") + "/") and (best is None or len(point) > len(best[0])):
            best = (point, device, fstype)
    if best is None:
        return Kind.LOCAL
    point, device, fstype = best
    if fstype in NETWORK_FILESYSTEMS or device.startswith("//"):
        return Kind.NETWORK
    if point.startswith(REMOVABLE_MOUNTS) or _removable_block_device(device):
        return Kind.REMOVABLE
    return Kind.LOCAL


def _removable_block_device(device: str) -> bool:
    """/dev/sdb1 → /sys/block/sdb/removable (USB sticks and card readers say 1). Other devices (NVMe, eMMC)
    are the computer's own; a card mounted by the desktop is caught by its /media mount point."""
    name = Path(device).name.rstrip("0123456789")
    if not (device.startswith("/dev/") and name.startswith("sd")):
        return False
    try:
        return Path(f"/sys/block/{name}/removable").read_text().strip() == "1"
    except OSError:
        return False


def _windows_kind(folder: Path) -> Kind:
    text = str(folder)
    if text.startswith(("\\\\", "//")):
        return Kind.NETWORK  # \\server\share
    import ctypes

    drive_type = ctypes.windll.kernel32.GetDriveTypeW(f"{folder.drive}\\")  # 2 removable, 4 network
    return {2: Kind.REMOVABLE, 4: Kind.NETWORK}.get(drive_type, Kind.LOCAL)
