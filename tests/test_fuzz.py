"""Property-based tests: any valid document loads and compares with its text kept exactly, and no
mangled file (characters deleted, lines swapped, tabs inserted, cut short) makes a command crash.

The examples are the same on every run, so a failure can be reproduced; run
`SENDREVIEW_FUZZ=deep pytest tests/test_fuzz.py` to try thousands of new ones.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendreview.api import load_catalogue
from sendreview.render.yamltext import quoted
from tests.conftest import GREEN_PAPER, Invoke
from tests.test_corpus import COVERED

# Fuzzing takes a while; `pytest -m "not slow"` leaves it out, `pytest` runs it.
pytestmark = pytest.mark.slow

settings.register_profile(
    "repeatable", max_examples=60, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile("deep", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile("deep" if os.environ.get("SENDREVIEW_FUZZ") == "deep" else "repeatable")

CATALOGUE = load_catalogue()
TARGETS = sorted(CATALOGUE.target_index())
KINDS = ["green-paper", "white-paper", "improvement-plan", "bill", "act", "other"]
STANCES = ["agree", "partly", "disagree"]

# Text as people type and paste it: any character a file can hold, and words YAML 1.1 would
# turn into something else. PyYAML's own writer puts U+2028, U+2029 and U+0085 in a file raw,
# which sendreview refuses (YAML reads them as new lines where editors show none), so the
# PyYAML-written examples leave them out; sendreview's own writer escapes them.
TRICKY = [
    "yes",
    "No",
    "on",
    "OFF",
    "~",
    "null",
    "2.10",
    "02",
    "010",
    "1e3",
    ".5",
    "0x1F",
    "1:30",
    ".inf",
    "#1",
    "*a",
    "&a",
    "!!str",
    "- a",
    "a: b",
    "{{ 7*7 }}",
    "=1+1",
    "<b>",
    "[x](y)",
]
# Unicode's white space, which pydantic strips from ids and titles (Python's str.strip also takes
# the control characters U+001C to U+001F).
WHITE_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
TEXT = st.one_of(ANY_TEXT, st.sampled_from(TRICKY))
# What an id may hold: no character that does not show (docs/security.md): not Unicode's control,
# format, surrogate, private-use or unassigned characters (noncharacters among them), nor the blank
# fillers, the grapheme joiner, Khmer's silent vowels or the variation selectors.
VARIATION_SELECTORS = "".join(map(chr, [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]))
NOT_SHOWN = "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0" + VARIATION_SELECTORS
VISIBLE = st.characters(exclude_categories=["Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp"], exclude_characters=NOT_SHOWN)
ID = st.one_of(st.sampled_from(TRICKY), st.text(VISIBLE, min_size=1, max_size=12)).filter(lambda s: s.strip() != "")
TITLE = TEXT.filter(lambda s: s.strip() != "")  # str.strip takes more than pydantic, so this is on the safe side
DATE = st.one_of(
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
    st.builds(
        lambda m, y: f"{m} {y}",
        st.sampled_from(["March", "Sept", "spring", "Winter", "early", "Q3"]),
        st.integers(1000, 9999),
    ),
    st.integers(1000, 9999).map(str),
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, object]:
    """A valid document, as plain data."""
    info: dict[str, object] = {"title": draw(TITLE), "kind": draw(st.sampled_from(KINDS))}
    if draw(st.booleans()):
        info["published"] = draw(DATE)
    if draw(st.booleans()):
        info["consultation"] = {"opens": draw(DATE), "closes": draw(DATE)}
    ids = draw(st.lists(ID, max_size=8, unique_by=lambda s: s.strip(WHITE_SPACE)))
    proposals = []
    for proposal_id in ids:
        proposal: dict[str, object] = {"id": proposal_id, "title": draw(TITLE)}
        for field in ("chapter", "summary", "source"):
            if draw(st.booleans()):
                proposal[field] = draw(TEXT)
        asks = draw(st.lists(st.sampled_from(TARGETS), max_size=4, unique=True))
        links = [{"ask": ask, "stance": draw(st.sampled_from(STANCES))} for ask in asks]
        for link in links:
            if draw(st.booleans()):
                link["note"] = draw(TEXT)
        if links or draw(st.booleans()):
            proposal["responds_to"] = links
        proposals.append(proposal)
    return {"document": info, "proposals": proposals}


def _without_line_separators(value: object) -> object:
    if isinstance(value, str):
        return re.sub("[\u2028\u2029\x85]", "", value)
    if isinstance(value, list):
        return [_without_line_separators(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_line_separators(v) for k, v in value.items()}
    return value


def _sendreview_yaml(value: object, indent: str = "") -> str:
    """Block YAML with every string double-quoted the way sendreview writes it (render.yamltext)."""
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{indent}{key}:\n{_sendreview_yaml(item, indent + '  ')}")
            else:
                lines.append(f"{indent}{key}: {'[]' if item == [] else quoted(str(item))}\n")
        return "".join(lines)
    assert isinstance(value, list)
    parts = []
    for item in value:
        body = _sendreview_yaml(item, indent + "  ") if isinstance(item, dict) else quoted(str(item)) + "\n"
        parts.append(f"{indent}- {body.lstrip()}")
    return "".join(parts)


class _Dumper(yaml.SafeDumper):
    """PyYAML's writer, told that YAML 1.1 reads y and n as yes/no too (as sendreview does), so it quotes them."""


_Dumper.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:y|Y|n|N)$"), list("yYnN"))

WRITERS = st.sampled_from(["sendreview", "plain", "double", "single", "flow", "narrow"])


