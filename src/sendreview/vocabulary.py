"""The domain's fixed words, kept apart from the models so renderers can use them cheaply."""

from __future__ import annotations

LENS_TITLES: dict[str, str] = {
    "money": "Money",
    "early-intervention": "Listening and early intervention",
    "inclusion": "Inclusion",
    "coproduction": "Coproduction",
}
"""The four lenses every silver bullet is argued from, in the deck's order."""

KIND_TITLES: dict[str, str] = {
    "green-paper": "Green Paper",
    "white-paper": "White Paper",
    "improvement-plan": "Improvement Plan",
    "bill": "Bill",
    "act": "Act",
    "other": "Paper",
}
"""Document kinds in words."""
