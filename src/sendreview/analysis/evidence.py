"""A survey export turned into evidence: shares with 95 % Wilson score intervals, broken down by who
answered, with small numbers suppressed and personal data taken out of every quote.

For each question, n counts the answers that give a view (support, opposition or neutral): not
blanks, and not "don't know" (counted on its own). The support and opposition shares are of n,
each with a 95 % Wilson score interval (z = 1.959964), which stays inside 0-100 % and behaves with
small or extreme counts where the textbook interval does not.

Small-number suppression: a group with fewer than 10 answers (n < 10) is shown as suppressed,
never as a figure; and when only one group of a breakdown is suppressed, the next smallest is too,
so that no suppressed figure can be worked out from the total and the others.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sendreview.analysis.result import Result
from sendreview.errors import Problem, SendReviewError
from sendreview.models.dates import FuzzyDate
from sendreview.models.document import AssessmentStatus
from sendreview.models.survey import Describe, Question, SurveyMap, answer_key
from sendreview.privacy import Guard

Z95 = 1.959963984540054
SUPPRESS_BELOW = 10
ALL = "all"
NOT_GIVEN = "not given"
MAX_QUOTES = 20  # kept per free-text column: quotes are examples, never the whole file
MAX_GROUPS = 200  # different values in one describing column; more is free text, not a group
MAX_UNKNOWN = 50  # different unknown answers remembered per question
MAX_PROBLEMS = 50
MAX_CACHE = 10_000  # distinct answers remembered per column


def wilson(count: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for `count` of `n` (n > 0)."""
    p = count / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


class Share(Result):
    """A count, its share of n, and the 95 % Wilson score interval."""

    count: int
    share: float
    low: float
    high: float


class Figures(Result):
    """One question's answers, for everyone or for one group; `suppressed` groups carry no figures."""

    group: str
    suppressed: bool
    n: int | None
    support: Share | None
    oppose: Share | None
    neutral: int | None
    dont_know: int | None


class Breakdown(Result):
    """One question's figures for each group of a describing column."""

    column: str
    label: str
    groups: tuple[Figures, ...]


class QuestionResult(Result):
    column: str
    about: str
    proposal: str | None
    all: Figures
    breakdowns: tuple[Breakdown, ...]


class Quote(Result):
    """A free-text answer as it may be quoted: personal data already taken out."""

    line: int
    text: str


class FreeTextResult(Result):
    column: str
    label: str
    answers: int
    # Answers in which the guard found (and took out) personal data.
    with_personal_data: int
    quotes: tuple[Quote, ...]


class Evidence(Result):
    """Everything `evidence` found: the JSON output's shape."""

    title: str
    by: str | None
    status: AssessmentStatus
    date: FuzzyDate | None
    label: str
    file: str
    respondents: int
    respondents_word: str
    confidence: float = 0.95
    suppress_below: int = SUPPRESS_BELOW
    quotes_shown: bool
    questions: tuple[QuestionResult, ...]
    free_text: tuple[FreeTextResult, ...]


def survey_words(survey: SurveyMap) -> str:
    """Whose survey and how far its figures are checked, in one sentence for every output."""
    info = survey.survey
    if info.status == "illustrative":
        return "Illustrative: example figures, not a real survey of parents or the views of any forum."
    if info.status == "draft":
        who = f" by {info.by}" if info.by else ""
        return f"Draft{who}: figures not yet checked and agreed."
    return f"Agreed by {info.by}." if info.by else "Agreed; the map does not say by whom."


@dataclass
class _Counts:
    support: int = 0
    oppose: int = 0
    neutral: int = 0
    dont_know: int = 0


