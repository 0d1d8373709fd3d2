"""What a post-publication statement says, worked out from compare's result (never re-judged).

The result, `Statement`, is the one context object every statement template receives; its
fields are listed in docs/templates.md.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import Field

from sendreview.analysis.compare import VERDICTS, Breach, Comparison, Verdict
from sendreview.analysis.projection import Projection, paper_milestone, project
from sendreview.analysis.result import Result
from sendreview.analysis.timeline import TimelineEntry, TimelineView, ordered
from sendreview.in_words import days_in_words, long_date, window, written
from sendreview.models.asks import Catalogue
from sendreview.models.document import AssessmentStatus, DocumentInfo, Stance
from sendreview.models.timeline import Timeline
from sendreview.sources import urls
from sendreview.terms import KIND_TITLES, LENS_TITLES, VERDICT_WORDS, verdict_label

if TYPE_CHECKING:
    from sendreview.analysis.figures import Figures


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
    # Sentences with figures from a survey (--evidence) and the network (--network), if given.
    figures: tuple[str, ...] = ()


class StatementBreach(Breach):
    """compare's red-line breach, with the survey's and the network's figures about it."""

    figures: tuple[str, ...] = ()


class UnassessedProposal(Result):
    """A proposal with no assessment yet."""

    id: str
    title: str
    chapter: str = ""


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
    """A step after the paper: when it came or may come, or what became of it, in words ('' when
    unknown), its status and, for a step that happened, its source."""

    title: str
    when: str = ""
    status: str = ""
    source: str = ""


class StatementWords(Result):
    """The fixed words of a statement: headings, the verbs of each bullet, the lines that lead into
    a list. Every format takes them from here (templates as `words`), so no format words a
    section its own way."""

    who_we_are: str = "Who we are"
    asked_for: str = "What we asked for"
    agree: str = "What we agree with"
    partly: str = "Where it does not go far enough"
    disagree: str = "What we disagree with"
    missing: str = "What is missing"
    not_assessed: str = "Not yet assessed"
    figures_elsewhere: str = "What families told us"
    next: str = "What happens next"
    # "**2.1 A proposal** delivers *an ask*.": the verb between a proposal and the asks it answers.
    delivers: str = "delivers"
    goes_part_way: str = "goes part of the way on"
    works_against: str = "works against"
    crosses_red_line: str = "crosses our red line"
    read_it_at: str = "Read it at"
    # Only the web page links the paper by name ("Read the Green Paper") and shows pictures.
    read_the: str = "Read the"
    chart_caption: str = "Our asks by the verdict the paper gets."
    timeline_caption: str = "The review's timeline."
    lens_caption: str = "The five silver bullets through our four lenses"
    lens_first_column: str = "Silver bullet"
    lens_last_column: str = "Overall"
    engagement_intro: str = "Steps planned around this paper:"
    path_intro: str = "The road to law:"
    more_soon: str = "We will say more about what happens next soon."


class Statement(Result):
    """Everything a statement template receives. Sentences are written here, once, so every
    format says the same; templates and the Word writer only lay them out."""

    organisation: str
    title: str
    # Whose views and how far agreed; a statement not yet agreed carries a banner in every format.
    status: AssessmentStatus
    banner_label: str
    banner: str
    date_line: str
    document_title: str
    document_kind: str
    published: str
    url: str
    who_we_are: str
    asked_for_intro: str
    asked_for: tuple[AskedForGroup, ...]
    own_asks_intro: str
    own_asks: tuple[AskedForGroup, ...]
    agree: tuple[ProposalPoint, ...]
    agree_empty: str
    partly: tuple[ProposalPoint, ...]
    partly_empty: str
    breaches: tuple[StatementBreach, ...]
    disagree: tuple[ProposalPoint, ...]
    disagree_empty: str
    missing_intro: str
    missing: tuple[MissingAsk, ...]
    missing_empty: str
    not_assessed_intro: str
    not_assessed: tuple[UnassessedProposal, ...]
    lens_titles: tuple[str, ...]
    lens_rows: tuple[LensRow, ...]
    verdict_labels: dict[Verdict, str]
    verdict_counts: tuple[VerdictCount, ...]
    consultation: str
    # The forum's own paragraph for "What happens next", from its profile.
    next_steps: str = ""
    engagement: tuple[NextStep, ...]
    path: tuple[NextStep, ...]
    horizon: str
    unassessed: int
    # Survey figures on proposals that appear under no heading above (not yet assessed, say).
    figures_elsewhere: tuple[str, ...] = ()
    words: StatementWords = StatementWords()
    # The timeline on the day, for the HTML statement's picture; not part of the template context.
    timeline: TimelineView | None = Field(default=None, exclude=True)


