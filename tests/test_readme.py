"""The README's examples are real: each `console` block is run and its output compared."""

from __future__ import annotations

import re
import shlex

import pytest

from tests.conftest import ROOT, Invoke

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```console\n\$ (sendreview [^\n]*)\n(.*?)```", README, re.DOTALL)


def test_readme_has_examples() -> None:
    assert len(BLOCKS) >= 5


def test_readme_has_the_two_setup_commands() -> None:
    assert "pip install . && sendreview compare examples/green-paper-2022.yaml" in README
    assert "pip install -e '.[test]' && pytest" in README


@pytest.mark.parametrize(("command", "expected"), BLOCKS, ids=[c for c, _ in BLOCKS])
def test_readme_example_output(invoke: Invoke, monkeypatch: pytest.MonkeyPatch, command: str, expected: str) -> None:
    monkeypatch.chdir(ROOT)
    command, _, head = command.partition(" | head -")
    result = invoke(*shlex.split(command)[1:])
    assert result.exit_code in (0, 1, 2)
    output = "".join(result.output.splitlines(keepends=True)[: int(head)]) if head else result.output
    assert output == expected, f"README output for `{command}` is out of date"
