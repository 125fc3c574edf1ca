"""People drifting away, ranked by how much the relationship mattered.

Someone is drifting when their keep-in-touch cadence has run out, or, with no
cadence, when you had real contact at least three times and the last was
more than ``QUIET_DAYS`` ago. How much it mattered is their strength without
its recency part (frequency, give and take, help, closed loops): recency is
exactly what is fading, so it must not decide the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select

from closeloop.core.model import Person
from closeloop.service import Ledger
from closeloop.service.strength import strengths
from closeloop.store import people as people_store
from closeloop.store.agenda import epoch
from closeloop.store.schema import interaction_people, people
from closeloop.store.times import from_ts, to_ts

QUIET_DAYS = 90
MIN_CONTACTS = 3
CANDIDATES = 200


@dataclass(frozen=True, slots=True)
class Drifting:
    person: Person
    last_contact: datetime | None
    cadence_days: int | None
    mattered: float  # strength without recency, 0-75
    strength: float
    why: str


def losing_touch(ledger: Ledger, *, limit: int = 20) -> list[Drifting]:
    now = ledger.now()
    quiet = to_ts(now - timedelta(days=QUIET_DAYS))
    contacts = (select(func.count()).select_from(interaction_people)
                .where(interaction_people.c.person_id == people.c.id,
                       interaction_people.c.counts.is_(True)).scalar_subquery())
    clock = func.coalesce(people.c.last_contact_ts, epoch(people.c.created_at))
    overdue = and_(people.c.keep_cadence_days.is_not(None),
                   clock + people.c.keep_cadence_days * 86400 <= to_ts(now))
    quiet_long = and_(people.c.keep_cadence_days.is_(None), people.c.last_contact_ts < quiet,
                      contacts >= MIN_CONTACTS)
    with ledger.reading() as conn:
        rows = conn.execute(select(people.c.id, people.c.last_contact_ts,
                                   people.c.keep_cadence_days, contacts.label("contacts"))
                            .where(people.c.is_me.is_(False), or_(overdue, quiet_long))
                            .order_by(contacts.desc(), people.c.id).limit(CANDIDATES)).all()
        ids = [r.id for r in rows]
        scores = strengths(conn, ids, now)
        loaded = people_store.load_people(conn, ids)
    found = []
    for row in rows:
        score = scores[row.id]
        recency = next((p.points for p in score.parts if p.name == "recency"), 0.0)
        last = from_ts(row.last_contact_ts)
        since = f"last real contact {last:%b} {last.day}, {last.year}" if last else "no real contact yet"
        rule = (f"you meant to talk every {row.keep_cadence_days} days" if row.keep_cadence_days
                else f"{row.contacts} conversations, then quiet for over {QUIET_DAYS} days")
        found.append(Drifting(loaded[row.id], last, row.keep_cadence_days,
                              round(score.score - recency, 1), score.score, f"{since}; {rule}"))
    found.sort(key=lambda d: (-d.mattered, d.person.name))
    return found[:limit]
