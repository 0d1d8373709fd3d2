"""`diff`: verdict transitions, proposal matching, weakened commitments, red lines and chains, as
pure analysis on small papers built here."""

from __future__ import annotations

from typing import Any

import pytest

from sendreview.analysis.compare import Verdict
from sendreview.analysis.diff import (
    Diff,
    ProposalChange,
    Step,
    diff,
    failed_checks,
    verdict_change,
)
from sendreview.analysis.matching import match_proposals
from sendreview.analysis.words import title_similarity
from sendreview.api import load_catalogue, load_commitments
from sendreview.models.document import Document, DocumentInfo, Link, Proposal

CATALOGUE = load_catalogue()
LEXICON = load_commitments()


def proposal(pid: str, title: str, summary: str = "", links: dict[str, str] | None = None, **extra: Any) -> Proposal:
    responds_to = tuple(Link(ask=ask, stance=stance) for ask, stance in (links or {}).items())  # type: ignore[arg-type]
    return Proposal(id=pid, title=title, summary=summary, responds_to=responds_to, **extra)


def paper(*proposals: Proposal, published: str = "2022-03-29", kind: str = "green-paper") -> Document:
    info = DocumentInfo(title=f"Paper of {published}", kind=kind, published=published)  # type: ignore[arg-type]
    return Document(document=info, proposals=proposals)


def run(*papers: Document) -> Diff:
    return diff([(f"paper-{i}.yaml", p) for i, p in enumerate(papers)], CATALOGUE, LEXICON)


def only(step: Step, **where: str) -> ProposalChange:
    found = [
        change
        for change in step.proposals
        if all(
            (getattr(change, side) and getattr(change, side).id == pid)
            for side, pid in (("old", where.get("old")), ("new", where.get("new")))
            if pid is not None
        )
    ]
    assert len(found) == 1, found
    return found[0]


# --- better or worse for families ---------------------------------------------------------------

ORDER: list[Verdict] = ["opposed", "contested", "not-addressed", "partly-met", "met"]


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        ("met", "met", "unchanged"),
        ("met", "partly-met", "regressed"),
        ("met", "not-addressed", "regressed"),
        ("met", "contested", "regressed"),
        ("met", "opposed", "regressed"),
        ("partly-met", "met", "improved"),
        ("partly-met", "partly-met", "unchanged"),
        ("partly-met", "not-addressed", "regressed"),
        ("partly-met", "contested", "regressed"),
        ("partly-met", "opposed", "regressed"),
        ("not-addressed", "met", "improved"),
        ("not-addressed", "partly-met", "improved"),
        ("not-addressed", "not-addressed", "unchanged"),
        ("not-addressed", "contested", "regressed"),  # a harm appeared where there was silence
        ("not-addressed", "opposed", "regressed"),
        ("contested", "met", "improved"),
        ("contested", "partly-met", "improved"),
        ("contested", "not-addressed", "improved"),  # the harm went
        ("contested", "contested", "unchanged"),
        ("contested", "opposed", "regressed"),  # the help went, the harm stayed
        ("opposed", "met", "improved"),
        ("opposed", "partly-met", "improved"),
        ("opposed", "not-addressed", "improved"),
        ("opposed", "contested", "improved"),
        ("opposed", "opposed", "unchanged"),
    ],
)
def test_every_verdict_transition(before: Verdict, after: Verdict, change: str) -> None:
    assert verdict_change(before, after) == change


# One proposal on `proper-funding` per paper, with the stances that give each verdict.
STANCES: dict[Verdict, list[str]] = {
    "met": ["agree"],
    "partly-met": ["partly"],
    "not-addressed": [],
    "contested": ["agree", "disagree"],
    "opposed": ["disagree"],
}


def _funding_paper(verdict: Verdict, published: str) -> Document:
    stances = STANCES[verdict]
    return paper(
        *(proposal(f"{i}", f"Funding idea {i}", links={"proper-funding": s}) for i, s in enumerate(stances)),
        published=published,
    )


