"""Offers, courtesies, small talk and sales letters are not loops; real requests and thanks still are."""

from __future__ import annotations

from dataclasses import replace

import pytest

from closeloop.core.detection import bulk_reason, detect, detect_text, is_ask, new_text
from closeloop.core.message import Address, Message


def kinds(text: str) -> set[str]:
    return {f.kind for f in detect_text(new_text(text))}


def _mail(body: str, subject: str = "Re: ISDA", to: tuple[str, ...] = ("me@y.org",)) -> Message:
    return Message(source="t", message_id="m@x", subject=subject, sender=Address("Sami", "sami@x.com"),
                   to=tuple(Address("", a) for a in to), text=body, new_text=new_text(body))


@pytest.mark.parametrize("sentence", [
    "If you would like to reach me before our meeting, please call (213) 926-2626.",
    "I would be happy to call in with you on your first weekend if you would like.",
    "If you'd like to get your name in the drawing, please do.",
    "These deals can be done very quickly if you would like.",
    "Please advise if you need assistance from either Gerald or me.",
    "Please let me know of a convenient time to discuss how our solutions can help your company.",
    "How is Christina?",
    "Hi Bob, how are the kids doing?",
    "Remember when I left you guys a message after having my eyes done?",
    "Is anyone else as glad as I am that today is Friday?",
    "Please expect slower response times on Friday.",
    "Please register by noon on Monday to guarantee your seat!",
])
def test_offers_small_talk_and_pitches_are_not_asks(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Please review and let me know if you have any other suggestions.",
    "Could you sign the attached and call me if you have any questions?",
    "Thought I'd ask again if you'd be willing to talk to me about your decision.",
    "Submit your top four game choices to me as soon as possible.",
    "Return the signed form to me by Friday.",
    "How is the Dynegy deal going?",
    "If you could send me the file today, that would be great.",
])
def test_requests_are_still_asks(sentence):
    assert is_ask(sentence)


def test_a_closing_let_me_know_after_an_offer_is_not_an_ask():
    offer = "Paul,\n\nHere are my notes on him.\n\nI'd be happy to talk with him if we need to.  Just let me know.\n\nJeff"
    assert "ask" not in kinds(offer)
    request = "Paul,\n\nCan we meet on Friday to go over the notes?  Just let me know.\n\nJeff"
    assert "ask" in kinds(request)


def test_a_cold_sales_letter_asks_for_nothing_a_user_owes():
    pitch = ("Hi Jeff,\n\nI am Andy Liu, Co-founder and President of NetConversions.  Our company helps large "
             "companies improve their email campaigns.\nWhat time would be most convenient for you: Friday at 10am "
             "or Monday at 11am?\n\nBest regards,\nAndy")
    assert "ask" not in kinds(pitch)
    # A colleague's question about a vendor is still an ask.
    assert "ask" in kinds("Jeff,\n\nOur company is reviewing vendors.  What time works for you on Friday?\n\nAndy")


@pytest.mark.parametrize("body", [
    "Jeff,\n\nAttached is our proposal.  Thank you for the opportunity to bid on these assets.\n\nChris",
    "We appreciate the opportunity to be of continuing service to Enron.",
    "We have certainly appreciated our close working relationship with Enron.",
    "Your participation and cooperation is greatly appreciated.",
    "Miguel,\n\nWe need your inventory figures by Friday.\n\nThanks again for all your time and patience.\n\nMariella",
    "Jennifer, attached is the model.\n\nThanks for everyone's help (Edith/Charlie)\n\n- Jim",
    "Kudos for speaking your mind....",
    "We appreciate that you may have received similar requests from other agencies.",
    "Thanks for immediate attention....Gina",
    "Thank you for considering this request.",
])
def test_courtesies_are_not_thanks(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Bob,\n\nYour help on the Dynegy deal was greatly appreciated.\n\nAnn",
    "Ann,\n\nI appreciate that.\n\nBob",
    "Thanks again for all your help with the move.",
    "Thank you for speaking with Tillman.",
])
def test_gratitude_for_help_is_still_thanks(body):
    assert "thanks" in kinds(body)


def test_your_help_was_greatly_appreciated_is_not_an_outcome():
    assert "outcome" not in kinds("Bob,\n\nYour help on the deal was greatly appreciated.\n\nAnn")


def test_a_letter_to_dear_colleague_is_bulk():
    assert bulk_reason(_mail("Dear Colleague,\n\nWe will stop delivery of our services.", "Your subscription")) is not None
    assert bulk_reason(_mail("Dear Sir or Madam,\n\nYour order has shipped.", "Your subscription")) is not None
    assert bulk_reason(_mail("Dear Sally,\n\nCould we meet on Friday?", "Your subscription")) is None


@pytest.mark.parametrize("body", [
    "Mark:\n\nI would ask that you assign this to someone in your group and have that person get in touch with Craig.\n\nJeff",
    "Ben,\n\nGood to talk with you.  I'm sure Joe or his designee will contact you about your trip.\n\nMichael",
    "Sally,\n\nAttached is a copy of a resume for a person I have worked with for ten years.\n\nMark",
    "Gerald,\n\nSarah Dietrich is Sr. Counsel for EES.  Could you please contact her to work out this issue.\n\nDonna",
])
def test_connecting_the_reader_with_a_third_person_is_an_introduction(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "Tom,\n\nThe amendment will be done today, at which time Gerald will e-mail you a copy for review.\n\nKim",
    "Attached is the resume I promised, updated for the interview.",
    "Please have the report on my desk by Friday.",
])
def test_passing_along_an_item_is_not_an_introduction(body):
    assert "intro" not in kinds(body)


def test_the_exclusions_split_by_word_agree_with_the_whole_pattern():
    from closeloop.core.detection import rules

    for s in [
        "Please review and let me know if you have any other suggestions.", "Call me if you have questions.",
        "Please note the new time.", "For more information, call Bob.", "I'd be happy to help.",
        "If you would like, I can send it.", "Let me know if this works.", "How our team can help your firm?",
        "Click here to unsubscribe.", "Can you send the file?", "Feel free to call.",
    ]:
        whole = rules._NOT_ASK.search(s)
        assert rules._not_ask_start(s, rules._words(s)) == (whole.start() if whole else None), s


