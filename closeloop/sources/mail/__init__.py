"""Read mail from files: mbox (plain or compressed), Maildir, .eml folders, raw RFC 822 trees.

Yields ``closeloop.core.message.Message`` or ``closeloop.core.problems.Problem``
records, one per message, streaming; never touches the database. ``read_raw``
yields the raw bytes instead, for callers that parse in parallel
(``parse_raw`` on each item gives what ``read_messages`` would). May import
``closeloop.core`` and the standard library only.
"""

from .parse import html_to_text, parse_message
from .reader import Unread, parse_raw, read_messages, read_one, read_raw
from .scan import scan

__all__ = ["Unread", "html_to_text", "parse_message", "parse_raw", "read_messages", "read_one",
           "read_raw", "scan"]
