"""The JSON API under /api/v1, in-process, on SQLite and PostgreSQL.

It must give the CLI's ``--json`` shapes, 404 for what isn't there, 409 for
what can't be done now, 422 for what can't be read, and never a 500 or a
traceback; and with a token set, nothing without it.
"""

from __future__ import annotations

import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "a-long-test-token-1234"


@pytest.fixture
def api(ledger):
    from closeloop.web import create_app
    with TestClient(create_app(), base_url="http://localhost") as client:
        yield client


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def add(api, name, **fields):
    return ok(api.post("/api/v1/people", json={"name": name, **fields}), 201)


def test_people_create_get_patch_search_delete(api):
    tom = add(api, "Tom Rivera", emails=["Tom@Initech.com"], circles=["close"], met_on="2024-05-01")
    assert tom["emails"] == ["tom@initech.com"] and tom["circles"] == ["close"]
    assert tom["met_on"] == "2024-05-01" and tom["is_me"] is False
    assert ok(api.get(f"/api/v1/people/{tom['id']}")) == tom
    changed = ok(api.patch(f"/api/v1/people/{tom['id']}", json={
        "title": "CTO", "add_emails": ["tom@home.example"], "add_note": "likes <b>jazz</b>"}))
    assert changed["title"] == "CTO" and changed["emails"] == ["tom@initech.com", "tom@home.example"]
    assert changed["notes"] == "likes <b>jazz</b>"
    add(api, "Dana Lee")
    assert [p["name"] for p in ok(api.get("/api/v1/people", params={"search": "initech"}))] == ["Tom Rivera"]
    assert [p["name"] for p in ok(api.get("/api/v1/people", params={"circle": "close"}))] == ["Tom Rivera"]
    assert len(ok(api.get("/api/v1/people", params={"limit": 1}))) == 1
    assert ok(api.delete(f"/api/v1/people/{tom['id']}"))["name"] == "Tom Rivera"
    assert api.get(f"/api/v1/people/{tom['id']}").status_code == 404


def test_merge_moves_everything_to_the_one_kept(api):
    a = add(api, "Sam Stone", emails=["sam@a.example"])
    b = add(api, "Samuel Stone", emails=["sam@b.example"])
    ok(api.post("/api/v1/loops", json={"action": "gave", "kind": "advice", "person": str(b["id"]),
                                       "about": "pricing"}), 201)
    merged = ok(api.post(f"/api/v1/people/{a['id']}/merge", json={"other": b["id"]}))
    assert merged["emails"] == ["sam@a.example", "sam@b.example"]
    assert [lp["counterpart_id"] for lp in ok(api.get("/api/v1/loops"))] == [a["id"]]
    assert api.get(f"/api/v1/people/{b['id']}").status_code == 404
    same = api.post(f"/api/v1/people/{a['id']}/merge", json={"other": a["id"]})
    assert same.status_code == 422 and "same person" in same.json()["error"]


def test_a_loop_from_help_to_thanks_and_the_agenda(api):
    tom = add(api, "Tom Rivera", emails=["tom@initech.com"])
    asked = ok(api.post("/api/v1/loops", json={"action": "ask", "kind": "introduction",
                                               "person": "Tom", "about": "Acme's data team",
                                               "at": "3 days ago"}), 201)
    assert asked["stage"] == "asked"
    got = ok(api.post("/api/v1/loops", json={"action": "got", "kind": "introduction",
                                             "person": "tom@initech.com",
                                             "introduced": "Dana Lee <dana@acme.com>",
                                             "at": "yesterday"}))  # 200: the ask moved forward
    assert got["id"] == asked["id"] and got["stage"] == "helped" and got["introduced"] == "Dana Lee"
    due = ok(api.get("/api/v1/due"))
    assert due["total"] == 1
    item = due["items"][0]
    assert item["action"] == "thank" and item["loop_id"] == got["id"] and item["person_id"] == tom["id"]
    assert item["email"] == "tom@initech.com" and "Dana Lee" in item["draft"] and item["why"]
    thanked = ok(api.post(f"/api/v1/loops/{got['id']}/events", json={"kind": "thanked"}), 201)
    assert thanked["stage"] == "thanked" and [e["kind"] for e in thanked["events"]] == [
        "asked", "helped", "thanked"]
    assert ok(api.get("/api/v1/due"))["total"] == 0  # the write refreshed the cached agenda
    refused = api.post(f"/api/v1/loops/{got['id']}/events", json={"kind": "outcome"})
    assert refused.status_code == 409 and refused.json()["error"]
    snoozed = ok(api.post(f"/api/v1/loops/{got['id']}/events",
                          json={"kind": "snoozed", "until": "2026-04-01"}), 201)
    assert snoozed["snoozed_until"].startswith("2026-0")
    assert ok(api.get(f"/api/v1/loops/{got['id']}")) == snoozed
    assert [lp["id"] for lp in ok(api.get("/api/v1/loops", params={"stage": "thanked"}))] == [got["id"]]
    assert ok(api.get("/api/v1/loops", params={"direction": "given"})) == []
    assert len(ok(api.get("/api/v1/loops", params={"person": "Dana", "open": "true"}))) == 1
    stats = ok(api.get("/api/v1/stats"))
    assert stats["loops"] == 1 and stats["open"] == 1 and stats["received"] == 1
    assert stats["months"][0]["month"] == "2026-03"


