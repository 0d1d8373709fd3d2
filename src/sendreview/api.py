"""The Python API: load the bundled data or a user's files, checked, ready for analysis.

    >>> from sendreview.api import load_catalogue, load_document
    >>> from sendreview.analysis.compare import compare
    >>> catalogue = load_catalogue()
    >>> result = compare(load_document("examples/green-paper-2022.yaml", catalogue), catalogue)

Every function raises `SendReviewError` carrying all the problems it found.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from sendreview.analysis.draft import Draft
    from sendreview.analysis.evidence import Evidence
    from sendreview.analysis.figures import Figures
    from sendreview.analysis.network import Forum
    from sendreview.analysis.paper import PaperDraft
    from sendreview.analysis.strength import Lexicon
    from sendreview.models.consultation import ConsultationFile
    from sendreview.models.dates import FuzzyDate
    from sendreview.models.document import Document
    from sendreview.models.profile import Profile
    from sendreview.models.survey import SurveyMap
    from sendreview.models.timeline import Timeline
    from sendreview.models.vocabulary import VocabularyFile

from sendreview.errors import Problem, SendReviewError, SendReviewWarning, did_you_mean
from sendreview.files import display_name
from sendreview.loading import Check, Kind, Loaded, load_any, load_bundled, load_file
from sendreview.models.asks import Catalogue, CatalogueFile
from sendreview.resources import bundled_path
from sendreview.yamlparse import Source

BUNDLED_ASKS = "recommendations.yaml"
BUNDLED_TIMELINE = "timeline.yaml"
BUNDLED_COMMITMENTS = "commitments.yaml"
BUNDLED_VOCABULARY = "vocabulary.yaml"
BUNDLED_CONSULTATIONS = "consultations"

# The checks (`sendreview.checks`) and the document model are imported where they are used: the
# bundled asks, once checked, come from the cache, so `asks` never loads either.


def _check_bundled_asks(loaded: Loaded[CatalogueFile]) -> list[Problem]:
    from sendreview.checks import check_catalogues

    return check_catalogues([loaded])


def _load_catalogue_files(extra: Sequence[Path | str], bundled: bool) -> list[Loaded[CatalogueFile]]:
    files: list[Loaded[CatalogueFile]] = []
    if bundled:  # checked alone once, when it is first read; against the forum's files every time
        files.append(load_bundled(bundled_path(BUNDLED_ASKS), CatalogueFile, check_model=_check_bundled_asks))
    errors: list[SendReviewError] = []
    for path in map(Path, extra):
        try:
            files.append(load_file(path, CatalogueFile))
        except SendReviewError as error:
            if not error.problems:  # unreadable: nothing more to learn from the other files
                raise
            errors.append(error)
    if extra:
        from sendreview.checks import check_catalogues

        if problems := check_catalogues(files):
            errors.append(SendReviewError(problems))
    if errors:
        raise SendReviewError.joined(errors)
    return files


def load_catalogue(extra: Sequence[Path | str] = (), *, bundled: bool = True) -> Catalogue:
    """The bundled asks (unless `bundled=False`) joined with a forum's own catalogue files."""
    return Catalogue.from_files([f.model for f in _load_catalogue_files(extra, bundled)], local=len(extra))


def load_timeline(path: Path | str | None = None) -> Timeline:
    """The bundled timeline, or a timeline file of the user's."""
    from sendreview.checks import check_timeline
    from sendreview.models.timeline import Timeline

    if path is None:
        return load_bundled(bundled_path(BUNDLED_TIMELINE), Timeline, check=check_timeline).model
    return load_file(path, Timeline, check=check_timeline).model


def load_document(
    path: Path | str, catalogue: Catalogue, *, publishing: bool = False, warn_unassessed: bool = False
) -> Document:
    """A government paper's proposals, every link checked against the catalogue. When `publishing`,
    an assessment marked agreed must also have judged every proposal; with `warn_unassessed`, the
    proposals not yet assessed are named in a warning."""
    from sendreview.checks import check_agreed_is_complete, check_document, unassessed_problem
    from sendreview.models.document import Document

    checks: list[Check] = [partial(check_document, catalogue=catalogue)]
    if publishing:
        checks.append(check_agreed_is_complete)
    loaded = load_file(path, Document, check=_every(checks))
    if warn_unassessed and (problem := unassessed_problem(loaded)) is not None:
        warnings.warn(SendReviewWarning(problem), stacklevel=2)
    return loaded.model


