"""The ledger's plain data: people, circles, interactions, loops and events.

Every object is frozen; times are aware UTC datetimes supplied by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


class StrEnum(str, Enum):
    def __str__(self) -> str:  # prints as its value in messages and JSON
        return self.value


class LoopKind(StrEnum):
    INTRODUCTION = "introduction"
    RECOMMENDATION = "recommendation"
    INFORMATION = "information"
    ADVICE = "advice"
    REFERRAL = "referral"
    FAVOR = "favor"


class Direction(StrEnum):
    RECEIVED = "received"  # they helped me
    GIVEN = "given"  # I helped them


class EventKind(StrEnum):
    # help received
    ASKED = "asked"
    HELPED = "helped"
    THANKED = "thanked"
    ACTED = "acted"
    REPORTED = "reported"
    # help given
    GIVEN = "given"
    ACKNOWLEDGED = "acknowledged"
    OUTCOME = "outcome"
    # either
    NUDGED = "nudged"
    SNOOZED = "snoozed"
    DROPPED = "dropped"
    REOPENED = "reopened"
    # takes back the latest event still in force; the ledger stays append-only
    UNDONE = "undone"


class InteractionKind(StrEnum):
    EMAIL = "email"
    CALL = "call"
    MEETING = "meeting"
    MESSAGE = "message"
    NOTE = "note"
    UPDATE = "update"


class InteractionDirection(StrEnum):
    FROM_ME = "from_me"
    TO_ME = "to_me"
    MUTUAL = "mutual"


@dataclass(frozen=True, slots=True)
class Person:
    id: int | None
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    organization: str | None = None
    title: str | None = None
    circles: tuple[str, ...] = ()
    met_how: str | None = None
    met_on: date | None = None
    notes: str | None = None
    cadence_days: int | None = None
    birthday: date | None = None
    is_me: bool = False
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Interaction:
    id: int | None
    kind: InteractionKind
    occurred_at: datetime
    direction: InteractionDirection
    person_ids: tuple[int, ...]
    summary: str = ""
    source: str = "manual"
    source_key: str | None = None
    # an inbound personal message that asks something of me
    needs_reply: bool = False
    # a one-line automated note or a bulk message does not count as contact
    bulk: bool = False


@dataclass(frozen=True, slots=True)
class LoopEvent:
    kind: EventKind
    at: datetime
    note: str = ""
    id: int | None = None
    interaction_id: int | None = None
    until: datetime | None = None  # for snoozed
    undoes: int | None = None  # for undone: the id of the event taken back
    automatic: bool = False  # recorded by detection, not by the user


@dataclass(frozen=True, slots=True)
class Loop:
    id: int | None
    kind: LoopKind
    direction: Direction
    counterpart_id: int
    about: str = ""
    introduced_id: int | None = None
    events: tuple[LoopEvent, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class FollowupEvent:
    """A snooze or a "done" mark on a follow-up that is not a loop.

    ``action`` is ``keep_in_touch`` (about ``person_id``) or ``reply`` (about
    the message ``interaction_id``). Keep-in-touch is done by real contact,
    so only replies take ``done``.
    """

    action: str
    person_id: int
    kind: str  # snoozed, done
    at: datetime
    until: datetime | None = None
    interaction_id: int | None = None
    note: str = ""
