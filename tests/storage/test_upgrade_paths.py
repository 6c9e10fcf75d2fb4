"""Every upgrade path, on real database files of each earlier schema (tests/storage/schemas, made by its
make.py): the newest program opens each one, backs it up first, migrates it, and loses nothing."""

from __future__ import annotations

import contextlib
import gzip
import sqlite3
from pathlib import Path

import pytest

from tests.sheet_data import id_number
from volunteer_desk import paths
from volunteer_desk.services.backups import BackupService
from volunteer_desk.services.database import open_database
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage import migrate

SCHEMAS = Path(__file__).parent / "schemas"
FILES = sorted(SCHEMAS.glob("schema-*.sqlite3.gz"))
COUNTED = ("volunteer", "activity", "participation", "team", "organisation")


def _counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTED}


def test_there_is_a_database_of_every_earlier_schema_since_0002():
    from tests.storage.schemas.make import revisions

    assert [f.name for f in FILES] == [f"schema-{r}.sqlite3.gz" for r in revisions()[1:-1]], \
        "a migration was added: run tests/storage/schemas/make.py"


@pytest.mark.parametrize("file", FILES, ids=[f.name[7:11] for f in FILES])
def test_each_earlier_database_is_backed_up_then_upgraded_with_nothing_lost(tmp_path, file):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_file = paths.database_file(data_dir)
    database_file.write_bytes(gzip.decompress(file.read_bytes()))
    before = _counts(database_file)
    revision = file.name[7:11]

    database = open_database(data_dir)
    try:
        assert migrate.current_revision(database.engine) == migrate.head_revision()
        service = VolunteerService(database)
        service.save(service.blank_values() | {"name": "新来的", "id_number": id_number("19900101", sequence="021"),
                                               "political_status": "member"})
    finally:
        database.close()

    after = _counts(database_file)
    assert after == before | {"volunteer": before["volunteer"] + 1} and before["volunteer"] and before["activity"]
    with contextlib.closing(sqlite3.connect(database_file)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    [backup] = [info for info in BackupService(data_dir).list() if info.kind == "before_upgrade"]
    assert backup.ok and backup.schema_revision == revision and backup.volunteers == before["volunteer"]
