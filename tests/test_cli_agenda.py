"""`closeloop today` and `closeloop stats` as time passes."""

from __future__ import annotations

from datetime import datetime

ITEM_FIELDS = {"key", "action", "person", "person_id", "email", "loop_id", "interaction_id", "start", "due",
               "overdue", "why", "draft"}


def agenda(cli, now: str) -> list[tuple]:
    """(action, person, due, overdue) of each item, most urgent first."""
    return [(i["action"], i["person"], i["due"], i["overdue"]) for i in cli.json("today", now=now)]


def test_an_empty_ledger_says_how_to_get_started(cli):
    first = cli.ok("today")
    assert first.out.startswith("Nothing is due. Your ledger is empty; to get started:")
    for command in ("closeloop me --name", "closeloop people add", "closeloop got introduction"):
        assert command in first.out
    assert cli.json("today") == []
    assert "No loops yet" in cli.ok("stats").out
    empty = cli.json("stats")
    assert (empty["loops"], empty["open"], empty["close_rate"], empty["months"]) == (0, 0, None, [])
    cli.ok("people", "add", "Tom Rivera")
    assert cli.ok("today").out.strip() == "Nothing is due today. Loops are closed; well done."


def test_each_follow_up_appears_on_time_most_urgent_first(cli):
    start = "2026-03-01T09:00:00+00:00"
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com", now=start)
    for name, email in (("Tom Rivera", "tom@initech.com"), ("Ana Silva", "ana@example.org"),
                        ("Sam Okafor", "sam@example.org"), ("Lee Park", "lee@example.org")):
        cli.ok("people", "add", name, "--email", email, now=start)
    lee = cli.json("ask", "advice", "--of", "Lee", "--about", "moving to Berlin", now=start)["id"]
    sam = cli.json("gave", "favor", "--to", "Sam", "--about", "reviewed his CV", now=start)["id"]
    ana = cli.json("got", "recommendation", "--from", "Ana", "--about", "a book on negotiation",
                   "--at", "2026-03-02T12:00", now="2026-03-02T13:00:00+00:00")["id"]
    cli.ok("thank", str(ana), now="2026-03-02T13:00:00+00:00")
    assert agenda(cli, "2026-03-08T08:59:00+00:00") == []

    # Follow up an unanswered ask after 7 days; overdue after 3 more.
    [item] = cli.json("today", now="2026-03-08T09:00:00+00:00")
    assert set(item) == ITEM_FIELDS
    assert (item["action"], item["person"], item["loop_id"], item["interaction_id"]) == ("follow_up", "Lee Park", lee, None)
    assert item["person_id"] == cli.json("people", "show", "Lee")["id"] and item["email"] == "lee@example.org"
    assert item["start"] == "2026-03-08T09:00:00+00:00"
    assert datetime.fromisoformat(item["due"]) == datetime.fromisoformat("2026-03-11T09:00:00+00:00")
    assert item["overdue"] is False
    assert "Mar 1" in item["why"] and "moving to Berlin" in item["why"]
    assert "Lee" in item["draft"]
    assert agenda(cli, "2026-03-11T09:00:00+00:00")[0][3] is False
    assert agenda(cli, "2026-03-11T09:01:00+00:00")[0][3] is True  # overdue flips after the due time

    # A snooze hides it until that day, then it returns with a fresh grace period.
    cli.ok("snooze", str(lee), "--until", "2026-03-15", now="2026-03-11T10:00:00+00:00")
    assert agenda(cli, "2026-03-14T23:59:00+00:00") == []
    assert agenda(cli, "2026-03-15T00:00:00+00:00") == [
        ("follow_up", "Lee Park", "2026-03-18T00:00:00+00:00", False)]
    # A nudge restarts the follow-up clock.
    cli.ok("nudge", str(lee), now="2026-03-15T10:00:00+00:00")
    assert agenda(cli, "2026-03-20T09:00:00+00:00") == []

    # Thank as soon as help is recorded, within a day.
    tom = cli.json("got", "introduction", "--from", "Tom", "--introduced", "Dana Lee <dana@acme.com>",
                   now="2026-03-20T10:00:00+00:00")["id"]
    [thank] = cli.json("today", now="2026-03-20T12:00:00+00:00")
    assert (thank["action"], thank["person"], thank["loop_id"]) == ("thank", "Tom Rivera", tom)
    assert (thank["start"], thank["due"]) == ("2026-03-20T10:00:00+00:00", "2026-03-21T10:00:00+00:00")
    assert thank["draft"].startswith("Hi Tom") and "Dana Lee" in thank["draft"]
    assert "Tom Rivera helped you on Mar 20" in thank["why"]

    # Report back a few days after acting; check in on help given after three weeks.
    cli.ok("acted", str(ana), "--note", "read it", "--at", "2026-03-22T09:00",
           now="2026-03-22T12:00:00+00:00")
    assert agenda(cli, "2026-03-22T12:00:00+00:00") == [
        ("thank", "Tom Rivera", "2026-03-21T10:00:00+00:00", True),
        ("report", "Ana Silva", "2026-03-25T09:00:00+00:00", False),  # a tie: report before check in
        ("check_in", "Sam Okafor", "2026-03-25T09:00:00+00:00", False),
        ("follow_up", "Lee Park", "2026-03-25T10:00:00+00:00", False)]
    items = cli.json("today", now="2026-03-22T12:00:00+00:00")
    assert [i["loop_id"] for i in items] == [tom, ana, sam, lee]
    for item, first in zip(items, ("Tom", "Ana", "Sam", "Lee")):
        assert first in item["draft"] and item["why"]
    assert "you acted on Ana's help on Mar 22" in items[1]["why"]
    assert "you helped Sam Okafor on Mar 1" in items[2]["why"]

    # The policy decides the due times: give thanks five days and Tom is no longer overdue.
    assert cli.ok("config", "thank_within_days", "5").code == 0
    assert agenda(cli, "2026-03-22T12:00:00+00:00") == [
        ("report", "Ana Silva", "2026-03-25T09:00:00+00:00", False),
        ("check_in", "Sam Okafor", "2026-03-25T09:00:00+00:00", False),
        ("thank", "Tom Rivera", "2026-03-25T10:00:00+00:00", False),
        ("follow_up", "Lee Park", "2026-03-25T10:00:00+00:00", False)]
    cli.ok("config", "check_in_after_days", "30")
    assert [a for a, *_ in agenda(cli, "2026-03-22T12:00:00+00:00")] == ["report", "thank", "follow_up"]
    cli.ok("config", "thank_within_days", "--reset")
    cli.ok("config", "check_in_after_days", "--reset")
    assert agenda(cli, "2026-03-22T12:00:00+00:00")[0] == ("thank", "Tom Rivera", "2026-03-21T10:00:00+00:00", True)

    # For a person: --person; fewer: --limit; and the text a person reads.
    assert agenda(cli, "2026-03-22T12:00:00+00:00")[2][1] == "Sam Okafor"
    assert [i["person"] for i in cli.json("today", "--person", "sam@example.org")] == ["Sam Okafor"]
    assert len(cli.json("today", "--limit", "2")) == 2
    text = cli.ok("today", "--limit", "2").out
    assert text.startswith("4 follow-ups due")
    assert f"1. Thank Tom Rivera — overdue  [loop:{tom}]" in text
    assert f"2. Report back to Ana Silva — by 2026-03-25 09:00  [loop:{ana}]" in text
    assert "│ Hi Tom" in text and "… and 2 more (closeloop today --all)" in text
    full = cli.ok("today", "--all", "--no-drafts").out
    assert "Check in with Sam Okafor" in full and "Follow up with Lee Park" in full and "│" not in full
    assert "and 2 more" not in full

    # Closing the loops empties the agenda.
    cli.ok("thank", str(tom), now="2026-03-22T13:00:00+00:00")
    cli.ok("report", str(ana), "--note", "it worked", now="2026-03-22T13:00:00+00:00")
    cli.ok("outcome", str(sam), "--note", "he got the job", now="2026-03-22T13:00:00+00:00")
    cli.ok("got", "advice", "--from", "Park", now="2026-03-22T13:00:00+00:00")  # answers the ask...
    assert agenda(cli, "2026-03-22T14:00:00+00:00") == [  # ...which now wants a thank-you
        ("thank", "Lee Park", "2026-03-23T13:00:00+00:00", False)]
    cli.ok("thank", str(lee), now="2026-03-22T14:00:00+00:00")
    assert cli.ok("today", now="2026-03-22T15:00:00+00:00").out.strip() == \
        "Nothing is due today. Loops are closed; well done."
    # With nothing acted on, report back comes after four weeks, and is overdue three days later.
    assert agenda(cli, "2026-04-17T09:59:00+00:00") == []
    assert agenda(cli, "2026-04-17T10:00:00+00:00") == [
        ("report", "Tom Rivera", "2026-04-20T10:00:00+00:00", False)]


