"""Typed models of everything sendreview reads."""

from sendreview.models.asks import (
    Ask,
    Catalogue,
    CatalogueFile,
    Context,
    Group,
    LensPoint,
    Target,
)
from sendreview.models.dates import FuzzyDate, Precision
from sendreview.models.document import (
    Consultation,
    Document,
    DocumentInfo,
    Link,
    Proposal,
)
from sendreview.models.timeline import Milestone, Period, Timeline

__all__ = [
    "Ask",
    "Catalogue",
    "CatalogueFile",
    "Consultation",
    "Context",
    "Document",
    "DocumentInfo",
    "FuzzyDate",
    "Group",
    "LensPoint",
    "Link",
    "Milestone",
    "Period",
    "Precision",
    "Proposal",
    "Target",
    "Timeline",
]
