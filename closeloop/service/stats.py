"""Stats: is closing loops "a little more" making the network stronger?"""

from __future__ import annotations

from sqlalchemy import select

from closeloop.core.metrics import LoopFacts, Stats, compute_stats
from closeloop.service import Ledger
from closeloop.service.config import load_policy
from closeloop.store.agenda import overdue_loop_count
from closeloop.store.schema import loops
from closeloop.store.times import from_db


def stats(ledger: Ledger) -> Stats:
    now = ledger.now()
    with ledger.reading() as conn:
        rows = conn.execute(select(
            loops.c.id, loops.c.direction, loops.c.stage, loops.c.is_open, loops.c.opened_at,
            loops.c.closed_at, loops.c.helped_at, loops.c.thanked_at, loops.c.counterpart_id))
        facts = [LoopFacts(r.id, r.direction, r.stage, bool(r.is_open), from_db(r.opened_at),
                           from_db(r.closed_at), from_db(r.helped_at), from_db(r.thanked_at),
                           r.counterpart_id) for r in rows]
        overdue = overdue_loop_count(conn, load_policy(conn), now)
    return compute_stats(facts, overdue)