@pytest.mark.parametrize("sentence", [
    "I wanted to ask you for a favor.",
    "We were hoping you might be able to find us a buyer.",
    "Could I please be sent the signed copy?",
    "Can I get a copy of the final agreement?",
    "Let's talk next week.",
    "I'd still like to meet you for a drink sometime.",
    "It is my pleasure to invite you to speak at our spring forum.",
    "Do we have a form for that? (i.e. one the pipeline accepts)",
])
def test_favours_meetings_and_invitations_are_asks(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Do you need any help setting up your new pages?",
    "If you have received this email in error please notify the sender.",
    "What is up with the weather lately?",
    "Remember those days when we were all in one building?",
])
def test_offers_of_help_disclaimers_and_nostalgia_are_not_asks(sentence):
    assert not is_ask(sentence)


def test_a_double_opt_in_question_is_still_an_ask():
    assert is_ask("Would you like me to introduce you to her?")


def test_thanks_to_you_and_a_colleague_is_thanks_and_appreciating_a_concern_is_not():
    assert "thanks" in kinds("Mike,\n\nThe trades are booked.  Thanks to you and Bob for the help yesterday.\n\nEric")
    assert "thanks" not in kinds("Kay,\n\nI appreciate your concern about the timing, but the board meets Wednesday.\n\nR")


@pytest.mark.parametrize("body", [
    "Paul,\n\nI met with Barry today.  I told him you could be a great resource for him on Nevada.\n\nJim",
    "Thought I'd add Maria, too, since she has run two of these auctions.",
    "Kim,\n\nHere are the spreads you asked for.  You can make an appointment with Krishna to go over them.\n\nSeksan",
    "Sally,\n\nI know a young engineer who I feel would be a great fit for your group.  His resume is attached.\n\nGeiv",
])
def test_more_ways_of_connecting_the_reader_with_a_third_person(body):
    assert "intro" in kinds(body)


def test_a_reply_quoting_a_mailing_is_personal_but_a_mailing_is_bulk():
    reply = ("Mark,\n\nCould you help me draft the wish list?\n\nSami\n\n-----Original Message-----\nFrom: ISDA\n"
             "Sent: Monday\nTo: members\nSubject: News\n\nDear all,\nOur next meeting is in May.\n"
             "To unsubscribe, reply with REMOVE.\n")
    assert bulk_reason(_mail(reply)) is None
    assert {f.kind for f in detect_text(new_text(reply))} == {"ask"}
    mailing = "Dear all,\nOur next meeting is in May.\nTo unsubscribe, reply with REMOVE.\n"
    assert bulk_reason(_mail(mailing, "News")) is not None


def test_a_forwarded_form_letter_is_bulk():
    body = ("Here's a coupon from our counterparty.  Enjoy.\n\nChris\n\nDear Corporate Partner,\n\n"
            "It's time for another corporate event!  Take 20% off everything.\n")
    assert bulk_reason(_mail(body, "FW: coupon")) is not None


def test_curly_apostrophes_read_like_straight_ones():
    assert "ask" in kinds("Ann,\n\nI\u2019d appreciate your comments on the draft.\n\nBob")
    assert "ask" not in kinds("Ann,\n\nHere is the draft.  I\u2019d be happy to walk you through it.\n\nBob")


@pytest.mark.parametrize("sentence", [
    "Would it be possible for your group to issue the letter by Friday.",
    "I would like the opportunity to talk to you about the new desk.",
    "While I am out, I may need your help on the Neptune matters.",
    "It would really help me if you could send the volumes today.",
    "I would like to invite your feedback on the new reports.",
    "The reports look right now, so please review and let me know if you have any other suggestions.",
    "Can I set up a meeting with you and Mark next week.",
    "I would appreciate hearing from you by Friday.",
    "Greg and Jeff - Please meet in the board room for the call.",
])
def test_requests_without_a_question_mark_are_asks(sentence):
    assert is_ask(sentence)


def test_wanting_to_get_involved_is_not_an_ask():
    assert not is_ask("I'd like to get involved with the power desk.")


def test_saying_a_file_helped_is_thanks():
    assert "thanks" in kinds("Tom,\n\nThat spreadsheet really helped me out.\n\nSue")
    assert "thanks" not in kinds("Tom,\n\nHopefully this spreadsheet helped you out.\n\nSue")


@pytest.mark.parametrize("body", [
    "Hey Alex,\n\nLooping in Maria, who led the data team at Hopper.\n\nJo",
    "Adding Priya here (cc) - she knows everyone in climate VC.",
    "I'm cc'ing my friend Tom, who just sold his logistics company.",
    "You should really talk to my cousin Ana - she did exactly this at Google.",
    "Dana - this is Alex, the founder I told you about.  Alex - Dana is a partner at Foundry.",
    "Meet Chris!  Chris is the best recruiter I know.",
    "+Dana (bcc'd) who can help with the visa question.",
    "I've copied Jenny on this email; she handles partnerships and can get you set up.",
    "Introducing Sam Lee (cc'd), our new head of sales.",
    "Vince,\n\nI talked with Tom, the friend of mine I mentioned.  Attached are his resume and transcript.\n\nChon",
])
def test_networking_introductions(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "Happy to introduce you to Dana if that would help - just say the word.",
    "Want me to connect you with her?",
    "Ken, this is Pat Koenig.  I run the Dallas office.",
    "Maybe I am the one confused, but could you please call me to discuss.",
])
def test_offers_to_introduce_and_self_introductions_are_not_introductions(body):
    assert "intro" not in kinds(body)


def test_a_subjectless_appreciate_is_thanks():
    assert "thanks" in kinds("Really appreciate you connecting us.")


@pytest.mark.parametrize("body", [
    "Thanks again for the intro!  The call with Dana went really well - we're starting a pilot next month.",
    "Thank you for connecting me with Dana.  We met last week and she's agreed to advise us.",
    "Update: the lawyer you recommended sorted out my visa in two weeks.",
    "I passed the bar exam - your study tips helped a lot.",
])
def test_how_the_recipients_help_turned_out_is_an_outcome(body):
    assert "outcome" in kinds(body)


def test_a_meeting_that_went_well_is_no_outcome_without_the_recipients_help():
    assert "outcome" not in kinds("Jeff,\n\nThank you for your time yesterday.  The meeting went well.\n\nAnn")
    assert "outcome" not in kinds("Beth and Evan meeting went well.")


