"""Every loop verb through the command line: the steps, `--at`, undo, and the refusals."""

from __future__ import annotations

LOOP_FIELDS = {"id", "kind", "direction", "counterpart", "counterpart_id", "about", "introduced",
               "introduced_id", "stage", "open", "opened_at", "closed_at", "next_step",
               "snoozed_until", "events"}
EVENT_FIELDS = {"id", "kind", "at", "note", "until", "undoes", "interaction_id", "automatic"}


def refused(cli, code: int, *args: str, says: tuple[str, ...] = (), now: str | None = None):
    """Run a command that must fail cleanly: the exit code, one `error:` line, no traceback."""
    result = cli(*args, now=now)
    assert result.code == code, f"closeloop {' '.join(args)}: {result.code} {result.err}{result.out}"
    assert result.err.startswith("error:"), result.err
    assert "Traceback" not in result.err + result.out
    for text in says:
        assert text in result.err, f"{text!r} not in {result.err!r}"
    return result


def kinds(loop: dict) -> list[str]:
    return [e["kind"] for e in loop["events"]]


def test_help_received_from_ask_to_report_with_at_on_every_step(cli):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com")
    cli.ok("people", "add", "Sam Okafor")

    asked = cli.json("ask", "introduction", "--of", "Tom", "--about", "someone on Acme's data team",
                     "--at", "2026-02-20T10:00", "--note", "over coffee")
    assert set(asked) == LOOP_FIELDS
    assert (asked["id"], asked["kind"], asked["direction"], asked["stage"]) == (1, "introduction", "received", "asked")
    assert (asked["counterpart"], asked["counterpart_id"]) == ("Tom Rivera", 2)
    assert asked["about"] == "someone on Acme's data team" and asked["introduced"] is None
    assert asked["open"] is True and asked["closed_at"] is None and asked["next_step"] == "follow_up"
    assert asked["opened_at"] == "2026-02-20T10:00:00+00:00"
    [event] = asked["events"]
    assert set(event) == EVENT_FIELDS
    assert (event["kind"], event["at"], event["note"]) == ("asked", "2026-02-20T10:00:00+00:00", "over coffee")

    # Help of another kind from the same person is a loop of its own; the ask stays open.
    advice = cli.ok("got", "advice", "--from", "tom@initech.com", "--about", "salary", "--at", "2026-02-21")
    assert advice.out.startswith("opened loop 2: Tom Rivera helped with advice: salary")
    assert "closeloop thank 2" in advice.out
    assert cli.json("loop", "1")["stage"] == "asked"
    # The same kind from someone else doesn't answer Tom's ask either.
    sam = cli.json("got", "introduction", "--from", "Sam", "--about", "a recruiter", "--at", "2026-02-21")
    assert sam["id"] == 3 and kinds(sam) == ["helped"]

    # Tom's introduction answers the open ask: the same loop moves forward, and Dana is added.
    got = cli.ok("got", "introduction", "--from", "Rivera", "--introduced", "Dana Lee <dana@acme.com>",
                 "--about", "ignored: the ask already says", "--at", "2026-02-22T08:30", "--note", "by email")
    assert "added person 4: Dana Lee" in got.out and "advanced loop 1" in got.out
    loop = cli.json("loop", "1")
    assert loop["stage"] == "helped" and loop["next_step"] == "thank"
    assert loop["about"] == "someone on Acme's data team"
    assert (loop["introduced"], loop["introduced_id"]) == ("Dana Lee", 4)
    assert [(e["kind"], e["at"], e["note"]) for e in loop["events"]] == [
        ("asked", "2026-02-20T10:00:00+00:00", "over coffee"),
        ("helped", "2026-02-22T08:30:00+00:00", "by email")]
    assert cli.json("people", "show", "dana@acme.com")["name"] == "Dana Lee"
    assert len(cli.json("loops")) == 3
    # Once answered, the ask is no longer there to advance: another introduction opens a loop.
    again = cli.json("got", "introduction", "--from", "Tom", "--introduced", "Dana", "--at", "2026-02-23")
    assert again["id"] == 4 and again["introduced_id"] == 4
    cli.ok("drop", "4")

    # `--at` takes a date, a local time, 'yesterday', 'N days/hours ago'.
    thanked = cli.json("thank", "1", "--at", "yesterday", "--note", "sent a card")
    assert thanked["stage"] == "thanked" and thanked["next_step"] == "report_unacted"
    assert thanked["events"][-1]["at"] == "2026-03-04T12:00:00+00:00"
    acted = cli.ok("acted", "1", "--note", "coffee with Dana", "--at", "2026-03-04T15:00")
    assert acted.out.strip() == "loop 1 (Tom Rivera, introduction: someone on Acme's data team): acted"
    reported = cli.json("report", "1", "--note", "interview next week", "--at", "3 hours ago")
    assert reported["stage"] == "reported" and reported["open"] is False and reported["next_step"] is None
    assert reported["closed_at"] == "2026-03-05T06:00:00+00:00"
    assert [(e["kind"], e["at"], e["note"]) for e in reported["events"]][2:] == [
        ("thanked", "2026-03-04T12:00:00+00:00", "sent a card"),
        ("acted", "2026-03-04T15:00:00+00:00", "coffee with Dana"),
        ("reported", "2026-03-05T06:00:00+00:00", "interview next week")]
    assert cli.ok("report", "2", "--note", "took it").out.rstrip().endswith("reported — closed")

    shown = cli.ok("loop", "1").out
    assert shown.startswith("Loop 1: received introduction: someone on Acme's data team from Tom Rivera — reported")
    for text in ("introduced: Dana Lee", "2026-02-20 10:00  asked", "over coffee",
                 "2026-03-04 15:00  acted", "coffee with Dana", "interview next week"):
        assert text in shown, text


