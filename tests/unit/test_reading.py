"""The guard reads text the way a reader does: what a browser shows is what is scanned.

Each written form below shows a reader personal data, so each must be found, at the right
place in the text as written; allow-lists match the text as read.
"""

from __future__ import annotations

import pytest

from yswd.guards.patterns import Allowed, find_personal_data, reading

NHS = "9434765919"  # the NHS's own published example number
PHONE = "07700 900123"


def kinds(text: str, allowed: Allowed = Allowed()) -> list[str]:
    return [hit.kind for hit in find_personal_data(text, allowed)]


@pytest.mark.parametrize(
    "written, kind",
    [
        ("jo&#64;gmail.com", "email"),
        ("jo&#x40;gmail&#46;com", "email"),
        ("jo&commat;gmail&period;com", "email"),
        ("jo%40gmail.com", "email"),
        ("jo\\@gmail.com", "email"),
        ("jo<span>@</span>gmail.com", "email"),
        ("jo [at] gmail [dot] com", "email"),
        ("jo(at)gmail(dot)com", "email"),
        ("jo ＠ gmail．com", "email"),
        ("０７７００ ９００１２３", "phone"),
        ("07700\u00a0900123", "phone"),
        ("07700\u2009900123", "phone"),
        ("07700\u2013900123", "phone"),
        ("077\u200b00 900\u200d123", "phone"),
        ("0770<!-- -->0 900123", "phone"),
        ("07700 **900123**", "phone"),
        ("jo@*gmail*.com", "email"),
        ("jo@gm_ail_.com", "email"),
        ("jo\\_bloggs@ex~~am~~ple.com", "email"),
        ("07700 9*001*23", "phone"),
        ("0770`0`900123", "phone"),
        ("943 4*76* 5919", "nhs-number"),
        ("943\\-476-5919", "nhs-number"),
        ("&#48;7700 900123", "phone"),
        ("https://example.org/call-07700900123", "phone"),
        ("https://example.org/07700900123", "phone"),
        ("943\u2013476\u20135919", "nhs-number"),
        ("943\u2014476\u20145919", "nhs-number"),
        ("943\u2212476\u22125919", "nhs-number"),
        ("943 - 476 - 5919", "nhs-number"),
        ("943--476--5919", "nhs-number"),
        ("943 476-5919", "nhs-number"),
        ("943.476.5919", "nhs-number"),
        ("943/476/5919", "nhs-number"),
        ("９４３ ４７６ ５９１９", "nhs-number"),
        ("٩٤٣٤٧٦٥٩١٩", "nhs-number"),
        ("referral-9434765919", "nhs-number"),
        ("born 12 March 1961", "date-of-birth"),
        ("Born: 12/03/1961", "date-of-birth"),
        ("b. 12/03/1961", "date-of-birth"),
        ("date of birth 1961-03-12", "date-of-birth"),
        ("date_of_birth: 1961-03-12", "date-of-birth"),
        ("birthday is 12th March", "date-of-birth"),
        ("born on the 12th of March, 1961", "date-of-birth"),
        ("DOB\u00a012\u201303\u20131961", "date-of-birth"),
    ],
)
def test_what_a_reader_sees_is_found(written: str, kind: str) -> None:
    assert kinds(f"Contact: {written} today.") == [kind]


def test_hits_point_at_the_text_as_written() -> None:
    text = "Line one &amp; more\u200b.\nCall &#48;7700\u00a0900123 now."
    [hit] = find_personal_data(text)
    assert text[hit.start : hit.end] == "&#48;7700\u00a0900123"
    assert text.count("\n", 0, hit.start) == 1


def test_reading_maps_every_offset_back() -> None:
    text = "a&#64;b\u200bc ＠ d"
    read = reading(text)
    assert read.text == "a@bc @ d"
    assert [text[read.written(i) : read.written(i + 1, end=True)] for i in range(len(read.text))] == [
        "a", "&#64;", "b", "c", " ", "＠", " ", "d",
    ]


def test_allow_lists_match_the_text_as_read() -> None:
    allowed = Allowed(("01632 960000", "switchboard@example.nhs.uk"))
    assert kinds("Ring 01632\u00a0960000 or 01632\u2009960000.", allowed) == []
    assert kinds("Write to switchboard&#64;example.nhs.uk.", allowed) == []
    assert kinds("Ring ０１６３２ ９６００００.", allowed) == []
    assert kinds("Ring 01632 960001.", allowed) == ["phone"]
    assert kinds("Write to contact&#64;example.nhs.uk.", Allowed((), "contact@example.nhs.uk")) == []


@pytest.mark.parametrize(
    "text",
    [
        "In 2025-26 we heard from 1,204 people &amp; carers.",
        "Ratings: 4&ndash;5 stars from 120 people.",
        "The clinic moved on 12 March 1980 and was born again in 2020.",
        "Version 2.1.0 &mdash; published 2025-03-01.",
        "Prices from £1.50 to £3.20 per item, 50% off.",
        "Children born in 2020 are eligible from 12/03/2025.",
    ],
)
def test_ordinary_text_read_as_a_reader_is_still_not_personal_data(text: str) -> None:
    assert kinds(text) == []


def test_markdown_punctuation_between_words_is_not_personal_data() -> None:
    assert kinds("A *plain* word, snake_case_name, `code` and ~~struck~~ text, 12 *of* 40.") == []
