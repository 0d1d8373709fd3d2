"""Many forums' assessments of one paper, counted together: where the network agrees and where it splits.

For every proposal x ask link that at least one forum made, the forums that agree, partly agree,
disagree, and gave it no stance ("not assessed": they left the proposal unassessed, or judged it
against other asks only). Shares are of the forums that gave a stance. The consensus, from those
shares (thresholds in `THRESHOLDS`, written out in docs/network.md):

    fewer than 3 forums gave a stance          -> too-few (none at all: no-view)
    one stance from three quarters or more      -> strong
    two stances each from a third or more       -> split
    one stance from more than half              -> majority
    anything else                               -> mixed

Forums whose stance differs from a strong consensus are named, so the network can talk to them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from sendreview.analysis.compare import VERDICTS, Verdict, compare
from sendreview.analysis.result import Result
from sendreview.models.asks import AskKind, Catalogue, Target
from sendreview.models.document import AssessmentStatus, Document, DocumentInfo, Region, Stance
from sendreview.terms import LENS_TITLES

Consensus = Literal["strong", "majority", "split", "mixed", "too-few", "no-view"]
CONSENSUS_LEVELS: tuple[Consensus, ...] = get_args(Consensus)
STANCES: tuple[Stance, ...] = ("agree", "partly", "disagree")
REGIONS: tuple[str, ...] = get_args(Region)
NOT_GIVEN = "not given"
ALL_REGIONS = "all"


class Thresholds(Result):
    """The rules for a consensus label, as shares of the forums that gave a stance."""

    strong: float = 0.75
    split: float = 1 / 3
    majority: float = 0.5
    minimum_forums: int = 3


THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Forum:
    """One forum's assessment, as read from its file."""

    name: str
    file: str
    document: Document

    @property
    def region(self) -> str:
        return self.document.assessment.region or NOT_GIVEN


class ForumInfo(Result):
    """A forum counted in the aggregate."""

    name: str
    file: str
    region: str
    status: AssessmentStatus


class Tally(Result):
    """The forums' stances on one link, in one region or across all of them."""

    region: str
    forums: int
    agree: int
    partly: int
    disagree: int
    not_assessed: int
    assessed: int
    agree_share: float | None
    partly_share: float | None
    disagree_share: float | None
    consensus: Consensus
    leading: Stance | None


class Dissent(Result):
    """A forum whose stance differs from a strong consensus."""

    forum: str
    region: str
    stance: Stance


class LinkResult(Result):
    """One proposal x ask link across the network."""

    proposal: str
    proposal_title: str
    ask: str
    ask_title: str
    red_line: bool
    all: Tally
    regions: tuple[Tally, ...] = ()
    dissenters: tuple[Dissent, ...] = ()


class RegionCount(Result):
    region: str
    forums: int


class NetworkBreach(Result):
    """A red line that some forums see crossed, and how many."""

    proposal: str
    proposal_title: str
    ask: str
    ask_title: str
    forums: int
    assessed: int
    of: int
    named: tuple[str, ...]
    regions: tuple[RegionCount, ...] = ()


class VerdictSpread(Result):
    """How many forums reach each verdict on one ask (each forum's own compare)."""

    region: str
    forums: int
    met: int
    partly_met: int
    contested: int
    opposed: int
    not_addressed: int

    def count(self, verdict: Verdict) -> int:
        return int(getattr(self, verdict.replace("-", "_")))


class AskSpread(Result):
    """One ask's verdicts across the forums."""

    ask: str
    title: str
    group: str
    kind: AskKind
    all: VerdictSpread
    regions: tuple[VerdictSpread, ...] = ()


class Mismatch(Result):
    """A file whose proposals differ from the paper's: ids it lacks, and ids the paper does not have."""

    file: str
    forum: str
    missing: tuple[str, ...]
    extra: tuple[str, ...]


class NetworkSummary(Result):
    forums: int
    proposals: int
    links: int
    strong: int
    majority: int
    split: int
    mixed: int
    too_few: int
    red_line_breaches: int


class Network(Result):
    """Everything `aggregate` found: the JSON output's shape."""

    document: DocumentInfo
    # The least settled of the forums' statuses: an aggregate is agreed only when every file is.
    status: AssessmentStatus
    label: str
    by_region: bool
    regions: tuple[str, ...]
    thresholds: Thresholds
    forums: tuple[ForumInfo, ...]
    summary: NetworkSummary
    links: tuple[LinkResult, ...]
    asks: tuple[AskSpread, ...]
    red_line_breaches: tuple[NetworkBreach, ...]
    mismatches: tuple[Mismatch, ...]


