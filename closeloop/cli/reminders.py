"""`closeloop digest`, `doctor`, `templates`: reminders that reach the user."""

from __future__ import annotations

import typer

from closeloop.cli import app
from closeloop.cli.output import emit_json, say


def _ledger():
    from closeloop.service import open_ledger
    return open_ledger()


def _warn(warnings) -> None:
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)


@app.command()
def digest(send: bool = typer.Option(False, "--send", help="Mail it (SMTP settings in `closeloop config`)."),
           force: bool = typer.Option(False, "--force", help="Send even if today's was sent or nothing is due."),
           html: bool = typer.Option(False, "--html", help="Print the HTML version."),
           as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Today's digest: everything due, grouped, with drafts. `--send` mails it once a day.

    A digest that fails to send stays in the outbox and is retried; `closeloop doctor` shows it.
    For a daily mail from cron: `0 8 * * * closeloop digest --send`.
    """
    from closeloop.service.digest import build_digest, send_digest
    ledger = _ledger()
    if send:
        report = send_digest(ledger, force=force)
        if as_json:
            emit_json({"sent": report.sent, "failed": report.failed,
                       "skipped": report.skipped_reason, "error": report.error})
        else:
            if report.skipped_reason:
                say(report.skipped_reason)
            if report.sent:
                say(f"sent {report.sent} message(s)")
        if report.failed:
            from closeloop.service.smtp import SendFailed
            raise SendFailed(f"{report.error} — kept in the outbox; it will be retried "
                             f"(`closeloop doctor` shows what is waiting)")
        return
    result = build_digest(ledger)
    _warn(result.warnings)
    if as_json:
        from closeloop.service.views import due_dict
        emit_json({"subject": result.subject, "total": result.total,
                   "items": [due_dict(i) for i in result.items]})
    else:
        typer.echo(result.html if html else f"Subject: {result.subject}\n\n{result.text}")


@app.command()
def doctor(as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Check the database, your settings and the outbox; say what needs attention."""
    from closeloop.service.doctor import doctor as doctor_
    checks = doctor_(_ledger())
    if as_json:
        emit_json([{"name": c.name, "ok": c.ok, "detail": c.detail} for c in checks])
    else:
        for check in checks:
            mark = typer.style("ok  ", fg="green") if check.ok else typer.style("FIX ", fg="red")
            typer.echo(f"{mark}{check.name:<12} {check.detail}")
    if not all(c.ok for c in checks):
        raise typer.Exit(1)


@app.command()
def templates() -> None:
    """Copy the draft and digest templates into your config folder to edit them."""
    from closeloop.service import open_ledger
    from closeloop.service.templates import write_examples
    ledger = open_ledger()
    folder = ledger.settings.config_dir
    written = write_examples(folder)
    for path in written:
        say(f"wrote {path}")
    say(f"your templates are in {folder / 'templates'} (Jinja2); closeloop uses them from now on"
        if written else f"your templates are already in {folder / 'templates'}")
