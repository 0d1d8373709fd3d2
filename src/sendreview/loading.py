"""One loader for every YAML kind: text -> nodes with positions -> plain data -> pydantic model.

Every problem is reported as FILE:LINE:COL, all of them in one run. Scalars keep the exact
text the user typed (`2.10` stays "2.10", `2022-03-29` is not turned into a date object), an
unquoted yes/no is marked so a text field can refuse it, and nothing in the file can run code.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError

from sendreview.errors import Problem, SendReviewError, did_you_mean
from sendreview.models.asks import CatalogueFile
from sendreview.models.base import YamlBool
from sendreview.models.document import Document
from sendreview.models.timeline import Timeline

Kind = Literal["asks", "timeline", "document"]
KINDS: dict[str, type[BaseModel]] = {
    "asks": CatalogueFile,
    "timeline": Timeline,
    "document": Document,
}
ModelT = TypeVar("ModelT", bound=BaseModel)
PathPart = str | int

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
# Tags that only say what YAML would have guessed anyway; any other tag is refused.
_PLAIN_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def max_file_bytes() -> int:
    return _limit("SENDREVIEW_MAX_FILE_BYTES", 10 * 1024 * 1024)


def max_depth() -> int:
    return _limit("SENDREVIEW_MAX_DEPTH", 64)


def max_alias_nodes() -> int:
    return _limit("SENDREVIEW_MAX_ALIAS_NODES", 10_000)


@dataclass(frozen=True)
class Source:
    """Where a file's data came from, to turn a path inside it into a line and column."""

    name: str
    root: yaml.Node

    def problem(self, path: Sequence[PathPart], message: str, *, at_key: bool = False) -> Problem:
        """A problem at the node the path leads to (or as near as the path goes)."""
        node: yaml.Node = self.root
        for depth, part in enumerate(path):
            child = _child(node, part, want_key=at_key and depth == len(path) - 1)
            if child is None:
                break
            node = child
        return Problem(self.name, *_position(node.start_mark), message)


def _child(node: yaml.Node, part: PathPart, *, want_key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return key if want_key else value  # type: ignore[no-any-return]
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]  # type: ignore[no-any-return]
    return None


@dataclass(frozen=True)
class Loaded(Generic[ModelT]):
    """A validated model and the source to report later problems against."""

    model: ModelT
    source: Source


def read_text(path: Path, name: str) -> str:
    """Read a file as UTF-8 (a BOM is fine), refusing what is too big or not text."""
    try:
        size = path.stat().st_size
        if size > max_file_bytes():
            raise SendReviewError(
                [
                    Problem(
                        name,
                        1,
                        1,
                        f"file is {size:,} bytes, over the limit of {max_file_bytes():,}"
                        " (set SENDREVIEW_MAX_FILE_BYTES to raise it)",
                    )
                ]
            )
        data = path.read_bytes()
    except IsADirectoryError:
        raise SendReviewError(f"{name}: is a folder, not a file") from None
    except FileNotFoundError:
        raise SendReviewError(f"{name}: no such file") from None
    except PermissionError:
        raise SendReviewError(f"{name}: cannot read this file (permission denied)") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"not valid UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise SendReviewError([Problem(name, line, column, message)]) from None


def parse(text: str, name: str) -> tuple[Any, yaml.Node | None, list[Problem]]:
    """Parse YAML text into plain data (dict, list, str, None), its root node and any problems.

    Problems found while building (duplicate keys, refused tags) are returned, not raised, so
    validation can still report the rest of the file in the same run.
    """
    _check_shape(text, name)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise SendReviewError([_yaml_problem(error, name, text)]) from None
    except yaml.YAMLError as error:
        raise SendReviewError([Problem(name, 1, 1, str(error))]) from None
    if root is None:
        return None, None, []
    builder = _Builder(name)
    data = builder.build(root, 0)
    return data, root, builder.problems


def _check_shape(text: str, name: str) -> None:
    """Refuse deep nesting before a parser sees it: libyaml crashes and PyYAML recurses on it."""
    depth = 0
    limit = max_depth()
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    line, column = _position(event.start_mark)
                    message = f"nested more than {limit} levels deep (set SENDREVIEW_MAX_DEPTH to raise the limit)"
                    raise SendReviewError([Problem(name, line, column, message)])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        raise SendReviewError([_yaml_problem(error, name, text)]) from None


def _position(mark: Any) -> tuple[int, int]:
    """A YAML mark (0-based, maybe missing) as a 1-based line and column."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _yaml_problem(error: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    """A YAML syntax error in plain words, at its position."""
    mark = error.problem_mark or error.context_mark
    line, column = _position(mark)
    problem = error.problem or "YAML syntax error"
    said = f"{error.context or ''} {problem}"
    lines = text.splitlines()
    at = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    if at == "\t" or "'\\t'" in said:
        problem = "tab character here: indent YAML with spaces, not tabs"
    elif "single document" in said:
        problem = "more than one YAML document (a second '---'); put everything in one"
    elif "nesting depth" in said:
        problem = f"nested too deeply (more than {max_depth()} levels)"
    elif error.context:
        problem = f"{error.context}, {problem}"
    return Problem(name, line, column, problem)


class _Builder:
    """Turn composed nodes into plain data, keeping scalar text and refusing what is unsafe."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.alias_nodes = 0

    def _problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.name, *_position(node.start_mark), message))

    def build(self, node: yaml.Node, aliased: int) -> Any:
        key = id(node)
        if key in self.active:
            self._problem(node, "an alias refers to itself (a recursive anchor)")
            return None
        if key in self.seen:
            aliased = 1  # everything below is a copy made by an alias
        self.seen.add(key)
        if aliased:
            self.alias_nodes += 1
            if self.alias_nodes > max_alias_nodes():
                self._problem(
                    node,
                    f"aliases expand to more than {max_alias_nodes():,} values"
                    " (set SENDREVIEW_MAX_ALIAS_NODES to raise the limit)",
                )
                raise SendReviewError(self.problems)
        if node.tag.startswith("!") or node.tag not in _PLAIN_TAGS:
            self._problem(
                node,
                f"tag '{node.tag.replace(_TAG, '!!')}' is not allowed here; remove it",
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        self.active.add(key)
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, aliased)
            return [self.build(item, aliased) for item in node.value]
        finally:
            self.active.discard(key)

    def _mapping(self, node: yaml.MappingNode, aliased: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "a key must be plain text, not a list or mapping")
                continue
            key = key_node.value
            if key in first_line:
                self._problem(
                    key_node,
                    f"duplicate key '{key}' (first given on line {first_line[key]})",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, aliased)
        return result


