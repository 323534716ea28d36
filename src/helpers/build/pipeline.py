"""Build the reports: check, plan, run (in parallel), publish, index.

Nothing is published until a report has executed and rendered cleanly in
its own staging folder under ``build/``; then its files replace the
published ones one by one with an atomic rename, so a failed report leaves
its published version in place (the index marks it stale). A report whose
inputs are unchanged since it was published is skipped (:mod:`helpers.build.cache`).
Executed notebooks stay in ``build/executed/`` for inspection.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.build import cache, parameters
from helpers.build.registry import REPORTS, ReportSpec, choices, plan, year_report
from helpers.build.run import ensure_kernel, execute, render, resolved_parameters
from helpers.corpus.reader import load_corpus
from helpers.corpus.select import zone_years
from helpers.errors import BuildError
from helpers.report.index import write_index

JOBS = 2  # the reference machine has two cores; each report runs its own kernel


@dataclass
class BuildResult:
    """What a build did: reports published, skipped as fresh, and failed."""

    published: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def publish(staged: Path, target: Path) -> None:
    """Replace ``target`` with ``staged`` atomically (same filesystem rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(staged, tmp)
    os.replace(tmp, target)


def run_report(spec: ReportSpec, params: dict, shown: dict, raw_dir: Path, manifest: Path, work_dir: Path) -> Path:
    """Execute and render one report into its staging folder; return that folder.

    Raises
    ------
    BuildError
        If a cell fails, a figure lacks a glyph, or a promised table is missing.
    """
    staging = Path(work_dir) / "staging" / spec.key
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "data").mkdir(parents=True)
    executed = execute(spec, {**params, "output_dir": str(staging / "data")}, Path(work_dir))
    missing = [t for t in spec.tables if not (staging / "data" / t).exists()]
    if missing:
        raise BuildError(f"{spec.key}: ran but did not write {', '.join(missing)}; see {executed}")
    target = staging / spec.html
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(spec, executed, shown, raw_dir, manifest), encoding="utf-8")
    return staging


def _timed(spec, params, shown, raw_dir, manifest, work_dir):
    started = time.perf_counter()
    try:
        return (
            spec.key,
            run_report(spec, params, shown, raw_dir, manifest, work_dir),
            None,
            time.perf_counter() - started,
        )
    except BuildError as err:
        return spec.key, None, str(err), time.perf_counter() - started


def build(
    names: list[str] | None = None,
    years: list[int] | None = None,
    params: dict | None = None,
    raw_dir: Path = paths.RAW,
    manifest: Path = paths.MANIFEST,
    out_dir: Path = paths.REPORTS,
    work_dir: Path = paths.BUILD,
    jobs: int = JOBS,
    force: bool = False,
    progress=None,
) -> BuildResult:
    """Build and publish reports.

    Parameters
    ----------
    names : list of str, optional
        Overview reports to build (see :func:`helpers.build.registry.plan`).
    years : list of int, optional
        Year reviews to build.
    params : dict, optional
        Notebook parameters for every report built (checked against each notebook's declaration).
    raw_dir, manifest : Path
        The corpus to build from.
    out_dir : Path
        Where reports are published (``reports/``).
    work_dir : Path
        Scratch space: cache, staging, executed notebooks (``build/``).
    jobs : int
        Reports built at once.
    force : bool
        Rebuild even reports whose inputs are unchanged.
    progress : callable, optional
        Called with one line of text per event (``print`` for a terminal).

    Returns
    -------
    BuildResult
        Reports published, skipped and failed, and seconds per report.

    Raises
    ------
    CorpusError, NoArticlesError, ParameterError
        Before any notebook runs, when the corpus or a parameter is wrong.
    BuildError
        After the build, when any report failed; the others are published.
    """
    say = progress or (lambda line: None)
    os.environ["PYTHONHASHSEED"] = "0"  # kernels inherit it: set and dict order must not vary
    corpus = load_corpus(raw_dir, manifest)  # fail fast, before any kernel starts or file moves
    specs = plan(corpus, names, years)
    custom = (Path(raw_dir), Path(manifest)) != (paths.RAW, paths.MANIFEST)
    corpus_params = {"raw_dir": str(raw_dir), "manifest": str(manifest)} if custom else {}
    jobs_todo, result, code = [], BuildResult(), cache.code_hashes()
    for spec in specs:
        given = {**corpus_params, **(params or {}), **dict(spec.parameters)}
        checked = parameters.check(spec.notebook, given, choices(spec, corpus))
        shown = resolved_parameters(spec.notebook, checked)
        key = cache.cache_key(spec, shown, raw_dir, manifest, code)
        if not force and cache.is_fresh(spec, key, Path(out_dir), Path(work_dir)):
            result.skipped.append(spec.key)
            continue
        jobs_todo.append((spec, checked, shown, key))
    say(
        f"{len(jobs_todo)} to build, {len(result.skipped)} unchanged"
        + (f" ({', '.join(result.skipped)})" if result.skipped else "")
    )
    if jobs_todo:
        ensure_kernel()  # once, before workers start kernels
        by_key = {spec.key: (spec, key) for spec, _, _, key in jobs_todo}
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(jobs_todo))), mp_context=context) as pool:
            futures = [
                pool.submit(_timed, spec, checked, shown, raw_dir, manifest, work_dir)
                for spec, checked, shown, _ in jobs_todo
            ]
            for done, future in enumerate(as_completed(futures), start=1):
                report, staging, error, seconds = future.result()
                result.seconds[report] = seconds
                spec, key = by_key[report]
                if error:
                    result.failed[report] = error
                    say(f"[{done}/{len(jobs_todo)}] {report}: FAILED after {seconds:.1f} s")
                    continue
                for table in spec.tables:
                    publish(staging / "data" / table, Path(out_dir) / "data" / table)
                publish(staging / spec.html, Path(out_dir) / spec.html)
                cache.remember(spec, key, Path(out_dir), Path(work_dir))
                result.published.append(report)
                say(f"[{done}/{len(jobs_todo)}] {report}: published in {seconds:.1f} s")
    result.published.sort()
    write_index(
        Path(out_dir), REPORTS, corpus, years=[year_report(y) for y in zone_years(corpus)], failed=result.failed
    )
    if result.failed:
        raise BuildError(
            f"{len(result.failed)} report(s) failed; their published versions were left in place:\n"
            + "\n".join(result.failed.values())
        )
    return result
