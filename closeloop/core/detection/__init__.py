"""Find loop events in mail: introductions, asks, thank-yous, outcome reports.

Pure functions over ``closeloop.core.message.Message``; standard library only,
no clock and no I/O. Every finding cites the sentence that triggered it.

- ``new_text(body)``: what the sender wrote (no quotes, forwards, signatures).
- ``detect(message)``: the findings in a personal message's new text.
- ``bulk_reason(message, me)``: why a message is bulk mail, or None.
"""

from .bulk import LARGE_RECIPIENT_LIST, bulk_reason, header_bulk_reason
from .rules import KINDS, Finding, addressed_to, calendar_notice, detect, detect_text, is_ask
from .text import new_text, sentences

__all__ = [
    "KINDS",
    "LARGE_RECIPIENT_LIST",
    "Finding",
    "bulk_reason",
    "addressed_to",
    "calendar_notice",
    "detect",
    "detect_text",
    "header_bulk_reason",
    "is_ask",
    "new_text",
    "sentences",
]
