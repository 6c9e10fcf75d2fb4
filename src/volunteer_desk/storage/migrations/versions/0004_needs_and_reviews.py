"""needs and quarterly reviews

Revision ID: 0004
Revises: 0003

"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('quarterly_review',
    sa.Column('volunteer_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_quarterly_review_org_id_organisation')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_quarterly_review_volunteer_id_volunteer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quarterly_review')),
    sa.UniqueConstraint('volunteer_id', 'year', 'quarter', name=op.f('uq_quarterly_review_volunteer_id_year_quarter'))
    )
    with op.batch_alter_table('quarterly_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quarterly_review_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quarterly_review_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('need',
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('person_served_id', sa.String(length=36), nullable=True),
    sa.Column('category_id', sa.String(length=36), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('assigned_volunteer_id', sa.String(length=36), nullable=True),
    sa.Column('assigned_team_id', sa.String(length=36), nullable=True),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['assigned_team_id'], ['team.id'], name=op.f('fk_need_assigned_team_id_team')),
    sa.ForeignKeyConstraint(['assigned_volunteer_id'], ['volunteer.id'], name=op.f('fk_need_assigned_volunteer_id_volunteer')),
    sa.ForeignKeyConstraint(['category_id'], ['service_category.id'], name=op.f('fk_need_category_id_service_category')),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_need_org_id_organisation')),
    sa.ForeignKeyConstraint(['person_served_id'], ['person_served.id'], name=op.f('fk_need_person_served_id_person_served')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need'))
    )
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_assigned_volunteer_id'), ['assigned_volunteer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_person_served_id'), ['person_served_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_person_served_id'))
        batch_op.drop_index(batch_op.f('ix_need_org_id'))
        batch_op.drop_index(batch_op.f('ix_need_assigned_volunteer_id'))

    op.drop_table('need')
    with op.batch_alter_table('quarterly_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quarterly_review_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_quarterly_review_org_id'))

    op.drop_table('quarterly_review')
