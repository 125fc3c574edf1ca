"""Read-only views for browsing the ledger: the people directory, a person's
timeline, the loop board, a loop with the messages behind it, circles, and
the active network month by month.

The web pages need these; the CLI's ``people show`` and ``loops`` cover the
same ground in fewer words. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, distinct, func, select

from closeloop.core.model import Direction, Interaction, LoopEvent, Person
from closeloop.errors import BadInput
from closeloop.service import Ledger
from closeloop.service.loops import LoopView, _load, loop_id_of, views
from closeloop.service.people import resolve
from closeloop.store import interactions as interaction_store
from closeloop.store import loops as loop_store
from closeloop.store import people as people_store
from closeloop.store.agenda import epoch
from closeloop.store.schema import circles, interaction_people, loops, people, person_circles
from closeloop.store.times import from_ts, to_ts

RECEIVED_STAGES = ("asked", "helped", "thanked", "acted", "reported", "dropped")
GIVEN_STAGES = ("given", "acknowledged", "outcome", "dropped")
SORTS = ("name", "last_contact")


@dataclass(frozen=True, slots=True)
class PersonRow:
    person: Person
    last_contact: datetime | None
    cadence_days: int | None  # the person's own, else their circles' shortest


def people_directory(ledger: Ledger, *, search: str | None = None, circle: str | None = None,
                     sort: str = "name", losing_touch: bool = False,
                     limit: int = 100) -> tuple[list[PersonRow], int]:
    """People to browse, and how many match in all.

    ``losing_touch`` keeps those whose keep-in-touch cadence has run out, the
    longest silence first.
    """
    if sort not in SORTS:
        raise BadInput(f"sort by one of {', '.join(SORTS)}, not {sort!r}")
    now_ts = to_ts(ledger.now())
    where = [people.c.is_me.is_(False)]
    with ledger.reading() as conn:
        if circle:
            where.append(people.c.id.in_(
                select(person_circles.c.person_id).join(
                    circles, circles.c.id == person_circles.c.circle_id)
                .where(circles.c.name == circle)))
        if search and search.strip():
            ids = [r[0] for r in people_store.find_people(conn, search.strip(), limit=10_000)]
            where.append(people.c.id.in_(ids))
        contact = func.coalesce(people.c.last_contact_ts, epoch(people.c.created_at))
        if losing_touch:
            where += [people.c.keep_cadence_days.is_not(None),
                      contact + people.c.keep_cadence_days * 86_400 <= now_ts]
        order = {
            "name": (people.c.name, people.c.id),
            # the most recent contact first; people never in touch last
            "last_contact": (people.c.last_contact_ts.is_(None), people.c.last_contact_ts.desc(),
                             people.c.name, people.c.id) if not losing_touch else (contact, people.c.id),
        }[sort if not losing_touch else "last_contact"]
        total = conn.execute(select(func.count()).select_from(people).where(and_(*where))).scalar_one()
        rows = conn.execute(select(people.c.id, people.c.last_contact_ts, people.c.keep_cadence_days)
                            .where(and_(*where)).order_by(*order).limit(limit)).all()
        loaded = people_store.load_people(conn, [r.id for r in rows])
    return [PersonRow(loaded[r.id], from_ts(r.last_contact_ts), r.keep_cadence_days)
            for r in rows], total


def circle_names(ledger: Ledger) -> list[str]:
    with ledger.reading() as conn:
        return list(conn.execute(select(circles.c.name).order_by(circles.c.name)).scalars())


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a timeline: an interaction or a loop event."""

    at: datetime
    interaction: Interaction | None = None
    loop: LoopView | None = None
    event: LoopEvent | None = None


@dataclass(frozen=True, slots=True)
class Timeline:
    person: Person
    last_contact: datetime | None
    cadence_days: int | None
    entries: tuple[Entry, ...]
    open_received: tuple[LoopView, ...]  # they helped me (or I asked them)
    open_given: tuple[LoopView, ...]  # I helped them
    closed: tuple[LoopView, ...]
    received: int  # loops with them as counterpart, either way
    given: int
    interaction_count: int
    names: dict[int, str]  # everyone the interactions name


