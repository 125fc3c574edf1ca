"""closeloop.sources.imap against a real Dovecot on 127.0.0.1 (see tests/imap_server.py).

Each test uses its own folder, so they share one server and can run in any order.
"""

from __future__ import annotations

import imaplib
import socket
import tracemalloc
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeloop.errors import SourceError
from closeloop.sources import imap
from closeloop.sources.imap import ImapError, SyncState, fetch_new

try:  # tests/ as a plain directory on sys.path, or as a package
    from imap_server import ImapServer, imap_server  # noqa: F401  (the fixture)
except ModuleNotFoundError:  # pragma: no cover
    from tests.imap_server import ImapServer, imap_server  # noqa: F401


def message(n: int, folder: str, body: str = "Thanks for the introduction!") -> bytes:
    return (
        f"From: Bob <bob@example.com>\r\n"
        f"To: Alice <alice@example.org>\r\n"
        f"Subject: {folder} message {n}\r\n"
        f"Message-ID: <{folder}.{n}@example.com>\r\n"
        f"Date: Mon, 03 Mar 2025 10:{n % 60:02d}:00 +0000\r\n"
        f"\r\n"
        f"{body}\r\n"
    ).encode()


def sync(server: ImapServer, folder: str, state: SyncState | None, **options) -> tuple[list[tuple[int, bytes]], imap.ImapFetch]:
    """One sync over TLS, trusting the server's self-signed certificate."""
    options.setdefault("tls", "ssl")
    port = server.ssl_port if options["tls"] == "ssl" else server.port
    if options["tls"] != "none":
        options.setdefault("ssl_context", server.ssl_context())
    fetch = fetch_new("localhost", port, server.user, server.password, folder, state, **options)
    return list(fetch), fetch


@pytest.fixture
def folder(imap_server: ImapServer, request: pytest.FixtureRequest) -> str:
    name = request.node.name.replace("[", "_").replace("]", "")[:60]
    imap_server.create_folder(name)
    return name


# -- sync ---------------------------------------------------------------------


def test_first_sync_fetches_everything_in_uid_order(imap_server: ImapServer, folder: str) -> None:
    sent = [message(n, folder) for n in range(1, 4)]
    imap_server.append(folder, *sent)

    got, fetch = sync(imap_server, folder, None)

    assert [raw for _uid, raw in got] == sent
    assert [uid for uid, _raw in got] == imap_server.uids(folder)
    assert fetch.state == SyncState(imap_server.uidvalidity(folder), got[-1][0])
    assert fetch.uidvalidity_changed is False
    assert fetch.exists == 3
    assert fetch.source(1) == (
        f"imap://alice%40example.org@localhost/{folder};UIDVALIDITY={fetch.state.uidvalidity}/;UID=1"
    )


def test_incremental_sync_fetches_only_new_mail(imap_server: ImapServer, folder: str) -> None:
    imap_server.append(folder, message(1, folder), message(2, folder))
    _got, first = sync(imap_server, folder, None)

    imap_server.append(folder, message(3, folder), message(4, folder))
    got, second = sync(imap_server, folder, first.state)

    assert [raw for _uid, raw in got] == [message(3, folder), message(4, folder)]
    assert second.state == SyncState(first.state.uidvalidity, got[-1][0])
    assert second.uidvalidity_changed is False

    # Nothing new: nothing fetched (in particular not the last message again).
    got, third = sync(imap_server, folder, second.state)
    assert got == []
    assert third.state == second.state


