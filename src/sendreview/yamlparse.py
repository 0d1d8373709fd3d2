"""Safe YAML: text -> plain data (dict, list, str, bool, None), built straight from parser events.

Why not `yaml.safe_load`: it turns `2.10` into 2.1, `2022-02-30` into an exception with no
position, lets a second key silently replace the first, and expands alias bombs. Here:
- every scalar keeps the exact text typed; only unquoted null and yes/no words get a type
  (None, True/False), so a text field can refuse a yes/no and say how to quote it;
- duplicate keys, tags other than YAML's own, recursive aliases are problems with positions;
- nesting depth, alias expansion and file size are bounded (limits below, set by environment);
  aliases may copy no more text than the file size limit allows, so a short file cannot grow;
- a plain value followed by ` #word` (a hashtag, `#1`) is a warning: YAML reads the rest of
  the line as a comment, so those words would be silently left out;
- no node tree is kept: positions for later errors come from `Source`, which re-reads the
  text only when a problem needs placing, and finds each key and item by index.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sendreview.errors import Problem, SendReviewError, SendReviewWarning
from sendreview.text import has_hidden_in_id
from sendreview.text import id_without_hidden as _id_without_hidden

if TYPE_CHECKING:
    import yaml

_TAG = "tag:yaml.org,2002:"
# Tags that only say what YAML would have guessed anyway; any other tag is refused.
_ALLOWED_TAGS = {"!", *(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))}
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {
    word: value
    for words, value in (("yes true on y", True), ("no false off n", False))
    for base in words.split()
    for word in (base, base.capitalize(), base.upper())
}
# What an unquoted value means when it is not text: one lookup on the busiest path.
_TYPED: dict[str, bool | None] = {**dict.fromkeys(_NULLS), **_BOOLS}
PathPart = str | int
# libyaml's own bound on nesting, whatever SENDREVIEW_MAX_DEPTH says.
LIBYAML_MAX_DEPTH = 1000
# After a plain value: spaces, then `#` with a word straight after it, which people mean as text
# ("option #1", "#SENDreform"); a deliberate comment usually has a space after the `#`.
# YAML reads these as new lines where an editor shows none, so every position after them would be off.
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")
_SEPARATOR = (
    "a line separator character (U+{:04X}) is here, which YAML reads as a new line; delete it, or write a real new line"
)
_HASHTAG_COMMENT = re.compile(r"[ \t]+(#\S[^\r\n]{0,30})")


def _limit(name: str, default: int) -> int:
    """A limit from the environment: a whole number of 1 or more, or the default when not set."""
    given = os.environ.get(name)
    if given is None or not given.strip():
        return default
    try:
        value = int(given.strip())
    except ValueError:
        value = 0
    if value < 1:
        raise SendReviewError(
            f"{name}: '{given}' is not a limit; give a whole number of 1 or more in digits,"
            f" like {default * 5}, or leave it unset for the default ({default:,})"
        )
    return value


def max_file_bytes() -> int:
    """Largest file read, in bytes (SENDREVIEW_MAX_FILE_BYTES, default 10 MB)."""
    return _limit("SENDREVIEW_MAX_FILE_BYTES", 10 * 1024 * 1024)


def max_depth() -> int:
    """Deepest nesting of lists and mappings (SENDREVIEW_MAX_DEPTH, default 64, never past 1,000)."""
    # Older libyaml builds stop at 1,000 levels by themselves and newer PyYAML wheels do not:
    # the same bound holds whichever is installed.
    return min(_limit("SENDREVIEW_MAX_DEPTH", 64), LIBYAML_MAX_DEPTH)


def max_alias_values() -> int:
    """Most values that aliases may copy in one file (SENDREVIEW_MAX_ALIAS_VALUES, default 10,000)."""
    return _limit("SENDREVIEW_MAX_ALIAS_VALUES", 10_000)


def _loader_class() -> Any:
    """libyaml's safe loader, else PyYAML's own. PyYAML is imported when a file is first read, so
    a run that takes only the cached bundled data never loads it."""
    import yaml

    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def _position(mark: Any) -> tuple[int, int]:
    """A YAML mark (0-based, maybe missing) as a 1-based line and column."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class Place:
    """Where a value starts in a file; a list's items and a mapping's keys are found by index."""

    __slots__ = ("column", "items", "keys", "line", "value")

    def __init__(self, mark: Any, value: str | None = None) -> None:
        self.line, self.column = _position(mark)
        self.value = value  # the text typed, for a single value
        self.items: list[Place] | None = None
        self.keys: dict[str, tuple[Place, Place | None]] | None = None  # key -> (the key, its value)


