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

Today's vocabulary (`data/vocabulary.yaml`): the words later papers use for an ask ("Individual
Support Plans", "national inclusion standards") join its keywords, scored the same way; a match
on one of them names the paper whose words it is.

Learning from earlier assessments (`--learn-from`): a forum's assessed proposals of earlier papers
vote for the asks they were linked to (a lens point for its ask), in proportion to how alike they
are to the new proposal:

- How alike, 0 to 1: the higher of two figures. Their titles: the Dice coefficient of the two
  titles' word sets that `diff` matches proposals by (`sendreview.analysis.words.title_words`).
  Their words: the weighted Dice coefficient of all their words, cut as above, each distinct
  word weighted by where it stands (title 2, summary 1) and by how rare it is among the earlier
  proposals (the same rarity as above): 2 x the weight the two share / the sum of both weights.
  Titles count from diff's NEAR_MISS (0.5) up: below it, two short titles share a word or two
  ("SEND", "plans") by chance. Titles carry a paper's names for things; the words catch a
  proposal renamed but described alike.
- The NEIGHBOURS (5) most alike earlier proposals at MIN_SIMILARITY (0.2) or more vote; each
  gives each ask it was linked to `LEARNING_WEIGHT (10) x how alike`. A proposal half alike to
  an earlier one gives 5 points, about what a rare keyword in the title gives.
- An ask's score is its word points plus its votes; each vote is listed with the earlier
  proposal, its paper and its points, so the parts still add up to the score.

Rarity comes from twenty-odd asks, so scores rank asks for one proposal well and compare
proposals only roughly. `benchmarks/suggest_quality.py` measures how often the asks a person
chose are among the top suggestions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from sendreview.analysis.matching import NEAR_MISS
from sendreview.analysis.result import Result
from sendreview.analysis.words import Token, dice, title_words, tokens
from sendreview.models.asks import Ask, AskKind, Catalogue
from sendreview.models.document import Document, DocumentInfo, Proposal, Stance
from sendreview.models.vocabulary import VocabularyFile

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
LEARNING_WEIGHT = 10.0
NEIGHBOURS = 5
MIN_SIMILARITY = 0.2


class WordMatch(Result):
    """A phrase or word the proposal shares with an ask, as written in the proposal, and its points."""

    text: str
    kind: Literal["phrase", "word"]
    points: float
    vocabulary: str = ""
    """When the word is one a later paper uses for the ask (data/vocabulary.yaml): that paper, as
    explanations name it ("the 2026 White Paper"); empty for the catalogue's own words."""


class Precedent(Result):
    """An earlier assessed proposal like this one, which was linked to the ask: its vote."""

    file: str
    """The earlier file, as given to --learn-from (see `Suggestions.learned_from`)."""
    id: str
    title: str
    similarity: float
    """How alike the two proposals are, 0 to 1."""
    by: Literal["titles", "words"]
    """What is alike: their titles (as `diff` matches them) or all their words."""
    points: float


class Suggestion(Result):
    """An ask the proposal may touch, with its score and the matches and earlier proposals behind it."""

    ask: str
    title: str
    kind: AskKind
    score: float
    matched: tuple[WordMatch, ...]
    learned: tuple[Precedent, ...] = ()


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


class LearnedFrom(Result):
    """An earlier paper whose assessed proposals vote for asks."""

    file: str
    document: DocumentInfo
    assessed: int
    """How many of its proposals are linked to an ask."""


class Suggestions(Result):
    """Everything `suggest` found: the JSON output's shape."""

    document: DocumentInfo
    top: int
    min_score: float
    all_proposals: bool
    proposals: tuple[ProposalSuggestions, ...]
    learned_from: tuple[LearnedFrom, ...] = ()


@dataclass(frozen=True)
class _Entry:
    """One ask as the ranker sees it."""

    ask: Ask
    weights: dict[str, float]  # stem -> weight, boilerplate left out
    phrases: tuple[tuple[str, ...], ...]  # keyword phrases, as stems
    vocabulary: frozenset[str]  # every stem, boilerplate too, to tell how rare a word is
    length: float  # the sum of the weights, for BM25's length normalisation
    origins: dict[tuple[str, ...], str]  # a phrase or (word,) found only in a later paper's words -> that paper