@pytest.mark.parametrize("body", [
    "hey alex - meet jordan (cc). jordan is the person i mentioned. you two should chat\n\nsent from my iphone",
    "Alex, I've asked my colleague Sunita Rao to reach out to you directly about the role.\n\nKen",
    "Please let me introduce Mr. Tanaka, our director of partnerships.",
    "Jon, Alex. Alex, Jon. Jon runs the Boston angel group; Alex is the founder I mentioned.",
    "Hi Alex, my former manager Lisa Gomez is looking for a product lead. I gave her your email, hope that's ok!",
])
def test_introductions_in_many_styles(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "Wanted to close the loop: Dana and I signed the partnership agreement last week. Thanks again for connecting us.",
    "Just an update: the investor you introduced me to is leading our round!",
    "I wanted to let you know that I was accepted into the MBA program. Thank you so much for writing my "
    "recommendation letter.",
])
def test_outcomes_told_in_many_styles(body):
    assert "outcome" in kinds(body)


def test_someone_elses_contract_is_no_outcome():
    body = ("Michelle,\n\nAfter her departure, it was learned that Kristen signed a contract for which she had no "
            "authority.\n\nI appreciate your help with this.\n\nSally")
    assert "outcome" not in kinds(body)


def test_a_recruiters_cold_pitch_asks_for_nothing_a_user_owes():
    body = ("Hi Alex, my name is Jake and I'm a recruiter at TalentCo. We help startups hire engineers. "
            "Would you be open to a quick call?")
    assert "ask" not in kinds(body)


@pytest.mark.parametrize("quote", [
    "El lun, 3 mar 2025 a las 9:00, Alex Chen (<alex@example.org>) escribió:\n> Could you send the deck?\n",
    "---- On Mon, 03 Mar 2025 09:00:00 +0000 Alex Chen <alex@example.org> wrote ----\n\nCould you send the deck?",
    "De : Alex Chen <alex@example.org>\nEnvoyé : lundi 3 mars 2025 09:00\nÀ : Dana\nObjet : deck\n\nCould you send the deck?",
    "Von: Alex Chen <alex@example.org>\nGesendet: Montag, 3. März 2025 09:00\nAn: Dana\nBetreff: deck\n\n"
    "Could you send the deck?",
    "-----Mensaje original-----\nCould you send the deck?",
])
def test_quoted_mail_in_other_clients_and_languages_is_not_the_senders(quote):
    body = "Sounds good.\n\n" + quote
    assert new_text(body) == "Sounds good."
    assert kinds(body) == set()


def test_a_line_starting_with_de_is_still_the_senders():
    assert "ask" in kinds("De: Bob\n\nCould you send the deck?")


@pytest.mark.parametrize("body", [
    "Many thanks, Alex - that answers my question.",
    "Thanks, Kay - your e-mail solved the mystery.",
    "Cheers for the heads up!",
    "ty for the rec, the restaurant was amazing",
])
def test_thanks_in_other_words_and_opening_a_reply(body):
    assert "thanks" in kinds(body)


def test_ty_inside_a_word_is_not_thanks():
    assert "thanks" not in kinds("I thought this might be a good opportunity for Enron to help out.")


@pytest.mark.parametrize("sentence", [
    "Hoping you can help me find a good pediatrician in Brooklyn.",
    "Would love to pick your brain about fundraising sometime.",
])
def test_hopes_and_brain_picking_are_asks(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Are you having any further luck on a counterparty for this gas.",
    "Have you had a chance to review the website and the product terms.",
    "My query is if we pay off the debt early, how come the put is still not terminated?",
])
def test_questions_without_a_question_mark_are_asks(sentence):
    assert is_ask(sentence)


def test_an_offer_of_help_from_a_whole_organisation_is_not_an_ask():
    assert not is_ask("If I or any of my organization can help in any way please let me know.")


def test_wishing_luck_is_no_outcome_and_thanks_for_responses_is_a_courtesy():
    assert "outcome" not in kinds("I do want to wish you much luck and success in getting things worked out.")
    assert "thanks" not in kinds("Thank you for your responses to my email and I look forward to your reply.")


