"""`sendreview diff` as a user runs it: the real 2022, 2023 and 2026 examples, every format, the
checks, and bad input reported as FILE:LINE:COL with exit 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import Result

from sendreview.schemas import schema_dict

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GREEN_PAPER = EXAMPLES / "green-paper-2022.yaml"
IMPROVEMENT_PLAN = EXAMPLES / "improvement-plan-2023.yaml"
WHITE_PAPER = EXAMPLES / "white-paper-2026.yaml"

Invoke = Callable[..., Result]
Write = Callable[[str, str], Path]


def test_help_ends_with_an_example(invoke: Invoke) -> None:
    result = invoke("diff", "--help")
    assert result.exit_code == 0, result.output
    assert "Example: sendreview diff examples/green-paper-2022.yaml" in " ".join(result.output.split())


def test_the_real_record_shows_weakened_commitments_with_both_phrases(invoke: Invoke) -> None:
    result = invoke("diff", GREEN_PAPER, IMPROVEMENT_PLAN)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Green Paper 2022 → Improvement Plan 2023\n")
    assert "20 asks: 1 improved, 4 regressed, 15 unchanged." in out
    assert out.index("─ Weakened commitments") < out.index("─ Red-line breaches") < out.index("Every ask, then and now")
    for lines in (
        ["▼ 2.1 National SEND standards → IP1 National standards, tested first", 'then: duty, "set in law"',
         'now: exploration, "testing"; by the end of 2025'],
        ["▼ 2.5 A tailored list of settings → IP4 Testing a tailored list of suitable settings",
         'then: intention, "would"', 'now: exploration, "testing"',
         "Your assessment disagreed with 2.5, so this retreat may be welcome."],
        ["▼ 2.6 Mandatory mediation before a Tribunal appeal → IP5", 'then: duty, "have to"',
         'now: exploration, "tested"'],
    ):  # fmt: skip
        start = 0
        for line in lines:  # each in turn, in the order given
            start = out.index(line, start) + len(line)
    assert "✔ resolved: 2.5 A tailored list of settings no longer crosses Any dilution of parental rights" in out


def test_json_validates_against_its_published_schema(invoke: Invoke) -> None:
    result = invoke("diff", GREEN_PAPER, IMPROVEMENT_PLAN, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema_dict("diff"))
    assert [s["file"] for s in data["stages"]] == [str(GREEN_PAPER), str(IMPROVEMENT_PLAN)]
    assert data["threshold"] == 0.6
    assert data["net"] is None
    step = data["steps"][0]
    weakened = [(p["old"]["id"], p["new"]["id"]) for p in step["proposals"] if p["weakened"]]
    assert weakened == [("2.1", "IP1"), ("2.5", "IP4"), ("2.6", "IP5")]
    standards = next(p for p in step["proposals"] if p["new"] and p["new"]["id"] == "IP1")
    assert standards["match"] == {"how": "follows", "score": 0.57, "via": []}
    end_of_2025 = {"text": "2025", "start": "2025-01-01", "end": "2025-12-31", "precision": "year"}
    assert standards["new"]["strength"]["deadline"] == {"phrase": "by the end of 2025", "date": end_of_2025}
    schools = next(p for p in step["proposals"] if p["new"] and p["new"]["id"] == "IP17")
    assert (schools["status"], schools["match"], schools["nearest"]["id"], schools["nearest"]["score"]) == (
        "new",
        None,
        "1.2",
        0.55,
    )
    rights = next(a for a in step["asks"] if a["id"] == "no-dilution-of-rights")
    assert (rights["before"], rights["after"], rights["change"]) == ("contested", "partly-met", "improved")


@pytest.mark.parametrize("kind", ["diff", "commitments", "document", "compare"])
def test_published_schemas_match(invoke: Invoke, kind: str) -> None:
    result = invoke("schema", kind)
    assert result.exit_code == 0, result.output
    published = ROOT / "docs" / "schemas" / f"{kind}.schema.json"
    assert result.stdout == published.read_text(encoding="utf-8"), "run: sendreview schema KIND > docs/schemas/..."


def test_markdown(invoke: Invoke) -> None:
    result = invoke("diff", GREEN_PAPER, IMPROVEMENT_PLAN, "--format", "markdown")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("# Green Paper 2022 → Improvement Plan 2023\n")
    assert "- ▼ **2.1 National SEND standards** → **IP1 National standards, tested first**\n" in out
    assert '  - then: duty, "set in law"\n  - now: exploration, "testing"; by the end of 2025\n' in out
    assert (
        "| Any dilution of parental rights (red line) (`no-dilution-of-rights`) | What are we worried about? | " in out
    )


def test_the_chain_of_three_real_papers(invoke: Invoke) -> None:
    result = invoke("diff", GREEN_PAPER, IMPROVEMENT_PLAN, WHITE_PAPER)
    assert result.exit_code == 0, result.output
    out = result.output
    assert (
        out.index("Step 1 of 2: Green Paper 2022 → Improvement Plan 2023")
        < out.index("Step 2 of 2: Improvement Plan 2023 → White Paper 2026")
        < out.index("Net change, first to last: Green Paper 2022 → White Paper 2026")
    )
    data = json.loads(invoke("diff", GREEN_PAPER, IMPROVEMENT_PLAN, WHITE_PAPER, "-f", "json").stdout)
    jsonschema.validate(data, schema_dict("diff"))
    net = data["net"]
    assert (net["old"], net["new"]) == (0, 2)
    standards = next(p for p in net["proposals"] if p["new"] and p["new"]["id"] == "WP3")
    assert (standards["old"]["id"], standards["match"]["how"], standards["match"]["via"]) == ("2.1", "chain", ["IP1"])


def test_fail_on(invoke: Invoke) -> None:
    result = invoke("diff", GREEN_PAPER, IMPROVEMENT_PLAN, "--fail-on", "regression", "--fail-on", "weakened")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "check failed: regression: listen-early, align-incentives, minimum-standards, aligned-incentives",
        "check failed: weakened: 2.1 -> IP1, 2.5 -> IP4, 2.6 -> IP5",
    ]
    result = invoke("diff", GREEN_PAPER, IMPROVEMENT_PLAN, "--fail-on", "red-line")
    assert result.exit_code == 0, result.stderr


def test_a_forum_extends_the_commitment_phrases(invoke: Invoke, write: Write) -> None:
    ours = write("ours.yaml", "strengths:\n  intention: [testing]\n")
    result = invoke("diff", GREEN_PAPER, IMPROVEMENT_PLAN, "--commitments", ours, "-f", "json")
    assert result.exit_code == 0, result.output
    weakened = [p["new"]["id"] for p in json.loads(result.stdout)["steps"][0]["proposals"] if p["weakened"]]
    assert weakened == ["IP1", "IP5"]  # "testing" is now an intention, as "would" was for the tailored list


def test_the_examples_are_valid_documents(invoke: Invoke) -> None:
    result = invoke("validate", GREEN_PAPER, IMPROVEMENT_PLAN, WHITE_PAPER)
    assert result.exit_code == 0, result.output
    for path in (IMPROVEMENT_PLAN, WHITE_PAPER):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar as text
        jsonschema.validate(data, schema_dict("document"))


# --- bad input --------------------------------------------------------------------------------

OLD = """
document: {title: Old paper, kind: green-paper, published: 2022-03-29}
proposals:
  - {id: "2.1", title: National standards}
  - {id: "2.5", title: A tailored list}
