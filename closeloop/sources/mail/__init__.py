"""Read mail from files: mbox (plain or compressed), Maildir, .eml folders, raw RFC 822 trees.

Yields ``closeloop.core.message.Message`` or ``closeloop.core.problems.Problem``
records, one per message, streaming; never touches the database. May import
``closeloop.core`` and the standard library only.
"""

from .parse import html_to_text, parse_message
from .reader import read_messages
from .scan import scan

__all__ = ["html_to_text", "parse_message", "read_messages", "scan"]
