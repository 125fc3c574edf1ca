"""Who knows whom: the links table, kept current from what is stored, and its queries.

``record_cooccurrence`` reads what was stored since its last run (interactions,
introductions, email identities; one mark per source table in
``graph_marks``) and adds it to the links, so its cost follows what is new,
never the size of the graph. The mail importer calls it once per batch, inside
the batch's transaction; path searches call it too, so interactions logged by
hand are never missed. ``rebuild`` starts over from everything stored.

Evidence, each pair stored both ways (``links`` has the columns):

- messages: both were on the same message (From, To, Cc; the user counts
  as a participant of every message, so links from "me" are the people the
  user has been in touch with);
- threads: both took part in the same thread, maybe on different messages;
- intros: an introduction between them was made (helped or given loop of
  kind introduction with an introduced person).

Bulk messages, notes to oneself and messages with more than
``MAX_PARTICIPANTS`` people say nothing about who knows whom and are skipped.

Queries for a target set (one person, or an organization's people) come in
two plans, chosen by which side is smaller: from the targets out (their links,
kept where the other end is someone the user knows) or from the user's ties
out (their links, kept where the other end is a target). Both are index
ranges on the primary key, so a search never loads the graph.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Iterable

from sqlalchemy import delete, func, insert, literal, select, union, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from closeloop.core.paths import (
    HALF_WEIGHT_EVIDENCE, INTRO_EVIDENCE, MESSAGE_EVIDENCE, Link, link_weight, work_domain,
)
from closeloop.store.bulk import insert_rows
from closeloop.store.people import me_id
from closeloop.store.schema import (
    graph_marks, identities, interaction_people, interactions, links, loop_events, loops,
    org_domains, people, person_domains,
)
from closeloop.store.times import to_ts

MAX_PARTICIPANTS = 20
CHUNK = 1000
_LINK_COLUMNS = (links.c.person_id, links.c.other_id, links.c.weight, links.c.messages,
                 links.c.threads, links.c.intros, links.c.last_ts, links.c.interaction_id,
                 links.c.loop_id)


class _Evidence:
    __slots__ = ("messages", "threads", "intros", "last_ts", "interaction_id", "loop_id")

    def __init__(self, messages=0, threads=0, intros=0, last_ts=None, interaction_id=None,
                 loop_id=None):
        self.messages, self.threads, self.intros = messages, threads, intros
        self.last_ts, self.interaction_id, self.loop_id = last_ts, interaction_id, loop_id

    def saw(self, ts: int | None, interaction_id: int | None = None,
            loop_id: int | None = None) -> None:
        if ts is not None and (self.last_ts is None or ts >= self.last_ts):
            self.last_ts = ts
            self.interaction_id = interaction_id or self.interaction_id
        elif self.interaction_id is None:
            self.interaction_id = interaction_id
        self.loop_id = loop_id or self.loop_id


# -- keeping the graph current ------------------------------------------------------

def _mark(conn: Connection, name: str) -> int:
    # FOR UPDATE: two writers on PostgreSQL take turns instead of both reading the same mark.
    value = conn.execute(select(graph_marks.c.last_id).where(graph_marks.c.name == name)
                         .with_for_update()).scalar()
    return value or 0


def _set_mark(conn: Connection, name: str, value: int) -> None:
    if conn.execute(update(graph_marks).where(graph_marks.c.name == name)
                    .values(last_id=value)).rowcount == 0:
        conn.execute(insert(graph_marks).values(name=name, last_id=value))


def record_cooccurrence(conn: Connection) -> int:
    """Add what was stored since the last run to the graph; returns how many items it read.

    Call it inside the transaction that stored the interactions (the mail
    importer does, once per batch): the graph then moves with the data. Until
    the user has said who they are, it does nothing (and reads it all later).
    """
    me = me_id(conn)
    if me is None:
        return 0  # links from "me" are the user's ties: wait until closeloop knows who that is
    if _up_to_date(conn, me):
        return 0
    known_me = _mark(conn, "me")
    if known_me not in (0, me):
        # "Me" is someone else now (a merge): the links from me are wrong, start over.
        for table in (links, graph_marks):
            conn.execute(delete(table))
    if known_me != me:
        _set_mark(conn, "me", me)
    done = 0
    evidence: dict[tuple[int, int], _Evidence] = defaultdict(_Evidence)
    mark = _mark(conn, "interactions")
    while True:
        rows = conn.execute(select(interactions.c.id, interactions.c.thread_key,
                                   interactions.c.kind, interactions.c.bulk)
                            .where(interactions.c.id > mark).order_by(interactions.c.id)
                            .limit(CHUNK)).all()
        if not rows:
            break
        _read_interactions(conn, rows, me, evidence)
        mark = rows[-1].id
        done += len(rows)
        _set_mark(conn, "interactions", mark)
    done += _read_introductions(conn, evidence)
    _save(conn, evidence)
    done += _read_domains(conn)
    return done


def _up_to_date(conn: Connection, me: int) -> bool:
    """Nothing new since the last run: two cheap queries, so searches can always call this."""
    marks = dict(conn.execute(select(graph_marks.c.name, graph_marks.c.last_id)).all())
    newest = conn.execute(select(
        select(func.max(interactions.c.id)).scalar_subquery(),
        select(func.max(loop_events.c.id)).scalar_subquery(),
        select(func.max(identities.c.id)).scalar_subquery())).one()
    return marks.get("me") == me and all(
        (value or 0) <= marks.get(name, 0)
        for name, value in zip(("interactions", "loop_events", "identities"), newest))


def _participants(conn: Connection, ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        for iid, pid, ts in conn.execute(
                select(interaction_people.c.interaction_id, interaction_people.c.person_id,
                       interaction_people.c.occurred_ts)
                .where(interaction_people.c.interaction_id.in_(ids[start:start + 500]))):
            found[iid].append((pid, ts))
    return found


def _read_interactions(conn: Connection, rows, me: int | None,
                       evidence: dict[tuple[int, int], _Evidence]) -> None:
    rows = [r for r in rows if not r.bulk and r.kind != "note"]
    if not rows:
        return
    who = _participants(conn, [r.id for r in rows])
    # Who already took part in each thread, from the interactions read before this chunk.
    threads = {r.thread_key for r in rows if r.thread_key}
    seen: dict[str, set[int]] = defaultdict(set)
    keys = list(threads)
    for start in range(0, len(keys), 500):
        for thread, pid in conn.execute(
                select(interactions.c.thread_key, interaction_people.c.person_id)
                .join(interaction_people, interaction_people.c.interaction_id == interactions.c.id)
                .where(interactions.c.thread_key.in_(keys[start:start + 500]),
                       interactions.c.id < rows[0].id, interactions.c.bulk.is_(False),
                       interactions.c.kind != "note")):
            seen[thread].add(pid)
    if me is not None:
        for members in seen.values():
            members.add(me)  # the user is on every thread of their own mail
    for row in rows:
        members = who.get(row.id, [])
        ts = members[0][1] if members else None
        ids = sorted({pid for pid, _ in members} | ({me} if me is not None else set()))
        if len(ids) < 2 or len(ids) > MAX_PARTICIPANTS:
            continue
        iid = row.id
        for pair in combinations(ids, 2):
            item = evidence[pair]
            item.messages += 1
            # item.saw(ts, iid), inlined: this loop runs for every pair of every message
            if ts is not None and (item.last_ts is None or ts >= item.last_ts):
                item.last_ts = ts
                item.interaction_id = iid
            elif item.interaction_id is None:
                item.interaction_id = iid
        if row.thread_key:
            before = seen[row.thread_key]
            if len(before) + len(ids) <= MAX_PARTICIPANTS:
                for new in (p for p in ids if p not in before):
                    for other in set(ids) | before:
                        if other != new and (other in before or other < new):
                            evidence[(min(new, other), max(new, other))].threads += 1
            before.update(ids)


def _read_introductions(conn: Connection, evidence: dict[tuple[int, int], _Evidence]) -> int:
    mark = _mark(conn, "loop_events")
    rows = conn.execute(
        select(loop_events.c.id, loop_events.c.at, loops.c.id.label("loop_id"),
               loops.c.counterpart_id, loops.c.introduced_id)
        .join(loops, loops.c.id == loop_events.c.loop_id)
        .where(loop_events.c.id > mark, loop_events.c.kind.in_(("helped", "given")),
               loops.c.kind == "introduction", loops.c.introduced_id.is_not(None))
        .order_by(loop_events.c.id)).all()
    last = conn.execute(select(func.max(loop_events.c.id))).scalar() or 0
    pairs: set[tuple[int, int]] = set()
    for row in rows:
        pair = (min(row.counterpart_id, row.introduced_id), max(row.counterpart_id, row.introduced_id))
        if pair[0] == pair[1] or pair in pairs:  # a given introduction is two loops, one link
            continue
        pairs.add(pair)
        item = evidence[pair]
        item.intros += 1
        item.saw(to_ts(row.at), loop_id=row.loop_id)
    if last > mark:
        _set_mark(conn, "loop_events", last)
    return len(rows)


def _weight_sql(messages: str, threads: str, intros: str) -> str:
    """``core.paths.link_weight`` in SQL (the same float operations in the same order)."""
    evidence = (f"(CAST({threads} AS DOUBLE PRECISION) + {MESSAGE_EVIDENCE!r} * ({messages}) "
                f"+ {INTRO_EVIDENCE!r} * ({intros}))")
    return f"CASE WHEN {evidence} > 0 THEN {evidence} / ({evidence} + {HALF_WEIGHT_EVIDENCE!r}) ELSE 0.0 END"


_NEWER = "excluded.last_ts IS NOT NULL AND (links.last_ts IS NULL OR excluded.last_ts >= links.last_ts)"
# A pair already linked adds the new evidence to what it had (as _Evidence.saw does).
_ADD_EVIDENCE = (
    "ON CONFLICT (person_id, other_id) DO UPDATE SET "
    "messages = links.messages + excluded.messages, "
    "threads = links.threads + excluded.threads, "
    "intros = links.intros + excluded.intros, "
    f"last_ts = CASE WHEN {_NEWER} THEN excluded.last_ts ELSE links.last_ts END, "
    f"interaction_id = CASE WHEN {_NEWER} THEN coalesce(excluded.interaction_id, links.interaction_id) "
    "ELSE coalesce(links.interaction_id, excluded.interaction_id) END, "
    "loop_id = coalesce(excluded.loop_id, links.loop_id), "
    "weight = " + _weight_sql("links.messages + excluded.messages", "links.threads + excluded.threads",
                              "links.intros + excluded.intros"))


def _save(conn: Connection, evidence: dict[tuple[int, int], _Evidence]) -> None:
    """Add the evidence to the links, each pair both ways, in one upsert per row."""
    rows = []
    for (a, b), new in evidence.items():
        weight = link_weight(new.messages, new.threads, new.intros)
        values = (weight, new.messages, new.threads, new.intros, new.last_ts, new.interaction_id,
                  new.loop_id)
        rows.append((a, b, *values))
        rows.append((b, a, *values))
    insert_rows(conn, links, ("person_id", "other_id", "weight", "messages", "threads", "intros",
                              "last_ts", "interaction_id", "loop_id"), rows, upsert=_ADD_EVIDENCE)


def _read_domains(conn: Connection) -> int:
    mark = _mark(conn, "identities")
    rows = conn.execute(select(identities.c.id, identities.c.person_id, identities.c.value)
                        .where(identities.c.id > mark, identities.c.kind == "email")
                        .order_by(identities.c.id)).all()
    last = conn.execute(select(func.max(identities.c.id))).scalar() or 0
    wanted = {(work_domain(r.value), r.person_id) for r in rows if work_domain(r.value)}
    have = set()
    people_ids = list({pid for _, pid in wanted})
    for start in range(0, len(people_ids), 500):
        have.update(conn.execute(select(person_domains.c.domain, person_domains.c.person_id).where(
            person_domains.c.person_id.in_(people_ids[start:start + 500]))).all())
    new = [{"domain": d, "person_id": p} for d, p in sorted(wanted - {tuple(h) for h in have})]
    if new:
        conn.execute(insert(person_domains), new)
    if last > mark:
        _set_mark(conn, "identities", last)
    return len(rows)


def rebuild(conn: Connection) -> int:
    """Forget the graph and read everything stored again."""
    for table in (links, person_domains, graph_marks):
        conn.execute(delete(table))
    return record_cooccurrence(conn)


# -- reading it ---------------------------------------------------------------------

def org_domains_of(conn: Connection, organization_id: int) -> list[str]:
    """The organization's mail domains: declared ones, and the work domains of its people."""
    declared = select(org_domains.c.domain).where(org_domains.c.organization_id == organization_id)
    inferred = select(person_domains.c.domain).where(person_domains.c.person_id.in_(
        select(people.c.id).where(people.c.organization_id == organization_id)))
    return sorted(r[0] for r in conn.execute(union(declared, inferred)))


