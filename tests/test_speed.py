"""Start-up stays at the floor: the CLI loads heavy libraries only in the commands that use them.
Timings themselves are benchmarks (benchmarks/run.py), not tests; here we check the script runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HEAVY = (
    "jinja2",
    "docx",
    "icalendar",
    "Stemmer",
    "pydantic.main",
    "rich",
    "sendreview.models.document",
    "pypdf",
    "ruamel.yaml",
)


def loaded_after(code: str, modules: tuple[str, ...] = HEAVY) -> list[str]:
    """Which of `modules` (the heavy ones by default) are in sys.modules after running `code` in a fresh
    interpreter."""
    probe = f"import sys\n{code}\nprint('LOADED', *sorted(m for m in {modules!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return done.stdout.splitlines()[-1].split()[1:]


def ran(args: list[str]) -> str:
    """Code that runs a command as the program would and fails unless it succeeds (exit 0, or 1 for a
    `--fail-on` check): a command that stopped early would load less and prove nothing."""
    return (
        f"from sendreview.cli import app\ntry:\n    app({args!r})\nexcept SystemExit as stop:\n"
        "    assert stop.code in (0, 1, None), f'exit {stop.code}'"
    )


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert loaded_after("import sendreview.cli") == []


def test_help_loads_no_heavy_library() -> None:
    code = "from sendreview.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass"
    assert loaded_after(code) == []


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (["asks", "--format", "json"], ["jinja2", "docx", "icalendar", "Stemmer", "rich"]),
        (
            ["compare", "examples/green-paper-2022.yaml", "--format", "json"],
            ["jinja2", "docx", "icalendar", "rich", "pypdf", "ruamel.yaml"],
        ),
        (
            ["statement", "examples/green-paper-2022.yaml", "--org", "A Forum", "--format", "txt"],
            ["docx", "icalendar", "pypdf", "ruamel.yaml"],
        ),
        (["timeline", "--format", "json"], ["jinja2", "docx", "icalendar", "Stemmer"]),
        (
            ["respond", "examples/green-paper-2022.yaml", "--org", "A Forum", "--format", "json"],
            ["jinja2", "docx", "icalendar", "Stemmer", "rich"],
        ),
        (
            ["aggregate", "examples/network/forums", "--format", "json"],
            ["jinja2", "docx", "icalendar", "Stemmer", "rich"],
        ),
        (
            ["evidence", "examples/network/survey.csv", "--map", "examples/network/survey.yaml", "--format", "json"],
            ["jinja2", "docx", "icalendar", "Stemmer", "rich"],
        ),
        (["docs", "formats"], [m for m in HEAVY if m != "pydantic.main"]),  # typer checks options with pydantic
        (
            ["validate", "examples/green-paper-2022.yaml"],
            ["jinja2", "docx", "icalendar", "Stemmer", "rich", "pypdf", "ruamel.yaml"],
        ),
        (
            ["diff", "examples/green-paper-2022.yaml", "examples/improvement-plan-2023.yaml", "--format", "json"],
            ["jinja2", "docx", "icalendar", "rich", "pypdf", "ruamel.yaml"],
        ),
        (
            ["suggest", "examples/green-paper-2022.yaml", "--format", "json"],
            ["jinja2", "docx", "icalendar", "rich", "pypdf", "ruamel.yaml"],
        ),
        (["schema", "compare"], ["jinja2", "docx", "icalendar", "Stemmer", "rich", "pypdf", "ruamel.yaml"]),
    ],
)
def test_commands_load_only_what_they_use(args: list[str], absent: list[str]) -> None:
    code = ran(args)
    loaded = loaded_after(code)
    assert [m for m in absent if m in loaded] == []


@pytest.mark.parametrize(
    "args",
    [["asks", "--format", "markdown"], ["suggest", "examples/green-paper-2022.yaml", "--format", "json"]],
)
def test_commands_that_compare_nothing_load_no_comparison_models(args: list[str]) -> None:
    code = ran(args)
    assert loaded_after(code, ("sendreview.analysis.compare", "sendreview.analysis.statement")) == []


@pytest.mark.slow
def test_benchmark_script_runs_on_a_tiny_size() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--quick"], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "Start-up: median of 2 runs" in done.stdout
    assert "compare --format json" in done.stdout


@pytest.mark.slow
def test_network_benchmark_script_runs_on_a_tiny_size() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/network.py", "--quick"], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "aggregate --by region --format html" in done.stdout
    assert "evidence --format json" in done.stdout


def test_a_statement_without_figures_loads_no_survey_or_network_analysis() -> None:
    args = ["statement", "examples/green-paper-2022.yaml", "--org", "A Forum", "--format", "md"]
    code = ran(args)
    modules = ("sendreview.analysis.figures", "sendreview.analysis.evidence", "sendreview.analysis.network")
    assert loaded_after(code, modules) == []


@pytest.mark.parametrize(
    "args",
    [
        ["asks"],
        ["timeline"],
        ["compare", "examples/green-paper-2022.yaml"],
        ["diff", "examples/green-paper-2022.yaml", "examples/improvement-plan-2023.yaml"],
    ],
)
def test_tables_load_no_emoji_names(args: list[str]) -> None:
    """The screen's tables turn no ":name:" into a picture, so rich's table of names is never loaded."""
    code = ran(args)
    assert loaded_after(code, ("rich.console", "rich._emoji_codes")) == ["rich.console"]


@pytest.mark.parametrize(
    ("args", "models"),
    [
        (["asks"], ["analysis.catalogue:CatalogueView", "analysis.catalogue:AskView", "analysis.catalogue:LensView"]),
        (
            ["timeline"],
            ["analysis.timeline:TimelineView", "analysis.timeline:TimelineEntry", "analysis.projection:Projection"],
        ),
        (["timeline", "next"], ["analysis.timeline:NextView", "analysis.timeline:Upcoming"]),
        (
            ["compare", "examples/green-paper-2022.yaml"],
            ["analysis.compare:Comparison", "analysis.compare:AskResult", "analysis.suggest:ProposalSuggestions"],
        ),
    ],
)
def test_tables_build_no_result_validators(args: list[str], models: list[str]) -> None:
    """A table reads the results the analysis made; pydantic builds their validators only for JSON."""
    names = [name.split(":") for name in models]
    code = (
        "import importlib\nfrom sendreview.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        f"built = [f'{{m}}:{{c}}' for m, c in {names!r}"
        " if getattr(importlib.import_module('sendreview.' + m), c).__pydantic_complete__]\n"
        "print('BUILT', *built)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.splitlines()[-1].split()[1:] == []


def test_json_output_builds_the_result_models() -> None:
    code = (
        "from sendreview.cli import app\nfrom sendreview.analysis.catalogue import CatalogueView\n"
        "try:\n    app(['asks', '--format', 'json'])\nexcept SystemExit:\n    pass\n"
        "print('BUILT', CatalogueView.__pydantic_complete__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.splitlines()[-1] == "BUILT True"


@pytest.mark.parametrize("args", [["asks"], ["asks", "--format", "json"]])
def test_asks_loads_no_checks_and_no_document_model(args: list[str]) -> None:
    """The bundled asks, once checked, come from the cache: nothing to check, and no document to read."""
    code = ran(args)
    modules = ("sendreview.checks", "sendreview.models.document")
    loaded_after(code, modules)  # the first run checks the bundled asks and keeps them in the cache
    assert loaded_after(code, modules) == []


def test_a_run_as_a_process_ends_with_its_output_whole_and_its_exit_code(tmp_path: Path) -> None:
    """The program leaves its objects to the operating system at exit (`cli.main`): every byte is
    still written, to a pipe and to a file, and --fail-on still decides the exit code."""
    import json

    base = [sys.executable, "-m", "sendreview", "compare", "examples/green-paper-2022.yaml"]
    piped = subprocess.run([*base, "--format", "json", "--fail-on", "red-line"], capture_output=True, cwd=ROOT)
    assert piped.returncode == 1
    assert json.loads(piped.stdout)["summary"]["red_line_breaches"] > 0
    assert b"check failed: red-line" in piped.stderr
    out = tmp_path / "report.md"
    written = subprocess.run([*base, "-o", str(out)], capture_output=True, cwd=ROOT)
    assert written.returncode == 0, written.stderr
    assert out.read_bytes().endswith(b"\n") and f"({out.stat().st_size:,} bytes)".encode() in written.stderr


def test_init_from_a_list_loads_no_reader_of_other_formats(tmp_path: Path) -> None:
    """Drafting from a plain list of proposals needs neither the PDF nor the Word reader."""
    paper = tmp_path / "paper.txt"
    paper.write_text("1. Set national standards for SEND.\n2. Fund local inclusion plans.\n", encoding="utf-8")
    args = ["init", str(tmp_path / "new.yaml"), "--from", str(paper), "--title", "A paper", "--kind", "green-paper"]
    loaded = loaded_after(ran(args))
    assert [m for m in ("docx", "pypdf", "jinja2", "icalendar", "rich") if m in loaded] == []
    assert "Set national standards" in (tmp_path / "new.yaml").read_text(encoding="utf-8")
