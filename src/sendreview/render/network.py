"""The network's aggregate as Markdown, CSV and an HTML report with charts; all user text made safe."""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from sendreview.analysis.compare import VERDICTS
from sendreview.analysis.network import ALL_REGIONS, LinkResult, Network, Tally
from sendreview.in_words import EN_DASH, percent, written
from sendreview.render.markdown import pipe_table
from sendreview.render.tabular import csv_table
from sendreview.terms import (
    CONSENSUS_SYMBOLS,
    CONSENSUS_WORDS,
    KIND_TITLES,
    REGION_SHORT,
    STANCE_SYMBOLS,
    VERDICT_SYMBOLS,
    VERDICT_WORDS,
)
from sendreview.text import clean
from sendreview.text import markdown as md

VERDICT_ORDER = VERDICTS


def consensus_label(tally: Tally) -> str:
    """'●●● strong ✘': the level's symbol and word, and the leading stance's symbol."""
    lead = f" {STANCE_SYMBOLS[tally.leading]}" if tally.leading and tally.consensus != "no-view" else ""
    return f"{CONSENSUS_SYMBOLS[tally.consensus]} {CONSENSUS_WORDS[tally.consensus]}{lead}"


def share_text(tally: Tally) -> str:
    """'✔ 80 %' for the leading stance, a dash when nobody gave one, 'tie' when two lead."""
    if tally.assessed == 0 or tally.leading is None:
        return EN_DASH if tally.assessed == 0 else "tie"
    share = getattr(tally, f"{tally.leading}_share")
    return f"{STANCE_SYMBOLS[tally.leading]} {percent(share)}"


def heading(result: Network) -> str:
    doc = result.document
    published = f", published {written(doc.published)}" if doc.published else ""
    return f"{doc.title} ({KIND_TITLES[doc.kind]}{published})"


def thresholds_words(result: Network) -> str:
    """The consensus rule in one sentence, from the thresholds the result was counted with."""
    t = result.thresholds
    split = "a third" if abs(t.split - 1 / 3) < 1e-9 else percent(t.split)
    return (
        f"Consensus: strong when one stance has {percent(t.strong)} or more of the forums that gave one; split when"
        f" two stances each have {split} or more; majority when one has more than {percent(t.majority)};"
        f" mixed otherwise; too few below {t.minimum_forums} forums."
    )


# --- Markdown -------------------------------------------------------------------------------------


def markdown(result: Network) -> str:
    """The aggregate for forum posts and emails."""
    s = result.summary
    lines = [
        f"# What the network thinks: {md(heading(result))}",
        "",
        f"**{md(result.label)}**",
        "",
        f"{s.forums:,} forums, {s.proposals:,} proposals, {s.links:,} proposal-ask links: {s.strong:,} strong,"
        f" {s.majority:,} majority, {s.split:,} split, {s.mixed:,} mixed, {s.too_few:,} with too few forums.",
        "",
        md(thresholds_words(result)),
        "",
    ]
    if result.red_line_breaches:
        lines += ["## Red lines crossed", ""]
        for b in result.red_line_breaches:
            lines.append(
                f"- **{md(b.proposal_title)}** (`{md(b.proposal)}`) crosses *{md(b.ask_title)}*: "
                f"{b.forums:,} of {b.assessed:,} forums that assessed it ({percent(b.forums / b.assessed)})"
            )
        lines.append("")
    lines += ["## Every proposal and ask", ""]
    rows = [
        [
            f"{md(link.proposal_title)} (`{md(link.proposal)}`)",
            md(link.ask_title) + (" (red line)" if link.red_line else ""),
            f"{link.all.agree:,}",
            f"{link.all.partly:,}",
            f"{link.all.disagree:,}",
            f"{link.all.not_assessed:,}",
            share_text(link.all),
            consensus_label(link.all),
        ]
        for link in result.links
    ]
    header = ["Proposal", "Ask", "✔ agree", "◐ partly", "✘ disagree", "not assessed", "leading", "consensus"]
    lines += [*pipe_table(header, rows), ""]
    if result.by_region:
        note = "Each cell: the leading stance and its share of the region's forums that gave one."
        lines += ["## By region", "", note, ""]
        header = ["Proposal", "Ask", *(md(r) for r in result.regions)]
        rows = [
            [md(link.proposal), md(link.ask_title), *(share_text(t) for t in link.regions)] for link in result.links
        ]
        lines += [*pipe_table(header, rows), ""]
    dissent = [link for link in result.links if link.dissenters]
    if dissent:
        lines += ["## Forums that differ from a strong consensus", ""]
        for link in dissent:
            names = ", ".join(f"{md(d.forum)} ({STANCE_SYMBOLS[d.stance]} {d.stance})" for d in link.dissenters)
            lines.append(f"- {md(link.proposal_title)} on *{md(link.ask_title)}*: {names}")
        lines.append("")
    lines += ["## Each ask across the forums", ""]
    header = ["Ask", *(f"{VERDICT_SYMBOLS[v]} {VERDICT_WORDS[v]}" for v in VERDICT_ORDER)]
    rows = [[md(a.title), *(f"{a.all.count(v):,}" for v in VERDICT_ORDER)] for a in result.asks]
    lines += [*pipe_table(header, rows), ""]
    if result.mismatches:
        lines += ["## Files that differ from the paper", ""]
        for m in result.mismatches:
            lines.append(f"- {md(m.file)} ({md(m.forum)}): {md(_mismatch_words(m.missing, m.extra))}")
        lines.append("")
    lines.append(f"Forums counted: {', '.join(md(f.name) for f in result.forums)}.")
    return "\n".join(lines) + "\n"


