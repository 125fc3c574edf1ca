"""The tables. Alembic migrations under ``migrations/`` create exactly these.

Columns marked *derived* are caches of pure functions (a loop's state from its
events, a person's last contact from interactions). Only ``store`` writes
them, always through the same core function, so they are never edited by
hand. Times derived for arithmetic in SQL are integer Unix seconds (``*_ts``)
so that SQLite and PostgreSQL compute them the same way.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary,
    MetaData, String, Table, Text, UniqueConstraint,
)

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

organizations = Table(
    "organizations", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False, unique=True),
)

org_domains = Table(
    "org_domains", metadata,
    Column("domain", String(255), primary_key=True),
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False),
)

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    Column("organization_id", ForeignKey("organizations.id", ondelete="SET NULL")),
    Column("title", String(300)),
    Column("met_how", Text),
    Column("met_on", Date),
    Column("notes", Text),
    Column("cadence_days", Integer),
    Column("birthday", Date),
    Column("is_me", Boolean, nullable=False, default=False),
    Column("photo", LargeBinary),
    Column("photo_type", String(100)),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("last_contact_ts", BigInteger),  # derived: latest interaction that counts as contact
    # derived: the own cadence, else the shortest of the person's circles' (core.due.effective_cadence)
    Column("keep_cadence_days", Integer),
    Column("kit_snooze_ts", BigInteger, index=True),  # derived: keep-in-touch snoozed until
    Index(None, "name"),
    Index(None, "organization_id"),
    Index(None, "keep_cadence_days", "last_contact_ts"),
)

identities = Table(
    "identities", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),  # email, phone, url
    Column("value", String(500), nullable=False),  # normalized: lower-cased email, E.164 phone
    UniqueConstraint("kind", "value"),
    Index(None, "person_id"),
)

# Where a person came from, so that importing the same file twice updates
# instead of duplicating; fingerprint tells whether the record changed.
person_sources = Table(
    "person_sources", metadata,
    Column("source", String(100), primary_key=True),
    Column("key", String(300), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Index(None, "person_id"),
)

circles = Table(
    "circles", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("cadence_days", Integer),
)

person_circles = Table(
    "person_circles", metadata,
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("circle_id", ForeignKey("circles.id", ondelete="CASCADE"), primary_key=True),
    Index(None, "circle_id"),
)

interactions = Table(
    "interactions", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("occurred_at", DateTime, nullable=False),
    Column("direction", String(10), nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("source", String(100), nullable=False),
    Column("source_key", String(500)),
    Column("thread_key", String(500)),
    Column("needs_reply", Boolean, nullable=False, default=False),
    Column("bulk", Boolean, nullable=False, default=False),
    # derived from followup_events: the reply was marked done, or snoozed until
    Column("reply_done", Boolean, nullable=False, default=False),
    Column("reply_snooze_ts", BigInteger),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("source", "source_key"),
    Index(None, "occurred_at"),
    Index(None, "needs_reply", "direction", "occurred_at"),
    Index(None, "thread_key"),
)

interaction_people = Table(
    "interaction_people", metadata,
    Column("interaction_id", ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(10), nullable=False, default="with"),  # from, to, cc, with
    Column("occurred_ts", BigInteger, nullable=False),  # derived: copy of interactions.occurred_at
    Column("counts", Boolean, nullable=False),  # derived: core.due.counts_as_contact
    Index(None, "person_id", "counts", "occurred_ts"),
)

loops = Table(
    "loops", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("counterpart_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("about", Text, nullable=False, default=""),
    Column("introduced_id", ForeignKey("people.id", ondelete="SET NULL")),
    Column("created_at", DateTime, nullable=False),
    # derived from the events by core.loops.loop_state
    Column("stage", String(20), nullable=False),
    Column("is_open", Boolean, nullable=False),
    Column("opened_at", DateTime, nullable=False),
    Column("closed_at", DateTime),
    Column("helped_at", DateTime),
    Column("thanked_at", DateTime),
    Column("next_step", String(20)),
    Column("anchor_ts", BigInteger),
    Column("snooze_ts", BigInteger),
    # Covers the agenda's query: no table lookups for the due loops.
    Index(None, "next_step", "anchor_ts", "snooze_ts", "counterpart_id"),
    Index(None, "counterpart_id"),
    Index(None, "introduced_id"),
)

loop_events = Table(
    "loop_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("loop_id", ForeignKey("loops.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("interaction_id", ForeignKey("interactions.id", ondelete="SET NULL")),
    Column("until", DateTime),
    Column("undoes", Integer),
    Column("automatic", Boolean, nullable=False, default=False),
    Column("evidence", Text),
    Column("recorded_at", DateTime, nullable=False),
    Index(None, "loop_id"),
)

# Snoozes and "done" marks for follow-ups that are not loops (keep in touch,
# reply): append-only, like loop events.
followup_events = Table(
    "followup_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(20), nullable=False),  # keep_in_touch, reply
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("interaction_id", ForeignKey("interactions.id", ondelete="CASCADE")),
    Column("kind", String(10), nullable=False),  # snoozed, done
    Column("at", DateTime, nullable=False),
    Column("until", DateTime),
    Column("note", Text, nullable=False, default=""),
    Index(None, "person_id"),
)

# Mail closeloop sends (digests, drafts, updates): kept until sent, so that a
# failure is visible and retried, never lost.
outbox = Table(
    "outbox", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # digest, draft, update
    Column("to_addr", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("message", Text, nullable=False),  # the whole RFC 5322 message
    Column("status", String(10), nullable=False),  # pending, sent, failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("created_at", DateTime, nullable=False),
    Column("last_attempt_at", DateTime),
    Column("sent_at", DateTime),
    Column("person_id", ForeignKey("people.id", ondelete="SET NULL")),
    Index(None, "status"),
)

# Where an IMAP sync stopped: one row per account folder.
mail_sync = Table(
    "mail_sync", metadata,
    Column("host", String(255), primary_key=True),
    Column("user", String(255), primary_key=True),
    Column("folder", String(255), primary_key=True),
    Column("uidvalidity", BigInteger, nullable=False),
    Column("last_uid", BigInteger, nullable=False),
    Column("synced_at", DateTime, nullable=False),
)

settings = Table(
    "settings", metadata,
    Column("name", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

# Who knows whom, learned from interactions and introductions (derived: the
# graph module keeps it current as interactions are stored, and `closeloop
# graph rebuild` recomputes it). Each pair is stored both ways so that one
# person's links are one range of the primary key; the weight is
# core.paths.link_weight of the counts, which are the evidence.
links = Table(
    "links", metadata,
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("other_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("weight", Float, nullable=False),
    Column("messages", Integer, nullable=False, default=0),  # messages both were on
    Column("threads", Integer, nullable=False, default=0),  # threads both took part in
    Column("intros", Integer, nullable=False, default=0),  # introductions between them
    Column("last_ts", BigInteger),  # the latest evidence
    Column("interaction_id", Integer),  # a message that shows it (the latest)
    Column("loop_id", Integer),  # an introduction that shows it
    sqlite_with_rowid=False,
)

# Work mail domains of each person (derived from identities; personal providers
# left out): with org_domains, who works where.
person_domains = Table(
    "person_domains", metadata,
    Column("domain", String(255), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Index(None, "person_id"),
)

# How far the graph has read each source table (the highest id processed).
graph_marks = Table(
    "graph_marks", metadata,
    Column("name", String(40), primary_key=True),
    Column("last_id", BigInteger, nullable=False),
)

# Tables in the order their rows can be inserted (parents first).
ALL_TABLES = (organizations, org_domains, people, identities, person_sources, circles,
              person_circles, interactions, interaction_people, loops, loop_events, mail_sync,
              followup_events, outbox, settings, links, person_domains, graph_marks)
