"""Names in ids and file names: a person's name is found, and a place named after a person is not."""

from __future__ import annotations

import pytest

from yswd.guards.names import hide_names, name_in


@pytest.mark.parametrize("text", ["john-smith", "call-mrs-patel", "dr-khan.pdf", "notes_jack_taylor", "neil-young-feedback"])
def test_a_name_is_found(text: str) -> None:
    assert name_in(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "william-harvey-hospital", "william-harvey-hospital-parking", "mary-seacole-ward", "frank-james-hospital",
        "jade-hill-surgery", "martin-lewis-centre", "grace-period", "may-day", "rose-hill-surgery", "april-workshop",
    ],
)
def test_a_place_named_after_a_person_and_words_about_the_subject_are_not_names(text: str) -> None:
    assert name_in(text) is None


def test_a_place_word_only_counts_straight_after_the_name() -> None:
    assert name_in("hospital-john-smith") is not None
    assert name_in("john-smith--hospital") is not None  # two gaps: not one name
    assert hide_names("thanks-john-smith", "(hidden)") == "thanks-(hidden)"