def test_help_given_acknowledged_and_its_outcome(cli):
    cli.ok("people", "add", "Sam Okafor", "--email", "sam@example.org")
    gave = cli.ok("gave", "recommendation", "--to", "sam@example.org", "--about", "Designing Data-Intensive "
                  "Applications", "--at", "2026-02-01")
    assert gave.out.strip() == "opened loop 1: you helped Sam Okafor with recommendation: Designing " \
                               "Data-Intensive Applications"
    loop = cli.json("loop", "1")
    assert (loop["direction"], loop["stage"], loop["next_step"]) == ("given", "given", "check_in")
    assert loop["opened_at"] == "2026-02-01T12:00:00+00:00"
    assert cli.json("ack", "1", "--at", "2026-02-02T08:00", "--note", "thanks!")["stage"] == "acknowledged"
    done = cli.json("outcome", "1", "--note", "loved it", "--at", "2026-02-20")
    assert done["stage"] == "outcome" and done["open"] is False
    assert done["closed_at"] == "2026-02-20T12:00:00+00:00"
    assert kinds(done) == ["given", "acknowledged", "outcome"]

    # An introduction I made adds the person introduced when they are new.
    intro = cli.ok("gave", "introduction", "--to", "Sam", "--introduced", "Priya Shah <priya@acme.com>")
    assert intro.out.splitlines() == ["added person 2: Priya Shah",
                                      "opened loop 2: you helped Sam Okafor with introduction: Priya Shah"]
    # ...and an outcome may come without an acknowledgement.
    assert cli.json("outcome", "2", "--note", "they hired her")["stage"] == "outcome"


