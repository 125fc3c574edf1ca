"""Printing for people (Rich tables) and for scripts (``--json``)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import typer


def ledger():
    """The configured ledger, opened only by the commands that need it."""
    from closeloop.service import open_ledger
    return open_ledger()


def emit_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def console():
    import sys

    from rich.console import Console
    # Piped output (to a file, a pager, a script) gets whole lines, not an 80-column layout.
    width = None if sys.stdout.isatty() else 200
    return Console(highlight=False, soft_wrap=True, width=width)


def table(*columns: str, title: str | None = None):
    from rich.table import Table
    grid = Table(*columns, title=title, title_justify="left", box=None, header_style="bold",
                 pad_edge=False)
    grid.columns[0].no_wrap = True  # ids and setting names stay whole on narrow terminals
    return grid


def esc(text: object) -> str:
    """Text a user typed, shown literally (no Rich markup)."""
    from rich.markup import escape
    return escape("" if text is None else str(text))


def local(moment: datetime | None, with_time: bool = True) -> str:
    if moment is None:
        return ""
    moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def say(message: str) -> None:
    typer.echo(message)
