"""`sendreview assess`: proposal by proposal, each answer saved at once, comments and layout kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sendreview.api import load_catalogue, load_document
from sendreview.cli import app
from tests.conftest import ROOT, ctrl_c_as_usual

PAPER = """\
# Our forum's notes on the sample paper.
document:
  title: "A made-up White Paper"   # the title as published
  kind: white-paper
  published: '2026-03-02'
assessment:
  status: draft
proposals:
  - id: "1"
    chapter: "Early help"
    title: 'Training for every teacher'
    summary: "Every teacher and teaching assistant trained to meet special educational needs."
  # Our lead on plans checks the next one.
  - id: "2"
    chapter: Plans
    title: One national plan template
    summary: A single national template for education, health and care plans.
  - id: "3"
    title: Parent carer forums in every decision
    summary: Councils coproduce their local offer with their parent carer forum.
    responds_to:
      - ask: coproduction
        stance: agree
  - id: "4"
    title: Faster assessments
    summary: A national time limit for needs assessments.
"""


def _run(path: Path, answers: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["assess", str(path), *args], input=answers, env={"COLUMNS": "100", "SENDREVIEW_DEBUG": None}
    )
    return result.exit_code, result.stdout, result.stderr


def _links(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    document = load_document(path, load_catalogue())
    return {p.id: [(link.ask, link.stance, link.note) for link in p.responds_to] for p in document.proposals}


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    path = tmp_path / "paper.yaml"
    path.write_text(PAPER, encoding="utf-8")
    return path


def _offered(stdout: str) -> list[str]:
    """The asks offered, in order, as the lines that name them show."""
    return [line.split(":")[0].strip() for line in stdout.splitlines() if line.startswith("  ") and " (score " in line]


def test_a_scripted_run_adds_the_links_and_keeps_the_file_as_written(paper: Path) -> None:
    code, out, _ = _run(paper, "a\nKey for us: training\np\n\nn\ns\nd\n\n")
    assert code == 0, out
    assert _offered(out)[:2] == ["right-skills", "workforce"]  # suggest's ranking, best first
    links = _links(paper)
    assert links["1"] == [("right-skills", "agree", "Key for us: training"), ("workforce", "partly", "")]
    assert links["3"] == [("coproduction", "agree", "")]  # assessed already: not offered again
    text = paper.read_text(encoding="utf-8")
    # The person's comments, quoting and order are as they wrote them; the links come in the house layout.
    before = PAPER.split('  - id: "2"')[0]
    assert text.startswith(before.split("    responds_to")[0].split('  - id: "1"')[0])
    assert '  # Our lead on plans checks the next one.\n  - id: "2"\n' in text
    assert '  title: "A made-up White Paper"   # the title as published\n' in text
    assert "    title: 'Training for every teacher'\n" in text
    assert (
        "    responds_to:\n      - ask: right-skills\n        stance: agree\n"
        '        note: "Key for us: training"\n      - ask: workforce\n        stance: partly\n'
    ) in text
    assert [line.split(":")[0] for line in text.splitlines() if line and not line.startswith((" ", "#"))] == [
        "document",
        "assessment",
        "proposals",
    ]
    assert links["2"][0][1:] == ("disagree", "")
    assert out.endswith(
        f"Saved 3 answers on 2 proposals in {paper}.\n1 of 4 proposals still have no assessment: 4.\n"
        f"Next: sendreview assess {paper} (to carry on), or sendreview statement {paper} (a draft that says"
        " what is not yet assessed)\n"
    )


def test_end_of_input_loses_nothing_and_a_second_run_resumes(paper: Path) -> None:
    code, out, _ = _run(paper, "a\n\n")  # one answer, then the input ends
    assert code == 0, out
    assert _links(paper)["1"] == [("right-skills", "agree", "")]
    assert f"Saved 1 answer on 1 proposal in {paper}." in out
    code, out, _ = _run(paper, "d\nNot enough\n")
    assert code == 0, out
    assert "Proposal 1 (" not in out  # assessed: not asked again
    assert out.count("Proposal 2 (1 of 2 without an assessment)") == 1
    links = _links(paper)
    assert links["1"] == [("right-skills", "agree", "")]
    assert links["2"][0][1:] == ("disagree", "Not enough")


def test_q_quits_and_an_unknown_answer_is_asked_again(paper: Path) -> None:
    code, out, _ = _run(paper, "yes please\nagree\n\nq\n")
    assert code == 0
    assert "'yes please' is not one of these; type a, p, d, s, n or q." in out
    assert _links(paper)["1"] == [("right-skills", "agree", "")]
    assert "2 of 4 proposals still have no assessment: 2, 4." in out


def test_ask_offers_another_ask(paper: Path) -> None:
    code, out, _ = _run(paper, "s\ns\np\nonly in part\n", "--ask", "proper-funding", "--top", "2")
    assert code == 0, out
    assert "  proper-funding: " in out and "(asked for with --ask)" in out
    assert _links(paper)["1"] == [("proper-funding", "partly", "only in part")]


def test_an_unknown_ask_is_refused_with_a_suggestion(paper: Path) -> None:
    code, _, err = _run(paper, "", "--ask", "proper-fundin")
    assert code == 2
    assert err == "--ask: no ask 'proper-fundin' (did you mean 'proper-funding'?); `sendreview asks` lists them\n"
    assert paper.read_text(encoding="utf-8") == PAPER


def test_a_file_changed_on_disk_is_never_written_over(paper: Path) -> None:
    answers = iter(["a", "", "a"])
    from sendreview.guided import assess

    def read() -> str | None:
        answer = next(answers, None)
        if answer == "":  # while the person types a note, someone saves the file in an editor
            paper.write_text(paper.read_text(encoding="utf-8") + "# edited elsewhere\n", encoding="utf-8")
        return answer

    with pytest.raises(Exception) as raised:
        assess(paper, load_catalogue(), read=read, say=lambda _: None)
    assert "the file changed on disk after assess read it" in str(raised.value)
    assert "this last answer (1: agree right-skills) is not saved" in str(raised.value)
    assert paper.read_text(encoding="utf-8") == PAPER + "# edited elsewhere\n"


def test_a_note_that_reads_as_yes_stays_text(paper: Path) -> None:
    code, out, _ = _run(paper, "a\nyes\n")
    assert code == 0, out
    assert _links(paper)["1"] == [("right-skills", "agree", "yes")]


def test_nothing_to_assess(tmp_path: Path) -> None:
    path = tmp_path / "done.yaml"
    path.write_text(PAPER.split('  - id: "1"')[0] + '  - id: "3"\n    title: T\n    responds_to:\n'
                    "      - ask: coproduction\n        stance: agree\n", encoding="utf-8")  # fmt: skip
    code, out, _ = _run(path, "")
    assert code == 0
    assert out == (
        f"\nSaved 0 answers on 0 proposals in {path}.\nEvery proposal is assessed. Next: sendreview statement {path}\n"
    )


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_a_run_killed_midway_leaves_a_whole_file_and_resumes(paper: Path, how: signal.Signals) -> None:
    env = {**os.environ, "SENDREVIEW_DEBUG": ""}
    command = [sys.executable, "-m", "sendreview", "assess", str(paper)]
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        text=True,
        preexec_fn=ctrl_c_as_usual,
    )
    assert process.stdin is not None
    process.stdin.write("a\nfirst answer\n")
    process.stdin.flush()
    deadline = time.monotonic() + 60
    while "first answer" not in paper.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "the first answer was never saved"
        time.sleep(0.05)
    process.send_signal(how)  # killed while waiting for the next answer
    _, err = process.communicate(timeout=60)
    assert process.returncode in (-signal.SIGKILL, 130), err
    if how is signal.SIGINT:
        assert "Stopped. Every answer given before this one is saved." in err
        assert "Traceback" not in err
    assert _links(paper)["1"] == [("right-skills", "agree", "first answer")]
    assert sorted(p.name for p in paper.parent.iterdir()) == ["paper.yaml"]  # no temporary file left
    code, out, _ = _run(paper, "p\n\n")
    assert code == 0, out
    assert "Proposal 1 (" not in out  # answered before the kill: the run carries on from proposal 2
    assert _links(paper)["2"][0][1:] == ("partly", "")


def test_an_unquoted_id_that_reads_as_a_number_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "paper.yaml"
    path.write_text(PAPER.replace('  - id: "1"\n', "  - id: 2.10\n"), encoding="utf-8")
    code, out, _ = _run(path, "a\n\n")
    assert code == 0, out
    assert _links(path)["2.10"] == [("right-skills", "agree", "")]
    assert "  - id: 2.10\n" in path.read_text(encoding="utf-8")
