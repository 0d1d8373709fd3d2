"""Rich renderables for the terminal. Every piece of user text goes through `cut` (`clean`, and at
most 2,000 characters) as plain Text, so nothing from a YAML file can become markup, a colour or
an escape sequence, or take minutes to lay out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group as Stack
from rich.console import RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Column, Table
from rich.text import Text
from rich.tree import Tree

from sendreview.in_words import assessment_words, from_to, long_date
from sendreview.render import timeline_words as when
from sendreview.terms import ASK_KIND_SUFFIX, KIND_TITLES, LENS_TITLES, VERDICT_SYMBOLS, verdict_label
from sendreview.text import cut

if TYPE_CHECKING:  # types only, so that each command loads just the models it uses
    from sendreview.analysis.catalogue import CatalogueView
    from sendreview.analysis.compare import Comparison, Verdict
    from sendreview.analysis.suggest import Suggestion, Suggestions
    from sendreview.analysis.timeline import EntryStatus, NextView, TimelineEntry, TimelineView

# Colour is never the only signal: each verdict has a symbol and a word too (`vocabulary`).
VERDICT_STYLE: dict[Verdict, str] = {
    "met": "green",
    "partly-met": "yellow",
    "contested": "magenta",
    "opposed": "bold red",
    "not-addressed": "dim",
}
STATUS_STYLE: dict[EntryStatus, str] = {
    "done": "green",
    "expected": "yellow",
    "pending": "cyan",
    "projected": "blue",
    "overdue": "bold red",
    "did-not-happen": "magenta",
    "lapsed": "dim",
}


# Below this many columns a table cannot show its names and labels side by side: each row is
# shown as lines of "Heading: value" instead.
NARROW = 60
DEFAULT_WIDTH = 80


def usable_width(width: int) -> int:
    """The width to lay out for: a width no terminal has (0, or wider than 1,000) means the usual 80."""
    return width if 10 <= width <= 1000 else DEFAULT_WIDTH


def for_width(renderable: RenderableType, width: int) -> RenderableType:
    """The renderable laid out for a terminal `width` columns wide, never cutting a word short.

    A table keeps its columns when each column can be as wide as its longest word (an id such as
    `coproduction-not-confrontation` is the text a user must type); otherwise, or below NARROW
    columns, it is stacked as lines of "Heading: value". Only a web address may fold onto the next line.
    """
    if isinstance(renderable, Table):
        return _fitted(renderable, width) if width >= NARROW else _stacked(renderable)
    if isinstance(renderable, Stack):
        return Stack(*(for_width(part, width) for part in renderable.renderables))
    return renderable


# Each column costs this much beside its text: a space each side and a border.
_COLUMN_EDGES = 3


def _fitted(table: Table, width: int) -> RenderableType:
    """The table with every column at least as wide as its longest word, or stacked if they cannot all fit.

    The room left is shared out in proportion to how much more each column would like; rich's own
    sharing may squeeze a column below its longest word and cut it with "…".
    """
    least = [_widest(column, words=not column.no_wrap) for column in table.columns]
    most = [max(_widest(column, words=False), low) for column, low in zip(table.columns, least, strict=True)]
    room = width - _COLUMN_EDGES * len(least) - 1
    if sum(least) > room:
        return _stacked(table)
    for column in table.columns:
        column.overflow = "fold"  # a web address longer than its column folds; nothing ends in "…"
    if sum(most) <= room:
        return table
    if (kept := _rich_widths(table, width, least)) is not None:
        # rich's own layout, pinned: printing then lays the table out without measuring every cell again.
        for column, kept_width in zip(table.columns, kept, strict=True):
            column.width = kept_width
        return table
    spare, wants = room - sum(least), [high - low for low, high in zip(least, most, strict=True)]
    given = [spare * want // sum(wants) for want in wants]
    for column, low, extra in zip(table.columns, least, given, strict=True):
        column.width = low + extra
    return table


def _rich_widths(table: Table, width: int, least: list[int]) -> list[int] | None:
    """rich's own width for each column (without its padding), when that gives every column room
    for its longest word (then it is kept); else None."""
    from io import StringIO

    from rich.console import Console

    console = Console(width=width, file=StringIO(), emoji=False)  # as the screen's (cli._print)
    # rich's sharing of the width, as it will print the table (a private method, pinned by the tests at 60-120 columns)
    widths = table._calculate_column_widths(console, console.options.update_width(width - table._extra_width))
    inner = [w - table._get_padding_width(index) for index, w in enumerate(widths)]
    return inner if all(w >= low for w, low in zip(inner, least, strict=True)) else None


def _widest(column: Column, *, words: bool) -> int:
    """The widest word (or line) in a column's heading and cells; web addresses left out, as they may fold."""
    texts = [str(column.header), *(cell.plain if isinstance(cell, Text) else str(cell) for cell in column.cells)]
    pieces = [piece for text in texts for piece in (text.split() if words else text.splitlines())]
    return max((cell_len(p) for p in pieces if not p.lstrip("(").startswith("http")), default=0)


