"""Requests and courtesies as office mail words them: reminders, conditions, checks,
calendar housekeeping, a question in the subject line."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from closeloop.core.detection import detect, detect_text, is_ask, new_text
from closeloop.core.message import Address, Message


def kinds(text: str) -> set[str]:
    return {f.kind for f in detect_text(new_text(text))}


def message(body: str, subject: str, **kw) -> Message:
    fields = dict(source="t", message_id="m@x", subject=subject, sender=Address("Tom", "tom@x.org"),
                  to=(Address("", "me@y.org"),), text=body, new_text=new_text(body),
                  date=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))
    fields.update(kw)
    return Message(**fields)


@pytest.mark.parametrize("sentence", [
    "Please don't forget to send me the signed lease by Friday.",
    "Please do not forget to return the keys to reception.",
    "Please remember to update the shared tracker before you leave tonight.",
    "I would be most grateful if you could look over the budget.",
    "I'd be obliged if you could send the figures by noon.",
    "As discussed, I need to have you sign off on the transfer.",
    "If you find the draft acceptable, please sign it and fax it back to me.",
    "If you find these invoices in good order, please arrange for payment.",
    "I was hoping to drop by and wondered when would suit you.",
    "I just wanted to double check on the bonus numbers before Friday.",
    "I want to make sure we're still on the same page about the hiring plan.",
    "I would be very appreciative of your advice on the move.",
    "We'd be appreciative if you could sign by Friday.",
    "If you can get the deck to Marta before the board meets, I would appreciate it.",
    "We have to send it out today, so I would appreciate receiving your edits by noon.",
    "Attached is the revised lease. Please let me know if further changes are needed.",
    "Call when you can.",
    "Just ring me back when you get a chance.",
    "I know you are busy, but I would welcome a few minutes of your time.",
    "We look forward to your kind consideration of our request.",
    "Hope all is well - any news on the London job?",
    "Who should I talk to about the permit?",
    "Do you remember the name of that plumber?",
    "I realize the data is hard to find, but anything you could get would be appreciated.",
    "I haven't heard back, so I wanted to check in to see if it's appropriate to schedule a call.",
    "Please let me know if you disagree, or please approve the form so I can print it.",
    "Forward her resume to me and I will pass it along.",
    "Is there any way you can find time to speak to our chapter.",
    "I've attached my resume and respectfully request an interview.",
    "To make the deadline I will need the figures by Monday at the latest.",
    "Teo, could use your eyes on this lease before I sign.",
])
def test_reminders_conditions_and_checks_are_asks(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Please don't forget that the office is closed on Monday.",
    "Please do not forget your umbrella.",
    "Please remember to confirm your attendance with the host.",
    "Please adjust your calendars accordingly.",
    "Please remove this from your calendar.",
    "Please try to attend the orientation session on Friday.",
    "I wondered if it was the new guy who parked there.",
    "If you find this newsletter useful, please share it.",
    "How did the move go?",
    "I really appreciate that you came all this way.",
    "We appreciated hearing your views at the meeting.",
    "If further information is needed, please call the help desk.",
    "I look forward to hearing from you.",
    "We welcome the new members to the board.",
    "Who knew spring would actually arrive this year?",
    "who lets a goalkeeper take a penalty in the last minute???",
    "Who would have thought??",
    "Hope you're keeping well over there?",
    "How's Lisbon treating you?",
    "What a week, right?",
    "Remember the horse with the odd limp I told you about?",
    "The queue was twenty minutes long. can you believe that??",
    "Here are the scans. Let me know if anything is missing.",
    "Please let me know of any issues.",
    "Please let me know how I can be of assistance with your efforts.",
    "Let me know if you feel otherwise.",
    "Please let me know if anyone needs help.",
    "Could you believe what those pianos fetch now?",
    "How is the weather in Leipzig, also snow?",
    "I need a holiday by the sea.",
])
def test_notices_musings_and_small_talk_are_not_asks(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize("body", [
    "Pat, thank you for replying so quickly. I'll read it tonight.",
    "Thanks for responding.",
    "Thanks for the cc.",
    "Thx for copying me on this.",
    "Welcome to the club, and thank you for taking the time to register!",
    "Thank you for being an important part of our business this past year.",
    "Hi Lee, please don't forget to fax me the form so we can book the car.\n\nThanks again, Dana 713-555-0100",
])
def test_formulas_and_sign_offs_are_not_thanks(body):
    assert "thanks" not in kinds(body)


def test_a_thank_you_for_the_help_itself_still_counts():
    assert "thanks" in kinds("Thanks again for walking me through the model yesterday.")
    assert "thanks" in kinds("Thanks for getting back to me so fast with the numbers, that saved the deal.")


def test_a_question_in_the_subject_is_the_ask_of_a_message_with_little_else():
    found = detect(message("Cheers - Tom", "Do you have a phone number for Priya Raman?"))
    assert [(f.kind, f.evidence) for f in found] == [("ask", "Do you have a phone number for Priya Raman?")]


@pytest.mark.parametrize("subject, body", [
    ("Re: do you have a phone number for Priya?", "Cheers - Tom"),  # a reply: the question was someone else's
    ("Fwd: Can you help?", "FYI"),
    ("Can you believe this?", "Cheers"),  # rhetorical
    ("How are the new digs?", "Tom"),  # small talk
    ("Do you have a phone number for Priya?",
     "Here is the schedule for the offsite next week: we start at nine with breakfast, then the"
     " planning sessions run until four, and dinner is at the hotel."),  # the text says what it is about
])
def test_a_subject_question_is_not_an_ask_when_it_is_not_the_message(subject, body):
    assert "ask" not in {f.kind for f in detect(message(body, subject))}


@pytest.mark.parametrize("body", [
    "Maria,\n\nThe contact for Westbank on the escrow is Joel Sanders (555) 201-3344.\n\nRegards, Li",
    "Your primary contact for the audit is Priya Natarajan, x4-2211.",
    "Acme's contact for you is Dana Whitfield 555-201-7788.",
    "Send him your CV and mention my name. Omar is expecting your inquiry.",
])
def test_naming_the_person_to_deal_with_is_an_introduction(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "The contact form is on our website.",
    "The contact for the venue is in the attached sheet.",
    "I am expecting your call tomorrow.",
])
def test_contact_words_without_a_person_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Separate thing: I've copied in Ana Ruiz, the glass restorer I keep mentioning.",
    "By the way, I've copied in my colleague Piet Janssen.",
    "I've copied in my supervisor, Prof. Ines Duarte, who reads everything twice.",
    "For the permit, the person you really want is Olga, my neighbour, whom I've copied here.",
    "My old classmate works in admissions at the academy. I've told him she'll write this week.",
    "btw my uncle Tomasz is an electrician. his number 601 22 34 56",
    "I've written to her about you, and she said to call the office on Monday.",
    "I've passed the Hendersons on to you - their boiler needs a specialist.",
    "You both know the archive well and now you have each other's email addresses.",
    "Marta Nowak at Kamień Studio is excellent with sandstone: 601 555 123, marta@kamien.pl.",
    "Jonas - Eva is the stonemason I told you about.",
    "Their recruiter is looking for a quant. Send him your resume!",
    "Both candidates are strong; you can call them directly at the numbers below.",
    "She can contact Karen Buckley at 713 345 4667 once you have the resume.",
])
def test_introductions_by_copying_in_telling_and_passing_on(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "We are bringing in Associate Candidates for interviews this weekend.",
    "Please confirm with her on her cell phone 713-555-0101 either way.",
    "I've copied in the minutes of the last meeting.",
    "The roofer is excellent, and he finished on time.",
    "I've written to the council about the parking.",
    "Send me your resume and I will look at it.",
])
def test_copying_things_in_and_praising_work_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Thank you for staying on so late on Friday when the heater broke.",
    "That was completely unnecessary and very, very appreciated - thank you.",
    "tusen takk for the flowers on my birthday!!!",
    "Mange takk for hjelpen med flyttingen i går.",
    "Tack för att du hämtade barnen igår!",
    "You drove me to the airport at 5am. You are the best!",
])
def test_gratitude_in_other_words_and_languages(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "Takk for at du bruker Posten. Pakken din er levert.",
    "Thank you for staying with us. We hope to welcome you again.",
    "You are the best person to ask about the lease, so could you call me?",
])
def test_formulas_in_other_words_and_languages_are_not_thanks(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Hi Sam,\nI've been to the osteopath you found for me three times now, and I climbed the stairs this morning without stopping!",
    "The ewe you treated in May, the one with the cough. She lambed twins last week and Tone bought both.",
    "We used the drops like you said and the itching stopped in two days.",
    "The feeding plan you sent, we started it in week 2. The losses dropped from 9 percent to 2.",
    "Thanks for tearing my cover letter apart. They've invited me to the second round!",
    "Thank you for recommending the clinic. The follow-up scan came back clear.",
    "Thank you for introducing me to Dr. Haas. The follow-up appointment went well.",
])
def test_how_the_help_went_told_as_a_story(body):
    assert "outcome" in kinds(body)


@pytest.mark.parametrize("body", [
    "Thanks for going through my portfolio. The note about the typefaces was spot on.",
    "I've started the book on your recommendation.",
    "I know this is longer than the one you sent out to the donors, but we can resend it.",
    "Like you said, the meeting is on Thursday. I've booked the room.",
])
def test_plans_steps_and_comments_are_not_outcomes(body):
    assert "outcome" not in kinds(body)


def test_a_forwarded_invitation_with_a_question_of_ones_own_is_a_letter():
    invite = ("When: Tuesday, May 7, 2002 9:00 AM-10:00 AM.\nWhere: 3AC 1610\n\n*~*~*~*~*~*~*~*~*~*\n\n"
              "Please join us for an informational meeting.")
    forward = message("Ana, will you have time to attend this meeting?\n\nThanks, Ricki\n\n"
                      "-----Original Message-----\nFrom: Lee\nSent: Monday\nTo: Ana\nSubject: Meeting\n\n" + invite,
                      "Fw: Meeting")
    assert "ask" in {f.kind for f in detect(forward)}
    assert detect(message(invite, "Meeting")) == ()  # the invitation itself is a calendar notice
