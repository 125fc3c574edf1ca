"""Batched writes for mail import: many messages, few round trips.

Each function works on a batch (a few hundred messages) inside the caller's
transaction, so an import killed midway leaves whole batches or nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from closeloop.store.bulk import execute_many, insert_rows, new_ids
from closeloop.store.schema import identities, interaction_people, interactions, mail_sync, people
from closeloop.store.times import to_db, to_ts

CHUNK = 500


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def existing_keys(conn: Connection, source: str, keys: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(list(keys)):
        found.update(r[0] for r in conn.execute(select(interactions.c.source_key).where(
            interactions.c.source == source, interactions.c.source_key.in_(chunk))))
    return found


def people_by_email(conn: Connection, emails: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(list(emails)):
        found.update({value: pid for value, pid in conn.execute(
            select(identities.c.value, identities.c.person_id).where(
                identities.c.kind == "email", identities.c.value.in_(chunk)))})
    return found


def add_people(conn: Connection, named: dict[str, str], now: datetime) -> dict[str, int]:
    """Create one person per email (``email -> display name``); returns their ids."""
    if not named:
        return {}
    emails = list(named)
    ids = new_ids(conn, people, len(emails))
    at = to_db(now)
    insert_rows(conn, people, ("id", "name", "is_me", "created_at", "updated_at"),
                [(pid, named[e], False, at, at) for pid, e in zip(ids, emails)])
    insert_rows(conn, identities, ("person_id", "kind", "value"),
                [(pid, "email", e) for pid, e in zip(ids, emails)])
    return dict(zip(emails, ids))


INTERACTION_COLUMNS = ("kind", "occurred_at", "direction", "summary", "source", "source_key",
                       "thread_key", "needs_reply", "bulk", "created_at")


def add_interactions(conn: Connection, rows: list[tuple],
                     participants: list[list[tuple[int, str]]], counts: list[bool]) -> list[int]:
    """Insert interactions (tuples in INTERACTION_COLUMNS order) and who took part.

    Returns the new ids in order.
    """
    if not rows:
        return []
    ids = new_ids(conn, interactions, len(rows))
    insert_rows(conn, interactions, ("id", *INTERACTION_COLUMNS),
                [(iid, *row) for iid, row in zip(ids, rows)])
    links = []
    latest: dict[int, int] = {}
    at = INTERACTION_COLUMNS.index("occurred_at")
    for iid, row, who, counted in zip(ids, rows, participants, counts):
        ts = to_ts(row[at])
        for pid, role in who:
            links.append((iid, pid, role, ts, counted))
            if counted and latest.get(pid, -1) < ts:
                latest[pid] = ts
    insert_rows(conn, interaction_people,
                ("interaction_id", "person_id", "role", "occurred_ts", "counts"), links)
    bump_last_contacts(conn, latest)
    return ids


def bump_last_contacts(conn: Connection, latest: dict[int, int]) -> None:
    """Move each person's derived last-contact time forward to ``latest[id]``."""
    if not latest:
        return
    execute_many(conn, "UPDATE people SET last_contact_ts = CASE WHEN last_contact_ts IS NULL "
                       "OR last_contact_ts < ? THEN ? ELSE last_contact_ts END WHERE id = ?",
                 [(ts, ts, pid) for pid, ts in latest.items()])


def threads_of(conn: Connection, message_ids: Iterable[str]) -> dict[str, str]:
    """The thread key of each already stored message, by Message-ID."""
    found: dict[str, str] = {}
    for chunk in _chunks(list(message_ids)):
        found.update({key: thread for key, thread in conn.execute(
            select(interactions.c.source_key, interactions.c.thread_key).where(
                interactions.c.source == "mail", interactions.c.source_key.in_(chunk)))})
    return found


def sync_state(conn: Connection, host: str, user: str, folder: str) -> tuple[int, int] | None:
    row = conn.execute(select(mail_sync.c.uidvalidity, mail_sync.c.last_uid).where(
        mail_sync.c.host == host, mail_sync.c.user == user, mail_sync.c.folder == folder)).first()
    return (row.uidvalidity, row.last_uid) if row else None


def save_sync_state(conn: Connection, host: str, user: str, folder: str, uidvalidity: int,
                    last_uid: int, now: datetime) -> None:
    where = (mail_sync.c.host == host, mail_sync.c.user == user, mail_sync.c.folder == folder)
    done = conn.execute(update(mail_sync).where(*where).values(
        uidvalidity=uidvalidity, last_uid=last_uid, synced_at=to_db(now)))
    if done.rowcount == 0:
        conn.execute(insert(mail_sync).values(host=host, user=user, folder=folder,
                                              uidvalidity=uidvalidity, last_uid=last_uid,
                                              synced_at=to_db(now)))
