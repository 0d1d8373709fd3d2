"""`sendreview evidence`: survey shares and Wilson intervals checked against values worked out here,
small-number suppression, the personal-data guard in every output, and bad survey files."""

from __future__ import annotations

import csv
import io
import json
import math
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import ROOT, Invoke

MAP = """\
survey:
  title: A survey
  respondent_id: ID
questions:
  - column: Q1
    proposal: p1
    about: mandatory mediation
describe:
  - column: Setting
free_text:
  - column: Comments
schools:
  - Oakfield Primary
"""
SUPPORT = ["Strongly agree", "Agree", "strongly Agree", "AGREE"]
OPPOSE = ["Disagree", "Strongly disagree", " disagree "]
NEUTRAL = ["Neither agree nor disagree", "Neither", "neutral"]
DONT_KNOW = ["Don't know", "Don\u2019t know", "not sure"]  # a curly apostrophe, as Word types it


def wilson_by_quadratic(k: int, n: int) -> tuple[float, float]:
    """The Wilson interval as the two roots of (p - k/n)^2 = z^2 p (1 - p) / n, solved for p."""
    z = 1.959963984540054
    phat = k / n
    a = 1 + z * z / n
    b = -(2 * phat + z * z / n)
    c = phat * phat
    root = math.sqrt(b * b - 4 * a * c)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


