"""Contacts in and out: import vCard and CSV files, export them, find duplicates.

An import streams records from a reader and stores them a batch at a time
(``BATCH`` records, one transaction each), so memory stays flat and 100,000
contacts take seconds. Each record is, in order:

- *unchanged* when its source key was imported before with the same
  fingerprint (nothing is read but the key);
- *updated* when the key was imported before and the record changed: the
  fields it gives replace the person's (nothing is cleared, identities and
  circles are only added);
- matched to someone by email, then phone, then profile URL, and the fields
  the person lacks are filled in (*updated*, or *unchanged* if nothing was
  new); never on a name alone, and never onto "me";
- else *added* as a new person.

An identity that belongs to someone else is never moved. A batch the
database refuses is retried a record at a time, each in its own transaction,
so a record that fails to store is *skipped* with the database's reason and
changes nothing; everything stored before it stays.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import queue
import signal
import sqlite3
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy.exc import SQLAlchemyError

from closeloop.core.due import effective_cadence
from closeloop.core.matching import Duplicate, likely_duplicates
from closeloop.core.model import Person
from closeloop.core.problems import Problem
from closeloop.errors import BadInput, ImportFailed, NotFound
from closeloop.service import Ledger
from closeloop.sources.records import ContactRecord
from closeloop.store import imports as store
from closeloop.store import people as people_store

SOURCE_VCARD = "vcard"
SOURCE_CSV = "csv"
CSV_FORMATS = ("auto", "linkedin", "google", "outlook")
# Records per transaction: big enough that round trips and commits don't dominate
# (each commit writes the index pages the batch touched); a refused batch is
# retried by halves (see ``_flush``).
# 20,000 rather than 5,000: a quarter of the commits, and an index page that many
# records touch is written once rather than four times (100,000 cards: storing
# took 6.8 s of CPU, now 5.6 s). Memory: 183 MB at the peak (140 MB at 5,000).
BATCH = 20000
# Files at least this big are parsed in a second process (see ``_records_of``),
# which may run this many records ahead of the one storing them.
PARALLEL_FROM = 4 << 20
AHEAD = BATCH
_CHUNK = 500
# Photos make some cards a thousand times bigger than others: a batch, and a chunk
# on its way from the parsing process, also ends at this many bytes of photos, so
# an address book of photos does not hold thousands of them at once.
BATCH_PHOTO_BYTES = 16 << 20
_CHUNK_PHOTO_BYTES = 1 << 20
# Problems and updates listed in a summary; the counts are always exact.
MAX_LISTED = 1000

Progress = Callable[[int], None]


@dataclass
class ImportSummary:
    """What an import did. ``problems`` and ``changes`` list at most ``MAX_LISTED``."""

    path: str
    format: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    # (person id, name, the fields that changed) for updated people
    changes: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)
    # calendar imports only: events with no one else in them, and people met there
    ignored: int = 0
    people_added: int = 0
    window: tuple[str, str] | None = None

    def skip(self, problem: Problem) -> None:
        self.skipped += 1
        if len(self.problems) < MAX_LISTED:
            self.problems.append(problem)

    def change(self, person_id: int, name: str, fields: tuple[str, ...]) -> None:
        self.updated += 1
        if len(self.changes) < MAX_LISTED:
            self.changes.append((person_id, name, fields))


# --- imports ------------------------------------------------------------------------------


def import_vcard(ledger: Ledger, path: str | Path, *, progress: Progress | None = None) -> ImportSummary:
    """Import a .vcf file (one card or many) or a folder of them."""
    from closeloop.sources.vcard import read_vcards
    target = _existing(path)
    summary = ImportSummary(path=str(target), format="vcard")
    _run(ledger, _records_of(read_vcards, target), SOURCE_VCARD, summary, progress)
    return summary


def import_csv(ledger: Ledger, path: str | Path, *, format: str = "auto",
               progress: Progress | None = None) -> ImportSummary:
    """Import a LinkedIn, Google or Outlook contacts CSV."""
    from closeloop.sources.contacts_csv import read_contacts_csv
    fmt = (format or "auto").strip().lower()
    if fmt not in CSV_FORMATS:
        raise BadInput(f"unknown CSV format {format!r}: choose one of {', '.join(CSV_FORMATS)}")
    target = _existing(path)
    if target.is_dir():
        raise BadInput(f"{target} is a folder; give the CSV file itself")
    summary = ImportSummary(path=str(target), format=fmt)
    _run(ledger, _records_of(read_contacts_csv, target, fmt), SOURCE_CSV, summary, progress)
    return summary


def estimate_records(path: str | Path, kind: str) -> int:
    """About how many records a file holds (cards, or lines of a CSV), for a progress bar."""
    target = Path(path)
    pattern = {"vcard": "*.vcf", "ics": "*.ics"}.get(kind, "*")
    files = sorted(p for p in target.rglob(pattern) if p.is_file()) if target.is_dir() else [target]
    needle = {"vcard": b"BEGIN:VCARD", "csv": b"\n", "ics": b"BEGIN:VEVENT"}[kind]
    total = 0
    for file in files:
        try:
            with open(file, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    total += chunk.upper().count(needle) if kind != "csv" else chunk.count(needle)
        except OSError:
            pass
    return total


def _records_of(read: Callable[..., Iterator], target: Path, *args) -> Iterator:
    """What ``read(target, *args)`` yields, made ready to store (``_ready``); for a big
    file, parsed and made ready in a second process.

    Parsing is about half the work of an import and storing the other half, so
    on a machine with a spare core a big file is parsed by a forked child while
    this process stores. Chunks of records come through a bounded queue: the
    child runs at most ``AHEAD`` records ahead, so memory stays flat.
    """
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file()) if target.is_dir() \
        else target.stat().st_size
    if size < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield from _ready(read, target, *args)
        return
    context = multiprocessing.get_context("fork")
    chunks = context.Queue(maxsize=max(2, AHEAD // _CHUNK))
    child = context.Process(target=_parse_aside, args=(read, (target, *args), chunks, os.getpid()),
                            daemon=True)
    child.start()
    try:
        while True:
            try:
                chunk = chunks.get(timeout=1)
            except queue.Empty:
                if child.is_alive():
                    continue
                raise ImportFailed(f"reading {target} stopped unexpectedly") from None
            if chunk is None:
                return
            if isinstance(chunk, str):
                raise ImportFailed(f"reading {target} failed: {chunk}")
            yield from pickle.loads(chunk)
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        chunks.close()


def _parse_aside(read: Callable[..., Iterator], args: tuple, chunks, parent: int) -> None:
    """In the child: put what the reader yields, a chunk at a time, then None (or what went wrong).

    The child holds copies of the parent's database connections; were it to
    outlive a killed parent, a PostgreSQL session (and its locks) would stay
    open. So it dies with the parent (Linux), and checks on it while it waits.
    """
    _die_with_parent(parent)
    # The queue's feeder thread sends each chunk down the pipe 64 KB at a time and
    # needs the GIL back after every write; held by the parsing thread, it comes
    # back only at the switch interval (5 ms), so the storing process waited on
    # the pipe for a third of the import (100,000 cards: 3.8 s of 11.6 s). A short
    # interval lets the feeder in at once: 8.3 s in all.
    sys.setswitchinterval(0.0002)

    def put(item) -> None:
        while True:
            try:
                chunks.put(item, timeout=1)
                return
            except queue.Full:
                if os.getppid() != parent:
                    os._exit(1)

    # Chunks are pickled here, by the parsing thread: left to the queue's feeder
    # thread, pickling (Python code, for records) waits for the GIL behind the
    # parser at every step, and the storing process waits for it (a third of
    # the import's time, measured on 100,000 cards).
    try:
        chunk = []
        photo_bytes = 0
        for item in _ready(read, *args):
            chunk.append(item)
            if isinstance(item, tuple):
                photo_bytes += len(item[0].photo or b"")
            if len(chunk) >= _CHUNK or photo_bytes >= _CHUNK_PHOTO_BYTES:
                put(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
                chunk = []
                photo_bytes = 0
        put(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
        put(None)
    except BaseException as exc:  # noqa: BLE001 - any failure is reported to the parent
        put(f"{type(exc).__name__}: {exc}")


def _die_with_parent(parent: int) -> None:
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the checks in put() remain
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _existing(path: str | Path) -> Path:
    target = Path(path)
    if not target.exists():
        raise NotFound(f"no file or folder {target}")
    return target


def _run(ledger: Ledger, items: Iterator[Ready | Problem], source: str,
         summary: ImportSummary, progress: Progress | None) -> None:
    names = store.Names()
    stored_keys = _KeysSeen()
    with ledger.reading() as conn:
        me = people_store.me_id(conn)
    try:
        consumed, records = _store_all(ledger, names, items, source, me, summary, progress, stored_keys)
    finally:
        stored_keys.close()
    if progress:
        progress(consumed)
    if records == 0 and summary.problems and all(not p.where for p in summary.problems):
        raise ImportFailed("; ".join(str(p) for p in summary.problems[:3]))


def _store_all(ledger: Ledger, names: store.Names, items: Iterator[Ready | Problem], source: str,
               me: int | None, summary: ImportSummary, progress: Progress | None,
               stored_keys: _KeysSeen) -> tuple[int, int]:
    """Store the items a batch at a time; how many items and how many records there were."""
    batch: list[Ready] = []
    consumed = records = photo_bytes = 0
    for item in items:
        consumed += 1
        if isinstance(item, Problem):
            summary.skip(item)
        else:
            records += 1
            batch.append(item)
            photo_bytes += len(item[0].photo or b"")
        flushed = len(batch) >= BATCH or photo_bytes >= BATCH_PHOTO_BYTES
        if flushed:
            _flush(ledger, names, batch, source, me, summary, stored_keys)
            batch = []
            photo_bytes = 0
        if progress and (flushed or consumed % _CHUNK == 0):  # the bar moves between batches too
            progress(consumed)
    if batch:
        _flush(ledger, names, batch, source, me, summary, stored_keys)
    return consumed, records


def _flush(ledger: Ledger, names: store.Names, batch: list[Ready], source: str,
           me: int | None, summary: ImportSummary, seen: _KeysSeen) -> None:
    """Store a batch in one transaction. If the database refuses it, store each half
    the same way, down to the record(s) it refuses, which are reported and skipped:
    a few bad records in a big batch cost a few more transactions, not one each."""
    try:
        with ledger.transaction() as conn:
            outcomes, here = _store_batch(conn, names, batch, source, me, ledger, seen)
        seen.add(here)  # only once stored: a refused batch is retried as if new
    except SQLAlchemyError as exc:
        names.forget()
        if len(batch) > 1:
            middle = len(batch) // 2
            _flush(ledger, names, batch[:middle], source, me, summary, seen)
            _flush(ledger, names, batch[middle:], source, me, summary, seen)
        else:
            record = batch[0][0]
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            summary.skip(Problem(record.source, record.where,
                                 f"not stored: the database refused it ({reason})"))
        return
    for outcome in outcomes:
        if outcome[0] == "added":
            summary.added += 1
        elif outcome[0] == "updated":
            summary.change(outcome[1], outcome[2], outcome[3])
        else:
            summary.unchanged += 1


# Column sizes of the people, identities and circles tables (PostgreSQL enforces them).
_LIMITS = (("full_name", "name", 300), ("organization", "organization", 300), ("title", "title", 300))


# A record ready to store: (the checked record, its fingerprint, its key's hash).
Ready = tuple[ContactRecord, str, int]


def _ready(read: Callable[..., Iterator], *args) -> Iterator[Ready | Problem]:
    """What ``read(*args)`` yields, each record checked, fingerprinted and its key hashed:
    work that needs no database, done where the file is parsed (a second process for a
    big file), so the storing process does only what needs the database."""
    for item in read(*args):
        if isinstance(item, ContactRecord):
            item = _checked(item)
            if isinstance(item, ContactRecord):
                item = (item, fingerprint(item), key_hash(item.key))
        yield item


def _checked(record: ContactRecord) -> ContactRecord | Problem:
    """The record cleaned for storing, or why it can't be stored."""
    identities = record.emails + record.phones + record.urls
    texts = (record.full_name, record.organization, record.title, record.notes, record.met_how,
             record.key, *identities, *record.circles)
    if "\x00" in "".join(texts):
        record = _without_nul(record)
    for attr, label, limit in _LIMITS:
        if len(getattr(record, attr)) > limit:
            return Problem(record.source, record.where, f"{label} is longer than {limit} characters")
    if identities and max(map(len, identities)) > 500:
        return Problem(record.source, record.where,
                       "an email, phone or URL is longer than 500 characters")
    if record.circles and max(map(len, record.circles)) > 200:
        return Problem(record.source, record.where, "a category is longer than 200 characters")
    if len(record.key) > 300:  # an absurd UID still identifies the card: keep its hash
        record = replace(record, key="sha256:" + hashlib.sha256(record.key.encode()).hexdigest())
    return record


