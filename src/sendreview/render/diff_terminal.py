"""`diff` for the terminal, as rich renderables. User text goes through `clean` into plain Text,
never into markup; the words are shared with Markdown through `render.diff_words`."""

from __future__ import annotations

from rich.console import Group as Stack
from rich.console import RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sendreview.analysis.compare import Verdict
from sendreview.analysis.diff import Change, Diff, ProposalChange, ProposalStatus, RedLineChange, Side, Step
from sendreview.render import diff_words as words
from sendreview.render.terminal import verdict_text
from sendreview.terms import ASK_KIND_SUFFIX
from sendreview.text import cut

CHANGE_STYLE: dict[Change, str] = {"improved": "green", "regressed": "bold red", "unchanged": "dim"}
STATUS_STYLE: dict[ProposalStatus, str] = {"carried": "", "changed": "yellow", "dropped": "red", "new": "green"}
RED_LINE_STYLE: dict[words.RedLineRole, str] = {
    "resolved": "bold green",
    "open": "bold red",
    "id": "cyan",
    "ask": "bold",
    "note": "italic",
    "": "",
}


def diff_report(result: Diff) -> RenderableType:
    """Each step (and the net change when there are more than two papers), most telling first:
    weakened commitments, red lines, then every ask and every proposal."""
    parts: list[RenderableType] = []
    count = len(result.steps)
    for number, step in enumerate(result.steps, 1):
        prefix = f"Step {number} of {count}: " if count > 1 else ""
        parts += _step(result, step, prefix + words.step_title(result, step))
    if result.net is not None:
        parts += _step(result, result.net, "Net change, first to last: " + words.step_title(result, result.net))
    return Stack(*parts)


def _step(result: Diff, step: Step, title: str) -> list[RenderableType]:
    header = Text(title, style="bold underline")
    header.append(f"\nfrom: {words.stage_line(result, step.old, cut)}", style="")
    header.append(f"\nto:   {words.stage_line(result, step.new, cut)}", style="")
    parts: list[RenderableType] = [header, Text(words.summary_sentence(step), style="bold")]
    weakened = [p for p in step.proposals if p.weakened]
    if weakened:
        parts.append(
            Panel(
                Stack(*(_weakened(p) for p in weakened)),
                title=Text("Weakened commitments"),
                border_style="yellow",
                title_align="left",
            )
        )
    if step.red_lines:
        still_open = any(r.status != "resolved" for r in step.red_lines)
        parts.append(
            Panel(
                Stack(*(_red_line(r) for r in step.red_lines)),
                title=Text("Red-line breaches"),
                border_style="red" if still_open else "green",
                title_align="left",
            )
        )
    parts += [_asks(result, step), _proposals(step)]
    return parts


def _weakened(change: ProposalChange) -> RenderableType:
    if change.old is None or change.new is None:  # only matched proposals can weaken
        return Text("")
    line = Text.assemble(("▼ ", "bold yellow"), (cut(change.old.id), "bold cyan"), " ")
    line.append_text(Text(cut(change.old.title), style="bold")).append(" → ")
    line.append(cut(change.new.id), style="bold cyan").append(" ").append_text(Text(cut(change.new.title), "bold"))
    detail = Text("\n".join(words.weakened_lines(change, cut)), style="italic")
    return Stack(line, Padding(detail, (0, 0, 0, 2)))


def _red_line(change: RedLineChange) -> Text:
    line = Text(style="" if change.status == "resolved" else "bold red")
    for text, role in words.red_line_pieces(change, cut):
        line.append(text, RED_LINE_STYLE[role])
    return line


def _asks(result: Diff, step: Step) -> Table:
    table = Table(title="Every ask, then and now", title_justify="left")
    table.add_column("Ask")
    table.add_column("Then", no_wrap=True)
    table.add_column("Now", no_wrap=True)
    table.add_column("Change", no_wrap=True)
    titles = {g.id: g.title for g in result.groups}
    group = None
    for ask in step.asks:
        if ask.group != group:
            group = ask.group
            table.add_row(Text(cut(titles.get(group, group)), style="bold underline"), "", "", "")
        label = Text.assemble(cut(ask.title), (ASK_KIND_SUFFIX[ask.kind], "red"), "\n", (cut(ask.id), "cyan"))
        table.add_row(
            label,
            _verdict_cell(ask.before, ask.proposals_before),
            _verdict_cell(ask.after, ask.proposals_after),
            Text(words.CHANGE_LABEL[ask.change], style=CHANGE_STYLE[ask.change]),
        )
    return table


def _verdict_cell(verdict: Verdict, proposals: tuple[str, ...]) -> Text:
    cell = verdict_text(verdict)
    if proposals:
        cell.append("\n").append(", ".join(cut(p) for p in proposals), style="cyan")
    return cell


def _proposals(step: Step) -> Table:
    table = Table(title="Every proposal, then and now", title_justify="left", expand=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Then", ratio=3)
    table.add_column("Now", ratio=3)
    table.add_column("Match", ratio=2)
    table.add_column("Commitment", ratio=3)
    for change in step.proposals:
        commitment = Text(words.strength_words(change))
        if deadline := words.deadline_words(change, cut):
            commitment.append("\n" + deadline, style="dim")
        table.add_row(
            Text(words.STATUS_LABEL[change.status], style=STATUS_STYLE[change.status]),
            _side(change.old),
            _side(change.new),
            Text(words.match_words(change, cut), style="dim"),
            commitment,
        )
    return table


def _side(side: Side | None) -> Text:
    if side is None:
        return Text("")
    return Text.assemble((cut(side.id), "cyan"), " ", cut(side.title))
