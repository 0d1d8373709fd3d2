"""The README's examples are real: each `console` block is run and its output compared."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sendreview.cli import app
from tests.conftest import ROOT, Invoke

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONSOLE = re.compile(r"```console\n\$ (sendreview [^\n]*)\n(.*?)```", re.DOTALL)
# "Your first statement" writes files: its steps run in order, in a folder of their own.


def _section(text: str, heading: str) -> str:
    """The text under a `## ` heading, up to the next one outside a code block."""
    lines, inside, fenced = [], False, False
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            if inside:
                break
            inside = line.strip() == f"## {heading}"
        elif inside:
            lines.append(line)
    return "".join(lines)


WALKTHROUGH = CONSOLE.findall(_section(README, "Your first statement"))
BLOCKS = [block for block in CONSOLE.findall(README) if block not in WALKTHROUGH]


def test_readme_has_examples() -> None:
    assert len(BLOCKS) >= 5
    assert [command.split()[1] for command, _ in WALKTHROUGH] == ["profile", "init", "assess", "statement"]


def test_readme_has_the_two_setup_commands() -> None:
    assert "pip install . && sendreview compare examples/green-paper-2022.yaml" in README
    assert "pip install -e '.[test]' && pytest" in README


@pytest.mark.parametrize(("command", "expected"), BLOCKS, ids=[c for c, _ in BLOCKS])
def test_readme_example_output(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, command: str, expected: str
) -> None:
    monkeypatch.chdir(ROOT)
    run, _, head = command.partition(" | head -")
    result = invoke(*shlex.split(run)[1:])
    assert result.exit_code in (0, 1, 2)
    output = "".join(result.output.splitlines(keepends=True)[: int(head)]) if head else result.output
    if request.config.getoption("--update-golden") and output != expected:
        # Rewrite this block with the real output, as for the golden files.
        path = ROOT / "README.md"
        text = path.read_text(encoding="utf-8")
        block = f"```console\n$ {command}\n{expected}```"
        path.write_text(text.replace(block, f"```console\n$ {command}\n{output}```", 1), encoding="utf-8")
        return
    assert output == expected, f"README output for `{run}` is out of date (pytest --update-golden rewrites it)"


def test_readme_walkthrough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Each step of "Your first statement" as a person would run it: in a new folder, one after another,
    with answers read from standard input (`< FILE`)."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    update = request.config.getoption("--update-golden")
    text = README
    for command, expected in WALKTHROUGH:
        run, _, head = command.partition(" | head -")
        run, _, answers = run.partition(" < ")
        given = (tmp_path / answers).read_text(encoding="utf-8") if answers else None
        env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "SENDREVIEW_DEBUG": None}
        result = CliRunner().invoke(app, shlex.split(run)[1:], input=given, env=env)
        assert result.exit_code == 0, result.output
        output = "".join(result.output.splitlines(keepends=True)[: int(head)]) if head else result.output
        if update and output != expected:
            block = f"```console\n$ {command}\n{expected}```"
            text = text.replace(block, f"```console\n$ {command}\n{output}```", 1)
            continue
        assert output == expected, f"README output for `{command}` is out of date (pytest --update-golden rewrites it)"
    if update and text != README:
        (ROOT / "README.md").write_text(text, encoding="utf-8")
