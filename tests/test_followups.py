"""Any due item can be snoozed to a date or marked done, by its key."""

from __future__ import annotations

import mailbox

from tests.test_import_mail import ME, mail


def keys(cli, now):
    return [i["key"] for i in cli.json("today", now=now)]


def test_keep_in_touch_snooze_and_done(cli):
    cli.ok("people", "add", "Ana Silva", "--email", "ana@example.org", "--circle", "close",
           now="2026-01-01T09:00:00+00:00")
    ana = cli.json("people", "show", "Ana")["id"]
    assert keys(cli, "2026-02-01T09:00:00+00:00") == [f"keep:{ana}"]  # 30 days in "close"

    # A snooze date in the past is refused; one in the future hides it until then.
    refused = cli("snooze", f"keep:{ana}", "--until", "2026-01-15", now="2026-02-01T09:00:00+00:00")
    assert refused.code == 5 and "future" in refused.err
    cli.ok("snooze", f"keep:{ana}", "--until", "2026-02-10", now="2026-02-01T09:00:00+00:00")
    assert keys(cli, "2026-02-09T09:00:00+00:00") == []
    [back] = cli.json("today", now="2026-02-10T09:00:00+00:00")
    assert back["key"] == f"keep:{ana}" and back["start"].startswith("2026-02-10")

    # Done logs real contact: the clock restarts from today.
    cli.ok("done", f"keep:{ana}", "--note", "called about her move", now="2026-02-10T09:00:00+00:00")
    assert keys(cli, "2026-03-11T09:00:00+00:00") == []
    assert keys(cli, "2026-03-12T10:00:00+00:00") == [f"keep:{ana}"]
    assert cli.json("interactions", "--person", "Ana")[0]["summary"] == "called about her move"


def test_reply_snooze_and_done(cli, tmp_path):
    box = mailbox.mbox(str(tmp_path / "q.mbox"))
    box.add(mail("Sam Okafor <sam@example.org>", [ME], "Thesis",
                 "Could you send me your thesis?", "2026-03-04T11:00:00+00:00", "q1"))
    box.flush()
    cli.ok("import", "mail", str(tmp_path / "q.mbox"), "--me", ME)
    [item] = cli.json("today", now="2026-03-05T09:00:00+00:00")
    assert item["action"] == "reply" and item["key"].startswith("reply:")
    cli.ok("snooze", item["key"], "--until", "2026-03-08", now="2026-03-05T09:00:00+00:00")
    assert keys(cli, "2026-03-07T09:00:00+00:00") == []
    assert keys(cli, "2026-03-08T09:00:00+00:00") == [item["key"]]
    cli.ok("done", item["key"], now="2026-03-08T09:00:00+00:00")
    assert keys(cli, "2026-03-20T09:00:00+00:00") == []
    assert cli("done", "reply:99999").code == 3


def test_done_on_a_loop_takes_its_next_step(cli):
    cli.ok("people", "add", "Tom Rivera")
    loop = cli.json("got", "introduction", "--from", "Tom", "--introduced", "Dana Lee")["id"]
    cli.ok("done", f"loop:{loop}")
    assert cli.json("loop", str(loop))["stage"] == "thanked"
    cli.ok("done", str(loop), now="2026-04-10T09:00:00+00:00")  # report back, nothing acted
    assert cli.json("loop", str(loop))["stage"] == "reported"
    again = cli("done", str(loop), now="2026-04-10T09:00:00+00:00")
    assert again.code == 5 and "nothing is owed" in again.err
    assert cli("done", "thing:3").code == 2
