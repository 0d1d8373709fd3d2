"""How fast `sendreview init --from` reads a long PDF: pages per second on a generated paper.

    python benchmarks/read_paper.py            # a 200-page paper, as recorded in benchmarks/README.md
    python benchmarks/read_paper.py --quick    # a 10-page paper, used by the tests to check this script works

The paper is the made-up sample of `papers.py` with annex pages of ordinary text added. The time is
the whole command, start-up included, in a fresh process, and the best of three runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from papers import sample_pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 10-page paper, one run")
    parser.add_argument("--pages", type=int, default=200, help="how many annex pages to add (default 200)")
    args = parser.parse_args()
    annex = 10 if args.quick else args.pages
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as folder:
        paper = Path(folder) / "paper.pdf"
        paper.write_bytes(sample_pdf(annex))
        from pypdf import PdfReader

        pages = len(PdfReader(paper).pages)
        best = float("inf")
        for run in range(runs):
            output = Path(folder) / f"paper-{run}.yaml"
            command = [sys.executable, "-m", "sendreview", "init", str(output), "--from", str(paper)]
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True)
            elapsed = time.perf_counter() - started
            if done.returncode != 0:
                sys.exit(f"init failed: {done.stderr}")
            best = min(best, elapsed)
        size = paper.stat().st_size
        print(
            f"Read a {pages}-page PDF ({size:,} bytes) with sendreview init --from: {best:.2f} s,"
            f" {pages / best:.0f} pages per second (best of {runs}, start-up included)"
        )


if __name__ == "__main__":
    main()
