"""Detection without a database: the records behind ``closeloop scan --json``.

One dict per message, in reading order::

    {"source": "mail.mbox#3", "message_id": "abc@x", "from": "ann@x.org",
     "findings": [{"kind": "thanks", "evidence": "Thanks for the intro!"}]}

and, for a message that could not be read::

    {"source": "mail.mbox#4", "error": "not a mail message: ..."}

Whom a message asks or thanks depends on whose mailbox it is in (see
``core.detection.detect``): the owner's addresses are given, or inferred
for each mailbox from its own messages (``infer_owners``).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Mapping

from closeloop.core.detection import detect
from closeloop.core.mailbox import infer_owner, mailbox_of, owner_aliases
from closeloop.core.message import Message
from closeloop.core.problems import Problem

from .reader import Unread, _natural, parse_raw, read_messages, read_one, read_raw

__all__ = ["infer_owners", "scan", "scan_record"]

# Messages per mailbox read to infer its owner.
INFER_SAMPLE = 200
# A folder's other files larger than this are not read to infer its owner.
SIBLING_MAX_BYTES = 1 << 20


def scan_record(item, me: frozenset[str] = frozenset()) -> dict:
    """The JSON-ready record for one Message or Problem."""
    if not isinstance(item, Message):
        error = f"{item.where}: {item.message}" if item.where else item.message
        return {"source": item.source, "error": error}
    return {
        "source": item.source,
        "message_id": item.message_id,
        "from": item.sender.email if item.sender else None,
        "findings": [{"kind": f.kind, "evidence": f.evidence} for f in detect(item, me=me)],
    }


def infer_owners(paths: Iterable[str | os.PathLike[str]]) -> dict[str, tuple[str, ...]]:
    """The owner's addresses in each mailbox under ``paths``, where its messages show an owner.

    The owner's main address comes first, then the other addresses of theirs
    that the sample shows (``core.mailbox.owner_aliases``).

    A mailbox is what ``core.mailbox.mailbox_of`` says: an mbox file, a
    Maildir, a folder of message files. Only the headers of ``INFER_SAMPLE``
    of its messages are read: an mbox's first ones, a folder's spread over
    it. When single message files are given, the folder's other message
    files are read too (up to ``INFER_SAMPLE`` in all): the owner belongs to
    the mailbox, not to the few messages picked from it.
    """
    paths = [os.fspath(p) for p in paths]
    samples: dict[str, list[Message]] = {}
    unread: dict[str, list[str]] = {}  # message files found in folders, by mailbox
    for given in paths:
        if os.path.isdir(given):
            for item in read_raw([given], defer_files=True):
                if isinstance(item, Unread):
                    unread.setdefault(mailbox_of(item), []).append(str(item))
            continue
        for item in itertools.islice(read_raw([given]), INFER_SAMPLE):  # a file, or an mbox's first messages
            if not isinstance(item, Problem):
                _add(samples.setdefault(mailbox_of(item[0]), []), item)
    for mailbox, files in unread.items():
        group = samples.setdefault(mailbox, [])
        for path in _spread(files, INFER_SAMPLE - len(group)):
            one = read_one(path)
            if one is None:  # an mbox inside a folder: its first messages
                for raw in itertools.islice(read_raw([path]), INFER_SAMPLE):
                    if not isinstance(raw, Problem):
                        _add(samples.setdefault(path, []), raw)
            elif not isinstance(one, Problem):
                _add(group, one)
    for folder in {mailbox_of(p) for p in paths if os.path.isfile(p)}:
        group = samples.setdefault(folder, [])
        if len(group) < INFER_SAMPLE:
            _add_siblings(folder, group)
    owners = {}
    for mailbox, messages in samples.items():
        owner = infer_owner(messages)
        if owner is not None:
            others = owner_aliases(owner, messages) - {owner.email}
            owners[mailbox] = (owner.email, *sorted(others))
    return owners


def _add(group: list[Message], item) -> None:
    message = parse_raw(item, _headers_only)
    if isinstance(message, Message):
        group.append(message)


def _add_siblings(folder: str, group: list[Message]) -> None:
    """More of ``folder``'s message files, for a sample of a few named files."""
    seen = {os.path.normpath(m.source) for m in group}
    try:
        entries = sorted(os.scandir(folder or "."), key=lambda e: _natural(e.name))
    except OSError:
        return
    files = []
    for entry in entries:
        try:
            if entry.is_file() and entry.stat().st_size <= SIBLING_MAX_BYTES \
                    and os.path.normpath(entry.path) not in seen:
                files.append(entry.path)
        except OSError:
            continue
    for path in _spread(files, INFER_SAMPLE - len(group)):
        one = read_one(path)
        if one is not None and not isinstance(one, Problem):
            _add(group, one)


def _spread(items: list, n: int) -> list:
    """``n`` of ``items`` spread evenly over them (all of them if there are no more than ``n``):
    the first messages of a mailbox are often one sender's run."""
    if n <= 0:
        return []
    if len(items) <= n:
        return items
    return [items[i * len(items) // n] for i in range(n)]


def _headers_only(message: Message) -> bool:
    return True


def scan(paths: Iterable[str | os.PathLike[str]], *, me: Iterable[str] = (),
         owners: Mapping[str, tuple[str, ...]] | None = None) -> Iterator[dict]:
    """Run detection over every message under ``paths``; nothing is stored.

    ``me`` gives the owner's addresses for every message; without them each
    mailbox's owner comes from ``owners`` (by default ``infer_owners(paths)``).
    """
    paths = list(paths)
    given = frozenset(e.strip().lower() for e in me if e.strip())
    if not given and owners is None:
        owners = infer_owners(paths)
    for item in read_messages(paths):
        if given or not isinstance(item, Message):
            yield scan_record(item, given)
            continue
        owner = owners.get(mailbox_of(item.source)) if owners else None
        yield scan_record(item, frozenset(owner or ()))
