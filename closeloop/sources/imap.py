"""Read new mail from an IMAP folder, incrementally, with the standard library.

    fetch = fetch_new(host, None, user, password, "INBOX", saved_state)
    for uid, raw in fetch:          # oldest first, in batches, nothing marked read
        store(raw)                  # the caller parses and deduplicates by Message-ID
        save(fetch.state)           # safe to save after any message
    fetch.uidvalidity_changed       # True when the folder was rebuilt: all re-fetched

The sync state of a folder is ``SyncState(uidvalidity, last_uid)``, kept by the
caller per (host, user, folder); the password is never kept here. The next run
fetches only UIDs above ``last_uid``. When the server's UIDVALIDITY differs from
the saved one, the old UIDs mean nothing any more, so everything is fetched
again and ``uidvalidity_changed`` says so.

Connections use TLS (``tls="ssl"``, port 993, or ``tls="starttls"``, port 143),
verified against the system's trust store or the ``ssl_context`` given. Plain
IMAP (``tls="none"``) needs ``allow_plain=True`` and a loopback host.

Errors: every failure is an ``ImapError`` (translated from ``imaplib``, ``ssl``
and ``socket`` errors with ``raise ... from``), a ``closeloop.errors.SourceError``
(exit 9, HTTP 502); its ``reason`` says which kind:

    SourceError
    └── ImapError
      reason = "insecure"    plain IMAP refused (not allowed, or not loopback)
               "connect"     host unknown, unreachable, refused, timed out
               "tls"         TLS handshake or certificate check failed
               "login"       wrong user or password, or auth refused
               "folder"      the folder does not exist or cannot be opened
               "protocol"    the connection dropped or the server misbehaved

Memory stays flat however large the folder: UIDs are listed in windows of
``WINDOW`` and bodies fetched ``batch`` messages (at most ``batch_bytes``) at
a time, and each message is handed on before the next batch is read.

Imports only the standard library and ``closeloop.errors``.
"""

from __future__ import annotations

import base64
import imaplib
import ipaddress
import re
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Literal
from urllib.parse import quote

from closeloop.errors import SourceError

__all__ = ["ImapError", "ImapFetch", "SyncState", "fetch_new", "is_loopback"]

Tls = Literal["ssl", "starttls", "none"]
Reason = Literal["insecure", "connect", "tls", "login", "folder", "protocol"]

DEFAULT_PORTS: dict[str, int] = {"ssl": 993, "starttls": 143, "none": 143}
WINDOW = 5_000  # UIDs listed per UID FETCH (RFC822.SIZE) round trip
BATCH = 100  # messages per body fetch
BATCH_BYTES = 20_000_000  # ... and at most this many bytes, unless one message is larger


class ImapError(SourceError):
    """Any failure talking to an IMAP server; ``reason`` says which kind."""

    def __init__(self, message: str, *, reason: Reason) -> None:
        super().__init__(message)
        self.reason: Reason = reason


@dataclass(frozen=True, slots=True)
class SyncState:
    """Where the last sync of one folder stopped: its UIDVALIDITY and the last UID read."""

    uidvalidity: int
    last_uid: int = 0


