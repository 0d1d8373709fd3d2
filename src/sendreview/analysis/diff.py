"""Hold papers against each other, stage by stage: how each ask fared, what became of each
proposal, which red-line breaches opened or closed, and which commitments got weaker.

Verdicts come from `compare`, once per paper; nothing here judges an ask again.

Better or worse, for a family (higher is better):
    met > partly-met > not-addressed > contested > opposed
A paper that says nothing on an ask leaves families where they were; one that both helps and
harms it (contested) still carries the harm; one that only goes against it is worst. For a red
line, contested and opposed both mean it is crossed, so both rank below silence.

Proposals are matched from the new paper to the old one as `sendreview.analysis.matching` says
(`follows:`, then id, then title similarity).
A matched proposal is `changed` when its assessment, commitment strength or deadline differ,
else `carried`; unmatched ones are `dropped` (old) or `new`. A matched proposal is `weakened`
when its commitment strength fell (both sides must have a level: a text with no commitment
words cannot be compared), or its deadline slipped later or vanished while still ahead.

Across more than two papers, each step is matched as above, and the net change from first to
last follows each proposal through every step (no new matching by title across the gap).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sendreview.analysis.compare import AskResult, Comparison, GroupInfo, Verdict, compare
from sendreview.analysis.matching import (
    SIMILARITY_THRESHOLD,
    Matching,
    Nearest,
    Pair,
    ProposalMatch,
    by_title,
    match_proposals,
)
from sendreview.analysis.result import Result
from sendreview.analysis.strength import RANK, Lexicon, Strength, proposal_strength
from sendreview.analysis.words import title_similarity, title_words
from sendreview.errors import SendReviewError
from sendreview.models.asks import AskKind, Catalogue, Lens
from sendreview.models.document import Assessment, Document, DocumentInfo, Link, Proposal, Stance

Change = Literal["improved", "regressed", "unchanged"]
ProposalStatus = Literal["carried", "changed", "dropped", "new"]
RedLineStatus = Literal["new", "still-open", "resolved"]
StrengthChange = Literal["fell", "rose", "same", "unclear"]
DeadlineChange = Literal["slipped", "dropped", "passed", "earlier", "added", "same", "none"]
Difference = Literal["title", "assessment", "strength", "deadline"]

VERDICT_RANK: dict[Verdict, int] = {"opposed": 0, "contested": 1, "not-addressed": 2, "partly-met": 3, "met": 4}


class StageInfo(Result):
    """One paper in the diff."""

    file: str
    document: DocumentInfo
    assessment: Assessment
    proposals: int


class LensChange(Result):
    """How one lens point of a silver bullet fared."""

    id: str
    lens: Lens
    title: str
    before: Verdict
    after: Verdict
    change: Change


class AskChange(Result):
    """How one ask fared, with the proposals behind its verdict on each side."""

    id: str
    title: str
    group: str
    kind: AskKind
    before: Verdict
    after: Verdict
    change: Change
    proposals_before: tuple[str, ...]
    proposals_after: tuple[str, ...]
    lenses: tuple[LensChange, ...] = ()


class Side(Result):
    """A proposal on one side of the diff, with its commitment strength and assessment."""

    id: str
    title: str
    strength: Strength
    links: tuple[Link, ...]


class ProposalChange(Result):
    """What became of one proposal between two papers."""

    status: ProposalStatus
    old: Side | None
    new: Side | None
    match: ProposalMatch | None = None
    differences: tuple[Difference, ...] = ()
    strength_change: StrengthChange | None = None
    deadline_change: DeadlineChange | None = None
    weakened: bool = False
    opposed_before: bool = False
    """The old proposal had a `disagree` link: a retreat from it may be welcome."""
    nearest: Nearest | None = None


class RedLineChange(Result):
    """A red-line breach that opened, stayed open or closed between two papers."""

    status: RedLineStatus
    ask: str
    ask_title: str
    old_proposal: str | None = None
    old_title: str = ""
    old_note: str = ""
    new_proposal: str | None = None
    new_title: str = ""
    new_stance: Stance | None = None
    new_note: str = ""


class StepSummary(Result):
    """Counts for one step."""

    asks: int
    improved: int
    regressed: int
    unchanged: int
    proposals_before: int
    proposals_after: int
    carried: int
    changed: int
    dropped: int
    new: int
    weakened: int
    red_lines_new: int
    red_lines_still_open: int
    red_lines_resolved: int


class Step(Result):
    """The change from one paper (`old`, an index into `stages`) to another (`new`)."""

    old: int
    new: int
    summary: StepSummary
    asks: tuple[AskChange, ...]
    proposals: tuple[ProposalChange, ...]
    red_lines: tuple[RedLineChange, ...]


class Diff(Result):
    """Everything `diff` found: the JSON output's shape."""

    stages: tuple[StageInfo, ...]
    groups: tuple[GroupInfo, ...]
    threshold: float
    steps: tuple[Step, ...]
    net: Step | None
    """First to last, when there are more than two papers."""


