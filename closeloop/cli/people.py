"""`closeloop people ...`, `closeloop merge`, `closeloop me`."""

from __future__ import annotations

from typing import List, Optional

import typer

from closeloop.cli import app
from closeloop.cli.output import ledger as _ledger, console, emit_json, esc, local, say, table

people_app = typer.Typer(no_args_is_help=True, help="Add, edit, list, show, remove and merge people.")
app.add_typer(people_app, name="people")

JSON = typer.Option(False, "--json", help="Print JSON for scripts.")


def _show_saved(person, as_json: bool, verb: str) -> None:
    if as_json:
        from closeloop.service.views import person_dict
        emit_json(person_dict(person))
    else:
        say(f"{verb} person {person.id}: {person.name}")


@people_app.command("add")
def add(
    name: str = typer.Argument(..., help="Full name."),
    email: List[str] = typer.Option([], "--email", "-e", help="Email address (repeatable)."),
    phone: List[str] = typer.Option([], "--phone", "-p", help="Phone number (repeatable)."),
    url: List[str] = typer.Option([], "--url", help="Profile URL (repeatable)."),
    org: Optional[str] = typer.Option(None, "--org", help="Organization."),
    title: Optional[str] = typer.Option(None, "--title", help="Job title."),
    circle: List[str] = typer.Option([], "--circle", "-c", help="Circle (repeatable)."),
    met_how: Optional[str] = typer.Option(None, "--met-how", help="How you met."),
    met_on: Optional[str] = typer.Option(None, "--met-on", help="When you met (YYYY-MM-DD)."),
    note: Optional[str] = typer.Option(None, "--note", help="Notes."),
    cadence: Optional[int] = typer.Option(None, "--cadence", help="Keep in touch every N days."),
    birthday: Optional[str] = typer.Option(None, "--birthday", help="Birthday (YYYY-MM-DD)."),
    as_json: bool = JSON,
) -> None:
    """Add a person."""
    from closeloop.service.people import add_person
    person = add_person(_ledger(), name, emails=email, phones=phone, urls=url, organization=org,
                        title=title, circles=circle, met_how=met_how, met_on=met_on, notes=note,
                        cadence_days=cadence, birthday=birthday)
    _show_saved(person, as_json, "added")


@people_app.command("edit")
def edit(
    person: str = typer.Argument(..., help="Id, email or part of the name."),
    name: Optional[str] = typer.Option(None, "--name", help="New name."),
    add_email: List[str] = typer.Option([], "--add-email", help="Add an email."),
    remove_email: List[str] = typer.Option([], "--remove-email", help="Remove an email."),
    add_phone: List[str] = typer.Option([], "--add-phone", help="Add a phone."),
    remove_phone: List[str] = typer.Option([], "--remove-phone", help="Remove a phone."),
    add_url: List[str] = typer.Option([], "--add-url", help="Add a profile URL."),
    remove_url: List[str] = typer.Option([], "--remove-url", help="Remove a profile URL."),
    org: Optional[str] = typer.Option(None, "--org", help="Organization ('' clears)."),
    title: Optional[str] = typer.Option(None, "--title", help="Title ('' clears)."),
    add_circle: List[str] = typer.Option([], "--add-circle", help="Add to a circle."),
    remove_circle: List[str] = typer.Option([], "--remove-circle", help="Remove from a circle."),
    met_how: Optional[str] = typer.Option(None, "--met-how", help="How you met."),
    met_on: Optional[str] = typer.Option(None, "--met-on", help="When you met (YYYY-MM-DD)."),
    notes: Optional[str] = typer.Option(None, "--notes", help="Replace the notes."),
    add_note: Optional[str] = typer.Option(None, "--add-note", help="Append to the notes."),
    cadence: Optional[int] = typer.Option(None, "--cadence", help="Keep in touch every N days."),
    no_cadence: bool = typer.Option(False, "--no-cadence", help="Use the circles' cadence."),
    birthday: Optional[str] = typer.Option(None, "--birthday", help="Birthday (YYYY-MM-DD)."),
    as_json: bool = JSON,
) -> None:
    """Change a person's details."""
    from closeloop.service.people import edit_person
    saved = edit_person(_ledger(), person, name=name, add_emails=add_email,
                        remove_emails=remove_email, add_phones=add_phone,
                        remove_phones=remove_phone, add_urls=add_url, remove_urls=remove_url,
                        organization=org, title=title, add_circles=add_circle,
                        remove_circles=remove_circle, met_how=met_how, met_on=met_on,
                        notes=notes, add_note=add_note, cadence_days=cadence,
                        clear_cadence=no_cadence, birthday=birthday)
    _show_saved(saved, as_json, "updated")


@people_app.command("list")
def list_(
    circle: Optional[str] = typer.Option(None, "--circle", "-c", help="Only this circle."),
    search: Optional[str] = typer.Option(None, "--search", "-s", help="Name, email or org contains."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="At most N people."),
    as_json: bool = JSON,
) -> None:
    """List people."""
    from closeloop.service.people import list_people
    found = list_people(_ledger(), circle=circle, search=search, limit=limit)
    if as_json:
        from closeloop.service.views import person_dict
        emit_json([person_dict(p) for p in found])
        return
    if not found:
        say("No people yet. Add one with: closeloop people add \"Ada Lovelace\" --email ada@example.com")
        return
    grid = table("id", "name", "email", "organization", "circles")
    for p in found:
        grid.add_row(str(p.id), esc(p.name), esc(p.emails[0] if p.emails else ""),
                     esc(p.organization or ""), esc(", ".join(p.circles)))
    console().print(grid)


