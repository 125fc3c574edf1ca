"""Whose mailbox is this? The owner of a set of messages, inferred from them.

Pure functions over ``closeloop.core.message.Message``: no clock, no I/O.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable

from closeloop.core.detection import bulk_reason
from closeloop.core.message import Address, Message

__all__ = ["infer_owner", "mailbox_of"]


def infer_owner(messages: Iterable[Message]) -> Address | None:
    """The mailbox owner: the address on the most personal messages, as sender or recipient.

    In an inbox the owner is a recipient of nearly everything; in a mailbox
    with sent mail too, the sender of the rest. None when no address stands
    on at least 30% of the personal messages (and on at least 3).
    """
    counts: Counter = Counter()
    names: dict[str, str] = {}
    seen = 0
    for message in messages:
        if bulk_reason(message) is not None:
            continue
        seen += 1
        for address in {a.email: a for a in (message.sender, *message.recipients) if a}.values():
            counts[address.email] += 1
            if address.name:
                names.setdefault(address.email, address.name)
    if not counts:
        return None
    email, hits = counts.most_common(1)[0]
    if hits < max(3, seen * 0.3):
        return None
    return Address(names.get(email, ""), email)


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
