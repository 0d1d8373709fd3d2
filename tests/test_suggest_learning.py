"""Suggestions that learn from a forum's earlier assessments, and today's vocabulary for the asks."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from sendreview.analysis.suggest import Learner, Ranker, first_suggestions, paper_names, reasons, suggest
from sendreview.api import load_catalogue, load_document, load_vocabulary
from sendreview.models.document import Document
from sendreview.schemas import schema_dict
from tests.conftest import EXAMPLES, GREEN_PAPER, ROOT, Invoke

Write = Callable[[str, str], Path]
IMPROVEMENT_PLAN = EXAMPLES / "improvement-plan-2023.yaml"
WHITE_PAPER = EXAMPLES / "white-paper-2026.yaml"

OLD = """
document:
  title: Old paper
  kind: green-paper
  published: "2022-03-29"
proposals:
  - id: "A1"
    title: Family hubs in every town
    summary: Every town gets a family hub with drop-in sessions.
    responds_to:
      - ask: listen-early
        stance: agree
  - id: "A2"
    title: A new national uniform policy
    summary: Blazers and ties for every pupil.
    responds_to:
      - ask: cross-government-strategy
        stance: partly
"""

NEW = """
document:
  title: New paper
  kind: white-paper
  published: "2026-02-23"
proposals:
  - id: "B1"
    title: More family hubs in every town
    summary: The family hub network grows, with drop-in sessions.
