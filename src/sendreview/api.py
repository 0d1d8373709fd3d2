"""The Python API: load the bundled data or a user's files, checked, ready for analysis.

    >>> from sendreview.api import load_catalogue, load_document
    >>> from sendreview.analysis.compare import compare
    >>> catalogue = load_catalogue()
    >>> result = compare(load_document("examples/green-paper-2022.yaml", catalogue), catalogue)

Every function raises `SendReviewError` carrying all the problems it found.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from sendreview.analysis.strength import Lexicon

from sendreview.checks import check_catalogues, check_document, check_timeline
from sendreview.errors import SendReviewError
from sendreview.loading import Check, Kind, Loaded, load_any, load_file
from sendreview.models.asks import Catalogue, CatalogueFile
from sendreview.models.document import Document
from sendreview.models.timeline import Timeline
from sendreview.resources import bundled_path

BUNDLED_ASKS = "recommendations.yaml"
BUNDLED_TIMELINE = "timeline.yaml"
BUNDLED_COMMITMENTS = "commitments.yaml"


def _load_catalogue_files(extra: Sequence[Path | str], bundled: bool) -> list[Loaded[CatalogueFile]]:
    files: list[Loaded[CatalogueFile]] = []
    errors: list[SendReviewError] = []
    paths = [bundled_path(BUNDLED_ASKS)] if bundled else []
    for path in [*paths, *map(Path, extra)]:
        try:
            files.append(load_file(path, CatalogueFile))
        except SendReviewError as error:
            if not error.problems:  # unreadable: nothing more to learn from the other files
                raise
            errors.append(error)
    if problems := check_catalogues(files):
        errors.append(SendReviewError(problems))
    if errors:
        raise SendReviewError.joined(errors)
    return files


def load_catalogue(extra: Sequence[Path | str] = (), *, bundled: bool = True) -> Catalogue:
    """The bundled asks (unless `bundled=False`) joined with a forum's own catalogue files."""
    return Catalogue.from_files([f.model for f in _load_catalogue_files(extra, bundled)])


def load_timeline(path: Path | str | None = None) -> Timeline:
    """The bundled timeline, or a timeline file of the user's."""
    return load_file(path or bundled_path(BUNDLED_TIMELINE), Timeline, check=check_timeline).model


def load_document(path: Path | str, catalogue: Catalogue) -> Document:
    """A government paper's proposals, every link checked against the catalogue."""
    return load_file(path, Document, check=partial(check_document, catalogue=catalogue)).model


def load_stages(paths: Sequence[Path | str], catalogue: Catalogue) -> list[tuple[str, Document]]:
    """Papers to hold against each other, oldest first, as (file name, document) pairs.

    Each is checked against the catalogue; each `follows:` must name a proposal of the paper
    before it, once at most; and each pair must have been assessed against the same asks.
    """
    from sendreview.checks import check_follows, check_same_catalogue

    stages: list[tuple[str, Document]] = []
    errors: list[SendReviewError] = []
    previous: Loaded[Document] | None = None
    groups = [g.id for g in catalogue.groups]
    for path in paths:
        name = str(path)
        checks: list[Check] = [partial(check_document, catalogue=catalogue)]
        if previous is not None:
            old_ids = [p.id for p in previous.model.proposals]
            checks.append(partial(check_follows, old_ids=old_ids, old_name=previous.source.name))
        try:
            loaded = load_file(path, Document, check=_every(checks))
        except SendReviewError as error:
            errors.append(error)
            previous = None  # its ids are unknown, so the next paper's `follows:` cannot be checked
            continue
        if previous is not None and (problems := check_same_catalogue(previous, loaded, groups)):
            errors.append(SendReviewError(problems))
        stages.append((name, loaded.model))
        previous = loaded
    if errors:
        raise SendReviewError.joined(errors)
    return stages


def _every(checks: Sequence[Check]) -> Check:
    """One check that runs each of `checks`."""
    return lambda data, source: [problem for check in checks for problem in check(data, source)]


def load_commitments(extra: Path | str | None = None) -> Lexicon:
    """The phrases that show how firmly a paper commits: the bundled lists, extended by a forum's file."""
    from sendreview.analysis.strength import Lexicon
    from sendreview.checks import check_commitments
    from sendreview.models.commitments import CommitmentsFile

    paths = [bundled_path(BUNDLED_COMMITMENTS), *([Path(extra)] if extra is not None else [])]
    files = [load_file(path, CommitmentsFile, check=check_commitments).model for path in paths]
    return Lexicon.from_files(files)


def check_file(path: Path | str, kind: Kind | None, catalogue: Catalogue) -> BaseModel:
    """Load any sendreview file and run every check its kind has."""
    from sendreview.checks import check_commitments

    checks: dict[str, Check] = {
        "document": partial(check_document, catalogue=catalogue),
        "timeline": check_timeline,
        "commitments": check_commitments,
    }
    loaded = load_any(path, kind, checks)
    if isinstance(loaded.model, CatalogueFile):
        # A forum's own asks must not clash with the bundled ones (unless this is the bundled file).
        is_bundled = Path(path).resolve() == bundled_path(BUNDLED_ASKS).resolve()
        others = [] if is_bundled else _load_catalogue_files((), True)
        if problems := check_catalogues([*others, Loaded(loaded.model, loaded.source)]):
            raise SendReviewError(problems)
    return loaded.model
