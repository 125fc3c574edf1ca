"""Schemathesis against /api/v1/openapi.json, through the ASGI app in-process:
whatever the schema allows, the API never answers 500, and every answer has a
documented status and matches its schema.

One SQLite ledger with a few people and loops, so that ids hit real rows too.
CLOSELOOP_SCHEMA_EXAMPLES sets the examples per operation (default 25).
"""

from __future__ import annotations

import os
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from hypothesis import HealthCheck, settings
    from schemathesis.checks import (
        content_type_conformance, not_a_server_error, response_schema_conformance,
        status_code_conformance,
    )

from tests.conftest import NOW

_state: dict = {}


def _ledger():
    if "ledger" not in _state:
        import tempfile

        from closeloop.service import open_ledger
        from closeloop.service.loops import gave, got
        from closeloop.service.people import add_person, set_me
        from closeloop.settings import load_settings
        folder = tempfile.mkdtemp(prefix="closeloop-schema-")
        settings_ = load_settings({"CLOSELOOP_DATABASE_URL": f"sqlite:///{folder}/closeloop.db",
                                   "CLOSELOOP_NOW": NOW, "CLOSELOOP_DATA_DIR": folder})
        ledger = open_ledger(settings_)
        set_me(ledger, name="Maya Chen", emails=["maya@example.com"])
        tom = add_person(ledger, "Tom Rivera", emails=["tom@initech.com"], circles=["close"])
        dana = add_person(ledger, "Dana Lee", emails=["dana@acme.com"])
        got(ledger, "introduction", str(tom.id), introduced=str(dana.id), at="2 days ago")
        gave(ledger, "advice", str(dana.id), about="pricing", at="30 days ago")
        _state["settings"] = settings_
        _state["ledger"] = ledger
    from closeloop.service import open_ledger
    return open_ledger(_state["settings"])


def _app():
    from closeloop.web import create_app
    return create_app(_ledger, allowed_hosts=("testserver",))


schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _app())
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture(scope="module", autouse=True)
def _close():
    yield
    if "settings" in _state:
        from closeloop.service import close_ledgers
        close_ledgers(_state["settings"].database_url)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=int(os.environ.get("CLOSELOOP_SCHEMA_EXAMPLES", "25")), deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_contract(case):
    case.call_and_validate(checks=CHECKS)
