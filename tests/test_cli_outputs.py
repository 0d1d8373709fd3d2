"""Every command with -o writes what its file's ending says, refuses what it cannot write, and says
what it wrote; the formats it offers are exactly its table's."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GREEN_PAPER, ORG, Invoke

NETWORK = EXAMPLES / "network"
LATER = EXAMPLES / "improvement-plan-2023.yaml"

# Each command with -o: how to run it, an ending it writes and how to tell that the file holds that format.
COMMANDS: dict[str, tuple[list[str | Path], str]] = {
    "asks": (["asks"], ".json"),
    "timeline": (["timeline"], ".svg"),
    "timeline next": (["timeline", "next", "--today", "2022-04-01"], ".md"),
    "compare": (["compare", GREEN_PAPER], ".csv"),
    "statement": (["statement", GREEN_PAPER, "--org", ORG], ".docx"),
    "respond": (["respond", GREEN_PAPER, "--org", ORG], ".json"),
    "diff": (["diff", GREEN_PAPER, LATER], ".md"),
    "suggest": (["suggest", GREEN_PAPER, "--all"], ".yaml"),
    "aggregate": (["aggregate", NETWORK / "forums"], ".html"),
    "evidence": (["evidence", NETWORK / "survey.csv", "--map", NETWORK / "survey.yaml"], ".csv"),
}


def _looks_like(path: Path, ending: str) -> bool:
    data = path.read_bytes()
    if ending == ".json":
        return isinstance(json.loads(data), (dict, list))
    if ending == ".docx":
        return zipfile.is_zipfile(path) and "word/document.xml" in zipfile.ZipFile(path).namelist()
    text = data.decode("utf-8")
    return {
        ".svg": text.startswith("<svg"),
        ".md": text.startswith("#"),
        ".csv": "," in text.splitlines()[0],
        ".yaml": "proposals" in text or "links" in text,
        ".html": text.lstrip().lower().startswith("<!doctype html>"),
    }[ending]


@pytest.mark.parametrize("name", COMMANDS)
def test_the_ending_chooses_the_format_and_the_write_is_said(invoke: Invoke, tmp_path: Path, name: str) -> None:
    args, ending = COMMANDS[name]
    target = tmp_path / f"out{ending}"
    result = invoke(*args, "-o", target)
    assert result.exit_code in (0, 1), result.output  # 1: a --fail-on is not given, but a paper may still warn
    assert result.exit_code == 0, result.stderr
    assert _looks_like(target, ending)
    assert f"Wrote {target} ({target.stat().st_size:,} bytes)\n" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", COMMANDS)
def test_an_ending_it_cannot_write_is_refused_with_the_list(invoke: Invoke, tmp_path: Path, name: str) -> None:
    args, _ = COMMANDS[name]
    target = tmp_path / "out.pdf"
    result = invoke(*args, "-o", target)
    assert result.exit_code == 2
    assert f"{target}: {name} cannot write a .pdf file; it writes files ending ." in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", COMMANDS)
def test_a_format_that_contradicts_the_ending_is_refused(invoke: Invoke, tmp_path: Path, name: str) -> None:
    args, ending = COMMANDS[name]
    target = tmp_path / f"out{ending}"
    other = (
        "html" if name == "statement" else "json" if ending != ".json" else "md" if name == "respond" else "markdown"
    )
    result = invoke(*args, "--format", other, "-o", target)
    assert result.exit_code == 2
    assert f"{target}: --format {other} does not match the ending {ending}" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("name", [n for n in COMMANDS if n not in ("statement", "respond")])
def test_a_table_is_never_written_to_a_file(invoke: Invoke, tmp_path: Path, name: str) -> None:
    args, ending = COMMANDS[name]
    target = tmp_path / f"out{ending}"
    result = invoke(*args, "--format", "table", "-o", target)
    assert result.exit_code == 2
    assert "--format table is a table for the screen" in result.stderr
    assert not target.exists()


def test_a_file_with_no_ending_needs_a_format(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "statement"
    result = invoke("statement", GREEN_PAPER, "--org", ORG, "-o", target)
    assert result.exit_code == 2
    assert "statement cannot write a file with no ending; it writes files ending .md, .html, .txt, .docx" in (
        result.stderr
    )
    assert not target.exists()
    assert invoke("statement", GREEN_PAPER, "--org", ORG, "-f", "txt", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8").splitlines()[1].startswith("====")  # the text format, as asked


def test_each_format_choice_is_in_the_commands_table() -> None:
    """The --format choices and the output tables must not drift apart."""
    from sendreview import cli

    pairs = [
        (cli.ListFormat, cli.ASKS_OUTPUTS),
        (cli.ListFormat, cli.DIFF_OUTPUTS),
        (cli.ListFormat, cli.NEXT_OUTPUTS),
        (cli.TimelineFormat, cli.TIMELINE_OUTPUTS),
        (cli.CompareFormat, cli.COMPARE_OUTPUTS),
        (cli.CompareFormat, cli.EVIDENCE_OUTPUTS),
        (cli.StatementFormat, cli.STATEMENT_OUTPUTS),
        (cli.RespondFormat, cli.RESPOND_OUTPUTS),
        (cli.SuggestFormat, cli.SUGGEST_OUTPUTS),
        (cli.AggregateFormat, cli.AGGREGATE_OUTPUTS),
    ]
    for choices, outputs in pairs:
        assert sorted(c.value for c in choices) == sorted(outputs.formats), outputs.command
