"""snoozes and done marks for keep-in-touch and replies; the outbox

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch rebuild: on SQLite a rebuild of a million
    # interactions takes many minutes, and adding columns needs none.
    op.add_column("people", sa.Column("kit_snooze_ts", sa.BigInteger(), nullable=True))
    op.add_column("interactions", sa.Column("reply_done", sa.Boolean(), nullable=False,
                                            server_default=sa.false()))
    op.add_column("interactions", sa.Column("reply_snooze_ts", sa.BigInteger(), nullable=True))
    op.create_table(
        "followup_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("until", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_followup_events_person_id_people")),
        sa.ForeignKeyConstraint(["interaction_id"], ["interactions.id"], ondelete="CASCADE",
                                name=op.f("fk_followup_events_interaction_id_interactions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_events")),
    )
    op.create_index(op.f("ix_followup_events_person_id"), "followup_events", ["person_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("to_addr", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="SET NULL",
                                name=op.f("fk_outbox_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index(op.f("ix_outbox_status"), "outbox", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_outbox_status"), table_name="outbox")
    op.drop_table("outbox")
    op.drop_index(op.f("ix_followup_events_person_id"), table_name="followup_events")
    op.drop_table("followup_events")
    with op.batch_alter_table("interactions") as batch:
        batch.drop_column("reply_snooze_ts")
        batch.drop_column("reply_done")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("kit_snooze_ts")
