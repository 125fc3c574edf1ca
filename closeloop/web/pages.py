"""The HTML pages. Every action is a plain form POST that redirects (works
without JavaScript); with HTMX the Today actions swap the list in place.

Each handler calls the service function of the same name as the CLI does.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Annotated
from urllib.parse import quote, unquote

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from closeloop.core.model import EventKind
from closeloop.errors import BadInput, CloseloopError
from closeloop.service import Ledger
from closeloop.web.security import AUTH_COOKIE, CSRF_FIELD, CSRF_HEADER

router = APIRouter(include_in_schema=False)
FLASH = "closeloop_flash"
PAGE_LIMIT = 500


class CsrfFailed(CloseloopError):
    http_status = 403


async def csrf(request: Request) -> None:
    """Every POST carries the form's token, as a field or (HTMX) a header."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        sent = form.get(CSRF_FIELD)
    guard = request.app.state.guard
    if not guard.csrf_ok(request.cookies.get("closeloop_csrf"), sent if isinstance(sent, str) else None):
        raise CsrfFailed("this form has expired or did not come from closeloop: "
                         "reload the page and try again")


Checked = Annotated[None, Depends(csrf)]
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]


def ledger(request: Request) -> Ledger:
    return request.app.state.ledger()


def agenda(request: Request, *, limit: int | None = 20, person: str | None = None):
    """Today's agenda, shared by the page and the API through the app's memo."""
    from closeloop.service.agenda import today
    return request.app.state.agenda.get(
        ("today", limit, person), lambda: today(ledger(request), limit=limit, person=person))


def render(request: Request, name: str, status: int = 200, **context) -> Response:
    context.setdefault("now", ledger(request).now())
    context["csrf"] = request.state.csrf
    context["auth"] = request.app.state.guard.token is not None
    flash = request.app.state.guard.unsign(unquote(request.cookies.get(FLASH, "")))
    if flash and "flash" not in context:
        context["flash"] = flash
    response = request.app.state.templates.TemplateResponse(request, name, context,
                                                            status_code=status)
    if flash:
        response.delete_cookie(FLASH)
    return response


def done(request: Request, back: str, message: str) -> Response:
    """After a form: back where the user was, with a short note of what happened."""
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"
    response = RedirectResponse(back, status_code=303)
    response.set_cookie(FLASH, quote(request.app.state.guard.sign(message)), max_age=60,
                        httponly=True, samesite="strict")
    return response


def htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


# Today -----------------------------------------------------------------------
# The due list looks the same to everyone but for each visitor's CSRF token, so it is
# rendered once per agenda (with a stand-in for the token) and shared; under many
# clients that saves most of the page's cost.
CSRF_SLOT = "csrf-" + secrets.token_hex(16)


@router.get("/")
def today_page(request: Request, limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT)] = 20):
    flash = request.app.state.guard.unsign(unquote(request.cookies.get(FLASH, "")))
    if flash:  # a personal note on top: render it all for this visitor
        return render(request, "today.html", agenda=agenda(request, limit=limit), limit=limit)

    def fragment() -> str:
        template = request.app.state.templates.get_template("_due_list.html")
        return template.render(request=request, agenda=agenda(request, limit=limit), limit=limit,
                               csrf=CSRF_SLOT, now=ledger(request).now(),
                               auth=request.app.state.guard.token is not None)

    shared = request.app.state.agenda.get(("today-html", limit), fragment)
    return render(request, "today.html", limit=limit,
                  due_html=Markup(shared.replace(CSRF_SLOT, request.state.csrf or "")))


@router.get("/today")
def today_alias():
    return RedirectResponse("/", status_code=307)


def _after_today(request: Request, message: str, limit: int) -> Response:
    request.app.state.agenda.clear()  # the write just made the cached agenda stale
    if htmx(request):
        return render(request, "_due_list.html", agenda=agenda(request, limit=limit),
                      limit=limit, flash=message)
    return done(request, "/" + (f"?limit={limit}" if limit != 20 else ""), message)


