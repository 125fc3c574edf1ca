"""`closeloop import ics`: meetings become interactions with their attendees.

Attendees are matched by email or added; your own addresses never become
contacts; an event with no one else is not an interaction; a second run adds
nothing and a moved meeting is updated; recurring events stay within the
window; broken events are reported with file and line; every real calendar
file in ../shared/data imports or is reported.
"""

from __future__ import annotations

from pathlib import Path

from closeloop.errors import EXIT_SKIPPED
from tests.conftest import shared_data

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
TAIL = "END:VCALENDAR\r\n"


def event(uid: str, start: str, summary: str, *lines: str, end: str | None = None) -> str:
    body = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART:{start}"]
    if end:
        body.append(f"DTEND:{end}")
    body += [f"SUMMARY:{summary}", *lines, "END:VEVENT"]
    return "\r\n".join(body) + "\r\n"


def calendar(path: Path, *events: str) -> Path:
    path.write_text(HEAD + "".join(events) + TAIL, encoding="utf-8")
    return path


def run(cli, *args, code: int = 0) -> dict:
    result = cli("import", "ics", *args, "--json")
    assert result.code == code, (result.code, result.err, result.out)
    assert "Traceback" not in result.err + result.out
    return result.json()


def counts(data: dict) -> tuple[int, int, int, int]:
    return data["added"], data["updated"], data["unchanged"], data["skipped"]


def meetings(cli) -> list[dict]:
    return cli.json("interactions", "--limit", "1000")


LUNCH = event("lunch-1", "20260210T123000Z", "Lunch with Tom and Dana",
              "ORGANIZER;CN=Maya Chen:mailto:maya@example.com",
              "ATTENDEE;CN=Tom Rivera:mailto:Tom@Initech.com",
              "ATTENDEE;CN=Dana Lee:mailto:dana@acme.com",
              "ATTENDEE;CN=Maya Chen:mailto:maya@example.com", end="20260210T133000Z")
DENTIST = event("dentist", "20260212T090000Z", "Dentist", end="20260212T100000Z")
SOLO = event("focus", "20260213T090000Z", "Focus time", "ORGANIZER:mailto:maya@example.com",
             "ATTENDEE:mailto:maya@example.com")


def test_meetings_become_interactions_with_their_attendees(cli, tmp_path):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    cli.ok("people", "add", "Thomas Rivera", "--email", "tom@initech.com")
    ics = calendar(tmp_path / "cal.ics", LUNCH, DENTIST, SOLO)
    data = run(cli, ics)
    assert counts(data) == (1, 0, 0, 0)
    assert data["ignored"] == 2 and data["people_added"] == 1
    assert data["window"]["from"].startswith("2025-03-05") and data["window"]["to"].startswith("2026-06-03")
    found = meetings(cli)
    assert len(found) == 1
    lunch = found[0]
    assert lunch["kind"] == "meeting" and lunch["summary"] == "Lunch with Tom and Dana"
    assert lunch["at"].startswith("2026-02-10T12:30") and lunch["source"] == "calendar"
    people = {p["name"]: p for p in cli.json("people", "list")}
    # Tom matched by email (his name kept), Dana added, Maya not a contact
    assert set(people) == {"Maya Chen", "Thomas Rivera", "Dana Lee"}
    assert sorted(lunch["person_ids"]) == sorted([people["Thomas Rivera"]["id"], people["Dana Lee"]["id"]])
    assert people["Dana Lee"]["emails"] == ["dana@acme.com"]
    assert [i["id"] for i in cli.json("interactions", "--person", "Dana")] == [lunch["id"]]


def test_a_second_run_adds_nothing_and_a_moved_meeting_is_updated(cli, tmp_path):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    ics = calendar(tmp_path / "cal.ics", LUNCH)
    assert counts(run(cli, ics)) == (1, 0, 0, 0)
    again = run(cli, ics)
    assert counts(again) == (0, 0, 1, 0) and again["people_added"] == 0
    calendar(ics, LUNCH.replace("20260210T123000Z", "20260211T123000Z")
             .replace("Lunch with Tom and Dana", "Lunch, moved")
             .replace("ATTENDEE;CN=Dana Lee:mailto:dana@acme.com\r\n", ""))
    moved = run(cli, ics)
    assert counts(moved) == (0, 1, 0, 0)
    assert moved["updates"][0]["changed"] == ["time", "title", "people"]
    (lunch,) = meetings(cli)
    assert lunch["at"].startswith("2026-02-11T12:30") and lunch["summary"] == "Lunch, moved"
    assert len(lunch["person_ids"]) == 1
    plain = cli.ok("import", "ics", ics)
    assert "0 added, 0 updated, 1 unchanged, 0 skipped" in plain.out


