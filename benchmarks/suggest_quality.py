"""How good are `sendreview suggest`'s suggestions? Hide each shipped example's links and count.

For every example document with assessed proposals (examples/*.yaml that load and have
`responds_to`), the links are hidden and `suggest` runs with its defaults (top 3, --min-score 2).
A link to a lens point counts as a link to its ask. Reported per example:

- top-1 recall: the share of the person's linked asks that the first suggestion names;
- top-3 recall: the share found among the first three suggestions;
- hit rate: the share of proposals with at least one linked ask among the first three;
- top-3 recall again with every keyword taken out of the catalogue, to show what keywords add.

Each example is scored in these settings (the second table):

- today: the catalogue's keywords only, as before today's vocabulary and learning;
- vocabulary: with today's vocabulary (data/vocabulary.yaml);
- learning: vocabulary, and learning from the examples published before the one scored
  (never from the paper scored; nothing to learn from for the first);
- learning, others' words: the same, but without the vocabulary taken from the paper scored,
  so no word of it was chosen while reading that paper;
- leave one paper out: vocabulary, and learning from every other example, later ones too.

Run from the repository root:  python benchmarks/suggest_quality.py [--misses] [--speed]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sendreview.analysis.suggest import DEFAULT_MIN_SCORE, DEFAULT_TOP, Learner, Ranker, _texts, linked_asks, suggest
from sendreview.api import load_catalogue, load_document, load_vocabulary
from sendreview.errors import SendReviewError
from sendreview.models.asks import Catalogue
from sendreview.models.document import Document, Proposal
from sendreview.models.vocabulary import VocabularyFile

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@dataclass(frozen=True)
class Score:
    links: int
    top1: int
    top3: int
    proposals: int
    hits: int
    misses: tuple[str, ...]


def score(
    document: Document,
    catalogue: Catalogue,
    *,
    vocabulary: VocabularyFile | None = None,
    earlier: Sequence[tuple[str, Document]] = (),
) -> Score:
    """Hide the document's links, suggest, and count how many of the hidden asks come back."""
    truth = {p.id: linked_asks(p) for p in document.proposals if p.responds_to}
    hidden = document.model_copy(
        update={"proposals": tuple(p.model_copy(update={"responds_to": ()}) for p in document.proposals)}
    )
    result = suggest(
        hidden, catalogue, top=DEFAULT_TOP, min_score=DEFAULT_MIN_SCORE, vocabulary=vocabulary, earlier=earlier
    )
    found = {p.id: [s.ask for s in p.suggestions] for p in result.proposals}
    links = top1 = top3 = hits = 0
    misses = []
    for proposal_id, asks in truth.items():
        suggested = found.get(proposal_id, [])
        links += len(asks)
        top1 += sum(1 for ask in asks if suggested[:1] == [ask])
        top3 += sum(1 for ask in asks if ask in suggested[:3])
        hits += any(ask in suggested[:3] for ask in asks)
        misses += [f"{proposal_id}: {ask} (suggested: {', '.join(suggested) or 'nothing'})"
                   for ask in asks if ask not in suggested[:3]]  # fmt: skip
    return Score(links, top1, top3, len(truth), hits, tuple(misses))


def without_keywords(catalogue: Catalogue) -> Catalogue:
    """The same catalogue with every ask's keywords taken out."""
    asks = tuple(ask.model_copy(update={"keywords": ()}) for ask in catalogue.asks)
    return replace(catalogue, asks=asks)


def without_paper(vocabulary: VocabularyFile, document: Document) -> VocabularyFile:
    """The vocabulary without the words taken from this document's paper (matched by title)."""
    own = {p.id for p in vocabulary.papers if p.title == document.document.title}
    return vocabulary.model_copy(update={"terms": tuple(t for t in vocabulary.terms if t.paper not in own)})


def examples(catalogue: Catalogue) -> list[tuple[str, Document]]:
    """The shipped examples with assessed proposals, oldest first."""
    found = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        try:
            document = load_document(path, catalogue)
        except SendReviewError:
            continue  # examples/mistakes.yaml is broken on purpose
        if any(p.responds_to for p in document.proposals):
            found.append((path.name, document))
    return sorted(found, key=lambda item: (item[1].document.published is None, item[1].document.published))


