"""Loops: ask, got, gave, and each later step (thank, acted, report, ...)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.engine import Connection

from closeloop.core.loops import LoopState, check_step, loop_state
from closeloop.core.model import Direction, EventKind, Loop, LoopEvent, LoopKind, Person
from closeloop.errors import BadInput, NotFound
from closeloop.service import Ledger
from closeloop.service.parse import parse_choice, parse_day_start, parse_when
from closeloop.service.people import resolve, resolve_or_create
from closeloop.store import loops as store
from closeloop.store import people as people_store
from closeloop.store.schema import loops as loops_table


@dataclass(frozen=True, slots=True)
class LoopView:
    """A loop with its state and the people it names, ready to show."""

    loop: Loop
    state: LoopState
    counterpart: Person
    introduced: Person | None
    advanced: bool = False  # `got` moved an open ask forward instead of opening a loop
    created_people: tuple[Person, ...] = ()


def view(conn: Connection, loop: Loop, **extra) -> LoopView:
    ids = [loop.counterpart_id] + ([loop.introduced_id] if loop.introduced_id else [])
    found = people_store.load_people(conn, ids)
    return LoopView(loop, loop_state(loop), found[loop.counterpart_id],
                    found.get(loop.introduced_id) if loop.introduced_id else None, **extra)


def loop_id_of(text: str | int) -> int:
    raw = str(text).strip().lstrip("#")
    if not raw.isdigit():
        raise BadInput(f"a loop is named by its number, like 12, not {text!r}")
    return int(raw)


def _load(conn: Connection, loop_id: int) -> Loop:
    loop = store.load_loop(conn, loop_id)
    if loop is None:
        raise NotFound(f"no loop {loop_id}; `closeloop loops` lists them")
    return loop


def _when(at: str | None, now: datetime) -> datetime:
    return parse_when(at, now) if at else now


def _open(ledger: Ledger, kind: str, direction: Direction, opening: EventKind, who: str,
          about: str, introduced: str | None, at: str | None, note: str) -> LoopView:
    kind_ = parse_choice(LoopKind, kind, "kind of help")
    now = ledger.now()
    when = _when(at, now)
    if when > now:
        raise BadInput(f"{when:%Y-%m-%d %H:%M} is in the future: record what has happened")
    with ledger.transaction() as conn:
        counterpart = resolve(conn, who)
        created = []
        introduced_id = None
        if introduced:
            introduced_id, new = resolve_or_create(ledger, conn, introduced)
            if new:
                created.append(people_store.load_person(conn, introduced_id))
            if introduced_id == counterpart:
                raise BadInput("someone can't be introduced to themselves")
        if opening == EventKind.HELPED:
            asked = store.open_loop_for(conn, counterpart, kind_, "asked")
            if asked is not None:
                event = LoopEvent(EventKind.HELPED, when, note)
                check_step(asked, event, now)
                changes = {}
                if about and not asked.about:
                    changes["about"] = about
                if introduced_id and not asked.introduced_id:
                    changes["introduced_id"] = introduced_id
                if changes:
                    conn.execute(update(loops_table).where(loops_table.c.id == asked.id)
                                 .values(**changes))
                    asked = store.load_loop(conn, asked.id)
                saved = store.add_event(conn, asked, event, now)
                return view(conn, saved, advanced=True, created_people=tuple(created))
        loop = Loop(id=None, kind=kind_, direction=direction, counterpart_id=counterpart,
                    about=about.strip(), introduced_id=introduced_id,
                    events=(LoopEvent(opening, when, note),))
        loop_id = store.insert_loop(conn, loop, now)
        return view(conn, _load(conn, loop_id), created_people=tuple(created))


def ask(ledger: Ledger, kind: str, of: str, *, about: str = "", introduced: str | None = None,
        at: str | None = None, note: str = "") -> LoopView:
    """I asked someone for help."""
    if not about.strip() and not introduced:
        raise BadInput("what did you ask about? give --about TEXT")
    return _open(ledger, kind, Direction.RECEIVED, EventKind.ASKED, of, about, introduced, at, note)


def got(ledger: Ledger, kind: str, from_: str, *, about: str = "", introduced: str | None = None,
        at: str | None = None, note: str = "") -> LoopView:
    """Someone helped me; advances an open ask of the same kind to them."""
    return _open(ledger, kind, Direction.RECEIVED, EventKind.HELPED, from_, about, introduced, at,
                 note)


def gave(ledger: Ledger, kind: str, to: str, *, about: str = "", introduced: str | None = None,
         at: str | None = None, note: str = "") -> LoopView:
    """I helped someone."""
    return _open(ledger, kind, Direction.GIVEN, EventKind.GIVEN, to, about, introduced, at, note)


def record_step(ledger: Ledger, loop_ref: str | int, kind: EventKind, *, note: str = "",
                at: str | None = None, until: str | None = None,
                interaction_id: int | None = None) -> LoopView:
    """Append one event (thank, acted, report, ack, outcome, nudge, snooze, drop, reopen, undo)."""
    now = ledger.now()
    when = _when(at, now)
    until_at = None
    if kind == EventKind.SNOOZED:
        if not until:
            raise BadInput("snooze until when? give --until DATE")
        until_at = parse_day_start(until, now)
    with ledger.transaction() as conn:
        loop = _load(conn, loop_id_of(loop_ref))
        opened = loop_state(loop).opened_at
        if at and len(at.strip()) == 10 and when < opened and when.date() == opened.date():
            when = opened  # a bare date on the day the loop opened means "that day", not noon
        undoes = None
        if kind == EventKind.UNDONE:
            from closeloop.core.loops import events_in_force
            kept = events_in_force(loop.events)
            undoes = kept[-1].id if len(kept) > 1 else None
        event = LoopEvent(kind, when, note.strip(), until=until_at, undoes=undoes,
                          interaction_id=interaction_id)
        check_step(loop, event, now)
        return view(conn, store.add_event(conn, loop, event, now))


def list_loops(ledger: Ledger, *, open_only: bool = False, person: str | None = None,
               limit: int | None = None) -> list[LoopView]:
    with ledger.reading() as conn:
        person_id = resolve(conn, person) if person else None
        return views(conn, store.loops_of(conn, person_id=person_id, open_only=open_only,
                                          limit=limit))


def views(conn: Connection, found: list[Loop]) -> list[LoopView]:
    """Views of many loops, loading the people they name in one go."""
    ids = {i for lp in found for i in (lp.counterpart_id, lp.introduced_id) if i}
    named = people_store.load_people(conn, ids)
    return [LoopView(lp, loop_state(lp), named[lp.counterpart_id],
                     named.get(lp.introduced_id) if lp.introduced_id else None) for lp in found]


def show_loop(ledger: Ledger, loop_ref: str | int) -> LoopView:
    with ledger.reading() as conn:
        return view(conn, _load(conn, loop_id_of(loop_ref)))
