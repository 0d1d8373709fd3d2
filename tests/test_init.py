"""`sendreview init`: a new document, from nothing or from a plain-text list of proposals."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sendreview.analysis.draft import proposals_from_text
from sendreview.api import load_catalogue, load_document
from tests.conftest import Invoke

Write = Callable[[str, str], Path]

NOTES = """\
Proposals from the Schools White Paper, as we noted them.

1. Individual Support Plans
Schools would have a new legal duty to write an Individual Support Plan for every child with SEND.
2. EHCPs for the most complex needs
Education, health and care plans kept, but refocused on the most complex needs.
3. National inclusion standards
Layers of support: universal, targeted, targeted plus and specialist.
"""


def _init(invoke: Invoke, path: Path, *args: str | Path) -> str:
    kind = () if "--kind" in args else ("--kind", "white-paper")
    result = invoke("init", path, "--title", "Every Child Achieving and Thriving", *kind, *args)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def test_init_from_numbered_text(invoke: Invoke, write: Write, tmp_path: Path) -> None:
    notes = write("notes.txt", NOTES)
    path = tmp_path / "white-paper.yaml"
    text = _init(invoke, path, "--kind", "white-paper", "--published", "2026-02-23", "--from-text", notes)
    assert invoke("validate", path).exit_code == 0
    document = load_document(path, load_catalogue())
    assert document.document.kind == "white-paper"
    assert str(document.document.published) == "2026-02-23"
    assert [(p.id, p.title) for p in document.proposals] == [
        ("1", "Individual Support Plans"),
        ("2", "EHCPs for the most complex needs"),
        ("3", "National inclusion standards"),
    ]
    assert document.proposals[2].summary == "Layers of support: universal, targeted, targeted plus and specialist."
    assert all(p.responds_to == () for p in document.proposals)  # suggestions are comments, not links
    assert "# Text before the first numbered line, not read as a proposal: Proposals from the Schools" in text
    assert '  - id: "3"  # line 7 of ' in text
    assert (
        '    # responds_to:\n    #   # score 31.95: "National inclusion standards" 17.96, "universal, targeted" 11.44,'
        ' "inclusion" 2.55\n'
        "    #   - ask: minimum-standards  # Minimum standard for services\n    #     stance: todo\n"
    ) in text


def test_uncommented_suggestions_make_a_valid_assessment(invoke: Invoke, write: Write, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    text = _init(invoke, path, "--from-text", write("notes.txt", NOTES), "--top", "1")
    # What an editor's "uncomment" does to the responds_to block: drop "# " after the indentation.
    assessed = re.sub(r"(?m)^    # (responds_to:|  )", r"    \1", text).replace("stance: todo", "stance: partly")
    path.write_text(assessed, encoding="utf-8")
    assert invoke("validate", path).exit_code == 0, assessed
    document = load_document(path, load_catalogue())
    assert [[link.ask for link in p.responds_to] for p in document.proposals] == [
        ["person-centred"],
        ["person-centred"],
        ["minimum-standards"],
    ]


def test_init_without_text_writes_a_skeleton(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "paper.yaml"
    text = _init(invoke, path, "--published", "Spring 2026", "--kind", "green-paper")
    assert "proposals: []\n# Replace [] above with the paper's proposals, like this:" in text
    assert invoke("validate", path).exit_code == 0
    document = load_document(path, load_catalogue())
    assert (document.document.kind, str(document.document.published), document.proposals) == (
        "green-paper",
        "Spring 2026",
        (),
    )


def test_init_tells_what_it_wrote(invoke: Invoke, write: Write, tmp_path: Path) -> None:
    notes = write("notes.txt", NOTES)
    path = tmp_path / "new.yaml"
    result = invoke("init", path, "--title", "A paper", "--kind", "other", "--from-text", notes)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"Wrote {path} ({path.stat().st_size:,} bytes)\n"
        f"Found 3 proposals in {notes}. Check them, then assess them: sendreview assess {path}\n"
    )


def test_init_never_replaces_a_file(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("my careful assessment\n", encoding="utf-8")
    result = invoke("init", path, "--title", "A paper")
    assert result.exit_code == 2
    assert result.stderr == f"{path}: already exists; sendreview init never replaces a file: choose a new name\n"
    assert path.read_text(encoding="utf-8") == "my careful assessment\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml"]  # no temporary file left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from-text", "EMPTY"],
            "EMPTY: no proposals found: the file is empty; write one proposal per paragraph, "
            "or one per numbered line (1., 2.3, a))",
        ),
        (["--from-text", "MISSING"], "MISSING: no such file"),
        (["--top", "0"], "--top: give 1 or more (got 0); --top 0 would suggest nothing"),
        (["--published", "Marchember 2026"], "--published: cannot read 'Marchember 2026' as a date"),
    ],
    ids=["empty-text", "missing-text", "top-0", "bad-date"],
)
def test_init_bad_input(invoke: Invoke, tmp_path: Path, args: list[str], message: str) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    args = [a.replace("EMPTY", str(empty)).replace("MISSING", str(tmp_path / "missing.txt")) for a in args]
    message = message.replace("EMPTY", str(empty)).replace("MISSING", str(tmp_path / "missing.txt"))
    path = tmp_path / "new.yaml"
    result = invoke("init", path, "--title", "A paper", "--kind", "other", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output
    assert not path.exists()


def test_init_needs_a_title(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("init", tmp_path / "new.yaml", "--title", "  ")
    assert result.exit_code == 2
    assert result.stderr == "--title: give the paper's title\n"
    assert invoke("init", tmp_path / "new.yaml").exit_code == 2


def test_paragraphs_become_numbered_proposals() -> None:
    preamble, proposals = proposals_from_text(
        "The government will set national standards. They will cover education,\n"
        "health and care.\n\n"
        "Parents will express an informed preference\nfrom a tailored list.\n\n\n"
        "Mandatory mediation before appeal\n"
    )
    assert preamble == ""
    assert [(p.id, p.title, p.summary, p.line) for p in proposals] == [
        ("1", "The government will set national standards", "They will cover education, health and care.", 1),
        ("2", "Parents will express an informed preference from a tailored list", "", 4),
        ("3", "Mandatory mediation before appeal", "", 8),
    ]


def test_numbers_letters_and_bullets() -> None:
    _, proposals = proposals_from_text(
        "2.3 Commissioning across council boundaries\n"
        "a) Joint commissioning with health\n   for complex needs.\n"
        "(b) Short breaks. More of them.\n"
        "2.3. The same number again\n"
        "- a bullet inside an item stays in it\n"
        "4) Last one\n"
    )
    assert [(p.id, p.title, p.summary, p.renamed_from) for p in proposals] == [
        ("2.3", "Commissioning across council boundaries", "", ""),
        ("2.3a", "Joint commissioning with health for complex needs", "", ""),
        ("2.3b", "Short breaks", "More of them.", ""),
        ("2.3-2", "The same number again", "- a bullet inside an item stays in it", "2.3"),
        ("4", "Last one", "", ""),
    ]
    _, bullets = proposals_from_text("- first\n- second, which\n  wraps\n* third\n")
    assert [(p.id, p.title) for p in bullets] == [("1", "first"), ("2", "second, which wraps"), ("3", "third")]


def test_a_year_or_an_amount_at_the_start_of_a_line_is_not_a_number_marker() -> None:
    _, proposals = proposals_from_text("2022 was the year of the Green Paper.\n£2.6bn for new places.\n")
    assert [p.id for p in proposals] == ["1"]


def test_awkward_text_is_written_safely(invoke: Invoke, write: Write, tmp_path: Path) -> None:
    notes = write(
        "notes.txt",
        '1. "Quoted": a title with # and \\ and: colons\n2. yes\n3. - starts like a list ü \u2013 \u2018curly\u2019\n',
    )
    path = tmp_path / "new.yaml"
    _init(invoke, path, "--from-text", notes)
    document = load_document(path, load_catalogue())
    assert [p.title for p in document.proposals] == [
        '"Quoted": a title with # and \\ and: colons',
        "yes",
        "- starts like a list ü \u2013 \u2018curly\u2019",
    ]


def test_the_example_notes_make_a_document(invoke: Invoke, tmp_path: Path) -> None:
    notes = Path(__file__).resolve().parent.parent / "examples" / "white-paper-2026-notes.txt"
    path = tmp_path / "white-paper.yaml"
    text = _init(invoke, path, "--kind", "white-paper", "--published", "2026-02-23", "--from-text", notes)
    assert "Sources: https://www.fenews.co.uk/" in text  # the notes' opening paragraph, kept as a comment
    document = load_document(path, load_catalogue())
    assert [p.title for p in document.proposals] == [
        "Individual Support Plans",
        "EHCPs for the most complex needs",
        "National inclusion standards",
        "Transitional protections",
    ]
