"""The YAML slips people make most, explained in plain words with the fix.

The parser says where it stopped and what it expected ("mapping values are not allowed in this
context", "did not find expected '-' indicator"), which means nothing to most people. Here the
line itself is read to tell which slip it was:

- a colon and space inside a text (`note: Our view: children...`): put the text in double quotes;
- an apostrophe inside single quotes (`title: 'Children's plans'`): use double quotes;
- a line indented more or less than the lines it belongs with: line it up with them;
- lines uncommented by deleting only the `#` (the space after it stays, so each line moves one
  column to the right): delete the space too.

Anything else gets a general word about quotes and indentation. The parser's own words are added
only when debugging (`--debug` or SENDREVIEW_DEBUG), for whoever is fixing sendreview itself.
"""

from __future__ import annotations

import os
import re

_KEY_VALUE = re.compile(r"^(?P<indent>\s*)(?P<dash>(?:-\s+)*)(?P<key>[^\s#:'\"][^:#]*?):[ \t]+(?P<value>\S.*?)\s*$")
_ITEM = re.compile(r"^(?P<indent>\s*)(?P<dashes>(?:-(?:\s+|$))*)(?P<rest>.*)$")
_YAML_COMMENT = re.compile(r"^\s*#\s*(?:-\s+)?[A-Za-z_][\w-]*:")
_OPENER = re.compile(r":(?:\s+[|>][-+]?)?\s*(?:#.*)?$")  # "key:" with its value on the lines below
_SHORT = 40


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[: _SHORT - 1].rstrip() + "\u2026"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _columns(line: str) -> tuple[int, int, bool]:
    """Where a line's item starts, where its first key or value starts, and whether it is a list item."""
    match = _ITEM.match(line)
    assert match is not None  # the pattern matches any line
    indent = len(match.group("indent"))
    return indent, indent + len(match.group("dashes")), bool(match.group("dashes"))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _uncommented(lines: list[str], number: int) -> bool:
    """Whether lines near `number` (1-based) look like YAML that is still, or was just, commented out."""
    near = lines[max(0, number - 8) : number + 2]
    return any(_YAML_COMMENT.match(line) or ("#" in line and "uncomment" in line.lower()) for line in near)


def _out_of_step(lines: list[str], at: int, above: int, by: int, is_item: bool) -> str:
    line, other = lines[at - 1], lines[above - 1]
    what = "'- '" if is_item else f"'{line.strip().split(':')[0].lstrip('- ')}:'"
    spaces = abs(by)
    plural = "s" if spaces > 1 else ""
    move = f"{'delete' if by > 0 else 'add'} {spaces} space{plural}"
    message = (
        f"this line starts {spaces} column{plural} {'right' if by > 0 else 'left'} of"
        f" '{_short(other.strip())}' on line {above}, which it belongs with: YAML tells what belongs together"
        f" by where lines start; {move} before {what} so the two line up"
    )
    if _uncommented(lines, at):
        message += (
            ". If you uncommented these lines, delete the space after each '#' as well as the '#',"
            " so every line keeps its place"
        )
    return message


def _parent(lines: list[str], above: int, column: int) -> tuple[int, int] | None:
    """The nearest line above `above` that starts left of `column`, and by how much, if by 2 at most."""
    for number in range(above - 1, 0, -1):
        if _content(lines[number - 1]):
            start = _columns(lines[number - 1])[1]
            if start < column:
                return (number, column - start) if column - start <= 2 else None
    return None


def _indentation(lines: list[str], number: int) -> tuple[int, int, str] | None:
    """(line, column, message) for a line indented out of step with the lines it belongs with."""
    for at in range(number, max(0, number - 3), -1):  # the parser may stop a line after the slip
        if at > len(lines) or not _content(lines[at - 1]):
            continue
        line = lines[at - 1]
        indent, key_column, is_item = _columns(line)
        for above in range(at - 1, 0, -1):
            other = lines[above - 1]
            if not _content(other):
                continue
            other_indent, other_key, other_item = _columns(other)
            if is_item and not other_item:
                if other_key < indent:
                    break  # the mapping this list belongs to
                continue  # a line inside an earlier item
            mine, theirs = (indent, other_indent) if is_item else (key_column, other_key)
            if mine == theirs or (theirs < mine and _OPENER.search(other)):
                break  # in step with the line above, or inside it: look no further up
            if abs(mine - theirs) <= 2:
                message = _out_of_step(lines, at, above, mine - theirs, is_item)
                if not is_item and theirs > mine and (parent := _parent(lines, above, mine)) is not None:
                    number, by = parent
                    message += (
                        f"; or, if it belongs with '{_short(lines[number - 1].strip())}' on line {number},"
                        f" delete {by} space{'s' if by > 1 else ''}"
                    )
                return at, indent + 1, message
            if theirs < mine:
                break
    return None


def explain(text: str, line: int, column: int, said: str) -> tuple[int, int, str]:
    """A YAML syntax error at `line`:`column` (1-based), which the parser described as `said`, in
    plain words with the fix, and the place to point at."""
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    found = _slip(lines, current, line, column, said)
    if os.environ.get("SENDREVIEW_DEBUG"):
        found = (found[0], found[1], f"{found[2]} (the YAML parser said: {said.strip()})")
    return found


def _slip(lines: list[str], current: str, line: int, column: int, said: str) -> tuple[int, int, str]:
    value_match = _KEY_VALUE.match(current)
    # An apostrophe inside single quotes: the text ends early and the rest of it is left over.
    if value_match and value_match.group("value").startswith("'"):
        value = value_match.group("value")
        inner = value[1:-1] if value.endswith("'") and len(value) > 1 else value[1:]
        if "'" in inner.replace("''", ""):
            key = value_match.group("key")
            return (
                line,
                len(value_match.group(0)) - len(value_match.group(0).lstrip()) + 1,
                f"the text after '{key}:' starts with a ' and has another ' inside it, where YAML thinks the"
                f" text ends; put the text in double quotes instead: {key}: {_quoted(_short(inner))}",
            )
    # A colon and space inside a plain text: YAML reads a second key on the same line.
    if "mapping values" in said and value_match and ": " in value_match.group("value") + " ":
        key, value = value_match.group("key"), value_match.group("value")
        if not value.startswith(("'", '"')):
            return (
                line,
                len(value_match.group("indent")) + len(value_match.group("dash")) + len(key) + 3,
                f"the text after '{key}:' contains ': ' (a colon and a space), which YAML reads as the start"
                f" of another key; put the whole text in double quotes: {key}: {_quoted(_short(value))}",
            )
    if (found := _indentation(lines, line)) is not None:
        return found
    if _uncommented(lines, line):
        return (
            line,
            column,
            "this line does not fit with the lines around it. If you uncommented lines here, delete the"
            " space after each '#' as well as the '#', so every line keeps its place; check that lines that"
            " belong together start in the same column",
        )
    return (
        line,
        column,
        "YAML cannot read this line: check that lines that belong together start in the same column, and"
        " put any text with a ':', '#' or quote mark in it in double quotes",
    )
