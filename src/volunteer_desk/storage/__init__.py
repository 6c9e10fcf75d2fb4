"""SQLite through SQLAlchemy 2: engine, tables, migrations and repositories. No Qt here."""
