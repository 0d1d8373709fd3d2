"""`diff` as Markdown; the words it shares with the terminal are in `render.diff_words`."""

from __future__ import annotations

from sendreview.analysis.compare import Verdict
from sendreview.analysis.diff import Diff, RedLineChange, Step
from sendreview.render.diff_words import (
    CHANGE_LABEL,
    STATUS_LABEL,
    deadline_words,
    match_words,
    red_line_pieces,
    stage_line,
    step_title,
    strength_words,
    summary_sentence,
    weakened_lines,
)
from sendreview.render.markdown import pipe_table
from sendreview.terms import ASK_KIND_SUFFIX, verdict_label
from sendreview.text import markdown as md


def _verdict(verdict: Verdict, proposals: tuple[str, ...]) -> str:
    ids = f" ({', '.join(md(p) for p in proposals)})" if proposals else ""
    return verdict_label(verdict) + ids


def markdown(result: Diff) -> str:
    """The diff as Markdown: each step, then the net change when there are more than two papers."""
    lines: list[str] = []
    count = len(result.steps)
    for number, step in enumerate(result.steps, 1):
        prefix = f"Step {number} of {count}: " if count > 1 else ""
        lines += _markdown_step(result, step, prefix + step_title(result, step))
    if result.net is not None:
        lines += _markdown_step(result, result.net, "Net change, first to last: " + step_title(result, result.net))
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown_step(result: Diff, step: Step, title: str) -> list[str]:
    lines = [
        f"# {title}",
        "",
        f"- From: {stage_line(result, step.old, md)}",
        f"- To: {stage_line(result, step.new, md)}",
        "",
        f"**{summary_sentence(step)}**",
        "",
    ]
    weakened = [p for p in step.proposals if p.weakened]
    if weakened:
        lines += ["## Weakened commitments", ""]
        for change in weakened:
            if change.old is None or change.new is None:  # only matched proposals can weaken
                continue
            lines.append(
                f"- ▼ **{md(change.old.id)} {md(change.old.title)}** → **{md(change.new.id)} {md(change.new.title)}**"
            )
            lines += [f"  - {line}" for line in weakened_lines(change, md)]
        lines.append("")
    if step.red_lines:
        lines += ["## Red-line breaches", ""]
        lines += [f"- {_red_line_markdown(change)}" for change in step.red_lines]
        lines.append("")
    titles = {g.id: g.title for g in result.groups}
    rows = [
        [
            f"{md(a.title)}{ASK_KIND_SUFFIX[a.kind]} (`{a.id}`)",
            md(titles.get(a.group, a.group)),
            _verdict(a.before, a.proposals_before),
            _verdict(a.after, a.proposals_after),
            CHANGE_LABEL[a.change],
        ]
        for a in step.asks
    ]
    lines += ["## Every ask, then and now", "", *pipe_table(["Ask", "Group", "Then", "Now", "Change"], rows), ""]
    rows = []
    for change in step.proposals:
        commitment = strength_words(change)
        if deadline := deadline_words(change, md):
            commitment += f"; {deadline}"
        rows.append(
            [
                STATUS_LABEL[change.status],
                f"{md(change.old.id)} {md(change.old.title)}" if change.old else "",
                f"{md(change.new.id)} {md(change.new.title)}" if change.new else "",
                match_words(change, md),
                commitment,
            ]
        )
    lines += [
        "## Every proposal, then and now",
        "",
        *pipe_table(["Status", "Then", "Now", "Match", "Commitment"], rows),
    ]
    return [*lines, ""]


def _red_line_markdown(change: RedLineChange) -> str:
    return "".join(f"*{text}*" if role == "ask" else text for text, role in red_line_pieces(change, md))
