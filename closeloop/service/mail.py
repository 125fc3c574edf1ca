"""Mail in: messages become people, interactions and threads; findings feed the ledger.

Messages are read as a stream and stored in batches, each batch in one
transaction, so an import killed midway and run again ends with the same
database as an uninterrupted run (stored messages are recognised by
Message-ID and skipped).

What a finding does to the ledger (every such step is an automatic event
whose note cites the message and the sentence, and ``undo`` takes it back):

- someone introduces me to a third person: a received introduction loop
  (or my open ask for one moves to "helped");
- I introduce two people: a given introduction loop with each of them;
- I ask someone for help: a received loop at "asked";
- I thank someone who helped: their loop is "thanked"; someone thanks me for
  my help: my given loop is "acknowledged";
- my first mail to a person I was introduced to: that loop is "acted";
- I tell a helper how it went: "reported"; they tell me: "outcome";
- a personal message that asks me something is marked as needing a reply,
  which the agenda shows until I write back.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterable, Iterator

from sqlalchemy import and_, select, update
from sqlalchemy.engine import Connection

from closeloop.core.detection import bulk_reason, detect, header_bulk_reason
from closeloop.core.drafts import topic
from closeloop.core.due import counts_as_contact
from closeloop.core.loops import check_step, loop_state
from closeloop.core.mailbox import infer_owner, owner_aliases
from closeloop.core.message import Address, Message
from closeloop.core.model import (
    Direction, EventKind, Interaction, InteractionDirection, InteractionKind, Loop, LoopEvent,
    LoopKind,
)
from closeloop.core.problems import Problem
from closeloop.errors import BadInput, InvalidStep
from closeloop.service import Ledger
from closeloop.store import loops as loop_store
from closeloop.store import mail as store
from closeloop.store import graph
from closeloop.store import people as people_store
from closeloop.store.imports import prepare_bulk
from closeloop.store.schema import interactions as interactions_table
from closeloop.store.schema import loops as loops_table
from closeloop.store.times import to_db

SOURCE = "mail"
BATCH = 2000
INFER_SAMPLE = 2000
MAX_PROBLEMS = 1000
GRAPH_EVERY = 8000


@dataclass
class MailSummary:
    read: int = 0  # messages seen (stored + unchanged + bulk + failed)
    stored: int = 0
    unchanged: int = 0  # already imported before (or twice in this input)
    bulk: int = 0
    failed: int = 0
    people_added: int = 0
    loop_steps: int = 0
    needs_reply: int = 0
    me: tuple[str, ...] = ()
    me_inferred: bool = False
    # The owner's other addresses the mail shows, when the owner was inferred: read
    # as the owner's in deciding whom a message asks or thanks, never merged into "me".
    me_also: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    bulk_reasons: Counter = field(default_factory=Counter)
    uidvalidity_changed: bool = False

    def as_dict(self) -> dict:
        return {"read": self.read, "stored": self.stored, "unchanged": self.unchanged,
                "bulk": self.bulk, "failed": self.failed, "people_added": self.people_added,
                "loop_steps": self.loop_steps, "needs_reply": self.needs_reply,
                "me": list(self.me), "me_inferred": self.me_inferred, "me_also": list(self.me_also),
                "bulk_reasons": dict(self.bulk_reasons.most_common(10)),
                "uidvalidity_changed": self.uidvalidity_changed,
                "problems": [{"source": p.source, "where": p.where, "message": p.message}
                             for p in self.problems]}


Progress = Callable[[int], None]


def message_key(message: Message) -> str:
    """The stable key of a message: its Message-ID, else a hash of what it says."""
    if message.message_id:
        return message.message_id[:500]
    digest = hashlib.sha1()
    for part in (str(message.date), message.sender.email if message.sender else "",
                 message.subject, message.text[:2000]):
        digest.update(part.encode("utf-8", "replace"))
        digest.update(b"\0")
    return "sha1:" + digest.hexdigest()




def _display_name(address: Address) -> str:
    name = address.name.strip().strip('"').strip()
    if name and "@" not in name:
        if "," in name:  # "Lee, Dana" -> "Dana Lee"
            last, _, first = name.partition(",")
            name = f"{first.strip()} {last.strip()}".strip()
        return name[:300]
    local = address.email.split("@", 1)[0]
    words = [w for w in re.split(r"[._-]+", local) if w]
    return " ".join(w.capitalize() for w in words)[:300] or address.email


def _loop_kind(evidence: str) -> LoopKind:
    text = evidence.lower()
    if re.search(r"introduc|connect|put (me|you) in touch|meet", text):
        return LoopKind.INTRODUCTION
    if "recommend" in text:
        return LoopKind.RECOMMENDATION
    if "refer" in text:
        return LoopKind.REFERRAL
    if re.search(r"advice|advise|thoughts|opinion|suggest", text):
        return LoopKind.ADVICE
    return LoopKind.INFORMATION


def infer_me(messages: Iterable[Message]) -> tuple[str, str] | None:
    """The mailbox owner's address and display name (see ``core.mailbox.infer_owner``)."""
    owner = infer_owner(messages)
    return None if owner is None else (owner.email, _display_name(owner))


