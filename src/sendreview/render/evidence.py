"""A survey's evidence as Markdown and CSV; every piece of survey text escaped or made inert."""

from __future__ import annotations

from collections.abc import Iterator

from sendreview.analysis.evidence import Evidence, Figures, Share
from sendreview.in_words import EN_DASH, percent, percent_range
from sendreview.render.markdown import pipe_table
from sendreview.render.tabular import csv_table
from sendreview.text import markdown as md

SUPPRESSED = "suppressed"

QUOTES_HIDDEN = "Quotes are not shown: run with --quotes to include them, with personal data taken out."


def share_words(share: Share | None) -> str:
    """'82 % (80 to 84 %, with an en dash)': the share and its 95 % interval."""
    if share is None:
        return SUPPRESSED
    return f"{percent(share.share)} ({percent_range(share.low, share.high)})"


def figure_cells(figures: Figures) -> list[str]:
    """n, support, oppose, neutral and don't know as words; a suppressed group says so in each."""
    if figures.suppressed:
        return ["under 10", SUPPRESSED, SUPPRESSED, EN_DASH, EN_DASH]
    return [
        f"{figures.n:,}",
        share_words(figures.support),
        share_words(figures.oppose),
        f"{figures.neutral:,}",
        f"{figures.dont_know:,}",
    ]


HEADER = ["Group", "n", "Support", "Oppose", "Neutral", "Don't know"]


def method_words(result: Evidence) -> str:
    return (
        f"{result.respondents:,} rows read from {result.file}. n counts answers that give a view (not blank, not"
        " “don't know”); shares are of n, with 95 % Wilson score intervals in brackets; a group with n under"
        f" {result.suppress_below} is suppressed (and one more, where one alone could be worked out)."
    )


def markdown(result: Evidence) -> str:
    lines = [f"# {md(result.title)}", "", f"**{md(result.label)}**", "", md(method_words(result)), ""]
    for q in result.questions:
        about = f" (proposal `{md(q.proposal)}`)" if q.proposal else ""
        lines += [f"## {md(q.about)}{about}", ""]
        rows = [["Everyone", *figure_cells(q.all)]]
        for breakdown in q.breakdowns:
            rows += [[f"{md(breakdown.label)}: {md(g.group)}", *figure_cells(g)] for g in breakdown.groups]
        lines += [*pipe_table(HEADER, rows), ""]
    for free in result.free_text:
        lines += [f"## {md(free.label)}", "", _free_words(free.answers, free.with_personal_data), ""]
        for quote in free.quotes:
            lines += [f"> {md(quote.text)} (line {quote.line})", ""]
    if result.free_text and not result.quotes_shown:
        lines += [QUOTES_HIDDEN, ""]
    return "\n".join(lines)


def _free_words(answers: int, found: int) -> str:
    return (
        f"{answers:,} free-text answers; personal data (names, emails, phone numbers, postcodes, schools) was found"
        f" and taken out of {found:,}."
    )


CSV_COLUMNS = [
    "kind",
    "question",
    "about",
    "proposal",
    "breakdown",
    "group",
    "suppressed",
    "n",
    "support",
    "support_share",
    "support_low",
    "support_high",
    "oppose",
    "oppose_share",
    "oppose_low",
    "oppose_high",
    "neutral",
    "dont_know",
    "line",
    "text",
    "status",
]


def csv_text(result: Evidence) -> str:
    """One row per question x group (kind 'figures'), then one per quote (kind 'quote', with --quotes)."""
    return csv_table(CSV_COLUMNS, _rows(result))


def _rows(result: Evidence) -> Iterator[list[str]]:
    def share(s: Share | None) -> list[str]:
        return ["", "", "", ""] if s is None else [str(s.count), f"{s.share:.3f}", f"{s.low:.3f}", f"{s.high:.3f}"]

    for q in result.questions:
        groups = [("", q.all), *((b.label, g) for b in q.breakdowns for g in b.groups)]
        for breakdown, g in groups:
            yield [
                "figures",
                q.column,
                q.about,
                q.proposal or "",
                breakdown,
                g.group,
                "yes" if g.suppressed else "no",
                "" if g.n is None else str(g.n),
                *share(g.support),
                *share(g.oppose),
                "" if g.neutral is None else str(g.neutral),
                "" if g.dont_know is None else str(g.dont_know),
                "",
                "",
                result.status,
            ]
    for free in result.free_text:
        for quote in free.quotes:
            yield ["quote", free.column, free.label, *[""] * 15, str(quote.line), quote.text, result.status]
