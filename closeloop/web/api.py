"""The JSON API under /api/v1: each endpoint calls one service function.

Shapes are the CLI's ``--json`` shapes (``closeloop.service.views``). Errors
are ``{"error": message}`` with the error's HTTP status: 404 not found, 409
ambiguous, conflicting or an invalid step, 422 a value that can't be read.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from closeloop.core.model import EventKind
from closeloop.errors import NotFound
from closeloop.service import Ledger
from closeloop.service import views as v

MAX_ID = 2_147_483_647  # ids are 32-bit integers in PostgreSQL


def _text(max_length: int, min_length: int = 0):
    return Annotated[str, StringConstraints(max_length=max_length, min_length=min_length,
                                            pattern=r"^[^\x00]*$")]


Name = _text(300, 1)
Short = _text(300)
Long = _text(20_000)
Ref = Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=r"^[^\x00]*\S[^\x00]*$")]
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=10_000)]


class ErrorOut(BaseModel):
    error: str
    candidates: list[str] | None = None
    detail: list | None = None


_ERRORS = {status: {"model": ErrorOut, "description": text} for status, text in (
    (400, "Refused"), (401, "Log in first"), (403, "Refused: another site or host"),
    (404, "Not found"), (409, "Ambiguous, conflicting or an invalid step"),
    (422, "A value that can't be read"))}

router = APIRouter(responses=_ERRORS, tags=["closeloop"])


# Shapes out ---------------------------------------------------------------
class PersonOut(BaseModel):
    id: int
    name: str
    emails: list[str]
    phones: list[str]
    urls: list[str]
    organization: str | None
    title: str | None
    circles: list[str]
    met_how: str | None
    met_on: str | None
    notes: str | None
    cadence_days: int | None
    birthday: str | None
    is_me: bool
    created_at: str | None


class InteractionOut(BaseModel):
    id: int
    kind: str
    at: str
    direction: str
    summary: str
    person_ids: list[int]
    people: list[str | None] | None
    source: str
    source_key: str | None
    needs_reply: bool
    bulk: bool


class EventOut(BaseModel):
    id: int | None
    kind: str
    at: str
    note: str
    until: str | None
    undoes: int | None
    interaction_id: int | None
    automatic: bool


class LoopOut(BaseModel):
    id: int
    kind: str
    direction: str
    counterpart: str
    counterpart_id: int
    about: str
    introduced: str | None
    introduced_id: int | None
    stage: str
    open: bool
    opened_at: str | None
    closed_at: str | None
    next_step: str | None
    snoozed_until: str | None
    events: list[EventOut]


class DueOut(BaseModel):
    action: str
    person: str
    person_id: int
    email: str | None
    loop_id: int | None
    interaction_id: int | None
    start: str | None
    due: str | None
    overdue: bool
    why: str
    draft: str


class DueList(BaseModel):
    total: int = Field(description="everything that is due; items holds the most urgent")
    items: list[DueOut]


class MonthOut(BaseModel):
    month: str
    opened: int
    closed: int
    thanked: int
    received: int
    given: int


class StatsOut(BaseModel):
    loops: int
    open: int
    overdue: int
    closed: int
    dropped: int
    close_rate: float | None
    median_days_to_thank: float | None
    median_days_to_report: float | None
    received: int
    given: int
    balance: int
    months: list[MonthOut]


# Shapes in ----------------------------------------------------------------
class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonIn(Strict):
    name: Name
    emails: list[Short] = []
    phones: list[Short] = []
    urls: list[Short] = []
    organization: Short | None = None
    title: Short | None = None
    circles: list[_text(200)] = []
    met_how: Long | None = None
    met_on: date | None = None
    notes: Long | None = None
    cadence_days: Annotated[int, Field(ge=1, le=3650)] | None = None
    birthday: date | None = None


class PersonPatch(Strict):
    name: Name | None = None
    add_emails: list[Short] = []
    remove_emails: list[Short] = []
    add_phones: list[Short] = []
    remove_phones: list[Short] = []
    add_urls: list[Short] = []
    remove_urls: list[Short] = []
    organization: Short | None = Field(None, description="empty string clears it")
    title: Short | None = None
    add_circles: list[_text(200)] = []
    remove_circles: list[_text(200)] = []
    met_how: Long | None = None
    met_on: date | None = None
    notes: Long | None = Field(None, description="replaces the notes; empty string clears them")
    add_note: Long | None = Field(None, description="appended to the notes")
    cadence_days: Annotated[int, Field(ge=1, le=3650)] | None = None
    clear_cadence: bool = False
    birthday: date | None = None


class MergeIn(Strict):
    other: Annotated[int, Field(ge=1, le=MAX_ID, description="the person merged into this one")]


class InteractionIn(Strict):
    kind: Literal["email", "call", "meeting", "message", "note", "update"]
    people: Annotated[list[Ref], Field(min_length=1, description="ids, emails or names")]
    summary: Long = ""
    at: Short | None = Field(None, description="when: 2026-03-01, 2026-03-01T14:30, yesterday")
    direction: Literal["from_me", "to_me", "mutual"] | None = None


class LoopIn(Strict):
    action: Literal["ask", "got", "gave"] = Field(
        description="ask: I asked them; got: they helped me; gave: I helped them")
    kind: Literal["introduction", "recommendation", "information", "advice", "referral", "favor"]
    person: Ref = Field(description="the counterpart: an id, an email or a name")
    about: Long = ""
    introduced: Short | None = Field(None, description="'Name <email>' adds them if new")
    at: Short | None = None
    note: Long = ""


STEPS = Literal["helped", "thanked", "acted", "reported", "acknowledged", "outcome", "nudged",
                "snoozed", "dropped", "reopened", "undone"]


class EventIn(Strict):
    kind: STEPS
    note: Long = ""
    at: Short | None = None
    until: Short | None = Field(None, description="for snoozed: the date it comes back")


# Endpoints ------------------------------------------------------------------
def ledger(request: Request) -> Ledger:
    return request.app.state.ledger()


def ref(value: str | int) -> str:
    """A person or loop reference; an id too big for the database is simply not there."""
    text = str(value).strip()
    if text.lstrip("#").isdigit() and int(text.lstrip("#")) > MAX_ID:
        raise NotFound(f"nothing has the id {text}")
    return text


@router.get("/people", response_model=list[PersonOut], summary="List or search people")
def list_people(request: Request, search: Annotated[str | None, Query(max_length=300)] = None,
                circle: Annotated[str | None, Query(max_length=200)] = None,
                limit: Limit = 100):
    from closeloop.service.people import list_people as list_
    return [v.person_dict(p) for p in list_(ledger(request), circle=circle, search=search,
                                            limit=limit)]


@router.post("/people", response_model=PersonOut, status_code=201, summary="Add a person")
def add_person(request: Request, body: PersonIn):
    from closeloop.service.people import add_person as add
    data = body.model_dump()
    for key in ("met_on", "birthday"):
        data[key] = data[key].isoformat() if data[key] else None
    return v.person_dict(add(ledger(request), **data))


@router.get("/people/{person_id}", response_model=PersonOut, summary="One person")
def get_person(request: Request, person_id: Id):
    from closeloop.service.people import show_person
    return v.person_dict(show_person(ledger(request), str(person_id)).person)


@router.patch("/people/{person_id}", response_model=PersonOut, summary="Change a person")
def edit_person(request: Request, person_id: Id, body: PersonPatch):
    from closeloop.service.people import edit_person as edit
    data = body.model_dump()
    for key in ("met_on", "birthday"):
        data[key] = data[key].isoformat() if data[key] else None
    return v.person_dict(edit(ledger(request), str(person_id), **data))


@router.delete("/people/{person_id}", response_model=PersonOut,
               summary="Remove a person and their loops")
def remove_person(request: Request, person_id: Id):
    from closeloop.service.people import remove_person as remove
    return v.person_dict(remove(ledger(request), str(person_id)))


@router.post("/people/{person_id}/merge", response_model=PersonOut,
             summary="Merge another person into this one")
def merge_people(request: Request, person_id: Id, body: MergeIn):
    from closeloop.service.people import merge_people as merge
    return v.person_dict(merge(ledger(request), str(person_id), str(body.other)))


@router.get("/interactions", response_model=list[InteractionOut], summary="Interactions, newest first")
def list_interactions(request: Request, person: Annotated[str | None, Query(max_length=500)] = None,
                      limit: Limit = 50):
    from closeloop.service.interactions import list_interactions as list_
    return [v.interaction_dict(i) for i in list_(ledger(request),
                                                 person=ref(person) if person else None,
                                                 limit=limit)]


@router.post("/interactions", response_model=InteractionOut, status_code=201,
             summary="Log a call, meeting, email, message, note or update")
def log_interaction(request: Request, body: InteractionIn):
    from closeloop.service.interactions import log_interaction as log
    return v.interaction_dict(log(ledger(request), body.kind, [ref(p) for p in body.people],
                                  summary=body.summary, at=body.at, direction=body.direction))


@router.get("/loops", response_model=list[LoopOut], summary="Loops, newest first")
def list_loops(request: Request, person: Annotated[str | None, Query(max_length=500)] = None,
               direction: Literal["received", "given"] | None = None,
               stage: Literal["asked", "helped", "thanked", "acted", "reported", "given",
                              "acknowledged", "outcome", "dropped"] | None = None,
               open: bool = False, limit: Limit = 100):
    from closeloop.service.browse import find_loops
    return [v.loop_dict(x) for x in find_loops(ledger(request), person=ref(person) if person else None,
                                               direction=direction, stage=stage, open_only=open,
                                               limit=limit)]


@router.get("/loops/{loop_id}", response_model=LoopOut, summary="One loop and its events")
def get_loop(request: Request, loop_id: Id):
    from closeloop.service.loops import show_loop
    return v.loop_dict(show_loop(ledger(request), loop_id))


@router.post("/loops", response_model=LoopOut, status_code=201,
             summary="Record help: ask (I asked), got (they helped), gave (I helped)")
def open_loop(request: Request, response: Response, body: LoopIn):
    from closeloop.service import loops as service
    verb = {"ask": service.ask, "got": service.got, "gave": service.gave}[body.action]
    view = verb(ledger(request), body.kind, ref(body.person), about=body.about,
                introduced=body.introduced, at=body.at, note=body.note)
    if view.advanced:
        response.status_code = 200  # an open ask moved forward: nothing new was created
    return v.loop_dict(view)


@router.post("/loops/{loop_id}/events", response_model=LoopOut, status_code=201,
             summary="Record the loop's next step (thanked, acted, reported, ...)")
def add_event(request: Request, loop_id: Id, body: EventIn):
    from closeloop.service.loops import record_step
    return v.loop_dict(record_step(ledger(request), loop_id, EventKind(body.kind), note=body.note,
                                   at=body.at, until=body.until))


@router.get("/due", response_model=DueList, summary="What is due now, most urgent first")
def due(request: Request, limit: Limit = 20,
        person: Annotated[str | None, Query(max_length=500)] = None):
    from closeloop.web.pages import agenda
    found = agenda(request, limit=limit, person=ref(person) if person else None)
    return {"total": found.total, "items": [v.due_dict(i) for i in found.items]}


@router.get("/stats", response_model=StatsOut, summary="Close rate, times, give and take, by month")
def stats(request: Request):
    from closeloop.service.stats import stats as stats_
    return v.stats_dict(stats_(ledger(request)))
