"""Checks across a file (and across files) that a schema cannot make: ids, references, clashes.

Each check returns its problems as data; the caller decides what to do with them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict, TypeVar, cast

from sendreview.errors import Problem, did_you_mean
from sendreview.in_words import count
from sendreview.loading import Loaded
from sendreview.models.asks import Catalogue, CatalogueFile
from sendreview.models.dates import Duration, FuzzyDate
from sendreview.models.document import Document
from sendreview.text import has_hidden_in_id, id_code
from sendreview.yamlparse import PathPart, Source

# --- Typed views of the plain data ----------------------------------------------------------------
# The checks run on the data as parsed, before (and even when) the schema fails, so nothing in it
# can be trusted to have its type: every value is `object` until a check has looked. The field
# names are written here once, as in the models (`tests/test_checks.py` checks each view against
# its model), and mypy refuses a key a view does not have.


class DocumentDateData(TypedDict, total=False):
    kind: object
    field: object


class MilestoneData(TypedDict, total=False):
    id: object
    stage: object
    document_date: object


PeriodData = TypedDict("PeriodData", {"from": object, "to": object}, total=False)
RuleData = TypedDict("RuleData", {"from": object, "to": object, "at_least": object, "at_most": object}, total=False)


class TimelineData(TypedDict, total=False):
    milestones: object
    periods: object
    rules: object


class LinkData(TypedDict, total=False):
    ask: object


class ProposalData(TypedDict, total=False):
    id: object
    responds_to: object
    follows: object


class DocumentInfoData(TypedDict, total=False):
    url: object
    catalogue: object


class AssessmentData(TypedDict, total=False):
    date: object
    status: object


class DocumentData(TypedDict, total=False):
    document: object
    assessment: object
    proposals: object


class CommitmentsData(TypedDict, total=False):
    strengths: object
    negations: object
    deadlines: object


class PaperData(TypedDict, total=False):
    id: object


class TermsData(TypedDict, total=False):
    paper: object
    ask: object
    terms: object


class VocabularyData(TypedDict, total=False):
    papers: object
    terms: object


class ScaleData(TypedDict, total=False):
    id: object
    kind: object
    labels: object


class QuestionData(TypedDict, total=False):
    number: object
    scale: object
    word_limit: object


class ConsultationData(TypedDict, total=False):
    scales: object
    questions: object


# Each view, and the model whose fields (by their names in files) it reads.
VIEWS: tuple[tuple[type, str], ...] = (
    (DocumentDateData, "sendreview.models.timeline:DocumentDate"),
    (MilestoneData, "sendreview.models.timeline:Milestone"),
    (PeriodData, "sendreview.models.timeline:Period"),
    (RuleData, "sendreview.models.timeline:Rule"),
    (TimelineData, "sendreview.models.timeline:Timeline"),
    (LinkData, "sendreview.models.document:Link"),
    (ProposalData, "sendreview.models.document:Proposal"),
    (DocumentInfoData, "sendreview.models.document:DocumentInfo"),
    (AssessmentData, "sendreview.models.document:Assessment"),
    (DocumentData, "sendreview.models.document:Document"),
    (CommitmentsData, "sendreview.models.commitments:CommitmentsFile"),
    (PaperData, "sendreview.models.vocabulary:Paper"),
    (TermsData, "sendreview.models.vocabulary:Terms"),
    (VocabularyData, "sendreview.models.vocabulary:VocabularyFile"),
    (ScaleData, "sendreview.models.consultation:Scale"),
    (QuestionData, "sendreview.models.consultation:Question"),
    (ConsultationData, "sendreview.models.consultation:ConsultationFile"),
)

View = TypeVar("View")


def _view(data: object, view: type[View]) -> View | None:
    """The data as a view when it is a mapping, else None (the schema reports what it is)."""
    return cast(View, data) if isinstance(data, dict) else None


def _list(value: object, view: type[View]) -> list[tuple[int, View]]:
    """The mappings in a list, with their index; whatever is malformed is skipped here because the
    schema reports it."""
    if not isinstance(value, list):
        return []
    return [(i, cast(View, item)) for i, item in enumerate(value) if isinstance(item, dict)]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _stripped(value: object) -> str | None:
    """The text as the model keeps it, without surrounding spaces."""
    text = _text(value)
    return text.strip() if text is not None else None


def _duplicates(source: Source, items: Iterable[tuple[str, Sequence[PathPart]]], what: str) -> list[Problem]:
    """A problem for each id already used earlier in the same file."""
    first: dict[str, Sequence[PathPart]] = {}
    problems = []
    for value, path in items:
        if value in first:
            line = source.problem(first[value], "").line
            problems.append(source.problem(path, f"duplicate {what} '{value}' (first used on line {line})"))
        else:
            first[value] = path
    return problems


def check_catalogues(files: Sequence[Loaded[CatalogueFile]]) -> list[Problem]:
    """Check ids are unique across all catalogue files and every reference resolves."""
    problems: list[Problem] = []
    owners: dict[str, Problem] = {}  # id -> where it was first defined
    groups = {g.id for f in files for g in f.model.groups}
    asks = {a.id for f in files for a in f.model.asks}
    for loaded in files:
        source, model = loaded.source, loaded.model
        entries = [(g.id, ("groups", i, "id"), "group") for i, g in enumerate(model.groups)]
        entries += [(a.id, ("asks", i, "id"), "ask") for i, a in enumerate(model.asks)]
        for value, path, what in entries:
            here = source.problem(path, "")
            if (first := owners.get(f"{what}:{value}")) is not None:
                where = f"{first.file}:{first.line}" if first.file != here.file else f"line {first.line}"
                problems.append(source.problem(path, f"{what} id '{value}' is already used ({where})"))
            else:
                owners[f"{what}:{value}"] = here
        for i, ask in enumerate(model.asks):
            if ask.group not in groups:
                hint = did_you_mean(ask.group, groups)
                problems.append(source.problem(("asks", i, "group"), f"unknown group '{ask.group}'{hint}"))
            for j, other in enumerate(ask.supports):
                if other not in asks:
                    hint = did_you_mean(other, asks)
                    problems.append(source.problem(("asks", i, "supports", j), f"unknown ask '{other}'{hint}"))
            problems += _duplicates(
                source,
                ((p.lens, ("asks", i, "lenses", k, "lens")) for k, p in enumerate(ask.lenses)),
                "lens",
            )
    return problems


def check_timeline(data: Any, source: Source) -> list[Problem]:
    """Check milestone ids are unique; periods, rules and stages name real milestones and never loop back;
    a milestone has one rule at most; and each date of a paper fills one milestone at most."""
    timeline = _view(data, TimelineData) or TimelineData()
    milestones = _list(timeline.get("milestones"), MilestoneData)
    ids = [(m_id, ("milestones", i, "id")) for i, m in milestones if (m_id := _text(m.get("id"))) is not None]
    problems = _duplicates(source, ids, "milestone id")
    known = {m_id for m_id, _ in ids}
    periods = _list(timeline.get("periods"), PeriodData)
    rules = _list(timeline.get("rules"), RuleData)
    links: list[tuple[str, str, list[tuple[int, PeriodData]] | list[tuple[int, RuleData]]]] = [
        ("periods", "period", periods),
        ("rules", "rule", rules),
    ]
    for key, what, items in links:
        for i, item in items:
            for end, value in (("from", _text(item.get("from"))), ("to", _text(item.get("to")))):
                if value is not None and value not in known:
                    hint = did_you_mean(value, known)
                    problems.append(source.problem((key, i, end), f"unknown milestone '{id_code(value)}'{hint}"))
        ends = [(i, _text(item.get("from")), _text(item.get("to"))) for i, item in items]
        problems += _loops(source, key, what, ends)
    for i, milestone in milestones:
        stage = _text(milestone.get("stage"))
        if stage is not None and stage not in known:
            hint = did_you_mean(stage, known)
            problems.append(source.problem(("milestones", i, "stage"), f"unknown milestone '{stage}'{hint}"))
    targets = [(to, ("rules", i, "to")) for i, rule in rules if (to := _text(rule.get("to"))) is not None]
    problems += _duplicates(source, targets, "rule for milestone")
    problems += [problem for i, rule in rules if (problem := _shorter(source, i, rule)) is not None]
    papers = []
    for i, milestone in milestones:
        paper = _view(milestone.get("document_date"), DocumentDateData)
        kind, field = (_text(paper.get("kind")), _text(paper.get("field"))) if paper is not None else (None, None)
        if kind is not None and field is not None:
            papers.append((f"{kind} {field}", ("milestones", i, "document_date")))
    problems += _duplicates(source, papers, "document date")
    return problems


def _loops(source: Source, key: str, what: str, items: list[tuple[int, str | None, str | None]]) -> list[Problem]:
    """A problem for each period or rule that closes a loop (a to b, then b back to a).

    Each link is added in file order; one that leads back to where it starts is reported at its
    `to` and left out, so every loop is reported once.
    """
    forward: dict[str, list[str]] = {}
    problems = []
    for i, start, end in items:
        if start is None or end is None:
            continue
        path = _path(forward, end, start)
        if path is None:
            forward.setdefault(start, []).append(end)
            continue
        loop = " -> ".join([start, *path])
        problems.append(
            source.problem(
                (key, i, "to"),
                f"this {what} from '{start}' to '{end}' makes a loop ({loop}); {what}s must lead forward in time",
            )
        )
    return problems


def _path(forward: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The milestones from `start` to `goal` following the links, or None if there is no way."""
    came_from: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        here = queue.pop(0)
        if here == goal:
            path = [here]
            while (previous := came_from[path[-1]]) is not None:
                path.append(previous)
            return path[::-1]
        for there in forward.get(here, []):
            if there not in came_from:
                came_from[there] = here
                queue.append(there)
    return None


