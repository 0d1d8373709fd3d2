"""Commitment strength: how firmly a text commits to a proposal, the words that decided it, and
any deadline it gives.

The levels, strongest first: duty, commitment, intention, exploration; `none` when no phrase is
found. The phrases are data (`data/commitments.yaml`, which a forum may extend); the rules are:

- phrases match whole words, case-insensitively; `*` ends a word with any ending (`test*`);
- longer phrases are tried first and use up their words;
- a phrase followed within one word by a weaker one joins it and takes the weaker level: "will
  test", "would consider", "will start testing" are exploration, not commitment or intention;
- a negation cancels the next phrase within three words in the same clause ("will not be
  mandatory", "rather than legislated"); the cancelled words are reported;
- the strongest level found wins, and its phrases are reported;
- a month next to a day or a year ("18 May 2026") is a date, not the word "may";
- a deadline is a deadline word followed by a date ("by the end of 2025", "from September 2029");
  dates that end before the paper was published are history and are left out; the latest
  deadline is the one `diff` compares.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from sendreview.analysis.result import Result
from sendreview.models.commitments import LEVELS, CommitmentsFile, Level
from sendreview.models.dates import MONTHS, SEASON_START_MONTH, FuzzyDate
from sendreview.models.document import Proposal

StrengthLevel = Literal["duty", "commitment", "intention", "exploration", "none"]
RANK: dict[StrengthLevel, int] = {"none": 0, "exploration": 1, "intention": 2, "commitment": 3, "duty": 4}

_NEGATION = "negation"
# The next phrase may start within the next three words; a comma or full stop ends the reach.
_NEGATION_REACH = re.compile(r"\s*(?:[\w'-]+\s+){0,2}")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"(?<![\w'])[\w']+")
# A phrase followed this closely by a weaker one joins it ("will start testing" is exploration).
_GAP = re.compile(r"\s+(?:[\w'-]+\s+)?")
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_WORDS = "|".join(sorted([*MONTHS, *SEASON_START_MONTH], key=len, reverse=True))
# A month beside a day or a year is a date; masked before phrases are matched, so May is not "may".
_DATES_TO_MASK = re.compile(
    rf"(?<![\w'])(?:\d{{1,2}}\s+)?(?:{_DATE_WORDS})\.?\s+(?:19|20)\d{{2}}(?![\w'])"
    rf"|(?<![\w'])\d{{1,2}}\s+(?:{_MONTH_WORDS})(?![\w'])",
    re.IGNORECASE,
)
# What may follow a deadline word; FuzzyDate.parse decides whether it is really a date.
_DATE = r"(?:\d{1,2}\s+[A-Za-z]+\.?\s+|[A-Za-z]+\.?\s+|Q[1-4]\s+)?(?:19|20)\d{2}"
_NOT_A_YEAR_END = r"(?![\w'%]|\s*[-/\u2013]\s*\d)"  # "2022-23" is a financial year, "2025%" a number


class Deadline(Result):
    """A date the text ties the proposal to, with the words around it."""

    phrase: str
    date: FuzzyDate


class Found(Result):
    """A phrase found in the text, as written there, and its level."""

    text: str
    level: Level


class Strength(Result):
    """How firmly a text commits, and why."""

    level: StrengthLevel
    phrases: tuple[str, ...] = ()
    """The phrases of the winning level, as written in the text."""
    found: tuple[Found, ...] = ()
    negated: tuple[str, ...] = ()
    deadline: Deadline | None = None
    """The latest deadline found."""
    deadlines: tuple[Deadline, ...] = ()


def _normal(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _phrase_pattern(phrase: str) -> str:
    words = []
    for word in phrase.split():
        stem = word.rstrip("*")
        words.append(re.escape(stem) + (r"\w*" if word.endswith("*") else ""))
    return r"\s+".join(words)


def _longest_first(phrases: Sequence[str]) -> list[str]:
    return sorted(phrases, key=lambda p: (-len(p.split()), -len(p), p))


_PLAIN_WORD = re.compile(r"[\w']+")


class _Node:
    """One word of a phrase in the word tree: the phrases that may end here, and the words after."""

    __slots__ = ("ends", "longest_stem", "stems", "words")

    def __init__(self) -> None:
        self.ends: list[int] = []
        self.words: dict[str, _Node] = {}
        self.stems: dict[str, _Node] = {}  # a word written `test*`, by its stem
        self.longest_stem = 0


class _PhraseIndex:
    """Phrases in a tree of words, so that each place in a text is tried only against the few
    phrases whose words are there: one alternation of every phrase takes minutes on a long list
    (50,000 phrases). The tree only narrows the choice; a small pattern of the phrases left decides,
    with exactly the rules of the module's docstring. Patterns are compiled when first needed.
    """

    def __init__(self, ordered: Sequence[str], suffix: str = "") -> None:
        self.suffix = suffix  # what must follow a phrase, e.g. a date after a deadline word
        self.phrases = list(ordered)
        self.root = _Node()
        for index, phrase in enumerate(ordered):
            self._add(index, phrase)
        self.compiled: dict[tuple[int, ...], re.Pattern[str]] = {}

    def _add(self, index: int, phrase: str) -> None:
        node = self.root
        for word in phrase.split():
            if _PLAIN_WORD.fullmatch(word):
                node = node.words.setdefault(word, _Node())
            elif word.endswith("*") and _PLAIN_WORD.fullmatch(word[:-1]):
                stem = word[:-1]
                node.longest_stem = max(node.longest_stem, len(stem))
                node = node.stems.setdefault(stem, _Node())
            else:  # a hyphenated word (`co-produce`): found by its first part, the pattern checks the rest
                lead = _PLAIN_WORD.match(word)
                if lead is not None:
                    node = node.words.setdefault(lead.group(), _Node())
                break
        node.ends.append(index)

    def candidates(self, text: str, words: Sequence[re.Match[str]], first: int) -> tuple[int, ...]:
        """The phrases (by their place in longest-first order) whose words follow from `words[first]`."""
        found: list[int] = []
        nodes = [self.root]
        for k in range(first, len(words)):
            if k > first and not text[words[k - 1].end() : words[k].start()].isspace():
                break
            word = words[k].group().lower()
            following = []
            for node in nodes:
                if (child := node.words.get(word)) is not None:
                    following.append(child)
                for length in range(1, min(len(word), node.longest_stem) + 1):
                    if (child := node.stems.get(word[:length])) is not None:
                        following.append(child)
            if not following:
                break
            for node in following:
                found += node.ends
            nodes = following
        return tuple(sorted(set(found)))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every phrase in `text`, left to right, none overlapping; a match's group `p<index>` says which."""
        words = list(_WORD.finditer(text))
        firsts, stems = self.root.words, self.root.stems
        # Most words start no phrase: tell them apart at C speed before walking the tree.
        few_stems = tuple(stems) if len(stems) <= 64 else None
        longest = self.root.longest_stem
        end = 0
        for k, word in enumerate(words):
            start = word.start()
            if start < end:
                continue
            lower = word.group().lower()
            if lower not in firsts:
                if few_stems is not None:
                    if not few_stems or not lower.startswith(few_stems):
                        continue
                elif not any(lower[:n] in stems for n in range(1, min(len(lower), longest) + 1)):
                    continue
            found = self.candidates(text, words, k)
            if not found:
                continue
            pattern = self.compiled.get(found)
            if pattern is None:
                alternatives = "|".join(f"(?P<p{i}>{_phrase_pattern(self.phrases[i])})" for i in found)
                pattern = re.compile(rf"(?:{alternatives})(?![\w']){self.suffix}", re.IGNORECASE)
                self.compiled[found] = pattern
            match = pattern.match(text, start)
            if match is not None:
                end = match.end()
                yield match


