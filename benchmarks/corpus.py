"""How long the hostile corpus's generated files take, command by command.

    python benchmarks/corpus.py                 # every generated file that is a regular file
    python benchmarks/corpus.py one-line-5mb.yaml big-50mb.yaml

The tests (`tests/test_corpus.py`) time nothing: the product's limits bound the work, and a run
past `HANG_SECONDS` counts as a hang. This script gives the figures that bound is set against.
Each run is a fresh process (`python -m sendreview ...`), its output thrown away; the figure is
its wall time, so it moves with whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.test_corpus import GENERATED, HANG_SECONDS  # noqa: E402  (the files exactly as the tests make them)

COMMANDS = {
    "validate": ["validate", "{doc}"],
    "compare": ["compare", "{doc}"],
    "statement": ["statement", "{doc}", "--org", "Anytown Parent Carer Forum", "--format", "md"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="generated files to time (default: every regular file)")
    names = parser.parse_args().names or list(GENERATED)
    unknown = sorted(set(names) - set(GENERATED))
    if unknown:
        raise SystemExit(f"not a generated corpus file: {', '.join(unknown)}")
    slowest = 0.0
    with tempfile.TemporaryDirectory() as folder:
        print("| file | command | exit code | seconds |")
        print("|---|---|---|---|")
        for name in names:
            path = Path(folder) / name
            GENERATED[name](path)
            if not path.is_file() or path.is_symlink():  # pipes, links, sockets, folders: refused at once
                continue
            for command, args in COMMANDS.items():
                started = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "sendreview", *(a.format(doc=path) for a in args)],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    cwd=ROOT,
                    check=False,
                )
                seconds = time.perf_counter() - started
                slowest = max(slowest, seconds)
                print(f"| `{name}` | `{command}` | {done.returncode} | {seconds:.2f} |", flush=True)
    print(f"\nSlowest: {slowest:.2f} s; the tests' hang bound is {HANG_SECONDS} s ({HANG_SECONDS / slowest:.0f} x).")


if __name__ == "__main__":
    main()
