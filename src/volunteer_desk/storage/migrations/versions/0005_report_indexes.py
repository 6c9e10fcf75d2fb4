"""report indexes

Revision ID: 0005
Revises: 0004

"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_held_on'))
        batch_op.create_index('ix_activity_by_date', ['held_on', 'deleted', 'org_id', 'id'], unique=False)

    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participation_activity_id'))
        batch_op.drop_index(batch_op.f('ix_participation_volunteer_id'))
        batch_op.create_index('ix_participation_by_activity', ['activity_id', 'deleted', 'volunteer_id', 'minutes'], unique=False)
        batch_op.create_index('ix_participation_by_volunteer', ['volunteer_id', 'deleted', 'minutes', 'activity_id'], unique=False)

    with op.batch_alter_table('points_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_points_entry_earned_on'))
        batch_op.create_index('ix_points_entry_by_date', ['earned_on', 'deleted', 'volunteer_id', 'points'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('points_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_points_entry_by_date')
        batch_op.create_index(batch_op.f('ix_points_entry_earned_on'), ['earned_on'], unique=False)

    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.drop_index('ix_participation_by_volunteer')
        batch_op.drop_index('ix_participation_by_activity')
        batch_op.create_index(batch_op.f('ix_participation_volunteer_id'), ['volunteer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_activity_id'), ['activity_id'], unique=False)

    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_by_date')
        batch_op.create_index(batch_op.f('ix_activity_held_on'), ['held_on'], unique=False)