def _scalar(node: yaml.ScalarNode) -> Any:
    if not node.style:  # plain, unquoted (None or "" by loader): the only kind YAML guesses a type for
        if node.tag == _TAG + "null":
            return None
        if node.tag == _TAG + "bool":
            return YamlBool(node.value)
    return node.value


def detect_kind(data: Any) -> Kind | None:
    """Guess what a file is from its top-level keys."""
    if not isinstance(data, dict):
        return None
    if "document" in data or "proposals" in data:
        return "document"
    if "milestones" in data or "periods" in data:
        return "timeline"
    if "asks" in data or "groups" in data:
        return "asks"
    return None


def load_file(path: Path | str, model: type[ModelT], *, name: str | None = None) -> Loaded[ModelT]:
    """Load one YAML file and validate it as the given model."""
    data, source, problems = _read(Path(path), name or str(path))
    return Loaded(validate(data, model, source, problems), source)


def load_any(path: Path | str, kind: Kind | None = None) -> Loaded[BaseModel]:
    """Load a file of the given kind, or of the kind its top-level keys show."""
    data, source, problems = _read(Path(path), str(path))
    kind = kind or detect_kind(data)
    if kind is None:
        found = f"a {_shape(data)}"
        message = (
            f"cannot tell what this file is: found {found} at the top; expected a document"
            " ('document:' and 'proposals:'), a timeline ('milestones:') or asks ('asks:');"
            " or say which with --kind"
        )
        raise SendReviewError([*problems, source.problem((), message)])
    return Loaded(validate(data, KINDS[kind], source, problems), source)


def _read(path: Path, name: str) -> tuple[Any, Source, list[Problem]]:
    data, root, problems = parse(read_text(path, name), name)
    if root is None:
        raise SendReviewError([Problem(name, 1, 1, "the file is empty (or only comments)")])
    return data, Source(name, root), problems


def validate(data: Any, model: type[ModelT], source: Source, problems: Sequence[Problem] = ()) -> ModelT:
    """Validate plain data against a model; raise with every problem, earlier ones included."""
    if not isinstance(data, dict):
        fields = ", ".join(f"'{f.alias or n}'" for n, f in model.model_fields.items())
        message = f"expected a mapping (key: value) at the top, with {fields}; found a {_shape(data)}"
        raise SendReviewError([*problems, source.problem((), message)])
    try:
        result = model.model_validate(data)
    except ValidationError as error:
        # A value already refused while reading (a tag, say) would be reported twice.
        known = {(p.line, p.column) for p in problems}
        found = (_explain(e, model, source) for e in error.errors(include_url=False))
        raise SendReviewError([*problems, *(p for p in found if (p.line, p.column) not in known)]) from None
    if problems:
        raise SendReviewError(problems)
    return result


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "single value" if value is not None else "empty value"


def _explain(error: Any, model: type[BaseModel], source: Source) -> Problem:
    """One pydantic error as a plain-English problem at its place in the file."""
    loc: tuple[PathPart, ...] = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    if kind == "missing":
        return source.problem(loc[:-1], f"missing '{field}': this field is required")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(field, allowed) or f"; allowed here: {', '.join(allowed)}"
        return source.problem(loc, f"unknown field '{field}'{hint}", at_key=True)
    if kind == "literal_error":
        choices = error["ctx"]["expected"]
        options = [c.strip(" '") for c in choices.replace(" or ", ",").split(",")]
        hint = did_you_mean(str(value), options) if isinstance(value, str) else ""
        return source.problem(loc, f"'{value}' is not a valid {field}: use {choices}{hint}")
    if kind == "string_pattern_mismatch":
        return source.problem(
            loc,
            f"'{value}' is not a valid id: use lower-case letters, digits and hyphens, like 'my-ask'",
        )
    if kind == "string_too_short":
        return source.problem(loc, f"'{field}' is empty: give it some text")
    if value is None:
        return source.problem(loc, f"'{field}' has no value: give it one, or leave the line out")
    if kind in ("string_type", "tuple_type", "model_type", "dict_type", "list_type"):
        wanted = {
            "string_type": "text",
            "model_type": "a mapping (key: value)",
            "dict_type": "a mapping (key: value)",
        }.get(kind, "a list")
        return source.problem(loc, f"'{field}' should be {wanted}, not a {_shape(value)}")
    message = str(error["msg"]).removeprefix("Value error, ")
    return source.problem(loc, message)


def _fields_at(model: type[BaseModel], loc: Sequence[PathPart]) -> list[str]:
    """The field names (as written in YAML) allowed at a place in the model."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return [info.alias or name for name, info in current.model_fields.items()]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """Find the model inside `Model | None`, `tuple[Model, ...]` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        if (found := _inner_model(arg)) is not None:
            return found
    return None
