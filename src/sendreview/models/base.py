"""What every model read from YAML shares: strictness, and text types."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

# Unknown fields are errors. Built on first use: a command that takes the bundled data from the
# cache never builds the validators of models it does not check.
STRICT = ConfigDict(extra="forbid", defer_build=True)


class Model(BaseModel):
    """Base of every model read from YAML: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(**STRICT, frozen=True)


# Plain `str` on purpose: the loader gives unquoted yes/no as a bool, which a str field refuses.
Text = str
NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""An id users type: lower-case letters, digits and single hyphens."""
