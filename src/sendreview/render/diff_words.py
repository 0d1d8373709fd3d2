"""The words every format of `diff` uses, so the terminal and Markdown say the same thing.

Every function that puts user text into a phrase takes `esc`, the escaping for where the words
are going (`sendreview.text.cut` for the terminal, `sendreview.text.markdown` for Markdown). The
formats are `render.diff` (Markdown) and `render.diff_terminal`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from sendreview.analysis.diff import Change, Diff, ProposalChange, ProposalStatus, RedLineChange, Step
from sendreview.analysis.matching import MatchHow
from sendreview.analysis.strength import StrengthLevel
from sendreview.in_words import assessment_words
from sendreview.terms import KIND_TITLES

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


# What a piece of a red-line sentence is, so each format can show it its own way: the label of a
# resolved or an open breach, a proposal's id, the ask (the red line), a note, or plain words.
RedLineRole = Literal["resolved", "open", "id", "ask", "note", ""]


def red_line_pieces(change: RedLineChange, esc: Escape) -> list[tuple[str, RedLineRole]]:
    """The sentence for one red line, then and now, in pieces: "✘ new: 4.2 A proposal crosses
    An ask: a note", or "✔ resolved: 2.1 ... no longer crosses An ask; now 2.3 ... (agree)"."""
    if change.status == "resolved":
        pieces: list[tuple[str, RedLineRole]] = [
            ("✔ resolved: ", "resolved"),
            (esc(change.old_proposal or ""), "id"),
            (f" {esc(change.old_title)} no longer crosses ", ""),
            (esc(change.ask_title), "ask"),
        ]
        if change.new_proposal is None:
            return [*pieces, (" (the proposal is not in the new paper)", "")]
        pieces += [("; now ", ""), (esc(change.new_proposal), "id"), (f" {esc(change.new_title)}", "")]
        if change.new_stance:
            pieces.append((f" ({change.new_stance})", ""))
    else:
        still_open = change.status == "still-open"
        pieces = [("✘ still open: " if still_open else "✘ new: ", "open")]
        if still_open:
            pieces += [(esc(change.old_proposal or ""), "id"), (" → ", "")]
        pieces += [
            (esc(change.new_proposal or ""), "id"),
            (f" {esc(change.new_title)} crosses ", ""),
            (esc(change.ask_title), "ask"),
        ]
    if change.new_note:
        pieces.append((f": {esc(change.new_note)}", "note"))
    return pieces
