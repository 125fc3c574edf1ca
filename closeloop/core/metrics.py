"""How the user is doing: close rate, time to thank and to report, give and take.

Pure functions over loop facts; the service reads the facts from the store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Iterable


@dataclass(frozen=True, slots=True)
class LoopFacts:
    id: int
    direction: str
    stage: str
    is_open: bool
    opened_at: datetime
    closed_at: datetime | None
    helped_at: datetime | None
    thanked_at: datetime | None
    counterpart_id: int


@dataclass(frozen=True, slots=True)
class Month:
    month: str  # YYYY-MM
    opened: int
    closed: int
    thanked: int
    received: int
    given: int


@dataclass(frozen=True, slots=True)
class Stats:
    loops: int
    open: int
    overdue: int
    closed: int  # completed: reported or outcome
    dropped: int
    close_rate: float | None  # closed / (closed + dropped + open), i.e. of all loops
    median_days_to_thank: float | None
    median_days_to_report: float | None
    received: int
    given: int
    balance: int  # given - received: above zero, you give more than you take
    months: tuple[Month, ...]


def _days(a: datetime, b: datetime) -> float:
    return round((b - a).total_seconds() / 86400, 2)


def compute_stats(facts: Iterable[LoopFacts], overdue: int) -> Stats:
    facts = list(facts)
    closed = [f for f in facts if not f.is_open and f.stage != "dropped"]
    dropped = sum(1 for f in facts if f.stage == "dropped")
    received = [f for f in facts if f.direction == "received"]
    to_thank = [_days(f.helped_at, f.thanked_at) for f in received if f.helped_at and f.thanked_at]
    to_report = [_days(f.helped_at, f.closed_at) for f in received
                 if f.helped_at and f.closed_at and f.stage == "reported"]
    months: dict[str, Counter] = {}

    def bump(moment: datetime | None, what: str) -> None:
        if moment is not None:
            months.setdefault(f"{moment:%Y-%m}", Counter())[what] += 1

    for f in facts:
        bump(f.opened_at, "opened")
        bump(f.opened_at, f.direction)
        if not f.is_open and f.stage != "dropped":
            bump(f.closed_at, "closed")
        if f.direction == "received":
            bump(f.thanked_at, "thanked")
    given = len(facts) - len(received)
    return Stats(
        loops=len(facts), open=sum(1 for f in facts if f.is_open), overdue=overdue,
        closed=len(closed), dropped=dropped,
        close_rate=round(len(closed) / len(facts), 3) if facts else None,
        median_days_to_thank=round(median(to_thank), 2) if to_thank else None,
        median_days_to_report=round(median(to_report), 2) if to_report else None,
        received=len(received), given=given, balance=given - len(received),
        months=tuple(Month(m, c["opened"], c["closed"], c["thanked"], c["received"], c["given"])
                     for m, c in sorted(months.items())))
