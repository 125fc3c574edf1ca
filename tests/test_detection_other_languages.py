"""Requests in the languages users mix into their mail, and those languages'
boilerplate (cases written for session 7, none copied from a label set)."""

from __future__ import annotations

import pytest

from closeloop.core.detection import is_ask


@pytest.mark.parametrize("sentence", [
    "Könntest du mir die Nummer von Herrn Brandt schicken?",
    "Bitte schick mir die Unterlagen bis Freitag.",
    "¿Me podrías recomendar un fontanero?",
    "Pourrais-tu regarder le devis?",
    "Merci de me renvoyer le contrat, s'il te plaît.",
    "Kun je me het nummer van de loodgieter sturen?",
    "Potresti mandarmi le foto?",
    "Per favore, mandami il file.",
    "Poți să-mi trimiți actele?",
    "Te rog să-mi trimiți actele până vineri.",
    "Czy możesz mi przesłać zdjęcia?",
    "Podes me mandar o contacto dele?",
    "Kan du sende meg nummeret?",
])
def test_requests_in_other_languages_are_asks(sentence):
    assert is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Bitte schön!",
    "Bitte beachten Sie die neuen Öffnungszeiten.",
    "Este mensaje fue generado automáticamente; por favor no responda.",
    "Bitte antworten Sie nicht auf diese E-Mail.",
    "In dringenden Fällen wenden Sie sich bitte an das Sekretariat.",
    "I hastesager kontakt venligst kontoret.",
    "Falls Sie den Termin nicht wahrnehmen können, sagen Sie bitte 24 Stunden vorher ab.",
    "Dziękuję bardzo!",
])
def test_courtesies_and_boilerplate_in_other_languages_are_not_asks(sentence):
    assert not is_ask(sentence)
