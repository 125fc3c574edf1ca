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