def consensus(counts: dict[Stance, int], thresholds: Thresholds = THRESHOLDS) -> tuple[Consensus, Stance | None]:
    """The consensus label of a link's stance counts, and the stance most forums gave (None on a tie)."""
    assessed = sum(counts.values())
    if assessed == 0:
        return "no-view", None
    ranked = sorted(STANCES, key=lambda s: -counts.get(s, 0))
    top = counts.get(ranked[0], 0)
    leading = ranked[0] if counts.get(ranked[1], 0) < top else None
    if assessed < thresholds.minimum_forums:
        return "too-few", leading
    shares = sorted((counts.get(s, 0) / assessed for s in STANCES), reverse=True)
    if shares[0] >= thresholds.strong:
        return "strong", leading
    if shares[1] >= thresholds.split:
        return "split", leading
    if shares[0] > thresholds.majority:
        return "majority", leading
    return "mixed", leading


def paper_proposals(documents: Sequence[Document]) -> list[str]:
    """The paper's proposal ids: those in at least half of the files, in the order first seen."""
    seen: Counter[str] = Counter(p.id for d in documents for p in {q.id: q for q in d.proposals}.values())
    ordered = dict.fromkeys(p.id for d in documents for p in d.proposals)
    return [pid for pid in ordered if seen[pid] * 2 >= len(documents)]


