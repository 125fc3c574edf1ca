"""Interactions: log a call, a meeting, an email, a message, a note, an update."""

from __future__ import annotations

from typing import Sequence

from closeloop.core.model import Interaction, InteractionDirection, InteractionKind
from closeloop.errors import BadInput
from closeloop.service import Ledger
from closeloop.service.parse import parse_choice, parse_when
from closeloop.service.people import resolve
from closeloop.store import interactions as store


def log_interaction(ledger: Ledger, kind: str, people: Sequence[str], *, summary: str = "",
                    at: str | None = None, direction: str | None = None) -> Interaction:
    """Record one touchpoint with one or more people."""
    if not people:
        raise BadInput("who was it with? give at least one --with PERSON")
    kind_ = parse_choice(InteractionKind, kind, "interaction kind")
    default = {InteractionKind.NOTE: InteractionDirection.FROM_ME,
               InteractionKind.UPDATE: InteractionDirection.FROM_ME}.get(
        kind_, InteractionDirection.MUTUAL)
    direction_ = parse_choice(InteractionDirection, direction, "direction") if direction else default
    now = ledger.now()
    when = parse_when(at, now) if at else now
    if when > now:
        raise BadInput(f"{when:%Y-%m-%d %H:%M} is in the future: log what has happened")
    with ledger.transaction() as conn:
        ids = tuple(dict.fromkeys(resolve(conn, p) for p in people))
        item = Interaction(id=None, kind=kind_, occurred_at=when, direction=direction_,
                           person_ids=ids, summary=summary.strip())
        interaction_id = store.insert_interaction(conn, item, now)
        return store.load_interaction(conn, interaction_id)


def list_interactions(ledger: Ledger, *, person: str | None = None,
                      limit: int | None = 50) -> list[Interaction]:
    with ledger.reading() as conn:
        person_id = resolve(conn, person) if person else None
        return store.list_interactions(conn, person_id=person_id, limit=limit)
