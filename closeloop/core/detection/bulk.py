"""Tell bulk mail (lists, newsletters, robots, mass mailings) from personal mail.

Bulk mail is counted, never turned into people or loops. Each rule returns a
short reason a user can read ("List-Id header", "no-reply sender").
"""

from __future__ import annotations

import re

from closeloop.core.message import Message

__all__ = ["bulk_reason", "LARGE_RECIPIENT_LIST"]

# More people than this in To and Cc (not counting the user) is a mass mailing.
LARGE_RECIPIENT_LIST = 20

_ROBOT_SENDER = re.compile(
    r"^(?:no-?reply|do-?not-?reply|donotreply|noreply|mailer-daemon|postmaster|bounces?"
    r"|listserv|majordomo|mailman|owner-|.*-(?:request|bounces?|owner|admin)$"
    r"|newsletters?|news|notifications?|notify|alerts?|announcements?|announce"
    r"|marketing|promotions?|offers|deals|updates|automated|auto-?confirm"
    r"|info|webmaster|support|service|customerservice|customer\.?service|customer\.?care|billing|e?rewards"
    r"|no\.?address|mailings?|distribution|feedback|reply|registrar|helpdesk|sales|subscriptions?"
    r"|communications?|administration|admin)\b",
    re.IGNORECASE,
)
_BULK_TEXT = (
    "unsubscribe", "to be removed from", "remove your name from", "removed from our", "removal information",
    "no longer wish to receive", "stop receiving these", "opt out", "opt-out",
    "view this e-mail as", "view this email as", "you received this e-mail because", "you received this email because",
    "you are receiving this", "considered as an offer to sell", "information contained herein is based on", "this newsletter",
    "mailing list", "e-mail notification", "email notification",
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
    # Mail without list headers (old archives, some senders) still shows itself
    # in its text: an unsubscribe line, ad images, market-letter disclaimers.
    head = message.text[:6000].lower()
    for phrase in _BULK_TEXT:
        if phrase in head:
            return f"bulk-mail wording ({phrase!r})"
    # One "click here" is a webmail footer; several, or ad images, are a mailing.
    if head.count("click here") + head.count("[image]") >= 2:
        return "bulk-mail wording (links and images)"
    others = {a.email for a in message.recipients if a.email not in me}
    if len(others) > LARGE_RECIPIENT_LIST:
        return f"large recipient list ({len(others)} recipients)"
    return None
