"""A government paper: its details and its proposals, each optionally assessed against the asks."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import StringConstraints
from pydantic.dataclasses import dataclass

from sendreview.models.base import STRICT, Model, NonEmptyText, Slug, Text
from sendreview.models.dates import FuzzyDate

Stance = Literal["agree", "partly", "disagree"]
DocumentKind = Literal["green-paper", "white-paper", "improvement-plan", "bill", "act", "other"]


# A dataclass with slots, not a model: a paper has several of these per proposal, and a pydantic
# model costs about 460 bytes each (its own dict and the set of fields given) where this costs 72.
# At 100,000 proposals with five links each, that is 190 MB. Checked just the same.
@dataclass(frozen=True, slots=True, config=STRICT)
class Link:
    """One judgement: how a proposal stands against one ask or lens point."""

    ask: NonEmptyText
    stance: Stance
    note: Text = ""


class Proposal(Model):
    """One proposal of the paper; `id` is kept exactly as written."""

    id: NonEmptyText
    chapter: Text = ""
    title: NonEmptyText
    summary: Text = ""
    # The paper's own words of commitment ("we will legislate..."), read by `diff` for strength.
    commitment: Text = ""
    source: Text = ""
    # The id of the proposal this one carries forward from the previous paper, for `diff`.
    follows: NonEmptyText | None = None
    # The consultation question this proposal is asked about, for `respond`: a question's number
    # or one of its topics (see data/consultations/).
    question: NonEmptyText | None = None
    responds_to: tuple[Link, ...] = ()


class Consultation(Model):
    """When the public may respond."""

    opens: FuzzyDate | None = None
    closes: FuzzyDate | None = None


class DocumentInfo(Model):
    """What the paper is and when it came out."""

    title: NonEmptyText
    kind: DocumentKind
    published: FuzzyDate | None = None
    consultation: Consultation | None = None
    url: Text = ""
    # The groups of asks the assessment covers; empty means every group in use. `diff` refuses
    # to hold two papers against each other when these differ.
    catalogue: tuple[Slug, ...] = ()


AssessmentStatus = Literal["draft", "illustrative", "agreed"]
Region = Literal[
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
]
"""The nine English regions, as parent carer forums are grouped."""
REGIONS: tuple[str, ...] = get_args(Region)

MAX_NAME_LENGTH = 200
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_LENGTH)]


class Assessment(Model):
    """Whose views the links are, and how far they are agreed: every output says so."""

    by: Name | None = None
    # Draft until the forum says otherwise: an unlabelled file is never published as agreed.
    status: AssessmentStatus = "draft"
    date: FuzzyDate | None = None
    region: Region | None = None


class Document(Model):
    """A whole document file."""

    document: DocumentInfo
    # The defaults as they are (model_construct): validating them here would build the model at import.
    assessment: Assessment = Assessment.model_construct()
    proposals: tuple[Proposal, ...]
