"""The SQL of imports and exports: a batch at a time, never a person at a time.

An import of 100,000 contacts cannot afford a round trip per person, so these
functions take a batch: look up the sources and identities of ~1,000 records
with ``IN`` queries, then insert people (``RETURNING`` their ids, in order),
identities, sources and circle memberships with one ``executemany`` each.
The service decides what each record means; this module only reads and
writes rows. Also here: what ``people duplicates`` and the contact exports
read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Iterator, Sequence

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from closeloop.core.due import counts_as_contact
from closeloop.core.matching import Candidate
from closeloop.core.model import Interaction
from closeloop.store.bulk import insert_rows, new_ids
from closeloop.store.interactions import bump_last_contact, refresh_last_contact
from closeloop.store.schema import (
    circles, identities, interaction_people, interactions, organizations, people,
    person_circles, person_sources,
)
from closeloop.store.times import from_db, to_db, to_ts

# SQLite allows 32,766 bound values per statement; PostgreSQL 65,535.
_IN_CHUNK = 900
BULK_CACHE_KB = 32 * 1024


def _chunks(values: Sequence, size: int = _IN_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


BULK_CHECKPOINT_PAGES = 16384  # 64 MB of write-ahead log


def prepare_bulk(conn: Connection) -> None:
    """Let SQLite keep a whole batch's pages in memory (default: 2 MB), so that
    pages of the random-ordered indexes are written once per batch, not spilled
    and rewritten; and copy the write-ahead log into the database less often
    (default: every 1,000 pages, with an fsync each time), so that an index
    page changed by many batches is copied once. Commits stay durable (the
    log is the database's own). Lasts for the connection; PostgreSQL needs
    nothing."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KB}")
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={BULK_CHECKPOINT_PAGES}")


def _marks(conn: Connection, n: int) -> str:
    return ", ".join(["?" if conn.dialect.paramstyle == "qmark" else "%s"] * n)


def source_links(conn: Connection, source: str, keys: Iterable[str]) -> dict[str, tuple[int, str]]:
    """``key -> (person id, fingerprint)`` for the keys already imported from ``source``."""
    found: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(list(dict.fromkeys(keys))):
        # Plain SQL: compiling an IN of ~1,000 values costs more than running it.
        rows = conn.exec_driver_sql(
            "SELECT key, person_id, fingerprint FROM person_sources "
            f"WHERE source = {_marks(conn, 1)} AND key IN ({_marks(conn, len(chunk))})",
            (source, *chunk))
        for key, pid, fingerprint in rows:
            found[key] = (pid, fingerprint)
    return found


def identity_owners(conn: Connection, kind: str, values: Iterable[str]) -> dict[str, int]:
    """``value -> person id`` for the values of ``kind`` someone already has."""
    found: dict[str, int] = {}
    for chunk in _chunks(list(dict.fromkeys(values))):
        rows = conn.exec_driver_sql(
            "SELECT value, person_id FROM identities "
            f"WHERE kind = {_marks(conn, 1)} AND value IN ({_marks(conn, len(chunk))})",
            (kind, *chunk))
        found.update((value, pid) for value, pid in rows)
    return found


class Names:
    """Organization and circle ids by name, created when new, cached for an import.

    ``forget`` after a rollback: rows created in the rolled-back transaction
    are gone, so their cached ids are wrong.
    """

    def __init__(self) -> None:
        self.orgs: dict[str, int] = {}
        self.circles: dict[str, tuple[int, int | None]] = {}
        self.cadences: dict[tuple[str, ...], int | None] = {}  # the shortest cadence of a set of circles

    def forget(self) -> None:
        self.orgs.clear()
        self.circles.clear()
        self.cadences.clear()

    def organization(self, conn: Connection, name: str | None) -> int | None:
        if not name:
            return None
        found = self.orgs.get(name)
        if found is None:
            found = conn.execute(select(organizations.c.id)
                                 .where(organizations.c.name == name)).scalar()
            if found is None:
                found = conn.execute(insert(organizations).values(name=name)).inserted_primary_key[0]
            self.orgs[name] = found
        return found

    def circle(self, conn: Connection, name: str) -> tuple[int, int | None]:
        """(id, cadence in days) of the circle ``name``."""
        found = self.circles.get(name)
        if found is None:
            row = conn.execute(select(circles.c.id, circles.c.cadence_days)
                               .where(circles.c.name == name)).first()
            if row is None:
                row = (conn.execute(insert(circles).values(name=name)).inserted_primary_key[0], None)
            found = self.circles[name] = (row[0], row[1])
        return found


_PEOPLE_COLUMNS = ("id", "name", "organization_id", "title", "met_how", "met_on", "notes",
                   "birthday", "is_me", "photo", "photo_type", "created_at", "updated_at",
                   "keep_cadence_days")


def insert_people(conn: Connection, rows: list[dict], now: datetime) -> list[int]:
    """Insert people rows (columns of ``people``); their ids, in the same order."""
    if not rows:
        return []
    stamp = to_db(now)
    ids = new_ids(conn, people, len(rows))
    insert_rows(conn, people, _PEOPLE_COLUMNS, [
        (pid, r["name"], r.get("organization_id"), r.get("title"), r.get("met_how"), r.get("met_on"),
         r.get("notes"), r.get("birthday"), False, r.get("photo"), r.get("photo_type"), stamp, stamp,
         r.get("keep_cadence_days")) for pid, r in zip(ids, rows)])
    return ids


