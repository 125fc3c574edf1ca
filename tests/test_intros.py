"""Asking for an introduction and making one: `ask intro --to`, `introduce [--double-opt-in]`."""

from __future__ import annotations

from tests.test_cli_loops import LOOP_FIELDS, refused


def setup(cli):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com")
    cli.ok("people", "add", "Dana Lee", "--email", "dana@acme.com", "--org", "Acme",
           "--title", "Data lead")


def test_ask_intro_drafts_a_forwardable_request_and_opens_an_asked_loop(cli):
    setup(cli)
    asked = cli.json("ask", "intro", "--of", "Tom", "--to", "Dana",
                     "--about", "I'm moving into data engineering")
    assert LOOP_FIELDS <= set(asked)
    assert (asked["kind"], asked["direction"], asked["stage"]) == ("introduction", "received", "asked")
    assert (asked["counterpart"], asked["introduced"]) == ("Tom Rivera", "Dana Lee")
    assert asked["next_step"] == "follow_up"  # the agenda follows it up
    draft = asked["draft"]
    assert draft["to"] == ["Tom Rivera <tom@initech.com>"]
    assert draft["subject"] == "Could you introduce me to Dana Lee?"
    assert "Hi Tom," in draft["body"] and "Dana Lee (Data lead at Acme)" in draft["body"]
    blurb = draft["body"].split("---")[1]
    assert "Maya Chen (maya@example.com) would like to meet Dana Lee" in blurb
    assert "I'm moving into data engineering" in blurb
    # Tom's answer moves the ask on, as with any ask.
    helped = cli.json("got", "introduction", "--from", "Tom")
    assert helped["id"] == asked["id"] and helped["stage"] == "helped"
    text = cli.ok("ask", "intro", "--of", "Tom", "--to", "Dana").out
    assert "asked Tom Rivera for an introduction to Dana Lee" in text and "Subject:" in text


def test_ask_intro_to_an_organization_or_someone_new(cli):
    setup(cli)
    org = cli.json("ask", "intro", "--of", "Tom", "--to", "Acme")
    assert org["organization"] == "Acme" and org["introduced"] is None
    assert org["about"] == "someone at Acme" and "someone at Acme" in org["draft"]["body"]
    new = cli.json("ask", "intro", "--of", "Tom", "--to", "Raj Patel <raj@acme.com>")
    assert new["introduced"] == "Raj Patel"
    refused(cli, 2, "ask", "advice", "--of", "Tom", "--to", "Dana", says=("introductions",))
    refused(cli, 2, "ask", "intro", "--of", "Tom", "--to", "Tom", says=("themselves",))


def test_introduce_records_a_given_loop_with_each_and_the_agenda_checks_in(cli):
    setup(cli)
    done = cli.json("introduce", "Tom", "Dana", "--about", "both work on pipelines")
    assert done["step"] == "introduced"
    [draft] = done["drafts"]
    assert draft["to"] == ["Tom Rivera <tom@initech.com>", "Dana Lee <dana@acme.com>"]
    assert "Tom, meet Dana Lee (Data lead at Acme)" in draft["body"]
    assert [(l["counterpart"], l["introduced"], l["stage"]) for l in done["loops"]] == [
        ("Tom Rivera", "Dana Lee", "given"), ("Dana Lee", "Tom Rivera", "given")]
    due = cli.json("today", now="2026-03-30T09:00:00+00:00")
    checks = {d["person"] for d in due if d["action"] == "check_in"}
    assert checks == {"Tom Rivera", "Dana Lee"}
    # The introduction is evidence that they know each other.
    cli.ok("log", "call", "--with", "Tom", "--summary", "catch up")
    path = cli.json("path", "--to", "Dana")
    assert path["paths"][0]["via"] == "Tom Rivera"
    assert "introduced to each other (1x)" in path["paths"][0]["through"][0]["evidence"]


def test_double_opt_in_asks_b_first_then_introduces(cli):
    setup(cli)
    first = cli.json("introduce", "Tom", "Dana", "--double-opt-in")
    assert first["step"] == "consent" and first["loops"] == []
    [ask] = first["drafts"]
    assert ask["to"] == ["Dana Lee <dana@acme.com>"] and "introduce you to Tom Rivera" in ask["body"]
    assert cli.json("loops") == []
    again = cli.json("introduce", "Tom", "Dana", "--double-opt-in")
    assert again["step"] == "consent" and again["consent_asked_at"].startswith("2026-03-05")
    shown = cli.json("people", "show", "Dana")
    assert any("whether they would like an introduction" in i["summary"]
               for i in shown["recent_interactions"])
    done = cli.json("introduce", "Tom", "Dana", now="2026-03-07T09:00:00+00:00")
    assert done["step"] == "introduced" and len(done["loops"]) == 2
    assert "Dana said they'd be glad to connect" in done["drafts"][0]["body"]
    text = cli.ok("introduce", "Tom", "Dana", "--double-opt-in").out
    assert "once they agree" in text


def test_introduce_refuses_what_makes_no_sense(cli):
    setup(cli)
    refused(cli, 2, "introduce", "Tom", "Tom", says=("themselves",))
    refused(cli, 2, "introduce", "Maya", "Tom", says=("ask intro",))
    refused(cli, 3, "introduce", "Tom", "Nobody Here")
