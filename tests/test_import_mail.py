"""`closeloop import mail` and `closeloop scan`: a job search's mail becomes loops.

The story mailbox is written here as a real mbox; the rest of the tests read
the real corpora in ../shared/data/mail.
"""

from __future__ import annotations

import json
import mailbox
import os
import signal
import subprocess
import sys
import time
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from closeloop.store.schema import interactions
from tests.conftest import ROOT, shared_data

ME = "maya@example.com"


def mail(sender: str, to: list[str], subject: str, body: str, when: str, msgid: str,
         cc: list[str] = (), reply_to: str | None = None, headers: dict | None = None) -> EmailMessage:
    from datetime import datetime
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.fromisoformat(when))
    message["Message-ID"] = f"<{msgid}@example.com>"
    if reply_to:
        message["In-Reply-To"] = f"<{reply_to}@example.com>"
        message["References"] = f"<{reply_to}@example.com>"
    for key, value in (headers or {}).items():
        message[key] = value
    message.set_content(body)
    return message


def story_mbox(path: Path) -> Path:
    box = mailbox.mbox(str(path))
    for message in [
        mail("Maya Chen <maya@example.com>", ["Tom Rivera <tom@initech.com>"], "A favour",
             "Hi Tom,\n\nCould you introduce me to someone on the data team at Acme?\n\nMaya",
             "2026-03-02T10:00:00+00:00", "ask1"),
        mail("Tom Rivera <tom@initech.com>", ["Maya Chen <maya@example.com>"], "Re: A favour",
             "Maya,\n\nI'd like to introduce you to Dana Lee, who runs the data team at Acme. "
             "Dana, Maya was my best intern.\n\nTom", "2026-03-03T08:30:00+00:00", "intro1",
             cc=["Dana Lee <dana@acme.com>"], reply_to="ask1"),
        mail("Maya Chen <maya@example.com>", ["Tom Rivera <tom@initech.com>"], "Re: A favour",
             "Tom,\n\nThank you so much for introducing me to Dana! I'll let you know how it goes.\n\nMaya",
             "2026-03-03T18:00:00+00:00", "thanks1", reply_to="intro1"),
        mail("Maya Chen <maya@example.com>", ["Dana Lee <dana@acme.com>"], "Coffee?",
             "Hi Dana,\n\nTom mentioned you. Would you have time for coffee next week?\n\nMaya",
             "2026-03-04T09:00:00+00:00", "dana1"),
        mail("Sam Okafor <sam@example.org>", ["Maya Chen <maya@example.com>"], "Your thesis",
             "Hi Maya,\n\nDo you have a copy of your thesis you could send me?\n\nSam",
             "2026-03-04T11:00:00+00:00", "sam1"),
        mail("Acme News <news@acme.com>", ["Maya Chen <maya@example.com>"], "This week at Acme",
             "Our newsletter. To unsubscribe click here.", "2026-03-04T12:00:00+00:00", "news1",
             headers={"List-Id": "<news.acme.com>", "List-Unsubscribe": "<mailto:u@acme.com>"}),
        mail("Maya Chen <maya@example.com>", ["Tom Rivera <tom@initech.com>"], "Good news",
             "Tom,\n\nThanks to your introduction, I got the job at Acme! Dana referred me.\n\nMaya",
             "2026-03-20T09:00:00+00:00", "outcome1"),
    ]:
        box.add(message)
    box.flush()
    box.close()
    return path