def person_timeline(ledger: Ledger, who: str, *, limit: int = 100) -> Timeline:
    """A person's interactions and loop events, newest first, with their loops."""
    with ledger.reading() as conn:
        person_id = resolve(conn, who)
        row = conn.execute(select(people.c.last_contact_ts, people.c.keep_cadence_days)
                           .where(people.c.id == person_id)).one()
        person = people_store.load_person(conn, person_id)
        found = interaction_store.list_interactions(conn, person_id=person_id, limit=limit)
        loop_views = views(conn, loop_store.loops_of(conn, person_id=person_id))
        count = interaction_store.count_interactions(conn, person_id)
        others = {pid for i in found for pid in i.person_ids}
        names = {pid: p.name for pid, p in people_store.load_people(conn, others).items()}
    entries = [Entry(i.occurred_at, interaction=i) for i in found]
    entries += [Entry(e.at, loop=v, event=e) for v in loop_views for e in v.loop.events]
    entries.sort(key=lambda e: e.at, reverse=True)
    mine = [v for v in loop_views if v.loop.counterpart_id == person_id]
    return Timeline(
        person=person, last_contact=from_ts(row.last_contact_ts), cadence_days=row.keep_cadence_days,
        entries=tuple(entries[:limit]),
        open_received=tuple(v for v in loop_views if v.state.is_open
                            and v.loop.direction == Direction.RECEIVED),
        open_given=tuple(v for v in loop_views if v.state.is_open
                         and v.loop.direction == Direction.GIVEN),
        closed=tuple(v for v in loop_views if not v.state.is_open),
        received=sum(1 for v in mine if v.loop.direction == Direction.RECEIVED),
        given=sum(1 for v in mine if v.loop.direction == Direction.GIVEN),
        interaction_count=count, names=names)


@dataclass(frozen=True, slots=True)
class Column:
    stage: str
    loops: tuple[LoopView, ...]  # the newest ``per_column``
    total: int


def loop_board(ledger: Ledger, *, per_column: int = 30) -> dict[str, tuple[Column, ...]]:
    """Loops by direction and stage, newest first in each column."""
    board: dict[str, tuple[Column, ...]] = {}
    with ledger.reading() as conn:
        counts = {(r.direction, r.stage): r.n for r in conn.execute(
            select(loops.c.direction, loops.c.stage, func.count().label("n"))
            .group_by(loops.c.direction, loops.c.stage))}
        for direction, stages in (("received", RECEIVED_STAGES), ("given", GIVEN_STAGES)):
            columns = []
            for stage in stages:
                total = counts.get((direction, stage), 0)
                found = loop_store.load_loops(
                    conn, and_(loops.c.direction == direction, loops.c.stage == stage),
                    order_newest=True, limit=per_column) if total else []
                columns.append(Column(stage, tuple(views(conn, found)), total))
            board[direction] = tuple(columns)
    return board


def find_loops(ledger: Ledger, *, person: str | None = None, direction: str | None = None,
               stage: str | None = None, open_only: bool = False,
               limit: int | None = 100) -> list[LoopView]:
    """Loops, newest first, filtered by person, direction, stage or openness."""
    where = []
    if direction:
        if direction not in ("received", "given"):
            raise BadInput(f"direction is received or given, not {direction!r}")
        where.append(loops.c.direction == direction)
    if stage:
        if stage not in set(RECEIVED_STAGES) | set(GIVEN_STAGES):
            raise BadInput(f"unknown stage {stage!r}: choose one of "
                           f"{', '.join(dict.fromkeys(RECEIVED_STAGES + GIVEN_STAGES))}")
        where.append(loops.c.stage == stage)
    if open_only:
        where.append(loops.c.is_open.is_(True))
    with ledger.reading() as conn:
        if person:
            pid = resolve(conn, person)
            where.append((loops.c.counterpart_id == pid) | (loops.c.introduced_id == pid))
        found = loop_store.load_loops(conn, and_(*where) if where else None, order_newest=True,
                                      limit=limit)
        return views(conn, found)


@dataclass(frozen=True, slots=True)
class LoopStory:
    """A loop, its events, and the interactions (messages, calls) behind them."""

    view: LoopView
    interactions: dict[int, Interaction]  # by id, for events that cite one
    evidence: dict[int, str]  # event id -> the phrase detection found


def loop_story(ledger: Ledger, loop_ref: str | int) -> LoopStory:
    with ledger.reading() as conn:
        loop = _load(conn, loop_id_of(loop_ref))
        cited = {e.interaction_id for e in loop.events if e.interaction_id}
        found = {i: interaction_store.load_interaction(conn, i) for i in cited}
        return LoopStory(views(conn, [loop])[0], {k: v for k, v in found.items() if v},
                         loop_store.event_evidence(conn, loop.id))


def active_network(ledger: Ledger, *, months: int = 12) -> list[tuple[str, int]]:
    """(YYYY-MM, people with real contact that month) for the last ``months`` months."""
    now = ledger.now().astimezone(timezone.utc)
    starts = []
    first = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    for _ in range(months):
        starts.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    starts.reverse()
    result = []
    with ledger.reading() as conn:
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else now
            n = conn.execute(select(func.count(distinct(interaction_people.c.person_id))).where(
                interaction_people.c.counts.is_(True),
                interaction_people.c.occurred_ts >= to_ts(start),
                interaction_people.c.occurred_ts < to_ts(end))).scalar_one()
            result.append((f"{start:%Y-%m}", n))
    return result
