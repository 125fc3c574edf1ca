"""Read meetings from iCalendar files.

``read_events`` parses a .ics file (or a folder of them) with ``icalendar`` and
yields one ``EventRecord`` per occurrence that overlaps a bounded window, or a
``Problem``. Recurring events are expanded with ``dateutil.rrule`` (which
icalendar itself depends on), never past the window's end, and with a cap on
the occurrences looked at, so an endless or pathological RRULE cannot hang an
import. Occurrences replaced by a RECURRENCE-ID override are taken from the
override. Floating times (no time zone) are read as UTC.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import icalendar
from dateutil import rrule

from closeloop.core.problems import Problem
from closeloop.sources.records import EventRecord, normalize_email

__all__ = ["read_events", "MAX_OCCURRENCES_EXAMINED"]

UTC = timezone.utc
# Occurrences examined per recurring event before giving up with a problem.
MAX_OCCURRENCES_EXAMINED = 50_000
# A meeting does not recur every minute; such rules are reported, not expanded.
_TOO_FREQUENT = {"SECONDLY", "MINUTELY"}
_TIME_PROPS = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")
_BEGIN_EVENT = re.compile(rb"^BEGIN:VEVENT\s*$", re.IGNORECASE | re.MULTILINE)
_END_EVENT = re.compile(rb"^END:VEVENT\s*$", re.IGNORECASE | re.MULTILINE)


class _EventError(Exception):
    pass


def read_events(
    path: str | Path, window_start: datetime, window_end: datetime
) -> Iterator[EventRecord | Problem]:
    """Yield the occurrences of events under ``path`` that overlap the window.

    ``window_start`` and ``window_end`` are aware datetimes (naive ones are
    taken as UTC); the window must be bounded, and it bounds every event, not
    only recurring ones.
    """
    start = _as_utc(window_start)
    end = _as_utc(window_end)
    path = Path(path)
    if not path.exists():
        yield Problem(str(path), "", "no such file or folder")
        return
    files = sorted(p for p in path.rglob("*.ics") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        yield from _read_file(file, start, end)


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _event_blocks(data: bytes) -> tuple[list[int], list[bytes | None]]:
    """Line of each BEGIN:VEVENT and its text up to END:VEVENT (None if never closed)."""
    begins = [m.start() for m in _BEGIN_EVENT.finditer(data)]
    blocks: list[bytes | None] = []
    for i, offset in enumerate(begins):
        following = begins[i + 1] if i + 1 < len(begins) else len(data)
        end = _END_EVENT.search(data, offset, following)
        blocks.append(data[offset:end.end()] if end else None)
    lines = [data.count(b"\n", 0, offset) + 1 for offset in begins]
    return lines, blocks


_TIMEZONE = re.compile(rb"^BEGIN:VTIMEZONE\s*$.*?^END:VTIMEZONE\s*$", re.IGNORECASE | re.MULTILINE | re.DOTALL)


def _parse_block(block: bytes | None, data: bytes) -> Any:
    """One VEVENT parsed alone (with the file's time zones), or what was wrong."""
    if block is None:
        return "BEGIN:VEVENT without END:VEVENT"
    zones = b"\r\n".join(m.group(0) for m in _TIMEZONE.finditer(data))
    text = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + zones + b"\r\n" + block + b"\r\nEND:VCALENDAR\r\n"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # any icalendar failure: this event is unreadable
        return f"unreadable event: {exc}"
    events = [ev for cal in found for ev in cal.walk("VEVENT")]
    return events[0] if len(events) == 1 else "unreadable event"


def _read_file(file: Path, start: datetime, end: datetime) -> Iterator[EventRecord | Problem]:
    source = str(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        yield Problem(source, "", f"cannot read file: {exc}")
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as exc:  # icalendar raises ValueError, KeyError, ...: all mean "unreadable"
        yield Problem(source, "", f"not a readable iCalendar file: {exc}")
        return
    lines, blocks = _event_blocks(data)
    events: list[Any] = [ev for cal in calendars for ev in cal.walk("VEVENT")]
    if len(events) != len(lines):
        # icalendar dropped (or invented) events: parse each block on its own,
        # so one broken event does not hide the others and each has its line.
        events = [_parse_block(block, data) for block in blocks]
    aligned = len(events) == len(lines)

    def where(i: int) -> str:
        return f"event {i + 1}, line {lines[i]}" if aligned else f"event {i + 1}"

    masters: list[tuple[int, Any]] = []
    overrides: dict[str, dict[datetime, tuple[int, Any]]] = {}
    for i, event in enumerate(events):
        if isinstance(event, str):
            yield Problem(source, where(i), event)
            continue
        bad = [f"{name}: {msg}" for name, msg in getattr(event, "errors", ()) if name in _TIME_PROPS]
        if bad:
            yield Problem(source, where(i), "; ".join(bad))
            continue
        if "RECURRENCE-ID" in event:
            try:
                rid = _utc(event.decoded("RECURRENCE-ID"))
            except Exception as exc:  # a RECURRENCE-ID that is no date
                yield Problem(source, where(i), f"bad RECURRENCE-ID: {exc}")
                continue
            overrides.setdefault(_uid(event), {})[rid] = (i, event)
        else:
            masters.append((i, event))

    mastered: set[str] = set()
    for i, event in masters:
        uid = _uid(event)
        mastered.add(uid)
        try:
            yield from _occurrences(source, where(i), event, overrides.get(uid, {}), start, end)
        except _EventError as exc:
            yield Problem(source, where(i), str(exc))
        except Exception as exc:  # icalendar/dateutil failures on odd values
            yield Problem(source, where(i), f"unreadable event: {type(exc).__name__}: {exc}")
    for uid, by_rid in overrides.items():
        if uid in mastered:
            continue
        for rid, (i, event) in by_rid.items():  # an override sent without its series
            try:
                record = _record(source, where(i), event, *_span(event))
            except _EventError as exc:
                yield Problem(source, where(i), str(exc))
                continue
            except Exception as exc:
                yield Problem(source, where(i), f"unreadable event: {type(exc).__name__}: {exc}")
                continue
            if record.start < end and record.end > start:
                yield _with_key(record, uid, rid)


def _uid(event: Any) -> str:
    uid = str(event.get("UID", "")).strip()
    if uid:
        return uid
    ident = f"{event.get('SUMMARY', '')}\x1f{event.get('DTSTART').to_ical() if event.get('DTSTART') else ''}"
    return "sha1:" + hashlib.sha1(ident.encode("utf-8", "replace")).hexdigest()


def _utc(value: date | datetime) -> datetime:
    """A DTSTART-like value as an aware UTC datetime (a date is its midnight)."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _span(event: Any) -> tuple[date | datetime, timedelta]:
    if "DTSTART" not in event:
        raise _EventError("event has no DTSTART")
    dtstart = event.decoded("DTSTART")
    if isinstance(dtstart, list) and dtstart:  # DTSTART given twice: the first wins
        dtstart = dtstart[0]
    if not isinstance(dtstart, date):
        raise _EventError(f"DTSTART is not a date: {dtstart!r}")
    if "DTEND" in event:
        dtend = event.decoded("DTEND")
        if type(dtend) is not type(dtstart):  # date end with datetime start or the reverse
            duration = _utc(dtend) - _utc(dtstart)
        elif isinstance(dtstart, datetime):
            duration = _utc(dtend) - _utc(dtstart)
        else:
            duration = dtend - dtstart
    elif "DURATION" in event:
        duration = event.decoded("DURATION")
        if not isinstance(duration, timedelta):
            raise _EventError("DURATION is not a duration")
    else:
        duration = timedelta(days=1) if not isinstance(dtstart, datetime) else timedelta(0)
    if duration < timedelta(0):
        duration = timedelta(0)  # an end before the start: treat as a moment
    return dtstart, duration


def _people(event: Any, name: str) -> list[tuple[str, str]]:
    values = event.get(name)
    if values is None:
        return []
    out = []
    for value in values if isinstance(values, list) else [values]:
        text = str(value)
        email = normalize_email(text) if text.lower().startswith("mailto:") or "@" in text else ""
        cn = str(getattr(value, "params", {}).get("CN", "")).strip().strip('"')
        if email or cn:
            out.append((cn, email))
    return out


def _text(event: Any, name: str) -> str:
    value = event.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).replace("\r\n", "\n").strip()


def _record(source: str, where: str, event: Any, dtstart: date | datetime, duration: timedelta) -> EventRecord:
    begin = _utc(dtstart)
    organizer = _people(event, "ORGANIZER")
    return EventRecord(
        source=source, where=where, key=_uid(event), summary=" ".join(_text(event, "SUMMARY").split()),
        start=begin, end=begin + duration, all_day=not isinstance(dtstart, datetime),
        organizer=organizer[0] if organizer else None,
        attendees=tuple(dict.fromkeys(_people(event, "ATTENDEE"))),
        location=_text(event, "LOCATION"), description=_text(event, "DESCRIPTION"),
    )


def _with_key(record: EventRecord, uid: str, rid: datetime) -> EventRecord:
    fields = {name: getattr(record, name) for name in record.__slots__}
    fields["key"] = f"{uid}#{rid.strftime('%Y%m%dT%H%M%SZ')}"
    return EventRecord(**fields)


def _occurrences(
    source: str, where: str, event: Any, overrides: dict[datetime, tuple[int, Any]],
    start: datetime, end: datetime,
) -> Iterator[EventRecord]:
    dtstart, duration = _span(event)
    base = _record(source, where, event, dtstart, duration)
    if _text(event, "STATUS").upper() == "CANCELLED":
        return  # a cancelled meeting is no interaction
    recurring = "RRULE" in event or "RDATE" in event
    if not recurring:
        if base.start < end and base.end > start:
            yield base
        return
    uid = _uid(event)
    for moment in _expand(event, dtstart, duration, start, end):
        rid = _utc(moment)
        if rid in overrides:
            continue
        occurrence_start = rid
        if occurrence_start >= end or occurrence_start + duration <= start:
            continue
        fields = {name: getattr(base, name) for name in base.__slots__}
        fields.update(start=occurrence_start, end=occurrence_start + duration,
                      key=f"{uid}#{rid.strftime('%Y%m%dT%H%M%SZ')}")
        yield EventRecord(**fields)
    for rid, (i, override) in sorted(overrides.items()):
        o_start, o_duration = _span(override)
        record = _record(source, where, override, o_start, o_duration)
        if record.start < end and record.end > start and "CANCELLED" != _text(override, "STATUS").upper():
            yield _with_key(record, uid, rid)


def _naive_like(value: date | datetime, aware: bool, tz: Any) -> datetime:
    """``value`` in the same form as the series' DTSTART (aware in ``tz``, or naive)."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
        return value.replace(tzinfo=tz) if aware else value
    if aware:
        return value.replace(tzinfo=tz) if value.tzinfo is None else value.astimezone(tz)
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def _date_list(event: Any, name: str) -> list[Any]:
    values = event.get(name)
    if values is None:
        return []
    out = []
    for value in values if isinstance(values, list) else [values]:
        for d in getattr(value, "dts", ()):
            # A PERIOD is (start, end or duration); a bare TIME (RFC 5545
            # allows none here) is ignored.
            moment = d.dt[0] if isinstance(d.dt, tuple) else d.dt
            if isinstance(moment, date):
                out.append(moment)
    return out


def _expand(
    event: Any, dtstart: date | datetime, duration: timedelta, start: datetime, end: datetime
) -> list[date | datetime]:
    """The series' starts that may overlap the window, RDATEs included, EXDATEs removed."""
    aware = isinstance(dtstart, datetime) and dtstart.tzinfo is not None
    tz = dtstart.tzinfo if aware else None
    first = _naive_like(dtstart, aware, tz)
    # Stop at the window's end, and look back far enough to catch an occurrence
    # that started before the window and is still going on.
    last = _naive_like(end, aware, tz) if aware else end.replace(tzinfo=None)
    found: list[datetime] = [first]
    rules = event.get("RRULE")
    for rule in (rules if isinstance(rules, list) else [rules] if rules is not None else []):
        freq = str(rule.get("FREQ", [""])[0]).upper()
        if freq in _TOO_FREQUENT:
            raise _EventError(f"RRULE FREQ={freq} is not a meeting; not expanded")
        until = rule.get("UNTIL")
        text = rule.to_ical().decode()
        text = ";".join(p for p in text.split(";") if not p.upper().startswith("UNTIL="))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = rrule.rrulestr(text, dtstart=first)
            limit = last
            if until:
                u = until[0]
                u = _naive_like(u, aware, tz) if isinstance(u, datetime) else \
                    _naive_like(datetime.combine(u, time(23, 59, 59)), aware, tz)
                limit = min(limit, u)
            parsed = parsed.replace(until=limit)
        for n, moment in enumerate(parsed):
            if n >= MAX_OCCURRENCES_EXAMINED:
                raise _EventError(
                    f"RRULE gives more than {MAX_OCCURRENCES_EXAMINED} occurrences before the window ends; "
                    "narrow the window")
            if _utc(moment) + duration > start or _utc(moment) >= start:
                found.append(moment)
    for value in _date_list(event, "RDATE"):
        found.append(_naive_like(value, aware, tz))
    excluded_moments = set()
    excluded_days = set()
    for value in _date_list(event, "EXDATE"):
        if isinstance(value, datetime):
            excluded_moments.add(_utc(_naive_like(value, aware, tz)))
        elif isinstance(value, date):
            excluded_days.add(value)
    out = []
    for moment in sorted(set(found), key=_utc):
        if _utc(moment) in excluded_moments or moment.date() in excluded_days:
            continue
        out.append(moment)
    return out
