"""Snoozes and done marks for keep-in-touch and replies, and their derived columns."""

from __future__ import annotations


from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from closeloop.core.due import followup_state
from closeloop.core.model import FollowupEvent
from closeloop.store.schema import followup_events, interactions, people
from closeloop.store.times import from_db, to_db, to_ts


def add_followup_event(conn: Connection, event: FollowupEvent) -> int:
    event_id = conn.execute(insert(followup_events).values(
        action=event.action, person_id=event.person_id, interaction_id=event.interaction_id,
        kind=event.kind, at=to_db(event.at), until=to_db(event.until), note=event.note,
    )).inserted_primary_key[0]
    refresh(conn, event.person_id, event.interaction_id)
    return event_id


def events_about(conn: Connection, person_id: int) -> list[FollowupEvent]:
    return [FollowupEvent(r.action, r.person_id, r.kind, from_db(r.at), from_db(r.until),
                          r.interaction_id, r.note)
            for r in conn.execute(select(followup_events).where(
                followup_events.c.person_id == person_id).order_by(followup_events.c.id))]


def refresh(conn: Connection, person_id: int, interaction_id: int | None) -> None:
    """Recompute the cached snooze/done columns from the events (core.due.followup_state)."""
    state = followup_state(events_about(conn, person_id))
    conn.execute(update(people).where(people.c.id == person_id).values(
        kit_snooze_ts=to_ts(state.keep_in_touch_snoozed.get(person_id))))
    if interaction_id is not None:
        conn.execute(update(interactions).where(interactions.c.id == interaction_id).values(
            reply_done=interaction_id in state.replied,
            reply_snooze_ts=to_ts(state.reply_snoozed.get(interaction_id))))
