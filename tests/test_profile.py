"""The forum's profile (`forum.yaml`): who the forum is, read by statement, compare, init and assess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sendreview.api import load_profile
from tests.conftest import GREEN_PAPER, Invoke

PROFILE = """\
name: Anytown Parent Carer Forum
short_name: Anytown PCF
region: South West
website: https://anytown-pcf.example
contact: hello@anytown-pcf.example
asks: [local-asks.yaml]
intro: We are 400 parent carers of children with SEND in Anytown.
next_steps: We will meet the council's SEND team in April and report back to our members.
"""
LOCAL_ASKS = """\
groups:
  - {id: anytown, title: Anytown asks}
asks:
  - {id: short-breaks, group: anytown, title: Short breaks in every school holiday}
"""


@pytest.fixture
def forum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A forum's folder, with its profile and own asks, as the current folder."""
    (tmp_path / "forum.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "local-asks.yaml").write_text(LOCAL_ASKS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_forum_yaml_feeds_the_statement_with_no_options(invoke: Invoke, forum: Path) -> None:
    result = invoke("statement", GREEN_PAPER, "--today", "2026-11-28")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Anytown Parent Carer Forum: our statement on the Green Paper\n")
    who = text.split("## Who we are\n\n")[1].split("\n")[0]
    assert who.endswith("asked for. We are 400 parent carers of children with SEND in Anytown.")
    assert "**Anytown asks**\n\n- Short breaks in every school holiday" in text
    after = text.split("## What happens next\n\n")[1]
    assert after.startswith("We will meet the council's SEND team in April and report back to our members.\n")


def test_explicit_options_win_over_the_profile(invoke: Invoke, forum: Path) -> None:
    result = invoke("statement", GREEN_PAPER, "--org", "Othertown Forum", "--asks", forum / "other.yaml")
    assert result.exit_code == 2  # the --asks file named is read, not the profile's
    assert "other.yaml: no such file" in result.stderr
    result = invoke("statement", GREEN_PAPER, "--org", "Othertown Forum")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Othertown Forum: our statement on the Green Paper\n")


def test_compare_reads_the_profiles_asks(invoke: Invoke, forum: Path) -> None:
    result = invoke("compare", GREEN_PAPER, "-f", "json")
    assert result.exit_code == 0, result.output
    assert "short-breaks" in {ask["id"] for ask in json.loads(result.stdout)["asks"]}


def test_a_profile_elsewhere_finds_its_asks_beside_it(
    invoke: Invoke, forum: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    loaded = load_profile(forum / "forum.yaml")
    assert loaded is not None and loaded.asks == (forum / "local-asks.yaml",)
    result = invoke("compare", GREEN_PAPER, "-f", "json", "--profile", forum / "forum.yaml")
    assert result.exit_code == 0, result.output
    assert load_profile() is None  # no forum.yaml here


def test_profile_problems_are_reported_at_their_place(invoke: Invoke, forum: Path) -> None:
    (forum / "forum.yaml").write_text(
        "name: Anytown PCF\nregion: South-West\nwebsite: x\nintr: Hello\n", encoding="utf-8"
    )
    result = invoke("statement", GREEN_PAPER)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "forum.yaml:2:9: 'South-West' is not a valid region: use 'North East', 'North West', 'Yorkshire and the"
        " Humber', 'East Midlands', 'West Midlands', 'East of England', 'London', 'South East' or 'South West'"
        " (did you mean 'South West'?)",
        "forum.yaml:4:1: unknown field 'intr' (did you mean 'intro'?)",
    ]
    result = invoke("validate", "forum.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("forum.yaml:2:9: 'South-West' is not a valid region")


def test_validate_knows_a_profile(invoke: Invoke, forum: Path) -> None:
    result = invoke("validate", "forum.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "forum.yaml: ok (Profile)\n"


ANSWERS = "\n".join(
    [
        "Anytown Parent Carer Forum",
        "Anytown PCF",
        "9",
        "https://anytown-pcf.example",
        "",
        "local-asks.yaml",
        "We are parent carers in Anytown.",
        "We will tell our members what we hear.",
    ]
)


def test_profile_init_asks_and_writes_a_profile(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from sendreview.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "local-asks.yaml").write_text(LOCAL_ASKS, encoding="utf-8")
    result = CliRunner().invoke(app, ["profile", "init"], input=ANSWERS + "\n")
    assert result.exit_code == 0, result.output
    assert "Your region, by number or name, or an empty line: 1 North East, 2 North West," in result.stdout
    assert result.stderr == f"Wrote forum.yaml ({(tmp_path / 'forum.yaml').stat().st_size:,} bytes)\n"
    loaded = load_profile()
    assert loaded is not None
    profile = loaded.profile
    assert (profile.name, profile.short_name, profile.region, profile.contact) == (
        "Anytown Parent Carer Forum",
        "Anytown PCF",
        "South West",
        "",
    )
    assert profile.asks == ("local-asks.yaml",)
    assert profile.next_steps == "We will tell our members what we hear."
    assert invoke("validate", "forum.yaml").exit_code == 0
    again = CliRunner().invoke(app, ["profile", "init"], input=ANSWERS)
    assert again.exit_code == 2
    assert again.stderr == "forum.yaml: already exists; use --force to replace it, or edit it\n"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("", "profile init: the input ended before the forum's name was given"),
        ("\n", "profile init: answer 1 (name): the name is needed: statements say who they are from"),
        (
            "Anytown PCF\n\nSouth-West\n",
            "profile init: answer 3 (region): 'South-West' is not one of the nine regions (did you mean 'South West'?)",
        ),
        ("Anytown PCF\n\n10\n", "profile init: answer 3 (region): '10' is not one of the nine regions"),
    ],
)
def test_profile_init_refuses_a_wrong_answer_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: str, message: str
) -> None:
    from typer.testing import CliRunner

    from sendreview.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["profile", "init"], input=answers)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert list(tmp_path.iterdir()) == []


def test_a_short_answer_list_keeps_what_was_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from sendreview.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["profile", "init", "mine.yaml"], input="Anytown PCF\n")
    assert result.exit_code == 0, result.output
    loaded = load_profile(tmp_path / "mine.yaml")
    assert loaded is not None and loaded.profile.name == "Anytown PCF" and loaded.profile.region is None


def test_forum_yaml_says_who_a_response_is_from(invoke: Invoke, forum: Path) -> None:
    result = invoke("respond", GREEN_PAPER, "--question", "5")
    assert result.exit_code == 0, result.output
    assert "Anytown Parent Carer Forum" in result.stdout
