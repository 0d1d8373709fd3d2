"""The timeline as an iCalendar file: an all-day event for each dated or projected milestone.

Each event's UID is `<milestone id>@sendreview`, so importing a newer file updates the events
already in a calendar instead of adding copies. A date known only to a month, quarter, season,
part of a year or year is never pinned to its first day: the event spans every day it may mean,
and its title says how it was given ("Initial Report (Spring 2021)"). A projected window, which
may run for years, is an event on its first possible day, with the window in its title and
description. A milestone that did not happen, or a step that lapsed, has no event: a calendar
holds what is coming and what came. Imported only for `--format ics` (icalendar is a heavy import).
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from sendreview.analysis.timeline import TimelineEntry, TimelineView
from sendreview.in_words import window
from sendreview.models.dates import Precision
from sendreview.render import timeline_words as when
from sendreview.text import clean

PRODID = "-//sendreview//SEND review timeline//EN"
NOT_IN_A_CALENDAR = frozenset({"did-not-happen", "lapsed"})


def timeline_ics(view: TimelineView, *, stamp: dt.datetime) -> bytes:
    """The iCalendar file (RFC 5545) for a timeline view; `stamp` is when it was made (UTC)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "The SEND review")
    for entry in view.milestones:
        span = _span(entry)
        if span is None or entry.status in NOT_IN_A_CALENDAR:
            continue
        first, last = span
        event = Event()
        event.add("uid", f"{entry.id}@sendreview")
        event.add("dtstamp", stamp)
        event.add("dtstart", first)
        if last < dt.date.max:  # all-day events end on the day after their last day
            event.add("dtend", last + dt.timedelta(days=1))
        event.add("summary", _summary(entry))
        event.add("description", _description(entry))
        event.add("categories", [entry.category])
        event.add("status", "CONFIRMED" if entry.date is not None and entry.status == "done" else "TENTATIVE")
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it never makes anyone look busy
        calendar.add_component(event)
    return calendar.to_ical()  # type: ignore[no-any-return]


def _span(entry: TimelineEntry) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the event: every day a date may mean, or a window's first day."""
    if entry.date is not None:
        return entry.date.start, entry.date.end
    if entry.projection is not None:
        return entry.projection.earliest, entry.projection.earliest
    return None


def _summary(entry: TimelineEntry) -> str:
    """The title, with what a calendar's day cannot show: the status unless done, how precise the
    date is unless it is a day, and a projected window."""
    said: list[str] = [] if entry.status == "done" else [entry.status]
    if entry.date is not None and entry.date.precision is not Precision.DAY:
        said.append(clean(str(entry.date)))
    elif entry.date is None and entry.projection is not None:
        said.append(f"due {window(entry.projection)}")
    title = clean(entry.title)
    return f"{title} ({', '.join(said)})" if said else title


def _description(entry: TimelineEntry) -> str:
    lines = [f"Status: {entry.status}."]
    if entry.date is not None:
        spread = when.date_range(entry)
        lines.append(f"Date: {clean(str(entry.date))}" + (f" ({spread})." if spread else "."))
    lines += [clean(line) for line in when.details(entry, with_window=True)]
    if entry.notes:
        lines.append(clean(entry.notes))
    if entry.source:
        lines.append(f"Source: {clean(entry.source)}")
    return "\n".join(lines)