def _entry(ask: Ask, later: Sequence[tuple[str, str]] = ()) -> _Entry:
    """Read one ask; `later` are (term, paper label) pairs of today's vocabulary for it."""
    weights: dict[str, float] = {}
    vocabulary: set[str] = set()

    def add(found: Iterable[Token], weight: float) -> None:
        for token in found:
            vocabulary.add(token.stem)
            if not token.boilerplate:
                weights[token.stem] = weights.get(token.stem, 0.0) + weight

    add(tokens(ask.title), ASK_WEIGHTS["title"])
    add(tokens(ask.text), ASK_WEIGHTS["text"])
    phrases: list[tuple[str, ...]] = []
    origins: dict[tuple[str, ...], str] = {}
    for keyword, origin in [*((k, "") for k in ask.keywords), *later]:
        found = tokens(keyword)
        stems = tuple(token.stem for token in found)
        if origin and (stems in phrases or (len(stems) == 1 and stems[0] in weights)):
            continue  # the catalogue has it already: the deck's words come first
        if len(found) > 1:
            add(found, ASK_WEIGHTS["text"])
            phrases.append(stems)
        else:
            add(found, ASK_WEIGHTS["keywords"])
        if origin and stems:
            origins[stems] = origin
    for point in ask.lenses:
        add(tokens(point.text), ASK_WEIGHTS["lenses"])
    return _Entry(ask, weights, tuple(phrases), frozenset(vocabulary), sum(weights.values()), origins)


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
    def for_catalogue(cls, catalogue: Catalogue, vocabulary: VocabularyFile | None = None) -> Ranker:
        """Read every ask of the catalogue, bundled and local alike, with today's words for them
        from `vocabulary` (terms for asks the catalogue does not have are left out)."""
        later: dict[str, list[tuple[str, str]]] = {}
        if vocabulary is not None:
            labels = {paper.id: paper.label for paper in vocabulary.papers}
            for terms in vocabulary.terms:
                later.setdefault(terms.ask, []).extend((t, labels.get(terms.paper, terms.paper)) for t in terms.terms)
        entries = tuple(_entry(ask, later.get(ask.id, ())) for ask in catalogue.asks)
        rarity = _rarity([entry.vocabulary for entry in entries])
        average = sum(entry.length for entry in entries) / len(entries) if entries else 0.0
        return cls(entries, rarity, average or 1.0)

    def rank(self, title: str, summary: str = "", learner: Learner | None = None) -> list[Suggestion]:
        """Every ask that shares a word or phrase with the proposal, or that earlier proposals like it
        were linked to (with `learner`), best first (ties in catalogue order)."""
        texts = (_Text(title, tokens(title), TITLE_WEIGHT), _Text(summary, tokens(summary), SUMMARY_WEIGHT))
        votes = learner.votes(texts) if learner is not None else {}
        present = {token.stem for part in texts for token in part.tokens}
        # Each distinct word once, at its higher weight, shown as first written there.
        words: dict[str, tuple[float, str]] = {}
        for part in texts:
            for token in part.tokens:
                if not token.boilerplate and (token.stem not in words or words[token.stem][0] < part.weight):
                    words[token.stem] = (part.weight, part.text[token.start : token.end])
        scored = []
        for order, entry in enumerate(self.entries):
            matches = self._matches(entry, words, texts, present)
            learned = votes.get(entry.ask.id, ())
            if matches or learned:
                total = sum(m.points for m in matches) + sum(p.points for p in learned)
                scored.append((-round(total, 2), order, entry, matches, learned))
        scored.sort(key=lambda item: item[:2])
        # model_construct: the values are built here, and ranking a long paper calls this often.
        return [
            Suggestion.model_construct(
                ask=entry.ask.id,
                title=entry.ask.title,
                kind=entry.ask.kind,
                score=-negative,
                matched=tuple(matches),
                learned=tuple(learned),
            )
            for negative, _, entry, matches, learned in scored
        ]

    def _matches(
        self, entry: _Entry, words: dict[str, tuple[float, str]], texts: Sequence[_Text], present: set[str]
    ) -> list[WordMatch]:
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
        origins = entry.origins
        for bonus, shown, phrase in phrases:
            # A phrase carries its own words' points, so the parts add up to the score.
            total = bonus + sum(points.pop(s, 0.0) for s in dict.fromkeys(phrase))
            matches.append(
                WordMatch.model_construct(
                    text=shown, kind="phrase", points=round(total, 2), vocabulary=origins.get(phrase, "")
                )
            )
        matches += [
            WordMatch.model_construct(
                text=words[word][1], kind="word", points=round(value, 2), vocabulary=origins.get((word,), "")
            )
            for word, value in points.items()
            if word not in in_phrase
        ]
        matches.sort(key=lambda match: -match.points)
        return matches


@dataclass(frozen=True)
class _Earlier:
    """One assessed proposal of an earlier paper, as the learner sees it."""

    file: str
    id: str
    title: str
    asks: tuple[str, ...]
    words: dict[str, float]  # stem -> its place's weight (title 2, summary 1)
    title_words: frozenset[str]  # as diff matches titles