def update_people(conn: Connection, rows: list[dict], now: datetime) -> None:
    """Rows of ``id`` and the new ``name``, ``organization_id``, ``title``, ``met_how``,
    ``met_on``, ``notes``, ``birthday`` and derived ``keep_cadence_days``."""
    if not rows:
        return
    columns = ("name", "organization_id", "title", "met_how", "met_on", "notes", "birthday",
               "keep_cadence_days")
    stamp = to_db(now)
    conn.execute(update(people).where(people.c.id == bindparam("b_id"))
                 .values(updated_at=stamp, **{c: bindparam(f"b_{c}") for c in columns}),
                 [{"b_id": r["id"], **{f"b_{c}": r.get(c) for c in columns}} for r in rows])


def insert_identities(conn: Connection, rows: list[tuple[int, str, str]]) -> None:
    """Rows of (person id, kind, value)."""
    if rows:
        insert_rows(conn, identities, ("person_id", "kind", "value"), rows)


def insert_memberships(conn: Connection, rows: list[tuple[int, int]]) -> None:
    """Rows of (person id, circle id)."""
    if rows:
        insert_rows(conn, person_circles, ("person_id", "circle_id"), rows)


def link_sources(conn: Connection, rows: list[tuple[str, str, int, str]]) -> None:
    """New rows of (source, key, person id, fingerprint)."""
    if rows:
        insert_rows(conn, person_sources, ("source", "key", "person_id", "fingerprint"), rows)


def relink_sources(conn: Connection, rows: list[dict]) -> None:
    """Point existing sources (``source``, ``key``) at ``person_id`` with a new ``fingerprint``."""
    if rows:
        conn.execute(update(person_sources)
                     .where(person_sources.c.source == bindparam("b_source"),
                            person_sources.c.key == bindparam("b_key"))
                     .values(person_id=bindparam("b_person"), fingerprint=bindparam("b_fp")),
                     [{"b_source": r["source"], "b_key": r["key"], "b_person": r["person_id"],
                       "b_fp": r["fingerprint"]} for r in rows])


def set_photo(conn: Connection, person_id: int, photo: bytes | None, photo_type: str | None) -> None:
    conn.execute(update(people).where(people.c.id == person_id)
                 .values(photo=photo, photo_type=photo_type or None))


def photos(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[bytes, str]]:
    """``id -> (image bytes, media type)`` of those of ``ids`` who have a photo."""
    found = {}
    for chunk in _chunks(list(ids)):
        for pid, photo, kind in conn.execute(
                select(people.c.id, people.c.photo, people.c.photo_type)
                .where(people.c.id.in_(chunk), people.c.photo.is_not(None))):
            found[pid] = (bytes(photo), kind or "")
    return found


def person_ids(conn: Connection, *, circle: str | None = None, include_me: bool = False) -> list[int]:
    """Ids of everyone (or of a circle's members), by name."""
    query = select(people.c.id).order_by(people.c.name, people.c.id)
    if circle is not None:
        query = query.join(person_circles, person_circles.c.person_id == people.c.id).join(
            circles, circles.c.id == person_circles.c.circle_id).where(circles.c.name == circle)
    if not include_me:
        query = query.where(people.c.is_me.is_(False))
    return [row[0] for row in conn.execute(query)]


def circle_exists(conn: Connection, name: str) -> bool:
    return conn.execute(select(circles.c.id).where(circles.c.name == name)).first() is not None


def people_for_matching(conn: Connection) -> Iterator[Candidate]:
    """Everyone's name, organization and identities, streamed in id order."""
    query = (select(people.c.id, people.c.name, organizations.c.name)
             .select_from(people.outerjoin(organizations, people.c.organization_id == organizations.c.id))
             .order_by(people.c.id))
    idents = (select(identities.c.person_id, identities.c.kind, identities.c.value)
              .order_by(identities.c.person_id, identities.c.id))
    rows = iter(conn.execute(idents).all())
    pending = next(rows, None)
    for pid, name, org in conn.execute(query).all():
        found: dict[str, list[str]] = {"email": [], "phone": [], "url": []}
        while pending is not None and pending[0] <= pid:
            if pending[0] == pid and pending[1] in found:
                found[pending[1]].append(pending[2])
            pending = next(rows, None)
        yield Candidate(pid, name, org, tuple(found["email"]), tuple(found["phone"]),
                        tuple(found["url"]))


# --- calendar -------------------------------------------------------------------------------


def interaction_for_source(conn: Connection, source: str, key: str
                           ) -> tuple[int, datetime, str, frozenset[int]] | None:
    """(id, when, summary, people) of the interaction imported as ``key`` from ``source``."""
    row = conn.execute(select(interactions.c.id, interactions.c.occurred_at, interactions.c.summary)
                       .where(interactions.c.source == source,
                              interactions.c.source_key == key)).first()
    if row is None:
        return None
    members = frozenset(r[0] for r in conn.execute(
        select(interaction_people.c.person_id).where(interaction_people.c.interaction_id == row[0])))
    return row[0], from_db(row[1]), row[2], members


def replace_interaction(conn: Connection, interaction_id: int, item: Interaction,
                        old_people: Iterable[int]) -> None:
    """Give an imported interaction its new time, summary and people."""
    conn.execute(update(interactions).where(interactions.c.id == interaction_id).values(
        occurred_at=to_db(item.occurred_at), summary=item.summary, direction=item.direction.value))
    conn.execute(delete(interaction_people).where(interaction_people.c.interaction_id == interaction_id))
    counts = counts_as_contact(item)
    ts = to_ts(item.occurred_at)
    person_ids_ = list(dict.fromkeys(item.person_ids))
    if person_ids_:
        conn.execute(insert(interaction_people), [
            {"interaction_id": interaction_id, "person_id": pid, "role": "with",
             "occurred_ts": ts, "counts": counts} for pid in person_ids_])
    # The time may have moved back, or someone left: recompute, don't just bump.
    refresh_last_contact(conn, set(old_people) | set(person_ids_))
    if counts and person_ids_:
        bump_last_contact(conn, person_ids_, ts)