def test_nudge_snooze_drop_reopen_and_undo(cli):
    cli.ok("people", "add", "Sam Okafor")
    cli.ok("ask", "favor", "--of", "Sam", "--about", "a ride to the airport", "--at", "2026-02-20T15:00")
    # A bare date on the day the loop opened means that day, never before the loop.
    nudged = cli.json("nudge", "1", "--at", "2026-02-20", "--note", "pinged")
    assert nudged["events"][-1]["at"] == "2026-02-20T15:00:00+00:00"
    nudged = cli.json("nudge", "1", "--at", "2026-02-28T18:00")
    assert nudged["stage"] == "asked" and kinds(nudged) == ["asked", "nudged", "nudged"]

    snoozed = cli.ok("snooze", "1", "--until", "2026-03-20", "--at", "2026-03-01T08:00")
    assert "snoozed until 2026-03-20" in snoozed.out
    loop = cli.json("loop", "1")
    assert loop["snoozed_until"] == "2026-03-20T00:00:00+00:00" and loop["stage"] == "asked"
    assert loop["events"][-1]["until"] == "2026-03-20T00:00:00+00:00"
    assert loop["events"][-1]["at"] == "2026-03-01T08:00:00+00:00"
    refused(cli, 5, "snooze", "1", "--until", "2026-03-01", says=("future",))
    refused(cli, 5, "snooze", "1", "--until", "today", says=("future",))
    refused(cli, 2, "snooze", "1", "--until", "someday", says=("someday",))

    dropped = cli.json("drop", "1", "--at", "2026-03-01", "--note", "took a taxi")
    assert (dropped["stage"], dropped["open"]) == ("dropped", False)
    assert dropped["closed_at"] == "2026-03-01T12:00:00+00:00"
    refused(cli, 5, "nudge", "1", says=("closed", "reopen 1", "undo 1"))
    reopened = cli.json("reopen", "1", "--at", "2026-03-02T10:00")
    assert (reopened["stage"], reopened["open"], reopened["closed_at"]) == ("asked", True, None)
    assert reopened["events"][-1]["at"] == "2026-03-02T10:00:00+00:00"
    refused(cli, 5, "reopen", "1", says=("not dropped", "undo 1"))

    # Undo takes back the last step still in force, one at a time; the ledger keeps both.
    undone = cli.json("undo", "1", "--at", "2026-03-03T10:00")
    assert undone["stage"] == "dropped" and undone["events"][-1]["at"] == "2026-03-03T10:00:00+00:00"
    assert undone["events"][-1]["kind"] == "undone"
    assert undone["events"][-1]["undoes"] == undone["events"][-2]["id"]  # the reopen
    undone = cli.json("undo", "1")
    assert (undone["stage"], undone["open"], undone["closed_at"]) == ("asked", True, None)
    assert undone["snoozed_until"] == "2026-03-20T00:00:00+00:00"
    assert cli.json("undo", "1")["snoozed_until"] is None
    cli.ok("undo", "1")
    cli.ok("undo", "1")
    last = cli.json("loop", "1")
    assert kinds(last) == ["asked", "nudged", "nudged", "snoozed", "dropped", "reopened",
                           "undone", "undone", "undone", "undone", "undone"]
    assert last["stage"] == "asked" and last["opened_at"] == "2026-02-20T15:00:00+00:00"
    refused(cli, 5, "undo", "1", says=("nothing to undo", "drop 1"))
    assert "(undone)" in cli.ok("loop", "1").out

    # Undo on a received loop: twice, back to where the help was recorded.
    cli.ok("got", "advice", "--from", "Sam", "--about", "visa", "--at", "2026-03-01")
    cli.ok("thank", "2", "--at", "2026-03-02")
    cli.ok("acted", "2", "--at", "2026-03-03")
    assert cli.json("undo", "2")["stage"] == "thanked"
    back = cli.json("undo", "2")
    assert (back["stage"], back["next_step"]) == ("helped", "thank")
    # A step undone can be recorded again, at its right time.
    assert cli.json("thank", "2", "--at", "2026-03-04")["events"][-1]["at"] == "2026-03-04T12:00:00+00:00"
    assert cli.json("undo", "2")["stage"] == "helped"
    refused(cli, 5, "undo", "2", says=("nothing to undo",))