def _mismatch_words(missing: Sequence[str], extra: Sequence[str]) -> str:
    parts = [f"lacks {', '.join(missing)}"] if missing else []
    parts += [f"has {', '.join(extra)}, left out"] if extra else []
    return "; ".join(parts)


# --- CSV ------------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "proposal",
    "proposal_title",
    "ask",
    "ask_title",
    "red_line",
    "region",
    "forums",
    "agree",
    "partly",
    "disagree",
    "not_assessed",
    "assessed",
    "agree_share",
    "partly_share",
    "disagree_share",
    "consensus",
    "leading",
    "status",
]


def csv_text(result: Network) -> str:
    """One row per proposal x ask x region ('all' first); every row says how settled the views are."""
    return csv_table(CSV_COLUMNS, _rows(result))


def _rows(result: Network) -> Iterator[list[str]]:
    for link in result.links:
        for tally in (link.all, *link.regions):
            shares = [
                "" if s is None else f"{s:.3f}" for s in (tally.agree_share, tally.partly_share, tally.disagree_share)
            ]
            yield [
                link.proposal,
                link.proposal_title,
                link.ask,
                link.ask_title,
                "yes" if link.red_line else "no",
                tally.region,
                str(tally.forums),
                str(tally.agree),
                str(tally.partly),
                str(tally.disagree),
                str(tally.not_assessed),
                str(tally.assessed),
                *shares,
                tally.consensus,
                tally.leading or "",
                result.status,
            ]


# --- HTML -----------------------------------------------------------------------------------------

# Colours with a pattern of meaning that never rests on colour alone: every bar has its numbers
# written beside it and in its text alternative, and the table below each chart holds the figures.
COLOURS = {"agree": "#00703c", "partly": "#b58400", "disagree": "#b3261e", "none": "#d8dadb"}
DARK_TEXT = {"partly", "none"}


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def bar_segments(tally: Tally) -> list[tuple[str, int]]:
    """Each stance and how many forums gave it, in the order bars show them."""
    return [
        ("agree", tally.agree),
        ("partly", tally.partly),
        ("disagree", tally.disagree),
        ("none", tally.not_assessed),
    ]


def _tally_words(tally: Tally) -> str:
    return (
        f"{tally.agree} agree, {tally.partly} partly agree, {tally.disagree} disagree,"
        f" {tally.not_assessed} not assessed, of {tally.forums} forums"
    )