def _shorter(source: Source, index: int, rule: RuleData) -> Problem | None:
    """A problem when a rule's `at_most` is shorter than its `at_least`."""
    at_least, at_most = _text(rule.get("at_least")), _text(rule.get("at_most"))
    if at_least is None or at_most is None:
        return None
    try:
        least, most = Duration.parse(at_least), Duration.parse(at_most)
    except ValueError:  # the schema reports it
        return None
    # Weeks and months only compare on a calendar; one fixed day is enough to catch a swapped pair.
    reference = dt.date(2001, 1, 1)
    ends = []
    for field, duration in (("at_least", least), ("at_most", most)):
        try:
            ends.append(duration.after(reference))
        except (OverflowError, ValueError):  # past the year 9999, where the calendar ends
            message = f"{field} '{duration}' is too long: counted from a date it runs past the year 9999"
            return source.problem(("rules", index, field), message)
    if ends[1] >= ends[0]:
        return None
    return source.problem(
        ("rules", index, "at_most"), f"at_most '{most}' is shorter than at_least '{least}'; swap them or fix one"
    )


def check_document(data: Any, source: Source, catalogue: Catalogue) -> list[Problem]:
    """Check proposal ids are unique and every link names an ask or lens point in the catalogue."""
    document = _view(data, DocumentData) or DocumentData()
    proposals = _list(document.get("proposals"), ProposalData)
    # Ids as the model keeps them, without surrounding spaces: "1" and " 1 " are the same id.
    ids = [(p_id, ("proposals", i, "id")) for i, p in proposals if (p_id := _stripped(p.get("id"))) is not None]
    problems = _duplicates(source, ids, "proposal id")
    problems += [source.problem(path, _hidden_in_id(value)) for value, path in ids if has_hidden_in_id(value)]
    targets = catalogue.target_index()
    asks = {ask.id: ask for ask in catalogue.asks}
    for i, proposal in proposals:
        named = [
            (j, ask)
            for j, link in _list(proposal.get("responds_to"), LinkData)
            if (ask := _stripped(link.get("ask"))) is not None
        ]
        if all(ask in targets for _, ask in named) and len({ask for _, ask in named}) == len(named):
            continue  # the usual case, found without making a place for each link
        links = [(ask, ("proposals", i, "responds_to", j, "ask")) for j, ask in named]
        problems += [
            source.problem(path, _unknown_target(ask, asks, targets)) for ask, path in links if ask not in targets
        ]
        problems += _duplicates(source, links, "link to")
    info = _view(document.get("document"), DocumentInfoData) or DocumentInfoData()
    problems += _declared_groups(info, source, catalogue, proposals)
    problems += _assessment_date(document, source)
    url = _text(info.get("url"))
    if url and not _WEB_ADDRESS.match(url):
        # A statement makes it a link; `javascript:` there would run in the reader's browser.
        message = f"'{url}' is not a web address: start it with https:// (or http://)"
        problems.append(source.problem(("document", "url"), message))
    return problems


