"""Opening the program's database: migrate to the newest schema, make sure there is a home organisation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from volunteer_desk import paths
from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.i18n import _
from volunteer_desk.storage import db, migrate, organisations


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
        """Fold the write-ahead log back into the database file: the next start reads one file, not a
        long WAL (after a big import, reads through a 100 MB WAL are several times slower)."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()


def open_database(data_dir: Path) -> Database:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = paths.database_file(data_dir)
    engine = db.open_engine(path)
    migrate.upgrade(engine)
    database = Database(path=path, engine=engine, sessions=db.session_factory(engine))
    ensure_home_organisation(database)
    return database


def ensure_home_organisation(database: Database) -> str:
    """Until setup names it (first-start wizard), the branch is called 本支部 and can be renamed."""
    with database.sessions.begin() as session:
        org = organisations.home(session)
        if org is None:
            org = organisations.add(session, name=_("Our branch"), code="LOCAL", level=OrgLevel.BRANCH.value,
                                    is_home=True)
        return org.id
