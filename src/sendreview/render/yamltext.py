"""YAML a person edits: suggested links ready to paste, and a new document from `init`.

Text from files is written as double-quoted scalars with every character YAML could misread
escaped, and as comments only after line breaks are flattened, so no text can become YAML.
The indentation matches a document's house layout (proposals at 2 spaces, their fields at 4),
so a `responds_to:` block can be pasted under a proposal as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from sendreview.analysis.draft import HOW_TO_WRITE, Draft, DraftProposal
from sendreview.analysis.suggest import Suggestion, Suggestions, matched_words, paper_names, precedent_reasons
from sendreview.in_words import count
from sendreview.terms import ASK_KIND_SUFFIX
from sendreview.text import clean

if TYPE_CHECKING:
    from sendreview.analysis.paper import PaperDraft
    from sendreview.models.profile import Profile

# Characters YAML readers refuse or read as line breaks; json.dumps leaves these as they are.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]+")
STANCES = "agree, partly or disagree"


def quoted(text: str) -> str:
    """Text as a YAML double-quoted scalar that reads back exactly."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def comment(text: str) -> str:
    """Text made safe for the rest of a `#` comment line."""
    return " ".join(_LINE_BREAKS.sub(" ", clean(text)).split())


def _links(
    suggestions: tuple[Suggestion, ...], indent: str, prefix: str = "", papers: Mapping[str, str] | None = None
) -> list[str]:
    """`- ask: ... stance: todo` items, each with its title and evidence as comments."""
    lines = []
    for s in suggestions:
        words = f": {comment(matched_words(s))}" if s.matched else ""
        lines.append(f"{indent}{prefix}  # score {s.score:g}{words}")
        lines += [f"{indent}{prefix}  #   {comment(reason)}" for reason in precedent_reasons(s, papers or {})]
        lines.append(f"{indent}{prefix}  - ask: {s.ask}  # {comment(s.title)}{ASK_KIND_SUFFIX[s.kind]}")
        lines.append(f"{indent}{prefix}    stance: todo")
    return lines


def suggestions_yaml(result: Suggestions) -> str:
    """Suggested links as `responds_to:` blocks with `stance: todo`, under each proposal's id."""
    lines = [
        f"# Suggested links for {comment(result.document.title)}, from sendreview suggest.",
        "# A draft, not an assessment. For each link: check it, replace todo with",
        f"# {STANCES}, add a note if you like, and delete it if it does not apply.",
        "# Then paste each responds_to block under its proposal in your document.",
    ]
    papers = paper_names(result.learned_from)
    lines += [f"# Learning from {comment(papers[item.file])} ({comment(item.file)})." for item in result.learned_from]
    lines.append("proposals:")
    for proposal in result.proposals:
        lines.append(f"  - id: {quoted(proposal.id)}  # {comment(proposal.title)}")
        for look in proposal.second_look:
            lines.append(
                f"    # second look: the link to {look.ask} ({look.stance}) scores {look.score:g}:"
                " the proposal's words do not point to it; check it is meant"
            )
        if not proposal.suggestions:
            lines.append(f"    # no suggestion: no ask scores {result.min_score:g} or more")
            continue
        if proposal.linked:
            lines.append("    # It has responds_to already: add these links to it.")
        lines.append("    responds_to:")
        lines += _links(proposal.suggestions, "    ", papers=papers)
    return "\n".join(lines) + "\n"


def _proposal(proposal: DraftProposal, text_name: str) -> list[str]:
    where = f"line {proposal.line} of {comment(text_name)}" if proposal.line else "found in the paper: check it"
    if proposal.renamed_from:
        where += f"; numbered {comment(proposal.renamed_from)} there, like an earlier one"
    lines = [f"  - id: {quoted(proposal.id)}  # {where}"]
    if proposal.chapter:
        lines.append(f"    chapter: {quoted(proposal.chapter)}")
    lines.append(f"    title: {quoted(proposal.title)}")
    if proposal.source:
        lines.append(f"    source: {quoted(proposal.source)}")
    if proposal.summary:
        lines.append(f"    summary: {quoted(proposal.summary)}")
    if proposal.suggestions:
        lines.append(f"    # Suggested asks, a draft to check: uncomment what applies; stance: {STANCES}.")
        lines.append("    # responds_to:")
        lines += _links(proposal.suggestions, "    ", prefix="# ")
    else:
        lines.append("    # No ask suggested: the words match none well. `sendreview asks` lists them all.")
    return lines


