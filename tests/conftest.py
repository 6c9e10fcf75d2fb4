"""Shared fixtures. Qt runs offscreen; every test gets its own data folder and database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from volunteer_desk.services.database import Database, open_database  # noqa: E402


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("VOLUNTEER_DESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def database(data_dir) -> Database:
    db = open_database(data_dir)
    yield db
    db.close()
