"""Drafts for introductions: asking for one, asking for consent, making one.

A good ask is forwardable: the helper should be able to send the blurb on
unchanged, so it says who the user is and why the target, in the third person.
"""

from __future__ import annotations

from dataclasses import dataclass

from closeloop.core.drafts import first_name
from closeloop.core.model import Person


@dataclass(frozen=True, slots=True)
class Draft:
    to: tuple[str, ...]  # "Name <email>" or the name when there is no address
    subject: str
    body: str


def address(person: Person) -> str:
    return f"{person.name} <{person.emails[0]}>" if person.emails else person.name


def who(person: Person) -> str:
    """'Dana Lee (data lead at Acme)'."""
    work = " at ".join(x for x in (person.title, person.organization) if x)
    return f"{person.name} ({work})" if work else person.name


def _me(me: Person | None) -> tuple[str, str]:
    if me is None or me.name in ("", "Me"):
        return "I", "me"
    return who(me), first_name(me.name)


def _why(about: str) -> str:
    about = about.strip().rstrip(".")
    return f" {about[0].upper()}{about[1:]}." if about else ""


def ask_for_introduction(helper: Person, target: str, me: Person | None, about: str = "",
                         target_name: str | None = None) -> Draft:
    """To the helper: would you introduce me to ``target`` (a person described, or 'someone at X')?"""
    full, first = _me(me)
    contact = f" ({me.emails[0]})" if me is not None and me.emails else ""
    if full == "I":
        blurb = f"I would like to meet {target}.{_why(about)} I would be grateful for twenty minutes"
    else:
        words = f" In {first}'s words: \u201c{about.strip().rstrip('.')}.\u201d" if about.strip() else ""
        blurb = (f"{full}{contact} would like to meet {target}.{words} {first} would be grateful "
                 f"for twenty minutes")
    blurb += ", whenever suits."
    body = (f"Hi {first_name(helper.name)},\n\n"
            f"Would you be open to introducing me to {target}?{_why(about)}\n\n"
            f"If it helps, here is a short note you can forward as it is:\n\n"
            f"---\n{blurb}\n---\n\n"
            f"No pressure at all if it isn't a good fit, and thank you either way.\n\n"
            f"{first if first != 'me' else ''}".rstrip() + "\n")
    return Draft((address(helper),), f"Could you introduce me to {target_name or target}?", body)


def ask_consent(a: Person, b: Person, me: Person | None, about: str = "") -> Draft:
    """Double opt-in, first step: ask B whether they want to meet A."""
    _, first = _me(me)
    body = (f"Hi {first_name(b.name)},\n\n"
            f"I'd like to introduce you to {who(a)}.{_why(about)} "
            f"Would you be happy for me to connect you? Just say the word either way; "
            f"no is a perfectly good answer.\n\n{first if first != 'me' else ''}".rstrip() + "\n")
    return Draft((address(b),), f"Would you like to meet {a.name}?", body)


def introduction(a: Person, b: Person, me: Person | None, about: str = "",
                 agreed: bool = False) -> Draft:
    """The introduction itself, to both."""
    _, first = _me(me)
    keen = f" {first_name(b.name)} said they'd be glad to connect." if agreed else ""
    body = (f"Hi {first_name(a.name)} and {first_name(b.name)},\n\n"
            f"{first_name(a.name)}, meet {who(b)}. {first_name(b.name)}, meet {who(a)}."
            f"{_why(about)}{keen}\n\n"
            f"I'll let you two take it from here.\n\n{first if first != 'me' else ''}".rstrip() + "\n")
    return Draft((address(a), address(b)), f"Introduction: {a.name} <> {b.name}", body)
