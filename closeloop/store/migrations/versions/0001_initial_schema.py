"""initial schema

Revision ID: 0001
Revises: 
Created: 2026-11-26 15:07:06.705523
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('circles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('cadence_days', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_circles')),
    sa.UniqueConstraint('name', name=op.f('uq_circles_name'))
    )
    op.create_table('interactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('source_key', sa.String(length=500), nullable=True),
    sa.Column('thread_key', sa.String(length=500), nullable=True),
    sa.Column('needs_reply', sa.Boolean(), nullable=False),
    sa.Column('bulk', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interactions')),
    sa.UniqueConstraint('source', 'source_key', name=op.f('uq_interactions_source_source_key'))
    )
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interactions_needs_reply_direction_occurred_at'), ['needs_reply', 'direction', 'occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_interactions_occurred_at'), ['occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_interactions_thread_key'), ['thread_key'], unique=False)

    op.create_table('organizations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('name', name=op.f('uq_organizations_name'))
    )
    op.create_table('settings',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_settings'))
    )
    op.create_table('org_domains',
    sa.Column('domain', sa.String(length=255), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_org_domains_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('domain', name=op.f('pk_org_domains'))
    )
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('met_how', sa.Text(), nullable=True),
    sa.Column('met_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('cadence_days', sa.Integer(), nullable=True),
    sa.Column('birthday', sa.Date(), nullable=True),
    sa.Column('is_me', sa.Boolean(), nullable=False),
    sa.Column('photo', sa.LargeBinary(), nullable=True),
    sa.Column('photo_type', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('last_contact_ts', sa.BigInteger(), nullable=True),
    sa.Column('keep_cadence_days', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_people_organization_id_organizations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_keep_cadence_days_last_contact_ts'), ['keep_cadence_days', 'last_contact_ts'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_organization_id'), ['organization_id'], unique=False)

    op.create_table('identities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('value', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_identities_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identities')),
    sa.UniqueConstraint('kind', 'value', name=op.f('uq_identities_kind_value'))
    )
    with op.batch_alter_table('identities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identities_person_id'), ['person_id'], unique=False)

    op.create_table('interaction_people',
    sa.Column('interaction_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('occurred_ts', sa.BigInteger(), nullable=False),
    sa.Column('counts', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['interaction_id'], ['interactions.id'], name=op.f('fk_interaction_people_interaction_id_interactions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_interaction_people_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('interaction_id', 'person_id', name=op.f('pk_interaction_people'))
    )
    with op.batch_alter_table('interaction_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interaction_people_person_id_counts_occurred_ts'), ['person_id', 'counts', 'occurred_ts'], unique=False)

    op.create_table('loops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('counterpart_id', sa.Integer(), nullable=False),
    sa.Column('about', sa.Text(), nullable=False),
    sa.Column('introduced_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('helped_at', sa.DateTime(), nullable=True),
    sa.Column('thanked_at', sa.DateTime(), nullable=True),
    sa.Column('next_step', sa.String(length=20), nullable=True),
    sa.Column('anchor_ts', sa.BigInteger(), nullable=True),
    sa.Column('snooze_ts', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['counterpart_id'], ['people.id'], name=op.f('fk_loops_counterpart_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['introduced_id'], ['people.id'], name=op.f('fk_loops_introduced_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loops'))
    )
    with op.batch_alter_table('loops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loops_counterpart_id'), ['counterpart_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_loops_introduced_id'), ['introduced_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_loops_next_step_anchor_ts_snooze_ts_counterpart_id'), ['next_step', 'anchor_ts', 'snooze_ts', 'counterpart_id'], unique=False)

    op.create_table('person_circles',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['circle_id'], ['circles.id'], name=op.f('fk_person_circles_circle_id_circles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_circles_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'circle_id', name=op.f('pk_person_circles'))
    )
    with op.batch_alter_table('person_circles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_circles_circle_id'), ['circle_id'], unique=False)

    op.create_table('person_sources',
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_sources_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('source', 'key', name=op.f('pk_person_sources'))
    )
    with op.batch_alter_table('person_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_sources_person_id'), ['person_id'], unique=False)

    op.create_table('loop_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loop_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('interaction_id', sa.Integer(), nullable=True),
    sa.Column('until', sa.DateTime(), nullable=True),
    sa.Column('undoes', sa.Integer(), nullable=True),
    sa.Column('automatic', sa.Boolean(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['interaction_id'], ['interactions.id'], name=op.f('fk_loop_events_interaction_id_interactions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['loop_id'], ['loops.id'], name=op.f('fk_loop_events_loop_id_loops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loop_events'))
    )
    with op.batch_alter_table('loop_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loop_events_loop_id'), ['loop_id'], unique=False)
    # The default circles and their keep-in-touch cadences (days).
    circles = sa.table("circles", sa.column("name", sa.String), sa.column("cadence_days", sa.Integer))
    op.bulk_insert(circles, [{"name": "close", "cadence_days": 30},
                             {"name": "network", "cadence_days": 90},
                             {"name": "acquaintances", "cadence_days": 180}])


def downgrade() -> None:
    with op.batch_alter_table('loop_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loop_events_loop_id'))

    op.drop_table('loop_events')
    with op.batch_alter_table('person_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_sources_person_id'))

    op.drop_table('person_sources')
    with op.batch_alter_table('person_circles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_circles_circle_id'))

    op.drop_table('person_circles')
    with op.batch_alter_table('loops', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loops_next_step_anchor_ts_snooze_ts_counterpart_id'))
        batch_op.drop_index(batch_op.f('ix_loops_introduced_id'))
        batch_op.drop_index(batch_op.f('ix_loops_counterpart_id'))

    op.drop_table('loops')
    with op.batch_alter_table('interaction_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interaction_people_person_id_counts_occurred_ts'))

    op.drop_table('interaction_people')
    with op.batch_alter_table('identities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identities_person_id'))

    op.drop_table('identities')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_organization_id'))
        batch_op.drop_index(batch_op.f('ix_people_name'))
        batch_op.drop_index(batch_op.f('ix_people_keep_cadence_days_last_contact_ts'))

    op.drop_table('people')
    op.drop_table('org_domains')
    op.drop_table('settings')
    op.drop_table('organizations')
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interactions_thread_key'))
        batch_op.drop_index(batch_op.f('ix_interactions_occurred_at'))
        batch_op.drop_index(batch_op.f('ix_interactions_needs_reply_direction_occurred_at'))

    op.drop_table('interactions')
    op.drop_table('circles')
