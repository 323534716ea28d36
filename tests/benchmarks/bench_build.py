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

Both builds run on a snapshot of the committed tree (``git archive HEAD`` into
a temporary folder, imported through PYTHONPATH, kernels included): the
shared tables' cache (``data/processed/``) is emptied before the naive chain
and before the cold build, so each computes them from nothing, and the
checkout's caches are never touched. ``--tree .`` measures the working tree
in place instead (and then empties the checkout's ``data/processed/``).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
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
ENV = {**os.environ, "PYTHONHASHSEED": "0"}
PROJECT = paths.ROOT  # the tree the builds run in (a snapshot, see main)


def timed(command: list[str], **kwargs) -> float:
    """Run a command to completion in PROJECT and return its wall-clock seconds."""
    started = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=PROJECT, env=ENV, **kwargs
    )
    return time.perf_counter() - started


def empty_shared_tables() -> None:
    """Remove the cached shared tables, so that the next build computes them from nothing."""
    shutil.rmtree(PROJECT / "data" / "processed", ignore_errors=True)


def snapshot(tree: str, into: Path) -> Path:
    """Return the project folder to build in: the checkout itself, or a ``git archive`` of a commit."""
    if tree == ".":
        return paths.ROOT
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(paths.ROOT), "archive", tree], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def real_years() -> list[int]:
    """Return the years of the real corpus (one year review each)."""
    return zone_years(load_corpus(PROJECT / "data" / "raw", PROJECT / "data" / "corpus.csv"))


def naive_chain(scratch: Path, years: list[int]) -> float:
    """Run papermill then nbconvert, as CLIs, for every report."""
    empty_shared_tables()
    runs = [(PROJECT / "notebooks" / spec.notebook.name, spec.name, []) for spec in REPORTS]
    review = PROJECT / "notebooks" / YEAR_REVIEW.notebook.name
    runs += [(review, f"year_{y}", ["-p", "year", str(y)]) for y in years]
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
                str(PROJECT / "notebooks"),
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


def main(argv: list[str] | None = None) -> None:
    """Time the three builds and print the table."""
    global PROJECT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", default="HEAD", help="a commit to snapshot (default HEAD), or . for the checkout")
    args = parser.parse_args(argv)
    rev = "HEAD" if args.tree == "." else args.tree
    commit = subprocess.run(
        ["git", "-C", str(paths.ROOT), "rev-parse", "--short", rev], check=True, capture_output=True, text=True
    ).stdout.strip()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench_build-") as tmp:
        tmp = Path(tmp)
        PROJECT = snapshot(args.tree, tmp / "tree")
        if PROJECT != paths.ROOT:
            ENV["PYTHONPATH"] = os.pathsep.join([str(PROJECT / "src"), ENV.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        where = subprocess.run(
            [sys.executable, "-c", "import helpers; print(helpers.__file__)"],
            cwd=PROJECT,
            env=ENV,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not where.startswith(str(PROJECT)):
            raise SystemExit(f"the builds would import helpers from {where}, not from {PROJECT}")
        timed([sys.executable, "-m", "helpers", "kernel"])
        years = real_years()
        naive = naive_chain(tmp / "naive", years)
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
        empty_shared_tables()
        cold = timed(ours + ["--force"])
        warm = timed(ours)
    n = len(REPORTS) + len(years)
    load_after = os.getloadavg()
    print(
        f"{datetime.date.today().isoformat()}, commit {commit}; {n} reports; Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; load average (1, 5, 15 min) {' '.join(f'{x:.2f}' for x in load_before)} before, "
        f"{' '.join(f'{x:.2f}' for x in load_after)} after\n"
    )
    print("| build | seconds | vs naive chain |\n|---|---:|---:|")
    print(f"| naive chain: papermill CLI then nbconvert CLI, per report | {naive:.1f} | 1.00× |")
    print(f"| `python -m helpers build --force` (cold, 2 workers) | {cold:.1f} | {cold / naive:.2f}× |")
    print(f"| `python -m helpers build`, nothing changed | {warm:.2f} | {warm / naive:.3f}× |")


if __name__ == "__main__":
    main()