@pytest.mark.parametrize("body", [
    "Hi Sam,\n\nLooping in Maria Chen from our data team -- she owns the billing pipeline.\n\nBo",
    "Hi Sam,\n\nI'm adding Pat Lee from recruiting (cc'd), who will send over times for the onsite.\n\nCarla",
    "Sam,\n\nI've copied Ingrid Berg, our head of people, who can answer your benefits questions.\n\nCarla",
    "Derek,\n\nCopying my accountant, Helen Cho, who sorted out exactly this for me.\n\nSam",
    "As promised, I'm cc'ing our neighbor Joanna Reyes, who is on the board of the soccer league.",
    "Hey Sam, meet my buddy Chris (cc'd).  He's been at Google for eight years.",
    "Returning the favor: meet Ibrahim Saleh (cc'd), who runs platform at Loomwork.",
    "Now that I'm back I wanted to put you two in touch.  Tomasz runs our Warsaw office.",
    "Kofi, Bea is an old friend and runs the analytics org at Orbitpay.",
    "Passing along Ana Ferreira, who I worked with at Shopify for four years.",
    "Sending over a referral for the SRE role: Grace Park (grace.park@fastmail.com).",
    "Resume attached, and he knows I'm reaching out.",
    "Call Ray Alvarez, (415) 555-0187.  He's done all our plumbing for years.",
    "Tell him Derek from Elsie St sent you and he'll squeeze you in.",
    "Yara, Alex - Alex, Yara.",
])
def test_double_introductions_referrals_and_recommendations(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "Kevin, Here is an abstract I received for the gas track.",
    "Contact Kathy Swidnicki at 1.800.955.1234 to schedule your personal meeting with our team.",
    "Once you're settled in I'll introduce you to Nora Kim, she's building something adjacent.",
])
def test_greetings_sales_contacts_and_promises_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("body", [
    "I gave him your name, and he will probably be contacting you next week to set up some time.",
    "Someone from the risk group will be calling you to schedule a visit.",
    "Tom Reyes from our London office will be in touch with you about the pipeline.",
    "If you haven't heard from Diane by now, her direct number is 713-555-0117.",
    "The lawyer we used is Sean Ortiz, and his phone number is 713-555-0144.",
    "I suggest asking Gerald Stone for some guidance on right-of-way.",
    "You might want to give Bob Lim a call, he ran that desk for years.",
    "The person to talk to about licensing is Ann Marsh.",
    "Rob - you two need to have a coffee. Ines is in Lisbon until May.",
    "I've taken the liberty of cc'ing my old boss Margaret; she hires for exactly this kind of role.",
    "My cousin Leila is moving to Toronto and I said you'd show her around. Her email is leila.k@gmail.com.",
    "Talk to my friend Dev, he went through the same visa mess. You can reach him at dev@kumar.io.",
    "Forwarding Kenji's CV: he's a senior iOS engineer, ex-Spotify, looking for a role in Toronto.",
    "I mentioned you to Clara at the conference and she'd love to hear about Loomwork. I've copied her here.",
    "Two people who should know each other: Priya (design systems) and Omar (a new design agency).",
    "Hi Jess, my former colleague Arturo is looking to move into climate tech, and I immediately thought of you.",
    "He knows the QF market far better than I do. Certainly feel free to call him.",
    "We have retained Jo Nickens to represent you. Jo will introduce herself to you at our meeting on Tuesday.",
])
def test_pointing_the_reader_to_a_person_is_an_introduction(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "I will be calling you tomorrow about the invoice.",
    "We will be in touch with you shortly.",
    "You could try calling Monday after ten.",
    "You should give it a try before the meeting.",
    "My number is 713-555-0100 if anything comes up.",
    "Saw this article and thought of you.",
    "Here's my CV for the role.",
    "I have copied him on the invoice.",
    "If you have any questions, please do not hesitate to contact Kim Summe at 212-555-1203.",
    "Feel free to contact him with any questions about the report.",
    "Her name is Chloe Elizabeth, and she weighed seven pounds.",
])
def test_my_own_calls_and_numbers_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Thanks for the quick response.",
    "Thanks for your continued understanding.",
    "Thank you for such a beautiful birthday message.",
    "Thank you for contacting SportingbetUSA.com and our Loyalty program.",
])
def test_more_courtesies_are_not_thanks(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("sentence", [
    "She has requested that you review and initial them before lunch.",
    "Corey would like for you to add the slide.",
    "Anything you can do for me in terms of getting my resume into the right hands would be much appreciated.",
    "Any assistance you could provide in this area would certainly be appreciated.",
])
def test_requests_in_the_third_person_or_the_passive_are_asks(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "If there's something you think that we can do to help, please let me know.",
    "If you have openings that you would like to advertise to these students, please let me know.",
    "If any of you or your colleagues would like to participate in an informal session, let me know.",
    "If you ever get a chance, I'd love to hear from you sometime.",
    "If there's a problem, please e-mail or call me.",
])
def test_offers_and_pleasantries_are_not_asks(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize("body", [
    "Arguably, Enron is the embodiment of what Schumpeter called creative destruction.",
    "Whereas, Seller is the owner of the following described property.",
])
def test_a_leading_word_and_a_comma_is_not_a_vocative_introduction(body):
    assert "intro" not in kinds(body)


def test_asking_that_you_be_copied_is_no_request():
    assert not is_ask("Mark Whitt asked that you be included on these notices.")


@pytest.mark.parametrize("body", [
    "Hi Alex -- quick update: we closed the seed last Thursday.  Northstar led, the folks you introduced us to.",
    "Alex,\n\nGood news: the foundation funded our proposal in full!  That was your letter.\n\nThank you so much for "
    "writing it on such short notice.\n\nLeticia",
    "Hannah,\n\nHelio and Quill signed a design partnership this week.  Your intro made it happen.\n\nAlex",
    "Following up on the Kafka question: we went with your suggestion and our monthly bill dropped 35%.",
    "The foster coordinator you told me about was amazing.  We adopted a dog last week!",
    "Wanted to let you know we made Jamie an offer and she accepted today.  Your reference helped the panel.",
])
def test_news_that_points_at_the_recipients_help_is_an_outcome(body):
    assert "outcome" in kinds(body)


@pytest.mark.parametrize("body", [
    "I did want to let you know that your transfer letter is ready.",
    "I have been trying to reach the HR representative, but she hasn't returned my calls.  Thanks for your help.",
    "The good news is that the documentation has been negotiated.  Thanks for your help.",
])
def test_news_without_the_recipients_help_is_no_outcome(body):
    assert "outcome" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Alex!! I got the offer.  Thank you thank you thank you.\n\nDinner is on me, you pick the place.\n\nJenna",
    "omg got the apartment!!! landlord said ur letter sealed it.  owe u big time ty ty ty",
])
def test_emphatic_thanks_in_the_middle_of_a_message_is_thanks(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "If you have any questions, please contact me at ext. 5-4554.  Thank you.\n\nMechelle Atwood\n"
    "Director, Enron Assurance Services\nEnron Wholesale Services",
    "Could you send me the file?  Thanks!  I need it for the board meeting on Friday.",
])
def test_a_closing_thank_you_before_a_signature_or_after_a_request_is_not_thanks(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Dear Alex,\n\nI would like to express my sincere gratitude for your guidance over the past year.\n\nPriyanka",
    "Hector,\n\nThank you for being a reference for me last week.\n\nAlex",
    "Leticia,\n\nThank you so much for writing it on such short notice.\n\nAlex",
    "Hannah,\n\nHelio and Quill signed a partnership this week.  Your intro made it happen.\n\nThank you.\n\nAlex",
    "I get the job at Klarna!  Your advices were very useful.  Thank you very much for your help, I am very grateful.",
])
def test_gratitude_in_formal_words_and_after_good_news_is_thanks(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "Thank you for attending DevWeek 2025!",
    "Thank you for your generous gift of $250.00 on May 31, 2025.",
    "Thank you for being a valued customer.",
    "Thanks for writing to us.",
])
def test_receipts_and_event_courtesies_are_not_thanks(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "hey r u free for a call tmrw? want to pick ur brain abt the eng mgr role at my co\n\nSent from my iPhone",
    "ok so weird question but do you still have the contact for the guy who fixed your piano? ours has a key that "
    "just goes thunk now",
])
def test_questions_written_in_lower_case_are_asks(body):
    assert "ask" in kinds(body)


def test_a_cold_pitch_from_someone_who_leads_partnerships_asks_for_nothing_a_user_owes():
    body = ("Hi Alex,\n\nI'm Brett, I lead partnerships at Vantage Metrics.  We help platform teams cut observability "
            "spend by 30-40%.\n\nWould you be open to a 15-minute call next week to see if there's a fit?\n\nBrett")
    assert "ask" not in kinds(body)


def test_a_lost_character_in_capitalised_text_does_not_end_a_sentence():
    from closeloop.core.detection import sentences

    assert sentences("I called you at home because my fianc? and I are moving.  Sorry about that.") == [
        "I called you at home because my fianc? and I are moving.", "Sorry about that."]
    assert sentences("hey r u free tmrw? want to pick ur brain") == ["hey r u free tmrw?", "want to pick ur brain"]


def _with_subject(subject: str, body: str) -> set[str]:
    from closeloop.core.detection import detect

    return {f.kind for f in detect(_mail(body, subject, ("alex@y.org", "dana@z.org")), bulk_checked=True)}


