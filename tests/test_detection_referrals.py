"""Introductions made by passing on a contact, copying someone in or naming
the two people to each other (cases written for session 7, none copied from a label set)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from closeloop.core.detection import detect, detect_text, new_text
from closeloop.core.message import Address, Message


def kinds(text: str) -> set[str]:
    return {f.kind for f in detect_text(new_text(text))}


@pytest.mark.parametrize("body", [
    "Tessel needs to sit in a real studio for a week. Gave her your email; she'll write.\n\nHanneke",
    "Noah is the new TA in the chemistry lab. I gave him your studio number, he'll ring you this week.\n\nAnouk",
    "Talk to Margarethe in Offenbach about the type. I've copied her in.\n\nJoost",
    "Eleanor — Marcus.\nMarcus — Eleanor.\nYou'll like each other.\n\nFemke",
    "Kofi Asante, no question: 06 5531 0942 — tell him you're my neighbour.\n\nF",
    "Ring him on 06 2814 7730 and say you're the letterpress friend of Hanneke.\n\nH",
    "She should ring Ingrid Bos, 010 744 2819. Tell your sister to mention me.\n\nWim",
])
def test_passing_on_a_contact_and_copying_someone_in_are_introductions(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "John, this is the report I told you about.\n\nSue",
    "If you're not signed up for the class, feel free to use my name and password to get in.\n\nJeff",
    "Say you are with the Harris wedding for group rates.\n\nKim",
    "I've copied the minutes in below.\n\nTom",
    "Eleanor, Marcus and I will be late tomorrow.\n\nFemke",
])
def test_documents_passwords_and_lists_of_names_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Credit concerns can be discussed with Dennis Goldmann, who can be reached at 315-460-3349.\n\nPatty",
    "This is David Lasater's resume. He is an effective testifier.\n\nDean",
    "Sally/Janet - I wanted to forward Christine's resume to you for review.\n\nMike",
    "I have asked that he give you a call regarding the curves.\n\nKathy",
    "I have asked Matt Lenhart to give you a call regarding the curves.\n\nKathy",
    "Sheila / Jan Erland may be able to assist.\n\nSara",
])
def test_office_referrals_are_introductions(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "Enron may be able to help.\n\nJeff",
    "The Board may be able to help.\n\nJeff",
    "Questions may be discussed at the meeting.\n\nJeff",
    "I have asked for the resume to be sent again.\n\nKim",
])
def test_companies_boards_and_paperwork_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Dear both,\n\nAnne-Marie: Kechi is the stone conservator I mentioned after the council meeting.\n\n"
    "Kechi: Anne-Marie is the parish priest at Hvilsted.\n\nHenrik",
    "Kechi, Jakub —\n\nJakub, Kechi is the conservator whose mortar you have been staring at since April.\n\nEwa",
    "We're not the right people, you are, so I've sent him your way.\n\nLotte",
    "He has your address and will write to you directly.\n\nLotte",
    "She asked if she could write to you. I've passed on your email, hope that's OK.\n\nT",
    "His address is jens@munch.example; I've given him yours and told him to write.\n\nAnders",
    "You two have been citing each other for years, so consider this the meeting.\n\nMalene",
    "I told him you're the only person I'd let near it and gave him your card.\n\nKasper",
])
def test_introductions_without_the_word(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "Ingrid Bos passed on your details. I'm her cousin, the vet in Bergen.\n\nTor",
    "Sam, this is the report whose numbers are off.\n\nJo",
    "I told them to expect delays on the Lisbon order.\n\nPiet",
])
def test_a_stranger_naming_who_sent_them_and_reports_are_not_introductions(body):
    assert "intro" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Rosa, Khadija —\n\nKhadija's tea brand needs a wrap for its gift boxes. Rosa has just moved here from Dublin "
    "and marbles like a dream.\n\nCoffee at the café by the ferry this week. Go.\n\nF",
    "Femke, Rosa is moving to Rotterdam and knows nobody. You're the first person I thought of.\n\n"
    "Rosa, Femke knows every maker in that city.\n\nO.",
])
def test_a_message_to_two_people_telling_each_about_the_other_is_an_introduction(body):
    assert "intro" in kinds(body)


def test_two_colleagues_greeted_and_a_third_named_is_not_an_introduction():
    assert "intro" not in kinds("Sally/Janet - Bob is out today, please cover the desk.\n\nMike")
    assert "intro" not in kinds("Sally/Janet - Janet is out today, so Sally please cover the desk.\n\nMike")


@pytest.mark.parametrize("body", [
    "Please also be sure to contact Mary Cook who is the lawyer in Houston coordinating our netting.\n\nPaul",
    "We are okay with the give-up. Jean-Pierre at Fimat is the contact for any questions.\n\nSheila",
    "I have asked that he [Matt Lenhart] give you a call regarding the curves.\n\nKathy",
])
def test_pointing_to_the_person_who_handles_it_is_an_introduction(body):
    assert "intro" in kinds(body)


def copied_message(body: str) -> Message:
    return Message(source="t", message_id="c@x", subject="Gas contract", sender=Address("Jim", "jim@co.com"),
                   to=(Address("", "jeff@co.com"),), cc=(Address("Juan Alvarez", "juan.alvarez@co.com"),),
                   text=body, new_text=new_text(body), date=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))


def test_sending_the_reader_to_someone_copied_on_the_message_is_an_introduction():
    me = frozenset({"jeff@co.com"})
    found = detect(copied_message("The utility still disputes the bill.\n\n"
                                  "Please contact Juan if you think we can be of any help in resolving this.\n\nJim"), me=me)
    assert "intro" in {f.kind for f in found}


@pytest.mark.parametrize("body", [
    "If you have any questions, please contact Juan at x37962.\n\nJim",
    "Please contact Juan or me if you would like further updates.\n\nJim",
    "Please contact Juan to get a time on my calendar.\n\nJim",
    "Please contact Maria if you think we can help.\n\nJim",  # Maria is not on the message
])
def test_whom_to_ask_questions_or_book_a_time_with_is_not_an_introduction(body):
    assert "intro" not in {f.kind for f in detect(copied_message(body), me=frozenset({"jeff@co.com"}))}


# Session 8: handing the recipient someone to get in touch with (written here, none from a label set).
@pytest.mark.parametrize("body", [
    "Two more candidates for the night desk are attached. If interested please contact these people directly.\n\nLloyd",
    "Both of them are looking. Please feel free to call them directly.\n\nRosa",
    "I would ask that you contact Anna Berg, our head of procurement, at 555-0142.\n\nTom",
    "Our payroll office referred me to a lawyer in Quebec. Please see his contact info below.\n\nCathy",
])
def test_handing_over_people_to_contact_is_an_introduction(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "If you have questions, please contact them directly.\n\nLloyd",
    "Please contact me directly with any changes.\n\nRosa",
    "I would ask that you call me before Friday.\n\nTom",
    "Please see the contact info below.\n\nCathy",
])
def test_contact_lines_about_the_sender_or_no_one_are_not_introductions(body):
    assert "intro" not in kinds(body)


def presented_message(body: str) -> Message:
    """From Ines to Jeff Moore, with Juan Alvarez copied."""
    return Message(source="t", message_id="p@x", subject="Douro bid", sender=Address("Ines", "ines@lab.org"),
                   to=(Address("Jeff Moore", "jeff@co.com"),), cc=(Address("Juan Alvarez", "juan.alvarez@lab.org"),),
                   text=body, new_text=new_text(body), date=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))


@pytest.mark.parametrize("body", [
    "Hi Jeff,\n\nJuan is putting a bid together.\n\nJuan, Jeff is the geologist I mentioned; he knows the basin.\n\nInes",
    "+ Juan\n\nJuan, this is Jeff, the water man from the corner desk.\n\nInes",
    "Jeff,\n\nThe piece ran on Sunday.\n\nJuan - Jeff was my best source on this.\n\nInes",
])
def test_speaking_to_someone_on_the_message_about_the_owner_is_an_introduction(body):
    found = detect(presented_message(body), me=frozenset({"jeff@co.com"}))
    assert "intro" in {f.kind for f in found}


@pytest.mark.parametrize("body", [
    "Juan, Jeff is out until Monday, so the bid waits.\n\nInes",  # news of the owner, not a presentation
    "Juan, Jeff will send the numbers tomorrow.\n\nInes",
    "Jeff, Juan has the numbers.\n\nInes",
    "Juan and Jeff both know the basin.\n\nInes",
])
def test_news_of_the_owner_told_to_someone_on_the_message_is_not_an_introduction(body):
    found = detect(presented_message(body), me=frozenset({"jeff@co.com"}))
    assert "intro" not in {f.kind for f in found}


@pytest.mark.parametrize("body", [
    "For the lease, you want Ruth Olsen at Olsen Legal. I've told her to expect you.\n\nDag",
    "Sent a client your way: Mr. Petrov, who wants his cellar waterproofed.\n\nIvo",
    "I recommended you to my sister-in-law, Mira Hale, who needs a surveyor.\n\nPer",
    "As promised, here is the contact of my colleague Dr. Lena Voss: l.voss@lab.example.\n\nKai",
    "Call her and say you're Ola's friend from the choir.\n\nOla",
    "Gave your number to Sanne Dekker at the market on Saturday. She'll call.\n\nLot",
    "I told Jorunn you're the person for old boilers.\n\nEli",
    "Her details are below, drop her a line when you're back.\n\nEli",
])
def test_sending_someone_the_readers_way_is_an_introduction(body):
    assert "intro" in kinds(body)


@pytest.mark.parametrize("body", [
    "I sent a package your way on Monday.\n\nIvo",
    "I recommended you to the committee for the award.\n\nPer",
    "I mentioned you to my boss yesterday.\n\nPer",
    "Here is the number for the taxi: 555-0199.\n\nKai",
    "Below are the details for a survey of the members.\n\nKai",
    "Here are the details of our account: 4411-2290.\n\nKai",
    "Would like to drop him a message about the invoice.\n\nEli",
    "I have told them to expect delays.\n\nDag",
])
def test_parcels_committees_and_taxis_are_not_introductions(body):
    assert "intro" not in kinds(body)
