"""A consultation response drafted from an assessment, question by question, and a guide for parents.

Which proposals a question asks about: those whose id the question lists (`proposals:`), and those
whose `question:` names the question's number or one of its topics.

The scale rule: a question's position comes from the stances of the links of the proposals it
asks about (never re-judged: the red lines crossed are compare's):
    a red line crossed                         -> Strongly disagree
    only disagree                              -> Disagree
    disagree with agree or partly              -> Neither agree nor disagree (mixed; both sides given)
    only partly                                -> Neither agree nor disagree (part of the way only)
    agree, with or without partly              -> Agree
    no assessed link                           -> no answer: "needs your answer"
"Strongly agree" is never drafted: how strongly to agree is for the forum to say. A question on
an agreement scale gets the scale's label for the position; a yes / no / not sure question gets
no tick (whether "yes" supports a proposal depends on how the question is worded), only the text;
an open question states the position in its text.

The text: red lines crossed first, then what we disagree with, then what we welcome, then what
must change (what goes only part of the way), each point a sentence and then its note. It is
counted as the form counts (words are what spaces separate) and cut only at the end of a
sentence: whatever does not fit is left out and named.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from sendreview.analysis.compare import Comparison
from sendreview.analysis.readability import Readability, measure
from sendreview.analysis.result import Result
from sendreview.analysis.statement import NNPCF, banner, speaks_for_nnpcf, target_titles
from sendreview.in_words import written
from sendreview.models.consultation import ConsultationFile, Question, ScaleKind, Wording
from sendreview.models.dates import FuzzyDate
from sendreview.models.document import AssessmentStatus, Document, Proposal, Stance
from sendreview.terms import KIND_TITLES

Position = Literal["strongly-agree", "agree", "neither", "disagree", "strongly-disagree"]
POSITIONS: tuple[Position, ...] = ("strongly-agree", "agree", "neither", "disagree", "strongly-disagree")
"""In the order of an agreement scale's labels, most agreeing first."""
Kind = Literal["red-line", "disagree", "agree", "partly"]
ORDER: tuple[Kind, ...] = ("red-line", "disagree", "agree", "partly")


class ProposalRef(Result):
    """A proposal named in a response."""

    id: str
    title: str


class Point(Result):
    """One judgement behind an answer: how a proposal stands against one ask."""

    proposal: str
    proposal_title: str
    ask: str
    ask_title: str
    kind: Kind
    note: str = ""


class Answer(Result):
    """The draft answer to one question, ready to paste into its box."""

    number: int
    chapter: str
    question: str
    wording: Wording
    source: str
    scale: ScaleKind | None
    labels: tuple[str, ...]
    position: Position | None
    # The label to tick ('' when there is none to tick, or the forum must choose).
    choice: str
    reason: str
    text: str
    words: int
    word_limit: int | None
    word_limit_assumed: bool
    trimmed: bool
    left_out: tuple[str, ...]
    needs_answer: bool
    # What is left for the forum to do ('' when nothing): pick a tick, or write the answer.
    to_do: str
    proposals: tuple[ProposalRef, ...]
    points: tuple[Point, ...]


class ConsultationSummary(Result):
    """The consultation, as a response names it."""

    id: str
    title: str
    paper: str
    opens: FuzzyDate | None
    closes: FuzzyDate | None
    url: str
    how_to_respond: str


class ConsultationResponse(Result):
    """A whole drafted response: the JSON output of `sendreview respond`."""

    organisation: str
    title: str
    status: AssessmentStatus
    banner_label: str
    banner: str
    intro: str
    consultation: ConsultationSummary
    answers: tuple[Answer, ...]
    summary: str
    drafted: int
    needs_answer: int
    trimmed: int
    not_asked_intro: str
    not_asked: tuple[ProposalRef, ...]


class GuideItem(Result):
    """One question in the guide for parents."""

    number: int
    about: str
    view: str
    prompt: str


