"""Read a government paper as it was published (a saved gov.uk page, a PDF, a Word file, Markdown)
into plain blocks of text: headings with their level and anchor, paragraphs with their page.

What is in the paper is not judged here (`analysis.paper` finds the proposals); this module only
gets the words out, refusing what cannot be read with a message a person can act on. The PDF and
Word libraries are imported only when such a file is read.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from sendreview.errors import SendReviewError
from sendreview.files import read_bytes

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx", ".md": "md", ".txt": "txt"}
"""The endings `init --from` reads, and the format each means; a file with any other ending is read
as a plain-text list of proposals, except the formats below."""
UNREADABLE = frozenset({".doc", ".odt", ".rtf", ".pages", ".epub", ".xls", ".xlsx", ".ppt", ".pptx", ".zip"})
"""Endings of documents that cannot be read: they must be saved as .docx, PDF or text first."""


def is_paper(path: Path) -> bool:
    """Whether `init --from` reads this file as a published paper (HTML, PDF, Word, Markdown), not as a
    plain-text list of proposals; a file it cannot read at all is refused here, before it is opened."""
    ending = path.suffix.lower()
    if ending in UNREADABLE:
        endings = ", ".join(sorted(FORMATS))
        raise SendReviewError(
            f"{path}: cannot read a '{path.suffix}' file; save it as one of {endings} (Word: Save As .docx), or"
            f" {TEXT_ROUTE}"
        )
    return FORMATS.get(ending, "txt") != "txt"


TEXT_ROUTE = "copy the paper's text into a .txt file and run: sendreview init FILE.yaml --from PAPER.txt"
MAX_PAGES = 5000
MAX_TEXT_CHARACTERS = 20_000_000
# A Word file is a zip: its parts, unpacked, may be no bigger than this many times the limit.
MAX_UNPACKED_RATIO = 10


def max_paper_bytes() -> int:
    """Largest paper read, in bytes (SENDREVIEW_MAX_PAPER_BYTES, default 100 MB): a paper's PDF with
    its pictures is far bigger than any YAML file."""
    try:
        return int(os.environ.get("SENDREVIEW_MAX_PAPER_BYTES", 100 * 1024 * 1024))
    except ValueError:
        return 100 * 1024 * 1024


@dataclass(frozen=True)
class Block:
    """A heading (level 1-6) or a paragraph (level 0) of the paper, and where it is."""

    kind: Literal["heading", "text"]
    text: str
    level: int = 0
    page: int | None = None
    anchor: str = ""


@dataclass(frozen=True)
class PaperText:
    """The words of a paper, in order, and what its file says about it."""

    name: str
    format: str
    blocks: tuple[Block, ...]
    pages: int = 0
    title: str = ""
    published: str = ""


def _spaces(text: str) -> str:
    return " ".join(text.split())


def read_paper(path: Path, name: str | None = None) -> PaperText:
    """Read a paper file of any format in FORMATS, by its ending."""
    name = name or str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None or fmt == "txt":
        endings = ", ".join(sorted(set(FORMATS) - {".txt"}))
        raise SendReviewError(f"{name}: not a published paper ({endings}); a text file is a list of proposals")
    data = read_bytes(path, name, max_paper_bytes(), "SENDREVIEW_MAX_PAPER_BYTES")
    if not data.strip():
        raise SendReviewError(f"{name}: the file is empty; save the paper again, or {TEXT_ROUTE}")
    if fmt == "pdf":
        paper = _pdf(data, name)
    elif fmt == "docx":
        paper = _docx(data, name)
    else:
        text = _decode(data, name)
        paper = _html(text, name) if fmt == "html" else _markdown(text, name, fmt)
    if sum(len(block.text) for block in paper.blocks) > MAX_TEXT_CHARACTERS:
        raise SendReviewError(f"{name}: holds more than {MAX_TEXT_CHARACTERS:,} characters of text; is it one paper?")
    return paper


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SendReviewError(f"{name}: is not text; save it as UTF-8, or {TEXT_ROUTE}")


# --- Markdown and plain text ------------------------------------------------------------------

_MD_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*")
_LIST_ITEM = re.compile(r"\s*(?:[-*\u2022]|\d{1,3}(?:\.\d{1,3})*[.)]?)\s+\S.*")


def _slug(text: str) -> str:
    """A heading's anchor as Markdown viewers make it: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _markdown(text: str, name: str, fmt: str) -> PaperText:
    """Markdown headings ('#', '##') and paragraphs; a list item is a paragraph of its own."""
    blocks: list[Block] = []
    lines: list[str] = []
    anchor = ""

    def flush() -> None:
        if lines:
            blocks.append(Block("text", _spaces(" ".join(lines)), anchor=anchor))
            lines.clear()

    for line in text.splitlines():
        heading = _MD_HEADING.fullmatch(line.strip()) if fmt == "md" else None
        if heading:
            flush()
            anchor = _slug(heading.group(2))
            blocks.append(Block("heading", _spaces(heading.group(2)), len(heading.group(1)), anchor=anchor))
        elif not line.strip():
            flush()
        else:
            if _LIST_ITEM.fullmatch(line):
                flush()
            lines.append(line.strip())
    flush()
    if not blocks:
        raise SendReviewError(f"{name}: has no text; {TEXT_ROUTE}")
    title = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), "")
    return PaperText(name, fmt, tuple(blocks), title=title)