def verdict_change(before: Verdict, after: Verdict) -> Change:
    """Whether an ask's verdict got better or worse for families (see the module's order)."""
    if VERDICT_RANK[after] > VERDICT_RANK[before]:
        return "improved"
    return "regressed" if VERDICT_RANK[after] < VERDICT_RANK[before] else "unchanged"


@dataclass(frozen=True)
class _Stage:
    name: str
    document: Document
    comparison: Comparison
    strengths: dict[str, Strength]


def diff(stages: Sequence[tuple[str, Document]], catalogue: Catalogue, lexicon: Lexicon) -> Diff:
    """Hold each paper against the next, and the first against the last when there are more than two.

    `stages` are (file name, document) pairs, oldest first; every document must have been
    loaded against `catalogue` (see `sendreview.api.load_stages`).
    """
    if len(stages) < 2:
        raise SendReviewError("diff needs at least two papers: OLD.yaml NEW.yaml")
    prepared = []
    for name, document in stages:
        published = document.document.published
        strengths = {p.id: proposal_strength(p, lexicon, published=published) for p in document.proposals}
        prepared.append(_Stage(name, document, compare(document, catalogue), strengths))
    matchings = [match_proposals(a.document.proposals, b.document.proposals) for a, b in itertools.pairwise(prepared)]
    steps = tuple(_step(i, i + 1, prepared, matching) for i, matching in enumerate(matchings))
    net = None
    if len(prepared) > 2:
        net = _step(0, len(prepared) - 1, prepared, _compose(matchings, prepared[0], prepared[-1]))
    return Diff(
        stages=tuple(
            StageInfo(
                file=s.name,
                document=s.document.document,
                assessment=s.document.assessment,
                proposals=len(s.document.proposals),
            )
            for s in prepared
        ),
        groups=prepared[0].comparison.groups,
        threshold=SIMILARITY_THRESHOLD,
        steps=steps,
        net=net,
    )


def _compose(matchings: Sequence[Matching], first: _Stage, last: _Stage) -> Matching:
    """Follow each proposal of the last paper back through every step to the first."""
    titles = {p.id: p.title for p in first.document.proposals}
    pairs: dict[str, Pair] = {}
    for proposal in last.document.proposals:
        current, via = proposal.id, []
        for matching in reversed(matchings):
            pair = matching.pairs.get(current)
            if pair is None:
                break
            via.append(pair.old)
            current = pair.old
        else:
            old_id = via.pop()
            score = title_similarity(titles[old_id], proposal.title)
            pairs[proposal.id] = Pair(old_id, "chain", score, tuple(reversed(via)))
    matched_old = {pair.old for pair in pairs.values()}
    _, nearest = by_title(
        [p for p in first.document.proposals if p.id not in matched_old],
        [p for p in last.document.proposals if p.id not in pairs],
        None,
    )
    return Matching(pairs, nearest)


