"""The network's aggregate and a survey's evidence on the terminal: heat-map tables with symbols as
well as colours. User text is plain `Text` through `clean`, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group as Stack
from rich.table import Table
from rich.text import Text

from sendreview.in_words import percent
from sendreview.render.network import (
    bar_segments,
    consensus_label,
    heading,
    region_key,
    share_text,
    thresholds_words,
)
from sendreview.terms import REGION_SHORT, STANCE_SYMBOLS, VERDICT_SYMBOLS, VERDICT_WORDS
from sendreview.text import clean

if TYPE_CHECKING:
    from sendreview.analysis.evidence import Evidence
    from sendreview.analysis.network import Network, Tally

STANCE_STYLE = {"agree": "green", "partly": "yellow", "disagree": "bold red", "none": "dim"}
CONSENSUS_STYLE = {
    "strong": "bold",
    "majority": "",
    "split": "magenta",
    "mixed": "dim",
    "too-few": "dim",
    "no-view": "dim",
}
BAR = 10
# A screen is no place for thousands of rows: past this, the tables stop and say where the rest is.
MAX_ROWS = 300


def _text(value: str, style: str = "") -> Text:
    return Text(clean(value), style=style)


def bar(tally: Tally) -> Text:
    """Ten cells for all the forums: one symbol per tenth, coloured by stance."""
    text = Text()
    if not tally.forums:
        return text
    counts = bar_segments(tally)
    # Largest remainders, so the cells always add up to ten.
    exact = [count * BAR / tally.forums for _, count in counts]
    cells = [int(e) for e in exact]
    for i in sorted(range(4), key=lambda i: exact[i] - cells[i], reverse=True)[: BAR - sum(cells)]:
        cells[i] += 1
    for (stance, _), n in zip(counts, cells, strict=True):
        text.append(STANCE_SYMBOLS[stance] * n, style=STANCE_STYLE[stance])
    return text


def _heat(tally: Tally) -> Text:
    """A region's cell: the leading stance's symbol and whole per cent ('✘80'), coloured by stance when clear."""
    if tally.assessed == 0 or tally.leading is None:
        return Text(share_text(tally), style="dim")
    share = getattr(tally, f"{tally.leading}_share")
    style = STANCE_STYLE[tally.leading] if tally.consensus in ("strong", "majority") else "dim"
    return Text(f"{STANCE_SYMBOLS[tally.leading]}{int(share * 100 + 0.5)}", style=style)


def network_report(result: Network) -> Stack:
    """The aggregate: header, red lines, the heat map, regions, dissent, and each ask's verdicts."""
    s = result.summary
    header = _text(f"What the network thinks: {heading(result)}", "bold")
    header.append("\n")
    header.append(clean(result.label), style="" if result.status == "agreed" else "bold yellow")
    header.append(
        f"\n{s.forums:,} forums, {s.proposals:,} proposals, {s.links:,} links: {s.strong:,} strong,"
        f" {s.majority:,} majority, {s.split:,} split, {s.mixed:,} mixed, {s.too_few:,} too few."
    )
    parts: list[Text | Table] = [header]
    if result.red_line_breaches:
        lines = Text("Red lines crossed:\n", style="bold red")
        for b in result.red_line_breaches:
            lines.append("  ✘ ", style="bold red")
            lines.append_text(_text(f"{b.proposal_title} ({b.proposal}) crosses {b.ask_title}: "))
            lines.append(f"{b.forums:,} of {b.assessed:,} forums that assessed it ({percent(b.forums / b.assessed)})\n")
        lines.rstrip()
        parts.append(lines)
    table = Table(title="Every proposal and ask", title_justify="left")
    for name, justify in (("Proposal", "left"), ("Ask", "left"), ("✔", "right"), ("◐", "right"), ("✘", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    table.add_column("·", justify="right")
    table.add_column("Forums", no_wrap=True)
    table.add_column("Consensus", no_wrap=True)
    shown = result.links[:MAX_ROWS]
    for link in shown:
        t = link.all
        consensus = Text(consensus_label(t), style=CONSENSUS_STYLE[t.consensus])
        ask = _text(link.ask_title)
        if link.red_line:
            ask.append(" (red line)", style="red")
        table.add_row(
            _text(link.proposal, "cyan"),
            ask,
            str(t.agree),
            str(t.partly),
            str(t.disagree),
            str(t.not_assessed),
            bar(t),
            consensus,
        )
    parts.append(table)
    if len(shown) < len(result.links):
        more = f"The first {len(shown):,} of {len(result.links):,} links: --format html, markdown or csv has them all."
        parts.append(Text(more, style="bold"))
    if result.by_region:
        regions = Table(title="By region: the leading stance and its share (%)", title_justify="left")
        regions.add_column("Proposal", no_wrap=True)
        regions.add_column("Ask")
        for region in result.regions:
            regions.add_column(REGION_SHORT[region], justify="right", no_wrap=True, min_width=4)
        for link in shown:
            regions.add_row(_text(link.proposal, "cyan"), _text(link.ask), *(_heat(t) for t in link.regions))
        parts.append(regions)
        parts.append(Text(f"Regions: {region_key(result.regions)}.", style="dim"))
    dissent = [link for link in result.links if link.dissenters]
    if dissent:
        lines = Text("Forums that differ from a strong consensus:\n", style="bold")
        for link in dissent:
            names = ", ".join(f"{d.forum} ({STANCE_SYMBOLS[d.stance]} {d.stance})" for d in link.dissenters)
            lines.append_text(_text(f"  {link.proposal} on {link.ask_title}: {names}\n"))
        lines.rstrip()
        parts.append(lines)
    asks = Table(title="Each ask across the forums (each forum's own verdict)", title_justify="left")
    asks.add_column("Ask")
    from sendreview.analysis.compare import VERDICTS

    for verdict in VERDICTS:
        asks.add_column(f"{VERDICT_SYMBOLS[verdict]} {VERDICT_WORDS[verdict]}", justify="right")
    for a in result.asks:
        asks.add_row(_text(a.title), *(str(a.all.count(v)) for v in VERDICTS))
    parts.append(asks)
    key = "Key: ✔ agree  ◐ partly agree  ✘ disagree  · not assessed. " + thresholds_words(result)
    parts.append(Text(key, style="dim"))
    return Stack(*parts)


def evidence_report(result: Evidence) -> Stack:
    """The survey's figures, question by question, and free text counted (quoted only with --quotes)."""
    from sendreview.render.evidence import HEADER, QUOTES_HIDDEN, figure_cells, method_words

    header = _text(result.title, "bold")
    header.append("\n")
    header.append(clean(result.label), style="" if result.status == "agreed" else "bold yellow")
    header.append("\n")
    header.append(clean(method_words(result)), style="dim")
    parts: list[Text | Table] = [header]
    for q in result.questions:
        title = clean(q.about) + (f" (proposal {clean(q.proposal)})" if q.proposal else "")
        table = Table(title=title, title_justify="left")
        for number, name in enumerate(HEADER):
            table.add_column(name, justify="left" if number == 0 else "right", no_wrap=number in (0, 1, 2, 3))
        table.add_row("Everyone", *figure_cells(q.all), style="bold")
        for breakdown in q.breakdowns:
            table.add_row(_text(f"By {breakdown.label.lower()}", "italic"))
            for group in breakdown.groups:
                style = "dim" if group.suppressed else ""
                table.add_row(_text(f"  {group.group}"), *figure_cells(group), style=style)
        parts.append(table)
    for free in result.free_text:
        lines = _text(free.label, "bold")
        found = free.with_personal_data
        lines.append(f"\n{free.answers:,} free-text answers; personal data was found and taken out of {found:,}.")
        for quote in free.quotes:
            lines.append("\n  “")
            lines.append_text(_text(quote.text, "italic"))
            lines.append(f"” (line {quote.line})", style="dim")
        parts.append(lines)
    if result.free_text and not result.quotes_shown:
        parts.append(Text(QUOTES_HIDDEN))
    return Stack(*parts)