# The road to law in general words: the timeline's milestones name the papers that came.
STEP_NAMES = {"white-paper": "A White Paper", "bill": "A Bill", "act": "An Act of Parliament"}
CONSULTATION_CLOSES = "consultation-closes"  # the timeline milestone whose rule sets the minimum length
# Groups recalled under "What we asked for", in the order the statement gives them.
ASKED_FOR_GROUPS = ("silver-bullets", "conference-2019", "july-2019")


NNPCF = "National Network of Parent Carer Forums"
NNPCF_NAMES = frozenset({"nnpcf", NNPCF.lower(), f"the {NNPCF.lower()}", f"{NNPCF.lower()} (nnpcf)"})


def speaks_for_nnpcf(organisation: str) -> bool:
    """Whether the statement is the NNPCF's own, so the national asks are 'ours'."""
    return " ".join(organisation.lower().split()) in NNPCF_NAMES


def banner(status: AssessmentStatus, organisation: str, what: str = "a statement") -> tuple[str, str]:
    """The label and words every format shows above a statement (or `what` else) that is not agreed
    ('', '' when agreed)."""
    if status == "illustrative":
        return "Illustrative", f"not the views of {organisation}. It shows how {what} could read."
    if status == "draft":
        return "Draft", f"not yet agreed by {organisation}."
    return "", ""


def speaking_for(option: str | None, by: str | None, document: str, what: str = "statement") -> str:
    """Who a statement (or response) speaks for: --org (or the forum profile's name), else the file's
    `assessment: by:`; never a default."""
    from sendreview.errors import Problem, SendReviewError
    from sendreview.text import visible

    name = (option or "").strip() or by
    if name:
        return name
    message = (
        f"this {what} would not say who it is from: add 'by: Your Forum's Name' under 'assessment:' "
        'in the file, give --org "Your Forum\'s Name", or write a forum.yaml with: sendreview profile init'
    )
    raise SendReviewError([Problem(visible(document), 1, 1, message)])