def _proposal_words(texts: Iterable[_Text]) -> dict[str, float]:
    """Each distinct word that is not boilerplate, at the higher weight of the places it stands."""
    words: dict[str, float] = {}
    for part in texts:
        for token in part.tokens:
            if not token.boilerplate and words.get(token.stem, 0.0) < part.weight:
                words[token.stem] = part.weight
    return words


def _texts(proposal: Proposal) -> tuple[_Text, _Text]:
    return (
        _Text(proposal.title, tokens(proposal.title), TITLE_WEIGHT),
        _Text(proposal.summary, tokens(proposal.summary), SUMMARY_WEIGHT),
    )


@dataclass(frozen=True)
class Learner:
    """A forum's assessed proposals of earlier papers, read once, ready to vote on any number of new ones."""

    earlier: tuple[_Earlier, ...]
    weights: tuple[dict[str, float], ...]  # each earlier proposal's words, weighted by place and rarity
    totals: tuple[float, ...]
    index: dict[str, list[tuple[int, float]]]  # stem -> the earlier proposals that use it, with its weight there
    title_index: dict[str, list[int]]  # title word -> the earlier proposals whose title has it
    rarity: dict[str, float]
    unseen: float  # the rarity of a word no earlier proposal uses
    _made: dict[tuple[int, float, str], Precedent] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_papers(cls, papers: Sequence[tuple[str, Document]]) -> Learner:
        """Every proposal linked to an ask in the earlier papers, given as (file name, document) pairs."""

        earlier = tuple(
            _Earlier(name, p.id, p.title, linked_asks(p), _proposal_words(_texts(p)), title_words(p.title))
            for name, document in papers
            for p in document.proposals
            if p.responds_to
        )
        rarity = _rarity([item.words for item in earlier])
        weights = tuple({w: v * rarity[w] for w, v in item.words.items()} for item in earlier)
        index: dict[str, list[tuple[int, float]]] = {}
        title_index: dict[str, list[int]] = {}
        for i, item in enumerate(earlier):
            for word in item.words:
                index.setdefault(word, []).append((i, weights[i][word]))
            for word in item.title_words:
                title_index.setdefault(word, []).append(i)
        totals = tuple(sum(w.values()) for w in weights)
        return cls(earlier, weights, totals, index, title_index, rarity, math.log(1 + (len(earlier) + 0.5) / 0.5))

    def similar(self, texts: Sequence[_Text]) -> list[tuple[_Earlier, float, Literal["titles", "words"]]]:
        """The NEIGHBOURS earlier proposals most alike (MIN_SIMILARITY or more), most alike first,
        each with how alike and what is alike (titles or words)."""

        found: dict[int, tuple[float, Literal["titles", "words"]]] = {}
        mine = {w: v * self.rarity.get(w, self.unseen) for w, v in _proposal_words(texts).items()}
        if mine:
            shared: dict[int, float] = {}
            for word, weight in mine.items():
                for i, their_weight in self.index.get(word, ()):
                    shared[i] = shared.get(i, 0.0) + (weight if weight < their_weight else their_weight)
            total = sum(mine.values())
            found = {i: (round(2 * both / (total + self.totals[i]), 2), "words") for i, both in shared.items()}
        title = title_words(texts[0].text)
        candidates = {i for word in title for i in self.title_index.get(word, ())}
        for i in candidates:
            theirs = self.earlier[i].title_words
            alike = dice(title, theirs, texts[0].text, self.earlier[i].title)
            if alike >= NEAR_MISS and alike >= found.get(i, (0.0, "words"))[0]:
                found[i] = (alike, "titles")
        scored = sorted(
            ((alike, i, by) for i, (alike, by) in found.items() if alike >= MIN_SIMILARITY),
            key=lambda s: (-s[0], s[1]),
        )
        return [(self.earlier[i], alike, by) for alike, i, by in scored[:NEIGHBOURS]]

    def votes(self, texts: Sequence[_Text]) -> dict[str, list[Precedent]]:
        """Ask id -> the earlier proposals like this one that were linked to it, most alike first."""
        found: dict[str, list[Precedent]] = {}
        for item, similarity, by in self.similar(texts):
            # Made once for each earlier proposal, figure and kind: a long paper meets the same ones often.
            key = (id(item), similarity, by)
            if (precedent := self._made.get(key)) is None:
                precedent = self._made[key] = Precedent.model_construct(
                    file=item.file,
                    id=item.id,
                    title=item.title,
                    similarity=similarity,
                    by=by,
                    points=round(LEARNING_WEIGHT * similarity, 2),
                )
            for ask in item.asks:
                found.setdefault(ask, []).append(precedent)
        return found

    def __len__(self) -> int:
        return len(self.earlier)


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
    learner: Learner | None = None,
) -> ProposalSuggestions:
    """Suggestions for one proposal, leaving out the asks it is linked to already."""
    ranked = ranker.rank(proposal.title, proposal.summary, learner)
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
    # model_construct: made here, in the fields' own types (compare's table then builds no validator).
    return ProposalSuggestions.model_construct(
        id=proposal.id, title=proposal.title, linked=linked, suggestions=tuple(fresh), second_look=tuple(looks)
    )