@pytest.mark.parametrize("subject", ["Intro: Alex <> Dana", "Alex <> Dana", "Maya, meet Dana", "Introduction - Alex / Dana",
                                     "Alex / Dana intro", "Introducing Bob Frank, USMA 70"])
def test_an_introductions_subject_line_makes_it_an_introduction(subject):
    assert "intro" in _with_subject(subject, "Hi both,\n\nAs promised.  Dana runs growth at Kite.\n\nSam")


@pytest.mark.parametrize("subject", ["Re: Intro: Alex <> Dana", "Introducing the SAP Office Connector!",
                                     "DALLAS TRIP TO MEET WITH RICHARDSON"])
def test_replies_to_introductions_and_product_launches_are_not(subject):
    assert "intro" not in _with_subject(subject, "Sounds good, see you then.")


def test_leaving_the_two_of_them_to_it_closes_an_introduction():
    assert "intro" in kinds("Dana runs growth at Kite and Alex is raising.  I'll let you two take it from here.")


@pytest.mark.parametrize("body", [
    "Thanks for putting me forward for the role.  Sadly they went with an internal candidate.",
    "Update on the grant you helped with: our proposal was rejected this round.  Thanks for your help with the letter.",
])
def test_bad_news_told_to_someone_who_helped_is_an_outcome(body):
    assert "outcome" in kinds(body)


@pytest.mark.parametrize("body", [
    "I hope the deal doesn't fall through.  Thanks for your help.",
    "I didn't get a copy of the new contract from you last night.  Thanks for your help.",
    "The project was denied a permit yesterday.  Thanks for your help.",
])
def test_worries_and_other_peoples_bad_news_are_no_outcome(body):
    assert "outcome" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Hi Priya,\n\nMy friend Tom is moving to Berlin.  I thought you two could grab a coffee when he lands.  "
    "Tom's cc'd.\n\nAna",
    "Dear Dr. Okafor,\n\nI am writing to introduce Ms. Hana Sato, a doctoral student in my lab.\n\nProf. Weber",
    "Alex, I'd like you to meet Jamal Wright.  Jamal is a product designer who just left Airbnb.",
])
def test_introductions_with_titles_and_cc_notes(body):
    assert "intro" in kinds(body)
    assert "ask" not in kinds(body)


def test_a_pronoun_copied_on_the_mail_is_no_introduction():
    assert "intro" not in kinds("She is copied on this email if you need to email her as well.")


@pytest.mark.parametrize("body", [
    "Just heard from Stripe - I'm in!  Thanks so much for the referral, it clearly mattered.",
    "Following your advice, I asked for the raise, and they said yes!",
    "The doctor you recommended diagnosed it in five minutes.  Thank you!",
])
def test_short_good_news_after_help_is_an_outcome(body):
    assert "outcome" in kinds(body)


def test_a_suggestion_without_a_result_is_no_outcome():
    body = "On the phone, you suggested increasing subscribed volumes in the East.  Thanks for your help."
    assert "outcome" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Quick update -- sent the landlord the letter you drafted on Friday.  Monday morning there was a repair guy at "
    "the door.  Seriously, thank you for spending your Sunday on that.",
    "Closing the loop on this: your hunch was right.  It was clock skew between the two job runners.",
    "Results posted.  PASSED.  First try.\n\nThe practice book you lent me was basically the exam.",
    "It's been two months since you rebuilt our website.  Online orders went from about 40 a week to 95 a week.",
    "I wanted to let you know that after two calls, Gustavo has agreed to join us as an advisor.  This would not "
    "happen without you connecting us.",
    "I heard back today -- they went with another candidate.  The restructuring you pushed me to do made the final "
    "round possible, so thank you for that.",
])
def test_outcomes_told_as_stories(body):
    assert "outcome" in kinds(body)


@pytest.mark.parametrize("body", [
    "The original idea was to keep the number of events from 3 to 4 roundtables each semester.  Thanks for the tip.",
    "We wanted to let you know that Genia created an e-card for you.  Thank you for the intro last year.",
    "UPDATE--DEP recently issued a notice in the Pompano Beach proceeding.  Thanks for your help.",
])
def test_plans_greetings_and_business_updates_are_no_outcome(body):
    assert "outcome" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Following up on our call, I'd like to put Tomás Ortega forward for the Senior PM role.",
    "Dmitri,\n\nKeisha reported to me for three years.  Resume attached; she's at keisha@example.com and knows "
    "I'm sending this.\n\nSam",
    "I saw you are hiring a teacher, and I wanted to recommend my neighbour, Ramona Diaz.",
    "You two live three houses apart and both dread the morning drive.  Connecting you, the rest is up to you.",
    "Paulo, Sam runs design at Clearpath Health.  I've told him he'd be mad not to talk to you.",
    "Diego, Sam is Carmen's son, the one who works in tech.",
    "Mia, Mr. Rivera is the designer I told you about.",
    "Bea, Ahmed and his family just moved into 1427.",
    "She's at anjali@example.com -- she's expecting to hear from you.",
    "sam this is kwesi, kwesi this is sam\n\nkwesi just moved here from philly.",
])
def test_referrals_and_introductions_in_personal_mail(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "Jordan - you and Mei should really know each other.  Mei's building a food-waste startup.",
    "My sister-in-law Aisha is thinking about nursing school.  I told her you'd be the best person to ask.",
    "Hey Jordan!  Aisha is thinking about nursing school.  She'll probably email you this week.",
    "Jordan, I've asked Tomasz from our legal team to join this thread; he handled this last year.",
    "Adding @Priya who knows the grant process inside out.",
    "Jordan, say hello to Bea!  Bea, say hello to Jordan!",
    "Looping Dr. Chen in here since she's the expert on this.",
    "My cousin Femi is a great electrician - here's his number: 555-0142.  Tell him you're my friend.",
])
def test_introductions_in_everyday_words(body):
    assert "intro" in kinds(body)


def test_passing_on_greetings_is_not_an_introduction():
    assert "intro" not in kinds("Say hello to Rebecca and the kids for me!")


@pytest.mark.parametrize("body", [
    "cheers mate, owe you a pint",
    "Muchas gracias for the intro!",
    "Really grateful for your advice on the offer.",
    "I can't thank you enough.",
])
def test_thanks_in_other_words(body):
    assert "thanks" in kinds(body)


def _copied(body: str, to: tuple[str, ...], cc: tuple[str, ...], sender: str = "sami@x.com") -> Message:
    return Message(source="t", message_id="m@x", subject="Re: plan", sender=Address("", sender),
                   to=tuple(Address("", a) for a in to), cc=tuple(Address("", a) for a in cc),
                   text=body, new_text=new_text(body))


