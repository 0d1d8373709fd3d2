"""The forward-looking timeline: projections from the rules, slippage, overdue on a fixed day,
`timeline next`, the real record, and the calendar and picture exports."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sendreview.analysis.projection import Projection, project
from sendreview.api import load_timeline
from sendreview.models.dates import FuzzyDate
from sendreview.models.timeline import Timeline
from tests.conftest import GREEN_PAPER, ROOT, Invoke

Write = Callable[[str, str], Path]
SVG = "{http://www.w3.org/2000/svg}"
TODAY = "2026-11-28"  # the day the README's examples and docs/timeline.svg are made for


def open_forecasts() -> Timeline:
    """The bundled timeline with every forecast treated as still open, to test the date arithmetic
    (the bundled Green Paper forecasts are marked missed, so they are never overdue)."""
    timeline = load_timeline()
    rules = tuple(rule.model_copy(update={"outcome": "open", "instead": ""}) for rule in timeline.rules)
    return timeline.model_copy(update={"rules": rules})


def projected(published: str, *, today: str = TODAY) -> dict[str, Projection]:
    found = project(open_forecasts(), FuzzyDate.parse(published), today=dt.date.fromisoformat(today))
    return {p.milestone: p for p in found}


def timeline_json(invoke: Invoke, *args: str | Path) -> dict[str, Any]:
    result = invoke("timeline", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def entry(data: dict[str, Any], milestone: str) -> dict[str, Any]:
    return next(m for m in data["milestones"] if m["id"] == milestone)


def day(date: dict[str, Any] | None) -> str | None:
    """An exact day from the JSON, as its ISO text; a range or a missing day fails the test."""
    if date is None:
        return None
    assert date["start"] == date["end"] and date["precision"] == "day", date
    return date["start"]  # type: ignore[no-any-return]


# --- projections: the date arithmetic ---------------------------------------------------


def test_green_paper_of_29_march_2022_puts_the_act_18_to_24_months_later() -> None:
    found = projected("2022-03-29")
    act = found["act"]
    assert (act.earliest, act.latest) == (dt.date(2023, 9, 29), dt.date(2024, 3, 29))
    assert (act.at_least, act.at_most, act.after) == ("18 months", "2 years", "green-paper")
    closes = found["consultation-closes"]
    assert (closes.earliest, closes.latest) == (dt.date(2022, 6, 21), None)  # 12 weeks, no latest day
    assert (found["white-paper"].earliest, found["white-paper"].latest) == (dt.date(2022, 6, 21), dt.date(2024, 3, 29))
    assert set(found) == {"consultation-closes", "white-paper", "bill", "act"}


@pytest.mark.parametrize(
    ("published", "earliest", "latest"),
    [
        # Month ends are held at the last day of the shorter month, and leap days count.
        ("2022-08-31", dt.date(2024, 2, 29), dt.date(2024, 8, 31)),
        ("2023-08-31", dt.date(2025, 2, 28), dt.date(2025, 8, 31)),
        ("2024-02-29", dt.date(2025, 8, 29), dt.date(2026, 2, 28)),
        ("2022-12-31", dt.date(2024, 6, 30), dt.date(2024, 12, 31)),
        # A paper known only to its month or season: from its first day to its last.
        ("March 2022", dt.date(2023, 9, 1), dt.date(2024, 3, 31)),
        ("Winter 2023", dt.date(2025, 6, 1), dt.date(2026, 2, 28)),
    ],
)
def test_act_window_at_month_ends_and_leap_years(published: str, earliest: dt.date, latest: dt.date) -> None:
    act = projected(published)["act"]
    assert (act.earliest, act.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("published", "closes"),
    [
        ("2022-03-29", dt.date(2022, 6, 21)),
        ("2024-01-31", dt.date(2024, 4, 24)),  # through a leap February: 84 days
        ("2023-01-31", dt.date(2023, 4, 25)),
        ("2025-12-15", dt.date(2026, 3, 9)),  # across the new year
    ],
)
def test_consultation_closes_no_earlier_than_12_weeks(published: str, closes: dt.date) -> None:
    assert projected(published)["consultation-closes"].earliest == closes


@pytest.mark.parametrize(
    ("today", "status", "days_overdue"),
    [
        ("2024-03-28", "projected", None),
        ("2024-03-29", "projected", None),  # the last day of the window is still in time
        ("2024-03-30", "overdue", 1),
        ("2026-11-28", "overdue", 974),
    ],
)
def test_overdue_only_once_the_last_day_has_passed(today: str, status: str, days_overdue: int | None) -> None:
    act = projected("2022-03-29", today=today)["act"]
    assert (act.status, act.days_overdue) == (status, days_overdue)


def test_a_paper_of_a_kind_the_timeline_has_no_milestone_for_projects_nothing() -> None:
    assert project(load_timeline(), dt.date(2022, 3, 29), today=dt.date(2026, 1, 1), kind="other") == ()


def test_rules_chain_from_a_projected_milestone(invoke: Invoke, write: Write) -> None:
    timeline = write(
        "chain.yaml",
        """
        milestones:
          - {id: paper, title: Paper, date: 31 January 2024, status: done, category: review}
          - {id: response, title: Response, status: expected, category: review}
          - {id: law, title: Law, status: expected, category: legislation}
        rules:
          - {from: response, to: law, at_least: 1 year, at_most: 2 years}
          - {from: paper, to: response, at_least: 1 month, at_most: 3 months}
        """,
    )
    data = timeline_json(invoke, "--file", timeline, "--today", "2024-03-01")
    law = entry(data, "law")["projection"]
    # 31 January 2024 + 1 month = 29 February 2024 (leap year), + 1 year = 28 February 2025.
    assert (day(law["earliest"]), day(law["latest"])) == ("2025-02-28", "2026-04-30")
    assert law["earliest"]["text"] == "28 February 2025"
    assert entry(data, "law")["status"] == "projected"


# --- the timeline view: real record, slippage, overdue, --document -----------------------


def test_the_decks_forecast_shows_as_missed_with_what_happened_instead(invoke: Invoke) -> None:
    result = invoke("timeline", "--document", GREEN_PAPER)  # today: the real date, long after March 2024
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    closes = next(i for i, line in enumerate(lines) if line.startswith("│ 2022-07-22 "))
    assert "Green Paper consultation" in lines[closes] and "✔ done" in lines[closes]
    act = next(i for i, line in enumerate(lines) if "│ Act of Parliament " in line)
    assert lines[act].startswith("│ 29 September 2023 to │") and "⊘ did-not-happen" in lines[act]
    words = " ".join(line.split("│")[2].strip() for line in lines if line.count("│") > 3)
    assert "The NNPCF's 2021 briefing expected it 18 months to 2 years after Green Paper" in words
    assert "That forecast was missed; instead: the Improvement Plan (2 March 2023) and no Bill" in words
    assert "overdue" not in result.output.replace("Projected and overdue", "")


def test_document_dates_replace_the_timeline_dates(invoke: Invoke) -> None:
    data = timeline_json(invoke, "--document", GREEN_PAPER, "--today", TODAY)
    assert data["document"]["title"] == "SEND Review: Right support, Right place, Right time"
    assert (day(entry(data, "green-paper")["date"]), day(entry(data, "consultation-closes")["date"])) == (
        "2022-03-29",
        "2022-07-22",
    )
    act = entry(data, "act")
    assert act["status"] == "did-not-happen"
    assert (day(act["projection"]["earliest"]), day(act["projection"]["latest"])) == ("2023-09-29", "2024-03-29")
    assert (act["projection"]["status"], act["projection"]["days_overdue"]) == ("missed", None)
    assert act["projection"]["by"] == "The NNPCF's 2021 briefing"


def test_the_record_shows_how_late_the_green_paper_came(invoke: Invoke) -> None:
    data = timeline_json(invoke, "--today", TODAY)
    green = entry(data, "green-paper")
    assert (green["date"]["text"], day(green["date"]), green["status"]) == ("29 March 2022", "2022-03-29", "done")
    assert [p["date"]["text"] for p in green["planned"]] == ["early 2021", "Spring 2021", "Q1 2022"]
    assert all(p["source"] for p in green["planned"])
    # Promised for early 2021 (to 30 April 2021), came 29 March 2022; it met the third promise.
    early = {"text": "early 2021", "start": "2021-01-01", "end": "2021-04-30", "precision": "part-of-year"}
    assert green["slippage"] == {"first_promised": early, "times": 2, "days_late": 333, "arrived": True}
    closes = entry(data, "consultation-closes")
    assert (closes["slippage"]["days_late"], closes["days_before_window"], closes["days_after_window"]) == (
        21,
        None,
        None,
    )
    # The 2026 paper is a paper of its own, not the late White Paper of the 2022 Green Paper.
    assert entry(data, "white-paper")["status"] == "did-not-happen"
    new = entry(data, "schools-white-paper-2026")
    assert (new["date"]["text"], new["status"], new["days_after_window"]) == ("23 February 2026", "done", None)


def test_the_record_corrects_the_deck_beside_its_own_words(invoke: Invoke) -> None:
    data = timeline_json(invoke, "--today", TODAY)
    report = entry(data, "initial-report")
    assert (report["date"]["text"], report["status"]) == ("Spring 2021", "did-not-happen")
    assert report["record"] and all(r["source"] for r in report["record"])
    assert [r["date"]["text"] for r in entry(data, "new-government")["record"]] == ["December 2019"]
    called = entry(data, "election-called")["record"][0]
    assert "legislation.gov.uk/ukpga/2019/29" in called["source"]
    assert entry(data, "general-election-2019")["date"]["text"] == "12 December 2019"
    assert entry(data, "care-review-launched")["date"]["text"] == "15 January 2021"
    assert (
        "Opportunity for all: strong schools with great teachers for your child"
        in (entry(data, "schools-white-paper-2022")["title"])
    )
    assert "no immediate plans to change the law" in entry(data, "improvement-plan")["notes"]
    assert "national standards" in entry(data, "improvement-plan")["notes"]


def test_table_says_how_late_and_nothing_is_overdue(invoke: Invoke) -> None:
    result = invoke("timeline", "--today", TODAY, "--since", "2022-03-29", "--until", "2022-03-29")
    assert result.exit_code == 0, result.output
    milestone_column = " ".join(line.split("│")[2].strip() for line in result.output.splitlines() if "│" in line)
    assert (
        "Green Paper Came about 11 months late: promised early 2021, then Spring 2021, then Q1 2022 (slipped twice)."
        in milestone_column
    )
    result = invoke("timeline", "--today", TODAY, "--status", "overdue", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert not [line for line in result.stdout.splitlines() if "✘ overdue" in line]


@pytest.mark.parametrize(
    ("today", "status", "ids"),
    [
        ("2022-04-01", "expected", ["national-standards-published", "ehcp-templates"]),
        ("2024-03-30", "did-not-happen", ["initial-report", "white-paper", "bill", "act"]),
        ("2024-03-30", "lapsed", ["dfe-national-consultation-event", "dfe-regional-consultation-events",
                                 "national-engagement-event", "regional-events", "formal-response"]),
    ],
)  # fmt: skip
def test_status_filter_and_today(invoke: Invoke, today: str, status: str, ids: list[str]) -> None:
    data = timeline_json(invoke, "--today", today, "--status", status)
    assert [m["id"] for m in data["milestones"]][: len(ids)] == ids
    assert day(data["today"]) == today


def test_paper_published_today_with_a_short_consultation(invoke: Invoke, write: Write) -> None:
    paper = write(
        "new-paper.yaml",
        """
        document:
          title: A new Green Paper
          kind: green-paper
          published: 2030-01-10
          consultation: {opens: 2030-01-10, closes: 2030-02-01}
        proposals: []
        """,
    )
    data = timeline_json(invoke, "--document", paper, "--today", "2030-01-10")
    assert entry(data, "green-paper")["status"] == "done"
    closes = entry(data, "consultation-closes")
    # Three weeks, not twelve: the rule's earliest close is 4 April 2030, 62 days later.
    assert (closes["status"], day(closes["date"]), closes["days_before_window"]) == ("expected", "2030-02-01", 62)
    act = entry(data, "act")
    # The bundled forecast for the Act is a missed one: its window is shown, never as due.
    assert (act["projection"]["status"], day(act["projection"]["earliest"]), day(act["projection"]["latest"])) == (
        "missed",
        "2031-07-10",
        "2032-01-10",
    )
    result = invoke("timeline", "--document", paper, "--today", "2030-01-10", "--since", "2030-02")
    words = " ".join(line.split("│")[2].strip() for line in result.output.splitlines() if line.count("│") > 3)
    assert "about 2 months too soon" in words


def test_document_of_a_kind_with_no_milestone_is_refused(invoke: Invoke, write: Write) -> None:
    paper = write("other.yaml", "document: {title: A letter, kind: other, published: 2024-01-01}\nproposals: []\n")
    result = invoke("timeline", "--document", paper)
    assert result.exit_code == 2
    assert "no milestone for the publication of a paper of kind 'other'" in result.stderr
    assert "Traceback" not in result.output


def test_bad_document_and_bad_today_are_reported_together(invoke: Invoke) -> None:
    result = invoke("timeline", "--document", ROOT / "examples" / "mistakes.yaml", "--today", "2026-02-30")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "--today: '2026-02-30' is not a real date: February 2026 has 28 days"
    assert any(line.endswith("unknown field 'titel' (did you mean 'title'?)") for line in lines)


@pytest.mark.parametrize("today", ["2026", "March 2026", "tomorrow"])
def test_today_must_be_a_day(invoke: Invoke, today: str) -> None:
    result = invoke("timeline", "next", "--today", today)
    assert result.exit_code == 2
    assert result.stderr.startswith("--today: ")


# --- timeline next -------------------------------------------------------------------


def test_next_on_publication_day_counts_the_days(invoke: Invoke) -> None:
    result = invoke("timeline", "next", "--today", "2022-04-01", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # The Green Paper's Bill and Act never came, so they are not "next" even on its publication day.
    assert [(m["id"], m["days_until"], m["days_until_latest"]) for m in data["milestones"]] == [
        ("national-standards-published", 1006, 1370),
        ("ehcp-templates", 1006, 1370),
    ]
    assert "Formal NNPCF response to the Green Paper" in data["undated"]


def test_next_shows_no_stale_steps_and_nothing_overdue(invoke: Invoke) -> None:
    result = invoke("timeline", "next", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Nothing dated or projected is still to come.")
    assert "overdue" not in result.output
    assert "Bill for the 2026 SEND reforms" in result.output
    assert "Formal NNPCF response to the Green Paper" not in result.output


def test_next_with_a_paper_of_the_future(invoke: Invoke, write: Write) -> None:
    paper = write(
        "future.yaml",
        "document: {title: Future, kind: green-paper, published: 2030-01-10,"
        " consultation: {closes: 2030-04-04}}\nproposals: []\n",
    )
    result = invoke("timeline", "next", "--document", paper, "--today", "2030-03-25", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "| 2030-04-04 | Green Paper consultation closes | … expected | in 10 days |" in result.stdout


def test_options_before_next_are_refused_not_ignored(invoke: Invoke) -> None:
    result = invoke("timeline", "--format", "json", "next")
    assert result.exit_code == 2
    assert "put --format after 'next'" in result.stderr


def test_next_has_help_with_an_example(invoke: Invoke) -> None:
    result = invoke("timeline", "next", "--help")
    assert result.exit_code == 0, result.output
    assert "Example: sendreview timeline next" in result.output


@pytest.mark.parametrize(
    ("kind", "args"),
    [("timeline-view", ("timeline",)), ("timeline-next", ("timeline", "next"))],
)
def test_json_matches_the_published_schema(invoke: Invoke, kind: str, args: tuple[str, ...]) -> None:
    import jsonschema

    from sendreview.schemas import schema_dict

    published = ROOT / "docs" / "schemas" / f"{kind}.schema.json"
    result = invoke("schema", kind)
    assert result.exit_code == 0, result.output
    assert result.stdout == published.read_text(encoding="utf-8"), f"run: sendreview schema {kind} > {published}"
    for today in ("2022-04-01", TODAY):
        result = invoke(*args, "--format", "json", "--today", today, "--document", GREEN_PAPER)
        assert result.exit_code == 0, result.output
        jsonschema.validate(json.loads(result.stdout), schema_dict(kind))


# --- ICS -------------------------------------------------------------------------------


def _calendar(invoke: Invoke, *args: str | Path) -> Any:
    from icalendar import Calendar

    result = invoke("timeline", "--format", "ics", "--today", TODAY, *args)
    assert result.exit_code == 0, result.output
    return Calendar.from_ical(result.stdout_bytes)


def test_ics_round_trips_with_an_event_per_dated_or_projected_milestone(invoke: Invoke) -> None:
    data = timeline_json(invoke, "--today", TODAY)
    placed = [
        m
        for m in data["milestones"]
        if (m["date"] is not None or m["projection"] is not None) and m["status"] not in ("did-not-happen", "lapsed")
    ]
    events = {str(e["UID"]): e for e in _calendar(invoke).walk("VEVENT")}
    assert set(events) == {f"{m['id']}@sendreview" for m in placed}
    # What never happened is no event: the deck's Act and its Initial Report.
    assert "act@sendreview" not in events and "initial-report@sendreview" not in events
    ratified = events["consultation-closes@sendreview"]
    assert str(ratified["STATUS"]) == "CONFIRMED"
    green = events["green-paper@sendreview"]
    assert (green.decoded("DTSTART"), str(green["STATUS"])) == (dt.date(2022, 3, 29), "CONFIRMED")
    assert green.decoded("DTEND") == dt.date(2022, 3, 30)


def test_ics_spans_a_date_known_only_to_its_season(invoke: Invoke, write: Write) -> None:
    timeline = write(
        "fuzzy.yaml",
        """
        milestones:
          - {id: spring, title: Spring review, date: Spring 2021, status: done, category: review}
          - {id: next, title: Next step, status: expected, category: legislation}
        rules:
          - {from: spring, to: next, at_least: 18 months, at_most: 2 years}
        """,
    )
    events = {str(e["UID"]): e for e in _calendar(invoke, "--file", timeline).walk("VEVENT")}
    spring = events["spring@sendreview"]
    assert (spring.decoded("DTSTART"), spring.decoded("DTEND")) == (dt.date(2021, 3, 1), dt.date(2021, 6, 1))
    assert str(spring["SUMMARY"]).endswith("Spring 2021)")  # the title says how precise the date is
    assert "some time from 1 March 2021 to 31 May 2021" in str(spring["DESCRIPTION"])
    step = events["next@sendreview"]
    assert step.decoded("DTSTART") == dt.date(2022, 9, 1)  # a window: an all-day event on its first day
    assert step.decoded("DTEND") == dt.date(2022, 9, 2)
    assert "between 1 September 2022 and" in str(step["SUMMARY"])


def test_ics_spans_a_date_known_only_to_a_month_season_or_year(invoke: Invoke, write: Write) -> None:
    timeline = write(
        "fuzzy.yaml",
        """
        milestones:
          - {id: winter, title: Winter meeting, date: Winter 2023, status: done, category: review}
          - {id: year, title: Report, date: "2021", status: done, category: review}
          - {id: quarter, title: Survey, date: Q1 2022, status: done, category: review}
          - {id: early, title: Review, date: early 2021, status: done, category: review}
          - {id: month, title: Bill, date: June 2030, status: expected, category: legislation}
          - {id: day, title: Paper, date: 1 March 2021, status: done, category: review}
          - {id: far, title: Far off, date: Winter 9999, status: expected, category: review}
        """,
    )
    events = {
        str(e["UID"]).removesuffix("@sendreview"): e for e in _calendar(invoke, "--file", timeline).walk("VEVENT")
    }

    def event(uid: str) -> tuple[dt.date, dt.date | None, str]:
        found = events[uid]
        end = found.decoded("DTEND") if "DTEND" in found else None
        return found.decoded("DTSTART"), end, str(found["SUMMARY"])

    # All-day events end on the day after their last day (RFC 5545).
    assert event("winter") == (dt.date(2023, 12, 1), dt.date(2024, 3, 1), "Winter meeting (Winter 2023)")
    assert event("year") == (dt.date(2021, 1, 1), dt.date(2022, 1, 1), "Report (2021)")
    assert event("quarter") == (dt.date(2022, 1, 1), dt.date(2022, 4, 1), "Survey (Q1 2022)")
    assert event("early") == (dt.date(2021, 1, 1), dt.date(2021, 5, 1), "Review (early 2021)")
    assert event("month") == (dt.date(2030, 6, 1), dt.date(2030, 7, 1), "Bill (expected, June 2030)")
    assert event("day") == (dt.date(2021, 3, 1), dt.date(2021, 3, 2), "Paper")
    # The calendar's last day cannot be followed by another: the event keeps its start and its words.
    assert event("far") == (dt.date(9999, 12, 1), None, "Far off (expected, Winter 9999)")


def test_ics_uids_are_stable_so_a_reimport_updates(invoke: Invoke) -> None:
    first = [str(e["UID"]) for e in _calendar(invoke).walk("VEVENT")]
    later = [str(e["UID"]) for e in _calendar(invoke, "--document", GREEN_PAPER).walk("VEVENT")]
    assert first == later
    assert len(first) == len(set(first))


def test_ics_writes_a_file_and_never_over_one_without_force(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "review.ics"
    result = invoke("timeline", "--format", "ics", "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    result = invoke("timeline", "--format", "ics", "-o", target)
    assert result.exit_code == 2
    assert "already exists; use --force to replace it" in result.stderr
    assert invoke("timeline", "--format", "ics", "-o", target, "--force").exit_code == 0


def test_table_cannot_go_to_a_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("timeline", "-o", tmp_path / "t.txt")
    assert result.exit_code == 2
    assert "timeline cannot write a .txt file; it writes files ending .md, .json, .ics, .svg" in result.stderr
    assert not (tmp_path / "t.txt").exists()
    result = invoke("timeline", "-f", "table", "-o", tmp_path / "t.md")
    assert result.exit_code == 2
    assert "--format table is a table for the screen" in result.stderr
    assert not (tmp_path / "t.md").exists()


# --- SVG -------------------------------------------------------------------------------


def _svg(invoke: Invoke, *args: str | Path) -> ET.Element:
    result = invoke("timeline", "--format", "svg", "--today", TODAY, *args)
    assert result.exit_code == 0, result.output
    return ET.fromstring(result.stdout)  # well-formed XML, or this raises


def test_svg_is_well_formed_accessible_and_self_contained(invoke: Invoke) -> None:
    svg = _svg(invoke)
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "sendreview-timeline-title sendreview-timeline-desc"
    assert svg.find(f"{SVG}title").text == "The SEND review: timeline"  # type: ignore[union-attr]
    desc = svg.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert (
        "Act of Parliament: The NNPCF's 2021 briefing expected it 18 months to 2 years after Green Paper (between"
        " 29 September 2023 and 29 March 2024). That forecast was missed;" in desc
    )
    assert "overdue" not in desc
    tags = {element.tag.removeprefix(SVG) for element in svg.iter()}
    assert not tags & {"script", "style", "foreignObject", "image", "a"}
    assert not [name for element in svg.iter() for name in element.attrib if name.startswith("on")]
    texts = [element.text or "" for element in svg.iter(f"{SVG}text")]
    # Status is written in words beside each mark, not shown by colour alone.
    assert "Sep 2023 to Mar 2024 · did-not-happen" in texts
    assert "Spring 2021 · did-not-happen" in texts  # the Initial Report
    assert "29 March 2022 · done" in texts
    assert "Act of Parliament" in texts and "Green Paper" in texts
    assert any(t.startswith("NNPCF involvement: Initial discussions") for t in texts)
    assert "2019" in texts and "2026" in texts
    assert "Today, 28 November 2026" in texts


def test_svg_keeps_text_from_yaml_as_text(invoke: Invoke, write: Write) -> None:
    timeline = write(
        "tricky.yaml",
        """
        milestones:
          - {id: a, title: "<script>alert(1)</script> & \\u001b[31mred\\u0007", date: 2024-02-29,
             status: done, category: review}
          - {id: b, title: B, date: 2025, status: expected, category: review}
        periods:
          - {from: a, to: b, involvement: ["</svg><svg onload=x>"]}
        """,
    )
    svg = _svg(invoke, "--file", timeline)
    assert not [e for e in svg.iter() if e.tag.removeprefix(SVG) == "script"]
    assert not [name for element in svg.iter() for name in element.attrib if name.startswith("on")]
    texts = [element.text or "" for element in svg.iter(f"{SVG}text")]
    assert "<script>alert(1)</script> & red" in texts  # the escape sequence and the bell are dropped
    assert "NNPCF involvement: </svg><svg onload=x>" in texts


def test_readme_picture_is_up_to_date(invoke: Invoke) -> None:
    result = invoke("timeline", "--format", "svg", "--today", TODAY)
    assert result.exit_code == 0, result.output
    picture = ROOT / "docs" / "timeline.svg"
    assert result.stdout == picture.read_text(encoding="utf-8"), (
        f"run: sendreview timeline --format svg --today {TODAY} -o docs/timeline.svg --force"
    )


# --- bad input: every problem, with its place --------------------------------------------

BAD_TIMELINE = """
milestones:
  - {id: a, title: A, date: 2022-03-29, status: done, category: review}
  - {id: b, title: B, status: expected, category: review, planned: [{date: Sprung 2023, source: x}]}
  - {id: c, title: C, status: expected, category: review}
