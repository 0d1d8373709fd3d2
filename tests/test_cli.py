"""Every command through the CLI, as a user runs it: output, exit codes, error messages."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from sendreview import __version__
from sendreview.schemas import schema_dict
from tests.conftest import GREEN_PAPER, Invoke

Write = Callable[[str, str], Path]

SEED_MILESTONES = [
    ("review-set-up", "September 2019"),
    ("election-called", "November 2019"),
    ("new-government", "January 2020"),
    ("coronavirus", "March 2020"),
    ("initial-report", "Spring 2021"),
    ("schools-white-paper-and-care-review", "Spring 2021"),
    ("send-review-reboot", "September 2021"),
    ("government-reshuffle", "September 2021"),
]
CATALOGUE_IDS = [
    "proper-funding", "cross-government-strategy",
    "listen-early", "enough-money", "align-incentives", "more-accountability", "right-skills",
    "lifelong-outcomes", "coproduction",
    "minimum-standards", "who-pays-for-what", "money-follows-child", "accountability-data", "workforce",
    "coproduction-not-confrontation", "person-centred", "joint-working",
    "no-dilution-of-rights", "aligned-incentives", "implementation-plan",
]  # fmt: skip
LENSES = ["money", "early-intervention", "inclusion", "coproduction"]


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0, result.output
    assert result.output == f"sendreview {__version__}\n"


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "sendreview", "--version"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"sendreview {__version__}\n"


@pytest.mark.parametrize("command", ["asks", "timeline", "validate", "compare", "schema"])
def test_every_command_has_help_with_an_example(invoke: Invoke, command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example: sendreview " + command in result.output


def test_every_registered_command_has_help_with_an_example(invoke: Invoke) -> None:
    """Walks the app itself, so a new command or subcommand cannot be left out."""
    from typing import Any

    import typer.main

    from sendreview.cli import app

    def paths(command: Any, path: list[str]) -> list[list[str]]:
        found = [path] if path else []
        for name, sub in getattr(command, "commands", {}).items():
            found += paths(sub, [*path, name])
        return found

    commands = paths(typer.main.get_command(app), [])
    assert ["statement"] in commands and ["timeline", "next"] in commands
    for path in commands:
        result = invoke(*path, "--help")
        assert result.exit_code == 0, result.output
        assert "Example: sendreview " + " ".join(path) in " ".join(result.output.split()), path


def test_cli_choices_match_the_core() -> None:
    """The CLI spells its choices out so that `--help` loads no models; they must not drift from the core's."""
    from typing import get_args

    from sendreview import cli
    from sendreview.analysis.compare import FAIL_CHECKS
    from sendreview.analysis.diff import DIFF_CHECKS
    from sendreview.analysis.timeline import ENTRY_STATUSES
    from sendreview.loading import KINDS
    from sendreview.models.document import DocumentKind
    from sendreview.render.statement import FORMATS
    from sendreview.schemas import SCHEMAS

    assert [c.value for c in cli.FailOn] == list(FAIL_CHECKS)
    assert [c.value for c in cli.DiffFailOn] == list(DIFF_CHECKS)
    assert [c.value for c in cli.Status] == list(ENTRY_STATUSES)
    assert [c.value for c in cli.PaperKind] == list(get_args(DocumentKind))
    assert sorted(c.value for c in cli.FileKind) == sorted(KINDS)
    assert sorted(c.value for c in cli.SchemaKind) == sorted(SCHEMAS)
    assert [c.value for c in cli.StatementFormat] == [*FORMATS, "docx"]
    from sendreview.analysis.suggest import DEFAULT_MIN_SCORE, DEFAULT_TOP

    assert (cli.DEFAULT_TOP, cli.DEFAULT_MIN_SCORE) == (DEFAULT_TOP, DEFAULT_MIN_SCORE)


