"""who knows whom: links between people, their work mail domains, the graph's marks

Revision ID: 0004
Revises: 0003

The tables start empty and moves no data: the graph reads the interactions,
identities and introductions already stored the first time it is used
(``closeloop.store.graph.catch_up``), a piece at a time after that.
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "links",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("threads", sa.Integer(), nullable=False),
        sa.Column("intros", sa.Integer(), nullable=False),
        sa.Column("last_ts", sa.BigInteger(), nullable=True),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("loop_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_links_person_id_people")),
        sa.ForeignKeyConstraint(["other_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_links_other_id_people")),
        sa.PrimaryKeyConstraint("person_id", "other_id", name=op.f("pk_links")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "person_domains",
        sa.Column("domain", sa.String(length=255), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE",
                                name=op.f("fk_person_domains_person_id_people")),
        sa.PrimaryKeyConstraint("domain", "person_id", name=op.f("pk_person_domains")),
    )
    op.create_index(op.f("ix_person_domains_person_id"), "person_domains", ["person_id"])
    op.create_table(
        "graph_marks",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("last_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_graph_marks")),
    )


def downgrade() -> None:
    op.drop_table("graph_marks")
    op.drop_index(op.f("ix_person_domains_person_id"), table_name="person_domains")
    op.drop_table("person_domains")
    op.drop_table("links")
