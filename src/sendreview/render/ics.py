"""The timeline as an iCalendar file: an all-day event for each dated or projected milestone.

Each event's UID is `<milestone id>@sendreview`, so importing a newer file updates the events
already in a calendar instead of adding copies. A date known only to a month, season or year,
and a projected window, become an event on their first day, with the whole range in the
description. Imported only for `--format ics` (icalendar is a heavy import).
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from sendreview.analysis.timeline import TimelineEntry, TimelineView
from sendreview.render import when
from sendreview.text import clean

PRODID = "-//sendreview//SEND review timeline//EN"


def timeline_ics(view: TimelineView, *, stamp: dt.datetime) -> bytes:
    """The iCalendar file (RFC 5545) for a timeline view; `stamp` is when it was made (UTC)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "The SEND review")
    for entry in view.milestones:
        day = entry.sort_date
        if day is None:
            continue
        event = Event()
        event.add("uid", f"{entry.id}@sendreview")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        if day < dt.date.max:
            event.add("dtend", day + dt.timedelta(days=1))
        summary = clean(entry.title) if entry.status == "done" else f"{clean(entry.title)} ({entry.status})"
        event.add("summary", summary)
        event.add("description", _description(entry))
        event.add("categories", [entry.category])
        event.add("status", "CONFIRMED" if entry.date is not None and entry.status == "done" else "TENTATIVE")
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it never makes anyone look busy
        calendar.add_component(event)
    return calendar.to_ical()  # type: ignore[no-any-return]


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
