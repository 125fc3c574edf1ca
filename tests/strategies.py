"""Hypothesis strategies: random but valid ledgers, built step by step through
the same rule (``core.loops.check_step``) that the service applies."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from closeloop.core.loops import check_step
from closeloop.core.model import (
    Direction, EventKind, FollowupEvent, Interaction, InteractionDirection, InteractionKind, Loop, LoopEvent,
    LoopKind, Person,
)
from closeloop.errors import InvalidStep

START = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)
STEPS = [EventKind.HELPED, EventKind.THANKED, EventKind.ACTED, EventKind.REPORTED,
         EventKind.ACKNOWLEDGED, EventKind.OUTCOME, EventKind.NUDGED, EventKind.SNOOZED,
         EventKind.DROPPED, EventKind.REOPENED, EventKind.UNDONE]

# Whole seconds: the database keeps derived times to the second.
gaps = st.integers(min_value=0, max_value=40 * 86400)


def apply(loop: Loop, event: LoopEvent, now: datetime) -> Loop | None:
    """The loop with ``event`` appended, or None when the step is refused."""
    try:
        check_step(loop, event, now)
    except InvalidStep:
        return None
    event_id = len(loop.events) + 1
    event = LoopEvent(event.kind, event.at, event.note, event_id, event.interaction_id,
                      event.until, event.undoes, event.automatic)
    return Loop(loop.id, loop.kind, loop.direction, loop.counterpart_id, loop.about,
                loop.introduced_id, loop.events + (event,))


@st.composite
def loops(draw, loop_id: int = 1, counterpart_id: int = 1, introduced_id: int | None = None,
          max_steps: int = 8):
    """A loop and the moment ("now") after its last event."""
    direction = draw(st.sampled_from(list(Direction)))
    kind = draw(st.sampled_from(list(LoopKind)))
    at = START + timedelta(seconds=draw(gaps))
    if direction == Direction.GIVEN:
        opening = EventKind.GIVEN
    else:
        opening = draw(st.sampled_from([EventKind.ASKED, EventKind.HELPED]))
    loop = Loop(loop_id, kind, direction, counterpart_id, draw(st.sampled_from(["", "a job"])),
                introduced_id, (LoopEvent(opening, at, id=1),))
    for _ in range(draw(st.integers(0, max_steps))):
        at = at + timedelta(seconds=draw(gaps))
        step = draw(st.sampled_from(STEPS))
        until = at + timedelta(seconds=draw(st.integers(1, 30 * 86400))) \
            if step == EventKind.SNOOZED else None
        loop = apply(loop, LoopEvent(step, at, until=until), at) or loop
    now = at + timedelta(seconds=draw(gaps))
    return loop, now


@st.composite
def ledgers(draw):
    """People, interactions and loops, all consistent, and a "now" after them."""
    n_people = draw(st.integers(1, 5))
    circles = ("close", "network", "nocadence")
    people = {}
    for pid in range(1, n_people + 1):
        created = START + timedelta(seconds=draw(gaps))
        people[pid] = Person(
            id=pid, name=f"Person {pid}", emails=(f"p{pid}@example.com",),
            circles=tuple(draw(st.lists(st.sampled_from(circles), max_size=2, unique=True))),
            cadence_days=draw(st.one_of(st.none(), st.integers(1, 60))), created_at=created)
    interactions = []
    for iid in range(1, draw(st.integers(0, 8)) + 1):
        who = tuple(sorted(draw(st.lists(st.integers(1, n_people), min_size=1, max_size=2,
                                         unique=True))))
        direction = draw(st.sampled_from(list(InteractionDirection)))
        interactions.append(Interaction(
            id=iid, kind=draw(st.sampled_from(list(InteractionKind))),
            occurred_at=START + timedelta(seconds=draw(st.integers(0, 120 * 86400))),
            direction=direction, person_ids=who, summary="s",
            needs_reply=direction == InteractionDirection.TO_ME and draw(st.booleans()),
            bulk=draw(st.booleans())))
    loops_ = []
    latest = START
    for lid in range(1, draw(st.integers(0, 6)) + 1):
        counterpart = draw(st.integers(1, n_people))
        loop, at = draw(loops(loop_id=lid, counterpart_id=counterpart))
        latest = max(latest, at)
        loops_.append(loop)
    now = max([latest] + [i.occurred_at for i in interactions]
              + [p.created_at for p in people.values()]) + timedelta(seconds=draw(gaps))
    followups = []
    for _ in range(draw(st.integers(0, 4))):
        until = now + timedelta(seconds=draw(st.integers(-60 * 86400, 30 * 86400)))
        replies = [i for i in interactions if i.needs_reply]
        if replies and draw(st.booleans()):
            target = draw(st.sampled_from(replies))
            followups.append(FollowupEvent("reply", target.person_ids[0],
                                           draw(st.sampled_from(["snoozed", "done"])), now,
                                           until=until, interaction_id=target.id))
        else:
            followups.append(FollowupEvent("keep_in_touch", draw(st.integers(1, n_people)),
                                           "snoozed", now, until=until))
    return people, interactions, loops_, now, followups
