"""One loader for every YAML kind: file -> safe plain data -> pydantic model, with positions.

Every problem is reported as FILE:LINE:COL, all of them in one run (see `yamlparse` for what
reading the YAML itself guards against).
"""

from __future__ import annotations

import gc
import importlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, cast, get_args, get_origin

from pydantic import BaseModel, ValidationError

from sendreview.errors import MAX_PROBLEMS, Problem, SendReviewError, did_you_mean
from sendreview.files import display_name, read_bytes
from sendreview.yamlparse import PathPart, Source, max_file_bytes, parse

Kind = Literal["asks", "timeline", "document", "commitments", "vocabulary", "consultation", "profile"]
# Where each kind's model lives: imported only when a file of that kind is read, so a command
# pays for building the models it uses and no others.
KINDS: dict[str, tuple[str, str]] = {
    "asks": ("asks", "CatalogueFile"),
    "timeline": ("timeline", "Timeline"),
    "document": ("document", "Document"),
    "commitments": ("commitments", "CommitmentsFile"),
    "vocabulary": ("vocabulary", "VocabularyFile"),
    "consultation": ("consultation", "ConsultationFile"),
    "profile": ("profile", "Profile"),
}
ModelT = TypeVar("ModelT", bound=BaseModel)
Check = Callable[[Any, Source], list[Problem]]


@dataclass(frozen=True)
class Loaded(Generic[ModelT]):
    """A validated model and the source to report later problems against."""

    model: ModelT
    source: Source


def read_text(path: Path, name: str) -> str:
    """Read a file (or `-`, standard input) as UTF-8 (a BOM is fine), refusing what is too big,
    not a file, or not text."""
    return _decode(read_bytes(path, name, max_file_bytes()), name)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"not valid UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise SendReviewError([Problem(name, line, column, message)]) from None


def max_table_bytes() -> int:
    """Largest survey export read, in bytes (SENDREVIEW_MAX_TABLE_BYTES, default 512 MB): read as a
    stream, so memory stays small whatever the size; the bound stops a runaway or wrong file."""
    from sendreview.yamlparse import _limit

    return _limit("SENDREVIEW_MAX_TABLE_BYTES", 512 * 1024 * 1024)


TableRows = Iterator[tuple[int, list[str]]]


def read_table(path: Path, name: str, encoding: str = "utf-8-sig") -> tuple[list[str], TableRows]:
    """A CSV file as its header and a stream of (line, cells), read a piece at a time.

    UTF-8 with or without a BOM; commas, or the semicolons or tabs some spreadsheets save with
    (told from the header line); quoted cells over several lines, as Excel writes them. A byte
    that is not UTF-8 raises `UnicodeDecodeError`, for the caller to try Excel's older encoding.
    """
    import csv
    import io

    from sendreview.files import open_regular

    raw = open_regular(path, name, max_table_bytes(), "SENDREVIEW_MAX_TABLE_BYTES")
    csv.field_size_limit(1 << 20)  # one cell; free-text answers can run long
    stream = io.TextIOWrapper(raw, encoding=encoding, newline="")
    first = stream.readline(1 << 20)
    outside = re.sub(r'"[^"]*"', "", first)
    delimiter = max((",", ";", "\t"), key=lambda d: (outside.count(d), d == ","))
    stream.seek(0)
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        stream.close()
        message = "the file is empty: expected a header row of column names"
        raise SendReviewError([Problem(name, 1, 1, message)]) from None
    except csv.Error as error:
        stream.close()
        raise SendReviewError([Problem(name, 1, 1, f"cannot read the header row as CSV ({error})")]) from None

    def rows() -> TableRows:
        with stream:
            line = reader.line_num + 1
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    raise SendReviewError([Problem(name, line, 1, f"cannot read this row as CSV ({error})")]) from None
                if cells:
                    yield line, cells
                line = reader.line_num + 1

    return [cell.strip() for cell in header], rows()


def detect_kind(data: Any) -> Kind | None:
    """Guess what a file is from its top-level keys."""
    if not isinstance(data, dict):
        return None
    if "document" in data or "proposals" in data:
        return "document"
    if "milestones" in data or "periods" in data:
        return "timeline"
    if "name" in data:  # before asks: a profile lists its asks files under 'asks:'
        return "profile"
    if "asks" in data or "groups" in data:
        return "asks"
    if "questions" in data or "consultation" in data:
        return "consultation"
    if "strengths" in data or "negations" in data or "deadlines" in data:
        return "commitments"
    if "terms" in data or "papers" in data:
        return "vocabulary"
    return None


