"""The shortcuts taken for speed give the same answers as the long way round."""

from __future__ import annotations

import pytest

from closeloop.core.detection import bulk_reason, detect, detect_text, new_text, rules
from closeloop.core.message import Address, Message
from closeloop.sources.mail import read_messages
from closeloop.sources.mail import reader


def _mbox(count: int, body_lines: int) -> bytes:
    out = []
    for i in range(count):
        body = "\n".join(f"line {j} of message {i}, padded to make the mbox long enough" for j in range(body_lines))
        out.append(
            f"From sender{i}@x.org Mon Jan  1 00:00:00 2001\nFrom: S <sender{i}@x.org>\nTo: me@y.org\n"
            f"Subject: m{i}\nMessage-ID: <m{i}@x.org>\n\n{body}\n\n"
        )
    return "".join(out).encode()


@pytest.mark.parametrize("first_read", [7, 64, 4096, 256 * 1024])
def test_mbox_split_across_the_first_read_keeps_every_message(tmp_path, monkeypatch, first_read):
    monkeypatch.setattr(reader, "_FIRST_READ", first_read)
    path = tmp_path / "box.mbox"
    path.write_bytes(_mbox(40, 60))
    items = list(read_messages([path]))
    assert [m.message_id for m in items] == [f"m{i}@x.org" for i in range(40)]
    assert all(m.text.count("\n") >= 59 for m in items)
    assert [m.source for m in items][:2] == [f"{path}#0", f"{path}#1"]


def test_a_single_message_file_larger_than_the_first_read(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "_FIRST_READ", 100)
    path = tmp_path / "one.eml"
    path.write_bytes(b"From: a@x.org\nTo: me@y.org\nSubject: s\n\n" + b"Could you send me the file?\n" * 50)
    (item,) = read_messages([path])
    assert item.text.count("Could you") == 50


TEXTS = [
    "Thanks for the introduction to Sara. We're meeting Tuesday.",
    "Bob, I'd like to introduce you to Sara Lee, who runs trading at Dynegy.",
    "Just wanted to let you know that I got the job! Thanks to your advice, the interview went great.",
    "Can you send me the curves by noon?\n\nThanks,\nJohn",
    "Here is the report.",
    "Thanks!",
    "Paulo maintains the files; contact him for details.",
]


def test_the_family_prefilter_never_changes_a_finding(monkeypatch):
    fast = [detect_text(t) for t in TEXTS]
    monkeypatch.setattr(rules, "_FAMILY_WORDS", tuple((family, ("",)) for family, _ in rules._FAMILY_WORDS))
    assert [detect_text(t) for t in TEXTS] == fast


def test_detect_with_bulk_checked_skips_only_the_bulk_test():
    body = "Could you introduce me to someone at Dynegy?"
    personal = Message(source="t", message_id="m", subject="s", sender=Address("Ann", "ann@x.org"),
                       to=(Address("", "me@y.org"),), text=body, new_text=new_text(body))
    assert detect(personal) == detect(personal, bulk_checked=True) != ()
    bulk = Message(source="t", message_id="m", subject="s", sender=Address("", "no-reply@shop.com"),
                   to=(Address("", "me@y.org"),), text=body, new_text=new_text(body))
    assert bulk_reason(bulk) and detect(bulk) == ()
    assert detect(bulk, bulk_checked=True) == detect(personal)


SENTENCES = [
    "Bob, I'd like to introduce you to Sara Lee, who runs trading at Dynegy.",
    "Sara, meet Bob.",
    "I'm putting you in touch with Mark Davis; he knows the tariff cold.",
    "You should talk to Marcus Webb, he moved to the risk team.",
    "I have sent your resume to the hiring manager.",
    "I've cc'd Olivia Grant, who does our books.",
    "Leo - looping in my friend Hana, who made the same jump.",
    "I have Jeff Garcia, who has a bye this week.",
    "Please call her for specific information on the agreements.",
    "Susan Mills will be calling you tonight.",
    "Thanks to your introduction, we signed the deal.",
    "I accepted a junior researcher position at Alvarez.",
    "Your tip about the postmortem was spot on.",
    "Just wanted to let you know that the interview went well.",
    "We received the revised contract on Monday.",
    "Here is the report.",
    "Looping in Maria, who led the data team at Hopper.",
    "Adding Priya here (cc) - she knows everyone in climate VC.",
    "+Dana (bcc'd) who can help with the visa question.",
    "I've copied Jenny on this email; she handles partnerships and can get you set up.",
    "Introducing Sam Lee (cc'd), our new head of sales.",
    "Dana - this is Alex, the founder I told you about.",
    "Meet Chris!",
    "You should really talk to my cousin Ana - she did exactly this at Google.",
    "I know a young engineer who I feel would be a great fit for your group.",
    "You can make an appointment with Krishna to go over them.",
    "Thought I'd add Maria, too, since she has run two of these auctions.",
    "I told him you could be a great resource for him on Nevada.",
    "I passed the bar exam - your study tips helped a lot.",
    "Attached are his resume and transcript.",
    "Good news: the foundation funded our proposal in full!",
    "Quick update: we closed the seed last Thursday.",
    "The call with Dana went really well.",
    "It's fixed in 2.3.1, released this morning.",
    "The landlord returned the full deposit yesterday.",
    "Wanted to let you know we made Jamie an offer.",
]


def test_rules_split_by_word_agree_with_the_whole_patterns():
    for s in SENTENCES:
        assert rules._intro(s) == (bool(rules._INTRO.search(s)) and not rules._NOT_INTRO.search(s)), s
        assert rules._outcome(s) == bool(rules._OUTCOME.search(s)), s
        weak = rules._search_by_word(rules._WEAK_OUTCOME_BY_WORD, s, rules._words(s))
        assert weak == bool(rules._WEAK_OUTCOME.search(s)), s


@pytest.mark.parametrize("value", [
    "a@x.org, b@y.org,c@z.org", "a@x.org", "a@x.org,, b@y.org", "Ann <a@x.org>, b@y.org",
    "undisclosed-recipients:;", "bob, a@x.org", '"Doe, Bob" <bob@y.org>', "a@x.org (Ann)",
])
def test_bare_address_lists_take_the_short_path_to_the_same_answer(value):
    from email.utils import getaddresses

    from closeloop.sources.mail import parse

    fast = parse._addresses(value, [])
    slow = tuple((n, a.lower()) for n, a in getaddresses([value]) if n or a)
    assert [(a.name, a.email) for a in fast] == [(n, a) for n, a in slow]
