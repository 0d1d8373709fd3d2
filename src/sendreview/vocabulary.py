"""The domain's fixed words, kept apart from the models so renderers (and the CLI) can use them cheaply."""

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
