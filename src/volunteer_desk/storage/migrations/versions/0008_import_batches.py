"""Excel import batches, each undoable as one step

Revision ID: 0008
Revises: 0007

"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_batch',
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('sheet', sa.String(length=100), nullable=False),
    sa.Column('created', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('skipped', sa.Integer(), nullable=False),
    sa.Column('operator', sa.String(length=20), nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_import_batch_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batch_org_id'), ['org_id'], unique=False)

    op.create_table('import_change',
    sa.Column('batch_id', sa.String(length=36), nullable=False),
    sa.Column('volunteer_id', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_import_change_batch_id_import_batch')),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_import_change_org_id_organisation')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_import_change_volunteer_id_volunteer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_change'))
    )
    with op.batch_alter_table('import_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_change_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_change_org_id'), ['org_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('import_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_change_org_id'))
        batch_op.drop_index(batch_op.f('ix_import_change_batch_id'))

    op.drop_table('import_change')
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batch_org_id'))

    op.drop_table('import_batch')
