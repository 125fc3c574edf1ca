"""Which people are likely the same person, and why.

Pure functions over plain data: the store hands in each person's name,
organization and identities, and ``likely_duplicates`` answers pairs with
their reasons. Emails, phones and profile URLs are compared in a looser form
than they are stored in (``tom.rivera+x@gmail.com`` and ``TomRivera@gmail.com``
are one mailbox; ``4155550100`` and ``+14155550100`` one phone;
``https://www.linkedin.com/in/tom/`` and ``linkedin.com/in/tom`` one profile),
since the identities table already refuses two people with the exact same
value. A name alone is never a reason: only a name with the same organization.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable

# A name + organization shared by more people than this is a common name at a
# big employer, not a duplicate: listing every pair would drown the real ones.
MAX_GROUP = 8


@dataclass(frozen=True, slots=True)
class Candidate:
    """What matching looks at for one person."""

    id: int
    name: str
    organization: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two people (``first`` < ``second``) who are probably one, and why."""

    first: int
    second: int
    reasons: tuple[str, ...]


def email_key(email: str) -> str:
    """One mailbox: case, a "+tag", and Gmail's dots do not matter."""
    local, at, domain = email.strip().lower().rpartition("@")
    if not at:
        return email.strip().lower()
    local = local.split("+", 1)[0] or local
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def phone_key(phone: str) -> str:
    """The digits; with ten or more, the last ten (a country code may be missing)."""
    digits = "".join(c for c in phone if c.isdigit())
    if len(digits) < 7:
        return ""
    return digits[-10:]


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


def url_key(url: str) -> str:
    """Host and path, without scheme, "www.", query, fragment or trailing slash."""
    text = _SCHEME.sub("", url.strip().lower())
    text = text.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return text[4:] if text.startswith("www.") else text


def name_key(name: str | None) -> str:
    """A name or organization for comparing: case, accents' composition and spacing ignored."""
    if not name:
        return ""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


_WHAT = {"email": "same email", "phone": "same phone", "url": "same profile URL",
         "name": "same name and organization"}


def likely_duplicates(people: Iterable[Candidate]) -> list[Duplicate]:
    """Pairs of people who share an email, a phone, a profile URL, or a name
    and an organization; each pair once, with every reason, ordered by id."""
    groups: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    for person in people:
        for kind, values, key_of in (("email", person.emails, email_key),
                                     ("phone", person.phones, phone_key),
                                     ("url", person.urls, url_key)):
            for value in values:
                if key := key_of(value):
                    groups[(kind, key)].setdefault(person.id, value)
        name, org = name_key(person.name), name_key(person.organization)
        if name and org:
            groups[("name", f"{name}\x1f{org}")].setdefault(
                person.id, f"{person.name}, {person.organization}")
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
    for (kind, _), members in groups.items():
        if len(members) < 2 or (kind == "name" and len(members) > MAX_GROUP):
            continue
        for a, b in combinations(sorted(members), 2):
            shown = members[a] if members[a] == members[b] else f"{members[a]} / {members[b]}"
            reason = f"{_WHAT[kind]} ({shown})"
            if reason not in reasons[(a, b)]:
                reasons[(a, b)].append(reason)
    return [Duplicate(a, b, tuple(r)) for (a, b), r in sorted(reasons.items())]
