"""The statement: every section, safe with hostile text and templates, written without losing files."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import GREEN_PAPER, ORG, ROOT, Invoke

Write = Callable[[str, str], Path]
SECTIONS = [
    "Who we are",
    "What we asked for",
    "What we agree with",
    "Where it does not go far enough",
    "What we disagree with",
    "What is missing",
    "What happens next",
]
# The example leaves some proposals unassessed on purpose, so its statement lists them.
EXAMPLE_SECTIONS = [*SECTIONS[:-1], "Not yet assessed", SECTIONS[-1]]
TODAY = "2026-11-28"


def errors(result: Result) -> str:
    """What stderr says besides warnings (the example warns of its unassessed proposals)."""
    return "".join(line for line in result.stderr.splitlines(keepends=True) if ": warning: " not in line)


def test_markdown_statement_matches_golden(invoke: Invoke, golden: Callable[[str, str], None]) -> None:
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "--today", TODAY)
    assert result.exit_code == 0, result.output
    golden("statement-green-paper-2022.md", result.stdout)


def test_markdown_statement_has_every_section_in_order(invoke: Invoke) -> None:
    out = invoke("statement", "--org", ORG, GREEN_PAPER, "--today", TODAY).stdout
    headings = re.findall(r"^## (.+)$", out, re.MULTILINE)
    assert headings == EXAMPLE_SECTIONS
    assert out.startswith(f"# {ORG}: our statement on the Green Paper\n")
    disagree = out.split("## What we disagree with")[1].split("##")[0]
    assert disagree.index("crosses our red line") < disagree.index("works against"), "red lines come first"
    assert "- Lifelong outcomes (Seven messages from the NNPCF conference, November 2019)" in out


def test_empty_sections_say_so(invoke: Invoke, write: Write) -> None:
    doc = write("empty.yaml", "document: {title: An empty paper, kind: white-paper}\nproposals: []\n")
    out = invoke("statement", "--org", ORG, doc).stdout
    for sentence in [
        "We found nothing in this White Paper that fully delivers what families asked for.",
        "There is nothing we judged only partly done.",
        "We found nothing in this White Paper that we disagree with.",
        "These asks are not addressed at all:",
    ]:
        assert sentence in out
    assert re.findall(r"^## (.+)$", out, re.MULTILINE) == SECTIONS


def test_everything_addressed_says_so(invoke: Invoke, write: Write) -> None:
    asks = write(
        "asks.yaml",
        "groups: [{id: ours, title: Ours}]\nasks: [{id: breaks, group: ours, title: Short breaks}]\n",
    )
    doc = write(
        "doc.yaml",
        "document: {title: Paper, kind: other}\n"
        "proposals: [{id: '1', title: Breaks, responds_to: [{ask: breaks, stance: agree}]}]\n",
    )
    out = invoke("statement", "--org", ORG, doc, "--asks", asks, "--no-default-asks").stdout
    assert "Every ask is addressed in some way." in out


HOSTILE = """
document: {title: "<script>alert(1)</script> {{ 7*7 }}", kind: other}
proposals:
  - id: "1"
    title: "{{ 7*7 }} and {% raw %}"
    responds_to:
      - {ask: proper-funding, stance: agree, note: "<img src=x onerror=alert(1)> [click](javascript:alert(1))"}
  - id: "2"
    title: "# Not a heading \\u001b[31mred\\u001b[0m"
    responds_to: [{ask: no-dilution-of-rights, stance: disagree, note: "=HYPERLINK(\\"x\\")"}]
