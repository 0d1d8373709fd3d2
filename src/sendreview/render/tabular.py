"""CSV: one row per link, every cell safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from sendreview.analysis.compare import Comparison
from sendreview.text import spreadsheet_cell

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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    # Every row says whose views it holds, so a row copied elsewhere keeps its label.
    provenance = (result.assessment.status, result.assessment.by or "")
    for proposal in result.proposals:
        if not proposal.links:
            row = [proposal.id, proposal.title, proposal.chapter, "", "", "", "", "", *provenance]
            writer.writerow([spreadsheet_cell(cell) for cell in row])
        for link in proposal.links:
            title, verdict = targets[link.ask]
            row = [
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
            writer.writerow([spreadsheet_cell(cell) for cell in row])
    return out.getvalue()
