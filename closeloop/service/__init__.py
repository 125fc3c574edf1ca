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
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn


def open_ledger(settings: Settings | None = None) -> Ledger:
    """Open (and on first use create or upgrade) the configured database."""
    from closeloop.store.db import migrate, open_engine

    settings = settings or load_settings()
    engine = open_engine(settings.database_url)
    migrate(engine)
    return Ledger(engine=engine, clock=settings.clock, settings=settings)