@people_app.command("show")
def show(person: str = typer.Argument(..., help="Id, email or part of the name."),
         as_json: bool = JSON) -> None:
    """Show a person: details, recent interactions and loops."""
    from closeloop.core.model import EventKind
    from closeloop.service.people import show_person
    from closeloop.service.views import interaction_dict, loop_dict, person_dict
    from closeloop.service.strength import person_strength
    ledger = _ledger()
    details = show_person(ledger, person)
    p = details.person
    strength = person_strength(ledger, p.id).strength
    if as_json:
        emit_json({**person_dict(p), "interaction_count": details.interaction_count,
                   "last_contact": details.last_contact.isoformat() if details.last_contact else None,
                   "recent_interactions": [interaction_dict(i) for i in details.interactions],
                   "loops": [loop_dict(v) for v in details.loops],
                   "strength": strength.score, "strength_explained": strength.explained()})
        return
    out = console()
    out.print(f"[bold]{esc(p.name)}[/bold]  (id {p.id})")
    for label, value in (("emails", ", ".join(p.emails)), ("phones", ", ".join(p.phones)),
                         ("urls", ", ".join(p.urls)),
                         ("works", " · ".join(x for x in (p.title, p.organization) if x)),
                         ("circles", ", ".join(p.circles)),
                         ("met", " · ".join(x for x in (p.met_how, str(p.met_on or "")) if x)),
                         ("cadence", f"every {p.cadence_days} days" if p.cadence_days else ""),
                         ("birthday", str(p.birthday or "")),
                         ("last contact", local(details.last_contact)),
                         ("notes", p.notes or "")):
        if value:
            out.print(f"  {label:<13}{esc(value)}")
    # Give/take counts only help between the user and this person: not loops where they
    # were the one introduced, nor asks they have not answered.
    theirs = [v for v in details.loops if v.loop.counterpart_id == p.id]
    given = sum(1 for v in theirs if v.loop.direction.value == "given")
    received = sum(1 for v in theirs if v.loop.direction.value == "received"
                   and v.state.at(EventKind.HELPED) is not None)
    out.print(f"  {'give/take':<13}you helped {given} time(s), they helped {received} time(s)")
    if not p.is_me:
        out.print(f"\n[bold]Strength[/bold] {strength.score:g}/100")
        for line in strength.explained():
            out.print(f"  {esc(line)}")
    if details.loops:
        out.print("\n[bold]Loops[/bold]")
        for v in details.loops:
            out.print(f"  #{v.loop.id} {v.loop.direction.value} {v.loop.kind.value}: "
                      f"{esc(v.loop.about or (v.introduced.name if v.introduced else ''))} "
                      f"— {v.state.stage}")
    if details.interactions:
        out.print(f"\n[bold]Recent interactions[/bold] ({details.interaction_count} in all)")
        for i in details.interactions:
            out.print(f"  {local(i.occurred_at)}  {i.kind.value:<8} {esc(i.summary)}")


@people_app.command("remove")
def remove(person: str = typer.Argument(..., help="Id, email or part of the name."),
           yes: bool = typer.Option(False, "--yes", "-y", help="Don't ask for confirmation."),
           as_json: bool = JSON) -> None:
    """Remove a person and their loops (interactions with others stay)."""
    from closeloop.service.people import remove_person, show_person
    ledger = _ledger()
    if not yes:
        details = show_person(ledger, person)
        typer.confirm(f"Remove {details.person.name} (id {details.person.id}) with "
                      f"{len(details.loops)} loop(s)?", abort=True)
    removed = remove_person(ledger, person)
    _show_saved(removed, as_json, "removed")


def _merge(keep: str, other: str, as_json: bool) -> None:
    from closeloop.service.people import merge_people
    merged = merge_people(_ledger(), keep, other)
    _show_saved(merged, as_json, f"merged {other} into")


@people_app.command("merge")
def merge(keep: str = typer.Argument(..., help="The person to keep."),
          other: str = typer.Argument(..., help="The person merged into it (then removed)."),
          as_json: bool = JSON) -> None:
    """Merge two people into one; nothing of either is lost."""
    _merge(keep, other, as_json)


@app.command("merge")
def merge_top(keep: str = typer.Argument(..., help="The person to keep."),
              other: str = typer.Argument(..., help="The person merged into it (then removed)."),
              as_json: bool = JSON) -> None:
    """Merge two people into one (same as `people merge`)."""
    _merge(keep, other, as_json)


@app.command("me")
def me(name: Optional[str] = typer.Option(None, "--name", help="Your name."),
       email: List[str] = typer.Option([], "--email", "-e", help="One of your addresses (repeatable)."),
       as_json: bool = JSON) -> None:
    """Show or set who you are (your name and your own email addresses)."""
    from closeloop.service.people import get_me, set_me
    ledger = _ledger()
    person = set_me(ledger, name=name, emails=email) if (name or email) else get_me(ledger)
    if person is None:
        say("closeloop doesn't know who you are yet: closeloop me --name \"Your Name\" --email you@example.com")
        return
    if as_json:
        from closeloop.service.views import person_dict
        emit_json(person_dict(person))
    else:
        say(f"you are {person.name} ({', '.join(person.emails) or 'no email yet'})")
