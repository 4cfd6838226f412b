"""The personal-data guard, through real files: what it finds, where it says it is, what it lets through.

Numbers here are real-shaped but not real: NHS numbers are made by computing the check
digit, and phone numbers come from Ofcom's ranges kept for drama (01632 960xxx,
020 7946 0xxx, 0113 496 0xxx, 07700 900xxx).
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from yswd.guards.patterns import Allowed, find_personal_data, nhs_check_digit_ok

DRAFT = """---
title: Talking to carers
type: survey
status: {status}
start: 2025-06-01
{extra}---
{body}
"""


def nhs_number(first_nine: str) -> str | None:
    """The full NHS number for nine digits, or None when no check digit exists (it would be 10)."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1)))
    check = (11 - total % 11) % 11
    return None if check == 10 else first_nine + str(check)


def valid_nhs_numbers(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    found: list[str] = []
    while len(found) < count:
        number = nhs_number("".join(rng.choice("0123456789") for _ in range(9)))
        if number:
            found.append(number)
    return found


def wrong_check_digit(number: str) -> str:
    return number[:9] + str((int(number[9]) + 1) % 10)


def spaced(number: str, sep: str = " ") -> str:
    return f"{number[:3]}{sep}{number[3:6]}{sep}{number[6:]}"


def kinds(text: str, allowed: Allowed = Allowed()) -> list[str]:
    return [hit.kind for hit in find_personal_data(text, allowed)]


def draft(status: str = "draft", extra: str = "", body: str = "Nothing personal here.") -> str:
    return DRAFT.format(status=status, extra=extra, body=body)


def guard_problems(site) -> list:
    return [p for p in site.check().problems if "looks like" in p.message]


# --- what it finds -----------------------------------------------------------------------------


def test_the_check_digit_is_modulus_11() -> None:
    assert nhs_check_digit_ok("9434765919")  # the NHS's own published example
    assert not nhs_check_digit_ok("9434765918")
    assert not nhs_check_digit_ok("943476591")
    for number in valid_nhs_numbers(50):
        assert nhs_check_digit_ok(number)
        assert not nhs_check_digit_ok(wrong_check_digit(number))


@pytest.mark.parametrize("number", valid_nhs_numbers(5))
@pytest.mark.parametrize("written", [lambda n: n, spaced, lambda n: spaced(n, "-")])
def test_valid_nhs_numbers_are_found_spaced_or_not(number: str, written) -> None:
    assert kinds(f"Patient {written(number)} told us about waits.") == ["nhs-number"]


@pytest.mark.parametrize("number", [wrong_check_digit(n) for n in valid_nhs_numbers(5)] + ["1234567890", "9434765918"])
def test_ten_digits_failing_the_check_are_not_nhs_numbers(number: str) -> None:
    assert nhs_check_digit_ok(number) is False
    assert kinds(f"Reference {number} and {spaced(number)}.") == []


def test_nine_digits_whose_check_digit_would_be_10_never_make_an_nhs_number() -> None:
    first_nine = next(n for n in (f"{i:09d}" for i in range(400000000, 400001000)) if nhs_number(n) is None)
    for last in "0123456789":
        assert not nhs_check_digit_ok(first_nine + last)


@settings(max_examples=200)
@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_any_valid_nhs_number_is_found_and_a_wrong_check_digit_is_not(first_nine: str) -> None:
    number = nhs_number(first_nine)
    assume(number is not None)  # a check digit of 10: no valid NHS number starts with these nine
    assert kinds(f"NHS no. {spaced(number)}") == ["nhs-number"]
    assert kinds(f"Our ref {wrong_check_digit(number)}") == []


def test_longer_digit_runs_are_not_nhs_numbers() -> None:
    number = valid_nhs_numbers(1)[0]
    assert kinds(f"ref 1{number}") == []
    assert kinds(f"ref {number}2") == []
    assert kinds(f"amount {number}.50") == []


@pytest.mark.parametrize(
    "phone",
    [
        "01632 960123", "01632960123", "01632 960 123", "(01632) 960123", "020 7946 0321",
        "02079460321", "(020) 7946 0321", "0113 496 0999", "07700 900123", "07700900123",
        "07700 900 123", "+44 7700 900123", "+447700900123", "+44 (0)20 7946 0321",
        "0044 1632 960123", "01204 12345", "0113-496-0999",
    ],
)
def test_uk_landline_and_mobile_numbers_are_found(phone: str) -> None:
    assert kinds(f"Call Sam on {phone} after 6pm.") == ["phone"]


@pytest.mark.parametrize(
    "text",
    [
        "In 2025 we heard from 1,204 people; 2024-25 was quieter.",
        "We met on 01/02/2025, 2025-01-12 and 12.03.2024 at 10:30.",
        "On 01-02-2025 100 people came, and on 07-12-2024 1200.",
        "Between 2019 and 2023 about 3500 people took part (12% of 29000).",
        "Call NHS 111 or 999 in an emergency.",
        "Budget £1,250,000 for 2026-27; 35 per cent more than 2025.",
        "The freephone line is 0800 123 4567 and the booking line 0300 123 4567.",
        "Survey ran from 2025-03-01 to 2025-04-30 with 412 replies.",
    ],
)
def test_years_dates_counts_and_organisation_numbers_are_not_phone_numbers(text: str) -> None:
    assert kinds(text) == []


REAL_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=300)
@given(
    st.lists(
        st.one_of(
            st.integers(0, 10**7).map(str),
            st.integers(1990, 2035).map(lambda y: f"{y}-{(y + 1) % 100:02d}"),
            REAL_DATES.map(lambda d: d.isoformat()),
            REAL_DATES.map(lambda d: d.strftime("%d/%m/%Y")),
            REAL_DATES.map(lambda d: d.strftime("%d-%m-%Y")),
            REAL_DATES.map(lambda d: d.strftime("%d.%m.%y")),
            st.integers(0, 100).map(lambda n: f"{n}%"),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([" ", ", ", " and ", " to ", "; "]),
)
def test_counts_years_and_dates_are_never_phone_numbers_or_postcodes(values: list[str], sep: str) -> None:
    assert not {"phone", "postcode", "email", "date-of-birth"} & set(kinds("In " + sep.join(values) + " people took part."))


@pytest.mark.parametrize(
    "email",
    ["jane.doe@example.com", "j.o'neill+clinic@nhs.net", "PAT_SMITH99@Example.Co.UK"],
)
def test_email_addresses_are_found(email: str) -> None:
    assert kinds(f"Write to {email}.") == ["email"]


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "W1A 0AX", "LS1 4AP", "sg1 1aa", "M11AE"])
def test_full_postcodes_are_found(postcode: str) -> None:
    assert kinds(f"She lives at {postcode} near the park.") == ["postcode"]


