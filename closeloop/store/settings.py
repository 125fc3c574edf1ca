"""Settings kept in the database (the timing policy) and circle cadences."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from closeloop.store.people import refresh_cadence
from closeloop.store.schema import circles, settings


def stored_settings(conn: Connection) -> dict[str, str]:
    return {name: value for name, value in conn.execute(select(settings.c.name, settings.c.value))}


def save_setting(conn: Connection, name: str, value: str | None) -> None:
    conn.execute(delete(settings).where(settings.c.name == name))
    if value is not None:
        conn.execute(insert(settings).values(name=name, value=value))


def circle_cadences(conn: Connection) -> dict[str, int | None]:
    return {name: days for name, days in conn.execute(
        select(circles.c.name, circles.c.cadence_days).order_by(circles.c.name))}


def set_circle_cadence(conn: Connection, name: str, days: int | None) -> None:
    found = conn.execute(select(circles.c.id).where(circles.c.name == name)).scalar()
    if found is None:
        conn.execute(insert(circles).values(name=name, cadence_days=days))
    else:
        conn.execute(update(circles).where(circles.c.id == found).values(cadence_days=days))
        refresh_cadence(conn, circle_id=found)
