"""Typed models of everything sendreview reads.

The names are loaded on first use, so that importing one model module does not build them all
(pydantic builds a validator for every model class, which costs start-up time).
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "Ask": "asks",
    "Catalogue": "asks",
    "CatalogueFile": "asks",
    "Context": "asks",
    "Group": "asks",
    "LensPoint": "asks",
    "Target": "asks",
    "FuzzyDate": "dates",
    "Precision": "dates",
    "Consultation": "document",
    "Document": "document",
    "DocumentInfo": "document",
    "Link": "document",
    "Proposal": "document",
    "Milestone": "timeline",
    "Period": "timeline",
    "Timeline": "timeline",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'sendreview.models' has no attribute {name!r}")
    return getattr(importlib.import_module(f"sendreview.models.{_HOMES[name]}"), name)
