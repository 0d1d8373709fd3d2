"""The catalogue as readers see it: asks with their lens point ids, optionally one group."""

from __future__ import annotations

from sendreview.analysis.result import Result
from sendreview.errors import SendReviewError, did_you_mean
from sendreview.models.asks import AskKind, Catalogue, Context, Group, Lens, lens_id
from sendreview.terms import LENS_TITLES


class LensView(Result):
    id: str
    lens: Lens
    title: str
    text: str


class AskView(Result):
    id: str
    title: str
    group: str
    kind: AskKind
    text: str
    supports: tuple[str, ...]
    lenses: tuple[LensView, ...]


class CatalogueView(Result):
    """The `asks --format json` output."""

    groups: tuple[Group, ...]
    asks: tuple[AskView, ...]
    context: Context


def catalogue_view(catalogue: Catalogue, group: str | None = None) -> CatalogueView:
    """Every ask (or one group's) with its lens points spelt out."""
    groups = catalogue.groups
    if group is not None:
        ids = [g.id for g in groups]
        if group not in ids:
            raise SendReviewError(f"unknown group '{group}'{did_you_mean(group, ids)}; groups: {', '.join(ids)}")
        groups = tuple(g for g in groups if g.id == group)
    # model_construct: every value comes from the checked catalogue, in the fields' own types; a table
    # then never builds the views' validators (JSON still uses them).
    asks = tuple(
        AskView.model_construct(
            id=ask.id,
            title=ask.title,
            group=ask.group,
            kind=ask.kind,
            text=ask.text,
            supports=ask.supports,
            lenses=tuple(
                LensView.model_construct(id=lens_id(ask, p), lens=p.lens, title=LENS_TITLES[p.lens], text=p.text)
                for p in ask.lenses
            ),
        )
        for ask in catalogue.asks
        if group is None or ask.group == group
    )
    return CatalogueView.model_construct(groups=groups, asks=asks, context=catalogue.context)
