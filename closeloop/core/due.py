"""What the user owes now: pure functions of loops, interactions, people, policy, now.

Nothing here is stored. The store runs the same rules as one SQL query for
speed (``store.agenda``); a property test keeps the two in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable, Mapping

from closeloop.core import drafts
from closeloop.core.loops import NextStep, loop_state
from closeloop.core.model import (
    FollowupEvent, Interaction, InteractionDirection, InteractionKind, Loop, LoopKind, Person,
    StrEnum,
)
from closeloop.core.policy import Policy


class Action(StrEnum):
    THANK = "thank"
    REPLY = "reply"
    REPORT = "report"
    FOLLOW_UP = "follow_up"
    CHECK_IN = "check_in"
    KEEP_IN_TOUCH = "keep_in_touch"


# Ties on the due time go to the more pressing kind of follow-up.
PRIORITY = {a: i for i, a in enumerate(Action)}

STEP_ACTION = {
    NextStep.THANK: Action.THANK,
    NextStep.REPORT: Action.REPORT,
    NextStep.REPORT_UNACTED: Action.REPORT,
    NextStep.FOLLOW_UP: Action.FOLLOW_UP,
    NextStep.CHECK_IN: Action.CHECK_IN,
}


@dataclass(frozen=True, slots=True)
class DueItem:
    action: Action
    person_id: int
    person: str
    loop_id: int | None
    start: datetime  # when it appeared on the agenda
    due: datetime
    overdue: bool
    why: str
    draft: str
    email: str | None = None
    interaction_id: int | None = None

    @property
    def key(self) -> str:
        """How to name this item in `closeloop snooze/done/send KEY`."""
        if self.loop_id:
            return f"loop:{self.loop_id}"
        if self.action == Action.REPLY:
            return f"reply:{self.interaction_id}"
        return f"keep:{self.person_id}"

    @property
    def sort_key(self) -> tuple:
        return (self.due, PRIORITY[self.action], self.person_id, self.loop_id or 0,
                self.interaction_id or 0)


def step_window(step: str, anchor: datetime, snoozed_until: datetime | None,
                policy: Policy) -> tuple[datetime, datetime]:
    """(start, due) of a loop's next step: a snooze pushes both later."""
    delay, window = policy.rule(step)
    start = anchor + delay
    if snoozed_until is not None and snoozed_until > start:
        start = snoozed_until
    return start, start + window


def loop_item(*, step: str, loop_id: int, kind: LoopKind, about: str, person: Person,
              introduced: str | None, anchor: datetime, start: datetime, due: datetime,
              now: datetime) -> DueItem:
    action = STEP_ACTION[step]
    first = drafts.first_name(person.name)
    what = drafts.describe(kind, about, introduced)
    when = f"{anchor:%b} {anchor.day}" + (f", {anchor.year}" if anchor.year != now.year else "")
    why = {
        NextStep.THANK: f"{person.name} helped you on {when} ({what}) and has not been thanked",
        NextStep.REPORT: f"you acted on {first}'s help on {when} ({what}); tell them how it went",
        NextStep.REPORT_UNACTED: f"{first} helped on {when} ({what}); tell them where it stands",
        NextStep.FOLLOW_UP: f"you asked {person.name} on {when} ({what}) and have no answer recorded",
        NextStep.CHECK_IN: f"you helped {person.name} on {when} ({what}); ask how it turned out",
    }[step]
    text = drafts.for_loop(action.value, first, kind, about, introduced)
    return DueItem(action, person.id or 0, person.name, loop_id, start, due, now > due, why, text,
                   email=person.emails[0] if person.emails else None)


def counts_as_contact(interaction: Interaction) -> bool:
    """Real two-way contact resets the keep-in-touch clock.

    A call, a meeting, or something I sent personally (an email, a message, an
    update) counts; a message only received, a note to myself, or anything
    bulk or automated does not.
    """
    if interaction.bulk:
        return False
    if interaction.kind in (InteractionKind.CALL, InteractionKind.MEETING):
        return True
    if interaction.kind == InteractionKind.NOTE:
        return False
    return interaction.direction in (InteractionDirection.FROM_ME, InteractionDirection.MUTUAL)


def keep_in_touch_item(person: Person, cadence_days: int, last_contact: datetime | None,
                       policy: Policy, now: datetime,
                       snoozed_until: datetime | None = None) -> DueItem | None:
    base = last_contact or person.created_at
    if base is None:
        return None
    start = base + timedelta(days=cadence_days)
    start, due = snoozed(start, start + timedelta(days=policy.grace_days), snoozed_until)
    if start > now:
        return None
    return make_keep_in_touch(person, cadence_days, last_contact, start, due, now)


