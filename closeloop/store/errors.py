"""Errors of the store, translated from the database driver's."""

from __future__ import annotations

from closeloop.errors import ConfigError


class StoreUnavailable(ConfigError):
    """The database can't be opened or reached."""
