"""Word files (.docx): the statement, a drafted consultation response and the guide for parents."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from sendreview.analysis.respond import ConsultationResponse, Guide
from sendreview.analysis.statement import ProposalPoint, Statement
from sendreview.terms import verdict_label
from sendreview.text import clean


def statement_docx(statement: Statement) -> bytes:
    """A .docx file's bytes for the statement."""
    s = statement
    w = s.words
    doc = _opened(s.title, s.organisation, s.banner_label, s.banner)
    doc.add_paragraph(clean(s.date_line) + "." + (f" {w.read_it_at} {clean(s.url)}" if s.url else ""))

    doc.add_heading(w.who_we_are, level=1)
    doc.add_paragraph(clean(s.who_we_are))

    doc.add_heading(w.asked_for, level=1)
    if s.asked_for_intro:
        doc.add_paragraph(clean(s.asked_for_intro))
    for group in s.asked_for:
        doc.add_heading(clean(group.title), level=2)
        for ask in group.asks:
            paragraph = doc.add_paragraph(style="List Bullet")
            paragraph.add_run(clean(ask.title)).bold = group.id == "silver-bullets"
            if ask.text and group.id == "silver-bullets":
                paragraph.add_run(f": {clean(ask.text)}")
    if s.own_asks:
        doc.add_paragraph(clean(s.own_asks_intro))
    for group in s.own_asks:
        doc.add_heading(clean(group.title), level=2)
        _bullets(doc, (clean(ask.title) for ask in group.asks))
    if s.lens_rows:
        _lens_table(doc, s)

    _points(doc, w.agree, s.agree, w.delivers, clean(s.agree_empty))
    _points(doc, w.partly, s.partly, w.goes_part_way, clean(s.partly_empty))

    doc.add_heading(w.disagree, level=1)
    for breach in s.breaches:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{clean(breach.proposal)} {clean(breach.proposal_title)}").bold = True
        paragraph.add_run(f" {w.crosses_red_line}: ")
        paragraph.add_run(clean(breach.ask_title)).italic = True
        paragraph.add_run("." + (f" {clean(breach.note)}" if breach.note else ""))
        _figures(doc, breach.figures)
    _point_list(doc, s.disagree, w.works_against)
    if not (s.breaches or s.disagree):
        doc.add_paragraph(clean(s.disagree_empty))

    doc.add_heading(w.missing, level=1)
    if s.missing:
        doc.add_paragraph(clean(s.missing_intro))
        _bullets(doc, (f"{clean(a.title)} ({clean(a.group)})" for a in s.missing))
    else:
        doc.add_paragraph(clean(s.missing_empty))

    if s.not_assessed:
        doc.add_heading(w.not_assessed, level=1)
        doc.add_paragraph(clean(s.not_assessed_intro))
        _bullets(doc, (f"{clean(p.id)} {clean(p.title)}" for p in s.not_assessed))

    if s.figures_elsewhere:
        doc.add_heading(w.figures_elsewhere, level=1)
        _bullets(doc, (clean(figure) for figure in s.figures_elsewhere))

    doc.add_heading(w.next, level=1)
    if s.next_steps:
        doc.add_paragraph(clean(s.next_steps))
    if s.consultation:
        doc.add_paragraph(clean(s.consultation))
    if s.engagement:
        doc.add_paragraph(w.engagement_intro)
        _bullets(doc, (clean(step.title) + (f": {clean(step.when)}" if step.when else "") for step in s.engagement))
    if s.path:
        doc.add_paragraph(w.path_intro)
        _bullets(doc, (clean(step.title) + (f": {clean(step.when)}" if step.when else "") for step in s.path))
    if s.horizon:
        doc.add_paragraph(clean(s.horizon))
    if not (s.consultation or s.engagement or s.path or s.horizon):
        doc.add_paragraph(w.more_soon)

    return _saved(doc)


def _bullets(doc: Any, lines: Iterable[str]) -> None:
    for line in lines:
        doc.add_paragraph(line, style="List Bullet")


def _points(doc: Any, heading: str, points: tuple[ProposalPoint, ...], verb: str, empty: str) -> None:
    doc.add_heading(heading, level=1)
    if not points:
        doc.add_paragraph(empty)
    _point_list(doc, points, verb)


