"""Put the timeline in order and pick the milestones a reader asked for."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from sendreview.models.dates import FuzzyDate
from sendreview.models.timeline import Milestone, Period, Status, Timeline


class TimelineView(BaseModel):
    """Milestones in date order (undated last) and the involvement periods: the JSON output."""

    model_config = ConfigDict(frozen=True)

    milestones: tuple[Milestone, ...]
    periods: tuple[Period, ...]


def ordered(
    timeline: Timeline,
    *,
    since: FuzzyDate | None = None,
    until: FuzzyDate | None = None,
    status: Status | None = None,
) -> TimelineView:
    """Milestones by date, then by how exact the date is; undated ones last, in file order.

    With `since` or `until`, only dated milestones that start within the range are kept.
    """

    def wanted(milestone: Milestone) -> bool:
        if status is not None and milestone.status != status:
            return False
        if since is None and until is None:
            return True
        date = milestone.date
        if date is None:
            return False
        return (since is None or date.start >= since.start) and (until is None or date.start <= until.end)

    chosen = [m for m in timeline.milestones if wanted(m)]
    dated = sorted((m for m in chosen if m.date is not None), key=lambda m: m.date.sort_key)  # type: ignore[union-attr]
    undated = [m for m in chosen if m.date is None]
    return TimelineView(milestones=(*dated, *undated), periods=timeline.periods)