class MailImport:
    """One import run: feed it messages; it stores them a batch at a time."""

    def __init__(self, ledger: Ledger, me: Iterable[str], summary: MailSummary,
                 progress: Progress | None = None,
                 on_batch: Callable[[Connection], None] | None = None) -> None:
        self.ledger = ledger
        self.me = frozenset(e.lower() for e in me)
        self.addressed = self.me | frozenset(summary.me_also)  # whose asks and thanks (see detect)
        self.summary = summary
        self.progress = progress
        self.on_batch = on_batch
        self.pending: list[tuple[Message, str, tuple | None]] = []
        self.keys_seen: set[str] = set()
        self.batch = ledger.settings.mail_batch if ledger.settings else BATCH
        self.my_name = ""  # how my own mail names me, for a "me" still called "Me"
        self.since_graph = 0
        # direction -> (counterparts, introduced people) of open loops, for this batch
        self.open_loops: dict[str, tuple[set[int], set[int]]] | None = None

    def add(self, item: Message | Problem | None, prepared: Prepared | None = None) -> None:
        """Take one message; ``prepared`` carries its bulk verdict and findings when a
        worker process already computed them (for bulk mail, ``item`` is then None)."""
        self.summary.read += 1
        if isinstance(item, Problem):
            self.summary.failed += 1
            if len(self.summary.problems) < MAX_PROBLEMS:
                self.summary.problems.append(item)
        else:
            reason = prepared.bulk if prepared else bulk_reason(item, self.addressed)
            if reason is not None:
                self.summary.bulk += 1
                self.summary.bulk_reasons[reason.split(" ", 1)[0] if "sender" not in reason
                                          else "no-reply sender"] += 1
            elif item.sender is None or not item.sender.email:
                self.summary.failed += 1
                if len(self.summary.problems) < MAX_PROBLEMS:
                    self.summary.problems.append(Problem(
                        item.source, "", "no sender address (From header missing or empty)"))
            else:
                self.pending.append((item, prepared.key if prepared else message_key(item),
                                     prepared.findings if prepared else None))
        if len(self.pending) >= self.batch:
            self.flush()
        if self.progress:
            self.progress(1)

    def finish(self) -> None:
        """Store the last batch and bring who-knows-whom up to date."""
        self.flush(graph_now=True)

    def flush(self, graph_now: bool = False) -> None:
        """Store what is pending in one transaction.

        Who-knows-whom is brought up to date every GRAPH_EVERY messages rather
        than every batch: the same pairs (you and a frequent correspondent)
        are then looked up once per stretch, and memory stays bounded. If the
        import stops in between, nothing is lost: the graph catches up at the
        next import or path search.
        """
        batch, self.pending = self.pending, []
        self.since_graph += len(batch)
        with self.ledger.transaction() as conn:
            prepare_bulk(conn)
            self._store(conn, batch)
            if graph_now or self.since_graph >= GRAPH_EVERY:
                graph.record_cooccurrence(conn)
                self.since_graph = 0
            if self.on_batch:
                self.on_batch(conn)

    def _note_open(self, direction: str, counterpart: int, introduced: int | None) -> None:
        if self.open_loops is None:
            return  # not read yet in this batch: the database will be asked
        counterparts, introduced_ids = self.open_loops.setdefault(direction, (set(), set()))
        counterparts.add(counterpart)
        if introduced is not None:
            introduced_ids.add(introduced)

    # -- one batch, one transaction --------------------------------------------------
    def _store(self, conn: Connection, batch: list[tuple[Message, str, tuple | None]]) -> None:
        now = self.ledger.now()
        self.open_loops = None  # read again in this transaction when first needed
        keyed = []
        known_findings = {}
        for message, key, findings in batch:
            if key in self.keys_seen:
                self.summary.unchanged += 1
                continue
            self.keys_seen.add(key)
            keyed.append((key, message))
            if findings is not None:
                known_findings[key] = findings
        stored = store.existing_keys(conn, SOURCE, [k for k, _ in keyed])
        fresh = [(k, m) for k, m in keyed if k not in stored]
        self.summary.unchanged += len(keyed) - len(fresh)
        if not fresh:
            return
        emails: dict[str, Address] = {}
        for _, message in fresh:
            for address in (message.sender, *message.recipients):
                if address and address.email and address.email not in self.me:
                    if address.email not in emails:
                        emails[address.email] = address
                elif address and address.email in self.me and address.name and not self.my_name:
                    self.my_name = _display_name(address)
        known = store.people_by_email(conn, emails)
        added = store.add_people(conn, {e: _display_name(a) for e, a in emails.items()
                                        if e not in known}, now)
        self.summary.people_added += len(added)
        ids = {**known, **added}
        parents = store.threads_of(conn, {m.in_reply_to for _, m in fresh if m.in_reply_to})
        rows, participants, counts, plans = [], [], [], []
        for key, message in fresh:
            from_me = message.sender.email in self.me
            direction = InteractionDirection.FROM_ME if from_me else InteractionDirection.TO_ME
            who = []
            taken = set()
            if not from_me:
                who.append((ids[message.sender.email], "from"))
                taken.add(who[0][0])
            for role, addresses in (("to", message.to), ("cc", message.cc)):
                for address in addresses:
                    pid = ids.get(address.email)
                    if pid is not None and pid not in taken:
                        who.append((pid, role))
                        taken.add(pid)
            findings = known_findings.get(key)
            if findings is None:
                findings = detect(message, bulk_checked=True, me=self.addressed) if message.date else ()
            me_in_to = any(a.email in self.me for a in message.to)
            needs_reply = (not from_me and me_in_to and len(message.to) <= 3
                           and any(f.kind == "ask" for f in findings))
            item = Interaction(None, InteractionKind.EMAIL, message.date or now, direction,
                               tuple(p for p, _ in who), summary=message.subject[:300],
                               source=SOURCE, source_key=key, needs_reply=needs_reply)
            thread = self._thread(message, key, parents)
            parents[key] = thread
            rows.append((item.kind.value, to_db(item.occurred_at), direction.value, item.summary,
                         SOURCE, key, thread[:500], needs_reply, False, to_db(now)))
            participants.append(who)
            counts.append(bool(message.date) and counts_as_contact(item))
            plans.append((message, key, from_me, findings, who))
            self.summary.needs_reply += needs_reply
        interaction_ids = store.add_interactions(conn, rows, participants, counts)
        self.summary.stored += len(interaction_ids)
        for interaction_id, (message, key, from_me, findings, who) in zip(interaction_ids, plans):
            if message.date is not None:
                self._feed_ledger(conn, interaction_id, message, key, from_me, findings, who, ids,
                                  now, parents)

    @staticmethod
    def _thread(message: Message, key: str, parents: dict[str, str]) -> str:
        if message.references:
            root = message.references[0]
            return parents.get(root, root)
        if message.in_reply_to:
            return parents.get(message.in_reply_to, message.in_reply_to)
        subject = topic(message.subject or "").lower()
        if subject and message.subject != subject:  # a reply without threading headers
            people = sorted({a.email for a in (message.sender, *message.recipients) if a})
            return "subject:" + hashlib.sha1(
                (subject + "\0" + ",".join(people)).encode()).hexdigest()
        return key

    # -- findings -> loop events -----------------------------------------------------
    def _feed_ledger(self, conn: Connection, interaction_id: int, message: Message, key: str,
                     from_me: bool, findings, who, ids: dict[str, int], now: datetime,
                     parents: dict[str, str]) -> None:
        at = message.date
        sender_id = None if from_me else ids.get(message.sender.email)
        recipients = [pid for pid, role in who if role in ("to", "cc")]
        to_ids = [ids[a.email] for a in message.to if a.email in ids]
        subject = message.subject or "(no subject)"

        def note(evidence: str) -> str:
            return f"from mail \u201c{subject[:80]}\u201d: \u201c{evidence[:200]}\u201d"

        def step(loop: Loop, kind: EventKind, evidence: str) -> bool:
            event = LoopEvent(kind, at, note(evidence), interaction_id=interaction_id,
                              automatic=True)
            try:
                check_step(loop, event, max(now, at))
            except InvalidStep:
                return False
            loop_store.add_event(conn, loop, event, now, evidence=evidence)
            self.summary.loop_steps += 1
            return True

        def open_loop(kind: LoopKind, direction: Direction, opening: EventKind, counterpart: int,
                      introduced: int | None, evidence: str) -> None:
            loop = Loop(None, kind, direction, counterpart, evidence[:200] if not introduced else "",
                        introduced, (LoopEvent(opening, at, note(evidence),
                                               interaction_id=interaction_id, automatic=True),))
            loop_store.insert_loop(conn, loop, now)
            self._note_open(direction.value, counterpart, introduced)
            self.summary.loop_steps += 1

        if from_me:
            # My first mail to someone I was introduced to: I acted on the introduction.
            for loop in self._loops(conn, introduced_in=recipients, direction=Direction.RECEIVED):
                state = loop_state(loop)
                if state.at(EventKind.HELPED) and not state.at(EventKind.ACTED):
                    step(loop, EventKind.ACTED, f"wrote to {message.to[0] if message.to else ''}")
        for finding in findings:
            if finding.kind == "intro":
                if from_me and len(recipients) >= 2:
                    a, b = recipients[0], recipients[1]
                    open_loop(LoopKind.INTRODUCTION, Direction.GIVEN, EventKind.GIVEN, a, b, finding.evidence)
                    open_loop(LoopKind.INTRODUCTION, Direction.GIVEN, EventKind.GIVEN, b, a, finding.evidence)
                elif not from_me and sender_id:
                    third = next((p for p in recipients if p != sender_id), None)
                    asked = [lp for lp in self._loops(conn, counterpart=sender_id,
                                                      direction=Direction.RECEIVED)
                             if loop_state(lp).stage == "asked" and lp.kind == LoopKind.INTRODUCTION]
                    if asked:
                        loop = asked[0]
                        if third and not loop.introduced_id:
                            conn.execute(update(loops_table).where(loops_table.c.id == loop.id)
                                         .values(introduced_id=third))
                            self._note_open(Direction.RECEIVED.value, loop.counterpart_id, third)
                            loop = loop_store.load_loop(conn, loop.id)
                        step(loop, EventKind.HELPED, finding.evidence)
                    else:
                        open_loop(LoopKind.INTRODUCTION, Direction.RECEIVED, EventKind.HELPED,
                                  sender_id, third, finding.evidence)
            elif finding.kind == "ask" and from_me and to_ids:
                open_loop(_loop_kind(finding.evidence), Direction.RECEIVED, EventKind.ASKED,
                          to_ids[0], None, finding.evidence)
            elif finding.kind == "thanks":
                if from_me:
                    for pid in to_ids:
                        for loop in self._loops(conn, counterpart=pid, direction=Direction.RECEIVED):
                            if loop_state(loop).at(EventKind.HELPED):
                                step(loop, EventKind.THANKED, finding.evidence)
                elif sender_id:
                    for loop in self._loops(conn, counterpart=sender_id, direction=Direction.GIVEN):
                        step(loop, EventKind.ACKNOWLEDGED, finding.evidence)
            elif finding.kind == "outcome":
                if from_me:
                    for pid in to_ids:
                        for loop in self._loops(conn, counterpart=pid, direction=Direction.RECEIVED):
                            if loop_state(loop).at(EventKind.HELPED):
                                step(loop, EventKind.REPORTED, finding.evidence)
                elif sender_id:
                    for loop in self._loops(conn, counterpart=sender_id, direction=Direction.GIVEN):
                        step(loop, EventKind.OUTCOME, finding.evidence)

        if not from_me and sender_id and (message.in_reply_to or message.references):
            # Their answer in the thread of my ask is the help I asked for.
            thread = parents.get(key)
            for loop in self._loops(conn, counterpart=sender_id, direction=Direction.RECEIVED):
                if loop_state(loop).stage == "asked" and thread and thread == self._thread_of(
                        conn, loop.events[0].interaction_id):
                    step(loop, EventKind.HELPED, f"{message.sender} answered")

    @staticmethod
    def _thread_of(conn: Connection, interaction_id: int | None) -> str | None:
        if interaction_id is None:
            return None
        return conn.execute(select(interactions_table.c.thread_key).where(
            interactions_table.c.id == interaction_id)).scalar()

    def _loops(self, conn: Connection, *, direction: Direction, counterpart: int | None = None,
               introduced_in: list[int] | None = None) -> list[Loop]:
        if counterpart is None and not introduced_in:
            return []
        # Most messages concern nobody with an open loop: ask the database only
        # about people who have one (known per batch, in one query).
        if self.open_loops is None:
            self.open_loops = {}
            for kind, person, introduced in conn.execute(
                    select(loops_table.c.direction, loops_table.c.counterpart_id,
                           loops_table.c.introduced_id).where(loops_table.c.is_open.is_(True))):
                self._note_open(kind, person, introduced)
        counterparts, introduced = self.open_loops.get(direction.value, (set(), set()))
        if counterpart is not None and counterpart not in counterparts:
            return []
        if introduced_in and introduced.isdisjoint(introduced_in):
            return []
        where = [loops_table.c.is_open.is_(True), loops_table.c.direction == direction.value]
        if counterpart is not None:
            where.append(loops_table.c.counterpart_id == counterpart)
        if introduced_in:
            where.append(loops_table.c.introduced_id.in_(introduced_in))
        return loop_store.load_loops(conn, and_(*where))