def test_keep_in_touch_by_circle_and_what_counts_as_contact(cli):
    start = "2026-03-01T09:00:00+00:00"
    cli.ok("people", "add", "Kim Novak", "--email", "kim@example.org", "--circle", "close", now=start)
    cli.ok("people", "add", "Ola Berg", "--circle", "mentors", now=start)  # a circle with no cadence
    assert agenda(cli, "2026-03-31T08:59:00+00:00") == []
    [item] = cli.json("today", now="2026-03-31T09:00:00+00:00")
    assert (item["action"], item["person"], item["loop_id"]) == ("keep_in_touch", "Kim Novak", None)
    assert (item["start"], item["due"], item["overdue"]) == ("2026-03-31T09:00:00+00:00", "2026-04-03T09:00:00+00:00", False)
    assert "every 30 days" in item["why"] and "Kim" in item["draft"]
    assert agenda(cli, "2026-04-03T09:01:00+00:00")[0][3] is True

    # A note to myself or a message I only received is not contact; a call is.
    cli.ok("log", "note", "--with", "Kim", "--summary", "she moved to Oslo", now="2026-04-01T09:00:00+00:00")
    cli.ok("log", "message", "--with", "Kim", "--direction", "to_me", "--summary", "happy easter",
           now="2026-04-01T09:30:00+00:00")
    assert [a for a, *_ in agenda(cli, "2026-04-01T10:00:00+00:00")] == ["keep_in_touch"]
    cli.ok("log", "call", "--with", "kim@example.org", "--summary", "caught up", "--at", "2026-04-01T10:00",
           now="2026-04-01T11:00:00+00:00")
    assert agenda(cli, "2026-04-01T11:00:00+00:00") == []
    assert agenda(cli, "2026-05-01T09:59:00+00:00") == []
    [item] = cli.json("today", now="2026-05-01T10:00:00+00:00")
    assert item["action"] == "keep_in_touch" and "since Apr 1, 2026" in item["why"]

    # Cadences are policy too: per circle (or off), and a person's own cadence wins.
    cli.ok("config", "cadence.close", "60")
    assert agenda(cli, "2026-05-01T10:00:00+00:00") == []
    cli.ok("config", "cadence.mentors", "14")
    assert [p for _, p, *_ in agenda(cli, "2026-05-01T10:00:00+00:00")] == ["Ola Berg"]
    cli.ok("people", "edit", "Kim", "--cadence", "7")
    assert [p for _, p, *_ in agenda(cli, "2026-05-01T10:00:00+00:00")] == ["Ola Berg", "Kim Novak"]
    cli.ok("config", "cadence.mentors", "off")
    cli.ok("people", "edit", "Kim", "--no-cadence")
    assert agenda(cli, "2026-05-01T10:00:00+00:00") == []


