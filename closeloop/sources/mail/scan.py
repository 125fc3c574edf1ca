"""Detection without a database: the records behind ``closeloop scan --json``.

One dict per message, in reading order::

    {"source": "mail.mbox#3", "message_id": "abc@x", "from": "ann@x.org",
     "findings": [{"kind": "thanks", "evidence": "Thanks for the intro!"}]}

and, for a message that could not be read::

    {"source": "mail.mbox#4", "error": "not a mail message: ..."}
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from closeloop.core.detection import detect
from closeloop.core.message import Message

from .reader import read_messages

__all__ = ["scan", "scan_record"]


def scan_record(item) -> dict:
    """The JSON-ready record for one Message or Problem."""
    if not isinstance(item, Message):
        error = f"{item.where}: {item.message}" if item.where else item.message
        return {"source": item.source, "error": error}
    return {
        "source": item.source,
        "message_id": item.message_id,
        "from": item.sender.email if item.sender else None,
        "findings": [{"kind": f.kind, "evidence": f.evidence} for f in detect(item)],
    }


def scan(paths: Iterable[str | os.PathLike[str]]) -> Iterator[dict]:
    """Run detection over every message under ``paths``; nothing is stored."""
    for item in read_messages(paths):
        yield scan_record(item)
