"""The policy: show and change the timing rules and circle cadences."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from closeloop.core.policy import POLICY_HELP, Policy, parse_days, policy_from_settings, policy_items
from closeloop.errors import BadInput
from closeloop.service import Ledger
from closeloop.store import settings as store


@dataclass(frozen=True, slots=True)
class ConfigView:
    policy: list[tuple[str, float, float, str]]  # name, value, default, help
    cadences: dict[str, int | None]


def load_policy(conn: Connection) -> Policy:
    return policy_from_settings(store.stored_settings(conn))


def show_config(ledger: Ledger) -> ConfigView:
    with ledger.reading() as conn:
        return ConfigView(policy_items(load_policy(conn)), store.circle_cadences(conn))


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
        else:
            known = ", ".join(list(POLICY_HELP) + ["cadence.CIRCLE"])
            raise BadInput(f"unknown setting {name!r}: choose one of {known}")
        return ConfigView(policy_items(load_policy(conn)), store.circle_cadences(conn))


__all__ = ["ConfigView", "Policy", "load_policy", "show_config", "set_config"]
