"""Tell bulk mail (lists, newsletters, robots, mass mailings) from personal mail.

Bulk mail is counted, never turned into people or loops. Each rule returns a
short reason a user can read ("List-Id header", "no-reply sender").
"""

from __future__ import annotations

import re

from closeloop.core.message import Message

__all__ = ["bulk_reason", "LARGE_RECIPIENT_LIST"]

# More people than this in To and Cc (not counting the user) is a mass mailing.
LARGE_RECIPIENT_LIST = 15

_ROBOT_SENDER = re.compile(
    r"^(?:no-?reply|do-?not-?reply|donotreply|noreply|mailer-daemon|postmaster|bounces?"
    r"|listserv|majordomo|mailman|owner-|.*-(?:request|bounces?|owner|admin)$"
    r"|newsletters?|news|notifications?|notify|alerts?|announcements?|announce"
    r"|marketing|promotions?|offers|deals|updates|automated|auto-?confirm"
    r"|info|webmaster|support|service|customerservice|customer\.service|billing|e?rewards)\b",
    re.IGNORECASE,
)
_MASS_RECIPIENT = re.compile(
    r"^(?:undisclosed|recipient-list|all[._-]|dl[._-]|everyone|all\.?employees)", re.IGNORECASE
)


def bulk_reason(message: Message, me: frozenset[str] = frozenset()) -> str | None:
    """Why ``message`` is bulk mail, or None when it looks personal.

    ``me`` holds the user's own addresses (lower case); they do not count
    towards a large recipient list.
    """
    if message.list_id:
        return "List-Id header"
    if message.list_unsubscribe:
        return "List-Unsubscribe header"
    if message.precedence in ("bulk", "list", "junk"):
        return f"Precedence: {message.precedence}"
    if message.auto_submitted and message.auto_submitted != "no":
        return f"Auto-Submitted: {message.auto_submitted}"
    sender = message.sender.email if message.sender else ""
    local = sender.split("@", 1)[0]
    if local and _ROBOT_SENDER.match(local):
        return f"no-reply sender {sender}"
    for address in message.recipients:
        if _MASS_RECIPIENT.match(address.email.split("@", 1)[0]):
            return f"sent to a mass list {address.email}"
    others = {a.email for a in message.recipients if a.email not in me}
    if len(others) > LARGE_RECIPIENT_LIST:
        return f"large recipient list ({len(others)} recipients)"
    return None
