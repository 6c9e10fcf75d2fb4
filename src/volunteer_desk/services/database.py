"""Opening the program's database: migrate to the newest schema, make sure there is a home organisation."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from volunteer_desk import paths
from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.i18n import _
from volunteer_desk.services.backups import BackupService
from volunteer_desk.storage import db, migrate, organisations

log = logging.getLogger(__name__)


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
        """Fold the write-ahead log back into the database file: the next start reads one file, not a
        long WAL (after a big import, reads through a 100 MB WAL are several times slower)."""
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except db.StorageFull:  # what was saved stays in the log, which SQLite reads at the next start
            log.warning("no room on the disk to fold the write-ahead log of %s back", self.path.name)
        finally:
            self.engine.dispose()


class UpgradeFailed(RuntimeError):
    """A newer program could not bring the database up to date; the database is as it was before."""


def open_database(data_dir: Path) -> Database:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = paths.database_file(data_dir)
    engine = db.open_engine(path)
    _upgrade(data_dir, path, engine)
    database = Database(path=path, engine=engine, sessions=db.session_factory(engine))
    ensure_home_organisation(database)
    return database


def _upgrade(data_dir: Path, path: Path, engine: Engine) -> None:
    """Bring an older database to the newest schema, backed up first: SQLite does not undo schema changes when
    a migration fails half-way, so a failed upgrade is undone by putting the backup back."""
    revision = migrate.current_revision(engine)
    if revision is None or revision == migrate.head_revision():
        migrate.upgrade(engine)  # a new, empty database: nothing to keep
        return
    backups = BackupService(data_dir, path)
    before = backups.make("before_upgrade")
    try:
        migrate.upgrade(engine)
    except Exception as exc:
        log.exception("upgrading the database from %s failed", revision)
        engine.dispose()
        backups.restore(before.path)
        raise UpgradeFailed(_(
            "The database could not be brought up to date for this version of the program, so it has been put "
            "back as it was (a copy is in {backup}). Details are in the log file; keep using the earlier version "
            "until the problem is solved.").format(backup=before.path)) from exc


def ensure_home_organisation(database: Database) -> str:
    """Until setup names it (first-start wizard), the branch is called 本支部 and can be renamed."""
    with database.sessions.begin() as session:
        org = organisations.home(session)
        if org is None:
            org = organisations.add(session, name=_("Our branch"), code="LOCAL", level=OrgLevel.BRANCH.value,
                                    is_home=True)
        return org.id