def _me_addresses(ledger: Ledger, me: Iterable[str]) -> tuple[str, ...]:
    from closeloop.service.parse import normalize_email
    given = [normalize_email(e) for e in me]
    with ledger.reading() as conn:
        me_id = people_store.me_id(conn)
        saved = people_store.load_person(conn, me_id).emails if me_id else ()
    return tuple(dict.fromkeys(given + list(saved)))


def _remember_me(ledger: Ledger, emails: Iterable[str], name: str | None = None) -> None:
    from closeloop.service.people import set_me
    set_me(ledger, name=name, emails=list(emails))


def import_mail(ledger: Ledger, paths: Iterable[str], *, me: Iterable[str] = (),
                progress: Progress | None = None) -> MailSummary:
    """Import mbox files, Maildirs, .eml folders or raw RFC 822 trees."""
    from closeloop.sources.mail import parse_raw, read_raw

    paths = [str(p) for p in paths]
    if not paths:
        raise BadInput("give at least one mbox file or mail folder")
    from pathlib import Path
    for path in paths:
        if not Path(path).exists():
            from closeloop.errors import NotFound
            raise NotFound(f"no file or folder {path}")
    summary = MailSummary()
    addresses = _me_addresses(ledger, me)
    if me:
        _remember_me(ledger, addresses)
    items = read_raw(paths, defer_files=True)
    # The first messages, read here: enough to infer the owner from, and to tell
    # whether the input is big enough for worker processes (started now, so that
    # they get ready while the owner is inferred).
    head, items = _read_head(items, INFER_SAMPLE if not addresses else WORKER_CHUNK)
    with _Workers(len(head) >= WORKER_CHUNK) as workers:
        if not addresses:
            # Infer the owner from the first messages, then import those same messages.
            parsed = [m for m in (parse_raw(raw, _headers_only) for raw in head) if isinstance(m, Message)]
            guess = infer_me(parsed)
            if guess is not None:
                addresses = (guess[0],)
                summary.me_inferred = True
                summary.me_also = tuple(sorted(owner_aliases(Address(guess[1], guess[0]), parsed)
                                               - {guess[0]}))
                with ledger.reading() as conn:
                    has_me = people_store.me_id(conn) is not None
                _remember_me(ledger, addresses, None if has_me else guess[1])
            del parsed
        summary.me = addresses
        run = MailImport(ledger, addresses, summary, progress)
        for item, prepared in workers.prepared(itertools.chain(head, items), run.addressed):
            run.add(item, prepared)
    run.finish()
    _name_me(ledger, run.my_name)
    return summary


