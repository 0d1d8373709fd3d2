"""`sendreview respond`: the consultation response, question by question, and the guide for parents."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from sendreview.analysis.readability import measure, sentence_count, syllables
from sendreview.analysis.respond import fit, position, sentences, word_count
from sendreview.schemas import schema_dict
from tests.conftest import GREEN_PAPER, ORG, Invoke

Write = Callable[[str, str], Path]


def _json(invoke: Invoke, *args: str | Path) -> dict:  # type: ignore[type-arg]
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "-f", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _answers(data: dict) -> dict[int, dict]:  # type: ignore[type-arg]
    return {a["number"]: a for a in data["answers"]}


# --- The example ---------------------------------------------------------------------------------


def test_drafts_all_22_questions_within_their_limits(invoke: Invoke) -> None:
    data = _json(invoke)
    jsonschema.validate(data, schema_dict("respond"))
    answers = _answers(data)
    assert sorted(answers) == list(range(1, 23))
    for answer in answers.values():
        assert len(answer["text"].split()) == answer["words"] <= answer["word_limit"] == 250
        assert answer["word_limit_assumed"] is True


def test_tailored_list_and_mediation_come_out_on_the_disagree_side_red_line_first(invoke: Invoke) -> None:
    answers = _answers(_json(invoke))
    tailored, mediation = answers[5], answers[6]
    for answer in (tailored, mediation):
        assert answer["position"] == "strongly-disagree"
        assert answer["points"][0]["kind"] == "red-line"
        assert answer["text"].split(".")[0].endswith("crosses our red line: Any dilution of parental rights")
    assert tailored["text"].startswith("\u201cA tailored list of settings\u201d crosses our red line")
    assert mediation["choice"] == "Strongly disagree"  # question 6 is on the agreement scale
    assert tailored["choice"] == ""  # question 5 is answered in words only


def test_questions_with_no_linked_assessment_are_flagged(invoke: Invoke) -> None:
    answers = _answers(_json(invoke))
    flagged = {n for n, a in answers.items() if a["needs_answer"]}
    assert flagged == {11, 12, 22}
    assert "3.4 Specialist and mixed multi-academy trusts" in answers[11]["to_do"]
    assert answers[22]["to_do"] == "needs your answer: no proposal of the paper is linked to this question"
    assert answers[11]["text"] == "" and answers[11]["choice"] == ""
    # A yes/no question gets the draft text, but the tick is left to the forum.
    assert answers[7]["choice"] == "" and answers[7]["text"] and answers[7]["to_do"].startswith("choose Yes, No")


def test_assessed_proposals_not_asked_about_are_listed_at_the_end(invoke: Invoke) -> None:
    data = _json(invoke)
    assert [p["id"] for p in data["not_asked"]] == ["1.1", "1.2", "3.1", "5.3"]
    result = invoke("respond", GREEN_PAPER, "--org", ORG)
    tail = result.stdout.split("## Not asked about", 1)[1]
    assert "- 5.3 Clearer roles and responsibilities" in tail


def test_markdown_shows_question_tick_text_and_count(invoke: Invoke) -> None:
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "--question", "6")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "## Question 6" in out and "## Question 5" not in out
    assert "> To what extent do you agree or disagree with our overall approach to strengthen redress" in out
    assert "**Answer: Strongly disagree (a red line is crossed)**" in out
    assert re.search(r"^\*\d+ / 250 words \(limit assumed\)\*$", out, re.MULTILINE)
    assert out.startswith("# Anytown Parent Carer Forum: our response to the consultation on the Green Paper")
    assert "> **Illustrative:** not the views of Anytown Parent Carer Forum. It shows how a response could read." in out


def test_topic_only_questions_say_so(invoke: Invoke) -> None:
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "--question", "8", "-f", "txt")
    assert result.exit_code == 0, result.output
    assert "(only the topic: the exact wording was not found; source: Topic label only" in result.stdout


def test_a_missing_question_number_is_refused(invoke: Invoke) -> None:
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "--question", "99")
    assert result.exit_code == 2
    assert "--question: send-review-2022 has no question 99 (its questions are 1 to 22)" in result.stderr


def test_the_response_speaks_only_for_an_organisation_named(invoke: Invoke) -> None:
    result = invoke("respond", GREEN_PAPER)
    assert result.exit_code == 2
    assert "this response would not say who it is from" in result.stderr
    assert result.stdout == ""


def test_an_agreed_assessment_carries_no_banner(invoke: Invoke, tmp_path: Path) -> None:
    agreed = tmp_path / "agreed.yaml"
    agreed.write_text(
        GREEN_PAPER.read_text(encoding="utf-8").replace("status: illustrative", "status: agreed\n  by: Our Forum"),
        encoding="utf-8",
    )
    result = invoke("respond", agreed, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["organisation"] == "Our Forum" and data["banner"] == ""


# --- The scale rule, every branch ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ({"red-line"}, "strongly-disagree"),
        ({"red-line", "agree", "partly"}, "strongly-disagree"),
        ({"disagree"}, "disagree"),
        ({"disagree", "agree"}, "neither"),
        ({"disagree", "partly"}, "neither"),
        ({"partly"}, "neither"),
        ({"agree"}, "agree"),
        ({"agree", "partly"}, "agree"),
        (set(), None),
    ],
)
def test_scale_rule(kinds: set, expected: str | None) -> None:  # type: ignore[type-arg]
    found, reason = position(kinds)
    assert found == expected
    assert bool(reason) == (expected is not None)


# --- Word limits ------------------------------------------------------------------------------------


LONG_NOTE = (
    "Families told us the list would leave them with no real choice. "
    "Some were offered only schools that had already said no to their child. "
    "Others had to travel for more than an hour each way. "
    "A right that exists only on paper is not a right."
)


def test_fit_cuts_at_a_sentence_end_and_names_what_is_left_out() -> None:
    parts = [(s, "2.5 on rights") for s in sentences(LONG_NOTE)] + [("Another point here.", "2.6 on mediation")]
    fitted = fit(parts, 25)
    assert fitted.text == (
        "Families told us the list would leave them with no real choice. "
        "Some were offered only schools that had already said no to their child."
    )
    assert fitted.words == word_count(fitted.text) == 25
    assert fitted.left_out == ("2.5 on rights (part)", "2.6 on mediation")
    assert fit(parts, None).left_out == ()


def test_fit_never_skips_ahead_to_a_shorter_sentence() -> None:
    parts = [("One two three four five six.", "a"), ("Seven eight nine ten eleven twelve.", "b"), ("Short.", "c")]
    fitted = fit(parts, 8)
    assert fitted.text == "One two three four five six."
    assert fitted.left_out == ("b", "c")


def test_sentences_keep_abbreviations_and_amounts_whole() -> None:
    assert sentences("New money is welcome, but £70m is small. It is 2.5 times less") == [
        "New money is welcome, but £70m is small.",
        "It is 2.5 times less.",
    ]


def _small_consultation(write: Write, limit: str, extra: str = "") -> Path:
    return write(
        "small.yaml",
        f"""
        consultation:
          id: small
          title: A small consultation
          paper: A paper
          closes: 2030-01-31
        scales:
          - id: agreement
            kind: agreement
            labels: [Strongly agree, Agree, Neither agree nor disagree, Disagree, Strongly disagree]
        questions:
          - number: 1
            text: "To what extent do you agree or disagree with the list?"
            wording: verbatim
            source: a test
            scale: agreement
            word_limit: {limit}
            proposals: ["2.5"]
        {extra}
        """,
    )


def _paper_with_note(write: Write, note: str) -> Path:
    return write(
        "paper.yaml",
        f"""
        document:
          title: A paper
          kind: green-paper
        assessment:
          by: Our Forum
        proposals:
          - id: "2.5"
            title: A tailored list of settings
            responds_to:
              - ask: no-dilution-of-rights
                stance: disagree
                note: "{note}"
        """,
    )


def test_a_note_longer_than_the_limit_is_trimmed_at_a_sentence_end_and_flagged(invoke: Invoke, write: Write) -> None:
    paper = _paper_with_note(write, LONG_NOTE)
    result = invoke("respond", paper, "--questions", _small_consultation(write, "40"), "-f", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)["answers"][0]
    assert answer["trimmed"] is True and answer["words"] <= 40
    assert answer["left_out"] == [
        "2.5 \u201cA tailored list of settings\u201d on Any dilution of parental rights (part)"
    ]
    assert answer["text"].endswith("already said no to their child.")
    lead = "\u201cA tailored list of settings\u201d crosses our red line: Any dilution of parental rights."
    source_words = set(f"{lead} {LONG_NOTE}".split())
    assert set(answer["text"].split()) <= source_words, "a word was cut"
    assert answer["choice"] == "Strongly disagree"
    text = invoke("respond", paper, "--questions", _small_consultation(write, "40"), "-f", "txt").stdout
    assert "Trimmed to fit the limit; left out: 2.5" in text
    assert re.search(r"^\d+ / 40 words \(limit assumed\)$", text, re.MULTILINE)


def test_a_limit_smaller_than_the_first_sentence_leaves_the_answer_to_the_forum(invoke: Invoke, write: Write) -> None:
    paper = _paper_with_note(write, LONG_NOTE)
    result = invoke("respond", paper, "--questions", _small_consultation(write, "5"), "-f", "json")
    answer = json.loads(result.stdout)["answers"][0]
    assert answer["text"] == "" and answer["needs_answer"] is True
    assert answer["to_do"] == "needs your answer: even the first sentence is over the 5-word limit"


def test_a_proposal_links_itself_to_a_question_by_topic(invoke: Invoke, write: Write) -> None:
    paper = write(
        "forum.yaml",
        """
        document:
          title: Our copy of the paper
          kind: green-paper
        assessment:
          by: Our Forum
        proposals:
          - id: A
            title: Mandatory mediation
            question: mandatory-mediation
            responds_to:
              - ask: no-dilution-of-rights
                stance: disagree
          - id: B
            title: Something else
            question: mediaton
            responds_to:
              - ask: proper-funding
                stance: agree
        """,
    )
    result = invoke("respond", paper, "--question", "6", "-f", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)["answers"][0]
    assert [p["id"] for p in answer["proposals"]] == ["A"]
    assert answer["choice"] == "Strongly disagree"
    assert f"{paper}:15:15: warning: 'question: mediaton' names no question number or topic" in result.stderr
    # None of the example's proposal ids is in this file: one warning, not one per question.
    assert result.stderr.count("warning: none of the proposal ids these questions name are in") == 1


def test_a_question_naming_a_proposal_the_paper_lacks_is_a_warning_with_did_you_mean(
    invoke: Invoke, write: Write
) -> None:
    consultation = _small_consultation(write, "250").read_text(encoding="utf-8")
    consultation = consultation.replace('proposals: ["2.5"]', 'proposals: ["2.5", "2.55"]')
    path = write("two.yaml", consultation)
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "--questions", path)
    assert result.exit_code == 0, result.output
    assert f"{path}:17:24: warning: question 1 asks about proposal '2.55', which {GREEN_PAPER} does not have" in (
        result.stderr
    )
    assert "(did you mean '2.5'?)" in result.stderr


# --- Bad consultation files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "message"),
    [("0", "word_limit must be 1 or more (got 0)"), ("-3", "word_limit must be 1 or more (got -3)")],
)
def test_a_word_limit_below_one_is_refused(invoke: Invoke, write: Write, limit: str, message: str) -> None:
    consultation = _small_consultation(write, limit)
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "--questions", consultation)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{consultation}:16:17: {message}; leave it out if the answer has no limit"


def test_duplicate_numbers_and_a_scale_without_labels_are_refused_together(invoke: Invoke, write: Write) -> None:
    bad = write(
        "bad.yaml",
        """
        consultation:
          id: bad
          title: Bad
          paper: A paper
        scales:
          - id: agreement
            kind: agreement
            labels: []
        questions:
          - number: 1
            text: One
            wording: verbatim
            source: a test
            scale: agreemnt
          - number: 1
            text: Two
            wording: verbatim
            source: a test
        """,
    )
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "--questions", bad)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{bad}:8:13: a agreement scale needs 5 labels (most agreeing first); this one has no labels",
        f"{bad}:14:12: unknown scale 'agreemnt' (did you mean 'agreement'?)",
        f"{bad}:15:13: duplicate question number '1' (first used on line 10)",
    ]
    assert result.stdout == ""


def test_validate_knows_consultation_files(invoke: Invoke) -> None:
    result = invoke("validate", "data/consultations/send-review-2022.yaml")
    assert result.exit_code == 0, result.output


def test_bundled_consultations_validate_against_their_schema() -> None:
    import yaml

    for path in sorted(Path("data/consultations").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema_dict("consultation"))


def test_a_consultation_without_questions_says_how_to_add_them(invoke: Invoke) -> None:
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "--consultation", "send-reform-2026")
    assert result.exit_code == 2
    assert "this consultation lists no questions yet" in result.stderr


def test_an_unknown_consultation_gets_a_did_you_mean(invoke: Invoke) -> None:
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "--consultation", "send-review-2021")
    assert result.exit_code == 2
    assert "no consultation 'send-review-2021' (did you mean 'send-review-2022'?)" in result.stderr


# --- Word -------------------------------------------------------------------------------------------


def test_word_output_reads_back_with_a_heading_per_question(invoke: Invoke, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "response.docx"
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "-o", out)
    assert result.exit_code == 0, result.output
    doc = Document(io.BytesIO(out.read_bytes()))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"Question {n}" for n in range(1, 23)] + ["Not asked about"]
    counts = [p.text for p in doc.paragraphs if re.fullmatch(r"\d+ / 250 words \(limit assumed\)", p.text)]
    assert len(counts) == 22
    assert any(p.text == "Answer: Strongly disagree (a red line is crossed)" for p in doc.paragraphs)
    again = invoke("respond", GREEN_PAPER, "--org", ORG, "-o", out)
    assert again.exit_code == 2 and "already exists; use --force" in again.stderr


# --- The guide for parents ----------------------------------------------------------------------------


def test_the_guide_for_parents_reaches_plain_english(invoke: Invoke) -> None:
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "--for", "parents", "-f", "txt", "--today", "2022-05-01")
    assert result.exit_code == 0, result.output
    text = result.stdout
    # Measured here from the printed guide: every line of prose, not the headings, underlines or the figure.
    body = text.split("How easy this guide is to read")[0]
    prose = [
        line.split(": ", 1)[1] if line.startswith(("What it is about:", "What we think:", "Your turn:")) else line
        for line in body.splitlines()[3:]
        if line and not set(line) <= {"-", "="} and not re.fullmatch(r"Question \d+|How to send your answers", line)
    ]
    score = measure(prose)
    assert score.flesch_reading_ease >= 60, score
    assert score.words_per_sentence <= 14
    printed = re.search(r"Flesch reading ease (\d+) \(", text)
    assert printed and abs(int(printed.group(1)) - score.flesch_reading_ease) <= 1
    assert "The last day to send your answers is 22 July 2022." in text


def test_the_guide_json_matches_its_schema_and_says_when_it_closed(invoke: Invoke) -> None:
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "--for", "parents", "-f", "json", "--today", "2026-11-30")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema_dict("respond-guide"))
    assert len(data["items"]) == 22
    assert "2022-07-22" in json.dumps(data["closes"])  # however dates are written in JSON
    assert "This consultation closed on 22 July 2022." in data["how_to_send"]
    assert data["readability"]["flesch_reading_ease"] >= 60
    views = {item["number"]: item["view"] for item in data["items"]}
    assert views[5].startswith("We say no to this.")
    assert views[11] == "We have not made up our minds on this yet."


# --- Readability --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1), ("make", 1), ("place", 1), ("places", 2), ("makes", 1), ("boxes", 2), ("table", 2),
        ("people", 2), ("helped", 1), ("needed", 2), ("agreed", 2), ("agree", 2), ("free", 1), ("children", 2),
        ("family", 3), ("year", 1), ("school", 1), ("council", 2), ("educational", 5), ("2022", 4),
    ],
)  # fmt: skip
def test_syllable_rule(word: str, count: int) -> None:
    assert syllables(word) == count


def test_flesch_formula_on_a_counted_text() -> None:
    # 6 words, 1 sentence, 6 syllables: 206.835 - 1.015 x 6 - 84.6 x 1 = 116.145.
    assert measure(["The cat sat on the mat."]).flesch_reading_ease == 116.1
    # 10 words in 2 sentences, 13 syllables: 206.835 - 1.015 x 5 - 84.6 x 1.3 = 91.78.
    score = measure(["Families asked for help. The council said no to them."])
    assert (score.words, score.sentences, score.syllables) == (10, 2, 13)
    assert score.flesch_reading_ease == 91.8 and score.band == "very easy"
    # 4 words, 1 sentence, 10 syllables: 206.835 - 1.015 x 4 - 84.6 x 2.5 = -8.725.
    assert measure(["Educational authorities deliberated indefinitely."]).band == "difficult"
    assert sentence_count("It costs £2.50 a day. Really?") == 2
    assert measure([]).words == 0


def test_a_sourced_limit_and_a_question_named_by_number(invoke: Invoke, write: Write) -> None:
    consultation = _small_consultation(write, "250").read_text(encoding="utf-8")
    path = write(
        "sourced.yaml", consultation.replace("word_limit: 250", "word_limit: 250\n    word_limit_basis: sourced")
    )
    paper = write(
        "numbered.yaml",
        """
        document:
          title: A paper
          kind: green-paper
        proposals:
          - id: X1
            title: Parents choose from a list
            question: "1"
            responds_to:
              - ask: person-centred
                stance: agree
        """,
    )
    result = invoke("respond", paper, "--org", ORG, "--questions", path, "-f", "md")
    assert result.exit_code == 0, result.output
    assert re.search(r"^\*\d+ / 250 words\*$", result.stdout, re.MULTILINE), "a sourced limit is not called assumed"
    assert "**Answer: Agree (it delivers what families asked for)**" in result.stdout
    assert "> **Draft:** not yet agreed by Anytown Parent Carer Forum." in result.stdout
