"""What a post-publication statement says, worked out from compare's result (never re-judged).

The result, `Statement`, is the one context object every statement template receives; its
fields are listed in docs/templates.md.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from sendreview.analysis.compare import VERDICTS, Comparison, Verdict
from sendreview.analysis.projection import project
from sendreview.analysis.result import Result
from sendreview.analysis.timeline import TimelineView, ordered
from sendreview.models.asks import Catalogue
from sendreview.models.document import DocumentInfo, Stance
from sendreview.models.timeline import Timeline
from sendreview.vocabulary import DEFAULT_ORGANISATION, KIND_TITLES, LENS_TITLES, VERDICT_WORDS, verdict_label
from sendreview.wording import days_in_words, long_date, window, written


class AskedFor(Result):
    """An ask as the statement recalls it."""

    id: str
    title: str
    text: str = ""


class AskedForGroup(Result):
    """A group of asks for 'What we asked for'."""

    id: str
    title: str
    asks: tuple[AskedFor, ...]


class Response(Result):
    """How one proposal stands against one ask."""

    ask: str
    ask_title: str
    note: str = ""


class ProposalPoint(Result):
    """A proposal under one heading, with the asks that put it there."""

    id: str
    title: str
    chapter: str
    responses: tuple[Response, ...]


class Breach(Result):
    """A proposal that crosses a red line."""

    proposal: str
    proposal_title: str
    red_line: str
    note: str = ""


class MissingAsk(Result):
    """An ask the paper does not address."""

    id: str
    title: str
    group: str


class LensRow(Result):
    """One silver bullet through the four lenses: its verdict per lens, and overall."""

    title: str
    cells: tuple[Verdict, ...]
    overall: Verdict


class VerdictCount(Result):
    verdict: Verdict
    label: str
    count: int


class NextStep(Result):
    """A step after the paper, with when it may come ('' when unknown)."""

    title: str
    when: str = ""
    status: str = ""


class Statement(Result):
    """Everything a statement template receives."""

    organisation: str
    title: str
    date_line: str
    document_title: str
    document_kind: str
    published: str
    url: str
    asked_for: tuple[AskedForGroup, ...]
    agree: tuple[ProposalPoint, ...]
    partly: tuple[ProposalPoint, ...]
    breaches: tuple[Breach, ...]
    disagree: tuple[ProposalPoint, ...]
    missing: tuple[MissingAsk, ...]
    lens_titles: tuple[str, ...]
    lens_rows: tuple[LensRow, ...]
    verdict_labels: dict[Verdict, str]
    verdict_counts: tuple[VerdictCount, ...]
    consultation: str
    engagement: tuple[NextStep, ...]
    path: tuple[NextStep, ...]
    horizon: str
    unassessed: int
    # The timeline on the day, for the HTML statement's picture; not part of the template context.
    timeline: TimelineView | None = Field(default=None, exclude=True)


# The road to law in general words: the timeline's milestones name the papers that came.
STEP_NAMES = {"white-paper": "A White Paper", "bill": "A Bill", "act": "An Act of Parliament"}
CONSULTATION_CLOSES = "consultation-closes"  # the timeline milestone whose rule sets the minimum length
# Groups recalled under "What we asked for", in the order the statement gives them.
ASKED_FOR_GROUPS = ("silver-bullets", "conference-2019", "july-2019")


def build_statement(
    result: Comparison,
    catalogue: Catalogue,
    timeline: Timeline,
    *,
    organisation: str = DEFAULT_ORGANISATION,
    today: dt.date | None = None,
) -> Statement:
    """The statement's content: what we asked for, agree with, want more of, oppose, miss, and
    what happens next (projected from the timeline's rules as of `today`, by default the real date)."""
    today = today or dt.date.today()
    doc = result.document
    kind = KIND_TITLES[doc.kind]
    published = written(doc.published) if doc.published else ""
    groups = catalogue.group_index()
    asked_for = tuple(
        AskedForGroup(
            id=group_id,
            title=groups[group_id].title,
            asks=tuple(AskedFor(id=a.id, title=a.title, text=a.text) for a in catalogue.asks if a.group == group_id),
        )
        for group_id in ASKED_FOR_GROUPS
        if group_id in groups
    )
    titles = _target_titles(result)
    red_lines = {a.id for a in result.asks if a.kind == "red-line"}
    breach_keys = {(b.proposal, b.ask) for b in result.red_line_breaches}

    def points(stance: Stance, *, skip_breaches: bool = False) -> tuple[ProposalPoint, ...]:
        found = []
        for proposal in result.proposals:
            responses = tuple(
                # Notes are shown in brackets after the ask, so their own full stop goes.
                Response(ask=link.ask, ask_title=titles[link.ask], note=link.note.strip().removesuffix("."))
                for link in proposal.links
                if link.stance == stance and not (skip_breaches and (proposal.id, link.ask) in breach_keys)
            )
            if responses:
                found.append(
                    ProposalPoint(id=proposal.id, title=proposal.title, chapter=proposal.chapter, responses=responses)
                )
        return tuple(found)

    consultation, path, horizon = _next_steps(result.document, timeline, today)
    return Statement(
        organisation=organisation,
        title=f"{organisation}: our statement on the {kind}",
        date_line=f"{doc.title}" + (f", published {published}" if published else ""),
        document_title=doc.title,
        document_kind=kind,
        published=published,
        url=doc.url,
        asked_for=asked_for,
        agree=points("agree"),
        partly=points("partly"),
        breaches=tuple(
            Breach(proposal=b.proposal, proposal_title=b.proposal_title, red_line=b.ask_title, note=b.note)
            for b in result.red_line_breaches
            if b.ask in red_lines
        ),
        disagree=points("disagree", skip_breaches=True),
        missing=tuple(
            MissingAsk(id=a.id, title=a.title, group=groups[a.group].title if a.group in groups else a.group)
            for a in result.asks
            if a.verdict == "not-addressed"
        ),
        lens_titles=tuple(LENS_TITLES.values()),
        lens_rows=tuple(
            LensRow(title=a.title, cells=tuple(lens.verdict for lens in a.lenses), overall=a.verdict)
            for a in result.asks
            if a.lenses
        ),
        verdict_labels={v: verdict_label(v) for v in VERDICTS},
        verdict_counts=tuple(
            VerdictCount(verdict=v, label=VERDICT_WORDS[v], count=sum(1 for a in result.asks if a.verdict == v))
            for v in VERDICTS
        ),
        consultation=consultation,
        engagement=tuple(
            NextStep(title=m.title, status=m.status)
            for m in timeline.milestones
            if m.category == "engagement" and m.status != "done"
        ),
        path=path,
        horizon=horizon,
        unassessed=result.summary.unassessed_proposals,
        timeline=ordered(timeline, today=today, document=doc if doc.kind != "other" else None),
    )


def _target_titles(result: Comparison) -> dict[str, str]:
    titles = {}
    for ask in result.asks:
        titles[ask.id] = ask.title
        for lens in ask.lenses:
            titles[lens.id] = f"{ask.title} ({lens.title.lower()})"
    return titles


def _next_steps(doc: DocumentInfo, timeline: Timeline, today: dt.date) -> tuple[str, tuple[NextStep, ...], str]:
    """The consultation's close, the road to law with its projected windows, and its usual length."""
    found = project(timeline, doc.published, today=today, kind=doc.kind) if doc.published else ()
    by_milestone = {p.milestone: p for p in found}
    consultation = ""
    closes = doc.consultation.closes if doc.consultation else None
    if closes is not None:
        verb = "closed" if closes.end < today else "closes"
        consultation = f"The consultation {verb} on {written(closes)}."
    elif (minimum := by_milestone.get(CONSULTATION_CLOSES)) is not None:
        consultation = (
            f"The consultation must run for at least {minimum.at_least}, so it can close no earlier than "
            f"{long_date(minimum.earliest)}."
        )
    path = tuple(
        NextStep(
            title=STEP_NAMES.get(p.milestone, p.title),
            when=window(p) + (f" (that time passed {days_in_words(p.days_overdue)} ago)" if p.days_overdue else ""),
            status=p.status,
        )
        for p in sorted(found, key=lambda p: (p.earliest, p.latest or dt.date.max))
        if p.milestone != CONSULTATION_CLOSES
    )
    if not path:
        path = tuple(
            NextStep(title=m.title, status=m.status)
            for m in timeline.milestones
            if m.category == "legislation" and m.status != "done"
        )
    act = next((r for r in timeline.rules if r.end == "act"), None)
    horizon = ""
    if act is not None and act.at_least is not None and act.at_most is not None:
        start = next((m.title for m in timeline.milestones if m.id == act.start), act.start)
        horizon = f"From {start} to Act of Parliament usually takes {act.at_least} to {act.at_most}."
    return consultation, path, horizon
