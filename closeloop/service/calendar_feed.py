"""What is due, as a calendar: a file to import or a feed URL to subscribe to.

Each due item is an all-day event (or, with ``todo``, a VTODO) on the day it
is due (today when overdue), with its draft in the description. UIDs come
from the item key (``loop:12``, ``keep:5``), so when a calendar fetches the
feed again an item that moved on (thank -> report) is updated, not doubled.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from closeloop.core.due import Action, DueItem
from closeloop.errors import BadInput, NotFound
from closeloop.service import Ledger
from closeloop.service.agenda import today
from closeloop.service.config import delivery_settings
from closeloop.store import settings as settings_store

FEED_LIMIT = 500
TITLE = {Action.THANK: "Thank", Action.REPLY: "Reply to", Action.REPORT: "Report back to",
         Action.CHECK_IN: "Check in with", Action.FOLLOW_UP: "Follow up with",
         Action.KEEP_IN_TOUCH: "Keep in touch with"}


def calendar_bytes(ledger: Ledger, *, todo: bool = False) -> bytes:
    from icalendar import Calendar, Event, Todo

    now = ledger.now()
    agenda = today(ledger, limit=FEED_LIMIT)
    with ledger.reading() as conn:
        web_url = delivery_settings(conn)["web_url"].rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", "-//closeloop//follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "closeloop: follow-ups")
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    local_today = now.astimezone().date()
    for item in agenda.items:
        day = max(item.due.astimezone().date(), local_today) if item.overdue else \
            item.due.astimezone().date()
        component = Todo() if todo else Event()
        component.add("uid", f"{item.key}@closeloop")
        component.add("dtstamp", now)
        component.add("summary", f"{TITLE[item.action]} {item.person}"
                      + (" (overdue)" if item.overdue else ""))
        component.add("description", f"{item.why}\n\n{item.draft}")
        component.add("url", f"{web_url}/items/{item.key}")
        if todo:
            component.add("dtstart", item.start.astimezone().date())
            component.add("due", day)
            component.add("status", "NEEDS-ACTION")
            component.add("priority", 1 if item.overdue else 5)
        else:
            component.add("dtstart", day)
            component.add("dtend", day + timedelta(days=1))
            component.add("transp", "TRANSPARENT")
        calendar.add_component(component)
    return calendar.to_ical()


def export_ics(ledger: Ledger, path: str | Path, *, todo: bool = False) -> int:
    target = Path(path)
    if target.is_dir():
        raise BadInput(f"{target} is a folder; give a file name like closeloop.ics")
    data = calendar_bytes(ledger, todo=todo)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BadInput(f"can't write {target}: {exc.strerror}") from exc
    return data.count(b"BEGIN:VEVENT") + data.count(b"BEGIN:VTODO")


@dataclass(frozen=True, slots=True)
class Feed:
    token: str
    url: str


def feed(ledger: Ledger, *, reset: bool = False) -> Feed:
    """The secret feed address (made on first use; ``reset`` makes a new one)."""
    with ledger.transaction() as conn:
        token = settings_store.stored_settings(conn).get("feed_token")
        if token is None or reset:
            token = secrets.token_urlsafe(24)
            settings_store.save_setting(conn, "feed_token", token)
        web_url = delivery_settings(conn)["web_url"].rstrip("/")
    return Feed(token, f"{web_url}/feed/{token}.ics")


def feed_for_token(ledger: Ledger, token: str, *, todo: bool = False) -> bytes:
    """The calendar, if ``token`` is the feed's secret; a wrong token is simply not found."""
    with ledger.reading() as conn:
        expected = settings_store.stored_settings(conn).get("feed_token")
    if not expected or not secrets.compare_digest(expected, token):
        raise NotFound("no such feed")
    return calendar_bytes(ledger, todo=todo)


__all__ = ["DueItem", "Feed", "calendar_bytes", "export_ics", "feed", "feed_for_token"]
