"""Fuzzy dates: how they are read, printed and ordered."""

from __future__ import annotations

import datetime as dt

import pytest

from sendreview.models.dates import FuzzyDate, Precision, add_months


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2022-03-29", dt.date(2022, 3, 29), dt.date(2022, 3, 29), Precision.DAY),
        ("29 March 2022", dt.date(2022, 3, 29), dt.date(2022, 3, 29), Precision.DAY),
        ("6 Sept 2019", dt.date(2019, 9, 6), dt.date(2019, 9, 6), Precision.DAY),
        ("2019-09", dt.date(2019, 9, 1), dt.date(2019, 9, 30), Precision.MONTH),
        ("September 2019", dt.date(2019, 9, 1), dt.date(2019, 9, 30), Precision.MONTH),
        ("Feb 2024", dt.date(2024, 2, 1), dt.date(2024, 2, 29), Precision.MONTH),
        ("Spring 2021", dt.date(2021, 3, 1), dt.date(2021, 5, 31), Precision.SEASON),
        ("summer 2021", dt.date(2021, 6, 1), dt.date(2021, 8, 31), Precision.SEASON),
        ("Autumn 2025", dt.date(2025, 9, 1), dt.date(2025, 11, 30), Precision.SEASON),
        ("Winter 2023", dt.date(2023, 12, 1), dt.date(2024, 2, 29), Precision.SEASON),
        ("2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31), Precision.YEAR),
    ],
)
def test_parses_each_precision(text: str, start: dt.date, end: dt.date, precision: Precision) -> None:
    date = FuzzyDate.parse(text)
    assert (date.start, date.end, date.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["Spring 2021", "2019-09", "September 2019", "2022-03-29", "2021"])
def test_prints_as_given(text: str) -> None:
    assert str(FuzzyDate.parse(text)) == text


def test_sorts_by_first_day_then_precision() -> None:
    texts = ["2021", "Spring 2021", "2021-03", "2021-03-01", "March 2021", "2020-12-31", "Winter 2020"]
    ordered = [str(d) for d in sorted(FuzzyDate.parse(t) for t in texts)]
    assert ordered == ["Winter 2020", "2020-12-31", "2021", "2021-03-01", "2021-03", "March 2021", "Spring 2021"]


def test_same_start_and_precision_are_equal() -> None:
    assert FuzzyDate.parse("2019-09") == FuzzyDate.parse("September 2019")
    assert FuzzyDate.parse("2019-09") != FuzzyDate.parse("2019-09-01")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2022-02-30", "February 2022 has 28 days"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("2022-13-01", "there is no month 13"),
        ("Spring 20x1", "cannot read 'Spring 20x1' as a date"),
        ("Springtime 2021", "cannot read"),
        ("31 June 2022", "June 2022 has 30 days"),
        ("", "cannot read"),
    ],
)
def test_refuses_impossible_dates(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FuzzyDate.parse(text)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2022, 3, 29), 18, dt.date(2023, 9, 29)),
        (dt.date(2022, 3, 29), 24, dt.date(2024, 3, 29)),
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2022, 8, 31), 6, dt.date(2023, 2, 28)),
        (dt.date(2022, 1, 31), 1, dt.date(2022, 2, 28)),
        (dt.date(2022, 12, 15), 1, dt.date(2023, 1, 15)),
    ],
)
def test_add_months_clamps_to_month_end(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected
