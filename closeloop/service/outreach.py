"""Drafts out of the ledger: write one as .eml, send one, or send an update to a circle.

Sending goes through the outbox like the digest. A sent draft is recorded as
an email to the person, and the item it answers takes its step (a thank-you
marks the loop thanked; a report-back closes it; a check-in is a nudge).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from closeloop.core import drafts
from closeloop.core.due import DueItem
from closeloop.core.loops import loop_state
from closeloop.core.model import EventKind, Interaction, InteractionDirection, InteractionKind
from closeloop.errors import BadInput, NotFound
from closeloop.service import Ledger
from closeloop.service.agenda import last_topic, today
from closeloop.service.digest import mail_subject, addresses, compose, flush_outbox, smtp_settings
from closeloop.service.followups import DONE_STEP, parse_key
from closeloop.store import interactions as interaction_store
from closeloop.store import loops as loop_store
from closeloop.store import outbox as outbox_store
from closeloop.store import people as people_store
from closeloop.store.schema import circles, loops, person_circles


@dataclass(frozen=True, slots=True)
class Draft:
    key: str
    person_id: int
    person: str
    to: str | None
    subject: str
    body: str
    item: DueItem | None = None


def draft_for(ledger: Ledger, key_text: str) -> Draft:
    """The draft of a due item, as `closeloop today` shows it."""
    key = parse_key(key_text)
    person = None
    with ledger.reading() as conn:
        if key.kind == "loop":
            loop = loop_store.load_loop(conn, key.id)
            person = loop.counterpart_id if loop else None
        elif key.kind == "keep":
            person = key.id
        else:
            found = interaction_store.load_interaction(conn, key.id)
            person = found.person_ids[0] if found and found.person_ids else None
    if person is None:
        raise NotFound(f"nothing is due for {key}")
    agenda = today(ledger, limit=None, person=str(person))
    for item in agenda.items:
        if item.key == str(key):
            subject = mail_subject(item)
            return Draft(str(key), item.person_id, item.person, item.email, subject,
                         item.draft, item)
    raise NotFound(f"nothing is due for {key} now; `closeloop today` lists what is")


def write_eml(ledger: Ledger, draft: Draft, path: str | Path) -> Path:
    sender, _, _ = addresses(ledger)
    if not draft.to:
        raise BadInput(f"{draft.person} has no email address: "
                       f"closeloop people edit {draft.person_id} --add-email ...")
    message = compose(sender, draft.to, draft.subject, draft.body, None, ledger.now())
    message["X-Unsent"] = "1"  # mail programs open it as a draft to send
    target = Path(path)
    if target.is_dir():
        target = target / f"{draft.key.replace(':', '-')}.eml"
    target.write_bytes(message.as_bytes())
    return target


def send_draft(ledger: Ledger, key_text: str, *, subject: str | None = None,
               body: str | None = None, context=None) -> Draft:
    draft = draft_for(ledger, key_text)
    if not draft.to:
        raise BadInput(f"{draft.person} has no email address: "
                       f"closeloop people edit {draft.person_id} --add-email ...")
    draft = Draft(draft.key, draft.person_id, draft.person, draft.to, subject or draft.subject,
                  body or draft.body, draft.item)
    sender, _, values = addresses(ledger)
    now = ledger.now()
    message = compose(sender, draft.to, draft.subject, draft.body, None, now)
    with ledger.transaction() as conn:
        outbox_store.queue(conn, "draft", draft.to, draft.subject, message.as_string(), now,
                           person_id=draft.person_id)
    sent, failed, error = flush_outbox(ledger, smtp_settings(ledger, values), context)
    if failed:
        from closeloop.service.smtp import SendFailed
        raise SendFailed(f"{error} — kept in the outbox; it will be retried")
    _record_sent(ledger, draft)
    return draft


def _record_sent(ledger: Ledger, draft: Draft) -> None:
    """The mail went: it is contact with the person, and the item's step."""
    now = ledger.now()
    key = parse_key(draft.key)
    with ledger.transaction() as conn:
        interaction_id = interaction_store.insert_interaction(conn, Interaction(
            None, InteractionKind.EMAIL, now, InteractionDirection.FROM_ME, (draft.person_id,),
            summary=draft.subject, source="closeloop-send"), now)
        if key.kind == "loop":
            loop = loop_store.load_loop(conn, key.id)
            state = loop_state(loop)
            if state.next_step is not None:
                from closeloop.core.model import LoopEvent
                loop_store.add_event(conn, loop, LoopEvent(
                    DONE_STEP[state.next_step], now, f"sent: {draft.subject}",
                    interaction_id=interaction_id), now)


