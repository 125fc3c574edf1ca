"""Properties of the pure rules: the loop stage machine and what is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeloop.core.due import Action, due_items, step_window
from closeloop.core.loops import NextStep, loop_state
from closeloop.core.model import Direction, EventKind, LoopEvent
from closeloop.core.policy import Policy
from closeloop.errors import InvalidStep
from tests.strategies import START, apply, ledgers, loops

POLICY = Policy()
STAGES = {Direction.RECEIVED: {"asked", "helped", "thanked", "acted", "reported", "dropped"},
          Direction.GIVEN: {"given", "acknowledged", "outcome", "dropped"}}


def _due(loop, now):
    people = {loop.counterpart_id: _person(loop.counterpart_id)}
    return [i for i in due_items([loop], people, [], {}, POLICY, now) if i.loop_id == loop.id]


def _person(pid):
    from closeloop.core.model import Person
    return Person(id=pid, name=f"Person {pid}", created_at=START)


@settings(max_examples=300, deadline=None)
@given(loops())
def test_stage_is_a_function_of_the_events_and_always_valid(case):
    loop, now = case
    state = loop_state(loop)
    assert state.stage in STAGES[loop.direction]
    closing = EventKind.REPORTED if loop.direction == Direction.RECEIVED else EventKind.OUTCOME
    assert state.is_open == (state.stage not in ("dropped", closing.value))
    assert (state.closed_at is None) == state.is_open
    assert loop_state(loop) == state  # same events, same state


@settings(max_examples=300, deadline=None)
@given(loops(), st.integers(0, 200))
def test_a_closed_or_dropped_loop_is_never_due(case, days_later):
    loop, now = case
    if loop_state(loop).is_open:
        return
    assert _due(loop, now + timedelta(days=days_later)) == []


@settings(max_examples=300, deadline=None)
@given(loops(), st.sampled_from([EventKind.THANKED, EventKind.ACTED, EventKind.REPORTED,
                                 EventKind.ACKNOWLEDGED, EventKind.OUTCOME, EventKind.NUDGED,
                                 EventKind.DROPPED, EventKind.HELPED]))
def test_undo_takes_back_exactly_the_last_step(case, step):
    loop, now = case
    stepped = apply(loop, LoopEvent(step, now), now)
    if stepped is None:
        return
    undone = apply(stepped, LoopEvent(EventKind.UNDONE, now), now)
    assert undone is not None
    before, after = loop_state(loop), loop_state(undone)
    assert (after.stage, after.is_open, after.milestones, after.next_step, after.anchor) == (
        before.stage, before.is_open, before.milestones, before.next_step, before.anchor)


@settings(max_examples=300, deadline=None)
@given(loops(), st.sampled_from([EventKind.HELPED, EventKind.THANKED, EventKind.ACTED,
                                 EventKind.ACKNOWLEDGED, EventKind.NUDGED, EventKind.SNOOZED]),
       st.integers(0, 30 * 86400), st.integers(1, 30 * 86400))
def test_an_event_never_moves_a_due_date_earlier_than_its_own_rule_allows(case, step, gap, snooze):
    loop, now = case
    at = now + timedelta(seconds=gap)
    until = at + timedelta(seconds=snooze) if step == EventKind.SNOOZED else None
    stepped = apply(loop, LoopEvent(step, at, until=until), at)
    if stepped is None:
        return
    old, new = loop_state(loop), loop_state(stepped)
    if new.next_step is None:
        return
    new_start, new_due = step_window(new.next_step, new.anchor, new.snoozed_until, POLICY)
    _, own_window = POLICY.rule(new.next_step)
    if old.next_step is not None:
        _, old_due = step_window(old.next_step, old.anchor, old.snoozed_until, POLICY)
        assert new_due >= old_due or new_due >= at + own_window
    if step == EventKind.SNOOZED:
        assert new_start >= until  # quiet until the date, whatever else is pending
    if step == EventKind.NUDGED and new.next_step in (NextStep.FOLLOW_UP, NextStep.CHECK_IN):
        assert new_start >= at + POLICY.rule(new.next_step)[0]  # the clock restarts


@settings(max_examples=200, deadline=None)
@given(ledgers())
def test_every_due_item_has_started_and_overdue_means_past_due(case):
    people, interactions, loops_, now, followups = case
    items = due_items(loops_, people, interactions, {"close": 30, "network": 90}, POLICY, now,
                      followups)
    for item in items:
        assert item.start <= now
        assert item.overdue == (now > item.due)
        assert item.draft.startswith("Hi ") and item.why
        if item.loop_id:
            assert loop_state(next(lp for lp in loops_ if lp.id == item.loop_id)).is_open
    assert [i.sort_key for i in items] == sorted(i.sort_key for i in items)
    assert len({(i.action, i.loop_id) for i in items if i.loop_id}) == len(
        [i for i in items if i.loop_id])  # one item per loop at most


def test_thank_is_due_the_same_day_and_overdue_after_a_day():
    loop, _ = _helped_loop()
    helped = loop.events[-1].at
    [item] = _due(loop, helped + timedelta(hours=2))
    assert item.action == Action.THANK and not item.overdue
    assert item.due == helped + timedelta(days=1)
    [late] = _due(loop, helped + timedelta(days=1, seconds=1))
    assert late.overdue


def _helped_loop():
    from closeloop.core.model import Loop, LoopKind
    at = START + timedelta(days=3)
    return Loop(1, LoopKind.INTRODUCTION, Direction.RECEIVED, 1, "", None,
                (LoopEvent(EventKind.HELPED, at, id=1),)), at


def test_refusals_say_what_would_work():
    loop, at = _helped_loop()
    with pytest.raises(InvalidStep, match="next steps are: thank, acted, report, nudge, snooze, drop"):
        apply_strict(loop, LoopEvent(EventKind.ACKNOWLEDGED, at), at)
    thanked = apply(loop, LoopEvent(EventKind.THANKED, at), at)
    with pytest.raises(InvalidStep, match="already thanked.*undo 1"):
        apply_strict(thanked, LoopEvent(EventKind.THANKED, at), at)
    with pytest.raises(InvalidStep, match="in the future"):
        apply_strict(loop, LoopEvent(EventKind.THANKED, at + timedelta(days=1)), at)
    with pytest.raises(InvalidStep, match="snooze needs a date in the future"):
        apply_strict(loop, LoopEvent(EventKind.SNOOZED, at, until=at - timedelta(days=1)), at)


def apply_strict(loop, event, now):
    from closeloop.core.loops import check_step
    check_step(loop, event, now)
