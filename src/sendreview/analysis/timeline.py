"""Put the timeline in order: what happened, how late it came, what the rules project next, and
what is overdue on a given day.

A milestone's status is its own (`done`, `expected`, `pending`, `did-not-happen`) unless it has no
date and a rule projects it: then it is `projected`, or `overdue` once the latest day the rules
allow has passed. A rule that is a missed forecast never makes a milestone overdue: the milestone
keeps its own status. A step still `expected` whose stage (a paper's consultation) has closed has
`lapsed`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sendreview.analysis.projection import Projection, Span, paper_milestone, projections
from sendreview.analysis.result import Result
from sendreview.errors import SendReviewError
from sendreview.models.dates import Day, FuzzyDate
from sendreview.models.document import DocumentInfo
from sendreview.models.timeline import Category, Milestone, Period, Planned, Record, Rule, Timeline
from sendreview.terms import KIND_TITLES

EntryStatus = Literal["done", "expected", "pending", "projected", "overdue", "did-not-happen", "lapsed"]
ENTRY_STATUSES: tuple[EntryStatus, ...] = (
    "done",
    "expected",
    "pending",
    "projected",
    "overdue",
    "did-not-happen",
    "lapsed",
)


class Slippage(Result):
    """How a milestone fared against the dates promised for it."""

    first_promised: FuzzyDate
    times: int
    """Promised dates that passed before it came (or, if it has not come, before today)."""
    days_late: int
    """Days from the last day of the first promise to the day it came (or to today); 0 if on time."""
    arrived: bool


class TimelineEntry(Result):
    """One milestone as the reader sees it on a given day."""

    id: str
    title: str
    date: FuzzyDate | None
    status: EntryStatus
    category: Category
    notes: str
    source: str
    planned: tuple[Planned, ...]
    record: tuple[Record, ...]
    stage: str | None
    slippage: Slippage | None
    projection: Projection | None
    days_before_window: int | None
    """For a dated milestone the rules project: days it came before the earliest they allow."""
    days_after_window: int | None
    """For a dated milestone the rules project: days it came after the latest they allow."""

    @property
    def sort_date(self) -> dt.date | None:
        """The first day it may fall on: its date, or the start of its projected window."""
        if self.date is not None:
            return self.date.start
        return self.projection.earliest if self.projection is not None else None


class TimelineView(Result):
    """The timeline on a given day, in date order (undated last): the JSON output."""

    today: Day
    document: DocumentInfo | None
    milestones: tuple[TimelineEntry, ...]
    periods: tuple[Period, ...]
    rules: tuple[Rule, ...]


class Upcoming(Result):
    """A milestone still to come, and how many days away it is."""

    id: str
    title: str
    status: EntryStatus
    category: Category
    date: FuzzyDate | None
    earliest: Day
    latest: Day | None
    days_until: int
    """Days until the first day it may come; 0 when that day has come."""
    days_until_latest: int | None
    """Days until the last day it may come, when that differs from the first."""
    days_overdue: int | None


class NextView(Result):
    """What comes next, overdue first, then soonest first: the JSON output of `timeline next`."""

    today: Day
    document: DocumentInfo | None
    milestones: tuple[Upcoming, ...]
    undated: tuple[str, ...]
    """Titles of milestones still expected that have no date and no projection."""


def ordered(
    timeline: Timeline,
    *,
    today: dt.date | None = None,
    document: DocumentInfo | None = None,
    since: FuzzyDate | None = None,
    until: FuzzyDate | None = None,
    status: EntryStatus | None = None,
) -> TimelineView:
    """The timeline on `today` (by default the real date), in date order, undated ones last.

    With `document`, the paper's published and consultation dates replace those of the
    milestones that stand for them (`document_date`). With `since` or `until`, only milestones
    whose date (or projected window) starts within the range are kept.
    """
    today = today or dt.date.today()
    milestones = _with_document(timeline, document, today) if document is not None else list(timeline.milestones)
    known: dict[str, Span] = {m.id: (m.date.start, m.date.end) for m in milestones if m.date is not None}
    projected = projections(timeline, known, today=today)
    closed = _closed_stages(timeline, milestones, today)
    entries = [_entry(m, projected.get(m.id), today, closed) for m in milestones]

    def wanted(entry: TimelineEntry) -> bool:
        if status is not None and entry.status != status:
            return False
        if since is None and until is None:
            return True
        day = entry.sort_date
        if day is None:
            return False
        return (since is None or day >= since.start) and (until is None or day <= until.end)

    chosen = [e for e in entries if wanted(e)]
    dated = sorted((e for e in chosen if e.sort_date is not None), key=_sort_key)
    undated = [e for e in chosen if e.sort_date is None]
    # model_construct here and below: every value is made here from the checked timeline, in the
    # fields' own types; a table then never builds the results' validators (JSON still uses them).
    return TimelineView.model_construct(
        today=today,
        document=document,
        milestones=(*dated, *undated),
        periods=timeline.periods,
        rules=timeline.rules,
    )


def upcoming(timeline: Timeline, *, today: dt.date | None = None, document: DocumentInfo | None = None) -> NextView:
    """The milestones still to come on `today`: overdue ones first, then the soonest."""
    view = ordered(timeline, today=today, document=document)
    found: list[Upcoming] = []
    for entry in view.milestones:
        if entry.status in ("done", "did-not-happen", "lapsed"):
            continue
        last: dt.date | None
        if entry.date is not None:
            first, last = entry.date.start, entry.date.end
        elif entry.projection is not None:
            first, last = entry.projection.earliest, entry.projection.latest
        else:
            continue
        overdue = entry.status == "overdue"
        if not overdue and last is not None and last < view.today:
            continue  # a date that has passed without the milestone being marked done: not "next"
        found.append(
            Upcoming.model_construct(
                id=entry.id,
                title=entry.title,
                status=entry.status,
                category=entry.category,
                date=entry.date,
                earliest=first,
                latest=last,
                days_until=max(0, (first - view.today).days),
                days_until_latest=(last - view.today).days
                if last is not None and last != first and not overdue
                else None,
                days_overdue=entry.projection.days_overdue if overdue and entry.projection else None,
            )
        )
    found.sort(key=lambda u: (u.days_overdue is None, -(u.days_overdue or 0), u.days_until))
    undated = tuple(e.title for e in view.milestones if e.status in ("expected", "pending") and e.sort_date is None)
    return NextView.model_construct(today=view.today, document=document, milestones=tuple(found), undated=undated)


def _sort_key(entry: TimelineEntry) -> tuple[dt.date, int]:
    # Projected windows sort after milestones dated the same day.
    if entry.date is not None:
        return entry.date.sort_key
    assert entry.sort_date is not None
    return (entry.sort_date, 99)


def _with_document(timeline: Timeline, document: DocumentInfo, today: dt.date) -> list[Milestone]:
    """The milestones with the paper's own dates in place of those they stand for."""
    if paper_milestone(timeline, document.kind, "published") is None:
        kind = KIND_TITLES[document.kind].lower()
        raise SendReviewError(
            f"the timeline has no milestone for the publication of a paper of kind '{document.kind}' ({kind}),"
            f" so this paper's dates have no place in it; give a milestone"
            f" 'document_date: {{kind: {document.kind}, field: published}}' in a timeline of your own (--file)"
        )
    consultation = document.consultation
    dates: dict[str, FuzzyDate | None] = {
        "published": document.published,
        "consultation.opens": consultation.opens if consultation else None,
        "consultation.closes": consultation.closes if consultation else None,
    }
    result = []
    for milestone in timeline.milestones:
        paper = milestone.document_date
        date = dates.get(paper.field) if paper is not None and paper.kind == document.kind else None
        if date is not None:
            # The paper's dates are facts about it: done once they have come, expected until then.
            status = "done" if date.start <= today else "expected"
            milestone = milestone.model_copy(update={"date": date, "status": status})
        result.append(milestone)
    return result


