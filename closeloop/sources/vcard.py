"""Read and write vCards (2.1, 3.0 and 4.0).

``read_vcards`` streams a .vcf file (or a folder of them) one card at a time,
so memory does not grow with the file. Each card is parsed by a small parser
of our own when it is simple (3.0/4.0, no quoted-printable, no CHARSET): that
is most cards and several times faster than ``vobject``. Anything else, and
any card our parser rejects, goes to ``vobject``; a card neither can read is a
``Problem`` naming the card number and line, and the other cards still come.
Both parsers produce the same intermediate form (property name -> list of
(params, value)), so one function turns a card into a ``ContactRecord``.

``write_vcards`` writes vCard 4.0 that ``read_vcards`` reads back unchanged.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Union

import vobject

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

__all__ = ["read_vcards", "write_vcards", "vcard_files"]

Value = Union[str, list[str], bytes]
Params = dict[str, list[str]]
Props = dict[str, list[tuple[Params, Value]]]

# Properties whose value has components (N, ORG: ";") or is a list (",").
_SEMI_LISTS = frozenset({"N", "ORG"})
_COMMA_LISTS = frozenset({"CATEGORIES"})
# Only these properties matter; the fast parser skips the rest unparsed.
_WANTED = frozenset(
    {"UID", "FN", "N", "EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "ORG", "TITLE",
     "NOTE", "BDAY", "CATEGORIES", "PHOTO", "X-CLOSELOOP-MET-HOW",
     "X-CLOSELOOP-MET-ON", "VERSION"}
)
_MEDIA_TYPES = {"JPEG": "image/jpeg", "JPG": "image/jpeg", "PNG": "image/png",
                "GIF": "image/gif", "BMP": "image/bmp", "WEBP": "image/webp"}


# Bytes that were not UTF-8, kept by the "surrogateescape" error handler.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


class _Unusual(Exception):
    """The fast parser leaves this card to vobject."""


class _Malformed(Exception):
    """The card is broken at ``line`` (a line number in the file)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def vcard_files(path: Path) -> list[Path]:
    """The .vcf files at ``path``: the file itself, or a folder's, sorted."""
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".vcf", ".vcard")
        )
    return [path]


def read_vcards(
    path: str | Path,
    *,
    region: str = DEFAULT_REGION,
    photos: bool = True,
    fast: bool = True,
) -> Iterator[ContactRecord | Problem]:
    """Yield a ``ContactRecord`` or a ``Problem`` for each card under ``path``.

    ``region`` is the default country of phone numbers written without one;
    ``photos=False`` skips photos; ``fast=False`` sends every card to vobject
    (for measuring and cross-checking the fast parser).
    """
    path = Path(path)
    if not path.exists():
        yield Problem(str(path), "", "no such file or folder")
        return
    for file in vcard_files(path):
        source = str(file)
        try:
            for number, first_line, lines in _card_blocks(file):
                if lines is None:
                    yield Problem(source, f"card {number}, line {first_line}",
                                  "card has BEGIN:VCARD but no END:VCARD")
                    continue
                yield _read_card(source, number, first_line, lines, region, photos, fast)
        except OSError as exc:
            yield Problem(source, "", f"cannot read file: {exc}")