def test_the_story_mailbox_becomes_a_closed_loop(cli, tmp_path):
    box = story_mbox(tmp_path / "maya.mbox")
    summary = cli.json("import", "mail", str(box), "--me", ME, now="2026-03-21T09:00:00+00:00")
    assert (summary["read"], summary["stored"], summary["bulk"], summary["failed"]) == (7, 6, 1, 0)
    assert summary["people_added"] == 3  # Tom, Dana, Sam: not the newsletter
    names = sorted(p["name"] for p in cli.json("people", "list"))
    assert names == ["Dana Lee", "Maya Chen", "Sam Okafor", "Tom Rivera"]

    [loop] = cli.json("loops", "--person", "Tom")
    assert (loop["direction"], loop["kind"], loop["counterpart"], loop["introduced"]) == (
        "received", "introduction", "Tom Rivera", "Dana Lee")
    assert [e["kind"] for e in loop["events"]] == ["asked", "helped", "thanked", "acted", "reported"]
    assert all(e["automatic"] for e in loop["events"])
    assert "introduce you to Dana Lee" in loop["events"][1]["note"]  # cites the sentence
    assert loop["stage"] == "reported" and loop["closed_at"].startswith("2026-03-20")

    # Sam asked something and got no answer: a reply is due; Dana never answered
    # Maya's ask for coffee: a follow-up is due; the newsletter is nothing.
    agenda = cli.json("today", now="2026-03-21T09:00:00+00:00")
    assert [(i["action"], i["person"]) for i in agenda] == [("reply", "Sam Okafor"),
                                                           ("follow_up", "Dana Lee")]

    # Every automatic step can be taken back.
    undone = cli.json("undo", str(loop["id"]), now="2026-03-21T09:00:00+00:00")
    assert undone["stage"] == "acted"


def test_importing_twice_changes_nothing(cli, tmp_path):
    box = story_mbox(tmp_path / "maya.mbox")
    first = cli.json("import", "mail", str(box), "--me", ME, now="2026-03-21T09:00:00+00:00")
    before = cli.json("export", str(tmp_path / "a.json"))
    again = cli.json("import", "mail", str(box), "--me", ME, now="2026-03-21T09:00:00+00:00")
    assert first["stored"] == 6 and again["stored"] == 0 and again["unchanged"] == 6
    assert again["people_added"] == 0 and again["loop_steps"] == 0
    after = cli.json("export", str(tmp_path / "b.json"))
    assert before["rows"] == after["rows"]


def test_my_address_is_inferred_and_said(cli, tmp_path):
    box = story_mbox(tmp_path / "maya.mbox")
    result = cli.ok("import", "mail", str(box), now="2026-03-21T09:00:00+00:00")
    assert "inferred" in result.out and ME in result.out
    assert cli.json("me")["emails"] == [ME]


def test_my_other_address_counts_as_mine_for_whom_mail_asks_but_is_not_merged_into_me(cli, tmp_path):
    box = story_mbox(tmp_path / "maya.mbox")
    inbox = mailbox.mbox(str(box))
    inbox.add(mail("Sam Okafor <sam@example.org>", ["Maya Chen <mchen@example.com>"], "Old address",
                   "Maya,\n\nCould you send me the slides from Tuesday?\n\nSam",
                   "2026-03-20T09:00:00+00:00", "alias1"))
    inbox.flush()
    result = cli.json("import", "mail", str(box), now="2026-03-21T09:00:00+00:00")
    assert result["me"] == [ME] and result["me_also"] == ["mchen@example.com"]
    assert cli.json("me")["emails"] == [ME]  # the other address is read as mine, not stored as mine
    text = cli.ok("import", "mail", str(box), "--me", ME, now="2026-03-21T09:00:00+00:00").out
    assert "also read as yours" not in text  # given addresses are taken as they are


