"""Configuration from the environment: one table of settings, checked at start-up.

Every setting is read from a ``CLOSELOOP_*`` variable by a typed parser. The
timing policy is not here: it lives in the database (``closeloop config``) so
that a team server shares one policy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from closeloop.errors import ConfigError


def default_data_dir() -> Path:
    from platformdirs import user_data_dir
    return Path(user_data_dir("closeloop", appauthor=False))


def default_config_dir() -> Path:
    from platformdirs import user_config_dir
    return Path(user_config_dir("closeloop", appauthor=False))


def parse_now(text: str) -> datetime:
    """An ISO 8601 instant; a naive one is taken as local time."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"CLOSELOOP_NOW must be an ISO 8601 time like 2026-03-01T09:00:00, "
                          f"not {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(timezone.utc)


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str | None
    help: str
    parse: Callable[[str], object] = str


SETTINGS = (
    Setting("CLOSELOOP_DATABASE_URL", None,
            "SQLAlchemy URL of the database, e.g. postgresql+psycopg://user@host/db. "
            "Default: a SQLite file closeloop.db in CLOSELOOP_DATA_DIR."),
    Setting("CLOSELOOP_DATA_DIR", None,
            "Folder for the default SQLite database and other local files. "
            "Default: the platform's user data folder (e.g. ~/.local/share/closeloop)."),
    Setting("CLOSELOOP_CONFIG_DIR", None,
            "Folder of your own draft and digest templates (templates/*.j2). Default: the "
            "platform's user config folder (e.g. ~/.config/closeloop)."),
    Setting("CLOSELOOP_SMTP_PASSWORD", None,
            "The SMTP password for sending the digest and drafts; never stored."),
    Setting("CLOSELOOP_WEB_TOKEN", None,
            "A secret (12 characters or more) that `closeloop serve` asks for; required to "
            "listen on any address other than 127.0.0.1."),
    Setting("CLOSELOOP_NOW", None,
            "Fix the clock (ISO 8601) for demos and tests; default: the real time.",
            parse_now),
    Setting("CLOSELOOP_MAIL_BATCH", "2000",
            "Messages stored per transaction by mail import; an import stopped midway "
            "keeps whole batches.", lambda text: _positive(text, "CLOSELOOP_MAIL_BATCH")),
)


def _positive(text: str, name: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise ConfigError(f"{name} must be a whole number above 0, not {text!r}")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    data_dir: Path
    now: datetime | None
    mail_batch: int = 2000
    config_dir: Path | None = None
    smtp_password: str | None = None
    web_token: str | None = None

    def clock(self) -> datetime:
        return self.now or datetime.now(timezone.utc)


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        raw = env.get(setting.name) or setting.default
        values[setting.name] = setting.parse(raw) if raw is not None else None
    data_dir = Path(values["CLOSELOOP_DATA_DIR"]).expanduser() if values["CLOSELOOP_DATA_DIR"] \
        else default_data_dir()
    url = values["CLOSELOOP_DATABASE_URL"] or f"sqlite:///{data_dir / 'closeloop.db'}"
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    config_dir = Path(values["CLOSELOOP_CONFIG_DIR"]).expanduser() \
        if values["CLOSELOOP_CONFIG_DIR"] else default_config_dir()
    return Settings(database_url=url, data_dir=data_dir, now=values["CLOSELOOP_NOW"],
                    mail_batch=values["CLOSELOOP_MAIL_BATCH"], config_dir=config_dir,
                    smtp_password=values["CLOSELOOP_SMTP_PASSWORD"],
                    web_token=values["CLOSELOOP_WEB_TOKEN"])
