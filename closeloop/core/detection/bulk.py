"""Tell bulk mail (lists, newsletters, robots, mass mailings) from personal mail.

Bulk mail is counted, never turned into people or loops. Each rule returns a
short reason a user can read ("List-Id header", "no-reply sender"). The rules
look at headers first, then the sender's address, the recipients, and last the
text, because old archives (Enron's) and some senders carry no list headers:
a mass mailing then shows itself by a robot sender, a hidden (Bcc) recipient
list, a greeting to a group ("Dear Members", "To all employees") or the
wording of its footer.
"""

from __future__ import annotations

import re

from closeloop.core.message import Message

from .text import own_text

__all__ = ["bulk_reason", "LARGE_RECIPIENT_LIST"]

# More people than this in To and Cc (not counting the user) is a mass mailing.
LARGE_RECIPIENT_LIST = 20

# Mailbox names that belong to a robot, a department or a mailing, not a person.
_ROBOT_SENDER = re.compile(
    r"^(?:no-?reply|do-?not-?reply|donotreply|noreply|mailer-daemon|postmaster|bounces?"
    r"|listserv|majordomo|mailman|owner-|.*-(?:request|bounces?|owner|admin)$"
    r"|newsletters?|news|notifications?|notify|alerts?|announcements?|announce"
    r"|marketing|promotions?|offers|deals|updates|automated|auto-?confirm"
    r"|info|webmaster|support|service|customerservice|customer\.?service|customer\.?care|billing|e?rewards"
    r"|no\.?address|mailings?|distribution|feedback|reply|registrar|helpdesk|sales|subscriptions?"
    r"|communications?|administration|admin|member\.?services|members|membership|events?|editor|editorial"
    r"|newsroom|digest|bulletin|survey|confirmit|reservations|orders?|specials|mbx_|weather|memories"
    r"|office\.?of|chairman|ceo\.|hr\.|human\.?resources|benefits|payroll|parking|transportation|training"
    r"|recruiting|careers|jobs|enron\.?update|enron_update|announcements?\.|40enron|perfmgmt|ebiz|ethink"
    r"|center\.|infrastructure|clickathome|ready2go|bodyshop|market_relations|quotes-|register)",
    re.IGNORECASE,
)
# Mail-service hosts and tracking addresses ("offers@capitalone.m0.net",
# "sales.ue.s9303.m18456351@ixs1.net", "airline_041001@airmail.x.com").
_ROBOT_HOST = re.compile(
    r"(?:^|\.)(?:mailman|lists?|listserv|e|em|email|m\d|news|newsletters?|inbox|welcome|airmail|bounce"
    r"|communications|customer-email|reply|mailer|campaign|promo|offers)\.",
    re.IGNORECASE,
)
# Two runs of digits, or eight in a row: a per-recipient tracking address, not a person's
# ("christina_122367" is a person).
_TRACKING_LOCAL = re.compile(r"\d{3,}\D+\d{3,}|\d{8,}")
_BULK_TEXT = (
    "unsubscribe", "to be removed from", "remove your name from", "removed from our", "removal information",
    "no longer wish to receive", "stop receiving these", "opt out", "opt-out",
    "view this e-mail as", "view this email as", "you received this e-mail because", "you received this email because",
    "you are receiving this", "considered as an offer to sell", "information contained herein is based on", "this newsletter",
    "mailing list", "e-mail notification", "email notification", "all rights reserved", "privacy policy",
    "forward this e-mail to a friend", "forward this email to a friend", "tell a friend", "update your profile",
    "manage your subscription", "your subscription", "to subscribe", "discussion list", "do not respond to this e-mail",
    "do not reply to this e-mail", "do not respond to this email", "do not reply to this email", "do not reply to this message",
    "this account is not monitored", "this mailbox is not monitored", "this is an automated", "automatically generated",
    "to all employees", "all enron employees", "all employees", "dear valued", "dear member", "dear customer",
    "dear client", "dear subscriber", "dear friends", "dear colleagues", "dear participants", "dear all,",
    "e-bulletin", "ebulletin", "enron in action",
)
# A greeting to a group, on the first lines: "Dear MSWG Members,", "Attention Business Objects Users:".
_GROUP_GREETING = re.compile(
    r"^\s*(?:(?:dear|attention|attn|to|hello|hi|greetings)\b[^\n]{0,60}?\b)?(?:members|users|employees|customers|clients"
    r"|subscribers|participants|colleagues|friends|alumni|shareholders|sponsors|investors|traders|students|volunteers"
    r"|parents|neighbou?rs|attendees|ladies\s+and\s+gentlemen)\b\s*[:,!.]",
    re.IGNORECASE,
)
# A form letter's greeting to nobody in particular, on any line (a forwarded
# mailing): "Dear Colleague,", "Dear Sir or Madam:", "Dear Corporate Partner,".
_FORM_LETTER = re.compile(
    r"^\s*dear\s+(?:valued\s+|corporate\s+|business\s+)?(?:colleague|friend|sir\s+or\s+madam|sir/madam|madam\s+or\s+sir"
    r"|partner|customer|client|member|subscriber|reader|investor|shareholder)\s*[:,!.]",
    re.IGNORECASE | re.MULTILINE,
)
# An automatic reply (out of office) written without an Auto-Submitted header.
_AUTO_REPLY_SUBJECT = re.compile(
    r"^(?:(?:re|aw|fw|fwd)\s*:\s*)?(?:out\s+of\s+(?:the\s+)?office|auto(?:matic)?[\s-]*(?:reply|response|antwort)"
    r"|autoreply|away\s+from\s+(?:the|my)\s+(?:office|desk)|on\s+vacation|vacation\s+(?:reply|message)|abwesenheit)",
    re.IGNORECASE,
)
_MASS_RECIPIENT = re.compile(
    r"^(?:undisclosed|recipient-list|all[._-]|dl[._-]|everyone|all\.?employees|announcements?)", re.IGNORECASE
)


