"""Warm paths and introductions in the browser: find a way in, ask for the
introduction, or make one (double opt-in or not)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request

from closeloop.web.pages import Checked, ledger, render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form(max_length=300)]


@router.get("/paths")
def paths_page(request: Request, to: Annotated[str | None, Query(max_length=300)] = None,
               org: Annotated[str | None, Query(max_length=300)] = None):
    from closeloop.service.paths import find_paths, paths_dict
    result = None
    if to or org:
        result = paths_dict(find_paths(ledger(request), to=to or None,
                                       org=None if to else org, limit=10))
    return render(request, "paths.html", to=to or "", org=org or "", result=result, drafts=None)


@router.post("/paths/ask")
def ask_for_intro(request: Request, _: Checked, helper: Text, target: Text,
                  about: Annotated[str, Form(max_length=500)] = ""):
    from closeloop.service.intros import ask_intro
    asked = ask_intro(ledger(request), "introduction", helper, target, about=about)
    request.app.state.agenda.clear()
    return render(request, "paths.html", to="", org="", result=None,
                  drafts=[asked.draft], done=f"Loop {asked.view.loop.id} opened: asked "
                                                f"{asked.view.counterpart.name} for an introduction.")


@router.post("/introduce")
def make_intro(request: Request, _: Checked, a: Text, b: Text,
               double_opt_in: Annotated[str | None, Form(max_length=5)] = None,
               about: Annotated[str, Form(max_length=500)] = ""):
    from closeloop.service.intros import introduce
    made = introduce(ledger(request), a, b, double_opt_in=bool(double_opt_in), about=about)
    request.app.state.agenda.clear()
    done = ("Asked the second person first (double opt-in); introduce again once they agree."
            if made.step == "consent" else "Introduced; the agenda will ask both how it went.")
    return render(request, "paths.html", to="", org="", result=None, drafts=list(made.drafts),
                  done=done)
