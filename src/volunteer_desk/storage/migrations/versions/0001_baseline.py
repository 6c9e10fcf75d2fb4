"""baseline: the whole data model

Revision ID: 0001
Revises:

"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('organisation',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('party_members', sa.Integer(), nullable=False),
    sa.Column('is_home', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_organisation_org_id_organisation')),
    sa.ForeignKeyConstraint(['parent_id'], ['organisation.id'], name=op.f('fk_organisation_parent_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('code', name=op.f('uq_organisation_code'))
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_parent_id'), ['parent_id'], unique=False)

    op.create_table('audit_log',
    sa.Column('operator', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=True),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_audit_log_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_org_id'), ['org_id'], unique=False)

    op.create_table('brand_project',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_brand_project_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_brand_project'))
    )
    with op.batch_alter_table('brand_project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_brand_project_org_id'), ['org_id'], unique=False)

    op.create_table('pairing',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_pairing_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pairing'))
    )
    with op.batch_alter_table('pairing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pairing_org_id'), ['org_id'], unique=False)

    op.create_table('person_served',
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=120), nullable=False),
    sa.Column('contact', sa.String(length=40), nullable=False),
    sa.Column('needs', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_person_served_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_served'))
    )
    with op.batch_alter_table('person_served', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_served_org_id'), ['org_id'], unique=False)

    op.create_table('service_category',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('group', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_service_category_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_category'))
    )
    with op.batch_alter_table('service_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_category_org_id'), ['org_id'], unique=False)

    op.create_table('service_station',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('address', sa.String(length=120), nullable=False),
    sa.Column('has_sign', sa.Boolean(), nullable=False),
    sa.Column('has_venue', sa.Boolean(), nullable=False),
    sa.Column('has_team', sa.Boolean(), nullable=False),
    sa.Column('has_rules', sa.Boolean(), nullable=False),
    sa.Column('has_records', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_service_station_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_station'))
    )
    with op.batch_alter_table('service_station', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_station_org_id'), ['org_id'], unique=False)

    op.create_table('volunteer',
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('sex', sa.String(length=10), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('height_cm', sa.Integer(), nullable=True),
    sa.Column('education', sa.String(length=20), nullable=True),
    sa.Column('specialty', sa.String(length=40), nullable=False),
    sa.Column('district', sa.String(length=30), nullable=False),
    sa.Column('postcode', sa.String(length=6), nullable=False),
    sa.Column('major', sa.String(length=40), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('mobile', sa.String(length=11), nullable=False),
    sa.Column('email', sa.String(length=60), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('work_unit', sa.String(length=60), nullable=False),
    sa.Column('position', sa.String(length=30), nullable=False),
    sa.Column('home_address', sa.String(length=80), nullable=False),
    sa.Column('qq', sa.String(length=12), nullable=False),
    sa.Column('transport_subsidy', sa.String(length=20), nullable=True),
    sa.Column('service_intents', sa.JSON(), nullable=False),
    sa.Column('occupation_type', sa.String(length=20), nullable=True),
    sa.Column('availability', sa.JSON(), nullable=False),
    sa.Column('availability_other', sa.String(length=40), nullable=False),
    sa.Column('experience', sa.Text(), nullable=False),
    sa.Column('pledge_signed_on', sa.Date(), nullable=True),
    sa.Column('photo', sa.LargeBinary(), nullable=True),
    sa.Column('political_status', sa.String(length=20), nullable=True),
    sa.Column('joined_party_on', sa.Date(), nullable=True),
    sa.Column('unit_phone', sa.String(length=20), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('name_pinyin', sa.String(length=120), nullable=False),
    sa.Column('search_keys', sa.String(length=400), nullable=False),
    sa.Column('phone_keys', sa.String(length=60), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_volunteer_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer'))
    )
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.create_index('ix_volunteer_by_birth_date', ['deleted', 'birth_date'], unique=False)
        batch_op.create_index('ix_volunteer_by_education', ['deleted', 'education'], unique=False)
        batch_op.create_index('ix_volunteer_by_joined_party_on', ['deleted', 'joined_party_on'], unique=False)
        batch_op.create_index('ix_volunteer_by_major', ['deleted', 'major'], unique=False)
        batch_op.create_index('ix_volunteer_by_mobile', ['deleted', 'mobile'], unique=False)
        batch_op.create_index('ix_volunteer_by_name_pinyin', ['deleted', 'name_pinyin'], unique=False)
        batch_op.create_index('ix_volunteer_by_service_intents', ['deleted', 'service_intents'], unique=False)
        batch_op.create_index('ix_volunteer_by_sex', ['deleted', 'sex'], unique=False)
        batch_op.create_index('ix_volunteer_by_unit_phone', ['deleted', 'unit_phone'], unique=False)
        batch_op.create_index('ix_volunteer_by_work_unit', ['deleted', 'work_unit'], unique=False)
        batch_op.create_index(batch_op.f('ix_volunteer_org_id'), ['org_id'], unique=False)
        batch_op.create_index('ix_volunteer_search', ['deleted', 'name_pinyin', 'search_keys', 'name', 'phone_keys', 'id_number'], unique=False)
        batch_op.create_index('uq_volunteer_live_id_number', ['id_number'], unique=True, sqlite_where=sa.text('deleted = 0 AND id_number IS NOT NULL'))

    op.create_table('pairing_beneficiary',
    sa.Column('pairing_id', sa.String(length=36), nullable=False),
    sa.Column('person_served_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_pairing_beneficiary_org_id_organisation')),
    sa.ForeignKeyConstraint(['pairing_id'], ['pairing.id'], name=op.f('fk_pairing_beneficiary_pairing_id_pairing')),
    sa.ForeignKeyConstraint(['person_served_id'], ['person_served.id'], name=op.f('fk_pairing_beneficiary_person_served_id_person_served')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pairing_beneficiary'))
    )
    with op.batch_alter_table('pairing_beneficiary', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pairing_beneficiary_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairing_beneficiary_pairing_id'), ['pairing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairing_beneficiary_person_served_id'), ['person_served_id'], unique=False)

    op.create_table('team',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('category_id', sa.String(length=36), nullable=True),
    sa.Column('station_id', sa.String(length=36), nullable=True),
    sa.Column('brand_project_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['brand_project_id'], ['brand_project.id'], name=op.f('fk_team_brand_project_id_brand_project')),
    sa.ForeignKeyConstraint(['category_id'], ['service_category.id'], name=op.f('fk_team_category_id_service_category')),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_team_org_id_organisation')),
    sa.ForeignKeyConstraint(['parent_id'], ['team.id'], name=op.f('fk_team_parent_id_team')),
    sa.ForeignKeyConstraint(['station_id'], ['service_station.id'], name=op.f('fk_team_station_id_service_station')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team'))
    )
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_parent_id'), ['parent_id'], unique=False)

    op.create_table('weekly_journal',
    sa.Column('volunteer_id', sa.String(length=36), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('reflection', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_weekly_journal_org_id_organisation')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_weekly_journal_volunteer_id_volunteer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weekly_journal')),
    sa.UniqueConstraint('volunteer_id', 'week_start', name=op.f('uq_weekly_journal_volunteer_id_week_start'))
    )
    with op.batch_alter_table('weekly_journal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_weekly_journal_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_weekly_journal_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('activity',
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=True),
    sa.Column('ends_at', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('category_id', sa.String(length=36), nullable=True),
    sa.Column('beneficiaries', sa.String(length=200), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('station_id', sa.String(length=36), nullable=True),
    sa.Column('brand_project_id', sa.String(length=36), nullable=True),
    sa.Column('pairing_id', sa.String(length=36), nullable=True),
    sa.Column('leader', sa.String(length=20), nullable=False),
    sa.Column('recorder', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['brand_project_id'], ['brand_project.id'], name=op.f('fk_activity_brand_project_id_brand_project')),
    sa.ForeignKeyConstraint(['category_id'], ['service_category.id'], name=op.f('fk_activity_category_id_service_category')),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_activity_org_id_organisation')),
    sa.ForeignKeyConstraint(['pairing_id'], ['pairing.id'], name=op.f('fk_activity_pairing_id_pairing')),
    sa.ForeignKeyConstraint(['station_id'], ['service_station.id'], name=op.f('fk_activity_station_id_service_station')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_activity_team_id_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_pairing_id'), ['pairing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_team_id'), ['team_id'], unique=False)

    op.create_table('pairing_member',
    sa.Column('pairing_id', sa.String(length=36), nullable=False),
    sa.Column('volunteer_id', sa.String(length=36), nullable=True),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.CheckConstraint('(volunteer_id IS NULL) != (team_id IS NULL)', name=op.f('ck_pairing_member_one_helper')),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_pairing_member_org_id_organisation')),
    sa.ForeignKeyConstraint(['pairing_id'], ['pairing.id'], name=op.f('fk_pairing_member_pairing_id_pairing')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_pairing_member_team_id_team')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_pairing_member_volunteer_id_volunteer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pairing_member'))
    )
    with op.batch_alter_table('pairing_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pairing_member_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairing_member_pairing_id'), ['pairing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairing_member_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('team_membership',
    sa.Column('team_id', sa.String(length=36), nullable=False),
    sa.Column('volunteer_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_team_membership_org_id_organisation')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_team_membership_team_id_team')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_team_membership_volunteer_id_volunteer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_membership')),
    sa.UniqueConstraint('team_id', 'volunteer_id', 'role', name=op.f('uq_team_membership_team_id_volunteer_id_role'))
    )
    with op.batch_alter_table('team_membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_membership_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_membership_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_membership_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('activity_photo',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('image', sa.LargeBinary(), nullable=False),
    sa.Column('caption', sa.String(length=120), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_photo_activity_id_activity')),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_activity_photo_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_photo'))
    )
    with op.batch_alter_table('activity_photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_photo_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_photo_org_id'), ['org_id'], unique=False)

    op.create_table('participation',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('volunteer_id', sa.String(length=36), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_participation_activity_id_activity')),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_participation_org_id_organisation')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_participation_volunteer_id_volunteer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participation')),
    sa.UniqueConstraint('activity_id', 'volunteer_id', name=op.f('uq_participation_activity_id_volunteer_id'))
    )
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participation_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('points_entry',
    sa.Column('volunteer_id', sa.String(length=36), nullable=False),
    sa.Column('earned_on', sa.Date(), nullable=False),
    sa.Column('points', sa.Double(), nullable=False),
    sa.Column('rule', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('activity_id', sa.String(length=36), nullable=True),
    sa.Column('operator', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_points_entry_activity_id_activity')),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_points_entry_org_id_organisation')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_points_entry_volunteer_id_volunteer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_points_entry'))
    )
    with op.batch_alter_table('points_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_points_entry_earned_on'), ['earned_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_points_entry_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_points_entry_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('hours_entry',
    sa.Column('participation_id', sa.String(length=36), nullable=False),
    sa.Column('minutes_delta', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('operator', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('org_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisation.id'], name=op.f('fk_hours_entry_org_id_organisation')),
    sa.ForeignKeyConstraint(['participation_id'], ['participation.id'], name=op.f('fk_hours_entry_participation_id_participation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hours_entry'))
    )
    with op.batch_alter_table('hours_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hours_entry_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hours_entry_participation_id'), ['participation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('hours_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hours_entry_participation_id'))
        batch_op.drop_index(batch_op.f('ix_hours_entry_org_id'))

    op.drop_table('hours_entry')
    with op.batch_alter_table('points_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_points_entry_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_points_entry_org_id'))
        batch_op.drop_index(batch_op.f('ix_points_entry_earned_on'))

    op.drop_table('points_entry')
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participation_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_participation_org_id'))
        batch_op.drop_index(batch_op.f('ix_participation_activity_id'))

    op.drop_table('participation')
    with op.batch_alter_table('activity_photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_photo_org_id'))
        batch_op.drop_index(batch_op.f('ix_activity_photo_activity_id'))

    op.drop_table('activity_photo')
    with op.batch_alter_table('team_membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_membership_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_team_membership_team_id'))
        batch_op.drop_index(batch_op.f('ix_team_membership_org_id'))

    op.drop_table('team_membership')
    with op.batch_alter_table('pairing_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pairing_member_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_pairing_member_pairing_id'))
        batch_op.drop_index(batch_op.f('ix_pairing_member_org_id'))

    op.drop_table('pairing_member')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_team_id'))
        batch_op.drop_index(batch_op.f('ix_activity_pairing_id'))
        batch_op.drop_index(batch_op.f('ix_activity_org_id'))
        batch_op.drop_index(batch_op.f('ix_activity_held_on'))

    op.drop_table('activity')
    with op.batch_alter_table('weekly_journal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_weekly_journal_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_weekly_journal_org_id'))

    op.drop_table('weekly_journal')
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_parent_id'))
        batch_op.drop_index(batch_op.f('ix_team_org_id'))

    op.drop_table('team')
    with op.batch_alter_table('pairing_beneficiary', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pairing_beneficiary_person_served_id'))
        batch_op.drop_index(batch_op.f('ix_pairing_beneficiary_pairing_id'))
        batch_op.drop_index(batch_op.f('ix_pairing_beneficiary_org_id'))

    op.drop_table('pairing_beneficiary')
    with op.batch_alter_table('volunteer', schema=None) as batch_op:
        batch_op.drop_index('uq_volunteer_live_id_number', sqlite_where=sa.text('deleted = 0 AND id_number IS NOT NULL'))
        batch_op.drop_index('ix_volunteer_search')
        batch_op.drop_index(batch_op.f('ix_volunteer_org_id'))
        batch_op.drop_index('ix_volunteer_by_work_unit')
        batch_op.drop_index('ix_volunteer_by_unit_phone')
        batch_op.drop_index('ix_volunteer_by_sex')
        batch_op.drop_index('ix_volunteer_by_service_intents')
        batch_op.drop_index('ix_volunteer_by_name_pinyin')
        batch_op.drop_index('ix_volunteer_by_mobile')
        batch_op.drop_index('ix_volunteer_by_major')
        batch_op.drop_index('ix_volunteer_by_joined_party_on')
        batch_op.drop_index('ix_volunteer_by_education')
        batch_op.drop_index('ix_volunteer_by_birth_date')

    op.drop_table('volunteer')
    with op.batch_alter_table('service_station', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_station_org_id'))

    op.drop_table('service_station')
    with op.batch_alter_table('service_category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_category_org_id'))

    op.drop_table('service_category')
    with op.batch_alter_table('person_served', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_served_org_id'))

    op.drop_table('person_served')
    with op.batch_alter_table('pairing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pairing_org_id'))

    op.drop_table('pairing')
    with op.batch_alter_table('brand_project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_brand_project_org_id'))

    op.drop_table('brand_project')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_org_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_entity_id'))

    op.drop_table('audit_log')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_parent_id'))
        batch_op.drop_index(batch_op.f('ix_organisation_org_id'))

    op.drop_table('organisation')