@pytest.mark.parametrize(
    "text",
    [
        "Clinics across the SW1A and M1 districts, and in LS1.",
        "Covid-19 boosters for COVID19 and the A1 road, junction 14.",
        "In H1 2nd half-year reports and Q3 2025 plans.",
        "Room B12 on floor 3, and ward 2A.",
    ],
)
def test_partial_postcodes_and_similar_words_are_not_postcodes(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "DOB 12/03/1980", "DOB: 12-03-80", "D.O.B. 1980-03-12", "d.o.b 3 March 1951",
        "Date of birth: 3rd of May 1951", "her date of birth is 14/07/1962", "born on 5 July 1948",
        "He was born on May 5th, 1948.",
    ],
)
def test_dates_of_birth_in_context_are_found(text: str) -> None:
    assert kinds(text) == ["date-of-birth"]


@pytest.mark.parametrize(
    "text",
    [
        "We asked for people's date of birth on the form.",
        "Children born in 2020 are eligible from 12/03/2025.",
        "Dobson Street clinic opened on 12 March 1980.",
        "The survey ran to 12/03/2025.",
    ],
)
def test_dates_without_birth_context_are_not_dates_of_birth(text: str) -> None:
    assert kinds(text) == []


def test_allowed_texts_let_exactly_that_text_through() -> None:
    allowed = Allowed(("01632 960123", "Harrowdale Library, HD1 2AB"))
    assert kinds("Call 01632 960123.", allowed) == []
    assert kinds("Call 01632\n960123.", allowed) == []  # the story wrapped onto a new line
    assert kinds("Meet at Harrowdale Library, HD1 2AB.", allowed) == []
    assert kinds("Call 01632 960124.", allowed) == ["phone"]
    assert kinds("Call 01632960123.", allowed) == ["phone"]  # written differently: not the checked text
    assert kinds("She lives at HD1 2AB.", allowed) == ["postcode"]  # not as part of the allowed text


def test_the_contact_email_is_allowed_in_any_case() -> None:
    allowed = Allowed((), "engagement@example.nhs.uk")
    assert kinds("Email Engagement@Example.NHS.uk or call.", allowed) == []
    assert kinds("Email someone@example.nhs.uk.", allowed) == ["email"]


# --- through real files -----------------------------------------------------------------------


