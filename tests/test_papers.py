"""`sendreview init --from PAPER`: the paper as published (HTML, PDF, Word, Markdown) drafted into a document."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from benchmarks.papers import CHAPTERS, TITLE, proposals, sample_docx, sample_html, sample_pdf
from sendreview.analysis.paper import kind_from, read_draft
from sendreview.api import load_catalogue, load_document
from sendreview.papers import read_paper
from tests.conftest import Invoke

EXPECTED = [(number, chapter, title) for number, chapter, title, _ in proposals()]


def _paper(tmp_path: Path, ending: str) -> Path:
    path = tmp_path / f"paper{ending}"
    if ending == ".pdf":
        path.write_bytes(sample_pdf())
    elif ending == ".html":
        path.write_text(sample_html(), encoding="utf-8")
    else:
        sample_docx(path)
    return path


@pytest.mark.parametrize(
    ("ending", "sources"),
    [
        (".html", [f"#proposal-{n}" for n in range(1, 6)]),
        (".pdf", ["page 2", "page 2", "page 3", "page 3", "page 4"]),
        (".docx", [f'section "Proposal {n}: {t}"' for n, _, t in EXPECTED]),
    ],
)
def test_init_reads_the_paper_as_published(invoke: Invoke, tmp_path: Path, ending: str, sources: list[str]) -> None:
    paper = _paper(tmp_path, ending)
    path = tmp_path / "paper.yaml"
    result = invoke("init", path, "--from", paper)
    assert result.exit_code == 0, result.output
    pages = " (4 pages, 3 chapters)" if ending == ".pdf" else " (3 chapters)"
    assert result.stderr.endswith(
        f"Found 5 proposals in {paper}{pages}. This is a draft: check each proposal against the paper (title,"
        f" chapter, summary), and the paper's details at the top. Then assess them: sendreview assess {path}\n"
    )
    assert invoke("validate", path).exit_code == 0
    document = load_document(path, load_catalogue())
    assert document.document.title == TITLE
    assert document.document.kind == "white-paper"  # "White Paper" in the title
    assert document.document.published is not None and document.document.published.start.isoformat() == "2026-03-02"
    assert document.document.consultation is not None
    assert str(document.document.consultation.opens) == "2 March 2026"
    assert str(document.document.consultation.closes) == "25 May 2026"
    assert document.assessment.status == "draft"
    assert [(p.id, p.chapter, p.title) for p in document.proposals] == EXPECTED
    assert [p.source for p in document.proposals] == sources
    assert document.proposals[0].summary == CHAPTERS[0][1][0][1]
    assert all(p.responds_to == () for p in document.proposals)  # a draft: suggestions stay comments


def test_options_win_over_what_the_paper_says(invoke: Invoke, tmp_path: Path) -> None:
    paper = _paper(tmp_path, ".html")
    path = tmp_path / "paper.yaml"
    args = ("--title", "Our notes on it", "--kind", "green-paper", "--published", "03/03/2026")
    result = invoke("init", path, "--from", paper, *args)
    assert result.exit_code == 0, result.output
    document = load_document(path, load_catalogue()).document
    assert (document.title, document.kind, str(document.published)) == ("Our notes on it", "green-paper", "2026-03-03")


def test_paragraphs_that_commit_are_proposals_when_none_is_marked(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_text(
        "<h1>SEND and AP Improvement Plan</h1>"
        "<h2 id='one'>A national system</h2><p>Families told us the system is hard to use.</p>"
        "<p>We will set national standards. They will cover health too.</p>"
        "<h2 id='two'>Workforce</h2><p>We are consulting on a new SENCo qualification.</p>"
        "<p>1.4 We intend to train 5,000 more early years staff.</p>",
        encoding="utf-8",
    )
    found = read_draft(read_paper(page))
    assert found.kind == "improvement-plan"
    assert [(p.id, p.chapter, p.title, p.source) for p in found.proposals] == [
        ("1.1", "A national system", "We will set national standards", "#one"),
        ("2.1", "Workforce", "We are consulting on a new SENCo qualification", "#two"),
        ("1.4", "Workforce", "We intend to train 5,000 more early years staff", "#two"),
    ]
    assert found.proposals[0].summary == "We will set national standards. They will cover health too."


def test_markdown_headings_are_chapters(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Children's Wellbeing and Schools Bill\n\n## Part 1: Schools\n\n"
        "### Proposal 1: Register of children not in school\n\nA duty on councils to keep a register.\n",
        encoding="utf-8",
    )
    found = read_draft(read_paper(notes))
    assert found.kind == "bill"
    assert [(p.id, p.chapter, p.title, p.summary, p.source) for p in found.proposals] == [
        (
            "1",
            "Part 1: Schools",
            "Register of children not in school",
            "A duty on councils to keep a register.",
            "#proposal-1-register-of-children-not-in-school",
        )
    ]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("SEND Review: Right support, Right place, Right time (Green Paper)", "green-paper"),
        ("Schools White Paper", "white-paper"),
        ("SEND and Alternative Provision Improvement Plan", "improvement-plan"),
        ("Children and Families Act 2014", "act"),
        ("Children's Wellbeing and Schools Bill", "bill"),
        ("Every Child Achieving and Thriving", None),
        ("How we act on what families bill us for", None),  # lower-case words are not kinds
    ],
)
def test_the_kind_comes_from_the_title(title: str, kind: str | None) -> None:
    assert kind_from(title) == kind


def test_a_title_that_names_no_kind_is_asked_about_never_guessed(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "white-paper.yaml"
    result = invoke("init", path, "--title", "Every Child Achieving and Thriving", "--published", "23/02/2026")
    assert result.exit_code == 2
    assert result.stderr == (
        "cannot tell from 'Every Child Achieving and Thriving' what kind of paper it is; say which with --kind:"
        " green-paper, white-paper, improvement-plan, bill, act or other\n"
    )
    assert not path.exists()
    result = invoke("init", path, "--title", "Every Child Achieving and Thriving", "--kind", "white-paper",
                    "--published", "23/02/2026")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert str(load_document(path, load_catalogue()).document.published) == "2026-02-23"


def test_the_profile_says_whose_assessment_it_is(invoke: Invoke, tmp_path: Path) -> None:
    profile = tmp_path / "forum.yaml"
    profile.write_text("name: Anytown Parent Carer Forum\nregion: South West\n", encoding="utf-8")
    path = tmp_path / "paper.yaml"
    result = invoke("init", path, "--from", _paper(tmp_path, ".html"), "--profile", profile)
    assert result.exit_code == 0, result.output
    assessment = load_document(path, load_catalogue()).assessment
    assert (assessment.by, assessment.status) == ("Anytown Parent Carer Forum", "draft")


def _blank_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.rect(20, 20, 100, 150)  # a picture of a page: lines, no text
    return bytes(pdf.output())


def _locked_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Proposal 1: We will do something")
    return bytes(pdf.output())


def test_a_pdf_locked_only_against_changes_is_read(invoke: Invoke, tmp_path: Path) -> None:
    """Published PDFs are often encrypted (AES) with an owner password only: anyone may open them."""
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", encryption_method=EncryptionMethod.AES_128)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Proposal 1: We will train every teacher.")
    paper = tmp_path / "restricted.pdf"
    paper.write_bytes(bytes(pdf.output()))
    path = tmp_path / "paper.yaml"
    result = invoke("init", path, "--from", paper, "--title", "A White Paper")
    assert result.exit_code == 0, result.output
    assert [(p.id, p.title) for p in load_document(path, load_catalogue()).proposals] == [
        ("1", "We will train every teacher")
    ]


def _zip_of_something_else() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("photos/holiday.jpg", b"not really a photo")
    return data.getvalue()


SCANNED = "the PDF has no text in it, only pictures of pages (a scanned paper?)"
TEXT_ROUTE = "copy the paper's text into a .txt file and run: sendreview init FILE.yaml --from PAPER.txt"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", _blank_pdf, f"{SCANNED}, so there is nothing to read; find the paper's HTML page on gov.uk"),
        ("broken.pdf", lambda: sample_pdf()[:1500], "cannot read this PDF (it may be damaged or not a PDF)"),
        ("fake.pdf", lambda: b"%PDF-1.7\n" + b"\x00garbage" * 100, "cannot read this PDF"),
        ("locked.pdf", _locked_pdf, "the PDF is locked with a password; open it, save an unlocked copy"),
        ("photos.docx", _zip_of_something_else, "is not a Word document (.docx) that can be read"),
        ("text.docx", lambda: b"just words, not a zip", "is not a Word document (.docx) that can be read"),
        ("menu.html", lambda: b"<html><body><p>Only a paragraph.</p></body></html>", "found no headings"),
        ("empty.pdf", lambda: b"", "the file is empty"),
        ("empty.html", lambda: b"  \n", "the file is empty"),
        ("paper.odt", lambda: b"words", "cannot read a '.odt' file; save it as one of .docx, .htm, .html, .md"),
    ],
)
def test_unreadable_papers_are_refused_with_a_way_forward(
    invoke: Invoke, tmp_path: Path, name: str, content: object, message: str
) -> None:
    paper = tmp_path / name
    paper.write_bytes(content())  # type: ignore[operator]
    path = tmp_path / "paper.yaml"
    result = invoke("init", path, "--from", paper)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{paper}: {message}"), result.stderr
    assert "Traceback" not in result.output
    assert not path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written, no temporary file


def test_a_huge_file_is_refused_before_it_is_read(invoke: Invoke, tmp_path: Path) -> None:
    paper = tmp_path / "huge.pdf"
    with paper.open("wb") as stream:  # 500 MB on paper, none of it on disk
        stream.truncate(500 * 1024 * 1024)
    result = invoke("init", tmp_path / "paper.yaml", "--from", paper)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{paper}:1:1: file is 524,288,000 bytes, over the limit of 104,857,600"
        " (set SENDREVIEW_MAX_PAPER_BYTES to raise it)\n"
    )
    assert not (tmp_path / "paper.yaml").exists()


def test_a_paper_with_no_proposals_says_how_to_go_on(invoke: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    page.write_text("<h1>News</h1><p>The minister visited a school.</p>", encoding="utf-8")
    result = invoke("init", tmp_path / "paper.yaml", "--from", page)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{page}: found no proposals: no 'Proposal 1' headings or paragraphs")


@pytest.mark.slow
def test_benchmark_script_runs_on_a_short_paper() -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "benchmarks/read_paper.py", "--quick"], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "Read a 14-page PDF" in done.stdout and "pages per second" in done.stdout


def test_a_file_of_any_other_ending_is_a_list_of_proposals(invoke: Invoke, tmp_path: Path) -> None:
    notes = tmp_path / "notes-from-the-meeting"
    notes.write_text("1. Short breaks\nEvery council to offer short breaks.\n", encoding="utf-8")
    path = tmp_path / "paper.yaml"
    result = invoke("init", path, "--from", notes, "--title", "A White Paper")
    assert result.exit_code == 0, result.output
    assert [(p.id, p.title) for p in load_document(path, load_catalogue()).proposals] == [("1", "Short breaks")]