"""


def test_html_escapes_text_from_yaml(invoke: Invoke, write: Write, tmp_path: Path) -> None:
    doc = write("hostile.yaml", HOSTILE)
    result = invoke("statement", "--org", ORG, doc, "-o", tmp_path / "out.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "{{ 7*7 }} and {% raw %}" in html
    assert ">49<" not in html and " 49 " not in html


def test_markdown_and_text_keep_text_as_typed(invoke: Invoke, write: Write) -> None:
    doc = write("hostile.yaml", HOSTILE)
    md = invoke("statement", "--org", ORG, doc).stdout
    assert "{{ 7\\*7 }} and {% raw %}" in md
    assert "\\<script\\>" in md and "<script>" not in md
    assert "\\[click\\](javascript:alert(1))" in md
    assert "\\# Not a heading" in md
    assert "\x1b" not in md
    txt = invoke("statement", "--org", ORG, doc, "--format", "txt").stdout
    assert "{{ 7*7 }} and {% raw %}" in txt and "\x1b" not in txt


def test_word_document_has_real_headings_and_lists(invoke: Invoke, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "statement.docx"
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "-o", target)
    assert result.exit_code == 0, result.output
    doc = Document(str(target))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == EXAMPLE_SECTIONS
    bullets = [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) > 30
    assert any("crosses our red line" in p.text for p in bullets)
    assert len(doc.tables) == 1 and len(doc.tables[0].rows) == 6


def test_word_needs_an_output_file(invoke: Invoke) -> None:
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "--format", "docx")
    assert result.exit_code == 2
    assert "a Word file needs --output FILE.docx" in result.stderr


def test_refuses_to_overwrite_without_force(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "statement.md"
    target.write_text("my edits", encoding="utf-8")
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "-o", target)
    assert result.exit_code == 2
    assert f"{target}: already exists; use --force to replace it" in result.stderr
    assert target.read_text(encoding="utf-8") == "my edits"
    assert invoke("statement", "--org", ORG, GREEN_PAPER, "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith(f"# {ORG}")


def test_failed_render_leaves_old_file_and_nothing_else(invoke: Invoke, write: Write, tmp_path: Path) -> None:
    target = tmp_path / "out" / "statement.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    bad = write("bad.md.j2", "{{ nothing.at.all() }}")
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "-o", target, "--force", "--template", bad)
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in target.parent.iterdir()] == ["statement.md"]


@pytest.mark.parametrize(
    ("where", "message"),
    [("missing-folder/statement.md", "does not exist"), ("", "is a folder")],
)
def test_output_into_a_bad_place(invoke: Invoke, tmp_path: Path, where: str, message: str) -> None:
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "-o", tmp_path / where if where else tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr


def test_input_file_is_never_changed(invoke: Invoke, tmp_path: Path) -> None:
    copy = tmp_path / "paper.yaml"
    shutil.copy(GREEN_PAPER, copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    invoke("statement", "--org", ORG, copy, "-o", tmp_path / "s.html")
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before


def test_user_template_gets_the_context(invoke: Invoke, write: Write) -> None:
    template = write("mine.txt.j2", "{{ organisation }} on {{ document_kind }}: {{ agree|length }} agreed, "
                                    "{{ missing|map(attribute='id')|join(',') }} missing\n")  # fmt: skip
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "--template", template, "--format", "txt")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{ORG} on Green Paper: 10 agreed, lifelong-outcomes missing\n"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "template refused: access to attribute '__class__' of 'str' object is unsafe"),
        ("line one\n{{ cycler.__init__.__globals__ }}", "template refused: access to attribute '__init__' of"),
        ("{{ nosuchfield }}", "template failed: 'nosuchfield' is undefined"),
        ("{{ self._TemplateReference__context }}", "template refused: access to attribute"),
        ("{{ lipsum(10**9) }}", "template failed: 'lipsum' is undefined"),
        ("{% for i in range(10**9) %}{{ i }}{% endfor %}", "template refused: Range too big"),
        ("{{ 'x' * 10**9 }}", "template refused: that would make a value too big for a template"),
        ("{{ 9 ** (9 ** 9) }}", "template refused: the power is too big for a template"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "template refused: it calls itself too deeply"),
        ("{% for x in range(100000) %}{% for y in range(100000) %}{% endfor %}{% endfor %}",
         "template refused: template took too long"),
        ("{% for x in range(100000) %}{{ 'y' * 100000 }}{% endfor %}", "template refused: the output is over"),
        ("{% if %}", "template error: "),
    ],
    ids=["mro", "cycler-globals", "typo", "template-reference", "lipsum", "range", "repeat", "power", "recursion",
         "slow", "huge-output", "syntax"],
)  # fmt: skip
def test_hostile_templates_are_refused(
    invoke: Invoke, write: Write, monkeypatch: pytest.MonkeyPatch, source: str, message: str
) -> None:
    monkeypatch.setattr("sendreview.render.sandbox.MAX_SECONDS", 1.0)
    template = write("evil.md.j2", source)
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "--template", template)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert re.match(rf"{re.escape(str(template))}:\d+:1: {re.escape(message)}", errors(result)), result.stderr
    assert "Traceback" not in result.output


def test_template_syntax_error_names_its_line(invoke: Invoke, write: Write) -> None:
    template = write("broken.md.j2", "# Title\n\n{% for x in asked_for %}\n{{ x.title }\n")
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "--template", template)
    assert result.exit_code == 2
    assert errors(result).startswith(f"{template}:4:1: template error: ")


def test_missing_template(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "--template", tmp_path / "none.md.j2")
    assert result.exit_code == 2
    assert errors(result) == f"{tmp_path / 'none.md.j2'}: no such file\n"


def test_every_template_field_is_documented() -> None:
    from sendreview.analysis.statement import Statement

    documented = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    fields = [name for name, info in Statement.model_fields.items() if not info.exclude]
    assert [name for name in fields if f"`{name}`" not in documented] == []


def test_today_must_be_a_day(invoke: Invoke) -> None:
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "--today", "2026")
    assert result.exit_code == 2
    assert "--today: give a day, like 31/01/2026 or 2026-01-31, not '2026'" in result.stderr


# --- "What happens next": for this paper, at its stage ------------------------------------

WHITE_PAPER = ROOT / "examples" / "white-paper-2026.yaml"
ANYTOWN = "Anytown Parent Carer Forum"


def _next_section(text: str) -> str:
    """The "What happens next" section, without the HTML statement's picture of the whole timeline."""
    return text.split("What happens next", 1)[1].split("<figure>", 1)[0]


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_white_paper_next_speaks_of_its_own_consultation_not_the_green_paper(invoke: Invoke, fmt: str) -> None:
    result = invoke("statement", WHITE_PAPER, "--org", ANYTOWN, "--today", TODAY, "--format", fmt)
    assert result.exit_code == 0, result.output
    section = _next_section(result.stdout.replace("WHAT HAPPENS NEXT", "What happens next"))
    assert "The consultation on this White Paper ran from 23 February 2026 to 18 May 2026." in section
    assert "Bill for the 2026 SEND reforms" in section
    assert "Act of Parliament for the 2026 SEND reforms" in section
    for stale in ("Green Paper", "NNPCF regional events", "Formal NNPCF response", "usually takes", "expected"):
        assert stale not in section, stale