"""


@pytest.fixture(scope="module")
def catalogue():  # type: ignore[no-untyped-def]
    return load_catalogue()


def _pair(write: Write, catalogue) -> tuple[Path, Document, Path, Document]:  # type: ignore[no-untyped-def]
    old, new = write("old.yaml", OLD), write("new.yaml", NEW)
    return old, load_document(old, catalogue), new, load_document(new, catalogue)


def test_learning_moves_the_ask_an_earlier_like_proposal_was_linked_to_up(write: Write, catalogue) -> None:  # type: ignore[no-untyped-def]
    old_path, old, _, new = _pair(write, catalogue)
    before = suggest(new, catalogue).proposals[0].suggestions
    after = suggest(new, catalogue, earlier=[(str(old_path), old)]).proposals[0].suggestions
    assert "listen-early" not in [s.ask for s in before]  # the words alone do not point to it
    assert after[0].ask == "listen-early"
    # The unlike earlier proposal (uniforms) gives no vote.
    assert all(p.id != "A2" for s in after for p in s.learned)
    assert "cross-government-strategy" not in [s.ask for s in after]


def test_a_vote_is_in_proportion_to_how_alike_and_adds_up_to_the_score(write: Write, catalogue) -> None:  # type: ignore[no-untyped-def]
    old_path, old, _, new = _pair(write, catalogue)
    top = suggest(new, catalogue, earlier=[(str(old_path), old)]).proposals[0].suggestions[0]
    (precedent,) = top.learned
    assert precedent.id == "A1" and precedent.by == "titles"
    assert 0.5 <= precedent.similarity < 1
    assert precedent.points == pytest.approx(10 * precedent.similarity)
    parts = sum(m.points for m in top.matched) + sum(p.points for p in top.learned)
    assert top.score == pytest.approx(parts, abs=0.02)


def test_explanations_name_the_earlier_proposal_and_its_paper(write: Write, catalogue) -> None:  # type: ignore[no-untyped-def]
    old_path, old, _, new = _pair(write, catalogue)
    result = suggest(new, catalogue, earlier=[(str(old_path), old)])
    top = result.proposals[0].suggestions[0]
    (why,) = reasons(top, paper_names(result.learned_from))
    assert why.startswith('like A1 "Family hubs in every town" in Old paper (2022) (titles ')
    assert why.endswith(f"alike), linked there to listen-early: {top.learned[0].points:g}")
    assert result.learned_from[0].assessed == 2


def test_the_command_line_shows_the_earlier_proposal(invoke: Invoke, write: Write) -> None:
    old, new = write("old.yaml", OLD), write("new.yaml", NEW)
    result = invoke("suggest", new, "--learn-from", old)
    assert result.exit_code == 0, result.output
    assert f"Learning from {old}: 2 assessed proposals of Old paper (2022)." in " ".join(result.stdout.split())
    assert 'like A1 "Family hubs in every town" in Old paper (2022)' in result.stdout
    pasted = invoke("suggest", new, "--learn-from", old, "--format", "yaml")
    before_link = pasted.stdout.split("- ask: listen-early")[0].splitlines()
    assert before_link[-3].strip().startswith("# score")
    assert before_link[-2].strip().startswith('#   like A1 "Family hubs in every town" in Old paper (2022)')


def test_json_output_carries_the_votes_and_matches_its_schema(invoke: Invoke, write: Write) -> None:
    old, new = write("old.yaml", OLD), write("new.yaml", NEW)
    result = invoke("suggest", new, "--learn-from", old, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema_dict("suggest"))
    assert data["learned_from"][0]["file"] == str(old)
    assert "2022-03-29" in json.dumps(data["learned_from"][0]["document"]["published"])
    learned = data["proposals"][0]["suggestions"][0]["learned"][0]
    assert learned["id"] == "A1" and learned["file"] == str(old)


def test_the_paper_itself_is_refused_by_its_path(invoke: Invoke) -> None:
    result = invoke("suggest", GREEN_PAPER, "--learn-from", GREEN_PAPER)
    assert result.exit_code == 2
    assert "this is the paper being suggested for" in result.stderr
    assert "Traceback" not in result.output


def test_a_copy_of_the_paper_itself_is_refused_by_its_title_and_date(invoke: Invoke, tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(GREEN_PAPER, copy)
    result = invoke("suggest", GREEN_PAPER, "--learn-from", copy)
    assert result.exit_code == 2
    line = next(n for n, text in enumerate(copy.read_text().splitlines(), 1) if text.startswith("  title:"))
    assert f"{copy}:{line}:10: --learn-from: this is the paper being suggested for" in result.stderr


def test_a_file_with_no_assessments_warns_and_changes_nothing(invoke: Invoke, write: Write) -> None:
    new = write("new.yaml", NEW)
    empty = write("empty.yaml", NEW.replace("New paper", "Another paper").replace("B1", "C1"))
    plain = invoke("suggest", new, "--format", "json")
    learning = invoke("suggest", new, "--learn-from", empty, "--format", "json")
    assert learning.exit_code == 0
    assert f"{empty}:6:3: warning: --learn-from: no proposal here is linked to an ask" in learning.stderr
    assert json.loads(learning.stdout)["proposals"] == json.loads(plain.stdout)["proposals"]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("asks.yaml", "asks:\n  - id: my-ask\n    group: g\n    title: Mine\n", "this is a file of asks"),
        (
            "bad-link.yaml",
            OLD.replace("ask: listen-early", "ask: listen-erly"),
            "unknown ask 'listen-erly' (did you mean 'listen-early'?)",
        ),
    ],
    ids=["another-kind", "bad-link"],
)
def test_bad_files_to_learn_from_are_refused_with_their_place(
    invoke: Invoke, write: Write, name: str, text: str, message: str
) -> None:
    new, bad = write("new.yaml", NEW), write(name, text)
    result = invoke("suggest", new, "--learn-from", bad)
    assert result.exit_code == 2, result.output
    assert f"{bad}:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_or_repeated_file_is_refused(invoke: Invoke, write: Write, tmp_path: Path) -> None:
    old, new = write("old.yaml", OLD), write("new.yaml", NEW)
    missing = invoke("suggest", new, "--learn-from", tmp_path / "nope.yaml")
    assert missing.exit_code == 2 and f"{tmp_path / 'nope.yaml'}: no such file" in missing.stderr
    twice = invoke("suggest", new, "--learn-from", old, "--learn-from", old)
    assert twice.exit_code == 2 and "given twice" in twice.stderr


def test_compare_hints_learn_from_earlier_papers(invoke: Invoke, write: Write) -> None:
    old, new = write("old.yaml", OLD), write("new.yaml", NEW)
    plain = invoke("compare", new)
    learning = invoke("compare", new, "--learn-from", old)
    assert learning.exit_code == 0, learning.output
    assert "suggestion: listen-early" not in plain.stdout
    assert "suggestion: listen-early" in learning.stdout
    refused = invoke("compare", new, "--learn-from", new)
    assert refused.exit_code == 2 and "this is the paper being suggested for" in refused.stderr


def test_first_suggestions_use_the_same_ranker_as_suggest(catalogue) -> None:  # type: ignore[no-untyped-def]
    earlier = [(str(GREEN_PAPER), load_document(GREEN_PAPER, catalogue))]
    paper = load_document(IMPROVEMENT_PLAN, catalogue)
    vocabulary = load_vocabulary()
    hints = first_suggestions(paper, catalogue, vocabulary=vocabulary, earlier=earlier)
    full = suggest(paper, catalogue, vocabulary=vocabulary, earlier=earlier)
    assert hints, "the example leaves proposals unassessed on purpose"
    assert {p.id: p.suggestions[0] for p in full.proposals if p.suggestions} == hints


# --- the shipped examples: the targets, learning only from earlier papers ----------------


def _hit_rate(paper: Document, catalogue, earlier: list[tuple[str, Document]]) -> float:  # type: ignore[no-untyped-def]
    hidden = paper.model_copy(
        update={"proposals": tuple(p.model_copy(update={"responds_to": ()}) for p in paper.proposals)}
    )
    result = suggest(hidden, catalogue, vocabulary=load_vocabulary(), earlier=earlier)
    found = {p.id: [s.ask for s in p.suggestions] for p in result.proposals}
    assessed = [p for p in paper.proposals if p.responds_to]
    hits = sum(any(link.ask.partition("/")[0] in found[p.id] for link in p.responds_to) for p in assessed)
    return hits / len(assessed)


def test_the_examples_reach_the_targets_learning_from_earlier_papers(catalogue) -> None:  # type: ignore[no-untyped-def]
    green, plan, white = (load_document(path, catalogue) for path in (GREEN_PAPER, IMPROVEMENT_PLAN, WHITE_PAPER))
    assert _hit_rate(plan, catalogue, [("2022", green)]) >= 0.85
    assert _hit_rate(white, catalogue, [("2022", green), ("2023", plan)]) >= 0.80


# --- today's vocabulary ---------------------------------------------------------------------------


def test_the_bundled_vocabulary_names_real_asks_and_papers(catalogue) -> None:  # type: ignore[no-untyped-def]
    vocabulary = load_vocabulary()
    asks = {ask.id for ask in catalogue.asks}
    papers = {paper.id for paper in vocabulary.papers}
    assert vocabulary.terms
    for terms in vocabulary.terms:
        assert terms.ask in asks and terms.paper in papers
        assert terms.source.startswith("https://")
        assert "parallelparliament" not in terms.source and "uat." not in terms.source
        if "gov.uk" not in terms.source:
            assert terms.note.startswith("Secondary source"), terms


def test_a_vocabulary_match_names_the_paper_whose_words_it_is(catalogue) -> None:  # type: ignore[no-untyped-def]
    with_words = Ranker.for_catalogue(catalogue, load_vocabulary())
    without = Ranker.for_catalogue(catalogue)
    title, summary = "Experts at Hand", "A service schools can call on."
    top = with_words.rank(title, summary)[0]
    assert top.ask == "right-skills"
    assert top.score > 2 * without.rank(title, summary)[0].score  # "Experts" alone is a weak match
    assert top.matched[0].vocabulary == "the 2026 White Paper"
    assert reasons(top, {})[0].startswith('matched: "Experts at Hand" (the 2026 White Paper\'s words)')


def test_the_deck_keywords_come_first(catalogue) -> None:  # type: ignore[no-untyped-def]
    # "national standards" is the catalogue's own phrase: no paper is named for it.
    top = Ranker.for_catalogue(catalogue, load_vocabulary()).rank("National standards")[0]
    assert top.ask == "minimum-standards" and all(m.vocabulary == "" for m in top.matched)


def test_validate_checks_a_vocabulary_file(invoke: Invoke, write: Write) -> None:
    assert invoke("validate", ROOT / "data" / "vocabulary.yaml").exit_code == 0
    bad = write(
        "vocabulary.yaml",
        """
        papers:
          - id: white-paper-2026
            title: Every Child Achieving and Thriving
            label: the 2026 White Paper
        terms:
          - ask: person-centered
            paper: white-paper-2027
            terms: [ISP, isp]
            source: https://example.invalid/
        """,
    )
    result = invoke("validate", bad)
    assert result.exit_code == 2
    assert f"{bad}:6:10: unknown ask 'person-centered' (did you mean 'person-centred'?)" in result.stderr
    assert f"{bad}:7:12: unknown paper 'white-paper-2027'" in result.stderr
    assert "(did you mean 'white-paper-2026'?)" in result.stderr
    assert f"{bad}:8:18: 'isp' is already listed for person-centered (line 8)" in result.stderr


def test_published_vocabulary_schema_is_current(invoke: Invoke) -> None:
    result = invoke("schema", "vocabulary")
    published = ROOT / "docs" / "schemas" / "vocabulary.schema.json"
    assert result.stdout == published.read_text(encoding="utf-8"), "run: sendreview schema vocabulary > docs/..."


def test_a_learner_with_nothing_assessed_votes_for_nothing(catalogue) -> None:  # type: ignore[no-untyped-def]
    paper = load_document(WHITE_PAPER, catalogue)
    hidden = tuple(p.model_copy(update={"responds_to": ()}) for p in paper.proposals)
    bare = paper.model_copy(update={"proposals": hidden})
    learner = Learner.from_papers([("none", bare)])
    assert len(learner) == 0
    assert Ranker.for_catalogue(catalogue).rank("National standards", "", learner)[0].learned == ()
