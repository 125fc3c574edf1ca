"""`closeloop people ...`, `merge` and `me` as a user meets them, refusals included."""

from __future__ import annotations

def refused(cli, code: int, *args: str, says: tuple[str, ...] = (), now: str | None = None):
    """Run a command that must fail cleanly: the exit code, one `error:` line, no traceback."""
    result = cli(*args, now=now)
    assert result.code == code, f"closeloop {' '.join(args)}: {result.code} {result.err}{result.out}"
    assert result.err.startswith("error:"), result.err
    assert "Traceback" not in result.err + result.out
    for text in says:
        assert text in result.err, f"{text!r} not in {result.err!r}"
    return result


def test_add_list_show_and_edit_a_person(cli):
    assert "No people yet" in cli.ok("people", "list").out
    assert cli.json("people", "list") == []

    added = cli.ok("people", "add", "Tom Rivera", "--email", "Tom@Initech.com", "--email",
                   "tom@home.example.org", "--phone", "+1 415 555 0100", "--url",
                   "https://linkedin.com/in/tomr", "--org", "Initech", "--title", "Manager",
                   "--circle", "mentors", "--circle", "former team", "--met-how", "internship",
                   "--met-on", "2021-06-01", "--note", "likes jazz", "--cadence", "45",
                   "--birthday", "1980-02-29")
    assert added.out.strip() == "added person 1: Tom Rivera"
    tom = cli.json("people", "show", "1")
    assert tom["id"] == 1 and tom["name"] == "Tom Rivera"
    assert tom["emails"] == ["tom@initech.com", "tom@home.example.org"]  # normalised, in order
    assert tom["phones"] == ["+14155550100"]
    assert tom["urls"] == ["https://linkedin.com/in/tomr"]
    assert (tom["organization"], tom["title"]) == ("Initech", "Manager")
    assert sorted(tom["circles"]) == ["former team", "mentors"]
    assert (tom["met_how"], tom["met_on"], tom["birthday"]) == ("internship", "2021-06-01", "1980-02-29")
    assert (tom["notes"], tom["cadence_days"], tom["is_me"]) == ("likes jazz", 45, False)
    assert tom["created_at"].startswith("2026-03-05T09:00")
    assert tom["loops"] == [] and tom["recent_interactions"] == [] and tom["interaction_count"] == 0

    dana = cli.json("people", "add", "Dana Lee", "--email", "dana@acme.com", "--circle", "mentors")
    assert dana["id"] == 2 and dana["emails"] == ["dana@acme.com"] and dana["circles"] == ["mentors"]
    cli.ok("people", "add", "Sam Okafor", "--org", "Acme")

    listed = cli.json("people", "list")
    assert sorted(p["name"] for p in listed) == ["Dana Lee", "Sam Okafor", "Tom Rivera"]
    assert {p["name"] for p in cli.json("people", "list", "--circle", "mentors")} == {"Tom Rivera", "Dana Lee"}
    assert [p["name"] for p in cli.json("people", "list", "--search", "acme")] == ["Dana Lee", "Sam Okafor"]  # email or organization
    assert [p["name"] for p in cli.json("people", "list", "--search", "OKAF")] == ["Sam Okafor"]
    assert len(cli.json("people", "list", "--limit", "2")) == 2
    table = cli.ok("people", "list").out
    for text in ("Tom Rivera", "tom@initech.com", "Initech", "Dana Lee", "Sam Okafor"):
        assert text in table

    shown = cli.ok("people", "show", "tom@initech.com").out
    for text in ("Tom Rivera", "(id 1)", "tom@initech.com, tom@home.example.org", "Manager · Initech",
                 "former team, mentors", "internship", "every 45 days", "likes jazz"):
        assert text in shown, text

    edited = cli.json("people", "edit", "Rivera", "--name", "Thomas Rivera", "--add-email",
                      "t.rivera@newco.io", "--remove-email", "tom@home.example.org",
                      "--remove-phone", "+1 415 555 0100", "--add-phone", "020 7946 0958",
                      "--remove-url", "https://linkedin.com/in/tomr", "--org", "NewCo",
                      "--title", "", "--add-circle", "close", "--remove-circle", "former team",
                      "--add-note", "moved to NewCo", "--no-cadence", "--met-on", "2021-07-01")
    assert edited["name"] == "Thomas Rivera"
    assert edited["emails"] == ["tom@initech.com", "t.rivera@newco.io"]
    assert len(edited["phones"]) == 1 and edited["phones"][0] != "+14155550100"
    assert edited["urls"] == []
    assert (edited["organization"], edited["title"]) == ("NewCo", None)
    assert sorted(edited["circles"]) == ["close", "mentors"]
    assert edited["notes"] == "likes jazz\n\nmoved to NewCo"
    assert edited["cadence_days"] is None and edited["met_on"] == "2021-07-01"
    assert edited["birthday"] == "1980-02-29"  # untouched fields stay
    assert cli.ok("people", "edit", "1", "--notes", "only this", "--cadence", "14").out.strip() \
        == "updated person 1: Thomas Rivera"
    again = cli.json("people", "show", "t.rivera@newco.io")
    assert (again["notes"], again["cadence_days"]) == ("only this", 14)


