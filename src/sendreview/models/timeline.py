"""The review's timeline: milestones and the NNPCF's involvement between them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from sendreview.models.base import Model, NonEmptyText, Slug, Text
from sendreview.models.dates import FuzzyDate

Status = Literal["done", "expected", "pending"]
Category = Literal["review", "politics", "external", "related-policy", "engagement", "legislation"]


class Milestone(Model):
    """Something that happened, or is expected to; undated until it is known."""

    id: Slug
    title: NonEmptyText
    date: FuzzyDate | None = None
    status: Status
    category: Category
    notes: Text = ""
    source: Text = ""

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


class Timeline(Model):
    """The whole timeline file."""

    milestones: tuple[Milestone, ...]
    periods: tuple[Period, ...] = ()

    def milestone_index(self) -> dict[str, Milestone]:
        return {m.id: m for m in self.milestones}
