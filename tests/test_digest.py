"""The daily digest, sent through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import email
import socket
from email.policy import default

import pytest

NOW = "2026-03-05T07:00:00+00:00"


class Inbox:
    """What the SMTP server received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content,
                                                                         policy=default)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


def ledger_with_work(cli, port: int):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com", now=NOW)
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com", now=NOW)
    cli.ok("people", "add", "Ana Silva", "--email", "ana@example.org", "--circle", "close",
           now="2026-01-01T09:00:00+00:00")
    loop = cli.json("got", "introduction", "--from", "Tom", "--introduced", "Dana Lee", now=NOW)
    for name, value in (("smtp_host", "127.0.0.1"), ("smtp_port", str(port)),
                        ("smtp_security", "none"), ("web_url", "http://127.0.0.1:8765")):
        cli.ok("config", name, value)
    return loop["id"]


def test_one_digest_a_day_with_everything_grouped(cli, smtp_server):
    loop = ledger_with_work(cli, smtp_server.port)
    result = cli.ok("digest", "--send", now=NOW)
    assert "sent 1 message" in result.out
    [(to, message)] = smtp_server.messages
    assert to == ["maya@example.com"]
    assert message["Subject"] == "closeloop: 2 follow-ups for Thu 5 Mar"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert text.index("== Thank (1) ==") < text.index("== Keep in touch (1) ==")
    assert "Thank you for introducing me to Dana Lee" in text
    assert f"http://127.0.0.1:8765/items/loop:{loop}" in text and f"/items/loop:{loop}" in html
    assert "mailto:tom@initech.com?subject=Thank%20you" in html

    # Once a day: a second run sends nothing, --force sends again.
    again = cli.ok("digest", "--send", now="2026-03-05T12:00:00+00:00")
    assert "already sent" in again.out and len(smtp_server.messages) == 1
    cli.ok("digest", "--send", "--force", now="2026-03-05T12:00:00+00:00")
    assert len(smtp_server.messages) == 2


def test_a_refused_digest_is_kept_shown_and_retried(cli, smtp_server):
    ledger_with_work(cli, smtp_server.port)
    cli.ok("config", "smtp_port", str(free_port()))  # nothing listens there
    failed = cli("digest", "--send", now=NOW)
    assert failed.code == 9
    assert failed.err.startswith("error: cannot reach the SMTP server 127.0.0.1:")
    assert "kept in the outbox" in failed.err
    doctor = cli("doctor")
    assert doctor.code == 1 and "FIX outbox" in doctor.out and "1 message(s) waiting" in doctor.out

    cli.ok("config", "smtp_port", str(smtp_server.port))
    cli.ok("digest", "--send", now="2026-03-05T08:00:00+00:00")
    assert len(smtp_server.messages) == 1  # the fresh digest replaced the stale one
    assert cli("doctor").code == 0


def test_a_failed_login_is_a_clear_error(cli, monkeypatch):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    def refuse(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False)

    port = free_port()
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port, authenticator=refuse,
                            auth_require_tls=False)
    controller.start()
    try:
        ledger_with_work(cli, port)
        cli.ok("config", "smtp_user", "maya")
        monkeypatch.setenv("CLOSELOOP_SMTP_PASSWORD", "wrong")
        result = cli("digest", "--send", now=NOW)
    finally:
        controller.stop()
    assert result.code == 9 and "SMTP login failed for maya at 127.0.0.1" in result.err
    assert "wrong" not in result.err


def test_without_smtp_the_digest_is_printed_and_send_says_what_to_set(cli):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com", now=NOW)
    cli.ok("people", "add", "Tom Rivera", now=NOW)
    cli.ok("got", "advice", "--from", "Tom", "--about", "salary talks", now=NOW)
    printed = cli.ok("digest", now=NOW).out
    assert printed.startswith("Subject: closeloop: 1 follow-up for Thu 5 Mar")
    assert "your advice on salary talks" in printed
    result = cli("digest", "--send", now=NOW)
    assert result.code == 7 and "closeloop config smtp_host" in result.err


def test_a_broken_user_template_is_named_and_the_default_used(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CLOSELOOP_CONFIG_DIR", str(tmp_path / "cfg"))
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com", now=NOW)
    cli.ok("people", "add", "Tom Rivera", now=NOW)
    cli.ok("got", "advice", "--from", "Tom", "--about", "salary talks", now=NOW)
    written = cli.ok("templates").out
    assert "thank.txt.j2" in written
    folder = tmp_path / "cfg" / "templates"
    (folder / "thank.txt.j2").write_text("Dear {{ first_name }},\nthanks for {{ about }}!\n")
    assert cli.json("today", now=NOW)[0]["draft"] == "Dear Tom,\nthanks for salary talks!\n"
    (folder / "digest.txt.j2").write_text("Hello\n{% for g in groups %}\n{{ g.title }\n")
    result = cli.ok("digest", now=NOW)
    assert f"{folder / 'digest.txt.j2'}, line 3" in result.err
    assert "using the default template" in result.err
    assert "== Thank (1) ==" in result.out  # the default did the job
    doctor = cli("doctor")
    assert doctor.code == 1 and "digest.txt.j2, line 3" in doctor.out


def test_serve_sends_the_digest_at_its_hour_once(cli, smtp_server, ledger, monkeypatch):
    from closeloop.service import open_ledger
    from closeloop.service.digest import scheduled_send
    ledger_with_work(cli, smtp_server.port)
    cli.ok("config", "digest_hour", "8")
    monkeypatch.setenv("CLOSELOOP_NOW", "2026-03-05T07:30:00+00:00")  # TZ=UTC in tests
    assert scheduled_send(open_ledger()) is None  # too early
    monkeypatch.setenv("CLOSELOOP_NOW", "2026-03-05T08:05:00+00:00")
    assert scheduled_send(open_ledger()).sent == 1
    monkeypatch.setenv("CLOSELOOP_NOW", "2026-03-05T09:05:00+00:00")
    assert scheduled_send(open_ledger()) is None  # once a day
    assert len(smtp_server.messages) == 1
