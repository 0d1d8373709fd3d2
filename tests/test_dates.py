"""Fuzzy dates: how they are read, printed and ordered."""

from __future__ import annotations

import datetime as dt

import pytest

from sendreview.models.dates import Duration, FuzzyDate, Precision, add_months


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
        ("Q1 2022", dt.date(2022, 1, 1), dt.date(2022, 3, 31), Precision.QUARTER),
        ("Q4 2023", dt.date(2023, 10, 1), dt.date(2023, 12, 31), Precision.QUARTER),
        ("q1 2024", dt.date(2024, 1, 1), dt.date(2024, 3, 31), Precision.QUARTER),
        ("early 2021", dt.date(2021, 1, 1), dt.date(2021, 4, 30), Precision.PART),
        ("Mid 2024", dt.date(2024, 5, 1), dt.date(2024, 8, 31), Precision.PART),
        ("late 2025", dt.date(2025, 9, 1), dt.date(2025, 12, 31), Precision.PART),
    ],
)
def test_parses_each_precision(text: str, start: dt.date, end: dt.date, precision: Precision) -> None:
    date = FuzzyDate.parse(text)
    assert (date.start, date.end, date.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["Spring 2021", "2019-09", "September 2019", "2022-03-29", "2021"])
def test_prints_as_given(text: str) -> None:
    assert str(FuzzyDate.parse(text)) == text


def test_sorts_quarters_and_parts_of_a_year_by_first_day_then_precision() -> None:
    texts = ["early 2022", "Q1 2022", "January 2022", "Winter 2021", "2022", "late 2021"]
    ordered = [str(d) for d in sorted(FuzzyDate.parse(t) for t in texts)]
    assert ordered == ["late 2021", "Winter 2021", "January 2022", "Q1 2022", "early 2022", "2022"]


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
        ("Q5 2022", "cannot read 'Q5 2022' as a date"),
        ("earlier 2021", "cannot read"),
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


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("12 weeks", dt.date(2022, 3, 29), dt.date(2022, 6, 21)),
        ("1 week", dt.date(2024, 2, 26), dt.date(2024, 3, 4)),
        ("0 days", dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
        ("18 months", dt.date(2022, 8, 31), dt.date(2024, 2, 29)),
        ("2 years", dt.date(2024, 2, 29), dt.date(2026, 2, 28)),
        ("1 Month", dt.date(2023, 1, 31), dt.date(2023, 2, 28)),
        (" +3  days ", dt.date(2023, 12, 30), dt.date(2024, 1, 2)),
    ],
)
def test_duration_counts_forward_on_the_calendar(text: str, start: dt.date, expected: dt.date) -> None:
    assert Duration.parse(text).after(start) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-12 weeks", "'-12 weeks' is a negative duration"),
        ("twelve weeks", "cannot read 'twelve weeks' as a length of time"),
        ("12", "cannot read '12' as a length of time"),
        ("12 fortnights", "cannot read"),
    ],
)
def test_duration_refuses_what_it_cannot_count(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Duration.parse(text)


@pytest.mark.parametrize(
    ("typed", "day"),
    [("23/02/2026", "2026-02-23"), ("2/3/2026", "2026-03-02"), (" 01/12/2025 ", "2025-12-01")],
)
def test_a_day_typed_day_first_is_read_the_british_way(typed: str, day: str) -> None:
    from sendreview.models.dates import Precision, user_date

    found = user_date(typed)
    assert (found.start.isoformat(), found.precision, str(found)) == (day, Precision.DAY, day)


def test_a_typed_day_that_does_not_exist_is_refused() -> None:
    from sendreview.models.dates import user_date

    with pytest.raises(ValueError, match="'31/02/2026' is not a real date: February 2026 has 28 days"):
        user_date("31/02/2026")
    with pytest.raises(ValueError, match="there is no month 13"):
        user_date("01/13/2026")
    assert str(user_date("Spring 2026")) == "Spring 2026"  # everything else as FuzzyDate reads it