class ImapFetch(Iterator[tuple[int, bytes]]):
    """An open, selected folder that yields ``(uid, raw_bytes)`` of new messages.

    ``state`` is what to save: it advances as messages are yielded, so it is
    correct to save it after any message. The connection closes itself when
    the iteration ends or fails; use ``with`` or ``close()`` to stop early.
    """

    def __init__(
        self,
        conn: imaplib.IMAP4,
        *,
        host: str,
        user: str,
        folder: str,
        previous: SyncState | None,
        uidvalidity: int,
        uidnext: int | None,
        exists: int,
        batch: int,
        batch_bytes: int,
    ) -> None:
        self._conn: imaplib.IMAP4 | None = conn
        self.host, self.user, self.folder = host, user, folder
        self._where = f"{user}@{host}/{folder}"
        self.previous = previous
        self.uidvalidity_changed = previous is not None and previous.uidvalidity != uidvalidity
        start = 0 if previous is None or self.uidvalidity_changed else previous.last_uid
        self.state = SyncState(uidvalidity, start)
        self.exists = exists  # messages in the folder now (a bound for a progress bar)
        self._uidnext = uidnext
        self._batch = max(1, batch)
        self._batch_bytes = batch_bytes
        self._messages = self._fetch()

    def source(self, uid: int) -> str:
        """An IMAP URL (RFC 5092) naming one message, for problems and provenance."""
        return (
            f"imap://{quote(self.user, safe='')}@{self.host}/{quote(self.folder, safe='/')}"
            f";UIDVALIDITY={self.state.uidvalidity}/;UID={uid}"
        )

    def __iter__(self) -> ImapFetch:
        return self

    def __next__(self) -> tuple[int, bytes]:
        return next(self._messages)

    def __enter__(self) -> ImapFetch:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Log out (politely, ignoring a dead connection) and stop the iteration."""
        self._messages.close()
        conn, self._conn = self._conn, None
        _logout(conn)

    def _fetch(self) -> Iterator[tuple[int, bytes]]:
        try:
            for uids in self._batches():
                for uid, raw in self._bodies(uids):
                    self.state = SyncState(self.state.uidvalidity, uid)
                    yield uid, raw
        except (imaplib.IMAP4.error, OSError) as exc:
            raise ImapError(
                f"IMAP connection to {self._where} failed while fetching: {_text(exc)}",
                reason="protocol",
            ) from exc
        finally:
            conn, self._conn = self._conn, None
            _logout(conn)

    def _batches(self) -> Iterator[list[int]]:
        """UIDs above the state's last UID, in batches bounded by count and bytes."""
        low = self.state.last_uid + 1
        # Without UIDNEXT, "low:*" is the only way; it always returns the highest
        # UID even when that is below ``low``, hence the filter in _sizes.
        high = None if self._uidnext is None else self._uidnext - 1
        while high is None or low <= high:
            top = None if high is None else min(low + WINDOW - 1, high)
            uids: list[int] = []
            size = 0
            for uid, length in self._sizes(low, top):
                if uids and (len(uids) >= self._batch or size + length > self._batch_bytes):
                    yield uids
                    uids, size = [], 0
                uids.append(uid)
                size += length
            if uids:
                yield uids
            if top is None:
                return
            low = top + 1

    def _sizes(self, low: int, high: int | None) -> list[tuple[int, int]]:
        conn = self._connection()
        span = f"{low}:{'*' if high is None else high}"
        typ, data = conn.uid("FETCH", span, "(RFC822.SIZE)")
        _expect_ok(typ, data, f"UID FETCH {span} (RFC822.SIZE)")
        found: dict[int, int] = {}
        for item in data:
            line = item[0] if isinstance(item, tuple) else item
            if not line:
                continue
            uid, length = _field(line, b"UID"), _field(line, b"RFC822.SIZE")
            if uid is not None and uid >= low and (high is None or uid <= high):
                found[uid] = length or 0
        return sorted(found.items())

    def _bodies(self, uids: list[int]) -> Iterator[tuple[int, bytes]]:
        conn = self._connection()
        typ, data = conn.uid("FETCH", _uid_set(uids), "(UID BODY.PEEK[])")
        _expect_ok(typ, data, "UID FETCH (BODY.PEEK[])")
        wanted = set(uids)
        bodies: dict[int, bytes] = {}
        pending: bytes | None = None  # a body whose UID comes after the literal
        for item in data:
            if isinstance(item, tuple):
                header, body = item
                uid = _field(header, b"UID")
                if uid is None:
                    pending = body
                elif uid in wanted:
                    bodies[uid] = body
            elif pending is not None and item:
                uid = _field(item, b"UID")
                if uid is not None and uid in wanted:
                    bodies[uid] = pending
                pending = None
        del data
        # A UID listed a moment ago may have been expunged since: nothing to yield for it.
        for uid in uids:
            if uid in bodies:
                yield uid, bodies.pop(uid)

    def _connection(self) -> imaplib.IMAP4:
        if self._conn is None:
            raise ImapError(f"IMAP connection to {self._where} is closed", reason="protocol")
        return self._conn


