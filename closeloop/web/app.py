"""The app factory: pages, the JSON API, safety checks and the one error handler."""

from __future__ import annotations

from closeloop.settings import load_settings

import logging
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from closeloop.errors import CloseloopError
from closeloop.service import Ledger
from closeloop.web import present
from closeloop.web.memo import Memo
from closeloop.web.security import AUTH_COOKIE, CSRF_COOKIE, Guard, host_of, is_loopback

HERE = Path(__file__).parent
API = "/api/v1"
log = logging.getLogger("closeloop.web")

SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                               "form-action 'self'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}
# The calendar feed carries its own secret in the URL: calendar apps can't log in.
PUBLIC = ("/static/", "/login", "/feed/")
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def create_app(ledger_factory: Callable[[], Ledger] | None = None, *, token: str | None = None,
               allowed_hosts: tuple[str, ...] = (), agenda_cache_seconds: float = 2.0) -> FastAPI:
    """The web app over one ledger.

    ``ledger_factory`` opens the ledger for each request (default: the
    configured database). ``token`` (default ``CLOSELOOP_WEB_TOKEN``) makes
    every request log in. Without a token only loopback Host names, plus
    ``allowed_hosts``, are served. The agenda is computed at most once per
    ``agenda_cache_seconds`` (any write through the app refreshes it at once).
    """
    if ledger_factory is None:
        from closeloop.service import open_ledger
        ledger_factory = open_ledger
    if token is None:
        token = load_settings().web_token

    app = FastAPI(title="closeloop", version="1",
                  description="The ledger of help given and received, as JSON.",
                  openapi_url=f"{API}/openapi.json", docs_url=f"{API}/docs", redoc_url=None)
    app.state.ledger = ledger_factory
    app.state.guard = guard = Guard(token)
    app.state.agenda = Memo(agenda_cache_seconds)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    present.install(templates.env)
    app.state.templates = templates
    extra_hosts = {h.lower() for h in allowed_hosts}

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def guard_requests(request: Request, call_next):
        path = request.url.path
        is_api = path.startswith("/api/")
        host = host_of(request.headers.get("host", ""))
        if guard.token is None and not (is_loopback(host) or host.lower() in extra_hosts):
            return _plain_error(request, 403, "this app answers only on 127.0.0.1 (or set "
                                              "CLOSELOOP_WEB_TOKEN to serve other names)")
        origin = request.headers.get("origin")
        if request.method in UNSAFE and origin and origin != "null" \
                and host_of(origin.split("://", 1)[-1]) != host:
            return _plain_error(request, 403, "a request from another site was refused")
        if not path.startswith(PUBLIC) and not guard.allowed(
                request.headers.get("authorization"), request.cookies.get(AUTH_COOKIE)):
            if is_api or request.method != "GET":
                return _plain_error(request, 401, "log in first: send Authorization: Bearer TOKEN")
            return RedirectResponse(f"/login?next={quote(path)}", status_code=303)
        cookie = request.cookies.get(CSRF_COOKIE)
        csrf = guard.unsign(cookie)
        fresh = None
        if csrf is None and not is_api:
            csrf, fresh = guard.new_csrf()
        request.state.csrf = csrf
        response = await call_next(request)
        if request.method in UNSAFE and response.status_code < 400:
            app.state.agenda.clear()
        if fresh:
            response.set_cookie(CSRF_COOKIE, fresh, httponly=True, samesite="strict",
                                secure=request.url.scheme == "https")
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def _plain_error(request: Request, status: int, message: str) -> Response:
        response = render_error(request, status, message)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def render_error(request: Request, status: int, message: str, *,
                     candidates: tuple[str, ...] = (), detail=None) -> Response:
        if request.url.path.startswith("/api/") or "application/json" in request.headers.get(
                "accept", "") and "text/html" not in request.headers.get("accept", ""):
            body: dict = {"error": message}
            if candidates:
                body["candidates"] = list(candidates)
            if detail is not None:
                body["detail"] = detail
            return JSONResponse(body, status_code=status)
        if request.headers.get("hx-request"):
            # A partial swap shows the message where the action was.
            return templates.TemplateResponse(request, "_error.html", {
                "status": status, "message": message, "candidates": candidates},
                status_code=status, headers={"HX-Retarget": "#hx-error", "HX-Reswap": "innerHTML"})
        return templates.TemplateResponse(request, "error.html", {
            "status": status, "message": message, "candidates": candidates,
            "csrf": getattr(request.state, "csrf", None)}, status_code=status)

    @app.exception_handler(CloseloopError)
    async def closeloop_error(request: Request, exc: CloseloopError):
        return render_error(request, exc.http_status, exc.message, candidates=exc.candidates)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        errors = jsonable_encoder(exc.errors(), custom_encoder={Exception: str})
        message = "; ".join(_describe(e) for e in errors[:5]) or "the request is not valid"
        return render_error(request, 422, message, detail=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = {404: "there is nothing here", 405: "that method is not allowed here"}.get(
            exc.status_code, str(exc.detail))
        return render_error(request, exc.status_code, message)

    @app.exception_handler(OverflowError)
    async def overflow(request: Request, exc: OverflowError):
        return render_error(request, 422, "a date or number is out of range")

    from sqlalchemy.exc import DataError, IntegrityError

    @app.exception_handler(DataError)
    async def bad_value(request: Request, exc: DataError):
        return render_error(request, 422, "a value is too long or out of range for the database")

    @app.exception_handler(IntegrityError)
    async def clash(request: Request, exc: IntegrityError):
        return render_error(request, 409, "that conflicts with what the database holds")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        # Starlette sends this answer, then re-raises so that the server logs the traceback.
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return render_error(request, 500, "something went wrong on our side; the details are "
                                          "in the server's log")

    from closeloop.web import api, imports, pages, paths, reminders
    app.include_router(api.router, prefix=API)
    app.include_router(pages.router)
    app.include_router(reminders.router)
    app.include_router(imports.router)
    app.include_router(paths.router)
    return app


def _describe(error: dict) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
    return f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid"))
