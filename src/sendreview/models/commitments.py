"""The words that show how firmly a paper commits to a proposal: `data/commitments.yaml`.

A forum extends the bundled lists with a file of the same shape (`sendreview diff --commitments`).
"""

from __future__ import annotations

from typing import Literal

from sendreview.models.base import Model, NonEmptyText

Level = Literal["duty", "commitment", "intention", "exploration"]
LEVELS: tuple[Level, ...] = ("duty", "commitment", "intention", "exploration")
"""Strongest first."""


class Strengths(Model):
    """Phrases for each level of commitment; a phrase ending in `*` matches any ending of its last word."""

    duty: tuple[NonEmptyText, ...] = ()
    commitment: tuple[NonEmptyText, ...] = ()
    intention: tuple[NonEmptyText, ...] = ()
    exploration: tuple[NonEmptyText, ...] = ()


class CommitmentsFile(Model):
    """A commitments file: the phrases per level, the negations that cancel them, the deadline words."""

    strengths: Strengths = Strengths()
    negations: tuple[NonEmptyText, ...] = ()
    deadlines: tuple[NonEmptyText, ...] = ()
