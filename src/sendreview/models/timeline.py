"""The review's timeline: milestones, the NNPCF's involvement between them, and the rules that
project what comes next."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from sendreview.models.base import Model, NonEmptyText, Slug, Text
from sendreview.models.dates import Duration, FuzzyDate
from sendreview.models.document import DocumentKind

Status = Literal["done", "expected", "pending", "did-not-happen"]
Category = Literal["review", "politics", "external", "related-policy", "engagement", "legislation"]
DocumentField = Literal["published", "consultation.opens", "consultation.closes"]
Outcome = Literal["open", "missed"]


class Planned(Model):
    """A date promised earlier for a milestone, and who promised it."""

    date: FuzzyDate
    source: NonEmptyText
    notes: Text = ""


class Record(Model):
    """What the public record shows beside a date the NNPCF's deck gave: what happened, when, and
    where that is written down."""

    date: FuzzyDate
    what: NonEmptyText
    source: NonEmptyText


class DocumentDate(Model):
    """Which date of a paper this milestone is: `sendreview timeline --document` fills it in."""

    kind: DocumentKind
    field: DocumentField


class Milestone(Model):
    """Something that happened, is expected to, or was planned and never happened; undated until
    it is known.

    `stage` names the paper (a milestone id) whose consultation this step belongs to: once that
    consultation has closed, a step still `expected` has lapsed. `record` sets the public record
    beside the date as the deck gave it.
    """

    id: Slug
    title: NonEmptyText
    date: FuzzyDate | None = None
    status: Status
    category: Category
    notes: Text = ""
    source: Text = ""
    planned: tuple[Planned, ...] = ()
    record: tuple[Record, ...] = ()
    stage: Slug | None = None
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
    """How long after one milestone another is due: at least, at most, or both.

    A rule is a forecast someone made: `by` says who. A forecast that events did not follow is
    `outcome: missed`, with what happened `instead`; it is shown as missed, never as overdue.
    """

    start: Slug = Field(alias="from")
    end: Slug = Field(alias="to")
    at_least: Duration | None = None
    at_most: Duration | None = None
    by: Text = ""
    outcome: Outcome = "open"
    instead: Text = ""
    notes: Text = ""
    source: Text = ""

    @model_validator(mode="after")
    def _has_a_length(self) -> Rule:
        if self.at_least is None and self.at_most is None:
            raise ValueError(f"the rule for '{self.end}' needs 'at_least', 'at_most' or both")
        if self.outcome == "missed" and not self.instead.strip():
            raise ValueError(f"the rule for '{self.end}' was missed, so say what happened 'instead'")
        return self


class Timeline(Model):
    """The whole timeline file."""

    milestones: tuple[Milestone, ...]
    periods: tuple[Period, ...] = ()
    rules: tuple[Rule, ...] = ()
