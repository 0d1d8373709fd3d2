"""JSON Schemas for the file formats and the JSON outputs, generated from the models."""

from __future__ import annotations

import json
from typing import Any, get_args

from pydantic import BaseModel

from sendreview.analysis.compare import Comparison
from sendreview.analysis.diff import Diff
from sendreview.analysis.evidence import Evidence
from sendreview.analysis.network import Network
from sendreview.analysis.respond import ConsultationResponse, Guide
from sendreview.analysis.suggest import Suggestions
from sendreview.analysis.timeline import NextView, TimelineView
from sendreview.models.asks import CatalogueFile
from sendreview.models.commitments import CommitmentsFile
from sendreview.models.consultation import ConsultationFile
from sendreview.models.document import Document
from sendreview.models.profile import Profile
from sendreview.models.survey import SurveyMap
from sendreview.models.timeline import Timeline
from sendreview.models.vocabulary import VocabularyFile

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "document": (Document, "validation", "A sendreview document file: a paper and its proposals."),
    "asks": (CatalogueFile, "validation", "A sendreview asks file: groups, asks and lens points."),
    "timeline": (Timeline, "validation", "A sendreview timeline file: milestones and involvement periods."),
    "compare": (Comparison, "serialization", "The output of `sendreview compare --format json`."),
    "diff": (Diff, "serialization", "The output of `sendreview diff --format json`."),
    "suggest": (Suggestions, "serialization", "The output of `sendreview suggest --format json`."),
    "timeline-view": (TimelineView, "serialization", "The output of `sendreview timeline --format json`."),
    "timeline-next": (NextView, "serialization", "The output of `sendreview timeline next --format json`."),
    "aggregate": (Network, "serialization", "The output of `sendreview aggregate --format json`."),
    "evidence": (Evidence, "serialization", "The output of `sendreview evidence --format json`."),
    "survey-map": (SurveyMap, "validation", "A sendreview survey map: which columns answer which proposals."),
    "profile": (Profile, "validation", "A sendreview forum profile (forum.yaml): who the forum is."),
    "vocabulary": (
        VocabularyFile,
        "validation",
        "A sendreview vocabulary file: the words later papers use for each ask, and where they were read.",
    ),
    "consultation": (
        ConsultationFile,
        "validation",
        "A sendreview consultation file: a consultation's dates, answer scales and questions.",
    ),
    "respond": (ConsultationResponse, "serialization", "The output of `sendreview respond --format json`."),
    "respond-guide": (Guide, "serialization", "The output of `sendreview respond --for parents --format json`."),
    "commitments": (
        CommitmentsFile,
        "validation",
        "A sendreview commitments file: the phrases that show how firmly a paper commits.",
    ),
}


def schema_dict(kind: str) -> dict[str, Any]:
    model, mode, description = SCHEMAS[kind]
    _build_defaults(model, set())
    schema = model.model_json_schema(by_alias=True, mode=mode)  # type: ignore[arg-type]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://sendreview.invalid/schemas/{kind}.schema.json",
        **schema,
        "description": description,
    }


def _build_defaults(model: Any, seen: set[Any]) -> None:
    """Models are built on first use; a default that is itself a model (a document's `assessment`) is
    written into the schema through its own class, so that class is built first, at any depth."""
    if model in seen or not hasattr(model, "__pydantic_fields__"):
        return
    seen.add(model)
    for field in model.__pydantic_fields__.values():
        if isinstance(field.default, BaseModel):
            type(field.default).model_rebuild()
        pending = [field.annotation]
        while pending:
            kind = pending.pop()
            pending += get_args(kind)
            _build_defaults(kind, seen)


def json_schema(kind: str) -> str:
    """The JSON Schema of a file format or output, as indented JSON."""
    return json.dumps(schema_dict(kind), indent=2, ensure_ascii=False) + "\n"
