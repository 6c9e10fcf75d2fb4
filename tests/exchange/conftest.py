"""One small, real bundle for the hostile-input tests, made once: a branch with three volunteers and two
activities exports it, encrypted to its committee's receiving key. Tests that import get their own copy of
the committee's database."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from tests.bundle_world import Installation, hand_key, installation
from volunteer_desk import paths
from volunteer_desk.exchange import keys, sealed
from volunteer_desk.services.bundles import BundleService
from volunteer_desk.services.database import open_database


@dataclasses.dataclass(frozen=True)
class Sent:
    path: Path  # the bundle file as the branch wrote it
    data: bytes
    header: sealed.Header
    payload: bytes  # the zip inside
    receiving_private: bytes  # the committee's
    signing_private: bytes  # the branch's
    committee_file: Path  # the committee's database before any import (closed: tests open copies)
    branch_file: Path  # the branch's database after the export (closed)

    @property
    def receiving_public(self) -> bytes:
        return keys.receiving_public(self.receiving_private)

    def seal(self, inner: bytes, *, signing_private: bytes | None = None, sequence: int | None = None,
             created_at=None) -> bytes:
        """`inner` sealed like the branch's bundle (same sender, period, time), signed by the branch's key
        unless another is given."""
        signing = signing_private or self.signing_private
        sender = dataclasses.replace(self.header.sender, signing_key=keys.signing_public(signing))
        return sealed.seal(inner, sender=sender, signing_private=signing, period=self.header.period,
                           sequence=sequence or self.header.sequence, created_at=created_at or self.header.created_at,
                           recipient=self.receiving_public)


@pytest.fixture(scope="session")
def sent(tmp_path_factory, migrated_database_file) -> Sent:
    root = tmp_path_factory.mktemp("sent")
    committee = installation(migrated_database_file, root / "committee", name="西太湖科技产业园党工委", code="C-01",
                             committee=True)
    branch = installation(migrated_database_file, root / "branch", name="西湖街道机关第一党支部", code="B-01",
                          volunteers=3, activities=2, seed=7)
    hand_key(committee, branch, root)
    stick = root / "stick"
    stick.mkdir()
    result = branch.bundles.export(stick)
    receiving, signing = committee.bundles.keys.receiving_private(), branch.bundles.keys.signing_private()
    committee.close()
    branch.close()
    data = result.path.read_bytes()
    return Sent(path=result.path, data=data, header=result.header,
                payload=sealed.open_payload(data, receiving_private=receiving), receiving_private=receiving,
                signing_private=signing, committee_file=paths.database_file(committee.folder),
                branch_file=paths.database_file(branch.folder))


def open_copy(database_file: Path, folder: Path) -> Installation:
    """An installation opened on a copy of the database file."""
    folder.mkdir(parents=True)
    shutil.copyfile(database_file, paths.database_file(folder))
    database = open_database(folder)
    return Installation(folder=folder, database=database, bundles=BundleService(database))


@pytest.fixture
def committee(sent, tmp_path):
    copy = open_copy(sent.committee_file, tmp_path / "committee")
    yield copy
    copy.close()
