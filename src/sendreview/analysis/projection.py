"""Project when milestones are due from the timeline's rules ("a consultation of at least 12 weeks",
"Green Paper to Act in 18 months to 2 years"), counted from a paper's publication date.

A rule counts from its `from` milestone's first possible day to its earliest, and from its last
possible day to its latest: a Green Paper of "March 2022" puts the Act between 1 September 2023
and 31 March 2024. A window whose latest day has passed is `overdue`, unless the rule is a
forecast that events did not follow (`outcome: missed`): then it is `missed`, never overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

from sendreview.analysis.result import Result
from sendreview.models.dates import Day, Duration, FuzzyDate
from sendreview.models.document import DocumentKind
from sendreview.models.timeline import DocumentField, Milestone, Rule, Timeline

ProjectionStatus = Literal["projected", "overdue", "missed"]
Span = tuple[dt.date, dt.date | None]  # first and last possible day; None: no last day


class Projection(Result):
    """When the rules say a milestone is due, and whether that time has passed."""

    milestone: str
    title: str
    after: str
    after_title: str
    at_least: str | None
    at_most: str | None
    earliest: Day
    latest: Day | None
    status: ProjectionStatus
    days_overdue: int | None
    by: str = ""
    """Who made the forecast, as the rule says ('' when it does not)."""
    instead: str = ""
    """For a missed forecast: what happened instead."""
    source: str


def project(
    timeline: Timeline,
    published: FuzzyDate | dt.date,
    *,
    today: dt.date,
    kind: DocumentKind = "green-paper",
) -> tuple[Projection, ...]:
    """Project every milestone the rules reach from a paper of `kind` published on `published`.

    The paper is the milestone whose `document_date` is `{kind: ..., field: published}`; rules
    from it, and rules from the milestones those rules project, are followed. The timeline's own
    dates are not used, so this answers "what follows from this paper, as of `today`?".
    """
    anchor = paper_milestone(timeline, kind, "published")
    if anchor is None:
        return ()
    date = published if isinstance(published, FuzzyDate) else FuzzyDate.parse(published)
    return tuple(projections(timeline, {anchor.id: (date.start, date.end)}, today=today).values())


def paper_milestone(timeline: Timeline, kind: DocumentKind, field: DocumentField) -> Milestone | None:
    """The milestone that stands for this date of a paper of this kind, if the timeline has one."""
    for milestone in timeline.milestones:
        paper = milestone.document_date
        if paper is not None and paper.kind == kind and paper.field == field:
            return milestone
    return None


def projections(timeline: Timeline, known: Mapping[str, Span], *, today: dt.date) -> dict[str, Projection]:
    """Projections for every rule whose `from` milestone is known or itself projected, by milestone id.

    A rule counts from a milestone's known dates when it has them, else from its projection.
    Rules are followed in whatever order they come; loops (refused when a file is loaded) are
    simply never reached.
    """
    titles = {m.id: m.title for m in timeline.milestones}
    found: dict[str, Projection] = {}
    waiting = list(timeline.rules)
    while waiting:
        ready = [rule for rule in waiting if rule.start in known or rule.start in found]
        if not ready:
            break
        for rule in ready:
            waiting.remove(rule)
            if rule.start in known:
                span = known[rule.start]
            else:
                counted = found[rule.start]
                span = (counted.earliest, counted.latest)
            found[rule.end] = _project(rule, span, titles, today)
    return found


def _project(rule: Rule, span: Span, titles: Mapping[str, str], today: dt.date) -> Projection:
    start, end = span
    earliest = _after(rule.at_least, start) if rule.at_least is not None else start
    latest = _after(rule.at_most, end) if rule.at_most is not None and end is not None else None
    missed = rule.outcome == "missed"
    overdue = not missed and latest is not None and latest < today
    # Made here from the checked rule, in the fields' own types: no validator needed (as in `timeline`).
    return Projection.model_construct(
        milestone=rule.end,
        title=titles.get(rule.end, rule.end),
        after=rule.start,
        after_title=titles.get(rule.start, rule.start),
        at_least=str(rule.at_least) if rule.at_least is not None else None,
        at_most=str(rule.at_most) if rule.at_most is not None else None,
        earliest=earliest,
        latest=latest,
        status="missed" if missed else "overdue" if overdue else "projected",
        days_overdue=(today - latest).days if overdue and latest is not None else None,
        by=rule.by,
        instead=rule.instead,
        source=rule.source,
    )


def _after(duration: Duration, day: dt.date) -> dt.date:
    """The day `duration` after `day`, held at the calendar's last day rather than failing past it."""
    try:
        return duration.after(day)
    except (OverflowError, ValueError):
        return dt.date.max
