"""Calendar reader: every real .ics file (Radicale, icalendar's own tests with
fuzz cases and bad TZIDs, vobject's) yields events or problems, never an
exception; endless RRULEs stop at the window."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path


from closeloop.core.problems import Problem
from closeloop.sources.calendar import read_events
from closeloop.sources.records import EventRecord
from tests.conftest import need_corpus

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CALENDAR = DATA / "calendar"
GOLDEN = Path(__file__).parent / "golden" / "calendar.json"
UTC = timezone.utc
WINDOW = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC))


def as_json(item: EventRecord | Problem) -> dict:
    data = asdict(item)
    data["source"] = Path(item.source).relative_to(CALENDAR).as_posix()
    if isinstance(item, Problem):
        return {"problem": data}
    data["start"], data["end"] = item.start.isoformat(), item.end.isoformat()
    data["attendees"] = [list(a) for a in item.attendees]
    data["organizer"] = list(item.organizer) if item.organizer else None
    return data


def test_every_real_calendar_file_yields_events_or_problems():
    files = sorted(p for p in need_corpus(CALENDAR).rglob("*") if p.is_file())
    assert len(files) >= 240
    for file in files:
        items = list(read_events(file, *WINDOW))
        assert all(isinstance(i, (EventRecord, Problem)) for i in items), file
        for record in (i for i in items if isinstance(i, EventRecord)):
            assert record.start.tzinfo is not None and record.start.utcoffset().total_seconds() == 0
            assert record.end >= record.start
        if b"BEGIN:VEVENT" in file.read_bytes().upper() and not items:
            # Only events wholly outside the window, or cancelled, yield nothing.
            wide = list(read_events(file, datetime(1900, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)))
            assert wide or b"CANCELLED" in file.read_bytes(), file


def test_real_calendars_match_golden():
    """The first occurrences and all problems of each file in tests/golden/calendar.json;
    regenerate with CLOSELOOP_UPDATE_GOLDEN=1 after a deliberate change."""
    got = {}
    for file in sorted(need_corpus(CALENDAR).rglob("*.ics")):
        items = [as_json(i) for i in read_events(file, *WINDOW)]
        records = [i for i in items if "problem" not in i]
        got[file.relative_to(CALENDAR).as_posix()] = {
            "occurrences": len(records), "first": records[:3],
            "problems": [i["problem"] for i in items if "problem" in i]}
    if os.environ.get("CLOSELOOP_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                          encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_broken_vevents_are_problems_with_event_and_line():
    [problem] = list(read_events(need_corpus(CALENDAR / "radicale" / "broken-vevent.ics"), *WINDOW))
    assert isinstance(problem, Problem) and problem.where == "event 1, line 4"
    good, bad = list(read_events(CALENDAR / "radicale" / "broken-vevents.ics", *WINDOW))
    assert good.summary == "Good ICS" and good.start == datetime(2016, 7, 27, 15, 0, tzinfo=UTC)
    assert isinstance(bad, Problem) and bad.where == "event 2, line 17"


def test_unparsable_file_is_one_problem():
    items = list(read_events(need_corpus(CALENDAR / "icalendar" / "calendars" / "fuzz_testcase_invalid_month.ics"), *WINDOW))
    assert len(items) == 1 and isinstance(items[0], Problem) and items[0].where == ""


def test_endless_rrule_is_expanded_only_inside_the_window():
    path = need_corpus(CALENDAR / "radicale" / "event_daily_rrule_forever.ics")
    started = time.perf_counter()
    items = list(read_events(path, datetime(2024, 3, 1, tzinfo=UTC), datetime(2024, 3, 8, tzinfo=UTC)))
    assert time.perf_counter() - started < 2
    assert len(items) == 7 and len({i.key for i in items}) == 7
    assert all(datetime(2024, 3, 1, tzinfo=UTC) <= i.start < datetime(2024, 3, 8, tzinfo=UTC) for i in items)


def test_overridden_occurrence_replaces_the_series_one():
    path = need_corpus(CALENDAR / "radicale" / "event_daily_rrule_overridden.ics")
    items = list(read_events(path, *WINDOW))
    assert all(isinstance(i, EventRecord) for i in items)
    assert len({i.key for i in items}) == len(items)


def test_attendees_and_organizer(tmp_path):
    path = tmp_path / "meet.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:m1\r\n"
        "DTSTART:20250102T100000Z\r\nDTEND:20250102T110000Z\r\nSUMMARY:Coffee\r\n"
        "ORGANIZER;CN=Ann Lee:mailto:Ann@Example.com\r\n"
        "ATTENDEE;CN=Bob:mailto:bob@example.com\r\nATTENDEE:mailto:cy@example.com\r\n"
        "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:m2\r\nDTSTART:20250102T100000Z\r\n"
        "RRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    event, problem = list(read_events(path, *WINDOW))
    assert event.organizer == ("Ann Lee", "ann@example.com")
    assert event.attendees == (("Bob", "bob@example.com"), ("", "cy@example.com"))
    assert isinstance(problem, Problem) and "SECONDLY" in problem.message


def test_all_day_event_starts_at_midnight_utc(tmp_path):
    path = tmp_path / "day.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:d\r\n"
                    "DTSTART;VALUE=DATE:20250301\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    [event] = list(read_events(path, *WINDOW))
    assert event.all_day and event.start == datetime(2025, 3, 1, tzinfo=UTC)
    assert event.end == datetime(2025, 3, 2, tzinfo=UTC)
