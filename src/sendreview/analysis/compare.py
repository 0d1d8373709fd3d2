"""Hold a paper's proposals against the asks: a verdict per ask, and red lines crossed.

The rule, per ask or lens point, from its own links:
    no links                          -> not-addressed
    only agree (or agree and partly)  -> met
    only partly                       -> partly-met
    only disagree                     -> opposed
    disagree with agree or partly     -> contested
An ask with lens points and no links of its own takes its verdict from its points:
    every point met                   -> met
    no point addressed                -> not-addressed
    a point contested                 -> contested
    a point opposed                   -> contested if another point is met or partly met, else opposed
    anything else                     -> partly-met
A `disagree` link on a red-line ask is a breach; an `agree` link means the proposal upholds it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sendreview.analysis.result import Result
from sendreview.models.asks import Ask, AskKind, Catalogue, Lens, lens_id
from sendreview.models.document import Assessment, Document, DocumentInfo, Link, Stance
from sendreview.terms import LENS_TITLES, VERDICTS, Verdict

__all__ = ["VERDICTS", "Comparison", "Verdict", "compare"]


# A plain dataclass, not a model: a large paper makes tens of thousands of these, and building
# them through pydantic took a third of compare's time. Pydantic still serialises and describes it.
@dataclass(frozen=True, slots=True)
class AskLink:
    """A proposal's link to an ask, seen from the ask."""

    proposal: str
    stance: Stance
    note: str = ""


class LensResult(Result):
    """The verdict on one lens point of a silver bullet."""

    id: str
    lens: Lens
    title: str
    verdict: Verdict
    links: tuple[AskLink, ...]


class AskResult(Result):
    """The verdict on one ask, with the links behind it."""

    id: str
    title: str
    group: str
    kind: AskKind
    verdict: Verdict
    links: tuple[AskLink, ...]
    lenses: tuple[LensResult, ...] = ()

    @property
    def proposal_ids(self) -> tuple[str, ...]:
        """The proposals behind the verdict, each once: those linked to the ask, then to its lens points."""
        ids = [link.proposal for link in self.links] + [link.proposal for lens in self.lenses for link in lens.links]
        return tuple(dict.fromkeys(ids))


# A dataclass too: one for every proposal, which as a model cost about 1 KB and 5 microseconds each.
@dataclass(frozen=True, slots=True)
class ProposalResult:
    """One proposal and the asks it was assessed against (none if unassessed)."""

    id: str
    title: str
    chapter: str
    links: tuple[Link, ...]


class Breach(Result):
    """A proposal that crosses a red line."""

    proposal: str
    proposal_title: str
    ask: str
    ask_title: str
    note: str = ""


class GroupInfo(Result):
    """A group of asks, for headings."""

    id: str
    title: str


class Summary(Result):
    """Counts over the top-level asks."""

    asks: int
    met: int
    partly_met: int
    opposed: int
    contested: int
    not_addressed: int
    red_line_breaches: int
    proposals: int
    unassessed_proposals: int
    links: int


class Comparison(Result):
    """Everything `compare` found: the JSON output's shape."""

    document: DocumentInfo
    assessment: Assessment
    summary: Summary
    groups: tuple[GroupInfo, ...]
    asks: tuple[AskResult, ...]
    proposals: tuple[ProposalResult, ...]
    red_line_breaches: tuple[Breach, ...]


def verdict_from_stances(stances: Iterable[Stance]) -> Verdict:
    """The verdict given by an ask's (or lens point's) own links."""
    found = set(stances)
    if not found:
        return "not-addressed"
    if "disagree" in found:
        return "contested" if len(found) > 1 else "opposed"
    return "met" if "agree" in found else "partly-met"


def verdict_from_lenses(verdicts: Iterable[Verdict]) -> Verdict:
    """The verdict of an ask with no links of its own, from its lens points."""
    found = list(verdicts)
    if all(v == "not-addressed" for v in found):
        return "not-addressed"
    if all(v == "met" for v in found):
        return "met"
    if "contested" in found:
        return "contested"
    if "opposed" in found:
        supported = any(v in ("met", "partly-met") for v in found)
        return "contested" if supported else "opposed"
    return "partly-met"