def fetch_new(
    host: str,
    port: int | None,
    user: str,
    password: str,
    folder: str,
    state: SyncState | None,
    *,
    tls: Tls = "ssl",
    allow_plain: bool = False,
    ssl_context: ssl.SSLContext | None = None,
    batch: int = BATCH,
    batch_bytes: int = BATCH_BYTES,
    timeout: float = 60.0,
) -> ImapFetch:
    """Connect, log in and open ``folder`` read-only; iterate the result for new mail.

    ``state`` is the saved ``SyncState`` (``None`` on the first sync). ``port``
    ``None`` means 993 for ``tls="ssl"``, else 143. Raises ``ImapError`` at once
    if the server cannot be reached, TLS fails, login fails or the folder is
    missing; later failures are raised from the iteration.
    """
    if tls not in DEFAULT_PORTS:
        raise ValueError(f"tls must be 'ssl', 'starttls' or 'none', not {tls!r}")
    port = port or DEFAULT_PORTS[tls]
    where = f"{user}@{host}"
    if tls == "none":
        if not allow_plain:
            raise ImapError(
                f"refusing plain IMAP to {host}:{port}: the password would travel unencrypted; "
                "use TLS, or allow plain IMAP explicitly (localhost only)",
                reason="insecure",
            )
        if not is_loopback(host):
            raise ImapError(
                f"refusing plain IMAP to {host}:{port}: plain IMAP is only allowed to "
                "localhost; use TLS (tls='ssl' or 'starttls')",
                reason="insecure",
            )
    conn = _connect(host, port, tls, ssl_context, timeout)
    try:
        _login(conn, user, password, where)
        try:
            # EXAMINE, not SELECT: read-only, so even a careless fetch marks nothing read.
            typ, data = conn.select(_quote_mailbox(folder), readonly=True)
        except (imaplib.IMAP4.error, OSError) as exc:
            raise ImapError(
                f"IMAP connection to {where} failed opening {folder!r}: {_text(exc)}", reason="protocol"
            ) from exc
        if typ != "OK":
            raise ImapError(
                f"IMAP folder {folder!r} cannot be opened for {where}: {_server_text(data)}",
                reason="folder",
            )
        exists = int(data[0] or 0) if data else 0
        uidvalidity = _number(conn, "UIDVALIDITY")
        if uidvalidity is None:
            raise ImapError(f"IMAP server {host} sent no UIDVALIDITY for {folder!r}", reason="protocol")
        uidnext = _number(conn, "UIDNEXT")
    except BaseException:
        _logout(conn)
        raise
    return ImapFetch(
        conn,
        host=host,
        user=user,
        folder=folder,
        previous=state,
        uidvalidity=uidvalidity,
        uidnext=uidnext,
        exists=exists,
        batch=batch,
        batch_bytes=batch_bytes,
    )


