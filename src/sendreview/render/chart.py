"""A small bar chart of verdict counts as inline SVG, labelled in words so colour is not needed."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from sendreview.analysis.statement import VerdictCount

# Colours with at least 4.5:1 contrast against white, for bars and their labels.
VERDICT_COLOURS = {
    "met": "#1d6b31",
    "partly-met": "#7a5800",
    "contested": "#7b2d8e",
    "opposed": "#b3261e",
    "not-addressed": "#505a5f",
}


def verdict_chart(counts: Sequence[VerdictCount]) -> str:
    """Horizontal bars, one per verdict, each with its word and number written beside it."""
    bar_height, gap, label_width, bar_width = 22, 8, 130, 220
    most = max((c.count for c in counts), default=0) or 1
    height = len(counts) * (bar_height + gap) + gap
    width = label_width + bar_width + 50
    summary = ", ".join(f"{c.label}: {c.count}" for c in counts)
    rows = []
    for i, item in enumerate(counts):
        y = gap + i * (bar_height + gap)
        length = round(bar_width * item.count / most)
        colour = VERDICT_COLOURS[item.verdict]
        rows.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">{escape(item.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="{colour}"/>'
            f'<text x="{label_width + length + 6}" y="{y + 16}">{item.count}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="verdict-chart-title" font-family="sans-serif" '
        f'font-size="14" fill="#0b0c0c">'
        f'<title id="verdict-chart-title">How many asks got each verdict: {escape(summary)}</title>'
        + "".join(rows)
        + "</svg>"
    )