def test_without_uidnext_the_last_message_is_not_fetched_again(
    imap_server: ImapServer, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "UID n:*" always matches the highest UID, even below n; a server that
    # sends no UIDNEXT takes that path.
    imap_server.append(folder, message(1, folder), message(2, folder))
    _got, first = sync(imap_server, folder, None)
    real_number = imap._number
    monkeypatch.setattr(imap, "_number", lambda conn, name: None if name == "UIDNEXT" else real_number(conn, name))

    got, second = sync(imap_server, folder, first.state)
    assert got == []
    assert second.state == first.state

    imap_server.append(folder, message(3, folder))
    got, _third = sync(imap_server, folder, first.state)
    assert [raw for _uid, raw in got] == [message(3, folder)]


def test_changed_uidvalidity_refetches_everything(imap_server: ImapServer, folder: str) -> None:
    sent = [message(n, folder) for n in range(1, 4)]
    imap_server.append(folder, *sent)
    _got, before = sync(imap_server, folder, None)

    new_uidvalidity = imap_server.rebuild_folder(folder)
    got, after = sync(imap_server, folder, before.state)

    assert new_uidvalidity != before.state.uidvalidity
    assert after.uidvalidity_changed is True
    assert after.previous == before.state
    assert [raw for _uid, raw in got] == sent  # same messages: the caller dedupes by Message-ID
    assert after.state == SyncState(new_uidvalidity, got[-1][0])

    got, again = sync(imap_server, folder, after.state)
    assert got == [] and again.uidvalidity_changed is False


def test_batches_are_small_and_nothing_is_marked_read(imap_server: ImapServer, folder: str) -> None:
    sent = [message(n, folder, body="x" * (n * 100)) for n in range(1, 8)]
    imap_server.append(folder, *sent)

    got, _fetch = sync(imap_server, folder, None, batch=2, batch_bytes=500)

    assert [raw for _uid, raw in got] == sent
    with imap_server.client() as conn:
        conn.select(f'"{folder}"', readonly=True)
        typ, data = conn.uid("SEARCH", "SEEN")
        assert typ == "OK" and data == [b""]


def test_memory_does_not_grow_with_the_folder(imap_server: ImapServer, folder: str) -> None:
    size, count = 50_000, 120  # 6 MB in the folder
    imap_server.append(folder, *(message(n, folder, body="y" * size) for n in range(count)))

    tracemalloc.start()
    try:
        fetch = fetch_new(
            "127.0.0.1", imap_server.ssl_port, imap_server.user, imap_server.password, folder,
            None, ssl_context=imap_server.ssl_context(), batch=5,
        )
        seen = sum(1 for _uid, _raw in fetch)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert seen == count
    assert peak < 20 * size, f"peak {peak} bytes for batches of 5 messages of {size} bytes"


def test_stopping_early_keeps_a_saveable_state(imap_server: ImapServer, folder: str) -> None:
    imap_server.append(folder, *(message(n, folder) for n in range(1, 5)))

    with fetch_new(
        "localhost", imap_server.ssl_port, imap_server.user, imap_server.password, folder,
        None, ssl_context=imap_server.ssl_context(), batch=1,
    ) as fetch:
        first_uid, _raw = next(fetch)
    assert fetch.state.last_uid == first_uid
    assert list(fetch) == []  # closed

    got, _rest = sync(imap_server, folder, fetch.state)
    assert [raw for _uid, raw in got] == [message(n, folder) for n in range(2, 5)]


def test_folder_names_with_spaces_and_accents(imap_server: ImapServer) -> None:
    folder = "Reçus & archivés 2024"
    imap_server.create_folder(imap._utf7_mailbox(folder))
    imap_server.append(imap._utf7_mailbox(folder), message(1, "accents"))

    got, _fetch = sync(imap_server, folder, None)
    assert [raw for _uid, raw in got] == [message(1, "accents")]


# -- transport security ---------------------------------------------------------


def test_starttls_with_a_trusted_certificate(imap_server: ImapServer, folder: str) -> None:
    imap_server.append(folder, message(1, folder))
    got, _fetch = sync(imap_server, folder, None, tls="starttls")
    assert [raw for _uid, raw in got] == [message(1, folder)]


def test_self_signed_certificate_is_rejected_by_default(imap_server: ImapServer) -> None:
    for tls, port in (("ssl", imap_server.ssl_port), ("starttls", imap_server.port)):
        with pytest.raises(ImapError, match="TLS with IMAP server|STARTTLS") as info:
            fetch_new("localhost", port, imap_server.user, imap_server.password, "INBOX", None, tls=tls)
        assert info.value.reason == "tls"
        assert "certificate" in str(info.value).lower()


def test_plain_imap_on_localhost_only_when_allowed(imap_server: ImapServer, folder: str) -> None:
    imap_server.append(folder, message(1, folder))
    with pytest.raises(ImapError, match="refusing plain IMAP") as info:
        sync(imap_server, folder, None, tls="none")
    assert info.value.reason == "insecure"

    got, _fetch = sync(imap_server, folder, None, tls="none", allow_plain=True)
    assert [raw for _uid, raw in got] == [message(1, folder)]


@pytest.mark.parametrize("host", ["imap.example.com", "192.0.2.10", "10.0.0.1", "localhost.example.com"])
def test_plain_imap_to_another_host_is_refused_without_connecting(
    host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args, **kwargs):
        raise AssertionError("must refuse before connecting")

    monkeypatch.setattr(socket, "create_connection", no_network)
    with pytest.raises(ImapError, match=f"refusing plain IMAP to {host}:143: .*only allowed to localhost") as info:
        fetch_new(host, None, "me", "pw", "INBOX", None, tls="none", allow_plain=True)
    assert info.value.reason == "insecure"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("localhost", True), ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
     ("LOCALHOST", True), ("imap.example.com", False), ("10.0.0.1", False), ("localhost.example.com", False)],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert imap.is_loopback(host) is loopback


