"""The YAML slips people make most, each explained in plain words with its fix, at its place."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke

Write = Callable[[str, str], Path]

HEAD = """\
document:
  title: A paper
  kind: white-paper
proposals:
  - id: "1"
    title: Plans
"""
# Words only the parser uses: none may reach a parent without --debug.
JARGON = re.compile(r"mapping values|block mapping|block collection|indicator|<block|scalar|expected key")


def _check(invoke: Invoke, path: Path, *args: str) -> str:
    result = invoke("validate", path, *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


SLIPS = [
    (
        "colon-in-note",
        HEAD + "    responds_to:\n      - ask: minimum-standards\n        stance: partly\n"
        "        note: Our view: children need more than this\n",
        "10:15: the text after 'note:' contains ': ' (a colon and a space), which YAML reads as the start of"
        ' another key; put the whole text in double quotes: note: "Our view: children need more than this"',
    ),
    (
        "apostrophe-in-single-quotes",
        "document:\n  title: 'Children's plans'\n  kind: white-paper\nproposals: []\n",
        "2:3: the text after 'title:' starts with a ' and has another ' inside it, where YAML thinks the text"
        ' ends; put the text in double quotes instead: title: "Children\'s plans"',
    ),
    (
        "list-item-out-of-step",
        HEAD + "    responds_to:\n      - ask: minimum-standards\n        stance: partly\n"
        "     - ask: person-centred\n        stance: agree\n",
        "10:6: this line starts 1 column left of '- ask: minimum-standards' on line 8, which it belongs with:"
        " YAML tells what belongs together by where lines start; add 1 space before '- ' so the two line up",
    ),
    (
        "proposal-out-of-step",
        HEAD + '   - id: "2"\n    title: More\n',
        "7:4: this line starts 1 column right of '- id: \"1\"' on line 5, which it belongs with: YAML tells"
        " what belongs together by where lines start; delete 1 space before '- ' so the two line up",
    ),
    (
        "key-out-of-step",
        HEAD + "   summary: Text.\n",
        "7:4: this line starts 1 column left of 'title: Plans' on line 6, which it belongs with: YAML tells"
        " what belongs together by where lines start; add 1 space before 'summary:' so the two line up",
    ),
]


@pytest.mark.parametrize(("text", "message"), [s[1:] for s in SLIPS], ids=[s[0] for s in SLIPS])
def test_each_slip_is_explained_with_its_fix(invoke: Invoke, write: Write, text: str, message: str) -> None:
    path = write("paper.yaml", text)
    said = _check(invoke, path)
    assert said == f"{path}:{message}\n"
    assert not JARGON.search(said)


def test_uncommenting_by_deleting_only_the_hash(invoke: Invoke, write: Write, tmp_path: Path) -> None:
    notes = write("notes.txt", "1. Individual Support Plans\nA plan for every child with SEND.\n")
    path = tmp_path / "paper.yaml"
    assert invoke("init", path, "--title", "A White Paper", "--from", notes).exit_code == 0
    drafted = path.read_text(encoding="utf-8")
    assert "    # responds_to:\n" in drafted
    # What a person does in an editor: delete each '#' of the block, and only the '#'.
    slipped = re.sub(r"(?m)^    #( responds_to:|   - ask:|     stance:)", r"    \1", drafted)
    path.write_text(slipped.replace("stance: todo", "stance: agree"), encoding="utf-8")
    said = _check(invoke, path)
    line = slipped.splitlines().index("     responds_to:") + 1
    assert said.startswith(f"{path}:{line}:6: this line starts 1 column right of 'summary: ")
    assert said.endswith(
        "delete 1 space before 'responds_to:' so the two line up. If you uncommented these lines, delete the"
        " space after each '#' as well as the '#', so every line keeps its place\n"
    )
    assert not JARGON.search(said)


def test_the_parsers_own_words_only_with_debug(invoke: Invoke, write: Write) -> None:
    path = write("paper.yaml", SLIPS[0][1])
    assert "the YAML parser said" not in _check(invoke, path)
    result = invoke("--debug", "validate", path)
    assert result.exit_code == 2
    assert "(the YAML parser said: mapping values are not allowed" in result.stderr


def test_anything_else_gets_plain_general_advice(invoke: Invoke, write: Write) -> None:
    path = write("paper.yaml", "document:\n  title: A paper\n      kind: white-paper\nproposals: []\n")
    said = _check(invoke, path)
    assert said == (
        f"{path}:3:11: YAML cannot read this line: check that lines that belong together start in the same"
        " column, and put any text with a ':', '#' or quote mark in it in double quotes\n"
    )


def test_a_key_between_two_levels_is_offered_both(invoke: Invoke, write: Write) -> None:
    path = write("paper.yaml", "document:\n  title: A paper\n  kind: white-paper\n proposals: []\n")
    assert _check(invoke, path) == (
        f"{path}:4:2: this line starts 1 column left of 'kind: white-paper' on line 3, which it belongs with:"
        " YAML tells what belongs together by where lines start; add 1 space before 'proposals:' so the two"
        " line up; or, if it belongs with 'document:' on line 1, delete 1 space\n"
    )
