"""Digest links and the calendar feed, through the web app in-process."""

from __future__ import annotations

import warnings

import icalendar
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def web(ledger):
    from closeloop.web import create_app
    with TestClient(create_app(), base_url="http://localhost") as client:
        yield client


def test_a_digest_link_opens_the_item_on_today(web, ledger):
    from closeloop.service.loops import got, record_step
    from closeloop.service.people import add_person
    from closeloop.core.model import EventKind
    tom = add_person(ledger, "Tom Rivera", emails=["tom@initech.com"])
    loop = got(ledger, "introduction", str(tom.id), introduced="Dana Lee")
    opened = web.get(f"/items/loop:{loop.loop.id}", follow_redirects=False)
    assert opened.status_code == 303
    assert opened.headers["location"] == f"/today#due-thank-{loop.loop.id}"
    page = web.get(opened.headers["location"])
    assert f'id="due-thank-{loop.loop.id}"' in page.text
    record_step(ledger, loop.loop.id, EventKind.THANKED)
    later = web.get(f"/items/loop:{loop.loop.id}", follow_redirects=False)
    assert later.headers["location"] == f"/loops/{loop.loop.id}"  # done since the digest
    assert web.get("/items/nonsense", follow_redirects=False).status_code == 422


def test_the_calendar_feed_needs_its_secret_not_a_login(ledger, monkeypatch):
    from closeloop.service.calendar_feed import feed
    from closeloop.service.loops import got
    from closeloop.service.people import add_person
    from closeloop.web import create_app
    tom = add_person(ledger, "Tom Rivera")
    got(ledger, "advice", str(tom.id), about="salary talks")
    token = feed(ledger).token
    # Even with a login token set, a calendar app gets the feed by its secret address.
    with TestClient(create_app(token="a-long-login-secret"), base_url="http://localhost") as web:
        answer = web.get(f"/feed/{token}.ics")
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(answer.content)
        [event] = [c for c in calendar.walk() if c.name == "VEVENT"]
        assert str(event["SUMMARY"]) == "Thank Tom Rivera"
        assert web.get(f"/feed/{token}.ics?todo=1").text.count("BEGIN:VTODO") == 1
        assert web.get("/feed/wrong-token.ics").status_code == 404
        assert web.get("/today", follow_redirects=False).status_code == 303  # the rest needs login


def _csrf(web) -> str:
    import re
    page = web.get("/import")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def test_import_a_vcard_from_the_page_twice_and_see_problems(web, ledger):
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Lee\r\nEMAIL:dana@acme.com\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n")
    token = _csrf(web)
    first = web.post("/import", data={"kind": "vcard", "csrf": token},
                     files={"file": ("friends.vcf", cards.encode(), "text/vcard")})
    assert first.status_code == 200
    assert "<strong>1</strong> added" in first.text and "<strong>1</strong> skipped" in first.text
    assert "card 2" in first.text  # the problem names the card
    again = web.post("/import", data={"kind": "vcard", "csrf": token},
                     files={"file": ("friends.vcf", cards.encode(), "text/vcard")})
    assert "<strong>0</strong> added" in again.text and "<strong>1</strong> unchanged" in again.text
    from closeloop.service.people import list_people
    assert [p.name for p in list_people(ledger)] == ["Dana Lee"]
    refused = web.post("/import", data={"kind": "vcard"},
                       files={"file": ("x.vcf", cards.encode(), "text/vcard")})
    assert refused.status_code == 403  # no CSRF token, no import


def test_warm_paths_and_introductions_in_the_browser_pages(web, ledger):
    from closeloop.service.interactions import log_interaction
    from closeloop.service.loops import list_loops
    from closeloop.service.people import add_person, set_me
    set_me(ledger, name="Maya Chen", emails=["maya@example.com"])
    tom = add_person(ledger, "Tom Rivera", emails=["tom@initech.com"])
    dana = add_person(ledger, "Dana Lee", emails=["dana@acme.com"], organization="Acme")
    log_interaction(ledger, "meeting", [str(tom.id), str(dana.id)], summary="dinner")
    person = web.get(f"/people/{dana.id}")
    assert f'href="/paths?to={dana.id}"' in person.text and 'href="/paths?org=Acme"' in person.text
    found = web.get("/paths", params={"org": "Acme"})
    assert "Who can introduce you" in found.text and "Tom Rivera" in found.text
    token = _csrf(web)
    asked = web.post("/paths/ask", data={"csrf": token, "helper": str(tom.id), "target": str(dana.id)})
    assert asked.status_code == 200 and "asked Tom Rivera for an introduction" in asked.text
    assert [v.state.stage for v in list_loops(ledger, person=str(tom.id))] == ["asked"]
    made = web.post("/introduce", data={"csrf": token, "a": str(tom.id), "b": str(dana.id),
                                        "double_opt_in": "yes"})
    assert made.status_code == 200
    assert "Asked the second person first (double opt-in)" in made.text
    assert "dana@acme.com" in made.text  # the question goes to Dana first