def _step(old_index: int, new_index: int, stages: Sequence[_Stage], matching: Matching) -> Step:
    old, new = stages[old_index], stages[new_index]
    asks = tuple(_ask_change(a, b) for a, b in zip(old.comparison.asks, new.comparison.asks, strict=True))
    proposals = _proposal_changes(old, new, matching)
    red_lines = _red_lines(old, new, matching)
    changes = Counter(a.change for a in asks)
    statuses = Counter(p.status for p in proposals)
    lines = Counter(r.status for r in red_lines)
    summary = StepSummary(
        asks=len(asks),
        improved=changes["improved"],
        regressed=changes["regressed"],
        unchanged=changes["unchanged"],
        proposals_before=len(old.document.proposals),
        proposals_after=len(new.document.proposals),
        carried=statuses["carried"],
        changed=statuses["changed"],
        dropped=statuses["dropped"],
        new=statuses["new"],
        weakened=sum(1 for p in proposals if p.weakened),
        red_lines_new=lines["new"],
        red_lines_still_open=lines["still-open"],
        red_lines_resolved=lines["resolved"],
    )
    return Step(old=old_index, new=new_index, summary=summary, asks=asks, proposals=proposals, red_lines=red_lines)


def _ask_change(before: AskResult, after: AskResult) -> AskChange:
    lenses = tuple(
        LensChange(
            id=a.id,
            lens=a.lens,
            title=a.title,
            before=a.verdict,
            after=b.verdict,
            change=verdict_change(a.verdict, b.verdict),
        )
        for a, b in zip(before.lenses, after.lenses, strict=True)
    )
    return AskChange(
        id=before.id,
        title=before.title,
        group=before.group,
        kind=before.kind,
        before=before.verdict,
        after=after.verdict,
        change=verdict_change(before.verdict, after.verdict),
        proposals_before=before.proposal_ids,
        proposals_after=after.proposal_ids,
        lenses=lenses,
    )


def _side(stage: _Stage, proposal: Proposal) -> Side:
    return Side(id=proposal.id, title=proposal.title, strength=stage.strengths[proposal.id], links=proposal.responds_to)


def _proposal_changes(old: _Stage, new: _Stage, matching: Matching) -> tuple[ProposalChange, ...]:
    old_by_id = {p.id: p for p in old.document.proposals}
    changes = []
    for proposal in new.document.proposals:
        pair = matching.pairs.get(proposal.id)
        if pair is None:
            changes.append(
                ProposalChange(
                    status="new", old=None, new=_side(new, proposal), nearest=matching.nearest.get(("new", proposal.id))
                )
            )
            continue
        changes.append(_matched(_side(old, old_by_id[pair.old]), _side(new, proposal), pair, new))
    matched = {pair.old for pair in matching.pairs.values()}
    changes += [
        ProposalChange(status="dropped", old=_side(old, p), new=None, nearest=matching.nearest.get(("old", p.id)))
        for p in old.document.proposals
        if p.id not in matched
    ]
    return tuple(changes)


def _matched(before: Side, after: Side, pair: Pair, new: _Stage) -> ProposalChange:
    strength = _strength_change(before.strength, after.strength)
    deadline = _deadline_change(before.strength, after.strength, new)
    differences: list[Difference] = []
    if title_words(before.title) != title_words(after.title):
        differences.append("title")
    if {(link.ask, link.stance) for link in before.links} != {(link.ask, link.stance) for link in after.links}:
        differences.append("assessment")
    if before.strength.level != after.strength.level:
        differences.append("strength")
    if deadline not in ("same", "none"):
        differences.append("deadline")
    return ProposalChange(
        status="changed" if set(differences) - {"title"} else "carried",
        old=before,
        new=after,
        match=ProposalMatch(how=pair.how, score=pair.score, via=pair.via),
        differences=tuple(differences),
        strength_change=strength,
        deadline_change=deadline,
        weakened=strength == "fell" or deadline in ("slipped", "dropped"),
        opposed_before=any(link.stance == "disagree" for link in before.links),
    )