def test_interactions_log_and_list(api):
    add(api, "Tom Rivera")
    add(api, "Dana Lee")
    made = ok(api.post("/api/v1/interactions", json={"kind": "meeting", "people": ["Tom", "Dana"],
                                                     "summary": "coffee", "at": "2026-03-01"}), 201)
    assert made["kind"] == "meeting" and len(made["person_ids"]) == 2
    assert [i["summary"] for i in ok(api.get("/api/v1/interactions", params={"person": "Dana"}))] == ["coffee"]
    future = api.post("/api/v1/interactions", json={"kind": "call", "people": ["Tom"], "at": "in 2 days"})
    assert future.status_code == 422 and "future" in future.json()["error"]


@pytest.mark.parametrize("method, path, body, status", [
    ("post", "/api/v1/people", {}, 422),
    ("post", "/api/v1/people", {"name": "   "}, 422),
    ("post", "/api/v1/people", {"name": "X", "emails": ["not-an-email"]}, 422),
    ("post", "/api/v1/people", {"name": "X", "cadence_days": 0}, 422),
    ("post", "/api/v1/people", {"name": "X", "met_on": "yesterday-ish"}, 422),
    ("post", "/api/v1/people", {"name": "X", "surprise": 1}, 422),
    ("post", "/api/v1/people", {"name": "x" * 301}, 422),
    ("post", "/api/v1/people", {"name": "nul\x00byte"}, 422),
    ("get", "/api/v1/people/999999", None, 404),
    ("get", "/api/v1/people/99999999999999999999", None, 422),
    ("get", "/api/v1/people/abc", None, 422),
    ("get", "/api/v1/people?limit=0", None, 422),
    ("patch", "/api/v1/people/999999", {"title": "x"}, 404),
    ("delete", "/api/v1/people/999999", None, 404),
    ("get", "/api/v1/loops/424242", None, 404),
    ("get", "/api/v1/loops?stage=sideways", None, 422),
    ("get", "/api/v1/loops?person=99999999999999", None, 404),
    ("post", "/api/v1/loops", {"action": "got", "kind": "kindness", "person": "Tom"}, 422),
    ("post", "/api/v1/loops", {"action": "got", "kind": "favor", "person": "Nobody"}, 404),
    ("post", "/api/v1/loops", {"action": "got", "kind": "favor", "person": "4294967296"}, 404),
    ("post", "/api/v1/loops", {"action": "got", "kind": "favor", "person": "Tom", "at": "someday"}, 422),
    ("post", "/api/v1/loops", {"action": "got", "kind": "favor", "person": "Tom",
                               "at": "0001-01-01T00:00:00+05:00"}, 422),
    ("post", "/api/v1/loops/424242/events", {"kind": "thanked"}, 404),
    ("post", "/api/v1/loops/1/events", {"kind": "asked"}, 422),
    ("post", "/api/v1/interactions", {"kind": "call", "people": []}, 422),
    ("get", "/api/v1/nothing-here", None, 404),
    ("put", "/api/v1/people", None, 405),
])
def test_bad_requests_get_a_status_and_a_message_never_a_500(api, method, path, body, status):
    add(api, "Tom Rivera")
    kwargs = {"json": body} if body is not None else {}
    response = getattr(api, method)(path, **kwargs) if method != "put" else api.put(path)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert isinstance(response.json()["error"], str) and response.json()["error"]
    assert "Traceback" not in response.text


def test_an_ambiguous_name_is_a_409_with_the_candidates(api):
    add(api, "Sam Stone")
    add(api, "Sam Smith")
    response = api.post("/api/v1/loops", json={"action": "gave", "kind": "favor", "person": "Sam",
                                               "about": "moving"})
    assert response.status_code == 409
    assert len(response.json()["candidates"]) == 2


