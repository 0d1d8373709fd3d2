"""What every model shares: strictness, and text that YAML did not silently turn into a yes/no."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints


class YamlBool(str):
    """A plain scalar that YAML 1.1 reads as a boolean (yes, no, on, off, true, false...)."""


def _reject_yaml_bool(value: object) -> object:
    if isinstance(value, YamlBool):
        raise ValueError(f"'{value}' is read by YAML as yes/no, not as text; put it in quotes: \"{value}\"")
    return value


class Model(BaseModel):
    """Base of every model read from YAML: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Text = Annotated[str, BeforeValidator(_reject_yaml_bool)]
"""Free text; an unquoted yes/no is refused rather than kept as a boolean."""

NonEmptyText = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1)]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[Text, StringConstraints(pattern=SLUG_PATTERN)]
"""An id users type: lower-case letters, digits and single hyphens."""
