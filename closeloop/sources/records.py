"""What the readers yield: plain, immutable records of contacts and events.

Records say what a file holds, already normalized (lower-cased emails, E.164
phones, UTC times) but not yet matched to anyone in the ledger: the service
decides whether a record is a new person, an update or a duplicate. Each
record carries ``source`` and ``where`` (as ``Problem`` does) and a ``key``
that stays the same when the same file is imported again.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields
from datetime import date, datetime

import phonenumbers

DEFAULT_REGION = "US"

# Apple and Thunderbird write a birthday without a year as year 1604 (a leap
# year far in the past); vCard 4 writes "--MMDD". Both become this year.
NO_YEAR = 1604


@dataclass(frozen=True, slots=True)
class ContactRecord:
    """One contact as a file describes it.

    ``key`` is the vCard UID when there is one, else a hash of the identifying
    fields (see ``contact_key``). ``photo`` holds the image bytes and
    ``photo_type`` its media type ("image/png"); both are empty when the card
    has no photo, or only a link to one, or one that could not be decoded.
    ``circles`` come from vCard CATEGORIES or CSV labels. ``met_how`` and
    ``met_on`` say how and when the user met them (LinkedIn's "Connected On"
    gives ``met_how="LinkedIn"``).
    """

    source: str
    where: str
    key: str
    full_name: str
    given_name: str = ""
    family_name: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    organization: str = ""
    title: str = ""
    notes: str = ""
    birthday: date | None = None
    circles: tuple[str, ...] = ()
    met_how: str = ""
    met_on: date | None = None
    photo: bytes | None = None
    photo_type: str = ""

    def __reduce__(self):
        # Records cross from the parsing process to the storing one by the
        # hundred thousand; the dataclass default (a state dict per record,
        # rebuilt field by field) costs more than parsing them.
        return (ContactRecord, tuple(getattr(self, name) for name in _RECORD_FIELDS))


_RECORD_FIELDS = tuple(f.name for f in fields(ContactRecord))


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One occurrence of a calendar event.

    ``key`` is the UID plus the occurrence's start (its RECURRENCE-ID), so each
    occurrence of a recurring meeting is a distinct interaction. ``start`` and
    ``end`` are aware UTC datetimes; an all-day event starts at midnight UTC of
    its date and has ``all_day=True``. ``organizer`` and ``attendees`` are
    ``(name, email)`` pairs with lower-cased emails; name may be "".
    """

    source: str
    where: str
    key: str
    summary: str
    start: datetime
    end: datetime
    all_day: bool = False
    organizer: tuple[str, str] | None = None
    attendees: tuple[tuple[str, str], ...] = ()
    location: str = ""
    description: str = ""


def normalize_email(text: str) -> str:
    """Strip "mailto:" and surrounding space, and lower-case the address."""
    text = text.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    return text.strip().lower()


_PHONE_JUNK = re.compile(r"^tel:", re.IGNORECASE)


# "+<country code> <digits>" with only separators between the digits: E.164 is
# the digits themselves, without asking phonenumbers (the slowest step of an
# import). A "(0)" trunk prefix, letters or an extension take the long way.
_INTERNATIONAL = re.compile(r"^\+[1-9][0-9 \-.()]{6,20}$")
_SEPARATORS = str.maketrans("", "", " -.()")


def normalize_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """E.164 when ``phonenumbers`` can parse the number, else the raw text."""
    raw = _PHONE_JUNK.sub("", text.strip()).strip()
    if not raw:
        return ""
    if _INTERNATIONAL.match(raw) and "(0)" not in raw:
        digits = raw.translate(_SEPARATORS)
        if 8 <= len(digits) <= 16:
            return digits
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return raw
    if not phonenumbers.is_valid_number(number):
        return raw
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def contact_key(
    full_name: str,
    emails: tuple[str, ...] = (),
    phones: tuple[str, ...] = (),
    urls: tuple[str, ...] = (),
) -> str:
    """A stable key for a contact that has no UID.

    A profile URL identifies a person alone (a LinkedIn URL survives a change
    of name); otherwise the name with the first email, or else the first
    phone. Adding a second email or a note keeps the key, so a re-import
    updates the person instead of adding a new one.
    """
    if urls:
        ident = "url\x1f" + urls[0].strip().rstrip("/").lower()
    else:
        first = emails[0] if emails else (phones[0] if phones else "")
        ident = "name\x1f" + " ".join(full_name.split()).casefold() + "\x1f" + first
    return "sha1:" + hashlib.sha1(ident.encode("utf-8")).hexdigest()


def display_name(
    full_name: str, given: str, family: str, organization: str, emails: tuple[str, ...]
) -> str:
    """The name to show: FN, else given + family, else the organization, else the email."""
    for candidate in (full_name, f"{given} {family}", organization):
        name = " ".join(candidate.split())
        if name:
            return name
    return emails[0] if emails else ""
