"""Warm paths: who can introduce the user to a person or into an organization.

A *link* is evidence that two people know each other: messages they were on
together (To, Cc, From), threads they both took part in, introductions made
between them. Its weight, from 0 to 1, is ``e / (e + 2)`` where the evidence
``e = threads + messages / 4 + 2 x introductions``: one introduction gives
0.5, five shared threads about 0.7.

A path runs me -> intermediary -> target. Its chance is the product of the
user's strength with the intermediary (0-100, scaled to 0-1) and the link's
weight. An intermediary who knows several people at the target is scored
with a noisy-or, ``1 - prod(1 - chance)``: each contact there is one more
way in. Direct contacts at the target come first, by strength.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

MESSAGE_EVIDENCE = 0.25
INTRO_EVIDENCE = 2.0
HALF_WEIGHT_EVIDENCE = 2.0

# Mail at these domains says nothing about where someone works.
PERSONAL_DOMAINS = frozenset((
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "hotmail.com", "outlook.com",
    "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me",
    "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.ru",
    "fastmail.com", "hey.com", "qq.com", "163.com", "comcast.net", "verizon.net",
    "orange.fr", "free.fr", "example.com",
))


def link_weight(messages: int, threads: int, intros: int) -> float:
    """How sure we are that two people know each other, from 0 to 1."""
    evidence = threads + MESSAGE_EVIDENCE * messages + INTRO_EVIDENCE * intros
    return evidence / (evidence + HALF_WEIGHT_EVIDENCE) if evidence > 0 else 0.0


def work_domain(email: str) -> str | None:
    """The domain of a work address; None for personal mail providers."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain or "." not in domain or domain in PERSONAL_DOMAINS:
        return None
    return domain


@dataclass(frozen=True, slots=True)
class Link:
    """Evidence that ``via`` knows ``target``."""

    via: int
    target: int
    weight: float
    messages: int = 0
    threads: int = 0
    intros: int = 0
    last_ts: int | None = None
    interaction_id: int | None = None
    loop_id: int | None = None

    def evidence(self) -> list[str]:
        said = []
        if self.intros:
            said.append(f"introduced to each other ({self.intros}x)")
        if self.threads:
            said.append(f"{self.threads} shared thread(s)")
        if self.messages:
            said.append(f"{self.messages} message(s) together")
        return said


@dataclass(frozen=True, slots=True)
class Hop:
    target: int
    link: Link
    chance: float


@dataclass(frozen=True, slots=True)
class Path:
    via: int
    strength: float  # the user's strength with the intermediary, 0-100
    score: float  # 0-1: the chance this intermediary gets the user in
    hops: tuple[Hop, ...]  # best first


@dataclass(frozen=True, slots=True)
class Direct:
    person: int
    strength: float


def rank(links: Iterable[Link], strengths: Mapping[int, float], *, me: int | None = None,
         targets_known: Iterable[int] = (), limit: int | None = None
         ) -> tuple[tuple[Direct, ...], tuple[Path, ...]]:
    """Direct contacts at the target, and intermediaries best first.

    ``strengths`` is the user's strength with each person (0-100); an
    intermediary missing from it is not someone the user knows.
    """
    direct = sorted({t for t in targets_known if t != me},
                    key=lambda t: (-strengths.get(t, 0.0), t))
    by_via: dict[int, list[Hop]] = {}
    for link in links:
        if link.via == me or link.target == me or link.via == link.target:
            continue
        if link.via not in strengths:
            continue
        chance = strengths[link.via] / 100.0 * link.weight
        by_via.setdefault(link.via, []).append(Hop(link.target, link, chance))
    paths = []
    for via, hops in by_via.items():
        hops.sort(key=lambda h: (-h.chance, h.target))
        miss = 1.0
        for hop in hops:
            miss *= 1.0 - hop.chance
        paths.append(Path(via, strengths[via], 1.0 - miss, tuple(hops)))
    paths.sort(key=lambda p: (-p.score, -p.strength, p.via))
    if limit is not None:
        paths = paths[:limit]
    return tuple(Direct(t, strengths.get(t, 0.0)) for t in direct), tuple(paths)


def best_possible(links: Iterable[Link]) -> dict[int, float]:
    """Each intermediary's score if the user's strength with them were 100: an upper bound.

    It lets a search score strength only for the intermediaries that can
    still make the list, best bound first, and stop early with the exact top.
    """
    miss: dict[int, float] = {}
    for link in links:
        miss[link.via] = miss.get(link.via, 1.0) * (1.0 - link.weight)
    return {via: 1.0 - m for via, m in miss.items()}
