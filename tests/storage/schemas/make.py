"""Writes one real database file per schema revision, for tests/storage/test_upgrade_paths.py.

Run after adding a migration: `.venv/bin/python tests/storage/schemas/make.py`. Each file is a branch with
demo data at the newest schema, taken down to the revision with the migrations' own downgrades, so it holds
what a database of that version held, made by that version's tables. From 0002: taking 0002 back removes the
seeded service categories, which the demo's teams use."""

from __future__ import annotations

import contextlib
import gzip
import sqlite3
import sys
import tempfile
from pathlib import Path

from volunteer_desk import paths
from volunteer_desk.services import demo
from volunteer_desk.services.database import open_database
from volunteer_desk.storage import migrate

HERE = Path(__file__).parent


def revisions() -> list[str]:
    return sorted(script.name[:4] for script in (migrate.MIGRATIONS / "versions").glob("[0-9]*.py"))


def main() -> int:
    for revision in revisions()[1:-1]:  # the newest is what open_database makes
        with tempfile.TemporaryDirectory() as folder:
            database = open_database(Path(folder))
            demo.fill(database, volunteers=12, activities=8, seed=4)
            migrate.downgrade(database.engine, revision)
            database.close()
            plain = Path(folder) / "plain.sqlite3"
            with contextlib.closing(sqlite3.connect(paths.database_file(Path(folder)))) as source:
                source.execute("VACUUM INTO ?", (str(plain),))
            target = HERE / f"schema-{revision}.sqlite3.gz"  # mostly empty index pages: a tenth of the size
            target.write_bytes(gzip.compress(plain.read_bytes(), mtime=0))
        print(target.name, target.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