def test_asks_json_lists_every_id(invoke: Invoke) -> None:
    result = invoke("asks", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [a["id"] for a in data["asks"]] == CATALOGUE_IDS
    bullets = [a for a in data["asks"] if a["group"] == "silver-bullets"]
    assert [lens["id"] for a in bullets for lens in a["lenses"]] == [
        f"{a['id']}/{lens}" for a in bullets for lens in LENSES
    ]
    kinds = {a["id"]: a["kind"] for a in data["asks"]}
    assert [i for i, k in kinds.items() if k == "red-line"] == ["no-dilution-of-rights", "aligned-incentives",
                                                                "implementation-plan"]  # fmt: skip


def test_asks_tree_and_group_filter(invoke: Invoke) -> None:
    result = invoke("asks", "--group", "worries")
    assert result.exit_code == 0, result.output
    assert "no-dilution-of-rights  Any dilution of parental rights (red line)" in result.output
    assert "minimum-standards" not in result.output


def test_asks_unknown_group_suggests(invoke: Invoke) -> None:
    result = invoke("asks", "--group", "silver-bullet")
    assert result.exit_code == 2
    assert "unknown group 'silver-bullet' (did you mean 'silver-bullets'?)" in result.stderr


def test_asks_markdown(invoke: Invoke) -> None:
    result = invoke("asks", "--format", "markdown", "--group", "july-2019")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Asks\n\n## What we asked for in July 2019")
    assert "- **Proper funding for SEND services** (`proper-funding`)" in result.stdout


def test_timeline_json_lists_seed_milestones_in_order_with_seed_dates(invoke: Invoke) -> None:
    result = invoke("timeline", "--format", "json", "--today", "2026-11-28")
    assert result.exit_code == 0, result.output
    milestones = json.loads(result.stdout)["milestones"]
    seed_ids = {mid for mid, _ in SEED_MILESTONES}
    assert [(m["id"], m["date"]["text"]) for m in milestones if m["id"] in seed_ids] == SEED_MILESTONES
    unplaced = [m for m in milestones if m["date"] is None and m["projection"] is None]
    assert milestones[len(milestones) - len(unplaced) :] == unplaced, "undated milestones come last"
    # The real record after the deck: the Green Paper came; the Bill and the Act it was to lead to
    # never did, and the deck's engagement steps lapsed when its consultation closed.
    statuses = {m["id"]: m["status"] for m in milestones}
    assert (statuses["green-paper"], statuses["bill"], statuses["act"]) == ("done", "did-not-happen", "did-not-happen")
    assert "overdue" not in statuses.values()
    for lapsed in ("formal-response", "regional-events"):
        assert lapsed in {m["id"] for m in unplaced}
        assert statuses[lapsed] == "lapsed"


def test_timeline_table_shows_involvement_beside_milestones(invoke: Invoke) -> None:
    result = invoke("timeline", "--until", "2020")
    assert result.exit_code == 0, result.output
    assert re.search(r"September 2019 +│ Review set up", result.output)
    assert "• NNPCF not on the" in result.output
    assert "Coronavirus" not in result.output.split("January 2020")[0]
    assert "Green Paper" not in result.output


def test_timeline_filters(invoke: Invoke) -> None:
    result = invoke("timeline", "--since", "Spring 2021", "--until", "2021", "--status", "done", "--format", "markdown")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and "done" in line]
    # The Initial Report of spring 2021 did not happen, so it is not among those done.
    assert [row.split(" | ")[0] for row in rows] == ["| March 2021", "| Spring 2021",
                                                     "| September 2021", "| September 2021", "| 19 October 2021",
                                                     "| 10 November 2021"]  # fmt: skip


def test_timeline_bad_date_option(invoke: Invoke) -> None:
    result = invoke("timeline", "--since", "Spring 20x1")
    assert result.exit_code == 2
    assert "--since: cannot read 'Spring 20x1' as a date" in result.stderr
    assert "Traceback" not in result.output


def test_validate_good_files(invoke: Invoke) -> None:
    result = invoke("validate", GREEN_PAPER)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{GREEN_PAPER}: ok (Document)\n"


def test_validate_reports_every_file_and_problem(invoke: Invoke, write: Write) -> None:
    bad = write("bad.yaml", "document:\n  title: x\n  kind: paper\nproposals: []\n")
    tabbed = write("tabbed.yaml", "milestones:\n\t- id: x\n")
    result = invoke("validate", GREEN_PAPER, bad, tabbed)
    assert result.exit_code == 2
    assert result.stdout == f"{GREEN_PAPER}: ok (Document)\n"
    assert result.stderr.splitlines() == [
        f"{bad}:3:9: 'paper' is not a valid kind: use 'green-paper', 'white-paper', 'improvement-plan', 'bill', "
        "'act' or 'other' (did you mean 'white-paper'?)",
        f"{tabbed}:2:1: tab character here: indent YAML with spaces, not tabs",
    ]


def test_validate_timeline_and_asks_kinds(invoke: Invoke, write: Write) -> None:
    timeline = write(
        "timeline.yaml",
        """
        milestones:
          - {id: a, title: A, date: 2022, status: done, category: review}
          - {id: b, title: B, status: done, category: review}
        periods:
          - {from: a, to: c, involvement: [Watching]}
        """,
    )
    result = invoke("validate", timeline)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{timeline}:3:5: milestone 'b' is done, so it needs a date",
        f"{timeline}:5:19: unknown milestone 'c'",
    ]
    local = write(
        "local.yaml",
        "groups:\n  - {id: local, title: Local}\nasks:\n  - {id: short-breaks, group: local, title: Short breaks}\n",
    )
    result = invoke("validate", "--kind", "asks", local)
    assert result.exit_code == 0, result.output


