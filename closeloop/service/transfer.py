"""Export everything as one JSON document, and restore it into an empty database."""

from __future__ import annotations

import json
from pathlib import Path

from closeloop import __version__
from closeloop.errors import BadInput, Conflict, ImportFailed, NotFound
from closeloop.service import Ledger
from closeloop.store import dump
from closeloop.store.db import HEAD

FORMAT = "closeloop-export"


def export_json(ledger: Ledger, path: str | Path) -> dict[str, int]:
    """Write the whole ledger to ``path``; returns the row count per table."""
    target = Path(path)
    if target.is_dir():
        raise BadInput(f"{target} is a folder; give a file name like closeloop.json")
    with ledger.reading() as conn:
        tables = dict(dump.dump_rows(conn))
    document = {"format": FORMAT, "schema": HEAD, "closeloop": __version__,
                "exported_at": ledger.now().isoformat(), "tables": tables}
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=1)
        partial.replace(target)  # never leave a half-written export behind
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BadInput(f"can't write {target}: {exc.strerror}") from exc
    return {name: len(rows) for name, rows in tables.items()}


def import_json(ledger: Ledger, path: str | Path) -> dict[str, int]:
    """Restore an export into an empty database, ids and all."""
    source = Path(path)
    if not source.is_file():
        raise NotFound(f"no file {source}")
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{source}, line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{source}: not UTF-8 text") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFailed(f"{source} is not a closeloop export (no \"format\": \"{FORMAT}\")")
    if document.get("schema") != HEAD:
        raise ImportFailed(f"{source} was exported with schema {document.get('schema')}; "
                           f"this closeloop reads schema {HEAD}")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise ImportFailed(f"{source} has no tables")
    with ledger.transaction() as conn:
        if not dump.is_empty(conn):
            raise Conflict("the database already holds people, interactions or loops; "
                           "import an export only into an empty database "
                           "(set CLOSELOOP_DATABASE_URL or CLOSELOOP_DATA_DIR to a new one)")
        from sqlalchemy.exc import StatementError
        try:
            return dump.load_rows(conn, tables)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ImportFailed(f"{source}: {exc}") from exc
        except StatementError as exc:  # the driver's errors, and rows SQLAlchemy can't bind
            reason = str(exc.orig if exc.orig is not None else exc).splitlines()[0]
            raise ImportFailed(f"{source}: the database refused a row ({reason})") from exc
