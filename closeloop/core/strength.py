"""Relationship strength: how alive a relationship is, 0 to 100, and why.

The score is the sum of five parts, each saturating so that no single habit
(mailing someone daily, one big favour) dominates:

=============  ======  ===============================================================
part           up to   from
=============  ======  ===============================================================
recency         25     the latest contact: 25 x 0.5^(days since / 60); a message only
                       received counts half
frequency       20     contacts, each weighted 0.5^(age in days / 180) (received-only
                       half): 20 x (1 - e^(-sum / 6))
two-way         25     the smaller of "I reached out" and "they reached out", each a
                       weighted sum as above: 25 x (1 - e^(-min / 2))
help            15     help given and received (loops), with give-and-take counted
                       twice: 15 x (1 - e^(-(given + received + 2 x min) / 4))
closed loops    15     loops closed (reported back, outcome learned): 15 x (1 - e^(-n / 2))
=============  ======  ===============================================================

Bulk contact counts for nothing, and a note to myself is not contact. Every
part only grows when a contact is added or moves closer to ``now``, so more
recent contact never lowers the score; tests check both properties.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

RECENCY_POINTS = 25.0
RECENCY_HALF_LIFE_DAYS = 60.0
FREQUENCY_POINTS = 20.0
FREQUENCY_HALF_LIFE_DAYS = 180.0
FREQUENCY_SCALE = 6.0
TWO_WAY_POINTS = 25.0
TWO_WAY_SCALE = 2.0
HELP_POINTS = 15.0
HELP_SCALE = 4.0
CLOSED_POINTS = 15.0
CLOSED_SCALE = 2.0
RECEIVED_ONLY_WEIGHT = 0.5  # a message I never answered says less about us than one I sent
DAY = 86400.0


@dataclass(frozen=True, slots=True)
class Contact:
    """One touchpoint with the person, as strength sees it."""

    at: datetime
    sent: bool  # I reached out (from me; a call or a meeting is both ways)
    received: bool  # they reached out to me
    bulk: bool = False


@dataclass(frozen=True, slots=True)
class Help:
    """The ledger between the user and the person."""

    given: int = 0  # loops where I helped them
    received: int = 0  # loops where they helped me (an ask they have not answered is not help)
    closed: int = 0  # loops closed with an outcome or a report back


@dataclass(frozen=True, slots=True)
class Part:
    name: str
    points: float
    max_points: float
    why: str


@dataclass(frozen=True, slots=True)
class Strength:
    score: float
    parts: tuple[Part, ...]

    def explained(self) -> list[str]:
        return [f"{p.name} {p.points:g}/{p.max_points:g}: {p.why}" for p in self.parts]


def _age_days(at: datetime, now: datetime) -> float:
    return max(0.0, (now - at).total_seconds() / DAY)


def _saturate(points: float, value: float, scale: float) -> float:
    return points * (1.0 - math.exp(-value / scale))


def _round(value: float) -> float:
    return round(value, 1)


def _plural(n: float, word: str) -> str:
    n = int(n)
    return f"{n} {word}{'' if n == 1 else 's'}"


def strength(contacts: Iterable[Contact], help_: Help, now: datetime) -> Strength:
    """The strength of one relationship at ``now``, with what makes it."""
    real = [c for c in contacts if not c.bulk and (c.sent or c.received)]
    weights, sent_sum, received_sum = [], [], []
    best_recency, latest = 0.0, None
    for c in real:
        side = 1.0 if c.sent else RECEIVED_ONLY_WEIGHT
        age = _age_days(c.at, now)
        decay = 0.5 ** (age / FREQUENCY_HALF_LIFE_DAYS)
        weights.append(side * decay)
        if c.sent:
            sent_sum.append(decay)
        if c.received:
            received_sum.append(decay)
        recency = side * 0.5 ** (age / RECENCY_HALF_LIFE_DAYS)
        if recency > best_recency:
            best_recency = recency
        if latest is None or c.at > latest:
            latest = c.at

    parts = []
    if latest is None:
        parts.append(Part("recency", 0.0, RECENCY_POINTS, "no contact recorded"))
    else:
        days = int(_age_days(latest, now))
        parts.append(Part("recency", _round(RECENCY_POINTS * best_recency), RECENCY_POINTS,
                          f"last contact {_plural(days, 'day')} ago"))
    frequency = math.fsum(weights)
    parts.append(Part("frequency", _round(_saturate(FREQUENCY_POINTS, frequency, FREQUENCY_SCALE)),
                      FREQUENCY_POINTS,
                      f"{_plural(len(real), 'contact')} ({frequency:.1f} counting recent ones more)"))
    mine, theirs = math.fsum(sent_sum), math.fsum(received_sum)
    parts.append(Part("two-way", _round(_saturate(TWO_WAY_POINTS, min(mine, theirs), TWO_WAY_SCALE)),
                      TWO_WAY_POINTS,
                      f"you reached out {len(sent_sum)} time(s), they did {len(received_sum)}"))
    exchange = help_.given + help_.received + 2 * min(help_.given, help_.received)
    parts.append(Part("help", _round(_saturate(HELP_POINTS, exchange, HELP_SCALE)), HELP_POINTS,
                      f"you helped them {help_.given} time(s), they helped you {help_.received}"))
    parts.append(Part("closed loops", _round(_saturate(CLOSED_POINTS, help_.closed, CLOSED_SCALE)),
                      CLOSED_POINTS, f"{_plural(help_.closed, 'loop')} closed"))
    return Strength(_round(math.fsum(p.points for p in parts)), tuple(parts))
