"""Turn the raw bytes of one RFC 822 message into a ``Message``, or a ``Problem``.

Speed matters (tens of thousands of messages per import), so headers are split
by hand and only the headers closeloop uses are decoded. The body is decoded
directly when the message is a single text part; only multipart messages go
through the standard library's (compat32) MIME parser. Broken charsets, bad
dates and undecodable parts become ``defects`` on the message, not failures.
"""

from __future__ import annotations

import binascii
import email
import email.policy
import html
import re
from datetime import datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_tz
from functools import lru_cache
from typing import Callable

from closeloop.core.detection.text import new_text
from closeloop.core.message import Address, Message
from closeloop.core.problems import Problem

__all__ = ["parse_message", "html_to_text"]

_BLANK_LINE = re.compile(rb"\n[ \t]*\r?\n")
_HEADER_NAME = re.compile(r"^([!-9;-~]+)[ \t]*:[ \t]*(.*)$", re.DOTALL)
_ANGLE_ID = re.compile(r"<([^<>\s]+)>")
_WANTED = frozenset(
    {
        "message-id", "subject", "from", "to", "cc", "date", "in-reply-to",
        "references", "reply-to", "list-id", "list-unsubscribe", "precedence",
        "auto-submitted", "content-type", "content-transfer-encoding",
    }
)


def _decode_bytes(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# A wanted field and its folded continuation lines; and a line that is neither a
# field nor a continuation. One scan of the header block each, in C.
_FIELD = re.compile(
    r"^(" + "|".join(sorted(_WANTED, key=len, reverse=True)) + r")[ \t]*:[ \t]*(.*(?:\n[ \t].*)*)",
    re.IGNORECASE | re.MULTILINE,
)
_NOT_A_FIELD = re.compile(r"^(?![ \t]|[!-9;-~]+[ \t]*:)(.+)", re.MULTILINE)


def _split_headers(block: bytes) -> tuple[dict[str, str], list[str]]:
    """The wanted headers (first occurrence wins, folded lines joined) and any defects."""
    text = _decode_bytes(block)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    headers: dict[str, str] = {}
    for m in _FIELD.finditer(text):
        name = m.group(1).lower()
        if name not in headers:
            value = m.group(2)
            headers[name] = " ".join(p.strip() for p in value.split("\n")) if "\n" in value \
                else value.strip()
    defects = [f"not a header line: {line[:60]!r}" for line in _NOT_A_FIELD.findall(text)]
    if text[:1] in (" ", "\t"):
        defects.insert(0, "continuation line before any header")
    return headers, defects


def _decode_words(value: str, defects: list[str]) -> str:
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, UnicodeError, ValueError, binascii.Error) as exc:
        defects.append(f"undecodable encoded words: {exc}")
        return value


