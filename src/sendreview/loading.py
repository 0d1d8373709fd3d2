"""One loader for every YAML kind: file -> safe plain data -> pydantic model, with positions.

Every problem is reported as FILE:LINE:COL, all of them in one run (see `yamlparse` for what
reading the YAML itself guards against).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from sendreview.errors import Problem, SendReviewError, did_you_mean
from sendreview.files import display_name, read_bytes
from sendreview.models.asks import CatalogueFile
from sendreview.models.commitments import CommitmentsFile
from sendreview.models.consultation import ConsultationFile
from sendreview.models.document import Document
from sendreview.models.profile import Profile
from sendreview.models.timeline import Timeline
from sendreview.models.vocabulary import VocabularyFile
from sendreview.yamlparse import PathPart, Source, max_file_bytes, parse

Kind = Literal["asks", "timeline", "document", "commitments", "vocabulary", "consultation", "profile"]
KINDS: dict[str, type[BaseModel]] = {
    "asks": CatalogueFile,
    "timeline": Timeline,
    "document": Document,
    "commitments": CommitmentsFile,
    "vocabulary": VocabularyFile,
    "consultation": ConsultationFile,
    "profile": Profile,
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
    data = read_bytes(path, name, max_file_bytes())
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"not valid UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise SendReviewError([Problem(name, line, column, message)]) from None


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
    data, source, problems = _read(Path(path), name or display_name(path))
    if check is not None:
        problems += check(data, source)
    return Loaded(validate(data, model, source, problems), source)


def load_any(
    path: Path | str, kind: Kind | None = None, checks: Mapping[str, Check] | None = None
) -> Loaded[BaseModel]:
    """Load a file of the given kind, or of the kind its top-level keys show."""
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
    return Loaded(validate(data, KINDS[kind], source, problems), source)


def _read(path: Path, name: str) -> tuple[Any, Source, list[Problem]]:
    text = read_text(path, name)
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
    if isinstance(value, bool):
        return "yes/no value"
    return "single value" if value is not None else "empty value"


def _explain(error: Any, model: type[BaseModel], source: Source) -> Problem:
    """One pydantic error as a plain-English problem at its place in the file."""
    loc: tuple[PathPart, ...] = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    if kind == "extra_forbidden":  # whatever its value: quoting it would not help
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