def test_naming_people_and_the_refusals(cli):
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com")
    cli.ok("people", "add", "Tom Baker", "--email", "tb@bbc.co.uk")
    cli.ok("people", "add", "Ana Tomas")
    cli.ok("people", "add", "Lee")
    cli.ok("people", "add", "Dana Lee")

    # By id (with or without '#'), by email (any case), by an unambiguous part of the name.
    assert cli.json("people", "show", "2")["name"] == "Tom Baker"
    assert cli.json("people", "show", "#1")["name"] == "Tom Rivera"
    assert cli.json("people", "show", "TB@BBC.co.uk")["name"] == "Tom Baker"
    assert cli.json("people", "show", "rivera")["name"] == "Tom Rivera"
    assert cli.json("people", "show", "Baker")["name"] == "Tom Baker"
    # A whole name wins over the people it is only a part of.
    assert cli.json("people", "show", "lee")["name"] == "Lee"

    # Ambiguous: exit 4, and every candidate is listed with its id.
    result = refused(cli, 4, "people", "show", "Tom",
                     says=("1: Tom Rivera", "2: Tom Baker", "3: Ana Tomas"))
    assert "5: Dana Lee" not in result.err
    refused(cli, 4, "ask", "advice", "--of", "tom", "--about", "career", says=("Tom Rivera", "Tom Baker"))
    refused(cli, 4, "people", "edit", "Tom", "--title", "x", says=("Tom Rivera",))

    # Unknown: exit 3, by name, id or email, in every command that names a person.
    refused(cli, 3, "people", "show", "Nobody", says=("Nobody",))
    refused(cli, 3, "people", "show", "99", says=("99",))
    refused(cli, 3, "people", "show", "ghost@nowhere.org", says=("ghost@nowhere.org",))
    refused(cli, 3, "people", "edit", "Nobody", "--title", "x")
    refused(cli, 3, "people", "remove", "Nobody", "--yes")
    refused(cli, 3, "merge", "1", "99")
    refused(cli, 3, "got", "advice", "--from", "Nobody")
    refused(cli, 3, "loops", "--person", "Nobody")
    refused(cli, 3, "log", "call", "--with", "Nobody")
    refused(cli, 3, "today", "--person", "Nobody")
    refused(cli, 3, "people", "edit", "1", "--remove-email", "not-his@x.org", says=("not-his@x.org",))

    # An email that belongs to someone else: exit 6, on add and on edit, naming the owner.
    refused(cli, 6, "people", "add", "Thomas R.", "--email", "TOM@initech.com", says=("Tom Rivera",))
    refused(cli, 6, "people", "edit", "Baker", "--add-email", "tom@initech.com", says=("Tom Rivera", "merge"))
    refused(cli, 6, "me", "--email", "tb@bbc.co.uk", says=("Tom Baker",))
    assert cli.json("people", "show", "Baker")["emails"] == ["tb@bbc.co.uk"]

    # Bad input: exit 2.
    refused(cli, 2, "people", "add", "Someone", "--met-on", "2020-13-01", says=("2020-13-01",))
    refused(cli, 2, "people", "add", "Someone", "--birthday", "last spring", says=("last spring",))
    refused(cli, 2, "people", "edit", "Baker", "--met-on", "yesterday", says=("yesterday",))
    refused(cli, 2, "people", "add", "Someone", "--email", "not-an-address", says=("not-an-address",))
    refused(cli, 2, "people", "add", "Someone", "--cadence", "0")
    refused(cli, 2, "people", "add", "   ")
    refused(cli, 2, "people", "edit", "Baker", "--name", "  ")
    refused(cli, 2, "merge", "Baker", "2", says=("same person",))
    # None of the refused commands added anyone.
    assert len(cli.json("people", "list")) == 5

    # Typer's own usage errors (a missing argument, a non-number) are exit 2 too, without traceback.
    for args in (("people", "add"), ("people", "add", "X", "--cadence", "weekly")):
        result = cli(*args)
        assert result.code == 2 and "Traceback" not in result.err + result.out