def test_stats_counts_rates_medians_and_months(cli):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    for name in ("Tom Rivera", "Sam Okafor", "Ana Silva", "Lee Park", "Kim Novak"):
        cli.ok("people", "add", name)

    def run(*args):
        cli.ok(*args)

    # January: help from Tom, thanked in half a day, reported after ten; an introduction I made.
    run("gave", "introduction", "--to", "Kim", "--introduced", "Tom Rivera", "--at", "2026-01-05T09:00")  # 1
    run("got", "advice", "--from", "Tom", "--about", "salary", "--at", "2026-01-10T09:00")                # 2
    run("thank", "2", "--at", "2026-01-10T21:00")
    run("acted", "2", "--at", "2026-01-12T09:00")
    run("report", "2", "--note", "raise", "--at", "2026-01-20T09:00")
    # February: Sam (thanked in 2 days, reported in 4), Ana (thanked in 1, still open), an ask dropped,
    # the January introduction's outcome, and a favor I did.
    run("got", "referral", "--from", "Sam", "--about", "a job", "--at", "2026-02-01T09:00")                 # 3
    run("thank", "3", "--at", "2026-02-03T09:00")
    run("report", "3", "--note", "hired", "--at", "2026-02-05T09:00")
    run("got", "information", "--from", "Ana", "--about", "rents", "--at", "2026-02-10T09:00")              # 4
    run("thank", "4", "--at", "2026-02-11T09:00")
    run("ask", "favor", "--of", "Lee", "--about", "a ride", "--at", "2026-02-15T09:00")                     # 5
    run("drop", "5", "--at", "2026-02-16T09:00")
    run("outcome", "1", "--note", "they work together", "--at", "2026-02-20T09:00")
    run("gave", "favor", "--to", "Kim", "--about", "moving", "--at", "2026-02-25T09:00")                     # 6
    # March: help from Ana not yet thanked (overdue since March 2).
    run("got", "information", "--from", "Ana", "--about", "schools", "--at", "2026-03-01T09:00")            # 7

    stats = cli.json("stats")
    assert set(stats) == {"loops", "open", "overdue", "closed", "dropped", "close_rate",
                          "median_days_to_thank", "median_days_to_report", "received", "given",
                          "balance", "months"}
    assert (stats["loops"], stats["open"], stats["overdue"], stats["closed"], stats["dropped"]) == (7, 3, 1, 3, 1)
    assert stats["close_rate"] == round(3 / 7, 3)
    assert stats["median_days_to_thank"] == 1.0   # of 0.5, 2 and 1 days
    assert stats["median_days_to_report"] == 7.0  # of 10 and 4 days
    assert (stats["received"], stats["given"], stats["balance"]) == (5, 2, -3)
    assert stats["months"] == [
        {"month": "2026-01", "opened": 2, "closed": 1, "thanked": 1, "received": 1, "given": 1},
        {"month": "2026-02", "opened": 4, "closed": 2, "thanked": 2, "received": 3, "given": 1},
        {"month": "2026-03", "opened": 1, "closed": 0, "thanked": 0, "received": 1, "given": 0}]

    text = cli.ok("stats").out
    for line in ("Loops  7 in all: 3 open (1 overdue), 3 closed, 1 dropped", "Close rate  43%",
                 "Median time to thank  1 day", "Median time to report back  7 days",
                 "Give/take  gave 2, got 5 (you take more than you give)"):
        assert line in text, line
    assert "Median time to thank  1 days" not in text
    months = [line.split() for line in text.splitlines() if line.startswith("2026-")]
    assert months == [["2026-01", "2", "1", "1", "1", "1"], ["2026-02", "4", "2", "2", "3", "1"],
                      ["2026-03", "1", "0", "0", "1", "0"]]

    # Overdue follows the policy and the clock.
    cli.ok("config", "thank_within_days", "10")
    assert cli.json("stats")["overdue"] == 0
    assert cli.json("stats", now="2026-03-11T09:01:00+00:00")["overdue"] == 1
