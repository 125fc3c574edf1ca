"""The story closeloop comes from, end to end through the command line."""

from __future__ import annotations


def test_student_closes_the_loop_with_her_former_manager(cli):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com", now="2026-03-02T09:00:00+00:00")
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com", "--org", "Initech",
           "--title", "Engineering Manager", "--met-how", "my manager during my internship")

    # She asks her former manager for an introduction to someone at Acme.
    asked = cli.json("ask", "introduction", "--of", "Tom", "--about", "someone on Acme's data team",
                     now="2026-03-02T10:00:00+00:00")
    assert asked["stage"] == "asked"

    # He introduces her to Dana the next day: the same loop moves forward.
    got = cli.json("got", "introduction", "--from", "tom@initech.com",
                   "--introduced", "Dana Lee <dana@acme.com>", now="2026-03-03T08:30:00+00:00")
    assert got["id"] == asked["id"] and got["stage"] == "helped"
    assert got["introduced"] == "Dana Lee"
    loop = str(got["id"])

    # Today tells her to thank him the same day.
    agenda = cli.json("today", now="2026-03-03T12:00:00+00:00")
    assert [(i["action"], i["person"], i["loop_id"]) for i in agenda] == [("thank", "Tom Rivera", got["id"])]
    assert agenda[0]["overdue"] is False
    assert agenda[0]["due"].startswith("2026-03-04T08:30")
    assert "Dana Lee" in agenda[0]["draft"] and agenda[0]["draft"].startswith("Hi Tom")

    # She thanks him; nothing is due any more.
    cli.ok("thank", loop, now="2026-03-03T18:00:00+00:00")
    assert cli.json("today", now="2026-03-04T09:00:00+00:00") == []

    # She meets Dana a week later and records it: today says report back.
    cli.ok("log", "meeting", "--with", "Dana", "--summary", "coffee about the data team",
           now="2026-03-10T16:00:00+00:00")
    cli.ok("acted", loop, "--note", "coffee with Dana", now="2026-03-10T17:00:00+00:00")
    agenda = cli.json("today", now="2026-03-11T09:00:00+00:00")
    assert [(i["action"], i["person"]) for i in agenda] == [("report", "Tom Rivera")]
    assert "Dana Lee" in agenda[0]["draft"]

    # She reports back; the loop is closed and stats show it.
    closed = cli.json("report", loop, "--note", "Dana referred me; interview next week",
                      now="2026-03-12T09:00:00+00:00")
    assert closed["stage"] == "reported" and closed["closed_at"].startswith("2026-03-12")
    assert [e["kind"] for e in closed["events"]] == ["asked", "helped", "thanked", "acted", "reported"]
    assert cli.json("today", now="2026-03-12T10:00:00+00:00") == []
    stats = cli.json("stats", now="2026-03-12T10:00:00+00:00")
    assert stats["loops"] == 1 and stats["closed"] == 1 and stats["open"] == 0
    assert stats["close_rate"] == 1.0
    assert stats["median_days_to_thank"] == round((18 - 8.5) / 24, 2)
    assert stats["months"][0]["month"] == "2026-03" and stats["months"][0]["closed"] == 1
