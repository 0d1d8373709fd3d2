"""The domain's fixed terms (verdicts, kinds of paper and ask, lenses, stances, regions) with their
symbols and words, kept apart from the models so renderers (and the CLI) can use them cheaply."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # types only: importing this module loads no models
    from sendreview.models.asks import AskKind

Verdict = Literal["met", "partly-met", "opposed", "contested", "not-addressed"]
"""How a paper stands against one ask; the rule is in `sendreview.analysis.compare`."""
VERDICTS: tuple[Verdict, ...] = ("met", "partly-met", "contested", "opposed", "not-addressed")
"""Every verdict, best first."""

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

ASK_KIND_SUFFIX: dict[AskKind, str] = {"ask": "", "principle": " (principle)", "red-line": " (red line)"}
"""What follows an ask's title to say what kind it is."""

# Colour is never the only signal: every format shows a verdict's symbol and word.
VERDICT_SYMBOLS: dict[Verdict, str] = {
    "met": "✔",
    "partly-met": "◐",
    "contested": "±",
    "opposed": "✘",
    "not-addressed": "○",
}
VERDICT_WORDS: dict[Verdict, str] = {
    "met": "met",
    "partly-met": "partly met",
    "contested": "contested",
    "opposed": "opposed",
    "not-addressed": "not addressed",
}


def verdict_label(verdict: Verdict) -> str:
    """'✔ met', '○ not addressed': the symbol and the word."""
    return f"{VERDICT_SYMBOLS[verdict]} {VERDICT_WORDS[verdict]}"


# A forum's stance on a link, and the consensus of many: symbols as well as colours everywhere.
STANCE_SYMBOLS: dict[str, str] = {"agree": "✔", "partly": "◐", "disagree": "✘", "none": "·"}
STANCE_WORDS: dict[str, str] = {"agree": "agree", "partly": "partly agree", "disagree": "disagree"}
CONSENSUS_SYMBOLS: dict[str, str] = {
    "strong": "●●●",
    "majority": "●●○",
    "split": "◑",
    "mixed": "○",
    "too-few": "…",
    "no-view": "\u2013",
}
CONSENSUS_WORDS: dict[str, str] = {
    "strong": "strong",
    "majority": "majority",
    "split": "split",
    "mixed": "mixed",
    "too-few": "too few",
    "no-view": "no view",
}
REGION_SHORT: dict[str, str] = {
    "North East": "NE",
    "North West": "NW",
    "Yorkshire and the Humber": "YH",
    "East Midlands": "EM",
    "West Midlands": "WM",
    "East of England": "EE",
    "London": "Lon",
    "South East": "SE",
    "South West": "SW",
    "not given": "n/g",
}
"""The nine English regions (and 'not given') shortened for narrow tables; a key always goes with them."""
