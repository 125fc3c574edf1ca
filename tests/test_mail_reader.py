"""Reading real mail: every message becomes a Message or a Problem naming its source."""

from __future__ import annotations

import gzip
import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from closeloop.core.message import Address, Message
from closeloop.core.problems import Problem
from closeloop.sources.mail import parse_message, read_messages, scan

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MAIL = DATA / "mail"


def need(path: Path) -> Path:
    """Skip (or fail under CLOSELOOP_REQUIRE_CORPORA=1) when the corpus is absent."""
    if not path.exists():
        reason = f"real mail corpus not found at {path}"
        if os.environ.get("CLOSELOOP_REQUIRE_CORPORA") == "1":
            pytest.fail(reason + " (CLOSELOOP_REQUIRE_CORPORA=1)")
        pytest.skip(reason)
    return path


def read_all(*paths) -> list[Message | Problem]:
    return list(read_messages(paths))


@pytest.mark.corpora
@pytest.mark.parametrize("folder", ["malformed", "notmuch-corpora"])
def test_every_real_sample_is_a_message_or_a_problem_with_its_source(folder):
    root = need(MAIL / folder)
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    items = read_all(root)
    assert len(items) >= len(files) - 5  # Maildir metadata may be skipped, nothing else
    sources = {item.source.split("#")[0] for item in items}
    for f in files:
        if not f.name.startswith(("dovecot", "courier")):
            assert str(f) in sources, f"{f} silently dropped"
    for item in items:
        assert isinstance(item, (Message, Problem))
        assert item.source
    messages = [i for i in items if isinstance(i, Message)]
    assert len(messages) > 0.8 * len(items) - 40


@pytest.mark.corpora
def test_images_and_sounds_are_problems_not_crashes():
    root = need(MAIL / "malformed" / "cpython-test-email")
    items = {Path(i.source).name: i for i in read_all(root)}
    assert isinstance(items["python.png"], Problem)
    assert "not a mail message" in items["python.png"].message
    assert isinstance(items["msg_01.txt"], Message)


@pytest.mark.corpora
def test_compressed_mbox_streams_every_message_with_index():
    path = need(MAIL / "spamassassin-easy-ham-2.mbox.xz")
    items = read_all(path)
    assert len(items) == 1400
    assert items[0].source == f"{path}#0" and items[-1].source == f"{path}#1399"
    messages = [i for i in items if isinstance(i, Message)]
    assert len(messages) == 1400
    ids = {m.message_id for m in messages}
    replies = [m for m in messages if m.in_reply_to in ids]
    assert len(replies) >= 300  # threads can be rebuilt
    assert all("<" not in (m.message_id or "") for m in messages)


@pytest.mark.corpora
def test_bad_charsets_and_dates_become_defects_not_failures():
    root = need(MAIL / "malformed" / "hyperkitty")
    items = {Path(i.source.split("#")[0]).name: i for i in read_all(root)}
    bad_date = items["bad_date_tz.txt"]
    assert isinstance(bad_date, Message)
    unknown = items["unknown-charset.txt"]
    assert isinstance(unknown, Message) and unknown.text


@pytest.mark.corpora
def test_scan_emits_one_json_object_per_message(tmp_path):
    root = need(MAIL / "notmuch-corpora")
    records = list(scan([root]))
    assert records
    for record in records:
        json.dumps(record)
        assert "source" in record
        assert ("error" in record) or {"message_id", "from", "findings"} <= record.keys()


RAW = (
    b"From: =?utf-8?q?J=C3=B6rg_M=C3=BCller?= <Joerg@Example.COM>\n"
    b"To: Ann <ann@x.org>, \"Doe, Bob\" <bob@y.org>\n"
    b"Cc: carol@z.org\n"
    b"Subject: =?iso-8859-1?q?Caf=E9?=\n"
    b"Date: Tue, 3 Apr 2001 09:15:00 -0700\n"
    b"Message-ID: <abc@x>\n"
    b"In-Reply-To: <prev@x>\n"
    b"References: <root@x> <prev@x>\n"
    b"Content-Type: text/plain; charset=utf-8\n"
    b"Content-Transfer-Encoding: quoted-printable\n"
    b"\n"
    b"Thanks for the introduction to Sara =E2=80=94 we meet on Friday.\n"
    b"\n"
    b"-----Original Message-----\n"
    b"From: Ann\n"
    b"Sent: Monday\n"
    b"Please meet Sara, she runs the lab.\n"
)


