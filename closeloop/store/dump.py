"""Every row of every table, out and back in, exactly."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any, Iterator

from sqlalchemy import Boolean, Date, DateTime, LargeBinary, delete, func, insert, select, text
from sqlalchemy.engine import Connection

from closeloop.store.schema import ALL_TABLES, circles, interactions, loops, people, settings

DATA_TABLES = (people, interactions, loops)


def _out(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def dump_rows(conn: Connection) -> Iterator[tuple[str, list[dict]]]:
    for table in ALL_TABLES:
        keys = list(table.primary_key.columns) or list(table.columns)
        rows = conn.execute(select(table).order_by(*keys)).mappings()
        yield table.name, [{k: _out(v) for k, v in row.items()} for row in rows]


def _in(column, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    if isinstance(kind, Boolean):
        return bool(value)
    return value


def is_empty(conn: Connection) -> bool:
    return all(conn.execute(select(func.count()).select_from(t)).scalar_one() == 0
               for t in DATA_TABLES)


def load_rows(conn: Connection, tables: dict[str, list[dict]]) -> dict[str, int]:
    """Insert rows into an empty database; the seeded defaults are replaced."""
    conn.execute(delete(settings))
    conn.execute(delete(circles))
    counts = {}
    for table in ALL_TABLES:
        rows = tables.get(table.name, [])
        columns = {c.name: c for c in table.columns}
        unknown = {k for row in rows for k in row} - set(columns)
        if unknown:
            raise ValueError(f"table {table.name} has no column {', '.join(sorted(unknown))}")
        converted = [{k: _in(columns[k], v) for k, v in row.items()} for row in rows]
        for start in range(0, len(converted), 1000):
            conn.execute(insert(table), converted[start:start + 1000])
        counts[table.name] = len(rows)
    if conn.dialect.name == "postgresql":
        for table in ALL_TABLES:
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and pk[0].autoincrement is not False and pk[0].type.python_type is int:
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                    f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"))
    return counts
