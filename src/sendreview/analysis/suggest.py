"""Suggest which asks a proposal most likely touches, and say why: the words and phrases that matched.

A suggestion is a draft for a person to judge, never an assessment: `compare` counts none of it,
and nothing here reaches a document except as a comment or a `stance: todo` a person must replace.

How a proposal is scored against an ask (the same for every ask, bundled or local):

- Both are cut into words: lower case, common words dropped ("the", "and", "SEND"), British
  "-ise" read as "-ize", each word cut to its stem by the Snowball English stemmer, so
  "commissioning", "commissioned" and "commission" are one word. "co-" and "multi-" words stay
  whole (co-production is coproduction; multi-agency is not multi-academy).
- An ask is described by its title (weight 2), its text (1), its one-word keywords (3) and its
  lens points' text (0.5). A keyword of several words is matched as a phrase; its words alone
  count only as description (1).
- Words every SEND paper uses everywhere (BOILERPLATE: "local", "national", "support",
  "provision"...) count inside a phrase ("local offer", "national standards"), never alone.
- A proposal's words come from its title (weight 2) and summary (1); each distinct word counts
  once, at its higher weight.
- A shared word scores `proposal weight x rarity x saturation`, as in BM25: rarity is the
  inverse document frequency over the catalogue's asks, and saturation `(k+1)w / (K+w)` with
  k = 1.2 and K = k(1 - b + b * ask length / average ask length), b = 0.75, so a word counts
  for less in a long ask and a repeated word with diminishing returns.
- A keyword phrase found in the proposal (its words in order, at most one other word between
  each pair) adds `proposal weight x the rarity of its words`.
- The score is the sum; each matched phrase (with its own words) or word is listed with its
  points, so the parts add up to the score. Asks under `min_score` are not suggested.

Rarity comes from twenty-odd asks, so scores rank asks for one proposal well and compare
proposals only roughly. `benchmarks/suggest_quality.py` measures how often the asks a person
chose are among the top suggestions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sendreview.analysis.result import Result
from sendreview.models.asks import Ask, AskKind, Catalogue
from sendreview.models.document import Document, DocumentInfo, Proposal, Stance

DEFAULT_TOP = 3
DEFAULT_MIN_SCORE = 2.0
"""Below this an ask is not suggested: at most one ordinary word of a summary in common."""

ASK_WEIGHTS = {"title": 2.0, "text": 1.0, "keywords": 3.0, "lenses": 0.5}
TITLE_WEIGHT = 2.0
SUMMARY_WEIGHT = 1.0
SATURATION = 1.2
LENGTH_NORMALISATION = 0.75
PHRASE_BONUS = 1.0
PHRASE_GAP = 1

STOPWORDS = frozenset(
    """
    a about above after again all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each either etc few for from further
    had has have having he her here hers him his how i if in into is it its itself just least less let
    may me might more most much must my no nor not now of off on once only or other our ours out over
    own per same shall she should so some such than that the their theirs them then there these they
    this those through thus to too under until up upon us very via was we were what when where whether
    which while who whom whose why will with within without would yet you your
    send sen
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
BOILERPLATE = frozenset(
    """
    area areas across care child children education families family government health including local
    make national need needs new paper parent parents people plan plans planning provision school schools
    review reviews service services set support system systems time use young
    """.split()  # noqa: SIM905
)

_WORD = re.compile(r"(?:co|multi|non|inter|cross)-[a-z]+|[a-z0-9]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_AMOUNT = re.compile(r"\d+(bn|m)")  # £2.6bn reads as 2.6 billion, £70m as 70 million
_BRITISH_ISE = re.compile(r"^(\w{3,}?)is(e|es|ed|ing|ation|ations)$")


class Match(Result):
    """A phrase or word the proposal shares with an ask, as written in the proposal, and its points."""

    text: str
    kind: Literal["phrase", "word"]
    points: float


class Suggestion(Result):
    """An ask the proposal may touch, with its score and the matches behind it."""

    ask: str
    title: str
    kind: AskKind
    score: float
    matched: tuple[Match, ...]


class SecondLook(Result):
    """An assessed link whose ask scores under the minimum: the words do not show why it was made."""

    ask: str
    title: str
    stance: Stance
    score: float


class ProposalSuggestions(Result):
    """One proposal: the asks it is linked to already, suggestions for others, links to look at again."""

    id: str
    title: str
    linked: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]
    second_look: tuple[SecondLook, ...] = ()


class Suggestions(Result):
    """Everything `suggest` found: the JSON output's shape."""

    document: DocumentInfo
    top: int
    min_score: float
    all_proposals: bool
    proposals: tuple[ProposalSuggestions, ...]


@dataclass(frozen=True)
class Token:
    """A word of a text: its stem, where it stands in the text, and whether it is boilerplate."""

    stem: str
    start: int
    end: int
    boilerplate: bool = False


_stem_cache: dict[str, str] = {}
_stem_word: list[Callable[[str], str]] = []