def build_statement(
    result: Comparison,
    catalogue: Catalogue,
    timeline: Timeline,
    *,
    organisation: str,
    today: dt.date | None = None,
    figures: Figures | None = None,
    intro: str = "",
    next_steps: str = "",
) -> Statement:
    """The statement's content, in `organisation`'s voice: what we asked for, agree with, want more
    of, oppose, miss, have not yet assessed, and what happens next (projected from the timeline's
    rules as of `today`, by default the real date)."""
    today = today or dt.date.today()
    doc = result.document
    kind = KIND_TITLES[doc.kind]
    published = written(doc.published) if doc.published else ""
    groups = catalogue.group_index()

    def recalled(group_id: str) -> AskedForGroup:
        asks = tuple(AskedFor(id=a.id, title=a.title, text=a.text) for a in catalogue.asks if a.group == group_id)
        return AskedForGroup(id=group_id, title=groups[group_id].name, asks=asks)

    asked_for = tuple(recalled(g) for g in ASKED_FOR_GROUPS if g in groups and g not in catalogue.local_groups)
    own_asks = tuple(recalled(g.id) for g in catalogue.groups if g.id in catalogue.local_groups)
    ours = speaks_for_nnpcf(organisation)
    if not asked_for:
        asked_for_intro = ""
    elif ours:
        asked_for_intro = "We asked the government for:"
    else:
        asked_for_intro = f"The {NNPCF} (NNPCF) asked the government for:"
    unassessed = [p for p in result.proposals if not p.links]
    so_far = "So far, we have found" if unassessed else "We found"
    banner_label, banner_words = banner(result.assessment.status, organisation)
    titles = target_titles(result)
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
                said = figures.for_point(proposal.id, stance, (r.ask for r in responses)) if figures else ()
                found.append(
                    ProposalPoint(
                        id=proposal.id,
                        title=proposal.title,
                        chapter=proposal.chapter,
                        responses=responses,
                        figures=said,
                    )
                )
        return tuple(found)

    view = ordered(timeline, today=today, document=doc if doc.kind != "other" else None)
    consultation, engagement, path, horizon = _next_steps(doc, timeline, view, today)
    who = f"the {NNPCF} (NNPCF)" if ours else organisation
    return Statement(
        organisation=organisation,
        title=f"{organisation}: our statement on the {kind}",
        status=result.assessment.status,
        banner_label=banner_label,
        banner=banner_words,
        date_line=f"{doc.title}" + (f", published {published}" if published else ""),
        document_title=doc.title,
        document_kind=kind,
        words=StatementWords(chart_caption=f"Our asks by the verdict this {kind} gets."),
        published=published,
        url=doc.url,
        who_we_are=(
            f"We are {who}. We have read this {kind} against what families of children and young people "
            "with special educational needs and disabilities (SEND) asked for."
            + (f" {' '.join(intro.split())}" if intro.strip() else "")
        ),
        next_steps=" ".join(next_steps.split()),
        asked_for_intro=asked_for_intro,
        asked_for=asked_for,
        own_asks_intro=("We also asked for:" if asked_for else "We asked for:") if own_asks else "",
        own_asks=own_asks,
        agree=points("agree"),
        agree_empty=f"{so_far} nothing in this {kind} that fully delivers what families asked for.",
        partly=points("partly"),
        partly_empty=f"{so_far} nothing that goes only part of the way."
        if unassessed
        else ("There is nothing we judged only partly done."),
        breaches=tuple(
            StatementBreach(
                **b.model_dump(),
                figures=figures.for_point(b.proposal, "disagree", (b.ask,)) if figures else (),
            )
            for b in result.red_line_breaches
            if b.ask in red_lines
        ),
        disagree=points("disagree", skip_breaches=True),
        disagree_empty=f"{so_far} nothing in this {kind} that we disagree with.",
        missing_intro=(
            "So far, these asks are not addressed:" if unassessed else "These asks are not addressed at all:"
        ),
        missing=tuple(
            MissingAsk(id=a.id, title=a.title, group=groups[a.group].name if a.group in groups else a.group)
            for a in result.asks
            if a.verdict == "not-addressed"
        ),
        missing_empty="Every ask is addressed in some way.",
        not_assessed_intro=(
            f"We have not yet assessed {len(unassessed)} of the {len(result.proposals)} proposals in this {kind}, "
            "so what we say above may change:"
            if unassessed
            else ""
        ),
        not_assessed=tuple(UnassessedProposal(id=p.id, title=p.title, chapter=p.chapter) for p in unassessed),
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
        engagement=engagement,
        path=path,
        horizon=horizon,
        unassessed=result.summary.unassessed_proposals,
        figures_elsewhere=figures.elsewhere() if figures else (),
        timeline=view,
    )


def target_titles(result: Comparison) -> dict[str, str]:
    titles = {}
    for ask in result.asks:
        titles[ask.id] = ask.title
        for lens in ask.lenses:
            titles[lens.id] = f"{ask.title} ({lens.title.lower()})"
    return titles


