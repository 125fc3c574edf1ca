"""The policy: show and change the timing rules and circle cadences."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from closeloop.core.policy import POLICY_HELP, Policy, parse_days, policy_from_settings, policy_items
from closeloop.errors import BadInput
from closeloop.service import Ledger
from closeloop.store import settings as store


@dataclass(frozen=True, slots=True)
class TextSetting:
    name: str
    default: str
    help: str
    choices: tuple[str, ...] = ()


# How reminders reach the user. The SMTP password is never stored: it comes
# from CLOSELOOP_SMTP_PASSWORD.
DELIVERY = (
    TextSetting("smtp_host", "", "SMTP server that sends the digest and your drafts."),
    TextSetting("smtp_port", "587", "SMTP port (587 for STARTTLS, 465 for TLS, 25 plain)."),
    TextSetting("smtp_security", "starttls", "How to protect the SMTP connection.",
                ("starttls", "tls", "none")),
    TextSetting("smtp_user", "", "SMTP login (the password comes from CLOSELOOP_SMTP_PASSWORD)."),
    TextSetting("smtp_from", "", "The From address of what closeloop sends (default: your email)."),
    TextSetting("digest_to", "", "Where the daily digest goes (default: your email)."),
    TextSetting("digest_hour", "8", "Hour of the day (0-23, local time) `closeloop serve` sends the digest."),
    TextSetting("web_url", "http://127.0.0.1:8765", "Address of `closeloop serve`, for links in mail."),
)
DELIVERY_BY_NAME = {d.name: d for d in DELIVERY}


@dataclass(frozen=True, slots=True)
class ConfigView:
    policy: list[tuple[str, float, float, str]]  # name, value, default, help
    cadences: dict[str, int | None]
    delivery: list[tuple[str, str, str, str]] = ()  # name, value, default, help


def delivery_settings(conn: Connection) -> dict[str, str]:
    stored = store.stored_settings(conn)
    return {d.name: stored.get(d.name, d.default) for d in DELIVERY}


def _check_delivery(setting: TextSetting, value: str) -> str:
    value = value.strip()
    if setting.choices and value not in setting.choices:
        raise BadInput(f"{setting.name} must be one of {', '.join(setting.choices)}, not {value!r}")
    if setting.name in ("smtp_port", "digest_hour"):
        top = 65535 if setting.name == "smtp_port" else 23
        if not value.isdigit() or not (0 if setting.name == "digest_hour" else 1) <= int(value) <= top:
            raise BadInput(f"{setting.name} must be a whole number up to {top}, not {value!r}")
    if setting.name in ("smtp_from", "digest_to") and value:
        from closeloop.service.parse import normalize_email
        normalize_email(value)
    if setting.name == "web_url" and not value.startswith(("http://", "https://")):
        raise BadInput(f"web_url must start with http:// or https://, not {value!r}")
    return value


def _view(conn: Connection) -> ConfigView:
    values = delivery_settings(conn)
    return ConfigView(policy_items(load_policy(conn)), store.circle_cadences(conn),
                      [(d.name, values[d.name], d.default, d.help) for d in DELIVERY])


def load_policy(conn: Connection) -> Policy:
    return policy_from_settings(store.stored_settings(conn))


def show_config(ledger: Ledger) -> ConfigView:
    with ledger.reading() as conn:
        return _view(conn)


def set_config(ledger: Ledger, name: str, value: str | None) -> ConfigView:
    """Set a policy value (``thank_within_days 2``) or a circle's cadence
    (``cadence.mentors 60``); ``None`` restores the default or clears the cadence."""
    with ledger.transaction() as conn:
        if name.startswith("cadence."):
            circle = name.removeprefix("cadence.").strip()
            if not circle:
                raise BadInput("name the circle: cadence.CIRCLE, e.g. cadence.mentors")
            days = None
            if value is not None and value.lower() not in ("", "none", "off"):
                days = int(parse_days(name, value))
                if days < 1:
                    raise BadInput(f"{name} must be at least 1 day (or 'off')")
            store.set_circle_cadence(conn, circle, days)
        elif name in POLICY_HELP:
            store.save_setting(conn, name, None if value is None else str(parse_days(name, value)))
        elif name in DELIVERY_BY_NAME:
            setting = DELIVERY_BY_NAME[name]
            store.save_setting(conn, name, None if value is None else _check_delivery(setting, value))
        else:
            known = ", ".join(list(POLICY_HELP) + list(DELIVERY_BY_NAME) + ["cadence.CIRCLE"])
            raise BadInput(f"unknown setting {name!r}: choose one of {known}")
        return _view(conn)


__all__ = ["ConfigView", "Policy", "load_policy", "show_config", "set_config"]