class Guide(Result):
    """The guide for parents: the JSON output of `sendreview respond --for parents`."""

    organisation: str
    title: str
    status: AssessmentStatus
    banner_label: str
    banner: str
    intro: tuple[str, ...]
    items: tuple[GuideItem, ...]
    how_to_send: tuple[str, ...]
    closes: FuzzyDate | None
    readability: Readability
    readability_line: str


def linked(question: Question, paper: Document) -> tuple[Proposal, ...]:
    """The proposals a question asks about, in the paper's order."""
    refs = {str(question.number), *question.topics}
    return tuple(p for p in paper.proposals if p.id in question.proposals or p.question in refs)


def position(kinds: set[Kind]) -> tuple[Position | None, str]:
    """The scale rule (see the module's docstring): a position and the reason for it."""
    if not kinds:
        return None, ""
    if "red-line" in kinds:
        return "strongly-disagree", "a red line is crossed"
    if kinds == {"disagree"}:
        return "disagree", "we disagree with what is proposed"
    if "disagree" in kinds:
        return "neither", "we disagree with part of it and welcome some of the rest"
    if kinds == {"partly"}:
        return "neither", "it goes only part of the way"
    return "agree", "it delivers what families asked for" + (", in part" if "partly" in kinds else "")


@dataclass(frozen=True)
class Fitted:
    """Text cut to a word limit at a sentence end."""

    text: str
    words: int
    left_out: tuple[str, ...]


# Curly quotes are written as escapes so that they cannot be mistaken for straight ones.
_CLOSERS = "\"'\u2019\u201d)]"
_SENTENCE = re.compile(r"(?<=[.!?])[" + re.escape(_CLOSERS) + r"]*\s+(?=[A-Z0-9\"'\u2018\u201c(\u00a3])")
OPEN, CLOSE = "\u201c", "\u201d"


def sentences(text: str) -> list[str]:
    """A note's sentences; one without a closing full stop gets one."""
    found = [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]
    return [s if s[-1] in ".!?" + _CLOSERS else s + "." for s in found]


def word_count(text: str) -> int:
    """Words as an online form counts them: whatever spaces separate."""
    return len(text.split())


def fit(parts: list[tuple[str, str]], limit: int | None) -> Fitted:
    """Join (sentence, what it is about) parts in order until the next would go over `limit`
    words; name what is left out ('... (part)' when some of a point's sentences were kept)."""
    kept: list[str] = []
    kept_about: set[str] = set()
    total = 0
    left_out: dict[str, None] = {}
    stopped = False
    for sentence, about in parts:
        size = word_count(sentence)
        if not stopped and (limit is None or total + size <= limit):
            kept.append(sentence)
            kept_about.add(about)
            total += size
        else:
            stopped = True
            left_out[about] = None
    named = tuple(f"{about} (part)" if about in kept_about else about for about in left_out)
    return Fitted(" ".join(kept), total, named)


def _points(proposals: tuple[Proposal, ...], result: Comparison) -> list[Point]:
    titles = target_titles(result)
    breaches = {(b.proposal, b.ask) for b in result.red_line_breaches}
    found = []
    for proposal in proposals:
        for link in proposal.responds_to:
            kind: Kind = "red-line" if (proposal.id, link.ask) in breaches else _KIND[link.stance]
            found.append(
                Point(
                    proposal=proposal.id,
                    proposal_title=proposal.title,
                    ask=link.ask,
                    ask_title=titles.get(link.ask, link.ask),
                    kind=kind,
                    note=link.note.strip(),
                )
            )
    return sorted(found, key=lambda p: ORDER.index(p.kind))


_KIND: dict[Stance, Kind] = {"agree": "agree", "partly": "partly", "disagree": "disagree"}


def _lead(point: Point) -> str:
    title = f"{OPEN}{point.proposal_title}{CLOSE}"
    if point.kind == "red-line":
        return f"{title} crosses our red line: {point.ask_title}."
    if point.kind == "disagree":
        return f"We disagree with {title}, which works against what families asked for: {point.ask_title}."
    if point.kind == "agree":
        return f"We welcome {title}, which delivers what families asked for: {point.ask_title}."
    return f"{title} goes only part of the way on what families asked for: {point.ask_title}."


