"""Commitment strength: each level, the phrases that decide it, negation, dates, deadlines, and the
phrase lists as data a forum can extend."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sendreview.analysis.strength import Lexicon, Strength, commitment_strength, proposal_strength
from sendreview.api import load_commitments
from sendreview.errors import SendReviewError
from sendreview.models.commitments import CommitmentsFile, Strengths
from sendreview.models.dates import FuzzyDate
from sendreview.models.document import Proposal

LEXICON = load_commitments()


def strength(text: str, published: str | None = None) -> Strength:
    return commitment_strength(text, LEXICON, published=FuzzyDate.parse(published) if published else None)


@pytest.mark.parametrize(
    ("text", "level", "phrases"),
    [
        ("Councils must publish a local offer.", "duty", ("must",)),
        ("We will legislate for national standards.", "duty", ("will legislate",)),
        ("National SEND standards, set in law, for ages 0 to 25.", "duty", ("set in law",)),
        ("A statutory framework for pupil movements.", "duty", ("statutory",)),
        ("Schools will be required to publish data.", "duty", ("required to",)),
        ("The government will publish the standards.", "commitment", ("will",)),
        ("Partnerships shall meet each term.", "commitment", ("shall",)),
        ("We plan to introduce a new template.", "intention", ("plan to",)),
        ("The department aims to reduce waits.", "intention", ("aims to",)),
        ("We expect to see fewer appeals.", "intention", ("expect to",)),
        ("Councils would draw up a list.", "intention", ("would",)),
        ("We will consider the case for change.", "exploration", ("will consider",)),
        ("We will explore options.", "exploration", ("will explore",)),
        ("Start testing a tailored list.", "exploration", ("testing",)),
        ("Regional partnerships will pilot the approach.", "exploration", ("will pilot",)),
        ("We will scope a new approach.", "exploration", ("will scope",)),
        ("We will consult on the detail.", "exploration", ("will consult on",)),
        ("Councils may choose to do so.", "exploration", ("may",)),
        ("Support for apprenticeships and the route after 16.", "none", ()),
    ],
)
def test_each_level_and_the_phrases_that_decided_it(text: str, level: str, phrases: tuple[str, ...]) -> None:
    result = strength(text)
    assert result.level == level
    assert result.phrases == phrases


def test_the_strongest_level_found_wins_and_every_phrase_is_kept() -> None:
    result = strength("We will consider this, and councils must then act; we plan to review it.")
    assert result.level == "duty"
    assert result.phrases == ("must",)
    assert [(f.text, f.level) for f in result.found] == [
        ("will consider", "exploration"),
        ("must", "duty"),
        ("plan to", "intention"),
    ]


def test_longer_phrases_use_up_their_words() -> None:
    assert strength("We will legislate.").found[0].text == "will legislate"
    assert [f.text for f in strength("Councils would have to act.").found] == ["would", "have to"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("We will start testing the list in 2023.", "will start testing"),
        ("We would then consider it.", "would then consider"),
        ("Councils must consider the evidence.", "must consider"),
    ],
)
def test_a_phrase_followed_closely_by_a_weaker_one_takes_its_level(text: str, phrase: str) -> None:
    result = strength(text)
    assert (result.level, result.phrases) == ("exploration", (phrase,))


def test_a_stronger_phrase_after_a_weaker_one_does_not_join_it() -> None:
    result = strength("We will require councils to act.")
    assert (result.level, result.phrases) == ("duty", ("will require",))
    assert [f.level for f in strength("We would need them, and then they must act.").found] == [
        "intention",
        "duty",
    ]


def test_matching_ignores_case_and_needs_whole_words() -> None:
    assert strength("WE WILL DELIVER IT").level == "commitment"
    assert strength("Willing partners and a mustard seed.").level == "none"


def test_a_star_matches_any_ending() -> None:
    assert strength("Pilots ran in 2022.").phrases == ("Pilots",)
    assert strength("It was tested with families.").phrases == ("tested",)


@pytest.mark.parametrize(
    ("text", "level", "negated"),
    [
        ("Mediation will not be mandatory.", "none", ("will not be mandatory",)),
        ("Tested rather than made statutory.", "exploration", ("rather than made statutory",)),
        ("There will be no new duty on schools.", "commitment", ("no new duty",)),
        ("It is not now, but statutory later.", "duty", ()),  # a comma ends what "not" reaches
        ("We do not think so, and will act.", "commitment", ()),
        ("Not in this paper: we may look at it in the end.", "exploration", ()),  # "may" is four words on
    ],
)
def test_a_negation_cancels_the_next_phrase_in_its_clause(text: str, level: str, negated: tuple[str, ...]) -> None:
    result = strength(text)
    assert result.level == level
    assert result.negated == negated


@pytest.mark.parametrize("text", ["Responses by 18 May 2026.", "The consultation closes in May 2026.", "Due 3 may"])
def test_the_month_of_may_is_not_the_word_may(text: str) -> None:
    assert strength(text).level == "none"


@pytest.mark.parametrize(
    ("text", "phrase", "date"),
    [
        ("Publish a significant proportion by the end of 2025.", "by the end of 2025", "2025"),
        ("Reformed templates by 2025.", "by 2025", "2025"),
        ("Digital ISPs from September 2029.", "from September 2029", "September 2029"),
        ("Engagement in spring 2023 to develop standards.", "in spring 2023", "spring 2023"),
        ("A call for evidence by summer 2022.", "by summer 2022", "summer 2022"),
        ("A report before 2 March 2027.", "before 2 March 2027", "2 March 2027"),
        ("Views until 18 May 2026.", "until 18 May 2026", "18 May 2026"),
    ],
)
def test_a_dated_deadline_is_found(text: str, phrase: str, date: str) -> None:
    result = strength(text, published="2022-03-29")
    assert result.deadline is not None
    assert (result.deadline.phrase, str(result.deadline.date)) == (phrase, date)
    assert result.deadline.date == FuzzyDate.parse(date)


@pytest.mark.parametrize(
    "text",
    [
        "£9bn for high needs in 2022-23.",  # a financial year, not a date
        "The Children and Families Act 2014 still applies.",  # a year with no deadline word
        "The principles set in 2014 were right.",  # before the paper was published: history
        "Decided by next 2025.",  # not a date FuzzyDate can read
    ],
)
def test_no_deadline_where_there_is_none(text: str) -> None:
    assert strength(text, published="2022-03-29").deadlines == ()


def test_the_latest_deadline_is_the_one_compared() -> None:
    result = strength("Engagement during spring 2023; publish by the end of 2025; start testing in 2023.")
    assert [d.phrase for d in result.deadlines] == ["during spring 2023", "by the end of 2025", "in 2023"]
    assert result.deadline is not None and result.deadline.phrase == "by the end of 2025"


def test_the_commitment_text_is_read_instead_of_the_summary() -> None:
    proposal = Proposal(
        id="1",
        title="Mediation",
        summary="Families would have to go through mediation.",
        commitment="Mediation tested through the Change Programme.",
    )
    assert proposal_strength(proposal, LEXICON).level == "exploration"
    assert proposal_strength(proposal.model_copy(update={"commitment": ""}), LEXICON).level == "duty"


def test_a_later_file_extends_and_overrides_the_phrase_lists() -> None:
    bundled = commitment_strength("We may fund it, and we endeavour to act.", LEXICON)
    assert bundled.level == "exploration"
    forum = CommitmentsFile(strengths=Strengths(intention=("may",), commitment=("endeavour to",)))
    extended = commitment_strength("We may fund it, and we endeavour to act.", Lexicon.from_files([*_bundled(), forum]))
    assert extended.level == "commitment"
    assert [(f.text, f.level) for f in extended.found] == [("may", "intention"), ("endeavour to", "commitment")]


def _bundled() -> list[CommitmentsFile]:
    from sendreview.api import BUNDLED_COMMITMENTS
    from sendreview.loading import load_file
    from sendreview.resources import bundled_path

    return [load_file(bundled_path(BUNDLED_COMMITMENTS), CommitmentsFile).model]


def test_a_forum_file_is_used_through_the_api(tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text("strengths:\n  commitment: [endeavour to]\n", encoding="utf-8")
    assert commitment_strength("We endeavour to act.", load_commitments(path)).level == "commitment"


def test_a_broken_phrase_file_reports_every_problem_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            strengths:
              duty: [must, "(must)"]
              comitment: [will]
              exploration: [te*st, may]
            negations: [may]
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(SendReviewError) as caught:
        load_commitments(path)
    assert caught.value.text.splitlines() == [
        f"{path}:2:16: '(must)' is not a phrase: use words (letters, digits, apostrophes, hyphens),"
        " with * at the end of a word to match any ending",
        f"{path}:3:3: unknown field 'comitment' (did you mean 'commitment'?)",
        f"{path}:4:17: 'te*st' is not a phrase: use words (letters, digits, apostrophes, hyphens),"
        " with * at the end of a word to match any ending",
        f"{path}:5:13: 'may' is already listed under exploration (line 4)",
    ]
