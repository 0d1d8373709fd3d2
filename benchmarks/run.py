"""Benchmarks: start-up beside the import floor, and scale on generated documents.

    python benchmarks/run.py              # the full run recorded in benchmarks/README.md
    python benchmarks/run.py --quick      # a tiny run, used by the tests to check this script works

Start-up figures are medians of whole-process runs, taken in turns with the floor so that a
busy machine slows both alike; they are reported as ratios to the floor. Scale figures are
one run each per size: wall time and peak memory (max resident set size) of the process.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import document_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "green-paper-2022.yaml"
PYTHON = sys.executable
SENDREVIEW = [PYTHON, "-m", "sendreview"]
FLOOR = [PYTHON, "-c", "import typer, pydantic, yaml"]
TYPER = [PYTHON, "-c", "import typer"]
# A five-line typer app whose one command has three options: what typer itself costs to run a
# command (it builds pydantic adapters for the options), before any of sendreview's own work.
TYPER_COMMAND = [
    PYTHON,
    "-c",
    "import typer\nfrom pathlib import Path\napp = typer.Typer()\n"
    "@app.command()\ndef run(a: str = '', b: int = 0, c: list[Path] | None = None) -> None: pass\n"
    "@app.command()\ndef other() -> None: pass\napp(['run', '--a', 'x'])",
]


def run_once(command: list[str]) -> float:
    """Wall seconds of one run of a command, its output thrown away."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return elapsed


