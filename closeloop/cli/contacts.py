"""`closeloop import vcard|csv|ics`, `closeloop people duplicates`."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer

from closeloop.cli.data import import_app
from closeloop.cli.output import ledger as _ledger, console, emit_json, esc, say, table
from closeloop.cli.people import people_app

JSON = typer.Option(False, "--json", help="Print the summary as JSON.")
# Below this many records an import is over before a bar would be worth drawing.
PROGRESS_FROM = 2000
LISTED = 20


def _path(help_: str):
    # exists=True: a missing file is a usage mistake, refused before any database is opened
    return typer.Argument(..., exists=True, help=help_)


@contextmanager
def _progress(path: Path, kind: str) -> Iterator:
    """A Rich progress bar on stderr when the file is large (drawn only on a terminal)."""
    from closeloop.service.contacts import estimate_records
    total = estimate_records(path, kind)
    if total < PROGRESS_FROM:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    bar = Progress(TextColumn("importing {task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task(esc(path.name), total=total)
        yield lambda done: bar.update(task, completed=min(done, total))


def _report(summary, as_json: bool) -> None:
    from closeloop.errors import EXIT_SKIPPED
    if as_json:
        emit_json(summary_dict(summary))
    else:
        counts = [f"{summary.added} added", f"{summary.updated} updated",
                  f"{summary.unchanged} unchanged", f"{summary.skipped} skipped"]
        if summary.window:
            counts.append(f"{summary.ignored} without anyone else")
            counts.append(f"{summary.people_added} new people")
        say(f"imported {summary.path} ({summary.format}): " + ", ".join(counts))
        for pid, name, fields in summary.changes[:LISTED]:
            say(f"  updated {pid}: {name} ({', '.join(fields)})")
        if summary.updated > LISTED:
            say(f"  ... and {summary.updated - LISTED} more updated (--json lists them)")
        for problem in summary.problems[:LISTED]:
            say(f"  skipped {problem}")
        if summary.skipped > LISTED:
            say(f"  ... and {summary.skipped - LISTED} more skipped (--json lists them)")
    if summary.skipped:
        raise typer.Exit(EXIT_SKIPPED)


def summary_dict(summary) -> dict:
    data = {"path": summary.path, "format": summary.format, "added": summary.added,
            "updated": summary.updated, "unchanged": summary.unchanged,
            "skipped": summary.skipped,
            "problems": [{"source": p.source, "where": p.where, "message": p.message}
                         for p in summary.problems],
            "updates": [{"id": pid, "name": name, "changed": list(fields)}
                        for pid, name, fields in summary.changes]}
    if summary.window:
        data.update(ignored=summary.ignored, people_added=summary.people_added,
                    window={"from": summary.window[0], "to": summary.window[1]})
    return data


@import_app.command("vcard")
def import_vcard(path: Path = _path("A .vcf file (one or many cards) or a folder of them."),
                 as_json: bool = JSON) -> None:
    """Import contacts from vCard (2.1, 3.0, 4.0); run it again to pick up changes."""
    from closeloop.service.contacts import import_vcard as import_
    with _progress(path, "vcard") as progress:
        summary = import_(_ledger(), path, progress=progress)
    _report(summary, as_json)


@import_app.command("csv")
def import_csv(path: Path = _path("Connections.csv (LinkedIn), or a Google or Outlook contacts CSV."),
               format: str = typer.Option("auto", "--format", "-f",
                                          help="linkedin, google, outlook or auto (from the header)."),
               as_json: bool = JSON) -> None:
    """Import contacts from a LinkedIn, Google or Outlook CSV export."""
    from closeloop.service.contacts import import_csv as import_
    with _progress(path, "csv") as progress:
        summary = import_(_ledger(), path, format=format, progress=progress)
    _report(summary, as_json)


@import_app.command("ics")
def import_ics(path: Path = _path("An .ics file or a folder of them."),
               from_: Optional[str] = typer.Option(None, "--from",
                                                   help="Only meetings from this date (default: a year ago)."),
               to: Optional[str] = typer.Option(None, "--to",
                                                help="Only meetings before this date (default: in 90 days)."),
               as_json: bool = JSON) -> None:
    """Import meetings from a calendar: each becomes a meeting with its attendees."""
    from closeloop.service.calendar_import import import_calendar
    with _progress(path, "ics") as progress:
        summary = import_calendar(_ledger(), path, start=from_, end=to, progress=progress)
    _report(summary, as_json)


@people_app.command("duplicates")
def duplicates(as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """List people who are likely the same person, and why (merge with `closeloop merge`)."""
    from closeloop.service.contacts import find_duplicates
    from closeloop.service.views import person_dict
    pairs = find_duplicates(_ledger())
    if as_json:
        emit_json([{"first": person_dict(p.first), "second": person_dict(p.second),
                    "reasons": list(p.reasons)} for p in pairs])
        return
    if not pairs:
        say("No likely duplicates.")
        return
    grid = table("first", "second", "why")
    for pair in pairs:
        grid.add_row(f"{pair.first.id}: {esc(pair.first.name)}", f"{pair.second.id}: {esc(pair.second.name)}",
                     esc("; ".join(pair.reasons)))
    console().print(grid)
    say(f"{len(pairs)} likely duplicate pair{'s' if len(pairs) != 1 else ''}; "
        "merge one with: closeloop merge KEEP OTHER")