@dataclass(frozen=True)
class Lexicon:
    """The phrase lists, ready to match: build it with `Lexicon.from_files`."""

    phrases: _PhraseIndex
    kinds: tuple[str, ...]  # the level (or "negation") of each phrase, by its index
    deadlines: _PhraseIndex | None

    @classmethod
    def from_files(cls, files: Sequence[CommitmentsFile]) -> Lexicon:
        """Join commitments files in order: a later file's level for a phrase replaces an earlier one's."""
        levels: dict[str, str] = {}
        deadline_words: dict[str, None] = {}
        for file in files:
            for level in LEVELS:
                for phrase in getattr(file.strengths, level):
                    levels[_normal(phrase)] = level
            for phrase in file.negations:
                levels[_normal(phrase)] = _NEGATION
            deadline_words.update(dict.fromkeys(_normal(p) for p in file.deadlines))
        ordered = _longest_first(list(levels))
        deadlines = None
        if deadline_words:
            deadlines = _PhraseIndex(_longest_first(list(deadline_words)), rf"\s+(?P<date>{_DATE}){_NOT_A_YEAR_END}")
        return cls(_PhraseIndex(ordered), tuple(levels[p] for p in ordered), deadlines)

    def matches(self, text: str) -> Iterator[re.Match[str]]:
        """Every phrase in `text`, left to right, longest first where two start together."""
        return self.phrases.finditer(text)