def test_nested_front_matter_fields_are_named_and_on_their_line(site) -> None:
    number = valid_nhs_numbers(1, seed=11)[0]
    site.record(
        "pd.md",
        draft(
            extra=(
                "reach:\n"
                "  methods: [online survey, ring 07700 900123]\n"
                "you_said:\n"
                "  - id: waits\n"
                "    theme: Waits\n"
                f"    quote: \"My NHS number is {spaced(number)} and still no scan.\"\n"
                "we_did:\n"
                "  - id: saturday-clinic\n"
                "    responds_to: [waits]\n"
                "    action: Saturday clinic.\n"
                "    status: in-progress\n"
                "    updates:\n"
                "      - date: 2025-07-01\n"
                "        text: Venue agreed at 12 Mill Lane, HD1 2AB.\n"
            )
        ),
    )
    found = {(p.line, p.field, p.message.split(".")[0]) for p in guard_problems(site)}
    assert found == {
        (7, "reach.methods[2]", "looks like a UK phone number"),
        (11, "you_said[waits].quote", "looks like an NHS number"),
        (19, "we_did[saturday-clinic].updates[1].text", "looks like a full postcode"),
    }
    assert all(p.path == "content/engagements/pd.md" for p in guard_problems(site))


def test_a_value_over_several_lines_is_reported_on_the_line_it_is_on(site) -> None:
    site.record(
        "pd.md",
        draft(extra="take_part: >-\n  Fill in the survey online, or\n  call Sam on 07700 900456\n  in the evening.\n"),
    )
    [problem] = guard_problems(site)
    assert (problem.line, problem.field) == (8, "take_part")


def test_the_story_is_scanned_with_the_right_line(site) -> None:
    number = valid_nhs_numbers(1, seed=3)[0]
    body = (
        "We spoke to carers in Northvale.\n"
        "\n"
        "One carer, DOB 04/11/1957, told us about respite.\n"
        "Another asked us to write to\n"
        "pat.jones@example.com about the results.\n"
        f"Her NHS number is {number}.\n"
        "Call the team on 01632\n"
        "960555 to find out more.\n"
    )
    path = site.record("pd.md", draft(body=body))
    lines = path.read_text().split("\n")
    body_start = lines.index("---", 1) + 2
    found = sorted((p.line, p.field, p.message.split(".")[0]) for p in guard_problems(site))
    assert found == [
        (body_start + 2, "body", "looks like a date of birth"),
        (body_start + 4, "body", "looks like an e-mail address"),
        (body_start + 5, "body", "looks like an NHS number"),
        (body_start + 6, "body", "looks like a UK phone number"),
    ]
    assert "DOB" in lines[body_start + 2 - 1] and number in lines[body_start + 5 - 1]


@pytest.mark.parametrize("status", ["draft", "review", "published", "withdrawn"])
def test_records_of_every_status_are_scanned(site, status: str) -> None:
    text = site.read("content/engagements/scan-times.md").replace("status: published", f"status: {status}")
    site.record("scan-times.md", text.replace("The clinic opened in August.", "Ask for Jo on 07700 900789."))
    problems = guard_problems(site)
    assert [(p.field, p.message.split(".")[0]) for p in problems] == [("body", "looks like a UK phone number")]


def test_a_record_with_other_mistakes_is_still_scanned(site) -> None:
    site.record("broken.md", draft(extra="colour: blue\nsummary: Email jo.bloggs@example.com\n"))
    problems = site.check().problems
    assert [(p.line, p.field) for p in problems if "not a field we know" in p.message] == [(6, "(unknown field)")]
    assert [(p.line, p.field) for p in problems if "looks like" in p.message] == [(7, "summary")]


def test_a_record_whose_yaml_cannot_be_read_is_still_scanned(site) -> None:
    site.record("broken.md", "---\ntitle: \"Unclosed\nsummary: ring 07700 900321\n---\nStory with SW1A 1AA.\n")
    found = sorted((p.line, p.field, p.message.split(".")[0]) for p in guard_problems(site))
    assert found == [(3, "", "looks like a UK phone number"), (5, "body", "looks like a full postcode")]


def test_the_strategy_is_scanned(site) -> None:
    strategy = site.read("content/strategy.yml")
    site.write("content/strategy.yml", strategy.replace("Online and paper.", "Online, paper, or ring Jo on 07700 900111."))
    problems = guard_problems(site)
    assert [(p.path, p.field) for p in problems] == [("content/strategy.yml", "methods[surveys].description")]
    assert "personal_data.allow" in problems[0].message


def test_the_record_allow_list_and_the_site_allow_list_let_checked_text_through(site) -> None:
    site.record(
        "venue.md",
        draft(
            extra=(
                "summary: Drop-in at the library, SG1 1AA, or call 01632 960000.\n"
                "allow_personal_data:\n"
                "  - text: SG1 1AA\n"
                "    reason: Postcode of the public library.\n"
            ),
            body="Same venue again: SG1 1AA. Another place: SG1 2BB.",
        ),
    )
    problems = guard_problems(site)
    assert [(p.field, p.message.split(".")[0]) for p in problems] == [("body", "looks like a full postcode")]
    # one record's exception is not the whole site's
    site.record("other.md", draft(body="Meet at SG1 1AA."))
    assert sorted(p.path for p in guard_problems(site)) == ["content/engagements/other.md", "content/engagements/venue.md"]


