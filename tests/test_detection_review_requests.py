"""Requests for a review or a word back as office mail words them, and thanks
meant for another recipient (cases written for session 7, none copied from a label set)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from closeloop.core.detection import bulk_reason, detect, is_ask, new_text
from closeloop.core.message import Address, Message


def message(body: str, *, to: tuple[Address, ...], sender: Address = Address("Terry Kowalke", "terry@co.com"),
            subject: str = "Revised figures") -> Message:
    return Message(source="t", message_id="m@x", subject=subject, sender=sender, to=to, text=body,
                   new_text=new_text(body), date=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))


@pytest.mark.parametrize("sentence", [
    "Please let me know if you have any comments or changes.",
    "Please let us know if you have any suggestions.",
    "Let me know if you have any corrections or additions.",
    "If you have any comments or changes, please let me know as soon as possible.",
    "Please let me know if you have any suggested changes to the itinerary.",
    "I just wanted to check in with Enron to see if the company was still planning to go ahead with the project.",
    "We wanted to check in with you to see whether the October dates still work.",
    "I just would like to inquire with you to see whether the sample arrived.",
    "I am writing to inquire about the status of my application.",
    "Dad and I will be in Orlando that weekend and would like you and Payton to join us.",
])
def test_requests_for_a_review_or_a_word_back_are_asks(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Please let me know if you have any comments or questions.",
    "Let me know if you have any other suggestions.",
    "If you have any suggestions, please call me at 713-853-1234.",
    "If you have any comments, please call me.",
    "If you have any changes or questions, call me.",
    "Let me know if you want any changes made.",
    "Larry called to inquire about the financials.",
])
def test_boilerplate_offers_and_reports_stay_not_asks(sentence):
    assert not is_ask(sentence)


def test_thanks_that_name_another_recipient_are_not_the_owners():
    me = frozenset({"teb.lokey@co.com"})
    to = (Address("", "glen.hass@co.com"), Address("", "teb.lokey@co.com"), Address("", "lynn.blair@co.com"))
    body = "Revised spreadsheet attached: 13 months, not 12.\n\nThank you Glen for catching this.\n\nTerry\n"
    assert "thanks" not in {f.kind for f in detect(message(body, to=to), me=me)}
    # The same words to the owner by name are the owner's thanks.
    body = body.replace("Glen", "Teb")
    assert "thanks" in {f.kind for f in detect(message(body, to=to), me=me)}


def blind_copy(body: str) -> Message:
    return Message(source="t", message_id="b@x", subject="WFEC v. Gulf Power", sender=Address("Bill", "bill@katzlaw.com"),
                   text=body, new_text=new_text(body), date=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))


def test_a_blind_copy_that_greets_the_owner_by_name_is_a_letter_to_them():
    me = frozenset({"gerald.nemec@enron.com"})
    letter = blind_copy("Gerald,\n\nAttached is a request for informal discovery. Please call when you return.\n\nBill\n")
    assert bulk_reason(letter, me) is None
    assert [f.kind for f in detect(letter, me=me)] == ["ask"]
    # "Dear Mr. Lay," greets the owner by surname.
    assert bulk_reason(blind_copy("Dear Mr. Nemec,\n\nThank you for your efforts.\n"), me) is None


def test_a_blind_copy_to_nobody_by_name_is_still_a_hidden_list():
    me = frozenset({"gerald.nemec@enron.com"})
    assert bulk_reason(blind_copy("Everyone,\n\nPlease call when you return.\n"), me) == "no visible recipients"
    assert bulk_reason(blind_copy("Hi Susan,\n\nPlease call when you return.\n"), me) == "no visible recipients"
    assert bulk_reason(blind_copy("Gerald,\n\nPlease call.\n"), frozenset()) == "no visible recipients"


@pytest.mark.parametrize("sentence", [
    "Can I please be provided with copies of the Dynegy documents?",
    "I would appreciate very much your inputs and opinions on the draft.",
    "heard anything from Puget Sound Energy???",
    "Chris / Donna - Are we taking gas from CNR for ENA or EES ?",
])
def test_more_requests_are_asks(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Please let me know if you would like them.",
    "Please let me know if you still need Curve Shift.",
    "Please advise if you need us to make the changes to the other two confirmations.",
    "If anyone feels they may be receiving these in error, please reply to be removed from the list.",
])
def test_offers_and_list_housekeeping_are_not_asks(sentence):
    assert not is_ask(sentence)


def test_the_owners_ask_further_down_counts_when_the_first_is_someone_elses():
    me = frozenset({"chris.germany@co.com"})
    to = (Address("", "mark.mcclure@co.com"), Address("", "chris.germany@co.com"), Address("", "donna.greif@co.com"))
    body = ("CNR sent actuals for April. Files provided.\n\nMark - heard from Kevin Brady?  Will he path these?\n\n"
            "Chris / Donna - Are we taking gas from CNR for ENA or EES ?\n\nWRP\n")
    found = {f.kind: f.evidence for f in detect(message(body, to=to), me=me)}
    assert found.get("ask", "").startswith("Chris / Donna")
    # Asked of Mark alone, the message asks nothing of the owner.
    body = "CNR sent actuals for April.\n\nMark - heard from Kevin Brady?  Will he path these?\n\nWRP\n"
    assert "ask" not in {f.kind for f in detect(message(body, to=to), me=me)}


@pytest.mark.parametrize("sentence", [
    "I need fifteen minutes of your brain on what's actually realistic.",
    "What I need from you by 1 August: a 60-word bio, two images and the dimensions.",
    "There are two free mornings, just tell me which one.",
    "I'd love a rough quote from you by the end of the month.",
    "If you know anyone this side of the Channel, I'm all ears.",
    "Any neighbourhoods you'd steer us away from would be gold.",
    "A photo of the meter is enough; send it over whenever you're there.",
])
def test_requests_without_please_or_a_question_mark(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Let me know if you ever need marbled endpapers for anything.",
    "Why on earth do they need his shoe size for a museum trip?",
    "My new pager number is 877-525-1601, this will page me or just send me an e-mail.",
    "They then tell us to buy the power from WRI.",
])
def test_offers_rhetoric_and_reports_stay_not_asks(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Please be ready to leave at around 6:00 p.m.",
    "PLEASE HAVE A PICTURE ID AVAILABLE AT THE AIRPORT.",
    "Please make sure that you bring your travel receipt with you and a valid ID.",
    "Please arrive by 8:30 at the front desk.",
    "Did you do anything fun this weekend?",
])
def test_travel_instructions_and_small_talk_are_not_asks(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Please bring the signed contract to the meeting.",
    "Please have the report ready by noon.",
    "Did you do anything about the Dynegy invoice?",
])
def test_requests_that_look_like_instructions_still_are_asks(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Remember in April you told me to lime the back bed?",
    "In urgent matters please contact the office at office@example.org.",
    "For urgent matters please write to info@studio.example.",
    "Why does every man over forty need a pet yeast?",
    "Please thank her from us.",
    "Please convey my respects to your husband.",
    "Please give my regards to Ken.",
    "Call me if anything is unclear.",
    "Isn't it strange how fast this autumn went?",
])
def test_courtesies_rhetoric_and_absence_notices_are_not_asks(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Please thank Jan for the photos and send me the invoice.",
    "Why does the report show a loss?",
    "Please remember to send the invoice by Friday.",
])
def test_requests_beside_those_still_are_asks(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", ["Care to attend?", "Care to join us for dinner on Friday?"])
def test_care_to_is_an_invitation(sentence):
    assert is_ask(sentence)


def test_not_caring_to_is_not_an_invitation():
    assert not is_ask("I don't care to attend.")


@pytest.mark.parametrize("sentence", [
    "However, isn't this just the start of the problem?",
    "Isn't it time we all took a holiday?",
    "Don't you think the board will see through that?",
    "Aren't they the same people who sold us the last system?",
])
def test_questions_that_open_with_a_denial_argue_a_point(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Didn't you get my note about the lease?",
    "Can't you send it today?",
    "Doesn't Mark have the latest numbers?",
])
def test_questions_that_want_an_answer_or_a_deed_still_are_asks(sentence):
    assert is_ask(sentence)
