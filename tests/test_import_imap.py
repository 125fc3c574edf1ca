"""`closeloop import imap` against a real Dovecot on 127.0.0.1 (tests/imap_server.py)."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, func, select, text

from closeloop.store.schema import interactions

try:  # tests/ as a plain directory on sys.path, or as a package
    from imap_server import ImapServer, imap_server  # noqa: F401  (the fixture)
except ModuleNotFoundError:  # pragma: no cover
    from tests.imap_server import ImapServer, imap_server  # noqa: F401

pytestmark = pytest.mark.imap


def message(n: int, folder: str, body: str = "Could you send me the slides from Tuesday?") -> bytes:
    return (f"From: Bob Stone <bob@example.com>\r\nTo: Alice <alice@example.org>\r\n"
            f"Subject: {folder} message {n}\r\nMessage-ID: <{folder}.{n}@example.com>\r\n"
            f"Date: Mon, 02 Mar 2026 10:{n % 60:02d}:00 +0000\r\n\r\n{body}\r\n").encode()


@pytest.fixture
def folder(imap_server: ImapServer, request) -> str:
    name = f"imp_{uuid.uuid4().hex[:12]}"
    imap_server.create_folder(name)
    return name


def _import(cli, server: ImapServer, folder: str, monkeypatch, password: str | None = None):
    monkeypatch.setenv("CLOSELOOP_IMAP_PASSWORD", password or server.password)
    return cli("import", "imap", "--host", "127.0.0.1", "--port", str(server.port), "--plain",
               "--user", server.user, "--folder", folder, "--me", "alice@example.org", "--json")


def _stored() -> int:
    engine = create_engine(os.environ["CLOSELOOP_DATABASE_URL"])
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(interactions)).scalar()
    engine.dispose()
    return count


def test_sync_is_incremental_and_survives_a_rebuilt_folder(cli, imap_server, folder, monkeypatch):
    imap_server.append(folder, *(message(n, folder) for n in range(1, 4)))
    first = _import(cli, imap_server, folder, monkeypatch)
    assert first.code == 0, first.err
    assert (first.json()["read"], first.json()["stored"]) == (3, 3)
    assert sorted(p["name"] for p in cli.json("people", "list")) == ["Alice", "Bob Stone"]

    # Nothing new: nothing fetched. New mail: only it is fetched.
    assert _import(cli, imap_server, folder, monkeypatch).json()["read"] == 0
    imap_server.append(folder, message(4, folder), message(5, folder))
    later = _import(cli, imap_server, folder, monkeypatch).json()
    assert (later["read"], later["stored"], later["unchanged"]) == (2, 2, 0)

    # The server rebuilt the folder (new UIDVALIDITY): all fetched again, none duplicated.
    imap_server.rebuild_folder(folder)
    rebuilt = _import(cli, imap_server, folder, monkeypatch).json()
    assert rebuilt["uidvalidity_changed"] is True
    assert (rebuilt["read"], rebuilt["stored"], rebuilt["unchanged"]) == (5, 0, 5)
    assert _stored() == 5
    # Bob asked Alice something in each message: one reply is due per message.
    assert {i["action"] for i in cli.json("today", now="2026-03-10T09:00:00+00:00")} == {"reply"}


def test_a_wrong_password_is_a_clear_error_and_stores_nothing(cli, imap_server, folder, monkeypatch):
    imap_server.append(folder, message(1, folder))
    result = _import(cli, imap_server, folder, monkeypatch, password="not-the-password")
    assert result.code == 9
    assert result.err.startswith("error: IMAP login failed for")
    assert "not-the-password" not in result.err + result.out
    assert _stored() == 0


def test_the_password_is_never_stored(cli, imap_server, folder, monkeypatch, db_url):
    imap_server.append(folder, message(1, folder))
    assert _import(cli, imap_server, folder, monkeypatch).code == 0
    engine = create_engine(db_url)
    with engine.connect() as conn:
        tables = [t for t in ("mail_sync", "settings", "people", "identities", "interactions")]
        dump = " ".join(str(row) for t in tables for row in conn.execute(text(f"SELECT * FROM {t}")))
    engine.dispose()
    assert imap_server.password not in dump


def test_plain_imap_to_another_host_is_refused(cli, monkeypatch):
    monkeypatch.setenv("CLOSELOOP_IMAP_PASSWORD", "x")
    result = cli("import", "imap", "--host", "imap.example.com", "--plain", "--user", "u")
    assert result.code == 9 and "refusing plain IMAP" in result.err