def _assessment_date(document: DocumentData, source: Source) -> list[Problem]:
    """An assessment cannot have been made after today."""
    assessment = _view(document.get("assessment"), AssessmentData) or AssessmentData()
    text = _text(assessment.get("date"))
    if text is None:
        return []
    try:
        date = FuzzyDate.parse(text)
    except ValueError:
        return []  # the schema says why
    today = dt.date.today()
    if date.start <= today:
        return []
    message = (
        f"the assessment's date {text} is after today ({today.isoformat()}): give the day it was written or agreed"
    )
    return [source.problem(("assessment", "date"), message)]


def check_agreed_is_complete(data: Any, source: Source) -> list[Problem]:
    """An assessment published as agreed must have judged every proposal."""
    document = _view(data, DocumentData) or DocumentData()
    assessment = _view(document.get("assessment"), AssessmentData)
    if assessment is None or _text(assessment.get("status")) != "agreed":
        return []
    proposals = _list(document.get("proposals"), ProposalData)
    missing = [str(p.get("id", i + 1)) for i, p in proposals if not p.get("responds_to")]
    if not missing:
        return []
    message = (
        f"the assessment says 'agreed', but {count(len(missing), 'proposal')} {_have(len(missing))} no assessment "
        f"yet ({_listed(missing)}): assess them, or set the status to draft"
    )
    return [source.problem(("assessment", "status"), message)]


