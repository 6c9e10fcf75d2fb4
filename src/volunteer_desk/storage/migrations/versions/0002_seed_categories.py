"""seed the service categories named by the source documents

Revision ID: 0002
Revises: 0001
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

from volunteer_desk.domain.categories import seeded_categories

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = sa.table(
        "service_category",
        sa.column("id", sa.String), sa.column("name", sa.String), sa.column("group", sa.String),
        sa.column("source", sa.String), sa.column("sort_order", sa.Integer), sa.column("active", sa.Boolean),
        sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime), sa.column("deleted", sa.Boolean),
    )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    op.bulk_insert(table, [
        {"id": id_, "name": name, "group": group, "source": "seed", "sort_order": order, "active": True,
         "created_at": now, "updated_at": now, "deleted": False}
        for id_, name, group, order in seeded_categories()
    ])


def downgrade() -> None:
    op.execute("DELETE FROM service_category WHERE source = 'seed'")
