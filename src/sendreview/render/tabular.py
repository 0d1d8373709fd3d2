"""CSV: a header, then rows, every cell safe to open in a spreadsheet; and compare's CSV, one row per link."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from sendreview.text import spreadsheet_cell

if TYPE_CHECKING:
    from sendreview.analysis.compare import Comparison


def csv_table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """CSV text: the header, then each row, every cell kept from being read as a spreadsheet formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


COLUMNS = [
    "proposal",
    "proposal_title",
    "chapter",
    "ask",
    "ask_title",
    "stance",
    "verdict",
    "note",
    "assessment_status",
    "assessment_by",
]


def comparison_csv(result: Comparison) -> str:
    """Each proposal-to-ask link with the ask's verdict; unassessed proposals get a row with no ask."""
    targets: dict[str, tuple[str, str]] = {}
    for ask in result.asks:
        targets[ask.id] = (ask.title, ask.verdict)
        for lens in ask.lenses:
            targets[lens.id] = (f"{ask.title}: {lens.title}", lens.verdict)
    return csv_table(COLUMNS, _link_rows(result, targets))


def _link_rows(result: Comparison, targets: dict[str, tuple[str, str]]) -> Iterator[list[str]]:
    # Every row says whose views it holds, so a row copied elsewhere keeps its label.
    provenance = (result.assessment.status, result.assessment.by or "")
    for proposal in result.proposals:
        if not proposal.links:
            yield [proposal.id, proposal.title, proposal.chapter, "", "", "", "", "", *provenance]
        for link in proposal.links:
            title, verdict = targets[link.ask]
            yield [
                proposal.id,
                proposal.title,
                proposal.chapter,
                link.ask,
                title,
                link.stance,
                verdict,
                link.note,
                *provenance,
            ]