def unassessed_problem(loaded: Loaded[Document]) -> Problem | None:
    """A warning naming the proposals with no assessment yet, at the first of them; None if all are assessed."""
    proposals = loaded.model.proposals
    missing = [(i, p.id) for i, p in enumerate(proposals) if not p.responds_to]
    if not missing:
        return None
    ids = [proposal_id for _, proposal_id in missing]
    message = (
        f"warning: {count(len(ids), 'proposal')} of {len(proposals):,} {_have(len(ids))} no assessment yet "
        f"({_listed(ids)}); what is said about this paper is incomplete until they are assessed"
    )
    return loaded.source.problem(("proposals", missing[0][0], "id"), message)


def _have(n: int) -> str:
    return "has" if n == 1 else "have"


def _listed(ids: Sequence[str], most: int = 10) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most:,} more" if len(ids) > most else "")


_WEB_ADDRESS = re.compile(r"https?://[^\s]+$", re.IGNORECASE)


def _hidden_in_id(value: str) -> str:
    # Control and invisible characters (zero-width spaces, direction marks, soft hyphens, variation
    # selectors): pasted in by accident, they make two ids that print the same count as different.
    return f"the id '{id_code(value)}' has an invisible or control character in it; type the id again"


def _unknown_target(name: str, asks: Mapping[str, object], targets: Mapping[str, object]) -> str:
    ask_id, _, lens = name.partition("/")
    ask = asks.get(ask_id)
    if lens and ask is not None:
        points = [t.rpartition("/")[2] for t in targets if t.startswith(ask_id + "/")]
        if not points:
            return f"'{ask_id}' has no lens points, so '{name}' does not exist; link to '{ask_id}' itself"
        hint = did_you_mean(lens, points)
        return f"'{lens}' is not a lens point of '{ask_id}'{hint}; use one of {', '.join(points)}"
    return f"unknown ask '{id_code(name)}'{did_you_mean(name, targets)}"


