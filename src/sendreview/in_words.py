"""Values in plain words: dates, lengths of time, shares and counts ("29 March 2022", "about 2
years 8 months", "83 %"), for the analysis and every renderer alike.

Nothing here escapes anything: a caller that puts the words somewhere (a terminal, Markdown,
XML) makes them safe for it, as `render.timeline_words` says.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from sendreview.models.dates import FuzzyDate, Precision

if TYPE_CHECKING:  # types only: importing this module loads no document models
    from sendreview.models.document import Assessment


class Window(Protocol):
    """A stretch of days a milestone may fall in, such as a projection's (open-ended when `latest` is None)."""

    @property
    def earliest(self) -> dt.date: ...

    @property
    def latest(self) -> dt.date | None: ...


def long_date(day: dt.date) -> str:
    """29 September 2023."""
    return f"{day.day} {day:%B %Y}"


def written(date: FuzzyDate) -> str:
    """A day as '29 March 2022'; a month, season or year as it was written ('Spring 2021')."""
    return long_date(date.start) if date.precision is Precision.DAY else str(date)


def days_in_words(days: int) -> str:
    """A number of days in words a parent reads at a glance: '3 weeks', 'about 2 years 8 months'."""
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 61:
        weeks = round(days / 7)
        return f"about {weeks} weeks" if days % 7 else f"{weeks} weeks"
    months = round(days / 30.4375)
    years, months = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return "about " + " ".join(parts)


def window(projection: Window) -> str:
    """'between 29 September 2023 and 29 March 2024', or 'no earlier than 21 June 2022'."""
    if projection.latest is None:
        return f"no earlier than {long_date(projection.earliest)}"
    if projection.latest == projection.earliest:
        return f"on {long_date(projection.earliest)}"
    return f"between {long_date(projection.earliest)} and {long_date(projection.latest)}"


def from_to(earliest: dt.date, latest: dt.date | None, *, gap: str = " ") -> str:
    """'21 June 2022 to 29 March 2024', or 'no earlier than 21 June 2022'; `gap` goes before the last date."""
    if latest is None:
        return f"no earlier than{gap}{long_date(earliest)}"
    return f"{long_date(earliest)} to{gap}{long_date(latest)}"


def assessment_words(assessment: Assessment) -> str:
    """Whose views an assessment holds and how far they are agreed, in one sentence:
    'Draft by Anytown Parent Carer Forum: not yet agreed.'"""
    by = assessment.by
    when = f" on {written(assessment.date)}" if assessment.date else ""
    if assessment.status == "agreed":
        return f"Agreed by {by}{when}." if by else f"Agreed{when}; the file does not say by whom."
    if assessment.status == "illustrative":
        made = f", made by {by}{when}" if by else ""
        return f"Illustrative assessment{made}: an example, not the agreed views of any forum or of the NNPCF."
    return (
        f"Draft by {by}{when}: not yet agreed."
        if by
        else "Draft: not yet agreed, and it does not say whose views it holds."
    )


EN_DASH = "\u2013"


def percent(share: float) -> str:
    """A share in words, the one rule every output and sentence follows: a whole per cent, rounded
    half up ('82 %'); never '0 %' or '100 %' for a share that is not exactly none or all
    ('less than 1 %', 'more than 99 %')."""
    if share <= 0:
        return "0 %"
    if share >= 1:
        return "100 %"
    whole = _whole_percent(share)
    if whole < 1:
        return "less than 1 %"
    if whole > 99:
        return "more than 99 %"
    return f"{whole} %"


def percent_range(low: float, high: float) -> str:
    """A 95 % interval in words: '80 to 84 %' with an en dash (each end a whole per cent, rounded half up)."""
    return f"{_whole_percent(low)}{EN_DASH}{_whole_percent(high)} %"


def _whole_percent(share: float) -> int:
    # The small nudge keeps 0.825 (stored as 0.82499999...) rounding up to 83, as written.
    return int(share * 100 + 0.5 + 1e-9)


def count_of(part: int, whole: int, noun: str) -> str:
    """'96 of 120 forums (80 %)'."""
    share = f" ({percent(part / whole)})" if whole else ""
    return f"{part:,} of {whole:,} {noun}{share}"


def count(number: int, word: str) -> str:
    """'1 proposal', '1,204 proposals': a number and a word that takes an s."""
    return f"{number:,} {word}{'' if number == 1 else 's'}"
