from datetime import date, datetime, timezone

import pytest

from yswd.dates import FinancialYear, build_date, uk_date


@pytest.mark.parametrize(
    ("day", "start_month", "label"),
    [
        (date(2025, 3, 31), 4, "2024-25"),
        (date(2025, 4, 1), 4, "2025-26"),
        (date(2026, 3, 31), 4, "2025-26"),
        (date(1999, 12, 31), 4, "1999-00"),
        (date(2025, 1, 1), 1, "2025"),
        (date(2025, 12, 31), 1, "2025"),
        (date(2025, 6, 30), 7, "2024-25"),
        (date(2025, 7, 1), 7, "2025-26"),
    ],
)
def test_financial_year_of_a_day(day: date, start_month: int, label: str) -> None:
    year = FinancialYear.of(day, start_month)
    assert year.label == label
    assert day in year
    assert FinancialYear.from_label(label, start_month) == year


def test_financial_year_bounds() -> None:
    year = FinancialYear(2025, 4)
    assert (year.first_day, year.last_day) == (date(2025, 4, 1), date(2026, 3, 31))
    assert year.previous.label == "2024-25" and year.next.label == "2026-27"
    assert FinancialYear(2024, 1).last_day == date(2024, 12, 31)
    assert FinancialYear.from_label("2025-27") is None
    assert FinancialYear.from_label("nonsense") is None


def test_build_date_comes_from_source_date_epoch() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "1764547200"}) == date(2025, 12, 1)
    before = datetime.now(timezone.utc).date()
    today = build_date({})  # the clock (in UTC), when nothing is set
    after = datetime.now(timezone.utc).date()
    assert type(today) is date and before <= today <= after
    assert before <= build_date({"SOURCE_DATE_EPOCH": " "}) <= datetime.now(timezone.utc).date()  # blank: the clock


def test_uk_date() -> None:
    assert uk_date(date(2025, 8, 15)) == "15 August 2025"
    assert uk_date(date(2026, 3, 2)) == "2 March 2026"


def test_span_in_words() -> None:
    assert FinancialYear(2025, 4).span_words == "1 April to 31 March"
    assert FinancialYear(2025, 1).span_words == "1 January to 31 December"
    assert FinancialYear(2024, 3).span_words == "1 March to 28 February"