def _survey(path: Path, rows: list[dict[str, str]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.DictWriter(stream, ["ID", "Setting", "Q1", "Comments"], delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _rows(groups: dict[str, tuple[int, int, int, int, int]], seed: int = 3) -> list[dict[str, str]]:
    """Rows for each setting: (support, oppose, neutral, don't know, blank) answers, shuffled."""
    rng = random.Random(seed)
    rows = []
    for setting, (s, o, n, d, blank) in groups.items():
        answers = (
            [rng.choice(SUPPORT) for _ in range(s)]
            + [rng.choice(OPPOSE) for _ in range(o)]
            + [rng.choice(NEUTRAL) for _ in range(n)]
            + [rng.choice(DONT_KNOW) for _ in range(d)]
            + [""] * blank
        )
        rows += [{"Setting": setting, "Q1": answer, "Comments": ""} for answer in answers]
    rng.shuffle(rows)
    for number, row in enumerate(rows, 1):
        row["ID"] = f"R{number}"
    return rows


@pytest.fixture
def survey_map(write: Callable[[str, str], Path]) -> Path:
    return write("map.yaml", MAP)


def _evidence(invoke: Invoke, survey: Path, survey_map: Path, *args: str) -> dict[str, Any]:
    result = invoke("evidence", survey, "--map", survey_map, "-f", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


GROUPS = {
    "Mainstream": (120, 300, 40, 25, 7),
    "Special": (35, 70, 5, 4, 1),
    "Early years": (4, 4, 1, 2, 0),  # n = 9: suppressed
    "College": (3, 6, 1, 0, 0),  # n = 10: shown
    "Home": (2, 2, 0, 1, 0),  # n = 4: suppressed, so no second group need be
}


def test_shares_and_wilson_intervals(invoke: Invoke, tmp_path: Path, survey_map: Path) -> None:
    data = _evidence(invoke, _survey(tmp_path / "s.csv", _rows(GROUPS)), survey_map)
    assert data["respondents"] == sum(sum(g) for g in GROUPS.values())
    [question] = data["questions"]
    support = sum(g[0] for g in GROUPS.values())
    oppose = sum(g[1] for g in GROUPS.values())
    n = support + oppose + sum(g[2] for g in GROUPS.values())
    figures = question["all"]
    assert figures["n"] == n and figures["dont_know"] == sum(g[3] for g in GROUPS.values())
    for key, count in (("support", support), ("oppose", oppose)):
        low, high = wilson_by_quadratic(count, n)
        got = figures[key]
        assert got["count"] == count
        assert round(got["share"], 3) == round(count / n, 3)
        assert (round(got["low"], 3), round(got["high"], 3)) == (round(low, 3), round(high, 3))
    [breakdown] = question["breakdowns"]
    by_group = {g["group"]: g for g in breakdown["groups"]}
    assert set(by_group) == set(GROUPS)
    for name in ("Mainstream", "Special", "College"):
        s, o, neutral, d, _ = GROUPS[name]
        assert by_group[name]["suppressed"] is False
        assert by_group[name]["n"] == s + o + neutral and by_group[name]["dont_know"] == d
        low, high = wilson_by_quadratic(o, s + o + neutral)
        assert round(by_group[name]["oppose"]["low"], 3) == round(low, 3)
        assert round(by_group[name]["oppose"]["high"], 3) == round(high, 3)
    assert by_group["Home"]["suppressed"] is True
    assert by_group["Early years"] == {
        "group": "Early years",
        "suppressed": True,
        "n": None,
        "support": None,
        "oppose": None,
        "neutral": None,
        "dont_know": None,
    }


def test_one_small_group_hides_the_next_smallest(invoke: Invoke, tmp_path: Path, survey_map: Path) -> None:
    """With only one group hidden, the total minus the others would give it away: the smallest other goes too."""
    groups = {"A": (50, 50, 0, 0, 0), "B": (10, 10, 0, 0, 0), "C": (3, 2, 0, 0, 0)}
    data = _evidence(invoke, _survey(tmp_path / "s.csv", _rows(groups)), survey_map)
    hidden = {g["group"]: g["suppressed"] for g in data["questions"][0]["breakdowns"][0]["groups"]}
    assert hidden == {"A": False, "B": True, "C": True}
    groups = {"A": (50, 50, 0, 0, 0), "B": (4, 4, 0, 0, 0), "C": (3, 2, 0, 0, 0)}
    data = _evidence(invoke, _survey(tmp_path / "t.csv", _rows(groups)), survey_map)
    hidden = {g["group"]: g["suppressed"] for g in data["questions"][0]["breakdowns"][0]["groups"]}
    assert hidden == {"A": False, "B": True, "C": True}


def test_suppressed_groups_show_no_figure_in_any_format(invoke: Invoke, tmp_path: Path, survey_map: Path) -> None:
    survey = _survey(tmp_path / "s.csv", _rows(GROUPS))
    table = invoke("evidence", survey, "--map", survey_map).stdout
    line = next(line for line in table.splitlines() if "Early years" in line)
    assert "under 10" in line and "suppressed" in line and "%" not in line
    markdown = invoke("evidence", survey, "--map", survey_map, "-f", "markdown").stdout
    line = next(line for line in markdown.splitlines() if "Early years" in line)
    assert "%" not in line and "suppressed" in line
    rows = list(csv.DictReader(io.StringIO(invoke("evidence", survey, "--map", survey_map, "-f", "csv").stdout)))
    [row] = [r for r in rows if r["group"] == "Early years"]
    assert row["suppressed"] == "yes" and row["n"] == row["support_share"] == row["oppose"] == ""


PERSONAL = [
    ("My son Jake hates it", "Jake"),
    ("my daughter, Amelia Rose, waited a year", "Amelia"),
    ("Our twins Ava and Mia were refused", "Mia"),
    ("write to jo.bloggs+send@example.co.uk please", "jo.bloggs"),
    ("ring 07700 900123 any time", "900123"),
    ("or +44 7700 900456", "900456"),
    ("office (020) 7946 0018", "7946"),
    ("Birmingham 0121-496-0000", "496"),
    ("we live in SW1A 1AA", "SW1A"),
    ("near m1 1ae", "m1 1ae"),
    ("she goes to oakfield primary", "oakfield"),
]


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_personal_data_is_taken_out_of_every_output(invoke: Invoke, tmp_path: Path, survey_map: Path, fmt: str) -> None:
    rows = [
        {"ID": str(i), "Setting": "Mainstream", "Q1": "Agree", "Comments": text} for i, (text, _) in enumerate(PERSONAL)
    ]
    rows.append({"ID": "x", "Setting": "Mainstream", "Q1": "Agree", "Comments": '=HYPERLINK("http://x.invalid")'})
    survey = _survey(tmp_path / "s.csv", rows)
    result = invoke("evidence", survey, "--map", survey_map, "--quotes", "-f", fmt)
    assert result.exit_code == 0, result.output
    for _, secret in PERSONAL:
        assert secret not in result.stdout, (fmt, secret)
    for marker in ("[name]", "[email]", "[phone number]", "[postcode]", "[school]"):
        shown = marker.replace("[", "\\[").replace("]", "\\]") if fmt == "markdown" else marker
        assert shown in result.stdout, (fmt, marker)
    if fmt == "csv":
        quotes = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["kind"] == "quote"]
        assert len(quotes) == len(PERSONAL) + 1
        assert quotes[-1]["text"].startswith("'=HYPERLINK")
    if fmt == "json":
        free = json.loads(result.stdout)["free_text"][0]
        assert free["answers"] == len(PERSONAL) + 1 and free["with_personal_data"] == len(PERSONAL)
    without = invoke("evidence", survey, "--map", survey_map, "-f", fmt).stdout
    assert "hates it" not in without and "[name]" not in without


def test_json_validates_against_the_published_schema(invoke: Invoke, tmp_path: Path, survey_map: Path) -> None:
    schema = json.loads((ROOT / "docs" / "schemas" / "evidence.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(_evidence(invoke, _survey(tmp_path / "s.csv", _rows(GROUPS)), survey_map, "--quotes"), schema)


def test_excel_files_are_read(invoke: Invoke, tmp_path: Path, survey_map: Path) -> None:
    """A BOM, semicolons, CRLF, a quoted cell over two lines, and Excel's older Windows-1252."""
    rows = _rows({"Mainstream": (12, 3, 0, 0, 0)})
    rows[0]["Comments"] = "two\nlines, and “quotes”"
    plain = _evidence(invoke, _survey(tmp_path / "a.csv", rows), survey_map)
    bom = _evidence(invoke, _survey(tmp_path / "b.csv", rows, encoding="utf-8-sig", delimiter=";"), survey_map)
    assert plain["questions"] == bom["questions"] and bom["respondents"] == 15
    rows[0]["Comments"] = "café"
    result = invoke("evidence", _survey(tmp_path / "c.csv", rows, encoding="cp1252"), "--map", survey_map, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"{tmp_path / 'c.csv'}:1:1: warning: this file is not UTF-8")
    assert json.loads(result.stdout)["questions"] == plain["questions"]


def test_unknown_answers_are_refused_with_their_place(invoke: Invoke, tmp_path: Path, survey_map: Path) -> None:
    rows = _rows({"Mainstream": (12, 3, 0, 0, 0)})
    rows[4]["Q1"] = "Tout à fait d'accord"
    rows[7]["Q1"] = "Agreee"
    rows[9]["Q1"] = "Agreee"
    survey = _survey(tmp_path / "s.csv", rows)
    out = tmp_path / "out.json"
    result = invoke("evidence", survey, "--map", survey_map, "-f", "json", "-o", out)
    assert result.exit_code == 2 and not out.exists()
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{survey}:6:3: 'Tout à fait d'accord' in column 'Q1' is not an answer the map knows: add it under"
        f" support, oppose, neutral or dont_know for this question in {survey_map}"
    )
    assert lines[1].startswith(f"{survey}:9:3: 'Agreee' in column 'Q1' (2 rows) is not an answer the map knows")
    assert "(did you mean 'agree'?)" in lines[1]


def test_the_map_can_add_answers(invoke: Invoke, tmp_path: Path, write: Callable[[str, str], Path]) -> None:
    survey_map = write("fr.yaml", MAP.replace("about: mandatory mediation", 'support: ["D\'accord"]'))
    rows = _rows({"Mainstream": (12, 3, 0, 0, 0)})
    rows[0]["Q1"] = "d'accord"
    data = _evidence(invoke, _survey(tmp_path / "s.csv", rows), survey_map)
    supporting = sum(1 for row in rows if row["Q1"] in (*SUPPORT, "d'accord"))
    assert data["questions"][0]["all"]["support"]["count"] == supporting


def test_duplicated_respondent_and_missing_column(
    invoke: Invoke, tmp_path: Path, survey_map: Path, write: Callable[[str, str], Path]
) -> None:
    rows = _rows({"Mainstream": (12, 3, 0, 0, 0)})
    rows[5]["ID"] = rows[2]["ID"]
    survey = _survey(tmp_path / "s.csv", rows)
    result = invoke("evidence", survey, "--map", survey_map)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{survey}:7:1: respondent id '{rows[2]['ID']}' is here twice (first on line 4): counted twice otherwise"
    )
    text = MAP.replace("column: Setting", "column: Settings").replace("- column: Q1", "- column: Q11")
    wrong = write("wrong.yaml", text)
    result = invoke("evidence", survey, "--map", wrong)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{wrong}:5:13: column 'Q11' is not in {survey} (did you mean 'Q1'?)",
        f"{wrong}:9:13: column 'Settings' is not in {survey} (did you mean 'Setting'?)",
    ]


def test_files_too_big_or_not_files(
    invoke: Invoke, tmp_path: Path, survey_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    survey = _survey(tmp_path / "s.csv", _rows({"Mainstream": (12, 3, 0, 0, 0)}))
    monkeypatch.setenv("SENDREVIEW_MAX_TABLE_BYTES", "100")
    result = invoke("evidence", survey, "--map", survey_map)
    assert result.exit_code == 2
    assert "over the limit of 100 (set SENDREVIEW_MAX_TABLE_BYTES to raise it)" in result.stderr
    monkeypatch.delenv("SENDREVIEW_MAX_TABLE_BYTES")
    result = invoke("evidence", tmp_path, "--map", survey_map)
    assert result.exit_code == 2 and "is a folder, not a file" in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    result = invoke("evidence", empty, "--map", survey_map)
    assert result.exit_code == 2 and "expected a header row" in result.stderr


def test_the_example_is_labelled_illustrative(invoke: Invoke) -> None:
    folder = ROOT / "examples" / "network"
    result = invoke("evidence", folder / "survey.csv", "--map", folder / "survey.yaml", "-f", "markdown")
    assert result.exit_code == 0
    assert "**Illustrative: example figures, not a real survey of parents" in result.stdout
    assert "SYNTHETIC" in (folder / "survey.yaml").read_text(encoding="utf-8")
