"""A drafted consultation response, and the guide for parents, as Markdown, text, HTML, Word or JSON."""

from __future__ import annotations

from sendreview.analysis.respond import ConsultationResponse, Guide
from sendreview.in_words import written
from sendreview.render.jsontext import json_pieces
from sendreview.render.respond_words import WORDING_NOTES, tick_line, to_do_line, trimmed_line, word_line
from sendreview.text import clean, markdown


def _dates(response: ConsultationResponse) -> str:
    c = response.consultation
    parts = []
    if c.opens is not None:
        parts.append(f"opened {written(c.opens)}")
    if c.closes is not None:
        parts.append(f"closing date {written(c.closes)}")
    return f"{c.title}: {', '.join(parts)}." if parts else f"{c.title}."


def response_markdown(response: ConsultationResponse) -> str:
    """The response in Markdown: a heading per question, the question, the tick, the text, the count."""
    r = response
    out = [f"# {markdown(r.title)}", ""]
    if r.banner:
        out += [f"> **{markdown(r.banner_label)}:** {markdown(r.banner)}", ""]
    out += [markdown(r.intro), "", markdown(_dates(r)), ""]
    out += [r.summary, ""]
    for a in r.answers:
        out += [f"## Question {a.number}", ""]
        note = WORDING_NOTES[a.wording]
        out += [f"> {markdown(a.question)}" + (f" *({note}; source: {markdown(a.source)})*" if note else ""), ""]
        if tick := tick_line(a):
            out += [f"**{markdown(tick)}**", ""]
        if a.to_do:
            out += [f"**{markdown(to_do_line(a))}**", ""]
        if a.text:
            out += [markdown(a.text), ""]
        out += [f"*{word_line(a)}*", ""]
        if a.trimmed:
            out += [markdown(trimmed_line(a)), ""]
    if r.not_asked:
        out += ["## Not asked about", "", markdown(r.not_asked_intro), ""]
        out += [f"- {markdown(p.id)} {markdown(p.title)}" for p in r.not_asked] + [""]
    return "\n".join(out)


def response_text(response: ConsultationResponse) -> str:
    """The response as plain text, for an email or to paste box by box."""
    r = response
    out = [clean(r.title), "=" * min(len(clean(r.title)), 79), ""]
    if r.banner:
        out += [f"{clean(r.banner_label).upper()}: {clean(r.banner)}", ""]
    out += [clean(r.intro), "", clean(_dates(r)), ""]
    out += [r.summary, ""]
    for a in r.answers:
        out += [f"Question {a.number}", "-" * len(f"Question {a.number}")]
        note = WORDING_NOTES[a.wording]
        out += [clean(a.question) + (f" ({note}; source: {clean(a.source)})" if note else ""), ""]
        if tick := tick_line(a):
            out += [clean(tick), ""]
        if a.to_do:
            out += [clean(to_do_line(a)), ""]
        if a.text:
            out += [clean(a.text), ""]
        out += [word_line(a), ""]
        if a.trimmed:
            out += [clean(trimmed_line(a)), ""]
    if r.not_asked:
        out += ["Not asked about", "-" * 15, clean(r.not_asked_intro), ""]
        out += [f"- {clean(p.id)} {clean(p.title)}" for p in r.not_asked] + [""]
    return "\n".join(out)


def guide_markdown(guide: Guide) -> str:
    """The guide for parents in Markdown."""
    g = guide
    out = [f"# {markdown(g.title)}", ""]
    if g.banner:
        out += [f"> **{markdown(g.banner_label)}:** {markdown(g.banner)}", ""]
    out += [markdown(" ".join(g.intro)), ""]
    for item in g.items:
        out += [f"## Question {item.number}", ""]
        out += [f"**What it is about:** {markdown(item.about)}", ""]
        out += [f"**What we think:** {markdown(item.view)}", ""]
        out += [f"**Your turn:** {markdown(item.prompt)}", ""]
    out += ["## How to send your answers", "", markdown(" ".join(g.how_to_send)), ""]
    out += ["## How easy this guide is to read", "", markdown(g.readability_line), ""]
    return "\n".join(out)


def guide_text(guide: Guide) -> str:
    """The guide for parents as plain text."""
    g = guide
    out = [clean(g.title), "=" * min(len(clean(g.title)), 79), ""]
    if g.banner:
        out += [f"{clean(g.banner_label).upper()}: {clean(g.banner)}", ""]
    out += [clean(" ".join(g.intro)), ""]
    for item in g.items:
        out += [f"Question {item.number}", "-" * len(f"Question {item.number}")]
        out += [f"What it is about: {clean(item.about)}", f"What we think: {clean(item.view)}"]
        out += [f"Your turn: {clean(item.prompt)}", ""]
    out += ["How to send your answers", "-" * 24, clean(" ".join(g.how_to_send)), ""]
    out += ["How easy this guide is to read", "-" * 30, clean(g.readability_line), ""]
    return "\n".join(out)


def render_response(made: ConsultationResponse | Guide, fmt: str) -> str | bytes:
    """The response or guide in a format: md, txt, html, docx or json."""
    if fmt == "json":
        return "".join(json_pieces(made))
    if fmt == "docx":
        from sendreview.render.docx import guide_docx, response_docx

        return guide_docx(made) if isinstance(made, Guide) else response_docx(made)
    if fmt == "html":
        from pathlib import Path

        from sendreview.render.sandbox import render
        from sendreview.resources import bundled_template_folder

        name = "respond-guide.html.j2" if isinstance(made, Guide) else "respond.html.j2"
        extra: dict[str, object] = {}
        if isinstance(made, ConsultationResponse):
            extra["lines"] = {
                a.number: {"words": word_line(a), "tick": tick_line(a), "trimmed": trimmed_line(a)}
                for a in made.answers
            }
            extra["wording_notes"] = WORDING_NOTES
            extra["dates"] = _dates(made)
        return render(
            made, Path(bundled_template_folder()) / name, html=True, extra=extra, bounded=False, keep_compiled=True
        )
    if isinstance(made, Guide):
        return guide_markdown(made) if fmt == "md" else guide_text(made)
    return response_markdown(made) if fmt == "md" else response_text(made)
