"""Saving and loading loops and their append-only events."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.engine import Connection

from closeloop.core.loops import loop_state
from closeloop.core.model import Direction, EventKind, Loop, LoopEvent, LoopKind
from closeloop.store.schema import loop_events, loops
from closeloop.store.times import from_db, to_db, to_ts


def insert_loop(conn: Connection, loop: Loop, now: datetime) -> int:
    """Save a new loop with its opening events; returns its id."""
    values = dict(kind=loop.kind.value, direction=loop.direction.value,
                  counterpart_id=loop.counterpart_id, about=loop.about,
                  introduced_id=loop.introduced_id, created_at=to_db(now),
                  **derived_columns(loop))
    if loop.id is not None:
        values["id"] = loop.id
    loop_id = conn.execute(insert(loops).values(**values)).inserted_primary_key[0]
    for event in loop.events:
        insert_event(conn, loop_id, event, now)
    return loop_id


def insert_event(conn: Connection, loop_id: int, event: LoopEvent, now: datetime,
                 evidence: str | None = None) -> int:
    values = dict(loop_id=loop_id, kind=event.kind.value, at=to_db(event.at), note=event.note,
                  interaction_id=event.interaction_id, until=to_db(event.until),
                  undoes=event.undoes, automatic=event.automatic, evidence=evidence,
                  recorded_at=to_db(now))
    if event.id is not None:
        values["id"] = event.id
    return conn.execute(insert(loop_events).values(**values)).inserted_primary_key[0]


def add_event(conn: Connection, loop: Loop, event: LoopEvent, now: datetime,
              evidence: str | None = None) -> Loop:
    """Append ``event`` to ``loop`` and refresh the loop's derived state."""
    event_id = insert_event(conn, loop.id, event, now, evidence)
    saved = Loop(loop.id, loop.kind, loop.direction, loop.counterpart_id, loop.about,
                 loop.introduced_id, loop.events + (_with_id(event, event_id),))
    conn.execute(update(loops).where(loops.c.id == loop.id).values(**derived_columns(saved)))
    return saved


def _with_id(event: LoopEvent, event_id: int) -> LoopEvent:
    return LoopEvent(event.kind, event.at, event.note, event_id, event.interaction_id,
                     event.until, event.undoes, event.automatic)


def derived_columns(loop: Loop) -> dict:
    """The columns of ``loops`` that cache ``core.loops.loop_state``."""
    state = loop_state(loop)
    return dict(stage=state.stage, is_open=state.is_open, opened_at=to_db(state.opened_at),
                closed_at=to_db(state.closed_at), next_step=state.next_step,
                helped_at=to_db(state.at(EventKind.HELPED) or state.at(EventKind.GIVEN)),
                thanked_at=to_db(state.at(EventKind.THANKED) or state.at(EventKind.ACKNOWLEDGED)),
                anchor_ts=to_ts(state.anchor), snooze_ts=to_ts(state.snoozed_until))


def load_loops(conn: Connection, where=None, *, order_newest: bool = False,
               limit: int | None = None) -> list[Loop]:
    query = select(loops)
    if where is not None:
        query = query.where(where)
    query = query.order_by(loops.c.opened_at.desc() if order_newest else loops.c.id,
                           loops.c.id.desc() if order_newest else loops.c.id)
    if limit:
        query = query.limit(limit)
    rows = conn.execute(query).mappings().all()
    events: dict[int, list[LoopEvent]] = defaultdict(list)
    ids = [r["id"] for r in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for e in conn.execute(select(loop_events).where(loop_events.c.loop_id.in_(chunk))
                              .order_by(loop_events.c.id)).mappings():
            events[e["loop_id"]].append(LoopEvent(
                kind=EventKind(e["kind"]), at=from_db(e["at"]), note=e["note"], id=e["id"],
                interaction_id=e["interaction_id"], until=from_db(e["until"]),
                undoes=e["undoes"], automatic=bool(e["automatic"])))
    return [Loop(id=r["id"], kind=LoopKind(r["kind"]), direction=Direction(r["direction"]),
                 counterpart_id=r["counterpart_id"], about=r["about"],
                 introduced_id=r["introduced_id"], events=tuple(events[r["id"]])) for r in rows]


def load_loop(conn: Connection, loop_id: int) -> Loop | None:
    found = load_loops(conn, loops.c.id == loop_id)
    return found[0] if found else None


def loops_of(conn: Connection, *, person_id: int | None = None, open_only: bool = False,
             limit: int | None = None) -> list[Loop]:
    conditions = []
    if person_id is not None:
        conditions.append(or_(loops.c.counterpart_id == person_id,
                              loops.c.introduced_id == person_id))
    if open_only:
        conditions.append(loops.c.is_open.is_(True))
    return load_loops(conn, and_(*conditions) if conditions else None, order_newest=True,
                      limit=limit)


def open_loop_for(conn: Connection, person_id: int, kind: LoopKind, stage: str) -> Loop | None:
    """The oldest open received loop with ``person_id`` of ``kind`` at ``stage``."""
    found = load_loops(conn, and_(loops.c.counterpart_id == person_id, loops.c.kind == kind.value,
                                  loops.c.direction == Direction.RECEIVED.value,
                                  loops.c.is_open.is_(True), loops.c.stage == stage), limit=1)
    return found[0] if found else None


def event_evidence(conn: Connection, loop_id: int) -> dict[int, str]:
    return {r[0]: r[1] for r in conn.execute(
        select(loop_events.c.id, loop_events.c.evidence).where(
            loop_events.c.loop_id == loop_id, loop_events.c.evidence.is_not(None)))}
