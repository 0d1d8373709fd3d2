"""Fuzzy dates (a day, month, quarter, season, part of a year or a year, printed the way they were
given) and durations ("12 weeks", "18 months") for the timeline's rules.

Files give a date as text; every JSON output gives it as a `DateRange`: the text, and the first
and last day it may mean as ISO days, so a program can sort and compare dates without reading
"Spring 2021". `Day` is an exact day a result works out (today, a projection's window), written
the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, PlainSerializer
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema


class Precision(IntEnum):
    """How exact a date is; a lower value is more exact and sorts first."""

    DAY = 0
    MONTH = 1
    QUARTER = 2
    SEASON = 3
    PART = 4  # early, mid or late in a year: a third of it
    YEAR = 5


# Meteorological seasons, as the Met Office counts them; winter runs into the next year.
SEASON_START_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
# Governments promise "early 2021" or "later this year"; a third of the year is the plainest reading.
PART_START_MONTH = {"early": 1, "mid": 5, "late": 9}
LENGTH_IN_MONTHS = {
    Precision.DAY: 0,
    Precision.MONTH: 1,
    Precision.QUARTER: 3,
    Precision.SEASON: 3,
    Precision.PART: 4,
    Precision.YEAR: 12,
}

PrecisionName = Literal["day", "month", "quarter", "season", "part-of-year", "year"]
PRECISION_NAMES: dict[Precision, PrecisionName] = {
    Precision.DAY: "day",
    Precision.MONTH: "month",
    Precision.QUARTER: "quarter",
    Precision.SEASON: "season",
    Precision.PART: "part-of-year",
    Precision.YEAR: "year",
}

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})")
_WORD_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{4})")
_QUARTER = re.compile(r"[Qq]([1-4])\s+(\d{4})")
_YEAR = re.compile(r"\d{4}")
_DURATION = re.compile(r"([+-]?\d+)\s+(day|week|month|year)s?", re.IGNORECASE)

FORMATS_HELP = (
    "write it as 2022-03-29, 29 March 2022, 2019-09, September 2019, Q1 2022, Spring 2021, early 2021 or 2021"
)
DURATION_HELP = "write it as a number and a unit, like 12 weeks, 18 months or 2 years"


def add_months(day: dt.date, months: int) -> dt.date:
    """Add calendar months, keeping the day where the month allows (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _real_day(year: int, month: int, day: int, text: str) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a real date: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        raise ValueError(f"'{text}' is not a real date: {name} {year} has {last} days")
    return dt.date(year, month, day)


class DateRange(BaseModel):
    """A date as every JSON output gives it: as written, and the days it may mean."""

    model_config = ConfigDict(frozen=True, defer_build=True)  # built on first use, as every model

    text: str = Field(description="The date as the file gave it, or in words for a day worked out.")
    start: dt.date = Field(description="The first day it may mean (ISO 8601).")
    end: dt.date = Field(description="The last day it may mean (ISO 8601); the same as start for a day.")
    precision: PrecisionName = Field(
        description="How exact it is; dates sort by start, then day before month, quarter, season,"
        " part-of-year (early, mid or late) and year."
    )

    @classmethod
    def of_day(cls, day: dt.date) -> DateRange:
        """An exact day, its text in words: '29 September 2023'."""
        return cls(text=f"{day.day} {day:%B %Y}", start=day, end=day, precision="day")


Day = Annotated[dt.date, PlainSerializer(DateRange.of_day, return_type=DateRange)]
"""An exact day in a result (today, a projection's window), written in JSON as a `DateRange`."""


@dataclass(frozen=True, eq=False)
class FuzzyDate:
    """A date known to a day, month, quarter, season, part of a year or year; `text` is how it was written."""

    start: dt.date
    precision: Precision
    text: str = field(compare=False)

    @classmethod
    def parse(cls, value: str | dt.date) -> FuzzyDate:
        """Read '2022-03-29', '29 March 2022', '2019-09', 'September 2019', 'Q1 2022', 'Spring 2021', 'early 2021'
        or '2021'."""
        if isinstance(value, dt.date):
            return cls(value, Precision.DAY, value.isoformat())
        text = " ".join(value.split())
        if match := _ISO_DAY.fullmatch(text):
            year, month, day = map(int, match.groups())
            return cls(_real_day(year, month, day, text), Precision.DAY, text)
        if match := _DAY_MONTH_YEAR.fullmatch(text):
            day_text, word, year_text = match.groups()
            if (named_month := MONTHS.get(word.lower())) is not None:
                return cls(
                    _real_day(int(year_text), named_month, int(day_text), text),
                    Precision.DAY,
                    text,
                )
        if match := _ISO_MONTH.fullmatch(text):
            year, month = map(int, match.groups())
            return cls(_real_day(year, month, 1, text), Precision.MONTH, text)
        if match := _WORD_YEAR.fullmatch(text):
            word, year_text = match.group(1).lower(), match.group(2)
            if word in MONTHS:
                return cls(dt.date(int(year_text), MONTHS[word], 1), Precision.MONTH, text)
            if word in SEASON_START_MONTH:
                start = dt.date(int(year_text), SEASON_START_MONTH[word], 1)
                return cls(start, Precision.SEASON, text)
            if word in PART_START_MONTH:
                return cls(dt.date(int(year_text), PART_START_MONTH[word], 1), Precision.PART, text)
        if match := _QUARTER.fullmatch(text):
            quarter, year = map(int, match.groups())
            return cls(dt.date(year, 3 * quarter - 2, 1), Precision.QUARTER, text)
        if _YEAR.fullmatch(text):
            return cls(dt.date(int(text), 1, 1), Precision.YEAR, text)
        raise ValueError(f"cannot read '{value}' as a date; {FORMATS_HELP}")

    @property
    def end(self) -> dt.date:
        """The last day the date may mean."""
        if self.precision is Precision.DAY:
            return self.start
        try:
            return add_months(self.start, LENGTH_IN_MONTHS[self.precision]) - dt.timedelta(days=1)
        except ValueError:  # "Winter 9999" runs past the last day Python's calendar holds
            return dt.date.max

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        return (self.start, int(self.precision))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self.sort_key == other.sort_key

    def __hash__(self) -> int:
        return hash(self.sort_key)

    def __lt__(self, other: FuzzyDate) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: FuzzyDate) -> bool:
        return self.sort_key <= other.sort_key

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"FuzzyDate({self.text!r})"

    def as_range(self) -> DateRange:
        """The date as JSON outputs give it: its text, first and last day, and precision."""
        return DateRange(text=self.text, start=self.start, end=self.end, precision=PRECISION_NAMES[self.precision])

    @classmethod
    def __get_pydantic_core_schema__(cls, source: type[Any], handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        # Read from text (a file's schema says so); written as a DateRange (every output's schema says so).
        text = core_schema.str_schema(
            metadata={
                "pydantic_js_updates": {
                    "description": "A day, month, quarter, season, part of a year or year: "
                    + FORMATS_HELP.removeprefix("write it as "),
                    "examples": ["2022-03-29", "September 2019", "Q1 2022", "Spring 2021", "early 2021", "2021"],
                }
            }
        )
        return core_schema.no_info_plain_validator_function(
            _validate_fuzzy_date,
            json_schema_input_schema=text,
            serialization=core_schema.plain_serializer_function_ser_schema(
                FuzzyDate.as_range, return_schema=handler.generate_schema(DateRange)
            ),
        )


def _read_from_text(validate: Callable[[object], object]) -> core_schema.CoreSchema:
    """How pydantic reads a value with `validate`, and writes it back as the text it was read from."""
    return core_schema.no_info_plain_validator_function(
        validate, serialization=core_schema.plain_serializer_function_ser_schema(str)
    )


def _validate_fuzzy_date(value: object) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, (str, dt.date)):
        return FuzzyDate.parse(value)
    raise ValueError(f"expected a date as text; {FORMATS_HELP}")


