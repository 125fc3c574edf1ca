"""Whose mailbox is this? The owner of a set of messages, inferred from them.

Pure functions over ``closeloop.core.message.Message``: no clock, no I/O.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterable

from closeloop.core.detection import bulk_reason
from closeloop.core.message import Address, Message

__all__ = ["infer_owner", "mailbox_of", "owner_aliases"]


def infer_owner(messages: Iterable[Message]) -> Address | None:
    """The mailbox owner: the address on the most personal messages.

    The owner is on nearly every message of a mailbox: as a recipient in an
    inbox, as the sender in sent mail, as both in a whole mailbox. So the
    address on the most messages wins, when it is on at least 30% of them
    (and on at least 3). An address that mostly sends and is seldom a
    recipient (a broker's daily note in an inbox) is passed over while
    another address qualifies, or, when none does, while one that receives
    is on 15% of them; a sender writing to itself, its readers in Bcc, is
    never the owner; nor are mailing-list addresses (a Yahoo or Google
    group, "list@", "dl-"). None when no address stands out.
    """
    either: Counter = Counter()
    to_self: Counter = Counter()  # messages an address sent to itself alone
    names: dict[str, str] = {}
    on: list[tuple[frozenset[str], frozenset[str]]] = []  # (everyone, recipients) per message
    for message in messages:
        if bulk_reason(message) is not None:
            continue
        recipients = {a.email: a for a in message.recipients}
        everyone = dict(recipients)
        if message.sender is not None:
            everyone.setdefault(message.sender.email, message.sender)
            # Sent to oneself, the readers in Bcc: the sender does not receive it.
            if recipients.pop(message.sender.email, None) is not None and not recipients:
                to_self[message.sender.email] += 1
        for email, address in everyone.items():
            either[email] += 1
            if address.name:
                names.setdefault(email, address.name)
        on.append((frozenset(everyone), frozenset(recipients)))
    least = max(3, len(on) * 0.3)
    candidates = []
    for email, _ in either.most_common(10):
        if _LIST_ADDRESS.search(email):
            continue
        # The owner's other addresses count as the owner's ("jdasovic" for "jeff.dasovich").
        owner = Address(names.get(email, ""), email)
        mine = {e for e in either if e == email or _same_person(owner, e)}
        hits = sum(1 for everyone, _ in on if everyone & mine)
        got = sum(1 for _, recipients in on if recipients & mine)
        candidates.append((hits, got, email))
    candidates.sort(key=lambda t: -t[0])
    scored = [c for c in candidates if c[0] >= least]
    receives = [c for c in candidates if c[1] * 5 >= c[0]]
    email = next((e for hits, got, e in scored if got * 5 >= hits), None)
    if email is None:
        # Only a sender stands out (a broker's daily note to a hidden list, most of
        # an inbox): the owner is still the one who receives, if anyone receives
        # on a good share of the messages (15%) - not the broker.
        fewer = max(3, len(on) * 0.15)
        email = next((e for hits, got, e in receives if hits >= fewer), None)
    if email is None:
        # Sent mail: the owner is its sender - one who writes to others, not to itself.
        email = next((e for hits, got, e in scored if to_self[e] * 2 < hits), None)
    return None if email is None else Address(names.get(email, ""), email)


_LIST_ADDRESS = re.compile(
    r"@(?:yahoogroups|googlegroups|groups\.google|groups\.io|listserv?|lists?)\b"
    r"|^(?:lists?|owner-|dl[._-]|all[._-]|everyone|announce)|list[._-]?serv|[._-](?:list|dl)(?:@|[._-])|-l@",
    re.IGNORECASE)


def owner_aliases(owner: Address, messages: Iterable[Message]) -> frozenset[str]:
    """The owner's address and the other addresses of theirs that ``messages`` show.

    Another address is taken for the owner's when it is at the same domain
    (or a subdomain of it, or it of the other's) and its local part is the
    owner's surname, or one or two initials and then the surname, cut short
    or not ("jdasovic" for "jeff.dasovich", "k..allen" for "pallen",
    "vkamins" for "vince.kaminski"), or the same words in another order; the
    surname is taken from the display name or the address. An address at
    another domain is theirs when it carries the owner's full display name
    ("Hannah Okonkwo-Berg <hannah@clinic.no>" beside "hannah@home.no": a
    work and a private address). A guess that can only widen who counts as
    the owner: used to tell mail addressed to the owner from mail the owner
    only sees.
    """
    found = {owner.email}
    full_name = _full_name(owner.name)
    for message in messages:
        for address in (message.sender, *message.recipients):
            if address is not None and address.email not in found and (
                    _same_person(owner, address.email)
                    or full_name and _full_name(address.name) == full_name):
                found.add(address.email)
    return frozenset(found)


def _full_name(name: str) -> str:
    """A display name of two words or more, compared without case or quotes ("" otherwise)."""
    words = name.strip().strip('"').lower().split()
    return " ".join(words) if len(words) >= 2 and "@" not in name else ""


_LOCAL_SPLIT = re.compile(r"[._\-']+")


def _surnames(owner: Address) -> set[str]:
    local = owner.email.partition("@")[0]
    names = set()
    words = [w for w in _LOCAL_SPLIT.split(local) if w.isalpha()]
    if len(words) > 1 and len(words[-1]) >= 3:
        names.add(words[-1])
    name = owner.name.strip().strip('"').lower()
    if "," in name:  # "Dasovich, Jeff"
        name = name.partition(",")[0]
    parts = [w for w in re.split(r"[^a-z]+", name) if w]
    if parts and len(parts[-1]) >= 3:
        names.add(parts[-1])
    return names


def _same_domain(a: str, b: str) -> bool:
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _same_person(owner: Address, email: str) -> bool:
    local, _, domain = email.partition("@")
    own_local, _, own_domain = owner.email.partition("@")
    if not _same_domain(domain, own_domain):
        return False
    if sorted(_LOCAL_SPLIT.split(local)) == sorted(_LOCAL_SPLIT.split(own_local)):  # kenneth_lay, lay.kenneth
        return True
    if any(_built_from(_LOCAL_SPLIT.sub("", local), s) for s in _surnames(owner)):
        return True
    # The owner's own address is the short form ("pallen"): the other's surname in it.
    return any(_built_from(_LOCAL_SPLIT.sub("", own_local), s) for s in _surnames(Address("", email)))


def _built_from(local: str, surname: str) -> bool:
    """Whether ``local`` is up to two initials, then ``surname``, then digits.

    The surname may be cut short to 6 letters or more, or to 5 when the whole
    local part is at least 7 letters long (cut by a length limit: "jdasovic",
    "vkamins", "kamins").
    """
    letters = local.rstrip("0123456789")
    for initials in range(3):
        rest = letters[initials:]
        if rest == surname or (surname.startswith(rest) and (len(rest) >= 6 or (len(letters) >= 7 and len(rest) >= 5))):
            return True
    return False


def mailbox_of(source: str) -> str:
    """The mailbox a message's ``source`` belongs to.

    An mbox message (``path#index``) belongs to its mbox file; a file in a
    Maildir's cur/ or new/ to the Maildir; any other file (an .eml, or a raw
    message as in ``<user>/inbox/<N>``) to the folder holding it.
    """
    path, hash_, index = source.rpartition("#")
    if hash_ and index.isdigit():
        return path
    folder = posixpath.dirname(source.replace("\\", "/"))
    if posixpath.basename(folder) in ("cur", "new"):
        return posixpath.dirname(folder)
    return folder
