"""The fast bulk writer stores exactly what SQLAlchemy would, and takes ids nobody else has."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import insert, select, text

from closeloop.store.bulk import execute_many, insert_rows, new_ids
from closeloop.store.db import write_transaction
from closeloop.store.schema import interactions, links, people

WHEN = datetime(2001, 5, 14, 23, 39, 0)


def _raw(conn, sql: str):
    return conn.execute(text(sql)).all()


def test_rows_are_stored_as_sqlalchemy_stores_them(ledger):
    with ledger.transaction() as conn:
        ids = new_ids(conn, interactions, 2)
        insert_rows(conn, interactions, ("id", "kind", "occurred_at", "direction", "summary",
                                         "source", "source_key", "needs_reply", "bulk",
                                         "created_at"),
                    [(ids[0], "email", WHEN, "to_me", "fast", "mail", "a", True, False, WHEN)])
        conn.execute(insert(interactions).values(
            id=ids[1], kind="email", occurred_at=WHEN, direction="to_me", summary="slow",
            source="mail", source_key="b", needs_reply=True, bulk=False, created_at=WHEN))
    with ledger.reading() as conn:
        fast, slow = _raw(conn, "SELECT occurred_at, needs_reply, bulk, created_at FROM interactions "
                                "ORDER BY source_key")
        assert fast == slow  # the same text (SQLite) or values (PostgreSQL) in the database
        rows = conn.execute(select(interactions.c.occurred_at, interactions.c.needs_reply)
                            .where(interactions.c.occurred_at >= WHEN)).all()
        assert rows == [(WHEN, True), (WHEN, True)]  # and they compare alike


def test_new_ids_follow_what_is_stored_and_do_not_repeat(ledger):
    with ledger.transaction() as conn:
        conn.execute(insert(people).values(name="Ann", is_me=False, created_at=WHEN,
                                           updated_at=WHEN))
        first = new_ids(conn, people, 3)
        insert_rows(conn, people, ("id", "name", "is_me", "created_at", "updated_at"),
                    [(pid, f"P{pid}", False, WHEN, WHEN) for pid in first])
    with ledger.transaction() as conn:
        later = conn.execute(insert(people).values(name="Bo", is_me=False, created_at=WHEN,
                                                   updated_at=WHEN)).inserted_primary_key[0]
        more = new_ids(conn, people, 2)
    assert first == sorted(first) and len(set(first)) == 3
    assert later > max(first)  # the database's own numbering goes on after ours
    assert min(more) > later


def test_upsert_adds_to_a_row_that_exists(ledger):
    with ledger.transaction() as conn:
        ids = new_ids(conn, people, 2)
        insert_rows(conn, people, ("id", "name", "is_me", "created_at", "updated_at"),
                    [(pid, "P", False, WHEN, WHEN) for pid in ids])
        clause = ("ON CONFLICT (person_id, other_id) DO UPDATE SET "
                  "messages = links.messages + excluded.messages")
        columns = ("person_id", "other_id", "weight", "messages", "threads", "intros")
        insert_rows(conn, links, columns, [(ids[0], ids[1], 0.5, 2, 0, 0)], upsert=clause)
        insert_rows(conn, links, columns, [(ids[0], ids[1], 0.5, 3, 0, 0)], upsert=clause)
        execute_many(conn, "UPDATE links SET threads = ? WHERE person_id = ?", [(7, ids[0])])
        assert conn.execute(select(links.c.messages, links.c.threads)).all() == [(5, 7)]


def test_a_failed_write_leaves_nothing(ledger):
    with pytest.raises(RuntimeError):
        with ledger.transaction() as conn:
            ids = new_ids(conn, people, 1)
            insert_rows(conn, people, ("id", "name", "is_me", "created_at", "updated_at"),
                        [(ids[0], "Gone", False, WHEN, WHEN)])
            raise RuntimeError("stop")
    with ledger.reading() as conn:
        assert conn.execute(select(people.c.name)).all() == []


def test_sqlite_writers_wait_for_each_other_instead_of_taking_the_same_ids(tmp_path):
    from closeloop.store.db import migrate, open_engine
    engine = open_engine(f"sqlite:///{tmp_path / 'two.db'}")
    migrate(engine)
    taken: list[list[int]] = []
    inside = threading.Event()
    release = threading.Event()

    def first_writer():
        with write_transaction(engine) as conn:
            ids = new_ids(conn, people, 2)
            inside.set()
            release.wait(5)
            insert_rows(conn, people, ("id", "name", "is_me", "created_at", "updated_at"),
                        [(pid, "A", False, WHEN, WHEN) for pid in ids])
            taken.append(ids)

    thread = threading.Thread(target=first_writer)
    thread.start()
    assert inside.wait(5)
    threading.Timer(0.3, release.set).start()
    with write_transaction(engine) as conn:  # waits until the first writer commits
        ids = new_ids(conn, people, 2)
        insert_rows(conn, people, ("id", "name", "is_me", "created_at", "updated_at"),
                    [(pid, "B", False, WHEN, WHEN) for pid in ids])
        taken.append(ids)
    thread.join()
    assert set(taken[0]).isdisjoint(taken[1])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people")).scalar() == 4


def test_links_added_in_steps_equal_links_built_at_once(ledger):
    """The upsert that adds new evidence to old links gives what a rebuild from scratch gives,
    weights included (the SQL weight is core.paths.link_weight)."""
    from closeloop.core.paths import link_weight
    from closeloop.store import graph
    from closeloop.store import mail as mail_store
    from closeloop.store.mail import INTERACTION_COLUMNS

    def message(n: int, thread: str) -> tuple:
        values = {"kind": "email", "occurred_at": datetime(2001, 5, 1 + n % 27, 9, n % 60),
                  "direction": "to_me", "summary": f"m{n}", "source": "mail",
                  "source_key": f"k{n}", "thread_key": thread, "needs_reply": False,
                  "bulk": False, "created_at": WHEN}
        return tuple(values[c] for c in INTERACTION_COLUMNS)

    with ledger.transaction() as conn:
        ids = mail_store.add_people(conn, {f"p{i}@x.org": f"P{i}" for i in range(6)}, WHEN)
        me = list(ids.values())[0]
        conn.execute(people.update().where(people.c.id == me).values(is_me=True))
    pids = list(ids.values())
    groups = [pids[1:3], pids[1:4], pids[2:6], pids[1:3], pids[3:5], pids[1:6], pids[2:4]]
    for step in (groups[:4], groups[4:]):
        with ledger.transaction() as conn:
            start = conn.execute(text("SELECT count(*) FROM interactions")).scalar()
            rows = [message(start + i, f"t{(start + i) % 3}") for i in range(len(step))]
            mail_store.add_interactions(conn, rows, [[(p, "to") for p in g] for g in step],
                                        [True] * len(step))
            graph.record_cooccurrence(conn)

    def snapshot(conn):
        return sorted(tuple(r) for r in conn.execute(
            select(links.c.person_id, links.c.other_id, links.c.messages, links.c.threads,
                   links.c.intros, links.c.last_ts, links.c.interaction_id, links.c.weight)))

    with ledger.transaction() as conn:
        in_steps = snapshot(conn)
        graph.rebuild(conn)
        at_once = snapshot(conn)
    assert in_steps == at_once
    assert any(r[2] > 1 for r in in_steps)  # some pairs did get evidence in both steps
    for _, _, messages, threads, intros, _, _, weight in in_steps:
        assert weight == link_weight(messages, threads, intros)
