"""The lines every format of a drafted response shares: word counts, the answer to tick, what was trimmed."""

from __future__ import annotations

from sendreview.analysis.respond import Answer

WORDING_NOTES = {
    "verbatim": "",
    "paraphrased": "in other words: the exact wording was not found",
    "topic-only": "only the topic: the exact wording was not found",
}


def word_line(answer: Answer) -> str:
    """'212 / 250 words', saying when the limit is assumed."""
    if answer.word_limit is None:
        return f"{answer.words} words (no limit)"
    assumed = " (limit assumed)" if answer.word_limit_assumed else ""
    return f"{answer.words} / {answer.word_limit} words{assumed}"


def tick_line(answer: Answer) -> str:
    """The tick-box answer, or the position for a question answered in words ('' when none)."""
    if answer.choice:
        return f"Answer: {answer.choice} ({answer.reason})"
    if answer.position is not None and answer.scale is None:
        return f"Our view: {_POSITION_WORDS[answer.position]} ({answer.reason})"
    return ""


_POSITION_WORDS = {
    "strongly-agree": "we strongly agree",
    "agree": "we agree",
    "neither": "we neither agree nor disagree",
    "disagree": "we disagree",
    "strongly-disagree": "we strongly disagree",
}


def to_do_line(answer: Answer) -> str:
    """What is left for the forum to do on this answer, as a sentence ('' when nothing is)."""
    return f"{answer.to_do[:1].upper()}{answer.to_do[1:]}." if answer.to_do else ""


def trimmed_line(answer: Answer) -> str:
    return f"Trimmed to fit the limit; left out: {'; '.join(answer.left_out)}." if answer.trimmed else ""
