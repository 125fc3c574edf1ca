"""Migrations: from an older database with data, and two processes starting at once."""

from __future__ import annotations

import subprocess
import sys

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from closeloop.store.db import HEAD, MIGRATIONS, migrate, open_engine, schema_version


def _upgrade_to(engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def test_a_database_from_0001_with_data_reaches_head_intact(db_url):
    engine = open_engine(db_url)
    _upgrade_to(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO people (id, name, is_me, created_at, updated_at) "
                          "VALUES (1, 'Tom Rivera', false, '2026-01-01', '2026-01-01')"))
        conn.execute(text("INSERT INTO interactions (id, kind, occurred_at, direction, summary, "
                          "source, needs_reply, bulk, created_at) VALUES (1, 'email', "
                          "'2026-01-02', 'to_me', 'Coffee?', 'mail', true, false, '2026-01-02')"))
    migrate(engine)
    assert schema_version(engine) == HEAD
    with engine.connect() as conn:
        row = conn.execute(text("SELECT summary, needs_reply, reply_done, reply_snooze_ts "
                                "FROM interactions")).one()
        assert (row.summary, bool(row.needs_reply), bool(row.reply_done), row.reply_snooze_ts) == (
            "Coffee?", True, False, None)
        assert conn.execute(text("SELECT name FROM people")).scalar() == "Tom Rivera"
    engine.dispose()


def test_two_processes_creating_the_database_at_once_both_succeed(tmp_path):
    url = f"sqlite:///{tmp_path / 'race.db'}"
    code = ("import sys; from closeloop.store.db import open_engine, migrate, schema_version; "
            "e = open_engine(sys.argv[1]); migrate(e); print(schema_version(e))")
    runs = [subprocess.Popen([sys.executable, "-c", code, url], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [r.returncode for r in runs] == [0, 0, 0], [err for _, err in results]
    assert {out.strip() for out, _ in results} == {HEAD}