def test_headers_are_decoded_and_normalised():
    m = parse_message(RAW, "x.eml")
    assert isinstance(m, Message)
    assert m.sender == Address("Jörg Müller", "joerg@example.com")
    assert [a.email for a in m.to] == ["ann@x.org", "bob@y.org"]
    assert m.to[1].name == "Doe, Bob"
    assert m.cc == (Address("", "carol@z.org"),)
    assert m.subject == "Café"
    assert m.date == datetime(2001, 4, 3, 16, 15, tzinfo=timezone.utc)
    assert (m.message_id, m.in_reply_to, m.references) == ("abc@x", "prev@x", ("root@x", "prev@x"))
    assert "—" in m.text
    assert m.new_text == "Thanks for the introduction to Sara — we meet on Friday."


def test_enron_style_tree_of_raw_files_and_maildir(tmp_path):
    for n in (1, 2, 10):
        p = tmp_path / "enron" / "allen-p" / "inbox" / str(n)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(RAW.replace(b"abc@x", f"m{n}@x".encode()))
    md = tmp_path / "md"
    for sub in ("cur", "new", "tmp"):
        (md / sub).mkdir(parents=True)
    (md / "cur" / "1:2,S").write_bytes(RAW)
    (md / "tmp" / "partial").write_bytes(b"From: x")
    (md / "dovecot-uidlist").write_bytes(b"3 V1 N2\n")
    items = read_all(tmp_path / "enron", md, tmp_path / "missing")
    assert [Path(i.source).name for i in items[:3]] == ["1", "2", "10"]  # natural order
    assert isinstance(items[3], Message) and items[3].source.endswith("1:2,S")
    assert isinstance(items[4], Problem) and "no such file" in items[4].message
    assert len(items) == 5


def test_plain_and_gzipped_mbox_with_escaped_from(tmp_path):
    box = (
        b"From a@b Mon Jan  1 00:00:00 2001\n" + RAW + b"\n>From the desk of Ann\n\n"
        b"From b@c Mon Jan  1 00:00:00 2001\nFrom: b@c\nSubject: two\n\nhello\n\n"
        b"From c@d Mon Jan  1 00:00:00 2001\n\x89PNG garbage\n"
    )
    (tmp_path / "box.mbox").write_bytes(box)
    with gzip.open(tmp_path / "box.mbox.gz", "wb") as f:
        f.write(box)
    for name in ("box.mbox", "box.mbox.gz"):
        items = read_all(tmp_path / name)
        assert [i.source.rsplit("#", 1)[1] for i in items] == ["0", "1", "2"]
        assert isinstance(items[0], Message) and "From the desk of Ann" in items[0].text
        assert ">From the desk" not in items[0].text
        assert isinstance(items[1], Message) and items[1].subject == "two"
        assert isinstance(items[2], Problem)


def test_html_only_message_is_reduced_to_text():
    raw = (
        b"From: a@b.org\nSubject: hi\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/alternative; boundary="XX"\n\n'
        b"--XX\nContent-Type: text/html; charset=latin-1\n\n"
        b"<html><body><p>Thanks so much for the intro!</p>"
        b"<blockquote>Meet Bob.</blockquote><script>x()</script></body></html>\n--XX--\n"
    )
    m = parse_message(raw, "h.eml")
    assert isinstance(m, Message)
    assert "Thanks so much for the intro!" in m.text
    assert "x()" not in m.text
    assert "Meet Bob" not in m.new_text


def test_scan_infers_the_owner_of_an_mbox_found_in_a_folder(tmp_path):
    import mailbox as mailbox_module
    (tmp_path / "box").mkdir()
    box = mailbox_module.mbox(str(tmp_path / "box" / "inbox.mbox"))
    for n in range(5):
        box.add(f"From: friend{n}@x.org\nTo: maya@example.com\nSubject: hi\nMessage-ID: <{n}@x>\n"
                f"Date: Mon, 2 Mar 2026 10:00:00 +0000\n\nHello Maya, good to see you.\n")
    box.add("From: tom@x.org\nTo: dana@acme.com\nCc: maya@example.com\nSubject: contract\nMessage-ID: <c@x>\n"
            "Date: Mon, 2 Mar 2026 11:00:00 +0000\n\nDana, could you send me the signed contract by Friday?\n")
    box.flush()
    for given in (tmp_path, tmp_path / "box" / "inbox.mbox"):
        records = {r["message_id"]: r for r in scan([given])}
        assert records["c@x"]["findings"] == []  # Dana is asked, not Maya, whose mailbox this is
    records = {r["message_id"]: r for r in scan([tmp_path], me=["dana@acme.com"])}
    assert [f["kind"] for f in records["c@x"]["findings"]] == ["ask"]