def test_a_personal_question_answered_is_no_longer_due(cli, tmp_path):
    box = mailbox.mbox(str(tmp_path / "q.mbox"))
    box.add(mail("Sam Okafor <sam@example.org>", [ME], "Thesis",
                 "Could you send me your thesis?", "2026-03-04T11:00:00+00:00", "q1"))
    box.add(mail(f"Maya <{ME}>", ["sam@example.org"], "Re: Thesis",
                 "Here it is. Can you tell me what you think of chapter 2?",
                 "2026-03-05T11:00:00+00:00", "q2", reply_to="q1"))
    box.add(mail("Sam Okafor <sam@example.org>", [ME], "Re: Thesis", "Chapter 2 is great.",
                 "2026-03-06T11:00:00+00:00", "q3", reply_to="q2"))
    box.flush()
    cli.ok("import", "mail", str(tmp_path / "q.mbox"), "--me", ME, now="2026-03-07T09:00:00+00:00")
    # No reply is owed to Sam any more; his answer to my question deserves thanks.
    agenda = cli.json("today", now="2026-03-20T09:00:00+00:00")
    assert [(i["action"], i["person"]) for i in agenda] == [("thank", "Sam Okafor")]
    # My question back was answered in the thread: that ask is helped, not waiting.
    [loop] = cli.json("loops")
    assert [e["kind"] for e in loop["events"]] == ["asked", "helped"]
    assert "answered" in loop["events"][1]["note"]


def story_folder(tmp_path: Path) -> Path:
    """The story mailbox as a folder of .eml files, 0.eml to 6.eml."""
    folder = tmp_path / "eml"
    folder.mkdir()
    story = story_mbox(tmp_path / "maya.mbox")
    for n, message in enumerate(mailbox.mbox(str(story))):
        (folder / f"{n}.eml").write_bytes(message.as_bytes())
    return folder


def test_scan_prints_one_json_line_per_message_and_touches_nothing(cli, tmp_path):
    folder = story_folder(tmp_path)
    (folder / "broken.eml").write_bytes(b"\x00\x01 not mail at all")
    result = cli.ok("scan", str(folder), "--json")
    records = [json.loads(line) for line in result.out.splitlines()]
    assert len(records) == 8
    by_id = {r.get("message_id"): r for r in records}
    assert [f["kind"] for f in by_id["intro1@example.com"]["findings"]] == ["intro"]
    assert "introduce you to Dana Lee" in by_id["intro1@example.com"]["findings"][0]["evidence"]
    assert by_id["intro1@example.com"]["source"].endswith("1.eml")
    assert any("error" in r and r["source"].endswith("broken.eml") for r in records)
    assert cli.json("people", "list") == []


def test_scan_leaves_out_asks_and_thanks_meant_for_the_people_in_to(cli, tmp_path):
    folder = story_folder(tmp_path)
    copied = mail("Tom Rivera <tom@initech.com>", ["Dana Lee <dana@acme.com>"], "Re: contract",
                  "Dana,\n\nThanks for the numbers yesterday. Could you send me the signed contract "
                  "by Friday?\n\nTom", "2026-03-09T09:00:00+00:00", "copied1", cc=[f"Maya Chen <{ME}>"])
    (folder / "copied.eml").write_bytes(copied.as_bytes())
    intro = mail("Tom Rivera <tom@initech.com>", ["Dana Lee <dana@acme.com>"], "Maya",
                 "Dana,\n\nI'd like to introduce you to Maya Chen, who is looking at data roles. "
                 "Could you two find a time to talk?\n\nTom", "2026-03-09T10:00:00+00:00", "intro2",
                 cc=[f"Maya Chen <{ME}>"])
    (folder / "intro2.eml").write_bytes(intro.as_bytes())

    def findings(*args: str) -> tuple[dict, str]:
        result = cli.ok("scan", *args, "--json")
        records = {r["message_id"]: r for r in map(json.loads, result.out.splitlines()) if "message_id" in r}
        return {k: [f["kind"] for f in r["findings"]] for k, r in records.items()}, result.err

    # Maya's mailbox: she is only copied on Tom's request to Dana, but she is introduced.
    found, err = findings(str(folder))
    assert found["copied1@example.com"] == []
    assert found["intro2@example.com"] == ["intro"]
    assert found["intro1@example.com"] == ["intro"]
    assert f"(inferred; --me to set): {ME}" in err
    # One file given alone: its folder's other messages still show whose mailbox it is.
    found, _ = findings(str(folder / "copied.eml"))
    assert found["copied1@example.com"] == []
    # Dana's own addresses given: the request and the thanks are hers.
    found, err = findings(str(folder / "copied.eml"), "--me", "dana@acme.com")
    assert found["copied1@example.com"] == ["ask", "thanks"]
    assert "inferred" not in err


