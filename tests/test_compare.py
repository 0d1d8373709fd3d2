"""Verdicts: every branch of the rule, red lines, and --fail-on."""

from __future__ import annotations

import pytest

from sendreview.analysis.compare import (
    Verdict,
    compare,
    failed_checks,
    verdict_from_lenses,
    verdict_from_stances,
)
from sendreview.models.asks import Ask, Catalogue, Context, Group, LensPoint
from sendreview.models.document import Document, DocumentInfo, Link, Proposal, Stance


@pytest.mark.parametrize(
    ("stances", "verdict"),
    [
        ((), "not-addressed"),
        (("agree",), "met"),
        (("agree", "agree"), "met"),
        (("agree", "partly"), "met"),
        (("partly",), "partly-met"),
        (("partly", "partly"), "partly-met"),
        (("disagree",), "opposed"),
        (("disagree", "disagree"), "opposed"),
        (("disagree", "agree"), "contested"),
        (("partly", "disagree"), "contested"),
        (("agree", "partly", "disagree"), "contested"),
    ],
)
def test_verdict_from_own_links(stances: tuple[Stance, ...], verdict: Verdict) -> None:
    assert verdict_from_stances(stances) == verdict


@pytest.mark.parametrize(
    ("lenses", "verdict"),
    [
        (("met", "met", "met", "met"), "met"),
        (("not-addressed",) * 4, "not-addressed"),
        (("met", "not-addressed", "not-addressed", "not-addressed"), "partly-met"),
        (("partly-met", "met", "met", "met"), "partly-met"),
        (("opposed", "not-addressed", "not-addressed", "not-addressed"), "opposed"),
        (("opposed", "met", "not-addressed", "not-addressed"), "contested"),
        (("opposed", "partly-met", "not-addressed", "not-addressed"), "contested"),
        (("contested", "not-addressed", "not-addressed", "not-addressed"), "contested"),
        (("contested", "met", "met", "met"), "contested"),
    ],
)
def test_verdict_from_lens_points(lenses: tuple[Verdict, ...], verdict: Verdict) -> None:
    assert verdict_from_lenses(lenses) == verdict


LENSES = tuple(
    LensPoint(lens=lens, text="...") for lens in ("money", "early-intervention", "inclusion", "coproduction")
)
CATALOGUE = Catalogue(
    groups=(Group(id="g", title="Group"),),
    asks=(
        Ask(id="bullet", group="g", title="A silver bullet", lenses=LENSES),
        Ask(id="plain", group="g", title="A plain ask"),
        Ask(id="rights", group="g", kind="red-line", title="No dilution of rights"),
    ),
    context=Context(),
)


def document(*links: tuple[str, str, Stance]) -> Document:
    """A document whose proposals (by id) link to asks with stances."""
    by_proposal: dict[str, list[Link]] = {}
    for proposal, ask, stance in links:
        by_proposal.setdefault(proposal, []).append(Link(ask=ask, stance=stance, note=f"{proposal} on {ask}"))
    proposals = [Proposal(id=pid, title=f"Proposal {pid}", responds_to=tuple(ls)) for pid, ls in by_proposal.items()]
    proposals.append(Proposal(id="x", title="Unassessed"))
    return Document(document=DocumentInfo(title="Paper", kind="other"), proposals=tuple(proposals))


def verdicts(doc: Document) -> dict[str, Verdict]:
    return {ask.id: ask.verdict for ask in compare(doc, CATALOGUE).asks}


def test_own_links_decide_even_when_lens_points_are_linked() -> None:
    doc = document(("1", "bullet", "agree"), ("2", "bullet/money", "disagree"))
    result = compare(doc, CATALOGUE)
    bullet = result.asks[0]
    assert bullet.verdict == "met"
    assert [(lens.id, lens.verdict) for lens in bullet.lenses][:2] == [
        ("bullet/money", "opposed"),
        ("bullet/early-intervention", "not-addressed"),
    ]


def test_ask_without_own_links_takes_its_lens_points() -> None:
    doc = document(("1", "bullet/money", "agree"), ("2", "bullet/inclusion", "disagree"))
    assert verdicts(doc)["bullet"] == "contested"


def test_red_line_breach_and_upholding() -> None:
    doc = document(("1", "rights", "disagree"), ("2", "rights", "agree"), ("3", "plain", "partly"))
    result = compare(doc, CATALOGUE)
    assert [(b.proposal, b.ask, b.note) for b in result.red_line_breaches] == [("1", "rights", "1 on rights")]
    assert verdicts(doc) == {"bullet": "not-addressed", "plain": "partly-met", "rights": "contested"}
    assert result.summary.model_dump() == {
        "asks": 3,
        "met": 0,
        "partly_met": 1,
        "opposed": 0,
        "contested": 1,
        "not_addressed": 1,
        "red_line_breaches": 1,
        "proposals": 4,
        "unassessed_proposals": 1,
        "links": 3,
    }


def test_upholding_a_red_line_is_no_breach() -> None:
    result = compare(document(("1", "rights", "agree")), CATALOGUE)
    assert result.red_line_breaches == ()
    assert result.asks[2].verdict == "met"


def test_failed_checks_name_what_failed() -> None:
    result = compare(document(("1", "rights", "disagree"), ("2", "plain", "disagree")), CATALOGUE)
    assert failed_checks(result, []) == []
    assert failed_checks(result, ["red-line", "opposed", "not-addressed", "red-line"]) == [
        "red-line: 1 red-line breach(es)",
        "opposed: plain, rights",
        "not-addressed: bullet",
    ]
    assert failed_checks(compare(document(("1", "plain", "agree")), CATALOGUE), ["red-line", "opposed"]) == []
