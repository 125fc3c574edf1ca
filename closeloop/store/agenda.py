"""The agenda as SQL: the rules of ``core.due`` evaluated inside the database.

Only the few most urgent rows come back to Python, however large the ledger.
``tests/test_agenda_equivalence.py`` checks that these queries and the pure
``core.due.due_items`` agree on random ledgers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, and_, case, exists, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from closeloop.core.due import PRIORITY, STEP_ACTION, Action
from closeloop.core.loops import NextStep
from closeloop.core.policy import Policy
from closeloop.store.schema import (
    circles, interaction_people, interactions, loops, people, person_circles,
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


def _loop_query(policy: Policy, now_ts: int):
    rules = {step: tuple(_seconds(d.total_seconds() / DAY) for d in policy.rule(step))
             for step in STEPS}
    delay = case(*((loops.c.next_step == s, rules[s][0]) for s in STEPS), else_=0)
    window = case(*((loops.c.next_step == s, rules[s][1]) for s in STEPS), else_=0)
    raw_start = loops.c.anchor_ts + delay
    start = case((loops.c.snooze_ts > raw_start, loops.c.snooze_ts), else_=raw_start)
    # One range per step lets the (next_step, anchor_ts) index do the work.
    ready = or_(*(and_(loops.c.next_step == s, loops.c.anchor_ts <= now_ts - rules[s][0])
                  for s in STEPS))
    where = and_(loops.c.is_open.is_(True), ready, start <= now_ts)
    return start, start + window, where


def _cadence():
    circle_min = (select(person_circles.c.person_id, func.min(circles.c.cadence_days).label("days"))
                  .join(circles, circles.c.id == person_circles.c.circle_id)
                  .where(circles.c.cadence_days.is_not(None))
                  .group_by(person_circles.c.person_id).subquery())
    cadence = func.coalesce(people.c.cadence_days, circle_min.c.days)
    base = func.coalesce(people.c.last_contact_ts, epoch(people.c.created_at))
    source = people.outerjoin(circle_min, circle_min.c.person_id == people.c.id)
    return cadence, base, source


def _keep_in_touch_query(policy: Policy, now_ts: int):
    cadence, base, source = _cadence()
    start = base + cadence * DAY
    where = and_(people.c.is_me.is_(False), cadence.is_not(None), start <= now_ts)
    return cadence, start, source, where


def _reply_query(now: datetime):
    later = interaction_people.alias("later")
    answered = exists().where(later.c.person_id == interaction_people.c.person_id,
                              later.c.counts.is_(True),
                              later.c.occurred_ts >= interaction_people.c.occurred_ts)
    source = interactions.join(interaction_people,
                               interaction_people.c.interaction_id == interactions.c.id)
    where = and_(interactions.c.needs_reply.is_(True), interactions.c.direction == "to_me",
                 interactions.c.occurred_at <= to_db(now), ~answered)
    return source, where


def due_rows(conn: Connection, policy: Policy, now: datetime,
             limit: int | None = None, person_id: int | None = None) -> tuple[list[Row], int]:
    """The ``limit`` most urgent due rows (all when None) and how many there are in all."""
    now_ts = to_ts(now)
    grace = _seconds(policy.grace_days)
    reply_window = _seconds(policy.reply_within_days)
    rows: list[Row] = []
    total = 0

    start, due, where = _loop_query(policy, now_ts)
    if person_id is not None:
        where = and_(where, loops.c.counterpart_id == person_id)
    priority = case(*((loops.c.next_step == s, PRIORITY[STEP_ACTION[s]]) for s in STEPS), else_=0)
    query = (select(loops.c.id, loops.c.counterpart_id, loops.c.next_step, loops.c.anchor_ts,
                    start.label("start"), due.label("due")).where(where)
             .order_by(due, priority, loops.c.counterpart_id, loops.c.id))
    total += conn.execute(select(func.count()).select_from(loops).where(where)).scalar_one()
    for r in conn.execute(query.limit(limit) if limit else query):
        rows.append(Row(STEP_ACTION[r.next_step], r.counterpart_id, r.start, r.due,
                        loop_id=r.id, step=r.next_step, anchor_ts=r.anchor_ts))

    cadence, kstart, source, kwhere = _keep_in_touch_query(policy, now_ts)
    if person_id is not None:
        kwhere = and_(kwhere, people.c.id == person_id)
    total += conn.execute(select(func.count()).select_from(source).where(kwhere)).scalar_one()
    kquery = (select(people.c.id, cadence.label("cadence"), people.c.last_contact_ts,
                     kstart.label("start")).select_from(source).where(kwhere)
              .order_by(kstart, people.c.id))
    for r in conn.execute(kquery.limit(limit) if limit else kquery):
        rows.append(Row(Action.KEEP_IN_TOUCH, r.id, r.start, r.start + grace,
                        cadence_days=r.cadence, last_contact_ts=r.last_contact_ts))

    rsource, rwhere = _reply_query(now)
    if person_id is not None:
        rwhere = and_(rwhere, interaction_people.c.person_id == person_id)
    total += conn.execute(select(func.count()).select_from(rsource).where(rwhere)).scalar_one()
    rquery = (select(interactions.c.id, interaction_people.c.person_id,
                     interaction_people.c.occurred_ts).select_from(rsource).where(rwhere)
              .order_by(interaction_people.c.occurred_ts, interaction_people.c.person_id,
                        interactions.c.id))
    for r in conn.execute(rquery.limit(limit) if limit else rquery):
        rows.append(Row(Action.REPLY, r.person_id, r.occurred_ts, r.occurred_ts + reply_window,
                        interaction_id=r.id))

    rows.sort(key=lambda row: row.sort_key)
    return (rows[:limit] if limit else rows), total


def overdue_loop_count(conn: Connection, policy: Policy, now: datetime) -> int:
    now_ts = to_ts(now)
    start, due, where = _loop_query(policy, now_ts)
    return conn.execute(select(func.count()).select_from(loops)
                        .where(and_(where, due < now_ts))).scalar_one()


__all__ = ["Row", "due_rows", "overdue_loop_count", "epoch"]
