"""A parsed mail message: the headers closeloop needs and the text the sender wrote.

Readers in ``closeloop.sources.mail`` build these; detection rules in
``closeloop.core.detection`` read them. Standard library only, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Address:
    """One mailbox: a display name (RFC 2047 decoded, may be "") and an email.

    ``email`` is lower-cased so that it can be compared and used as a key.
    """

    name: str
    email: str

    def __str__(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.email or self.name

    def __reduce__(self):
        # Pickled by the ten thousand between an importer and its workers; the
        # dataclass default (a state dict per object) costs several times more.
        return (Address, (self.name, self.email))


@dataclass(frozen=True, slots=True)
class Message:
    """One mail message as closeloop sees it.

    ``source`` names where it came from: a file path, or ``mbox-path#index``
    (0-based) for a message inside an mbox. ``message_id``, ``in_reply_to``
    and ``references`` hold ids without angle brackets. ``date`` is an aware
    UTC datetime, or None when the header is missing or unreadable.

    ``text`` is the whole plain-text body (HTML reduced to text when there is
    no plain part); ``new_text`` is only what the sender wrote in this
    message: quoted replies, forwarded blocks, signatures and legal
    disclaimers removed. Detection reads ``new_text``.

    ``defects`` lists what was wrong but survivable (a bad date, an unknown
    charset), so that a user can see why a field is empty.
    """

    source: str
    message_id: str | None
    subject: str
    sender: Address | None
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    date: datetime | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    reply_to: tuple[Address, ...] = ()
    list_id: str | None = None
    list_unsubscribe: str | None = None
    precedence: str | None = None
    auto_submitted: str | None = None
    text: str = ""
    new_text: str = ""
    defects: tuple[str, ...] = ()

    def __reduce__(self):
        return (Message, tuple(getattr(self, name) for name in _MESSAGE_FIELDS))

    @property
    def recipients(self) -> tuple[Address, ...]:
        """Everyone in To and Cc, in header order."""
        return self.to + self.cc

    @property
    def recipient_count(self) -> int:
        """How many addresses the message was sent to (To and Cc)."""
        return len(self.to) + len(self.cc)


_MESSAGE_FIELDS = tuple(f.name for f in fields(Message))
