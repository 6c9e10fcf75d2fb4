"""The live database stays on this computer's own disk: removable drives and network shares are refused,
cloud-synced folders warned about."""

from __future__ import annotations

from pathlib import Path

from volunteer_desk.services.data_folder import Kind, locate

MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p3 /home ext4 rw,relatime 0 0
/dev/sdb1 /media/wang/KINGSTON vfat rw,nosuid,nodev 0 0
//server/branch /mnt/share cifs rw,relatime 0 0
fileserver:/export /srv/nfs nfs4 rw 0 0
/dev/sdc1 /run/media/wang/U\\040盘 exfat rw 0 0
"""


def test_the_computers_own_disk_is_fine():
    assert locate(Path("/home/wang/.local/share/VolunteerDesk"), mounts=MOUNTS).kind is Kind.LOCAL
    assert not locate(Path("/home/wang/data"), mounts=MOUNTS).refused


def test_removable_drives_and_network_shares_are_refused_with_a_reason():
    for folder, kind in ((Path("/media/wang/KINGSTON/数据"), Kind.REMOVABLE),
                         (Path("/run/media/wang/U 盘/志愿者"), Kind.REMOVABLE),
                         (Path("/mnt/share/支部"), Kind.NETWORK), (Path("/srv/nfs/x"), Kind.NETWORK)):
        location = locate(folder, mounts=MOUNTS)
        assert location.kind is kind and location.refused and str(folder) in location.message


def test_a_cloud_synced_folder_is_allowed_with_a_warning():
    for folder in (Path("/home/wang/OneDrive/志愿者"), Path("/home/wang/坚果云/支部"),
                   Path("/home/wang/BaiduNetdisk/备份")):
        location = locate(folder, mounts=MOUNTS)
        assert location.kind is Kind.CLOUD and not location.refused and location.message


def test_a_windows_network_path_is_refused():
    location = locate(Path("//server/share/支部"), platform="win32")
    assert location.kind is Kind.NETWORK and location.refused
