"""Shared fixtures: a fresh database on SQLite and on PostgreSQL, and a CLI runner.

Every test that takes ``db_url`` (or ``ledger``/``cli``) runs twice: on a new
SQLite file and on a new schema in the PostgreSQL server at
``CLOSELOOP_TEST_POSTGRES`` (default: the local server's ``test`` database).
Without a reachable server the PostgreSQL half is skipped, unless
``CLOSELOOP_REQUIRE_POSTGRES=1`` (set in CI), which makes it fail instead.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
POSTGRES_URL = os.environ.get("CLOSELOOP_TEST_POSTGRES",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# A fixed "now" for every test: a Thursday morning.
NOW = "2026-03-05T09:00:00+00:00"


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, skipping (or failing in CI) when absent."""
    return need_corpus(SHARED_DATA.joinpath(*parts))


def need_corpus(path: Path) -> Path:
    """``path`` itself, skipping the test (or failing it in CI) when it is absent."""
    if not path.exists():
        if os.environ.get("CLOSELOOP_REQUIRE_CORPORA") == "1":
            pytest.fail(f"test data {path} is missing and CLOSELOOP_REQUIRE_CORPORA=1")
        pytest.skip(f"test data {path} is not here (../shared/data is beside the repository)")
    return path


_pg_state: dict[str, object] = {}


def _postgres_available() -> str | None:
    """None when the server answers, else the reason it doesn't."""
    if "reason" not in _pg_state:
        from sqlalchemy import create_engine, text
        try:
            engine = create_engine(POSTGRES_URL)
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            engine.dispose()
            _pg_state["reason"] = None
        except Exception as exc:  # any failure to connect means: no server here
            _pg_state["reason"] = f"PostgreSQL at {POSTGRES_URL} is not reachable: {exc}"
    return _pg_state["reason"]  # type: ignore[return-value]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'closeloop.db'}"
        _forget(f"sqlite:///{tmp_path / 'closeloop.db'}")
        return
    reason = _postgres_available()
    if reason:
        if os.environ.get("CLOSELOOP_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + " and CLOSELOOP_REQUIRE_POSTGRES=1")
        pytest.skip(reason)
    from sqlalchemy import create_engine, text
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    try:
        yield url
    finally:
        _forget(url)
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _forget(url: str) -> None:
    from closeloop.service import close_ledgers
    close_ledgers(url)


@pytest.fixture
def env(db_url, tmp_path, monkeypatch):
    """The environment a user would have: a database URL and a fixed clock."""
    values = {"CLOSELOOP_DATABASE_URL": db_url, "CLOSELOOP_NOW": NOW,
              "CLOSELOOP_DATA_DIR": str(tmp_path / "data"), "TZ": "UTC"}
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


@pytest.fixture
def ledger(env):
    from closeloop.service import open_ledger
    return open_ledger()


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


class Cli:
    """Runs `closeloop ...` in-process, as a user would type it."""

    def __init__(self, monkeypatch):
        from typer.testing import CliRunner
        self.runner = CliRunner()
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str, now: str | None = None, input: str | None = None) -> Result:
        from closeloop.cli import app
        if now:
            self.monkeypatch.setenv("CLOSELOOP_NOW", now)
        result = self.runner.invoke(app, [str(a) for a in args], input=input)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, **kw) -> Result:
        result = self(*args, **kw)
        assert result.code == 0, f"closeloop {' '.join(args)} failed ({result.code}): {result.err}{result.out}"
        return result

    def json(self, *args: str, **kw):
        return self.ok(*args, "--json", **kw).json()


@pytest.fixture
def cli(env, monkeypatch):
    return Cli(monkeypatch)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)