@router.post("/loops/{loop_id}/step")
def loop_step(request: Request, _: Checked, loop_id: Id, kind: Annotated[str, Form()],
              note: Annotated[str, Form(max_length=20_000)] = "",
              days: Annotated[int | None, Form(ge=1, le=3650)] = None,
              until: Annotated[str, Form(max_length=40)] = "",
              back: Annotated[str, Form(max_length=500)] = "",
              limit: Annotated[int, Form(ge=1, le=PAGE_LIMIT)] = 20):
    """One step on a loop, from Today (HTMX or not), a loop page or a person page."""
    from closeloop.service.loops import record_step
    from closeloop.web.present import EVENT_LABEL
    try:
        step = EventKind(kind)
    except ValueError:
        raise BadInput(f"unknown step {kind!r}") from None
    the_ledger = ledger(request)
    if step == EventKind.SNOOZED and days and not until:
        until = f"{(the_ledger.now().astimezone() + timedelta(days=days)).date():%Y-%m-%d}"
    view = record_step(the_ledger, loop_id, step, note=note, until=until or None)
    what = EVENT_LABEL.get(step.value, step.value)
    if step == EventKind.SNOOZED:
        back_on = view.state.snoozed_until.astimezone()
        what = f"snoozed until {back_on:%b} {back_on.day}"
    message = f"{view.counterpart.name}: {what}" + ("" if view.state.is_open else " — loop closed")
    if not back:
        return _after_today(request, message, limit)
    return done(request, back, message)


@router.post("/people/{person_id}/contact")
def contact(request: Request, _: Checked, person_id: Id,
            kind: Annotated[str, Form()] = "call",
            summary: Annotated[str, Form(max_length=20_000)] = "",
            at: Annotated[str, Form(max_length=40)] = "",
            direction: Annotated[str, Form(max_length=10)] = "",
            back: Annotated[str, Form(max_length=500)] = "",
            limit: Annotated[int, Form(ge=1, le=PAGE_LIMIT)] = 20):
    """Log an interaction: a call from a person's page, 'kept in touch' or 'replied' from Today."""
    from closeloop.service.interactions import log_interaction
    from closeloop.web.present import INTERACTION_LABEL
    item = log_interaction(ledger(request), kind, [str(person_id)], summary=summary,
                           at=at or None, direction=direction or None)
    message = f"logged: {INTERACTION_LABEL[item.kind.value].lower()}" + (
        f" ({summary})" if summary else "")
    if not back:
        return _after_today(request, message, limit)
    return done(request, back, message)


# People ----------------------------------------------------------------------
@router.get("/people")
def people_page(request: Request, q: Annotated[str, Query(max_length=300)] = "",
                circle: Annotated[str, Query(max_length=200)] = "",
                sort: Annotated[str, Query(pattern="^(name|last_contact)$")] = "name",
                losing: bool = False, limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT)] = 100):
    from closeloop.service.browse import circle_names, people_directory
    rows, total = people_directory(ledger(request), search=q or None, circle=circle or None,
                                   sort=sort, losing_touch=losing, limit=limit)
    context = dict(rows=rows, total=total, q=q, circle=circle, sort=sort, losing=losing,
                   limit=limit)
    if htmx(request) and request.headers.get("hx-target") == "people-results":
        return render(request, "_people_results.html", **context)
    return render(request, "people.html", circles=circle_names(ledger(request)), **context)


@router.post("/people")
def add_person(request: Request, _: Checked, name: Annotated[str, Form(max_length=300)],
               email: Annotated[str, Form(max_length=300)] = "",
               organization: Annotated[str, Form(max_length=300)] = "",
               circle: Annotated[str, Form(max_length=200)] = "",
               notes: Annotated[str, Form(max_length=20_000)] = ""):
    from closeloop.service.people import add_person as add
    person = add(ledger(request), name, emails=[email] if email.strip() else [],
                 organization=organization or None,
                 circles=[c.strip() for c in circle.split(",") if c.strip()], notes=notes or None)
    return done(request, f"/people/{person.id}", f"added {person.name}")


