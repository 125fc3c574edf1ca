"""`closeloop digest`, `doctor`, `templates`: reminders that reach the user."""

from __future__ import annotations

import typer

from closeloop.cli import app
from closeloop.cli.output import ledger as _ledger, emit_json, say


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
    from closeloop.service.templates import write_examples
    ledger = _ledger()
    folder = ledger.settings.config_dir
    written = write_examples(folder)
    for path in written:
        say(f"wrote {path}")
    say(f"your templates are in {folder / 'templates'} (Jinja2); closeloop uses them from now on"
        if written else f"your templates are already in {folder / 'templates'}")


@app.command()
def feed(reset: bool = typer.Option(False, "--reset", help="Make a new secret address (the old one stops working)."),
         as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """The calendar feed of what is due, for calendar apps to subscribe to (served by `closeloop serve`)."""
    from closeloop.service.calendar_feed import feed as feed_
    result = feed_(_ledger(), reset=reset)
    if as_json:
        emit_json({"url": result.url})
    else:
        say(f"subscribe your calendar to: {result.url}\n(add ?todo=1 for to-dos; keep the "
            f"address secret, `closeloop feed --reset` replaces it)")


@app.command()
def draft(item: str = typer.Argument(..., help="An item key from `closeloop today` (loop:12, keep:5, reply:9)."),
          eml: str = typer.Option(None, "--eml", help="Write it as an .eml file (or into this folder) to send from your mail program."),
          as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Show the draft for a due item, or write it as an .eml file."""
    from closeloop.service.outreach import draft_for, write_eml
    ledger = _ledger()
    found = draft_for(ledger, item)
    if eml:
        path = write_eml(ledger, found, eml)
        say(f"wrote {path}")
        return
    if as_json:
        emit_json({"key": found.key, "to": found.to, "subject": found.subject, "body": found.body})
    else:
        typer.echo(f"To: {found.person} <{found.to or 'no email'}>\nSubject: {found.subject}\n\n{found.body}")


@app.command()
def send(item: str = typer.Argument(..., help="An item key from `closeloop today` (loop:12, keep:5, reply:9)."),
         subject: str = typer.Option(None, "--subject", help="Instead of the default subject."),
         body_file: str = typer.Option(None, "--body-file", help="Send this text instead of the draft."),
         as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Send a due item's draft by SMTP; the item is then done (a thank-you marks the loop thanked)."""
    from pathlib import Path

    from closeloop.service.outreach import send_draft
    body = Path(body_file).read_text(encoding="utf-8") if body_file else None
    sent = send_draft(_ledger(), item, subject=subject, body=body)
    if as_json:
        emit_json({"key": sent.key, "to": sent.to, "subject": sent.subject})
    else:
        say(f"sent \"{sent.subject}\" to {sent.person} <{sent.to}>")


@app.command()
def update(circle: str = typer.Option(..., "--circle", "-c", help="Everyone in this circle."),
           subject: str = typer.Option(..., "--subject", help="The subject."),
           message: str = typer.Option(None, "--message", "-m", help="The news (or --message-file)."),
           message_file: str = typer.Option(None, "--message-file", help="A file holding the news."),
           send_: bool = typer.Option(False, "--send", help="Send each message by SMTP."),
           eml_dir: str = typer.Option(None, "--eml-dir", help="Write each message as an .eml file here."),
           as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """One personal update to everyone in a circle: one message each, with a line only they get.

    Without --send or --eml-dir it shows the messages and records nothing. Sent (or written)
    updates are recorded as contact, so their keep-in-touch clocks restart.
    """
    from pathlib import Path

    from closeloop.errors import BadInput
    from closeloop.service.outreach import compose_update, deliver_updates
    text = Path(message_file).read_text(encoding="utf-8") if message_file else message
    if not text:
        raise BadInput("what is the news? give --message TEXT or --message-file FILE")
    ledger = _ledger()
    updates = compose_update(ledger, circle, subject, text)
    if not send_ and not eml_dir:
        if as_json:
            emit_json([{"person": u.person, "to": u.to, "subject": u.subject, "body": u.body}
                       for u in updates])
            return
        for u in updates:
            typer.echo(f"--- to {u.person} <{u.to or 'no email: skipped'}>\n{u.body}")
        say(f"{len(updates)} message(s) ready: add --send to send them or --eml-dir DIR to write them")
        return
    done, skipped = deliver_updates(ledger, updates, send=send_, eml_dir=eml_dir)
    if as_json:
        emit_json({"done": done, "skipped_no_email": skipped})
    else:
        say(f"{'sent' if send_ else 'wrote'} {done} update(s)"
            + (f"; skipped (no email): {', '.join(skipped)}" if skipped else ""))


@app.command("losing-touch")
def losing_touch(limit: int = typer.Option(20, "--limit", min=1, help="At most N people."),
                 as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """People drifting away, the ones who mattered most first."""
    from closeloop.service.losing_touch import losing_touch as losing_touch_
    found = losing_touch_(_ledger(), limit=limit)
    if as_json:
        emit_json([{"person_id": d.person.id, "person": d.person.name,
                    "last_contact": d.last_contact.isoformat() if d.last_contact else None,
                    "cadence_days": d.cadence_days, "mattered": d.mattered,
                    "strength": d.strength, "why": d.why} for d in found])
        return
    if not found:
        say("Nobody is drifting away. Nice.")
        return
    for n, d in enumerate(found, 1):
        say(f"{n}. {d.person.name} (mattered {d.mattered:g}/75, strength now {d.strength:g}): {d.why}")