@dataclass
class Source:
    """A file's name and text, to turn a path inside its data into a line and column."""

    name: str
    text: str
    _root: Place | None = field(default=None, repr=False)
    _read: bool = field(default=False, repr=False)

    def node(self, path: Sequence[PathPart], *, at_key: bool = False) -> Place | None:
        """Where a path leads (or the nearest place on the way); for `at_key`, the last key."""
        if not self._read:
            self._read = True
            self._root = _places(self.text)
        node = self._root
        if node is None:
            return None
        for depth, part in enumerate(path):
            child = _child(node, part, want_key=at_key and depth == len(path) - 1)
            if child is None:
                break
            node = child
        return node

    def problem(self, path: Sequence[PathPart], message: str, *, at_key: bool = False) -> Problem:
        """A problem at the place a path leads to."""
        node = self.node(path, at_key=at_key)
        line, column = (node.line, node.column) if node is not None else (1, 1)
        return Problem(self.name, line, column, message)

    def at(self, index: int, message: str) -> Problem:
        """A problem at a character of the text (for what lies outside the data, such as comments)."""
        return Problem(self.name, *_line_column(self.text, index), message)


def _line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of a character index, counting lines as editors do (by newline)."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _child(node: Place, part: PathPart, *, want_key: bool) -> Place | None:
    if node.keys is not None:
        pair = node.keys.get(str(part))
        if pair is not None:
            return pair[0] if want_key else pair[1]
    elif node.items is not None and isinstance(part, int) and 0 <= part < len(node.items):
        return node.items[part]
    return None


def _places(text: str) -> Place | None:
    """Where every value of a file starts, read from the parser's events (a second, lighter pass,
    made only when a problem needs placing). An alias leads to its anchor's places; an anchor name
    used again means the later one from there on, as YAML says."""
    import yaml

    loader = _loader_class()(text)
    anchors: dict[str, Place] = {}
    stack: list[list[Any]] = []  # [place, the key waiting for its value (or _NO_KEY, _SKIP)]
    root: Place | None = None
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                place = Place(event.start_mark, event.value)
            elif kind is yaml.AliasEvent:
                place = anchors.get(event.anchor) or Place(event.start_mark)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                place = Place(event.start_mark)
                if kind is yaml.MappingStartEvent:
                    place.keys = {}
                else:
                    place.items = []
                if event.anchor is not None:
                    anchors[event.anchor] = place
                stack.append([place, _NO_KEY])
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                place = stack.pop()[0]
            elif kind is yaml.StreamEndEvent:
                return root
            else:
                continue
            if kind is yaml.ScalarEvent and event.anchor is not None:
                anchors[event.anchor] = place
            if not stack:
                root = place
                continue
            frame = stack[-1]
            parent = frame[0]
            if parent.items is not None:
                parent.items.append(place)
            elif frame[1] is _NO_KEY:
                frame[1] = (place.value, place) if place.value is not None and place.keys is None else _SKIP
            else:
                if frame[1] is not _SKIP:
                    key_text, key_place = frame[1]
                    parent.keys.setdefault(key_text, (key_place, place))  # the first of two, as the data keeps
                frame[1] = _NO_KEY
    except (yaml.YAMLError, RecursionError):  # only reached for files already refused while parsing
        return root
    finally:
        loader.dispose()


_NO_KEY = object()  # a mapping frame waiting for its next key
_SKIP = object()  # the key was refused (duplicate, not text): drop its value


class _Frame:
    """A list or mapping being filled (slots: one is made for every list and mapping in a file)."""

    __slots__ = ("anchor", "container", "is_key", "is_list", "key", "key_lines", "mark", "start_chars", "start_values")

    def __init__(
        self, container: Any, start_values: int, anchor: str | None, mark: Any, start_chars: int, is_key: bool
    ):
        self.container = container  # dict or list being filled
        self.is_list = container.__class__ is list
        self.start_values = start_values  # values built before it, to know its size when it ends
        self.anchor = anchor
        self.mark = mark
        self.start_chars = start_chars  # characters of text built before it, for the alias text budget
        self.is_key = is_key
        self.key: Any = _NO_KEY
        self.key_lines: dict[str, int] = {}


_SHARED_LENGTH = 40


