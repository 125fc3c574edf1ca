"""Detection a user would notice: sign-offs are not thanks, quoted text is not read."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from closeloop.core.detection import bulk_reason, detect, detect_text, is_ask, new_text
from closeloop.core.message import Address, Message

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def need(path: Path) -> Path:
    if not path.exists():
        reason = f"real data not found at {path}"
        if os.environ.get("CLOSELOOP_REQUIRE_CORPORA") == "1":
            pytest.fail(reason + " (CLOSELOOP_REQUIRE_CORPORA=1)")
        pytest.skip(reason)
    return path


def kinds(text: str) -> set[str]:
    return {f.kind for f in detect_text(new_text(text))}


def message(body: str, **kw) -> Message:
    fields = dict(source="t", message_id="m@x", subject="s", sender=Address("Ann", "ann@x.org"),
                  to=(Address("", "me@y.org"),), text=body, new_text=new_text(body))
    fields.update(kw)
    return Message(**fields)


@pytest.mark.parametrize("body", [
    "Here is the report you wanted.\n\nThanks,\nJohn",
    "Can we move the call to 3pm?\n\nThanks!\nJohn",
    "Please send me the contract by Friday. Thanks in advance.",
    "Thank you for your email. I am out of the office until Monday.",
    "Please send the numbers when you can. Thanks for your help.",
    "Thank you for your interest in Enron. We will review your resume.",
])
def test_sign_offs_and_boilerplate_are_not_thanks(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Thanks for the introduction to Sara. We're meeting Tuesday.",
    "John,\n\nThank you so much for sending the model yesterday, it saved me a day.",
    "I really appreciate your help with the Dynegy contract.",
    "Thanks!",
    "Thanks again for lunch and for the advice on the MBA.",
])
def test_gratitude_for_help_given_is_thanks(body):
    assert "thanks" in kinds(body)


def test_quoted_and_forwarded_text_is_not_detected():
    body = (
        "Sounds good.\n\n"
        "-----Original Message-----\nFrom: Bob\nSent: Monday\nTo: Ann\n"
        "Thanks for the intro! Can you send me his number?\n"
    )
    assert kinds(body) == set()
    body = "Ok.\n\nOn Mon, 3 Apr 2001, Bob <b@x.org> wrote:\n> I'd like to introduce you to Sara.\n"
    assert kinds(body) == set()
    body = ("FYI\n---------------------- Forwarded by Phillip K Allen/HOU/ECT on 10/12/2000 ----------\n"
            "Could you send me the curves?")
    assert kinds(body) == set()
    body = "Will do.\n\nJohn Arnold\n11/06/2000 09:13 AM\nTo: Phillip K Allen/HOU/ECT@ECT\ncc:\nSubject: Re: x\n\nCan you call me?"
    assert kinds(body) == set()


def test_signature_and_disclaimer_are_cut():
    body = ("See you at 3.\n\n-- \nAnn Smith\nThanks for reading my sig\n")
    assert new_text(body) == "See you at 3."
    body = ("See you at 3.\n\nThis e-mail may contain confidential and privileged information. If you "
            "have received this message in error, please notify the sender.")
    assert new_text(body) == "See you at 3."


def test_introductions():
    assert "intro" in kinds("Bob, I'd like to introduce you to Sara Lee, who runs trading at Dynegy.")
    assert "intro" in kinds("Sara, meet Bob. Bob, meet Sara.")
    assert "intro" in kinds("I'm putting you in touch with Mark Davis; he knows the tariff cold.")
    assert "intro" not in kinds("I'd like to introduce myself: I am the new analyst on the desk.")
    assert "intro" not in kinds("Please contact the help desk at x3-1234 with any questions.")


def test_asks_and_non_asks():
    assert is_ask("Do you know anyone at El Paso who handles capacity?")
    assert is_ask("Please send me the updated curves by noon.")
    assert is_ask("Let me know what you think.")
    assert is_ask("I would appreciate your comments on the draft.")
    assert not is_ask("Let me know if you have any questions.")
    assert not is_ask("How are you?")
    assert not is_ask("Please feel free to call me.")
    assert not is_ask("Please see the attached file.")


def test_outcome():
    assert "outcome" in kinds("Thanks to your introduction, we signed the deal with Sara's group.")
    assert "outcome" in kinds("Just wanted to let you know that I got the job!")


def test_evidence_is_the_sentence_that_triggered():
    found = detect_text("Hi Bob,\nHope all is well. Could you recommend a good tax lawyer in Houston? Thanks,\nAnn")
    assert [(f.kind, f.evidence) for f in found] == [("ask", "Could you recommend a good tax lawyer in Houston?")]


def test_bulk_mail_has_no_findings_and_a_reason():
    m = message("Can you help us? Click here.", list_id="<news.x.org>")
    assert bulk_reason(m) == "List-Id header"
    assert detect(m) == ()
    m = message("Do you have a minute?", sender=Address("", "no-reply@shop.com"))
    assert "no-reply" in bulk_reason(m)
    many = tuple(Address("", f"p{i}@x.org") for i in range(30))
    assert "large recipient list" in bulk_reason(message("hi", to=many))
    assert bulk_reason(message("hi", precedence="bulk")) == "Precedence: bulk"
    personal = message("Do you have a minute?")
    assert bulk_reason(personal) is None
    assert [f.kind for f in detect(personal)] == ["ask"]


@pytest.mark.corpora
def test_parakweet_asks_are_mostly_found():
    path = need(DATA / "intent" / "parakweet-train.tsv")
    rows = [r for r in csv.reader(path.open(encoding="utf-8"), delimiter="\t") if len(r) == 2]
    tp = sum(1 for label, s in rows if label == "Yes" and is_ask(s))
    fp = sum(1 for label, s in rows if label == "No" and is_ask(s))
    assert tp / (tp + fp) >= 0.8
