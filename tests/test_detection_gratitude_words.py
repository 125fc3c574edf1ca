"""Gratitude in other languages and in other words, and the shop formulas of
those languages (cases written for session 7, none copied from a label set)."""

from __future__ import annotations

import pytest

from closeloop.core.detection import detect_text, new_text


def kinds(text: str) -> set[str]:
    return {f.kind for f in detect_text(new_text(text))}


@pytest.mark.parametrize("body", [
    "Dear Ines,\n\nDziękuję bardzo for the day at the quarry and for driving me back.\n\nJakub",
    "Gracias por la recomendación: el fontanero vino ayer y todo funciona.\n\nLuz",
    "Merci pour ton aide hier, le déménagement s'est bien passé.\n\nClaire",
    "Bedankt voor je hulp met de verhuizing!\n\nSanne",
    "Çok teşekkürler for the lift to the airport.\n\nEmre",
    "Shukriya for the recipe, the dal came out perfectly.\n\nRiya",
    "Vielen Dank für die Empfehlung, Herr Brandt hat schon angerufen.\n\nJonas",
    "We couldn't have done it without you.\n\nThe Okafors",
    "Your postcard totally made my week.\n\nMo",
    "It was so kind of you to drive Ada home on Sunday.\n\nBirgit",
    "Femi got the grant. So thank you, from both of us.\n\nH",
    "Ewa agreed to supervise. None of this would be happening without that email of yours.\n\nSofie",
    "Ewa said yes!\n\nTak, tak, tak.\n\nSofie",
])
def test_gratitude_in_other_languages_and_other_words(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "¡Gracias por volar con Aerovista! Su tarjeta de embarque está adjunta.",
    "Gracias por comprar en Monte Alto Outdoor.",
    "Gracias por tu correo. Estoy de vacaciones hasta el lunes.",
    "Vielen Dank für Ihren Einkauf! Ihre Bestellung wird bearbeitet.",
    "Tak for din mail. Jeg er på ferie til den 4. august.",
    "Merci pour votre message, je vous réponds dès mon retour.",
    "How kind of you to ask. We are all fine here.",
    "Would you be so kind as to send the file by Friday?",
])
def test_formulas_and_requests_are_not_gratitude(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Here is the one-page version.\nThanks for you help.\nBryce",
    "Everything looks right now.  Thanks for your help\n\nDarron",
    "Thanks so much in helping us clarify what was needed.\n\nSue",
    "Thank you for your cooperation throughout the entire drafting process.\n\nJohn",
])
def test_a_thank_you_for_help_in_a_message_that_asks_nothing_is_gratitude(body):
    # Session 7: fresh labellers (test set 8, development set 9) read a closing thank-you for
    # help after a delivery or a report as gratitude; closing a request it is still a formula.
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "Could you send me the signed copy by Friday?\nThanks for your help.\nBryce",
    "Jennifer, attached is the model.\n\nThanks for everyone's help (Edith/Charlie)\n\n- Jim",
    "Please sign and return by Friday. Thank you for your cooperation.",
    "Thank you for communicating.",
])
def test_a_thank_you_closing_a_request_or_thanking_everyone_is_a_formula(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "You wrote it in a weekend. I'm in your debt.\n\nPiet",
    "You've saved my autumn.\n\nLotte",
    "That lunch saved my skin: the pitch went in with real numbers.\n\nAnouk",
    "Your card made my whole week.\n\nWim",
    "Dank je wel dat je hem zo lang wilde hebben, echt.\n\nMarijke",
    "Zaterdag was heerlijk. Je bent een engel.\n\nSanne",
    "Wat lief van je om Riet dat kaartje te sturen.\n\nMam",
])
def test_more_gratitude_in_other_words(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "Re your news: this made my whole week. So proud of you!\n\nSam",
    "I gave him your name and told him you're the best there is.\n\nJoost",
])
def test_joy_at_news_and_praise_to_others_are_not_gratitude(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "THANK YOU FOR CALLING NORDIC TRAVEL\n\nYour itinerary is below.",
    "Thank you for contacting First Harbour Bank.\n\nCase 44812 is open.",
    "Thanks for playing,\n\nThe Fantasy League team",
])
def test_a_companys_thanks_for_calling_contacting_or_playing_is_a_formula(body):
    assert "thanks" not in kinds(body)


@pytest.mark.parametrize("body", [
    "Thanks for calling Mom for me.\n\nAnna",
    "Thanks for calling me back so quickly.\n\nAnna",
    "Thanks for contacting Jim on my behalf.\n\nAnna",
    "Thanks for playing host on Saturday.\n\nAnna",
    "Thanks again for playing postman with the parcels!\n\nAnna",
])
def test_thanks_for_calling_someone_or_playing_host_is_gratitude(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "The appeal went our way this morning.\n\nWe owe you. All of us do.\n\nRenate",
    "You and Piet are lifesavers for lending us the van.\n\nRenate",
    "You guys are heroes, the garden looks new.\n\nRenate",
])
def test_owing_the_reader_and_calling_them_lifesavers_is_gratitude(body):
    assert "thanks" in kinds(body)


@pytest.mark.parametrize("body", [
    "We owe you $400 for the parts.\n\nRenate",
    "We owe you an answer on the lease by Friday.\n\nRenate",
    "The Giants are heroes tonight.\n\nRenate",
])
def test_debts_and_other_peoples_heroes_are_not_gratitude(body):
    assert "thanks" not in kinds(body)