# --- HTML (a page saved from gov.uk) ----------------------------------------------------------

_SKIPPED = {"script", "style", "nav", "footer", "noscript", "template", "svg", "form", "button"}
# gov.uk's page furniture: the contents list, the cookie banner, "Is this page useful?", the menus.
# A page's own header (its title, "Published ...") is read; the site's banner is not.
_SKIPPED_CLASSES = re.compile(
    r"gem-c-(?:contents-list|cookie-banner|feedback|layout-super-navigation|layout-header)|govuk-(?:skip-link|header)\b"
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {"p", "li", "dd", "dt", "td", "th", "blockquote", "figcaption", "caption"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _PageReader(HTMLParser):
    """Headings and paragraphs of an HTML page; menus, scripts and footers left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.skipping: list[str] = []
        self.current: str | None = None  # the heading or paragraph tag being read
        self.level = 0
        self.words: list[str] = []
        self.anchor = ""
        self.heading_anchor = ""
        self.last_id = ""
        self.page_title: list[str] = []
        self.in_title = False
        self.published = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta" and values.get("name") in ("govuk:first-published-at", "dcterms.date"):
            self.published = self.published or values.get("content", "")[:10]
        if tag in _VOID:
            return
        if self.skipping:
            self.skipping.append(tag)
            return
        if (
            tag in _SKIPPED
            or "hidden" in values
            or values.get("aria-hidden") == "true"
            or _SKIPPED_CLASSES.search(values.get("class", ""))
        ):
            self.skipping.append(tag)
            return
        if values.get("id"):
            self.last_id = values["id"]
        if tag == "title":
            self.in_title = True
        elif tag in _HEADINGS:
            self.flush()
            self.current, self.level = tag, _HEADINGS[tag]
            self.heading_anchor = values.get("id", "") or ""
        elif tag in _BLOCKS and self.current is None:
            self.current, self.level = tag, 0

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.skipping:
            self.skipping.pop()
            return
        if tag == "title":
            self.in_title = False
        elif tag == self.current:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_title:
            self.page_title.append(data)
        elif self.current is not None:
            self.words.append(data)

    def flush(self) -> None:
        text = _spaces("".join(self.words))
        if text and self.current in _HEADINGS:
            # gov.uk puts the id on the heading; other pages on a section or link just before it.
            self.anchor = self.heading_anchor or self.last_id
            self.blocks.append(Block("heading", text, self.level, anchor=self.anchor))
        elif text:
            self.blocks.append(Block("text", text, anchor=self.anchor))
        self.current, self.words, self.heading_anchor = None, [], ""


def _html(text: str, name: str) -> PaperText:
    reader = _PageReader()
    reader.feed(text)
    reader.close()
    reader.flush()
    blocks = tuple(reader.blocks)
    if not any(block.kind == "heading" for block in blocks):
        raise SendReviewError(
            f"{name}: found no headings (<h1>, <h2>...) in this page, so its chapters and proposals cannot be told"
            f" apart; save the whole page from gov.uk (not a print or reader view), or {TEXT_ROUTE}"
        )
    page_title = _spaces("".join(reader.page_title)).removesuffix(" - GOV.UK")
    title = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), page_title)
    return PaperText(name, "html", blocks, title=title, published=reader.published)


# --- Word -------------------------------------------------------------------------------------


def _docx(data: bytes, name: str) -> PaperText:
    not_word = f"{name}: is not a Word document (.docx) that can be read; open it in Word and save it as .docx, or"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            unpacked = sum(member.file_size for member in members)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SendReviewError(f"{not_word} {TEXT_ROUTE}") from None
    if "word/document.xml" not in names:
        raise SendReviewError(f"{not_word} {TEXT_ROUTE} (it is a zip file with no Word document inside)")
    if unpacked > MAX_UNPACKED_RATIO * max_paper_bytes():
        raise SendReviewError(f"{name}: unpacks to {unpacked:,} bytes, far more than a paper; {TEXT_ROUTE}")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [
            (paragraph.style.name if paragraph.style else "", paragraph.text) for paragraph in document.paragraphs
        ]
        core_title = document.core_properties.title or ""
    except Exception as error:  # a damaged package fails in many ways inside python-docx
        raise SendReviewError(f"{not_word} {TEXT_ROUTE} ({type(error).__name__})") from None
    blocks: list[Block] = []
    title = ""
    for style, raw in paragraphs:
        text = _spaces(raw)
        if not text:
            continue
        if style == "Title":
            title = title or text
        elif (match := re.fullmatch(r"Heading (\d)", style)) is not None:
            # A Word file has no anchors: the heading's own words say where a proposal is.
            blocks.append(Block("heading", text, int(match.group(1)), anchor=text))
        else:
            blocks.append(Block("text", text, anchor=blocks[-1].anchor if blocks else ""))
    if not blocks:
        raise SendReviewError(f"{name}: the Word document has no text; {TEXT_ROUTE}")
    return PaperText(name, "docx", tuple(blocks), title=title or core_title)


# --- PDF --------------------------------------------------------------------------------------

_PDF_HEADING = re.compile(r"(?:Chapter|Part|Section)\s+\d{1,3}\b[:.\s-]*\S.{0,150}", re.IGNORECASE)
_NEW_ITEM = re.compile(r"(?:Proposal\s+\d{1,3}[:.]|\d{1,3}(?:\.\d{1,3})*[.)]?\s+[A-Z]|[-\u2022*]\s+\S)")
_PROPOSAL_LINE = re.compile(r"Proposal\s+\d{1,3}(?:\.\d{1,3})*[a-z]?\b.{0,150}", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?", re.IGNORECASE)


def _pdf(data: bytes, name: str) -> PaperText:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files would reach the screen
    damaged = f"{name}: cannot read this PDF (it may be damaged or not a PDF); download it again, or {TEXT_ROUTE}"
    if b"%PDF-" not in data[:1024]:  # the header may follow a little junk, no more
        raise SendReviewError(damaged)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SendReviewError(
                f"{name}: the PDF is locked with a password; open it, save an unlocked copy and read that,"
                f" or {TEXT_ROUTE}"
            )
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise SendReviewError(f"{name}: has {count:,} pages, more than {MAX_PAGES:,}; is it one paper?")
        pages = [reader.pages[number].extract_text() or "" for number in range(count)]
        info = reader.metadata
        meta_title = str(info.title or "") if info is not None else ""
    except SendReviewError:
        raise
    except Exception as error:  # pypdf fails in many ways on a broken file; none is a bug of ours
        if (
            "password" in str(error).lower()
            or "decrypt" in str(error).lower()
            or "crypt" in type(error).__name__.lower()
        ):
            raise SendReviewError(f"{name}: the PDF is locked; save an unlocked copy, or {TEXT_ROUTE}") from None
        raise SendReviewError(damaged) from None
    if sum(len(page.strip()) for page in pages) < 5 * len(pages) + 1:  # a few stray marks at most
        raise SendReviewError(
            f"{name}: the PDF has no text in it, only pictures of pages (a scanned paper?), so there is nothing to"
            f" read; find the paper's HTML page on gov.uk and save that, or {TEXT_ROUTE}"
        )
    blocks: list[Block] = []
    for number, page in enumerate(pages, start=1):
        blocks += _pdf_page(page, number)
    first_line = next((b.text for b in blocks), "")
    return PaperText(name, "pdf", tuple(blocks), pages=len(pages), title=_spaces(meta_title) or first_line)


def _pdf_page(text: str, number: int) -> list[Block]:
    """A page's lines as paragraphs: a new one after a line that ends a sentence short of the
    margin, and at every 'Chapter N' line, numbered item or bullet."""
    lines = [_spaces(line) for line in text.splitlines()]
    lines = [line for line in lines if line and not _PAGE_NUMBER.fullmatch(line)]
    widest = max((len(line) for line in lines), default=0)
    blocks: list[Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(Block("text", " ".join(current), page=number))
            current.clear()

    for line in lines:
        if _PDF_HEADING.fullmatch(line) and len(line) < 120:
            flush()
            blocks.append(Block("heading", line, 2, page=number))
            continue
        if _PROPOSAL_LINE.fullmatch(line) and line[-1:] not in ".,;:!?":
            flush()
            blocks.append(Block("heading", line, 3, page=number))
            continue
        if _NEW_ITEM.match(line):
            flush()
        current.append(line)
        if line[-1:] in ".:!?" and len(line) < 0.8 * widest:
            flush()
    flush()
    return blocks
