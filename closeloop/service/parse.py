"""Turning what a user types into values: times, dates, kinds, addresses."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from email.utils import parseaddr
from enum import Enum
from typing import TypeVar

from closeloop.errors import BadInput

E = TypeVar("E", bound=Enum)

_RELATIVE = re.compile(r"^(?:(?P<n>\d+)\s*(?P<unit>d|days?|w|weeks?|h|hours?)\s+ago|"
                       r"in\s+(?P<m>\d+)\s*(?P<unit2>d|days?|w|weeks?|h|hours?))$")
_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def parse_when(text: str, now: datetime) -> datetime:
    """An instant: ISO 8601, 'today', 'yesterday', '3 days ago', 'in 2 weeks'.

    A date alone means now if it is today, else noon local time that day. A
    time without a zone is local time. The result is aware UTC.
    """
    raw = text.strip().lower()
    local_now = now.astimezone()
    if raw in ("now", ""):
        return now
    try:
        return _parse_when(text, raw, now, local_now)
    except OverflowError:
        raise BadInput(f"{text!r} is too far away to be a date") from None


def _parse_when(text: str, raw: str, now: datetime, local_now: datetime) -> datetime:
    if raw in _WORDS:
        return _on_day(local_now.date() + timedelta(days=_WORDS[raw]), now)
    match = _RELATIVE.match(raw)
    if match:
        n = int(match["n"] or match["m"])
        unit = (match["unit"] or match["unit2"])[0]
        step = {"d": timedelta(days=n), "w": timedelta(weeks=n), "h": timedelta(hours=n)}[unit]
        return now - step if match["n"] else now + step
    try:
        if len(raw) == 10:
            return _on_day(date.fromisoformat(raw), now)
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadInput(f"can't read {text!r} as a time: use a date like 2026-03-01, "
                       f"a time like 2026-03-01T14:30, 'yesterday' or '3 days ago'") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(timezone.utc)


def _on_day(day: date, now: datetime) -> datetime:
    if day == now.astimezone().date():
        return now
    return datetime.combine(day, time(12, 0)).astimezone().astimezone(timezone.utc)


def parse_day_start(text: str, now: datetime) -> datetime:
    """For --until: a date means the start of that day, local time."""
    raw = text.strip().lower()
    if raw in _WORDS or len(raw) == 10:
        try:
            day = now.astimezone().date() + timedelta(days=_WORDS[raw]) if raw in _WORDS \
                else date.fromisoformat(raw)
        except ValueError:
            raise BadInput(f"can't read {text!r} as a date: use a date like 2026-03-01") from None
        return datetime.combine(day, time(0, 0)).astimezone().astimezone(timezone.utc)
    return parse_when(text, now)


def parse_date(text: str | None) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(f"can't read {text!r} as a date: use YYYY-MM-DD") from None


def parse_choice(enum: type[E], text: str, what: str) -> E:
    raw = text.strip().lower()
    for member in enum:
        if member.value == raw or (len(raw) >= 3 and member.value.startswith(raw)):
            return member
    choices = ", ".join(m.value for m in enum)
    raise BadInput(f"unknown {what} {text!r}: choose one of {choices}")


def normalize_email(text: str) -> str:
    email = text.strip().lower()
    if email.startswith("mailto:"):
        email = email[7:]
    if not re.fullmatch(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+", email):
        raise BadInput(f"{text!r} is not an email address")
    return email


def normalize_phone(text: str, region: str = "US") -> str:
    """E.164 when the number can be read (phonenumbers), else the digits as typed."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    digits = re.sub(r"[^\d+]", "", text)
    if len(digits.strip("+")) < 3:
        raise BadInput(f"{text!r} is not a phone number")
    return digits


def split_name_email(text: str) -> tuple[str, str | None]:
    """'Dana Lee <dana@acme.com>' -> ('Dana Lee', 'dana@acme.com')."""
    if "<" in text and ">" in text:
        name, email = parseaddr(text)
        if email and "@" in email:
            return name.strip() or email, normalize_email(email)
    return text.strip(), None