def load_vocabulary() -> VocabularyFile:
    """Today's words for the asks: the terms later papers use for them (`data/vocabulary.yaml`)."""
    from sendreview.checks import check_vocabulary
    from sendreview.models.vocabulary import VocabularyFile

    return load_bundled(bundled_path(BUNDLED_VOCABULARY), VocabularyFile, check=check_vocabulary).model


_KIND_NAMES = {
    "CatalogueFile": "a file of asks",
    "Timeline": "a timeline",
    "CommitmentsFile": "a file of commitment phrases",
    "VocabularyFile": "a vocabulary",
}


def load_earlier(
    paths: Sequence[Path | str], catalogue: Catalogue, *, paper: Document, paper_path: Path | str
) -> list[tuple[str, Document]]:
    """Earlier assessed papers to learn from (`--learn-from`), as (file name, document) pairs.

    Each must be a document checked against the catalogue. The paper being suggested for is
    refused (the same file, or a document with the same title and publication date): it would
    vote for its own links. A file given twice is refused. A file with no assessed proposal is
    kept, with a warning, and has no effect.
    """
    from sendreview.checks import check_document
    from sendreview.models.document import Document

    errors: list[SendReviewError] = []
    earlier: list[tuple[str, Document]] = []
    seen: dict[Path, str] = {}
    own = Path(paper_path).resolve()
    for path in paths:
        name = display_name(path)
        resolved = Path(path).resolve()
        if resolved == own:
            errors.append(
                SendReviewError(
                    f"{name}: --learn-from: this is the paper being suggested for; it cannot learn from its own"
                    " links (give the files of earlier papers)"
                )
            )
            continue
        if resolved in seen:
            errors.append(SendReviewError(f"{name}: --learn-from: given twice (first as {seen[resolved]})"))
            continue
        seen[resolved] = name
        try:
            loaded = load_any(path, None, {"document": partial(check_document, catalogue=catalogue)})
        except SendReviewError as error:
            errors.append(error)
            continue
        if not isinstance(loaded.model, Document):
            what = _KIND_NAMES.get(type(loaded.model).__name__, "another kind of file")
            message = f"--learn-from needs an assessed document (a paper's proposals and their links); this is {what}"
            errors.append(SendReviewError([loaded.source.problem((), message)]))
            continue
        info = loaded.model.document
        if info.title == paper.document.title and info.published == paper.document.published:
            message = (
                "--learn-from: this is the paper being suggested for (the same title and publication date);"
                " it cannot learn from its own links"
            )
            errors.append(SendReviewError([loaded.source.problem(("document", "title"), message)]))
            continue
        if not any(p.responds_to for p in loaded.model.proposals):
            message = (
                "warning: --learn-from: no proposal here is linked to an ask, so there is nothing to learn from it"
            )
            warnings.warn(SendReviewWarning(loaded.source.problem(("proposals",), message)), stacklevel=2)
        earlier.append((name, loaded.model))
    if errors:
        raise SendReviewError.joined(errors)
    return earlier


def load_stages(paths: Sequence[Path | str], catalogue: Catalogue) -> list[tuple[str, Document]]:
    """Papers to hold against each other, oldest first, as (file name, document) pairs.

    Each is checked against the catalogue; each `follows:` must name a proposal of the paper
    before it, once at most; and each pair must have been assessed against the same asks.
    """
    from sendreview.checks import check_document, check_follows, check_same_catalogue
    from sendreview.models.document import Document

    stages: list[tuple[str, Document]] = []
    errors: list[SendReviewError] = []
    previous: Loaded[Document] | None = None
    groups = [g.id for g in catalogue.groups]
    for path in paths:
        name = display_name(path)
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

    files = [load_bundled(bundled_path(BUNDLED_COMMITMENTS), CommitmentsFile, check=check_commitments).model]
    if extra is not None:
        files.append(load_file(extra, CommitmentsFile, check=check_commitments).model)
    return Lexicon.from_files(files)