@dataclass(frozen=True, slots=True)
class Prepared:
    """What a worker learned about a message: its key, why it is bulk, or what it says."""

    key: str
    bulk: str | None
    findings: tuple | None


WORKER_CHUNK = 200
# Chunks handed to the workers ahead of the importer: enough that they keep working
# while it stores a batch (or brings the graph up to date), few enough to bound memory.
IN_FLIGHT = 32
_worker_me: frozenset[str] = frozenset()


def _worker_init() -> None:
    _die_with_parent()


def _die_with_parent() -> None:
    """A worker must not outlive an import that was killed (Linux: PR_SET_PDEATHSIG)."""
    import ctypes
    import signal
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's pipes still end it
        pass


def _warm_up() -> None:
    """Nothing: a first task, so that a worker process starts (and imports) early."""


def _read_head(items: Iterator, count: int) -> tuple[list, Iterator]:
    """The first ``count`` messages of ``read_raw`` items, read (an mbox streamed),
    and the items after them. An mbox read only in part goes on in the rest."""
    from closeloop.sources.mail import Unread, read_one, read_raw
    head: list = []
    for item in items:
        if len(head) >= count:
            return head, itertools.chain([item], items)
        if isinstance(item, Unread):
            one = read_one(item)
            if one is None:  # an mbox: its messages one by one
                stream = read_raw([str(item)])
                for message in stream:
                    head.append(message)
                    if len(head) >= count:
                        return head, itertools.chain(stream, items)
                continue
            item = one
        head.append(item)
    return head, items