periods:
  - {from: a, to: b, involvement: [one]}
  - {from: b, to: a, involvement: [two]}
  - {from: c, to: c, involvement: [three]}
rules:
  - {from: a, to: b, at_least: -12 weeks}
  - {from: a, to: d, at_most: 2 years}
  - {from: a, to: c, at_least: 2 years, at_most: 18 months}
  - {from: c, to: a, at_least: twelve weeks}
  - {from: b, to: c}
"""


def test_bad_timeline_reports_every_problem_with_its_place(invoke: Invoke, write: Write) -> None:
    path = write("bad.yaml", BAD_TIMELINE)
    for args in (("timeline", "--file", path), ("timeline", "next", "--file", path), ("validate", path)):
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output
        assert result.stderr.splitlines() == [
            f"{path}:3:76: cannot read 'Sprung 2023' as a date; write it as 2022-03-29, 29 March 2022, 2019-09,"
            " September 2019, Q1 2022, Spring 2021, early 2021 or 2021",
            f"{path}:7:19: this period from 'b' to 'a' makes a loop (b -> a -> b); periods must lead forward in time",
            f"{path}:8:19: this period from 'c' to 'c' makes a loop (c -> c); periods must lead forward in time",
            f"{path}:10:32: '-12 weeks' is a negative duration: a rule counts forward from one milestone to the next,"
            " so write how long after, like '12 weeks'",
            f"{path}:11:19: unknown milestone 'd'",
            f"{path}:12:50: at_most '18 months' is shorter than at_least '2 years'; swap them or fix one",
            f"{path}:13:19: this rule from 'c' to 'a' makes a loop (c -> a -> c); rules must lead forward in time",
            f"{path}:13:32: cannot read 'twelve weeks' as a length of time; write it as a number and a unit,"
            " like 12 weeks, 18 months or 2 years",
            f"{path}:14:5: the rule for 'c' needs 'at_least', 'at_most' or both",
            f"{path}:14:19: duplicate rule for milestone 'c' (first used on line 12)",
        ]


def test_unknown_rule_milestone_suggests_the_close_one(invoke: Invoke, write: Write) -> None:
    path = write(
        "typo.yaml",
        """
        milestones:
          - {id: green-paper, title: Green Paper, date: 2022-03-29, status: done, category: review}
          - {id: act, title: Act, status: expected, category: legislation}
        rules:
          - {from: green-papr, to: act, at_least: 18 months}
        """,
    )
    result = invoke("timeline", "--file", path)
    assert result.exit_code == 2
    assert result.stderr == f"{path}:5:12: unknown milestone 'green-papr' (did you mean 'green-paper'?)\n"


def test_a_paper_date_may_stand_for_one_milestone_only(invoke: Invoke, write: Write) -> None:
    path = write(
        "twice.yaml",
        """
        milestones:
          - {id: a, title: A, status: expected, category: review, document_date: {kind: green-paper, field: published}}
          - {id: b, title: B, status: expected, category: review, document_date: {kind: green-paper, field: published}}
          - {id: c, title: C, status: expected, category: review, document_date: {kind: green-paper, field: issued}}
        """,
    )
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:3:74: duplicate document date 'green-paper published' (first used on line 2)",
        f"{path}:4:101: 'issued' is not a valid field: use 'published', 'consultation.opens' or 'consultation.closes'",
    ]
