"""`closeloop losing-touch`: who is drifting away, the ones who mattered most first."""

from __future__ import annotations


def test_drifting_people_ranked_by_how_much_they_mattered(cli):
    start = "2025-06-01T09:00:00+00:00"
    for name in ("Tom Rivera", "Ana Silva", "Lee Park", "Sam Okafor"):
        cli.ok("people", "add", name, now=start)
    cli.ok("people", "edit", "Sam", "--cadence", "30", now=start)
    # Tom: many calls and help both ways, long ago. Ana: three calls. Lee: one call and a note.
    for day in range(1, 9):
        cli.ok("log", "call", "--with", "Tom", "--at", f"2025-06-{day:02d}", now="2025-06-20T09:00:00+00:00")
    cli.ok("got", "advice", "--from", "Tom", "--about", "career", now="2025-06-10T09:00:00+00:00")
    cli.ok("gave", "favor", "--to", "Tom", "--about", "his move", now="2025-06-11T09:00:00+00:00")
    for day in (2, 3, 4):
        cli.ok("log", "call", "--with", "Ana", "--at", f"2025-06-{day:02d}", now="2025-06-20T09:00:00+00:00")
    cli.ok("log", "call", "--with", "Lee", "--at", "2025-06-05", now="2025-06-20T09:00:00+00:00")
    cli.ok("log", "note", "--with", "Lee", "--summary", "remember his birthday", now="2025-06-20T09:00:00+00:00")

    drifting = cli.json("losing-touch", now="2026-01-15T09:00:00+00:00")
    names = [d["person"] for d in drifting]
    assert names[:2] == ["Tom Rivera", "Ana Silva"]  # mattered most first
    assert "Lee Park" not in names  # one call is not a relationship drifting
    assert "Sam Okafor" in names  # his own 30-day cadence ran out
    tom = drifting[0]
    assert tom["mattered"] > drifting[1]["mattered"] and "quiet for over 90 days" in tom["why"]

    # A call brings Tom back; he is no longer drifting.
    cli.ok("log", "call", "--with", "Tom", now="2026-01-15T10:00:00+00:00")
    assert "Tom Rivera" not in [d["person"] for d in cli.json("losing-touch", now="2026-01-16T09:00:00+00:00")]