def load_file(
    path: Path | str, model: type[ModelT], *, check: Check | None = None, name: str | None = None
) -> Loaded[ModelT]:
    """Load one YAML file and validate it as the given model.

    `check` looks across the plain data (unique ids, references) and runs even when the schema
    fails, so a user sees every problem in one run.
    """
    with _collector_paused():
        data, source, problems = _read(Path(path), name or display_name(path))
        if check is not None:
            problems += check(data, source)
        return Loaded(validate(data, model, source, problems), source)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep Python's cycle collector still while a file is read and checked, then freeze what is left.

    Reading makes millions of small objects and no cycles; the collector would walk them all again
    each time it looked for cycles, which at 100,000 proposals tripled the time to check them and
    doubled the time to compare them. Frozen (`gc.freeze`), a large file's models are not walked by
    later collections either; the collector runs as usual for everything made afterwards. A small
    file is not frozen: freezing keeps for good any cycle that was waiting to be collected."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        made = gc.get_count()[0]  # objects the collector watches, made (and still alive) since it stopped
        if enabled:
            gc.enable()
        if made > FREEZE_FROM:
            gc.freeze()


# A file whose reading leaves more objects than this (about 5,000 proposals) is frozen.
FREEZE_FROM = 50_000


def load_any(
    path: Path | str, kind: Kind | None = None, checks: Mapping[str, Check] | None = None
) -> Loaded[BaseModel]:
    """Load a file of the given kind, or of the kind its top-level keys show."""
    with _collector_paused():
        return _load_any(path, kind, checks)


def _load_any(path: Path | str, kind: Kind | None, checks: Mapping[str, Check] | None) -> Loaded[BaseModel]:
    data, source, problems = _read(Path(path), display_name(path))
    kind = kind or detect_kind(data)
    if kind is None:
        found = f"a {_shape(data)}"
        message = (
            f"cannot tell what this file is: found {found} at the top; expected a document"
            " ('document:' and 'proposals:'), a timeline ('milestones:'), asks ('asks:'), commitment"
            " phrases ('strengths:'), a vocabulary ('terms:'), a consultation ('questions:') or a forum's"
            " profile ('name:'); or say which with --kind"
        )
        raise SendReviewError([*problems, source.problem((), message)])
    if checks and kind in checks:
        problems += checks[kind](data, source)
    return Loaded(validate(data, model_of(kind), source, problems), source)


def model_of(kind: str) -> type[BaseModel]:
    """The model a kind of file is checked as."""
    module, name = KINDS[kind]
    return cast(type[BaseModel], getattr(importlib.import_module(f"sendreview.models.{module}"), name))


def load_bundled(
    path: Path,
    model: type[ModelT],
    *,
    check: Check | None = None,
    check_model: Callable[[Loaded[ModelT]], list[Problem]] | None = None,
    name: str | None = None,
) -> Loaded[ModelT]:
    """Load a file that ships with sendreview: checked in full once, then taken from the cache
    (`sendreview.cache`) for as long as its bytes, the release and the code stay the same.

    `check` looks at the plain data, as for `load_file`; `check_model` at the checked model.
    Never for a user's file: those are checked in full every time, through `load_file`.
    """
    from pydantic.version import VERSION

    from sendreview import cache

    name = name or display_name(path)
    raw = read_bytes(path, name, max_file_bytes())
    entry = cache.key(f"{model.__module__}.{model.__qualname__}", raw, VERSION)
    kept = cache.recall(entry)
    if type(kept) is model:
        return Loaded(kept, Source(name, _decode(raw, name)))
    # Checked from the very bytes the entry is named after, so it can never hold another version.
    data, source, problems = _parse(_decode(raw, name), name)
    if check is not None:
        problems += check(data, source)
    loaded = Loaded(validate(data, model, source, problems), source)
    if check_model is not None and (problems := check_model(loaded)):
        raise SendReviewError(problems)
    cache.keep(entry, loaded.model)
    return loaded


def _read(path: Path, name: str) -> tuple[Any, Source, list[Problem]]:
    return _parse(read_text(path, name), name)


