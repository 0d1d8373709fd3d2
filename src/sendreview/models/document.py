"""A government paper: its details and its proposals, each optionally assessed against the asks."""

from __future__ import annotations

from typing import Literal

from sendreview.models.base import Model, NonEmptyText, Text
from sendreview.models.dates import FuzzyDate

Stance = Literal["agree", "partly", "disagree"]
DocumentKind = Literal["green-paper", "white-paper", "improvement-plan", "bill", "act", "other"]
KIND_TITLES: dict[str, str] = {
    "green-paper": "Green Paper",
    "white-paper": "White Paper",
    "improvement-plan": "Improvement Plan",
    "bill": "Bill",
    "act": "Act",
    "other": "Paper",
}


class Link(Model):
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
    source: Text = ""
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


class Document(Model):
    """A whole document file."""

    document: DocumentInfo
    proposals: tuple[Proposal, ...]
