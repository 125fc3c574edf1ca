"""Interactions (`log`, `interactions`), `export`, `import`, `config`."""

from __future__ import annotations

from typing import List, Optional

import typer

from closeloop.cli import app
from closeloop.cli.output import ledger as _ledger, console, emit_json, esc, local, say, table

import_app = typer.Typer(no_args_is_help=True, help="Import data into closeloop.")
app.add_typer(import_app, name="import")


@app.command()
def log(kind: str = typer.Argument(..., help="email, call, meeting, message, note or update."),
        with_: List[str] = typer.Option(..., "--with", "-w", help="Who took part (repeatable)."),
        summary: str = typer.Option("", "--summary", "-s", help="What it was about."),
        at: Optional[str] = typer.Option(None, "--at", help="When (default now)."),
        direction: Optional[str] = typer.Option(
            None, "--direction", help="from_me, to_me or mutual (default: mutual; notes and updates from_me)."),
        as_json: bool = typer.Option(False, "--json", help="Print the interaction as JSON.")) -> None:
    """Log an interaction with one or more people."""
    from closeloop.service.interactions import log_interaction
    item = log_interaction(_ledger(), kind, with_, summary=summary, at=at, direction=direction)
    if as_json:
        from closeloop.service.views import interaction_dict
        emit_json(interaction_dict(item))
    else:
        say(f"logged interaction {item.id}: {item.kind.value} on {local(item.occurred_at)}")


@app.command()
def interactions(person: Optional[str] = typer.Option(None, "--person", "-p", help="Only with this person."),
                 limit: int = typer.Option(50, "--limit", min=1, help="At most N, newest first."),
                 as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """List interactions, newest first."""
    from closeloop.service.interactions import list_interactions
    found = list_interactions(_ledger(), person=person, limit=limit)
    if as_json:
        from closeloop.service.views import interaction_dict
        emit_json([interaction_dict(i) for i in found])
        return
    if not found:
        say("No interactions yet. Log one with: closeloop log call --with NAME --summary \"...\"")
        return
    grid = table("id", "when", "kind", "direction", "summary")
    for i in found:
        grid.add_row(str(i.id), local(i.occurred_at), i.kind.value, i.direction.value, esc(i.summary))
    console().print(grid)


@app.command("export")
def export(what: str = typer.Argument(..., help="The file to write (JSON), or a format: json, vcard, csv or ics."),
           path: Optional[str] = typer.Argument(None, help="The file, when a format is given."),
           circle: Optional[str] = typer.Option(None, "--circle", "-c",
                                                help="vcard and csv: only the people of this circle."),
           todo: bool = typer.Option(False, "--todo", help="ics: to-dos (VTODO) instead of all-day events."),
           as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
    """Write everything to one JSON file (`closeloop export backup.json`), contacts as
    vCard 4.0 (`closeloop export vcard people.vcf`) or Google CSV (`closeloop export csv people.csv`),
    or what is due as a calendar (`closeloop export ics due.ics`)."""
    from closeloop.errors import BadInput
    formats = ("json", "vcard", "csv", "ics")
    if path is None:
        fmt, target = "json", what
    elif what in formats:
        fmt, target = what, path
    else:
        raise BadInput(f"unknown export format {what!r}: choose one of {', '.join(formats)}")
    if circle is not None and fmt not in ("vcard", "csv"):
        raise BadInput(f"--circle goes with vcard or csv; {fmt} exports hold everyone")
    if fmt == "ics":
        from closeloop.service.calendar_feed import export_ics
        count = export_ics(_ledger(), target, todo=todo)
        if as_json:
            emit_json({"format": fmt, "path": target, "items": count})
        else:
            say(f"wrote {target}: {count} follow-up{'s' if count != 1 else ''} as a calendar")
        return
    if fmt != "json":
        from closeloop.service.contacts import export_csv, export_vcard
        count = (export_vcard if fmt == "vcard" else export_csv)(_ledger(), target, circle=circle)
        if as_json:
            emit_json({"format": fmt, "path": target, "circle": circle, "people": count})
        else:
            say(f"wrote {target}: {count} {'person' if count == 1 else 'people'} as {fmt}")
        return
    from closeloop.service.transfer import export_json
    counts = export_json(_ledger(), target)
    if as_json:
        emit_json({"format": fmt, "path": target, "rows": counts})
    else:
        say(f"wrote {target}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))


@import_app.command("json")
def import_json(path: str = typer.Argument(..., help="A file written by `closeloop export`."),
                as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
    """Restore an export into an empty database, exactly."""
    from closeloop.service.transfer import import_json as import_
    counts = import_(_ledger(), path)
    if as_json:
        emit_json({"path": path, "rows": counts})
    else:
        say(f"restored {path}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))


@app.command()
def config(name: Optional[str] = typer.Argument(None, help="A setting, or cadence.CIRCLE."),
           value: Optional[str] = typer.Argument(None, help="Its new value (days)."),
           reset: bool = typer.Option(False, "--reset", help="Restore the default / clear the cadence."),
           as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Show or set the policy: timing rules and circle cadences.

    Examples: `closeloop config thank_within_days 2`, `closeloop config cadence.mentors 60`.
    """
    from closeloop.errors import BadInput
    from closeloop.service.config import set_config, show_config
    ledger = _ledger()
    if name is None:
        view = show_config(ledger)
    elif value is None and not reset:
        view = show_config(ledger)
        match = [p for p in view.policy if p[0] == name]
        if match:
            say(f"{name} = {match[0][1]:g}")
            return
        text = [d for d in view.delivery if d[0] == name]
        if text:
            say(f"{name} = {text[0][1]}")
            return
        if name.startswith("cadence.") and name[8:] in view.cadences:
            days = view.cadences[name[8:]]
            say(f"{name} = {days if days else 'off'}")
            return
        raise BadInput(f"unknown setting {name!r}; `closeloop config` lists them")
    else:
        view = set_config(ledger, name, None if reset else value)
    if as_json:
        emit_json({"policy": {n: v for n, v, _, _ in view.policy},
                   "cadences": view.cadences,
                   "delivery": {n: v for n, v, _, _ in view.delivery}})
        return
    grid = table("setting", "value", "default", "meaning")
    for n, v, d, help_ in view.policy:
        grid.add_row(n, f"{v:g}", f"{d:g}", help_)
    for circle, days in view.cadences.items():
        grid.add_row(f"cadence.{esc(circle)}", str(days) if days else "off", "",
                     f"Keep in touch with the '{esc(circle)}' circle every N days.")
    for n, v, d, help_ in view.delivery:
        grid.add_row(n, esc(v), esc(d), help_)
    console().print(grid)
