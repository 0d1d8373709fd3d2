"""A survey map: which columns of a survey export answer which proposals, and how to read the answers."""

from __future__ import annotations

from typing import Literal

from sendreview.models.base import Model, NonEmptyText, Text
from sendreview.models.dates import FuzzyDate
from sendreview.models.document import AssessmentStatus, Name

Scale = Literal["agreement", "yes-no", "none"]

# The built-in scales, as read after `answer_key`: a five-point agreement scale (with the words
# survey tools commonly use for it), and yes/no. A question's own lists add to its scale.
SCALES: dict[str, dict[str, tuple[str, ...]]] = {
    "agreement": {
        "support": ("strongly agree", "agree", "tend to agree", "somewhat agree", "mostly agree"),
        "oppose": ("strongly disagree", "disagree", "tend to disagree", "somewhat disagree", "mostly disagree"),
        "neutral": ("neither agree nor disagree", "neither agree or disagree", "neither", "neutral"),
        "dont_know": ("don't know", "dont know", "do not know", "not sure", "unsure", "prefer not to say"),
    },
    "yes-no": {
        "support": ("yes",),
        "oppose": ("no",),
        "neutral": (),
        "dont_know": ("don't know", "dont know", "do not know", "not sure", "unsure", "prefer not to say"),
    },
    "none": {"support": (), "oppose": (), "neutral": (), "dont_know": ()},
}
ANSWER_KINDS = ("support", "oppose", "neutral", "dont_know")


def answer_key(text: str) -> str:
    """An answer as compared: any case, spaces squeezed, curly apostrophes straight."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").casefold().split())


class SurveyInfo(Model):
    """What the survey is, whose it is, and how far its figures are checked."""

    title: NonEmptyText
    by: Name | None = None
    # Draft until said otherwise, as with assessments: every output says so.
    status: AssessmentStatus = "draft"
    date: FuzzyDate | None = None
    # The column holding each respondent's id; a repeated id is refused.
    respondent_id: NonEmptyText | None = None
    # Who answered, in a sentence's words: "In our survey of 1,234 parents".
    respondents: NonEmptyText = "parents"


class Question(Model):
    """A column that answers a proposal (or any question), and how its answers count."""

    column: NonEmptyText
    # The proposal id this answers, so a statement can place the figures under it.
    proposal: NonEmptyText | None = None
    # What the answer is about, as it reads after "supported" or "opposed".
    about: NonEmptyText | None = None
    scale: Scale = "agreement"
    support: tuple[NonEmptyText, ...] = ()
    oppose: tuple[NonEmptyText, ...] = ()
    neutral: tuple[NonEmptyText, ...] = ()
    dont_know: tuple[NonEmptyText, ...] = ()

    def answers(self) -> dict[str, str]:
        """Each known answer (as `answer_key` gives it) and what it counts as."""
        known: dict[str, str] = {}
        for kind in ANSWER_KINDS:
            for answer in (*SCALES[self.scale][kind], *getattr(self, kind)):
                known[answer_key(answer)] = kind
        return known


class Describe(Model):
    """A column that describes respondents (region, age of child, type of setting), to break figures down by."""

    column: NonEmptyText
    label: NonEmptyText | None = None


class FreeText(Model):
    """A column of free-text answers: counted, and quoted only with --quotes, after the guard."""

    column: NonEmptyText
    label: NonEmptyText | None = None


class SurveyMap(Model):
    """A whole survey map file."""

    survey: SurveyInfo
    questions: tuple[Question, ...]
    describe: tuple[Describe, ...] = ()
    free_text: tuple[FreeText, ...] = ()
    # School names the guard takes out of any quoted text, as well as names, emails, phones, postcodes.
    schools: tuple[Text, ...] = ()
