"""Meetings in from a calendar: each event with someone else in it becomes an interaction.

An event occurrence becomes a *meeting* whose source key is the event's key
(UID and start of the occurrence), so a second import of the same file adds
nothing, and a moved or renamed meeting, or one with other attendees, is
updated in place. Attendees and the organizer are matched to people by email
and added when new; the user's own addresses (those of "me") are never made
into contacts, and an event with no one else in it is not an interaction.
Recurring events are expanded only within a bounded window.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from closeloop.core.model import Interaction, InteractionDirection, InteractionKind, Person
from closeloop.core.problems import Problem
from closeloop.errors import BadInput, ImportFailed
from closeloop.service import Ledger
from closeloop.service.contacts import ImportSummary, Progress, _existing, key_hash
from closeloop.service.parse import parse_day_start
from closeloop.sources.records import EventRecord
from closeloop.store import imports as store
from closeloop.store import interactions as interaction_store
from closeloop.store import people as people_store

SOURCE = "calendar"
DAYS_BACK = 365
DAYS_AHEAD = 90
BATCH = 200


def import_calendar(ledger: Ledger, path: str | Path, *, start: str | None = None,
                    end: str | None = None, progress: Progress | None = None) -> ImportSummary:
    """Import the meetings of an .ics file (or a folder of them) within a window.

    The window defaults to a year back and 90 days ahead; ``start`` and
    ``end`` are dates (or anything ``--at`` takes).
    """
    from closeloop.sources.calendar import read_events
    now = ledger.now()
    window_start = parse_day_start(start, now) if start else now - timedelta(days=DAYS_BACK)
    window_end = parse_day_start(end, now) if end else now + timedelta(days=DAYS_AHEAD)
    if window_end <= window_start:
        raise BadInput(f"--to ({window_end:%Y-%m-%d}) must come after --from ({window_start:%Y-%m-%d})")
    target = _existing(path)
    summary = ImportSummary(path=str(target), format="ics",
                            window=(window_start.isoformat(), window_end.isoformat()))
    with ledger.reading() as conn:
        me = people_store.me_id(conn)
        mine = frozenset(people_store.load_person(conn, me).emails) if me is not None else frozenset()
    batch: list[EventRecord] = []
    keys: set[int] = set()
    seen = events = 0
    for item in read_events(target, window_start, window_end):
        seen += 1
        if isinstance(item, Problem):
            summary.skip(item)
        else:
            events += 1
            hashed = key_hash(item.key)
            if hashed in keys:  # one UID twice in the files: the first one counts
                summary.unchanged += 1
            else:
                keys.add(hashed)
                batch.append(item)
        if len(batch) >= BATCH:
            _flush(ledger, batch, mine, summary)
            batch = []
            if progress:
                progress(seen)
    if batch:
        _flush(ledger, batch, mine, summary)
    if progress:
        progress(seen)
    if events == 0 and summary.problems and all(not p.where for p in summary.problems):
        raise ImportFailed("; ".join(str(p) for p in summary.problems[:3]))
    return summary


def _flush(ledger: Ledger, batch: list[EventRecord], mine: frozenset[str],
           summary: ImportSummary) -> None:
    try:
        with ledger.transaction() as conn:
            outcomes = [_store_event(conn, record, mine, ledger.now()) for record in batch]
    except SQLAlchemyError:
        outcomes = []
        for record in batch:  # find the event(s) the database refuses; store the rest
            try:
                with ledger.transaction() as conn:
                    outcomes.append(_store_event(conn, record, mine, ledger.now()))
            except SQLAlchemyError as exc:
                reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
                summary.skip(Problem(record.source, record.where,
                                     f"not stored: the database refused it ({reason})"))
    for kind, added_people, *change in outcomes:
        summary.people_added += added_people
        if kind == "added":
            summary.added += 1
        elif kind == "updated":
            summary.change(*change)
        elif kind == "ignored":
            summary.ignored += 1
        else:
            summary.unchanged += 1


def _clean(text: str, limit: int | None = None) -> str:
    text = text.replace("\x00", "")  # PostgreSQL refuses NUL in text
    return text[:limit] if limit else text


def _store_event(conn, record: EventRecord, mine: frozenset[str], now: datetime) -> tuple:
    """Store one occurrence; (outcome, people added, and for an update: id, title, fields)."""
    who: dict[str, str] = {}
    for name, email in ((record.organizer,) if record.organizer else ()) + record.attendees:
        email = _clean(email)
        if email and email not in mine and len(email) <= 500:
            who.setdefault(email, _clean(name).strip() or who.get(email, ""))
    if not who:
        return ("ignored", 0)
    added = 0
    ids = []
    for email, name in who.items():
        pid = people_store.identity_owner(conn, "email", email)
        if pid is None:
            person = Person(id=None, name=_clean(name, 300) or email[:300], emails=(email,))
            pid = people_store.insert_person(conn, person, now)
            added += 1
        ids.append(pid)
    key = record.key if len(record.key) <= 500 else \
        "sha256:" + hashlib.sha256(record.key.encode("utf-8", "surrogatepass")).hexdigest()
    item = Interaction(id=None, kind=InteractionKind.MEETING, occurred_at=record.start,
                       direction=InteractionDirection.MUTUAL, person_ids=tuple(dict.fromkeys(ids)),
                       summary=_clean(record.summary), source=SOURCE, source_key=key)
    existing = store.interaction_for_source(conn, SOURCE, key)
    if existing is None:
        interaction_store.insert_interaction(conn, item, now)
        return ("added", added)
    interaction_id, when, title, members = existing
    changed = tuple(name for name, same in (("time", when == item.occurred_at),
                                            ("title", title == item.summary),
                                            ("people", members == frozenset(item.person_ids)))
                    if not same)
    if not changed:
        return ("unchanged", added)
    store.replace_interaction(conn, interaction_id, item, members)
    return ("updated", added, interaction_id, item.summary or "(no title)", changed)