def stacked_bars(links: Sequence[LinkResult], *, region: str, title: str, ident: str, width: int = 640) -> str:
    """An SVG of stacked bars, one per link, for all forums or one region; its text alternative
    gives every figure."""
    label_width, bar_height, gap = 0.42 * width, 22, 8
    bar_width = width - label_width - 8
    height = len(links) * (bar_height + gap) + gap
    described = "; ".join(f"{link.proposal} on {link.ask_title}: {_tally_words(_pick(link, region))}" for link in links)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="img" aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">{_e(title)}</title>',
        f'<desc id="{ident}-d">{_e(described)}</desc>',
    ]
    for row, link in enumerate(links):
        tally = _pick(link, region)
        y = gap + row * (bar_height + gap)
        name = f"{link.proposal} · {link.ask_title}"
        short = name if len(name) <= 44 else name[:43] + "…"
        parts.append(f'<text x="0" y="{y + 15}" font-size="12" fill="#0b0c0c">{_e(short)}</text>')
        x = label_width
        total = max(tally.forums, 1)
        for stance, count in bar_segments(tally):
            if not count:
                continue
            w = bar_width * count / total
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{COLOURS[stance]}"/>')
            if w >= 22:
                colour = "#0b0c0c" if stance in DARK_TEXT else "#ffffff"
                parts.append(
                    f'<text x="{x + 4:.1f}" y="{y + 15}" font-size="12" fill="{colour}">'
                    f"{STANCE_SYMBOLS[stance]}{count}</text>"
                )
            x += w
    parts.append("</svg>")
    return "".join(parts)


def _pick(link: LinkResult, region: str) -> Tally:
    if region == ALL_REGIONS:
        return link.all
    return next(t for t in link.regions if t.region == region)


STYLE = """
  body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #0b0c0c; background: #fff;
         line-height: 1.5; margin: 0 auto; padding: 1rem; max-width: 60rem; font-size: 1.05rem; }
  h1 { font-size: 1.8rem; line-height: 1.2; }
  h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 2px solid #b1b4b6; }
  .banner { border: 3px solid #0b0c0c; background: #fff7bf; padding: .6rem .8rem; font-size: 1.1rem; }
  .breach { border-left: 6px solid #b3261e; padding-left: .6rem; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
  th, td { border: 1px solid #b1b4b6; padding: .35rem .45rem; text-align: left; vertical-align: top; }
  th { background: #f3f2f1; }
  td.n { text-align: right; }
  .table-wrap { overflow-x: auto; }
  figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
  .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
  .key span { display: inline-block; margin-right: 1rem; }
  .swatch { display: inline-block; width: .9rem; height: .9rem; vertical-align: middle; margin-right: .3rem;
            border: 1px solid #0b0c0c; }
"""