def differences(document: Document, ids: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The paper's proposal ids a file lacks, and the ids it has that the paper does not."""
    have = [p.id for p in document.proposals]
    have_set, wanted = set(have), set(ids)
    return tuple(pid for pid in ids if pid not in have_set), tuple(pid for pid in have if pid not in wanted)


def mismatches(forums: Sequence[Forum], ids: Sequence[str]) -> list[Mismatch]:
    """The files whose proposal ids are not exactly the paper's."""
    found = []
    for forum in forums:
        missing, extra = differences(forum.document, ids)
        if missing or extra:
            found.append(Mismatch(file=forum.file, forum=forum.name, missing=missing, extra=extra))
    return found


def combined_status(statuses: Iterable[AssessmentStatus]) -> AssessmentStatus:
    """Illustrative if any file is, else draft if any is, else agreed."""
    found = set(statuses)
    return "illustrative" if "illustrative" in found else "draft" if "draft" in found else "agreed"


def status_words(forums: Sequence[ForumInfo]) -> str:
    """Whose views the aggregate holds and how far they are agreed, in one sentence for every output."""
    total = len(forums)
    counts = Counter(f.status for f in forums)
    if counts["illustrative"]:
        return (
            f"Illustrative: {counts['illustrative']:,} of {total:,} assessments are examples, not the agreed views"
            " of any forum or of the NNPCF."
        )
    if counts["draft"]:
        return f"Draft: {counts['draft']:,} of {total:,} assessments are not yet agreed by their forums."
    return f"Agreed: all {total:,} assessments are marked agreed by their forums."


def aggregate(forums: Sequence[Forum], catalogue: Catalogue, *, by_region: bool = False) -> Network:
    """Count many forums' assessments of one paper together (files already checked to be that paper)."""
    documents = [f.document for f in forums]
    ids = paper_proposals(documents)
    wanted = set(ids)
    titles = _proposal_titles(documents, wanted)
    targets = catalogue.target_index()
    target_order = {tid: n for n, tid in enumerate(targets)}
    red_lines = {tid for tid, t in targets.items() if t.ask.kind == "red-line" and t.lens is None}
    regions = (*REGIONS, NOT_GIVEN) if by_region else ()

    stances: dict[tuple[str, str], dict[str, Stance]] = {}
    for forum in forums:
        for proposal in forum.document.proposals:
            if proposal.id not in wanted:
                continue
            for link in proposal.responds_to:
                stances.setdefault((proposal.id, link.ask), {}).setdefault(forum.name, link.stance)
    position = {pid: n for n, pid in enumerate(ids)}
    keys = sorted(stances, key=lambda key: (position[key[0]], target_order.get(key[1], len(target_order))))
    region_of = {f.name: f.region for f in forums}
    in_region = Counter(f.region for f in forums)

    def tally(counts: Counter[tuple[str, Stance]], region: str) -> Tally:
        """The link's figures in one region (or all), from its counts by (region, stance)."""
        if region == ALL_REGIONS:
            found = {stance: sum(n for (_, s), n in counts.items() if s == stance) for stance in STANCES}
            forum_count = len(forums)
        else:
            found = {stance: counts[(region, stance)] for stance in STANCES}
            forum_count = in_region[region]
        assessed = sum(found.values())
        level, leading = consensus(found)
        return Tally(
            region=region,
            forums=forum_count,
            agree=found["agree"],
            partly=found["partly"],
            disagree=found["disagree"],
            not_assessed=forum_count - assessed,
            assessed=assessed,
            agree_share=found["agree"] / assessed if assessed else None,
            partly_share=found["partly"] / assessed if assessed else None,
            disagree_share=found["disagree"] / assessed if assessed else None,
            consensus=level,
            leading=leading,
        )

    links = []
    breaches = []
    for proposal_id, target_id in keys:
        given = stances[(proposal_id, target_id)]
        counts = Counter((region_of[name], stance) for name, stance in given.items())
        overall = tally(counts, ALL_REGIONS)
        dissent: tuple[Dissent, ...] = ()
        if overall.consensus == "strong":
            dissent = tuple(
                Dissent(forum=name, region=region_of[name], stance=stance)
                for name, stance in sorted(given.items())
                if stance != overall.leading
            )
        ask_title = _target_title(targets, target_id)
        links.append(
            LinkResult(
                proposal=proposal_id,
                proposal_title=titles[proposal_id],
                ask=target_id,
                ask_title=ask_title,
                red_line=target_id in red_lines,
                all=overall,
                regions=tuple(tally(counts, region) for region in regions),
                dissenters=dissent,
            )
        )
        if target_id in red_lines and overall.disagree:
            seeing = sorted(name for name, stance in given.items() if stance == "disagree")
            breaches.append(
                NetworkBreach(
                    proposal=proposal_id,
                    proposal_title=titles[proposal_id],
                    ask=target_id,
                    ask_title=ask_title,
                    forums=overall.disagree,
                    assessed=overall.assessed,
                    of=len(forums),
                    named=tuple(seeing),
                    regions=tuple(
                        RegionCount(region=r, forums=sum(1 for n in seeing if region_of[n] == r)) for r in regions
                    ),
                )
            )
    breaches.sort(key=lambda b: (-b.forums, position[b.proposal]))
    spreads = _spreads(forums, catalogue, wanted, regions)
    info = tuple(
        ForumInfo(name=f.name, file=f.file, region=f.region, status=f.document.assessment.status) for f in forums
    )
    levels = Counter(link.all.consensus for link in links)
    return Network(
        document=forums[0].document.document,
        status=combined_status(f.status for f in info),
        label=status_words(info),
        by_region=by_region,
        regions=regions,
        thresholds=THRESHOLDS,
        forums=info,
        summary=NetworkSummary(
            forums=len(forums),
            proposals=len(ids),
            links=len(links),
            strong=levels["strong"],
            majority=levels["majority"],
            split=levels["split"],
            mixed=levels["mixed"],
            too_few=levels["too-few"],
            red_line_breaches=len(breaches),
        ),
        links=tuple(links),
        asks=spreads,
        red_line_breaches=tuple(breaches),
        mismatches=tuple(mismatches(forums, ids)),
    )


def _proposal_titles(documents: Sequence[Document], wanted: set[str]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for document in documents:
        for proposal in document.proposals:
            if proposal.id in wanted:
                titles.setdefault(proposal.id, proposal.title)
    return titles


def _target_title(targets: dict[str, Target], target_id: str) -> str:
    target = targets.get(target_id)
    if target is None:
        return target_id
    if target.lens is None:
        return target.ask.title
    return f"{target.ask.title} ({LENS_TITLES[target.lens.lens].lower()})"


def _spreads(
    forums: Sequence[Forum], catalogue: Catalogue, wanted: set[str], regions: Sequence[str]
) -> tuple[AskSpread, ...]:
    """Each top-level ask's verdict in each forum's own comparison, counted."""
    verdicts: dict[str, list[tuple[str, Verdict]]] = {ask.id: [] for ask in catalogue.asks}
    for forum in forums:
        document = forum.document
        if any(p.id not in wanted for p in document.proposals):
            kept = tuple(p for p in document.proposals if p.id in wanted)
            document = document.model_copy(update={"proposals": kept})
        for ask in compare(document, catalogue).asks:
            verdicts[ask.id].append((forum.region, ask.verdict))

    def spread(found: list[tuple[str, Verdict]], region: str) -> VerdictSpread:
        chosen = [v for r, v in found if region == ALL_REGIONS or r == region]
        counts = Counter(chosen)
        return VerdictSpread(
            region=region,
            forums=len(chosen),
            **{v.replace("-", "_"): counts[v] for v in VERDICTS},
        )

    return tuple(
        AskSpread(
            ask=ask.id,
            title=ask.title,
            group=ask.group,
            kind=ask.kind,
            all=spread(verdicts[ask.id], ALL_REGIONS),
            regions=tuple(spread(verdicts[ask.id], r) for r in regions),
        )
        for ask in catalogue.asks
    )