@router.get("/people/{person_id}")
def person_page(request: Request, person_id: Id):
    from closeloop.service.browse import person_timeline
    return render(request, "person.html", t=person_timeline(ledger(request), str(person_id)))


@router.post("/people/{person_id}/help")
def record_help(request: Request, _: Checked, person_id: Id,
                action: Annotated[str, Form(pattern="^(ask|got|gave)$")],
                kind: Annotated[str, Form(max_length=40)],
                about: Annotated[str, Form(max_length=20_000)] = "",
                introduced: Annotated[str, Form(max_length=300)] = "",
                at: Annotated[str, Form(max_length=40)] = "",
                note: Annotated[str, Form(max_length=20_000)] = ""):
    """Record help received or given (or an ask) from the person's page."""
    from closeloop.service import loops as service
    verb = {"ask": service.ask, "got": service.got, "gave": service.gave}[action]
    view = verb(ledger(request), kind, str(person_id), about=about,
                introduced=introduced or None, at=at or None, note=note)
    said = {"ask": "asked for", "got": "got", "gave": "gave"}[action]
    return done(request, f"/people/{person_id}",
                f"loop {view.loop.id}: {said} {view.loop.kind.value}"
                + (" (moved your ask forward)" if view.advanced else ""))


@router.post("/people/{person_id}/note")
def add_note(request: Request, _: Checked, person_id: Id,
             note: Annotated[str, Form(min_length=1, max_length=20_000)]):
    from closeloop.service.people import edit_person
    edit_person(ledger(request), str(person_id), add_note=note)
    return done(request, f"/people/{person_id}", "note added")


# Loops -----------------------------------------------------------------------
@router.get("/loops")
def loops_page(request: Request):
    from closeloop.service.browse import loop_board
    return render(request, "loops.html", board=loop_board(ledger(request)))


@router.get("/loops/{loop_id}")
def loop_page(request: Request, loop_id: Id):
    from closeloop.service.browse import loop_story
    return render(request, "loop.html", story=loop_story(ledger(request), loop_id))


# Stats -----------------------------------------------------------------------
@router.get("/stats")
def stats_page(request: Request):
    from closeloop.service.browse import active_network
    from closeloop.service.stats import stats
    from closeloop.web import charts
    result = stats(ledger(request))
    active = active_network(ledger(request))
    months = result.months[-12:]
    return render(request, "stats.html", s=result, charts={
        "loops": charts.bars([m.month for m in months], {"opened": [m.opened for m in months],
                                                         "closed": [m.closed for m in months]},
                             title="Loops opened and closed per month"),
        "give": charts.bars([m.month for m in months], {"got": [m.received for m in months],
                                                        "gave": [m.given for m in months]},
                            title="Help received and given per month"),
        "active": charts.bars([m for m, _ in active], {"people": [n for _, n in active]},
                              title="Active network: people in real contact per month"),
        "balance": charts.balance(result.received, result.given),
    })


# Logging in (only with a token) --------------------------------------------------
@router.get("/login")
def login_page(request: Request, next: Annotated[str, Query(max_length=500)] = "/"):
    return render(request, "login.html", next=next)


@router.post("/login")
def login(request: Request, _: Checked, token: Annotated[str, Form(max_length=500)],
          next: Annotated[str, Form(max_length=500)] = "/"):
    guard = request.app.state.guard
    if guard.token is None:
        return done(request, next, "no login needed here")
    if not guard.token_ok(token):
        return render(request, "login.html", status=401, next=next,
                      error="that is not the token")
    response = done(request, next, "logged in")
    response.set_cookie(AUTH_COOKIE, guard.login_cookie(), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", max_age=30 * 86400)
    return response


@router.post("/logout")
def logout(request: Request, _: Checked):
    response = done(request, "/login", "logged out")
    response.delete_cookie(AUTH_COOKIE)
    return response
