"""Help a volunteer can read at 80 columns, days written the British way, the guides on hand, and only
the command that runs is built."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from sendreview import cli
from sendreview.cli import COMMANDS, app
from tests.conftest import GREEN_PAPER, ORG, ROOT, Invoke


def _help(*path: str, columns: int = 80) -> str:
    """The help as a user's terminal of this width shows it (a real process: the width is read at start)."""
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "dumb"}
    done = subprocess.run(
        [sys.executable, "-m", "sendreview", *path, "--help"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _every_command() -> list[list[str]]:
    group = typer.main.get_command(app)
    found: list[list[str]] = []
    for name in COMMANDS:
        found.append([name])
        sub = group.commands[name]  # type: ignore[attr-defined]
        found += [[name, inner] for inner in getattr(sub, "commands", {})]
    return found


def test_the_command_list_is_the_registered_commands() -> None:
    registered = {typer.main.get_command_name(c.callback.__name__) for c in cli.registry.registered_commands}
    registered |= {g.typer_instance.info.name for g in cli.registry.registered_groups}
    assert set(COMMANDS) == registered


@pytest.mark.parametrize("name", COMMANDS)
def test_each_listed_sentence_is_the_commands_own_first_paragraph(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    own = inspect.cleandoc(command.help).split("\n\n")[0]
    assert " ".join(own.split()) == COMMANDS[name]
    assert COMMANDS[name].endswith(".") and COMMANDS[name].count(". ") == 0  # one whole sentence


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_main_help_lists_every_command_whole(columns: int) -> None:
    shown = _help(columns=columns)
    assert "..." not in shown
    flat = " ".join(shown.split())
    for name, sentence in COMMANDS.items():
        assert f"{name} {sentence}" in flat
    assert max(len(line) for line in shown.splitlines()) <= columns


@pytest.mark.parametrize("path", _every_command(), ids=" ".join)
def test_every_help_reads_in_words_at_80_columns(path: list[str]) -> None:
    shown = _help(*path)
    for bad in ("...", "<list[", "<str>", "<path>", "<int>", "<float>", "{", "docs/"):
        assert bad not in shown, (bad, shown)
    assert max(len(line) for line in shown.splitlines()) <= 80, shown
    assert "Example:" in shown


def test_metavars_say_what_to_give() -> None:
    shown = _help("statement")
    assert "sendreview statement [OPTIONS] FILE\n" in shown
    for option in ("-o, --output FILE", "--org NAME", "--today DAY", "--asks FILE", "--fail-on red-line|opposed"):
        assert option in shown
    assert "sendreview diff [OPTIONS] FILE…\n" in _help("diff")


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--today", "31/01/2026", "--since", "01/03/2022", "--until", "31/12/2023"],
        ["timeline", "next", "--today", "01/04/2022"],
    ],
)
def test_days_may_be_written_day_first(invoke: Invoke, args: list[str]) -> None:
    iso = [_iso(a) for a in args]
    british = invoke(*args, "-f", "json")
    assert british.exit_code == 0, british.output
    assert json.loads(british.stdout) == json.loads(invoke(*iso, "-f", "json").stdout)


def test_statement_and_respond_take_a_day_first_today(invoke: Invoke, tmp_path: Path) -> None:
    for command in ("statement", "respond"):
        british = invoke(command, GREEN_PAPER, "--org", ORG, "--today", "01/05/2022")
        iso = invoke(command, GREEN_PAPER, "--org", ORG, "--today", "2022-05-01")
        assert british.exit_code == 0, british.output
        assert british.stdout == iso.stdout


def test_a_day_that_is_not_one_is_refused_in_both_spellings(invoke: Invoke) -> None:
    result = invoke("timeline", "next", "--today", "2026")
    assert result.exit_code == 2
    assert "--today: give a day, like 31/01/2026 or 2026-01-31, not '2026'" in result.stderr
    result = invoke("timeline", "next", "--today", "31/02/2026")
    assert result.exit_code == 2 and result.stderr.startswith("--today:")


def _iso(value: str) -> str:
    parts = value.split("/")
    return f"{parts[2]}-{parts[1]}-{parts[0]}" if len(parts) == 3 else value


@pytest.mark.parametrize("guide", ["formats", "templates", "json"])
def test_the_guides_ship_with_the_program(invoke: Invoke, guide: str) -> None:
    result = invoke("docs", guide)
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "docs" / f"{guide}.md").read_text(encoding="utf-8")


def test_an_unknown_guide_says_which_there_are(invoke: Invoke) -> None:
    result = invoke("docs", "format")
    assert result.exit_code == 2
    assert "formats" in result.output and "Traceback" not in result.output


def test_the_wheel_carries_the_guides() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for guide in ("formats", "templates", "json"):
        assert f'"docs/{guide}.md" = "sendreview/docs/{guide}.md"' in text


def test_only_the_command_that_runs_is_built(capsys: pytest.CaptureFixture[str]) -> None:
    group: Any = typer.main.get_command(app)
    with pytest.raises(SystemExit):
        group.main(["--help"], prog_name="sendreview")
    assert group.commands._built == {}
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        group.main(["asks", "-f", "json"], prog_name="sendreview")
    assert done.value.code == 0
    assert list(group.commands._built) == ["asks"]
    assert json.loads(capsys.readouterr().out)["groups"]


# --- 80 columns: ids whole ---------------------------------------------------------------------

WIDE_OUTPUTS = {
    "compare": ["compare", str(GREEN_PAPER)],
    "asks": ["asks"],
    "timeline": ["timeline"],
    "diff": ["diff", str(GREEN_PAPER), str(ROOT / "examples" / "improvement-plan-2023.yaml")],
    "suggest": ["suggest", str(ROOT / "examples" / "white-paper-2026.yaml"), "--all"],
}


def _ids(args: list[str]) -> set[str]:
    """The ids a user may have to type that this output names: asks, lens points, milestones, proposals."""
    from sendreview.api import load_catalogue, load_timeline

    catalogue = load_catalogue()
    found = {ask.id for ask in catalogue.asks}
    return found | {entry.id for entry in load_timeline().entries} if args[0] == "timeline" else found


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("name", WIDE_OUTPUTS)
def test_ids_are_never_cut_at_any_width(name: str, columns: int) -> None:
    args = WIDE_OUTPUTS[name]
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "dumb"}
    done = subprocess.run([sys.executable, "-m", "sendreview", *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    for line in lines:  # a table row is whole: it ends with its right border (asks is a tree, not a table)
        if line.startswith(("│ ", "┃")) and name != "asks":
            assert line.rstrip().endswith(("│", "┃")), line
    words = {word.strip("(),;:.") for word in done.stdout.split()}
    cut = [word for word in words if word.endswith("…") and len(word) > 1]
    assert cut == [], cut  # "…" alone is the mark of an expected milestone
    if name in ("compare", "asks", "diff"):
        shown = _ids(args) & words
        assert "coproduction-not-confrontation" in shown or name == "diff"
        assert shown
