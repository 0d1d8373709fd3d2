"""`diff` as Markdown, and the words every format of `diff` uses, so they all say the same thing.

Every function that puts user text into a phrase takes `esc`, the escaping for where the words
are going (`sendreview.text.clean` for the terminal, `sendreview.text.markdown` for Markdown). The
terminal renderer is `render.diff_terminal`.
"""

from __future__ import annotations

from collections.abc import Callable

from sendreview.analysis.compare import Verdict
from sendreview.analysis.diff import Change, Diff, ProposalChange, ProposalStatus, RedLineChange, Step
from sendreview.analysis.matching import MatchHow
from sendreview.analysis.strength import StrengthLevel
from sendreview.render.markdown import pipe_table
from sendreview.text import markdown as md
from sendreview.vocabulary import ASK_KIND_SUFFIX, KIND_TITLES, verdict_label
from sendreview.wording import assessment_words

Escape = Callable[[str], str]

# Colour is never the only signal: a symbol and a word for each.
CHANGE_LABEL: dict[Change, str] = {"improved": "▲ improved", "regressed": "▼ regressed", "unchanged": "= unchanged"}
STATUS_LABEL: dict[ProposalStatus, str] = {
    "carried": "→ carried",
    "changed": "~ changed",
    "dropped": "- dropped",
    "new": "+ new",
}
MATCH_LABEL: dict[MatchHow, str] = {"follows": "follows", "id": "same id", "title": "similar title", "chain": "via"}


def stage_label(result: Diff, index: int) -> str:
    """A paper's kind and year, e.g. 'Green Paper 2022' (not user text: safe in any format)."""
    info = result.stages[index].document
    year = f" {info.published.start.year}" if info.published else ""
    return f"{KIND_TITLES[info.kind]}{year}"


def step_title(result: Diff, step: Step) -> str:
    return f"{stage_label(result, step.old)} → {stage_label(result, step.new)}"


def stage_line(result: Diff, index: int, esc: Escape) -> str:
    """'FILE: Title (Green Paper, published 2022-03-29)'."""
    stage = result.stages[index]
    info = stage.document
    published = f", published {esc(str(info.published))}" if info.published else ""
    kind = f"{KIND_TITLES[info.kind]}{published}"
    return f"{esc(stage.file)}: {esc(info.title)} ({kind}). {esc(assessment_words(stage.assessment))}"


def summary_sentence(step: Step) -> str:
    """The step's counts in one plain sentence."""
    s = step.summary
    breaches = f"{s.red_lines_new} new, {s.red_lines_still_open} still open, {s.red_lines_resolved} resolved"
    return (
        f"{s.asks} asks: {s.improved} improved, {s.regressed} regressed, {s.unchanged} unchanged. "
        f"Proposals {s.proposals_before} → {s.proposals_after}: {s.carried} carried, {s.changed} changed, "
        f"{s.dropped} dropped, {s.new} new; {s.weakened} weakened. Red-line breaches: {breaches}."
    )


def match_words(change: ProposalChange, esc: Escape) -> str:
    """How the proposal was matched, and how alike the titles are; or the closest near miss."""
    if change.match is not None:
        how = MATCH_LABEL[change.match.how]
        if change.match.via:
            how += " " + ", ".join(esc(i) for i in change.match.via)
        return f"{how}, title {change.match.score:.2f}"
    if change.nearest is not None:
        return f"none; closest {esc(change.nearest.id)}, title {change.nearest.score:.2f}"
    return ""


def level_words(level: StrengthLevel) -> str:
    return "no commitment words" if level == "none" else level


def strength_words(change: ProposalChange) -> str:
    """The commitment strength, then and now (levels only: no user text)."""
    if change.old is not None and change.new is not None:
        before, after = level_words(change.old.strength.level), level_words(change.new.strength.level)
        if change.strength_change == "fell":
            return f"▼ {before} → {after}"
        if change.strength_change == "rose":
            return f"▲ {before} → {after}"
        return after if before == after else f"{before} → {after}"
    side = change.new or change.old
    return level_words(side.strength.level) if side is not None else ""


def deadline_words(change: ProposalChange, esc: Escape) -> str:
    """What happened to the deadline, in words; empty when there is none on either side."""
    then = change.old.strength.deadline if change.old else None
    now = change.new.strength.deadline if change.new else None
    kind = change.deadline_change
    if kind == "slipped" and then and now:
        return f"▼ deadline slipped: {esc(then.phrase)} → {esc(now.phrase)}"
    if kind == "dropped" and then:
        return f"▼ deadline dropped (was {esc(then.phrase)})"
    if kind == "passed" and then:
        return f"deadline passed ({esc(then.phrase)})"
    if kind == "earlier" and then and now:
        return f"▲ deadline earlier: {esc(then.phrase)} → {esc(now.phrase)}"
    if kind == "added" and now:
        return f"deadline added: {esc(now.phrase)}"
    if kind == "same" and now:
        return f"deadline: {esc(now.phrase)}"
    side = now or then
    return f"deadline: {esc(side.phrase)}" if side and kind is None else ""


def phrase_list(phrases: tuple[str, ...], esc: Escape) -> str:
    return ", ".join(f'"{esc(p)}"' for p in phrases) if phrases else "no commitment words found"


def weakened_lines(change: ProposalChange, esc: Escape) -> list[str]:
    """The then/now lines under a weakened commitment: levels with the phrases that decided them."""
    if change.old is None or change.new is None:
        return []
    old, new = change.old.strength, change.new.strength
    then = f"then: {level_words(old.level)}, {phrase_list(old.phrases, esc)}"
    now = f"now: {level_words(new.level)}, {phrase_list(new.phrases, esc)}"
    if old.deadline:
        then += f"; {esc(old.deadline.phrase)}"
    if new.deadline:
        now += f"; {esc(new.deadline.phrase)}"
    lines = [then, now]
    if old.negated or new.negated:
        cancelled = [*old.negated, *new.negated]
        lines.append("not counted (negated): " + ", ".join(f'"{esc(p)}"' for p in cancelled))
    if change.opposed_before:
        lines.append(f"Your assessment disagreed with {esc(change.old.id)}, so this retreat may be welcome.")
    return lines


# --- Markdown ---------------------------------------------------------------------------------


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
    if change.status == "resolved":
        text = (
            f"✔ resolved: {md(change.old_proposal or '')} {md(change.old_title)} no longer crosses "
            f"*{md(change.ask_title)}*"
        )
        if change.new_proposal is None:
            return text + " (the proposal is not in the new paper)"
        text += f"; now {md(change.new_proposal)} {md(change.new_title)}"
        text += f" ({change.new_stance})" if change.new_stance else ""
        return text + (f": {md(change.new_note)}" if change.new_note else "")
    before = f"{md(change.old_proposal or '')} → " if change.status == "still-open" else ""
    label = "✘ still open" if change.status == "still-open" else "✘ new"
    note = f": {md(change.new_note)}" if change.new_note else ""
    proposal = f"{md(change.new_proposal or '')} {md(change.new_title)}"
    return f"{label}: {before}{proposal} crosses *{md(change.ask_title)}*{note}"