def test_merge_moves_everything_and_loses_nothing(cli):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    keep = cli.json("people", "add", "Tom Rivera", "--email", "tom@initech.com", "--circle", "mentors",
                    "--note", "former manager", "--title", "Manager")["id"]
    other = cli.json("people", "add", "T. Rivera", "--email", "trivera@gmail.com", "--phone",
                     "+44 20 7946 0958", "--url", "https://github.com/trivera", "--circle", "close",
                     "--org", "Initech", "--title", "Director", "--note", "met at PyCon",
                     "--birthday", "1980-01-02", "--cadence", "60")["id"]
    cli.ok("people", "add", "Dana Lee", "--email", "dana@acme.com")
    sam = cli.json("people", "add", "Sam Okafor")["id"]

    # Interactions: one with each, one with both (it must not count twice), one with others only.
    cli.ok("log", "call", "--with", "tom@initech.com", "--summary", "catch up", "--at", "2026-02-01")
    cli.ok("log", "email", "--with", "trivera@gmail.com", "--summary", "sent CV", "--at", "2026-02-10")
    cli.ok("log", "meeting", "--with", "tom@initech.com", "--with", "trivera@gmail.com",
           "--with", "Dana", "--summary", "lunch", "--at", "2026-02-20")
    cli.ok("log", "call", "--with", "Sam", "--summary", "unrelated", "--at", "2026-02-21")
    # Loops: the other as counterpart (both directions) and as the person introduced.
    l1 = cli.json("got", "advice", "--from", "trivera@gmail.com", "--about", "salary", "--at", "2026-02-11")["id"]
    l2 = cli.json("gave", "referral", "--to", "T. Rivera", "--about", "a job at Acme", "--at", "2026-02-12")["id"]
    l3 = cli.json("gave", "introduction", "--to", "Sam", "--introduced", "trivera@gmail.com",
                  "--at", "2026-02-13")["id"]
    l4 = cli.json("ask", "recommendation", "--of", "tom@initech.com", "--about", "a book",
                  "--at", "2026-02-14")["id"]
    before_loops = {lp["id"]: lp for lp in cli.json("loops")}
    before_interactions = {i["id"] for i in cli.json("interactions")}

    merged = cli.json("merge", "tom@initech.com", "T. Rivera")
    assert merged["id"] == keep and merged["name"] == "Tom Rivera"
    assert merged["emails"] == ["tom@initech.com", "trivera@gmail.com"]
    assert merged["phones"] == ["+442079460958"] and merged["urls"] == ["https://github.com/trivera"]
    assert sorted(merged["circles"]) == ["close", "mentors"]
    assert merged["notes"] == "former manager\n\nmet at PyCon"
    assert merged["title"] == "Manager"  # the kept person's own value wins...
    assert merged["organization"] == "Initech"  # ...and what it lacked is filled in
    assert (merged["birthday"], merged["cadence_days"]) == ("1980-01-02", 60)

    # The other person is gone; every way of naming them now reaches the kept one.
    refused(cli, 3, "people", "show", str(other))
    assert cli.json("people", "show", "trivera@gmail.com")["id"] == keep
    assert [p["name"] for p in cli.json("people", "list", "--search", "Rivera")] == ["Tom Rivera"]

    # Loops: all still there, the other's now the kept person's (as counterpart and as introduced).
    after_loops = {lp["id"]: lp for lp in cli.json("loops")}
    assert after_loops.keys() == before_loops.keys()
    for loop_id in (l1, l2, l4):
        assert after_loops[loop_id]["counterpart_id"] == keep
        assert after_loops[loop_id]["counterpart"] == "Tom Rivera"
        assert after_loops[loop_id]["events"] == before_loops[loop_id]["events"]
    assert after_loops[l3]["counterpart_id"] == sam
    assert (after_loops[l3]["introduced_id"], after_loops[l3]["introduced"]) == (keep, "Tom Rivera")
    # Loops "with" a person include those where they were introduced.
    assert {lp["id"] for lp in cli.json("loops", "--person", "Tom Rivera")} == {l1, l2, l3, l4}

    # Interactions: none lost; the shared lunch lists the kept person once.
    assert {i["id"] for i in cli.json("interactions")} == before_interactions
    his = cli.json("interactions", "--person", str(keep))
    assert [i["summary"] for i in his] == ["lunch", "sent CV", "catch up"]
    lunch = his[0]
    assert lunch["person_ids"].count(keep) == 1 and other not in lunch["person_ids"]
    assert len(lunch["person_ids"]) == 2
    shown = cli.json("people", "show", str(keep))
    assert shown["interaction_count"] == 3
    assert shown["last_contact"].startswith("2026-02-20")
    assert {lp["id"] for lp in shown["loops"]} == {l1, l2, l3, l4}
    text = cli.ok("people", "show", str(keep)).out
    # Give/take: the referral I gave him, the advice he gave me (not the introduction I made
    # *of* him to Sam, nor the ask he hasn't answered).
    assert "you helped 1 time(s), they helped 1 time(s)" in text

    # `people merge` is the same command; merged loops keep working as before.
    cli.ok("people", "add", "Tommy", "--email", "tommy@old.example.com")
    assert cli.ok("people", "merge", "Tom Rivera", "Tommy").out.startswith("merged Tommy into person")
    assert "tommy@old.example.com" in cli.json("people", "show", "Tom Rivera")["emails"]
    assert cli.json("thank", str(l1))["stage"] == "thanked"
    assert [p["name"] for p in cli.json("people", "list")] == ["Dana Lee", "Maya Chen", "Sam Okafor",
                                                               "Tom Rivera"]


