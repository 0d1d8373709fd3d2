"""Benchmarks for the network's voice: `aggregate` on many forums, `evidence` on a large survey.

    python benchmarks/network.py              # 150 forums x 100 proposals; 100,000 survey rows
    python benchmarks/network.py --quick      # a tiny run, used by the tests to check this script works

Each figure is one run through a fresh process: wall time and peak memory (max resident set size).
The data is generated here with a fixed seed: forums with 3 links per proposal, spread over the
nine regions; a survey with an id, three describing columns, five questions and a free-text column
in which one answer in five holds personal data for the guard to find.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import SENDREVIEW, run_peak

from sendreview.models.document import REGIONS

ASKS = ["proper-funding", "coproduction", "no-dilution-of-rights", "listen-early", "minimum-standards/inclusion"]
STANCES = ["agree", "partly", "disagree"]
ANSWERS = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree", "Don't know", ""]
COMMENTS = [
    "We waited a year for an assessment and nothing changed.",
    "My son Jake has been out of school since March; call 07700 900123.",
    "Email me at parent@example.com, we live in LS1 4AP.",
    "The plan was agreed after tribunal.",
    "",
    "",
    "",
]


def forums(folder: Path, count: int, proposals: int, seed: int = 150) -> None:
    """`count` forum files of one paper, each with 3 links per proposal."""
    rng = random.Random(seed)
    for number in range(count):
        lines = [
            "document:",
            "  title: A generated paper",
            "  kind: white-paper",
            '  published: "2026-02-23"',
            "assessment:",
            f"  by: Benchmark Forum {number:03d}",
            f"  region: {REGIONS[number % 9]}",
            "proposals:",
        ]
        for pid in range(proposals):
            lines += [f'  - id: "p{pid}"', f"    title: Proposal {pid}", "    responds_to:"]
            for ask in rng.sample(ASKS, 3):
                lines += [f"      - ask: {ask}", f"        stance: {rng.choice(STANCES)}"]
        (folder / f"forum-{number:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def survey(folder: Path, rows: int, seed: int = 100) -> tuple[Path, Path]:
    """A survey export of `rows` respondents and its map."""
    rng = random.Random(seed)
    path = folder / "survey.csv"
    questions = [f"Q{n}" for n in range(1, 6)]
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["ID", "Region", "Age", "Setting", *questions, "Comments"])
        for number in range(rows):
            writer.writerow(
                [
                    f"R{number}",
                    rng.choice(REGIONS),
                    rng.choice(["0-4", "5-10", "11-15", "16-25"]),
                    rng.choice(["Mainstream", "Special", "Early years", "College"]),
                    *(rng.choice(ANSWERS) for _ in questions),
                    rng.choice(COMMENTS),
                ]
            )
    mapping = folder / "survey.yaml"
    mapping.write_text(
        "survey:\n  title: A generated survey\n  respondent_id: ID\nquestions:\n"
        + "".join(f"  - column: {q}\n    proposal: p{n}\n" for n, q in enumerate(questions))
        + "describe:\n  - column: Region\n  - column: Age\n  - column: Setting\n"
        + "free_text:\n  - column: Comments\n",
        encoding="utf-8",
    )
    return path, mapping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a tiny run, to check the script works")
    args = parser.parse_args()
    count, proposals, rows = (6, 5, 200) if args.quick else (150, 100, 100_000)
    print(f"{'command':<44} {'size':>24} {'seconds':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "forums").mkdir()
        forums(folder / "forums", count, proposals)
        size = f"{count} forums x {proposals} proposals"
        files = str(folder / "forums")
        runs = {
            "aggregate --format json": ["aggregate", files, "--format", "json"],
            "aggregate --by region --format json": ["aggregate", files, "--by", "region", "-f", "json"],
            "aggregate --by region --format html": ["aggregate", files, "--by", "region", "-f", "html"],
        }
        for label, command in runs.items():
            elapsed, _, peak = run_peak([*SENDREVIEW, *command])
            print(f"{label:<44} {size:>24} {elapsed:>8.2f} {peak:>8}")
        path, mapping = survey(folder, rows)
        size = f"{rows:,} rows ({path.stat().st_size / 1e6:.1f} MB)"
        runs = {
            "evidence --format json": ["evidence", str(path), "--map", str(mapping), "--format", "json"],
            "evidence --quotes --format csv": ["evidence", str(path), "--map", str(mapping), "--quotes", "-f", "csv"],
        }
        for label, command in runs.items():
            elapsed, _, peak = run_peak([*SENDREVIEW, *command])
            print(f"{label:<44} {size:>24} {elapsed:>8.2f} {peak:>8}")


if __name__ == "__main__":
    main()
