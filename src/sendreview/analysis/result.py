"""The base every analysis result shares."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Result(BaseModel):
    """Base of analysis results: frozen, and serialised as documented in `docs/json.md`."""

    model_config = ConfigDict(frozen=True)
