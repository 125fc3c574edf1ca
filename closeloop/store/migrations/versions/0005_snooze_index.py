"""index people by keep-in-touch snooze, for the agenda

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_people_kit_snooze_ts"), "people", ["kit_snooze_ts"])


def downgrade() -> None:
    op.drop_index(op.f("ix_people_kit_snooze_ts"), table_name="people")
