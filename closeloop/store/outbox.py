"""The outbox: what closeloop sends, kept until it is sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from closeloop.store.schema import outbox
from closeloop.store.times import from_db, to_db


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    kind: str
    to_addr: str
    subject: str
    message: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


def _item(row) -> OutboxItem:
    return OutboxItem(row.id, row.kind, row.to_addr, row.subject, row.message, row.status,
                      row.attempts, row.last_error, from_db(row.created_at), from_db(row.sent_at))


def queue(conn: Connection, kind: str, to_addr: str, subject: str, message: str, now: datetime,
          person_id: int | None = None) -> int:
    return conn.execute(insert(outbox).values(
        kind=kind, to_addr=to_addr, subject=subject, message=message, status="pending",
        attempts=0, created_at=to_db(now), person_id=person_id)).inserted_primary_key[0]


def unsent(conn: Connection, kind: str | None = None) -> list[OutboxItem]:
    query = select(outbox).where(outbox.c.status.in_(("pending", "failed"))).order_by(outbox.c.id)
    if kind:
        query = query.where(outbox.c.kind == kind)
    return [_item(r) for r in conn.execute(query)]


def mark(conn: Connection, item_id: int, now: datetime, error: str | None) -> None:
    conn.execute(update(outbox).where(outbox.c.id == item_id).values(
        status="failed" if error else "sent", attempts=outbox.c.attempts + 1,
        last_error=error, last_attempt_at=to_db(now), sent_at=None if error else to_db(now)))


def supersede(conn: Connection, item_id: int) -> None:
    """An older unsent digest is replaced by today's: it is kept, no longer retried."""
    conn.execute(update(outbox).where(outbox.c.id == item_id).values(status="superseded"))


def latest(conn: Connection, kind: str) -> OutboxItem | None:
    row = conn.execute(select(outbox).where(outbox.c.kind == kind)
                       .order_by(outbox.c.id.desc()).limit(1)).first()
    return _item(row) if row else None


def counts(conn: Connection) -> dict[str, int]:
    return {status: n for status, n in conn.execute(
        select(outbox.c.status, func.count()).group_by(outbox.c.status))}