def is_loopback(host: str) -> bool:
    """True for "localhost" and loopback addresses; names are not resolved (DNS could lie)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _connect(
    host: str, port: int, tls: Tls, context: ssl.SSLContext | None, timeout: float
) -> imaplib.IMAP4:
    context = context or ssl.create_default_context()
    conn: imaplib.IMAP4 | None = None
    try:
        if tls == "ssl":
            return imaplib.IMAP4_SSL(host, port, ssl_context=context, timeout=timeout)
        conn = imaplib.IMAP4(host, port, timeout=timeout)
        if tls == "starttls":
            conn.starttls(ssl_context=context)
        return conn
    except ssl.SSLError as exc:  # before OSError: it is one
        _drop(conn)
        raise ImapError(f"TLS with IMAP server {host}:{port} failed: {_text(exc)}", reason="tls") from exc
    except socket.gaierror as exc:
        raise ImapError(f"IMAP server {host} not found: {exc.strerror or exc}", reason="connect") from exc
    except TimeoutError as exc:
        _drop(conn)
        raise ImapError(f"IMAP server {host}:{port} did not answer in {timeout:g} s", reason="connect") from exc
    except OSError as exc:
        _drop(conn)
        raise ImapError(
            f"cannot reach IMAP server {host}:{port}: {exc.strerror or exc}", reason="connect"
        ) from exc
    except imaplib.IMAP4.error as exc:
        _drop(conn)
        if tls == "starttls":
            raise ImapError(f"STARTTLS with IMAP server {host}:{port} failed: {_text(exc)}", reason="tls") from exc
        raise ImapError(f"IMAP server {host}:{port} misbehaved: {_text(exc)}", reason="protocol") from exc


def _login(conn: imaplib.IMAP4, user: str, password: str, where: str) -> None:
    try:
        if "AUTH=PLAIN" in conn.capabilities:
            # AUTHENTICATE PLAIN carries any UTF-8 user and password; LOGIN is ASCII-only.
            token = f"\0{user}\0{password}".encode()
            conn.authenticate("PLAIN", lambda _challenge: token)
        else:
            if not (user.isascii() and password.isascii()):
                raise ImapError(
                    f"IMAP login failed for {where}: the server offers only LOGIN, "
                    "which cannot carry non-ASCII user names or passwords",
                    reason="login",
                )
            conn.login(_quote(user), password)
    except imaplib.IMAP4.abort as exc:
        raise ImapError(f"IMAP connection to {where} dropped during login: {_text(exc)}", reason="protocol") from exc
    except imaplib.IMAP4.error as exc:
        raise ImapError(f"IMAP login failed for {where}: {_text(exc)}", reason="login") from exc
    except OSError as exc:
        raise ImapError(f"IMAP connection to {where} failed during login: {_text(exc)}", reason="protocol") from exc


def _number(conn: imaplib.IMAP4, name: str) -> int | None:
    _typ, data = conn.response(name)
    if data and data[-1]:
        try:
            return int(data[-1])
        except ValueError:
            return None
    return None


def _expect_ok(typ: str, data: list, command: str) -> None:  # type: ignore[type-arg]
    if typ != "OK":
        raise imaplib.IMAP4.error(f"{command}: {typ} {_server_text(data)}")


_FIELDS: dict[bytes, re.Pattern[bytes]] = {
    name: re.compile(rb"[( ]" + re.escape(name) + rb" (\d+)") for name in (b"UID", b"RFC822.SIZE")
}


def _field(line: bytes, name: bytes) -> int | None:
    match = _FIELDS[name].search(line)
    return int(match.group(1)) if match else None


def _uid_set(uids: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``"1:3,7"``: short commands for long batches."""
    parts: list[str] = []
    start = prev = uids[0]
    for uid in uids[1:]:
        if uid != prev + 1:
            parts.append(f"{start}:{prev}" if prev != start else str(start))
            start = uid
        prev = uid
    parts.append(f"{start}:{prev}" if prev != start else str(start))
    return ",".join(parts)


def _quote(text: str) -> str:  # an IMAP quoted string
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quote_mailbox(folder: str) -> str:
    """A folder name as IMAP wants it: modified UTF-7 (RFC 3501 5.1.3), quoted."""
    return _quote(_utf7_mailbox(folder))


def _utf7_mailbox(folder: str) -> str:
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be")).rstrip(b"=")
            out.append("&" + encoded.decode("ascii").replace("/", ",") + "-")
            pending.clear()

    for char in folder:
        if " " <= char <= "~":
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)


def _text(exc: BaseException) -> str:
    """The server's words from an imaplib error (often bytes inside the args)."""
    if exc.args and isinstance(exc.args[0], bytes):
        return exc.args[0].decode("utf-8", "replace")
    text = str(exc)
    match = re.fullmatch(r"b(['\"])(.*)\1", text)
    return match.group(2) if match else text


def _server_text(data: list | None) -> str:  # type: ignore[type-arg]
    if not data:
        return "no reason given"
    last = data[-1]
    if isinstance(last, tuple):
        last = last[0]
    return last.decode("utf-8", "replace") if isinstance(last, bytes) else str(last)


def _logout(conn: imaplib.IMAP4 | None) -> None:
    """LOGOUT politely; a connection that is already dead needs nothing more."""
    if conn is not None:
        try:
            conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass


def _drop(conn: imaplib.IMAP4 | None) -> None:
    if conn is not None:
        try:
            conn.shutdown()
        except OSError:
            pass
