"""Benchmark the report build as the corpus grows: cold, one changed article, nothing changed.

Run::

    .venv/bin/python tests/benchmarks/bench_scale.py [--sizes 20 400 1500] [--tree HEAD]

For each size N, in one run, on a synthetic corpus of N articles over 2014-2025
(``synthetic_corpus.py``: real paragraphs of the seed articles resampled with a
fixed seed, each page with a headline and a dated publication line), it times
the command ``make report`` runs, pointed at temporary folders::

    python -m helpers build --raw-dir RAW --manifest RAW/corpus.csv --out-dir OUT --work-dir WORK

(the manifest does not exist: every file is read with detected metadata)

1. cold: a corpus never seen, empty OUT and WORK, no cached shared tables;
2. one changed article: one file's text edited (a paragraph appended), rebuilt;
3. nothing changed: rebuilt again.

For each build it records the wall-clock time, the time before the first
kernel starts (start-up, reading and analysing the corpus into the shared
tables, planning), the peak memory of the whole process tree (sum of the
proportional set size, PSS, of the build and its workers and kernels, sampled
every 0.2 s; and the largest single process's maximum RSS, from wait4), each
report's time as the build prints it, and, after the cold build, each
published HTML's size and the slowest notebook cells (papermill's durations in
the executed notebooks).

The build runs on a snapshot of the committed tree (``git archive HEAD`` into
a temporary folder, imported through PYTHONPATH, kernels included), so that
its caches (``data/processed/``, ``build/``) never touch the checkout and
uncommitted edits in ``src/`` are not measured; ``--tree .`` measures the
working tree in place instead (it then adds entries to ``data/processed/``).
An untimed warm-up build first fills what every build shares whatever the
corpus (the kernelspec, jieba's dictionary cache, the parameter declarations,
bytecode), so that the smallest size does not pay them alone.

Prints markdown tables the README quotes. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LINE = re.compile(r"^\[(\d+)/(\d+)\] (\S+): built in ([\d.]+) s")


def load_generator():
    """Import synthetic_corpus.py by path (a script beside this one, not a module of the project)."""
    spec = importlib.util.spec_from_file_location("synthetic_corpus", HERE / "synthetic_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- memory of a process tree, from /proc (Linux) ------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Sample the summed PSS of a process and all its descendants; keep the peak and the process count."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb, self.most = pid, interval, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            tree, todo, pids = _children(), [self.pid], []
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo += tree.get(pid, [])
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in pids))
            self.most = max(self.most, len(pids))
            self.done.wait(self.interval)


# -- one build ---------------------------------------------------------------------------------


def run_build(command: list[str], env: dict, cwd: Path) -> dict:
    """Run one build; return its seconds, stage times, per-report times and memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    memory = TreeMemory(proc.pid)
    memory.start()
    first_line = last_report = None
    reports, lines = {}, []
    for line in proc.stdout:
        now = time.perf_counter() - started
        lines.append(line.rstrip("\n"))
        if first_line is None and " to build, " in line:
            first_line = now
        found = LINE.match(line)
        if found:
            reports[found.group(3)] = float(found.group(4))
            last_report = now
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    memory.done.set()
    memory.join()
    if proc.returncode != 0:
        print("\n".join(lines[-40:]), file=sys.stderr)
        raise SystemExit(f"build failed ({proc.returncode}): {' '.join(command)}")
    return {
        "seconds": seconds,
        "before_kernels": first_line if first_line is not None else seconds,
        "after_kernels": seconds - last_report if last_report is not None else 0.0,
        "reports": reports,
        "peak_pss_mb": memory.peak_kb / 1024,
        "max_rss_mb": usage.ru_maxrss / 1024,  # KiB on Linux: the largest single process of the tree
        "processes": memory.most,
        "output": lines,
    }


def html_sizes(out: Path) -> dict[str, int]:
    """Return the size in bytes of every published HTML, by path relative to ``out``."""
    return {str(p.relative_to(out)): p.stat().st_size for p in sorted(out.rglob("*.html"))}


