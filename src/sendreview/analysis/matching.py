"""Which proposal of a new paper is which of an older one: by `follows:`, by id, then by title.

The order, and why:
    1. `follows: <old id>` on the new proposal: the forum said so;
    2. the same `id` in both papers;
    3. title similarity, for what is left: the Dice coefficient of the two titles' word sets
       (`sendreview.analysis.words.title_words`), matched best first when the score is at least
       SIMILARITY_THRESHOLD (0.6). Below it, nothing is matched; the closest candidate at or
       above NEAR_MISS (0.5) is reported, so a reader can see what nearly matched.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sendreview.analysis.result import Result
from sendreview.analysis.words import dice, title_similarity, title_words
from sendreview.models.document import Proposal

MatchHow = Literal["follows", "id", "title", "chain"]
SIMILARITY_THRESHOLD = 0.6
NEAR_MISS = 0.5
COMMON_WORD_TITLES = 200


class ProposalMatch(Result):
    """How a new proposal was matched to an old one, and how alike their titles are (0 to 1)."""

    how: MatchHow
    score: float
    via: tuple[str, ...] = ()
    """For the net change across several papers: the ids in the papers between."""


class Nearest(Result):
    """The closest proposal on the other side, too far below the threshold to match."""

    id: str
    title: str
    score: float


@dataclass(frozen=True)
class Pair:
    """A new proposal's match in the old paper."""

    old: str
    how: MatchHow
    score: float
    via: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matching:
    """The matches from a new paper to an old one, and the near misses left unmatched."""

    pairs: dict[str, Pair]  # new id -> its old proposal
    nearest: dict[tuple[str, str], Nearest]  # ("old" | "new", id) -> closest unmatched on the other side


def match_proposals(
    old: Sequence[Proposal], new: Sequence[Proposal], threshold: float = SIMILARITY_THRESHOLD
) -> Matching:
    """Match new proposals to old ones: by `follows`, then by id, then by title similarity."""
    old_by_id = {p.id: p for p in old}
    claimed: set[str] = set()
    pairs: dict[str, Pair] = {}
    for how in ("follows", "id"):
        for proposal in new:
            target = proposal.follows if how == "follows" else proposal.id
            if proposal.id in pairs or target is None or target not in old_by_id or target in claimed:
                continue
            claimed.add(target)
            score = title_similarity(old_by_id[target].title, proposal.title)
            pairs[proposal.id] = Pair(target, how, score)
    old_left = [p for p in old if p.id not in claimed]
    new_left = [p for p in new if p.id not in pairs]
    similar, nearest = by_title(old_left, new_left, threshold)
    pairs.update(similar)
    return Matching(pairs, nearest)


def by_title(
    old: Sequence[Proposal], new: Sequence[Proposal], threshold: float | None
) -> tuple[dict[str, Pair], dict[tuple[str, str], Nearest]]:
    """Match by title, best first, at or above `threshold` (None: match nothing); report near misses.

    Only pairs that share one of their rarer words are scored (prefix filtering, which is exact
    for the Dice coefficient), so papers of thousands of proposals stay quick. A word found in
    more than COMMON_WORD_TITLES titles is not used to find candidates: below 100 proposals a
    paper cannot have one, and in huge papers a pair that shares only such words is not matched.
    """
    old_words = [title_words(p.title) for p in old]
    new_words = [title_words(p.title) for p in new]
    frequency = Counter(w for words in (*old_words, *new_words) for w in words)

    def prefix(words: frozenset[str]) -> list[str]:
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        needed = math.ceil(NEAR_MISS * len(ordered) / (2 - NEAR_MISS) - 1e-9)
        return [w for w in ordered[: max(len(ordered) - needed + 1, 0)] if frequency[w] <= COMMON_WORD_TITLES]

    index: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(old_words):
        for word in prefix(words):
            index[word].append(i)
    # Titles of small words only ("The plan") can match only the same title.
    empty_old: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(old_words):
        if not words:
            empty_old[" ".join(old[i].title.lower().split())].append(i)
    scored: list[tuple[float, int, int]] = []
    for j, words in enumerate(new_words):
        candidates = {i for word in prefix(words) for i in index.get(word, ())}
        if not words:
            candidates.update(empty_old.get(" ".join(new[j].title.lower().split()), ()))
        for i in candidates:
            score = dice(old_words[i], words, old[i].title, new[j].title)
            if score >= NEAR_MISS:
                scored.append((score, i, j))
    scored.sort(key=lambda s: (-s[0], s[2], s[1]))
    pairs: dict[str, Pair] = {}
    used_old: set[int] = set()
    if threshold is not None:
        for score, i, j in scored:
            if score < threshold:
                break
            if i in used_old or new[j].id in pairs:
                continue
            used_old.add(i)
            pairs[new[j].id] = Pair(old[i].id, "title", score)
    nearest: dict[tuple[str, str], Nearest] = {}
    for score, i, j in scored:  # best first, so the first seen is the closest
        if i in used_old or new[j].id in pairs:
            continue
        nearest.setdefault(("old", old[i].id), Nearest(id=new[j].id, title=new[j].title, score=score))
        nearest.setdefault(("new", new[j].id), Nearest(id=old[i].id, title=old[i].title, score=score))
    return pairs, nearest
