"""The agenda as SQL: the rules of ``core.due`` evaluated inside the database.

Only the few most urgent rows come back to Python, however large the ledger.
``tests/test_agenda_equivalence.py`` checks that these queries and the pure
``core.due.due_items`` agree on random ledgers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, and_, case, exists, func, or_, select, true
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from closeloop.core.due import PRIORITY, STEP_ACTION, Action
from closeloop.core.loops import NextStep
from closeloop.core.policy import Policy
from closeloop.store.schema import (
    interaction_people, interactions, loops, people,
)
from closeloop.store.times import to_db, to_ts

STEPS = (NextStep.THANK, NextStep.REPORT, NextStep.REPORT_UNACTED, NextStep.FOLLOW_UP,
         NextStep.CHECK_IN)
DAY = 86_400


class epoch(FunctionElement):  # noqa: N801 - reads as SQL
    """Unix seconds of a naive-UTC timestamp column, on SQLite and PostgreSQL."""

    type = BigInteger()
    inherit_cache = True


@compiles(epoch, "sqlite")
def _epoch_sqlite(element, compiler, **kw):
    return "CAST(strftime('%%s', %s) AS INTEGER)" % compiler.process(element.clauses, **kw)


@compiles(epoch)
def _epoch_default(element, compiler, **kw):
    return "CAST(EXTRACT(EPOCH FROM %s) AS BIGINT)" % compiler.process(element.clauses, **kw)


@dataclass(frozen=True, slots=True)
class Row:
    """One due thing as the database found it, before names and drafts."""

    action: Action
    person_id: int
    start_ts: int
    due_ts: int
    loop_id: int | None = None
    step: str | None = None
    anchor_ts: int | None = None
    interaction_id: int | None = None
    cadence_days: int | None = None
    last_contact_ts: int | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.due_ts, PRIORITY[self.action], self.person_id, self.loop_id or 0,
                self.interaction_id or 0)


def _seconds(days: float) -> int:
    return int(round(days * DAY))


def _rules(policy: Policy) -> dict[str, tuple[int, int]]:
    """(delay, window) in seconds for each step."""
    return {step: tuple(_seconds(d.total_seconds() / DAY) for d in policy.rule(step))
            for step in STEPS}


def _loop_query(policy: Policy, now_ts: int):
    """(start, due, where) of due loops.

    start = max(anchor + delay, snooze) and due = start + window; start <= now
    holds exactly when anchor + delay <= now and the snooze (if any) is past,
    which the (next_step, anchor_ts, snooze_ts) index answers without a CASE.
    """
    rules = _rules(policy)
    delay = case(*((loops.c.next_step == s, rules[s][0]) for s in STEPS), else_=0)
    window = case(*((loops.c.next_step == s, rules[s][1]) for s in STEPS), else_=0)
    raw_start = loops.c.anchor_ts + delay
    start = case((loops.c.snooze_ts > raw_start, loops.c.snooze_ts), else_=raw_start)
    # next_step is NULL on a closed loop, so a step's range implies the loop is open.
    ready = or_(*(and_(loops.c.next_step == s, loops.c.anchor_ts <= now_ts - rules[s][0])
                  for s in STEPS))
    where = and_(ready, or_(loops.c.snooze_ts.is_(None), loops.c.snooze_ts <= now_ts))
    return start, start + window, where


def _most_urgent_loops(policy: Policy, now_ts: int, limit: int, extra) -> list:
    """The ``limit`` loops due soonest, walking the index once per step.

    Within a step, an unsnoozed loop's due time grows with its anchor, so the
    index gives them in order; loops whose snooze has just ended are few and
    fetched apart, ordered by the snooze.
    """
    queries = []
    for step, (delay, window) in _rules(policy).items():
        base = and_(loops.c.next_step == step, loops.c.anchor_ts <= now_ts - delay, extra)
        plain = or_(loops.c.snooze_ts.is_(None), loops.c.snooze_ts <= loops.c.anchor_ts + delay)
        queries.append(select(loops.c.id, loops.c.counterpart_id, loops.c.next_step,
                              loops.c.anchor_ts, (loops.c.anchor_ts + delay).label("start"),
                              (loops.c.anchor_ts + delay + window).label("due"))
                       .where(base, plain)
                       .order_by(loops.c.anchor_ts, loops.c.counterpart_id, loops.c.id)
                       .limit(limit))
        woken = and_(loops.c.snooze_ts > loops.c.anchor_ts + delay, loops.c.snooze_ts <= now_ts)
        queries.append(select(loops.c.id, loops.c.counterpart_id, loops.c.next_step,
                              loops.c.anchor_ts, loops.c.snooze_ts.label("start"),
                              (loops.c.snooze_ts + window).label("due"))
                       .where(base, woken)
                       .order_by(loops.c.snooze_ts, loops.c.counterpart_id, loops.c.id)
                       .limit(limit))
    return queries


def _keep_in_touch_query(policy: Policy, now_ts: int):
    """People whose keep-in-touch clock has run out.

    ``keep_cadence_days`` caches ``core.due.effective_cadence``; the index on
    (keep_cadence_days, last_contact_ts) leaves out everyone without one. A
    snooze past the clock moves the start to the snooze (``core.due.snoozed``).
    """
    cadence = people.c.keep_cadence_days
    base = func.coalesce(people.c.last_contact_ts, epoch(people.c.created_at))
    raw = base + cadence * DAY
    start = case((people.c.kit_snooze_ts > raw, people.c.kit_snooze_ts), else_=raw)
    where = and_(cadence.is_not(None), people.c.is_me.is_(False), raw <= now_ts,
                 or_(people.c.kit_snooze_ts.is_(None), people.c.kit_snooze_ts <= now_ts))
    return cadence, start, people, where


def _reply_query(now: datetime):
    """Personal messages asking me something that I have not answered (nor marked done)."""
    now_ts = to_ts(now)
    later = interaction_people.alias("later")
    answered = exists().where(later.c.person_id == interaction_people.c.person_id,
                              later.c.counts.is_(True),
                              later.c.occurred_ts >= interaction_people.c.occurred_ts)
    source = interactions.join(interaction_people,
                               interaction_people.c.interaction_id == interactions.c.id)
    snooze = interactions.c.reply_snooze_ts
    start = case((snooze > interaction_people.c.occurred_ts, snooze),
                 else_=interaction_people.c.occurred_ts)
    where = and_(interactions.c.needs_reply.is_(True), interactions.c.direction == "to_me",
                 interactions.c.occurred_at <= to_db(now), interactions.c.reply_done.is_(False),
                 or_(snooze.is_(None), snooze <= now_ts), ~answered)
    return source, start, where


def _most_urgent_people(kwhere, columns, kstart, limit: int, conn: Connection) -> list:
    """The ``limit`` people whose keep-in-touch clock ran out first, one index walk per cadence.

    With one cadence, the start grows with the last contact, which the
    (keep_cadence_days, last_contact_ts) index holds in order; people never
    contacted and people whose snooze has just ended are few and fetched apart.
    """
    cadences = [c for (c,) in conn.execute(select(people.c.keep_cadence_days).distinct()
                                           .where(people.c.keep_cadence_days.is_not(None)))]
    snoozed_late = and_(people.c.kit_snooze_ts.is_not(None),
                        people.c.kit_snooze_ts > people.c.last_contact_ts
                        + people.c.keep_cadence_days * DAY)
    queries = []
    for days in cadences:
        same = and_(kwhere, people.c.keep_cadence_days == days)
        queries.append(select(*columns).where(same, people.c.last_contact_ts.is_not(None),
                                              ~snoozed_late)
                       .order_by(people.c.last_contact_ts, people.c.id).limit(limit))
        queries.append(select(*columns).where(same, people.c.last_contact_ts.is_(None))
                       .order_by(kstart, people.c.id).limit(limit))
    queries.append(select(*columns).where(kwhere, people.c.last_contact_ts.is_not(None),
                                          snoozed_late)
                   .order_by(kstart, people.c.id).limit(limit))
    return queries


def due_rows(conn: Connection, policy: Policy, now: datetime,
             limit: int | None = None, person_id: int | None = None) -> tuple[list[Row], int]:
    """The ``limit`` most urgent due rows (all when None) and how many there are in all.

    Each query counts its matches with ``count(*) OVER ()`` so that the count
    and the most urgent rows come from one pass.
    """
    now_ts = to_ts(now)
    grace = _seconds(policy.grace_days)
    reply_window = _seconds(policy.reply_within_days)
    rows: list[Row] = []
    total = 0
    everything = func.count().over().label("total")

    def run(query):
        nonlocal total
        found = conn.execute(query.limit(limit) if limit else query).all()
        total += found[0].total if found else 0
        return found

    start, due, where = _loop_query(policy, now_ts)
    mine = loops.c.counterpart_id == person_id if person_id is not None else true()
    if limit:
        # One count per step: each is a plain range of the covering index.
        for step, (delay, _) in _rules(policy).items():
            total += conn.execute(select(func.count()).select_from(loops).where(
                loops.c.next_step == step, loops.c.anchor_ts <= now_ts - delay,
                or_(loops.c.snooze_ts.is_(None), loops.c.snooze_ts <= now_ts), mine)).scalar_one()
        found = [r for q in _most_urgent_loops(policy, now_ts, limit, mine) for r in conn.execute(q)]
    else:
        found = conn.execute(select(loops.c.id, loops.c.counterpart_id, loops.c.next_step,
                                    loops.c.anchor_ts, start.label("start"), due.label("due"))
                             .where(where, mine)).all()
        total += len(found)
    for r in found:
        rows.append(Row(STEP_ACTION[r.next_step], r.counterpart_id, r.start, r.due,
                        loop_id=r.id, step=r.next_step, anchor_ts=r.anchor_ts))

    cadence, kstart, source, kwhere = _keep_in_touch_query(policy, now_ts)
    if person_id is not None:
        kwhere = and_(kwhere, people.c.id == person_id)
    columns = (people.c.id, cadence.label("cadence"), people.c.last_contact_ts,
               kstart.label("start"))
    if limit:
        total += conn.execute(select(func.count()).select_from(source).where(kwhere)).scalar_one()
        found = [r for q in _most_urgent_people(kwhere, columns, kstart, limit, conn)
                 for r in conn.execute(q)]
    else:
        found = conn.execute(select(*columns).select_from(source).where(kwhere)).all()
        total += len(found)
    for r in found:
        rows.append(Row(Action.KEEP_IN_TOUCH, r.id, r.start, r.start + grace,
                        cadence_days=r.cadence, last_contact_ts=r.last_contact_ts))

    rsource, rstart, rwhere = _reply_query(now)
    if person_id is not None:
        rwhere = and_(rwhere, interaction_people.c.person_id == person_id)
    for r in run(select(interactions.c.id, interaction_people.c.person_id,
                        rstart.label("start"), everything)
                 .select_from(rsource).where(rwhere)
                 .order_by(rstart, interaction_people.c.person_id, interactions.c.id)):
        rows.append(Row(Action.REPLY, r.person_id, r.start, r.start + reply_window,
                        interaction_id=r.id))

    rows.sort(key=lambda row: row.sort_key)
    return (rows[:limit] if limit else rows), total


def overdue_loop_count(conn: Connection, policy: Policy, now: datetime) -> int:
    now_ts = to_ts(now)
    start, due, where = _loop_query(policy, now_ts)
    return conn.execute(select(func.count()).select_from(loops)
                        .where(and_(where, due < now_ts))).scalar_one()


__all__ = ["Row", "due_rows", "overdue_loop_count", "epoch"]