def test_white_paper_next_before_its_consultation_closes(invoke: Invoke) -> None:
    result = invoke("statement", WHITE_PAPER, "--org", ANYTOWN, "--today", "2026-03-01", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert "The consultation on this White Paper is open until 18 May 2026." in _next_section(
        result.stdout.replace("WHAT HAPPENS NEXT", "What happens next")
    )


def test_white_paper_next_in_word(invoke: Invoke, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "statement.docx"
    result = invoke("statement", WHITE_PAPER, "--org", ANYTOWN, "--today", TODAY, "-o", target)
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    section = _next_section(text)
    assert "18 May 2026" in section and "Bill for the 2026 SEND reforms" in section
    assert "Green Paper" not in section and "NNPCF regional events" not in section


def test_green_paper_next_after_its_stage_shows_steps_done_or_lapsed_and_the_forecast_attributed(
    invoke: Invoke,
) -> None:
    result = invoke("statement", GREEN_PAPER, "--org", ANYTOWN, "--today", TODAY)
    assert result.exit_code == 0, result.output
    section = _next_section(result.stdout)
    # Markdown escapes the address, so it shows as text rather than becoming a link from data.
    assert "- NNPCF statement on the Green Paper: done, 29 March 2022 (https\\://nnpcf.org.uk/" in section
    assert "- NNPCF regional events: no public record that it happened before the consultation closed" in section
    assert ": expected" not in section
    assert "The NNPCF's 2021 briefing expected 18 months to 2 years from Green Paper to Act." in section
    assert "That did not happen: the Improvement Plan (2 March 2023) and no Bill" in section
    assert "usually takes" not in section and "overdue" not in section and "that time passed" not in section


def test_green_paper_next_during_its_consultation_still_expects_the_steps(invoke: Invoke) -> None:
    result = invoke("statement", GREEN_PAPER, "--org", ANYTOWN, "--today", "2022-04-01")
    assert result.exit_code == 0, result.output
    section = _next_section(result.stdout)
    assert "- NNPCF regional events: expected" in section
    assert "The consultation on this Green Paper is open until 22 July 2022." in section


def test_improvement_plan_next_gives_its_roadmap(invoke: Invoke) -> None:
    plan = ROOT / "examples" / "improvement-plan-2023.yaml"
    result = invoke("statement", plan, "--org", ANYTOWN, "--today", TODAY)
    assert result.exit_code == 0, result.output
    section = _next_section(result.stdout)
    assert "A significant proportion of the national standards published: expected 2025" in section
    assert "Green Paper" not in section and "NNPCF regional events" not in section
