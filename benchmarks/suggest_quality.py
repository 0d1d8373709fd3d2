"""How good are `sendreview suggest`'s suggestions? Hide each shipped example's links and count.

For every example document with assessed proposals (examples/*.yaml that load and have
`responds_to`), the links are hidden and `suggest` runs with its defaults (top 3, --min-score 2).
A link to a lens point counts as a link to its ask. Reported per example:

- top-1 recall: the share of the person's linked asks that the first suggestion names;
- top-3 recall: the share found among the first three suggestions;
- hit rate: the share of proposals with at least one linked ask among the first three;
- top-3 recall again with every keyword taken out of the catalogue, to show what keywords add.

Run from the repository root:  python benchmarks/suggest_quality.py [--misses]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from sendreview.analysis.suggest import DEFAULT_MIN_SCORE, DEFAULT_TOP, linked_asks, suggest
from sendreview.api import load_catalogue, load_document
from sendreview.errors import SendReviewError
from sendreview.models.asks import Catalogue
from sendreview.models.document import Document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@dataclass(frozen=True)
class Score:
    links: int
    top1: int
    top3: int
    proposals: int
    hits: int
    misses: tuple[str, ...]


def score(document: Document, catalogue: Catalogue) -> Score:
    """Hide the document's links, suggest, and count how many of the hidden asks come back."""
    truth = {p.id: linked_asks(p) for p in document.proposals if p.responds_to}
    hidden = document.model_copy(
        update={"proposals": tuple(p.model_copy(update={"responds_to": ()}) for p in document.proposals)}
    )
    result = suggest(hidden, catalogue, top=DEFAULT_TOP, min_score=DEFAULT_MIN_SCORE)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each linked ask not in the top three")
    args = parser.parse_args()
    catalogue = load_catalogue()
    bare = without_keywords(catalogue)
    print("| example | proposals assessed | links | top-1 recall | top-3 recall | hit rate | top-3, no keywords |")
    print("|---|---|---|---|---|---|---|")
    started = time.perf_counter()
    for path in sorted(EXAMPLES.glob("*.yaml")):
        try:
            document = load_document(path, catalogue)
        except SendReviewError:
            continue  # examples/mistakes.yaml is broken on purpose
        if not any(p.responds_to for p in document.proposals):
            continue
        with_keywords, plain = score(document, catalogue), score(document, bare)
        s = with_keywords
        print(
            f"| {path.name} | {s.proposals} | {s.links} | {s.top1 / s.links:.2f} ({s.top1}) "
            f"| {s.top3 / s.links:.2f} ({s.top3}) | {s.hits / s.proposals:.2f} ({s.hits}) "
            f"| {plain.top3 / plain.links:.2f} ({plain.top3}) |"
        )
        if args.misses:
            print("\n".join(f"    missed {miss}" for miss in s.misses), file=sys.stderr)
    print(f"\n{time.perf_counter() - started:.2f} s in all", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
