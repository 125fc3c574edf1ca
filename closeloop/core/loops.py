"""A loop's stage as a pure function of its events, and which steps are allowed.

Received help runs asked -> helped -> thanked -> acted -> reported (closed);
given help runs given -> acknowledged -> outcome (closed). Either can be
nudged, snoozed, dropped (closed) and reopened. ``undone`` takes back the
latest event still in force, so the ledger itself is never edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from closeloop.core.model import Direction, EventKind, Loop, LoopEvent
from closeloop.errors import InvalidStep

RECEIVED_ORDER = (EventKind.ASKED, EventKind.HELPED, EventKind.THANKED, EventKind.ACTED, EventKind.REPORTED)
GIVEN_ORDER = (EventKind.GIVEN, EventKind.ACKNOWLEDGED, EventKind.OUTCOME)
OPENING = {EventKind.ASKED, EventKind.HELPED, EventKind.GIVEN}
MILESTONES = set(RECEIVED_ORDER) | set(GIVEN_ORDER)


class NextStep:
    """What a loop waits for, independent of policy (policy says when)."""

    THANK = "thank"
    REPORT = "report"  # after acting on the help
    REPORT_UNACTED = "report_unacted"  # no act recorded yet: report after some weeks
    FOLLOW_UP = "follow_up"  # I asked, no help yet
    CHECK_IN = "check_in"  # I helped, no outcome yet


@dataclass(frozen=True, slots=True)
class LoopState:
    stage: str
    is_open: bool
    opened_at: datetime
    closed_at: datetime | None
    milestones: tuple[tuple[EventKind, datetime], ...]
    last_nudge_at: datetime | None
    snoozed_until: datetime | None
    next_step: str | None
    anchor: datetime | None  # the time the next step's rule counts from

    def at(self, kind: EventKind) -> datetime | None:
        for k, t in self.milestones:
            if k == kind:
                return t
        return None


def events_in_force(events: tuple[LoopEvent, ...]) -> list[LoopEvent]:
    """The events not taken back by an ``undone``, in recorded order."""
    kept: list[LoopEvent] = []
    for event in events:
        if event.kind == EventKind.UNDONE:
            if len(kept) > 1:
                kept.pop()
        else:
            kept.append(event)
    return kept


def loop_state(loop: Loop) -> LoopState:
    events = events_in_force(loop.events)
    if not events:
        raise InvalidStep(f"loop {loop.id} has no events")
    order = RECEIVED_ORDER if loop.direction == Direction.RECEIVED else GIVEN_ORDER
    reached: dict[EventKind, datetime] = {}
    last_nudge = snoozed = dropped_at = None
    for event in events:
        if event.kind in MILESTONES:
            reached.setdefault(event.kind, event.at)
        elif event.kind == EventKind.NUDGED:
            last_nudge = event.at if last_nudge is None else max(last_nudge, event.at)
        elif event.kind == EventKind.SNOOZED:
            snoozed = event.until
        elif event.kind == EventKind.DROPPED:
            dropped_at = event.at
        elif event.kind == EventKind.REOPENED:
            dropped_at = None
    opened_at = min(e.at for e in events if e.kind in OPENING) if any(
        e.kind in OPENING for e in events) else events[0].at
    stage = next((k for k in reversed(order) if k in reached), order[0]).value
    final = order[-1]
    closed_at = reached.get(final) if final in reached else dropped_at
    is_open = final not in reached and dropped_at is None
    if dropped_at is not None and final not in reached:
        stage = "dropped"
    next_step, anchor = _next_step(loop.direction, reached, last_nudge) if is_open else (None, None)
    milestones = tuple((k, reached[k]) for k in order if k in reached)
    return LoopState(stage, is_open, opened_at, closed_at, milestones, last_nudge,
                     snoozed, next_step, anchor)


def _next_step(direction: Direction, reached: dict[EventKind, datetime],
               last_nudge: datetime | None) -> tuple[str, datetime]:
    if direction == Direction.GIVEN:
        given = reached.get(EventKind.GIVEN) or min(reached.values())
        return NextStep.CHECK_IN, max(given, last_nudge) if last_nudge else given
    helped = reached.get(EventKind.HELPED)
    if helped is None:
        asked = reached[EventKind.ASKED]
        return NextStep.FOLLOW_UP, max(asked, last_nudge) if last_nudge else asked
    if EventKind.THANKED not in reached:
        return NextStep.THANK, helped
    acted = reached.get(EventKind.ACTED)
    if acted is not None:
        return NextStep.REPORT, acted
    return NextStep.REPORT_UNACTED, helped


_VERB = {
    EventKind.ASKED: "ask", EventKind.HELPED: "got", EventKind.THANKED: "thank",
    EventKind.ACTED: "acted", EventKind.REPORTED: "report", EventKind.GIVEN: "gave",
    EventKind.ACKNOWLEDGED: "ack", EventKind.OUTCOME: "outcome", EventKind.NUDGED: "nudge",
    EventKind.SNOOZED: "snooze", EventKind.DROPPED: "drop", EventKind.REOPENED: "reopen",
    EventKind.UNDONE: "undo",
}


def verb(kind: EventKind) -> str:
    """The command that records an event of this kind."""
    return _VERB[kind]


def next_verbs(loop: Loop, state: LoopState) -> list[str]:
    """The commands that make sense for this loop now, for messages and menus."""
    if not state.is_open:
        return ["reopen" if state.stage == "dropped" else "undo"]
    order = RECEIVED_ORDER if loop.direction == Direction.RECEIVED else GIVEN_ORDER
    if state.at(order[1]) is None and order[0] == EventKind.ASKED and state.at(order[0]):
        steps = [EventKind.HELPED]
    else:
        steps = [k for k in order[1:] if state.at(k) is None and k != EventKind.HELPED]
    return [verb(k) for k in steps] + ["nudge", "snooze", "drop"]


def check_step(loop: Loop, event: LoopEvent, now: datetime) -> None:
    """Refuse an event that makes no sense for this loop; say what would."""
    state = loop_state(loop)
    kind, ref = event.kind, f"loop {loop.id}"
    if kind != EventKind.SNOOZED and event.at > now:
        raise InvalidStep(f"{event.at:%Y-%m-%d %H:%M} is in the future: "
                          f"record what has happened, or snooze {ref} until then")
    if kind == EventKind.UNDONE:
        if len(events_in_force(loop.events)) < 2:
            raise InvalidStep(f"nothing to undo on {ref}: only its opening event is left; "
                              f"use `drop {loop.id}` to set it aside")
        return
    if kind == EventKind.REOPENED:
        if state.stage != "dropped":
            raise InvalidStep(f"{ref} is {state.stage}, not dropped; only a dropped loop can be "
                              f"reopened (use `undo {loop.id}` to take back its last step)")
        return
    if not state.is_open:
        raise InvalidStep(f"{ref} is closed ({state.stage}); `reopen {loop.id}` or "
                          f"`undo {loop.id}` first")
    if kind in (EventKind.NUDGED, EventKind.DROPPED):
        return
    if kind == EventKind.SNOOZED:
        if event.until is None or event.until <= now:
            raise InvalidStep("a snooze needs a date in the future")
        return
    received = loop.direction == Direction.RECEIVED
    own = RECEIVED_ORDER if received else GIVEN_ORDER
    if kind not in own:
        raise InvalidStep(f"`{verb(kind)}` is for help {'given' if received else 'received'}; "
                          f"{ref} is help {loop.direction.value}, whose next steps are: "
                          f"{', '.join(next_verbs(loop, state))}")
    if kind in OPENING and kind != EventKind.HELPED:
        raise InvalidStep(f"{ref} is already open")
    if state.at(kind) is not None:
        raise InvalidStep(f"{ref} is already {kind.value} ({state.at(kind):%Y-%m-%d}); "
                          f"`undo {loop.id}` if that was a mistake")
    needs = EventKind.HELPED if received else EventKind.GIVEN
    if kind != EventKind.HELPED and state.at(needs) is None:
        raise InvalidStep(f"{ref} is still at 'asked': record their help first "
                          f"(`got {loop.kind.value} --from ...`)")
    if kind == EventKind.HELPED and state.at(EventKind.ASKED) is None:
        raise InvalidStep(f"{ref} already has its help recorded")
    if event.at < state.opened_at:
        raise InvalidStep(f"{kind.value} at {event.at:%Y-%m-%d %H:%M} is before {ref} opened "
                          f"({state.opened_at:%Y-%m-%d %H:%M})")
