"""Sources held to a standard: official records first, sector and press named, some hosts avoided;
`validate` warns on an avoided host or a dated milestone with no source."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sendreview.sources import quality, why_avoid
from tests.conftest import ROOT, Invoke
from tests.test_timeline import Write

BUNDLED = sorted((ROOT / "data").glob("*.yaml"))
EXAMPLES = [p for p in sorted((ROOT / "examples").glob("*.yaml")) if p.name != "mistakes.yaml"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.gov.uk/government/consultations/send-review-right-support-right-place-right-time", "official"),
        ("https://educationhub.blog.gov.uk/2021/11/10/an-open-letter", "official"),
        ("https://hansard.parliament.uk/Commons/2022-03-29/debates/x/details", "official"),
        ("https://www.legislation.gov.uk/ukpga/2019/29", "official"),
        ("https://nnpcf.org.uk/2022/03/29/send-green-paper-response-from-the-nnpcf/", "official"),
        ("https://www.specialneedsjungle.com/sendreview/", "sector-or-press"),
        ("https://notgov.uk.example.com/page", "sector-or-press"),  # not a gov.uk subdomain
        ("https://dokumen.tips/document/send-review.html", "avoid"),
        ("https://uat.sec-ed.co.uk/content/news/x", "avoid"),
        ("https://parliamentary-search-265cced0397e.herokuapp.com/search-prototype/objects", "avoid"),
        ("https://www.parallelparliament.co.uk/question/157458/special-educational-needs", "avoid"),
        ("https://app.croneri.co.uk/whats-new/x?product=144", "avoid"),
    ],
)
def test_quality_of_a_source(url: str, expected: str) -> None:
    assert quality(url) == expected


def test_why_a_host_is_avoided() -> None:
    assert why_avoid("https://uat.sec-ed.co.uk/x") == "a test or prototype copy of a site"
    assert why_avoid("https://PARALLELPARLIAMENT.co.uk/x") == "an aggregator of parliamentary records"
    assert why_avoid("https://www.gov.uk/x") is None


def test_bundled_data_and_examples_validate_clean_even_when_strict(invoke: Invoke) -> None:
    result = invoke("validate", "--strict", *BUNDLED, *EXAMPLES)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr


@pytest.mark.parametrize("path", [*BUNDLED, *EXAMPLES], ids=lambda p: p.name)
def test_no_avoided_host_anywhere_in_shipped_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    avoided = [url for url in re.findall(r"https?://\S+", text) if why_avoid(url)]
    assert avoided == []


def _milestones() -> list[dict[str, Any]]:
    data = yaml.safe_load((ROOT / "data" / "timeline.yaml").read_text(encoding="utf-8"))
    return data["milestones"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("milestone", [m for m in _milestones() if m.get("date")], ids=lambda m: m["id"])
def test_every_dated_milestone_has_a_source_and_none_is_avoided(milestone: dict[str, Any]) -> None:
    sources = [milestone.get("source", "")]
    sources += [p["source"] for p in milestone.get("planned", [])]
    sources += [r["source"] for r in milestone.get("record", [])]
    assert all(isinstance(s, str) and s.strip() for s in sources), milestone["id"]
    assert not [url for s in sources for url in re.findall(r"https?://\S+", s) if why_avoid(url)]


def test_a_users_file_with_an_avoided_host_warns_and_strict_fails(invoke: Invoke, write: Write) -> None:
    paper = write(
        "paper.yaml",
        """
        document:
          title: A paper
          kind: green-paper
          url: https://dokumen.tips/document/a-paper.html
        # from https://uat.example.org/news
        proposals: []
        """,
    )
    result = invoke("validate", paper)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{paper}: ok (Document)\n"
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{paper}:4:8: warning: source on a host to avoid (dokumen.tips, a document mirror)")
    assert lines[1].startswith(f"{paper}:5:8: warning: source on a host to avoid (uat.example.org, a test or")
    result = invoke("validate", "--strict", paper)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "validate --strict: 2 warnings"


def test_a_dated_milestone_without_a_source_warns(invoke: Invoke, write: Write) -> None:
    timeline = write(
        "timeline.yaml",
        """
        milestones:
          - {id: paper, title: Paper, date: 31 January 2024, status: done, category: review}
          - {id: next, title: Next, status: expected, category: review}
          - {id: told, title: Told, date: 2025, status: done, category: review, source: "  "}
        """,
    )
    result = invoke("validate", timeline)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{timeline}:2:37: warning: milestone 'paper' has a date but no source; say where the date comes from",
        f"{timeline}:4:35: warning: milestone 'told' has a date but no source; say where the date comes from",
    ]
    assert invoke("validate", "--strict", timeline).exit_code == 1


def test_a_file_with_errors_reports_the_errors(invoke: Invoke, write: Write) -> None:
    paper = write("bad.yaml", "document: {title: A, kind: nonsense, url: 'https://dokumen.tips/x'}\nproposals: []\n")
    result = invoke("validate", "--strict", paper)
    assert result.exit_code == 2
    assert "'nonsense' is not a valid kind" in result.stderr