def org_members(organization_id: int | None, domains: Iterable[str]) -> Select:
    """A query of the ids of the people at an organization: by their org field or mail domain."""
    parts = []
    if organization_id is not None:
        parts.append(select(people.c.id.label("id")).where(
            people.c.organization_id == organization_id))
    domains = list(domains)
    if domains:
        parts.append(select(person_domains.c.person_id.label("id")).where(
            person_domains.c.domain.in_(domains)))
    if not parts:
        return select(literal(None).label("id")).where(literal(False))
    return parts[0] if len(parts) == 1 else union(*parts)


def membership(conn: Connection, person_ids: list[int], organization_id: int | None,
               domains: Iterable[str]) -> dict[int, str]:
    """Why each person counts as at the organization: 'organization field' or 'mail at D'."""
    why: dict[int, str] = {}
    domains = list(domains)
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start:start + 500]
        if domains:
            for pid, domain in conn.execute(select(person_domains.c.person_id,
                                                   person_domains.c.domain).where(
                    person_domains.c.person_id.in_(chunk), person_domains.c.domain.in_(domains))):
                why[pid] = f"mail at {domain}"
        if organization_id is not None:
            for (pid,) in conn.execute(select(people.c.id).where(
                    people.c.id.in_(chunk), people.c.organization_id == organization_id)):
                why[pid] = "organization field"
    return why


