"""Find a paper's details and proposals in its text, as a draft for a person to check.

How a paper read by `sendreview.papers` becomes a draft document:

- Its **kind** comes from its title ("Green Paper", "White Paper", "Improvement Plan", "Bill",
  "Act"), else from the words of its first page; if neither says, the person must.
- Its **publication date** is the page's own record (gov.uk's first-published date), else a
  "Published 23 February 2026" line, else a date standing alone near the start (a cover's "March 2022").
- **Chapters** are the headings of the highest level used more than once (in a PDF, the
  "Chapter 2: ..." lines); the first heading of a Word or HTML paper is usually its title.
- **Proposals**, where the paper marks them: a heading or paragraph that starts "Proposal 12",
  or a numbered item under a heading that speaks of proposals. Only when the paper marks none,
  every paragraph that commits to something ("we will", "we propose", "we are consulting on",
  "we intend to") is a proposal: marked proposals are what a paper asks to be judged on, and
  its every "we will" beside them would bury them.
- Each proposal keeps where it came from: "page 34" in a PDF, the heading's anchor ("#chapter-2")
  in a web page or Markdown, the section's heading in a Word file.
- **Consultation dates**: the first "opens/from DATE" and "closes/until DATE" in a sentence about
  the consultation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from sendreview.analysis.draft import Draft, DraftProposal, with_suggestions
from sendreview.analysis.result import Result
from sendreview.analysis.suggest import DEFAULT_TOP
from sendreview.models.asks import Catalogue
from sendreview.models.dates import FuzzyDate
from sendreview.models.document import Consultation, DocumentInfo
from sendreview.models.vocabulary import VocabularyFile
from sendreview.papers import Block, PaperText

KIND_WORDS = (
    (re.compile(r"\bgreen\s+paper\b", re.IGNORECASE), "green-paper"),
    (re.compile(r"\bwhite\s+paper\b", re.IGNORECASE), "white-paper"),
    (re.compile(r"\bimprovement\s+plan\b", re.IGNORECASE), "improvement-plan"),
    # Capital letters only: "bill" and "act" are ordinary words in a sentence.
    (re.compile(r"\bBill\b"), "bill"),
    (re.compile(r"\bAct\b(?:\s+\d{4})?\s*$"), "act"),
)
COMMITMENT = re.compile(
    r"\bwe\s+(?:will|shall|propose|are\s+proposing|are\s+consulting\s+on|intend\s+to|plan\s+to|are\s+going\s+to)\b",
    re.IGNORECASE,
)
MAX_TITLE = 120
MAX_SUMMARY = 1500

_PROPOSAL = re.compile(
    r"Proposal\s+(\d{1,3}(?:\.\d{1,3})*[a-z]?)\s*[:.)\u2013\u2014-]?\s*(.*)", re.IGNORECASE | re.DOTALL
)
_NUMBERED = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)[.)]?\s+(\S.*)", re.DOTALL)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?\s+\d{4}"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}"
_PUBLISHED = re.compile(rf"\bPublished(?:\s+on)?:?\s+({_DAY}|{_MONTH})", re.IGNORECASE)
_ALONE = re.compile(rf"(?:{_DAY}|{_MONTH})")
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_TIME = r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\s+on\s+|midnight\s+on\s+|noon\s+on\s+)?"
_CLOSES = re.compile(
    rf"\b(?:closes|will\s+close|closing\s+date(?:\s+is)?|ends|will\s+end|runs\s+until|open\s+until|until)\s*:?\s*"
    rf"(?:on\s+|at\s+)?{_TIME}{_WEEKDAY}({_DAY})",
    re.IGNORECASE,
)
_OPENS = re.compile(
    rf"\b(?:opens|opened|will\s+open|launched|launches|runs\s+from|from)\s*:?\s*(?:on\s+)?{_WEEKDAY}({_DAY})",
    re.IGNORECASE,
)


class PaperDraft(Result):
    """What was found in a paper, before the person's options are applied."""

    title: str
    kind: str | None
    published: FuzzyDate | None
    consultation: Consultation | None
    proposals: tuple[DraftProposal, ...]
    chapters: int
    pages: int
    format: str


def kind_from(title: str, text: str = "") -> str | None:
    """The kind of paper its title names, else the first kind its opening words name; None if neither."""
    for where in (title, text):
        for pattern, kind in KIND_WORDS:
            if pattern.search(where) and (where is title or kind not in ("act", "bill")):
                return kind
    return None


def _date(text: str) -> FuzzyDate | None:
    try:
        return FuzzyDate.parse(re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text.replace(".", "")))
    except ValueError:
        return None


def _published(paper: PaperText) -> FuzzyDate | None:
    if paper.published and (found := _date(paper.published)) is not None:
        return found
    opening = [b.text for b in paper.blocks[:60]]
    for text in opening:
        if (match := _PUBLISHED.search(text)) and (found := _date(match.group(1))) is not None:
            return found
    for text in opening[:15]:
        if _ALONE.fullmatch(text) and (found := _date(text)) is not None:
            return found
    return None


def _consultation(blocks: Sequence[Block]) -> Consultation | None:
    opens = closes = None
    for block in blocks:
        if "consult" not in block.text.lower():
            continue
        for sentence in _SENTENCE.findall(block.text):
            if "consult" not in sentence.lower():
                continue
            if closes is None and (match := _CLOSES.search(sentence)):
                closes = _date(match.group(1))
            if opens is None and (match := _OPENS.search(sentence)):
                opens = _date(match.group(1))
        if opens is not None and closes is not None:
            break
    return Consultation(opens=opens, closes=closes) if opens or closes else None


