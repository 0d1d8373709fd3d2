"""Turn a plain-text list of proposals into a draft document, each proposal with suggested asks.

How the text is read:

- If any line starts with a number or letter marker ("1.", "2.3", "2.3.", "4)", "a)", "(b)"),
  each such line starts a proposal whose id is the marker ("2.3"; a letter after a numbered
  item takes its number: "3a"). Lines up to the next marker belong to it.
- Otherwise, if any line starts with a bullet ("-", "*", "•"), each bullet starts a proposal.
- Otherwise each paragraph (lines between blank lines) is a proposal.
- Bulleted and paragraph proposals are numbered 1, 2, 3... An id used twice gets "-2", "-3".
- Text before the first marker is not a proposal; it is kept for the document's comments.
- A proposal's title is its first line when that line reads as a heading (no full stop, and the
  next line starts with a capital letter, a digit or a bullet); otherwise its first sentence.
  The rest is its summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sendreview.analysis.result import Result
from sendreview.analysis.suggest import DEFAULT_MIN_SCORE, DEFAULT_TOP, Ranker, Suggestion, suggest_for
from sendreview.errors import SendReviewError
from sendreview.models.asks import Catalogue
from sendreview.models.document import DocumentInfo, Proposal
from sendreview.models.vocabulary import VocabularyFile

_NUMBERED = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)[.)]\s+(\S.*)|(\d{1,3}(?:\.\d{1,3})+)\s+(\S.*)")
_LETTERED = re.compile(r"\(?([a-z])\)\s+(\S.*)")
_BULLET = re.compile(r"[-*\u2022]\s+(\S.*)")
_SENTENCE = re.compile(r"(.+?[.!?])(?:\s+|$)(.*)", re.DOTALL)
HOW_TO_WRITE = "write one proposal per paragraph, or one per numbered line (1., 2.3, a))"


class DraftProposal(Result):
    """A proposal read from the text, where it started, and the asks it may touch."""

    id: str
    title: str
    summary: str
    line: int
    chapter: str = ""
    source: str = ""
    renamed_from: str = ""
    suggestions: tuple[Suggestion, ...] = ()


class Draft(Result):
    """A new document: the paper's details and the proposals read from text (maybe none)."""

    document: DocumentInfo
    text_name: str = ""
    by: str = ""
    preamble: str = ""
    proposals: tuple[DraftProposal, ...] = ()


@dataclass
class _Item:
    marker: str | None
    line: int
    lines: list[str]


def _marker(line: str) -> tuple[str, str, str] | None:
    """("number" | "letter" | "bullet", marker, rest of line) for a line that starts an item."""
    stripped = line.strip()
    if match := _NUMBERED.fullmatch(stripped):
        number = match.group(1) or match.group(3)
        return "number", number, (match.group(2) or match.group(4)).strip()
    if match := _LETTERED.fullmatch(stripped):
        return "letter", match.group(1), match.group(2).strip()
    if match := _BULLET.fullmatch(stripped):
        return "bullet", "", match.group(1).strip()
    return None


def _items(text: str) -> tuple[str, list[_Item]]:
    """The text before any item, and the items, by markers if there are any, else by paragraphs."""
    lines = text.splitlines()
    markers = [_marker(line) for line in lines]
    kinds = {found[0] for found in markers if found}
    wanted = {"number", "letter"} if kinds & {"number", "letter"} else kinds
    if not wanted:
        items: list[_Item] = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            if number == 1 or not lines[number - 2].strip() or not items:
                items.append(_Item(None, number, []))
            items[-1].lines.append(line.strip())
        return "", items
    preamble: list[str] = []
    items = []
    parent = ""
    for number, (line, found) in enumerate(zip(lines, markers, strict=True), start=1):
        if found and found[0] in wanted:
            kind, marker, rest = found
            if kind == "number":
                parent = marker
            elif kind == "letter":
                marker = parent + marker
            items.append(_Item(marker or None, number, [rest]))
        elif line.strip():
            (items[-1].lines if items else preamble).append(line.strip())
    return " ".join(preamble), items


def _title_and_summary(lines: Sequence[str]) -> tuple[str, str]:
    """The title (a heading line, else the first sentence) and the rest as the summary."""
    starts = lines[1][:1] if len(lines) > 1 else ""
    heading = (
        bool(starts)
        and lines[0][-1:] not in ".,;:!?"
        and (starts.isupper() or starts.isdigit() or starts in "-*\u2022")
    )
    if heading:
        title, summary = lines[0], " ".join(lines[1:])
    else:
        joined = " ".join(lines)
        match = _SENTENCE.fullmatch(joined)
        title, summary = (match.group(1), match.group(2)) if match else (joined, "")
    if title.endswith(".") and not title.endswith("..") and title[:-1].strip():
        title = title[:-1]
    return title.strip(), summary.strip()


def proposals_from_text(text: str) -> tuple[str, list[DraftProposal]]:
    """Read proposals from plain text: the text before the first item, and the proposals."""
    preamble, items = _items(text)
    used: set[str] = set()
    proposals = []
    for count, item in enumerate(items, start=1):
        wanted = item.marker or str(count)
        proposal_id, n = wanted, 1
        while proposal_id in used:
            n += 1
            proposal_id = f"{wanted}-{n}"
        used.add(proposal_id)
        title, summary = _title_and_summary(item.lines)
        renamed = wanted if proposal_id != wanted else ""
        proposals.append(
            DraftProposal(id=proposal_id, title=title, summary=summary, line=item.line, renamed_from=renamed)
        )
    return preamble, proposals


def draft_document(
    info: DocumentInfo,
    catalogue: Catalogue,
    *,
    text: str | None = None,
    text_name: str = "",
    by: str = "",
    top: int = DEFAULT_TOP,
    min_score: float = DEFAULT_MIN_SCORE,
    vocabulary: VocabularyFile | None = None,
) -> Draft:
    """A new document's draft; with text, its proposals, each with up to `top` suggested asks
    (matching today's words for the asks too, given `vocabulary`)."""
    if text is None:
        return Draft(document=info, by=by)
    preamble, proposals = proposals_from_text(text)
    if not proposals:
        raise SendReviewError(f"{text_name}: no proposals found: the file is empty; {HOW_TO_WRITE}")
    drafted = with_suggestions(proposals, catalogue, top=top, min_score=min_score, vocabulary=vocabulary)
    return Draft(document=info, text_name=text_name, by=by, preamble=preamble, proposals=drafted)


def with_suggestions(
    proposals: Sequence[DraftProposal],
    catalogue: Catalogue,
    *,
    top: int = DEFAULT_TOP,
    min_score: float = DEFAULT_MIN_SCORE,
    vocabulary: VocabularyFile | None = None,
) -> tuple[DraftProposal, ...]:
    """The proposals, each with up to `top` suggested asks (today's words for the asks too, given `vocabulary`)."""
    ranker = Ranker.for_catalogue(catalogue, vocabulary)
    return tuple(
        p.model_copy(
            update={
                "suggestions": suggest_for(
                    ranker, Proposal(id=p.id, title=p.title, summary=p.summary), top=top, min_score=min_score
                ).suggestions
            }
        )
        for p in proposals
    )