def test_validate_unknown_period_milestone(invoke: Invoke, write: Write) -> None:
    timeline = write(
        "timeline.yaml",
        "milestones:\n  - {id: start, title: A, status: pending, category: review}\n"
        "periods:\n  - {from: strat, to: nowhere, involvement: [Watching]}\n",
    )
    result = invoke("validate", timeline)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{timeline}:4:12: unknown milestone 'strat' (did you mean 'start'?)",
        f"{timeline}:4:23: unknown milestone 'nowhere'",
    ]


def test_validate_unknown_shape(invoke: Invoke, write: Write) -> None:
    path = write("what.yaml", "hello: world\n")
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert f"{path}:1:1: cannot tell what this file is" in result.stderr


def test_compare_table(invoke: Invoke) -> None:
    result = invoke("compare", GREEN_PAPER)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("Red lines crossed") < out.index("Silver bullets through the four lenses") < out.index("Every ask")
    assert "✘ 2.6 Mandatory mediation before a Tribunal appeal crosses the red line: Any dilution" in out
    assert "Proposals with no assessment yet:" in out
    assert "20 asks: ✔ met 6, ◐ partly met 11, ± contested 2, ✘ opposed 0, ○ not addressed 1; 2" in out


def test_compare_json_validates_against_its_schema(invoke: Invoke) -> None:
    result = invoke("compare", GREEN_PAPER, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema_dict("compare"))
    assert set(data) == {"document", "assessment", "summary", "groups", "asks", "proposals", "red_line_breaches"}
    assert {"asks", "met", "partly_met", "opposed", "contested", "not_addressed", "red_line_breaches"} <= set(
        data["summary"]
    )
    published = {"text": "2022-03-29", "start": "2022-03-29", "end": "2022-03-29", "precision": "day"}
    assert data["document"]["published"] == published
    standards = next(a for a in data["asks"] if a["id"] == "minimum-standards")
    assert standards["verdict"] == "met"
    assert {"proposal": "2.1", "stance": "agree"}.items() <= standards["links"][0].items()
    breaches = {(b["proposal"], b["ask"]) for b in data["red_line_breaches"]}
    assert {("2.5", "no-dilution-of-rights"), ("2.6", "no-dilution-of-rights")} <= breaches