def compare(document: Document, catalogue: Catalogue) -> Comparison:
    """Hold every proposal against every ask; links must name catalogue ids (see checks)."""
    by_target: dict[str, list[AskLink]] = defaultdict(list)
    proposals = []
    for proposal in document.proposals:
        for link in proposal.responds_to:
            by_target[link.ask].append(AskLink(proposal.id, link.stance, link.note))
        proposals.append(ProposalResult(proposal.id, proposal.title, proposal.chapter, proposal.responds_to))
    asks = tuple(_judge(ask, by_target) for ask in catalogue.asks)
    titles = {p.id: p.title for p in document.proposals}
    # model_construct here and below: every value is made here from checked models, in the
    # fields' own types; a table then never builds the results' validators (JSON still uses them).
    breaches = tuple(
        Breach.model_construct(
            proposal=link.proposal,
            proposal_title=titles[link.proposal],
            ask=ask.id,
            ask_title=ask.title,
            note=link.note,
        )
        for ask in asks
        if ask.kind == "red-line"
        for link in ask.links
        if link.stance == "disagree"
    )
    counts = {verdict: sum(1 for a in asks if a.verdict == verdict) for verdict in VERDICTS}
    summary = Summary.model_construct(
        asks=len(asks),
        met=counts["met"],
        partly_met=counts["partly-met"],
        opposed=counts["opposed"],
        contested=counts["contested"],
        not_addressed=counts["not-addressed"],
        red_line_breaches=len(breaches),
        proposals=len(proposals),
        unassessed_proposals=sum(1 for p in proposals if not p.links),
        links=sum(len(p.links) for p in proposals),
    )
    groups = tuple(GroupInfo.model_construct(id=g.id, title=g.title) for g in catalogue.groups)
    return Comparison.model_construct(
        document=document.document,
        assessment=document.assessment,
        summary=summary,
        groups=groups,
        asks=asks,
        proposals=tuple(proposals),
        red_line_breaches=breaches,
    )


def _judge(ask: Ask, by_target: dict[str, list[AskLink]]) -> AskResult:
    lenses = []
    for point in ask.lenses:
        point_id = lens_id(ask, point)
        links = by_target.get(point_id, [])
        lenses.append(
            LensResult.model_construct(
                id=point_id,
                lens=point.lens,
                title=LENS_TITLES[point.lens],
                verdict=verdict_from_stances(link.stance for link in links),
                links=tuple(links),
            )
        )
    own = by_target.get(ask.id, [])
    if own or not lenses:
        verdict = verdict_from_stances(link.stance for link in own)
    else:
        verdict = verdict_from_lenses(lens.verdict for lens in lenses)
    return AskResult.model_construct(
        id=ask.id,
        title=ask.title,
        group=ask.group,
        kind=ask.kind,
        verdict=verdict,
        links=tuple(own),
        lenses=tuple(lenses),
    )


FAIL_CHECKS = ("red-line", "opposed", "not-addressed", "unassessed")


def failed_checks(result: Comparison, checks: Iterable[str]) -> list[str]:
    """The `--fail-on` checks that hold, each said in words (empty when all pass)."""
    failures = []
    for check in dict.fromkeys(checks):
        if check == "red-line" and result.red_line_breaches:
            failures.append(f"red-line: {len(result.red_line_breaches)} red-line breach(es)")
        elif check in ("opposed", "not-addressed"):
            ids = [ask.id for ask in result.asks if ask.verdict == check]
            if ids:
                failures.append(f"{check}: {', '.join(ids)}")
        elif check == "unassessed" and (ids := unassessed_ids(result)):
            failures.append(f"unassessed: {', '.join(ids)}")
    return failures


def unassessed_ids(result: Comparison) -> list[str]:
    """The proposals with no assessment yet, in the paper's order."""
    return [proposal.id for proposal in result.proposals if not proposal.links]