def _write(data: dict[str, object], writer: str) -> str:
    if writer == "sendreview":
        return _sendreview_yaml(data)
    data = _without_line_separators(data)  # type: ignore[assignment]
    style = {"double": '"', "single": "'"}.get(writer)
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_style=style,
        default_flow_style=writer == "flow",
        width=12 if writer == "narrow" else 80,  # narrow: long text is folded over several lines
    )


def _expected_verdict(stances: set[str]) -> str:
    """The README's table: how an ask's own links give its verdict."""
    if not stances:
        return "not-addressed"
    if "disagree" in stances:
        return "opposed" if stances == {"disagree"} else "contested"
    return "met" if "agree" in stances else "partly-met"


@given(data=documents(), writer=WRITERS)
def test_valid_documents_load_and_compare(
    invoke: Invoke, tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], writer: str
) -> None:
    if writer != "sendreview":
        data = _without_line_separators(data)  # type: ignore[assignment]
    path = tmp_path_factory.mktemp("fuzz") / "paper.yaml"
    path.write_text(_write(data, writer), encoding="utf-8")
    result = invoke("compare", path, "-f", "json")
    assert result.exit_code == 0, f"{result.output}\n--- the file ---\n{path.read_text(encoding='utf-8')}"
    out = json.loads(result.stdout)
    proposals = data["proposals"]
    assert isinstance(proposals, list)
    # Text comes back exactly as written (ids and titles lose only surrounding spaces).
    assert [p["id"] for p in out["proposals"]] == [p["id"].strip(WHITE_SPACE) for p in proposals]
    assert [p["title"] for p in out["proposals"]] == [p["title"].strip(WHITE_SPACE) for p in proposals]
    assert [p.get("chapter", "") for p in proposals] == [p["chapter"] for p in out["proposals"]]
    notes = [link.get("note", "") for p in proposals for link in p.get("responds_to", [])]
    assert notes == [link["note"] for p in out["proposals"] for link in p["links"]]
    # Every ask with no lens points has the verdict the README's table gives.
    stances: dict[str, set[str]] = {}
    for proposal in proposals:
        for link in proposal.get("responds_to", []):
            stances.setdefault(link["ask"], set()).add(link["stance"])
    for ask in out["asks"]:
        if not ask["lenses"]:
            assert ask["verdict"] == _expected_verdict(stances.get(ask["id"], set())), ask["id"]
    assert out["summary"]["asks"] == len(out["asks"])


# --- Mangled files ---------------------------------------------------------------------------------

# A small document using much of YAML: comments, anchors and aliases, flow and block styles,
# quoted and block scalars, fuzzy dates.
RICH = """\
# A paper, written by hand.
document:
  title: "SEND Review: a test paper"
  kind: green-paper
  published: 2022-03-29
  consultation: {opens: 2022-03-29, closes: Summer 2022}
  url: https://example.org/paper
proposals:
  - id: "1.1"
    chapter: The case for change
    title: New money
    summary: |
      More money for high needs,
      over three years.
    responds_to:
      - ask: proper-funding
        stance: partly
        note: &small Welcome, but small.
      - {ask: enough-money, stance: partly, note: *small}
  - id: '2.5'
    title: >
      A tailored list
      of settings
    responds_to:
      - ask: no-dilution-of-rights
        stance: disagree
      - ask: minimum-standards/inclusion
        stance: agree
  - id: 3.10
    title: Unassessed
"""
SPECIALS = [
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!python/object ",
    "!x ",
    "#",
    " #1",
    '"',
    "'",
    "|",
    ">",
    "%",
    "---\n",
    "...",
    "? ",
    "\t",
    "\x00",
    "\x1b[2J",
    "\ufeff",
    "\u2028",
    "\u200b",
    "é",
    "\\",
    "\n",
    "  ",
    "yes",
    "2022-02-30",
]


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    """RICH or the Green Paper example, with a few random changes."""
    text = draw(st.sampled_from([RICH, GREEN_PAPER.read_text(encoding="utf-8")]))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        change = draw(st.sampled_from(["delete", "swap", "tab", "truncate", "insert", "duplicate", "indent"]))
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        if change == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif change == "swap" and len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif change == "tab":
            text = text[:at] + "\t" + text[at:]
        elif change == "truncate":
            text = text[:at]
        elif change == "insert":
            text = text[:at] + draw(st.sampled_from(SPECIALS)) + text[at:]
        elif change == "duplicate" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif change == "indent" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i] if draw(st.booleans()) else lines[i].lstrip()
            text = "\n".join(lines)
    data = text.encode("utf-8")
    if draw(st.booleans()) and data:  # now and then, bytes that are not UTF-8
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xe9", b"\xc3", b"\x93"])) + data[at:]
    return data


# Each mangled file goes through one command that reads documents, chosen by the example.
RUNS = [(c.name, run) for c in COVERED for run in c.runs if "{out}" not in " ".join(run)]
_POSITIONED = re.compile(r"^.+:\d+:\d+: .+$")


@given(data=mangled(), run=st.sampled_from(RUNS))
def test_mangled_files_never_crash(
    invoke: Invoke, tmp_path_factory: pytest.TempPathFactory, data: bytes, run: tuple[str, tuple[str, ...]]
) -> None:
    path = tmp_path_factory.mktemp("mangled") / "paper.yaml"
    path.write_bytes(data)
    args = [a.format(doc=path, old=GREEN_PAPER) for a in run[1]]
    result = invoke(*args)
    shown = data.decode("utf-8", "replace")
    assert result.exit_code in (0, 1, 2), f"{result.output}\n--- the file ---\n{shown}"
    assert "Traceback" not in result.output, result.output
    if result.exit_code == 2:
        for line in result.stderr.splitlines():
            assert _POSITIONED.match(line), f"not FILE:LINE:COL: {line!r}\n--- the file ---\n{shown}"
    assert path.read_bytes() == data
