"""The review's timeline: milestones, the NNPCF's involvement between them, and the rules that
project what comes next."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from sendreview.models.base import Model, NonEmptyText, Slug, Text
from sendreview.models.dates import Duration, FuzzyDate
from sendreview.models.document import DocumentKind

Status = Literal["done", "expected", "pending"]
Category = Literal["review", "politics", "external", "related-policy", "engagement", "legislation"]
DocumentField = Literal["published", "consultation.opens", "consultation.closes"]


class Planned(Model):
    """A date promised earlier for a milestone, and who promised it."""

    date: FuzzyDate
    source: NonEmptyText
    notes: Text = ""


class DocumentDate(Model):
    """Which date of a paper this milestone is: `sendreview timeline --document` fills it in."""

    kind: DocumentKind
    field: DocumentField


class Milestone(Model):
    """Something that happened, or is expected to; undated until it is known."""

    id: Slug
    title: NonEmptyText
    date: FuzzyDate | None = None
    status: Status
    category: Category
    notes: Text = ""
    source: Text = ""
    planned: tuple[Planned, ...] = ()
    document_date: DocumentDate | None = None

    @model_validator(mode="after")
    def _done_has_date(self) -> Milestone:
        if self.status == "done" and self.date is None:
            raise ValueError(f"milestone '{self.id}' is done, so it needs a date")
        return self


class Period(Model):
    """How involved the NNPCF was between two milestones."""

    start: Slug = Field(alias="from")
    end: Slug = Field(alias="to")
    involvement: tuple[NonEmptyText, ...]


class Rule(Model):
    """How long after one milestone another is due: at least, at most, or both."""

    start: Slug = Field(alias="from")
    end: Slug = Field(alias="to")
    at_least: Duration | None = None
    at_most: Duration | None = None
    notes: Text = ""
    source: Text = ""

    @model_validator(mode="after")
    def _has_a_length(self) -> Rule:
        if self.at_least is None and self.at_most is None:
            raise ValueError(f"the rule for '{self.end}' needs 'at_least', 'at_most' or both")
        return self


class Timeline(Model):
    """The whole timeline file."""

    milestones: tuple[Milestone, ...]
    periods: tuple[Period, ...] = ()
    rules: tuple[Rule, ...] = ()
