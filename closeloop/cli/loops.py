"""Loop verbs: ask, got, gave, thank, acted, report, ack, outcome, nudge,
snooze, drop, reopen, undo; and `loops` / `loop` to see them."""

from __future__ import annotations

from typing import Optional

import typer

from closeloop.cli import app
from closeloop.cli.output import ledger as _ledger, console, emit_json, esc, local, say, table

JSON = typer.Option(False, "--json", help="Print the whole loop as JSON.")
AT = typer.Option(None, "--at", help="When it happened (default now): 2026-03-01, "
                                     "2026-03-01T14:30, yesterday, '3 days ago'.")
NOTE = typer.Option("", "--note", "-n", help="A short note.")
KINDS = "introduction, recommendation, information, advice, referral or favor"


def _print(view, as_json: bool, message: str) -> None:
    if as_json:
        from closeloop.service.views import loop_dict
        emit_json(loop_dict(view))
        return
    for person in view.created_people:
        say(f"added person {person.id}: {person.name}")
    say(message)


def _label(view) -> str:
    what = view.loop.about or (view.introduced.name if view.introduced else "")
    return f"{view.loop.kind.value}{': ' + what if what else ''}"


@app.command()
def ask(kind: str = typer.Argument(..., help=f"What you asked for: {KINDS}."),
        of: str = typer.Option(..., "--of", help="Who you asked."),
        about: str = typer.Option("", "--about", help="What it is about."),
        introduced: Optional[str] = typer.Option(None, "--introduced", help="The person you want to meet."),
        to: Optional[str] = typer.Option(None, "--to", help="ask intro: the person or organization "
                                                            "to be introduced to; drafts the request."),
        at: Optional[str] = AT, note: str = NOTE, as_json: bool = JSON) -> None:
    """I asked someone for help."""
    if to is not None:
        from closeloop.cli.paths import ask_intro
        return ask_intro(kind, of, to, about, at, note, as_json)
    from closeloop.service.loops import ask as ask_
    view = ask_(_ledger(), kind, of, about=about, introduced=introduced, at=at, note=note)
    _print(view, as_json, f"opened loop {view.loop.id}: asked {view.counterpart.name} "
                          f"for {_label(view)}")


@app.command()
def got(kind: str = typer.Argument(..., help=f"The help: {KINDS}."),
        from_: str = typer.Option(..., "--from", help="Who helped you."),
        about: str = typer.Option("", "--about", help="What it is about (the book, the job...)."),
        introduced: Optional[str] = typer.Option(
            None, "--introduced", help="Who they introduced you to; 'Name <email>' adds them if new."),
        at: Optional[str] = AT, note: str = NOTE, as_json: bool = JSON) -> None:
    """Someone helped me (moves an open ask of the same kind forward)."""
    from closeloop.service.loops import got as got_
    view = got_(_ledger(), kind, from_, about=about, introduced=introduced, at=at, note=note)
    verb = "advanced" if view.advanced else "opened"
    _print(view, as_json, f"{verb} loop {view.loop.id}: {view.counterpart.name} helped with "
                          f"{_label(view)}. Next: thank them (closeloop thank {view.loop.id})")


@app.command()
def gave(kind: str = typer.Argument(..., help=f"The help: {KINDS}."),
         to: str = typer.Option(..., "--to", help="Who you helped."),
         about: str = typer.Option("", "--about", help="What it is about."),
         introduced: Optional[str] = typer.Option(
             None, "--introduced", help="Who you introduced them to; 'Name <email>' adds them if new."),
         at: Optional[str] = AT, note: str = NOTE, as_json: bool = JSON) -> None:
    """I helped someone."""
    from closeloop.service.loops import gave as gave_
    view = gave_(_ledger(), kind, to, about=about, introduced=introduced, at=at, note=note)
    _print(view, as_json, f"opened loop {view.loop.id}: you helped {view.counterpart.name} "
                          f"with {_label(view)}")


def _step(kind_name: str, loop: str, note: str, at: Optional[str], as_json: bool,
          until: Optional[str] = None) -> None:
    from closeloop.core.model import EventKind
    from closeloop.service.loops import record_step
    kind = EventKind(kind_name)
    view = record_step(_ledger(), loop, kind, note=note, at=at, until=until)
    state = view.state
    message = f"loop {view.loop.id} ({view.counterpart.name}, {_label(view)}): {state.stage}"
    if kind == EventKind.SNOOZED:
        message += f", snoozed until {local(state.snoozed_until, with_time=False)}"
    if not state.is_open:
        message += " — closed"
    _print(view, as_json, message)


LOOP = typer.Argument(..., help="The loop's number (see `closeloop loops`).")


@app.command()
def thank(loop: str = LOOP, note: str = NOTE, at: Optional[str] = AT, as_json: bool = JSON) -> None:
    """I thanked them for their help."""
    _step("thanked", loop, note, at, as_json)


@app.command()
def acted(loop: str = LOOP, note: str = typer.Option("", "--note", "-n", help="What you did."),
          at: Optional[str] = AT, as_json: bool = JSON) -> None:
    """I acted on their help (met the person, read the book, applied)."""
    _step("acted", loop, note, at, as_json)


