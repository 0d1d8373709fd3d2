"""Shared fixtures: a CLI runner with a pinned terminal width, and paths to the examples."""

from __future__ import annotations

import os
import signal
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sendreview.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GREEN_PAPER = EXAMPLES / "green-paper-2022.yaml"
ORG = "Anytown Parent Carer Forum"
"""Who statements in the tests speak for."""

Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    """Run the CLI as a user would see it: 100 columns, no colour."""
    runner = CliRunner()

    def run(*args: str | Path) -> Result:
        env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "SENDREVIEW_DEBUG": None}
        return runner.invoke(app, [str(a) for a in args], env=env)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a YAML file (dedented) into the test's folder and return its path."""

    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write_file


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with a golden file under tests/golden/ (rewritten only with --update-golden)."""

    def check(name: str, text: str) -> None:
        path = Path(__file__).parent / "golden" / name
        if request.config.getoption("--update-golden"):
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"no golden file {path}: run pytest --update-golden"
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path}"

    return check


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The checked bundled data is cached in a folder of the test run's own, never the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


def ctrl_c_as_usual() -> None:
    """For `Popen(preexec_fn=...)`: a child that is sent SIGINT gets Ctrl+C as usual, even when
    the tests run in the background (a shell's `&` starts them with SIGINT ignored, and Python
    keeps it ignored, so the signal would do nothing)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