@pytest.mark.parametrize("before", ORDER)
@pytest.mark.parametrize("after", ORDER)
def test_each_transition_through_a_real_diff(before: Verdict, after: Verdict) -> None:
    step = run(_funding_paper(before, "2022-03-29"), _funding_paper(after, "2023-03-02")).steps[0]
    ask = next(a for a in step.asks if a.id == "proper-funding")
    assert (ask.before, ask.after) == (before, after)
    assert ask.change == verdict_change(before, after)
    assert ask.proposals_before == tuple(str(i) for i in range(len(STANCES[before])))


def test_lens_points_are_compared_too() -> None:
    old = paper(proposal("1", "Standards", links={"minimum-standards/money": "agree"}))
    new = paper(proposal("1", "Standards", links={"minimum-standards/money": "disagree"}), published="2023-03-02")
    ask = next(a for a in run(old, new).steps[0].asks if a.id == "minimum-standards")
    money = next(lens for lens in ask.lenses if lens.lens == "money")
    assert (money.before, money.after, money.change) == ("met", "opposed", "regressed")
    assert ask.proposals_before == ("1",)


# --- matching proposals -----------------------------------------------------------------------


def test_title_similarity_is_the_dice_of_the_content_words() -> None:
    assert title_similarity("National SEND standards", "National standards") == 0.8
    assert title_similarity("A tailored list of settings", "Testing a tailored list of suitable settings") == 0.75
    assert title_similarity("Plans", "plan") == 1.0  # a plural s is dropped
    assert title_similarity("£70 million of new funding", "£2.6bn for new places") == 0.25


def test_matching_by_id() -> None:
    matching = match_proposals([proposal("2.1", "National standards")], [proposal("2.1", "Something else")])
    pair = matching.pairs["2.1"]
    assert (pair.old, pair.how, pair.score) == ("2.1", "id", 0.0)


def test_matching_by_follows_beats_the_same_id() -> None:
    old = [proposal("1", "Mediation"), proposal("2", "Standards")]
    new = [proposal("1", "Mediation, tested", follows="2"), proposal("9", "Something new")]
    matching = match_proposals(old, new)
    assert (matching.pairs["1"].old, matching.pairs["1"].how) == ("2", "follows")
    assert "9" not in matching.pairs


def test_matching_by_title_above_the_threshold_best_first() -> None:
    old = [proposal("a", "National SEND standards"), proposal("b", "Local SEND partnerships")]
    new = [proposal("x", "Local SEND partnerships and plans"), proposal("y", "National standards")]
    matching = match_proposals(old, new)
    assert {k: (v.old, v.how, v.score) for k, v in matching.pairs.items()} == {
        "x": ("b", "title", 0.86),
        "y": ("a", "title", 0.8),
    }


def test_no_match_below_the_threshold_but_the_closest_is_reported() -> None:
    old = [proposal("1.2", "Up to 40 new special and AP free schools")]
    new = [proposal("IP17", "33 new special schools")]
    step = run(paper(*old), paper(*new, published="2023-03-02")).steps[0]
    added, dropped = only(step, new="IP17"), only(step, old="1.2")
    assert (added.status, added.match) == ("new", None)
    assert added.nearest is not None and (added.nearest.id, added.nearest.score) == ("1.2", 0.55)
    assert dropped.status == "dropped"
    assert dropped.nearest is not None and dropped.nearest.id == "IP17"


def test_nothing_close_means_no_nearest() -> None:
    step = run(paper(proposal("1", "Funding")), paper(proposal("A", "Inspection"), published="2023-03-02")).steps[0]
    assert only(step, new="A").nearest is None
    assert only(step, old="1").nearest is None


def test_title_matching_scales_to_thousands_of_unrelated_proposals() -> None:
    old = [proposal(f"o{i}", f"Old idea {i} alpha{i} beta{i}") for i in range(3000)]
    new = [proposal(f"n{i}", f"New idea {i} alpha{i} gamma{i}") for i in range(3000)]
    matching = match_proposals(old, new)  # prefix filtering: each new title meets one old title, not 3,000
    assert len(matching.pairs) == 3000
    assert matching.pairs["n7"].old == "o7"


# --- statuses and weakened commitments --------------------------------------------------------