def _point_list(doc: Any, points: tuple[ProposalPoint, ...], verb: str) -> None:
    for point in points:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{clean(point.id)} {clean(point.title)}").bold = True
        paragraph.add_run(f" {verb} ")
        for i, response in enumerate(point.responses):
            paragraph.add_run(clean(response.ask_title)).italic = True
            if response.note:
                paragraph.add_run(f" ({clean(response.note)})")
            paragraph.add_run("; " if i < len(point.responses) - 1 else ".")
        _figures(doc, point.figures)


def _figures(doc: Any, figures: Iterable[str]) -> None:
    """Sentences with figures (survey, network) under the point they are about."""
    for figure in figures:
        doc.add_paragraph(clean(figure), style="List Bullet 2")


def _lens_table(doc: Any, s: Statement) -> None:
    doc.add_paragraph(f"{s.words.lens_caption}:")
    table = doc.add_table(rows=1, cols=len(s.lens_titles) + 2)
    table.style = "Table Grid"
    header = [s.words.lens_first_column, *s.lens_titles, s.words.lens_last_column]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in s.lens_rows:
        cells = table.add_row().cells
        values = [clean(row.title), *(verdict_label(v) for v in (*row.cells, row.overall))]
        for cell, text in zip(cells, values, strict=True):
            cell.text = text


def response_docx(response: ConsultationResponse) -> bytes:
    """A .docx file's bytes for a drafted consultation response: a heading per question."""
    from sendreview.render.respond_words import WORDING_NOTES, tick_line, to_do_line, trimmed_line, word_line

    r = response
    doc = _opened(r.title, r.organisation, r.banner_label, r.banner)
    doc.add_paragraph(clean(r.intro))
    doc.add_paragraph(r.summary)
    for a in r.answers:
        doc.add_heading(f"Question {a.number}", level=1)
        note = WORDING_NOTES[a.wording]
        question = doc.add_paragraph(style="Quote")
        question.add_run(clean(a.question))
        if note:
            question.add_run(f" ({note}; source: {clean(a.source)})").italic = True
        if tick := tick_line(a):
            doc.add_paragraph().add_run(clean(tick)).bold = True
        if a.to_do:
            doc.add_paragraph().add_run(clean(to_do_line(a))).bold = True
        if a.text:
            doc.add_paragraph(clean(a.text))
        doc.add_paragraph().add_run(word_line(a)).italic = True
        if a.trimmed:
            doc.add_paragraph(clean(trimmed_line(a)))
    if r.not_asked:
        doc.add_heading("Not asked about", level=1)
        doc.add_paragraph(clean(r.not_asked_intro))
        _bullets(doc, (f"{clean(p.id)} {clean(p.title)}" for p in r.not_asked))
    return _saved(doc)


def guide_docx(guide: Guide) -> bytes:
    """A .docx file's bytes for the guide for parents."""
    g = guide
    doc = _opened(g.title, g.organisation, g.banner_label, g.banner)
    for line in g.intro:
        doc.add_paragraph(clean(line))
    for item in g.items:
        doc.add_heading(f"Question {item.number}", level=1)
        for label, text in (("What it is about", item.about), ("What we think", item.view), ("Your turn", item.prompt)):
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(clean(text))
    doc.add_heading("How to send your answers", level=1)
    for line in g.how_to_send:
        doc.add_paragraph(clean(line))
    doc.add_heading("How easy this guide is to read", level=1)
    doc.add_paragraph(clean(g.readability_line))
    return _saved(doc)


def _opened(title: str, organisation: str, banner_label: str, banner: str) -> Any:
    """A new Word document with its title and author set, the title as its heading, and the banner."""
    from docx import Document  # python-docx is heavy: import it only when Word is asked for

    doc = Document()
    doc.core_properties.title = clean(title)
    doc.core_properties.author = clean(organisation)
    doc.add_heading(clean(title), level=0)
    _banner(doc, banner_label, banner)
    return doc


def _saved(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _banner(doc: Any, label: str, words: str) -> None:
    if words:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{clean(label)}: ").bold = True
        paragraph.add_run(clean(words)).bold = True
