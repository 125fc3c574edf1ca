"""`closeloop import mail`, `closeloop import imap` and `closeloop scan`."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import List, Optional

import typer

from closeloop.cli import app
from closeloop.cli.data import import_app
from closeloop.cli.output import ledger as _ledger, emit_json, say


@contextmanager
def _progress(total: Optional[int], label: str):
    """A progress bar with rate and time left on stderr (a no-op when not a terminal)."""
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeRemainingColumn)

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = [TextColumn(label), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} msg/s"), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total, rate="-")

        def advance(n: int) -> None:
            bar.advance(task, n)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:,.0f}" if speed else "-")

        yield advance


def _report(summary, as_json: bool, what: str) -> None:
    from closeloop.errors import EXIT_SKIPPED
    if as_json:
        emit_json(summary.as_dict())
    else:
        if summary.me_inferred:
            say(f"your address (inferred from who receives this mail): {', '.join(summary.me)}; "
                f"correct it with --me or `closeloop me --email`")
            if summary.me_also:
                say(f"also read as yours in deciding whom mail asks or thanks: {', '.join(summary.me_also)}")
        if summary.uidvalidity_changed:
            say("the folder was rebuilt on the server (UIDVALIDITY changed): fetched it all again")
        say(f"{what}: {summary.read} read, {summary.stored} stored, {summary.unchanged} already "
            f"imported, {summary.bulk} bulk (not people), {summary.failed} failed; "
            f"{summary.people_added} people added, {summary.loop_steps} loop steps found, "
            f"{summary.needs_reply} awaiting your reply")
        for problem in summary.problems[:20]:
            typer.echo(f"  skipped {problem}", err=True)
        if len(summary.problems) > 20:
            typer.echo(f"  … and {summary.failed - 20} more problems (--json lists them)", err=True)
    if summary.failed:
        raise typer.Exit(EXIT_SKIPPED)


@import_app.command("mail")
def import_mail(paths: List[str] = typer.Argument(..., help="mbox files, Maildirs, folders of .eml or raw message files."),
                me: List[str] = typer.Option([], "--me", help="One of your addresses (repeatable); inferred when not given."),
                as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
    """Import mail: people, conversations, and the loops found in them."""
    from closeloop.service.mail import count_messages, import_mail as import_
    ledger = _ledger()
    with _progress(count_messages(paths), "importing mail") as advance:
        summary = import_(ledger, paths, me=me, progress=advance)
    _report(summary, as_json, "mail")


@import_app.command("imap")
def import_imap(host: str = typer.Option(..., "--host", help="IMAP server."),
                user: str = typer.Option(..., "--user", help="Login name."),
                folder: str = typer.Option("INBOX", "--folder", help="Folder to read."),
                port: Optional[int] = typer.Option(None, "--port", help="Port (993 for TLS, 143 otherwise)."),
                starttls: bool = typer.Option(False, "--starttls", help="Use STARTTLS on the plain port."),
                plain: bool = typer.Option(False, "--plain", help="No TLS at all (only to localhost)."),
                me: List[str] = typer.Option([], "--me", help="One of your addresses (repeatable)."),
                as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
    """Fetch new mail from an IMAP folder (only what arrived since the last run).

    The password comes from CLOSELOOP_IMAP_PASSWORD or a prompt, and is never stored.
    """
    from closeloop.service.mail import import_imap as import_
    password = os.environ.get("CLOSELOOP_IMAP_PASSWORD") or typer.prompt(
        f"IMAP password for {user}@{host}", hide_input=True)
    tls = "none" if plain else ("starttls" if starttls else "ssl")
    with _progress(None, "fetching mail") as advance:
        summary = import_(_ledger(), host=host, user=user, password=password, folder=folder,
                          port=port, tls=tls, allow_plain=plain, me=me, progress=advance)
    _report(summary, as_json, f"{user}@{host}/{folder}")


@app.command()
def scan(paths: List[str] = typer.Argument(..., help="mbox files, Maildirs, folders of .eml or raw message files."),
         me: List[str] = typer.Option([], "--me", help="One of your addresses (repeatable); "
                                      "inferred for each mailbox when not given."),
         as_json: bool = typer.Option(False, "--json", help="One JSON object per line per message.")) -> None:
    """Find introductions, asks, thank-yous and outcomes in mail, without storing anything.

    An ask or a thank-you addressed to others, with you only in Cc, is not yours:
    it is not listed. So each mailbox's owner is inferred from its messages
    unless --me gives your addresses; what was inferred is said on stderr.
    """
    import json

    from closeloop.sources.mail import scan as scan_
    from closeloop.sources.mail.scan import infer_owners
    owners = None
    if not me:
        owners = infer_owners(paths)
        for mailbox, owner in sorted(owners.items()):
            typer.echo(f"owner of {mailbox or '.'} (inferred; --me to set): {', '.join(owner)}", err=True)
    for record in scan_(paths, me=me, owners=owners):
        if as_json:
            typer.echo(json.dumps(record, ensure_ascii=False))
        elif record.get("findings"):
            typer.echo(f"{record['source']}  from {record.get('from')}")
            for finding in record["findings"]:
                typer.echo(f"  {finding['kind']:<8} “{finding['evidence']}”")
        elif record.get("error"):
            typer.echo(f"{record['source']}  error: {record['error']}", err=True)