def _without_nul(record: ContactRecord) -> ContactRecord:
    # PostgreSQL refuses NUL in text; it is never meaningful in a contact.
    def clean(value):
        if isinstance(value, str):
            return value.replace("\x00", "")
        if isinstance(value, tuple):
            return tuple(v for v in (clean(x) for x in value) if v)
        return value
    return ContactRecord(**{name: clean(getattr(record, name)) for name in record.__slots__})


def fingerprint(record: ContactRecord) -> str:
    """Changes when anything stored from the record changes (64 hex digits)."""
    text = "\x1e".join((
        record.full_name, "\x1f".join(record.emails), "\x1f".join(record.phones),
        "\x1f".join(record.urls), record.organization, record.title, record.notes,
        record.birthday.isoformat() if record.birthday else "", "\x1f".join(record.circles),
        record.met_how, record.met_on.isoformat() if record.met_on else "",
        hashlib.sha1(record.photo).hexdigest() if record.photo else "", record.photo_type))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=32).hexdigest()


class _New:
    """A person this batch adds; the id comes when the batch is written."""

    __slots__ = ("person", "photo", "id")

    def __init__(self, person: Person, photo: tuple[bytes, str] | None) -> None:
        self.person = person
        self.photo = photo
        self.id: int | None = None


_KINDS = (("email", "emails"), ("phone", "phones"), ("url", "urls"))


