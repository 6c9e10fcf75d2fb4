"""Bring a database file to the newest schema with Alembic, and tell where a database stands.

Alembic is imported only when a migration is due: at an ordinary start the database is current and
one query says so, which keeps start-up fast.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r'^revision\s*=\s*["\'](\w+)["\']', re.MULTILINE)
_DOWN = re.compile(r'^down_revision\s*=\s*(?:["\'](\w+)["\']|None)', re.MULTILINE)


@cache
def head_revision() -> str:
    """The newest revision, read from the scripts' text (one linear history, no Alembic import)."""
    revisions, parents = set(), set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revisions.add(_REVISION.search(source).group(1))
        down = _DOWN.search(source).group(1)
        if down:
            parents.add(down)
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations must form one line, heads are {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> bool:
    """Migrate to head; returns whether anything was done."""
    if current_revision(engine) == head_revision():
        return False
    _run(engine, "upgrade", "head")
    return True


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to `revision` with the migrations' own downgrades (the upgrade tests' old files)."""
    _run(engine, "downgrade", revision)


def _run(engine: Engine, direction: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    with engine.begin() as connection:  # one transaction: all the steps or none
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        getattr(command, direction)(config, revision)
