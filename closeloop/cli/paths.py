"""Warm paths and introductions: `path`, `introduce`, `graph rebuild`; `ask intro --to` lands here."""

from __future__ import annotations

from typing import Optional

import typer

from closeloop.cli import app
from closeloop.cli.output import ledger as _ledger, console, emit_json, esc, local, say

graph_app = typer.Typer(no_args_is_help=True, help="Who knows whom, learned from your mail and introductions.")
app.add_typer(graph_app, name="graph")


@app.command("path")
def path(to: Optional[str] = typer.Option(None, "--to", help="The person you want to reach."),
         org: Optional[str] = typer.Option(None, "--org", help="The organization (name or mail domain)."),
         limit: int = typer.Option(10, "--limit", min=1, help="At most N ways in."),
         as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Find warm paths: people you know well who know someone there."""
    from closeloop.service.paths import find_paths, paths_dict
    result = find_paths(_ledger(), to=to, org=org, limit=limit)
    if as_json:
        emit_json(paths_dict(result))
        return
    data = paths_dict(result)
    t = data["target"]
    out = console()
    where = (f"{esc(t['name'])}" if t["kind"] == "person" else
             f"{esc(t['name'])} ({t['people']} people"
             + (f"; mail at {esc(', '.join(t['domains']))}" if t["domains"] else "") + ")")
    out.print(f"[bold]Ways in to {where}[/bold]")
    if data["direct"]:
        out.print("\nYou know them already:")
        for d in data["direct"]:
            there = f" — {esc(d['why_there'])}" if d["why_there"] else ""
            out.print(f"  {esc(d['person'])} (id {d['person_id']}), strength {d['strength']:g}{there}")
    if data["paths"]:
        out.print("\nThrough people you know:")
        for i, p in enumerate(data["paths"], 1):
            out.print(f"  {i}. {esc(p['via'])} (id {p['via_id']}), your strength {p['strength']:g}, "
                      f"score {p['score']:.2f}, knows {p['knows']} there")
            for h in p["through"]:
                last = f", last {local(_parse(h['last']), with_time=False)}" if h["last"] else ""
                there = f" — {esc(h['why_there'])}" if h["why_there"] else ""
                out.print(f"       → {esc(h['person'])}: {esc(', '.join(h['evidence']))}{last}{there}")
        first = data["paths"][0]
        target = t["name"] if t["kind"] == "person" else (first["through"][0]["person"] or t["name"])
        out.print(f"\nAsk: closeloop ask intro --of {first['via_id']} --to \"{esc(target)}\"")
    elif not data["direct"]:
        say("No warm path found: no one you are in touch with is known to know someone there "
            "(closeloop learns who knows whom from your mail and introductions).")


def _parse(text: str):
    from datetime import datetime
    return datetime.fromisoformat(text)


def _show_draft(draft) -> None:
    out = console()
    out.print(f"\n[bold]Draft[/bold] to {esc(', '.join(draft.to))}")
    out.print(f"Subject: {esc(draft.subject)}\n")
    out.print(esc(draft.body))


def ask_intro(kind: str, of: str, to: str, about: str, at: Optional[str], note: str,
              as_json: bool) -> None:
    """`closeloop ask intro --of HELPER --to TARGET`: open the asked loop and draft the request."""
    from closeloop.service.intros import ask_intro as ask_intro_, draft_dict
    asked = ask_intro_(_ledger(), kind, of, to, about=about, at=at, note=note)
    if as_json:
        from closeloop.service.views import loop_dict
        emit_json({**loop_dict(asked.view), "draft": draft_dict(asked.draft),
                   "organization": asked.organization})
        return
    v = asked.view
    target = asked.organization and f"someone at {asked.organization}" or (
        v.introduced.name if v.introduced else "")
    say(f"opened loop {v.loop.id}: asked {v.counterpart.name} for an introduction to {target}")
    _show_draft(asked.draft)


@app.command("introduce")
def introduce(a: str = typer.Argument(..., help="One person (id, email or name)."),
              b: str = typer.Argument(..., help="The other person."),
              double_opt_in: bool = typer.Option(
                  False, "--double-opt-in", help="First ask B whether they want the introduction."),
              about: str = typer.Option("", "--about", help="Why they should meet."),
              at: Optional[str] = typer.Option(None, "--at", help="When (default now)."),
              note: str = typer.Option("", "--note", "-n", help="A short note for the ledger."),
              as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Introduce two people (records a given loop with each, and drafts the mail)."""
    from closeloop.service.intros import draft_dict, introduce as introduce_
    done = introduce_(_ledger(), a, b, double_opt_in=double_opt_in, about=about, at=at, note=note)
    if as_json:
        from closeloop.service.views import loop_dict
        emit_json({"step": done.step, "drafts": [draft_dict(d) for d in done.drafts],
                   "loops": [loop_dict(v) for v in done.loops],
                   "consent_asked_at": done.consent_asked_at.isoformat()
                   if done.consent_asked_at else None})
        return
    if done.step == "consent":
        when = f" (asked {local(done.consent_asked_at, with_time=False)})" if done.consent_asked_at else ""
        say(f"first ask whether they want the introduction{when}; once they agree, run: "
            f"closeloop introduce {a!r} {b!r}".replace("'", '"'))
    else:
        ids = ", ".join(str(v.loop.id) for v in done.loops)
        say(f"introduced {done.loops[0].counterpart.name} and {done.loops[1].counterpart.name}: "
            f"loops {ids}; the agenda will ask both how it went")
    for draft in done.drafts:
        _show_draft(draft)


@graph_app.command("rebuild")
def rebuild(as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Recompute who knows whom from everything stored (normally kept current as you go)."""
    from closeloop.service.paths import rebuild_graph
    read = rebuild_graph(_ledger())
    if as_json:
        emit_json({"read": read})
    else:
        say(f"rebuilt who knows whom from {read} stored items")