def _stacked(table: Table) -> RenderableType:
    """A table as one block of lines per row, each value under its column's heading."""
    parts: list[RenderableType] = []
    if table.title:
        parts.append(Text(str(table.title), style="bold underline"))
    headings = [str(column.header) for column in table.columns]
    for row in zip(*(list(column.cells) for column in table.columns), strict=True):
        block = Text()
        for heading, cell in zip(headings, row, strict=True):
            value = cell if isinstance(cell, Text) else Text(str(cell))
            if not value.plain:
                continue
            if block.plain:
                block.append("\n")
            block.append(f"{heading}: ", style="dim").append_text(value)
        parts += [block, Text("")]
    if table.caption:
        parts.append(Text(str(table.caption)))
    return Stack(*parts)


def _text(value: str, style: str = "") -> Text:
    return Text(cut(value), style=style)


def verdict_text(verdict: Verdict, *, short: bool = False) -> Text:
    return Text(VERDICT_SYMBOLS[verdict] if short else verdict_label(verdict), style=VERDICT_STYLE[verdict])


def asks_tree(view: CatalogueView) -> Tree:
    """The catalogue as a tree: group, ask, lens point."""
    root = Tree(Text("Asks", style="bold"))
    for group in view.groups:
        label = _text(group.title, "bold")
        if group.date is not None:
            label.append(f"  ({cut(str(group.date))})", style="dim")
        branch = root.add(label)
        for ask in (a for a in view.asks if a.group == group.id):
            line = Text.assemble((cut(ask.id), "cyan"), "  ", _text(ask.title), (ASK_KIND_SUFFIX[ask.kind], "red"))
            node = branch.add(line)
            if ask.text:
                node.add(_text(ask.text, "dim"))
            for lens in ask.lenses:
                point = node.add(Text.assemble((cut(lens.id), "cyan"), "  ", _text(lens.title)))
                point.add(_text(lens.text, "dim"))
    return root


