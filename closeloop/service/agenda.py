"""Today: what the user owes now, most urgent first, each with a draft."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from closeloop.core.due import Action, DueItem, loop_item, make_keep_in_touch, make_reply
from closeloop.core.model import LoopKind
from closeloop.service import Ledger
from closeloop.service.config import load_policy
from closeloop.store import people as people_store
from closeloop.store.agenda import due_rows
from closeloop.store.schema import interactions, loops
from closeloop.store.times import from_ts


@dataclass(frozen=True, slots=True)
class Agenda:
    items: tuple[DueItem, ...]
    total: int  # all that is due, of which ``items`` are the most urgent
    empty_ledger: bool
    warnings: tuple[str, ...] = ()  # e.g. a draft template that failed


def today(ledger: Ledger, *, limit: int | None = 20, person: str | None = None) -> Agenda:
    now = ledger.now()
    with ledger.reading() as conn:
        policy = load_policy(conn)
        person_id = None
        if person:
            from closeloop.service.people import resolve
            person_id = resolve(conn, person)
        rows, total = due_rows(conn, policy, now, limit=limit, person_id=person_id)
        if not rows:
            empty = people_store.count_people(conn) == 0
            return Agenda((), 0, empty)
        loop_ids = [r.loop_id for r in rows if r.loop_id]
        loop_rows = {r.id: r for r in conn.execute(
            select(loops.c.id, loops.c.kind, loops.c.about, loops.c.introduced_id)
            .where(loops.c.id.in_(loop_ids)))} if loop_ids else {}
        reply_ids = [r.interaction_id for r in rows if r.interaction_id]
        summaries = {r.id: (r.summary, r.occurred_at) for r in conn.execute(
            select(interactions.c.id, interactions.c.summary, interactions.c.occurred_at)
            .where(interactions.c.id.in_(reply_ids)))} if reply_ids else {}
        person_ids = {r.person_id for r in rows} | {
            lr.introduced_id for lr in loop_rows.values() if lr.introduced_id}
        people = people_store.load_people(conn, person_ids)
    items = []
    for row in rows:
        person = people[row.person_id]
        start, due = from_ts(row.start_ts), from_ts(row.due_ts)
        if row.loop_id:
            lr = loop_rows[row.loop_id]
            introduced = people[lr.introduced_id].name if lr.introduced_id in people else None
            items.append(loop_item(step=row.step, loop_id=row.loop_id, kind=LoopKind(lr.kind),
                                   about=lr.about, person=person, introduced=introduced,
                                   anchor=from_ts(row.anchor_ts), start=start, due=due, now=now))
        elif row.action == Action.REPLY:
            summary, _ = summaries[row.interaction_id]
            items.append(make_reply(person, summary, start, due, now, row.interaction_id))
        else:
            items.append(make_keep_in_touch(person, row.cadence_days,
                                            from_ts(row.last_contact_ts), start, due, now))
    with ledger.reading() as conn:
        items, warnings = _personalize(ledger, conn, items, loop_rows, people)
    return Agenda(tuple(items), total, False, tuple(warnings))


def _personalize(ledger: Ledger, conn, items: list[DueItem], loop_rows, people):
    """Drafts that mention the last thing discussed, from the user's templates if any."""
    from dataclasses import replace

    from closeloop.core import drafts
    from closeloop.service.templates import DRAFT_ACTIONS, Renderer
    from closeloop.store.people import me_id

    renderer = Renderer(ledger.settings.config_dir if ledger.settings else None)
    custom = {a for a in DRAFT_ACTIONS if renderer.user_template(f"{a}.txt.j2")}
    me = me_id(conn)
    my_name = people_store.load_person(conn, me).name if me else ""
    result = []
    for item in items:
        topic = ""
        if item.action == Action.KEEP_IN_TOUCH:
            topic = last_topic(conn, item.person_id)
            if topic:
                item = replace(item, draft=drafts.keep_in_touch(drafts.first_name(item.person), topic))
        if item.action.value in custom:
            lr = loop_rows.get(item.loop_id) if item.loop_id else None
            introduced = people[lr.introduced_id].name if lr and lr.introduced_id in people else None
            context = {"first_name": drafts.first_name(item.person), "name": item.person,
                       "kind": lr.kind if lr else "", "about": lr.about if lr else "",
                       "introduced": introduced, "why": item.why, "last_topic": topic,
                       "my_name": my_name, "default": item.draft}
            item = replace(item, draft=renderer.render(f"{item.action.value}.txt.j2", context,
                                                       fallback=item.draft))
        result.append(item)
    return result, renderer.warnings


def last_topic(conn, person_id: int) -> str:
    """The summary of the latest real conversation with a person."""
    from closeloop.store.schema import interaction_people
    row = conn.execute(
        select(interactions.c.summary).join(
            interaction_people, interaction_people.c.interaction_id == interactions.c.id)
        .where(interaction_people.c.person_id == person_id, interaction_people.c.counts.is_(True),
               interactions.c.summary != "")
        .order_by(interaction_people.c.occurred_ts.desc()).limit(1)).scalar()
    if not row:
        return ""
    from closeloop.core.drafts import topic
    return topic(row)[:120]