_ADDR_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|<[^>]*>?|\([^)]*\)?|[^,"<(]+|,')
_PLAIN_ADDR = re.compile(r"^[^\s@<>(),;:\"]+@[^\s@<>(),;:\"]+$")


def _fast_addresses(value: str) -> list[tuple[str, str]] | None:
    """Split an address list quickly; None when it needs the full parser."""
    if '"' not in value and "<" not in value and "(" not in value:
        # Bare addresses ("a@x.com, b@y.org"): most lists in old archives.
        plain = [part.strip() for part in value.split(",")]
        if all(_PLAIN_ADDR.match(part) for part in plain if part):
            return [("", part) for part in plain if part]
    out = []
    name_parts: list[str] = []
    addr = ""
    for token in _ADDR_TOKEN.findall(value) + [","]:
        if token == ",":
            name = " ".join(p for p in name_parts if p).strip()
            if not addr:
                if _PLAIN_ADDR.match(name):
                    addr, name = name, ""
                elif name:
                    return None  # group syntax, bare names, routes: let the stdlib decide
            if addr or name:
                out.append((name, addr))
            name_parts, addr = [], ""
        elif token[0] == "<":
            if addr:
                return None
            addr = token.strip("<>").strip()
        elif token[0] == '"':
            name_parts.append(token.strip('"').replace('\\"', '"'))
        elif token[0] == "(":
            if not name_parts:
                name_parts.append(token.strip("()"))
        else:
            part = token.strip()
            if part and not addr and _PLAIN_ADDR.match(part) and not name_parts:
                addr = part
            elif part:
                name_parts.append(part)
    return out


# The same few people write most of a mailbox: one Address object each, so that
# a batch of messages pickled to the importer carries each of them once.
_address = lru_cache(maxsize=8192)(Address)


def _addresses(value: str | None, defects: list[str]) -> tuple[Address, ...]:
    if not value:
        return ()
    pairs = _fast_addresses(value)
    if pairs is None:
        pairs = getaddresses([value])
    out = []
    for name, addr in pairs:
        if not addr and not name:
            continue
        out.append(_address(_decode_words(name, defects).strip(), addr.strip().lower()))
    return tuple(out)


def _date(value: str | None, defects: list[str]) -> datetime | None:
    if not value:
        return None
    try:
        t = parsedate_tz(value)
        if t is None:
            raise ValueError("unparsable")
        offset = t[9] or 0
        year = t[0]
        if year < 100:  # two-digit years, as RFC 5322 says
            year += 2000 if year < 50 else 1900
        local = datetime(year, t[1], t[2], t[3], t[4], min(t[5], 59), tzinfo=timezone(timedelta(seconds=offset)))
        return local.astimezone(timezone.utc)
    except (ValueError, OverflowError, TypeError, IndexError) as exc:
        defects.append(f"bad date {value[:60]!r}: {exc}")
        return None


def _param(ctype: str, name: str) -> str | None:
    m = re.search(name + r'\s*=\s*"?([^";\s]+)"?', ctype, re.IGNORECASE)
    return m.group(1) if m else None


def _decode_text(payload: bytes, charset: str | None, defects: list[str]) -> str:
    charset = (charset or "").strip().lower()
    if charset and charset not in ("us-ascii", "ascii"):
        try:
            return payload.decode(charset)
        except LookupError:
            defects.append(f"unknown charset {charset!r}")
        except UnicodeDecodeError:
            defects.append(f"text not valid in charset {charset!r}")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("cp1252", errors="replace")


def _transfer_decode(payload: bytes, cte: str, defects: list[str]) -> bytes:
    cte = cte.strip().lower()
    try:
        if cte == "quoted-printable":
            return binascii.a2b_qp(payload)
        if cte == "base64":
            return binascii.a2b_base64(payload)
    except (binascii.Error, ValueError) as exc:
        defects.append(f"bad {cte} body: {exc}")
    return payload


_SCRIPT = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(r"<\s*(br|/p|/div|/tr|/li|/h\d|p|div|li|tr|h\d)\b[^>]*>", re.IGNORECASE)
_QUOTE_TAG = re.compile(r"(<\s*blockquote\b[^>]*>|<\s*/\s*blockquote\s*>)", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def html_to_text(markup: str) -> str:
    """Plain text from HTML; text inside <blockquote> is marked quoted with "> "."""
    markup = _SCRIPT.sub(" ", markup)
    depth = 0
    out: list[str] = []
    for piece in _QUOTE_TAG.split(markup):
        if _QUOTE_TAG.fullmatch(piece):
            depth = max(0, depth + (-1 if "/" in piece else 1))
            out.append("\n")
            continue
        text = _TAG.sub(" ", _BLOCK.sub("\n", piece))
        text = html.unescape(text)
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        if depth:
            lines = ["> " + line if line else line for line in lines]
        out.append("\n".join(lines))
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _multipart_text(raw: bytes, defects: list[str]) -> str:
    """The first inline text/plain part, else the first text/html reduced to text."""
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    plain = html_part = None
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = str(part.get("Content-Disposition", "")).lower()
        if "attachment" in disposition or ctype not in ("text/plain", "text/html"):
            continue
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html_part is None:
            html_part = part
    chosen = plain or html_part
    if chosen is None:
        return ""
    payload = chosen.get_payload(decode=True)
    if payload is None:
        return ""
    if isinstance(payload, str):  # pragma: no cover - compat32 returns bytes
        payload = payload.encode("utf-8", "replace")
    text = _decode_text(payload, chosen.get_content_charset(), defects)
    return html_to_text(text) if chosen is html_part else text


def _body_text(raw: bytes, body: bytes, headers: dict[str, str], defects: list[str]) -> str:
    ctype = headers.get("content-type", "text/plain").strip()
    main = ctype.split(";", 1)[0].strip().lower() or "text/plain"
    if main.startswith("multipart/") or main == "message/rfc822":
        return _multipart_text(raw, defects)
    if not main.startswith("text/") and main != "text":
        # A single non-text part (an attachment-only message): no text to read.
        if "/" in main:
            return ""
    payload = _transfer_decode(body, headers.get("content-transfer-encoding", ""), defects)
    text = _decode_text(payload, _param(ctype, "charset"), defects)
    if main == "text/html":
        return html_to_text(text)
    return text


def parse_message(raw: bytes, source: str, *,
                  skip_body: Callable[[Message], bool] | None = None) -> Message | Problem:
    """One message from its raw bytes; a Problem when it is not mail at all.

    ``skip_body`` is asked first with the message's headers only (no text):
    when it says yes (an importer that already knows from the headers that the
    message is bulk mail), the body is not decoded and the text stays empty.
    """
    if raw.startswith(b"From "):  # mbox envelope line
        raw = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
    raw = raw.lstrip(b"\r\n")
    if not raw.strip():
        return Problem(source, "", "empty message")
    # The header ends at the first blank line; the regex (slow on a long body)
    # only runs on the part before the first plainly empty line.
    end = raw.find(b"\n\n")
    crlf = raw.find(b"\n\r\n")
    if crlf >= 0 and (end < 0 or crlf < end):
        end = crlf
    m = _BLANK_LINE.search(raw, 0, end + 3) if end >= 0 else _BLANK_LINE.search(raw)
    if m:
        head, body = raw[: m.start()], raw[m.end() :]
    else:
        head, body = raw, b""
    first = head.split(b"\n", 1)[0].decode("latin-1")
    if not _HEADER_NAME.match(first):
        return Problem(source, "", "not a mail message: it does not start with a header line")
    headers, defects = _split_headers(head)
    if not headers.keys() & {"from", "to", "subject", "date", "message-id"}:
        return Problem(source, "", "not a mail message: no From, To, Subject, Date or Message-ID header")
    mid = headers.get("message-id")
    if mid:
        found = _ANGLE_ID.search(mid)
        mid = found.group(1) if found else (mid.strip() or None)
    irt = headers.get("in-reply-to")
    if irt:
        found = _ANGLE_ID.search(irt)
        irt = found.group(1) if found else None
    senders = _addresses(headers.get("from"), defects)
    if not senders and headers.get("from"):
        defects.append(f"unreadable From {headers['from'][:60]!r}")
    fields = dict(
        source=source,
        message_id=mid,
        subject=_decode_words(headers.get("subject", ""), defects).strip(),
        sender=senders[0] if senders else None,
        to=_addresses(headers.get("to"), defects),
        cc=_addresses(headers.get("cc"), defects),
        date=_date(headers.get("date"), defects),
        in_reply_to=irt,
        references=tuple(_ANGLE_ID.findall(headers.get("references", ""))),
        reply_to=_addresses(headers.get("reply-to"), defects),
        list_id=headers.get("list-id") or None,
        list_unsubscribe=headers.get("list-unsubscribe") or None,
        precedence=(headers.get("precedence") or "").strip().lower() or None,
        auto_submitted=(headers.get("auto-submitted") or "").strip().lower() or None,
    )
    if skip_body is not None and skip_body(Message(**fields)):
        return Message(**fields, defects=tuple(defects))
    try:
        text = _body_text(raw, body, headers, defects)
    except Exception as exc:  # broken MIME of any kind must not stop the import
        defects.append(f"unreadable body: {type(exc).__name__}: {exc}")
        text = _decode_bytes(body)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Message(**fields, text=text, new_text=new_text(text), defects=tuple(defects))
