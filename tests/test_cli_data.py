"""Export and import, the policy (`config`), and interactions (`log`, `interactions`)."""

from __future__ import annotations

import json

from closeloop.service import close_ledgers

VIEWS = (("people", "list"), ("loops",), ("interactions", "--limit", "1000"), ("today", "--all"),
         ("stats",), ("config",))


def refused(cli, code: int, *args: str, says: tuple[str, ...] = (), now: str | None = None):
    """Run a command that must fail cleanly: the exit code, one `error:` line, no traceback."""
    result = cli(*args, now=now)
    assert result.code == code, f"closeloop {' '.join(args)}: {result.code} {result.err}{result.out}"
    assert result.err.startswith("error:"), result.err
    assert "Traceback" not in result.err + result.out
    for text in says:
        assert text in result.err, f"{text!r} not in {result.err!r}"
    return result


def build_ledger(cli) -> None:
    """A ledger with a bit of everything, ids with gaps included."""
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com", "--email", "maya@school.edu",
           now="2026-01-02T09:00:00+00:00")
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com", "--phone", "+1 415 555 0100",
           "--url", "https://linkedin.com/in/tomr", "--org", "Initech", "--title", "Manager",
           "--circle", "close", "--circle", "mentors", "--met-how", "internship", "--met-on", "2021-06-01",
           "--note", "likes jazz\nand chess — «ünïcode»", "--cadence", "45", "--birthday", "1980-02-29",
           now="2026-01-02T10:00:00+00:00")
    cli.ok("people", "add", "Dana Lee", "--email", "dana@acme.com", "--org", "Acme", "--circle", "network",
           now="2026-03-05T09:00:00+00:00")
    cli.ok("people", "add", "Sam Okafor", "--email", "sam@example.org")
    cli.ok("people", "add", "S. Okafor", "--email", "sokafor@gmail.com", "--note", "same Sam")
    cli.ok("merge", "sam@example.org", "sokafor@gmail.com")
    cli.ok("people", "add", "Temp Person")
    cli.ok("people", "remove", "Temp Person", "--yes")
    cli.ok("config", "thank_within_days", "2")
    cli.ok("config", "cadence.mentors", "60")
    cli.ok("config", "cadence.acquaintances", "off")
    cli.ok("log", "meeting", "--with", "Tom", "--with", "Dana", "--summary", "lunch", "--at", "2026-01-15T12:30")
    cli.ok("log", "email", "--with", "Sam", "--direction", "to_me", "--summary", "question", "--at", "2026-02-01")
    cli.ok("log", "note", "--with", "Dana", "--summary", "she likes climbing", "--at", "2026-02-02")
    cli.ok("ask", "introduction", "--of", "Tom", "--about", "Acme's data team", "--at", "2026-02-01T09:00")
    cli.ok("got", "introduction", "--from", "Tom", "--introduced", "Dana", "--at", "2026-02-02T09:00")
    cli.ok("thank", "1", "--note", "card", "--at", "2026-02-02T18:00")
    cli.ok("acted", "1", "--at", "2026-02-09T10:00")
    cli.ok("report", "1", "--note", "interview", "--at", "2026-02-20T10:00")
    cli.ok("gave", "referral", "--to", "Sam", "--about", "a job", "--at", "2026-02-03")
    cli.ok("ack", "2", "--at", "2026-02-04")
    cli.ok("undo", "2")
    cli.ok("snooze", "2", "--until", "2026-03-20")
    cli.ok("got", "advice", "--from", "Dana", "--about", "climbing gear", "--at", "2026-03-01",
           "--introduced", "Priya Shah <priya@acme.com>")
    cli.ok("ask", "favor", "--of", "Sam", "--about", "a ride", "--at", "2026-01-20")
    cli.ok("drop", "4", "--at", "2026-01-25")


def views(cli) -> dict[str, object]:
    return {" ".join(args): cli.json(*args) for args in VIEWS}


def export(cli, path) -> dict:
    result = cli.ok("export", str(path))
    assert result.out.startswith(f"wrote {path}: ")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "closeloop-export" and document["exported_at"].startswith("2026-03-05T09:00")
    del document["exported_at"]
    return document


