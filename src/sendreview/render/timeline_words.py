"""Timeline details in plain words, shared by every timeline renderer (the words for dates and
lengths of time themselves are in `sendreview.in_words`, which the statement's analysis uses too).

The strings may hold text from YAML (titles, dates as written): each renderer still makes them
safe for where they go (`sendreview.text.clean`, `markdown`, XML escaping).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sendreview.in_words import days_in_words, long_date, window
from sendreview.models.dates import Precision

if TYPE_CHECKING:  # types only: renderers import this module without loading the analysis models
    from sendreview.analysis.projection import Projection
    from sendreview.analysis.timeline import EntryStatus, Slippage, TimelineEntry, Upcoming

# Colour is never the only signal: each status has a symbol and a word too.
STATUS_SYMBOL: dict[EntryStatus, str] = {
    "done": "✔",
    "expected": "…",
    "pending": "○",
    "projected": "◇",
    "overdue": "✘",
    "did-not-happen": "⊘",
    "lapsed": "⌀",
}
TIMES = {1: "once", 2: "twice"}


def rule(projection: Projection) -> str:
    """'18 months to 2 years after Green Paper', 'at least 12 weeks after Green Paper'."""
    least, most, after = projection.at_least, projection.at_most, projection.after_title
    if least is not None and least == most:
        return f"{least} after {after}"
    if least is not None and most is not None:
        return f"{least} to {most} after {after}"
    if least is not None:
        return f"at least {least} after {after}"
    return f"within {most} of {after}"


def when(entry: TimelineEntry) -> str:
    """The entry's date as written, its projected window, or 'not yet known'."""
    if entry.date is not None:
        return str(entry.date)
    if entry.projection is not None:
        return window(entry.projection)
    return "no record" if entry.status in ("lapsed", "did-not-happen") else "not yet known"


def date_range(entry: TimelineEntry) -> str:
    """For a date known only to a month, season or year: the days it may mean."""
    date = entry.date
    if date is None or date.precision is Precision.DAY:
        return ""
    return f"some time from {long_date(date.start)} to {long_date(date.end)}"


def slippage(entry: TimelineEntry, found: Slippage) -> str:
    """'Came about 11 months late: promised early 2021, then Q1 2022 (slipped once).'"""
    promised = "promised " + ", then ".join(str(p.date) for p in entry.planned)
    times = TIMES.get(found.times, f"{found.times} times")
    if found.times == 0:
        return f"On time: {promised}." if found.arrived else f"{promised[0].upper()}{promised[1:]}."
    how_late = days_in_words(found.days_late)
    late = f"Came {how_late} late" if found.arrived else f"{how_late} late so far"
    return f"{late[0].upper()}{late[1:]}: {promised} (slipped {times})."


def projection(entry: TimelineEntry, found: Projection, *, with_window: bool = False) -> str:
    """What the rules say, and how the real date compares: 'Due 18 months to 2 years after Green Paper:
    overdue by about 2 years 8 months.' With `with_window`, the dates of the window too. A missed
    forecast says whose it was and what happened instead."""
    if found.status == "missed":
        who = found.by or "A forecast"
        return (
            f"{who} expected it {rule(found)} ({window(found)}). That forecast was missed;"
            f" instead: {found.instead.strip().removesuffix('.')}."
        )
    said = f"{found.by} expected it {rule(found)}" if found.by else f"Due {rule(found)}"
    if with_window or entry.date is not None:
        said += f" ({window(found)})"
    if entry.date is None:
        if found.status == "overdue" and found.days_overdue is not None:
            return f"{said}: overdue by {days_in_words(found.days_overdue)}."
        return f"{said}."
    if entry.days_after_window is not None:
        return f"{said}: {days_in_words(entry.days_after_window)} late."
    if entry.days_before_window is not None:
        return f"{said}: {days_in_words(entry.days_before_window)} too soon."
    return f"{said}: on time."


def record(entry: TimelineEntry) -> list[str]:
    """The public record beside the date as the deck gave it: 'On the record: 12 December 2019, ...'."""
    return [
        f"On the record: {item.date}, {item.what.strip().removesuffix('.')} ({item.source})." for item in entry.record
    ]


def details(entry: TimelineEntry, *, with_window: bool = False) -> list[str]:
    """Sentences on what the record shows, slippage and projection for an entry, in the order a
    reader wants them."""
    lines = []
    if entry.status == "did-not-happen":
        found = re.search(r"https?://\S+", entry.source)
        lines.append(f"Did not happen ({found.group().rstrip('.,;:')})." if found else "Did not happen.")
    elif entry.status == "lapsed":
        lines.append("No public record that it happened; its consultation has closed.")
    lines += record(entry)
    if entry.slippage is not None:
        lines.append(slippage(entry, entry.slippage))
    if entry.projection is not None:
        lines.append(projection(entry, entry.projection, with_window=with_window))
    return lines


def days_away(item: Upcoming) -> str:
    """'in 12 days', 'today', 'overdue by about 2 years 8 months', 'any day now, by 29 March 2024'."""
    if item.days_overdue is not None:
        return f"overdue by {days_in_words(item.days_overdue)} ({item.days_overdue} days)"
    if item.days_until > 0:
        text = f"in {item.days_until} day{'s' if item.days_until != 1 else ''}"
        return text + (f" ({days_in_words(item.days_until)})" if item.days_until >= 14 else "")
    if item.latest is None:
        return "any day now"
    if item.days_until_latest is None or item.days_until_latest == 0:
        return "today"
    return f"any day now: at the latest in {item.days_until_latest} days, by {long_date(item.latest)}"
