"""The agenda computed by SQL (store.agenda) equals the pure rules (core.due).

Random ledgers are saved through the store and the two answers compared, on
SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import create_engine, delete, text

from closeloop.core.due import due_items
from closeloop.core.policy import Policy
from closeloop.store import interactions as interaction_store
from closeloop.store import loops as loop_store
from closeloop.store import people as people_store
from closeloop.store.agenda import due_rows
from closeloop.store.followups import add_followup_event
from closeloop.store.schema import ALL_TABLES, metadata
from closeloop.store.settings import set_circle_cadence
from closeloop.store.times import from_ts
from tests.conftest import POSTGRES_URL, _postgres_available
from tests.strategies import ledgers

CADENCES = {"close": 30, "network": 90, "nocadence": None}
POLICIES = [Policy(), Policy(thank_within_days=0.5, report_after_act_days=7, grace_days=1,
                             check_in_after_days=10, follow_up_after_days=2.5)]


def _engine(kind: str, tmp_path):
    if kind == "sqlite":
        return create_engine(f"sqlite:///{tmp_path / 'eq.db'}"), None
    reason = _postgres_available()
    if reason:
        if os.environ.get("CLOSELOOP_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    schema = f"eq_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    return create_engine(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"), (admin, schema)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_sql_agenda_equals_the_pure_rules(kind, tmp_path):
    engine, cleanup = _engine(kind, tmp_path)
    metadata.create_all(engine)
    try:
        _check(engine)
    finally:
        engine.dispose()
        if cleanup:
            admin, schema = cleanup
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()


def _check(engine):
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(ledgers())
    def check(case):
        people, interactions, loops_, now, followups = case
        with engine.begin() as conn:
            for table in reversed(ALL_TABLES):
                conn.execute(delete(table))
            for name, days in CADENCES.items():
                set_circle_cadence(conn, name, days)
            for person in people.values():
                people_store.insert_person(conn, person, person.created_at)
            for item in interactions:
                interaction_store.insert_interaction(conn, item, now)
            for event in followups:
                add_followup_event(conn, event)
            for loop in loops_:  # event ids are the database's to give
                loop_store.insert_loop(conn, replace(loop, events=tuple(
                    replace(e, id=None) for e in loop.events)), now)
        for policy in POLICIES:
            expected = due_items(loops_, people, interactions, CADENCES, policy, now, followups)
            with engine.connect() as conn:
                rows, total = due_rows(conn, policy, now)
                top, top_total = due_rows(conn, policy, now, limit=3)
            got = [(r.action, r.person_id, r.loop_id, r.interaction_id, from_ts(r.start_ts),
                    from_ts(r.due_ts)) for r in rows]
            want = [(i.action, i.person_id, i.loop_id, i.interaction_id, i.start, i.due)
                    for i in expected]
            assert got == want
            assert total == top_total == len(expected)
            assert [r.sort_key for r in top] == [r.sort_key for r in rows[:3]]

    check()