def make_keep_in_touch(person: Person, cadence_days: int, last_contact: datetime | None,
                       start: datetime, due: datetime, now: datetime) -> DueItem:
    since = (f"since {last_contact:%b} {last_contact.day}, {last_contact.year}" if last_contact
             else "since you added them")
    why = f"no real contact with {person.name} {since}; you meant to talk every {cadence_days} days"
    return DueItem(Action.KEEP_IN_TOUCH, person.id or 0, person.name, None, start, due, now > due,
                   why, drafts.keep_in_touch(drafts.first_name(person.name)),
                   email=person.emails[0] if person.emails else None)


def reply_item(person: Person, interaction: Interaction, policy: Policy,
               now: datetime, snoozed_until: datetime | None = None) -> DueItem | None:
    start = interaction.occurred_at
    start, due = snoozed(start, start + timedelta(days=policy.reply_within_days), snoozed_until)
    if start > now:
        return None
    return make_reply(person, interaction.summary, start, due, now, interaction.id)


def make_reply(person: Person, summary: str, start: datetime, due: datetime, now: datetime,
               interaction_id: int | None) -> DueItem:
    about = f" ({summary})" if summary else ""
    why = f"{person.name} wrote on {start:%b} {start.day}{about} and is waiting for an answer"
    return DueItem(Action.REPLY, person.id or 0, person.name, None, start, due, now > due, why,
                   drafts.reply(drafts.first_name(person.name), summary),
                   email=person.emails[0] if person.emails else None,
                   interaction_id=interaction_id)


@dataclass(frozen=True, slots=True)
class FollowupState:
    """What snoozes and done marks say about non-loop follow-ups."""

    keep_in_touch_snoozed: dict[int, datetime]  # person id -> until
    reply_snoozed: dict[int, datetime]  # interaction id -> until
    replied: frozenset[int]  # interaction ids marked done


def followup_state(events: Iterable[FollowupEvent]) -> FollowupState:
    """The latest snooze of each follow-up wins; a done reply stays done."""
    kit: dict[int, datetime] = {}
    reply: dict[int, datetime] = {}
    done: set[int] = set()
    for event in events:
        if event.kind == "snoozed" and event.until is not None:
            if event.action == "keep_in_touch":
                kit[event.person_id] = event.until
            elif event.interaction_id is not None:
                reply[event.interaction_id] = event.until
        elif event.kind == "done" and event.action == "reply" and event.interaction_id:
            done.add(event.interaction_id)
    return FollowupState(kit, reply, frozenset(done))


def snoozed(start: datetime, due: datetime, until: datetime | None) -> tuple[datetime, datetime]:
    """A snooze past the start moves start and due later by the same amount."""
    if until is None or until <= start:
        return start, due
    return until, due + (until - start)


def effective_cadence(person: Person, circle_cadences: Mapping[str, int | None]) -> int | None:
    """The person's own cadence, else the shortest of their circles' cadences."""
    if person.cadence_days:
        return person.cadence_days
    found = [circle_cadences[c] for c in person.circles if circle_cadences.get(c)]
    return min(found) if found else None


def due_items(loops: Iterable[Loop], people: Mapping[int, Person],
              interactions: Iterable[Interaction], circle_cadences: Mapping[str, int | None],
              policy: Policy, now: datetime,
              followups: Iterable[FollowupEvent] = ()) -> list[DueItem]:
    """Everything owed at ``now``, most urgent first."""
    items: list[DueItem] = []
    marks = followup_state(followups)
    for loop in loops:
        state = loop_state(loop)
        if not state.is_open or state.next_step is None or state.anchor is None:
            continue
        start, due = step_window(state.next_step, state.anchor, state.snoozed_until, policy)
        if start > now:
            continue
        introduced = people[loop.introduced_id].name if loop.introduced_id in people else None
        items.append(loop_item(step=state.next_step, loop_id=loop.id or 0, kind=loop.kind,
                               about=loop.about, person=people[loop.counterpart_id],
                               introduced=introduced, anchor=state.anchor, start=start, due=due,
                               now=now))
    last_contact: dict[int, datetime] = {}
    replies: list[Interaction] = []
    for interaction in interactions:
        if counts_as_contact(interaction):
            for pid in interaction.person_ids:
                if pid not in last_contact or last_contact[pid] < interaction.occurred_at:
                    last_contact[pid] = interaction.occurred_at
        if interaction.needs_reply and interaction.direction == InteractionDirection.TO_ME:
            replies.append(interaction)
    for interaction in replies:
        if interaction.id in marks.replied:
            continue
        for pid in interaction.person_ids:
            answered = last_contact.get(pid)
            if pid in people and (answered is None or answered < interaction.occurred_at):
                item = reply_item(people[pid], interaction, policy, now,
                                  marks.reply_snoozed.get(interaction.id or 0))
                if item is not None:
                    items.append(item)
    for person in people.values():
        if person.is_me:
            continue
        cadence = effective_cadence(person, circle_cadences)
        if cadence:
            item = keep_in_touch_item(person, cadence, last_contact.get(person.id or 0), policy,
                                      now, marks.keep_in_touch_snoozed.get(person.id or 0))
            if item is not None:
                items.append(item)
    items.sort(key=lambda i: i.sort_key)
    return items