def _open_text(file: Path) -> IO[str]:
    """Open by BOM: UTF-16 or UTF-8; bytes that are not UTF-8 are kept as
    surrogate escapes and decoded as cp1252 card by card (``_fix_encoding``)."""
    with open(file, "rb") as raw:
        head = raw.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return open(file, encoding="utf-16", newline="")
    return open(file, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _card_blocks(file: Path) -> Iterator[tuple[int, int, list[str] | None]]:
    """Yield (card number, line of BEGIN, the card's lines or None if unclosed).

    Reads line by line: only one card is in memory at a time. A BEGIN:VCARD
    inside an open card means the open card was never closed.
    """
    number = 0
    start = 0
    lines: list[str] | None = None
    with _open_text(file) as text:
        for lineno, line in enumerate(text, 1):
            line = line.rstrip("\r\n")
            head = line[:11].upper()
            if head.startswith("BEGIN:VCARD") and line.strip().upper() == "BEGIN:VCARD":
                if lines is not None:
                    yield number, start, None
                number += 1
                start = lineno
                lines = [line]
            elif lines is not None:
                lines.append(line)
                if head.startswith("END:VCARD") and line.strip().upper() == "END:VCARD":
                    yield number, start, lines
                    lines = None
    if lines is not None:
        yield number, start, None


def _fix_encoding(line: str) -> str:
    """Re-decode a line that was not UTF-8 as cp1252 (latin-1 where cp1252 has holes)."""
    try:
        line.encode("utf-8")
        return line
    except UnicodeEncodeError:
        data = line.encode("utf-8", "surrogateescape")
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _read_card(
    source: str, number: int, first_line: int, lines: list[str],
    region: str, photos: bool, fast: bool,
) -> ContactRecord | Problem:
    where = f"card {number}"
    broken: _Malformed | None = None
    props: Props | None = None
    if fast:
        try:
            props = _fast_props(lines, first_line)
        except _Unusual:
            pass
        except _Malformed as exc:
            broken = exc
    if props is None:
        try:
            props = _vobject_props(lines)
        except Exception as exc:  # vobject raises many kinds; any of them means "unreadable"
            # A photo vobject cannot decode should not cost the whole card.
            props = _without_photos(lines)
            if props is None:
                if broken is not None:
                    return Problem(source, f"{where}, line {broken.line}", broken.message)
                return Problem(source, f"{where}, line {first_line}", f"unreadable card: {exc}")
    return _record(source, where, props, region, photos)


# --- the fast parser -------------------------------------------------------------


def _fast_props(lines: list[str], first_line: int) -> Props:
    props: Props = {}
    text = "\n".join(lines)
    if _NOT_UTF8.search(text):
        raise _Unusual  # not UTF-8: let vobject look at CHARSET
    if "\n " in text or "\n\t" in text:
        if lines[1][:1] in (" ", "\t"):
            raise _Malformed(first_line + 1, "continuation line before any property")
        text = text.replace("\n ", "").replace("\n\t", "")
    logical = text.split("\n")
    version = ""
    for line in logical[1:-1]:
        colon = line.find(":")
        if colon < 0:
            if not line.strip():
                continue
            raise _Malformed(_line_of(line, lines, first_line), f"line has no ':' ({line[:40]!r})")
        head = line[:colon]
        if '"' in head:
            raise _Unusual  # quoted parameter values: rare, vobject handles them
        name, _, rest = head.partition(";")
        dot = name.find(".")
        if dot >= 0:
            name = name[dot + 1:]
        name = name.strip().upper()
        if not name:
            raise _Malformed(_line_of(line, lines, first_line), "property has no name")
        if name not in _WANTED:
            if name in ("BEGIN", "END"):
                raise _Unusual  # nested component (2.1 AGENT)
            continue
        value = line[colon + 1:]
        params: Params = {}
        if rest:
            for part in rest.split(";"):
                key, eq, val = part.partition("=")
                key = key.strip().upper()
                if not eq:
                    params.setdefault("TYPE", []).append(key)  # 2.1: "TEL;WORK;VOICE:"
                elif key in ("ENCODING", "CHARSET") and val.upper() not in ("B", "BASE64", "UTF-8"):
                    raise _Unusual
                else:
                    params.setdefault(key, []).extend(val.split(","))
        if name == "VERSION":
            version = value.strip()
            if version not in ("3.0", "4.0"):
                raise _Unusual
            continue
        props.setdefault(name, []).append((params, _decode_value(name, params, value)))
    if not version:
        raise _Unusual
    return props


def _line_of(logical: str, lines: list[str], first_line: int) -> int:
    """The file line where an unfolded line starts (only needed for a problem)."""
    for offset, line in enumerate(lines):
        if line and logical.startswith(line):
            return first_line + offset
    return first_line


_ESCAPES = re.compile(r"\\(.)", re.DOTALL)
_ESCAPED = {"n": "\n", "N": "\n"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPES.sub(lambda m: _ESCAPED.get(m.group(1), m.group(1)), text)


def _split_unescaped(text: str, sep: str) -> list[str]:
    if "\\" not in text:
        return text.split(sep)
    parts, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _decode_value(name: str, params: Params, value: str) -> Value:
    encoding = params.get("ENCODING")
    if encoding and encoding[0].upper() in ("B", "BASE64") and not value.startswith("data:"):
        try:
            return base64.b64decode(value.replace(" ", ""), validate=False)
        except (binascii.Error, ValueError):
            return ""
    if name == "N":  # several given names are comma-separated: join them with spaces
        return [" ".join(_unescape(v) for v in _split_unescaped(p, ","))
                for p in _split_unescaped(value, ";")]
    if name in _SEMI_LISTS:
        return [_unescape(p) for p in _split_unescaped(value, ";")]
    if name in _COMMA_LISTS:
        return [_unescape(p) for p in _split_unescaped(value, ",")]
    return _unescape(value)


# --- vobject -------------------------------------------------------------------------


def _vobject_props(lines: list[str]) -> Props:
    text = "\r\n".join(_fix_encoding(line) for line in lines) + "\r\n"
    card = vobject.readOne(text, allowQP=True)
    props: Props = {}
    for line in card.getChildren():
        name = line.name.upper()
        if name not in _WANTED or name == "VERSION":
            continue
        params: Params = {k.upper(): list(v) for k, v in line.params.items()}
        for single in line.singletonparams or ():
            params.setdefault("TYPE", []).append(single)
        value = line.value
        if isinstance(value, vobject.vcard.Name):
            value = [_joined(value.family), _joined(value.given), _joined(value.additional),
                     _joined(value.prefix), _joined(value.suffix)]
        elif isinstance(value, (list, tuple)):
            value = [str(v) for v in value]
        elif not isinstance(value, (str, bytes)):
            continue
        props.setdefault(name, []).append((params, value))
    return props


def _without_photos(lines: list[str]) -> Props | None:
    kept: list[str] = []
    skipping = False
    for line in lines:
        if line[:1] in (" ", "\t") and skipping:
            continue
        skipping = line.upper().lstrip().startswith(("PHOTO", "LOGO"))
        if not skipping:
            kept.append(line)
    if len(kept) == len(lines):
        return None
    try:
        return _vobject_props(kept)
    except Exception:  # still unreadable without its photo
        return None


def _joined(part: str | list[str]) -> str:
    return " ".join(part) if isinstance(part, list) else part


# --- from properties to a record ----------------------------------------------------------


def _texts(props: Props, name: str) -> list[str]:
    out = []
    for _, value in props.get(name, ()):
        if isinstance(value, list):
            value = ";".join(value)
        elif isinstance(value, bytes):
            continue
        out.append(value)
    return out


def _first_text(props: Props, name: str) -> str:
    texts = _texts(props, name)
    return _clean(texts[0]) if texts else ""


def _clean(text: str) -> str:
    """One line of text: whitespace runs become one space."""
    return " ".join(text.split())


def _parts(props: Props, name: str) -> list[str]:
    for _, value in props.get(name, ()):
        if isinstance(value, list):
            return value
        if isinstance(value, str):
            return [value]
    return []


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _record(source: str, where: str, props: Props, region: str, photos: bool) -> ContactRecord | Problem:
    n = _parts(props, "N") + [""] * 5
    family = _clean(n[0])
    given = _clean(n[1])
    emails = _unique(normalize_email(e) for e in _texts(props, "EMAIL"))
    phones = _unique(normalize_phone(t, region) for t in _texts(props, "TEL"))
    urls = _unique(u.strip() for u in _texts(props, "URL") + _texts(props, "X-SOCIALPROFILE"))
    org_parts = _parts(props, "ORG")
    organization = _clean(org_parts[0]) if org_parts else ""
    full_name = display_name(_first_text(props, "FN"), given, family, organization, emails)
    if not full_name and not phones and not urls:
        return Problem(source, where, "card has no name, email, phone or URL")
    if not full_name:
        full_name = phones[0] if phones else urls[0]
    notes = "\n".join(t.replace("\r\n", "\n").strip() for t in _texts(props, "NOTE")).strip()
    circles: list[str] = []
    for _, value in props.get("CATEGORIES", ()):
        circles.extend(_clean(c) for c in (value if isinstance(value, list) else [value]))
    photo, photo_type = _photo(props) if photos else (None, "")
    uid = _first_text(props, "UID")
    return ContactRecord(
        source=source,
        where=where,
        key=uid or contact_key(full_name, emails, phones, urls),
        full_name=full_name,
        given_name=given,
        family_name=family,
        emails=emails,
        phones=phones,
        urls=urls,
        organization=organization,
        title=_first_text(props, "TITLE"),
        notes=notes,
        birthday=_birthday(props),
        circles=_unique(circles),
        met_how=_first_text(props, "X-CLOSELOOP-MET-HOW"),
        met_on=parse_date(_first_text(props, "X-CLOSELOOP-MET-ON")),
        photo=photo,
        photo_type=photo_type,
    )


_DATE = re.compile(r"^(\d{4}|--)-?(\d\d)-?(\d\d)")


def parse_date(text: str) -> date | None:
    """A vCard date: 19850412, 1985-04-12, --0412 (no year), or the date of a
    date-time; None for anything else ("circa 1800")."""
    m = _DATE.match(text.strip())
    if not m:
        return None
    year = NO_YEAR if m.group(1) == "--" else int(m.group(1))
    try:
        return date(year, int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _birthday(props: Props) -> date | None:
    for params, value in props.get("BDAY", ()):
        if isinstance(value, str) and "TEXT" not in (v.upper() for v in params.get("VALUE", ())):
            return parse_date(value)
    return None


def _photo(props: Props) -> tuple[bytes | None, str]:
    for params, value in props.get("PHOTO", ()):
        if isinstance(value, bytes):
            if not value:
                continue
            kind = (params.get("TYPE") or params.get("MEDIATYPE") or [""])[0]
            return value, _media_type(kind, value)
        if isinstance(value, str) and value.startswith("data:"):
            decoded = _data_uri(value)
            if decoded:
                return decoded
    return None, ""


def _media_type(kind: str, data: bytes) -> str:
    if "/" in kind:
        return kind.lower()
    if kind.upper() in _MEDIA_TYPES:
        return _MEDIA_TYPES[kind.upper()]
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    return "application/octet-stream"


def _data_uri(uri: str) -> tuple[bytes, str] | None:
    head, comma, body = uri[5:].partition(",")
    if not comma:
        return None
    parts = head.split(";")
    if "base64" not in (p.lower() for p in parts[1:]):
        return None
    try:
        data = base64.b64decode(body.replace(" ", ""), validate=False)
    except (binascii.Error, ValueError):
        return None
    return (data, _media_type(parts[0], data)) if data else None


# --- writing -------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
            .replace(";", "\\;"))


def _fold(line: str) -> str:
    """Fold at 75 octets (RFC 6350 3.2), never inside a UTF-8 character."""
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"
    out, chunk, size, limit = [], [], 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(chunk))
            chunk, size, limit = [], 0, 74
        chunk.append(ch)
        size += width
    out.append("".join(chunk))
    return "\r\n ".join(out) + "\r\n"


def _bday_text(day: date) -> str:
    return day.strftime("--%m%d") if day.year == NO_YEAR else f"{day.year:04d}{day.month:02d}{day.day:02d}"


def write_vcards(records: Iterable[ContactRecord], fileobj: IO[str]) -> int:
    """Write ``records`` as vCard 4.0 to a text file; return how many cards."""
    count = 0
    for r in records:
        lines = ["BEGIN:VCARD", "VERSION:4.0", f"UID:{_escape(r.key)}", f"FN:{_escape(r.full_name)}"]
        if r.given_name or r.family_name:
            lines.append(f"N:{_escape(r.family_name)};{_escape(r.given_name)};;;")
        lines += [f"EMAIL:{_escape(e)}" for e in r.emails]
        for phone in r.phones:
            if phone.startswith("+") and phone[1:].isdigit():
                lines.append(f"TEL;VALUE=uri:tel:{phone}")
            else:
                lines.append(f"TEL:{_escape(phone)}")
        lines += [f"URL:{_escape(u)}" for u in r.urls]
        if r.organization:
            lines.append(f"ORG:{_escape(r.organization)}")
        if r.title:
            lines.append(f"TITLE:{_escape(r.title)}")
        if r.notes:
            lines.append(f"NOTE:{_escape(r.notes)}")
        if r.birthday:
            lines.append(f"BDAY:{_bday_text(r.birthday)}")
        if r.circles:
            lines.append("CATEGORIES:" + ",".join(_escape(c) for c in r.circles))
        if r.photo:
            data = base64.b64encode(r.photo).decode("ascii")
            lines.append(f"PHOTO:data:{r.photo_type or 'application/octet-stream'};base64,{data}")
        if r.met_how:
            lines.append(f"X-CLOSELOOP-MET-HOW:{_escape(r.met_how)}")
        if r.met_on:
            lines.append(f"X-CLOSELOOP-MET-ON:{r.met_on.isoformat()}")
        lines.append("END:VCARD")
        fileobj.write("".join(_fold(line) for line in lines))
        count += 1
    return count
