"""Make user text safe for where it is going: a terminal, a message, Markdown, JSON or a spreadsheet.

One set of characters is never let out as it is (`HIDDEN`): every control character, every
format character (Unicode category Cf: zero-width spaces, direction marks and overrides, the
soft hyphen, tag characters), surrogates, private-use characters and noncharacters, and the
blank letters and joiners that show as nothing (the Hangul fillers, U+034F). Ids also refuse
variation selectors (`has_hidden_in_id`), which are fine inside a sentence but make two ids
that print the same.
"""

from __future__ import annotations

import re

# Unicode categories Cc, Cf, Cs and Co and the noncharacters (U+FDD0 to U+FDEF and the last two
# code points of every plane), as of Unicode 14 (Python 3.11); `tests/test_text.py` checks this
# list against the running Python's own tables. Written out because building it from
# `unicodedata` at start-up takes more than a second. Tab and newline are in it too: `clean`
# keeps them, `visible` shows them.
_SHOWN_HIDDEN_RANGES = (  # the set without the C0 controls (U+0000 to U+001F), which JSON escapes itself
    "\x7f-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
    "\ud800-\uf8ff\ufdd0-\ufdef\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 14))
    + "\U000e0000-\U0010ffff"
)
_HIDDEN_RANGES = "\x00-\x1f" + _SHOWN_HIDDEN_RANGES
# The four large sets below are pattern texts, compiled by `re` on first use and kept in its cache:
# each takes about a millisecond to compile, and most runs need one of them or none.
HIDDEN = f"[{_HIDDEN_RANGES}]"
# Variation selectors (standard, Mongolian and the supplement), and Khmer's two silent vowels.
_ID_ONLY = "\u17b4\u17b5\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef"
_HIDDEN_IN_ID = f"[{_HIDDEN_RANGES}{_ID_ONLY}]"
# ANSI escape sequences: CSI (colours, clearing the screen), OSC (window titles, hyperlinks) and
# the two-character ones; removed whole, so no half of one is left to print.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?", re.DOTALL)
# Plain character sets, no lookahead: a lookahead at every character makes a scan several times slower.
_DROPPED = f"[\x00-\x08\x0b-\x1f{_SHOWN_HIDDEN_RANGES}]"
_ASCII_DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# Long stretches of text with no character beyond ASCII are skipped at once: checking each character
# against the whole set above reads under 30 MB a second, this several times that.
_BEYOND_ASCII = re.compile("[^\x00-\x7e]+")
# JSON escapes C0 controls itself; these it would carry raw. Line and paragraph separators too:
# JavaScript and some editors read them as new lines.
_JSON_UNSAFE = f"[{_SHOWN_HIDDEN_RANGES}\u2028\u2029]"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
# Only where a value starts: newlines inside values are turned into spaces below.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)(#|[>+-](?=\s)|\d+[.)](?=\s)|=+\s*$)")
# What a Markdown reader would make a link of with no brackets (GFM's "extended autolinks"):
# a scheme and `:`, `www.`, and an e-mail address's `@`. Escaping that one character stops it.
_MARKDOWN_AUTOLINK = re.compile(r"(?i):(?=//)|(?:(?<=mailto)|(?<=xmpp)):|(?<=\bwww)\.|@")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def clean(text: str) -> str:
    """Drop escape sequences, control and invisible characters; keep newlines and tabs."""
    if text.isascii() and text.isprintable():  # most text: nothing to drop, found at C speed
        return text
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    return _ASCII_DROPPED.sub("", text) if text.isascii() else re.sub(_DROPPED, "", text)


MAX_SHOWN = 2000
"""The most characters of one text a terminal view shows; laying out megabytes takes minutes."""


def cut(text: str, limit: int = MAX_SHOWN) -> str:
    """`clean`, then at most `limit` characters, the last one "…" when the text was longer."""
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def visible(text: str) -> str:
    """Show control and invisible characters as codes (\\x1b, \\u200b, \\n), for messages that quote
    user text: nothing typed in a file can start a new line or act on the terminal."""
    if text.isascii() and text.isprintable():
        return text
    return re.sub(HIDDEN, lambda found: _code(found.group()), text)


def visible_lines(text: str) -> str:
    """`visible` for each line of a text that holds several messages, keeping the lines apart."""
    return "\n".join(visible(line) for line in text.split("\n"))


def has_hidden_in_id(text: str) -> bool:
    """Whether an id holds a character that does not show (or a variation selector)."""
    return not (text.isascii() and text.isprintable()) and re.search(_HIDDEN_IN_ID, text) is not None


def id_without_hidden(text: str) -> str:
    """An id as it prints: without the characters `has_hidden_in_id` looks for."""
    return re.sub(_HIDDEN_IN_ID, "", text)


def id_code(text: str) -> str:
    """An id with every character that does not show written as a code, for messages."""
    return re.sub(_HIDDEN_IN_ID, lambda found: _code(found.group()), text)


def _code(character: str) -> str:
    if character in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[character]
    number = ord(character)
    if number < 0x100:
        return f"\\x{number:02x}"
    return f"\\u{number:04x}" if number < 0x10000 else f"\\U{number:08x}"


def _json_escape(character: str) -> str:
    number = ord(character)
    if number < 0x10000:
        return f"\\u{number:04x}"
    number -= 0x10000  # JSON has only four-digit escapes: a pair of surrogates, as UTF-16 writes it
    return f"\\u{0xD800 + (number >> 10):04x}\\u{0xDC00 + (number & 0x3FF):04x}"


def json_text(text: str) -> str:
    """JSON with the characters a terminal could act on (C1 controls like U+009B, a one-character escape
    sequence) or that do not show (direction overrides, zero-width spaces) written as \\u escapes: same data."""
    if text.isascii():  # known at once for a Python string: only DEL can be there
        return text.replace("\x7f", "\\u007f")
    return _BEYOND_ASCII.sub(lambda run: re.sub(_JSON_UNSAFE, _json_escaped, run.group()), text)


def _json_escaped(found: re.Match[str]) -> str:
    return _json_escape(found.group())


def markdown(text: str) -> str:
    """Escape text so Markdown shows it as typed: no links, headings, HTML, entities or tables from data."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text))
    escaped = _MARKDOWN_AUTOLINK.sub(r"\\\g<0>", escaped)
    return _MARKDOWN_LINE_START.sub(r"\1\\\2", escaped).replace("\n", " ")


def markdown_link(address: str) -> str:
    """A web address as a Markdown link (`<https://...>`), or as escaped text if it is not one.

    Inside `<...>` Markdown reads no escapes, so the address is taken only if it is plain
    http(s) with nothing that could end the link or start HTML."""
    if _LINKABLE.fullmatch(address) and clean(address) == address:
        return f"<{address}>"
    return markdown(address)


_LINKABLE = re.compile(r"https?://[^\s<>\\`]+", re.IGNORECASE)


def spreadsheet_cell(text: str) -> str:
    """Stop a spreadsheet reading a cell as a formula (=, +, -, @, tab or carriage return first)."""
    text = clean(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
