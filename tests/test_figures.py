"""Figures in the statement: `--evidence` and `--network` sentences, where they go and how they are worded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sendreview.in_words import count_of, percent, percent_range
from tests.conftest import GREEN_PAPER, ROOT, Invoke

NETWORK = ROOT / "examples" / "network"
ORG = "Synthetic Forum 01"


@pytest.mark.parametrize(
    ("share", "words"),
    [
        (0, "0 %"),
        (0.004, "less than 1 %"),
        (0.005, "1 %"),
        (0.825, "83 %"),
        (0.8249, "82 %"),
        (0.994, "99 %"),
        (0.996, "more than 99 %"),
        (1, "100 %"),
    ],
)
def test_the_share_wording_rule(share: float, words: str) -> None:
    assert percent(share) == words


def test_intervals_and_counts_in_words() -> None:
    assert percent_range(0.7951, 0.8449) == "80\u201384 %"
    assert count_of(96, 120, "forums") == "96 of 120 forums (80 %)"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from typer.testing import CliRunner

    from sendreview.cli import app

    folder = tmp_path_factory.mktemp("figures")
    runner = CliRunner()
    made = {"evidence": folder / "evidence.json", "network": folder / "network.json"}
    args = [
        ["evidence", str(NETWORK / "survey.csv"), "--map", str(NETWORK / "survey.yaml"), "-f", "json"],
        ["aggregate", str(NETWORK / "forums"), "-f", "json"],
    ]
    for (_, path), command in zip(made.items(), args, strict=True):
        result = runner.invoke(app, [*command, "-o", str(path)])
        assert result.exit_code == 0, result.output
    return made


def _statement(invoke: Invoke, outputs: dict[str, Path], *args: str | Path) -> str:
    result = invoke(
        "statement", GREEN_PAPER, "--org", ORG, "--today", "2026-11-28",
        "--evidence", outputs["evidence"], "--network", outputs["network"], *args,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout


def test_sentences_sit_under_their_proposals(invoke: Invoke, outputs: dict[str, Path]) -> None:
    evidence = json.loads(outputs["evidence"].read_text(encoding="utf-8"))
    network = json.loads(outputs["network"].read_text(encoding="utf-8"))
    text = _statement(invoke, outputs)
    agree = text.split("## What we agree with")[1].split("## Where it does not go far enough")[0]
    partly = text.split("## Where it does not go far enough")[1].split("## What we disagree with")[0]
    disagree = text.split("## What we disagree with")[1].split("## What is missing")[0]
    # The survey's figure on 2.1 (agreed with), worked out from the evidence JSON.
    [standards] = [q for q in evidence["questions"] if q["proposal"] == "2.1"]
    figures = standards["all"]
    support, oppose = figures["support"], figures["oppose"]
    sentence = (
        f"In our survey of {figures['n']:,} parents, {percent(support['share'])}"
        f" ({percent_range(support['low'], support['high'])}) supported national SEND standards and"
        f" {percent(oppose['share'])} ({percent_range(oppose['low'], oppose['high'])}) opposed it"
        " (illustrative figures, not real ones)."
    )
    assert sentence in agree and sentence not in partly
    # The network's count for 2.6 against the red line, in the disagree section, worked out from its JSON.
    [link] = [x for x in network["links"] if x["proposal"] == "2.6" and x["ask"] == "no-dilution-of-rights"]
    tally = link["all"]
    share = percent(tally["disagree"] / tally["assessed"])
    expected = (
        f"Across the network, {tally['disagree']} of {tally['assessed']} forums ({share}) that assessed it against"
        " \u201cAny dilution of parental rights\u201d disagree with it (illustrative assessments, not real ones)."
    )
    assert expected in disagree
    # 2.6 first appears under "does not go far enough": its survey figure is said there, once.
    assert text.count("opposed mandatory mediation before tribunal") == 1
    assert "opposed mandatory mediation before tribunal" in partly


def test_every_format_carries_the_sentences(invoke: Invoke, outputs: dict[str, Path], tmp_path: Path) -> None:
    from docx import Document

    assert "Across the network," in _statement(invoke, outputs, "-f", "txt")
    page = tmp_path / "s.html"
    _statement(invoke, outputs, "-o", page)
    html = page.read_text(encoding="utf-8")
    assert '<ul class="figures"><li>In our survey of' in html
    word = tmp_path / "s.docx"
    _statement(invoke, outputs, "-o", word)
    paragraphs = [p.text for p in Document(str(word)).paragraphs]
    assert any(p.startswith("Across the network,") for p in paragraphs)


def test_without_figures_nothing_changes(invoke: Invoke) -> None:
    result = invoke("statement", GREEN_PAPER, "--org", ORG, "--today", "2026-11-28")
    assert "Across the network" not in result.stdout and "What families told us" not in result.stdout


def test_someone_elses_survey_is_named(invoke: Invoke, outputs: dict[str, Path]) -> None:
    result = invoke(
        "statement", GREEN_PAPER, "--org", "Anytown Parent Carer Forum", "--today", "2026-11-28",
        "--evidence", outputs["evidence"],
    )  # fmt: skip
    assert "In a survey by Synthetic Forum 01 of " in result.stdout
    assert "In our survey" not in result.stdout


def test_wrong_files_are_refused(invoke: Invoke, outputs: dict[str, Path], tmp_path: Path) -> None:
    other = json.loads(outputs["network"].read_text(encoding="utf-8"))
    other["document"]["title"] = "Another Paper"
    wrong_paper = tmp_path / "other.json"
    wrong_paper.write_text(json.dumps(other), encoding="utf-8")
    result = invoke("statement", GREEN_PAPER, "--org", ORG, "--network", wrong_paper)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{wrong_paper}:1:1: it counts assessments of 'Another Paper', but this" in result.stderr
    result = invoke("statement", GREEN_PAPER, "--org", ORG, "--evidence", outputs["network"])
    assert result.exit_code == 2
    assert "this is not what 'sendreview evidence --format json' writes (title: field required)" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": ', encoding="utf-8")
    out = tmp_path / "s.html"
    result = invoke("statement", GREEN_PAPER, "--org", ORG, "--evidence", broken, "-o", out)
    assert result.exit_code == 2 and not out.exists()
    assert f"{broken}:1:11: not valid JSON" in result.stderr


def test_suppressed_figures_say_nothing(invoke: Invoke, outputs: dict[str, Path], tmp_path: Path) -> None:
    data = json.loads(outputs["evidence"].read_text(encoding="utf-8"))
    for question in data["questions"]:
        question["all"] = {**question["all"], "suppressed": True, "n": None, "support": None, "oppose": None}
    small = tmp_path / "small.json"
    small.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("statement", GREEN_PAPER, "--org", ORG, "--today", "2026-11-28", "--evidence", small)
    assert result.exit_code == 0 and "In our survey" not in result.stdout
