"""Structural judgements that keep detection precise on mail it was not tuned on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from closeloop.core.detection import bulk_reason, calendar_notice, detect, detect_text, is_ask, new_text
from closeloop.core.message import Address, Message

ROOT = Path(__file__).resolve().parents[1]


def kinds(text: str) -> set[str]:
    return {f.kind for f in detect_text(new_text(text))}


def message(body: str, subject: str = "s", **kw) -> Message:
    fields = dict(source="t", message_id="m@x", subject=subject, sender=Address("Ann", "ann@x.org"),
                  to=(Address("", "me@y.org"),), text=body, new_text=new_text(body))
    fields.update(kw)
    return Message(**fields)


def test_lotus_notes_two_column_header_starts_the_quoted_message():
    body = ("Sounds good.  Friday works.\n\nDavid Foti\n713/837-1997\n\n"
            "Steven.Harris@enron.c\nom                           To:     David A. Foti/Internal/Accenture@Accenture\n"
            "cc:     Lindy.Donoho@enron.com\n10/30/2001 09:39 AM          Subject:     RE: Contract\n\n"
            "Dave,\nI will have Lindy contact you so we can set something up. Thanks.\n")
    assert new_text(body) == "Sounds good.  Friday works.\n\nDavid Foti\n713/837-1997"
    body = "KB\nPeggy A. Kostial\n06/07/2001 11:05 AM CDT\nTo:   Kenny W. Baldwin@Accenture\ncc:   x\n\nThanks for the intro!"
    assert new_text(body) == "KB"


def test_a_to_cc_block_below_the_signature_starts_the_quoted_message():
    body = ("Sally,\n\nPer our discussion, attached are the slides.\n\nRegards,\n\nPeter\n\n"
            "To:\tShirleen Glasin/HOU/EES@EES\ncc:\tPeter Vint/HOU/EES@EES\nSubject:\tslides\n\n"
            "Thanks so much for the introduction to Sally!\n")
    assert new_text(body).endswith("Peter")
    assert "thanks" not in kinds(body)
    memo = "To: all traders\nSubject: desk move\n\nWe move on Friday."
    assert new_text(memo).startswith("To: all traders")  # a memo's own header is its text


def test_auto_replies_are_bulk_and_calendar_notices_have_no_findings():
    ooo = message("I am out of the office until Monday. Please contact Tom at x1234.",
                  subject="Out of Office AutoReply: Gas deal")
    assert bulk_reason(ooo) == "auto-reply (subject)"
    invite = message("When: Thursday 1:30 PM\n*~*~*~*~*~*~*~*~*~*\nCould you email me a topic for the session?",
                     subject="Excel tricks")
    assert calendar_notice(invite) and detect(invite, bulk_checked=True) == ()
    accepted = message("Marcus has accepted this invitation.", subject="Accepted: Coffee @ Tue")
    assert calendar_notice(accepted)
    assert not calendar_notice(message("Could you send me the invitation list?", subject="Re: party"))
    assert bulk_reason(message("Dear Evening MBA Students:\n\nThe party is on Friday.")) is not None


@pytest.mark.parametrize("body", [
    "Kevin will be in Houston next week. I'd be pleased to introduce you to him.",
    "If you end up raising, I know two angels and would be happy to introduce you then.",
    "I'm writing to introduce you to myCFO, a venture many of my partners use.",
    "I wanted to introduce you to FlowMetrics, the analytics platform for studios.",
    "Tim forwarded your email to me at home.",
    "If you click on the website below it will connect you to the system with all the courses.",
    "Lloyd and I would like to swing by and make a quick introduction.",
    "Would you like me to introduce you to Jordan?",
])
def test_offers_products_and_self_introductions_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Leo, Nina - connecting you two as promised.",
    "Back now! You should talk to Marcus Webb, he moved to the risk team last year.",
    "Leo - looping in my friend Hana, who made the same jump from teaching.",
    "I have sent your resume to the hiring manager.",
])
def test_introductions_in_other_words(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "Please review the report. Thanks so much for your help, Bryan\nPlease call me if you have any questions.",
    "Greg, attached is the calculation.  Hopefully this is helpful.",
    "Thanks for reaching out. We have nothing open right now.",
    "I first wanted to thank you for taking the time to read this e-mail.",
])
def test_closings_courtesies_and_offers_of_help_are_not_thanks(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "They're moving me to the final round. Thanks again for all the help.\n\nTom",
    "Thanks Alex for connecting us (moving you to bcc).",
    "Amazing, thank you Rita! Writing to Marcus now.",
    "That was a huge help, I owe you one.",
])
def test_gratitude_for_help_already_given(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("sentence", [
    "If you are unable to complete the assignment, please let me know a date.",
    "If you would like to participate, please fax your application to Cindy.",
    "In the event of an emergency, please use the list to contact your group.",
    "Let me know if you want to discuss the analysis.",
    "Let me know if you'd like that.",
    "Please call with questions or comments.",
    "Please direct questions about this report to Greg.",
    "Please keep in touch and let me know how you're doing.",
    "Never hesitate to forward us anything, okay?",
    "How was the trip??",
    "Alex, please meet Hana Sato, a researcher at Duolingo.",
])
def test_standing_instructions_offers_and_pleasantries_are_not_asks(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Please let me know if you plan on attending.",
    "Are you available Thursday or Friday afternoon this week?",
    "Would you be comfortable referring me?",
])
def test_asks_that_look_conditional(sentence):
    assert is_ask(sentence)


def test_outcome_is_a_result_of_help_or_a_career_step_not_business_news():
    assert "outcome" not in kinds("We received the revised contract on Monday, June 4.")
    assert "outcome" not in kinds("Thanks to you and Bob for the help yesterday booking this out.")
    assert "outcome" not in kinds("Just a note to let you know that I have applied and interviewed for several jobs.")
    assert "outcome" in kinds("Wanted to let you know that I accepted a junior researcher position at Alvarez.")
    assert "outcome" in kinds("I didn't get the Kim Labs role in the end, but I learned a lot.")
    assert "outcome" in kinds("Your tip about the postmortem was spot on.")


def test_hand_written_personal_mail_meets_the_goals():
    sys.path.insert(0, str(ROOT / "bench"))
    from detection_accuracy import HANDWRITTEN_ME, handwritten_rows

    rows = handwritten_rows()
    assert len(rows) >= 50
    got = {}
    for labels, raw in rows:
        from closeloop.sources.mail import parse_message

        m = parse_message(raw, labels["path"])
        got[labels["path"]] = set() if bulk_reason(m, HANDWRITTEN_ME) else {f.kind for f in detect(m, bulk_checked=True)}
    for kind, (min_p, min_r) in {"intro": (0.9, 0.8), "thanks": (0.9, 0.8), "ask": (0.85, 0.75)}.items():
        tp = sum(1 for lb, _ in rows if lb[kind] == "1" and kind in got[lb["path"]])
        fp = sum(1 for lb, _ in rows if lb[kind] == "0" and kind in got[lb["path"]])
        fn = sum(1 for lb, _ in rows if lb[kind] == "1" and kind not in got[lb["path"]])
        assert tp / (tp + fp) >= min_p and tp / (tp + fn) >= min_r, kind
