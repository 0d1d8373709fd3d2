"""Every date in every JSON output is an object a program can read: the text as written, and the
first and last day it may mean as ISO days (`docs/json.md`)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sendreview.models.dates import PRECISION_NAMES, FuzzyDate, Precision
from tests.conftest import EXAMPLES, GREEN_PAPER, ROOT, Invoke

TODAY = "2026-11-28"
DATE_KEYS = {"text", "start", "end", "precision"}
PRECISION_ORDER = {name: int(precision) for precision, name in PRECISION_NAMES.items()}
PAPERS = (GREEN_PAPER, EXAMPLES / "improvement-plan-2023.yaml", EXAMPLES / "white-paper-2026.yaml")
COMMANDS: list[tuple[str, ...]] = [
    ("timeline", "--today", TODAY),
    ("timeline", "--today", TODAY, "--document", str(GREEN_PAPER)),
    ("timeline", "next", "--today", TODAY),
    ("timeline", "next", "--today", "2022-04-01", "--document", str(GREEN_PAPER)),
    *[("compare", str(paper)) for paper in PAPERS],
    ("diff", *map(str, PAPERS)),
    ("suggest", str(GREEN_PAPER)),
    ("asks",),
]


def output(invoke: Invoke, *args: str | Path) -> Any:
    result = invoke(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def walk(value: Any, where: str = "$") -> Iterator[tuple[str, Any]]:
    """Every value in the JSON with its path."""
    yield where, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{where}[{index}]")


def dates(data: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(where, v) for where, v in walk(data) if isinstance(v, dict) and set(v) == DATE_KEYS]


def reads_as_a_date(text: str) -> bool:
    try:
        FuzzyDate.parse(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(Path(a).name for a in c) for c in COMMANDS])
def test_every_date_carries_its_iso_range(invoke: Invoke, args: tuple[str, ...]) -> None:
    data = output(invoke, *args)
    found = dates(data)
    assert found, "no dates in the output"
    for where, date in found:
        start, end = dt.date.fromisoformat(date["start"]), dt.date.fromisoformat(date["end"])
        assert start <= end, where
        assert date["precision"] in PRECISION_ORDER, where
        assert (start == end) == (date["precision"] == "day"), where
        # The text says the same days: "Spring 2021" is 1 March to 31 May 2021.
        written = FuzzyDate.parse(date["text"])
        assert (written.start, written.end, PRECISION_NAMES[written.precision]) == (start, end, date["precision"])
    # No date is left as bare text: every string that reads as a date belongs to a date object.
    objects = {where for where, _ in found}
    for where, value in walk(data):
        if isinstance(value, str) and reads_as_a_date(value):
            assert where.rsplit(".", 1)[0] in objects, f"{where} = {value!r} is a date as bare text"


def test_every_date_field_of_the_timeline_is_an_object_or_null(invoke: Invoke) -> None:
    view = output(invoke, "timeline", "--today", TODAY, "--document", str(GREEN_PAPER))
    upcoming = output(invoke, "timeline", "next", "--today", "2022-04-01", "--document", str(GREEN_PAPER))
    fields = {"today", "date", "published", "opens", "closes", "first_promised", "earliest", "latest"}
    seen = set()
    for data in (view, upcoming):
        for where, value in walk(data):
            key = where.rsplit(".", 1)[-1]
            if key in fields:
                seen.add(key)
                assert value is None or (isinstance(value, dict) and set(value) == DATE_KEYS), where
    assert seen == fields


def test_known_values(invoke: Invoke) -> None:
    compared = output(invoke, "compare", GREEN_PAPER)
    assert compared["document"]["published"] == {
        "text": "2022-03-29",
        "start": "2022-03-29",
        "end": "2022-03-29",
        "precision": "day",
    }
    assert compared["document"]["consultation"]["closes"]["start"] == "2022-07-22"
    upcoming = output(invoke, "timeline", "next", "--today", "2022-04-01", "--document", GREEN_PAPER)
    assert upcoming["today"] == {"text": "1 April 2022", "start": "2022-04-01", "end": "2022-04-01", "precision": "day"}
    closes = next(m for m in upcoming["milestones"] if m["id"] == "consultation-closes")
    assert closes["date"] == {"text": "2022-07-22", "start": "2022-07-22", "end": "2022-07-22", "precision": "day"}


def test_each_precision_gives_its_documented_range(invoke: Invoke, write: Any) -> None:
    timeline = write(
        "fuzzy.yaml",
        """
        milestones:
          - {id: winter, title: Winter, date: Winter 2023, status: done, category: review}
          - {id: spring, title: Spring, date: Spring 2021, status: done, category: review}
          - {id: year, title: Year, date: "2021", status: done, category: review}
          - {id: quarter, title: Quarter, date: Q1 2021, status: done, category: review}
          - {id: early, title: Early, date: early 2021, status: done, category: review}
          - {id: month, title: Month, date: 2021-03, status: done, category: review}
          - {id: day, title: Day, date: 1 March 2021, status: done, category: review}
        """,
    )
    data = output(invoke, "timeline", "--file", timeline, "--today", TODAY)
    got = {
        m["id"]: (m["date"]["text"], m["date"]["start"], m["date"]["end"], m["date"]["precision"])
        for m in data["milestones"]
    }
    assert got == {
        # Winter runs December to February, into the next year (a leap year here).
        "winter": ("Winter 2023", "2023-12-01", "2024-02-29", "season"),
        "spring": ("Spring 2021", "2021-03-01", "2021-05-31", "season"),
        "year": ("2021", "2021-01-01", "2021-12-31", "year"),
        "quarter": ("Q1 2021", "2021-01-01", "2021-03-31", "quarter"),
        "early": ("early 2021", "2021-01-01", "2021-04-30", "part-of-year"),
        "month": ("2021-03", "2021-03-01", "2021-03-31", "month"),
        "day": ("1 March 2021", "2021-03-01", "2021-03-01", "day"),
    }
    # In order by first day, then the more exact first: a program sorting the JSON gets the same.
    assert [m["id"] for m in data["milestones"]] == ["quarter", "early", "year", "day", "month", "spring", "winter"]
    keys = [(m["date"]["start"], PRECISION_ORDER[m["date"]["precision"]]) for m in data["milestones"]]
    assert keys == sorted(keys)


def test_the_timeline_order_can_be_rebuilt_from_the_json(invoke: Invoke) -> None:
    data = output(invoke, "timeline", "--today", TODAY, "--document", GREEN_PAPER)
    placed = [m for m in data["milestones"] if m["date"] is not None or m["projection"] is not None]
    assert placed == data["milestones"][: len(placed)], "undated milestones come last"

    def key(m: dict[str, Any]) -> tuple[str, int]:
        # A projected window sorts at its first day, after the dated milestones of that day.
        if m["date"] is not None:
            return (m["date"]["start"], PRECISION_ORDER[m["date"]["precision"]])
        return (m["projection"]["earliest"]["start"], 99)

    assert [key(m) for m in placed] == sorted(key(m) for m in placed)


def test_a_date_written_as_a_date_in_yaml_keeps_its_text(invoke: Invoke, write: Any) -> None:
    paper = write(
        "dates.yaml",
        """
        document:
          title: A paper
          kind: green-paper
          published: 29 March 2022
          consultation: {opens: Spring 2022, closes: "2022-07"}
        proposals: []
        """,
    )
    document = output(invoke, "compare", paper)["document"]
    assert document["published"]["text"] == "29 March 2022"
    assert (document["consultation"]["opens"]["text"], document["consultation"]["opens"]["end"]) == (
        "Spring 2022",
        "2022-05-31",
    )
    assert document["consultation"]["closes"]["end"] == "2022-07-31"


def test_precision_names_cover_every_precision() -> None:
    assert set(PRECISION_NAMES) == set(Precision)
    assert len(set(PRECISION_NAMES.values())) == len(Precision)


def test_the_table_in_docs_json_md_is_right() -> None:
    text = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (`.+?) \| (\d{4}-\d\d-\d\d) \| (\d{4}-\d\d-\d\d) \| `([a-z-]+)` \|$", text, re.MULTILINE)
    assert len(rows) >= 11
    for written, start, end, precision in rows:
        for form in re.findall(r"`([^`]+)`", written):
            date = FuzzyDate.parse(form)
            assert (date.start.isoformat(), date.end.isoformat(), PRECISION_NAMES[date.precision]) == (
                start,
                end,
                precision,
            ), form


def test_statement_templates_get_dates_as_words_not_objects() -> None:
    from sendreview.analysis.statement import Statement

    schema = json.dumps(Statement.model_json_schema(mode="serialization"))
    assert "DateRange" not in schema, "a statement template would print a date object; give it words (wording.written)"


def test_a_date_running_past_the_calendar_ends_on_its_last_day(invoke: Invoke, write: Any) -> None:
    timeline = write(
        "far.yaml",
        "milestones:\n  - {id: far, title: Far off, date: Winter 9999, status: expected, category: review}\n",
    )
    far = output(invoke, "timeline", "--file", timeline, "--today", TODAY)["milestones"][0]["date"]
    assert far == {"text": "Winter 9999", "start": "9999-12-01", "end": "9999-12-31", "precision": "season"}