def count_members(conn: Connection, members: Select) -> int:
    return conn.execute(select(func.count()).select_from(members.subquery())).scalar_one()


def count_ties(conn: Connection, me: int) -> int:
    return conn.execute(select(func.count()).select_from(links).where(
        links.c.person_id == me)).scalar_one()


def _link(row) -> Link:
    return Link(via=row.via, target=row.target, weight=row.weight, messages=row.messages,
                threads=row.threads, intros=row.intros, last_ts=row.last_ts,
                interaction_id=row.interaction_id, loop_id=row.loop_id)


def links_into(conn: Connection, me: int, members: Select, *, from_targets: bool) -> list[Link]:
    """Links from people the user is linked to, to people of ``members``.

    ``from_targets`` reads the targets' links (cheaper when the targets are
    fewer than the user's ties); otherwise the ties' links.
    """
    mine = select(links.c.other_id).where(links.c.person_id == me)
    targets = members.subquery()
    if from_targets:
        query = (select(links.c.other_id.label("via"), links.c.person_id.label("target"),
                        *_LINK_COLUMNS[2:])
                 .where(links.c.person_id.in_(select(targets.c.id)), links.c.other_id.in_(mine),
                        links.c.other_id != me))
    else:
        query = (select(links.c.person_id.label("via"), links.c.other_id.label("target"),
                        *_LINK_COLUMNS[2:])
                 .where(links.c.person_id.in_(mine), links.c.other_id.in_(select(targets.c.id)),
                        links.c.person_id != me))
    return [_link(r) for r in conn.execute(query)]


def known_targets(conn: Connection, me: int | None, members: Select) -> list[int]:
    """People of ``members`` the user is in touch with: linked to me, or with real contact."""
    targets = members.subquery()
    found = set()
    if me is not None:
        found.update(r[0] for r in conn.execute(select(links.c.other_id).where(
            links.c.person_id == me, links.c.other_id.in_(select(targets.c.id)))))
    found.update(r[0] for r in conn.execute(select(people.c.id).where(
        people.c.id.in_(select(targets.c.id)), people.c.last_contact_ts.is_not(None),
        people.c.is_me.is_(False))))
    found.discard(me)
    return sorted(found)


def links_of(conn: Connection, person_id: int, limit: int = 20) -> list[Link]:
    """A person's strongest links, for showing who they know."""
    return [_link(r) for r in conn.execute(
        select(links.c.person_id.label("via"), links.c.other_id.label("target"),
               *_LINK_COLUMNS[2:])
        .where(links.c.person_id == person_id).order_by(links.c.weight.desc()).limit(limit))]


__all__ = ["MAX_PARTICIPANTS", "record_cooccurrence", "rebuild", "org_domains_of", "org_members",
           "membership", "count_members", "count_ties", "links_into", "known_targets",
           "links_of"]
