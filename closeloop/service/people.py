"""People: add, edit, find, show, remove, merge."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from sqlalchemy.engine import Connection

from closeloop.core.model import Interaction, Person
from closeloop.errors import Ambiguous, BadInput, Conflict, NotFound
from closeloop.service import Ledger
from closeloop.service.parse import normalize_email, normalize_phone, parse_date, split_name_email
from closeloop.store import interactions as interaction_store
from closeloop.store import loops as loop_store
from closeloop.store import people as store


GRAPH_REBUILD_LIMIT = 50_000


def resolve(conn: Connection, text: str) -> int:
    """The id of the one person ``text`` names: an id, an email, or part of a name."""
    raw = text.strip()
    if not raw:
        raise BadInput("a person is needed: give an id, an email or a name")
    if raw.lstrip("#").isdigit():
        person_id = int(raw.lstrip("#"))
        if store.load_person(conn, person_id) is None:
            raise NotFound(f"no person with id {person_id}")
        return person_id
    if "@" in raw and " " not in raw:
        found = store.identity_owner(conn, "email", raw.lower())
        if found is None:
            raise NotFound(f"no one with the email {raw}")
        return found
    named = store.people_named(conn, raw)
    wanted = raw.lower()
    exact = [p for p in named if p[1].lower() == wanted]
    # "Ana" means Ana Silva before Dana Lee: words that start with it win over any part.
    starts = [p for p in named if p[1].lower().startswith(wanted)
              or any(w.startswith(wanted) for w in p[1].lower().split())]
    matches = exact or starts or named
    if len(matches) == 1:
        return matches[0][0]
    if not matches:
        raise NotFound(f"no one called {raw!r}; add them with: closeloop people add {raw!r}")
    candidates = tuple(f"{pid}: {name}" for pid, name in matches[:10])
    raise Ambiguous(f"{raw!r} could be {len(matches)} people: "
                    + "; ".join(candidates) + ". Use the id or an email.", candidates=candidates)


def resolve_or_create(ledger: Ledger, conn: Connection, text: str) -> tuple[int, bool]:
    """For a person the user meets through a loop: 'Dana Lee <dana@acme.com>' may be new."""
    name, email = split_name_email(text)
    if email:
        found = store.identity_owner(conn, "email", email)
        if found is not None:
            return found, False
    try:
        return resolve(conn, name), False
    except NotFound:
        if name.lstrip("#").isdigit() or ("@" in name and not email):
            raise
        person = Person(id=None, name=name, emails=(email,) if email else ())
        return store.insert_person(conn, person, ledger.now()), True


@dataclass(frozen=True, slots=True)
class PersonDetails:
    """A person with what the ledger knows about them."""

    person: Person
    interactions: tuple[Interaction, ...]
    loops: tuple  # of service.loops.LoopView
    interaction_count: int
    last_contact: object


def _identities(emails: Sequence[str], phones: Sequence[str], urls: Sequence[str],
                region: str = "US") -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return (tuple(dict.fromkeys(normalize_email(e) for e in emails)),
            tuple(dict.fromkeys(normalize_phone(p, region) for p in phones)),
            tuple(dict.fromkeys(u.strip() for u in urls if u.strip())))


def _check_free(conn: Connection, person: Person) -> None:
    for kind, values in (("email", person.emails), ("phone", person.phones), ("url", person.urls)):
        for value in values:
            owner = store.identity_owner(conn, kind, value)
            if owner is not None and owner != person.id:
                other = store.load_person(conn, owner)
                raise Conflict(f"{value} already belongs to {other.name} (id {owner}); "
                               f"merge them with: closeloop merge {owner} ...")


def _check_cadence(days: int | None) -> None:
    if days is not None and not 1 <= days <= 3650:
        raise BadInput(f"a keep-in-touch cadence is a number of days from 1 to 3650, not {days}")


def add_person(ledger: Ledger, name: str, *, emails: Sequence[str] = (), phones: Sequence[str] = (),
               urls: Sequence[str] = (), organization: str | None = None, title: str | None = None,
               circles: Sequence[str] = (), met_how: str | None = None, met_on: str | None = None,
               notes: str | None = None, cadence_days: int | None = None,
               birthday: str | None = None) -> Person:
    if not name.strip():
        raise BadInput("a person needs a name")
    _check_cadence(cadence_days)
    e, p, u = _identities(emails, phones, urls)
    person = Person(id=None, name=name.strip(), emails=e, phones=p, urls=u,
                    organization=organization or None, title=title or None,
                    circles=tuple(c.strip() for c in circles if c.strip()), met_how=met_how,
                    met_on=parse_date(met_on), notes=notes, cadence_days=cadence_days,
                    birthday=parse_date(birthday))
    with ledger.transaction() as conn:
        _check_free(conn, person)
        person_id = store.insert_person(conn, person, ledger.now())
        return store.load_person(conn, person_id)


def edit_person(ledger: Ledger, who: str, *, name: str | None = None,
                add_emails: Sequence[str] = (), remove_emails: Sequence[str] = (),
                add_phones: Sequence[str] = (), remove_phones: Sequence[str] = (),
                add_urls: Sequence[str] = (), remove_urls: Sequence[str] = (),
                organization: str | None = None, title: str | None = None,
                add_circles: Sequence[str] = (), remove_circles: Sequence[str] = (),
                met_how: str | None = None, met_on: str | None = None,
                notes: str | None = None, add_note: str | None = None,
                cadence_days: int | None = None, clear_cadence: bool = False,
                birthday: str | None = None) -> Person:
    _check_cadence(cadence_days)
    e_add, p_add, u_add = _identities(add_emails, add_phones, add_urls)
    e_rm, p_rm, u_rm = _identities(remove_emails, remove_phones, remove_urls)
    with ledger.transaction() as conn:
        old = store.load_person(conn, resolve(conn, who))
        for value, have in ((e_rm, old.emails), (p_rm, old.phones), (u_rm, old.urls)):
            missing = [v for v in value if v not in have]
            if missing:
                raise NotFound(f"{old.name} has no {', '.join(missing)}")
        if notes is not None:
            new_notes = notes or None
        elif add_note:
            new_notes = f"{old.notes}\n\n{add_note}" if old.notes else add_note
        else:
            new_notes = old.notes
        person = replace(
            old, name=(name or old.name).strip(),
            emails=tuple(x for x in dict.fromkeys(old.emails + e_add) if x not in e_rm),
            phones=tuple(x for x in dict.fromkeys(old.phones + p_add) if x not in p_rm),
            urls=tuple(x for x in dict.fromkeys(old.urls + u_add) if x not in u_rm),
            organization=old.organization if organization is None else (organization or None),
            title=old.title if title is None else (title or None),
            circles=tuple(c for c in dict.fromkeys(old.circles + tuple(add_circles))
                          if c not in remove_circles),
            met_how=old.met_how if met_how is None else (met_how or None),
            met_on=old.met_on if met_on is None else parse_date(met_on),
            notes=new_notes,
            cadence_days=None if clear_cadence else (cadence_days or old.cadence_days),
            birthday=old.birthday if birthday is None else parse_date(birthday))
        if not person.name:
            raise BadInput("a person needs a name")
        _check_free(conn, person)
        store.update_person(conn, person, ledger.now())
        return store.load_person(conn, person.id)


def list_people(ledger: Ledger, *, circle: str | None = None, search: str | None = None,
                limit: int | None = None) -> list[Person]:
    with ledger.reading() as conn:
        return store.list_people(conn, circle=circle, search=search, limit=limit)


def show_person(ledger: Ledger, who: str, *, recent: int = 10) -> PersonDetails:
    from sqlalchemy import select

    from closeloop.service.loops import views
    from closeloop.store.schema import people
    from closeloop.store.times import from_ts

    with ledger.reading() as conn:
        person_id = resolve(conn, who)
        last = conn.execute(select(people.c.last_contact_ts).where(people.c.id == person_id)).scalar()
        return PersonDetails(
            person=store.load_person(conn, person_id),
            interactions=tuple(interaction_store.list_interactions(conn, person_id=person_id,
                                                                   limit=recent)),
            loops=tuple(views(conn, loop_store.loops_of(conn, person_id=person_id))),
            interaction_count=interaction_store.count_interactions(conn, person_id),
            last_contact=from_ts(last))


def remove_person(ledger: Ledger, who: str) -> Person:
    """Delete a person with their loops; interactions with others stay."""
    with ledger.transaction() as conn:
        person = store.load_person(conn, resolve(conn, who))
        if person.is_me:
            raise Conflict("that is you; closeloop needs to know who you are")
        store.delete_person(conn, person.id)
        return person


def merge_people(ledger: Ledger, keep: str, other: str) -> Person:
    """Merge ``other`` into ``keep``: nothing of either is lost."""
    with ledger.transaction() as conn:
        keep_id, other_id = resolve(conn, keep), resolve(conn, other)
        if keep_id == other_id:
            raise BadInput("those are the same person")
        loaded = store.load_people(conn, [keep_id, other_id])
        store.merge_people(conn, loaded[keep_id], loaded[other_id], ledger.now())
        interaction_store.refresh_last_contact(conn, [keep_id])
        # Who knows whom was built with two people: rebuild it with one. Beyond a
        # personal-size ledger that is left to `closeloop graph rebuild`.
        if interaction_store.count_interactions(conn) <= GRAPH_REBUILD_LIMIT:
            from closeloop.store import graph
            graph.rebuild(conn)
        return store.load_person(conn, keep_id)


def set_me(ledger: Ledger, *, name: str | None = None, emails: Sequence[str] = ()) -> Person:
    """Say who the user is: their name and their own addresses."""
    e, _, _ = _identities(emails, (), ())
    with ledger.transaction() as conn:
        me = store.me_id(conn)
        if me is None:
            person = Person(id=None, name=(name or "Me").strip(), emails=e, is_me=True)
            _check_free(conn, person)
            return store.load_person(conn, store.insert_person(conn, person, ledger.now()))
        old = store.load_person(conn, me)
        person = replace(old, name=(name or old.name).strip(),
                         emails=tuple(dict.fromkeys(old.emails + e)))
        _check_free(conn, person)
        store.update_person(conn, person, ledger.now())
        return store.load_person(conn, me)


def get_me(ledger: Ledger) -> Person | None:
    with ledger.reading() as conn:
        me = store.me_id(conn)
        return store.load_person(conn, me) if me is not None else None