# -- errors -------------------------------------------------------------------


def test_wrong_password_is_a_clear_login_error(imap_server: ImapServer) -> None:
    with pytest.raises(ImapError) as info:
        fetch_new("localhost", imap_server.ssl_port, imap_server.user, "wrong", "INBOX", None,
                  ssl_context=imap_server.ssl_context())
    assert info.value.reason == "login"
    assert str(info.value).startswith(f"IMAP login failed for {imap_server.user}@localhost: ")
    assert "Authentication failed" in str(info.value)
    assert "wrong" not in str(info.value)
    assert isinstance(info.value.__cause__, imaplib.IMAP4.error)
    assert isinstance(info.value, SourceError) and info.value.exit_code == SourceError.exit_code


def test_login_command_when_the_server_lacks_auth_plain(imap_server: ImapServer) -> None:
    conn = imaplib.IMAP4(imap_server.host, imap_server.port)
    try:
        conn.capabilities = tuple(c for c in conn.capabilities if c != "AUTH=PLAIN")
        imap._login(conn, imap_server.user, imap_server.password, "here")  # quote and space in it
        assert conn.state == "AUTH"
    finally:
        conn.logout()


def test_missing_folder(imap_server: ImapServer) -> None:
    with pytest.raises(ImapError, match="IMAP folder 'Nope' cannot be opened for .*doesn't exist") as info:
        sync(imap_server, "Nope", None)
    assert info.value.reason == "folder"


def test_unreachable_server() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ImapError, match=f"cannot reach IMAP server 127.0.0.1:{port}") as info:
        fetch_new("127.0.0.1", port, "me", "pw", "INBOX", None)
    assert info.value.reason == "connect"
    assert isinstance(info.value.__cause__, OSError)


def test_unknown_host() -> None:
    with pytest.raises(ImapError, match="IMAP server no-such-host.invalid not found") as info:
        fetch_new("no-such-host.invalid", None, "me", "pw", "INBOX", None, timeout=5)
    assert info.value.reason == "connect"


def test_server_that_hangs_up(imap_server: ImapServer, folder: str) -> None:
    imap_server.append(folder, *(message(n, folder) for n in range(1, 4)))
    fetch = fetch_new("localhost", imap_server.ssl_port, imap_server.user, imap_server.password,
                      folder, None, ssl_context=imap_server.ssl_context(), batch=1)
    next(fetch)
    fetch._conn.shutdown()  # the connection drops between batches
    with pytest.raises(ImapError, match="failed while fetching") as info:
        list(fetch)
    assert info.value.reason == "protocol"


# -- pure helpers ---------------------------------------------------------------


def _expand(uid_set: str) -> Iterator[int]:
    for part in uid_set.split(","):
        low, _, high = part.partition(":")
        yield from range(int(low), int(high or low) + 1)


@given(st.sets(st.integers(min_value=1, max_value=10_000), min_size=1))
def test_uid_set_round_trips(uids: set[int]) -> None:
    assert list(_expand(imap._uid_set(sorted(uids)))) == sorted(uids)


def test_modified_utf7_mailbox_names() -> None:
    # RFC 3501 section 5.1.3's example, and the "&" escape.
    assert imap._utf7_mailbox("~peter/mail/台北/日本語") == "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
    assert imap._utf7_mailbox("Tom & Jerry") == "Tom &- Jerry"
    assert imap._quote_mailbox('a "b"') == '"a \\"b\\""'
