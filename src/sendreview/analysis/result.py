"""The base every analysis result shares."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Result(BaseModel):
    """Base of analysis results: frozen, and serialised as documented in `docs/json.md`."""

    # Built by pydantic on first use: a command pays only for the results it makes.
    model_config = ConfigDict(frozen=True, defer_build=True)