def _read_all(items: Iterable) -> Iterator:
    """``read_raw`` items with the files it left unread read here (an mbox streamed)."""
    from closeloop.sources.mail import Unread, read_one, read_raw
    for item in items:
        if isinstance(item, Unread):
            one = read_one(item)
            if one is None:
                yield from read_raw([str(item)])
            else:
                yield one
        else:
            yield item


def _prepare_chunk(chunk: list, me: frozenset[str]) -> list:
    """Read, parse, tell bulk from personal, and detect, for a chunk of messages (in a worker).

    What goes back to the importer is only what it stores: the message's text
    stays here. A file that turns out to be an mbox goes back unread, for the
    importer to stream.
    """
    from dataclasses import replace

    from closeloop.sources.mail import Unread, parse_raw, read_one
    global _worker_me
    _worker_me = me
    out = []
    for raw in chunk:
        if isinstance(raw, Unread):
            one = read_one(raw)
            if one is None:
                out.append(raw)
                continue
            raw = one
        item = parse_raw(raw, _bulk_by_headers)
        if isinstance(item, Problem):
            out.append((item, None))
            continue
        reason = bulk_reason(item, me)
        if reason is not None:  # counted, not stored: the importer needs only the reason
            out.append((None, Prepared("", reason, None)))
            continue
        findings = None
        if item.sender is not None and item.sender.email:
            findings = detect(item, bulk_checked=True, me=me) if item.date else ()
        key = message_key(item)
        out.append((replace(item, text="", new_text=""), Prepared(key, reason, findings)))
    return out