def timeline_table(view: TimelineView) -> Table:
    """Milestones in order, with how late they came, what the rules project, and the NNPCF's
    involvement beside the milestones it spans."""
    involvement = _involvement_by_row(view)
    table = Table(title="The SEND review: timeline", title_justify="left", caption_justify="left", expand=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Milestone")
    table.add_column("Status", no_wrap=True)
    if involvement:  # no empty column when the rows shown start no period
        table.add_column("NNPCF involvement")
    for entry in view.milestones:
        milestone = _text(entry.title)
        for line in when.details(entry):
            milestone.append("\n").append_text(_text(line, "dim"))
        cells = [_date_cell(entry), milestone, status_text(entry.status)]
        table.add_row(*cells, *([involvement.get(entry.id, Text(""))] if involvement else []))
    table.caption = _timeline_caption(view)
    return table


def status_text(status: EntryStatus) -> Text:
    return Text(f"{when.STATUS_SYMBOL[status]} {status}", style=STATUS_STYLE[status])


def _date_cell(entry: TimelineEntry) -> Text:
    if entry.date is not None:
        return _text(str(entry.date))
    projection = entry.projection
    if projection is None:
        return Text("no record" if entry.status in ("lapsed", "did-not-happen") else "not yet known", style="dim")
    return Text(from_to(projection.earliest, projection.latest, gap="\n"), style="italic")


def _timeline_caption(view: TimelineView) -> Text | None:
    lines = []
    if view.document is not None:
        kind = KIND_TITLES[view.document.kind]
        lines.append(f"The {kind}'s own dates come from the document: {cut(view.document.title)}.")
    if any(e.projection is not None for e in view.milestones):
        lines.append(f"Projected and overdue are worked out from the rules on {long_date(view.today)}.")
    return Text("\n".join(lines), style="dim") if lines else None


def next_table(view: NextView) -> RenderableType:
    """The milestones still to come, overdue first, with the days until each."""
    table = Table(title=f"What comes next, on {long_date(view.today)}", title_justify="left", caption_justify="left")
    table.add_column("When", no_wrap=True)
    table.add_column("Milestone")
    table.add_column("Status", no_wrap=True)
    table.add_column("How long")
    for item in view.milestones:
        if item.date is not None:
            date = _text(str(item.date))
        else:
            date = Text(from_to(item.earliest, item.latest, gap="\n"), style="italic")
        table.add_row(date, _text(item.title), status_text(item.status), Text(when.days_away(item)))
    parts: list[RenderableType] = [table] if view.milestones else [Text("Nothing dated or projected is still to come.")]
    if view.undated:
        lines = Text("Still expected, with no date yet:", style="bold")
        for title in view.undated:
            lines.append("\n  • ").append_text(_text(title))
        parts.append(lines)
    return Stack(*parts)


def _involvement_by_row(view: TimelineView) -> dict[str, Text]:
    """The involvement lines at a period's first milestone, and a bar on the rows it spans."""
    order = [m.id for m in view.milestones]
    rows: dict[str, Text] = {}
    for period in view.periods:
        if period.start not in order:
            continue
        first = order.index(period.start)
        last = order.index(period.end) if period.end in order else first
        rows[period.start] = Text("\n".join(f"• {cut(line)}" for line in period.involvement))
        for milestone_id in order[first + 1 : last]:
            rows.setdefault(milestone_id, Text("┆", style="dim"))
    return rows


def comparison_report(result: Comparison, suggestions: Mapping[str, Suggestion] | None = None) -> RenderableType:
    """Header, red-line breaches, lens matrix, every ask's verdict, unassessed proposals (each with its
    best suggestion, if given, dim and marked as one), summary."""
    parts: list[RenderableType] = [_header(result)]
    if result.red_line_breaches:
        breaches: list[RenderableType] = []
        for breach in result.red_line_breaches:
            line = Text.assemble(("✘ ", "bold red"), (cut(breach.proposal), "bold cyan"), " ")
            line.append_text(_text(breach.proposal_title, "bold"))
            line.append(" crosses the red line: ").append_text(_text(breach.ask_title, "bold"))
            breaches.append(line)
            if breach.note:
                breaches.append(Padding(_text(breach.note, "italic"), (0, 0, 0, 2)))
        parts.append(Panel(Stack(*breaches), title=Text("Red lines crossed"), border_style="red", title_align="left"))
    if any(ask.lenses for ask in result.asks):
        parts += [_lens_matrix(result), _legend()]
    parts += [_asks_table(result)]
    unassessed = [p for p in result.proposals if not p.links]
    if unassessed:
        lines = Text("Proposals with no assessment yet:\n", style="bold")
        for proposal in unassessed:
            lines.append_text(Text.assemble("  ", (cut(proposal.id), "cyan"), " ", _text(proposal.title), "\n"))
            if suggestions and (suggestion := suggestions.get(proposal.id)) is not None:
                lines.append_text(_suggestion_hint(suggestion))
        lines.rstrip()
        parts.append(lines)
    parts.append(summary_line(result))
    return Stack(*parts)


def _header(result: Comparison) -> Text:
    doc, summary = result.document, result.summary
    header = _text(doc.title, "bold")
    published = f", published {cut(str(doc.published))}" if doc.published else ""
    header.append(f"\n{KIND_TITLES[doc.kind]}{published}. ")
    header.append(f"{summary.proposals} proposals, {summary.links} links to {summary.asks} asks.")
    if doc.consultation and doc.consultation.closes:
        header.append(f" Consultation closes {cut(str(doc.consultation.closes))}.")
    style = "" if result.assessment.status == "agreed" else "bold yellow"
    header.append("\n").append(cut(assessment_words(result.assessment)), style=style)
    return header


def _lens_matrix(result: Comparison) -> Table:
    table = Table(title="Silver bullets through the four lenses", title_justify="left")
    table.add_column("Silver bullet")
    lenses = list(LENS_TITLES)
    for lens in lenses:
        table.add_column(LENS_TITLES[lens].replace("Listening and early", "Early"), justify="center")
    table.add_column("Overall", no_wrap=True)
    for ask in (a for a in result.asks if a.lenses):
        cells: dict[str, Text] = {lens.lens: verdict_text(lens.verdict, short=True) for lens in ask.lenses}
        table.add_row(_text(ask.title), *(cells.get(lens, Text("")) for lens in lenses), verdict_text(ask.verdict))
    return table


def _legend() -> Text:
    legend = Text("Key: ", style="dim")
    for verdict in VERDICT_STYLE:
        legend.append_text(verdict_text(verdict))
        legend.append("   ")
    return legend


def _asks_table(result: Comparison) -> Table:
    table = Table(title="Every ask", title_justify="left")
    table.add_column("Ask")
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Proposals")
    titles = {g.id: g.title for g in result.groups}
    group = None
    for ask in result.asks:
        if ask.group != group:
            group = ask.group
            table.add_row(_text(titles.get(group, group), "bold underline"), "", "")
        cell = _proposal_ids(link.proposal for link in ask.links)
        by_lens = _proposal_ids(link.proposal for lens in ask.lenses for link in lens.links)
        if by_lens.plain:
            cell.append("; " if cell.plain else "").append("through lens points: ", style="dim")
            cell.append_text(by_lens)
        label = Text.assemble(_text(ask.title), (ASK_KIND_SUFFIX[ask.kind], "red"), "\n", (cut(ask.id), "cyan"))
        table.add_row(label, verdict_text(ask.verdict), cell)
    return table


def _proposal_ids(ids: Iterable[str]) -> Text:
    unique = dict.fromkeys(ids)
    return Text(", ".join(cut(i) for i in unique), style="cyan")


def summary_line(result: Comparison) -> Text:
    summary = result.summary
    counts: dict[Verdict, int] = {
        "met": summary.met,
        "partly-met": summary.partly_met,
        "contested": summary.contested,
        "opposed": summary.opposed,
        "not-addressed": summary.not_addressed,
    }
    line = Text(f"{summary.asks} asks: ", style="bold")
    line.append_text(Text(", ").join(Text.assemble(verdict_text(v), f" {n}") for v, n in counts.items()))
    breaches = summary.red_line_breaches
    line.append(f"; {breaches} red-line breach{'es' if breaches != 1 else ''}.", style="bold red" if breaches else "")
    return line


def _suggestion_hint(suggestion: Suggestion) -> Text:
    """One dim line under an unassessed proposal in `compare`: its best suggestion, marked as one."""
    kind = ASK_KIND_SUFFIX[suggestion.kind].strip(" ()")
    if suggestion.matched:
        why = "matched " + ", ".join(f'"{cut(m.text)}"' for m in suggestion.matched[:3])
    else:
        why = "like " + ", ".join(cut(p.id) for p in suggestion.learned[:3]) + " in an earlier paper"
    return Text.assemble(
        ("      suggestion: ", "dim italic"),
        (cut(suggestion.ask), "dim cyan"),
        (f" ({kind + '; ' if kind else ''}{why})\n", "dim"),
    )


def suggestions_report(result: Suggestions) -> RenderableType:
    """Each proposal with its suggested asks, why (the words that matched, earlier proposals like it),
    and links worth a second look."""
    from sendreview.analysis.suggest import paper_names, reasons

    header = _text(f"Suggested asks for: {result.document.title}", "bold")
    header.append(
        f"\nA draft to check, not an assessment: compare counts none of it. Up to {result.top} per proposal,"
        f" each scoring {result.min_score:g} or more.",
        style="dim",
    )
    papers = paper_names(result.learned_from)
    for item in result.learned_from:
        header.append(
            f"\nLearning from {cut(item.file)}: {item.assessed} assessed proposal{'s' if item.assessed != 1 else ''}"
            f" of {cut(papers[item.file])}.",
            style="dim",
        )
    parts: list[RenderableType] = [header]
    if not result.proposals:
        parts.append(Text("Every proposal has an assessment already; --all suggests for them too."))
        return Stack(*parts)

    def indented(text: Text, by: int) -> Padding:
        return Padding(text, (0, 0, 0, by), expand=False)  # wrapped lines keep the indent

    for proposal in result.proposals:
        parts.append(Text.assemble("\n", (cut(proposal.id), "bold cyan"), " ", _text(proposal.title, "bold")))
        if proposal.linked:
            parts.append(indented(Text(f"linked already: {', '.join(cut(a) for a in proposal.linked)}", "dim"), 2))
        for rank, suggestion in enumerate(proposal.suggestions, start=1):
            line = Text.assemble(f"{rank}. ", (cut(suggestion.ask), "cyan"), (ASK_KIND_SUFFIX[suggestion.kind], "red"))
            parts += [indented(line.append(f"  score {suggestion.score:g}"), 2), indented(_text(suggestion.title), 5)]
            parts += [indented(Text(cut(reason), "dim"), 5) for reason in reasons(suggestion, papers)]
        if not proposal.suggestions:
            parts.append(indented(Text(f"no suggestion: no ask scores {result.min_score:g} or more", "dim"), 2))
        for look in proposal.second_look:
            line = Text.assemble(("? second look: ", "yellow"), (cut(look.ask), "cyan"))
            line.append(f" ({look.stance}) scores {look.score:g}: the proposal's words do not point to it")
            parts.append(indented(line, 2))
    with_some = sum(1 for p in result.proposals if p.suggestions)
    looks = sum(len(p.second_look) for p in result.proposals)
    footer = (
        f"\n{len(result.proposals)} proposal{'s' if len(result.proposals) != 1 else ''}: {with_some} with suggestions"
    )
    footer += f", {looks} link{'s' if looks != 1 else ''} worth a second look." if result.all_proposals else "."
    parts.append(Text(footer, style="bold"))
    return Stack(*parts)