def _parse(text: str, name: str) -> tuple[Any, Source, list[Problem]]:
    data, problems = parse(text, name)
    if data is None and not problems:
        raise SendReviewError([Problem(name, 1, 1, "the file is empty (or only comments)")])
    return data, Source(name, text), problems


def validate(data: Any, model: type[ModelT], source: Source, problems: Sequence[Problem] = ()) -> ModelT:
    """Validate plain data against a model; raise with every problem, earlier ones included."""
    if not isinstance(data, dict):
        fields = ", ".join(f"'{f.alias or n}'" for n, f in model.model_fields.items())
        message = f"expected a mapping (key: value) at the top, with {fields}; found a {_shape(data)}"
        raise SendReviewError([*problems, source.problem((), message)])
    # A list of 10,000 items takes at least 20,000 characters: smaller files need no second look.
    has_long = len(source.text) > 20 * MAX_PROBLEMS and _has_list_over(data, 10 * MAX_PROBLEMS)
    if has_long:
        checked, _ = _first_items(data, 10 * MAX_PROBLEMS)
        # A long list with a mistake in every item would give pydantic millions of errors to build
        # (gigabytes): the first items of each list are checked alone, and if they hold more
        # problems than are shown, those are enough.
        try:
            model.model_validate(checked)
        except ValidationError as error:
            if len(problems) + error.error_count() >= MAX_PROBLEMS:
                raise _schema_error(error, model, source, problems, at_least=True) from None
    if (long := _long_list(model, data)) is not None:
        return _validate_by_item(data, model, source, problems, *long)
    try:
        result = model.model_validate(data)
    except ValidationError as error:
        raise _schema_error(error, model, source, problems) from None
    if problems:
        raise SendReviewError(problems)
    return result


# A top-level list at least this long is checked an item at a time (see `_validate_by_item`).
BY_ITEM_FROM = 1_000


def _long_list(model: type[BaseModel], data: dict[str, Any]) -> tuple[str, str, type[BaseModel]] | None:
    """The key, field name and item model of a long top-level list of models (a document's
    proposals), when the model has no validator that needs the whole."""
    decorators = model.__pydantic_decorators__
    if decorators.model_validators or decorators.field_validators:
        return None
    for name, info in model.model_fields.items():
        key = info.alias or name
        items = data.get(key)
        if not isinstance(items, list) or len(items) < BY_ITEM_FROM or get_origin(info.annotation) is not tuple:
            continue
        args = get_args(info.annotation)
        if len(args) == 2 and args[1] is Ellipsis and isinstance(args[0], type) and issubclass(args[0], BaseModel):
            return key, name, args[0]
    return None


def _validate_by_item(
    data: dict[str, Any],
    model: type[ModelT],
    source: Source,
    problems: Sequence[Problem],
    key: str,
    name: str,
    item_model: type[BaseModel],
) -> ModelT:
    """Validate a model whose list `key` is long one item at a time, letting go of each item's plain
    data as its model is made: the plain data and the models are never both held whole, which at
    100,000 proposals is hundreds of megabytes. The result, and every problem, are the same as
    validating the whole at once."""
    items: list[Any] = data[key]
    made: list[BaseModel] = []
    details: list[Any] = []
    count = 0
    for index, item in enumerate(items):
        try:
            made.append(item_model.model_validate(item))
        except ValidationError as error:
            count += error.error_count()
            if len(details) <= MAX_PROBLEMS:
                details += [{**e, "loc": (key, index, *e["loc"])} for e in error.errors(include_url=False)]
        items[index] = None
    try:
        head = model.model_validate({**data, key: []})
    except ValidationError as error:
        count += error.error_count()
        details = [*error.errors(include_url=False), *details]
    if count:
        raise _problems_error(details, count, model, source, problems) from None
    if problems:
        raise SendReviewError(problems)
    values = {**dict(head), name: tuple(made)}
    return model.model_construct(_fields_set={*head.model_fields_set, name}, **values)


def _schema_error(
    error: ValidationError,
    model: type[BaseModel],
    source: Source,
    problems: Sequence[Problem],
    *,
    at_least: bool = False,
) -> SendReviewError:
    """The schema's errors as problems, earlier ones included; only as many explained as are shown."""
    wanted = max(MAX_PROBLEMS + 1 - len(problems), 0)
    details = (
        error.errors(include_url=False)[:wanted] if error.error_count() > wanted else error.errors(include_url=False)
    )
    return _problems_error(details, error.error_count(), model, source, problems, at_least=at_least)


