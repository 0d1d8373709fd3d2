"""A long document is checked a proposal at a time: the same model and the same problems as checking it whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sendreview import loading
from sendreview.api import load_catalogue, load_document
from sendreview.errors import SendReviewError

COUNT = loading.BY_ITEM_FROM + 200


def document(count: int, mistakes: dict[int, str] | None = None, head: str = "") -> str:
    """A document of `count` proposals, each linked twice; `mistakes` replaces a proposal's stance line."""
    lines = ["document:", "  title: A long paper", "  kind: green-paper", "  published: March 2022", head, "proposals:"]
    for i in range(count):
        stance = (mistakes or {}).get(i, "agree")
        lines += [
            f'  - id: "{i}"',
            f"    title: Proposal {i}",
            "    responds_to:",
            "      - ask: enough-money",
            f"        stance: {stance}",
            "      - ask: listen-early",
            "        stance: partly",
            f"        note: Note {i}.",
        ]
    return "\n".join(line for line in lines if line) + "\n"


def both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """The document (or the problems) checked by item, then checked whole."""
    catalogue = load_catalogue()
    results = []
    for by_item_from in (loading.BY_ITEM_FROM, 10**9):
        monkeypatch.setattr(loading, "BY_ITEM_FROM", by_item_from)
        try:
            results.append(load_document(path, catalogue))
        except SendReviewError as error:
            results.append(str(error))
    return results[0], results[1]


def test_a_long_document_is_the_same_checked_by_item(
    write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("long.yaml", document(COUNT))
    by_item, whole = both_ways(path, monkeypatch)
    assert by_item == whole
    assert len(by_item.proposals) == COUNT  # type: ignore[attr-defined]
    assert by_item.model_fields_set == whole.model_fields_set  # type: ignore[attr-defined]
    assert by_item.model_dump(mode="json") == whole.model_dump(mode="json")  # type: ignore[attr-defined]


def test_a_long_document_gives_the_same_problems_checked_by_item(
    write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = document(COUNT, {3: "agreed", COUNT - 1: "maybe"}, head="  colour: blue")
    path = write("long.yaml", text)
    by_item, whole = both_ways(path, monkeypatch)
    assert isinstance(by_item, str)
    assert by_item == whole
    assert "long.yaml:5:3: unknown field 'colour'" in by_item
    assert "long.yaml:35:17: 'agreed' is not a valid stance: use 'agree', 'partly' or 'disagree'" in by_item
    assert f"long.yaml:{11 + 8 * (COUNT - 1)}:17: 'maybe' is not a valid stance" in by_item


def test_many_mistakes_in_a_long_document_are_capped_the_same_way(
    write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("long.yaml", document(COUNT, dict.fromkeys(range(COUNT), "maybe")))
    by_item, whole = both_ways(path, monkeypatch)
    assert by_item == whole
    assert f"only the first 1,000 problems are shown; {COUNT - 1000:,} more problems after these" in str(by_item)
