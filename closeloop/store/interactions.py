"""Saving and loading interactions and who took part in them."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Iterable

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from closeloop.core.due import counts_as_contact
from closeloop.core.model import Interaction, InteractionDirection, InteractionKind
from closeloop.store.schema import interaction_people, interactions, people
from closeloop.store.times import from_db, to_db, to_ts


def insert_interaction(conn: Connection, item: Interaction, now: datetime,
                       roles: dict[int, str] | None = None, thread_key: str | None = None) -> int:
    values = dict(kind=item.kind.value, occurred_at=to_db(item.occurred_at),
                  direction=item.direction.value, summary=item.summary, source=item.source,
                  source_key=item.source_key, needs_reply=item.needs_reply, bulk=item.bulk,
                  thread_key=thread_key, created_at=to_db(now))
    if item.id is not None:
        values["id"] = item.id
    interaction_id = conn.execute(insert(interactions).values(**values)).inserted_primary_key[0]
    _link(conn, interaction_id, item, roles or {})
    return interaction_id


def _link(conn: Connection, interaction_id: int, item: Interaction, roles: dict[int, str]) -> None:
    person_ids = list(dict.fromkeys(item.person_ids))
    if not person_ids:
        return
    counts = counts_as_contact(item)
    ts = to_ts(item.occurred_at)
    conn.execute(insert(interaction_people), [
        {"interaction_id": interaction_id, "person_id": pid, "role": roles.get(pid, "with"),
         "occurred_ts": ts, "counts": counts} for pid in person_ids])
    if counts:
        bump_last_contact(conn, person_ids, ts)


def bump_last_contact(conn: Connection, person_ids: list[int], ts: int) -> None:
    """Move the derived last-contact time forward, never back."""
    conn.execute(update(people).where(
        people.c.id.in_(person_ids),
        (people.c.last_contact_ts.is_(None)) | (people.c.last_contact_ts < ts),
    ).values(last_contact_ts=ts))


def refresh_last_contact(conn: Connection, person_ids: Iterable[int]) -> None:
    """Recompute the derived last-contact time from the interactions themselves."""
    for pid in person_ids:
        latest = conn.execute(select(func.max(interaction_people.c.occurred_ts)).where(
            interaction_people.c.person_id == pid, interaction_people.c.counts.is_(True))).scalar()
        conn.execute(update(people).where(people.c.id == pid).values(last_contact_ts=latest))


def _rows_to_interactions(conn: Connection, rows) -> list[Interaction]:
    ids = [r["id"] for r in rows]
    members: dict[int, list[int]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for iid, pid in conn.execute(select(interaction_people.c.interaction_id,
                                            interaction_people.c.person_id)
                                     .where(interaction_people.c.interaction_id.in_(chunk))
                                     .order_by(interaction_people.c.person_id)):
            members[iid].append(pid)
    return [Interaction(
        id=r["id"], kind=InteractionKind(r["kind"]), occurred_at=from_db(r["occurred_at"]),
        direction=InteractionDirection(r["direction"]), person_ids=tuple(members[r["id"]]),
        summary=r["summary"], source=r["source"], source_key=r["source_key"],
        needs_reply=bool(r["needs_reply"]), bulk=bool(r["bulk"])) for r in rows]


def load_interaction(conn: Connection, interaction_id: int) -> Interaction | None:
    rows = conn.execute(select(interactions).where(interactions.c.id == interaction_id)).mappings().all()
    found = _rows_to_interactions(conn, rows)
    return found[0] if found else None


def list_interactions(conn: Connection, *, person_id: int | None = None,
                      limit: int | None = None) -> list[Interaction]:
    query = select(interactions).order_by(interactions.c.occurred_at.desc(), interactions.c.id.desc())
    if person_id is not None:
        query = query.where(interactions.c.id.in_(select(interaction_people.c.interaction_id).where(
            interaction_people.c.person_id == person_id)))
    if limit:
        query = query.limit(limit)
    return _rows_to_interactions(conn, conn.execute(query).mappings().all())


def count_interactions(conn: Connection, person_id: int | None = None) -> int:
    if person_id is None:
        return conn.execute(select(func.count()).select_from(interactions)).scalar_one()
    return conn.execute(select(func.count()).select_from(interaction_people).where(
        interaction_people.c.person_id == person_id)).scalar_one()