def _problems_error(
    details: Sequence[Any],
    count: int,
    model: type[BaseModel],
    source: Source,
    problems: Sequence[Problem],
    *,
    at_least: bool = False,
) -> SendReviewError:
    """Pydantic's errors (the first of `count`) as problems, earlier ones included."""
    # A value already refused while reading (a tag, say) would be reported twice.
    known = {(p.line, p.column) for p in problems}
    details = details[: max(MAX_PROBLEMS + 1 - len(problems), 0)]
    found = [p for p in (_explain(e, model, source) for e in details) if (p.line, p.column) not in known]
    return SendReviewError([*problems, *found], more=count - len(details), at_least=at_least)


def _has_list_over(data: Any, count: int) -> bool:
    """Whether any list in the data is longer than `count`: looked for without copying anything,
    since a copy of a large file's data would double its memory for nothing."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, list):
            if len(value) > count:
                return True
            pending.extend(item for item in value if isinstance(item, (list, dict)))
        elif isinstance(value, dict):
            pending.extend(item for item in value.values() if isinstance(item, (list, dict)))
    return False


def _first_items(data: Any, count: int) -> tuple[Any, bool]:
    """The data with every list cut to its first `count` items, and whether any was cut."""
    if isinstance(data, list):
        items = [_first_items(item, count) for item in data[:count]]
        return [item for item, _ in items], len(data) > count or any(cut for _, cut in items)
    if isinstance(data, dict):
        values = {key: _first_items(value, count) for key, value in data.items()}
        return {key: value for key, (value, _) in values.items()}, any(cut for _, cut in values.values())
    return data, False


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, bool):
        return "yes/no value"
    return "single value" if value is not None else "empty value"


def _explain(error: Any, model: type[BaseModel], source: Source) -> Problem:
    """One pydantic error as a plain-English problem at its place in the file."""
    loc: tuple[PathPart, ...] = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):  # whatever its value: quoting it would not help
        if field == "<<":
            return source.problem(loc, "'<<' (a YAML merge key) is not supported: write the fields out", at_key=True)
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(field, allowed) or f"; allowed here: {', '.join(allowed)}"
        return source.problem(loc, f"unknown field '{field}'{hint}", at_key=True)
    if isinstance(value, bool):  # an unquoted yes/no/on/off: say what was typed, and how to keep it
        node = source.node(loc)
        typed = node.value if node is not None and isinstance(node.value, str) else str(value).lower()
        if kind == "literal_error":
            return source.problem(loc, f"'{typed}' is not a valid {field}: use {error['ctx']['expected']}")
        return source.problem(loc, f"'{typed}' is read by YAML as yes/no, not as text; put it in quotes: \"{typed}\"")
    if kind == "missing":
        return source.problem(loc[:-1], f"missing '{field}': this field is required")
    if value is None:  # before the choices: "'None' is not a valid kind" would puzzle anyone
        return source.problem(loc, f"'{field}' has no value: give it one, or leave the line out")
    if kind == "literal_error" and not isinstance(value, str):
        return source.problem(loc, f"'{field}' should be {error['ctx']['expected']}, not a {_shape(value)}")
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
    if kind == "string_too_long":
        return source.problem(loc, f"'{field}' is too long: keep it to {error['ctx']['max_length']:,} characters")
    if kind == "string_too_short":
        return source.problem(loc, f"'{field}' is empty: give it some text")
    if kind in ("string_type", "tuple_type", "model_type", "dataclass_type", "dict_type", "list_type"):
        wanted = {
            "string_type": "text",
            "model_type": "a mapping (key: value)",
            "dataclass_type": "a mapping (key: value)",
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
        info = next((f for n, f in current.__pydantic_fields__.items() if (f.alias or n) == part), None)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return [info.alias or name for name, info in current.__pydantic_fields__.items()]


def _inner_model(annotation: Any) -> Any:
    """Find the model (or pydantic dataclass) inside `Model | None`, `tuple[Model, ...]` and the like."""
    if isinstance(annotation, type) and hasattr(annotation, "__pydantic_fields__"):
        return annotation
    for arg in get_args(annotation):
        if (found := _inner_model(arg)) is not None:
            return found
    return None
