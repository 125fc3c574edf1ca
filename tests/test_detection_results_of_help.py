"""How the reader's help turned out, told without "it worked" or "thanks to you"
(cases written for session 8, none copied from a label set)."""

from __future__ import annotations

import pytest

from closeloop.core.detection import detect_text, new_text


def kinds(text: str) -> set[str]:
    return {f.kind for f in detect_text(new_text(text))}


@pytest.mark.parametrize("body", [
    "Took your advice and went with the cheaper boiler - best decision of the year.\n\nOla",
    "Following your report, the builder moved the drain and the inspection passed on Monday.\n\nOla",
    "With the ladder you lent us, Piet cleared the gutters and the leak held all week.\n\nOla",
    "The council approved the extension - the drawings you did were what convinced them.\n\nOla",
    "The studio you pointed me to in Noord - signed the lease this morning!\n\nOla",
    "We tried your seed-swap idea at the school fair and it worked: 80 families came.\n\nOla",
    "The first class met on Tuesday. Your reading plan held up perfectly.\n\nOla",
])
def test_a_result_of_the_readers_advice_or_work_is_an_outcome(body):
    assert "outcome" in kinds(body)


@pytest.mark.parametrize("body", [
    "Following your email, we held a meeting about the roof.\n\nOla",
    "I took your car to the garage on Monday.\n\nOla",
    "On the 14th you sent us the flood report and I saved it.\n\nOla",
    "Carla, Paul built the research panel that half the city has since copied.\n\nOla",
    "The old bridge held up in the storm.\n\nOla",
])
def test_news_and_errands_are_not_outcomes(body):
    assert "outcome" not in kinds(body)
