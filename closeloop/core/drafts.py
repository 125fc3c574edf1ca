"""Short default drafts for each follow-up, specific to what the ledger knows."""

from __future__ import annotations

import re

from closeloop.core.model import LoopKind

_REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|aw|wg|sv|antw)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def topic(subject: str) -> str:
    """What a conversation was about, from its subject: 'Re: Fwd: Coffee' -> 'Coffee'."""
    return _REPLY_PREFIX.sub("", subject or "").strip()

_NOUN = {
    LoopKind.INTRODUCTION: "introduction",
    LoopKind.RECOMMENDATION: "recommendation",
    LoopKind.INFORMATION: "information",
    LoopKind.ADVICE: "advice",
    LoopKind.REFERRAL: "referral",
    LoopKind.FAVOR: "favor",
}


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def describe(kind: LoopKind, about: str, introduced: str | None) -> str:
    """'introduction to Dana Lee', 'recommendation: Deep Work'."""
    noun = _NOUN[kind]
    if introduced and kind == LoopKind.INTRODUCTION:
        return f"{noun} to {introduced}"
    if introduced:
        return f"{noun} ({introduced})"
    return f"{noun}: {about}" if about else noun


def _the_help(kind: LoopKind, about: str, introduced: str | None) -> str:
    if kind == LoopKind.INTRODUCTION and introduced:
        return f"introducing me to {introduced}"
    if kind == LoopKind.RECOMMENDATION and about:
        return f"recommending {about}"
    if kind == LoopKind.REFERRAL and about:
        return f"the referral for {about}"
    if about:
        return f"your {_NOUN[kind]} on {about}"
    return f"your {_NOUN[kind]}"


def for_loop(action: str, first: str, kind: LoopKind, about: str, introduced: str | None) -> str:
    help_ = _the_help(kind, about, introduced)
    if action == "thank":
        return (f"Hi {first},\n\nThank you for {help_}. I really appreciate you taking "
                f"the time, and I'll let you know how it goes.\n")
    if action == "report":
        target = f"I met {introduced}" if introduced else "I followed up on it"
        return (f"Hi {first},\n\nA quick update since you helped with {help_.removeprefix('your ')}: "
                f"{target}, and here is how it went: ...\n\nThanks again for making it happen.\n")
    if action == "follow_up":
        topic = f" about {about}" if about else ""
        return (f"Hi {first},\n\nJust bringing my earlier note{topic} back to the top of your "
                f"inbox. No pressure at all if now isn't a good time.\n")
    if action == "check_in":
        if kind == LoopKind.INTRODUCTION and introduced:
            asked = f"Did you and {introduced} manage to connect? How did it go?"
        else:
            topic = f" with {about}" if about else ""
            asked = f"How did things turn out{topic}? Was it useful?"
        return f"Hi {first},\n\n{asked} I'd love to hear.\n"
    raise ValueError(action)


def keep_in_touch(first: str, last_topic: str = "") -> str:
    topic = f" Last time we talked about {last_topic}; how is that going?" if last_topic else ""
    return f"Hi {first},\n\nIt's been a while and I was thinking of you.{topic} What's new with you?\n"


def reply(first: str, summary: str) -> str:
    topic = f" about {summary}" if summary else ""
    return f"Hi {first},\n\nThanks for your message{topic}. ...\n"
