"""Relationship strength: of one person, with what makes it; of many at once, for ranking.

The formula is ``closeloop.core.strength``; this module turns stored
interactions and loops into its inputs, a few queries for any number of people.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from closeloop.core.strength import Contact, Help, Strength, strength
from closeloop.service import Ledger
from closeloop.service.people import resolve
from closeloop.store.schema import interaction_people, interactions, loops
from closeloop.store.times import from_ts

CHUNK = 500
TWO_WAY_KINDS = ("call", "meeting")


def _contact(kind: str, direction: str, role: str, ts: int, bulk: bool) -> Contact | None:
    """How one interaction counts between the user and one participant (None: not contact)."""
    if kind == "note":
        return None  # a note to myself
    at = from_ts(ts)
    if kind in TWO_WAY_KINDS or direction == "mutual":
        return Contact(at, sent=True, received=True, bulk=bulk)
    if direction == "from_me":
        return Contact(at, sent=True, received=False, bulk=bulk)
    if role in ("from", "with"):
        return Contact(at, sent=False, received=True, bulk=bulk)
    return None  # only copied on someone else's message to me


def contacts_of(conn: Connection, person_ids: Iterable[int]) -> dict[int, list[Contact]]:
    ids = list(dict.fromkeys(person_ids))
    found: dict[int, list[Contact]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        rows = conn.execute(
            select(interaction_people.c.person_id, interaction_people.c.role,
                   interaction_people.c.occurred_ts, interactions.c.kind,
                   interactions.c.direction, interactions.c.bulk)
            .join(interactions, interactions.c.id == interaction_people.c.interaction_id)
            .where(interaction_people.c.person_id.in_(ids[start:start + CHUNK])))
        for pid, role, ts, kind, direction, bulk in rows:
            contact = _contact(kind, direction, role, ts, bool(bulk))
            if contact is not None:
                found[pid].append(contact)
    return found


def help_of(conn: Connection, person_ids: Iterable[int]) -> dict[int, Help]:
    """Help between the user and each person, from the loops' derived stages."""
    ids = list(dict.fromkeys(person_ids))
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for start in range(0, len(ids), CHUNK):
        rows = conn.execute(select(loops.c.counterpart_id, loops.c.direction, loops.c.stage,
                                   loops.c.helped_at)
                            .where(loops.c.counterpart_id.in_(ids[start:start + CHUNK])))
        for pid, direction, stage, helped_at in rows:
            if stage == "dropped":
                continue
            if direction == "given":
                counts[pid][0] += 1
            elif helped_at is not None:
                counts[pid][1] += 1
            if stage in ("reported", "outcome"):
                counts[pid][2] += 1
    return {pid: Help(*c) for pid, c in counts.items()}


def strengths(conn: Connection, person_ids: Iterable[int], now: datetime) -> dict[int, Strength]:
    """The strength of each person, in a few queries (for ranking many)."""
    ids = list(dict.fromkeys(person_ids))
    contacts = contacts_of(conn, ids)
    helped = help_of(conn, ids)
    return {pid: strength(contacts.get(pid, ()), helped.get(pid, Help()), now) for pid in ids}


@dataclass(frozen=True, slots=True)
class StrengthView:
    person_id: int
    strength: Strength


def person_strength(ledger: Ledger, who: str | int) -> StrengthView:
    """One person's strength, with the parts that make it."""
    with ledger.reading() as conn:
        person_id = resolve(conn, str(who))
        return StrengthView(person_id, strengths(conn, [person_id], ledger.now())[person_id])
