"""A public consultation: its dates, how to respond, and its questions, each with its answer box."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sendreview.models.base import Model, NonEmptyText, Slug, Text
from sendreview.models.dates import FuzzyDate

Wording = Literal["verbatim", "paraphrased", "topic-only"]
"""How close `text` is to the question as the form asked it."""
ScaleKind = Literal["agreement", "yes-no"]
LimitBasis = Literal["sourced", "assumed"]

AGREEMENT_LABELS = 5  # most agreeing first: strongly agree, agree, neither, disagree, strongly disagree
YES_NO_LABELS = 3  # yes, no, not sure

Number = Annotated[int, Field(ge=1)]
WordLimit = Annotated[int, Field(gt=0)]


class Scale(Model):
    """A set of tick-box answers: an agree-disagree scale (five labels, most agreeing first) or
    yes / no / not sure (three labels, in that order)."""

    id: Slug
    kind: ScaleKind
    labels: tuple[NonEmptyText, ...]
    # Where the labels come from, or why they are assumed.
    source: Text = ""


class Question(Model):
    """One question of the consultation."""

    number: Number
    chapter: Text = ""
    text: NonEmptyText
    wording: Wording
    # A web address or a short note of where the wording comes from.
    source: NonEmptyText
    # The id of a scale in `scales:`; none for a question answered in words only.
    scale: Slug | None = None
    word_limit: WordLimit | None = None
    word_limit_basis: LimitBasis = "assumed"
    # The proposals it asks about: ids in the paper the consultation came with, and topics that any
    # forum's file can name with `question:` on a proposal.
    proposals: tuple[NonEmptyText, ...] = ()
    topics: tuple[Slug, ...] = ()
    # For the guide for parents: the question in plain words, and a prompt for their own story.
    plain: Text = ""
    prompt: Text = ""


class ConsultationInfo(Model):
    """What the consultation is, when it runs, and how to respond."""

    id: Slug
    title: NonEmptyText
    paper: NonEmptyText
    opens: FuzzyDate | None = None
    closes: FuzzyDate | None = None
    url: Text = ""
    how_to_respond: Text = ""
    how_to_respond_plain: Text = ""


class ConsultationFile(Model):
    """A whole consultation file."""

    consultation: ConsultationInfo
    scales: tuple[Scale, ...] = ()
    questions: tuple[Question, ...]

    def scale(self, question: Question) -> Scale | None:
        """The scale a question is answered on, if any."""
        return next((s for s in self.scales if s.id == question.scale), None)
