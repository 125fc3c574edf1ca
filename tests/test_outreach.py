"""Drafts as .eml files, sent by SMTP, and updates to a whole circle."""

from __future__ import annotations

import email
from email.policy import default

from tests.test_digest import NOW, free_port, smtp_server  # noqa: F401  (the fixture)


def setup(cli, port):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com", now=NOW)
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com", "--circle", "mentors",
           now="2026-01-01T09:00:00+00:00")
    cli.ok("people", "add", "Ana Silva", "--email", "ana@example.org", "--circle", "mentors",
           now="2026-01-01T09:00:00+00:00")
    cli.ok("people", "add", "Lee Park", "--circle", "mentors", now="2026-01-01T09:00:00+00:00")
    for name, value in (("smtp_host", "127.0.0.1"), ("smtp_port", str(port)),
                        ("smtp_security", "none")):
        cli.ok("config", name, value)


def test_a_draft_as_eml_and_sent_by_smtp(cli, smtp_server, tmp_path):
    setup(cli, smtp_server.port)
    loop = cli.json("got", "introduction", "--from", "Tom", "--introduced", "Dana Lee", now=NOW)["id"]
    shown = cli.json("draft", f"loop:{loop}", now=NOW)
    assert shown["to"] == "tom@initech.com" and "introducing me to Dana Lee" in shown["body"]

    cli.ok("draft", f"loop:{loop}", "--eml", str(tmp_path), now=NOW)
    saved = email.message_from_bytes((tmp_path / f"loop-{loop}.eml").read_bytes(), policy=default)
    assert saved["To"] == "tom@initech.com" and saved["X-Unsent"] == "1"
    assert "introducing me to Dana Lee" in saved.get_content()
    assert cli.json("loop", str(loop))["stage"] == "helped"  # writing a file sends nothing

    cli.ok("send", f"loop:{loop}", now=NOW)
    [(to, message)] = smtp_server.messages
    assert to == ["tom@initech.com"] and message["Subject"] == "Thank you"
    sent_loop = cli.json("loop", str(loop))
    assert sent_loop["stage"] == "thanked" and sent_loop["events"][-1]["interaction_id"]
    assert cli.json("interactions", "--person", "Tom")[0]["summary"] == "Thank you"
    assert cli("send", f"loop:{loop}", now=NOW).code == 3  # nothing is owed now


def test_an_update_to_a_circle_is_personal_and_resets_the_clock(cli, smtp_server, tmp_path):
    setup(cli, smtp_server.port)
    cli.ok("config", "cadence.mentors", "30")
    loop = cli.json("got", "introduction", "--from", "Tom", "--introduced", "Dana Lee",
                    now="2026-02-01T09:00:00+00:00")["id"]
    cli.ok("thank", str(loop), now="2026-02-01T10:00:00+00:00")
    cli.ok("acted", str(loop), now="2026-02-10T10:00:00+00:00")
    preview = cli.ok("update", "--circle", "mentors", "--subject", "News", "--message",
                     "I start at Acme next month.", now=NOW).out
    assert "3 message(s) ready" in preview and not smtp_server.messages

    done = cli.json("update", "--circle", "mentors", "--subject", "News", "--message",
                    "I start at Acme next month.", "--send", now=NOW)
    assert done == {"done": 2, "skipped_no_email": ["Lee Park"]}
    bodies = {to[0]: m.get_content() for to, m in smtp_server.messages}
    assert "Dana and I have met since" in bodies["tom@initech.com"]
    assert "Dana" not in bodies["ana@example.org"]
    assert all("I start at Acme next month." in b and b.startswith("Hi ") for b in bodies.values())
    assert [i["summary"] for i in cli.json("interactions", "--person", "Ana")] == ["News"]
    # Ana and Tom heard from me: only Lee is owed a keep-in-touch.
    kit = [i["person"] for i in cli.json("today", now="2026-03-06T09:00:00+00:00")
           if i["action"] == "keep_in_touch"]
    assert kit == ["Lee Park"]

    written = cli.json("update", "--circle", "mentors", "--subject", "News", "--message", "x",
                       "--eml-dir", str(tmp_path / "out"), now=NOW)
    assert written["done"] == 2 and len(list((tmp_path / "out").glob("*.eml"))) == 2
    assert cli("update", "--circle", "nobody-here", "--subject", "x", "--message", "y").code == 3
