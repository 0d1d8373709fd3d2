"""Today's words for the asks: `data/vocabulary.yaml`.

The catalogue's keywords come from the NNPCF deck of 2021 and the sources of the 2022 Green
Paper. Later papers say the same things in other words ("Individual Support Plans", "national
inclusion standards"). Those words live here, apart from the deck's text, each list with the
paper that uses them and the page they were read on, so `sendreview suggest` can match them and
say where they come from.
"""

from __future__ import annotations

from sendreview.models.base import Model, NonEmptyText, Slug, Text
from sendreview.models.dates import FuzzyDate


class Paper(Model):
    """A paper whose words are listed."""

    id: Slug
    title: NonEmptyText
    published: FuzzyDate | None = None
    # How explanations name it ("the 2026 White Paper").
    label: NonEmptyText


class Terms(Model):
    """Words one paper uses for one ask, and the page they were read on."""

    ask: Slug
    paper: Slug
    terms: tuple[NonEmptyText, ...]
    source: NonEmptyText
    # "secondary" when the page is not the government's own record.
    note: Text = ""


class VocabularyFile(Model):
    """A vocabulary file: the papers, then the words each uses for each ask."""

    papers: tuple[Paper, ...] = ()
    terms: tuple[Terms, ...] = ()