@dataclass
class _Question:
    question: Question
    index: int
    known: dict[str, str]
    # Rows counted by (kind, group of each describing column): one increment per answer, split
    # into totals and groups at the end. Far faster than counting each breakdown as it comes.
    combos: Counter[tuple[str, ...]] = field(default_factory=Counter)
    # Each distinct answer as typed -> its kind (None: unknown); survey answers repeat a lot.
    read: dict[str, str | None] = field(default_factory=dict)
    unknown: dict[str, tuple[int, int]] = field(default_factory=dict)  # answer -> (first line, count)

    def kind(self, raw: str) -> str | None:
        found = self.read.get(raw, "")
        if found == "":
            found = self.known.get(answer_key(raw))
            if len(self.read) < MAX_CACHE:
                self.read[raw] = found
        return found

    def totals(self, column: int | None = None) -> dict[str, _Counts]:
        """The counts for everyone (key ALL), or for each group of one describing column."""
        found: dict[str, _Counts] = {}
        for (kind, *groups), count in self.combos.items():
            counts = found.setdefault(ALL if column is None else groups[column], _Counts())
            setattr(counts, kind, getattr(counts, kind) + count)
        return found


def tally(
    survey: SurveyMap,
    header: Sequence[str],
    rows: Iterable[tuple[int, list[str]]],
    *,
    name: str,
    map_name: str,
    quotes: bool = False,
) -> Evidence:
    """Count a survey's answers, one row at a time; the map's columns must be in `header` (checked before)."""
    where = {column: i for i, column in reversed(list(enumerate(header)))}
    questions = [_Question(q, where[q.column], q.answers()) for q in survey.questions]
    describe = [(d, where[d.column]) for d in survey.describe]
    tidy: list[dict[str, str]] = [{} for _ in describe]  # each group value as typed -> as counted
    free = [(f, where[f.column]) for f in survey.free_text]
    free_counts = [[0, 0] for _ in free]
    kept: list[list[Quote]] = [[] for _ in free]
    guard = Guard(survey.schools)
    id_index = where.get(survey.survey.respondent_id or "")
    seen_ids: dict[str, int] = {}
    problems: list[Problem] = []
    group_values: list[set[str]] = [set() for _ in describe]
    respondents = 0
    width = len(header)
    for line, cells in rows:
        respondents += 1
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        elif len(cells) > width and any(c.strip() for c in cells[width:]) and len(problems) < MAX_PROBLEMS:
            message = f"this row has {len(cells)} cells but the header has {width}: a comma in a cell without quotes?"
            problems.append(Problem(name, line, width + 1, message))
        if id_index is not None:
            rid = cells[id_index]
            if rid:
                if (first := seen_ids.get(rid)) is not None and len(problems) < MAX_PROBLEMS:
                    message = f"respondent id '{rid}' is here twice (first on line {first}): counted twice otherwise"
                    problems.append(Problem(name, line, id_index + 1, message))
                else:
                    seen_ids[rid] = line
        groups = []
        for number, (_, index) in enumerate(describe):
            raw = cells[index]
            value = tidy[number].get(raw)
            if value is None:
                value = " ".join(raw.split()) or NOT_GIVEN
                if value not in group_values[number]:
                    if len(group_values[number]) >= MAX_GROUPS:
                        column = describe[number][0].column
                        message = f"column '{column}' has over {MAX_GROUPS} different answers: it describes no groups"
                        raise SendReviewError([Problem(name, line, index + 1, message)])
                    group_values[number].add(value)
                tidy[number][raw] = value
            groups.append(value)
        for q in questions:
            raw = cells[q.index]
            if not raw or raw.isspace():
                continue
            kind = q.kind(raw)
            if kind is None:
                key = " ".join(raw.split())
                first_line, count = q.unknown.get(key, (line, 0))
                if key in q.unknown or len(q.unknown) < MAX_UNKNOWN:
                    q.unknown[key] = (first_line, count + 1)
                continue
            q.combos[(kind, *groups)] += 1
        for number, (_, index) in enumerate(free):
            text = cells[index].strip()
            if not text:
                continue
            redacted, found = guard.redact(text)
            free_counts[number][0] += 1
            free_counts[number][1] += bool(found)
            if quotes and len(kept[number]) < MAX_QUOTES:
                kept[number].append(Quote(line=line, text=redacted))
    for q in questions:
        problems += _unknown_problems(q, name, map_name)
    if problems:
        raise SendReviewError(problems)
    results = tuple(_result(q, describe, guard) for q in questions)
    return Evidence(
        title=survey.survey.title,
        by=survey.survey.by,
        status=survey.survey.status,
        date=survey.survey.date,
        label=survey_words(survey),
        file=name,
        respondents=respondents,
        respondents_word=survey.survey.respondents,
        quotes_shown=quotes,
        questions=results,
        free_text=tuple(
            FreeTextResult(
                column=f.column,
                label=f.label or f.column,
                answers=free_counts[number][0],
                with_personal_data=free_counts[number][1],
                quotes=tuple(kept[number]),
            )
            for number, (f, _) in enumerate(free)
        ),
    )


