"""The typed views `checks.py` reads plain data through name only fields their models have."""

from __future__ import annotations

import importlib
from typing import TypedDict

import pytest
from pydantic import BaseModel, Field

from sendreview.checks import VIEWS


def _names_in_files(model: type[BaseModel]) -> set[str]:
    """A model's (or a pydantic dataclass's) fields as a file spells them (`from`, not `start`)."""
    return {field.alias or name for name, field in model.__pydantic_fields__.items()}


def _stray_keys(view: type, model: type[BaseModel]) -> set[str]:
    return set(view.__annotations__) - _names_in_files(model)


@pytest.mark.parametrize(("view", "target"), VIEWS, ids=[view.__name__ for view, _ in VIEWS])
def test_every_view_reads_fields_its_model_has(view: type, target: str) -> None:
    module, _, name = target.partition(":")
    model = getattr(importlib.import_module(module), name)
    assert hasattr(model, "__pydantic_fields__"), f"{target} is neither a model nor a pydantic dataclass"
    assert view.__annotations__, f"{view.__name__} reads nothing"
    assert _stray_keys(view, model) == set(), f"{view.__name__} reads fields {target} does not have"


def test_a_renamed_field_is_caught() -> None:
    """The comparison sees a field the model no longer has, and accepts one it has under an alias."""

    class Renamed(BaseModel):
        title: str
        start: str = Field(alias="from")

    class OldView(TypedDict, total=False):
        name: object

    ByAlias = TypedDict("ByAlias", {"from": object, "title": object}, total=False)

    assert _stray_keys(OldView, Renamed) == {"name"}
    assert _stray_keys(ByAlias, Renamed) == set()