class _Builder:
    """Build plain data from a stream of parser events, collecting problems."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        # anchor -> (value, values in it, characters of text in it); None while the anchored value is open
        self.anchors: dict[str, tuple[Any, int, int] | None] = {}
        self.values = 0
        self.chars = 0
        self.alias_values = 0
        self.alias_chars = 0
        self.documents = 0
        self.root: Any = None
        self.max_depth = max_depth()
        self.max_alias_values = max_alias_values()
        self.max_alias_chars = max_file_bytes()
        self.warnings: list[Problem] = []
        # Short texts come back again and again (keys, stances, ask ids): one copy of each is kept,
        # which at 100,000 proposals saves over a hundred megabytes.
        self.shared: dict[str, str] = {}
        self.has_hash = "#" in text  # no `#` anywhere: no value can be cut short by one
        # Sizes are counted only for aliases' budgets; with no `&` in the text there is no anchor.
        self.counting = "&" in text

    def problem(self, mark: Any, message: str) -> None:
        self.problems.append(Problem(self.name, *_position(mark), message))

    def fail(self, mark: Any, message: str) -> SendReviewError:
        self.problem(mark, message)
        return SendReviewError(self.problems)

    def run(self) -> Any:
        import yaml

        loader = _loader_class()(self.text)
        # Local names: this loop runs once for every value in a file.
        scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        scalar, start, end = self.scalar, self.start, self.end
        try:
            get_event = loader.get_event
            while True:
                event = get_event()
                kind = type(event)
                if kind is scalar_event:
                    scalar(event)
                elif kind is mapping_start:
                    start(event, {})
                elif kind is sequence_start:
                    start(event, [])
                elif kind in collection_end:
                    end()
                elif kind is yaml.AliasEvent:
                    self.alias(event)
                elif kind is yaml.DocumentStartEvent:
                    self.documents += 1
                    if self.documents > 1:
                        message = "more than one YAML document (a second '---'); put everything in one"
                        raise self.fail(event.start_mark, message)
                elif kind is yaml.StreamEndEvent:
                    return self.root
        except yaml.MarkedYAMLError as error:
            raise SendReviewError([*self.problems, yaml_problem(error, self.name, self.text)]) from None
        except yaml.YAMLError as error:  # the reader's errors carry an offset only
            index = getattr(error, "position", 0)
            if hasattr(yaml, "CSafeLoader"):  # libyaml counts bytes of UTF-8, not characters
                index = len(self.text.encode("utf-8")[:index].decode("utf-8", "ignore"))
            line, column = _line_column(self.text, index)
            reason = getattr(error, "reason", str(error))
            character = getattr(error, "character", None)
            if isinstance(character, int) and "control" in reason:
                reason = f"a control character (U+{character:04X}) is here; delete it (YAML allows none)"
            raise SendReviewError([*self.problems, Problem(self.name, line, column, reason)]) from None
        finally:
            loader.dispose()

    def check_tag(self, event: Any) -> bool:
        if event.tag is None or event.tag in _ALLOWED_TAGS:
            return True
        tag = event.tag.replace(_TAG, "!!")
        self.problem(event.start_mark, f"tag '{tag}' is not allowed here; remove it")
        return False

    def scalar(self, event: Any) -> None:
        # The busiest path (every value in a file), so the common case is tested first.
        text = event.value
        if len(text) <= _SHARED_LENGTH:
            text = self.shared.setdefault(text, text)
        value: Any = text
        if event.tag is None:
            if text in _TYPED and event.implicit[0]:  # plain, unquoted: YAML guesses its type
                value = _TYPED[text]
        elif not self.check_tag(event):
            value = None
        if self.counting:
            self.values += 1
            self.chars += len(text)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1, len(text))
        if self.has_hash and not event.style and (comment := _HASHTAG_COMMENT.match(self.text, event.end_mark.index)):
            self.comment_warning(comment)
        self.add(value, event.start_mark, key_text=text)

    def comment_warning(self, comment: re.Match[str]) -> None:
        line, column = _line_column(self.text, comment.start(1))
        words = comment.group(1).rstrip()
        message = (
            f"warning: YAML reads '{words}' as a comment, so it is left out of the text;"
            " put the whole text in quotes to keep it"
        )
        self.warnings.append(Problem(self.name, line, column, message))

    def start(self, event: Any, container: Any) -> None:
        if len(self.stack) >= self.max_depth:
            raise self.fail(event.start_mark, _too_deep(self.max_depth))
        self.check_tag(event)
        if event.anchor is not None:
            self.anchors[event.anchor] = None
        parent = self.stack[-1] if self.stack else None
        is_key = parent is not None and parent.key is _NO_KEY and isinstance(parent.container, dict)
        self.values += 1
        self.stack.append(_Frame(container, self.values, event.anchor, event.start_mark, self.chars, is_key))

    def end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            size = (self.values - frame.start_values + 1, self.chars - frame.start_chars)
            self.anchors[frame.anchor] = (frame.container, *size)
        if frame.is_key:
            self.problem(frame.mark, "a key must be plain text, not a list or mapping")
            self.stack[-1].key = _SKIP
        else:
            self.add(frame.container, frame.mark, key_text=None)

    def alias(self, event: Any) -> None:
        name = event.anchor
        if name not in self.anchors:
            raise self.fail(event.start_mark, f"alias '*{name}' refers to no anchor '&{name}' above it")
        anchored = self.anchors[name]
        if anchored is None:
            raise self.fail(event.start_mark, f"alias '*{name}' refers to itself (a recursive anchor)")
        value, size, chars = anchored
        self.values += size  # an anchored collection's size counts the copies inside it
        self.chars += chars
        self.alias_values += size
        self.alias_chars += chars
        if self.alias_values > self.max_alias_values:
            message = (
                f"aliases copy more than {self.max_alias_values:,} values"
                " (set SENDREVIEW_MAX_ALIAS_VALUES to raise the limit)"
            )
            raise self.fail(event.start_mark, message)
        if self.alias_chars > self.max_alias_chars:
            # A few values can still hold a lot of text: copied, it costs as much as a file that big.
            message = (
                f"aliases copy more than {self.max_alias_chars:,} characters of text, the file size limit"
                " (set SENDREVIEW_MAX_FILE_BYTES to raise it)"
            )
            raise self.fail(event.start_mark, message)
        self.add(value, event.start_mark, key_text=value if isinstance(value, str) else None)

    def add(self, value: Any, mark: Any, key_text: str | None) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if frame.is_list:
            frame.container.append(value)
        elif frame.key is _NO_KEY:
            self.new_key(frame, mark, key_text)
        else:
            if frame.key is not _SKIP:
                frame.container[frame.key] = value
            frame.key = _NO_KEY

    def new_key(self, frame: _Frame, mark: Any, key_text: str | None) -> None:
        if key_text is None:
            self.problem(mark, "a key must be plain text")
            frame.key = _SKIP
            return
        # A key is an id too: two that differ only by characters that do not show are the same key.
        seen = key_text
        if not (key_text.isascii() and key_text.isprintable()) and has_hidden_in_id(key_text):
            seen = _id_without_hidden(key_text)
        if seen in frame.key_lines:
            first = frame.key_lines[seen]
            shown = f"'{key_text}'" if seen == key_text else f"'{key_text}', which prints as '{seen}'"
            self.problem(mark, f"duplicate key {shown} (first given on line {first})")
            frame.key = _SKIP
        else:
            frame.key_lines[seen] = mark.line + 1
            frame.key = key_text


def yaml_problem(error: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    """A YAML syntax error in plain words, at its position."""
    mark = error.problem_mark or error.context_mark
    line, column = _position(mark)
    problem = error.problem or "YAML syntax error"
    said = f"{error.context or ''} {problem}"
    lines = text.splitlines()
    at = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    if at == "\t" or "'\\t'" in said:
        problem = "tab character here: indent YAML with spaces, not tabs"
    elif "nesting depth" in said:  # libyaml's own bound, met before ours when it reads ahead
        problem = _too_deep(min(max_depth(), LIBYAML_MAX_DEPTH))
    elif any(slip in said for slip in _SLIPS):
        from sendreview.yamlslips import explain

        line, column, problem = explain(text, line, column, said)
    elif error.context:
        problem = f"{error.context}, {problem}"
    return Problem(name, line, column, problem)


# What the parser says when a line is out of step (indentation, a stray ': ', an early quote):
# `yamlslips` tells which slip it was, in plain words.
_SLIPS = (
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
    "could not find expected ':'",
)


def parse(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text into plain data and the problems found on the way (not raised, so that
    validation can report the rest of the file in the same run). Fatal problems are raised."""
    # `in` is a fast scan; the slower search for places runs only when there is something to report.
    if any(separator in text for separator in "\u2028\u2029\x85"):
        raise SendReviewError(
            [
                Problem(name, *_line_column(text, found.start()), _SEPARATOR.format(ord(found.group())))
                for found in _LINE_SEPARATORS.finditer(text)
            ]
        )
    builder = _Builder(name, text)
    try:
        data = builder.run()
    except RecursionError:  # only the pure-Python parser recurses; libyaml stops at 1,000 levels
        raise SendReviewError([Problem(name, 1, 1, _too_deep(max_depth()))]) from None
    finally:
        for warning in builder.warnings:  # shown by the command line as FILE:LINE:COL: warning: ...
            warnings.warn(SendReviewWarning(warning), stacklevel=2)
    return data, builder.problems


def _too_deep(limit: int) -> str:
    if limit < LIBYAML_MAX_DEPTH:
        return f"nested more than {limit} levels deep (set SENDREVIEW_MAX_DEPTH to raise the limit)"
    return f"nested more than {LIBYAML_MAX_DEPTH:,} levels deep, the most YAML can read"
