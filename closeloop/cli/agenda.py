"""`closeloop today` and `closeloop stats`."""

from __future__ import annotations

from typing import Optional

import typer

from closeloop.cli import app
from closeloop.cli.output import ledger as _ledger, console, emit_json, local, say

ACTION_LABEL = {"thank": "Thank", "reply": "Reply to", "report": "Report back to",
                "follow_up": "Follow up with", "check_in": "Check in with",
                "keep_in_touch": "Keep in touch with"}

GETTING_STARTED = """Nothing is due. Your ledger is empty; to get started:
  closeloop me --name "Your Name" --email you@example.com
  closeloop people add "Tom Rivera" --email tom@example.com --circle close
  closeloop got introduction --from Tom --introduced "Dana Lee <dana@acme.com>"
  closeloop today"""


@app.command()
def today(as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
          limit: int = typer.Option(20, "--limit", min=1, help="Show the N most urgent items."),
          all_: bool = typer.Option(False, "--all", help="Show everything that is due."),
          person: Optional[str] = typer.Option(None, "--person", "-p", help="Only this person."),
          drafts: bool = typer.Option(True, "--drafts/--no-drafts", help="Show the draft messages.")) -> None:
    """What you owe today, most urgent first, with a draft for each."""
    from closeloop.service.agenda import today as today_
    agenda = today_(_ledger(), limit=None if all_ else limit, person=person)
    if as_json:
        from closeloop.service.views import due_dict
        emit_json([due_dict(i) for i in agenda.items])
        return
    if not agenda.items:
        say(GETTING_STARTED if agenda.empty_ledger else "Nothing is due today. Loops are closed; well done.")
        return
    # Plain click styling here: `today` is the command people run most, and
    # Rich costs a noticeable share of its start-up.
    bold = lambda text: typer.style(text, bold=True)  # noqa: E731
    lines = [bold(f"{agenda.total} follow-up{'s' if agenda.total != 1 else ''} due")]
    for n, item in enumerate(agenda.items, 1):
        flag = typer.style("overdue", fg="red") if item.overdue else f"by {local(item.due)}"
        ref = f"  [{item.key}]"
        lines.append(f"\n{n}. {bold(ACTION_LABEL[item.action.value] + ' ' + item.person)} — {flag}{ref}")
        lines.append(f"   {item.why}")
        if drafts:
            lines.extend(f"   {typer.style('│', dim=True)} {line}"
                         for line in item.draft.rstrip().splitlines())
    if agenda.total > len(agenda.items):
        lines.append(f"\n… and {agenda.total - len(agenda.items)} more (closeloop today --all)")
    typer.echo("\n".join(lines))


@app.command()
def stats(as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Close rate, time to thank and to report, give and take, month by month."""
    from closeloop.service.stats import stats as stats_
    result = stats_(_ledger())
    if as_json:
        from closeloop.service.views import stats_dict
        emit_json(stats_dict(result))
        return
    if not result.loops:
        say("No loops yet: nothing to measure. Record help with `closeloop got` or `closeloop gave`.")
        return
    out = console()

    def days(value):
        return "—" if value is None else f"{value:g} day{'' if value == 1 else 's'}"

    rate = "—" if result.close_rate is None else f"{result.close_rate:.0%}"
    out.print(f"[bold]Loops[/bold]  {result.loops} in all: {result.open} open "
              f"({result.overdue} overdue), {result.closed} closed, {result.dropped} dropped")
    out.print(f"[bold]Close rate[/bold]  {rate}")
    out.print(f"[bold]Median time to thank[/bold]  {days(result.median_days_to_thank)}")
    out.print(f"[bold]Median time to report back[/bold]  {days(result.median_days_to_report)}")
    lean = "you give more than you take" if result.balance > 0 else (
        "you take more than you give" if result.balance < 0 else "even")
    out.print(f"[bold]Give/take[/bold]  gave {result.given}, got {result.received} ({lean})")
    from closeloop.cli.output import table
    grid = table("month", "opened", "closed", "thanked", "got", "gave")
    for m in result.months[-12:]:
        grid.add_row(m.month, str(m.opened), str(m.closed), str(m.thanked), str(m.received),
                     str(m.given))
    out.print()
    out.print(grid)