# -- updates to many people ----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Update:
    person_id: int
    person: str
    to: str | None
    subject: str
    body: str
    personal: str  # the line written for this person, "" when the ledger knows nothing


def _personal_line(conn, person_id: int) -> str:
    """One sentence only this person gets: their help, or what we last talked about."""
    found = loop_store.load_loops(conn, (loops.c.counterpart_id == person_id)
                                  & (loops.c.direction == "received"), order_newest=True, limit=1)
    if found:
        loop = found[0]
        state = loop_state(loop)
        introduced = None
        if loop.introduced_id:
            other = people_store.load_person(conn, loop.introduced_id)
            introduced = other.name if other else None
        help_ = drafts.describe(loop.kind, loop.about, introduced)
        if state.at(EventKind.ACTED) and introduced:
            return f"Thanks again for the {help_}: {drafts.first_name(introduced)} and I have met since."
        return f"Thanks again for the {help_}; it has made a real difference."
    topic = last_topic(conn, person_id)
    return f"Last time we talked about {topic}; I hope that is going well." if topic else ""


def compose_update(ledger: Ledger, circle: str, subject: str, message: str) -> list[Update]:
    if not subject.strip() or not message.strip():
        raise BadInput("an update needs a --subject and a message")
    with ledger.reading() as conn:
        circle_id = conn.execute(select(circles.c.id).where(circles.c.name == circle)).scalar()
        if circle_id is None:
            raise NotFound(f"no circle called {circle!r}")
        ids = [r[0] for r in conn.execute(select(person_circles.c.person_id).where(
            person_circles.c.circle_id == circle_id))]
        people = people_store.load_people(conn, ids)
        me = people_store.me_id(conn)
        my_name = people_store.load_person(conn, me).name if me else ""
        updates = []
        for person in sorted(people.values(), key=lambda p: p.name):
            if person.is_me:
                continue
            personal = _personal_line(conn, person.id)
            body = f"Hi {drafts.first_name(person.name)},\n\n"
            body += f"{personal}\n\n" if personal else ""
            body += f"{message.strip()}\n\n{my_name}\n" if my_name else f"{message.strip()}\n"
            updates.append(Update(person.id, person.name, person.emails[0] if person.emails
                                  else None, subject.strip(), body, personal))
    if not updates:
        raise NotFound(f"the circle {circle!r} has nobody in it")
    return updates


def deliver_updates(ledger: Ledger, updates: list[Update], *, send: bool = False,
                    eml_dir: str | Path | None = None, context=None) -> tuple[int, list[str]]:
    """Send each update (or write it as .eml) and record it; returns (done, skipped names)."""
    sender, _, values = addresses(ledger)
    now = ledger.now()
    done, skipped = [], []
    folder = Path(eml_dir) if eml_dir else None
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
    for update in updates:
        if not update.to:
            skipped.append(update.person)
            continue
        message = compose(sender, update.to, update.subject, update.body, None, now)
        if send:
            with ledger.transaction() as conn:
                outbox_store.queue(conn, "update", update.to, update.subject,
                                   message.as_string(), now, person_id=update.person_id)
        else:
            message["X-Unsent"] = "1"
            (folder / f"update-{update.person_id}.eml").write_bytes(message.as_bytes())
        done.append(update)
    if send:
        _, failed, error = flush_outbox(ledger, smtp_settings(ledger, values), context)
        if failed:
            from closeloop.service.smtp import SendFailed
            raise SendFailed(f"{error} — {failed} update(s) kept in the outbox; "
                             f"`closeloop digest --send` retries them")
    with ledger.transaction() as conn:
        for update in done:  # an update you sent is real contact: the clock restarts
            interaction_store.insert_interaction(conn, Interaction(
                None, InteractionKind.UPDATE, now, InteractionDirection.FROM_ME,
                (update.person_id,), summary=update.subject, source="closeloop-update"), now)
    return len(done), skipped


__all__ = ["Draft", "Update", "compose_update", "deliver_updates", "draft_for", "send_draft",
           "write_eml"]
