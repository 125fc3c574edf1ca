"""What is due as a calendar, checked with two independent parsers (icalendar, vobject)."""

from __future__ import annotations

import icalendar
import pytest
import vobject

NOW = "2026-03-05T09:00:00+00:00"


def _events(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(c["UID"]): c for c in calendar.walk() if c.name in ("VEVENT", "VTODO")}


def test_due_items_become_all_day_events_with_stable_uids(cli, tmp_path):
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com", now=NOW)
    loop = cli.json("got", "introduction", "--from", "Tom", "--introduced", "Dana Lee",
                    now=NOW)["id"]
    cli.ok("export", "ics", str(tmp_path / "a.ics"), now=NOW)
    first = _events(tmp_path / "a.ics")
    assert list(first) == [f"loop:{loop}@closeloop"]
    event = first[f"loop:{loop}@closeloop"]
    assert str(event["SUMMARY"]) == "Thank Tom Rivera"
    assert event["DTSTART"].dt.isoformat() == "2026-03-06"  # due within a day, all day
    assert "Thank you for introducing me to Dana Lee" in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(f"/items/loop:{loop}")

    # The loop moves on: the same UID now says what is owed next, so calendars update it.
    cli.ok("thank", str(loop), now=NOW)
    cli.ok("acted", str(loop), "--note", "met Dana", now="2026-03-09T09:00:00+00:00")
    cli.ok("export", "ics", str(tmp_path / "b.ics"), now="2026-03-09T10:00:00+00:00")
    later = _events(tmp_path / "b.ics")
    assert list(later) == [f"loop:{loop}@closeloop"]
    assert str(later[f"loop:{loop}@closeloop"]["SUMMARY"]) == "Report back to Tom Rivera"

    # An independent parser reads the same file.
    parsed = vobject.readOne((tmp_path / "b.ics").read_text())
    assert [e.uid.value for e in parsed.vevent_list] == [f"loop:{loop}@closeloop"]
    assert parsed.vevent.summary.value == "Report back to Tom Rivera"


def test_todos_and_overdue_items(cli, tmp_path):
    cli.ok("people", "add", "Tom Rivera", now="2026-01-01T09:00:00+00:00")
    cli.ok("got", "advice", "--from", "Tom", "--about", "salary talks", now="2026-03-01T09:00:00+00:00")
    cli.ok("export", "ics", str(tmp_path / "t.ics"), "--todo", now=NOW)
    [todo] = _events(tmp_path / "t.ics").values()
    assert todo.name == "VTODO" and str(todo["SUMMARY"]) == "Thank Tom Rivera (overdue)"
    assert todo["DUE"].dt.isoformat() == "2026-03-05"  # overdue: due today
    assert int(todo["PRIORITY"]) == 1
    parsed = vobject.readOne((tmp_path / "t.ics").read_text())
    assert parsed.vtodo.summary.value == "Thank Tom Rivera (overdue)"


def test_the_feed_needs_its_secret(ledger):
    from closeloop.errors import NotFound
    from closeloop.service.calendar_feed import feed, feed_for_token
    address = feed(ledger)
    assert address.url.endswith(f"/feed/{address.token}.ics") and len(address.token) >= 32
    assert feed_for_token(ledger, address.token).startswith(b"BEGIN:VCALENDAR")
    with pytest.raises(NotFound):
        feed_for_token(ledger, "guess")
    renewed = feed(ledger, reset=True)
    assert renewed.token != address.token
    with pytest.raises(NotFound):
        feed_for_token(ledger, address.token)
