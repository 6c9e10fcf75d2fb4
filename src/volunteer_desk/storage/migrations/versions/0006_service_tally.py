"""service tally: each volunteer's minutes, activities and points per quarter, kept by triggers; a unit's
volunteers by a covering index

Revision ID: 0006
Revises: 0005

The triggers and the rebuild are in storage/tally.py, with what a later migration must know about them.
"""

from alembic import op
import sqlalchemy as sa

from volunteer_desk.storage import tally


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('service_tally',
    sa.Column('volunteer_id', sa.String(length=36), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('activities', sa.Integer(), nullable=False),
    sa.Column('points', sa.Double(), nullable=False),
    sa.PrimaryKeyConstraint('volunteer_id', 'period', name=op.f('pk_service_tally')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('service_tally', schema=None) as batch_op:
        batch_op.create_index('ix_service_tally_by_period', ['period', 'volunteer_id', 'minutes', 'activities'], unique=False)

    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.create_index('ix_volunteer_by_unit', ['org_id', 'deleted', 'id', 'name', 'name_pinyin'], unique=False)

    # What is already recorded, then the triggers keep it.
    tally.rebuild(op.get_bind())
    tally.create_triggers(op.get_bind())


def downgrade() -> None:
    tally.drop_triggers(op.get_bind())
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.drop_index('ix_volunteer_by_unit')
    with op.batch_alter_table('service_tally', schema=None) as batch_op:
        batch_op.drop_index('ix_service_tally_by_period')

    op.drop_table('service_tally')