def _group_order(group: str) -> tuple[bool, list[tuple[int, str]]]:
    """Groups in natural order ('5-10' before '11-15'), 'not given' last."""
    parts = re.split(r"(\d+)", group.casefold())
    return group == NOT_GIVEN, [(int(p), "") if p.isdigit() else (-1, p) for p in parts if p]


def _unknown_problems(q: _Question, name: str, map_name: str) -> list[Problem]:
    from sendreview.errors import did_you_mean

    problems = []
    for answer, (line, count) in sorted(q.unknown.items(), key=lambda item: item[1][0]):
        times = f" ({count:,} rows)" if count > 1 else ""
        hint = did_you_mean(answer_key(answer), q.known)
        message = (
            f"'{answer}' in column '{q.question.column}'{times} is not an answer the map knows{hint}: add it under"
            f" support, oppose, neutral or dont_know for this question in {map_name}"
        )
        problems.append(Problem(name, line, q.index + 1, message))
    if len(q.unknown) >= MAX_UNKNOWN:
        problems.append(
            Problem(name, 1, q.index + 1, f"column '{q.question.column}' has many more answers the map does not know")
        )
    return problems[: MAX_PROBLEMS + 1]


def figures(counts: _Counts, group: str) -> Figures:
    """The figures for one set of counts, or a suppressed row if n is under the threshold."""
    n = counts.support + counts.oppose + counts.neutral
    if n < SUPPRESS_BELOW:
        return suppressed(group)
    return Figures(
        group=group,
        suppressed=False,
        n=n,
        support=_share(counts.support, n),
        oppose=_share(counts.oppose, n),
        neutral=counts.neutral,
        dont_know=counts.dont_know,
    )


def suppressed(group: str) -> Figures:
    return Figures(group=group, suppressed=True, n=None, support=None, oppose=None, neutral=None, dont_know=None)


def _share(count: int, n: int) -> Share:
    low, high = wilson(count, n)
    return Share(count=count, share=count / n, low=low, high=high)


def _result(q: _Question, describe: Sequence[tuple[Describe, int]], guard: Guard) -> QuestionResult:
    breakdowns = []
    for number, (column, _) in enumerate(describe):
        groups = q.totals(number)
        ns = {g: c.support + c.oppose + c.neutral for g, c in groups.items()}
        hidden = {g for g, n in ns.items() if n < SUPPRESS_BELOW}
        shown = sorted((g for g in ns if g not in hidden), key=lambda g: (ns[g], g))
        if len(hidden) == 1 and shown:
            hidden.add(shown[0])  # one hidden group could be worked out from the total: hide another
        ordered = sorted(groups, key=_group_order)
        breakdowns.append(
            Breakdown(
                column=column.column,
                label=column.label or column.column,
                groups=tuple(
                    suppressed(guard.redact(g)[0]) if g in hidden else figures(groups[g], guard.redact(g)[0])
                    for g in ordered
                ),
            )
        )
    question = q.question
    return QuestionResult(
        column=question.column,
        about=question.about or question.column,
        proposal=question.proposal,
        all=figures(q.totals().get(ALL, _Counts()), ALL),
        breakdowns=tuple(breakdowns),
    )
