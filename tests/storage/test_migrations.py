"""Opening a database file: created, migrated to the newest revision, tuned, seeded, and the models agree
with what the migrations built."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from volunteer_desk import paths
from volunteer_desk.domain.categories import SEEDED, seeded_categories, seeded_id
from volunteer_desk.services.database import open_database
from volunteer_desk.storage import migrate
from volunteer_desk.storage.schema import Base, Organisation, ServiceCategory


def test_open_on_an_empty_folder_creates_and_migrates(tmp_path):
    assert list(tmp_path.iterdir()) == []
    database = open_database(tmp_path)
    try:
        assert database.path == paths.database_file(tmp_path)
        assert database.path.is_file()
        assert migrate.current_revision(database.engine) == migrate.head_revision()
    finally:
        database.close()


def test_head_and_current_revision_agree_with_alembic(database):
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    assert migrate.head_revision() == ScriptDirectory.from_config(config).get_current_head()
    with database.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == migrate.head_revision()
    assert migrate.current_revision(database.engine) == migrate.head_revision()


def test_pragmas_on_every_connection(database):
    for _ in range(2):  # a second connection from the pool is set up too
        with database.engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_foreign_keys_are_enforced(database):
    with database.engine.connect() as connection, pytest.raises(IntegrityError, match="FOREIGN KEY"):
        connection.execute(text(
            "INSERT INTO organisation (id, name, code, level, parent_id, party_members, is_home, created_at, "
            "updated_at, deleted) VALUES ('o2', '第二支部', 'B2', 'branch', 'no-such-parent', 0, 0, "
            "'2025-01-01', '2025-01-01', 0)"))


def test_models_and_migrations_agree(database):
    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_every_table_of_the_models_exists(database):
    with database.engine.connect() as connection:
        tables = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
    assert set(Base.metadata.tables) <= tables


def test_seeded_service_categories(database):
    with database.sessions() as session:
        rows = session.execute(select(ServiceCategory.id, ServiceCategory.name, ServiceCategory.group,
                                      ServiceCategory.sort_order, ServiceCategory.source)).all()
    names = [row.name for row in rows]
    assert len(names) == len(set(names))
    assert set(names) == {name for group in SEEDED.values() for name in group}
    for row in rows:
        assert row.id == seeded_id(row.name)
        assert row.source == "seed"
    assert {"环境保护", "法律援助", "尊老服务", "垃圾分类", "道德引导"} <= set(names)
    assert sorted((r.id, r.name, r.group, r.sort_order) for r in rows) == sorted(seeded_categories())


def test_seeded_ids_are_the_same_everywhere():
    assert seeded_id("环境保护") == seeded_id("环境保护")
    assert seeded_id("环境保护") != seeded_id("法律援助")
    ids = [row[0] for row in seeded_categories()]
    assert len(ids) == len(set(ids))


def test_opening_twice_is_idempotent(data_dir):
    first = open_database(data_dir)
    with first.sessions() as session:
        home_id = session.scalar(select(Organisation.id).where(Organisation.is_home.is_(True)))
    first.close()
    second = open_database(data_dir)
    try:
        with second.sessions() as session:
            homes = session.scalars(select(Organisation).where(Organisation.is_home.is_(True))).all()
            categories = session.scalar(select(func.count()).select_from(ServiceCategory))
        assert [org.id for org in homes] == [home_id]
        assert categories == len(seeded_categories())
        assert migrate.current_revision(second.engine) == migrate.head_revision()
    finally:
        second.close()


def test_two_databases_are_independent(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    first, second = open_database(a), open_database(b)
    try:
        with first.sessions() as s1, second.sessions() as s2:
            home_a = s1.scalar(select(Organisation.id).where(Organisation.is_home.is_(True)))
            home_b = s2.scalar(select(Organisation.id).where(Organisation.is_home.is_(True)))
        assert home_a != home_b  # UUIDs, so branches' bundles can be merged
    finally:
        first.close()
        second.close()
