"""The use cases: one function per thing a user does.

Service functions own transactions and the clock, read configuration, and
turn user text (names, dates) into core values. They may import every layer
below (``core``, ``sources``, ``store``); the CLI and the web app call them and
nothing else.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterator

from sqlalchemy.engine import Connection, Engine

from closeloop.settings import Settings, load_settings


@dataclass
class Ledger:
    """An open database and the clock every use case reads "now" from."""

    engine: Engine
    clock: Callable[[], datetime]
    settings: Settings | None = None

    def now(self) -> datetime:
        return self.clock()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A transaction that writes (on SQLite it holds the write lock from the start)."""
        from closeloop.store.db import write_transaction
        with write_transaction(self.engine) as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn


_engines: dict[str, Engine] = {}


def open_ledger(settings: Settings | None = None) -> Ledger:
    """Open (and on first use create or upgrade) the configured database.

    Engines are kept per URL for the life of the process, so a server or a
    test run opens and migrates each database once.
    """
    from closeloop.store.db import migrate, open_engine

    settings = settings or load_settings()
    engine = _engines.get(settings.database_url)
    if engine is None:
        engine = open_engine(settings.database_url)
        migrate(engine)
        _engines[settings.database_url] = engine
    return Ledger(engine=engine, clock=settings.clock, settings=settings)


def close_ledgers(url: str | None = None) -> None:
    """Close the pooled connections of one database (or of all)."""
    for key in [url] if url else list(_engines):
        engine = _engines.pop(key, None)
        if engine is not None:
            engine.dispose()