def bundled_consultations() -> list[str]:
    """The ids of the consultations that ship with sendreview, in order."""
    folder = bundled_path(BUNDLED_CONSULTATIONS)
    return sorted(path.stem for path in folder.glob("*.yaml"))


def load_consultation(path: Path | str | None = None, consultation: str | None = None) -> Loaded[ConsultationFile]:
    """A consultation's questions: a file of the user's (`path`), else a bundled one by id."""
    from sendreview.checks import check_consultation
    from sendreview.models.consultation import ConsultationFile

    if path is None:
        known = bundled_consultations()
        if consultation not in known:
            hint = did_you_mean(consultation or "", known)
            raise SendReviewError(
                f"--consultation: no consultation '{consultation}'{hint}; the bundled ones are {', '.join(known)}"
                " (or give your own file with --questions FILE)"
            )
        # Named as in the repository, so a warning points at a short, findable place.
        name = f"data/{BUNDLED_CONSULTATIONS}/{consultation}.yaml"
        return load_bundled(
            bundled_path(BUNDLED_CONSULTATIONS) / f"{consultation}.yaml",
            ConsultationFile,
            check=check_consultation,
            name=name,
        )
    return load_file(path, ConsultationFile, check=check_consultation)


def load_response_inputs(
    document: Path | str,
    catalogue: Catalogue,
    *,
    questions: Path | str | None = None,
    consultation: str | None = None,
) -> tuple[Document, ConsultationFile]:
    """A paper and the consultation on it, every problem in both files in one go; links between them
    that lead nowhere are warnings, as are proposals not yet assessed."""
    from sendreview.checks import check_document, question_link_problems, unassessed_problem
    from sendreview.models.document import Document

    errors: list[SendReviewError] = []
    paper: Loaded[Document] | None = None
    asked: Loaded[ConsultationFile] | None = None
    try:
        paper = load_file(document, Document, check=partial(check_document, catalogue=catalogue))
    except SendReviewError as error:
        errors.append(error)
    try:
        asked = load_consultation(questions, consultation)
    except SendReviewError as error:
        errors.append(error)
    if errors:
        raise SendReviewError.joined(errors)
    assert paper is not None and asked is not None
    if not asked.model.questions:
        raise SendReviewError(
            [
                asked.source.problem(
                    ("questions",),
                    "this consultation lists no questions yet: copy the file, add its questions and give it with "
                    "--questions FILE",
                )
            ]
        )
    warned = question_link_problems(asked, paper)
    if (problem := unassessed_problem(paper)) is not None:
        warned.append(problem)
    for problem in warned:
        warnings.warn(SendReviewWarning(problem), stacklevel=2)
    return paper.model, asked.model


def check_file(
    path: Path | str, kind: Kind | None, catalogue: Catalogue, *, warnings: list[Problem] | None = None
) -> BaseModel:
    """Load any sendreview file and run every check its kind has.

    With `warnings`, the sources are checked too (`sendreview.sources`) and what they find is
    added to that list: sources on hosts to avoid, dated milestones with no source.
    """
    from sendreview.checks import (
        check_catalogues,
        check_commitments,
        check_consultation,
        check_document,
        check_timeline,
        check_vocabulary,
    )
    from sendreview.sources import check_sources

    checks: dict[str, Check] = {
        "document": partial(check_document, catalogue=catalogue),
        "timeline": check_timeline,
        "commitments": check_commitments,
        "asks": lambda data, source: [],
        "vocabulary": partial(check_vocabulary, catalogue=catalogue),
        "consultation": check_consultation,
    }
    if warnings is not None:
        found = warnings

        def with_sources(check: Check) -> Check:
            def run(data: Any, source: Source) -> list[Problem]:
                found.extend(check_sources(data, source))
                return check(data, source)

            return run

        checks = {name: with_sources(check) for name, check in checks.items()}
    loaded = load_any(path, kind, checks)
    if isinstance(loaded.model, CatalogueFile):
        # A forum's own asks must not clash with the bundled ones (unless this is the bundled file).
        is_bundled = Path(path).resolve() == bundled_path(BUNDLED_ASKS).resolve()
        others = [] if is_bundled else _load_catalogue_files((), True)
        if problems := check_catalogues([*others, Loaded(loaded.model, loaded.source)]):
            raise SendReviewError(problems)
    return loaded.model


