"""Opening the database and keeping its schema current.

SQLite (a file, WAL mode, foreign keys on) by default; any SQLAlchemy URL,
PostgreSQL included, otherwise. Migrations run on first use; a start-up that
finds the schema current costs one query and never imports Alembic.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from closeloop.store.errors import StoreUnavailable

# The newest migration; a test checks it is Alembic's head.
HEAD = "0004"
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
    """Bring the schema to the newest version (no-op when it is already there)."""
    if schema_version(engine) == HEAD:
        return
    from alembic import command  # imported only when there is work to do
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
