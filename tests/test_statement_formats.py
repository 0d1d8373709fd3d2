"""The statement says the same sentences in every format: Markdown, text, HTML and Word.

Every sentence comes from the `Statement` result (its fields and its `words`); the templates and
the Word writer only lay them out. These tests read each format back as plain text, section by
section, and compare; golden files pin each format's exact output (`pytest --update-golden`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sendreview.analysis.statement import StatementWords
from tests.conftest import GREEN_PAPER, ORG, ROOT, Invoke

TODAY = "2026-11-28"
NETWORK = ROOT / "examples" / "network"
WORDS = StatementWords()
HEADINGS = [
    WORDS.who_we_are,
    WORDS.asked_for,
    WORDS.agree,
    WORDS.partly,
    WORDS.disagree,
    WORDS.missing,
    WORDS.not_assessed,
    WORDS.figures_elsewhere,
    WORDS.next,
]
Sections = dict[str, list[str]]


# --- Each format back to plain lines -------------------------------------------------------------


def _plain(line: str) -> str:
    """One line without list marks, quotes or a closing colon, in one case (text headings are capitals)."""
    line = re.sub(r"^\s*(?:[-*]|#+|>)\s+", "", line).strip()
    return line.replace('"', "").rstrip(":").casefold()


def _from_markdown(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*]|#+|>)\s+", "", line)
        line = re.sub(r"(?<!\\)\*", "", line)  # emphasis, not an escaped star from the data
        line = re.sub(r"<(https?://[^>]+)>", r"\1", line)  # the paper's address as an autolink
        lines.append(re.sub(r"\\(.)", r"\1", line))
    return lines


def _from_text(text: str) -> list[str]:
    return [line for line in text.splitlines() if not re.fullmatch(r"=+", line)]


class _Blocks(HTMLParser):
    """The text of each block (heading, paragraph, list item) of a page, leaving out its head,
    tables and pictures (only the web page and Word have the lens table; only the page has pictures)."""

    BLOCKS = frozenset({"h1", "h2", "h3", "p", "li", "ul"})
    SKIP = frozenset({"head", "table", "figure"})

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        if tag in self.BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping -= 1
        if tag in self.BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.lines[-1] += data


def _from_html(html: str) -> list[str]:
    parser = _Blocks()
    parser.feed(html)
    return parser.lines


def _from_docx(path: Path) -> list[str]:
    from docx import Document

    return [paragraph.text for paragraph in Document(str(path)).paragraphs]


def _sections(lines: list[str]) -> Sections:
    """Plain lines under each heading; "" holds what comes before the first."""
    headings = {h.casefold(): h for h in HEADINGS}
    sections: Sections = {"": []}
    current = ""
    for line in lines:
        plain = _plain(line)
        if not plain:
            continue
        if plain in headings:
            current = headings[plain]
            sections[current] = []
        else:
            sections[current].append(plain)
    return sections


# --- The four formats of one statement ------------------------------------------------------------


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example survey's and network's figures, so the statement has sentences under its points."""
    from typer.testing import CliRunner

    from sendreview.cli import app

    folder = tmp_path_factory.mktemp("statement-figures")
    evidence, network = folder / "evidence.json", folder / "network.json"
    runner = CliRunner()
    for command, out in (
        (
            ["evidence", str(NETWORK / "survey.csv"), "--map", str(NETWORK / "survey.yaml"), "-f", "json"],
            evidence,
        ),
        (["aggregate", str(NETWORK / "forums"), "-f", "json"], network),
    ):
        result = runner.invoke(app, [*command, "-o", str(out)])
        assert result.exit_code == 0, result.output
    return evidence, network