def _chapter_level(paper: PaperText) -> int | None:
    """The highest heading level used more than once, else the highest used (the title's heading apart)."""
    levels = Counter(
        b.level
        for b in paper.blocks
        if b.kind == "heading" and not _PROPOSAL.fullmatch(b.text) and b.text != paper.title
    )
    repeated = sorted(level for level, count in levels.items() if count > 1)
    if repeated:
        return repeated[0]
    return min(levels) if levels else None


def _short(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "\u2026"


def _first_sentence(text: str) -> tuple[str, str]:
    """The first sentence (without its full stop) and the rest."""
    match = _SENTENCE.match(text)
    sentence = match.group(0).strip() if match else text
    rest = text[len(match.group(0)) :].strip() if match else ""
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    return sentence.strip(), rest


def _source(paper: PaperText, block: Block) -> str:
    if block.page is not None:
        return f"page {block.page}"
    if not block.anchor:
        return ""
    return f'section "{block.anchor}"' if paper.format == "docx" else f"#{block.anchor}"


class _Finder:
    def __init__(self, paper: PaperText) -> None:
        self.paper = paper
        self.level = _chapter_level(paper)
        self.found: list[DraftProposal] = []
        self.used: set[str] = set()

    def add(self, wanted: str, title: str, summary: str, chapter: str, block: Block) -> None:
        proposal_id, n = wanted, 1
        while proposal_id in self.used:
            n += 1
            proposal_id = f"{wanted}-{n}"
        self.used.add(proposal_id)
        self.found.append(
            DraftProposal(
                id=proposal_id,
                chapter=chapter,
                title=_short(title.strip().rstrip(":.") or summary, MAX_TITLE),
                summary=_short(summary.strip(), MAX_SUMMARY),
                source=_source(self.paper, block),
                line=0,
                renamed_from=wanted if proposal_id != wanted else "",
            )
        )

    @staticmethod
    def numbered(text: str, heading: str) -> re.Match[str] | None:
        """A paragraph that starts "Proposal 3", or a numbered item under a heading about proposals."""
        if match := _PROPOSAL.fullmatch(text):
            return match
        return _NUMBERED.fullmatch(text) if "proposal" in heading.lower() else None

    def marked(self) -> tuple[list[DraftProposal], int]:
        """Proposals the paper marks as such, and how many chapters it has."""
        chapter, heading, chapters = "", "", 0
        open_heading: tuple[str, str, Block, list[str]] | None = None  # a "Proposal N" heading and its text

        def close() -> None:
            nonlocal open_heading
            if open_heading is not None:
                wanted, title, block, texts = open_heading
                self.add(wanted, title, " ".join(texts), chapter, block)
                open_heading = None

        for block in self.paper.blocks:
            if block.kind == "heading":
                close()
                if match := _PROPOSAL.fullmatch(block.text):
                    open_heading = (match.group(1), match.group(2), block, [])
                elif block.level == self.level:
                    chapter, chapters = block.text, chapters + 1
                heading = block.text
                continue
            if open_heading is not None:
                open_heading[3].append(block.text)
            elif (match := self.numbered(block.text, heading)) is not None:
                title, rest = _first_sentence(match.group(2))
                self.add(match.group(1), title, rest, chapter, block)
        close()
        return self.found, chapters

    def committed(self) -> list[DraftProposal]:
        """Every paragraph that commits to something, as a proposal numbered within its chapter."""
        chapter, chapters, count = "", 0, 0
        for block in self.paper.blocks:
            if block.kind == "heading":
                if block.level == self.level:
                    chapter, chapters, count = block.text, chapters + 1, 0
                continue
            if not COMMITMENT.search(block.text):
                continue
            count += 1
            text = block.text
            numbered = _NUMBERED.fullmatch(text)
            wanted = f"{chapters}.{count}" if chapters else str(count)
            if numbered and "." in numbered.group(1):  # the paper numbers its paragraphs: keep its numbers
                wanted, text = numbered.group(1), numbered.group(2)
            sentence = next((s.strip() for s in _SENTENCE.findall(text) if COMMITMENT.search(s)), text)
            self.add(wanted, sentence, text, chapter, block)
        return self.found


def read_draft(paper: PaperText) -> PaperDraft:
    """What a paper's text says about itself, and its proposals (see the module's notes)."""
    finder = _Finder(paper)
    proposals, chapters = finder.marked()
    if not proposals:
        proposals = finder.committed()
    opening = " ".join(b.text for b in paper.blocks[:40])
    return PaperDraft(
        title=paper.title,
        kind=kind_from(paper.title, opening),
        published=_published(paper),
        consultation=_consultation(paper.blocks),
        proposals=tuple(proposals),
        chapters=chapters,
        pages=paper.pages,
        format=paper.format,
    )


def draft_from_paper(
    found: PaperDraft,
    info: DocumentInfo,
    catalogue: Catalogue,
    *,
    text_name: str,
    by: str = "",
    top: int = DEFAULT_TOP,
    vocabulary: VocabularyFile | None = None,
) -> Draft:
    """The new document's draft: the details decided, the proposals found, each with suggested asks."""
    proposals = with_suggestions(found.proposals, catalogue, top=top, vocabulary=vocabulary)
    return Draft(document=info, text_name=text_name, by=by, proposals=proposals)
