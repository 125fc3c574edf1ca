"""Standing instructions are not asks: they tell the reader how to go on, and
nothing comes back to the sender (cases written for session 8, none copied
from a label set)."""

from __future__ import annotations

import pytest

from closeloop.core.detection import is_ask


@pytest.mark.parametrize("sentence", [
    "Please keep this binder on the trading desk until the new one arrives.",
    "Please use the new cost codes when you book travel.",
    "Please only book rooms through the agency from now on.",
    "Please be on the lookout for the missing delivery slips.",
    "Please continue to route invoices through Maria.",
    "Please encourage your team to sign up for the blood drive.",
    "Please pass this on to anyone who might be interested.",
    "Please keep Tom and his family in your thoughts.",
    "Please include the Harris family in your prayers.",
    "Please remember that the office is closed on Monday.",
    "Also, please use the side entrance during the works.",
])
def test_standing_instructions_are_not_asks(sentence):
    assert not is_ask(sentence)


@pytest.mark.parametrize("sentence", [
    "Please keep me posted on the Denver deal.",
    "Please keep us informed of any changes.",
    "Please use your judgment and send me the numbers by Friday.",
    "Please include Bill Bradford on the invitation if possible.",
    "Please review the draft and keep me updated.",
    "Please keep Tom Reyes involved in the move.",
    "Please pass this along to the right engineer to fix the meter.",
    "Please pass this on to Mary.",
    "Please do use the old forms, just make me a copy.",
])
def test_requests_that_come_back_to_the_sender_are_still_asks(sentence):
    assert is_ask(sentence)