def test_export_then_import_restores_the_ledger_exactly(cli, db_url, tmp_path, monkeypatch):
    first_url = f"sqlite:///{tmp_path / 'first.db'}"
    last_url = f"sqlite:///{tmp_path / 'last.db'}"
    try:
        # Built on SQLite, restored into the database under test (SQLite, or PostgreSQL)...
        monkeypatch.setenv("CLOSELOOP_DATABASE_URL", first_url)
        build_ledger(cli)
        cli.ok("config", "report_after_act_days", "4.5", now="2026-03-05T09:00:00+00:00")
        before = views(cli)
        first = export(cli, tmp_path / "first.json")
        assert {t: len(rows) for t, rows in first["tables"].items() if rows}.items() >= {
            "people": 5, "loops": 4, "interactions": 3, "loop_events": 12, "settings": 2}.items()

        monkeypatch.setenv("CLOSELOOP_DATABASE_URL", db_url)
        restored = cli.ok("import", "json", str(tmp_path / "first.json"))
        assert restored.out.startswith(f"restored {tmp_path / 'first.json'}: ")
        assert "5 people" in restored.out and "4 loops" in restored.out
        assert export(cli, tmp_path / "second.json") == first
        assert views(cli) == before
        assert cli.json("loop", "2") == next(lp for lp in before["loops"] if lp["id"] == 2)

        # ...where new rows take fresh ids, never one that was restored.
        new_person = cli.json("people", "add", "New Person")["id"]
        assert new_person > max(p["id"] for p in before["people list"])
        new_loop = cli.json("got", "advice", "--from", "New Person")["id"]
        assert new_loop == 5
        assert cli.json("log", "call", "--with", "New Person")["id"] == 4
        assert cli.json("thank", str(new_loop))["events"][-1]["id"] > max(
            e["id"] for lp in before["loops"] for e in lp["events"])

        # A database that holds anything refuses an import.
        refused(cli, 6, "import", "json", str(tmp_path / "first.json"), says=("empty database",))
        assert len(cli.json("loops")) == 5

        # ...and back from the database under test into a new SQLite file.
        after = views(cli)
        third = export(cli, tmp_path / "third.json")
        monkeypatch.setenv("CLOSELOOP_DATABASE_URL", last_url)
        assert cli.json("import", "json", str(tmp_path / "third.json"))["rows"]["people"] == 6
        assert export(cli, tmp_path / "fourth.json") == third
        assert views(cli) == after
    finally:
        close_ledgers(first_url)
        close_ledgers(last_url)


