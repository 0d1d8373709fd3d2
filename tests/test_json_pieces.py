"""A long result's JSON is written in pieces, and is the same text as written whole."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sendreview.analysis.compare import compare
from sendreview.api import load_catalogue, load_document
from sendreview.render.jsontext import LONG, json_pieces
from sendreview.text import json_text
from tests.conftest import GREEN_PAPER, Invoke
from tests.test_by_item import document

# Characters that must come out as escapes, in every piece: a C1 control, a direction override and
# a zero-width space; a line separator, which JavaScript would read as a new line; and a curly
# apostrophe, which is kept as it is.
HOSTILE = "\\u009b \\u202e \\u200b \\u2028 \\u2019"


def long_comparison(write: Callable[[str, str], Path], count: int = 3 * LONG) -> tuple[Path, object]:
    text = document(count).replace("title: Proposal 7\n", f'title: "Proposal 7 {HOSTILE}"\n')
    path = write("long.yaml", text)
    catalogue = load_catalogue()
    return path, compare(load_document(path, catalogue), catalogue)


def test_long_json_comes_in_pieces_that_make_the_same_text(write: Callable[[str, str], Path]) -> None:
    _, result = long_comparison(write)
    pieces = list(json_pieces(result))  # type: ignore[arg-type]
    whole = json_text(result.model_dump_json(indent=2, by_alias=True))  # type: ignore[attr-defined]
    assert len(pieces) > 3
    assert max(len(p) for p in pieces) < len(whole) / 2
    assert "".join(pieces) == whole
    assert "\\u202e" in whole and "\u202e" not in whole and "\u2028" not in whole


def test_short_json_is_one_piece(invoke: Invoke) -> None:
    catalogue = load_catalogue()
    result = compare(load_document(GREEN_PAPER, catalogue), catalogue)
    assert list(json_pieces(result)) == [json_text(result.model_dump_json(indent=2, by_alias=True))]


def test_long_json_on_the_screen_and_in_a_file_are_the_same(
    invoke: Invoke, write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    path, _ = long_comparison(write)
    shown = invoke("compare", path, "--format", "json")
    target = tmp_path / "out.json"
    written = invoke("compare", path, "-o", target)
    assert shown.exit_code == written.exit_code == 0
    data = target.read_bytes()
    assert data.decode("utf-8") + "\n" == shown.stdout  # the screen ends with a new line
    assert f"({len(data):,} bytes)" in written.stderr
    assert len(json.loads(data)["proposals"]) == 3 * LONG