def test_compare_markdown(invoke: Invoke) -> None:
    result = invoke("compare", GREEN_PAPER, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# SEND Review: Right support, Right place, Right time\n")
    assert "| Silver bullet | Money | Listening and early intervention | Inclusion | Coproduction | Overall |" in (
        result.stdout
    )


def test_compare_fail_on(invoke: Invoke) -> None:
    result = invoke("compare", GREEN_PAPER, "--format", "json", "--fail-on", "red-line")
    assert result.exit_code == 1
    assert "check failed: red-line: 2 red-line breach(es)" in result.stderr
    result = invoke("compare", GREEN_PAPER, "--format", "json", "--fail-on", "opposed")
    assert result.exit_code == 0, result.stderr
    result = invoke("compare", GREEN_PAPER, "--format", "json", "--fail-on", "not-addressed")
    assert result.exit_code == 1
    assert "check failed: not-addressed: lifelong-outcomes" in result.stderr


def test_compare_with_local_asks(invoke: Invoke, write: Write) -> None:
    local = write(
        "local.yaml",
        """
        groups:
          - {id: our-forum, title: Our forum's asks}
        asks:
          - {id: short-breaks, group: our-forum, title: More short breaks}
        """,
    )
    doc = write(
        "doc.yaml",
        """
        document: {title: Local offer refresh, kind: other}
        proposals:
          - id: "1"
            title: Short breaks review
            responds_to: [{ask: short-breaks, stance: partly}, {ask: proper-funding, stance: agree}]
        """,
    )
    result = invoke("compare", doc, "--asks", local, "--format", "json")
    assert result.exit_code == 0, result.output
    verdicts = {a["id"]: a["verdict"] for a in json.loads(result.stdout)["asks"]}
    assert verdicts["short-breaks"] == "partly-met"
    assert verdicts["proper-funding"] == "met"
    alone = invoke("compare", doc, "--asks", local, "--no-default-asks", "--format", "json")
    assert alone.exit_code == 2
    assert f"{doc}:5:62: unknown ask 'proper-funding'" in alone.stderr
    assert invoke("compare", doc, "--no-default-asks").exit_code == 2


def test_compare_local_asks_clash(invoke: Invoke, write: Write) -> None:
    local = write("local.yaml", "groups:\n  - {id: silver-bullets, title: Mine}\nasks: []\n")
    result = invoke("compare", GREEN_PAPER, "--asks", local)
    assert result.exit_code == 2
    assert f"{local}:2:10: group id 'silver-bullets' is already used (" in result.stderr


def test_compare_csv_one_row_per_link_and_neutralised(invoke: Invoke, write: Write) -> None:
    doc = write(
        "doc.yaml",
        """
        document: {title: Paper, kind: other}
        proposals:
          - id: "=1+1"
            title: "=HYPERLINK(\\"http://x\\",\\"click\\")"
            responds_to:
              - {ask: proper-funding, stance: agree, note: "+cmd"}
              - {ask: workforce/money, stance: partly, note: "@SUM(A1)"}
          - {id: "2", title: "-2 not assessed"}
        """,
    )
    result = invoke("compare", doc, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["proposal", "proposal_title", "chapter", "ask", "ask_title", "stance", "verdict", "note",
                       "assessment_status", "assessment_by"]  # fmt: skip
    assert rows[1] == ["'=1+1", "'=HYPERLINK(\"http://x\",\"click\")", "", "proper-funding",
                       "Proper funding for SEND services", "agree", "met", "'+cmd", "draft", ""]  # fmt: skip
    assert rows[2][3:] == ["workforce/money", "Right people, right knowledge, right skills: Money", "partly",
                           "partly-met", "'@SUM(A1)", "draft", ""]  # fmt: skip
    assert rows[3] == ["2", "'-2 not assessed", "", "", "", "", "", "", "draft", ""]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("  - {id: '1', title: a, responds_to: [{ask: minimum-standard, stance: agree}]}",
         "7:45: unknown ask 'minimum-standard' (did you mean 'minimum-standards'?)"),
        ("  - {id: '1', title: a}\n  - {id: '1', title: b}", "8:10: duplicate proposal id '1' (first used on line 7)"),
        ("  - {id: '1', title: a, responds_to: [{ask: workforce, stance: maybe}]}",
         "7:64: 'maybe' is not a valid stance: use 'agree', 'partly' or 'disagree'"),
        ("  - {id: '1', summary: no title}", "7:5: missing 'title': this field is required"),
        ("  - {id: '1', title: a, responds_to: [{ask: enough-money/money, stance: agree}]}",
         "7:45: 'enough-money' has no lens points, so 'enough-money/money' does not exist"),
    ],
    ids=["unknown-ask", "duplicate-id", "unknown-stance", "missing-title", "lens-of-ask-without-lenses"],
)  # fmt: skip
def test_compare_bad_input(invoke: Invoke, write: Write, body: str, message: str) -> None:
    doc = write("doc.yaml", f"# a comment\ndocument:\n  title: Paper\n  kind: other\n\nproposals:\n{body}\n")
    result = invoke("compare", doc)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{doc}:{message}")
    assert "Traceback" not in result.output


def test_compare_reports_all_problems_at_once(invoke: Invoke, write: Write) -> None:
    doc = write(
        "doc.yaml",
        """
        document: {title: Paper, kind: other}
        proposals:
          - {id: "1", title: a, responds_to: [{ask: enough-mony, stance: agree}]}
          - {id: "1", title: b, responds_to: [{ask: workforce/inclusin, stance: agree}]}
        """,
    )
    result = invoke("compare", doc)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 3


def test_unexpected_errors_are_short_without_debug(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import sendreview.analysis.compare as compare_module

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(compare_module, "compare", broken)
    result = invoke("compare", GREEN_PAPER)
    assert result.exit_code == 3
    assert "unexpected error (RuntimeError: boom)" in result.stderr
    assert "Traceback" not in result.stderr
    result = invoke("--debug", "compare", GREEN_PAPER)
    assert result.exit_code == 3
    assert "Traceback" in result.stderr


@pytest.mark.parametrize("kind", ["document", "asks", "timeline", "compare", "aggregate", "evidence", "survey-map"])
def test_schema_command_prints_the_published_schema(invoke: Invoke, kind: str) -> None:
    result = invoke("schema", kind)
    assert result.exit_code == 0, result.output
    published = Path(__file__).parent.parent / "docs" / "schemas" / f"{kind}.schema.json"
    assert result.stdout == published.read_text(encoding="utf-8"), "run: sendreview schema KIND > docs/schemas/..."


def test_example_document_validates_against_the_document_schema() -> None:
    import yaml

    data = yaml.load(GREEN_PAPER.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar as text
    jsonschema.validate(data, schema_dict("document"))


def test_validate_commitment_phrase_files(invoke: Invoke, write: Write) -> None:
    assert invoke("validate", GREEN_PAPER.parent.parent / "data" / "commitments.yaml").exit_code == 0
    path = write("phrases.yaml", "strengths:\n  duty: [must, must]\n  dutie: [x]\n")
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:2:16: 'must' is already listed under duty (line 2)",
        f"{path}:3:3: unknown field 'dutie' (did you mean 'duty'?)",
    ]
