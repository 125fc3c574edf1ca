"""The HTML pages in-process: every page renders, every action works as a plain
form POST (no JavaScript) and as an HTMX request, forms need their CSRF token,
what users type is escaped, and errors are friendly pages.
"""

from __future__ import annotations

import re
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

EVIL = "<script>alert(1)</script>"


@pytest.fixture
def web(ledger):
    from closeloop.web import create_app
    with TestClient(create_app(), base_url="http://localhost") as client:
        yield client


@pytest.fixture
def story(ledger):
    """Tom helped with an introduction; a person with a hostile name got advice from me."""
    from closeloop.service.interactions import log_interaction
    from closeloop.service.loops import gave, got
    from closeloop.service.people import add_person, set_me
    set_me(ledger, name="Maya Chen", emails=["maya@example.com"])
    tom = add_person(ledger, "Tom Rivera", emails=["tom@initech.com"], circles=["close"],
                     organization="Initech")
    evil = add_person(ledger, EVIL, notes="<b>bold</b> & <img src=x onerror=alert(2)>",
                      urls=["javascript:alert(3)", "https://example.com/evil"], circles=["<i>c</i>"])
    loop = got(ledger, "introduction", str(tom.id), introduced="Dana Lee <dana@acme.com>",
               at="2 days ago")
    given = gave(ledger, "advice", str(evil.id), about="<em>resume</em>", at="30 days ago")
    log_interaction(ledger, "call", [str(evil.id)], summary="<marquee>hi</marquee>", at="40 days ago")
    return {"tom": tom.id, "evil": evil.id, "loop": loop.loop.id, "given": given.loop.id}


def csrf_of(page) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def test_every_page_renders(web, story):
    for path in ("/", "/people", f"/people/{story['tom']}", f"/people/{story['evil']}", "/loops",
                 f"/loops/{story['loop']}", f"/loops/{story['given']}", "/stats",
                 "/people?sort=last_contact", "/people?losing=true", "/people?circle=close",
                 "/login"):
        page = web.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-frame-options"] == "DENY"
        assert "https://" not in re.sub(r'href="https://example\.com/evil"|>https://example\.com/evil<',
                                        "", page.text), f"{path} loads something from outside"


def test_today_shows_what_is_due_why_and_the_draft(web, story):
    page = web.get("/").text
    assert "Thank" in page and "Tom Rivera" in page and "Check in with" in page
    assert "has not been thanked" in page  # why it is due
    assert "Dana Lee" in page  # in the draft
    mailto = re.search(r'href="(mailto:tom@initech\.com\?subject=Thank%20you&amp;body=[^"]+)"', page)
    assert mailto and "Hi%20Tom" in mailto.group(1)
    assert 'data-copy="draft-due-thank-' in page


