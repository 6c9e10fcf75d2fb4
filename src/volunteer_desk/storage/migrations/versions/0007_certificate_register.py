"""志愿服务记录证明 register; each volunteer's number in the national volunteer system

Revision ID: 0007
Revises: 0006

"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('service_certificate',
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.String(length=36), nullable=False),
    sa.Column('volunteer_name', sa.String(length=20), nullable=False),
    sa.Column('id_type', sa.String(length=20), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('volunteer_number', sa.String(length=30), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('activities', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('issuer', sa.String(length=80), nullable=False),
    sa.Column('person_in_charge', sa.String(length=20), nullable=False),
    sa.Column('handler', sa.String(length=20), nullable=False),
    sa.Column('contact', sa.String(length=40), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('notes', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_service_certificate_org_id_organisation')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_service_certificate_volunteer_id_volunteer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_certificate')),
    sa.UniqueConstraint('number', name=op.f('uq_service_certificate_number')),
    sa.UniqueConstraint('org_id', 'year', 'sequence', name=op.f('uq_service_certificate_org_id_year_sequence'))
    )
    with op.batch_alter_table('service_certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_certificate_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_certificate_volunteer_id'), ['volunteer_id'], unique=False)

    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('volunteer_number', sa.String(length=30), server_default='', nullable=False))



def downgrade() -> None:
    # SQLite drops the column in place: rebuilding the volunteer table would trip over the rows that
    # reference it (foreign keys are on).
    with op.batch_alter_table('volunteer', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('volunteer_number')

    with op.batch_alter_table('service_certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_certificate_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_service_certificate_org_id'))

    op.drop_table('service_certificate')