def _declared_groups(
    info: DocumentInfoData, source: Source, catalogue: Catalogue, proposals: list[tuple[int, ProposalData]]
) -> list[Problem]:
    """Check `document.catalogue` names groups in use, and that no link goes outside them."""
    declared = info.get("catalogue")
    if not isinstance(declared, list):
        return []
    groups = [g.id for g in catalogue.groups]
    named = [(g, ("document", "catalogue", k)) for k, g in enumerate(declared) if isinstance(g, str)]
    problems = _duplicates(source, named, "group")
    unknown = [
        source.problem(path, f"unknown group of asks '{id_code(g)}'{did_you_mean(g, groups)}")
        for g, path in named
        if g not in groups
    ]
    if unknown or not named:
        return problems + unknown
    covered = {g for g, _ in named}
    group_of = {ask.id: ask.group for ask in catalogue.asks}
    for i, proposal in proposals:
        for j, link in _list(proposal.get("responds_to"), LinkData):
            ask = _text(link.get("ask"))
            group = group_of.get(ask.partition("/")[0]) if ask is not None else None
            if group is not None and group not in covered:
                message = f"'{ask}' is in the group '{group}', which document.catalogue leaves out; add the group there"
                problems.append(source.problem(("proposals", i, "responds_to", j, "ask"), message))
    return problems


def check_follows(data: Any, source: Source, old_ids: Iterable[str], old_name: str) -> list[Problem]:
    """Check every `follows:` names a proposal of the previous paper, and none is followed twice."""
    known = list(old_ids)
    first: dict[str, Sequence[PathPart]] = {}
    problems = []
    document = _view(data, DocumentData) or DocumentData()
    for i, proposal in _list(document.get("proposals"), ProposalData):
        value = _text(proposal.get("follows"))
        if value is None or not value.strip():
            continue
        value, path = value.strip(), ("proposals", i, "follows")
        if value not in known:
            message = f"no proposal '{id_code(value)}' in {old_name}{did_you_mean(value, known)}"
            problems.append(source.problem(path, message))
        elif value in first:
            line = source.problem(first[value], "").line
            message = (
                f"proposal '{value}' of {old_name} is already followed on line {line}; only one proposal can follow it"
            )
            problems.append(source.problem(path, message))
        else:
            first[value] = path
    return problems


def check_same_catalogue(old: Loaded[Document], new: Loaded[Document], groups: Sequence[str]) -> list[Problem]:
    """Check two papers were assessed against the same groups of asks (`document.catalogue`).

    A paper that does not say is taken to cover every group in use.
    """
    old_groups = set(old.model.document.catalogue or groups)
    new_groups = set(new.model.document.catalogue or groups)
    if old_groups == new_groups:
        return []
    order = [*groups, *sorted((old_groups | new_groups) - set(groups))]
    only_new = [g for g in order if g in new_groups - old_groups]
    only_old = [g for g in order if g in old_groups - new_groups]
    parts = [f"{', '.join(only_new)} only in {new.source.name}"] if only_new else []
    parts += [f"{', '.join(only_old)} only in {old.source.name}"] if only_old else []
    here, other = (new, old) if new.model.document.catalogue else (old, new)
    message = (
        f"assessed against different asks from {other.source.name} ({'; '.join(parts)}); "
        "a diff needs both papers held against the same asks: give them the same 'catalogue:'"
    )
    return [here.source.problem(("document", "catalogue"), message)]