def forum_files(paths: Sequence[Path | str]) -> list[Path]:
    """The files named, with each folder replaced by its YAML files in name order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
            if not inside:
                raise SendReviewError(f"{path}: is a folder, not a file, and holds no .yaml files to count")
            found += inside
        else:
            found.append(path)
    return found


def load_forums(paths: Sequence[Path | str], catalogue: Catalogue) -> list[Forum]:
    """Many forums' assessments of one paper, each checked against the catalogue.

    Every file must be the same paper (same title and publication date as most of the files) and
    a different forum (`assessment: by:`, compared without case or extra spaces); each problem is
    an error. A file with no `by:` counts under its file name, and a file whose proposals differ
    from the paper's is counted on those that match: each a warning.
    """
    from sendreview.analysis.network import Forum, differences, paper_proposals
    from sendreview.checks import check_document
    from sendreview.models.document import Document

    files = forum_files(paths)
    if not files:
        raise SendReviewError("aggregate needs at least one document file or folder")
    loaded: list[Loaded[Document]] = []
    errors: list[SendReviewError] = []
    for path in files:
        try:
            loaded.append(load_file(path, Document, check=partial(check_document, catalogue=catalogue)))
        except SendReviewError as error:
            errors.append(error)
    if errors:
        raise SendReviewError.joined(errors)
    problems = _same_paper(loaded)
    forums: list[Forum] = []
    names: dict[str, Loaded[Document]] = {}
    for item in loaded:
        name = item.model.assessment.by
        if name is None:
            name = item.source.name
            message = f"warning: the assessment does not say whose it is ('by:'); counted as '{name}'"
            warnings.warn(SendReviewWarning(item.source.problem((), message)), stacklevel=2)
        key = " ".join(name.casefold().split())
        if (first := names.get(key)) is not None:
            message = (
                f"'{name}' is already counted from {first.source.name}: the same forum twice would be counted twice;"
                " keep one file per forum"
            )
            problems.append(item.source.problem(("assessment", "by"), message))
        names[key] = item
        forums.append(Forum(name=name, file=item.source.name, document=item.model))
    if problems:
        raise SendReviewError(problems)
    ids = paper_proposals([f.document for f in forums])
    for item in loaded:
        missing, extra = differences(item.model, ids)
        if missing or extra:
            parts = ([f"it lacks {', '.join(missing)} (counted as not assessed)"] if missing else []) + (
                [f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} not in the others (left out)"]
                if extra
                else []
            )
            message = f"warning: this file's proposals differ from the paper's: {'; '.join(parts)}"
            warnings.warn(SendReviewWarning(item.source.problem(("proposals",), message)), stacklevel=2)
    return forums


def _same_paper(loaded: Sequence[Loaded[Document]]) -> list[Problem]:
    """A problem for each file of another paper than most of the files are."""
    from collections import Counter

    def paper(item: Loaded[Document]) -> tuple[str, str]:
        info = item.model.document
        return (" ".join(info.title.split()), str(info.published) if info.published else "")

    # Ties go to the paper counted first, that is the first file's.
    (title, published), top = Counter(paper(item) for item in loaded).most_common(1)[0]
    problems = []
    for item in loaded:
        this_title, this_published = paper(item)
        if this_title != title:
            message = (
                f"this file is about '{this_title}', but {top:,} of {len(loaded):,} files are about '{title}':"
                " aggregate counts one paper at a time; leave this file out"
            )
            problems.append(item.source.problem(("document", "title"), message))
        elif this_published != published:
            where = ("document", "published") if item.model.document.published else ("document",)
            message = (
                f"this file gives the paper's publication date as '{this_published or 'none'}', but {top:,} of"
                f" {len(loaded):,} files give '{published or 'none'}': make them the same paper"
            )
            problems.append(item.source.problem(where, message))
    return problems


def load_evidence(survey: Path | str, map_path: Path | str, *, quotes: bool = False) -> Evidence:
    """A survey export (CSV, read as a stream) counted as its map says.

    Every column the map names must be in the export's header: each one missing is a problem at
    its place in the map. A file that is not UTF-8 is read as Excel's older Windows-1252, with a warning.
    """
    from sendreview.analysis.evidence import tally
    from sendreview.loading import read_table
    from sendreview.models.survey import SurveyMap

    loaded = load_file(map_path, SurveyMap)
    name, map_name = str(survey), loaded.source.name
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            header, rows = read_table(Path(survey), name, encoding)
            _check_columns(loaded, header, name)
            return tally(loaded.model, header, rows, name=name, map_name=map_name, quotes=quotes)
        except UnicodeDecodeError:
            message = (
                "warning: this file is not UTF-8; read as Windows-1252 (Excel's 'CSV (Comma delimited)')."
                " If letters look wrong, save it as 'CSV UTF-8'"
            )
            warnings.warn(SendReviewWarning(Problem(name, 1, 1, message)), stacklevel=2)
    raise SendReviewError([Problem(name, 1, 1, "cannot read this file as text; save it as 'CSV UTF-8'")])


def _check_columns(loaded: Loaded[SurveyMap], header: Sequence[str], name: str) -> None:

    survey = loaded.model
    named: list[tuple[tuple[str | int, ...], str]] = [
        *((("questions", i, "column"), q.column) for i, q in enumerate(survey.questions)),
        *((("describe", i, "column"), d.column) for i, d in enumerate(survey.describe)),
        *((("free_text", i, "column"), f.column) for i, f in enumerate(survey.free_text)),
    ]
    if survey.survey.respondent_id:
        named.append((("survey", "respondent_id"), survey.survey.respondent_id))
    have = set(header)
    problems = []
    for path, column in named:
        if column not in have:
            hint = did_you_mean(column, header) or f"; its columns are: {', '.join(header[:12])}"
            message = f"column '{column}' is not in {name}{hint}"
            problems.append(loaded.source.problem(path, message))
    twice = sorted({column for _, column in named if header.count(column) > 1})
    for column in twice:
        problems.append(Problem(name, 1, header.index(column) + 1, f"column '{column}' is in the header twice"))
    if problems:
        raise SendReviewError(problems)


def load_figures(
    evidence: Path | str | None, network: Path | str | None, document: Document, organisation: str
) -> Figures | None:
    """The statement's figures: a survey (`evidence --format json`) and the network's counts
    (`aggregate --format json`) of the same paper; None when neither is given."""
    if evidence is None and network is None:
        return None
    from sendreview.analysis.figures import Figures, NetworkFigures, SurveyFigures

    errors: list[SendReviewError] = []
    survey = counts = None
    if evidence is not None:
        try:
            survey = _json_output(Path(evidence), "evidence", SurveyFigures)
        except SendReviewError as error:
            errors.append(error)
    if network is not None:
        try:
            counts = _json_output(Path(network), "aggregate", NetworkFigures)
        except SendReviewError as error:
            errors.append(error)
    if errors:
        raise SendReviewError.joined(errors)
    if counts is not None and " ".join(counts.document_title.split()) != " ".join(document.document.title.split()):
        message = (
            f"it counts assessments of '{counts.document_title}', but this statement is on"
            f" '{document.document.title}': give the aggregate of this paper"
        )
        raise SendReviewError([Problem(str(network), 1, 1, message)])
    if survey is not None:
        ids = {p.id for p in document.proposals}
        unknown = [q.proposal for q in survey.questions if q.proposal and q.proposal not in ids]
        if unknown:
            message = (
                f"warning: the survey's questions name proposals this paper does not have ({', '.join(unknown)});"
                " their figures are left out"
            )
            warnings.warn(SendReviewWarning(Problem(str(evidence), 1, 1, message)), stacklevel=2)
    return Figures(survey, counts, organisation)


ResultT = TypeVar("ResultT", bound=BaseModel)


def _json_output(path: Path, command: str, model: type[ResultT]) -> ResultT:
    """A file written by `sendreview COMMAND --format json`, read within the size limit and checked."""
    import json

    from pydantic import ValidationError

    from sendreview.loading import read_text

    name = str(path)
    text = read_text(path, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SendReviewError([Problem(name, error.lineno, error.colno, f"not valid JSON ({error.msg})")]) from None
    if isinstance(data, dict) and isinstance(data.get("document"), dict):
        data["document_title"] = data["document"].get("title")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the top"
        message = f"this is not what 'sendreview {command} --format json' writes ({where}: {first['msg'].lower()})"
        raise SendReviewError([Problem(name, 1, 1, message)]) from None


PROFILE_FILE = "forum.yaml"
"""The profile a command reads when none is named: in the folder it runs in."""


@dataclass(frozen=True)
class ForumProfile:
    """A forum's profile, with its asks files found from the profile's own folder."""

    profile: Profile
    path: Path
    asks: tuple[Path, ...]


def load_profile(path: Path | str | None = None, *, folder: Path | None = None) -> ForumProfile | None:
    """The profile at `path`, else `forum.yaml` in `folder` (the current folder) if there is one, else None."""
    from sendreview.models.profile import Profile

    if path is None:
        found = (folder or Path.cwd()) / PROFILE_FILE
        if not found.is_file():
            return None
        path = Path(PROFILE_FILE) if folder is None else found
    path = Path(path)
    loaded = load_file(path, Profile).model
    asks = tuple(path.parent / ask for ask in loaded.asks)
    return ForumProfile(loaded, path, asks)


def start_document(
    *,
    title: str | None,
    kind: str | None,
    published: FuzzyDate | None,
    paper: Path | None,
    catalogue: Catalogue,
    by: str = "",
    top: int = 3,
    vocabulary: VocabularyFile | None = None,
) -> tuple[Draft, PaperDraft | None]:
    """A new document's draft for `init`: from nothing, a plain-text list of proposals, or the paper
    as published (HTML, PDF, Word, Markdown). What the options say wins over what the paper says; a
    kind neither the options, the title nor the paper give is asked for, never guessed."""
    from sendreview.analysis.draft import draft_document
    from sendreview.analysis.paper import draft_from_paper, kind_from, read_draft
    from sendreview.loading import read_text
    from sendreview.models.document import DocumentInfo
    from sendreview.papers import is_paper, read_paper

    name = str(paper) if paper is not None else ""
    if paper is None or not is_paper(paper):
        text = read_text(paper, name) if paper is not None else None
        if not (title or "").strip():
            where = " (a text file does not say)" if paper is not None else ""
            raise SendReviewError(f"--title: give the paper's title{where}")
        assert title is not None
        info = DocumentInfo(title=title, kind=_kind(kind or kind_from(title), title), published=published)
        draft = draft_document(info, catalogue, text=text, text_name=name, by=by, top=top, vocabulary=vocabulary)
        return draft, None
    found = read_draft(read_paper(paper, name))
    if not found.proposals:
        raise SendReviewError(
            f"{name}: found no proposals: no 'Proposal 1' headings or paragraphs, and no paragraph saying"
            " 'we will', 'we propose' or 'we are consulting on'; copy the proposals into a .txt file, one per"
            " paragraph, and run: sendreview init FILE.yaml --title TITLE --from PROPOSALS.txt"
        )
    title = (title or "").strip() or found.title
    if not title:
        raise SendReviewError(f"--title: {name} does not say its title; give it")
    info = DocumentInfo(
        title=title,
        kind=_kind(kind or (kind_from(title) if title != found.title else None) or found.kind, title),
        published=published or found.published,
        consultation=found.consultation,
    )
    return draft_from_paper(found, info, catalogue, text_name=name, by=by, top=top, vocabulary=vocabulary), found


def _kind(kind: str | None, title: str) -> str:
    if kind is None:
        raise SendReviewError(
            f"cannot tell from '{title}' what kind of paper it is; say which with --kind:"
            " green-paper, white-paper, improvement-plan, bill, act or other"
        )
    return kind
