"""How things read on a page: labels, dates, links. Jinja filters and globals."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from markupsafe import Markup, escape

ACTION_LABEL = {"thank": "Thank", "reply": "Reply to", "report": "Report back to",
                "follow_up": "Follow up with", "check_in": "Check in with",
                "keep_in_touch": "Keep in touch with"}
# The one-click step each due item offers, and its button text.
ACTION_STEP = {"thank": ("thanked", "Mark thanked"), "report": ("reported", "Mark reported"),
               "follow_up": ("nudged", "Followed up"), "check_in": ("nudged", "Checked in")}
MAIL_SUBJECT = {"thank": "Thank you", "report": "How it turned out", "follow_up": "Following up",
                "check_in": "Checking in", "keep_in_touch": "Catching up", "reply": "Re: your note"}
STAGE_LABEL = {"asked": "Asked", "helped": "Helped", "thanked": "Thanked", "acted": "Acted on",
               "reported": "Reported back", "given": "Given", "acknowledged": "Acknowledged",
               "outcome": "Outcome known", "dropped": "Dropped"}
EVENT_LABEL = {"asked": "asked for help", "helped": "helped", "thanked": "thanked them",
               "acted": "acted on it", "reported": "reported back", "given": "gave help",
               "acknowledged": "they acknowledged", "outcome": "learned the outcome",
               "nudged": "followed up", "snoozed": "snoozed", "dropped": "dropped",
               "reopened": "reopened", "undone": "took back a step"}
INTERACTION_LABEL = {"email": "Email", "call": "Call", "meeting": "Meeting", "message": "Message",
                     "note": "Note", "update": "Update"}
KINDS = ("introduction", "recommendation", "information", "advice", "referral", "favor")
SNOOZE_CHOICES = ((1, "1 day"), (3, "3 days"), (7, "1 week"), (14, "2 weeks"), (30, "1 month"))
# Steps a loop page offers, by direction, in the order they happen.
NEXT_STEPS = {"received": ("helped", "thanked", "acted", "reported"),
              "given": ("acknowledged", "outcome")}
STEP_BUTTON = {"helped": "They helped", "thanked": "I thanked them", "acted": "I acted on it",
               "reported": "I reported back", "acknowledged": "They acknowledged",
               "outcome": "I learned the outcome", "nudged": "I followed up", "dropped": "Drop",
               "reopened": "Reopen", "undone": "Undo last step"}
NOTE_STEPS = ("acted", "reported", "outcome")


def local(moment: datetime | None, with_time: bool = True) -> str:
    if moment is None:
        return ""
    moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def friendly(moment: datetime | None) -> str:
    """'Mar 5, 2026'."""
    if moment is None:
        return "never"
    moment = moment.astimezone()
    return f"{moment:%b} {moment.day}, {moment.year}"


def ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never"
    days = (now - moment).total_seconds() / 86400
    if days < 0:
        ahead = -days
        return "later today" if ahead < 1 else f"in {round(ahead)} day{'s' if round(ahead) != 1 else ''}"
    if days < 1:
        return "today"
    if days < 2:
        return "yesterday"
    if days < 60:
        return f"{int(days)} days ago"
    if days < 730:
        return f"{int(days // 30)} months ago"
    return f"{int(days // 365)} years ago"


def mailto(email: str | None, subject: str, body: str) -> str:
    """A mailto: link with the draft filled in (RFC 6068 percent-encoding)."""
    address = quote(email or "", safe="@.+-_")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def web_link(url: str | None) -> str | None:
    """Only http(s) links become clickable: a 'javascript:' URL stays text."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def loop_label(view) -> str:
    from closeloop.core import drafts
    return drafts.describe(view.loop.kind, view.loop.about,
                           view.introduced.name if view.introduced else None)


def due_key(item) -> str:
    ref = item.loop_id or item.interaction_id or item.person_id
    return f"due-{item.action.value}-{ref}"


def paragraphs(text: str | None) -> Markup:
    """Notes as paragraphs, every character of them escaped."""
    if not text:
        return Markup("")
    parts = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(Markup("<br>").join(
        escape(line) for line in p.splitlines())) for p in parts)


def install(env) -> None:
    env.filters.update(local=local, friendly=friendly, mailto=mailto, web_link=web_link,
                       loop_label=loop_label, due_key=due_key, paragraphs=paragraphs)
    env.globals.update(ago=ago, MAIL_SUBJECT=MAIL_SUBJECT, ACTION_LABEL=ACTION_LABEL, ACTION_STEP=ACTION_STEP,
                       STAGE_LABEL=STAGE_LABEL, EVENT_LABEL=EVENT_LABEL,
                       INTERACTION_LABEL=INTERACTION_LABEL, KINDS=KINDS,
                       SNOOZE_CHOICES=SNOOZE_CHOICES, NEXT_STEPS=NEXT_STEPS,
                       STEP_BUTTON=STEP_BUTTON, NOTE_STEPS=NOTE_STEPS)