# A phrase is words of letters, digits, apostrophes or hyphens; a word may end in `*`.
_PHRASE = re.compile(r"[\w'\u2019-]+\*?(?:\s+[\w'\u2019-]+\*?)*")


def check_commitments(data: Any, source: Source) -> list[Problem]:
    """Check a commitments file's phrases are well formed and each is listed once."""
    from sendreview.models.commitments import LEVELS

    commitments = _view(data, CommitmentsData) or CommitmentsData()
    strengths = _view(commitments.get("strengths"), dict) or {}
    # The levels are the strengths' fields, named by the model's own list.
    lists: list[tuple[str, tuple[PathPart, ...], object]] = [
        (level, ("strengths", level), strengths.get(level)) for level in LEVELS
    ]
    lists += [
        ("negations", ("negations",), commitments.get("negations")),
        ("deadlines", ("deadlines",), commitments.get("deadlines")),
    ]
    seen: dict[str, tuple[str, tuple[PathPart, ...]]] = {}
    problems = []
    for name, path, items in lists:
        if not isinstance(items, list):
            continue
        for k, phrase in enumerate(items):
            if not isinstance(phrase, str):
                continue
            where = (*path, k)
            if not _PHRASE.fullmatch(phrase.strip()):
                message = (
                    f"'{phrase}' is not a phrase: use words (letters, digits, apostrophes, hyphens),"
                    " with * at the end of a word to match any ending"
                )
                problems.append(source.problem(where, message))
                continue
            key = ("deadline " if name == "deadlines" else "") + " ".join(phrase.lower().split())
            if key in seen:
                first_name, first_path = seen[key]
                line = source.problem(first_path, "").line
                problems.append(source.problem(where, f"'{phrase}' is already listed under {first_name} (line {line})"))
            else:
                seen[key] = (name, where)
    return problems


def check_vocabulary(data: Any, source: Source, catalogue: Catalogue | None = None) -> list[Problem]:
    """Check a vocabulary file: paper ids unique, every list names a listed paper (and, given a
    catalogue, an ask in it), and no term listed twice for one ask."""
    vocabulary = _view(data, VocabularyData) or VocabularyData()
    papers = _list(vocabulary.get("papers"), PaperData)
    ids = [(pid, ("papers", i, "id")) for i, p in papers if (pid := _stripped(p.get("id"))) is not None]
    problems = _duplicates(source, ids, "paper id")
    known = {pid for pid, _ in ids}
    asks = {ask.id: ask for ask in catalogue.asks} if catalogue is not None else None
    seen: dict[tuple[str, str], tuple[PathPart, ...]] = {}
    for i, item in _list(vocabulary.get("terms"), TermsData):
        paper = _stripped(item.get("paper"))
        if paper is not None and paper not in known:
            message = f"unknown paper '{paper}': list it under papers first{did_you_mean(paper, known)}"
            problems.append(source.problem(("terms", i, "paper"), message))
        ask = _stripped(item.get("ask"))
        if ask is not None and asks is not None and ask not in asks:
            problems.append(source.problem(("terms", i, "ask"), f"unknown ask '{ask}'{did_you_mean(ask, asks)}"))
        terms = item.get("terms")
        if ask is None or not isinstance(terms, list):
            continue
        for k, term in enumerate(terms):
            if not isinstance(term, str) or not term.strip():
                continue
            key = (ask, " ".join(term.lower().split()))
            where: tuple[PathPart, ...] = ("terms", i, "terms", k)
            if key in seen:
                line = source.problem(seen[key], "").line
                problems.append(source.problem(where, f"'{term}' is already listed for {ask} (line {line})"))
            else:
                seen[key] = where
    return problems


