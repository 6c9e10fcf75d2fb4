"""Bundles received and the senders trusted

Revision ID: 0009
Revises: 0008

"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bundle_receipt',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('sender_org_id', sa.String(length=36), nullable=False),
    sa.Column('period', sa.String(length=6), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('operator', sa.String(length=20), nullable=False),
    sa.Column('applied', sa.Boolean(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['sender_org_id'], ['organisation.id'], name=op.f('fk_bundle_receipt_sender_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bundle_receipt'))
    )
    with op.batch_alter_table('bundle_receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bundle_receipt_digest'), ['digest'], unique=False)
        batch_op.create_index(batch_op.f('ix_bundle_receipt_sender_org_id'), ['sender_org_id'], unique=False)

    op.create_table('bundle_sender',
    sa.Column('org_id', sa.String(length=36), nullable=False),
    sa.Column('signing_key', sa.String(length=60), nullable=False),
    sa.Column('fingerprint', sa.String(length=60), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=False),
    sa.Column('confirmed_by', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_bundle_sender_org_id_organisation')),
    sa.PrimaryKeyConstraint('org_id', name=op.f('pk_bundle_sender'))
    )


def downgrade() -> None:
    op.drop_table('bundle_sender')
    with op.batch_alter_table('bundle_receipt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bundle_receipt_sender_org_id'))
        batch_op.drop_index(batch_op.f('ix_bundle_receipt_digest'))

    op.drop_table('bundle_receipt')