def slowest_cells(work: Path, top: int = 3) -> dict[str, list[tuple[float, str]]]:
    """Return each executed notebook's slowest cells: (seconds, first code line)."""
    found = {}
    for path in sorted((work / "executed").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        timed = []
        for cell in cells:
            duration = cell.get("metadata", {}).get("papermill", {}).get("duration")
            if cell["cell_type"] == "code" and duration:
                source = "".join(cell["source"]).strip().splitlines()
                code = next((s for s in source if s.strip() and not s.lstrip().startswith("#")), "")
                timed.append((duration, code[:70]))
        found[path.stem] = {
            "cells": sum(d for d, _ in timed),
            "slowest": sorted(timed, reverse=True)[:top],
        }
    return found


def edit_one_article(raw: Path) -> Path:
    """Append a sentence to one article (the middle file): a changed article, same date."""
    files = sorted(raw.glob("*.txt"))
    target = files[len(files) // 2]
    text = target.read_text(encoding="utf-8")
    target.write_text(text + "\n　　济宁高新区今年新增高新技术企业12家，完成投资3.5亿元。\n", encoding="utf-8")
    return target


# -- the run -----------------------------------------------------------------------------------


def snapshot(tree: str, into: Path) -> Path:
    """Return the project folder to build in: ROOT itself, or a ``git archive`` of a commit."""
    if tree == ".":
        return ROOT
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", tree], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def build_command(base: Path, jobs: int) -> list[str]:
    """Return the build command for the corpus in ``base/raw`` (no manifest), publishing into ``base/out``."""
    raw = base / "raw"
    return [
        sys.executable,
        "-m",
        "helpers",
        "build",
        "--raw-dir",
        str(raw),
        "--manifest",
        str(raw / "corpus.csv"),  # never written: every file is read with detected metadata
        "--out-dir",
        str(base / "out"),
        "--work-dir",
        str(base / "work"),
        "--jobs",
        str(jobs),
    ]


# Where the time before the first kernel goes: the steps of helpers.analysis.processed.compute, timed
# one by one in a fresh process (a diagnostic: the same calls, in the same order, nothing cached).
SHARED_STAGES = """
import sys, time, warnings
from pathlib import Path
t0 = time.perf_counter()
from helpers.analysis import processed as P, themes, segment, indicators, ledger, formulas, entities
from helpers.corpus import reader
out, t = {"imports": time.perf_counter() - t0}, time.perf_counter()
def lap(name):
    global t
    now = time.perf_counter(); out[name] = now - t; t = now
s = P.Sources(Path(sys.argv[1]), Path(sys.argv[2]))
P.cache_key(s); lap("cache key (hash raw files, lexicons, code)")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    articles = reader.load_corpus(Path(sys.argv[1]), Path(sys.argv[2]))
lap("read the corpus (decode, furniture, layout, dates)")
tb = P.Tables(key="", articles=articles); zone = tb.zone; lex = themes.load_themes(Path(s.themes_file))
themes.theme_counts(zone, lex); P._theme_hits(zone, lex); lap("theme counts and hits")
P._tokens(zone, segment.Segmenter.from_lexicon(Path(s.lexicon_dir)), lex); lap("segmentation (tokens)")
table = indicators.indicators_table(zone, indicators.load_rules(s.rules))
ledger.assign_series(ledger.with_lead(table, zone), ledger.load_series(Path(s.series))); lap("indicators and ledger")
formulas.formula_table(zone, formulas.load_formula_rules(Path(s.formulas_file))); lap("formulas")
entities.entity_mentions(zone, entities.load_entities(Path(s.entities_file))); lap("entities")
print(__import__("json").dumps(out))
"""


def shared_stages(base: Path, project: Path, env: dict) -> dict[str, float]:
    """Time each step of computing the shared tables for the corpus in ``base/raw``."""
    raw = base / "raw"
    done = subprocess.run(
        [sys.executable, "-c", SHARED_STAGES, str(raw), str(raw / "corpus.csv")],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(size: int, project: Path, env: dict, scratch: Path, generator, jobs: int, seed: int) -> dict:
    """Write an N-article corpus and time its three builds."""
    base = scratch / f"n{size}"
    raw, out, work = base / "raw", base / "out", base / "work"
    written = generator.write_corpus(raw, size, seed)
    command = build_command(base, jobs)
    result = {"n": size, "mb": sum(p.stat().st_size for p in written) / 1e6}
    result["cold"] = run_build(command, env, project)
    result["html"] = html_sizes(out)
    result["cells"] = slowest_cells(work)
    edited = edit_one_article(raw)
    result["edited"] = edited.name
    result["changed"] = run_build(command, env, project)
    result["nochange"] = run_build(command, env, project)
    result["shared"] = shared_stages(base, project, env)
    for stage in ("cold", "changed", "nochange"):
        r = result[stage]
        print(
            f"  N={size} {stage}: {r['seconds']:.1f} s ({r['before_kernels']:.1f} s before kernels), "
            f"{len(r['reports'])} reports built, peak {r['peak_pss_mb']:.0f} MB",
            flush=True,
        )
    return result


def report_order(name: str) -> tuple:
    return (name.startswith("year"), name)


def print_tables(results: list[dict], context: str) -> None:
    """Print the markdown tables the README quotes."""
    print(f"\n{context}\n")
    head = "| | " + " | ".join(f"N = {r['n']:,} ({r['mb']:.1f} MB)" for r in results) + " |"
    print(head + "\n|---|" + "---:|" * len(results))

    def row(label, fn):
        print(f"| {label} | " + " | ".join(fn(r) for r in results) + " |")

    row("reports (overview + year reviews)", lambda r: str(len(r["cold"]["reports"])))
    row("cold build, s", lambda r: f"{r['cold']['seconds']:.1f}")
    row("… of which before the first kernel (read + shared tables), s", lambda r: f"{r['cold']['before_kernels']:.1f}")
    row("… sum of report times (2 at a time), s", lambda r: f"{sum(r['cold']['reports'].values()):.1f}")
    row("one changed article, s", lambda r: f"{r['changed']['seconds']:.1f}")
    row("… reports rebuilt", lambda r: str(len(r["changed"]["reports"])))
    row("… before the first kernel, s", lambda r: f"{r['changed']['before_kernels']:.1f}")
    row("nothing changed, s", lambda r: f"{r['nochange']['seconds']:.2f}")
    row(
        "peak memory, whole tree (sum of PSS), MB",
        lambda r: f"{max(r[s]['peak_pss_mb'] for s in ('cold', 'changed', 'nochange')):.0f}",
    )
    row(
        "largest single process (max RSS), MB",
        lambda r: f"{max(r[s]['max_rss_mb'] for s in ('cold', 'changed', 'nochange')):.0f}",
    )
    row("published HTML, total MB", lambda r: f"{sum(r['html'].values()) / 1e6:.1f}")
    if len(results) > 1:
        a, b = results[-2], results[-1]
        print(
            f"\nFrom N = {a['n']:,} to N = {b['n']:,} ({b['n'] / a['n']:.2f}× the articles): cold build "
            f"{b['cold']['seconds'] / a['cold']['seconds']:.2f}×, before kernels "
            f"{b['cold']['before_kernels'] / a['cold']['before_kernels']:.2f}×, one changed article "
            f"{b['changed']['seconds'] / a['changed']['seconds']:.2f}×"
        )

    names = sorted({k for r in results for k in r["cold"]["reports"]}, key=report_order)
    print(
        "\nPer report, cold build (seconds as the build prints them, including the kernel's start and the render; HTML size):\n"
    )
    print("| report | " + " | ".join(f"N = {r['n']:,} s | MB" for r in results) + " |")
    print("|---|" + "---:|---:|" * len(results))
    for name in names:
        cells = []
        for r in results:
            seconds = r["cold"]["reports"].get(name)
            html = r["html"].get(f"{name}.html")
            cells.append(f"{seconds:.1f}" if seconds is not None else "–")
            cells.append(f"{html / 1e6:.2f}" if html is not None else "–")
        print(f"| {name} | " + " | ".join(cells) + " |")

    print("\nBefore the first kernel: the shared tables' steps, timed one by one in a separate process (seconds):\n")
    print("| step | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |")
    print("|---|" + "---:|" * len(results))
    for step in results[-1]["shared"]:
        print(f"| {step} | " + " | ".join(f"{r['shared'].get(step, 0):.2f}" for r in results) + " |")

    for r in results[1:]:
        print(
            f"\nWhere the overview reports' time goes at N = {r['n']:,} (cold; cells: papermill's durations; "
            "the rest: the kernel's start, reading the executed notebook, rendering and writing the HTML):\n"
        )
        print("| notebook | report, s | cells, s | the rest, s | slowest cells, s |\n|---|---:|---:|---:|---|")
        for name, info in sorted(r["cells"].items(), key=lambda kv: -r["cold"]["reports"].get(kv[0], 0)):
            total = r["cold"]["reports"].get(name, 0.0)
            slow = "; ".join(f"{d:.1f} `{code}`" for d, code in info["slowest"])
            print(f"| {name} | {total:.1f} | {info['cells']:.1f} | {total - info['cells']:.1f} | {slow} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 400, 1500])
    parser.add_argument("--tree", default="HEAD", help="a commit to snapshot (default HEAD), or . for the checkout")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    args = parser.parse_args(argv)
    generator = load_generator()
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.tree if args.tree != "." else "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="bench_scale-") as tmp:
        tmp = Path(tmp)
        project = snapshot(args.tree, tmp / "tree")
        env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONUNBUFFERED": "1"}
        if project != ROOT:
            env["PYTHONPATH"] = os.pathsep.join([str(project / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        where = subprocess.run(
            [sys.executable, "-c", "import helpers; print(helpers.__file__)"],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not where.startswith(str(project)):
            raise SystemExit(f"the build would import helpers from {where}, not from {project}")
        print(f"building with helpers from {where} ({'working tree' if args.tree == '.' else 'commit ' + commit})")
        load_before = os.getloadavg()
        warm = tmp / "warmup"
        generator.write_corpus(warm / "raw", 2, seed=1)  # untimed warm-up: two articles, two years, one build
        run_build(build_command(warm, args.jobs), env, project)
        shutil.rmtree(warm)
        results = []
        started = time.perf_counter()
        for size in args.sizes:
            results.append(measure(size, project, env, tmp, generator, args.jobs, seed=generator.SEED))
            shutil.rmtree(tmp / f"n{size}")
        total = time.perf_counter() - started
        load_after = os.getloadavg()
    context = (
        f"{datetime.date.today().isoformat()}, commit {commit}; Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, --jobs {args.jobs}; whole run {total / 60:.1f} min; "
        f"load average (1, 5, 15 min) {' '.join(f'{x:.2f}' for x in load_before)} before, "
        f"{' '.join(f'{x:.2f}' for x in load_after)} after"
    )
    if args.json:
        for r in results:
            for stage in ("cold", "changed", "nochange"):
                r[stage].pop("output")
        args.json.write_text(json.dumps({"context": context, "results": results}, indent=1, ensure_ascii=False))
    print_tables(results, context)
    return 0


if __name__ == "__main__":
    sys.exit(main())