def _next_steps(
    doc: DocumentInfo, timeline: Timeline, view: TimelineView, today: dt.date
) -> tuple[str, tuple[NextStep, ...], tuple[NextStep, ...], str]:
    """What happens next for this paper, worked out from its kind and the timeline: its
    consultation, the steps planned around it (done, lapsed or still expected), the road to law
    with any forecast windows, and the forecast for the whole road, said as whose it was."""
    kind = KIND_TITLES[doc.kind]
    anchor = paper_milestone(timeline, doc.kind, "published")
    found = project(timeline, doc.published, today=today, kind=doc.kind) if doc.published else ()
    by_milestone = {p.milestone: p for p in found}
    closes_at = paper_milestone(timeline, doc.kind, "consultation.closes")
    consultation = ""
    closes = doc.consultation.closes if doc.consultation else None
    opens = doc.consultation.opens if doc.consultation else None
    if closes is not None and opens is not None:
        if closes.end < today:
            consultation = f"The consultation on this {kind} ran from {written(opens)} to {written(closes)}."
        elif opens.start <= today:
            consultation = f"The consultation on this {kind} is open until {written(closes)}."
        else:
            consultation = f"The consultation on this {kind} opens on {written(opens)} and closes on {written(closes)}."
    elif closes is not None:
        verb = "closed" if closes.end < today else "closes"
        consultation = f"The consultation on this {kind} {verb} on {written(closes)}."
    elif closes_at is not None and (minimum := by_milestone.get(closes_at.id)) is not None:
        consultation = (
            f"The consultation must run for at least {minimum.at_least}, so it can close no earlier than "
            f"{long_date(minimum.earliest)}."
        )
    closed = closes is not None and closes.end < today
    engagement = tuple(
        _step(entry, closed=closed, today=today)
        for entry in view.milestones
        if anchor is not None and entry.stage == anchor.id and entry.id != anchor.id
    )
    path = tuple(
        NextStep(title=STEP_NAMES.get(p.milestone, p.title), when=_forecast_window(p), status=p.status)
        for p in sorted(found, key=lambda p: (p.earliest, p.latest or dt.date.max))
        if closes_at is None or p.milestone != closes_at.id
    )
    if not path and doc.kind == "white-paper":
        # A White Paper sets out proposals for law: the steps to law the timeline still expects.
        path = tuple(
            NextStep(title=entry.title, when=_undated(entry), status=entry.status)
            for entry in view.milestones
            if entry.category == "legislation" and entry.status in ("expected", "pending", "projected", "overdue")
        )
    horizon = ""
    act = next((r for r in timeline.rules if anchor is not None and r.start == anchor.id and r.end == "act"), None)
    if act is not None and act.at_least is not None and act.at_most is not None:
        who = act.by.strip() or "The timeline's rule"
        horizon = f"{who} expected {act.at_least} to {act.at_most} from {anchor.title if anchor else act.start} to Act."
        if act.outcome == "missed":
            horizon += f" That did not happen: {act.instead.strip().removesuffix('.')}."
    return consultation, engagement, path, horizon


def _forecast_window(found: Projection) -> str:
    """When the rules put a step; a missed forecast says whose it was and what happened instead."""
    if found.status == "missed":
        who = found.by or "a forecast"
        said = f"{who[0].lower()}{who[1:]}" if who.startswith("The ") else who
        return f"{said} expected it {window(found)}; it did not come: {found.instead.strip().removesuffix('.')}"
    overdue = f" (that time passed {days_in_words(found.days_overdue)} ago)" if found.days_overdue else ""
    return window(found) + overdue


def _undated(entry: TimelineEntry) -> str:
    return str(entry.date) if entry.date is not None else "no date given yet"


def _step(entry: TimelineEntry, *, closed: bool, today: dt.date) -> NextStep:
    """A step planned around the paper, as it stands: done (when, and the record), lapsed, or expected."""
    first = next((url for _, url in urls(entry.source)), "")
    if entry.status == "done" and entry.date is not None:
        record = f" ({first})" if first else ""
        return NextStep(title=entry.title, when=f"done, {entry.date}{record}", status="done", source=first)
    if entry.status == "lapsed" or (closed and entry.status in ("expected", "pending")):
        return NextStep(
            title=entry.title,
            when="no public record that it happened before the consultation closed",
            status="lapsed",
        )
    if entry.status == "did-not-happen":
        return NextStep(title=entry.title, when="did not happen", status=entry.status, source=first)
    if entry.date is not None:
        passed = "; that time has passed with no record here that it happened" if entry.date.end < today else ""
        return NextStep(title=entry.title, when=f"expected {entry.date}{passed}", status=entry.status)
    return NextStep(title=entry.title, when="expected", status=entry.status)
