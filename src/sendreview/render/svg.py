"""The timeline as a picture: a self-contained SVG, years along the top, one mark per milestone.

Made to be saved as a file or put straight into an HTML page: no scripts, no styles that could
leak into the page (presentation attributes only), ids prefixed `sendreview-timeline-`, a
<title> and <desc> for screen readers, and a <title> on every mark for the whole story. Status
shows by shape and by word as well as by colour:

    done       filled circle            expected   hollow circle
    pending    hollow diamond           projected  dashed bar over the window, hollow square
    overdue    dashed red bar over the window that has passed, triangle at its end
    did-not-happen  crossed circle      lapsed     small grey dash

The NNPCF's involvement periods are shaded bands, their words written above the years.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from sendreview.analysis.timeline import EntryStatus, TimelineEntry, TimelineView
from sendreview.in_words import long_date
from sendreview.models.dates import Precision
from sendreview.render import timeline_words as when
from sendreview.text import clean

WIDTH = 1200
MARGIN = 24
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
INK = "#1f2328"
MUTED = "#57606a"
GRID = "#d0d7de"
# Dark enough for 3:1 against white as marks, and for 4.5:1 as text (WCAG 2.1 AA).
COLOUR: dict[EntryStatus, str] = {
    "done": "#1a7f37",
    "expected": "#9a6700",
    "pending": "#8250df",
    "projected": "#0969da",
    "overdue": "#cf222e",
    "did-not-happen": "#bf3989",
    "lapsed": "#6e7781",
}
BANDS = ("#ddf4ff", "#fff8c5", "#fbefff", "#dafbe1")
LANE = 36  # height of one row of marks and labels
TITLE_CHARS = 44  # longer titles are shortened on the picture; their <title> keeps the whole
# Characters XML 1.0 cannot hold, even escaped (clean() has already removed the other controls).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
ID = "sendreview-timeline"


def _safe(text: str) -> str:
    return _NOT_XML.sub("", clean(text))


def _width(text: str, size: float) -> float:
    """Roughly how wide a line of text is, in pixels; generous so labels do not collide."""
    return len(text) * size * 0.56


@dataclass
class _Scale:
    first: dt.date
    last: dt.date
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        day = min(max(day, self.first), self.last)
        share = (day - self.first).days / max(1, (self.last - self.first).days)
        return self.left + share * (self.right - self.left)


def timeline_svg(view: TimelineView, *, width: int = WIDTH) -> str:
    """The SVG text of a timeline view (UTF-8 text, no XML declaration, ready to embed)."""
    placed = [e for e in view.milestones if e.sort_date is not None]
    undated = [e for e in view.milestones if e.sort_date is None]
    scale = _scale(view, placed, width)
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "role": "img",
            "aria-labelledby": f"{ID}-title {ID}-desc",
            "font-family": FONT,
            "width": str(width),
        },
    )
    ET.SubElement(svg, "title", id=f"{ID}-title").text = "The SEND review: timeline"
    ET.SubElement(svg, "desc", id=f"{ID}-desc").text = _summary(view, placed, undated)
    ET.SubElement(svg, "rect", x="0", y="0", width="100%", height="100%", fill="#ffffff")

    y = 30.0
    _label(svg, MARGIN, y, "The SEND review: timeline", 20, weight="bold")
    y += 22
    subtitle = "Milestones by status, with the NNPCF's involvement as shaded bands."
    if any(e.projection is not None for e in view.milestones):
        subtitle += f" Projected and overdue are worked out from the rules on {long_date(view.today)}."
    _label(svg, MARGIN, y, subtitle, 13, fill=MUTED)
    y = _legend(svg, y + 26)

    bands_top = y + 10
    band_rows = ET.SubElement(svg, "g")
    y = _period_texts(band_rows, view, scale, bands_top)
    axis = y + 40  # room for the year labels and, above them, the label of today's line
    lanes = _lanes(placed, scale, width)
    bottom = axis + 16 + max(1, len(lanes)) * LANE

    band_layer = ET.Element("g")
    svg.insert(list(svg).index(band_rows), band_layer)  # shaded bands go under everything
    _period_bands(band_layer, view, scale, bands_top, bottom)
    _axis(svg, scale, axis, bottom)
    _today(svg, scale, view.today, axis, bottom)
    for number, lane in enumerate(lanes):
        for item in lane:
            _mark(svg, item, axis + 16 + number * LANE + 12)

    y = bottom + 20
    if undated:
        names = "; ".join(_safe(e.title) for e in undated)
        for line in _wrap(f"Not yet dated: {names}.", width - 2 * MARGIN, 12):
            _label(svg, MARGIN, y, line, 12, fill=MUTED)
            y += 17
    height = int(y + 8)
    svg.set("height", str(height))
    svg.set("viewBox", f"0 0 {width} {height}")
    return ET.tostring(svg, encoding="unicode") + "\n"


def _scale(view: TimelineView, placed: list[TimelineEntry], width: int) -> _Scale:
    days = [view.today]
    for entry in placed:
        if entry.date is not None:
            days += [entry.date.start, entry.date.end]
        if entry.projection is not None and entry.date is None:
            days.append(entry.projection.earliest)
            if entry.projection.latest is not None and entry.projection.latest < dt.date.max:
                days.append(entry.projection.latest)
    first = dt.date(min(days).year, 1, 1)
    last = dt.date(min(max(days).year + 1, dt.MAXYEAR), 1, 1)
    return _Scale(first, last, MARGIN + 8, width - MARGIN - 8)


def _label(
    parent: ET.Element,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    fill: str = INK,
    weight: str = "",
    anchor: str = "",
) -> ET.Element:
    attributes = {"x": f"{x:.1f}", "y": f"{y:.1f}", "font-size": str(size), "fill": fill}
    if weight:
        attributes["font-weight"] = weight
    if anchor:
        attributes["text-anchor"] = anchor
    element = ET.SubElement(parent, "text", attributes)
    element.text = text
    return element


def _legend(svg: ET.Element, y: float) -> float:
    group = ET.SubElement(svg, "g", {"aria-hidden": "true"})
    x = float(MARGIN)
    for status in COLOUR:
        _shape(group, status, x + 6, y - 4)
        _label(group, x + 16, y, status, 12, fill=INK)
        x += 26 + _width(status, 12)
    ET.SubElement(group, "rect", x=f"{x:.1f}", y=f"{y - 11:.1f}", width="22", height="12", fill=BANDS[0])
    _label(group, x + 28, y, "NNPCF involvement", 12)
    return y


def _shape(parent: ET.Element, status: EntryStatus, x: float, y: float) -> None:
    colour = COLOUR[status]
    if status == "done":
        ET.SubElement(parent, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="5.5", fill=colour)
    elif status == "expected":
        ET.SubElement(
            parent, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "5", "fill": "#ffffff", "stroke": colour,
                               "stroke-width": "2"}
        )  # fmt: skip
    elif status == "pending":
        points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
        ET.SubElement(parent, "polygon", {"points": points, "fill": "#ffffff", "stroke": colour, "stroke-width": "2"})
    elif status == "projected":
        ET.SubElement(
            parent, "rect", {"x": f"{x - 5:.1f}", "y": f"{y - 5:.1f}", "width": "10", "height": "10",
                             "fill": "#ffffff", "stroke": colour, "stroke-width": "2"}
        )  # fmt: skip
    elif status == "did-not-happen":
        ET.SubElement(
            parent, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "5", "fill": "#ffffff", "stroke": colour,
                               "stroke-width": "2"}
        )  # fmt: skip
        ET.SubElement(
            parent, "line", {"x1": f"{x - 4:.1f}", "y1": f"{y + 4:.1f}", "x2": f"{x + 4:.1f}", "y2": f"{y - 4:.1f}",
                             "stroke": colour, "stroke-width": "2"}
        )  # fmt: skip
    elif status == "lapsed":
        ET.SubElement(
            parent, "rect", {"x": f"{x - 6:.1f}", "y": f"{y - 1.5:.1f}", "width": "12", "height": "3", "fill": colour}
        )
    else:
        points = f"{x:.1f},{y - 6.5:.1f} {x + 6.5:.1f},{y + 5:.1f} {x - 6.5:.1f},{y + 5:.1f}"
        ET.SubElement(parent, "polygon", {"points": points, "fill": colour})


def _period_texts(parent: ET.Element, view: TimelineView, scale: _Scale, top: float) -> float:
    """The involvement words, one row per period, starting where the period starts."""
    dates = _dates(view)
    y = top
    for index, period in enumerate(view.periods):
        if period.start not in dates:
            continue
        x = scale.x(dates[period.start])
        room = max(220.0, scale.right - x)
        if x + room > scale.right:
            x = scale.right - room
        text = "NNPCF involvement: " + "; ".join(_safe(line) for line in period.involvement)
        lines = _wrap(text, room, 11)
        ET.SubElement(
            parent, "rect", {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": "4", "height": f"{len(lines) * 15 + 2}",
                             "fill": _band_colour(index, darker=True)}
        )  # fmt: skip
        for number, line in enumerate(lines):
            _label(parent, x + 8, y + 12 + number * 15, line, 11, fill=INK)
        y += len(lines) * 15 + 8
    return y


def _period_bands(parent: ET.Element, view: TimelineView, scale: _Scale, top: float, bottom: float) -> None:
    dates = _dates(view)
    for index, period in enumerate(view.periods):
        if period.start not in dates:
            continue
        start = scale.x(dates[period.start])
        end = scale.x(dates[period.end]) if period.end in dates else scale.x(view.today)
        band = ET.SubElement(
            parent, "rect", {"x": f"{start:.1f}", "y": f"{top:.1f}", "width": f"{max(2.0, end - start):.1f}",
                             "height": f"{bottom - top:.1f}", "fill": _band_colour(index)}
        )  # fmt: skip
        ET.SubElement(band, "title").text = "NNPCF involvement: " + "; ".join(_safe(x) for x in period.involvement)


def _band_colour(index: int, *, darker: bool = False) -> str:
    return ("#54aeff", "#d4a72c", "#c297ff", "#4ac26b")[index % 4] if darker else BANDS[index % len(BANDS)]


def _dates(view: TimelineView) -> dict[str, dt.date]:
    return {e.id: day for e in view.milestones if (day := e.sort_date) is not None}


def _axis(svg: ET.Element, scale: _Scale, y: float, bottom: float) -> None:
    group = ET.SubElement(svg, "g", {"aria-hidden": "true"})
    ET.SubElement(
        group, "line", {"x1": f"{scale.left:.1f}", "x2": f"{scale.right:.1f}", "y1": f"{y:.1f}", "y2": f"{y:.1f}",
                        "stroke": INK, "stroke-width": "1.5"}
    )  # fmt: skip
    for year in range(scale.first.year, scale.last.year + 1):
        x = scale.x(dt.date(year, 1, 1))
        ET.SubElement(
            group, "line", {"x1": f"{x:.1f}", "x2": f"{x:.1f}", "y1": f"{y - 6:.1f}", "y2": f"{bottom:.1f}",
                            "stroke": GRID, "stroke-width": "1"}
        )  # fmt: skip
        if year < scale.last.year:
            _label(group, x + 4, y - 8, str(year), 13, weight="bold")


def _today(svg: ET.Element, scale: _Scale, today: dt.date, top: float, bottom: float) -> None:
    x = scale.x(today)
    group = ET.SubElement(svg, "g")
    ET.SubElement(
        group, "line", {"x1": f"{x:.1f}", "x2": f"{x:.1f}", "y1": f"{top - 34:.1f}", "y2": f"{bottom:.1f}",
                        "stroke": MUTED, "stroke-width": "1.5", "stroke-dasharray": "4 3"}
    )  # fmt: skip
    text = f"Today, {long_date(today)}"
    if x + 6 + _width(text, 11) > scale.right + MARGIN:
        _label(group, x - 4, top - 24, text, 11, fill=MUTED, anchor="end")
    else:
        _label(group, x + 4, top - 24, text, 11, fill=MUTED)


@dataclass
class _Item:
    entry: TimelineEntry
    start: float  # where the mark or window starts
    end: float  # where the window ends (the mark for a day)
    title: str
    caption: str
    label_left: bool  # the label goes before the mark when there is no room after it

    @property
    def label_width(self) -> float:
        return max(_width(self.title, 12), _width(self.caption, 11))

    @property
    def label_x(self) -> float:
        """Labels go after the mark (or its window), or before it near the right edge."""
        return self.start - 10 if self.label_left else self.end + 10

    @property
    def extent(self) -> tuple[float, float]:
        if self.label_left:
            return (self.start - 10 - self.label_width - 8, self.end + 8)
        return (self.start - 8, self.end + 10 + self.label_width + 8)


def _lanes(entries: list[TimelineEntry], scale: _Scale, width: int) -> list[list[_Item]]:
    """Place each milestone in the first row where its mark and label fit, in date order."""
    lanes: list[list[_Item]] = []
    ends: list[float] = []
    for entry in entries:
        item = _item(entry, scale, width)
        left, right = item.extent
        for number, end in enumerate(ends):
            if left >= end:
                lanes[number].append(item)
                ends[number] = right
                break
        else:
            lanes.append([item])
            ends.append(right)
    return lanes


def _item(entry: TimelineEntry, scale: _Scale, width: int) -> _Item:
    title = _safe(entry.title)
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1].rstrip() + "…"
    start = end = scale.x(entry.sort_date or scale.first)
    if entry.date is not None:
        caption = f"{_safe(str(entry.date))} · {entry.status}"
        if entry.date.precision is not Precision.DAY:
            end = scale.x(entry.date.end)
    else:
        projection = entry.projection
        assert projection is not None
        latest = projection.latest
        end = scale.x(latest) if latest is not None else start + 24
        if latest is None:
            caption = f"from {long_date(projection.earliest)} · {entry.status}"
        else:
            caption = f"{projection.earliest:%b %Y} to {latest:%b %Y} · {entry.status}"
    item = _Item(entry, start, end, title, caption, label_left=False)
    item.label_left = end + 10 + item.label_width > width - MARGIN
    return item


def _mark(svg: ET.Element, item: _Item, y: float) -> None:
    entry = item.entry
    colour = COLOUR[entry.status]
    group = ET.SubElement(svg, "g")
    ET.SubElement(group, "title").text = _story(entry)
    if item.end > item.start + 1:
        if entry.date is not None:  # a month, season or year: a faint line over the days it may mean
            ET.SubElement(
                group, "line", {"x1": f"{item.start:.1f}", "x2": f"{item.end:.1f}", "y1": f"{y:.1f}",
                                "y2": f"{y:.1f}", "stroke": colour, "stroke-width": "3", "stroke-opacity": "0.45"}
            )  # fmt: skip
        else:  # a projected window
            ET.SubElement(
                group, "rect", {"x": f"{item.start:.1f}", "y": f"{y - 5:.1f}", "width": f"{item.end - item.start:.1f}",
                                "height": "10", "fill": colour, "fill-opacity": "0.15", "stroke": colour,
                                "stroke-width": "1.5", "stroke-dasharray": "5 3"}
            )  # fmt: skip
    at = item.end if entry.status == "overdue" else item.start
    _shape(group, entry.status, at, y)
    x, anchor = item.label_x, "end" if item.label_left else ""
    _label(group, x, y - 1, item.title, 12, anchor=anchor)
    _label(group, x, y + 12, item.caption, 11, fill=COLOUR[entry.status] if entry.status == "overdue" else MUTED,
           anchor=anchor)  # fmt: skip


def _story(entry: TimelineEntry) -> str:
    """Everything about a milestone in one paragraph: the tooltip and what a screen reader reads."""
    parts = [f"{_safe(entry.title)}: {_safe(when.when(entry))}, {entry.status}."]
    parts += [_safe(line) for line in when.details(entry, with_window=True)]
    return " ".join(parts)


def _summary(view: TimelineView, placed: list[TimelineEntry], undated: list[TimelineEntry]) -> str:
    counts = {status: sum(1 for e in view.milestones if e.status == status) for status in COLOUR}
    words = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    text = f"{len(view.milestones)} milestones of the SEND review ({words})"
    if placed:
        first, last = placed[0], placed[-1]
        text += f", from {_safe(when.when(first))} ({_safe(first.title)}) to {_safe(when.when(last))}"
        text += f" ({_safe(last.title)})"
    text += "."
    told = [
        e
        for e in view.milestones
        if e.projection is not None and (e.status == "overdue" or e.projection.status == "missed")
    ]
    for entry in told:
        assert entry.projection is not None
        said = _safe(when.projection(entry, entry.projection, with_window=True))
        if entry.projection.status != "missed":
            said = f"{said[:1].lower()}{said[1:]}"
        text += f" {_safe(entry.title)}: {said}"
    if undated:
        text += f" {len(undated)} have no date yet."
    if view.periods:
        text += f" Shaded bands show the NNPCF's involvement in {len(view.periods)} periods."
    return text


def _wrap(text: str, room: float, size: float) -> list[str]:
    """Split text into lines that fit `room` pixels at `size`."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and _width(candidate, size) > room:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines
