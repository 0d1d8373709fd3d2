"""The loader: every problem at its FILE:LINE:COL, all of them in one run, nothing silently changed."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest

from sendreview.api import load_catalogue, load_document
from sendreview.errors import SendReviewError
from sendreview.loading import load_any, load_file
from sendreview.models.document import Document

Write = Callable[[str, str], Path]

GOOD_HEAD = """document:
  title: A paper
  kind: green-paper
proposals:
"""


def problems(path: Path) -> list[str]:
    """The problems a document file has, as the user would read them."""
    with pytest.raises(SendReviewError) as caught:
        load_document(path, load_catalogue())
    return [str(p) for p in caught.value.problems]


def test_keeps_ids_exactly_as_typed(write: Write) -> None:
    path = write("ids.yaml", GOOD_HEAD + "  - {id: 2.10, title: a}\n  - {id: 02, title: b}\n  - {id: 1e3, title: c}\n")
    document = load_file(path, Document).model
    assert [p.id for p in document.proposals] == ["2.10", "02", "1e3"]


def test_duplicate_key_is_reported_at_the_second_key(write: Write) -> None:
    path = write("dup.yaml", GOOD_HEAD + "  - id: '1'\n    title: a\n    title: b\n")
    assert problems(path) == [f"{path}:7:5: duplicate key 'title' (first given on line 6)"]


def test_unknown_field_suggests_the_close_one(write: Write) -> None:
    path = write("field.yaml", GOOD_HEAD + "  - id: '1'\n    titel: a\n")
    assert problems(path) == [
        f"{path}:5:5: missing 'title': this field is required",
        f"{path}:6:5: unknown field 'titel' (did you mean 'title'?)",
    ]


def test_misspelt_ask_id_suggests_the_right_one(write: Write) -> None:
    path = write(
        "ask.yaml",
        GOOD_HEAD + "  - id: '1'\n    title: a\n    responds_to:\n      - {ask: minimum-standard, stance: agree}\n",
    )
    assert problems(path) == [f"{path}:8:15: unknown ask 'minimum-standard' (did you mean 'minimum-standards'?)"]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("Spring 20x1", "cannot read 'Spring 20x1' as a date"),
        ("2022-02-30", "'2022-02-30' is not a real date: February 2022 has 28 days"),
    ],
)
def test_bad_dates_are_reported_where_they_are(write: Write, date: str, message: str) -> None:
    path = write("date.yaml", f"document:\n  title: A paper\n  kind: green-paper\n  published: {date}\nproposals: []\n")
    [problem] = problems(path)
    assert problem.startswith(f"{path}:4:14: {message}")


def test_tab_indented_line_is_explained(write: Write) -> None:
    path = write("tab.yaml", "document:\n\ttitle: A paper\n")
    assert problems(path) == [f"{path}:2:1: tab character here: indent YAML with spaces, not tabs"]


def test_every_problem_is_reported_in_one_run(write: Write) -> None:
    path = write(
        "many.yaml",
        """
        document:
          title: A paper
          kind: green-papr
          published: Spring 20x1
        proposals:
          - id: '1'
            title: yes
            responds_to:
              - {ask: proper-funding, stance: agre}
          - id: '1'
            title: again
        """,
    )
    assert problems(path) == [
        f"{path}:3:9: 'green-papr' is not a valid kind: use 'green-paper', 'white-paper', 'improvement-plan', "
        "'bill', 'act' or 'other' (did you mean 'green-paper'?)",
        f"{path}:4:14: cannot read 'Spring 20x1' as a date; write it as 2022-03-29, 29 March 2022, 2019-09, "
        "September 2019, Q1 2022, Spring 2021, early 2021 or 2021",
        f"{path}:7:12: 'yes' is read by YAML as yes/no, not as text; put it in quotes: \"yes\"",
        f"{path}:9:39: 'agre' is not a valid stance: use 'agree', 'partly' or 'disagree' (did you mean 'agree'?)",
        f"{path}:10:9: duplicate proposal id '1' (first used on line 6)",
    ]


def test_duplicate_proposal_ids_are_caught_after_the_schema(write: Write) -> None:
    path = write("dupid.yaml", GOOD_HEAD + "  - {id: '1', title: a}\n  - {id: '1', title: b}\n")
    assert problems(path) == [f"{path}:6:10: duplicate proposal id '1' (first used on line 5)"]


def test_lens_point_of_an_ask_without_lenses(write: Write) -> None:
    path = write(
        "lens.yaml",
        GOOD_HEAD + "  - id: '1'\n    title: a\n    responds_to:\n      - {ask: proper-funding/money, stance: agree}\n"
        "      - {ask: workforce/inclusin, stance: agree}\n",
    )
    assert problems(path) == [
        f"{path}:8:15: 'proper-funding' has no lens points, so 'proper-funding/money' does not exist; "
        "link to 'proper-funding' itself",
        f"{path}:9:15: 'inclusin' is not a lens point of 'workforce' (did you mean 'inclusion'?); "
        "use one of money, early-intervention, inclusion, coproduction",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "1:1: the file is empty (or only comments)"),
        ("# only a comment\n", "1:1: the file is empty (or only comments)"),
        ("- a\n- b\n", "1:1: expected a mapping (key: value) at the top"),
        ("just words\n", "1:1: expected a mapping (key: value) at the top"),
        ("a: 1\n---\nb: 2\n", "2:1: more than one YAML document"),
        ("document: !!python/object:os.system {}\n", "1:11: tag '!!python/object:os.system' is not allowed"),
        ("a: &x [*x]\n", "1:8: alias '*x' refers to itself (a recursive anchor)"),
        ("a: *nowhere\n", "1:4: alias '*nowhere' refers to no anchor '&nowhere' above it"),
        ("document: [unclosed\n", "2:1: while parsing a flow sequence"),
    ],
)
def test_broken_files_give_positioned_problems(write: Write, text: str, message: str) -> None:
    path = write("broken.yaml", text)
    with pytest.raises(SendReviewError) as caught:
        load_file(path, Document)
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"{path}:{message}") for p in found), found


def test_invalid_utf8_names_the_place(tmp_path: Path) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(b"document:\n  title: caf\xe9\n")
    with pytest.raises(SendReviewError, match=r"bytes.yaml:2:13: not valid UTF-8 text \(byte 0xe9\)"):
        load_file(path, Document)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbfdocument:\r\n  title: A paper\r\n  kind: other\r\nproposals: []\r\n")
    assert load_file(path, Document).model.document.title == "A paper"


def test_alias_bomb_is_stopped(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    path = write("bomb.yaml", "\n".join(lines) + "\n")
    with pytest.raises(SendReviewError, match="aliases copy more than 10,000 values"):
        load_file(path, Document)


@pytest.mark.parametrize(
    "text",
    ["a: " + "[" * 5000 + "]" * 5000 + "\n", "".join("  " * i + "- \n" for i in range(200)) + "  " * 200 + "x\n"],
    ids=["flow", "block"],
)
def test_deep_nesting_is_refused_before_building(write: Write, text: str) -> None:
    path = write("deep.yaml", text)
    with pytest.raises(SendReviewError, match=r"deep.yaml:\d+:\d+: nested (more than 64 levels deep|too deeply)"):
        load_file(path, Document)


def test_file_size_limit(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDREVIEW_MAX_FILE_BYTES", "100")
    path = write("big.yaml", "a: " + "x" * 200 + "\n")
    with pytest.raises(SendReviewError, match="over the limit of 100"):
        load_file(path, Document)


def test_missing_file_is_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(SendReviewError, match=r"nothing\.yaml: no such file"):
        load_any(tmp_path / "nothing.yaml")


def test_catalogue_ids_must_not_clash(write: Write) -> None:
    path = write(
        "local.yaml",
        """
        groups:
          - {id: local, title: Our forum's asks}
        asks:
          - {id: proper-funding, group: local, title: Clash}
          - {id: short-breaks, group: locl, title: Short breaks, supports: [enough-mony]}
        """,
    )
    with pytest.raises(SendReviewError) as caught:
        load_catalogue([path])
    messages = [str(p) for p in caught.value.problems]
    assert messages[0].startswith(f"{path}:4:10: ask id 'proper-funding' is already used (")
    assert "recommendations.yaml:" in messages[0]
    assert messages[1:] == [
        f"{path}:5:31: unknown group 'locl' (did you mean 'local'?)",
        f"{path}:5:69: unknown ask 'enough-mony' (did you mean 'enough-money'?)",
    ]


def test_the_cycle_collector_runs_again_after_any_file_is_read(write: Write) -> None:
    """Reading pauses Python's cycle collector (for speed); it must run again afterwards, even after a
    file with problems, or a long run (a network of forums' files) would never free a cycle."""
    frozen = gc.get_freeze_count()
    load_document(write("good.yaml", GOOD_HEAD + "  - id: '1'\n    title: A proposal\n"), load_catalogue())
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # a small file's objects are left to the collector
    with pytest.raises(SendReviewError):
        load_any(write("bad.yaml", GOOD_HEAD + "  - id: '1'\n    titel: A proposal\n"))
    assert gc.isenabled()
