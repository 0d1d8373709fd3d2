"""Sentences with figures for a statement, from `evidence --format json` and `aggregate --format json`.

The rule for wording a share and its interval (`wording.percent`, `wording.percent_range`): a whole
per cent rounded half up, with a space before the sign ("82 %"), never "0 %" or "100 %" unless
exactly none or all ("less than 1 %", "more than 99 %"); the 95 % interval follows in brackets
with an en dash between the ends. A survey sentence gives the larger of support and opposition
first, then the other; a suppressed figure (fewer than 10 answers) gives no sentence at all. A
network sentence counts the forums that gave a stance on that proposal and ask, not all forums.
Figures that are not agreed say so in the sentence itself, since a sentence can be copied alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from sendreview.analysis.evidence import QuestionResult
from sendreview.analysis.network import LinkResult
from sendreview.analysis.result import Result
from sendreview.in_words import count_of, percent, percent_range
from sendreview.models.document import AssessmentStatus, Stance

VERBS: dict[Stance, str] = {"agree": "agree with it", "partly": "partly agree with it", "disagree": "disagree with it"}


class SurveyFigures(Result):
    """What a statement reads from `evidence --format json`."""

    title: str
    by: str | None = None
    status: AssessmentStatus
    respondents_word: str = "parents"
    questions: tuple[QuestionResult, ...]


class NetworkFigures(Result):
    """What a statement reads from `aggregate --format json`."""

    document_title: str
    status: AssessmentStatus
    links: tuple[LinkResult, ...]


def _caveat(status: AssessmentStatus, what: str) -> str:
    if status == "illustrative":
        return f" (illustrative {what}, not real ones)"
    if status == "draft":
        return f" (draft {what}, not yet agreed)"
    return ""


def survey_sentence(question: QuestionResult, survey: SurveyFigures, organisation: str) -> str | None:
    """'In our survey of 1,234 parents, 82 % (80 to 84 %) opposed X and 12 % (10 to 14 %) supported it',
    with en dashes in the intervals."""
    figures = question.all
    if figures.suppressed or figures.n is None or figures.support is None or figures.oppose is None:
        return None
    ours = not survey.by or survey.by.casefold() == organisation.casefold()
    whose = "our survey" if ours else f"a survey by {survey.by}"
    parts = [("opposed", figures.oppose), ("supported", figures.support)]
    if figures.support.count > figures.oppose.count:
        parts.reverse()
    (first_verb, first), (second_verb, second) = parts
    return (
        f"In {whose} of {figures.n:,} {survey.respondents_word}, {percent(first.share)}"
        f" ({percent_range(first.low, first.high)}) {first_verb} {question.about} and {percent(second.share)}"
        f" ({percent_range(second.low, second.high)}) {second_verb} it{_caveat(survey.status, 'figures')}."
    )


def network_sentence(link: LinkResult, stance: Stance, status: AssessmentStatus) -> str | None:
    """'Across the network, 96 of 120 forums (80 %) that assessed it against "X" disagree with it.'"""
    tally = link.all
    if tally.assessed == 0:
        return None
    count = {"agree": tally.agree, "partly": tally.partly, "disagree": tally.disagree}[stance]
    return (
        f"Across the network, {count_of(count, tally.assessed, 'forums')} that assessed it against"
        f" “{link.ask_title}” {VERBS[stance]}{_caveat(status, 'assessments')}."
    )


class Figures:
    """The sentences for one statement: each survey sentence placed once, under the first point that
    shows its proposal; network sentences under each point, for the asks and stance that put it there."""

    def __init__(
        self,
        survey: SurveyFigures | None,
        network: NetworkFigures | None,
        organisation: str,
    ) -> None:
        self.survey_sentences: dict[str, list[str]] = {}
        if survey is not None:
            for question in survey.questions:
                if question.proposal and (sentence := survey_sentence(question, survey, organisation)):
                    self.survey_sentences.setdefault(question.proposal, []).append(sentence)
        self.network = network
        self.links = {(link.proposal, link.ask): link for link in network.links} if network else {}
        self.placed: set[str] = set()

    def for_point(self, proposal: str, stance: Stance, asks: Iterable[str]) -> tuple[str, ...]:
        """The sentences to show under one proposal in one section."""
        found: list[str] = []
        if proposal not in self.placed:
            found += self.survey_sentences.get(proposal, [])
            self.placed.add(proposal)
        if self.network is not None:
            for ask in asks:
                link = self.links.get((proposal, ask))
                if link is not None and (sentence := network_sentence(link, stance, self.network.status)):
                    found.append(sentence)
        return tuple(found)

    def elsewhere(self) -> tuple[str, ...]:
        """Survey sentences whose proposal appears under no heading (not assessed, say)."""
        return tuple(s for pid, sentences in self.survey_sentences.items() if pid not in self.placed for s in sentences)