def test_carried_changed_dropped_and_new() -> None:
    old = paper(
        proposal("1", "Dashboards", links={"accountability-data": "agree"}),
        proposal("2", "Bands", links={"money-follows-child": "partly"}),
        proposal("3", "Free schools"),
    )
    new = paper(
        proposal("1", "Dashboards", links={"accountability-data": "agree"}),
        proposal("2", "Bands", links={"money-follows-child": "disagree"}),
        proposal("4", "Short breaks"),
        published="2023-03-02",
    )
    step = run(old, new).steps[0]
    assert [(c.status, c.old and c.old.id, c.new and c.new.id) for c in step.proposals] == [
        ("carried", "1", "1"),
        ("changed", "2", "2"),
        ("new", None, "4"),
        ("dropped", "3", None),
    ]
    assert only(step, new="2").differences == ("assessment",)
    assert (step.summary.carried, step.summary.changed, step.summary.new, step.summary.dropped) == (1, 1, 1, 1)


def test_a_fall_in_strength_is_weakened_with_both_phrases() -> None:
    old = paper(proposal("2.1", "National standards", "New national standards, set in law."))
    new = paper(
        proposal("IP1", "National standards, tested first", "Start testing parts of the standards.", follows="2.1"),
        published="2023-03-02",
    )
    change = only(run(old, new).steps[0], new="IP1")
    assert (change.status, change.strength_change, change.weakened) == ("changed", "fell", True)
    assert change.old is not None and change.new is not None
    assert (change.old.strength.level, change.old.strength.phrases) == ("duty", ("set in law",))
    assert (change.new.strength.level, change.new.strength.phrases) == ("exploration", ("testing",))
    assert change.differences == ("title", "strength")


def test_a_rise_in_strength_is_not_weakened() -> None:
    old = paper(proposal("1", "Standards", "We will consider standards."))
    new = paper(proposal("1", "Standards", "We will legislate for standards."), published="2023-03-02")
    change = only(run(old, new).steps[0], new="1")
    assert (change.strength_change, change.weakened) == ("rose", False)


def test_no_commitment_words_on_one_side_cannot_be_compared() -> None:
    old = paper(proposal("1", "Partnerships", "Partnerships set up in law."))
    new = paper(proposal("1", "Partnerships", "Introduce local partnerships."), published="2023-03-02")
    change = only(run(old, new).steps[0], new="1")
    assert (change.strength_change, change.weakened, change.status) == ("unclear", False, "changed")


@pytest.mark.parametrize(
    ("before", "after", "deadline", "weakened"),
    [
        ("We will publish them by 2025.", "We will publish them by the end of 2027.", "slipped", True),
        ("We will publish them by 2025.", "We will publish them.", "dropped", True),
        ("We will run it before summer 2022.", "We will run it.", "passed", False),  # over before the new paper
        ("We will publish them by 2027.", "We will publish them by spring 2025.", "earlier", False),
        ("We will publish them.", "We will publish them by 2025.", "added", False),
        ("We will publish them by 2025.", "We will publish them by the end of 2025.", "same", False),
        ("We will publish them.", "We will publish them.", "none", False),
    ],
)
def test_deadlines_that_slip_or_vanish_are_weakened(before: str, after: str, deadline: str, weakened: bool) -> None:
    old = paper(proposal("1", "Standards", before))
    new = paper(proposal("1", "Standards", after), published="2023-03-02")
    change = only(run(old, new).steps[0], new="1")
    assert (change.deadline_change, change.weakened) == (deadline, weakened)
    assert (change.status == "changed") is (deadline not in ("same", "none"))


def test_a_retreat_from_an_opposed_proposal_is_marked() -> None:
    old = paper(proposal("2.6", "Mediation", "Families would have to mediate.", {"no-dilution-of-rights": "disagree"}))
    new = paper(proposal("IP5", "Mediation", "Mediation tested.", follows="2.6"), published="2023-03-02")
    change = only(run(old, new).steps[0], new="IP5")
    assert (change.weakened, change.opposed_before) == (True, True)


# --- red lines --------------------------------------------------------------------------------


