"""A problem met while reading input: what was wrong and exactly where."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One record that could not be read.

    ``source`` is the file (or mailbox#index, or IMAP folder/UID); ``where`` is
    the line, card, row or message within it ("line 12", "card 3"), or "" when
    the whole source is at fault.
    """

    source: str
    where: str
    message: str

    def __str__(self) -> str:
        place = f"{self.source}, {self.where}" if self.where else self.source
        return f"{place}: {self.message}"