ME = frozenset({"me@y.org"})
ASK_AND_THANKS = "Thanks for the numbers yesterday. Dana, could you send me the signed contract by Friday?"


def test_an_ask_or_thanks_to_the_people_in_to_is_not_the_copied_owners():
    copied = _copied(ASK_AND_THANKS, to=("dana@acme.com",), cc=("me@y.org",))
    assert {f.kind for f in detect(copied)} == {"ask", "thanks"}  # what the sender does
    assert detect(copied, me=ME) == ()  # but not of me: I am only copied
    addressed = _copied(ASK_AND_THANKS, to=("dana@acme.com", "me@y.org"), cc=())
    assert {f.kind for f in detect(addressed, me=ME)} == {"ask", "thanks"}
    only_cc = _copied(ASK_AND_THANKS, to=(), cc=("me@y.org",))  # Cc only, nobody in To
    assert {f.kind for f in detect(only_cc, me=ME)} == {"ask", "thanks"}
    mine = _copied(ASK_AND_THANKS, to=("dana@acme.com",), cc=("me@y.org",), sender="me@y.org")
    assert {f.kind for f in detect(mine, me=ME)} == {"ask", "thanks"}  # my own mail, cc'd to myself


def test_asks_the_owner_sees_by_blind_copy_or_list_are_not_theirs_unless_they_are_called_by_name():
    bcc = _copied(ASK_AND_THANKS, to=("dana@acme.com",), cc=())
    assert detect(bcc, me=ME) == ()
    listed = _copied("Could everyone send me their hours by Friday?", to=("desk.portland@y.org",), cc=())
    assert detect(listed, me=ME) == ()
    moved = _copied("Thanks, Alex, for the intro (moving you to bcc)! Dana, are you free on Tuesday?",
                    to=("dana@acme.com",), cc=())
    assert [f.kind for f in detect(moved, me=frozenset({"alex.chen@y.org"}))] == ["thanks"]  # the thanks is mine, the question Dana's


def test_a_request_that_opens_with_another_recipients_name_is_theirs():
    me = frozenset({"richard.sanders@y.org"})
    to_both = _copied("Diane, any luck getting the code sections we requested on Monday?",
                      to=("diane.goode@y.org", "richard.sanders@y.org"), cc=())
    assert detect(to_both, me=me) == ()
    assert [f.kind for f in detect(to_both, me=frozenset({"diane.goode@y.org"}))] == ["ask"]
    to_me = _copied("Richard, any luck getting the code sections we requested on Monday?",
                    to=("diane.goode@y.org", "richard.sanders@y.org"), cc=())
    assert [f.kind for f in detect(to_me, me=me)] == ["ask"]
    third_person = _copied("Could you speak with Diane Goode again and confirm the rate?",
                           to=("diane.goode@y.org", "richard.sanders@y.org"), cc=())
    assert [f.kind for f in detect(third_person, me=me)] == ["ask"]


def test_being_copied_is_how_one_is_introduced():
    intro = _copied("Dana, I'd like to introduce you to Maya Chen, who runs data at Initech. "
                    "Could you two find a time to talk?", to=("dana@acme.com",), cc=("me@y.org",))
    assert [f.kind for f in detect(intro, me=ME)] == ["intro"]


def test_abbreviations_do_not_end_a_sentence_and_a_question_before_a_bracket_does():
    from closeloop.core.detection import sentences
    assert sentences("Do we have a format for gas that is not pool gas? (i.e. Linder cannot commit it) Thanks.") == [
        "Do we have a format for gas that is not pool gas?", "(i.e. Linder cannot commit it) Thanks."]
    assert len(sentences("We trade hubs, e.g. Henry Hub, and zones, i.e. Zone 6.")) == 1
    assert "ask" in kinds("Gerald,\n\nDo we have a format for producer gas? (i.e. Linder cannot commit it)\n\nJudy")


@pytest.mark.parametrize("body", [
    "Lina,\n\nThe electrician you recommended finished the rewiring on Tuesday, two days early.\n\nThank you!\n\nOmar",
    "Signed this afternoon. Starting in March!\n\nYour script for the salary talk was perfect, thank you.",
    "Big news: Theo got a B+ on the chemistry final. Thank you for tutoring him all spring.",
    "so I did exactly what you said and asked for the manager. They refunded everything and "
    "threw in a voucher.",
    "Quick one: Priya started on Monday and the team already loves her. Thanks for referring her.",
])
def test_news_of_how_particular_help_turned_out_is_an_outcome(body):
    assert "outcome" in kinds(body)


@pytest.mark.parametrize("body", [
    "Thanks for your help on the invoice. We booked the summer strip at 95,000 yesterday.",
    "Thanks for your email. I got it this morning.",
    "Thanks for the intro to Dana! I'll probably call her next week once I got the deck done.",
    "We signed the lease on Friday and moved in on Sunday.",
    "Thank you for reading my letter. We raised 5,300 units of blood last year.",
])
def test_news_without_the_recipients_particular_help_is_not_an_outcome(body):
    assert "outcome" not in kinds(body)


@pytest.mark.parametrize("sentence", [
    "The purpose of this message is to request a meeting with you at your convenience.",
    "That is why I write to you directly and would appreciate hearing from you soon.",
    "This request is per HR, to get your approval on re-hires.",
    "Dr. Ames will be in Houston next week and would like to meet with you.",
    "I was hoping that maybe we could chat for a few minutes at lunch.",
    "I would like each of you to forward your working customer list to Lindsay.",
    "Write me back.",
])
def test_requests_in_formal_and_indirect_words_are_asks(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "I hope we can meet again soon.",
    "The purpose of this message is to announce the new parking rules.",
])
def test_hopes_and_announcements_are_not_asks(sentence):
    assert not is_ask(sentence)


def _reply(body: str) -> Message:
    return Message(source="t", message_id="m@x", subject="Re: plumber", sender=Address("", "alex@x.org"),
                   to=(Address("", "derek@y.org"),), in_reply_to="p@y", text=body, new_text=new_text(body))


