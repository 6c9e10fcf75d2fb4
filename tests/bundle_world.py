"""Installations for the bundle tests: each a data folder with its own database, set up as a branch or a
committee, copied from the session's migrated template so that making fifty of them stays quick."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import uuid
from pathlib import Path

from volunteer_desk import paths
from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.services import demo
from volunteer_desk.services.bundles import BundleService
from volunteer_desk.services.database import Database, open_database
from volunteer_desk.services.setup import SetupService

PASSWORD = "西湖第一支部2026"


@dataclasses.dataclass
class Installation:
    folder: Path
    database: Database
    bundles: BundleService

    def close(self) -> None:
        self.database.close()


def installation(template: Path, folder: Path, *, name: str, code: str, committee: bool = False,
                 volunteers: int = 0, activities: int = 0, seed: int = 1) -> Installation:
    folder.mkdir(parents=True)
    shutil.copyfile(template, paths.database_file(folder))
    with sqlite3.connect(paths.database_file(folder)) as connection:  # each installation makes its own at start
        connection.execute("UPDATE organisation SET id = ? WHERE is_home = 1", (str(uuid.uuid4()),))
    database = open_database(folder)
    SetupService(database).save(SetupInfo(role=OrgLevel.COMMITTEE if committee else OrgLevel.BRANCH, name=name,
                                          code=code, operator="测试员", party_members=max(volunteers, 1)))
    if volunteers:
        demo.fill(database, volunteers=volunteers, activities=activities, seed=seed)
    return Installation(folder=folder, database=database, bundles=BundleService(database))


def hand_key(committee: Installation, branch: Installation, tmp_path: Path) -> None:
    """The committee's receiving key file, carried to the branch and imported there."""
    key_file = tmp_path / f"{committee.folder.name}.vdkey"
    committee.bundles.keys.export_receiving_key(key_file)
    branch.bundles.keys.set_parent_key(branch.bundles.keys.read_receiving_key(key_file))
