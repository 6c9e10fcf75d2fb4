"""Shared fixtures. Qt runs offscreen; every test gets its own data folder and database."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from volunteer_desk import paths  # noqa: E402
from volunteer_desk.services.database import Database, open_database  # noqa: E402


@pytest.fixture(scope="session")
def migrated_database_file(tmp_path_factory):
    """One database file migrated to head, copied for every test: migrating takes a quarter of a second."""
    folder = tmp_path_factory.mktemp("template")
    open_database(folder).close()
    return paths.database_file(folder)


@pytest.fixture
def data_dir(tmp_path, monkeypatch, migrated_database_file):
    """A data folder holding a new, empty, migrated database (opening it finds nothing to migrate)."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(migrated_database_file, paths.database_file(folder))
    monkeypatch.setenv("VOLUNTEER_DESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def database(data_dir) -> Database:
    db = open_database(data_dir)
    yield db
    db.close()


@pytest.fixture
def installations(tmp_path, migrated_database_file):
    """make(name, code, committee=…, volunteers=…, …) → a set-up installation of its own (tests/bundle_world.py),
    closed after the test."""
    from tests.bundle_world import installation

    made = []

    def make(name, code, **kwargs):
        made.append(installation(migrated_database_file, tmp_path / code, name=name, code=code, **kwargs))
        return made[-1]

    yield make
    for each in made:
        each.close()