def _render_all(invoke: Invoke, folder: Path, *args: str | Path) -> dict[str, list[str]]:
    lines = {}
    for fmt in ("md", "txt", "html", "docx"):
        out = folder / f"statement.{fmt}"
        result = invoke("statement", GREEN_PAPER, "--org", ORG, "--today", TODAY, *args, "-o", out)
        assert result.exit_code == 0, result.output
        if fmt == "docx":
            lines[fmt] = _from_docx(out)
        else:
            text = out.read_text(encoding="utf-8")
            lines[fmt] = {"md": _from_markdown, "txt": _from_text, "html": _from_html}[fmt](text)
    return lines


def _without_date_line(sections: Sections) -> Sections:
    """The line under the title links the paper in its own way in each format ("Read it at ...",
    a link named "Read the Green Paper"); everything else must match word for word."""
    links = (f". {WORDS.read_it_at} ".casefold(), f". {WORDS.read_the} ".casefold())
    first = dict(sections)
    first[""] = [line.split(links[0])[0].split(links[1])[0].rstrip(".") for line in sections[""]]
    return first


@pytest.mark.parametrize("with_figures", [False, True], ids=["plain", "with-figures"])
def test_every_format_says_the_same_sentences(
    invoke: Invoke, tmp_path: Path, figures: tuple[Path, Path], with_figures: bool
) -> None:
    evidence, network = figures
    args = ("--evidence", evidence, "--network", network) if with_figures else ()
    formats = {fmt: _sections(lines) for fmt, lines in _render_all(invoke, tmp_path, *args).items()}
    markdown = formats["md"]
    assert list(markdown) == ["", *(h for h in HEADINGS if h in markdown)], "sections in their order"
    assert {*HEADINGS[:7], WORDS.next} <= set(markdown), "the example has every section but families' figures"
    assert all(markdown[heading] for heading in markdown), "every section says something"
    if with_figures:
        assert any("%" in line for line in markdown[WORDS.agree] + markdown[WORDS.disagree]), "figures are shown"
    # Word carries the lens table's caption as a paragraph; Markdown and text have no lens table.
    caption = WORDS.lens_caption.casefold()
    formats["docx"][WORDS.asked_for] = [line for line in formats["docx"][WORDS.asked_for] if line != caption]
    for fmt in ("txt", "html", "docx"):
        ours, theirs = _without_date_line(formats[fmt]), _without_date_line(markdown)
        assert list(ours) == list(theirs), f"{fmt} has other sections"
        for heading in theirs:
            assert ours[heading] == theirs[heading], f"{fmt} says something else under {heading or 'the title'!r}"


def test_the_comparison_would_see_a_changed_sentence() -> None:
    """The plain-text readers keep the words: a sentence changed in one format is a difference."""
    markdown = _sections(_from_markdown("## What we agree with\n- **1 A title** delivers *An ask*.\n"))
    text = _sections(_from_text('WHAT WE AGREE WITH\n  * 1 A title provides "An ask".\n'))
    html = _sections(
        _from_html("<h2>What we agree with</h2><ul><li><strong>1 A title</strong> delivers <em>An ask</em>.</li></ul>")
    )
    assert markdown == html
    assert markdown[WORDS.agree] != text[WORDS.agree]


# --- Golden files, one per format ---------------------------------------------------------------


def _docx_as_text(path: Path) -> str:
    """A Word file as text a person can review: each paragraph's style and text, then each table's rows."""
    from docx import Document

    doc = Document(str(path))
    lines = [f"[{paragraph.style.name}] {paragraph.text}" for paragraph in doc.paragraphs]
    for table in doc.tables:
        lines.append("[table]")
        lines.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("fmt", ["html", "txt", "docx"])
def test_statement_matches_golden(invoke: Invoke, tmp_path: Path, golden: Callable[[str, str], None], fmt: str) -> None:
    """The Markdown golden is in test_statement.py; these are the other three formats."""
    out = tmp_path / f"statement.{fmt}"
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "--today", TODAY, "-o", out)
    assert result.exit_code == 0, result.output
    if fmt == "docx":
        golden("statement-green-paper-2022.docx.txt", _docx_as_text(out))
    else:
        golden(f"statement-green-paper-2022.{fmt}", out.read_text(encoding="utf-8"))