def test_the_organisation_contact_email_is_allowed_and_others_are_not(site) -> None:
    site.record("mail.md", draft(extra="take_part: Email engagement@testshire.example.nhs.uk.\n", body="Or email pals@testshire.example.nhs.uk."))
    assert [(p.field, p.message.split(".")[0]) for p in guard_problems(site)] == [("body", "looks like an e-mail address")]


def test_the_allow_list_still_counts_when_organisation_yml_has_a_mistake(site) -> None:
    org = site.read("site_config/organisation.yml")
    site.write("site_config/organisation.yml", org.replace("financial_year_start_month: 4", "financial_year_start_month: 13"))
    site.record("call.md", draft(body="Ring 01632 960000 or email engagement@testshire.example.nhs.uk."))
    problems = site.check().problems
    assert any(p.field == "financial_year_start_month" for p in problems)
    assert not [p for p in problems if "looks like" in p.message]


def test_messages_never_repeat_the_value(site) -> None:
    secrets = [spaced(valid_nhs_numbers(1, seed=5)[0]), "07700 900222", "jo.secret@example.com", "HD7 4XY", "12/03/1980"]
    site.record(
        "pd.md",
        draft(
            extra=f"summary: \"{secrets[0]} {secrets[1]}\"\n",
            body=f"{secrets[2]} lives at {secrets[3]}, DOB {secrets[4]}.",
        ),
    )
    problems = guard_problems(site)
    assert len(problems) == 5
    shown = "\n".join(str(p) for p in problems)
    for secret in secrets:
        for part in secret.split():
            assert part not in shown
    assert all("allow_personal_data" in p.message for p in problems)


# --- through the real command and build ----------------------------------------------------------


def test_yswd_check_fails_naming_file_line_and_kind_without_the_value(site) -> None:
    number = valid_nhs_numbers(1, seed=9)[0]
    path = site.record("pd.md", draft(body=f"We met a patient.\nNHS number {spaced(number)}, seen twice.\n"))
    story_line = path.read_text().split("\n").index("We met a patient.") + 2
    result = site.yswd("check")
    assert result.returncode == 1, result.stdout
    assert f"content/engagements/pd.md:{story_line}: body: looks like an NHS number." in result.stdout
    assert "1 problem to fix" in result.stdout
    for part in spaced(number).split():
        assert part not in result.stdout + result.stderr

    github = site.yswd("check", "--format", "github")
    assert github.returncode == 1
    assert f"::error file=content/engagements/pd.md,line={story_line},title=body::looks like an NHS number." in github.stdout
    assert number[:3] + " " not in github.stdout


def test_yswd_check_passes_with_an_invalid_check_digit(site) -> None:
    number = wrong_check_digit(valid_nhs_numbers(1, seed=9)[0])
    site.record("ref.md", draft(body=f"Our reference was {spaced(number)}."))
    result = site.yswd("check")
    assert result.returncode == 0, result.stdout
    assert "No problems found" in result.stdout


def test_the_build_stops_on_personal_data(site) -> None:
    site.record("pd.md", draft(body="Call 07700 900333."))
    result = site.mkdocs("build")
    assert result.returncode != 0
    assert "looks like a UK phone number" in result.stderr + result.stdout
    assert "900333" not in result.stderr + result.stdout
    assert not (site.root / "site").exists()


def test_comments_duplicate_keys_and_unknown_fields_are_scanned_too(site) -> None:
    site.record(
        "hidden.md",
        draft(
            extra=(
                "# ring Jo on 07700 900444 about this\n"
                "summary: Nothing here.\n"
                "summary: Email jo.hidden@example.com\n"
                "notes: Venue HD7 4XY\n"
                "we_did:\n"
                "  - id: clinic\n"
                "    responds_to: [waits]\n"
                "    action: Clinic.\n"
                "    status: planned\n"
                "    aside: born on 3 May 1951\n"
            )
        ),
    )
    found = sorted((p.line, p.field, p.message.split(".")[0]) for p in guard_problems(site))
    assert found == [
        (6, "", "looks like a UK phone number"),
        (8, "summary", "looks like an e-mail address"),
        (9, "notes", "looks like a full postcode"),
        (15, "we_did[clinic].aside", "looks like a date of birth"),
    ]


def test_a_hit_is_reported_once_even_when_values_and_text_both_see_it(site) -> None:
    site.record("once.md", draft(extra="summary: Call 07700 900555.\ntake_part: >-\n  Or call\n  07700 900556.\n"))
    found = sorted((p.line, p.field) for p in guard_problems(site))
    assert found == [(6, "summary"), (9, "take_part")]
