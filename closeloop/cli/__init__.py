"""The ``closeloop`` command line: thin commands over ``closeloop.service``.

Every command calls one service function. A user mistake never shows a
traceback: errors print ``error: ...`` and exit with the code documented in
``closeloop.errors``. Heavy modules are imported inside commands so that
start-up stays quick.
"""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from closeloop.errors import CloseloopError


class _Group(TyperGroup):
    """Turns closeloop's errors (and the database's) into one clean line."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CloseloopError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:  # the database driver's errors, translated here
            if type(exc).__module__.startswith("sqlalchemy"):
                reason = getattr(exc, "orig", None) or exc
                typer.echo(f"error: the database failed: {str(reason).splitlines()[0]}", err=True)
                raise typer.Exit(1) from None
            raise


app = typer.Typer(
    cls=_Group, no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="closeloop: thank the people who help you, tell them how it turned out, "
         "and keep in touch. Start with `closeloop today`.")

# Importing each module registers its commands.
from closeloop.cli import agenda  # noqa: E402,F401
from closeloop.cli import data  # noqa: E402,F401
from closeloop.cli import loops  # noqa: E402,F401
from closeloop.cli import mail  # noqa: E402,F401
from closeloop.cli import paths  # noqa: E402,F401
from closeloop.cli import people  # noqa: E402,F401
from closeloop.cli import reminders  # noqa: E402,F401
from closeloop.cli import contacts  # noqa: E402,F401  (after data and people: adds to their groups)
from closeloop.cli import serve  # noqa: E402,F401


def main() -> None:
    app(prog_name="closeloop")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