def _answer(question: Question, consultation: ConsultationFile, paper: Document, result: Comparison) -> Answer:
    proposals = linked(question, paper)
    points = _points(proposals, result)
    where, reason = position({p.kind for p in points})
    scale = consultation.scale(question)
    parts = [
        (sentence, f"{p.proposal} {OPEN}{p.proposal_title}{CLOSE} on {p.ask_title}")
        for p in points
        for sentence in [_lead(p), *sentences(p.note)]
    ]
    fitted = fit(parts, question.word_limit)
    choice, to_do = "", ""
    if where is None:
        unassessed = [f"{p.id} {p.title}" for p in proposals]
        to_do = (
            f"needs your answer: the proposals it asks about are not assessed yet ({'; '.join(unassessed)})"
            if unassessed
            else "needs your answer: no proposal of the paper is linked to this question"
        )
    elif parts and not fitted.text:
        to_do = f"needs your answer: even the first sentence is over the {question.word_limit}-word limit"
    elif scale is not None and scale.kind == "agreement":
        choice = scale.labels[POSITIONS.index(where)]
    elif scale is not None:
        to_do = f"choose {_or(scale.labels)} yourself: the assessment cannot say which the question's wording needs"
    return Answer(
        number=question.number,
        chapter=question.chapter,
        question=question.text,
        wording=question.wording,
        source=question.source,
        scale=scale.kind if scale is not None else None,
        labels=scale.labels if scale is not None else (),
        position=where,
        choice=choice,
        reason=reason,
        text=fitted.text,
        words=fitted.words,
        word_limit=question.word_limit,
        word_limit_assumed=question.word_limit_basis == "assumed",
        trimmed=bool(fitted.left_out),
        left_out=fitted.left_out,
        needs_answer=where is None or (bool(parts) and not fitted.text),
        to_do=to_do,
        proposals=tuple(ProposalRef(id=p.id, title=p.title) for p in proposals),
        points=tuple(points),
    )


def _or(labels: tuple[str, ...]) -> str:
    return ", ".join(labels[:-1]) + f" or {labels[-1]}" if len(labels) > 1 else "".join(labels)


def _summary(consultation: ConsultationFile) -> ConsultationSummary:
    info = consultation.consultation
    return ConsultationSummary(
        id=info.id,
        title=info.title,
        paper=info.paper,
        opens=info.opens,
        closes=info.closes,
        url=info.url,
        how_to_respond=info.how_to_respond,
    )


def _chosen(consultation: ConsultationFile, number: int | None) -> tuple[Question, ...]:
    if number is None:
        return consultation.questions
    return tuple(q for q in consultation.questions if q.number == number)


def build_response(
    paper: Document,
    consultation: ConsultationFile,
    result: Comparison,
    *,
    organisation: str,
    question: int | None = None,
) -> ConsultationResponse:
    """The response in `organisation`'s voice: every question (or only `question`), then the
    proposals assessed but not asked about."""
    answers = tuple(_answer(q, consultation, paper, result) for q in _chosen(consultation, question))
    asked = {p.id for q in consultation.questions for p in linked(q, paper)}
    not_asked = tuple(
        ProposalRef(id=p.id, title=p.title) for p in paper.proposals if p.responds_to and p.id not in asked
    )
    drafted = sum(1 for a in answers if not a.needs_answer)
    trimmed = sum(1 for a in answers if a.trimmed)
    label, words = banner(paper.assessment.status, organisation, "a response")
    kind = KIND_TITLES[paper.document.kind]
    who = f"the {NNPCF} (NNPCF)" if speaks_for_nnpcf(organisation) else organisation
    return ConsultationResponse(
        organisation=organisation,
        title=f"{organisation}: our response to the consultation on the {kind}",
        status=paper.assessment.status,
        banner_label=label,
        banner=words,
        intro=(
            f"This is the response of {who} to {OPEN}{consultation.consultation.title}{CLOSE}. Each answer is "
            f"drafted from our assessment of {OPEN}{paper.document.title}{CLOSE}, fits the form's word limit, and "
            "is to be checked before it is pasted into the form."
        ),
        consultation=_summary(consultation),
        answers=answers,
        summary=(
            f"{len(answers)} question{'s' if len(answers) != 1 else ''}: {drafted} drafted, "
            f"{len(answers) - drafted} {'needs' if len(answers) - drafted == 1 else 'need'} your answer, "
            f"{trimmed} trimmed to fit."
        ),
        drafted=drafted,
        needs_answer=len(answers) - drafted,
        trimmed=trimmed,
        not_asked_intro=(
            "We assessed these proposals, but no question asks about them. Add what we think of them under the "
            "question that invites any other comments:"
            if not_asked
            else ""
        ),
        not_asked=not_asked,
    )


