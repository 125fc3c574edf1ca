"""Plain dicts of the things users see: the documented ``--json`` shapes."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from closeloop.core.due import DueItem
from closeloop.core.metrics import Stats
from closeloop.core.model import Interaction, Person
from closeloop.service.loops import LoopView


def iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def person_dict(person: Person) -> dict[str, Any]:
    return {"id": person.id, "name": person.name, "emails": list(person.emails),
            "phones": list(person.phones), "urls": list(person.urls),
            "organization": person.organization, "title": person.title,
            "circles": list(person.circles), "met_how": person.met_how,
            "met_on": iso(person.met_on), "notes": person.notes,
            "cadence_days": person.cadence_days, "birthday": iso(person.birthday),
            "is_me": person.is_me, "created_at": iso(person.created_at)}


def interaction_dict(item: Interaction, names: dict[int, str] | None = None) -> dict[str, Any]:
    names = names or {}
    return {"id": item.id, "kind": item.kind.value, "at": iso(item.occurred_at),
            "direction": item.direction.value, "summary": item.summary,
            "person_ids": list(item.person_ids),
            "people": [names.get(i) for i in item.person_ids] if names else None,
            "source": item.source, "source_key": item.source_key,
            "needs_reply": item.needs_reply, "bulk": item.bulk}


def loop_dict(view: LoopView) -> dict[str, Any]:
    loop, state = view.loop, view.state
    return {
        "id": loop.id, "kind": loop.kind.value, "direction": loop.direction.value,
        "counterpart": view.counterpart.name, "counterpart_id": loop.counterpart_id,
        "about": loop.about,
        "introduced": view.introduced.name if view.introduced else None,
        "introduced_id": loop.introduced_id,
        "stage": state.stage, "open": state.is_open,
        "opened_at": iso(state.opened_at), "closed_at": iso(state.closed_at),
        "next_step": state.next_step,
        "snoozed_until": iso(state.snoozed_until),
        "events": [{"id": e.id, "kind": e.kind.value, "at": iso(e.at), "note": e.note,
                    "until": iso(e.until), "undoes": e.undoes,
                    "interaction_id": e.interaction_id, "automatic": e.automatic}
                   for e in loop.events],
    }


def due_dict(item: DueItem) -> dict[str, Any]:
    return {"key": item.key, "action": item.action.value, "person": item.person,
            "person_id": item.person_id,
            "email": item.email, "loop_id": item.loop_id, "interaction_id": item.interaction_id,
            "start": iso(item.start), "due": iso(item.due), "overdue": item.overdue,
            "why": item.why, "draft": item.draft}


def stats_dict(stats: Stats) -> dict[str, Any]:
    return asdict(stats)
