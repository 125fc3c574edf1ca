"""Opening the database and keeping its schema current.

SQLite (a file, WAL mode, foreign keys on) by default; any SQLAlchemy URL,
PostgreSQL included, otherwise. Migrations run on first use; a start-up that
finds the schema current costs one query and never imports Alembic.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from closeloop.store.errors import StoreUnavailable

# The newest migration; a test checks it is Alembic's head.
HEAD = "0005"
MIGRATIONS = Path(__file__).with_name("migrations")


def open_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files and their folders are created."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def schema_version(engine: Engine) -> str | None:
    """The migration the database is at; None for a new database."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except ProgrammingError:  # PostgreSQL: no such table yet
        return None
    except OperationalError as exc:
        if "no such table" in str(exc.orig):  # SQLite: no such table yet
            return None
        raise StoreUnavailable(f"cannot open the database: {str(exc.orig).strip()}") from exc


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version (no-op when it is already there).

    All or nothing, one process at a time: on SQLite the whole upgrade runs in
    one BEGIN IMMEDIATE transaction (SQLite's DDL is transactional, but the
    driver would otherwise commit each statement); on PostgreSQL in one
    transaction holding an advisory lock. Two processes starting together
    wait for each other, and an upgrade that is killed leaves the old schema.
    """
    if schema_version(engine) == HEAD:
        return
    from alembic import command  # imported only when there is work to do
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with write_transaction(engine) as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(740512)"))
        if _version_on(conn) != HEAD:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that writes: all of it is committed, or none of it.

    On SQLite it starts with BEGIN IMMEDIATE, so the write lock is taken
    first (another writer waits for it, up to the busy timeout) and what the
    transaction reads stays current until it commits; the driver would
    otherwise begin lazily and commit before DDL. Elsewhere it is an
    ordinary transaction.
    """
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            yield conn
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.exec_driver_sql("ROLLBACK")
            raise
        conn.exec_driver_sql("COMMIT")


def _version_on(conn) -> str | None:
    """The schema version, read on a connection already inside the upgrade's transaction."""
    from sqlalchemy import inspect
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