# What the forum thinks, for parents: one short plain sentence or two per position.
PLAIN_VIEWS: dict[Position | None, str] = {
    "strongly-agree": "We agree with this. We think it gives families what they asked for.",
    "agree": "We agree with this. We think it gives families what they asked for.",
    "neither": "We are not sure about this. Some parts would help, but some parts worry us.",
    "disagree": "We do not agree with this. We think it goes against what families asked for.",
    "strongly-disagree": "We say no to this. We think it would take away rights that families have now.",
    None: "We have not made up our minds on this yet.",
}
DEFAULT_PROMPT = "Think about your own family. What has happened to you? Say it in your own words."


def build_guide(
    paper: Document,
    consultation: ConsultationFile,
    result: Comparison,
    *,
    organisation: str,
    question: int | None = None,
    today: dt.date | None = None,
) -> Guide:
    """A guide for families to answer in their own words, in plain English, with how easy it is to read."""
    today = today or dt.date.today()
    info = consultation.consultation
    items = []
    for q in _chosen(consultation, question):
        points = _points(linked(q, paper), result)
        where, _ = position({p.kind for p in points})
        # Why, in the forum's own words: the first sentence of the note that leads the answer.
        why = next((sentences(p.note)[0] for p in points if p.note), "")
        items.append(
            GuideItem(
                number=q.number,
                about=q.plain or f"This question is about: {q.text}",
                view=f"{PLAIN_VIEWS[where]} {why}".strip(),
                prompt=q.prompt or DEFAULT_PROMPT,
            )
        )
    intro = (
        f"The government asked what people think of its plans in {OPEN}{paper.document.title}{CLOSE}.",
        "Your own answers count. You do not need to answer every question. You can use your own words.",
        f"In this guide, {OPEN}we{CLOSE} means {organisation}. We say what we think, but you can think something else.",
    )
    how = info.how_to_respond_plain or info.how_to_respond
    how_to_send = [how] if how else []
    if info.closes is not None:
        if info.closes.end < today:
            how_to_send.append(f"This consultation closed on {written(info.closes)}.")
        else:
            how_to_send.append(f"The last day to send your answers is {written(info.closes)}.")
    pieces = [*intro, *(text for item in items for text in (item.about, item.view, item.prompt)), *how_to_send]
    score = measure(pieces)
    label, words = banner(paper.assessment.status, organisation, "a guide")
    return Guide(
        organisation=organisation,
        title=f"Have your say: a guide for families from {organisation}",
        status=paper.assessment.status,
        banner_label=label,
        banner=words,
        intro=intro,
        items=tuple(items),
        how_to_send=tuple(how_to_send),
        closes=info.closes,
        readability=score,
        readability_line=(
            f"Flesch reading ease {score.flesch_reading_ease:.0f} ({score.band}; 60 or more is plain English), "
            f"with {score.words_per_sentence:.1f} words in a sentence on average."
        ),
    )