class _KeysSeen:
    """The key hashes an import has stored so far, to tell a key met again in the same file.

    A Python set costs about 70 bytes a key: past ``SEEN_IN_MEMORY`` keys they move
    to a private temporary SQLite file (deleted when closed), whose few cached pages
    are all the memory it takes, so memory does not grow with the size of the file.
    """

    def __init__(self) -> None:
        self.memory: set[int] = set()
        self.db: sqlite3.Connection | None = None

    def known(self, hashes: list[int]) -> set[int]:
        """Those of ``hashes`` already added."""
        if self.db is None:
            return {h for h in hashes if h in self.memory}
        found: set[int] = set()
        for start in range(0, len(hashes), 900):
            chunk = [_signed(h) for h in hashes[start:start + 900]]
            found.update(_unsigned(h) for (h,) in self.db.execute(
                f"SELECT h FROM seen WHERE h IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    def add(self, hashes: set[int]) -> None:
        if self.db is None:
            self.memory |= hashes
            if len(self.memory) <= SEEN_IN_MEMORY:
                return
            self.db = sqlite3.connect("")  # "": a temporary file of its own
            self.db.execute("PRAGMA journal_mode=OFF")
            self.db.execute("PRAGMA synchronous=OFF")
            self.db.execute("CREATE TABLE seen (h INTEGER PRIMARY KEY)")
            hashes, self.memory = self.memory, set()
        self.db.executemany("INSERT OR IGNORE INTO seen VALUES (?)", ((_signed(h),) for h in hashes))

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


SEEN_IN_MEMORY = 50_000


def _signed(h: int) -> int:
    return h - (1 << 64) if h >= 1 << 63 else h  # SQLite integers are signed 64-bit


def _unsigned(h: int) -> int:
    return h + (1 << 64) if h < 0 else h


def key_hash(key: str) -> int:
    """64 bits of a source key: what an import remembers of each key it has seen."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


def _store_batch(conn, names: store.Names, ready: list[Ready], source: str,
                 me: int | None, ledger: Ledger, seen: _KeysSeen) -> tuple[list[tuple], set[int]]:
    """Store a batch in the open transaction; one outcome per record.

    ``seen`` holds the keys of the batches already stored by this import; it
    is given this batch's keys (returned) once the batch is stored. A key met again in
    the same import (two cards with one UID) only fills gaps and keeps the
    first card's fingerprint, so that running the import again changes nothing.
    """
    now = ledger.now()
    store.prepare_bulk(conn)
    before = seen.known([hashed for _, _, hashed in ready])
    batch = [r for r, _, _ in ready]
    prints = [fp for _, fp, _ in ready]
    links = store.source_links(conn, source, (r.key for r in batch))
    # Records seen before and unchanged need nothing more: a re-run reads only keys.
    todo = [r for r, fp in zip(batch, prints) if links.get(r.key, (None, None))[1] != fp]
    owners: dict[str, dict[str, object]] = {
        kind: dict(store.identity_owners(conn, kind, (v for r in todo for v in getattr(r, attr))))
        for kind, attr in _KINDS}
    wanted = {links[r.key][0] for r in todo if r.key in links} | {
        pid for found in owners.values() for pid in found.values()}
    wanted.discard(me)
    current: dict[object, Person] = dict(people_store.load_people(conn, wanted)) if wanted else {}
    original = dict(current)
    photos: dict[object, tuple[bytes, str]] = store.photos(conn, list(current)) if current else {}
    new_photos: set[int] = set()
    # key -> [target (person id or _New), fingerprint, already in the database]
    keyed: dict[str, list] = {key: [pid, fp, True] for key, (pid, fp) in links.items()}
    new: list[_New] = []
    dirty: dict[int, tuple[str, ...]] = {}
    outcomes: list[tuple] = []
    here: set[int] = set()
    for record, fp, hashed in ready:
        link = keyed.get(record.key)
        again = hashed in before or hashed in here
        here.add(hashed)
        if link is not None and link[1] == fp:
            outcomes.append(("unchanged",))
            continue
        overwrite = link is not None and not again
        target = link[0] if link is not None else _match(record, owners)
        if target is not None and (target == me or (target not in current and not isinstance(target, _New))):
            outcomes.append(("unchanged",))  # my own card, or a person merged into me
            continue
        photo = (record.photo, record.photo_type) if record.photo else None
        if target is None:
            target = _New(_new_person(record), photo)
            new.append(target)
            outcomes.append(("added",))
            _claim(owners, target.person, target)
        else:
            old = target.person if isinstance(target, _New) else current[target]
            merged = _merged(old, record, overwrite, owners, target)
            changed = tuple(f for f in _FIELDS if getattr(merged, f) != getattr(old, f))
            had = target.photo if isinstance(target, _New) else photos.get(target)
            if photo and (overwrite or had is None) and had != photo:
                if isinstance(target, _New):
                    target.photo = photo
                else:
                    photos[target] = photo
                    new_photos.add(target)
                changed += ("photo",)
            _claim(owners, merged, target)
            if isinstance(target, _New):
                target.person = merged
            else:
                current[target] = merged
                if changed:
                    dirty[target] = tuple(dict.fromkeys(dirty.get(target, ()) + changed))
            outcomes.append(("updated", target, merged.name, changed) if changed else ("unchanged",))
        if link is None:
            keyed[record.key] = [target, fp, False]
        elif not again:
            link[0], link[1] = target, fp

    _write_new(conn, names, new, now)
    _write_changed(conn, names, [(original[pid], current[pid]) for pid in dirty], now)
    for pid in new_photos:
        store.set_photo(conn, pid, *photos[pid])
    store.link_sources(conn, [
        (source, key, target.id if isinstance(target, _New) else target, fp)
        for key, (target, fp, stored) in keyed.items() if not stored])
    store.relink_sources(conn, [
        {"source": source, "key": key, "fingerprint": fp, "person_id": target}
        for key, (target, fp, stored) in keyed.items()
        if stored and links[key] != (target, fp)])
    return [("updated", o[1].id, o[2], o[3]) if o[0] == "updated" and isinstance(o[1], _New)
            else o for o in outcomes], here


_FIELDS = ("name", "emails", "phones", "urls", "organization", "title", "circles", "met_how",
           "met_on", "notes", "birthday")


def _match(record: ContactRecord, owners: dict[str, dict[str, object]]) -> object | None:
    """Who the record is, by email, then phone, then profile URL; never by name."""
    for kind, attr in _KINDS:
        for value in getattr(record, attr):
            found = owners[kind].get(value)
            if found is not None:
                return found
    return None


def _claim(owners: dict[str, dict[str, object]], person: Person, target: object) -> None:
    for kind, attr in _KINDS:
        for value in getattr(person, attr):
            owners[kind].setdefault(value, target)


def _new_person(record: ContactRecord) -> Person:
    return Person(
        id=None, name=record.full_name, emails=record.emails, phones=record.phones,
        urls=record.urls, organization=record.organization or None, title=record.title or None,
        circles=record.circles, met_how=record.met_how or None, met_on=record.met_on,
        notes=record.notes or None, birthday=record.birthday)


def _merged(old: Person, record: ContactRecord, overwrite: bool,
            owners: dict[str, dict[str, object]], target: object) -> Person:
    """``old`` with what ``record`` says: replacing (``overwrite``) or only filling gaps."""
    def pick(current, given):
        if not given:
            return current
        return given if overwrite or not current else current

    def added(kind: str, current: tuple[str, ...], given: tuple[str, ...]) -> tuple[str, ...]:
        free = [v for v in given if v not in current and owners[kind].get(v, target) is target]
        return current + tuple(free) if free else current

    notes = old.notes
    if record.notes:
        if overwrite or not notes:
            notes = record.notes
        elif record.notes not in notes:
            notes = f"{notes}\n\n{record.notes}"
    return replace(
        old, name=record.full_name if overwrite and record.full_name else old.name,
        emails=added("email", old.emails, record.emails),
        phones=added("phone", old.phones, record.phones),
        urls=added("url", old.urls, record.urls),
        organization=pick(old.organization, record.organization or None),
        title=pick(old.title, record.title or None),
        circles=old.circles + tuple(c for c in record.circles if c not in old.circles),
        met_how=pick(old.met_how, record.met_how or None),
        met_on=pick(old.met_on, record.met_on),
        notes=notes, birthday=pick(old.birthday, record.birthday))


def _keep_cadence(conn, names: store.Names, person: Person) -> int | None:
    """The derived keep-in-touch cadence, as ``store.people.refresh_cadence`` computes it."""
    if not person.circles or person.cadence_days:
        return person.cadence_days
    found = names.cadences.get(person.circles, _UNKNOWN)
    if found is _UNKNOWN:  # many people share a set of circles: work it out once
        found = names.cadences[person.circles] = effective_cadence(
            person, {name: names.circle(conn, name)[1] for name in person.circles})
    return found


_UNKNOWN = object()


def _write_changed(conn, names: store.Names, changed: list[tuple[Person, Person]], now) -> None:
    """Write people an import changed. Imports only add identities and circles, never remove."""
    if not changed:
        return
    store.update_people(conn, [
        {"id": p.id, "name": p.name, "organization_id": names.organization(conn, p.organization),
         "title": p.title, "met_how": p.met_how, "met_on": p.met_on, "notes": p.notes,
         "birthday": p.birthday, "keep_cadence_days": _keep_cadence(conn, names, p)}
        for _, p in changed], now)
    store.insert_identities(conn, [
        (p.id, kind, value) for old, p in changed for kind, attr in _KINDS
        for value in getattr(p, attr) if value not in getattr(old, attr)])
    store.insert_memberships(conn, [
        (p.id, names.circle(conn, name)[0])
        for old, p in changed for name in p.circles if name not in old.circles])


def _write_new(conn, names: store.Names, new: list[_New], now) -> None:
    if not new:
        return
    rows = []
    for item in new:
        p = item.person
        rows.append({"name": p.name, "organization_id": names.organization(conn, p.organization),
                     "title": p.title, "met_how": p.met_how, "met_on": p.met_on, "notes": p.notes,
                     "birthday": p.birthday, "photo": item.photo[0] if item.photo else None,
                     "photo_type": item.photo[1] if item.photo else None,
                     "keep_cadence_days": _keep_cadence(conn, names, p)})
    for item, pid in zip(new, store.insert_people(conn, rows, now)):
        item.id = pid
    store.insert_identities(conn, [
        (item.id, kind, value) for item in new for kind, attr in _KINDS
        for value in getattr(item.person, attr)])
    store.insert_memberships(conn, [
        (item.id, names.circle(conn, name)[0]) for item in new for name in item.person.circles])


# --- exports ------------------------------------------------------------------------------


def export_vcard(ledger: Ledger, path: str | Path, *, circle: str | None = None) -> int:
    """Write everyone (or a circle), yourself excepted, as vCard 4.0; how many cards."""
    from closeloop.sources.vcard import write_vcards
    return _export(ledger, path, circle, write_vcards)


def export_csv(ledger: Ledger, path: str | Path, *, circle: str | None = None) -> int:
    """Write everyone (or a circle), yourself excepted, as a Google Contacts CSV; how many rows."""
    from closeloop.sources.contacts_csv import write_contacts_csv
    return _export(ledger, path, circle, write_contacts_csv)


def _export(ledger: Ledger, path: str | Path, circle: str | None, write) -> int:
    target = Path(path)
    if target.is_dir():
        raise BadInput(f"{target} is a folder; give a file name")
    partial = target.with_name(target.name + ".partial")
    with ledger.reading() as conn:
        if circle is not None and not store.circle_exists(conn, circle):
            raise NotFound(f"no circle called {circle!r}")
        ids = store.person_ids(conn, circle=circle)
        try:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                count = write(_records(conn, ids), handle)
            partial.replace(target)  # never leave a half-written export behind
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise BadInput(f"can't write {target}: {exc.strerror}") from exc
    return count


def _records(conn, ids: list[int]) -> Iterator[ContactRecord]:
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        loaded = people_store.load_people(conn, chunk)
        pictures = store.photos(conn, chunk)
        for pid in chunk:
            yield contact_record(loaded[pid], pictures.get(pid))


def contact_record(person: Person, photo: tuple[bytes, str] | None = None) -> ContactRecord:
    """A person as the writers take them. The key is the person's id in this ledger."""
    return ContactRecord(
        source="closeloop", where=f"person {person.id}", key=f"closeloop-person-{person.id}",
        full_name=person.name, emails=person.emails, phones=person.phones, urls=person.urls,
        organization=person.organization or "", title=person.title or "",
        notes=person.notes or "", birthday=person.birthday, circles=person.circles,
        met_how=person.met_how or "", met_on=person.met_on,
        photo=photo[0] if photo else None, photo_type=photo[1] if photo else "")


# --- duplicates ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    first: Person
    second: Person
    reasons: tuple[str, ...]


def find_duplicates(ledger: Ledger) -> list[DuplicatePair]:
    """Pairs of people who are likely one person, with the reasons."""
    with ledger.reading() as conn:
        found: list[Duplicate] = likely_duplicates(store.people_for_matching(conn))
        loaded = people_store.load_people(conn, [i for d in found for i in (d.first, d.second)])
    return [DuplicatePair(loaded[d.first], loaded[d.second], d.reasons) for d in found]