def _robot_sender(sender: str) -> bool:
    local, _, host = sender.partition("@")
    if not local:
        return False
    if _ROBOT_SENDER.match(local) or _TRACKING_LOCAL.search(local):
        return True
    return bool(host) and _ROBOT_HOST.search(host) is not None


def bulk_reason(message: Message, me: frozenset[str] = frozenset()) -> str | None:
    """Why ``message`` is bulk mail, or None when it looks personal.

    ``me`` holds the user's own addresses (lower case); they do not count
    towards a large recipient list.
    """
    return header_bulk_reason(message, me) or _hidden_list_reason(message, me) or _text_bulk_reason(message)


# The first line of a letter that greets one person by name: "Gerald,", "Hi Vince,", "Dear Mr. Lay,", "Dear Elizabeth;".
_GREETING = re.compile(r"^(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\s+)?(?:(?:mr|ms|mrs|dr)\.?\s+)?"
                       r"([A-Za-z]+)\s*[,:;!-]?$", re.IGNORECASE)


def _hidden_list_reason(message: Message, me: frozenset[str]) -> str | None:
    """Nobody in To or Cc: the message went to a hidden (Bcc) list, unless
    it greets the owner by a name of theirs ("Gerald," to gerald.nemec@...)."""
    if message.recipients or message.sender is None or not message.sender.email:
        return None
    first = message.new_text.lstrip().split("\n", 1)[0].strip()
    greeted = _GREETING.match(first) if len(first) <= 40 else None
    if greeted and me:
        name = greeted.group(1).lower()
        if len(name) >= 3 and any(name in re.split(r"[._\-+]", email.partition("@")[0]) for email in me):
            return None
    return "no visible recipients"


def header_bulk_reason(message: Message, me: frozenset[str] = frozenset()) -> str | None:
    """Why the headers alone show ``message`` to be bulk mail, or None.

    What ``bulk_reason`` finds without reading the text: an importer can skip
    decoding the body of such a message.
    """
    if message.list_id:
        return "List-Id header"
    if message.list_unsubscribe:
        return "List-Unsubscribe header"
    if message.precedence in ("bulk", "list", "junk"):
        return f"Precedence: {message.precedence}"
    if message.auto_submitted and message.auto_submitted != "no":
        return f"Auto-Submitted: {message.auto_submitted}"
    if message.subject and _AUTO_REPLY_SUBJECT.match(message.subject):
        return "auto-reply (subject)"
    sender = message.sender.email if message.sender else ""
    if sender and _robot_sender(sender):
        return f"no-reply sender {sender}"
    recipients = message.recipients
    for address in recipients:
        if _MASS_RECIPIENT.match(address.email):
            return f"sent to a mass list {address.email}"
    others = {a.email for a in recipients if a.email not in me}
    if len(others) > LARGE_RECIPIENT_LIST:
        return f"large recipient list ({len(others)} recipients)"
    return None


def _wording(text: str) -> str | None:
    for phrase in _BULK_TEXT:
        if phrase in text:
            return f"bulk-mail wording ({phrase!r})"
    # One "click here" is a webmail footer; several, or ad images, are a mailing.
    if text.count("click here") + text.count("[image]") + text.count("http://") + text.count("https://") >= 4:
        return "bulk-mail wording (links and images)"
    return None


def _text_bulk_reason(message: Message) -> str | None:
    # Mail without list headers (old archives, some senders) still shows itself
    # in its text: an unsubscribe line, ad images, market-letter disclaimers.
    # Only in what the sender wrote, footer included: a reply that quotes a
    # newsletter or a memo to all employees is still a personal reply.
    head = message.text[:6000]
    reason = _wording(head.lower())
    if reason is not None:
        reason = _wording(own_text(head).lower())
    if reason is not None:
        return reason
    greeting = _GROUP_GREETING.search(message.new_text[:300]) or _FORM_LETTER.search(message.new_text[:3000])
    if greeting:
        return f"greeting to a group ({greeting.group(0).strip()!r})"
    return None
