"""Markdown for forum posts and emails; all user text is escaped so it shows as typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendreview.in_words import assessment_words, from_to, long_date
from sendreview.render import timeline_words as when
from sendreview.terms import ASK_KIND_SUFFIX, KIND_TITLES, LENS_TITLES, verdict_label
from sendreview.text import markdown as md

if TYPE_CHECKING:  # types only, so that each command loads just the models it uses
    from sendreview.analysis.catalogue import CatalogueView
    from sendreview.analysis.compare import Comparison
    from sendreview.analysis.timeline import NextView, TimelineView


def pipe_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """The lines of a Markdown table; the cells must be escaped already."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def asks(view: CatalogueView) -> str:
    lines = ["# Asks", ""]
    for group in view.groups:
        date = f" ({md(str(group.date))})" if group.date else ""
        lines += [f"## {md(group.title)}{date}", ""]
        if group.intro:
            lines += [md(group.intro), ""]
        for ask in (a for a in view.asks if a.group == group.id):
            text = f": {md(ask.text)}" if ask.text else ""
            lines.append(f"- **{md(ask.title)}**{ASK_KIND_SUFFIX[ask.kind]} (`{ask.id}`){text}")
            lines += [f"  - *{md(lens.title)}* (`{lens.id}`): {md(lens.text)}" for lens in ask.lenses]
        lines.append("")
    return "\n".join(lines)


def timeline(view: TimelineView) -> str:
    rows = []
    for m in view.milestones:
        milestone = " ".join([md(m.title), *(f"*{md(line)}*" for line in when.details(m))])
        status = f"{when.STATUS_SYMBOL[m.status]} {m.status}"
        rows.append([md(when.when(m)), milestone, status, m.category])
    lines = ["# The SEND review: timeline", "", *pipe_table(["Date", "Milestone", "Status", "Category"], rows)]
    if view.document is not None:
        lines += [
            "",
            f"The {KIND_TITLES[view.document.kind]}'s own dates come from the document: {md(view.document.title)}.",
        ]
    if any(m.projection is not None for m in view.milestones):
        lines += ["", f"Projected and overdue are worked out from the rules on {long_date(view.today)}."]
    if view.periods:
        titles = {m.id: m.title for m in view.milestones}
        lines += ["", "## NNPCF involvement", ""]
        for period in view.periods:
            start, end = titles.get(period.start, period.start), titles.get(period.end, period.end)
            lines.append(f"- **{md(start)} to {md(end)}**: " + "; ".join(md(x) for x in period.involvement))
    return "\n".join(lines) + "\n"


def next_milestones(view: NextView) -> str:
    lines = [f"# What comes next, on {long_date(view.today)}", ""]
    rows = []
    for item in view.milestones:
        date = md(str(item.date)) if item.date is not None else from_to(item.earliest, item.latest)
        status = f"{when.STATUS_SYMBOL[item.status]} {item.status}"
        rows.append([date, md(item.title), status, when.days_away(item)])
    lines += (
        pipe_table(["When", "Milestone", "Status", "How long"], rows)
        if rows
        else ["Nothing dated or projected is still to come."]
    )
    if view.undated:
        lines += ["", "Still expected, with no date yet:", ""]
        lines += [f"- {md(title)}" for title in view.undated]
    return "\n".join(lines) + "\n"


def comparison(result: Comparison) -> str:
    doc, summary = result.document, result.summary
    published = f", published {md(str(doc.published))}" if doc.published else ""
    lines = [
        f"# {md(doc.title)}",
        "",
        f"{KIND_TITLES[doc.kind]}{published}: {summary.proposals} proposals, "
        f"{summary.links} links to {summary.asks} asks.",
        "",
        f"**{md(assessment_words(result.assessment))}**",
        "",
        "## Red lines crossed",
        "",
    ]
    if result.red_line_breaches:
        for breach in result.red_line_breaches:
            note = f": {md(breach.note)}" if breach.note else ""
            lines.append(
                f"- ✘ **{md(breach.proposal)} {md(breach.proposal_title)}** crosses *{md(breach.ask_title)}*{note}"
            )
    else:
        lines.append("No proposal crosses a red line.")
    bullets = [a for a in result.asks if a.lenses]
    if bullets:
        lines += ["", "## Silver bullets through the four lenses", ""]
        rows = [
            [md(a.title), *(verdict_label(lens.verdict) for lens in a.lenses), verdict_label(a.verdict)]
            for a in bullets
        ]
        lines += pipe_table(["Silver bullet", *LENS_TITLES.values(), "Overall"], rows)
    titles = {g.id: g.title for g in result.groups}
    lines += ["", "## Every ask", ""]
    rows = []
    for ask in result.asks:
        rows.append(
            [
                f"{md(ask.title)}{ASK_KIND_SUFFIX[ask.kind]} (`{ask.id}`)",
                md(titles.get(ask.group, ask.group)),
                verdict_label(ask.verdict),
                ", ".join(md(i) for i in ask.proposal_ids),
            ]
        )
    lines += pipe_table(["Ask", "Group", "Verdict", "Proposals"], rows)
    unassessed = [p for p in result.proposals if not p.links]
    if unassessed:
        lines += ["", "## Proposals with no assessment yet", ""]
        lines += [f"- {md(p.id)} {md(p.title)}" for p in unassessed]
    lines += [
        "",
        f"**Summary:** {summary.asks} asks: {summary.met} met, {summary.partly_met} partly met, "
        f"{summary.contested} contested, {summary.opposed} opposed, {summary.not_addressed} not addressed; "
        f"{summary.red_line_breaches} red-line breaches.",
    ]
    return "\n".join(lines) + "\n"