def check_consultation(data: Any, source: Source) -> list[Problem]:
    """Check question numbers and scale ids are unique, each scale has the labels its kind needs,
    every question's scale is in `scales:`, and word limits are 1 or more."""
    from sendreview.models.consultation import AGREEMENT_LABELS, YES_NO_LABELS

    consultation = _view(data, ConsultationData) or ConsultationData()
    scales = _list(consultation.get("scales"), ScaleData)
    scale_ids = [(s_id, ("scales", i, "id")) for i, s in scales if (s_id := _text(s.get("id"))) is not None]
    problems = _duplicates(source, scale_ids, "scale id")
    wanted = {"agreement": (AGREEMENT_LABELS, "most agreeing first"), "yes-no": (YES_NO_LABELS, "yes, no, not sure")}
    for i, scale in scales:
        labels = scale.get("labels")
        kind = _text(scale.get("kind"))
        if not isinstance(labels, list) or kind not in wanted:
            continue  # the schema says what is wrong
        count, order = wanted[kind]
        if len(labels) != count:
            have = "no labels" if not labels else f"{len(labels)} label{'s' if len(labels) != 1 else ''}"
            message = f"a {kind} scale needs {count} labels ({order}); this one has {have}"
            problems.append(source.problem(("scales", i, "labels"), message))
    known = {s_id for s_id, _ in scale_ids}
    questions = _list(consultation.get("questions"), QuestionData)
    numbers = []
    for i, question in questions:
        number = question.get("number")
        if isinstance(number, str) and number.strip().isdigit():
            numbers.append((str(int(number)), ("questions", i, "number")))
        scale_id = _text(question.get("scale"))
        if scale_id is not None and scale_id not in known:
            listed = f"; scales in this file: {', '.join(sorted(known))}" if known else ""
            hint = did_you_mean(scale_id, known) or listed
            problems.append(source.problem(("questions", i, "scale"), f"unknown scale '{scale_id}'{hint}"))
        limit = question.get("word_limit")
        if isinstance(limit, str) and re.fullmatch(r"\s*[-+]?\d+\s*", limit) and int(limit) < 1:
            message = f"word_limit must be 1 or more (got {int(limit)}); leave it out if the answer has no limit"
            problems.append(source.problem(("questions", i, "word_limit"), message))
    problems += _duplicates(source, numbers, "question number")
    return problems


def question_link_problems(consultation: Loaded[Any], document: Loaded[Document]) -> list[Problem]:
    """Warnings for links that lead nowhere: a question's proposal id the paper does not have,
    and a proposal's `question:` that names no question number or topic of the consultation."""
    ids = [p.id for p in document.model.proposals]
    known_ids = set(ids)
    problems = []
    named = [(i, j, p) for i, q in enumerate(consultation.model.questions) for j, p in enumerate(q.proposals)]
    if named and not any(p in known_ids for _, _, p in named):
        # Another paper, or another forum's numbering: one warning says it all.
        i, j, _ = named[0]
        message = (
            f"warning: none of the proposal ids these questions name are in {document.source.name}; link its "
            "proposals to questions with 'question: NUMBER' or 'question: TOPIC'"
        )
        named, problems = [], [consultation.source.problem(("questions", i, "proposals", j), message)]
    for i, asked in enumerate(consultation.model.questions):
        if not named:
            break
        for j, proposal in enumerate(asked.proposals):
            if proposal not in known_ids:
                hint = did_you_mean(proposal, ids)
                message = (
                    f"warning: question {asked.number} asks about proposal '{proposal}', which "
                    f"{document.source.name} does not have{hint}"
                )
                problems.append(consultation.source.problem(("questions", i, "proposals", j), message))
    refs = {str(q.number) for q in consultation.model.questions}
    refs |= {t for q in consultation.model.questions for t in q.topics}
    for i, proposal in enumerate(document.model.proposals):
        if proposal.question is not None and proposal.question not in refs:
            hint = did_you_mean(proposal.question, refs)
            message = (
                f"warning: 'question: {proposal.question}' names no question number or topic of "
                f"{consultation.source.name}{hint}"
            )
            problems.append(document.source.problem(("proposals", i, "question"), message))
    return problems
