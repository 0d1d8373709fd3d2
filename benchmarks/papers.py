"""Made-up sample papers in the formats a government publishes (PDF, HTML, Word), for the tests,
the benchmark and the README's walkthrough. None of them is a real paper.

    python benchmarks/papers.py examples/sample-paper.pdf     # the README's sample paper

fpdf2 (the `test` extra) writes the PDFs; python-docx the Word files.
"""

from __future__ import annotations

import argparse
import html
from pathlib import Path

TITLE = "Better Support, Brighter Futures: a SEND White Paper (a made-up sample)"
NOTICE = "A made-up sample paper for trying sendreview. It is not a government paper and no part of it is real."
PUBLISHED = "Published 2 March 2026"
CONSULTATION = "The consultation on these proposals opens on 2 March 2026 and closes on 25 May 2026."
CHAPTERS = (
    (
        "Chapter 1: Help early, close to home",
        (
            (
                "Family hubs in every area",
                "We will open a family hub in every local area, where parents can get advice about SEND"
                " before a diagnosis.",
            ),
            (
                "Training for every teacher",
                "We propose that every teacher and teaching assistant is trained to spot and meet special"
                " educational needs.",
            ),
        ),
    ),
    (
        "Chapter 2: Plans that families can trust",
        (
            (
                "One national plan template",
                "We are consulting on a single national template for education, health and care plans,"
                " written with parents.",
            ),
            (
                "Faster assessments",
                "We will set a national time limit for needs assessments and publish each council's record.",
            ),
        ),
    ),
    (
        "Chapter 3: Working with families",
        (
            (
                "Parent carer forums in every decision",
                "We will expect councils to coproduce their local offer with their parent carer forum and"
                " fund the forum to do so.",
            ),
        ),
    ),
)


def proposals() -> list[tuple[str, str, str, str]]:
    """(number, chapter, title, text) of every proposal in the sample, numbered 1, 2, 3..."""
    found = []
    for chapter, items in CHAPTERS:
        for title, text in items:
            found.append((str(len(found) + 1), chapter, title, text))
    return found


def sample_html() -> str:
    """The sample as a page saved from a gov.uk-like site."""
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(TITLE)} - GOV.UK</title>",
        "<meta name='govuk:first-published-at' content='2026-03-02T09:30:00+00:00'></head><body>",
        # The furniture of a gov.uk page, which is not the paper: a cookie banner, menus, contents.
        "<div class='gem-c-cookie-banner govuk-clearfix'><h2>Cookies on GOV.UK</h2>"
        "<p>We use some essential cookies to make this website work.</p></div>",
        "<header role='banner' class='gem-c-layout-super-navigation-header'><h2>Navigation menu</h2>"
        "<nav><a href='/'>Home</a> <a href='/education'>Education</a></nav></header><main>",
        "<nav class='gem-c-contents-list' aria-label='Contents'><h2>Contents</h2><ol><li>Chapter 1</li></ol></nav>",
        f"<header class='gem-c-inverse-header'><h1 class='gem-c-title__text'>{html.escape(TITLE)}</h1></header>",
        f"<p>{html.escape(NOTICE)}</p><p>{PUBLISHED}</p><p>{html.escape(CONSULTATION)}</p>",
    ]
    for number, (chapter, title, text) in enumerate(((c, t, x) for _, c, t, x in proposals()), start=1):
        if number == 1 or chapter != proposals()[number - 2][1]:
            anchor = chapter.split(":")[0].lower().replace(" ", "-")
            parts.append(f"<h2 id='{anchor}'>{html.escape(chapter)}</h2>")
        parts.append(f"<h3 id='proposal-{number}'>Proposal {number}: {html.escape(title)}</h3>")
        parts.append(f"<p>{html.escape(text)}</p>")
    parts.append("</main><div class='gem-c-feedback'><h2>Help us improve GOV.UK</h2>")
    parts.append("<p>We will not reply to this feedback.</p></div>")
    parts.append("<footer>Made-up sample; not Crown copyright.</footer></body></html>")
    return "\n".join(parts)


def sample_docx(path: Path) -> None:
    """The sample as a Word file: the title in the Title style, chapters as Heading 1, proposals as Heading 2."""
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=0)
    document.add_paragraph(NOTICE)
    document.add_paragraph(PUBLISHED)
    document.add_paragraph(CONSULTATION)
    chapter = ""
    for number, this_chapter, title, text in proposals():
        if this_chapter != chapter:
            chapter = this_chapter
            document.add_heading(chapter, level=1)
        document.add_heading(f"Proposal {number}: {title}", level=2)
        document.add_paragraph(text)
    document.save(str(path))


def sample_pdf(pages: int = 0) -> bytes:
    """The sample as a PDF: a cover, a page for each chapter with its proposals, then `pages` pages of
    ordinary text (to make a long paper for the benchmark)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(TITLE)
    pdf.set_auto_page_break(auto=True, margin=15)

    def line(text: str, size: int = 11, style: str = "") -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(pdf.epw, size * 0.5, text)
        pdf.ln(2)

    pdf.add_page()
    line(TITLE, 18, "B")
    line(NOTICE)
    line(PUBLISHED)
    line(CONSULTATION)
    chapter = ""
    for number, this_chapter, title, text in proposals():
        if this_chapter != chapter:
            chapter = this_chapter
            pdf.add_page()
            line(chapter, 16, "B")
        line(f"Proposal {number}: {title}", 12, "B")
        line(text)
    filler = (
        "This page is here to make the sample paper as long as a real one. It describes how services work"
        " today and what families told us, without any new commitment of its own."
    )
    for page in range(pages):
        pdf.add_page()
        line(f"Annex page {page + 1}", 12, "B")
        for _ in range(12):
            line(filler)
    return bytes(pdf.output())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="a .pdf, .html or .docx file to write")
    args = parser.parse_args()
    ending = args.output.suffix.lower()
    if ending == ".pdf":
        args.output.write_bytes(sample_pdf())
    elif ending == ".html":
        args.output.write_text(sample_html(), encoding="utf-8")
    elif ending == ".docx":
        sample_docx(args.output)
    else:
        parser.error("give a .pdf, .html or .docx file")


if __name__ == "__main__":
    main()