def stem(word: str) -> str:
    """The Snowball English stem of a lower-case word, British -ise read as -ize."""
    if (found := _stem_cache.get(word)) is None:
        if not _stem_word:
            # Imported on first use: commands that never suggest do not pay for it.
            from snowballstemmer import stemmer  # type: ignore[import-untyped]  # ships no type hints

            _stem_word.append(stemmer("english").stemWord)
        found = _stem_cache[word] = _stem_word[0](_BRITISH_ISE.sub(r"\1iz\2", word))
    return found


def tokens(text: str) -> list[Token]:
    """The text's meaningful words, stemmed, each with its place in the text."""
    lowered = text.lower().translate(_APOSTROPHES)  # same length, so places still hold
    found = []
    for match in _WORD.finditer(lowered):
        word = match.group().replace("-", "")
        if word in STOPWORDS or (len(word) == 1 and word.isalpha()):
            continue
        if amount := _AMOUNT.fullmatch(word):
            word = "billion" if amount.group(1) == "bn" else "million"
        found.append(Token(stem(word), match.start(), match.end(), word in BOILERPLATE))
    return found


@dataclass(frozen=True)
class _Entry:
    """One ask as the ranker sees it."""

    ask: Ask
    weights: dict[str, float]  # stem -> weight, boilerplate left out
    phrases: tuple[tuple[str, ...], ...]  # keyword phrases, as stems
    vocabulary: frozenset[str]  # every stem, boilerplate too, to tell how rare a word is
    length: float  # the sum of the weights, for BM25's length normalisation


def _entry(ask: Ask) -> _Entry:
    weights: dict[str, float] = {}
    vocabulary: set[str] = set()

    def add(found: Iterable[Token], weight: float) -> None:
        for token in found:
            vocabulary.add(token.stem)
            if not token.boilerplate:
                weights[token.stem] = weights.get(token.stem, 0.0) + weight

    add(tokens(ask.title), ASK_WEIGHTS["title"])
    add(tokens(ask.text), ASK_WEIGHTS["text"])
    phrases = []
    for keyword in ask.keywords:
        found = tokens(keyword)
        if len(found) > 1:
            add(found, ASK_WEIGHTS["text"])
            phrases.append(tuple(token.stem for token in found))
        else:
            add(found, ASK_WEIGHTS["keywords"])
    for point in ask.lenses:
        add(tokens(point.text), ASK_WEIGHTS["lenses"])
    return _Entry(ask, weights, tuple(phrases), frozenset(vocabulary), sum(weights.values()))


@dataclass(frozen=True)
class _Text:
    """A proposal's title or summary, read once."""

    text: str
    tokens: list[Token]
    weight: float


@dataclass(frozen=True)
class Ranker:
    """The catalogue's asks, read once, ready to score any number of proposals."""

    entries: tuple[_Entry, ...]
    rarity: dict[str, float]
    average_length: float

    @classmethod
    def for_catalogue(cls, catalogue: Catalogue) -> Ranker:
        """Read every ask of the catalogue, bundled and local alike."""
        entries = tuple(_entry(ask) for ask in catalogue.asks)
        count: dict[str, int] = {}
        for entry in entries:
            for word in entry.vocabulary:
                count[word] = count.get(word, 0) + 1
        n = len(entries)
        rarity = {word: math.log(1 + (n - df + 0.5) / (df + 0.5)) for word, df in count.items()}
        average = sum(entry.length for entry in entries) / n if n else 0.0
        return cls(entries, rarity, average or 1.0)

    def rank(self, title: str, summary: str = "") -> list[Suggestion]:
        """Every ask that shares a word or phrase with the proposal, best first (ties in catalogue order)."""
        texts = (_Text(title, tokens(title), TITLE_WEIGHT), _Text(summary, tokens(summary), SUMMARY_WEIGHT))
        present = {token.stem for part in texts for token in part.tokens}
        # Each distinct word once, at its higher weight, shown as first written there.
        words: dict[str, tuple[float, str]] = {}
        for part in texts:
            for token in part.tokens:
                if not token.boilerplate and (token.stem not in words or words[token.stem][0] < part.weight):
                    words[token.stem] = (part.weight, part.text[token.start : token.end])
        scored = []
        for order, entry in enumerate(self.entries):
            if matches := self._matches(entry, words, texts, present):
                scored.append((-round(sum(m.points for m in matches), 2), order, entry, matches))
        scored.sort(key=lambda item: item[:2])
        # model_construct: the values are built here, and ranking a long paper calls this often.
        return [
            Suggestion.model_construct(
                ask=entry.ask.id, title=entry.ask.title, kind=entry.ask.kind, score=-negative, matched=tuple(matches)
            )
            for negative, _, entry, matches in scored
        ]

    def _matches(
        self, entry: _Entry, words: dict[str, tuple[float, str]], texts: Sequence[_Text], present: set[str]
    ) -> list[Match]:
        phrases: list[tuple[float, str, tuple[str, ...]]] = []
        for phrase in entry.phrases:
            if not present.issuperset(phrase):
                continue  # most phrases, most of the time: no need to look for them
            for part in texts:
                if (span := _find_phrase(phrase, part.tokens)) is not None:
                    shown = " ".join(part.text[span[0] : span[1]].split())
                    if all(shown.lower() != known.lower() for _, known, _ in phrases):
                        bonus = PHRASE_BONUS * part.weight * sum(self.rarity.get(s, 0.0) for s in phrase)
                        phrases.append((bonus, shown, phrase))
                    break
        in_phrase = {s for _, _, phrase in phrases for s in phrase}
        k = SATURATION * (1 - LENGTH_NORMALISATION + LENGTH_NORMALISATION * entry.length / self.average_length)
        points: dict[str, float] = {}
        for word, (weight, _) in words.items():
            if (ask_weight := entry.weights.get(word)) is not None:
                points[word] = weight * self.rarity[word] * (SATURATION + 1) * ask_weight / (k + ask_weight)
        matches = []
        for bonus, shown, phrase in phrases:
            # A phrase carries its own words' points, so the parts add up to the score.
            total = bonus + sum(points.pop(s, 0.0) for s in dict.fromkeys(phrase))
            matches.append(Match.model_construct(text=shown, kind="phrase", points=round(total, 2)))
        matches += [
            Match.model_construct(text=words[word][1], kind="word", points=round(value, 2))
            for word, value in points.items()
            if word not in in_phrase
        ]
        matches.sort(key=lambda match: -match.points)
        return matches


