"""When a volunteer's personal data was erased for good (永久删除)

Revision ID: 0010
Revises: 0009

"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('volunteer', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('purged_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    # In place, as 0007: rebuilding the volunteer table would trip over the rows that reference it.
    with op.batch_alter_table('volunteer', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('purged_at')
