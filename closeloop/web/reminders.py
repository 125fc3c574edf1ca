"""Where reminders outside the app lead: digest links and the calendar feed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from closeloop.errors import CloseloopError
from closeloop.web.present import due_key

router = APIRouter(include_in_schema=False)


@router.get("/items/{key}")
def item(request: Request, key: str) -> Response:
    """A digest's "Do it" link: the item on the Today page, with its buttons."""
    from closeloop.service.followups import parse_key
    from closeloop.service.outreach import draft_for
    parsed = parse_key(key)  # a bad key is a 422 like any bad input
    try:
        found = draft_for(request.app.state.ledger(), key)
    except CloseloopError:  # done or snoozed since the digest went out
        target = f"/loops/{parsed.id}" if parsed.kind == "loop" else (
            f"/people/{parsed.id}" if parsed.kind == "keep" else "/today")
        return RedirectResponse(target, status_code=303)
    return RedirectResponse(f"/today#{due_key(found.item)}", status_code=303)


@router.get("/feed/{name}")
def calendar_feed(request: Request, name: str, todo: int = 0) -> Response:
    """The calendar feed; its secret token is the only key (calendar apps can't log in)."""
    from closeloop.service.calendar_feed import feed_for_token
    token = name.removesuffix(".ics")
    body = feed_for_token(request.app.state.ledger(), token, todo=bool(todo))
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "no-store"})