"""


def _bad(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    return result.stderr


def test_follows_an_id_that_is_not_in_the_old_paper(invoke: Invoke, write: Write) -> None:
    old = write("old.yaml", OLD)
    new = write(
        "new.yaml",
        """
        document: {title: New paper, kind: improvement-plan}
        proposals:
          - id: IP1
            title: Standards
            follows: "2.10"
        """,
    )
    assert _bad(invoke("diff", old, new)) == f"{new}:5:14: no proposal '2.10' in {old} (did you mean '2.1'?)\n"


def test_the_same_old_proposal_followed_twice(invoke: Invoke, write: Write) -> None:
    old = write("old.yaml", OLD)
    new = write(
        "new.yaml",
        """
        document: {title: New paper, kind: improvement-plan}
        proposals:
          - {id: IP1, title: Standards, follows: "2.1"}
          - {id: IP2, title: More standards, follows: "2.1"}
        """,
    )
    assert _bad(invoke("diff", old, new)) == (
        f"{new}:4:47: proposal '2.1' of {old} is already followed on line 3; only one proposal can follow it\n"
    )


def test_two_papers_assessed_against_different_asks(invoke: Invoke, write: Write) -> None:
    old = write("old.yaml", OLD)
    new = write(
        "new.yaml",
        """
        document:
          title: New paper
          kind: improvement-plan
          catalogue: [july-2019, worries]
        proposals: []
        """,
    )
    assert _bad(invoke("diff", old, new)) == (
        f"{new}:4:14: assessed against different asks from {old} (conference-2019, silver-bullets, principles"
        f" only in {old}); a diff needs both papers held against the same asks: give them the same 'catalogue:'\n"
    )


def test_a_declared_catalogue_is_checked_in_every_command(invoke: Invoke, write: Write) -> None:
    doc = write(
        "doc.yaml",
        """
        document:
          title: Paper
          kind: other
          catalogue: [july-2019, silver-bullet]
        proposals:
          - {id: "1", title: A, responds_to: [{ask: proper-funding, stance: agree}]}
        """,
    )
    message = f"{doc}:4:26: unknown group of asks 'silver-bullet' (did you mean 'silver-bullets'?)\n"
    assert _bad(invoke("compare", doc)) == message
    doc.write_text(doc.read_text().replace(", silver-bullet]", "]"), encoding="utf-8")
    doc.write_text(doc.read_text().replace("proper-funding", "workforce/money"), encoding="utf-8")
    assert _bad(invoke("validate", doc)) == (
        f"{doc}:6:45: 'workforce/money' is in the group 'silver-bullets', which document.catalogue leaves out;"
        " add the group there\n"
    )


def test_every_problem_in_every_file_in_one_run(invoke: Invoke, write: Write) -> None:
    old = write("old.yaml", OLD.replace("title: A tailored list", "titel: A tailored list"))
    new = write(
        "new.yaml",
        """
        document: {title: New paper, kind: improvement-plan}
        proposals:
          - {id: IP1, title: Standards, responds_to: [{ask: minimum-standard, stance: agree}]}
        """,
    )
    lines = _bad(invoke("diff", old, new)).splitlines()
    assert lines == [
        f"{new}:3:53: unknown ask 'minimum-standard' (did you mean 'minimum-standards'?)",
        f"{old}:4:5: missing 'title': this field is required",
        f"{old}:4:17: unknown field 'titel' (did you mean 'title'?)",
    ]


def test_follows_and_links_are_both_checked_in_the_new_paper(invoke: Invoke, write: Write) -> None:
    old = write("old.yaml", OLD)
    new = write(
        "new.yaml",
        """
        document: {title: New paper, kind: improvement-plan}
        proposals:
          - {id: IP1, title: Standards, follows: "9", responds_to: [{ask: minimum-standard, stance: agree}]}
        """,
    )
    lines = _bad(invoke("diff", old, new)).splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "no proposal '9' in " + str(old),
        "unknown ask 'minimum-standard' (did you mean 'minimum-standards'?)",
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([str(GREEN_PAPER)], "diff needs at least two document files, oldest first: OLD.yaml NEW.yaml\n"),
        ([str(GREEN_PAPER), "nowhere.yaml"], "nowhere.yaml: no such file\n"),
    ],
)
def test_usage_problems(invoke: Invoke, arguments: list[str], message: str) -> None:
    assert _bad(invoke("diff", *arguments)) == message


def test_a_broken_commitments_file(invoke: Invoke, write: Write) -> None:
    ours = write("ours.yaml", "strengths:\n  dutty: [must]\n")
    assert _bad(invoke("diff", GREEN_PAPER, IMPROVEMENT_PLAN, "--commitments", ours)) == (
        f"{ours}:2:3: unknown field 'dutty' (did you mean 'duty'?)\n"
    )