def test_recurring_meetings_stay_in_the_window(cli, tmp_path):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    weekly = event("weekly-1on1", "20200106T160000Z", "1:1 with Tom", "RRULE:FREQ=WEEKLY",
                   "ORGANIZER:mailto:maya@example.com", "ATTENDEE:mailto:tom@initech.com",
                   end="20200106T163000Z")
    ics = calendar(tmp_path / "weekly.ics", weekly)
    data = run(cli, ics, "--from", "2026-01-01", "--to", "2026-02-01")
    # Mondays in January 2026: the 5th, 12th, 19th and 26th
    assert counts(data) == (4, 0, 0, 0)
    assert sorted(m["at"][:10] for m in meetings(cli)) == ["2026-01-05", "2026-01-12", "2026-01-19",
                                                           "2026-01-26"]
    # the default window: a year back and 90 days ahead of now (2026-03-05), however endless the rule
    wide = run(cli, ics)
    assert wide["added"] + wide["unchanged"] in (65, 66) and wide["unchanged"] == 4
    assert counts(run(cli, ics))[:2] == (0, 0)


def test_broken_events_are_reported_and_the_rest_imported(cli, tmp_path):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    broken = ("BEGIN:VEVENT\r\nUID:no-start\r\nSUMMARY:When?\r\n"
              "ATTENDEE:mailto:tom@initech.com\r\nEND:VEVENT\r\n")
    ics = calendar(tmp_path / "cal.ics", LUNCH, broken)
    data = run(cli, ics, code=EXIT_SKIPPED)
    assert counts(data) == (1, 0, 0, 1)
    (problem,) = data["problems"]
    assert Path(problem["source"]).name == "cal.ics" and problem["where"] == "event 2, line 14"
    assert "DTSTART" in problem["message"]
    plain = cli("import", "ics", ics)
    assert plain.code == EXIT_SKIPPED and "skipped" in plain.out and "cal.ics, event 2, line 14" in plain.out


def test_window_mistakes_are_clean(cli, tmp_path):
    ics = calendar(tmp_path / "cal.ics", LUNCH)
    for args in (("--from", "2026-03-01", "--to", "2026-01-01"), ("--from", "someday")):
        result = cli("import", "ics", ics, *args)
        assert result.code == 2 and result.err.startswith("error:"), (args, result.err)
    not_ics = tmp_path / "notes.ics"
    not_ics.write_text("hello, world\n", encoding="utf-8")
    result = cli("import", "ics", not_ics)
    assert result.code == 8 and result.err.startswith("error:") and "Traceback" not in result.err


def test_without_me_attendees_still_become_people(cli, tmp_path):
    ics = calendar(tmp_path / "cal.ics", LUNCH)
    data = run(cli, ics)
    assert data["added"] == 1 and data["people_added"] == 3


def test_every_real_calendar_file_imports_or_is_reported(cli, tmp_path):
    folder = shared_data("calendar")
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    window = ("--from", "2000-01-01", "--to", "2030-01-01")
    files = sorted(folder.rglob("*.ics"))
    assert len(files) > 200
    for path in files:
        result = cli("import", "ics", path, *window, "--json")
        assert result.code in (0, 8, EXIT_SKIPPED), (path, result.code, result.err)
        assert "Traceback" not in result.out + result.err
        if result.code == 8:
            assert result.err.startswith("error:"), result.err
            continue
        data = result.json()
        assert (result.code == EXIT_SKIPPED) == (data["skipped"] > 0), path
        assert all(p["message"] for p in data["problems"])
    data = run(cli, folder, *window, code=EXIT_SKIPPED)
    assert data["added"] == 0 and data["skipped"] > 0
    assert any("big_bad_calendar.ics" in p["source"] and p["where"].startswith("event 1")
               for p in data["problems"])
    again = run(cli, folder, *window, code=EXIT_SKIPPED)
    assert (again["added"], again["updated"], again["people_added"]) == (0, 0, 0)
