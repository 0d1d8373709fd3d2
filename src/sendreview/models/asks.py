"""The catalogue of asks: what families asked for, grouped as the NNPCF asked it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from sendreview.models.base import Model, NonEmptyText, Slug, Text
from sendreview.models.dates import FuzzyDate

Lens = Literal["money", "early-intervention", "inclusion", "coproduction"]
AskKind = Literal["ask", "principle", "red-line"]


class LensPoint(Model):
    """One of the four angles a silver bullet is argued from."""

    lens: Lens
    text: NonEmptyText


class Ask(Model):
    """One ask, principle or red line; `supports` names other asks it serves."""

    id: Slug
    group: Slug
    kind: AskKind = "ask"
    title: NonEmptyText
    text: Text = ""
    supports: tuple[Slug, ...] = ()
    lenses: tuple[LensPoint, ...] = ()
    # Words and phrases a government paper would use for this ask; `sendreview suggest` matches them.
    keywords: tuple[NonEmptyText, ...] = ()


class Group(Model):
    """A set of asks made together, such as the seven conference messages."""

    id: Slug
    title: NonEmptyText
    date: FuzzyDate | None = None
    intro: Text = ""
    # How a statement names the group ("Five silver bullets"); the title when empty. Titles are
    # slide headings ("What are we worried about?") that read oddly inside a sentence.
    label: Text = ""

    @property
    def name(self) -> str:
        return self.label or self.title


class Theme(Model):
    """A heading with its points, as on a slide."""

    title: NonEmptyText
    points: tuple[NonEmptyText, ...] = ()


class Context(Model):
    """Why the asks were made: the diagnosis and evidence a statement quotes."""

    headline: Text = ""
    diagnosis: tuple[Theme, ...] = ()
    system: tuple[Theme, ...] = ()
    impacts: tuple[NonEmptyText, ...] = ()
    consequences: tuple[NonEmptyText, ...] = ()
    evidence: tuple[NonEmptyText, ...] = ()
    not_the_problem: tuple[NonEmptyText, ...] = ()
    supply_not_demand: Text = ""
    other_voices: tuple[NonEmptyText, ...] = ()
    challenges: tuple[NonEmptyText, ...] = ()
    levers: tuple[NonEmptyText, ...] = ()


class CatalogueFile(Model):
    """One catalogue file: `data/recommendations.yaml` or a local forum's own."""

    groups: tuple[Group, ...] = ()
    asks: tuple[Ask, ...] = ()
    context: Context | None = None


@dataclass(frozen=True)
class Target:
    """Something a proposal can respond to: an ask, or one lens point of it."""

    id: str
    ask: Ask
    lens: LensPoint | None = None


def lens_id(ask: Ask, point: LensPoint) -> str:
    """The id users type for a lens point, e.g. `minimum-standards/money`."""
    return f"{ask.id}/{point.lens}"


@dataclass(frozen=True)
class Catalogue:
    """Every group and ask in use, bundled and local, with lookups by id."""

    groups: tuple[Group, ...]
    asks: tuple[Ask, ...]
    context: Context
    # Groups from a forum's own files rather than the bundled NNPCF catalogue: a statement
    # says "we also asked for" these.
    local_groups: frozenset[str] = frozenset()

    @classmethod
    def from_files(cls, files: list[CatalogueFile], *, local: int = 0) -> Catalogue:
        """Join catalogue files in order, the last `local` of them a forum's own; the first context found is kept."""
        # An empty Context only when none is given: making one builds its validator.
        context = next((f.context for f in files if f.context is not None), None) or Context()
        own = files[len(files) - local :] if local else []
        return cls(
            groups=tuple(g for f in files for g in f.groups),
            asks=tuple(a for f in files for a in f.asks),
            context=context,
            local_groups=frozenset(g.id for f in own for g in f.groups),
        )

    def targets(self) -> Iterator[Target]:
        """Every ask and every lens point, in catalogue order."""
        for ask in self.asks:
            yield Target(ask.id, ask)
            for point in ask.lenses:
                yield Target(lens_id(ask, point), ask, point)

    def target_index(self) -> dict[str, Target]:
        return {target.id: target for target in self.targets()}

    def group_index(self) -> dict[str, Group]:
        return {group.id: group for group in self.groups}