def commitment_strength(text: str, lexicon: Lexicon, *, published: FuzzyDate | None = None) -> Strength:
    """Classify how firmly `text` commits, with the phrases that decided it and any deadline."""
    text = text.replace("\u2019", "'")
    has_digits = _DIGIT.search(text) is not None  # every date to mask has a day or a year
    masked = _DATES_TO_MASK.sub(lambda m: " " * len(m.group()), text) if has_digits else text
    spans: list[tuple[int, int, Level]] = []
    negated: list[str] = []
    reach_end = -1  # a negation cancels the next phrase that starts before this point
    negation_start = 0
    for match in lexicon.matches(masked):
        kind = lexicon.kinds[int((match.lastgroup or "p0")[1:])]
        if kind == _NEGATION:
            negation_start = match.start()
            reach = _NEGATION_REACH.match(masked, match.end())
            reach_end = reach.end() if reach else match.end()
            continue
        if match.start() <= reach_end:
            negated.append(" ".join(text[negation_start : match.end()].split()))
            reach_end = -1
            continue
        reach_end = -1
        this = cast(Level, kind)
        if spans and _GAP.fullmatch(masked, spans[-1][1], match.start()) and RANK[this] < RANK[spans[-1][2]]:
            # "will test", "would consider": the first word says how sure, the second what is done.
            spans[-1] = (spans[-1][0], match.end(), this)
        else:
            spans.append((match.start(), match.end(), this))
    found = [Found(text=" ".join(text[start:end].split()), level=lvl) for start, end, lvl in spans]
    level: StrengthLevel = max((f.level for f in found), key=RANK.__getitem__, default="none")
    deadlines = _deadlines(text, lexicon, published) if has_digits else ()
    latest = max(deadlines, key=lambda d: (d.date.end, d.date.start), default=None)
    return Strength(
        level=level,
        phrases=tuple(dict.fromkeys(f.text for f in found if f.level == level)),
        found=tuple(found),
        negated=tuple(negated),
        deadline=latest,
        deadlines=deadlines,
    )


def _deadlines(text: str, lexicon: Lexicon, published: FuzzyDate | None) -> tuple[Deadline, ...]:
    if lexicon.deadlines is None:
        return ()
    found = []
    for match in lexicon.deadlines.finditer(text):
        try:
            date = FuzzyDate.parse(match.group("date"))
        except ValueError:  # "by next 2025": not a date we can place
            continue
        if published is not None and date.end < published.start:
            continue
        found.append(Deadline(phrase=" ".join(match.group().split()), date=date))
    return tuple(found)


def proposal_strength(proposal: Proposal, lexicon: Lexicon, *, published: FuzzyDate | None = None) -> Strength:
    """The strength of a proposal: of its `commitment` text if it has one, else of its summary."""
    return commitment_strength(proposal.commitment or proposal.summary, lexicon, published=published)