def test_openapi_document_lists_every_endpoint(api):
    doc = ok(api.get("/api/v1/openapi.json"))
    paths = doc["paths"]
    for path, methods in {"/api/v1/people": {"get", "post"},
                          "/api/v1/people/{person_id}": {"get", "patch", "delete"},
                          "/api/v1/people/{person_id}/merge": {"post"},
                          "/api/v1/interactions": {"get", "post"},
                          "/api/v1/loops": {"get", "post"}, "/api/v1/loops/{loop_id}": {"get"},
                          "/api/v1/loops/{loop_id}/events": {"post"}, "/api/v1/due": {"get"},
                          "/api/v1/stats": {"get"}}.items():
        assert methods <= set(paths[path]), path
    assert not any(p.startswith(("/people", "/loops", "/stats")) for p in paths)  # pages stay out


# Safety ------------------------------------------------------------------------
@pytest.fixture
def guarded(env):
    from closeloop.web import create_app
    with TestClient(create_app(token=TOKEN), base_url="http://192.0.2.10") as client:
        yield client


def test_with_a_token_nothing_answers_without_it(guarded):
    assert guarded.get("/api/v1/people").status_code == 401
    assert guarded.get("/api/v1/people", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/api/v1/people", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    page = guarded.get("/people", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert guarded.post("/people", data={"name": "x"}).status_code == 401
    assert guarded.get("/static/style.css").status_code == 200


def test_logging_in_with_the_token_sets_a_cookie(guarded):
    import re
    form = guarded.get("/login?next=/people")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    wrong = guarded.post("/login", data={"csrf": csrf, "token": "guess", "next": "/people"})
    assert wrong.status_code == 401 and "not the token" in wrong.text
    right = guarded.post("/login", data={"csrf": csrf, "token": TOKEN, "next": "/people"},
                         follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/people"
    assert guarded.get("/people").status_code == 200
    assert guarded.get("/api/v1/people").status_code == 200  # the browser's cookie works for the API too
    away = guarded.post("/login", data={"csrf": csrf, "token": TOKEN, "next": "//evil.example/"},
                        follow_redirects=False)
    assert away.headers["location"] == "/"  # never an open redirect


def test_without_a_token_only_loopback_host_names_are_served(ledger):
    from closeloop.web import create_app
    app = create_app()
    for host, status in (("127.0.0.1:8765", 200), ("localhost", 200), ("[::1]:8765", 200),
                         ("evil.example", 403), ("127.0.0.1.evil.example", 403)):
        with TestClient(app, base_url=f"http://{host}") as client:
            assert client.get("/api/v1/stats").status_code == status, host


def test_a_request_from_another_site_is_refused(api):
    response = api.post("/api/v1/people", json={"name": "Mallory"},
                        headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert ok(api.get("/api/v1/people")) == []
    assert api.post("/api/v1/people", json={"name": "Alice"},
                    headers={"Origin": "http://localhost"}).status_code == 201


def test_json_must_be_sent_as_json(api):
    """A cross-site form can post text/plain without a preflight; that is not JSON here."""
    response = api.post("/api/v1/people", content='{"name": "Mallory"}',
                        headers={"Content-Type": "text/plain"})
    assert response.status_code == 422
    assert ok(api.get("/api/v1/people")) == []


def test_serve_refuses_other_addresses_without_a_token(cli, monkeypatch):
    monkeypatch.delenv("CLOSELOOP_WEB_TOKEN", raising=False)
    refused = cli("serve", "--host", "0.0.0.0")
    assert refused.code == 7 and "CLOSELOOP_WEB_TOKEN" in refused.err
    monkeypatch.setenv("CLOSELOOP_WEB_TOKEN", "short")
    assert cli("serve", "--host", "0.0.0.0").code == 7


def test_serve_starts_uvicorn_on_loopback_by_default(cli, monkeypatch):
    import uvicorn
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    result = cli.ok("serve")
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8765
    assert "http://127.0.0.1:8765/" in result.out


def test_memo_shares_one_computation_and_forgets_on_write():
    from closeloop.web.memo import Memo
    now = [0.0]
    memo = Memo(2.0, clock=lambda: now[0])
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.get("k", compute) == 1 and memo.get("k", compute) == 1
    now[0] = 2.5
    assert memo.get("k", compute) == 2
    memo.clear()
    assert memo.get("k", compute) == 3
    assert Memo(0).get("k", compute) == 4
