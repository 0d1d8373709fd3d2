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