def _headers_only(message: Message) -> bool:
    """The owner is inferred from headers alone: the text need not be decoded."""
    return True


def _bulk_by_headers(message: Message) -> bool:
    return header_bulk_reason(message, _worker_me) is not None


def _chunks(items: Iterator) -> Iterator[list]:
    return iter(lambda: list(itertools.islice(items, WORKER_CHUNK)), [])


class _Workers:
    """Worker processes that read, parse and detect, when the input is big enough.

    Messages come back in input order. A bounded number of chunks is in flight
    at a time, so memory does not grow with the mailbox; on a single core, or
    for a small input, everything is done in this process.
    """

    def __init__(self, wanted: bool) -> None:
        self.count = min(os.cpu_count() or 1, 4) if wanted else 1
        self.pool = None

    def __enter__(self) -> _Workers:
        if self.count >= 2:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: workers must not inherit the parent's database connections,
            # and as the import's own children they die with it (see _die_with_parent).
            self.pool = ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_worker_init)
            for _ in range(self.count):
                self.pool.submit(_warm_up)
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def prepared(self, items: Iterator, me: Iterable[str]) -> Iterator[tuple]:
        """(message or problem, what a worker learned of it, or None), in input order."""
        if self.pool is None:
            from closeloop.sources.mail import parse_raw
            for item in _read_all(items):
                yield parse_raw(item), None
            return
        yield from self._pipeline(_chunks(iter(items)), frozenset(me))

    def _pipeline(self, chunks: Iterator[list], me: frozenset[str]) -> Iterator[tuple]:
        from collections import deque

        from closeloop.sources.mail import Unread, read_raw

        def results(future) -> Iterator[tuple]:
            for result in future.result():
                if isinstance(result, Unread):  # an mbox inside a folder: streamed here, parsed there
                    yield from self._pipeline(_chunks(read_raw([str(result)])), me)
                else:
                    yield result

        flight: deque = deque()
        for chunk in chunks:
            flight.append(self.pool.submit(_prepare_chunk, chunk, me))
            if len(flight) >= IN_FLIGHT:
                yield from results(flight.popleft())
        while flight:
            yield from results(flight.popleft())