def run_peak(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, processor seconds (user and system) and peak memory (MB) of a command, measured
    in a fresh child process; processor time moves less than wall time on a shared machine."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "elapsed = time.perf_counter() - start\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(elapsed, use.ru_utime + use.ru_stime, use.ru_maxrss // 1024, code)\n"
    )
    out = subprocess.run([PYTHON, "-c", probe, *command], capture_output=True, text=True, cwd=ROOT, check=True)
    elapsed, cpu, peak, code = out.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return float(elapsed), float(cpu), int(peak)


# What each start-up figure is held against, and its target (issue 17): --help against `import
# typer`; every command against the five-line typer app, which pays what typer costs to run any
# command with options.
TARGETS = {"--help": ("typer", 1.2)}
COMMAND_TARGET = ("typer command", 1.3)


def startup(repeats: int, commands: dict[str, list[str]]) -> list[tuple[str, float, float, float | None, str]]:
    """Median seconds per command, its ratio to the floor, and its ratio to what its target is
    held against (with the verdict), runs taken in turns."""
    times: dict[str, list[float]] = {name: [] for name in ["floor", "typer", "typer command", *commands]}
    everything = {"floor": FLOOR, "typer": TYPER, "typer command": TYPER_COMMAND, **commands}
    for command in everything.values():  # warm the file cache once
        run_once(command)
    for _ in range(repeats):
        for name, command in everything.items():
            times[name].append(run_once(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    rows: list[tuple[str, float, float, float | None, str]] = []
    for name, value in medians.items():
        against, target = TARGETS.get(name, COMMAND_TARGET) if name in commands else (None, 0.0)
        if against is None:
            rows.append((name, value, value / medians["floor"], None, ""))
            continue
        ratio = value / medians[against]
        verdict = f"{'met' if ratio <= target else 'NOT met'} (<= {target} x {against})"
        rows.append((name, value, value / medians["floor"], ratio, verdict))
    return rows


def scale(sizes: list[int], folder: Path) -> list[tuple[str, int, float, float, int]]:
    """Wall time and peak memory for validate, compare --format json and statement per size."""
    rows = []
    for size in sizes:
        path = folder / f"doc-{size}.yaml"
        path.write_text(document_text(size), encoding="utf-8")
        env_limit = str(max(10 * 1024 * 1024, path.stat().st_size + 1))
        os.environ["SENDREVIEW_MAX_FILE_BYTES"] = env_limit
        commands = {
            "validate": [*SENDREVIEW, "validate", str(path)],
            "compare --format json": [*SENDREVIEW, "compare", str(path), "--format", "json"],
        }
        if _has_command("statement"):
            commands["statement --format md"] = [
                *SENDREVIEW,
                "statement",
                str(path),
                "--org",
                "Benchmark Forum",
                "--format",
                "md",
            ]
        for name, command in commands.items():
            elapsed, cpu, peak = run_peak(command)
            rows.append((name, size, elapsed, cpu, peak))
    return rows


def _compile_sendreview() -> None:
    """Compile sendreview's modules to bytecode first, as `pip install .` does: an editable install run
    with PYTHONDONTWRITEBYTECODE set (as on some machines) would otherwise compile every module from
    source at every start (about 40 ms), a cost no installed copy pays and the floors never pay."""
    import sendreview

    compileall.compile_dir(Path(sendreview.__file__).parent, quiet=1)


def _has_command(name: str) -> bool:
    done = subprocess.run([*SENDREVIEW, name, "--help"], capture_output=True, cwd=ROOT, check=False)
    return done.returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a tiny run, to check the script works")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    repeats, sizes = (2, [20]) if args.quick else (args.repeats, args.sizes)
    _compile_sendreview()

    commands = {
        "--help": [*SENDREVIEW, "--help"],
        "timeline": [*SENDREVIEW, "timeline"],
        "asks": [*SENDREVIEW, "asks"],
        "compare (2022 example)": [*SENDREVIEW, "compare", str(EXAMPLE)],
    }
    if _has_command("statement"):
        commands["statement --format md"] = [
            *SENDREVIEW,
            "statement",
            str(EXAMPLE),
            "--org",
            "Benchmark Forum",
            "--format",
            "md",
        ]
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores; hyperfine: {bool(shutil.which('hyperfine'))}")
    print(f"load average at the start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"\nStart-up: median of {repeats} runs each, taken in turns")
    print("floor: `import typer, pydantic, yaml`; typer: `import typer`; typer command: the five-line typer app")
    print(f"{'command':<26} {'median ms':>10} {'x floor':>8} {'x target base':>14}  verdict")
    for name, value, to_floor, ratio, verdict in startup(repeats, commands):
        against = f"{ratio:>14.2f}" if ratio is not None else f"{'':>14}"
        print(f"{name:<26} {value * 1000:>10.0f} {to_floor:>8.2f} {against}  {verdict}")
    print(f"load average before the scale runs: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")

    print("\nScale: generated documents, 5 links per proposal")
    print(f"{'command':<26} {'proposals':>10} {'seconds':>8} {'cpu s':>7} {'peak MB':>8} {'x per 10x':>10}  target")
    with tempfile.TemporaryDirectory() as folder:
        rows = scale(sizes, Path(folder))
    previous: dict[str, float] = {}
    for name, size, elapsed, cpu, peak in rows:
        growth = elapsed / previous[name] if name in previous else None
        previous[name] = elapsed
        shown = f"{growth:.1f}" if growth is not None else ""
        verdict = _verdict(name, size, elapsed, peak, growth)
        print(f"{name:<26} {size:>10,} {elapsed:>8.2f} {cpu:>7.2f} {peak:>8} {shown:>10}  {verdict}")


# compare's targets (issue 17): proposals -> (seconds, peak MB); and growth per 10x at most 10.5.
SCALE_TARGETS = {10_000: (1.5, 120), 100_000: (12.0, 500)}


def _verdict(name: str, size: int, elapsed: float, peak: int, growth: float | None) -> str:
    if name != "compare --format json" or size not in SCALE_TARGETS:
        return ""
    seconds, megabytes = SCALE_TARGETS[size]
    parts = [
        f"time {'met' if elapsed <= seconds else 'NOT met'} (<= {seconds} s)",
        f"memory {'met' if peak <= megabytes else 'NOT met'} (<= {megabytes} MB)",
    ]
    if size == 100_000 and growth is not None:
        parts.append(f"growth {'met' if growth <= 10.5 else 'NOT met'} (<= 10.5)")
    return "; ".join(parts)


if __name__ == "__main__":
    main()