def test_news_above_quoted_help_is_an_outcome():
    body = ("Ray came the next morning and fixed the leak in under an hour.\n\n"
            "On Tue, May 6, 2025 at 8:14 AM Derek <derek@y.org> wrote:\n"
            "> Call Ray Alvarez, (415) 555-0187. He's done all our plumbing for years.\n")
    assert [f.kind for f in detect(_reply(body))] == ["outcome"]
    unrelated = ("Ray came the next morning and fixed the leak in under an hour.\n\n"
                 "On Tue, May 6, 2025 at 8:14 AM Derek <derek@y.org> wrote:\n"
                 "> Are we still on for Saturday?\n")
    assert detect(_reply(unrelated)) == ()
    passed_on = ("I passed some questions to Dawn in Calgary.\n\n"
                 "On Tue, May 6, 2025 at 8:14 AM Derek <derek@y.org> wrote:\n"
                 "> I would recommend asking the Calgary office.\n")
    assert "outcome" not in {f.kind for f in detect(_reply(passed_on))}


@pytest.mark.parametrize("body", [
    "Thank you for introducing me to Dr. Okafor. We met at her practice on Monday and she agreed "
    "to a three-month trial, if the numbers hold.",
    "Six weeks ago you told me to drop the free tier. I did it on March 1 and paid signups doubled.",
    "We shipped your suggestion last sprint: the import wizard lost two steps and trials went up.",
    "I rewrote the cover letter the way you suggested. Since then: five applications, three interviews.",
    "Thanks so much for lending me the tent. We stayed dry through two storms, one pole bent though.",
    "ok verdict on your mechanic guy: he replaced the alternator in a day and charged half what the dealer quoted.",
    "The reference letter you wrote me did it: the visa office approved everything on Tuesday.",
    "Megan, the recruiter you put me in touch with, got me a second interview at Dialogue.",
])
def test_what_happened_after_help_named_as_given_is_an_outcome(body):
    assert "outcome" in kinds(body)


@pytest.mark.parametrize("body", [
    # help asked for, not given
    "I would appreciate your recommendation on a contractor. We purchased the house in May.",
    # help named, but only plans and thanks follow
    "Thanks for the intro to Dana! I will call her next week and we'll probably meet in June.",
    "I appreciated your candid advice about the pilot. I plan to re-draft the proposal along the lines you suggested.",
    # returning what was lent is no news of how it went
    "Thank you for lending me the tripod; it's back on the shelf.",
    # family, not a recommendation
    "Your cousin Mike came by with the kids at Easter and we went to the Gem Show.",
    # negation in a plan
    "Thanks for the referral to Ann. I'm sorry we won't be able to meet this Friday.",
])
def test_help_without_news_of_how_it_went_is_no_outcome(body):
    assert "outcome" not in kinds(body)


def test_meeting_the_person_a_quoted_introduction_named_is_an_outcome():
    body = ("Quick close-the-loop: Ben and I met last Tuesday. Not a fit right now, they're mid-reorg.\n\n"
            "On Fri, Mar 22, 2024 at 5:41 PM Sarah <sarah@y.org> wrote:\n"
            "> Alex, meet Ben, who runs operations at Northwind. Ben, Alex runs product at Loomwork.\n"
            "> I'll let you two take it from here.\n")
    assert "outcome" in {f.kind for f in detect(_reply(body))}
    planned = body.replace("Ben and I met last Tuesday", "Ben and I met briefly once, we will talk in June?")
    assert "outcome" not in {f.kind for f in detect(_reply(planned))}
    no_intro = body.split("On Fri")[0] + "On Fri, Mar 22, 2024 at 5:41 PM Sarah <sarah@y.org> wrote:\n> Lunch Friday?\n"
    assert "outcome" not in {f.kind for f in detect(_reply(no_intro))}


@pytest.mark.parametrize("body", [
    "Tomas meet Ines (cc). Ines meet Tomas. You both think about hospital data all day. Go!",
    "Hi Tomas,\n\nI know you paused hiring until spring, so this is early. Ines (cc) ran patient support "
    "for a 12-clinic group for five years. Ines, Tomas is the consultant I told you about.",
    "Numbers are up again this month. Lars and Petra joined us in May. Lars, Petra - Tomas is the advisor "
    "I quote in every meeting.",
    "Ines, Tomas is the CTO of Datahem I told you about at the dinner.",
])
def test_introductions_in_few_words_are_found(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "Lets meet Tuesday at the office.",
    "We should meet Friday if the room is free.",
    "Circuit City (CC) released its same-store sales, down 25%.",
    "Hope to meet Anna at the conference.",
])
def test_meetings_and_tickers_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("sentence", [
    "Please respond if anyone has a different view.",
    "If not, please let me know.",
    "Please let me know if you have any objections.",
    "Otherwise, call me.",
])
def test_requests_to_speak_up_only_against_are_not_asks(sentence):
    assert not is_ask(sentence)


def test_please_let_me_know_whether_the_numbers_are_right_is_an_ask():
    assert is_ask("Please let me know if the numbers look right.")


def test_thanks_again_closing_a_request_is_a_sign_off():
    assert "thanks" not in kinds("Could you send the nominations to Kim by Friday?\n\nThanks again!!!")
    assert "thanks" in kinds("The report arrived this morning.\n\nThanks again!")
    assert "thanks" not in kinds("Please start the draft CSA for Enron.\n\nThanks for you cooperation.")


def test_a_callers_number_passed_on_is_a_message_not_an_introduction():
    relayed = "Sandra called this morning about the gift order. Her work number is 713-692-8522."
    assert "intro" not in kinds(relayed)
    referral = "You should talk to Ann Davis, the lawyer at Westinghouse. Her phone number is 407-736-2017."
    assert "intro" in kinds(referral)


@pytest.mark.parametrize("sentence", [
    "Please RSVP by Friday, Nov 30 to Karin (202-328-5177).",
    "Seating is limited - please rsvp to Constance Charles, x35614",
    "Please R.s.v.p. to Amber at 713-284-8263.",
    "If there are any topics you would like them to cover, please let me know.",
])
def test_invitations_rsvp_lines_and_offers_are_not_asks(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Could you RSVP for the team dinner on my behalf?",
    "If there are any outstanding legal issues outside of credit, please proceed working on the issues.",
])
def test_requests_that_mention_rsvp_or_start_with_if_there_are_any_are_asks(sentence):
    assert is_ask(sentence)


def test_a_plain_thank_you_after_a_report_on_what_the_recipient_sketched_is_thanks():
    body = ("Kavya,\n\nWe switched to per-seat pricing on May 1, basically the model you sketched on that "
            "call in April. Three weeks in, revenue per account is up 31%.\n\nThank you. We'd have kept "
            "bolting on add-ons for another year without that conversation.\n\nRiya")
    assert {"thanks", "outcome"} <= kinds(body)


