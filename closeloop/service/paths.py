"""Warm paths: the best ways in to a person or an organization, with the evidence.

The graph is brought up to date first (a no-op when nothing new was stored),
then two index-range queries find the links into the target from people the
user is linked to; only the people found are scored for strength. Ranking is
``closeloop.core.paths.rank``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from closeloop.core.paths import Direct, Link, Path, best_possible, rank
from closeloop.errors import Ambiguous, BadInput, NotFound
from closeloop.service import Ledger
from closeloop.service.people import resolve
from closeloop.service.strength import strengths
from closeloop.store import graph
from closeloop.store import people as people_store
from closeloop.store.schema import org_domains, organizations, people, person_domains
from closeloop.store.times import from_ts

HOPS_SHOWN = 3
BATCH = 64


@dataclass(frozen=True, slots=True)
class Target:
    kind: str  # person, organization, domain
    name: str
    id: int | None
    domains: tuple[str, ...] = ()
    people: int = 0


@dataclass(frozen=True, slots=True)
class PathsResult:
    target: Target
    direct: tuple[Direct, ...]
    paths: tuple[Path, ...]
    names: dict[int, str] = field(default_factory=dict)
    at_target: dict[int, str] = field(default_factory=dict)  # why each shown target counts
    links_read: int = 0


def resolve_org(conn: Connection, text: str) -> Target:
    """An organization named exactly, by a mail domain, or by an unambiguous part of its name."""
    raw = text.strip()
    if not raw:
        raise BadInput("which organization? give --org NAME or --org DOMAIN")
    row = conn.execute(select(organizations.c.id, organizations.c.name).where(
        organizations.c.name == raw)).first()
    if row is None:
        row = conn.execute(select(organizations.c.id, organizations.c.name).where(
            func.lower(organizations.c.name) == raw.lower())).first()
    if row is None and "." in raw and " " not in raw:
        domain = raw.lower().lstrip("@")
        row = conn.execute(select(organizations.c.id, organizations.c.name)
                           .join(org_domains, org_domains.c.organization_id == organizations.c.id)
                           .where(org_domains.c.domain == domain)).first()
        if row is None:
            if conn.execute(select(person_domains.c.person_id).where(
                    person_domains.c.domain == domain).limit(1)).first() is None:
                raise NotFound(f"no one with mail at {domain}")
            return Target("domain", domain, None, (domain,))
    if row is None:
        found = conn.execute(select(organizations.c.id, organizations.c.name).where(
            func.lower(organizations.c.name).contains(raw.lower(), autoescape=True))
            .order_by(organizations.c.name).limit(11)).all()
        if not found:
            raise NotFound(f"no organization called {raw!r}")
        if len(found) > 1:
            names = tuple(r.name for r in found[:10])
            raise Ambiguous(f"{raw!r} could be {len(found)} organizations: {'; '.join(names)}",
                            candidates=names)
        row = found[0]
    return Target("organization", row.name, row.id, tuple(graph.org_domains_of(conn, row.id)))


def find_paths(ledger: Ledger, *, to: str | None = None, org: str | None = None,
               limit: int = 10) -> PathsResult:
    """The best ways in to one person (``to``) or into an organization (``org``)."""
    if (to is None) == (org is None):
        raise BadInput("say where to: --to PERSON or --org ORGANIZATION")
    if limit < 1:
        raise BadInput("--limit must be at least 1")
    with ledger.transaction() as conn:
        graph.record_cooccurrence(conn)
        me = people_store.me_id(conn)
        if me is None:
            raise BadInput("closeloop doesn't know who you are yet, so it can't tell whom you "
                           "know: closeloop me --name \"Your Name\" --email you@example.com")
        if to is not None:
            person_id = resolve(conn, to)
            if person_id == me:
                raise BadInput("that is you")
            name = conn.execute(select(people.c.name).where(people.c.id == person_id)).scalar()
            target = Target("person", name, person_id, people=1)
            members = select(people.c.id.label("id")).where(people.c.id == person_id)
        else:
            target = resolve_org(conn, org)
            members = graph.org_members(target.id, target.domains)
            target = Target(target.kind, target.name, target.id, target.domains,
                            graph.count_members(conn, members))
        from_targets = target.people <= graph.count_ties(conn, me)
        found = graph.links_into(conn, me, members, from_targets=from_targets)
        known = graph.known_targets(conn, me, members)
        by_person = _strengths_that_matter(conn, found, known, me, limit, ledger.now())
        # Only copied on the same mail is not knowing someone: direct means some real contact.
        known = [t for t in known if t in by_person]
        direct, paths = rank(found, by_person, me=me, targets_known=known, limit=limit)
        direct = direct[:limit]
        shown = {d.person for d in direct} | {p.via for p in paths}
        targets_shown = {h.target for p in paths for h in p.hops[:HOPS_SHOWN]} | \
            {d.person for d in direct}
        names = dict(conn.execute(select(people.c.id, people.c.name).where(
            people.c.id.in_(list(shown | targets_shown)))).all())
        why = (graph.membership(conn, sorted(targets_shown), target.id, target.domains)
               if target.kind != "person" else {})
        return PathsResult(target, direct, paths, names, why, len(found))


def _strengths_that_matter(conn: Connection, found: list[Link], known: list[int], me: int,
                           limit: int, now) -> dict[int, float]:
    """Strength (> 0) of the direct contacts and of the intermediaries that can make the top.

    Intermediaries are scored in batches, best possible score first; once
    ``limit`` of them score at least the next one's best possible, the rest
    cannot enter the list. On a big network this scores tens, not thousands.
    """
    scores = {pid: s.score for pid, s in strengths(conn, known, now).items()}
    bounds = best_possible(link for link in found if link.via != me and link.via != link.target)
    order = sorted(bounds, key=lambda via: (-bounds[via], via))
    by_via: dict[int, list[Link]] = {}
    for link in found:
        by_via.setdefault(link.via, []).append(link)
    best: list[float] = []
    for start in range(0, len(order), BATCH):
        if len(best) >= limit and best[limit - 1] >= bounds[order[start]]:
            break
        batch = [via for via in order[start:start + BATCH] if via not in scores]
        for via, value in strengths(conn, batch, now).items():
            scores[via] = value.score
        for via in order[start:start + BATCH]:
            miss = 1.0
            for link in by_via[via]:
                miss *= 1.0 - scores[via] / 100.0 * link.weight
            best.append(1.0 - miss)
        best.sort(reverse=True)
    return {pid: score for pid, score in scores.items() if score > 0}


def paths_dict(result: PathsResult) -> dict:
    t = result.target
    names = result.names

    def hop(h) -> dict:
        link = h.link
        return {"person_id": h.target, "person": names.get(h.target), "chance": round(h.chance, 3),
                "weight": round(link.weight, 3), "evidence": link.evidence(),
                "why_there": result.at_target.get(h.target),
                "last": from_ts(link.last_ts).isoformat() if link.last_ts else None,
                "interaction_id": link.interaction_id, "loop_id": link.loop_id}

    return {"target": {"kind": t.kind, "name": t.name, "id": t.id, "domains": list(t.domains),
                       "people": t.people},
            "direct": [{"person_id": d.person, "person": names.get(d.person),
                        "strength": d.strength, "why_there": result.at_target.get(d.person)}
                       for d in result.direct],
            "paths": [{"via_id": p.via, "via": names.get(p.via), "strength": p.strength,
                       "score": round(p.score, 3), "knows": len(p.hops),
                       "through": [hop(h) for h in p.hops[:HOPS_SHOWN]]} for p in result.paths]}


def rebuild_graph(ledger: Ledger) -> int:
    """Recompute who knows whom from everything stored."""
    with ledger.transaction() as conn:
        return graph.rebuild(conn)
