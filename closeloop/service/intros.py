"""Introductions: asking someone for one, and making one (with or without double opt-in).

Asking opens a received loop at ``asked`` whose counterpart is the helper and
whose introduced person is the target, so the agenda follows it up and
``got introduction --from HELPER`` moves it on. Making one records a given
introduction loop with each side, so the agenda later asks both how it went.
With double opt-in, the first step only drafts the question to B and keeps a
note of it on B's timeline; running ``introduce A B`` once B agrees makes the
introduction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from closeloop.core.introductions import Draft, ask_consent, ask_for_introduction, introduction
from closeloop.core.introductions import who as describe
from closeloop.core.model import (
    Direction, EventKind, Interaction, InteractionDirection, InteractionKind, Loop, LoopEvent,
    LoopKind,
)
from closeloop.errors import BadInput, NotFound
from closeloop.service import Ledger
from closeloop.service.loops import LoopView, view
from closeloop.service.parse import parse_choice, parse_when
from closeloop.service.people import resolve, resolve_or_create
from closeloop.store import graph
from closeloop.store import interactions as interaction_store
from closeloop.store import loops as loop_store
from closeloop.store import people as people_store
from closeloop.store.schema import interactions
from closeloop.store.times import from_db

SOURCE = "intro"


@dataclass(frozen=True, slots=True)
class IntroAsk:
    view: LoopView
    draft: Draft
    organization: str | None = None  # the target, when it is an organization


@dataclass(frozen=True, slots=True)
class Introduction:
    step: str  # "consent" (double opt-in: B was asked) or "introduced"
    drafts: tuple[Draft, ...]
    loops: tuple[LoopView, ...] = ()
    consent_asked_at: object = None  # when B was asked, for a consent already on record


def _when(ledger: Ledger, at: str | None):
    now = ledger.now()
    when = parse_when(at, now) if at else now
    if when > now:
        raise BadInput(f"{when:%Y-%m-%d %H:%M} is in the future: record what has happened")
    return now, when


def _org_named(conn: Connection, text: str) -> str | None:
    from closeloop.service.paths import resolve_org
    try:
        return resolve_org(conn, text).name
    except (NotFound, BadInput):
        return None


def ask_intro(ledger: Ledger, kind: str, helper: str, target: str, *, about: str = "",
              at: str | None = None, note: str = "") -> IntroAsk:
    """I asked HELPER to introduce me to TARGET (a person, or an organization's people)."""
    if parse_choice(LoopKind, kind, "kind of help") != LoopKind.INTRODUCTION:
        raise BadInput("--to is for introductions: closeloop ask intro --of HELPER --to TARGET")
    now, when = _when(ledger, at)
    with ledger.transaction() as conn:
        helper_id = resolve(conn, helper)
        org = None
        try:
            target_id = resolve(conn, target)
        except NotFound:
            org = _org_named(conn, target)
            target_id = None if org else resolve_or_create(ledger, conn, target)[0]
        if target_id == helper_id:
            raise BadInput("someone can't be introduced to themselves")
        if target_id is not None and target_id == people_store.me_id(conn):
            raise BadInput("that is you")
        named = people_store.load_people(conn, [helper_id] + ([target_id] if target_id else []))
        me_id = people_store.me_id(conn)
        me = people_store.load_person(conn, me_id) if me_id else None
        wanted = f"someone at {org}" if org else describe(named[target_id])
        loop = Loop(None, LoopKind.INTRODUCTION, Direction.RECEIVED, helper_id,
                    about=(about.strip() or (f"someone at {org}" if org else "")),
                    introduced_id=target_id,
                    events=(LoopEvent(EventKind.ASKED, when, note.strip()),))
        loop_id = loop_store.insert_loop(conn, loop, now)
        draft = ask_for_introduction(named[helper_id], wanted, me, about,
                                     None if org else named[target_id].name)
        return IntroAsk(view(conn, loop_store.load_loop(conn, loop_id)), draft, org)


def _consent_key(a: int, b: int) -> str:
    return f"consent:{a}:{b}"


def introduce(ledger: Ledger, a: str, b: str, *, double_opt_in: bool = False, about: str = "",
              at: str | None = None, note: str = "") -> Introduction:
    """Introduce A and B; with double opt-in, first ask B (nothing else is recorded yet)."""
    now, when = _when(ledger, at)
    with ledger.transaction() as conn:
        a_id, b_id = resolve(conn, a), resolve(conn, b)
        me_id = people_store.me_id(conn)
        if a_id == b_id:
            raise BadInput("someone can't be introduced to themselves")
        if me_id in (a_id, b_id):
            raise BadInput("introduce two other people; to ask for an introduction use "
                           "closeloop ask intro --of HELPER --to TARGET")
        named = people_store.load_people(conn, [a_id, b_id] + ([me_id] if me_id else []))
        me = named.get(me_id) if me_id else None
        asked = conn.execute(select(interactions.c.occurred_at).where(
            interactions.c.source == SOURCE,
            interactions.c.source_key == _consent_key(a_id, b_id))).scalar()
        if double_opt_in and asked is None:
            consent = ask_consent(named[a_id], named[b_id], me, about)
            item = Interaction(None, InteractionKind.NOTE, when, InteractionDirection.FROM_ME,
                               (b_id,), summary=f"asked {named[b_id].name} whether they would "
                                                f"like an introduction to {named[a_id].name}",
                               source=SOURCE, source_key=_consent_key(a_id, b_id))
            interaction_store.insert_interaction(conn, item, now, roles={b_id: "to"})
            return Introduction("consent", (consent,))
        if double_opt_in:  # asked before: show the question again, record nothing twice
            return Introduction("consent", (ask_consent(named[a_id], named[b_id], me, about),),
                                consent_asked_at=from_db(asked))
        views = []
        for one, other in ((a_id, b_id), (b_id, a_id)):
            loop = Loop(None, LoopKind.INTRODUCTION, Direction.GIVEN, one, about=about.strip(),
                        introduced_id=other, events=(LoopEvent(EventKind.GIVEN, when, note.strip()),))
            views.append(view(conn, loop_store.load_loop(conn, loop_store.insert_loop(conn, loop, now))))
        graph.record_cooccurrence(conn)
        draft = introduction(named[a_id], named[b_id], me, about, agreed=asked is not None)
        return Introduction("introduced", (draft,), tuple(views),
                            consent_asked_at=from_db(asked) if asked else None)


def draft_dict(draft: Draft) -> dict:
    return {"to": list(draft.to), "subject": draft.subject, "body": draft.body}
