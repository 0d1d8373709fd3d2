"""Make user text safe for where it is going: a terminal, a message, Markdown, JSON or a spreadsheet."""

from __future__ import annotations

import re

# ANSI escape sequences, other C0/C1 controls, and bidirectional overrides that can make a
# line read differently from what it contains.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# JSON carries these raw (it escapes only C0 controls); they can only sit inside its strings.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
# Only where a value starts: newlines inside values are turned into spaces below.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)(#|[>+-](?=\s)|\d+[.)](?=\s)|=+\s*$)")


def clean(text: str) -> str:
    """Drop escape sequences, control and invisible characters; keep newlines and tabs."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def visible(text: str) -> str:
    """Show control and invisible characters as codes (\\x1b, \\u200b), for messages that quote user text."""
    return _CONTROL.sub(lambda found: _code(found.group()), text)


def _code(character: str) -> str:
    number = ord(character)
    return f"\\x{number:02x}" if number < 0x100 else f"\\u{number:04x}"


def json_text(text: str) -> str:
    """JSON with the characters a terminal could act on (C1 controls like U+009B, a one-character escape
    sequence) or that change how a line reads (direction overrides) written as \\u escapes: same data."""
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def markdown(text: str) -> str:
    """Escape text so Markdown shows it as typed: no links, headings, HTML or tables from data."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text))
    return _MARKDOWN_LINE_START.sub(r"\1\\\2", escaped).replace("\n", " ")


def spreadsheet_cell(text: str) -> str:
    """Stop a spreadsheet reading a cell as a formula (=, +, -, @, tab or carriage return first)."""
    text = clean(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