def test_user_text_is_escaped_everywhere(web, story):
    for path in ("/", "/people", f"/people/{story['evil']}", "/loops", f"/loops/{story['given']}",
                 "/people?q=script"):
        page = web.get(path).text
        assert EVIL not in page, path
        assert "<img src=x" not in page and "<marquee>" not in page and "<em>resume" not in page
        assert "<i>c</i>" not in page
    person = web.get(f"/people/{story['evil']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in person
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in person
    assert 'href="javascript:' not in person  # shown as text, never as a link
    assert 'href="https://example.com/evil"' in person


def test_a_form_without_its_csrf_token_is_refused(web, story):
    loop = story["loop"]
    assert web.post(f"/loops/{loop}/step", data={"kind": "thanked"}).status_code == 403
    web.get("/")  # a session cookie now exists
    assert web.post(f"/loops/{loop}/step", data={"kind": "thanked", "csrf": "forged"}).status_code == 403
    refused = web.post(f"/loops/{loop}/step", data={"kind": "thanked"},
                       headers={"X-CSRF-Token": "forged", "HX-Request": "true"})
    assert refused.status_code == 403
    other = TestClient(web.app, base_url="http://localhost")  # another browser: its own token
    stolen = csrf_of(other.get("/"))
    assert web.post(f"/loops/{loop}/step", data={"kind": "thanked", "csrf": stolen}).status_code == 403
    assert "has not been thanked" in web.get("/").text


def test_thank_from_today_without_javascript(web, story):
    token = csrf_of(web.get("/"))
    done = web.post(f"/loops/{story['loop']}/step", data={"kind": "thanked", "csrf": token},
                    follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/"
    page = web.get("/").text
    assert "Tom Rivera: thanked them" in page  # the flash, once
    assert "has not been thanked" not in page
    assert "Tom Rivera: thanked them" not in web.get("/").text


def test_thank_from_today_with_htmx_swaps_the_list(web, story):
    token = csrf_of(web.get("/"))
    response = web.post(f"/loops/{story['loop']}/step", data={"kind": "thanked"},
                        headers={"HX-Request": "true", "HX-Target": "due-list", "X-CSRF-Token": token})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="due-list"')
    assert "<html" not in response.text and "thanked them" in response.text
    assert "has not been thanked" not in response.text


def test_snooze_and_drop_from_today(web, story):
    token = csrf_of(web.get("/"))
    snoozed = web.post(f"/loops/{story['loop']}/step", data={"kind": "snoozed", "days": "7",
                                                             "csrf": token})
    assert "snoozed until Mar 12" in snoozed.text and "has not been thanked" not in snoozed.text
    dropped = web.post(f"/loops/{story['given']}/step", data={"kind": "dropped", "csrf": token})
    assert "loop closed" in dropped.text
    assert "Nothing is due" in web.get("/").text


def test_keep_in_touch_and_reply_items_log_an_interaction(web, ledger):
    from closeloop.service.people import add_person
    add_person(ledger, "Old Friend", circles=["close"])  # created "now": not due yet
    from closeloop.service.interactions import log_interaction
    friend = add_person(ledger, "Far Friend", cadence_days=7)
    log_interaction(ledger, "call", [str(friend.id)], at="20 days ago")
    page = web.get("/").text
    assert "Keep in touch with" in page and "Far Friend" in page
    done = web.post(f"/people/{friend.id}/contact", data={
        "kind": "message", "direction": "from_me", "summary": "kept in touch", "csrf": csrf_of(web.get("/"))})
    assert done.status_code == 200 and "Far Friend" not in done.text.split("flash")[-1].split("due-items")[-1]


def test_person_page_quick_actions(web, story):
    tom = story["tom"]
    token = csrf_of(web.get(f"/people/{tom}"))
    back = web.post(f"/people/{tom}/contact", data={"kind": "call", "summary": "caught up on <jobs>",
                                                    "back": f"/people/{tom}", "csrf": token},
                    follow_redirects=False)
    assert back.status_code == 303 and back.headers["location"] == f"/people/{tom}"
    got = web.post(f"/people/{tom}/help", data={"action": "got", "kind": "recommendation",
                                                "about": "Deep Work", "csrf": token})
    assert "got recommendation" in got.text and "Deep Work" in got.text
    gave = web.post(f"/people/{tom}/help", data={"action": "gave", "kind": "referral",
                                                 "about": "a designer", "csrf": token})
    assert "gave referral" in gave.text
    noted = web.post(f"/people/{tom}/note", data={"note": "prefers <phone>", "csrf": token})
    page = noted.text
    assert "caught up on &lt;jobs&gt;" in page and "prefers &lt;phone&gt;" in page
    assert "gave 1 · got 2" in page
    assert page.count('class="loop-card"') >= 3


def test_a_step_from_the_loop_page_moves_it_on_the_board(web, story):
    loop = story["loop"]
    page = web.get(f"/loops/{loop}")
    assert "I thanked them" in page.text and 'aria-current="step">Helped' in page.text
    done = web.post(f"/loops/{loop}/step", data={"kind": "thanked", "back": f"/loops/{loop}",
                                                 "csrf": csrf_of(page)})
    assert 'aria-current="step">Thanked' in done.text
    board = web.get("/loops").text
    column = board.split('id="col-received-thanked"')[1].split("</section>")[0]
    assert "Tom Rivera" in column
    assert "Tom Rivera" not in board.split('id="col-received-helped"')[1].split("</section>")[0]


def test_people_search_filters_and_htmx_partial(web, story):
    full = web.get("/people?q=initech")
    assert "Tom Rivera" in full.text and "Maya" not in full.text and "<html" in full.text
    partial = web.get("/people?q=tom", headers={"HX-Request": "true", "HX-Target": "people-results"})
    assert partial.text.lstrip().startswith('<div id="people-results"') and "Tom Rivera" in partial.text
    assert "No one matches" in web.get("/people?q=zzzz").text
    circle = web.get("/people?circle=close").text
    assert "Tom Rivera" in circle and "alert" not in circle.split('id="people-results"')[1]
    losing = web.get("/people?losing=true").text
    assert "losing touch" in losing


def test_add_a_person_from_the_people_page(web, ledger):
    token = csrf_of(web.get("/people"))
    added = web.post("/people", data={"name": "Ana Ruiz", "email": "ana@example.com",
                                      "circle": "mentors, close", "csrf": token}, follow_redirects=False)
    assert added.status_code == 303
    page = web.get(added.headers["location"]).text
    assert "Ana Ruiz" in page and "ana@example.com" in page and "mentors" in page


@pytest.mark.parametrize("method, path, data, status, words", [
    ("get", "/people/424242", None, 404, "no person with id 424242"),
    ("get", "/loops/424242", None, 404, "no loop 424242"),
    ("get", "/people/abc", None, 422, "Can't be read"),
    ("get", "/no/such/page", None, 404, "Not found"),
    ("get", "/people?sort=sideways", None, 422, "sort"),
    ("post", "/loops/LOOP/step", {"kind": "outcome"}, 409, "Not now"),
    ("post", "/loops/LOOP/step", {"kind": "sideways"}, 422, "unknown step"),
    ("post", "/loops/LOOP/step", {"kind": "snoozed", "days": "soon"}, 422, "days"),
    ("post", "/people/TOM/help", {"action": "got", "kind": "bribe"}, 422, "kind of help"),
    ("post", "/people", {"name": ""}, 422, "name"),
    ("post", "/people", {"name": "Dup", "email": "tom@initech.com"}, 409, "already belongs"),
])
def test_errors_are_friendly_pages(web, story, method, path, data, status, words):
    path = path.replace("LOOP", str(story["loop"])).replace("TOM", str(story["tom"]))
    if data is not None:
        data = {**data, "csrf": csrf_of(web.get("/"))}
        response = web.post(path, data=data)
    else:
        response = web.get(path)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert words.lower() in response.text.lower()
    assert "Traceback" not in response.text and 'href="/"' in response.text


def test_an_htmx_error_is_shown_in_place(web, story):
    token = csrf_of(web.get("/"))
    response = web.post(f"/loops/{story['loop']}/step", data={"kind": "outcome"},
                        headers={"HX-Request": "true", "X-CSRF-Token": token})
    assert response.status_code == 409 and response.headers["hx-retarget"] == "#hx-error"
    assert "<html" not in response.text and 'role="alert"' in response.text


def test_stats_page_draws_charts_inline(web, story):
    page = web.get("/stats").text
    assert page.count("<svg") >= 3 and "close rate" in page
    assert "<script" not in page.split("</head>")[1]  # no inline script: the CSP forbids it


def test_an_empty_ledger_says_how_to_start(web):
    page = web.get("/").text
    assert "Your ledger is empty" in page
    assert "No loops yet" in web.get("/stats").text


def test_assets_are_served_by_the_app(web):
    assert web.get("/static/htmx.min.js").status_code == 200
    css = web.get("/static/style.css")
    assert css.status_code == 200 and "prefers-color-scheme" in css.text
    page = web.get("/").text
    assert 'src="/static/htmx.min.js"' in page and "cdn" not in page.lower()
