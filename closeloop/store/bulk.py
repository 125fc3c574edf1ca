"""Writing many rows fast: the mail importer's inserts, without per-row overhead.

SQLAlchemy's executemany builds a parameter dictionary per row and, to get
the new ids back, reads a RETURNING row per row; at tens of thousands of rows
a second that is most of an import's time. Here rows are plain tuples passed
to the driver's executemany, with the columns' own type conversions applied
(so the stored values are exactly what SQLAlchemy would store), and new ids
are taken before inserting:

- PostgreSQL: ``n`` values of the table's id sequence in one query;
- SQLite: the ids after the largest one. Call this only inside
  ``write_transaction`` (BEGIN IMMEDIATE), which holds the write lock, so
  nobody else can take them before the insert.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

from sqlalchemy import Boolean, Table, func, select, text
from sqlalchemy.engine import Connection


def new_ids(conn: Connection, table: Table, count: int) -> list[int]:
    """``count`` fresh primary keys for ``table``, in increasing order."""
    if count <= 0:
        return []
    if conn.dialect.name == "postgresql":
        return [r[0] for r in conn.execute(text(
            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
            "FROM generate_series(1, :n) ORDER BY 1"), {"table": table.name, "n": count})]
    if not conn.in_transaction() or conn.dialect.name != "sqlite":
        raise RuntimeError("new_ids needs a write transaction on SQLite or PostgreSQL")
    start = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    return list(range(start + 1, start + 1 + count))


@lru_cache(maxsize=64)
def _statement(dialect, table: Table, columns: tuple[str, ...], upsert: str | None):
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(columns)
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join([mark] * len(columns))})"
    if upsert:
        sql += " " + upsert
    # The drivers take Python's bool as it is; other types (SQLite's datetimes) are converted.
    processors = tuple((i, p) for i, name in enumerate(columns)
                       if not isinstance(table.c[name].type, Boolean)
                       and (p := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
                       is not None)
    return sql, processors


def insert_rows(conn: Connection, table: Table, columns: Sequence[str],
                rows: Iterable[Sequence], *, upsert: str | None = None) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) with one executemany.

    ``upsert`` is an ``ON CONFLICT ...`` clause (the same text works on SQLite
    and PostgreSQL) for rows that may exist already.
    """
    sql, processors = _statement(conn.dialect, table, tuple(columns), upsert)
    if processors:
        converted = []
        for row in rows:
            row = list(row)
            for i, process in processors:
                if row[i] is not None:
                    row[i] = process(row[i])
            converted.append(tuple(row))
        rows = converted
    elif not isinstance(rows, list):
        rows = list(rows)
    if rows:
        conn.exec_driver_sql(sql, rows)


def execute_many(conn: Connection, sql: str, rows: list[Sequence]) -> None:
    """Run one statement (``?`` placeholders) for each row, values passed as they are."""
    if rows:
        conn.exec_driver_sql(sql if conn.dialect.paramstyle == "qmark" else sql.replace("?", "%s"),
                             rows)
