"""Bounded work and clear refusals for inputs that are within the limits but hostile: a million
problems, long phrase lists, rules that run past the calendar, narrow terminals, templates
nested past Python's own bounds, and template filters that would let escape sequences out."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GREEN_PAPER, ORG, ROOT, Invoke
from tests.test_corpus import _UNSAFE, CORPUS

MAX_RSS_MB = 1024
HEAD = "document:\n  title: A paper\n  kind: green-paper\n"


def _run(*args: str | Path, timeout: float = 120) -> tuple[int, str, str, float]:
    """Run sendreview in a process of its own: (exit code, stdout, stderr, peak memory in MB).

    The timeout only catches a hang; it is no measure of speed (that is in benchmarks/)."""
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("SENDREVIEW_DEBUG", None)
    with tempfile.TemporaryDirectory() as folder:
        out_path, err_path = Path(folder) / "out", Path(folder) / "err"
        with out_path.open("w") as out, err_path.open("w") as err:
            command = [sys.executable, "-m", "sendreview", *map(str, args)]
            process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=ROOT)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)  # wait4, for this one process's peak memory
        finally:
            timer.cancel()
        process.returncode = code = os.waitstatus_to_exitcode(status)
        assert code != -9, f"sendreview {' '.join(map(str, args))} was still running after {timeout} s"
        output, errors = (path.read_text(encoding="utf-8") for path in (out_path, err_path))
    return code, output, errors, usage.ru_maxrss / 1024


# --- At most 1,000 problems, found by index ------------------------------------------------------


def test_problems_are_capped_with_a_count_of_the_rest(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(HEAD + "proposals: []\n" + "".join(f"k{i}: v\n" for i in range(1500)), encoding="utf-8")
    result = invoke("validate", path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1001
    assert lines[0] == f"{path}:5:1: unknown field 'k0'; allowed here: document, assessment, proposals"
    assert lines[-1] == (
        f"{path}:1005:1: only the first 1,000 problems are shown; 500 more problems after these:"
        " fix these and run again"
    )


@pytest.mark.slow
def test_a_million_wrong_items_stay_within_memory(tmp_path: Path) -> None:
    path = tmp_path / "million.yaml"
    path.write_text(HEAD + "proposals: [" + ",".join(["1"] * 1_000_000) + "]\n", encoding="utf-8")
    code, out, err, peak = _run("validate", path)
    assert code == 2, err[-2000:]
    lines = err.splitlines()
    assert len(lines) == 1001 and out == ""
    assert "at least 9,000 more problems" in lines[-1]
    assert peak < MAX_RSS_MB, f"grew to {peak:.0f} MB"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_compare_reads_a_valid_10_mb_file_in_bounds(tmp_path: Path, fmt: str) -> None:
    """A document just under the size limit (35,000 proposals) compares in every format."""
    path = tmp_path / "valid-10mb.yaml"
    _valid_10mb(path)
    code, out, err, peak = _run("compare", path, "-f", fmt)
    assert code == 0, err[-2000:]
    assert "p35000" in out and err == ""
    assert peak < MAX_RSS_MB, f"grew to {peak:.0f} MB"


def _valid_10mb(path: Path) -> None:
    asks = ["proper-funding", "enough-money", "listen-early", "minimum-standards/inclusion", "no-dilution-of-rights"]
    stances = ["agree", "partly", "disagree"]
    with path.open("w", encoding="utf-8") as out:
        written, number = out.write(HEAD + "proposals:\n"), 0
        while written < 10_000_000:
            written += out.write(
                f'  - id: "p{number}"\n    title: Proposal {number} on funding and early help\n'
                "    summary: The government will consider new duties on councils by 2027, and will test them.\n"
                f"    responds_to:\n      - ask: {asks[number % 5]}\n        stance: {stances[number % 3]}\n"
                "        note: A note.\n"
            )
            number += 1
    assert path.stat().st_size < 10 * 1024 * 1024


# --- Commitment phrases: a word tree, not one huge pattern ----------------------------------------


def _phrases(path: Path, make: Callable[[int], str]) -> Path:
    path.write_text("strengths:\n  duty:\n" + "".join(f"    - {make(i)}\n" for i in range(50_000)), encoding="utf-8")
    return path


def _letters(number: int) -> str:
    word = ""
    for _ in range(5):
        number, digit = divmod(number, 26)
        word += chr(ord("a") + digit)
    return word


@pytest.mark.slow
@pytest.mark.parametrize(
    "make",
    [lambda i: f"{_letters(i)} {_letters(i * 7 + 3)}", lambda i: f"will {_letters(i)}"],
    ids=["all-different", "all-start-with-will"],
)
def test_fifty_thousand_commitment_phrases_finish(tmp_path: Path, make: Callable[[int], str]) -> None:
    """0.9 MB of phrases: minutes with one alternation of them all; a word tree takes seconds."""
    phrases = _phrases(tmp_path / "phrases.yaml", make)
    assert 800_000 < phrases.stat().st_size < 1_000_000
    papers = [EXAMPLES / "green-paper-2022.yaml", EXAMPLES / "improvement-plan-2023.yaml"]
    code, out, err, peak = _run("diff", *papers, EXAMPLES / "white-paper-2026.yaml", "--commitments", phrases)
    assert code == 0, err[-2000:]
    assert "Every proposal, then and now" in out
    assert peak < MAX_RSS_MB


def test_a_phrase_list_still_follows_its_rules(invoke: Invoke, tmp_path: Path) -> None:
    """The word tree finds hyphenated and `*` phrases, longest first, as the single pattern did."""
    phrases = tmp_path / "phrases.yaml"
    phrases.write_text(
        "strengths:\n  duty:\n    - co-produce with families\n  exploration:\n    - co-produc*\n    - pilot*\n",
        encoding="utf-8",
    )
    from sendreview.analysis.strength import Lexicon, commitment_strength
    from sendreview.loading import load_file
    from sendreview.models.commitments import CommitmentsFile

    lexicon = Lexicon.from_files([load_file(phrases, CommitmentsFile).model])
    assert commitment_strength("We will co-produce with families.", lexicon).phrases == ("co-produce with families",)
    assert commitment_strength("Councils co-producing plans.", lexicon).phrases == ("co-producing",)
    assert commitment_strength("Piloting first.", lexicon).level == "exploration"
    assert commitment_strength("Autopilot.", lexicon).level == "none"


# --- Rules that run past the calendar -------------------------------------------------------------


def test_a_rule_past_the_year_9999_is_a_problem_not_a_crash(invoke: Invoke, tmp_path: Path) -> None:
    timeline = tmp_path / "timeline.yaml"
    timeline.write_text(
        "milestones:\n"
        "  - {id: start, title: Start, date: 2022-03-29, category: review, status: done}\n"
        "  - {id: end, title: End, category: review, status: pending}\n"
        "rules:\n"
        "  - {from: start, to: end, at_least: 12 weeks, at_most: 10000 years}\n"
        "  - {from: start, to: end, at_least: 3000000 days, at_most: 3000001 days}\n",
        encoding="utf-8",
    )
    result = invoke("validate", timeline)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "unexpected error" not in result.output
    assert f"{timeline}:5:57: at_most '10000 years' is too long" in result.stderr
    assert f"{timeline}:6:38: at_least '3000000 days' is too long" in result.stderr


# --- Narrow and nonsense terminal widths ----------------------------------------------------------


def _compare_at(width: str) -> str:
    from typer.testing import CliRunner

    from sendreview.cli import app

    env = {"COLUMNS": width, "NO_COLOR": "1", "TERM": "dumb", "SENDREVIEW_DEBUG": None}
    result = CliRunner().invoke(app, ["compare", str(GREEN_PAPER)], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_width_of_zero_still_prints_everything() -> None:
    assert _compare_at("0") == _compare_at("80")


def test_a_narrow_terminal_keeps_names_ids_and_verdict_words() -> None:
    """At 20 columns a table cannot fit: each row is shown as lines of 'Heading: value'."""
    output = " ".join(_compare_at("20").split())  # the terminal's own line breaks left out
    assert "Verdict: ◐ partly met" in output
    assert "Verdict: ○ not addressed" in output
    assert "minimum-standards" in output
    assert "Overall: ✔ met" in output


# --- Templates -----------------------------------------------------------------------------------


def test_jinja_escaping_and_markup_let_no_escape_sequence_through(invoke: Invoke, tmp_path: Path) -> None:
    """`|e`, `|safe`, `|forceescape`, Markup + text and `|indent` of Markup all make Markup, which Jinja
    prints as it is; the template's own text may hold escape sequences too."""
    template = tmp_path / "filters.txt.j2"
    template.write_text(
        "{{ document_title|e }}|{{ document_title|safe }}|{{ document_title|forceescape }}|"
        "{{ ('' ~ document_title)|safe + document_title }}|{{ document_title|e|indent(2) }}|"
        "{{ agree[0].responses[0].note|e }}|own text \x1b]0;pwned\x07 \x1b[2J \x9b31m\n",
        encoding="utf-8",
    )
    result = invoke(
        "statement", "--org", ORG, CORPUS / "ansi-escapes-in-text.yaml", "--template", template, "-f", "txt"
    )
    assert result.exit_code == 0, result.output
    assert _UNSAFE.search(result.stdout) is None, repr(result.stdout)
    assert "own text" in result.stdout and "pwned" not in result.stdout


def test_html_template_output_is_cleaned_too(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "statement.html"
    result = invoke("statement", "--org", ORG, CORPUS / "invisible-format-characters.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    assert _UNSAFE.search(out.read_text(encoding="utf-8")) is None