def suggest(
    document: Document,
    catalogue: Catalogue,
    *,
    top: int = DEFAULT_TOP,
    min_score: float = DEFAULT_MIN_SCORE,
    all_proposals: bool = False,
    vocabulary: VocabularyFile | None = None,
    earlier: Sequence[tuple[str, Document]] = (),
) -> Suggestions:
    """Suggest asks for each unassessed proposal; with `all_proposals`, for every one, with a second look.

    `vocabulary` adds today's words for the asks; `earlier` are assessed earlier papers, as
    (file name, document) pairs, whose proposals vote (see the module's rule). The caller keeps
    the paper itself out of `earlier` (`sendreview.api.load_earlier` refuses it).
    """
    ranker = Ranker.for_catalogue(catalogue, vocabulary)
    learner = Learner.from_papers(earlier) if earlier else None
    chosen = [p for p in document.proposals if all_proposals or not p.responds_to]
    found = (
        suggest_for(ranker, p, top=top, min_score=min_score, second_look=all_proposals, learner=learner) for p in chosen
    )
    return Suggestions(
        document=document.document,
        top=top,
        min_score=min_score,
        all_proposals=all_proposals,
        proposals=tuple(found),
        learned_from=tuple(
            LearnedFrom(file=name, document=paper.document, assessed=sum(1 for p in paper.proposals if p.responds_to))
            for name, paper in earlier
        ),
    )


def first_suggestions(
    document: Document,
    catalogue: Catalogue,
    *,
    vocabulary: VocabularyFile | None = None,
    earlier: Sequence[tuple[str, Document]] = (),
) -> dict[str, Suggestion]:
    """The best suggestion for each unassessed proposal that has one, by proposal id (for `compare`),
    from the same ranker as `suggest`, learning from `earlier` papers when they are given."""
    unassessed = [p for p in document.proposals if not p.responds_to]
    if not unassessed:
        return {}
    ranker = Ranker.for_catalogue(catalogue, vocabulary)
    learner = Learner.from_papers(earlier) if earlier else None
    found = {p.id: suggest_for(ranker, p, top=1, learner=learner).suggestions for p in unassessed}
    return {pid: suggestions[0] for pid, suggestions in found.items() if suggestions}


def _rarity(texts: Sequence[Iterable[str]]) -> dict[str, float]:
    """How rare each word is across the texts (BM25's inverse document frequency): a word in few
    of them says more about the one it is in."""
    count: dict[str, int] = {}
    for words in texts:
        for word in words:
            count[word] = count.get(word, 0) + 1
    n = len(texts)
    return {word: math.log(1 + (n - df + 0.5) / (df + 0.5)) for word, df in count.items()}


def paper_names(learned_from: Iterable[LearnedFrom]) -> dict[str, str]:
    """How explanations name each earlier paper, by file: its title and year."""
    names = {}
    for item in learned_from:
        published = item.document.published
        names[item.file] = item.document.title + (f" ({published.start.year})" if published is not None else "")
    return names


def matched_words(suggestion: Suggestion) -> str:
    """The words and phrases that matched, each with its points: '"Tribunal" 7.02, "appeal" 6.96'."""
    return ", ".join(
        f'"{m.text}"' + (f" ({m.vocabulary}'s words)" if m.vocabulary else "") + f" {m.points:g}"
        for m in suggestion.matched
    )


def precedent_reasons(suggestion: Suggestion, papers: Mapping[str, str]) -> list[str]:
    """Each earlier proposal like this one that voted for the ask, in words, with its points."""
    return [
        f'like {p.id} "{p.title}" in {papers.get(p.file, p.file)} ({p.by} {p.similarity:.0%} alike),'
        f" linked there to {suggestion.ask}: {p.points:g}"
        for p in suggestion.learned
    ]


def reasons(suggestion: Suggestion, papers: Mapping[str, str]) -> list[str]:
    """Why an ask is suggested, in words: the words that matched, then each earlier proposal like
    this one, each with its points (they add up to the score). `papers` names each earlier file."""
    words = [f"matched: {matched_words(suggestion)}"] if suggestion.matched else []
    return words + precedent_reasons(suggestion, papers)