def _closed_stages(timeline: Timeline, milestones: list[Milestone], today: dt.date) -> set[str]:
    """The papers (milestone ids) whose consultation closed before `today`."""
    by_id = {m.id: m for m in milestones}
    closed = set()
    for stage in {m.stage for m in milestones if m.stage is not None}:
        paper = by_id.get(stage)
        kind = paper.document_date.kind if paper is not None and paper.document_date is not None else None
        closes = paper_milestone(timeline, kind, "consultation.closes") if kind is not None else None
        end = by_id.get(closes.id) if closes is not None else None
        if end is not None and end.date is not None and end.status == "done" and end.date.end < today:
            closed.add(stage)
    return closed


def _entry(milestone: Milestone, projection: Projection | None, today: dt.date, closed: set[str]) -> TimelineEntry:
    status: EntryStatus = milestone.status
    before = after = None
    date = milestone.date
    if projection is not None and date is not None:
        if date.end < projection.earliest:
            before = (projection.earliest - date.end).days
        if projection.latest is not None and date.start > projection.latest:
            after = (date.start - projection.latest).days
    elif projection is not None and projection.status != "missed" and status != "did-not-happen":
        status = projection.status
    if status in ("expected", "pending") and milestone.stage in closed:
        status = "lapsed"
    return TimelineEntry.model_construct(
        id=milestone.id,
        title=milestone.title,
        date=date,
        status=status,
        category=milestone.category,
        notes=milestone.notes,
        source=milestone.source,
        planned=milestone.planned,
        record=milestone.record,
        stage=milestone.stage,
        slippage=_slippage(milestone, today),
        projection=projection,
        days_before_window=before,
        days_after_window=after,
    )


def _slippage(milestone: Milestone, today: dt.date) -> Slippage | None:
    """Promised dates missed, and how late against the first promise."""
    if not milestone.planned:
        return None
    arrived = milestone.date is not None and milestone.status == "done"
    came = milestone.date.start if arrived and milestone.date is not None else today
    first = milestone.planned[0].date
    return Slippage.model_construct(
        first_promised=first,
        times=sum(1 for p in milestone.planned if p.date.end < came),
        days_late=max(0, (came - first.end).days),
        arrived=arrived,
    )