def _strength_change(before: Strength, after: Strength) -> StrengthChange:
    if before.level == after.level:
        return "same"
    if "none" in (before.level, after.level):
        return "unclear"
    return "fell" if RANK[after.level] < RANK[before.level] else "rose"


def _deadline_change(before: Strength, after: Strength, new: _Stage) -> DeadlineChange:
    then, now = before.deadline, after.deadline
    if then is None:
        return "none" if now is None else "added"
    if now is None:
        published = new.document.document.published
        return "passed" if published is not None and then.date.end < published.start else "dropped"
    if now.date.end > then.date.end:
        return "slipped"
    return "earlier" if now.date.end < then.date.end else "same"


def _red_lines(old: _Stage, new: _Stage, matching: Matching) -> tuple[RedLineChange, ...]:
    old_breaches = {(b.ask, b.proposal): b for b in old.comparison.red_line_breaches}
    new_breaches = {(b.ask, b.proposal): b for b in new.comparison.red_line_breaches}
    old_to_new = {pair.old: new_id for new_id, pair in matching.pairs.items()}
    new_proposals = {p.id: p for p in new.document.proposals}
    open_now: set[tuple[str, str]] = set()
    still, resolved = [], []
    for (ask, old_id), breach in old_breaches.items():
        new_id = old_to_new.get(old_id)
        carried = new_breaches.get((ask, new_id)) if new_id is not None else None
        link = _link(new_proposals[new_id].responds_to, ask) if new_id is not None else None
        change = RedLineChange(
            status="still-open" if carried else "resolved",
            ask=ask,
            ask_title=breach.ask_title,
            old_proposal=old_id,
            old_title=breach.proposal_title,
            old_note=breach.note,
            new_proposal=new_id,
            new_title=new_proposals[new_id].title if new_id is not None else "",
            new_stance=link.stance if link else None,
            new_note=link.note if link else "",
        )
        if carried:
            open_now.add((ask, carried.proposal))
            still.append(change)
        else:
            resolved.append(change)
    fresh = []
    for (ask, new_id), breach in new_breaches.items():
        if (ask, new_id) in open_now:
            continue
        pair = matching.pairs.get(new_id)
        old_title = next((p.title for p in old.document.proposals if pair and p.id == pair.old), "")
        fresh.append(
            RedLineChange(
                status="new",
                ask=ask,
                ask_title=breach.ask_title,
                old_proposal=pair.old if pair else None,
                old_title=old_title,
                new_proposal=new_id,
                new_title=breach.proposal_title,
                new_stance="disagree",
                new_note=breach.note,
            )
        )
    return (*fresh, *still, *resolved)


def _link(links: Iterable[Link], ask: str) -> Link | None:
    return next((link for link in links if link.ask == ask), None)


DIFF_CHECKS = ("regression", "weakened", "red-line")


def failed_checks(result: Diff, checks: Iterable[str]) -> list[str]:
    """The `--fail-on` checks that hold on the net change (first to last paper), each in words."""
    step = result.net or result.steps[0]  # with two papers, the one step is the net change
    failures = []
    for check in dict.fromkeys(checks):
        if check == "regression":
            ids = [a.id for a in step.asks if a.change == "regressed"]
            if ids:
                failures.append(f"regression: {', '.join(ids)}")
        elif check == "weakened":
            pairs = [f"{p.old.id} -> {p.new.id}" for p in step.proposals if p.weakened and p.old and p.new]
            if pairs:
                failures.append(f"weakened: {', '.join(pairs)}")
        elif check == "red-line":
            fresh = [f"{r.new_proposal} ({r.ask})" for r in step.red_lines if r.status == "new"]
            if fresh:
                failures.append(f"red-line: new breach of a red line by {', '.join(fresh)}")
    return failures
