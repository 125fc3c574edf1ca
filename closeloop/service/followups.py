"""Snooze any due item to a date, or mark it done, by its key.

Keys are what `closeloop today` shows: ``loop:12`` (or just ``12``) for a
loop, ``keep:5`` for keeping in touch with person 5, ``reply:9`` for the
message 9 that awaits an answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from closeloop.core.loops import NextStep, loop_state
from closeloop.core.model import (
    EventKind, FollowupEvent, Interaction, InteractionDirection, InteractionKind,
)
from closeloop.errors import BadInput, InvalidStep, NotFound
from closeloop.service import Ledger
from closeloop.service.parse import parse_day_start
from closeloop.store import followups as store
from closeloop.store import interactions as interaction_store
from closeloop.store import loops as loop_store
from closeloop.store import people as people_store

# What "done" means for each next step of a loop.
DONE_STEP = {NextStep.THANK: EventKind.THANKED, NextStep.REPORT: EventKind.REPORTED,
             NextStep.REPORT_UNACTED: EventKind.REPORTED, NextStep.FOLLOW_UP: EventKind.NUDGED,
             NextStep.CHECK_IN: EventKind.NUDGED}


@dataclass(frozen=True, slots=True)
class ItemKey:
    kind: str  # loop, keep, reply
    id: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


def parse_key(text: str) -> ItemKey:
    raw = text.strip().lstrip("#").lower()
    kind, _, number = raw.rpartition(":")
    kind = {"": "loop", "loop": "loop", "keep": "keep", "keep_in_touch": "keep",
            "reply": "reply"}.get(kind)
    if kind is None or not number.isdigit():
        raise BadInput(f"{text!r} is not an item: use a loop number (12), keep:PERSON_ID or "
                       f"reply:MESSAGE_ID, as `closeloop today` shows them")
    return ItemKey(kind, int(number))


@dataclass(frozen=True, slots=True)
class Outcome:
    key: ItemKey
    message: str


def snooze_item(ledger: Ledger, key_text: str, until: str, note: str = "") -> Outcome:
    key = parse_key(key_text)
    if key.kind == "loop":
        from closeloop.service.loops import record_step
        view = record_step(ledger, key.id, EventKind.SNOOZED, until=until, note=note)
        return Outcome(key, f"loop {key.id} snoozed until {view.state.snoozed_until:%Y-%m-%d}")
    now = ledger.now()
    until_at = parse_day_start(until, now)
    if until_at <= now:
        raise InvalidStep(f"{until} is not in the future: a snooze needs a date to come")
    with ledger.transaction() as conn:
        person_id, interaction_id = _target(conn, key)
        store.add_followup_event(conn, FollowupEvent(
            "keep_in_touch" if key.kind == "keep" else "reply", person_id, "snoozed", now,
            until=until_at, interaction_id=interaction_id, note=note))
    return Outcome(key, f"{key} snoozed until {until_at:%Y-%m-%d}")


def done_item(ledger: Ledger, key_text: str, note: str = "") -> Outcome:
    """Mark an item done: the loop takes its next step; keeping in touch logs contact."""
    key = parse_key(key_text)
    now = ledger.now()
    if key.kind == "loop":
        from closeloop.service.loops import record_step
        with ledger.reading() as conn:
            loop = loop_store.load_loop(conn, key.id)
        if loop is None:
            raise NotFound(f"no loop {key.id}; `closeloop loops` lists them")
        state = loop_state(loop)
        if state.next_step is None:
            raise InvalidStep(f"loop {key.id} is {state.stage}: nothing is owed on it")
        view = record_step(ledger, key.id, DONE_STEP[state.next_step], note=note)
        return Outcome(key, f"loop {key.id}: {view.state.stage}")
    with ledger.transaction() as conn:
        person_id, interaction_id = _target(conn, key)
        if key.kind == "keep":
            interaction_store.insert_interaction(conn, Interaction(
                None, InteractionKind.MESSAGE, now, InteractionDirection.FROM_ME, (person_id,),
                summary=note or "kept in touch"), now)
            return Outcome(key, f"logged contact with person {person_id}; the clock restarts")
        store.add_followup_event(conn, FollowupEvent("reply", person_id, "done", now,
                                                     interaction_id=interaction_id, note=note))
        return Outcome(key, f"message {interaction_id} marked answered")


def _target(conn, key: ItemKey) -> tuple[int, int | None]:
    if key.kind == "keep":
        if people_store.load_person(conn, key.id) is None:
            raise NotFound(f"no person with id {key.id}")
        return key.id, None
    item = interaction_store.load_interaction(conn, key.id)
    if item is None or not item.person_ids:
        raise NotFound(f"no message {key.id} awaiting a reply")
    if not item.needs_reply:
        raise InvalidStep(f"message {key.id} does not await a reply")
    return item.person_ids[0], key.id
