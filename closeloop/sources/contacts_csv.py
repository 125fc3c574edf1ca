"""Read and write the contact CSVs people actually have.

Formats (exact headers in ``shared/data/contacts/csv-export-formats.md``):

- ``linkedin``: Connections.csv, current (a "Notes:" preamble before the
  header, a URL column, "26 Dec 2025" dates) and 2018 (no preamble, no URL,
  "1/8/18, 6:14 PM"). "Connected On" becomes ``met_on`` with
  ``met_how="LinkedIn"``.
- ``google``: Google Contacts CSV, current ("First Name", "Labels",
  "E-mail 1 - Value") and legacy ("Given Name", "Group Membership").
- ``outlook``: Outlook CSV as Google exports it and as Outlook desktop does.

``read_contacts_csv`` streams rows and yields a record or a ``Problem`` (file
and line) for each. The encoding is found from the BOM, else UTF-8 if the
whole file decodes as UTF-8, else cp1252. ``write_contacts_csv`` writes
Google's current format, with closeloop's own fields (key, how and when met)
as Google custom fields, so the file reads back unchanged (photos excepted:
Google's Photo column is a link, not an image).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from closeloop.core.problems import Problem
from closeloop.sources.records import (
    DEFAULT_REGION,
    NO_YEAR,
    ContactRecord,
    contact_key,
    display_name,
    normalize_email,
    normalize_phone,
)

__all__ = ["FORMATS", "read_contacts_csv", "write_contacts_csv", "detect_format"]

FORMATS = ("linkedin", "google", "outlook")
_MULTI = " ::: "  # Google joins several values (and labels) in one cell with it
_KEY_LABEL = "closeloop-key"
_MET_HOW_LABEL = "closeloop-met-how"
_MET_ON_LABEL = "closeloop-met-on"
# A real header is within the first rows; past these, it is not a contacts CSV.
_HEADER_SEARCH_ROWS = 10
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def detect_format(columns: Iterable[str]) -> str | None:
    """Which export a header row is, or None."""
    cols = {c.strip() for c in columns}
    if {"First Name", "Last Name", "Company", "Position", "Connected On"} <= cols:
        return "linkedin"
    if {"First Name", "Last Name", "Organization Name", "Labels"} <= cols:
        return "google"
    if {"Name", "Given Name", "Family Name", "Group Membership"} <= cols:
        return "google"
    if {"First Name", "Last Name", "E-mail Address", "Company", "Job Title"} <= cols:
        return "outlook"
    return None


def _encoding(path: Path) -> str:
    with open(path, "rb") as raw:
        head = raw.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        raw.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := raw.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def read_contacts_csv(
    path: str | Path, format: str = "auto", *, region: str = DEFAULT_REGION
) -> Iterator[ContactRecord | Problem]:
    """Yield a ``ContactRecord`` or a ``Problem`` for each row of a contacts CSV.

    ``format`` is "auto" (recognized from the header) or one of ``FORMATS``.
    """
    path = Path(path)
    source = str(path)
    if format != "auto" and format not in FORMATS:
        yield Problem(source, "", f"unknown format {format!r}; expected auto or one of {', '.join(FORMATS)}")
        return
    try:
        encoding = _encoding(path)
        # cp1252 leaves five bytes undefined; replace them rather than fail.
        with open(path, encoding=encoding, errors="replace", newline="") as text:
            yield from _read_rows(source, text, format, region)
    except OSError as exc:
        yield Problem(source, "", f"cannot read file: {exc}")
    except UnicodeError as exc:
        yield Problem(source, "", f"cannot decode file: {exc}")


def _read_rows(source: str, text: IO[str], format: str, region: str) -> Iterator[ContactRecord | Problem]:
    reader = csv.reader(text)
    header: list[str] | None = None
    first_seen: list[str] | None = None
    found = None
    for _ in range(_HEADER_SEARCH_ROWS):
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Problem(source, f"line {reader.line_num}", f"not a CSV file: {exc}")
            return
        if not any(cell.strip() for cell in row):
            continue
        row = [cell.strip().lstrip("\ufeff") for cell in row]
        if first_seen is None or (len(first_seen) == 1 and len(row) > 1):
            first_seen = row  # skip LinkedIn's one-cell "Notes:" preamble
        found = detect_format(row)
        if found and (format == "auto" or format == found):
            header = row
            break
    if header is None or found is None:
        seen = ", ".join(first_seen[:12]) + (", ..." if first_seen and len(first_seen) > 12 else "") \
            if first_seen else "none"
        wanted = "a known contacts export" if format == "auto" else f"a {format} export"
        yield Problem(source, "", f"header not recognized as {wanted}; columns seen: {seen}")
        return
    to_record = {"linkedin": _linkedin, "google": _google, "outlook": _outlook}[found]
    index = {name: i for i, name in reversed(list(enumerate(header)))}
    line_end = reader.line_num
    while True:
        start = line_end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line_end = reader.line_num
            yield Problem(source, f"line {start}", f"malformed CSV row: {exc}")
            continue
        line_end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        where = f"line {start}"
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            yield Problem(source, where, f"row has {len(row)} fields but the header has {len(header)}")
            continue
        cells = _Row(index, row)
        try:
            yield to_record(source, where, cells, region)
        except _RowProblem as exc:
            yield Problem(source, where, str(exc))


class _RowProblem(Exception):
    pass


class _Row:
    """Cells of one row by column name; a missing column or cell is ""."""

    __slots__ = ("index", "row")

    def __init__(self, index: dict[str, int], row: list[str]) -> None:
        self.index = index
        self.row = row

    def get(self, name: str) -> str:
        i = self.index.get(name)
        if i is None or i >= len(self.row):
            return ""
        return self.row[i].strip()

    def numbered(self, pattern: str) -> list[str]:
        """Values of "E-mail 1 - Value", "E-mail 2 - Value", ... (pattern with {})."""
        out, n = [], 1
        while (name := pattern.format(n)) in self.index:
            out.extend(v.strip() for v in self.get(name).split(_MULTI))
            n += 1
        return out


def _clean(text: str) -> str:
    return " ".join(text.split())


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _emails(values: Iterable[str]) -> tuple[str, ...]:
    # Outlook desktop puts Exchange (X.500) addresses in the email columns, and
    # LinkedIn 2018 puts "urn:li:member:..." there: neither is an email.
    return _unique(normalize_email(v) for v in values if "@" in v and not v.startswith("urn:"))


def _phones(values: Iterable[str], region: str) -> tuple[str, ...]:
    return _unique(normalize_phone(v, region) for v in values if v.strip())


_ISO = re.compile(r"^(\d{4}|-)-(\d{1,2})-(\d{1,2})$")  # "-" stands for "--": no year
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,.*)?$")
_SPELLED = re.compile(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$")


def parse_csv_date(text: str) -> date | None:
    """A date as these exports write it: 1980-01-20, --01-20 (no year),
    1/20/1980 or 1/8/18, 6:14 PM (month first), 26 Dec 2025; else None."""
    text = text.strip()
    try:
        if m := _ISO.match(text):
            year = NO_YEAR if m.group(1) == "-" else int(m.group(1))
            return date(year, int(m.group(2)), int(m.group(3)))
        if m := _SLASHED.match(text):
            year = int(m.group(3))
            if year < 100:
                year += 2000 if year < 70 else 1900
            return date(year, int(m.group(1)), int(m.group(2)))
        if m := _SPELLED.match(text):
            month = _MONTHS.get(m.group(2).lower())
            return date(int(m.group(3)), month, int(m.group(1))) if month else None
    except ValueError:
        return None
    return None


def _finish(
    source: str, where: str, *, given: str, family: str, full: str, emails: tuple[str, ...],
    phones: tuple[str, ...] = (), urls: tuple[str, ...] = (), organization: str = "",
    title: str = "", notes: str = "", birthday: date | None = None,
    circles: tuple[str, ...] = (), met_how: str = "", met_on: date | None = None, key: str = "",
) -> ContactRecord:
    given, family, organization, title = _clean(given), _clean(family), _clean(organization), _clean(title)
    full_name = display_name(full, given, family, organization, emails)
    if not full_name:
        if not phones and not urls:
            raise _RowProblem("row has no name, email, phone or URL")
        full_name = phones[0] if phones else urls[0]
    return ContactRecord(
        source=source, where=where,
        key=key or contact_key(full_name, emails, phones, urls),
        full_name=full_name, given_name=given, family_name=family,
        emails=emails, phones=phones, urls=urls, organization=organization, title=title,
        notes=notes.replace("\r\n", "\n").strip(), birthday=birthday, circles=circles,
        met_how=met_how, met_on=met_on,
    )


def _linkedin(source: str, where: str, row: _Row, region: str) -> ContactRecord:
    connected = row.get("Connected On")
    return _finish(
        source, where,
        given=row.get("First Name"), family=row.get("Last Name"), full="",
        emails=_emails([row.get("Email Address")]),
        urls=_unique([row.get("URL")]),
        organization=row.get("Company"), title=row.get("Position"),
        met_how="LinkedIn", met_on=parse_csv_date(connected),
    )


def _circles(text: str, separator: str = _MULTI) -> tuple[str, ...]:
    # "* myContacts" and "* starred" are Google's system groups, not circles.
    return _unique(_clean(c) for c in text.split(separator) if not c.strip().startswith("*"))


def _google(source: str, where: str, row: _Row, region: str) -> ContactRecord:
    custom = {}
    for pattern in ("Custom Field {} - Label",):
        n = 1
        while (label := pattern.format(n)) in row.index:
            custom[row.get(label)] = row.get(f"Custom Field {n} - Value")
            n += 1
    if "Given Name" in row.index:  # legacy
        given, family = row.get("Given Name"), row.get("Family Name")
        full = row.get("Name")
        organization, title = row.get("Organization 1 - Name"), row.get("Organization 1 - Title")
        groups = row.get("Group Membership")
    else:
        given, family = row.get("First Name"), row.get("Last Name")
        middle = row.get("Middle Name")
        full = row.get("File As") or " ".join(p for p in (given, middle, family) if p)
        organization, title = row.get("Organization Name"), row.get("Organization Title")
        groups = row.get("Labels")
    return _finish(
        source, where, given=given, family=family, full=full,
        emails=_emails(row.numbered("E-mail {} - Value")),
        phones=_phones(row.numbered("Phone {} - Value"), region),
        urls=_unique(row.numbered("Website {} - Value")),
        organization=organization, title=title, notes=row.get("Notes"),
        birthday=parse_csv_date(row.get("Birthday")),
        circles=_circles(groups),
        met_how=_clean(custom.get(_MET_HOW_LABEL, "")),
        met_on=parse_csv_date(custom.get(_MET_ON_LABEL, "")),
        key=custom.get(_KEY_LABEL, ""),
    )


_OUTLOOK_PHONES = ("Primary Phone", "Mobile Phone", "Business Phone", "Business Phone 2",
                   "Home Phone", "Home Phone 2", "Company Main Phone", "Other Phone",
                   "Assistant's Phone", "Car Phone", "Callback", "Radio Phone", "ISDN",
                   "Pager", "TTY/TDD Phone")


def _outlook(source: str, where: str, row: _Row, region: str) -> ContactRecord:
    given, middle, family = row.get("First Name"), row.get("Middle Name"), row.get("Last Name")
    return _finish(
        source, where, given=given, family=family,
        full=" ".join(p for p in (given, middle, family) if p),
        emails=_emails(row.get(c) for c in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")),
        phones=_phones((row.get(c) for c in _OUTLOOK_PHONES), region),
        urls=_unique([row.get("Web Page")]),
        organization=row.get("Company"), title=row.get("Job Title"), notes=row.get("Notes"),
        birthday=parse_csv_date(row.get("Birthday")),  # "0/0/00" means none: parses to None
        circles=_circles(row.get("Categories").replace(_MULTI, ";"), ";"),
    )


# --- writing ---------------------------------------------------------------------------

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Website 1 - Label,Website 1 - Value,"
    "Event 1 - Label,Event 1 - Value,Custom Field 1 - Label,Custom Field 1 - Value,"
    "Custom Field 2 - Label,Custom Field 2 - Value,Custom Field 3 - Label,Custom Field 3 - Value"
).split(",")


def _csv_date(day: date | None) -> str:
    if day is None:
        return ""
    return day.strftime("--%m-%d") if day.year == NO_YEAR else f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def write_contacts_csv(records: Iterable[ContactRecord], fileobj: IO[str]) -> int:
    """Write ``records`` as a Google Contacts CSV (current format); return how many.

    Several emails, phones or URLs go in one cell joined by " ::: ", as Google
    does. The record's key and how and when met go in custom fields. Open
    ``fileobj`` with ``newline=""``.
    """
    writer = csv.writer(fileobj)
    writer.writerow(GOOGLE_HEADER)
    column = {name: i for i, name in enumerate(GOOGLE_HEADER)}
    count = 0
    for r in records:
        row = [""] * len(GOOGLE_HEADER)

        def put(name: str, value: str) -> None:
            row[column[name]] = value

        put("First Name", r.given_name)
        put("Last Name", r.family_name)
        if r.full_name != " ".join(p for p in (r.given_name, r.family_name) if p):
            put("File As", r.full_name)
        put("Organization Name", r.organization)
        put("Organization Title", r.title)
        put("Birthday", _csv_date(r.birthday))
        put("Notes", r.notes)
        put("Labels", _MULTI.join(("* myContacts", *r.circles)))
        if r.emails:
            put("E-mail 1 - Label", "* Other")
            put("E-mail 1 - Value", _MULTI.join(r.emails))
        if r.phones:
            put("Phone 1 - Label", "Mobile")
            put("Phone 1 - Value", _MULTI.join(r.phones))
        if r.urls:
            put("Website 1 - Label", "Profile")
            put("Website 1 - Value", _MULTI.join(r.urls))
        custom = [(_KEY_LABEL, r.key), (_MET_HOW_LABEL, r.met_how), (_MET_ON_LABEL, _csv_date(r.met_on))]
        for n, (label, value) in enumerate((c for c in custom if c[1]), 1):
            put(f"Custom Field {n} - Label", label)
            put(f"Custom Field {n} - Value", value)
        writer.writerow(row)
        count += 1
    return count