def test_import_refuses_what_it_cannot_read(cli, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{\n  "format": "closeloop-export",\n  "tables": {,}\n}\n', encoding="utf-8")
    refused(cli, 8, "import", "json", str(bad), says=(str(bad), "line 3", "not valid JSON"))
    refused(cli, 3, "import", "json", str(tmp_path / "missing.json"), says=("missing.json",))
    other = tmp_path / "other.json"
    other.write_text('[1, 2, 3]', encoding="utf-8")
    refused(cli, 8, "import", "json", str(other), says=("not a closeloop export",))
    other.write_text('{"format": "closeloop-export", "schema": "9999", "tables": {}}', encoding="utf-8")
    refused(cli, 8, "import", "json", str(other), says=("9999",))
    binary = tmp_path / "latin1.json"
    binary.write_bytes('{"note": "caf\xe9"}'.encode("latin-1"))
    refused(cli, 8, "import", "json", str(binary), says=("UTF-8",))

    # A document with a bad row restores nothing at all.
    cli.ok("people", "add", "Tom Rivera")
    good = tmp_path / "good.json"
    cli.ok("export", "json", str(good))  # the `export FORMAT FILE` form
    document = json.loads(good.read_text(encoding="utf-8"))
    document["tables"]["people"].append({"id": "not a number", "name": None})
    broken_rows = tmp_path / "rows.json"
    broken_rows.write_text(json.dumps(document), encoding="utf-8")
    cli.ok("people", "remove", "Tom", "--yes")
    refused(cli, 8, "import", "json", str(broken_rows), says=(str(broken_rows),))
    assert cli.json("people", "list") == []

    refused(cli, 2, "export", str(tmp_path), says=("folder",))
    refused(cli, 2, "export", "xml", str(tmp_path / "x.xml"), says=("xml", "json"))
    assert not (tmp_path / "x.xml").exists()
    assert cli.json("export", str(tmp_path / "empty.json"))["rows"]["people"] == 0


def test_config_shows_sets_and_resets_the_policy(cli):
    shown = cli.json("config")
    assert shown["policy"] == {"thank_within_days": 1, "report_after_act_days": 3,
                               "report_without_act_days": 28, "follow_up_after_days": 7,
                               "check_in_after_days": 21, "reply_within_days": 2, "grace_days": 3}
    assert shown["cadences"] == {"acquaintances": 180, "close": 30, "network": 90}
    text = cli.ok("config").out
    for name in list(shown["policy"]) + ["cadence.close", "cadence.network", "cadence.acquaintances"]:
        assert name in text
    assert "Thank someone within this many days" in text

    assert cli.ok("config", "thank_within_days").out.strip() == "thank_within_days = 1"
    changed = cli.json("config", "thank_within_days", "0.5")
    assert changed["policy"]["thank_within_days"] == 0.5
    assert cli.ok("config", "thank_within_days").out.strip() == "thank_within_days = 0.5"
    cli.ok("config", "grace_days", "7")
    cli.ok("config", "cadence.mentors", "60")
    cli.ok("config", "cadence.close", "off")
    assert cli.ok("config", "cadence.close").out.strip() == "cadence.close = off"
    shown = cli.json("config")
    assert (shown["policy"]["grace_days"], shown["policy"]["thank_within_days"]) == (7, 0.5)
    assert shown["cadences"] == {"acquaintances": 180, "close": None, "mentors": 60, "network": 90}
    table = [line.split() for line in cli.ok("config").out.splitlines()]
    assert ["thank_within_days", "0.5", "1"] == table[1][:3]

    reset = cli.json("config", "thank_within_days", "--reset")
    assert reset["policy"]["thank_within_days"] == 1 and reset["policy"]["grace_days"] == 7
    assert cli.json("config", "cadence.mentors", "--reset")["cadences"].get("mentors") is None

    refused(cli, 2, "config", "thank_within", "2", says=("thank_within", "thank_within_days", "cadence.CIRCLE"))
    refused(cli, 2, "config", "nonsense", says=("nonsense", "closeloop config"))
    refused(cli, 2, "config", "thank_within_days", "soon", says=("number of days", "soon"))
    refused(cli, 2, "config", "thank_within_days", "--", "-1", says=("between 0 and 3650",))
    refused(cli, 2, "config", "grace_days", "4000", says=("between 0 and 3650",))
    refused(cli, 2, "config", "cadence.close", "0", says=("at least 1",))
    refused(cli, 2, "config", "cadence.close", "weekly")
    refused(cli, 2, "config", "cadence.", "30", says=("cadence.CIRCLE",))
    assert cli.json("config")["policy"]["thank_within_days"] == 1


def test_log_and_list_interactions(cli):
    assert "No interactions yet" in cli.ok("interactions").out
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com")
    cli.ok("people", "add", "Dana Lee")
    logged = cli.ok("log", "call", "--with", "Tom", "--summary", "catch up", "--at", "2026-03-01T14:30")
    assert logged.out.strip() == "logged interaction 1: call on 2026-03-01 14:30"
    meeting = cli.json("log", "meeting", "--with", "tom@initech.com", "--with", "Dana", "--with", "Tom",
                       "--summary", "lunch at Zuni", "--at", "yesterday")
    assert set(meeting) == {"id", "kind", "at", "direction", "summary", "person_ids", "people", "source",
                            "source_key", "needs_reply", "bulk"}
    assert (meeting["kind"], meeting["direction"], meeting["at"]) == ("meeting", "mutual", "2026-03-04T12:00:00+00:00")
    assert meeting["person_ids"] == [1, 2] and meeting["summary"] == "lunch at Zuni"
    note = cli.json("log", "note", "--with", "Dana", "--summary", "likes climbing")
    assert (note["direction"], note["at"]) == ("from_me", "2026-03-05T09:00:00+00:00")
    assert cli.json("log", "update", "--with", "Dana", "--with", "Tom")["direction"] == "from_me"
    assert cli.json("log", "email", "--with", "Tom", "--direction", "to_me", "--at", "2 days ago")["direction"] == "to_me"
    assert cli.json("log", "message", "--with", "Dana", "--at", "2026-02-01")["kind"] == "message"

    listed = cli.json("interactions")
    # Newest first (the note and the update share a time: the later logged comes first).
    assert [i["kind"] for i in listed] == ["update", "note", "meeting", "email", "call", "message"]
    assert [i["kind"] for i in cli.json("interactions", "--person", "Tom")] == ["update", "meeting", "email", "call"]
    assert [i["kind"] for i in cli.json("interactions", "--person", "Dana", "--limit", "2")] == ["update", "note"]
    assert len(cli.json("interactions", "--limit", "3")) == 3
    text = cli.ok("interactions", "--person", "Tom").out
    assert "2026-03-01 14:30" in text and "catch up" in text and "lunch at Zuni" in text
    # Contact shows on the person.
    shown = cli.json("people", "show", "Tom")
    assert shown["interaction_count"] == 4 and shown["last_contact"].startswith("2026-03-05")

    refused(cli, 2, "log", "lunch", "--with", "Tom", says=("lunch", "email, call, meeting"))
    refused(cli, 2, "log", "call", "--with", "Tom", "--direction", "sideways", says=("sideways",))
    refused(cli, 2, "log", "call", "--with", "Tom", "--at", "next tuesday-ish", says=("next tuesday-ish",))
    refused(cli, 2, "log", "meeting", "--with", "Tom", "--at", "2026-03-06", says=("future",))
    result = cli("log", "call")  # no one to log it with: a usage error
    assert result.code == 2 and "--with" in result.err and "Traceback" not in result.err
    assert len(cli.json("interactions")) == 6