@app.command()
def report(loop: str = LOOP, note: str = typer.Option("", "--note", "-n", help="How it turned out."),
           at: Optional[str] = AT, as_json: bool = JSON) -> None:
    """I told them how it turned out (closes the loop)."""
    _step("reported", loop, note, at, as_json)


@app.command()
def ack(loop: str = LOOP, note: str = NOTE, at: Optional[str] = AT, as_json: bool = JSON) -> None:
    """They acknowledged the help I gave."""
    _step("acknowledged", loop, note, at, as_json)


@app.command()
def outcome(loop: str = LOOP, note: str = typer.Option("", "--note", "-n", help="What came of it."),
            at: Optional[str] = AT, as_json: bool = JSON) -> None:
    """I learned what came of the help I gave (closes the loop)."""
    _step("outcome", loop, note, at, as_json)


@app.command()
def nudge(loop: str = LOOP, note: str = NOTE, at: Optional[str] = AT, as_json: bool = JSON) -> None:
    """I followed up (restarts the follow-up or check-in clock)."""
    _step("nudged", loop, note, at, as_json)


ITEM = typer.Argument(..., help="A loop number (12), or an item key from `closeloop today`: "
                                 "loop:12, keep:PERSON_ID, reply:MESSAGE_ID.")


@app.command()
def snooze(item: str = ITEM,
           until: str = typer.Option(..., "--until", help="Quiet until this date (YYYY-MM-DD)."),
           note: str = NOTE, at: Optional[str] = AT, as_json: bool = JSON) -> None:
    """Keep a loop or any due item off the agenda until a date."""
    from closeloop.service.followups import parse_key, snooze_item
    key = parse_key(item)
    if key.kind == "loop":
        _step("snoozed", str(key.id), note, at, as_json, until=until)
        return
    outcome = snooze_item(_ledger(), item, until, note)
    if as_json:
        emit_json({"key": str(outcome.key), "message": outcome.message})
    else:
        say(outcome.message)


@app.command()
def done(item: str = ITEM, note: str = NOTE,
         as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Mark a due item done: a loop takes its next step (thank, report, check-in);
    keeping in touch logs contact; a message is marked answered."""
    from closeloop.service.followups import done_item
    outcome = done_item(_ledger(), item, note)
    if as_json:
        emit_json({"key": str(outcome.key), "message": outcome.message})
    else:
        say(outcome.message)


@app.command()
def drop(loop: str = LOOP, note: str = NOTE, at: Optional[str] = AT, as_json: bool = JSON) -> None:
    """Set a loop aside for good (closes it; `reopen` brings it back)."""
    _step("dropped", loop, note, at, as_json)


@app.command()
def reopen(loop: str = LOOP, note: str = NOTE, at: Optional[str] = AT, as_json: bool = JSON) -> None:
    """Bring back a dropped loop."""
    _step("reopened", loop, note, at, as_json)


@app.command()
def undo(loop: str = LOOP, at: Optional[str] = AT, as_json: bool = JSON) -> None:
    """Take back a loop's last step (the ledger keeps a record of both)."""
    _step("undone", loop, "", at, as_json)


@app.command("loops")
def loops_(open_only: bool = typer.Option(False, "--open", help="Only open loops."),
           person: Optional[str] = typer.Option(None, "--person", "-p", help="Only loops with this person."),
           limit: Optional[int] = typer.Option(None, "--limit", min=1, help="At most N loops."),
           as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """List loops, newest first."""
    from closeloop.service.loops import list_loops
    views = list_loops(_ledger(), open_only=open_only, person=person, limit=limit)
    if as_json:
        from closeloop.service.views import loop_dict
        emit_json([loop_dict(v) for v in views])
        return
    if not views:
        say("No loops yet. Record help with: closeloop got introduction --from NAME --introduced \"Dana Lee\"")
        return
    grid = table("#", "direction", "with", "what", "stage", "opened")
    for v in views:
        grid.add_row(str(v.loop.id), "↓ got" if v.loop.direction.value == "received" else "↑ gave",
                     esc(v.counterpart.name), esc(_label(v)),
                     v.state.stage + ("" if v.state.is_open else " ✓"),
                     local(v.state.opened_at, with_time=False))
    console().print(grid)


@app.command("loop")
def loop_show(loop: str = LOOP, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show one loop and its events."""
    from closeloop.service.loops import show_loop
    view = show_loop(_ledger(), loop)
    if as_json:
        from closeloop.service.views import loop_dict
        emit_json(loop_dict(view))
        return
    out = console()
    way = "from" if view.loop.direction.value == "received" else "to"
    out.print(f"[bold]Loop {view.loop.id}[/bold]: {view.loop.direction.value} {esc(_label(view))} "
              f"{way} {esc(view.counterpart.name)} — {view.state.stage}")
    if view.introduced:
        out.print(f"  introduced: {esc(view.introduced.name)}")
    undone = {e.undoes for e in view.loop.events if e.undoes}
    for e in view.loop.events:
        mark = " (undone)" if e.id in undone else ""
        extra = f" until {local(e.until, with_time=False)}" if e.until else ""
        out.print(f"  {local(e.at)}  {e.kind.value}{extra}{mark}  {esc(e.note)}")