@dataclass(frozen=True)
class Duration:
    """A length of time counted forward on the calendar: days, weeks, months or years."""

    amount: int
    unit: str  # "days", "weeks", "months" or "years"
    text: str = field(compare=False)

    @classmethod
    def parse(cls, value: str) -> Duration:
        """Read '12 weeks', '18 months', '2 years' or '0 days'; refuse a negative one."""
        text = " ".join(value.split())
        match = _DURATION.fullmatch(text)
        if match is None:
            raise ValueError(f"cannot read '{value}' as a length of time; {DURATION_HELP}")
        amount, unit = int(match.group(1)), match.group(2).lower() + "s"
        if amount < 0:
            raise ValueError(
                f"'{text}' is a negative duration: a rule counts forward from one milestone to the next,"
                " so write how long after, like '12 weeks'"
            )
        return cls(amount, unit, text)

    def after(self, day: dt.date) -> dt.date:
        """The day this long after `day`; months and years keep the day of the month where they can."""
        if self.unit == "days":
            return day + dt.timedelta(days=self.amount)
        if self.unit == "weeks":
            return day + dt.timedelta(weeks=self.amount)
        return add_months(day, self.amount * (12 if self.unit == "years" else 1))

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Duration({self.text!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: type[Any], handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return _read_from_text(_validate_duration)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "description": "A length of time: " + DURATION_HELP.removeprefix("write it as "),
            "examples": ["12 weeks", "18 months", "2 years"],
        }


def _validate_duration(value: object) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, str):
        return Duration.parse(value)
    raise ValueError(f"expected a length of time as text; {DURATION_HELP}")


_SLASHED_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def user_date(value: str) -> FuzzyDate:
    """A date as a person types it: anything `FuzzyDate.parse` reads, or a day as DD/MM/YYYY
    (the British order: 23/02/2026 is 23 February 2026), kept as its ISO day '2026-02-23'."""
    text = " ".join(value.split())
    if match := _SLASHED_DAY.fullmatch(text):
        day, month, year = map(int, match.groups())
        return FuzzyDate.parse(_real_day(year, month, day, text))
    return FuzzyDate.parse(text)
