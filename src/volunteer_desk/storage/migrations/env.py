"""Alembic environment. The program passes an open connection in `config.attributes["connection"]`,
so migrations run the same from a source tree, from tests and from a frozen build."""

from alembic import context

from volunteer_desk.storage.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
