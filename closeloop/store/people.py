"""Saving and loading people, their identities, organizations and circles."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Iterable

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from closeloop.core.model import Person
from closeloop.store.schema import (
    circles, identities, interaction_people, loops, organizations, people, person_circles,
    person_sources,
)
from closeloop.store.times import from_db, to_db

IDENTITY_FIELDS = (("email", "emails"), ("phone", "phones"), ("url", "urls"))


def organization_id(conn: Connection, name: str | None) -> int | None:
    """The id of the organization called ``name``, created when new."""
    if not name:
        return None
    found = conn.execute(select(organizations.c.id).where(organizations.c.name == name)).scalar()
    if found is not None:
        return found
    return conn.execute(insert(organizations).values(name=name)).inserted_primary_key[0]


def circle_ids(conn: Connection, names: Iterable[str]) -> list[int]:
    ids = []
    for name in dict.fromkeys(names):
        found = conn.execute(select(circles.c.id).where(circles.c.name == name)).scalar()
        if found is None:
            found = conn.execute(insert(circles).values(name=name)).inserted_primary_key[0]
        ids.append(found)
    return ids


def identity_owner(conn: Connection, kind: str, value: str) -> int | None:
    return conn.execute(select(identities.c.person_id).where(
        identities.c.kind == kind, identities.c.value == value)).scalar()


def insert_person(conn: Connection, person: Person, now: datetime) -> int:
    row = _row(conn, person)
    row.update(created_at=to_db(person.created_at or now), updated_at=to_db(now))
    if person.id is not None:
        row["id"] = person.id
    person_id = conn.execute(insert(people).values(**row)).inserted_primary_key[0]
    _save_links(conn, person_id, person)
    return person_id


def update_person(conn: Connection, person: Person, now: datetime) -> None:
    """Replace everything about ``person`` (by id) with the given values."""
    row = _row(conn, person)
    row["updated_at"] = to_db(now)
    conn.execute(update(people).where(people.c.id == person.id).values(**row))
    conn.execute(delete(identities).where(identities.c.person_id == person.id))
    conn.execute(delete(person_circles).where(person_circles.c.person_id == person.id))
    _save_links(conn, person.id, person)


def _row(conn: Connection, person: Person) -> dict:
    return dict(name=person.name, organization_id=organization_id(conn, person.organization),
                title=person.title, met_how=person.met_how, met_on=person.met_on,
                notes=person.notes, cadence_days=person.cadence_days,
                birthday=person.birthday, is_me=person.is_me)


def refresh_cadence(conn: Connection, person_ids: Iterable[int] | None = None,
                    circle_id: int | None = None) -> None:
    """Recompute the derived effective cadence of some people (or of a circle's members)."""
    circle_min = (select(func.min(circles.c.cadence_days))
                  .join(person_circles, person_circles.c.circle_id == circles.c.id)
                  .where(person_circles.c.person_id == people.c.id).scalar_subquery())
    query = update(people).values(keep_cadence_days=func.coalesce(people.c.cadence_days, circle_min))
    if circle_id is not None:
        query = query.where(people.c.id.in_(select(person_circles.c.person_id)
                                            .where(person_circles.c.circle_id == circle_id)))
    elif person_ids is not None:
        query = query.where(people.c.id.in_(list(person_ids)))
    conn.execute(query)


def _save_links(conn: Connection, person_id: int, person: Person) -> None:
    rows = [{"person_id": person_id, "kind": kind, "value": value}
            for kind, attr in IDENTITY_FIELDS for value in dict.fromkeys(getattr(person, attr))]
    if rows:
        conn.execute(insert(identities), rows)
    ids = circle_ids(conn, person.circles)
    if ids:
        conn.execute(insert(person_circles), [{"person_id": person_id, "circle_id": c} for c in ids])
    if ids or person.cadence_days:
        refresh_cadence(conn, [person_id])
    else:
        conn.execute(update(people).where(people.c.id == person_id).values(keep_cadence_days=None))


def load_people(conn: Connection, ids: Iterable[int]) -> dict[int, Person]:
    """People by id, with identities and circles, in a few queries."""
    wanted = list(dict.fromkeys(ids))
    result: dict[int, Person] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        result.update(_load_chunk(conn, people.c.id.in_(chunk)))
    return result


def load_all_people(conn: Connection) -> dict[int, Person]:
    return _load_chunk(conn, None)


def _load_chunk(conn: Connection, where) -> dict[int, Person]:
    query = select(people, organizations.c.name.label("org")).select_from(
        people.outerjoin(organizations, people.c.organization_id == organizations.c.id))
    if where is not None:
        query = query.where(where)
    rows = conn.execute(query.order_by(people.c.id)).mappings().all()
    if not rows:
        return {}
    ids = [r["id"] for r in rows]
    idents: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    member: dict[int, list[str]] = defaultdict(list)
    scope = (lambda col: col.in_(ids)) if where is not None else (lambda col: True)
    # .all(): one fetchall, not a fetchone per row (a contacts import loads 150,000 identities)
    for pid, kind, value in conn.execute(
            select(identities.c.person_id, identities.c.kind, identities.c.value)
            .where(scope(identities.c.person_id)).order_by(identities.c.id)).all():
        idents[pid][kind].append(value)
    for pid, name in conn.execute(
            select(person_circles.c.person_id, circles.c.name)
            .join(circles, circles.c.id == person_circles.c.circle_id)
            .where(scope(person_circles.c.person_id)).order_by(circles.c.name)).all():
        member[pid].append(name)
    return {r["id"]: Person(
        id=r["id"], name=r["name"], emails=tuple(idents[r["id"]]["email"]),
        phones=tuple(idents[r["id"]]["phone"]), urls=tuple(idents[r["id"]]["url"]),
        organization=r["org"], title=r["title"], circles=tuple(member[r["id"]]),
        met_how=r["met_how"], met_on=r["met_on"], notes=r["notes"],
        cadence_days=r["cadence_days"], birthday=r["birthday"], is_me=bool(r["is_me"]),
        created_at=from_db(r["created_at"])) for r in rows}


def load_person(conn: Connection, person_id: int) -> Person | None:
    return load_people(conn, [person_id]).get(person_id)


def me_id(conn: Connection) -> int | None:
    return conn.execute(select(people.c.id).where(people.c.is_me.is_(True))
                        .order_by(people.c.id).limit(1)).scalar()


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with % and _ taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def find_people(conn: Connection, text: str, limit: int = 20) -> list[tuple[int, str, str | None]]:
    """(id, name, first email) of people whose name, email, phone, URL or organization contains ``text``."""
    pattern = _like(text)
    email = (select(func.min(identities.c.value))
             .where(identities.c.person_id == people.c.id, identities.c.kind == "email")
             .scalar_subquery())
    by_ident = select(identities.c.person_id).where(
        func.lower(identities.c.value).like(pattern, escape="\\"))
    by_org = select(organizations.c.id).where(
        func.lower(organizations.c.name).like(pattern, escape="\\"))
    query = (select(people.c.id, people.c.name, email)
             .where(or_(func.lower(people.c.name).like(pattern, escape="\\"),
                        people.c.id.in_(by_ident), people.c.organization_id.in_(by_org)))
             .order_by(people.c.name, people.c.id).limit(limit))
    return [tuple(r) for r in conn.execute(query)]


def people_named(conn: Connection, text: str) -> list[tuple[int, str]]:
    """People whose name contains ``text`` (case-insensitive), best matches first."""
    rows = conn.execute(select(people.c.id, people.c.name).where(
        func.lower(people.c.name).like(_like(text), escape="\\")).order_by(people.c.name, people.c.id)
        .limit(50)).all()
    return [tuple(r) for r in rows]


def list_people(conn: Connection, *, circle: str | None = None, search: str | None = None,
                limit: int | None = None, offset: int = 0) -> list[Person]:
    query = select(people.c.id).order_by(people.c.name, people.c.id)
    if circle:
        query = query.join(person_circles, person_circles.c.person_id == people.c.id).join(
            circles, circles.c.id == person_circles.c.circle_id).where(circles.c.name == circle)
    if search:
        ids = [r[0] for r in find_people(conn, search, limit=10_000)]
        query = query.where(people.c.id.in_(ids))
    if limit:
        query = query.limit(limit).offset(offset)
    ids = [r[0] for r in conn.execute(query)]
    loaded = load_people(conn, ids)
    return [loaded[i] for i in ids]


def count_people(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(people)).scalar_one()


def delete_person(conn: Connection, person_id: int) -> None:
    conn.execute(delete(people).where(people.c.id == person_id))


def merge_people(conn: Connection, keep: Person, other: Person, now: datetime) -> None:
    """Move everything of ``other`` onto ``keep`` and delete ``other``.

    Identities, circles, sources, interactions and loops all move; fields
    ``keep`` lacks are filled from ``other``; notes are joined.
    """
    merged = Person(
        id=keep.id, name=keep.name,
        emails=tuple(dict.fromkeys(keep.emails + other.emails)),
        phones=tuple(dict.fromkeys(keep.phones + other.phones)),
        urls=tuple(dict.fromkeys(keep.urls + other.urls)),
        organization=keep.organization or other.organization, title=keep.title or other.title,
        circles=tuple(dict.fromkeys(keep.circles + other.circles)),
        met_how=keep.met_how or other.met_how, met_on=keep.met_on or other.met_on,
        notes="\n\n".join(n for n in (keep.notes, other.notes) if n) or None,
        cadence_days=keep.cadence_days or other.cadence_days,
        birthday=keep.birthday or other.birthday, is_me=keep.is_me or other.is_me,
        created_at=min(t for t in (keep.created_at, other.created_at) if t) if (
            keep.created_at or other.created_at) else None)
    conn.execute(delete(identities).where(identities.c.person_id == other.id))
    conn.execute(update(person_sources).where(person_sources.c.person_id == other.id)
                 .values(person_id=keep.id))
    shared = select(interaction_people.c.interaction_id).where(
        interaction_people.c.person_id == keep.id)
    conn.execute(delete(interaction_people).where(
        interaction_people.c.person_id == other.id,
        interaction_people.c.interaction_id.in_(shared)))
    conn.execute(update(interaction_people).where(interaction_people.c.person_id == other.id)
                 .values(person_id=keep.id))
    conn.execute(update(loops).where(loops.c.counterpart_id == other.id)
                 .values(counterpart_id=keep.id))
    conn.execute(update(loops).where(loops.c.introduced_id == other.id)
                 .values(introduced_id=keep.id))
    # Nobody is introduced to themselves: a loop between the two now has no third person.
    conn.execute(update(loops).where(loops.c.introduced_id == loops.c.counterpart_id)
                 .values(introduced_id=None))
    conn.execute(delete(people).where(people.c.id == other.id))
    update_person(conn, merged, now)
    conn.execute(update(people).where(people.c.id == keep.id).values(
        created_at=to_db(merged.created_at) if merged.created_at else people.c.created_at))
