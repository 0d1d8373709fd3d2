"""Make a synthetic document of N proposals, each linked to five asks, for scale benchmarks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Targets cycle through the bundled catalogue so every verdict rule gets exercised.
TARGETS = [
    "proper-funding", "cross-government-strategy", "listen-early", "enough-money", "align-incentives",
    "more-accountability", "right-skills", "lifelong-outcomes", "coproduction", "minimum-standards/money",
    "who-pays-for-what/inclusion", "money-follows-child/coproduction", "accountability-data",
    "workforce/early-intervention", "coproduction-not-confrontation", "person-centred", "joint-working",
    "no-dilution-of-rights", "aligned-incentives", "implementation-plan",
]  # fmt: skip
STANCES = ["agree", "partly", "disagree", "agree", "partly"]


def document_text(proposals: int, links: int = 5) -> str:
    """YAML text of a document with the given number of proposals and links per proposal."""
    lines = [
        "document:",
        "  title: Synthetic paper for benchmarks",
        "  kind: green-paper",
        "  published: 2022-03-29",
        "proposals:",
    ]
    for n in range(proposals):
        lines += [
            f'  - id: "{n // 100}.{n % 100}.{n}"',
            f"    chapter: Chapter {n // 100}",
            f"    title: Proposal number {n} on national standards and local partnerships",
            "    summary: >-",
            "      The government will set national standards and ask local partnerships to plan",
            "      provision, with new dashboards to show how well each area is doing.",
            "    responds_to:",
        ]
        for k in range(links):
            target = TARGETS[(n * links + k) % len(TARGETS)]
            stance = STANCES[(n + k) % len(STANCES)]
            lines += [f"      - ask: {target}", f"        stance: {stance}", f"        note: Note {n}-{k}."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("proposals", type=int)
    parser.add_argument("output", type=Path, nargs="?")
    args = parser.parse_args()
    text = document_text(args.proposals)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