def draft_yaml(draft: Draft, path_name: str) -> str:
    """A new document file: the paper's details, then its proposals (or an example to follow)."""
    info = draft.document
    source = f" from {comment(draft.text_name)}" if draft.text_name else ""
    lines = [
        f"# A sendreview document, started by sendreview init{source}.",
        "# Check each proposal against the paper, then assess it: link it to the asks it touches",
        f"# (responds_to, with a stance: {STANCES}). Check the file with:",
        f"#   sendreview validate {comment(path_name)}",
        "document:",
        f"  title: {quoted(info.title)}",
        f"  kind: {info.kind}",
    ]
    if info.published is not None:
        lines.append(f"  published: {quoted(str(info.published))}")
    if info.consultation is not None:
        lines.append("  consultation:")
        for key, value in (("opens", info.consultation.opens), ("closes", info.consultation.closes)):
            if value is not None:
                lines.append(f"    {key}: {quoted(str(value))}")
    lines += ["assessment:", "  status: draft  # draft | illustrative | agreed"]
    if draft.by:
        lines.append(f"  by: {quoted(draft.by)}")
    if draft.preamble:
        lines.append(f"# Text before the first numbered line, not read as a proposal: {comment(draft.preamble)}")
    if not draft.proposals:
        lines += [
            "proposals: []",
            "# Replace [] above with the paper's proposals, like this:",
            "# proposals:",
            '#   - id: "2.1"',
            '#     chapter: "A single national SEND and alternative provision system"',
            "#     title: National SEND standards",
            "#     summary: New national standards across education, health and care.",
            "#     responds_to:",
            "#       - ask: minimum-standards",
            "#         stance: agree",
            f"# Or start again with --from-text FILE: {HOW_TO_WRITE}.",
        ]
        return "\n".join(lines) + "\n"
    lines.append("proposals:")
    for proposal in draft.proposals:
        lines += _proposal(proposal, draft.text_name)
    return "\n".join(lines) + "\n"


def started(draft: Draft, found: PaperDraft | None, path_name: str) -> str:
    """What `init` tells the person after writing a new document, and what to do next. File names are
    given as they are: the caller shows any control character in them as a code."""
    path = path_name
    if found is not None:
        where = [count(found.pages, "page")] if found.pages else []
        where += [count(found.chapters, "chapter")] if found.chapters else []
        counted = f" ({', '.join(where)})" if where else ""
        return (
            f"Found {count(len(draft.proposals), 'proposal')} in {draft.text_name}{counted}."
            " This is a draft: check each proposal against the paper (title, chapter, summary), and the"
            f" paper's details at the top. Then assess them: sendreview assess {path}"
        )
    if draft.text_name:
        return (
            f"Found {count(len(draft.proposals), 'proposal')} in {draft.text_name}."
            f" Check them, then assess them: sendreview assess {path}"
        )
    return f"Add the paper's proposals, then assess them: sendreview assess {path}"


def profile_yaml(profile: Profile) -> str:
    """A forum's profile as the `forum.yaml` a person can edit later, every field shown."""
    lines = [
        "# Your forum's profile, read by sendreview statement, compare, init and assess",
        "# when they run in this folder (or given with --profile FILE). Edit it as you like;",
        "# check it with: sendreview validate forum.yaml",
        f"name: {quoted(profile.name)}",
    ]
    optional = (
        ("short_name", profile.short_name or ""),
        ("region", profile.region or ""),
        ("website", profile.website),
        ("contact", profile.contact),
        ("intro", profile.intro),
        ("next_steps", profile.next_steps),
    )
    for key, value in optional:
        lines.append(f"{key}: {quoted(value)}" if value else f"# {key}:")
    if profile.asks:
        lines += ["asks:", *(f"  - {quoted(ask)}" for ask in profile.asks)]
    else:
        lines.append("# asks: [our-asks.yaml]  # your forum's own asks files, beside this one")
    return "\n".join(lines) + "\n"