def test_steps_that_make_no_sense_are_refused_with_what_would(cli):
    cli.ok("people", "add", "Tom Rivera")
    cli.ok("people", "add", "Sam Okafor")
    cli.ok("ask", "advice", "--of", "Tom", "--about", "career", "--at", "2026-03-01")  # 1, asked
    cli.ok("gave", "favor", "--to", "Sam", "--about", "moving", "--at", "2026-03-01")   # 2, given
    cli.ok("got", "referral", "--from", "Sam", "--about", "job", "--at", "2026-03-01")  # 3, helped
    cli.ok("report", "3", "--note", "got the job", "--at", "2026-03-02")                 # closed

    refused(cli, 5, "thank", "2", says=("help given", "next steps are: ack, outcome"))
    refused(cli, 5, "acted", "2", says=("ack, outcome",))
    refused(cli, 5, "report", "2", says=("ack, outcome",))
    refused(cli, 5, "ack", "1", says=("help received", "next steps are: got"))
    refused(cli, 5, "outcome", "1", says=("next steps are: got",))
    refused(cli, 5, "thank", "1", says=("asked", "got advice --from"))
    refused(cli, 5, "acted", "1", says=("record their help first",))
    refused(cli, 5, "report", "1", says=("record their help first",))
    refused(cli, 5, "report", "3", says=("closed", "reopen 3", "undo 3"))
    refused(cli, 5, "thank", "3", says=("closed",))
    refused(cli, 5, "drop", "3", says=("closed",))
    refused(cli, 5, "reopen", "3", says=("not dropped",))
    cli.ok("ack", "2", "--at", "2026-03-02")
    refused(cli, 5, "ack", "2", says=("already acknowledged", "undo 2"))
    # Times: not before the loop opened, not in the future.
    refused(cli, 5, "outcome", "2", "--at", "2026-02-27", says=("before loop 2 opened",))
    refused(cli, 5, "outcome", "2", "--at", "2026-03-06", says=("future", "snooze"))
    refused(cli, 5, "nudge", "1", "--at", "in 2 days", says=("future",))
    refused(cli, 2, "ask", "advice", "--of", "Tom", "--about", "x", "--at", "tomorrow", says=("future",))
    refused(cli, 2, "gave", "favor", "--to", "Tom", "--at", "2027-01-01", says=("future",))
    refused(cli, 2, "thank", "1", "--at", "last week-ish", says=("last week-ish", "3 days ago"))

    # Naming loops, kinds and people.
    refused(cli, 3, "thank", "99", says=("no loop 99", "closeloop loops"))
    refused(cli, 3, "loop", "99")
    refused(cli, 2, "thank", "the first one", says=("by its number",))
    refused(cli, 2, "got", "gift", "--from", "Tom", says=("gift", "introduction, recommendation"))
    refused(cli, 2, "ask", "advice", "--of", "Tom", says=("--about",))
    refused(cli, 2, "gave", "introduction", "--to", "Tom", "--introduced", "Tom Rivera", says=("themselves",))
    # Nothing refused left a trace: the ledger has exactly what was recorded.
    assert [kinds(lp) for lp in cli.json("loops")] == [
        ["helped", "reported"], ["given", "acknowledged"], ["asked"]]
    assert len(cli.json("people", "list")) == 2

    # Usage mistakes (a missing option) are exit 2 without a traceback.
    for args in (("snooze", "1"), ("got", "advice"), ("ask",)):
        result = cli(*args)
        assert result.code == 2 and "Traceback" not in result.err + result.out


def test_listing_loops(cli):
    assert "No loops yet" in cli.ok("loops").out
    assert cli.json("loops") == []
    cli.ok("people", "add", "Tom Rivera")
    cli.ok("people", "add", "Sam Okafor")
    cli.ok("people", "add", "Dana Lee")
    cli.ok("got", "advice", "--from", "Tom", "--about", "salary", "--at", "2026-02-01")          # 1
    cli.ok("gave", "introduction", "--to", "Sam", "--introduced", "Dana", "--at", "2026-02-02")  # 2
    cli.ok("ask", "favor", "--of", "Dana", "--about", "a ride", "--at", "2026-02-03")            # 3
    cli.ok("got", "information", "--from", "Sam", "--about", "rent", "--at", "2026-02-04")       # 4
    cli.ok("report", "1", "--note", "done")
    cli.ok("drop", "4")

    everything = cli.json("loops")
    assert [lp["id"] for lp in everything] == [4, 3, 2, 1]  # newest first
    assert all(set(lp) == LOOP_FIELDS for lp in everything)
    assert [(lp["direction"], lp["stage"], lp["open"]) for lp in everything] == [
        ("received", "dropped", False), ("received", "asked", True),
        ("given", "given", True), ("received", "reported", False)]
    assert [lp["id"] for lp in cli.json("loops", "--open")] == [3, 2]
    assert [lp["id"] for lp in cli.json("loops", "--person", "Sam")] == [4, 2]
    assert [lp["id"] for lp in cli.json("loops", "--person", "Dana", "--open")] == [3, 2]
    assert [lp["id"] for lp in cli.json("loops", "--limit", "2")] == [4, 3]
    assert cli.json("loops", "--open", "--person", "Tom") == []
    # A limit is a positive number, in every list.
    for args in (("loops",), ("today",), ("people", "list"), ("interactions",)):
        for bad in ("0", "-3"):
            result = cli(*args, "--limit", bad)
            assert result.code == 2 and "--limit" in result.err and "Traceback" not in result.err

    table = cli.ok("loops").out
    lines = table.splitlines()
    assert lines[0].split() == ["#", "direction", "with", "what", "stage", "opened"]
    assert lines[1].split()[:2] == ["4", "↓"] and "dropped" in lines[1]
    assert "Sam Okafor" in lines[3] and "introduction: Dana Lee" in lines[3] and "2026-02-02" in lines[3]
    assert "reported ✓" in lines[4]
    assert cli.ok("loop", "#2").out.startswith("Loop 2: given introduction: Dana Lee to Sam Okafor — given")
    assert cli.json("loop", "2") == everything[2]