def test_red_line_breaches_new_resolved_and_still_open() -> None:
    red = "no-dilution-of-rights"
    old = paper(
        proposal("a", "Tailored list", links={red: "disagree"}),
        proposal("b", "Mandatory mediation", links={red: "disagree"}),
        proposal("c", "Tribunal remedies", links={red: "disagree"}),
    )
    new = paper(
        proposal("a2", "Tailored list, advisory", links={red: "partly"}, follows="a"),
        proposal("b2", "Mandatory mediation", links={red: "disagree"}, follows="b"),
        proposal("d", "Fewer appeals", links={red: "disagree"}),
        published="2023-03-02",
    )
    step = run(old, new).steps[0]
    assert [(r.status, r.old_proposal, r.new_proposal) for r in step.red_lines] == [
        ("new", None, "d"),
        ("still-open", "b", "b2"),
        ("resolved", "a", "a2"),
        ("resolved", "c", None),
    ]
    resolved = step.red_lines[2]
    assert (resolved.new_stance, resolved.ask_title) == ("partly", "Any dilution of parental rights")
    assert (step.summary.red_lines_new, step.summary.red_lines_still_open, step.summary.red_lines_resolved) == (1, 1, 2)


# --- chains -----------------------------------------------------------------------------------


def test_a_chain_reports_each_step_and_the_net_change() -> None:
    first = paper(
        proposal("2.1", "National standards", "Standards set in law.", {"minimum-standards": "agree"}),
        proposal("2.5", "Tailored list", "Councils would draw up a list.", {"no-dilution-of-rights": "disagree"}),
    )
    middle = paper(
        proposal("IP1", "Standards, tested", "Start testing standards by 2025.", follows="2.1"),
        proposal("IP4", "Tailored list", "Start testing a tailored list.", follows="2.5"),
        published="2023-03-02",
        kind="improvement-plan",
    )
    last = paper(
        proposal("WP3", "Inclusion standards", "Schools must meet national inclusion standards.", follows="IP1"),
        published="2026-02-23",
        kind="white-paper",
    )
    result = run(first, middle, last)
    assert [(s.old, s.new) for s in result.steps] == [(0, 1), (1, 2)]
    assert result.net is not None and (result.net.old, result.net.new) == (0, 2)
    standards = only(result.net, new="WP3")
    assert standards.old is not None and standards.old.id == "2.1"
    assert standards.match is not None and (standards.match.how, standards.match.via) == ("chain", ("IP1",))
    assert (standards.strength_change, standards.weakened) == ("same", False)  # duty then, duty now
    assert only(result.steps[0], new="IP1").weakened  # though it fell on the way
    assert only(result.net, old="2.5").status == "dropped"  # the chain breaks in the last step
    ask = next(a for a in result.net.asks if a.id == "minimum-standards")
    assert (ask.before, ask.after, ask.change) == ("met", "not-addressed", "regressed")
    assert [(r.status, r.old_proposal) for r in result.net.red_lines] == [("resolved", "2.5")]


def test_two_papers_have_no_separate_net_change() -> None:
    assert run(paper(proposal("1", "A")), paper(proposal("1", "A"), published="2023-03-02")).net is None


def test_failed_checks_look_at_the_net_change() -> None:
    first = paper(proposal("1", "Funding", "We will fund it.", {"proper-funding": "agree"}))
    middle = paper(proposal("1", "Funding", "We may fund it."), published="2023-03-02")
    last = paper(proposal("1", "Funding", "We will fund it.", {"proper-funding": "agree"}), published="2024-03-02")
    assert failed_checks(run(first, middle), ["regression", "weakened", "red-line"]) == [
        "regression: proper-funding",
        "weakened: 1 -> 1",
    ]
    assert failed_checks(run(first, middle, last), ["regression", "weakened"]) == []
    breach = paper(proposal("1", "Funding", links={"no-dilution-of-rights": "disagree"}), published="2023-03-02")
    assert failed_checks(run(first, breach), ["red-line"]) == [
        "red-line: new breach of a red line by 1 (no-dilution-of-rights)"
    ]