def _count_messages(root: Path) -> int:
    return sum(1 for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("corpus", ["malformed", "notmuch-corpora"])
def test_every_real_message_is_stored_or_reported(cli, corpus):
    root = shared_data("mail", corpus)
    result = cli("import", "mail", str(root), "--me", "nobody@example.invalid", "--json")
    assert result.code in (0, 10), result.err
    summary = json.loads(result.out)
    files = _count_messages(root)
    assert summary["read"] >= files - 5  # a few index files of Maildirs are not messages
    assert summary["read"] == (summary["stored"] + summary["unchanged"] + summary["bulk"]
                               + summary["failed"])
    assert summary["failed"] == len(summary["problems"])
    assert all(p["source"] for p in summary["problems"])
    assert (result.code == 10) == (summary["failed"] > 0)


def test_mailing_list_traffic_is_counted_not_turned_into_people(cli):
    source = shared_data("mail", "spamassassin-easy-ham-2.mbox.xz")
    summary = cli.json("import", "mail", str(source), "--me", "nobody@example.invalid")
    assert summary["read"] == 1400 and summary["failed"] == 0
    assert summary["bulk"] > 1300 and summary["bulk_reasons"]["List-Id"] > 1000
    assert summary["stored"] + summary["bulk"] == 1400
    people = cli.json("people", "list")
    assert len(people) <= summary["stored"] * 3 + 1  # only the personal messages' people


def test_replies_join_their_thread(cli, tmp_path):
    box = story_mbox(tmp_path / "maya.mbox")
    cli.ok("import", "mail", str(box), "--me", ME)
    engine = create_engine(os.environ["CLOSELOOP_DATABASE_URL"])
    with engine.connect() as conn:
        threads = {k: t for k, t in conn.execute(select(interactions.c.source_key, interactions.c.thread_key))}
    engine.dispose()
    assert threads["ask1@example.com"] == threads["intro1@example.com"] == threads["thanks1@example.com"]
    assert threads["dana1@example.com"] != threads["ask1@example.com"]


def _normalized(url: str) -> list[tuple]:
    """What was stored, independent of ids (PostgreSQL sequences don't roll back)."""
    from closeloop.store.schema import identities, interaction_people
    engine = create_engine(url)
    with engine.connect() as conn:
        emails = {p: v for p, v in conn.execute(select(identities.c.person_id, identities.c.value))}
        rows = conn.execute(select(interactions.c.source_key, interactions.c.thread_key,
                                   interactions.c.direction, interactions.c.needs_reply,
                                   interaction_people.c.person_id, interaction_people.c.role)
                            .join(interaction_people)).all()
    engine.dispose()
    return sorted((key, thread, direction, bool(reply), emails[pid], role)
                  for key, thread, direction, reply, pid, role in rows)


def busy_mbox(path: Path, n: int = 1500) -> Path:
    """A personal mailbox: many correspondents, threads, intros and thanks."""
    box = mailbox.mbox(str(path))
    for i in range(n):
        friend = f"Friend {i % 97} <friend{i % 97}@example.org>"
        if i % 3 == 0:
            message = mail(f"Maya <{ME}>", [friend], f"Topic {i // 3}",
                           "Thank you so much for introducing me to Dana!" if i % 30 == 0
                           else "Could you send me the notes from Tuesday?",
                           f"2026-01-01T09:00:00+00:00", f"m{i}")
        else:
            message = mail(friend, [ME], f"Re: Topic {i // 3}",
                           "I'd like to introduce you to Dana Lee." if i % 31 == 1
                           else "Here are the notes.", "2026-01-02T09:00:00+00:00", f"m{i}",
                           reply_to=f"m{i - i % 3}")
        box.add(message)
    box.flush()
    box.close()
    return path


def test_an_import_killed_midway_and_run_again_ends_the_same(env, db_url, tmp_path):
    plain = busy_mbox(tmp_path / "busy.mbox")
    command = [sys.executable, "-c", "from closeloop.cli import main; main()",
               "import", "mail", str(plain), "--me", "nobody@example.invalid"]
    environment = dict(os.environ, CLOSELOOP_MAIL_BATCH="50")
    process = subprocess.Popen(command, env=environment, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    engine = create_engine(db_url)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with engine.connect() as conn:
                stored = conn.execute(select(func.count()).select_from(interactions)).scalar()
        except Exception:  # the table may not exist yet
            stored = 0
        if stored >= 150:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait()
    engine.dispose()
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert 0 < stored < 1500
    subprocess.run(command, env=environment, cwd=ROOT, check=False, capture_output=True)

    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    done = subprocess.run(command, env=dict(environment, CLOSELOOP_DATABASE_URL=clean), cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode in (0, 10), done.stderr
    assert _normalized(db_url) == _normalized(clean)


def test_a_big_folder_with_an_mbox_inside_is_read_by_the_workers_in_order(cli, tmp_path):
    """Over a few hundred files the importer's worker processes read and parse them; an mbox
    met among the files is streamed, not lost, and a second run stores nothing again."""
    folder = tmp_path / "mail"
    folder.mkdir()
    for n in range(260):
        person = f"friend{n % 40}@example.org"
        message = mail(f"Friend {n % 40} <{person}>", [f"Maya Chen <{ME}>"], f"Note {n}",
                       f"Hi Maya,\n\nNote number {n}.\n\nF", "2026-03-02T10:00:00+00:00", f"f{n}")
        (folder / f"{n:04d}.eml").write_bytes(message.as_bytes())
    story_mbox(folder / "0100-archive")  # no extension: known as an mbox only by reading it
    (folder / "0200-broken.eml").write_bytes(b"\x00\x01 not mail at all")
    done = cli("import", "mail", str(folder), "--me", ME, "--json")
    assert done.code == 10  # something was skipped: the broken file
    first = done.json()
    assert (first["read"], first["stored"], first["bulk"], first["failed"]) == (268, 266, 1, 1)
    assert any("0200-broken.eml" in p["source"] for p in first["problems"])
    again = cli("import", "mail", str(folder), "--me", ME, "--json").json()
    assert (again["stored"], again["unchanged"]) == (0, 266)
    [loop] = cli.json("loops", "--person", "Tom")  # the mbox's story was read, in its order
    assert [e["kind"] for e in loop["events"]] == ["asked", "helped", "thanked", "acted", "reported"]


def test_an_mbox_in_a_folder_longer_than_the_owner_sample_is_read_whole(cli, tmp_path, monkeypatch):
    """Without --me the first messages are read to infer the owner; an mbox cut by that
    sample goes on where the sample stopped, to its last message."""
    from closeloop.service import mail as mail_service
    monkeypatch.setattr(mail_service, "INFER_SAMPLE", 230)  # the CLI runs in this process
    folder = tmp_path / "mail"
    folder.mkdir()
    for n in range(20):
        message = mail(f"Friend {n} <friend{n}@example.org>", [f"Maya Chen <{ME}>"], f"Note {n}",
                       f"Hi Maya,\n\nNote number {n}.\n\nF", "2026-03-02T10:00:00+00:00", f"f{n}")
        (folder / f"{n:04d}.eml").write_bytes(message.as_bytes())
    box = mailbox.mbox(str(folder / "0500-archive"))
    for n in range(400):
        box.add(mail(f"Pen Pal {n % 30} <pal{n % 30}@example.net>", [f"Maya Chen <{ME}>"], f"Letter {n}",
                     f"Dear Maya,\n\nLetter number {n}.\n\nP", "2026-03-03T10:00:00+00:00", f"m{n}"))
    box.flush()
    box.close()
    done = cli("import", "mail", str(folder), "--json").json()
    assert done["me"] == [ME]
    assert (done["read"], done["stored"], done["failed"]) == (420, 420, 0)