def html_report(result: Network) -> str:
    """One self-contained, accessible page: the figures as tables, and charts that repeat them."""
    s = result.summary
    title = f"What the network thinks: {heading(result)}"
    out = [
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>",
        f"<h1>{_e(title)}</h1>",
    ]
    banner_class = "" if result.status == "agreed" else ' class="banner" role="note"'
    out.append(f"<p{banner_class}><strong>{_e(result.label)}</strong></p>")
    out.append(
        f"<p>{s.forums:,} forums, {s.proposals:,} proposals, {s.links:,} proposal-ask links: {s.strong:,} strong,"
        f" {s.majority:,} majority, {s.split:,} split, {s.mixed:,} mixed, {s.too_few:,} with too few forums.</p>"
    )
    out.append(f"<p>{_e(thresholds_words(result))}</p>")
    key = "".join(
        f'<span><span class="swatch" style="background:{COLOURS[k]}"></span>{STANCE_SYMBOLS[k]} {w}</span>'
        for k, w in (("agree", "agree"), ("partly", "partly agree"), ("disagree", "disagree"), ("none", "not assessed"))
    )
    out.append(f'<p class="key">Key: {key}</p>')
    if result.red_line_breaches:
        out.append('<h2 id="red-lines">Red lines crossed</h2><ul>')
        for b in result.red_line_breaches:
            out.append(
                f'<li class="breach"><strong>{_e(b.proposal_title)}</strong> crosses {_e(b.ask_title)}:'
                f" {b.forums:,} of {b.assessed:,} forums that assessed it ({percent(b.forums / b.assessed)}).</li>"
            )
        out.append("</ul>")
    out.append('<h2 id="proposals">Each proposal across the forums</h2>')
    by_proposal: dict[str, list[LinkResult]] = {}
    for link in result.links:
        by_proposal.setdefault(link.proposal, []).append(link)
    for number, (proposal_id, links) in enumerate(by_proposal.items()):
        name = f"{links[0].proposal_title} ({proposal_id})"
        out.append(f'<h3 id="p{number}">{_e(name)}</h3>')
        chart = stacked_bars(links, region=ALL_REGIONS, title=f"Stances on {name}", ident=f"p{number}")
        out.append(f"<figure>{chart}</figure>")
        out.append(_table(links, f"p{number}"))
    if result.by_region:
        out.append('<h2 id="regions">Region by region</h2>')
        out.append("<p>One chart per region, each with the same proposals and asks, for comparing at a glance.</p>")
        out.append('<div class="multiples">')
        for number, region in enumerate(result.regions):
            forums = next((t.forums for t in result.links[0].regions if t.region == region), 0) if result.links else 0
            title = f"Stances in {region}"
            chart = stacked_bars(result.links, region=region, title=title, ident=f"r{number}", width=480)
            out.append(
                f"<figure>{chart}<figcaption>{_e(region)}: {forums:,} forum{'s' if forums != 1 else ''}"
                "</figcaption></figure>"
            )
        out.append("</div>")
    dissent = [link for link in result.links if link.dissenters]
    if dissent:
        out.append('<h2 id="dissent">Forums that differ from a strong consensus</h2><ul>')
        for link in dissent:
            names = ", ".join(f"{_e(d.forum)} ({d.stance})" for d in link.dissenters)
            out.append(f"<li>{_e(link.proposal_title)} on {_e(link.ask_title)}: {names}</li>")
        out.append("</ul>")
    out.append('<h2 id="asks">Each ask across the forums</h2>')
    out.append(f'<div class="table-wrap" {_region("How many forums reach each verdict on each ask")}><table>')
    out.append('<caption>How many forums reach each verdict on each ask</caption><thead><tr><th scope="col">Ask</th>')
    out += [f'<th scope="col">{VERDICT_SYMBOLS[v]} {VERDICT_WORDS[v]}</th>' for v in VERDICT_ORDER]
    out.append("</tr></thead><tbody>")
    for a in result.asks:
        cells = "".join(f'<td class="n">{a.all.count(v):,}</td>' for v in VERDICT_ORDER)
        out.append(f'<tr><th scope="row">{_e(a.title)}</th>{cells}</tr>')
    out.append("</tbody></table></div>")
    if result.mismatches:
        out.append('<h2 id="mismatches">Files that differ from the paper</h2><ul>')
        for m in result.mismatches:
            out.append(f"<li>{_e(m.file)} ({_e(m.forum)}): {_e(_mismatch_words(m.missing, m.extra))}</li>")
        out.append("</ul>")
    out.append(f"<p>Forums counted: {_e(', '.join(f.name for f in result.forums))}.</p>")
    out.append("</main>\n</body>\n</html>\n")
    return "\n".join(out)


def _region(label: str = "", *, heading: str = "") -> str:
    """A scrolling table's wrapper attributes: a named region that a keyboard can reach and scroll.
    Named by a fixed `label`, or by the `heading` element's id: text from files stays out of attributes."""
    name = f'aria-labelledby="{heading}"' if heading else f'aria-label="{label}"'
    return f'role="region" {name} tabindex="0"'


def _table(links: Sequence[LinkResult], heading: str) -> str:
    rows = []
    for link in links:
        t = link.all
        ask = _e(link.ask_title) + (" (red line)" if link.red_line else "")
        rows.append(
            f'<tr><th scope="row">{ask}</th><td class="n">{t.agree:,}</td><td class="n">{t.partly:,}</td>'
            f'<td class="n">{t.disagree:,}</td><td class="n">{t.not_assessed:,}</td>'
            f"<td>{_e(share_text(t))}</td><td>{_e(consensus_label(t))}</td></tr>"
        )
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in ("Ask", "✔ agree", "◐ partly", "✘ disagree", "not assessed", "leading", "consensus")
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return f'<div class="table-wrap" {_region(heading=heading)}>{table}</div>'


def region_key(regions: Sequence[str]) -> str:
    """'NE North East, NW North West, ...' for tables that use the short names."""
    return ", ".join(f"{REGION_SHORT[r]} {r}" for r in regions)
