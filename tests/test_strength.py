"""Relationship strength: the formula's properties (Hypothesis), the service, `people show`."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from closeloop.core.strength import Contact, Help, strength

NOW = datetime(2026, 3, 5, 9, 0, tzinfo=timezone.utc)
ages = st.integers(min_value=0, max_value=3 * 365 * 86400)


@st.composite
def contacts(draw, bulk=None):
    age = draw(ages)
    sent, received = draw(st.sampled_from([(True, False), (False, True), (True, True)]))
    is_bulk = draw(st.booleans()) if bulk is None else bulk
    return Contact(NOW - timedelta(seconds=age), sent, received, is_bulk)


helps = st.builds(Help, st.integers(0, 8), st.integers(0, 8), st.integers(0, 8))
histories = st.lists(contacts(), max_size=25)


@settings(max_examples=300)
@given(histories, helps, contacts(bulk=False))
def test_more_contact_never_lowers_it(history, help_, extra):
    assert strength(history + [extra], help_, NOW).score >= strength(history, help_, NOW).score


@settings(max_examples=300)
@given(histories, helps, st.data())
def test_a_contact_moved_closer_to_now_never_lowers_it(history, help_, data):
    if not history:
        return
    index = data.draw(st.integers(0, len(history) - 1))
    old = history[index]
    later = data.draw(st.integers(0, int((NOW - old.at).total_seconds())))
    moved = list(history)
    moved[index] = Contact(old.at + timedelta(seconds=later), old.sent, old.received, old.bulk)
    assert strength(moved, help_, NOW).score >= strength(history, help_, NOW).score


@settings(max_examples=300)
@given(histories, helps, st.lists(contacts(bulk=True), min_size=1, max_size=40),
       st.sampled_from([(True, False), (False, True)]))
def test_one_way_bulk_contact_never_raises_it(history, help_, bulk, way):
    one_way = [Contact(c.at, *way, bulk=True) for c in bulk]
    assert strength(history + one_way, help_, NOW).score <= strength(history, help_, NOW).score


@given(histories, helps)
def test_the_score_is_its_parts_and_stays_within_0_and_100(history, help_):
    found = strength(history, help_, NOW)
    assert 0 <= found.score <= 100
    assert abs(found.score - sum(p.points for p in found.parts)) < 1e-6
    assert all(0 <= p.points <= p.max_points for p in found.parts)
    assert [p.name for p in found.parts] == ["recency", "frequency", "two-way", "help",
                                             "closed loops"]


def test_give_and_take_beats_one_way_attention():
    days = [NOW - timedelta(days=d) for d in (2, 9, 20, 40, 70)]
    answered = [Contact(d, True, True) for d in days]
    ignored = [Contact(d, False, True) for d in days]
    assert strength(answered, Help(), NOW).score > strength(ignored, Help(), NOW).score + 20
    assert strength([], Help(), NOW).score == 0
    closed = strength(answered, Help(given=2, received=2, closed=3), NOW)
    assert closed.score > strength(answered, Help(), NOW).score
    assert "you helped them 2 time(s), they helped you 2" in " ".join(closed.explained())


def test_strength_of_many_is_the_strength_of_each(ledger):
    from closeloop.service.people import add_person
    from closeloop.service.strength import person_strength, strengths
    from closeloop.service.interactions import log_interaction
    from closeloop.service.loops import gave, got, record_step
    from closeloop.core.model import EventKind
    for name in ("Tom Rivera", "Dana Lee", "Sam Ortiz"):
        add_person(ledger, name)
    log_interaction(ledger, "call", ["Tom"], summary="catch up", at="3 days ago")
    log_interaction(ledger, "email", ["Tom", "Dana"], summary="plans", at="40 days ago",
                    direction="to_me")
    got(ledger, "advice", "Tom", about="salary")
    view = gave(ledger, "favor", "Tom", about="moving boxes")
    record_step(ledger, view.loop.id, EventKind.OUTCOME, note="all moved")
    with ledger.reading() as conn:
        many = strengths(conn, [1, 2, 3], ledger.now())
    assert many[3].score == 0
    assert many[1].score > many[2].score > 0
    assert person_strength(ledger, "Tom").strength == many[1]
    parts = {p.name: p for p in many[1].parts}
    assert parts["closed loops"].points > 0 and parts["help"].points > 0


def test_people_show_explains_the_score(cli):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com")
    cli.ok("log", "call", "--with", "Tom", "--summary", "catch up", "--at", "3 days ago")
    shown = cli.json("people", "show", "Tom")
    assert {"interaction_count", "last_contact", "recent_interactions", "loops", "id",
            "name"} <= set(shown)
    assert shown["strength"] > 0
    assert shown["strength_explained"][0].startswith("recency ")
    assert any("last contact 3 days ago" in line for line in shown["strength_explained"])
    text = cli.ok("people", "show", "Tom").out
    assert "Strength" in text and "two-way" in text and "closed loops" in text