def test_remove_asks_first_and_takes_the_persons_loops(cli):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com")
    cli.ok("people", "add", "Dana Lee")
    cli.ok("got", "advice", "--from", "Tom", "--about", "salary")
    cli.ok("gave", "favor", "--to", "Dana", "--about", "moving")
    cli.ok("log", "meeting", "--with", "Tom", "--with", "Dana", "--summary", "dinner")

    # Without --yes it asks; answering no keeps everything.
    kept = cli("people", "remove", "Tom", input="n\n")
    assert kept.code != 0 and "Remove Tom Rivera (id 2) with 1 loop(s)?" in kept.out
    assert "Traceback" not in kept.err + kept.out
    assert cli.json("people", "show", "Tom")["name"] == "Tom Rivera"

    result = cli("people", "remove", "Tom", input="y\n")
    assert result.code == 0 and "removed person 2: Tom Rivera" in result.out
    refused(cli, 3, "people", "show", "tom@initech.com")
    assert [lp["counterpart"] for lp in cli.json("loops")] == ["Dana Lee"]
    # The dinner with Dana is still in her history.
    assert [i["summary"] for i in cli.json("interactions", "--person", "Dana")] == ["dinner"]

    assert cli.json("people", "remove", "Dana", "--yes")["name"] == "Dana Lee"
    assert cli.json("loops") == []
    # You can't remove yourself.
    refused(cli, 6, "people", "remove", "Maya", "--yes", says=("you",))


def test_me_says_who_you_are(cli):
    assert "doesn't know who you are" in cli.ok("me").out
    me = cli.json("me", "--name", "Maya Chen", "--email", "maya@example.com")
    assert me["is_me"] is True and me["emails"] == ["maya@example.com"]
    cli.ok("me", "--email", "maya@school.edu")
    assert cli.json("me")["emails"] == ["maya@example.com", "maya@school.edu"]
    assert cli.ok("me").out.strip() == "you are Maya Chen (maya@example.com, maya@school.edu)"
    assert cli.json("people", "show", "maya@school.edu")["is_me"] is True


def test_search_takes_percent_and_underscore_literally(cli):
    cli.ok("people", "add", "Ann_Lee")
    cli.ok("people", "add", "Annxlee")
    assert cli.json("people", "show", "n_l")["name"] == "Ann_Lee"
    assert cli("people", "show", "%").code == 3
