"""Whose views an assessment holds, and how far agreed: every output says so, and a statement
speaks only for the organisation the user names."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, GREEN_PAPER, ORG, Invoke

Write = Callable[[str, str], Path]
TODAY = "2026-11-28"
ANYTOWN = ORG

PAPER = """\
document: {{title: A small paper, kind: white-paper, published: 2026-02-23}}
{assessment}
proposals:
  - id: "1"
    title: National standards
    responds_to:
      - {{ask: minimum-standards, stance: agree}}
  - id: "2"
    title: Not yet read
"""


def paper(write: Write, assessment: str = "", name: str = "paper.yaml") -> Path:
    return write(name, PAPER.format(assessment=assessment))


def docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


# --- the statement's voice ----------------------------------------------------------------


def test_statement_without_an_organisation_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "s.md"
    result = invoke("statement", GREEN_PAPER, "-o", out)
    assert result.exit_code == 2
    assert f"{GREEN_PAPER}:1:1: this statement would not say who it is from" in result.stderr
    assert "--org" in result.stderr and "assessment:" in result.stderr
    assert not out.exists()
    assert "National Network" not in result.stdout


def test_statement_takes_its_voice_from_the_file(invoke: Invoke, write: Write) -> None:
    doc = paper(write, "assessment: {by: Bramble Parent Carer Forum, status: draft}")
    result = invoke("statement", doc, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Bramble Parent Carer Forum: our statement on the White Paper\n")
    assert "> **Draft:** not yet agreed by Bramble Parent Carer Forum." in result.stdout
    # --org wins over the file.
    out = invoke("statement", doc, "--org", ANYTOWN, "--today", TODAY).stdout
    assert out.startswith(f"# {ANYTOWN}: our statement")
    assert "Bramble" not in out


def test_a_forum_attributes_the_national_asks_to_the_nnpcf(invoke: Invoke, write: Write) -> None:
    own = write(
        "own.yaml",
        """
        groups:
          - {id: anytown-2025, title: What Anytown families told us in 2025}
        asks:
          - {id: anytown-transport, group: anytown-2025, title: School transport that turns up}
        """,
    )
    result = invoke("statement", GREEN_PAPER, "--org", ANYTOWN, "--asks", own, "--today", TODAY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"# {ANYTOWN}: our statement on the Green Paper\n")
    who = out.split("## Who we are")[1].split("##")[0]
    assert f"We are {ANYTOWN}." in who
    asked = out.split("## What we asked for")[1].split("## What we agree")[0]
    assert "The National Network of Parent Carer Forums (NNPCF) asked the government for:" in asked
    assert asked.index("NNPCF) asked") < asked.index("We also asked for:")
    assert "**What Anytown families told us in 2025**\n\n- School transport that turns up" in asked
    # Slide headings are not sentences.
    assert "There are some silver bullets" not in out
    assert "What are we worried about?" not in out
    assert "**Five silver bullets**" in asked


def test_the_nnpcf_speaks_of_its_own_asks_as_ours(invoke: Invoke) -> None:
    out = invoke("statement", GREEN_PAPER, "--org", "NNPCF", "--today", TODAY).stdout
    assert "We are the National Network of Parent Carer Forums (NNPCF)." in out
    assert "We asked the government for:" in out
    assert "(NNPCF) asked the government" not in out


# --- banners in every format -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "label", "words"),
    [
        ("draft", "Draft", f"not yet agreed by {ANYTOWN}."),
        ("illustrative", "Illustrative", f"not the views of {ANYTOWN}."),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "html", "txt", "docx"])
def test_every_format_carries_the_banner(
    invoke: Invoke, write: Write, tmp_path: Path, status: str, label: str, words: str, fmt: str
) -> None:
    doc = paper(write, f"assessment: {{status: {status}}}")
    out = tmp_path / f"statement.{fmt}"
    result = invoke("statement", doc, "--org", ANYTOWN, "--today", TODAY, "-o", out)
    assert result.exit_code == 0, result.output
    text = docx_text(out) if fmt == "docx" else out.read_text(encoding="utf-8")
    label_shown = label.upper() if fmt == "txt" else label
    if fmt == "html":
        assert f'<p class="banner" role="note"><strong>{label}:</strong> {words}' in text
    else:
        assert re.search(rf"{label_shown}:\W* {re.escape(words)}", text), text[:400]
    # The banner comes before the first section.
    assert text.index(words) < text.lower().index("who we are")


def test_an_agreed_statement_has_no_banner(invoke: Invoke, write: Write) -> None:
    doc = write(
        "agreed.yaml",
        """
        document: {title: A small paper, kind: white-paper}
        assessment: {by: Anytown Parent Carer Forum, status: agreed, date: 2026-03-10, region: South West}
        proposals:
          - id: "1"
            title: National standards
            responds_to: [{ask: minimum-standards, stance: agree}]
        """,
    )
    result = invoke("statement", doc, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "Draft" not in result.stdout and "Illustrative" not in result.stdout
    assert result.stderr == ""


def test_the_examples_are_illustrative(invoke: Invoke) -> None:
    for example in sorted(EXAMPLES.glob("*-20*.yaml")):
        data = json.loads(invoke("compare", example, "--format", "json").stdout)
        assert data["assessment"]["status"] == "illustrative", example
        out = invoke("statement", example, "--org", ANYTOWN, "--today", TODAY).stdout
        assert f"> **Illustrative:** not the views of {ANYTOWN}." in out


# --- compare and diff say whose views -------------------------------------------------------


def test_compare_says_whose_views_in_every_format(invoke: Invoke, write: Write) -> None:
    doc = paper(write, "assessment: {by: Bramble Parent Carer Forum, status: draft, date: 2026-03-10}")
    table = invoke("compare", doc).stdout
    assert "Draft by Bramble Parent Carer Forum on 10 March 2026: not yet agreed." in table
    markdown = invoke("compare", doc, "--format", "markdown").stdout
    assert "**Draft by Bramble Parent Carer Forum on 10 March 2026: not yet agreed.**" in markdown
    data = json.loads(invoke("compare", doc, "--format", "json").stdout)
    assert data["assessment"]["by"] == "Bramble Parent Carer Forum"
    assert data["assessment"]["status"] == "draft"
    rows = list(csv.DictReader(io.StringIO(invoke("compare", doc, "--format", "csv").stdout)))
    assert {(r["assessment_status"], r["assessment_by"]) for r in rows} == {("draft", "Bramble Parent Carer Forum")}


def test_a_file_without_an_assessment_block_is_a_draft(invoke: Invoke, write: Write) -> None:
    doc = paper(write)
    data = json.loads(invoke("compare", doc, "--format", "json").stdout)
    assert data["assessment"] == {"by": None, "status": "draft", "date": None, "region": None}
    assert "Draft: not yet agreed, and it does not say whose views it holds." in invoke("compare", doc).stdout


def test_diff_says_whose_views_each_paper_holds(invoke: Invoke) -> None:
    old, new = EXAMPLES / "green-paper-2022.yaml", EXAMPLES / "improvement-plan-2023.yaml"
    result = invoke("diff", old, new, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Illustrative assessment: an example, not the agreed views of any forum") == 2
    data = json.loads(invoke("diff", old, new, "--format", "json").stdout)
    assert [s["assessment"]["status"] for s in data["stages"]] == ["illustrative", "illustrative"]
    assert "Illustrative assessment" in invoke("diff", old, new).stdout


# --- unassessed proposals --------------------------------------------------------------------


def test_unassessed_proposals_are_warned_about_listed_and_worded_so_far(invoke: Invoke, write: Write) -> None:
    doc = paper(write, "assessment: {by: Anytown Parent Carer Forum}")
    for command in ("compare", "statement"):
        result = invoke(command, doc, "--today", TODAY) if command == "statement" else invoke(command, doc)
        assert result.exit_code == 0, result.output
        assert f"{doc}:8:9: warning: 1 proposal of 2 has no assessment yet (2)" in result.stderr, command
    out = invoke("statement", doc, "--today", TODAY).stdout
    assert "## Not yet assessed\n\nWe have not yet assessed 1 of the 2 proposals in this White Paper" in out
    assert "- 2 Not yet read" in out
    assert "So far, these asks are not addressed:" in out
    assert "So far, we have found nothing in this White Paper that we disagree with." in out


def test_a_fully_assessed_paper_has_no_warning_and_no_section(invoke: Invoke, write: Write) -> None:
    doc = write(
        "done.yaml",
        """
        document: {title: A small paper, kind: white-paper}
        proposals:
          - {id: "1", title: National standards, responds_to: [{ask: minimum-standards, stance: agree}]}
        """,
    )
    result = invoke("statement", doc, "--org", ANYTOWN, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "Not yet assessed" not in result.stdout
    assert "These asks are not addressed at all:" in result.stdout


@pytest.mark.parametrize("command", ["compare", "statement"])
def test_fail_on_unassessed(invoke: Invoke, write: Write, command: str) -> None:
    doc = paper(write, "assessment: {by: Anytown Parent Carer Forum}")
    result = invoke(command, doc, "--fail-on", "unassessed")
    assert result.exit_code == 1, result.output
    assert "check failed: unassessed: 2" in result.stderr
    assert result.stdout  # the output is still given


def test_an_agreed_statement_with_unassessed_proposals_is_refused(invoke: Invoke, write: Write, tmp_path: Path) -> None:
    doc = paper(write, "assessment: {by: Anytown Parent Carer Forum, status: agreed}")
    out = tmp_path / "s.html"
    result = invoke("statement", doc, "-o", out)
    assert result.exit_code == 2
    assert (
        f"{doc}:2:54: the assessment says 'agreed', but 1 proposal has no assessment yet (2): "
        "assess them, or set the status to draft"
    ) in result.stderr
    assert not out.exists()
    # compare still shows an unfinished agreed file: only publishing it is refused.
    assert invoke("compare", doc).exit_code == 0


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("assessment", "message"),
    [
        (
            "{status: agred}",
            "'agred' is not a valid status: use 'draft', 'illustrative' or 'agreed' (did you mean 'agreed'?)",
        ),
        ("{region: South Wset}", "is not a valid region: use 'North East'"),
        ("{region: South Wset}", "(did you mean 'South West'?)"),
        ('{by: ""}', "'by' is empty: give it some text"),
        ("{by: " + "x" * 2000 + "}", "'by' is too long: keep it to 200 characters"),
        ("{date: 2999-01-01}", "the assessment's date 2999-01-01 is after today"),
        ("{date: someday}", "someday"),
        ("{statue: draft}", "unknown field 'statue' (did you mean 'status'?)"),
    ],
)
def test_bad_assessment_blocks(invoke: Invoke, write: Write, assessment: str, message: str) -> None:
    doc = paper(write, f"assessment: {assessment}")
    result = invoke("validate", doc)
    assert result.exit_code == 2, result.output
    assert f"{doc}:2:" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert "x" * 300 not in result.stderr