def _figures(s: Score) -> str:
    return (
        f"{s.top1 / s.links:.2f} ({s.top1}) | {s.top3 / s.links:.2f} ({s.top3}) "
        f"| {s.hits / s.proposals:.2f} ({s.hits}/{s.proposals})"
    )


def quality(misses: bool) -> None:
    catalogue = load_catalogue()
    bare = without_keywords(catalogue)
    vocabulary = load_vocabulary()
    papers = examples(catalogue)
    print("Today's ranker (the catalogue's keywords only):\n")
    print("| example | proposals assessed | links | top-1 recall | top-3 recall | hit rate | top-3, no keywords |")
    print("|---|---|---|---|---|---|---|")
    for name, document in papers:
        s, plain = score(document, catalogue), score(document, bare)
        print(f"| {name} | {s.proposals} | {s.links} | {_figures(s)} | {plain.top3 / plain.links:.2f} ({plain.top3}) |")
    print("\nWith today's vocabulary and learning:\n")
    print("| example | setting | learns from | top-1 recall | top-3 recall | hit rate |")
    print("|---|---|---|---|---|---|")
    for i, (name, document) in enumerate(papers):
        before = papers[:i]
        others = papers[:i] + papers[i + 1 :]
        settings = [
            ("today", None, ()),
            ("vocabulary", vocabulary, ()),
            ("learning", vocabulary, before),
            ("learning, others' words", without_paper(vocabulary, document), before),
            ("leave one paper out", vocabulary, others),
        ]
        for setting, words, earlier in settings:
            s = score(document, catalogue, vocabulary=words, earlier=earlier)
            sources = ", ".join(n.split(".")[0] for n, _ in earlier) or "nothing"
            print(f"| {name} | {setting} | {sources} | {_figures(s)} |")
            if misses and setting == "learning":
                print("\n".join(f"    missed {miss}" for miss in s.misses), file=sys.stderr)


def speed(proposals: int, learned: int) -> None:
    """Rank `proposals` new proposals with and without `learned` earlier assessed ones, in this process."""
    catalogue = load_catalogue()
    papers = examples(catalogue)
    pool = [p for _, d in papers for p in d.proposals]
    assessed = [p for p in pool if p.responds_to]

    def copy(p: Proposal, n: int, links: bool) -> Proposal:
        update = {"id": f"{p.id}.{n}", "title": f"{p.title} ({n})"} | ({} if links else {"responds_to": ()})
        return p.model_copy(update=update)

    new = Document.model_construct(
        document=papers[-1][1].document,
        proposals=tuple(copy(pool[n % len(pool)], n, False) for n in range(proposals)),
    )
    old = Document.model_construct(
        document=papers[0][1].document,
        proposals=tuple(copy(assessed[n % len(assessed)], n, True) for n in range(learned)),
    )
    vocabulary = load_vocabulary()
    Ranker.for_catalogue(catalogue, vocabulary).rank("warm the stemmer's cache")
    print(f"| {proposals:,} proposals | earlier assessed proposals | seconds |")
    print("|---|---|---|")
    for earlier in ((), (("earlier.yaml", old),)):
        started = time.perf_counter()
        suggest(new, catalogue, vocabulary=vocabulary, earlier=earlier)
        seconds = time.perf_counter() - started
        count = len(Learner.from_papers(earlier)) if earlier else 0
        print(f"| suggest | {count} | {seconds:.2f} |")
    # What learning adds to suggest: finding the similar proposals and their votes. Cutting the
    # proposals into words is shared with the ranker, so it is timed apart.
    learner = Learner.from_papers((("earlier.yaml", old),))
    started = time.perf_counter()
    texts = [_texts(proposal) for proposal in new.proposals]
    cut = time.perf_counter()
    for text in texts:
        learner.votes(text)
    done = time.perf_counter()
    print(f"| cutting the proposals into words (shared with the ranker) | | {cut - started:.2f} |")
    print(f"| learning alone: finding similar proposals, their votes | {len(learner)} | {done - cut:.2f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each linked ask not in the top three")
    parser.add_argument("--speed", action="store_true", help="time 10,000 proposals with 100 earlier ones instead")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.speed:
        speed(10_000, 100)
    else:
        quality(args.misses)
    print(f"\n{time.perf_counter() - started:.2f} s in all", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