def _find_phrase(phrase: Sequence[str], found: Sequence[Token]) -> tuple[int, int] | None:
    """Where the phrase's words stand in order, each at most PHRASE_GAP words after the last;
    the closest such place, so "Change Programme" is found as itself, not "changes ... Programme"."""
    for gap in range(PHRASE_GAP + 1):
        for first, token in enumerate(found):
            if token.stem != phrase[0]:
                continue
            position = first
            for word in phrase[1:]:
                window = found[position + 1 : position + 2 + gap]
                step = next((i for i, candidate in enumerate(window) if candidate.stem == word), None)
                if step is None:
                    break
                position += 1 + step
            else:
                return token.start, found[position].end
    return None


def linked_asks(proposal: Proposal) -> tuple[str, ...]:
    """The asks a proposal is linked to; a link to a lens point counts as a link to its ask."""
    return tuple(dict.fromkeys(link.ask.partition("/")[0] for link in proposal.responds_to))


def suggest_for(
    ranker: Ranker,
    proposal: Proposal,
    *,
    top: int = DEFAULT_TOP,
    min_score: float = DEFAULT_MIN_SCORE,
    second_look: bool = False,
) -> ProposalSuggestions:
    """Suggestions for one proposal, leaving out the asks it is linked to already."""
    ranked = ranker.rank(proposal.title, proposal.summary)
    linked = linked_asks(proposal)
    fresh = [s for s in ranked if s.ask not in linked and s.score >= min_score][:top]
    looks = []
    if second_look:
        scores = {s.ask: s.score for s in ranked}
        titles = {entry.ask.id: entry.ask.title for entry in ranker.entries}
        for link in proposal.responds_to:
            ask = link.ask.partition("/")[0]
            score = scores.get(ask, 0.0)
            if ask in titles and score < min_score:
                looks.append(SecondLook(ask=link.ask, title=titles[ask], stance=link.stance, score=score))
    return ProposalSuggestions(
        id=proposal.id, title=proposal.title, linked=linked, suggestions=tuple(fresh), second_look=tuple(looks)
    )


def suggest(
    document: Document,
    catalogue: Catalogue,
    *,
    top: int = DEFAULT_TOP,
    min_score: float = DEFAULT_MIN_SCORE,
    all_proposals: bool = False,
) -> Suggestions:
    """Suggest asks for each unassessed proposal; with `all_proposals`, for every one, with a second look."""
    ranker = Ranker.for_catalogue(catalogue)
    chosen = [p for p in document.proposals if all_proposals or not p.responds_to]
    found = (suggest_for(ranker, p, top=top, min_score=min_score, second_look=all_proposals) for p in chosen)
    return Suggestions(
        document=document.document,
        top=top,
        min_score=min_score,
        all_proposals=all_proposals,
        proposals=tuple(found),
    )


def first_suggestions(document: Document, catalogue: Catalogue) -> dict[str, Suggestion]:
    """The best suggestion for each unassessed proposal that has one, by proposal id (for `compare`)."""
    unassessed = [p for p in document.proposals if not p.responds_to]
    if not unassessed:
        return {}
    ranker = Ranker.for_catalogue(catalogue)
    found = {p.id: suggest_for(ranker, p, top=1).suggestions for p in unassessed}
    return {pid: suggestions[0] for pid, suggestions in found.items() if suggestions}
