"""Benchmark the report build against the naive papermill + nbconvert chain.

Run::

    .venv/bin/python tests/benchmarks/bench_build.py

In one run, on the real corpus, it times:

1. the naive chain: for each report, the ``papermill`` CLI, then the
   ``jupyter nbconvert --to html --no-input`` CLI, one after another;
2. our cold build (``python -m helpers build --force`` into empty folders:
   one process, two workers, code hidden, self-contained HTML);
3. our rebuild with nothing changed (same folders again);

and prints a markdown table the README quotes. Not collected by pytest.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers import paths
from helpers.build.registry import REPORTS, YEAR_REVIEW
from helpers.corpus.reader import load_corpus
from helpers.corpus.select import zone_years

BIN = Path(sys.executable).parent


def timed(command: list[str], **kwargs) -> float:
    """Run a command to completion and return its wall-clock seconds."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def naive_chain(scratch: Path) -> float:
    """Run papermill then nbconvert, as CLIs, for every report."""
    runs = [(spec.notebook, spec.name, []) for spec in REPORTS]
    runs += [(YEAR_REVIEW.notebook, f"year_{y}", ["-p", "year", str(y)]) for y in zone_years(load_corpus())]
    scratch.mkdir(parents=True, exist_ok=True)
    total = 0.0
    for notebook, name, extra in runs:
        executed = scratch / f"{name}.ipynb"
        total += timed(
            [
                str(BIN / "papermill"),
                str(notebook),
                str(executed),
                "-k",
                "jhn",
                "--cwd",
                str(paths.NOTEBOOKS),
                "-p",
                "output_dir",
                str(scratch / "tables"),
                *extra,
            ]
        )
        total += timed(
            [
                str(BIN / "jupyter"),
                "nbconvert",
                "--to",
                "html",
                "--no-input",
                str(executed),
                "--output-dir",
                str(scratch),
            ]
        )
    return total


def main() -> None:
    """Time the three builds and print the table."""
    os.environ["PYTHONHASHSEED"] = "0"
    subprocess.run([sys.executable, "-m", "helpers", "kernel"], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        naive = naive_chain(tmp / "naive")
        ours = [
            sys.executable,
            "-m",
            "helpers",
            "build",
            "--out-dir",
            str(tmp / "reports"),
            "--work-dir",
            str(tmp / "build"),
        ]
        cold = timed(ours + ["--force"])
        warm = timed(ours)
    n = len(REPORTS) + len(zone_years(load_corpus()))
    load = os.getloadavg()[0]
    print(
        f"{n} reports; Python {platform.python_version()}, {os.cpu_count()} CPUs, 1-min load average {load:.2f} at the end\n"
    )
    print("| build | seconds | vs naive chain |\n|---|---:|---:|")
    print(f"| naive chain: papermill CLI then nbconvert CLI, per report | {naive:.1f} | 1.00× |")
    print(f"| `python -m helpers build --force` (cold, 2 workers) | {cold:.1f} | {cold / naive:.2f}× |")
    print(f"| `python -m helpers build`, nothing changed | {warm:.2f} | {warm / naive:.3f}× |")


if __name__ == "__main__":
    main()