@pytest.mark.parametrize("body", ["thank youuu 🙏💛", "Thank you!! 🎉", "thx 🙂"])
def test_drawn_out_and_emoji_thank_yous_are_thanks(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "Wayne Fisher has been my contact there. Please give me a call after you have talked with Wayne.",
    "The reason for my note is to recommend my neighbour's son, Tariq Ahmed, for the analyst program.",
    "I would like to recommend Maria Lopez for the associate position in your group.",
])
def test_candidates_recommended_and_people_to_talk_to_are_introductions(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "Once you have spoken to the team, call me.",
    "I recommend the Hilton for the conference.",
    "After you've talked with him, let me know.",
])
def test_recommending_places_and_talking_to_no_one_named_are_not_introductions(body):
    assert "intro" not in kinds(body)


def test_an_owner_only_copied_but_greeted_by_name_is_asked_and_thanked():
    owner = frozenset({"jeff.skilling@enron.com"})
    body = "Jeff and Andy,\n\nThank you for your time yesterday. Could you send me the deck?\n\nHarold"
    greeted = Message(source="t", message_id="m@x", subject="Pru", sender=Address("Harold", "h@x.com"),
                      to=(Address("Andy", "andy@enron.com"),), cc=(Address("", "jeff.skilling@enron.com"),),
                      text=body, new_text=new_text(body))
    assert {f.kind for f in detect(greeted, me=owner)} == {"ask", "thanks"}
    other = body.replace("Jeff and Andy", "Andy")
    not_greeted = replace(greeted, text=other, new_text=new_text(other))
    assert {f.kind for f in detect(not_greeted, me=owner)} == set()


def test_thanks_for_the_opportunity_to_meet_is_thanks_but_to_bid_is_a_formula():
    assert "thanks" in kinds("Mark,\n\nThanks for the opportunity to meet with you and the team.\n\nBill")
    assert "thanks" not in kinds("Thank you for the opportunity to bid on this project.")


@pytest.mark.parametrize("body", [
    "So grateful you put us in touch. The spec was approved on Friday.",
    "Genuinely grateful - you've spared us weeks.",
    "I should say how very grateful I am that you stepped in to chair the AGM.",
    "All of us at Open Doors are so grateful for the hours you've poured into the strategy.",
    "Really appreciate the hour you gave us last week.",
    "Ada, you're an angel for looking after Biscuit all week.",
    "just saw the flowers. u didnt have to. genuinely means a lot",
])
def test_gratitude_without_the_word_thanks_is_thanks(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "Grateful for your comments on the draft by Friday.",
    "It means a lot of work for the desk next week.",
    "We would be grateful if you could send the file.",
])
def test_requests_and_plain_statements_with_grateful_or_means_are_not_thanks(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Remember Kayode? He moved to Lisbon two years ago. His WhatsApp is +351 912 555 018.",
    "Oh and before I forget - so I've given Chioma your email. She might reach out.",
    "I've told him all about you, so don't be surprised if he calls.",
    "Passing on Lindiwe's number: +351 925 555 306. She did the same move with two kids.",
    "On 15 February I am in Porto, so I pass your contact to my colleague Joana Pires (in copy).",
    "This is my cousin Lerato, cc'd - data scientist at a bank in Joburg.",
    "You both live ten minutes from Brockley. It would be criminal for you not to know each other. "
    "I'm stepping out of the thread.",
    "As I start my leave this month, I copy my colleague Dr. Tiago Lemos, who will handle your file.",
    "Hello you two,\n\nAna, this is Ada - we sat next to each other for three years. She's moving to Lisbon. "
    "Ada, this is Ana - she leads product at Verde Clima.",
])
def test_introductions_that_pass_a_contact_on_in_any_words(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "I'm stepping out for lunch, back at two.",
    "Here is Q3's number: 42 million.",
    "I copy the figures below for reference.",
    "Ana, this is Ada from the front desk: your parcel has arrived.",
])
def test_stepping_out_numbers_and_self_introductions_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("body", [
    "The CV you rewrote for Kachi WORKED. He got the apprenticeship at Arup this afternoon.",
    "Sofia and I had coffee in October, then dinner. We signed on a flat two doors down on Thursday. "
    "Thank you for putting us together.",
])
def test_help_rewritten_or_people_put_together_then_news_is_an_outcome(body):
    assert "outcome" in kinds(body)


@pytest.mark.parametrize("body", [
    "Profe,\n\nThank you for reading the whole draft during the holidays. Chapter 3 is much better now.",
    "Thank you for coming to my students yesterday and for staying after the lecture to answer questions.",
    "The archive changed my thesis.\n\nThank you for your time, your phone calls, and for the best tacos of my life.\n\nLucía",
    "It is entirely thanks to you that I didn't buy it with a hidden debt. So: thank you.",
])
def test_thanks_for_personal_favours_are_thanks(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "Thank you for reading my letter, and please consider a gift to the blood drive.",
    "Thank you for coming to our annual conference. Slides are on the website.",
])
def test_thanks_for_reading_a_letter_or_attending_an_event_is_a_courtesy(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "I am copying my colleague Dr. Stefan Wirth, who is the fire safety engineer we work with.",
    "Stefan, Mateo is the architect of the housing project I described.",
    "Mateo, this is my cousin Sebastián (below). He's opening a small restaurant.",
    "My brother-in-law runs a precast plant. I forwarded him your plans this morning.",
    "For the lamps you should talk to Don Aurelio Pérez in Santa Clara; he hammers copper by hand.",
    "I already sent him the sketch and he's expecting you.",
    "For Basel: I'm copying Andreas Imhof, partner at Imhof Partner.",
    "Andreas, Emilio was my best student in 2023, now at the ETH.",
    "Sebastián: Ximena is the lighting designer I mentioned. I'll leave you to it.",
])
def test_introductions_by_architects_and_engineers_are_found(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "They will e-mail you when they get back.",
    "I'm copying the minutes below, as promised.",
    "You should talk to HR about it.",
])
def test_follow_ups_and_copies_of_documents_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Halloway Brandt called this afternoon and offered me the senior associate position. I would never "
    "have known the role existed if you hadn't sent that email to Ernesto. Thank you, truly.",
    "Marcus sent the executed agreement an hour ago: we are architect of record for 62 units. "
    "None of this exists without your email to Marcus in April.",
    "Good news: the installer you brought replaced the flashing on Tuesday and the storm left not one drop.",
])
def test_news_with_help_named_by_what_it_made_possible_is_an_outcome(body):
    assert "outcome" in kinds(body)


def test_a_wish_about_help_not_yet_given_is_no_outcome():
    assert "outcome" not in kinds("If you hadn't time to look, no worries. We met the deadline anyway?")
