"""Volunteers added by an Excel import carry the import batch; the batch's "create" rows go

Revision ID: 0011
Revises: 0010

"""

from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # In place, as 0010: rebuilding the volunteer table would trip over the rows that reference it. SQLite adds
    # a column with a reference only as part of the column, so the constraint is written out here.
    op.execute("ALTER TABLE volunteer ADD COLUMN import_batch_id VARCHAR(36) "
               "CONSTRAINT fk_volunteer_import_batch_id_import_batch REFERENCES import_batch (id)")
    op.execute("UPDATE volunteer SET import_batch_id = (SELECT c.batch_id FROM import_change c "
               "WHERE c.action = 'create' AND c.volunteer_id = volunteer.id) "
               "WHERE id IN (SELECT volunteer_id FROM import_change WHERE action = 'create')")
    op.execute("DELETE FROM import_change WHERE action = 'create'")


def downgrade() -> None:
    # The change rows come back with new ids: nothing refers to them.
    op.execute("INSERT INTO import_change (id, batch_id, volunteer_id, action, org_id, created_at, updated_at, "
               "deleted) SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
               "substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || "
               "hex(randomblob(6))), import_batch_id, id, 'create', org_id, created_at, created_at, 0 "
               "FROM volunteer WHERE import_batch_id IS NOT NULL")
    with op.batch_alter_table('volunteer', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('import_batch_id')