def _name_me(ledger: Ledger, name: str) -> None:
    from closeloop.service.people import get_me, set_me
    me = get_me(ledger)
    if name and me is not None and me.name == "Me":
        set_me(ledger, name=name)


def count_messages(paths: Iterable[str]) -> int | None:
    """How many messages the paths hold, cheaply (for a progress bar); None if unknown."""
    from pathlib import Path
    total = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # os.walk, not Path.rglob: the directory entries tell files from folders without a stat each.
            for folder, _, files in os.walk(path):
                if os.path.basename(folder) != "tmp":
                    total += sum(1 for f in files if not f.startswith("."))
        elif path.suffix in (".gz", ".xz", ".bz2"):
            return None
        elif path.is_file():
            with path.open("rb") as handle:
                first = handle.read(5)
                if first != b"From ":
                    total += 1
                    continue
                handle.seek(0)
                total += sum(1 for line in handle if line.startswith(b"From "))
    return total


def import_imap(ledger: Ledger, *, host: str, user: str, password: str, folder: str = "INBOX",
                port: int | None = None, tls: str = "ssl", allow_plain: bool = False,
                me: Iterable[str] = (), ssl_context=None,
                progress: Progress | None = None) -> MailSummary:
    """Fetch what is new in an IMAP folder since the last run, and import it.

    The password is used for this connection only and never stored. The sync
    state (UIDVALIDITY and the last UID) is saved with each batch, so a run
    that stops midway resumes where it stopped; a changed UIDVALIDITY means
    the folder was rebuilt, and everything is fetched again (the messages
    already stored are recognised by Message-ID, so nothing is duplicated).
    """
    from closeloop.sources.imap import SyncState, fetch_new
    from closeloop.sources.mail import parse_message

    addresses = _me_addresses(ledger, me)
    if not addresses and "@" in user:
        addresses = (user.lower(),)  # the account's own address is mine
    if addresses:
        _remember_me(ledger, addresses)
    summary = MailSummary(me=tuple(addresses))
    with ledger.reading() as conn:
        saved = store.sync_state(conn, host, user, folder)
    state = SyncState(*saved) if saved else None
    fetch = fetch_new(host, port, user, password, folder, state, tls=tls,
                      allow_plain=allow_plain, ssl_context=ssl_context)
    with fetch:
        summary.uidvalidity_changed = fetch.uidvalidity_changed

        def save(conn: Connection) -> None:
            store.save_sync_state(conn, host, user, folder, fetch.state.uidvalidity,
                                  fetch.state.last_uid, ledger.now())

        run = MailImport(ledger, addresses, summary, progress, on_batch=save)
        for uid, raw in fetch:
            run.add(parse_message(raw, fetch.source(uid)))
        run.finish()
    _name_me(ledger, run.my_name)
    return summary
