"""`sendreview aggregate`: tens of generated forums with known stances, every figure checked
against values worked out here, independently of the code under test."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sendreview.models.document import REGIONS
from tests.conftest import ROOT, Invoke

PROPOSALS = ["p1", "p2", "p3", "p4", "p5", "p6"]
ASKS = ["proper-funding", "coproduction", "no-dilution-of-rights", "listen-early"]
RED_LINES = {"no-dilution-of-rights"}
STANCES = ["agree", "partly", "disagree"]
PAPER = {"title": "A Paper About SEND", "kind": "green-paper", "published": "2026-02-23"}


def _forum_file(folder: Path, number: int, region: str | None, links: dict[str, dict[str, str]], **extra: Any) -> Path:
    proposals = []
    for pid in extra.pop("proposals", PROPOSALS):
        item: dict[str, Any] = {"id": pid, "title": extra.get("titles", {}).get(pid, f"Proposal {pid}")}
        if links.get(pid):
            item["responds_to"] = [{"ask": ask, "stance": stance} for ask, stance in links[pid].items()]
        proposals.append(item)
    assessment: dict[str, Any] = {"by": extra.get("by", f"Forum {number:02d}"), "status": "draft"}
    if region:
        assessment["region"] = region
    document = {**PAPER, **extra.get("paper", {})}
    path = folder / f"forum-{number:02d}.yaml"
    path.write_text(
        yaml.safe_dump({"document": document, "assessment": assessment, "proposals": proposals}, sort_keys=False),
        encoding="utf-8",
    )
    return path


def _generate(folder: Path, forums: int = 40, seed: int = 14) -> list[dict[str, Any]]:
    """Forums with random stances (some links not assessed); returns what each forum said."""
    rng = random.Random(seed)
    made = []
    for number in range(1, forums + 1):
        region = REGIONS[number % 9] if number % 11 else None
        links: dict[str, dict[str, str]] = {}
        for pid in PROPOSALS:
            lean = {"p1": "agree", "p2": "disagree", "p3": "partly"}.get(pid)
            for ask in ASKS[: 1 + PROPOSALS.index(pid) % 4]:
                if rng.random() < 0.15:
                    continue
                stance = lean if lean and rng.random() < 0.85 else rng.choice(STANCES)
                links.setdefault(pid, {})[ask] = stance
        _forum_file(folder, number, region, links)
        made.append({"name": f"Forum {number:02d}", "region": region or "not given", "links": links})
    return made


def expected_consensus(counts: dict[str, int]) -> str:
    """The documented rule, written out with exact fractions."""
    total = sum(counts.values())
    if total == 0:
        return "no-view"
    if total < 3:
        return "too-few"
    shares = sorted((Fraction(c, total) for c in counts.values()), reverse=True)
    if shares[0] >= Fraction(3, 4):
        return "strong"
    if shares[1] >= Fraction(1, 3):
        return "split"
    if shares[0] > Fraction(1, 2):
        return "majority"
    return "mixed"


@pytest.fixture
def forums(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path / "forums"
    folder.mkdir()
    return folder, _generate(folder)


def _json(invoke: Invoke, *args: str | Path) -> dict[str, Any]:
    result = invoke("aggregate", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_every_count_share_and_consensus(invoke: Invoke, forums: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, made = forums
    data = _json(invoke, folder, "--by", "region")
    assert data["summary"]["forums"] == 40 and data["summary"]["proposals"] == 6
    pairs = {(pid, ask) for forum in made for pid, links in forum["links"].items() for ask in links}
    assert {(link["proposal"], link["ask"]) for link in data["links"]} == pairs
    for link in data["links"]:
        key = (link["proposal"], link["ask"])
        for region in ["all", *REGIONS, "not given"]:
            chosen = [f for f in made if region in ("all", f["region"])]
            given = [f["links"].get(key[0], {}).get(key[1]) for f in chosen]
            counts = {s: given.count(s) for s in STANCES}
            tally = link["all"] if region == "all" else next(t for t in link["regions"] if t["region"] == region)
            assessed = sum(counts.values())
            assert tally["forums"] == len(chosen)
            assert [tally["agree"], tally["partly"], tally["disagree"]] == [counts[s] for s in STANCES], (key, region)
            assert tally["not_assessed"] == len(chosen) - assessed
            for stance in STANCES:
                want = None if assessed == 0 else round(counts[stance] / assessed, 6)
                got = tally[f"{stance}_share"]
                assert (got if got is None else round(got, 6)) == want
            assert tally["consensus"] == expected_consensus(counts), (key, region, counts)
        if link["all"]["consensus"] == "strong":
            leading = link["all"]["leading"]
            dissent = sorted(f["name"] for f in made if f["links"].get(key[0], {}).get(key[1]) not in (None, leading))
            assert sorted(d["forum"] for d in link["dissenters"]) == dissent
        else:
            assert link["dissenters"] == []


def test_red_lines_and_each_asks_verdicts(invoke: Invoke, forums: tuple[Path, list[dict[str, Any]]]) -> None:
    folder, made = forums
    data = _json(invoke, folder)
    breaches = {(b["proposal"], b["ask"]): b for b in data["red_line_breaches"]}
    expected = {}
    for pid in PROPOSALS:
        for ask in RED_LINES:
            seeing = sorted(f["name"] for f in made if f["links"].get(pid, {}).get(ask) == "disagree")
            if seeing:
                expected[(pid, ask)] = seeing
    assert set(breaches) == set(expected) and expected
    for key, seeing in expected.items():
        assert breaches[key]["forums"] == len(seeing) and list(breaches[key]["named"]) == seeing
        assert breaches[key]["of"] == 40
    # Each forum's own verdict on an ask without lens points: the compare rule, worked out here.
    spreads = {a["ask"]: a["all"] for a in data["asks"]}
    for ask in ASKS:
        verdicts = []
        for forum in made:
            found = {links[ask] for links in forum["links"].values() if ask in links}
            if not found:
                verdicts.append("not_addressed")
            elif "disagree" in found:
                verdicts.append("contested" if len(found) > 1 else "opposed")
            else:
                verdicts.append("met" if "agree" in found else "partly_met")
        for verdict in ("met", "partly_met", "contested", "opposed", "not_addressed"):
            assert spreads[ask][verdict] == verdicts.count(verdict), (ask, verdict)
        assert spreads[ask]["forums"] == 40


def test_consensus_thresholds_at_their_edges(invoke: Invoke, tmp_path: Path) -> None:
    """3 of 4 is strong; 2 and 2 of 6 with 2 more is split; 3 of 5 is a majority; 2 of 5 mixed."""
    cases = {
        "p1": ["agree", "agree", "agree", "disagree"],  # 75 %: strong
        "p2": ["agree", "agree", "disagree", "disagree", "partly", "partly"],  # a third each: split
        "p3": ["agree", "agree", "agree", "partly", "disagree"],  # 60 %: majority
        "p4": ["agree", "agree", "partly", "disagree", "disagree"],  # 40/40: split
        "p5": ["agree", "agree"],  # too few
        "p6": ["agree", "agree", "agree", "agree", "partly", "partly", "disagree"],  # 57 %, 29 %: majority
    }
    for number in range(7):
        links = {pid: {"proper-funding": stances[number]} for pid, stances in cases.items() if number < len(stances)}
        _forum_file(tmp_path, number, None, links)
    data = _json(invoke, tmp_path)
    got = {link["proposal"]: link["all"]["consensus"] for link in data["links"]}
    assert got == {"p1": "strong", "p2": "split", "p3": "majority", "p4": "split", "p5": "too-few", "p6": "majority"}
    [p1] = [link for link in data["links"] if link["proposal"] == "p1"]
    assert [(d["forum"], d["stance"]) for d in p1["dissenters"]] == [("Forum 03", "disagree")]


def test_json_validates_against_the_published_schema(invoke: Invoke, forums: tuple[Path, Any]) -> None:
    schema = json.loads((ROOT / "docs" / "schemas" / "aggregate.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(_json(invoke, forums[0], "--by", "region"), schema)


def test_csv_has_a_row_per_proposal_ask_and_region(invoke: Invoke, forums: tuple[Path, Any]) -> None:
    folder, _ = forums
    data = _json(invoke, folder)
    result = invoke("aggregate", folder, "--by", "region", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(data["links"]) * 11
    first = rows[0]
    assert first["region"] == "all" and first["status"] == "draft"
    assert [r["region"] for r in rows[1:11]] == [*REGIONS, "not given"]
    link = data["links"][0]
    assert (first["proposal"], first["ask"], int(first["agree"])) == (
        link["proposal"],
        link["ask"],
        link["all"]["agree"],
    )


def test_outputs_carry_the_label_and_escape_data(invoke: Invoke, tmp_path: Path) -> None:
    titles = {"p1": '=HYPERLINK("http://x.invalid","y") <script>alert(1)</script> # [link](http://x.invalid)'}
    for number in range(3):
        _forum_file(tmp_path, number, "London", {"p1": {"no-dilution-of-rights": "disagree"}}, titles=titles)
    markdown = invoke("aggregate", tmp_path, "-f", "markdown").stdout
    assert "Draft: 3 of 3 assessments are not yet agreed" in markdown
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    assert "[link](http" not in markdown
    rows = list(csv.reader(io.StringIO(invoke("aggregate", tmp_path, "-f", "csv").stdout)))
    assert rows[1][1].startswith("'=HYPERLINK")
    page = invoke("aggregate", tmp_path, "-f", "html").stdout
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'role="img"' in page and "<title" in page
    table = invoke("aggregate", tmp_path, "--by", "region")
    assert table.exit_code == 0 and "Draft: 3 of 3" in table.stdout and "✘" in table.stdout


def test_illustrative_files_make_an_illustrative_aggregate(invoke: Invoke) -> None:
    data = _json(invoke, ROOT / "examples" / "network" / "forums")
    assert data["status"] == "illustrative"
    assert data["label"].startswith("Illustrative: 30 of 30 assessments are examples")


def test_different_papers_are_refused(invoke: Invoke, tmp_path: Path) -> None:
    for number in range(3):
        _forum_file(tmp_path, number, None, {"p1": {"coproduction": "agree"}})
    odd = _forum_file(tmp_path, 7, None, {"p1": {"coproduction": "agree"}}, paper={"title": "Another Paper"})
    late = _forum_file(tmp_path, 8, None, {}, paper={"published": "2026-03-01"})
    result = invoke("aggregate", tmp_path)
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{odd}:2:10: this file is about 'Another Paper', but 3 of 5 files are about")
    assert lines[1].startswith(f"{late}:4:14: this file gives the paper's publication date as '2026-03-01'")


def test_the_same_forum_twice_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    first = _forum_file(tmp_path, 1, None, {}, by="Anytown PCF")
    second = _forum_file(tmp_path, 2, None, {}, by="  anytown   pcf ")
    result = invoke("aggregate", first, second)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{second}:")
    assert "'anytown   pcf' is already counted" in result.stderr  # the name as typed, spaces at the ends gone
    assert f"is already counted from {first}: the same forum twice would be counted twice" in result.stderr


def test_proposals_that_differ_are_a_warning_and_count_as_not_assessed(invoke: Invoke, tmp_path: Path) -> None:
    for number in range(3):
        _forum_file(tmp_path, number, None, {"p1": {"coproduction": "agree"}})
    odd = _forum_file(tmp_path, 5, None, {"p9": {"coproduction": "disagree"}}, proposals=["p2", "p9"])
    result = invoke("aggregate", tmp_path, "-f", "json")
    assert result.exit_code == 0
    warning = result.stderr.strip()
    assert warning.startswith(f"{odd}:")
    assert "warning: this file's proposals differ from the paper's: it lacks p1, p3, p4, p5, p6" in warning
    assert "p9 is not in the others (left out)" in warning
    data = json.loads(result.stdout)
    [link] = data["links"]
    assert (link["all"]["agree"], link["all"]["not_assessed"], link["all"]["forums"]) == (3, 1, 4)
    assert data["mismatches"][0]["extra"] == ["p9"]


def test_a_file_without_by_counts_under_its_name(invoke: Invoke, tmp_path: Path, write: Callable[..., Path]) -> None:
    path = write("anon.yaml", f"document: {json.dumps(PAPER)}\nproposals:\n  - id: p1\n    title: One\n")
    result = invoke("aggregate", path, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"{path}:1:1: warning: the assessment does not say whose it is")
    assert json.loads(result.stdout)["forums"][0]["name"] == str(path)


def test_bad_input_names_file_and_place(invoke: Invoke, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("aggregate", empty)
    assert result.exit_code == 2 and "is a folder, not a file, and holds no .yaml files" in result.stderr
    bad = _forum_file(tmp_path, 1, None, {"p1": {"no-such-ask": "agree"}})
    result = invoke("aggregate", bad)
    assert result.exit_code == 2 and result.stderr.startswith(f"{bad}:")
    out = tmp_path / "out.html"
    result = invoke("aggregate", bad, "-f", "html", "-o", out)
    assert result.exit_code == 2 and not out.exists()
    result = invoke("aggregate", _forum_file(tmp_path, 2, None, {}), "-f", "table", "-o", out)
    assert result.exit_code == 2 and "is a table for the screen" in result.stderr and not out.exists()


def test_the_screen_shows_at_most_300_links(invoke: Invoke, tmp_path: Path) -> None:
    ids = [f"q{n}" for n in range(110)]
    links = {pid: {"proper-funding": "agree", "coproduction": "partly", "listen-early": "disagree"} for pid in ids}
    _forum_file(tmp_path, 1, "London", links, proposals=ids)
    result = invoke("aggregate", tmp_path)
    assert result.exit_code == 0
    assert "The first 300 of 330 links: --format html, markdown or csv has them all." in result.stdout
    assert "q99 " in result.stdout and "q100 " not in result.stdout
    assert len(json.loads(invoke("aggregate", tmp_path, "-f", "json").stdout)["links"]) == 330
