"""Build the reports: check, plan, run (in parallel), publish whole, index.

Each report executes and renders in its own staging folder under
``build/``. Only when every report built does the build publish: the
complete next ``reports/`` (reports, tables, article pages, index) is made
in ``build/publish/next`` and switched in one step (:mod:`helpers.build.publish`),
so a failed report or a killed build leaves the previous publication whole.
A report whose inputs are unchanged since it was published is skipped
(:mod:`helpers.build.cache`); one build at a time holds the checkout
(:mod:`helpers.build.buildlock`). Executed notebooks stay in
``build/executed/`` for inspection.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from helpers import atomic, paths
from helpers.analysis import processed
from helpers.build import cache, parameters, publish
from helpers.build.buildlock import build_lock
from helpers.build.registry import REPORTS, YEAR_REVIEW, ReportSpec, choices, plan, year_report
from helpers.build.run import enable_warm_kernels, ensure_kernel, execute, render, resolved_parameters
from helpers.corpus import manifest as manifest_file
from helpers.corpus.select import zone_years
from helpers.errors import (
    BuildError,
    CorpusWarning,
    ParameterError,
    ResourceError,
    resource_error,
)
from helpers.hashing import code_hashes, digest
from helpers.report.article_pages import ARTICLES_DIR, write_article_pages
from helpers.report.index import write_index

JOBS = 2  # the reference machine has two cores; each report runs its own kernel


@dataclass
class BuildResult:
    """What a build did: reports published, skipped as fresh, and failed."""

    published: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    # Failures of the machine (a full disk, a kernel that did not start), not of a report: one stops the build.
    stopped: list[str] = field(default_factory=list)


def run_report(
    spec: ReportSpec,
    params: dict,
    shown: dict,
    raw_dir: Path,
    manifest: Path,
    work_dir: Path,
    raw_files: list[str] | None = None,
) -> Path:
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
    target.write_text(render(spec, executed, shown, raw_dir, manifest, raw_files), encoding="utf-8")
    return staging


def _timed(spec, params, shown, raw_dir, manifest, work_dir, raw_files):
    started = time.perf_counter()
    try:
        return (
            spec.key,
            run_report(spec, params, shown, raw_dir, manifest, work_dir, raw_files),
            None,
            time.perf_counter() - started,
        )
    except ResourceError as err:  # the machine's failure, not the report's: kept as an error to tell apart
        return spec.key, None, err, time.perf_counter() - started
    except OSError as err:
        return spec.key, None, resource_error(err), time.perf_counter() - started
    except BuildError as err:
        return spec.key, None, str(err), time.perf_counter() - started
    except Exception as err:  # a dead kernel, a full disk: this report fails, the others go on
        return spec.key, None, unexpected(spec.key, err, work_dir), time.perf_counter() - started


def unexpected(report: str, err: BaseException, work_dir: Path) -> str:
    """Describe a failure that is not the project's own (a dead kernel, a disk error) as one report's failure."""
    return (
        f"{report}: failed with {type(err).__name__}: {err}\n"
        f"  executed notebook, if any, kept for inspection: {Path(work_dir) / 'executed' / (report + '.ipynb')}"
    )


# The notebook parameters that name a lexicon or rules file the shared tables are made with.
LEXICON_SOURCES = {f.name for f in fields(processed.Sources)} - {"raw_dir", "manifest"}


def _year_view(spec: ReportSpec, checked: dict, found: dict, sources: processed.Sources) -> dict | None:
    """Return a year review's view (raw files read, digest of its data); None for a report that reads everything.

    The default view of each year is kept in the summary; a view with another
    year to compare with, or with other lexicons, is made from the tables.
    """
    if spec.name != YEAR_REVIEW.name:
        return None
    year, compare_to = int(checked["year"]), int(checked.get("compare_to", 0))
    lexicons = {k: Path(v) for k, v in checked.items() if k in LEXICON_SOURCES}
    if not compare_to and not lexicons and str(year) in found["views"]:
        return found["views"][str(year)]
    view = processed.load(replace(sources, **lexicons)).year_view(year, compare_to)
    return {"previous": view.previous, "files": view.files, "digest": view.digest()}


def _absolute(path: Path) -> Path:
    # Kernels run in notebooks/: a path relative to the caller must not reach one.
    return Path(os.path.abspath(Path(path).expanduser()))


def _corpus_from_parameters(params: dict, raw_dir: Path, manifest: Path) -> tuple[Path, Path]:
    # -p raw_dir DIR is --raw-dir DIR: the corpus read, checked and hashed is the one the notebooks get.
    chosen = {"raw_dir": raw_dir, "manifest": manifest}
    defaults = {"raw_dir": paths.RAW, "manifest": paths.MANIFEST}
    for name in chosen:
        if name not in params:
            continue
        given = _absolute(str(params.pop(name)))
        if chosen[name] != defaults[name] and chosen[name] != given:
            option = "--" + name.replace("_", "-")
            raise ParameterError(
                f"{option} {chosen[name]} and parameter '{name}' {given} disagree; give the {name} once"
            )
        chosen[name] = given
    return chosen["raw_dir"], chosen["manifest"]


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
        A relative path given to a file or folder parameter is relative to the current working
        directory; ``raw_dir`` and ``manifest`` given here choose the corpus, as the arguments do.
    raw_dir, manifest : Path
        The corpus to build from (relative paths, here and below, to the current working directory).
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
        After the build, when any report failed (a cell, or anything unexpected such as a
        dead kernel); nothing is published.
    ResourceError
        When the machine stops the build (a full disk, a read-only or vanished folder, a
        kernel that does not start): one line with the cause and the fix; nothing is published.
    """
    say = progress or (lambda line: None)
    os.environ["PYTHONHASHSEED"] = "0"  # kernels inherit it: set and dict order must not vary
    raw_dir, manifest, out_dir, work_dir = (_absolute(p) for p in (raw_dir, manifest, out_dir, work_dir))
    params = dict(params or {})
    raw_dir, manifest = _corpus_from_parameters(params, raw_dir, manifest)
    manifest_file.check_text(manifest)  # named before anything reads it
    try:
        with build_lock(work_dir):
            out_dir.parent.mkdir(parents=True, exist_ok=True)  # a new output folder (build/variants/…) is fine
            if publish.recover(out_dir, work_dir):
                say(f"{out_dir} was missing after an interrupted build: the previous reports were put back")
            return _build(names, years, params, raw_dir, manifest, out_dir, work_dir, jobs, force, say)
    except OSError as err:  # a full disk, a read-only folder, build/ deleted: one line, reports/ as it was
        raise resource_error(err) from err


def _build(names, years, params, raw_dir, manifest, out_dir, work_dir, jobs, force, say) -> BuildResult:
    # Read and analyse the corpus once, before any kernel starts or file moves: a bad input fails
    # fast, and every notebook then loads the shared tables from data/processed/. When the corpus is
    # unchanged since it was last analysed, only the summary kept with the tables is read.
    sources = processed.Sources(raw_dir, manifest)
    found = processed.summary(sources)
    corpus = processed.summary_articles(found)
    specs = plan(corpus, names, years)
    custom = (raw_dir, manifest) != (paths.RAW, paths.MANIFEST)
    corpus_params = {"raw_dir": str(raw_dir), "manifest": str(manifest)} if custom else {}
    jobs_todo, result, code = [], BuildResult(), code_hashes()
    for spec in specs:
        given = {**corpus_params, **params, **dict(spec.parameters)}
        checked = parameters.absolute_paths(
            spec.notebook, parameters.check(spec.notebook, given, choices(spec, corpus))
        )
        shown = resolved_parameters(spec.notebook, checked)
        view = _year_view(spec, checked, found, sources)
        key = cache.cache_key(spec, shown, raw_dir, manifest, code, view)
        if not force and cache.is_fresh(spec, key, out_dir, work_dir):
            result.skipped.append(spec.key)
            continue
        jobs_todo.append((spec, checked, shown, key, view["files"] if view else None))
    say(
        f"{len(jobs_todo)} to build, {len(result.skipped)} unchanged"
        + (f" ({', '.join(result.skipped)})" if result.skipped else "")
    )
    built = _run_all(jobs_todo, raw_dir, manifest, work_dir, jobs, result, say)
    if result.stopped:  # every report would fail the same way: one line with the cause and the fix
        raise ResourceError(result.stopped[0])
    if result.failed:
        raise BuildError(
            f"{len(result.failed)} report(s) failed, so nothing was published: {out_dir} is as it was. "
            f"The reports that did build are staged in {work_dir / 'staging'}.\n" + "\n".join(result.failed.values())
        )
    years_now = [year_report(y) for y in zone_years(corpus)]
    pages_key = digest({"tables": found["key"], "code": code})
    stale_years = _vanished_year_pages(out_dir, years_now)
    # The index and the article pages are made from the shared tables and the code: unchanged
    # tables, code and reports mean an unchanged publication, and nothing is written.
    if not built and not stale_years and _pages_current(out_dir, work_dir, pages_key, force):
        return result
    try:
        _publish(built, stale_years, sources, years_now, out_dir, work_dir)
    except BaseException:
        publish.discard(out_dir, work_dir)  # a half-made publication (a full disk) is not left taking space
        raise
    for spec, key, _ in built:
        cache.remember(spec, key, out_dir, work_dir)
    _remember_pages(work_dir, pages_key)
    result.published = sorted(spec.key for spec, _, _ in built)
    say(f"published {len(built)} report(s) and the index to {out_dir} in one step")
    return result


def _publish(built: list, stale_years: list[str], sources, years_now: list, out_dir: Path, work_dir: Path) -> None:
    """Make the complete next publication and switch it in (:mod:`helpers.build.publish`)."""
    nxt = publish.prepare(out_dir, work_dir)
    for spec, _, staging in built:
        for table in spec.tables:
            publish.place(staging / "data" / table, nxt / "data" / table)
        publish.place(staging / spec.html, nxt / spec.html)
    for page in stale_years:  # a year no longer in the corpus has no review
        (nxt / page).unlink(missing_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the summary above gave the curation notes once
        tables = processed.load(sources)
    write_article_pages(nxt, tables, reports=[(s.title, s.html) for s in REPORTS])
    write_index(nxt, REPORTS, tables, years=years_now)
    publish.switch(out_dir, work_dir)


def _run_all(jobs_todo, raw_dir, manifest, work_dir, jobs, result, say) -> list:
    """Run the reports to build in parallel; return (spec, key, staging folder) of those that built."""
    built = []
    if not jobs_todo:
        return built
    ensure_kernel()  # once, before workers start kernels
    by_key = {spec.key: (spec, key) for spec, _, _, key, _ in jobs_todo}
    context = multiprocessing.get_context("fork")
    workers = max(1, min(jobs, len(jobs_todo)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=enable_warm_kernels) as pool:
        futures = [
            pool.submit(_timed, spec, checked, shown, raw_dir, manifest, work_dir, files)
            for spec, checked, shown, _, files in jobs_todo
        ]
        reports = {future: spec.key for future, (spec, *_) in zip(futures, jobs_todo)}
        for done, future in enumerate(as_completed(futures), start=1):
            try:
                report, staging, error, seconds = future.result()
            except Exception as err:  # the worker process itself died (BrokenProcessPool)
                report, staging, seconds = reports[future], None, 0.0
                error = unexpected(report, err, work_dir)
            result.seconds[report] = seconds
            spec, key = by_key[report]
            if isinstance(error, ResourceError):
                result.stopped.append(str(error))
                error = f"{report}: {error}"
            if error:
                result.failed[report] = error
                say(f"[{done}/{len(jobs_todo)}] {report}: FAILED after {seconds:.1f} s")
                continue
            built.append((spec, key, staging))
            say(f"[{done}/{len(jobs_todo)}] {report}: built in {seconds:.1f} s")
    return built


def _vanished_year_pages(out_dir: Path, years_now: list) -> list[str]:
    """Return the published year reviews of years that no longer have articles about the zone."""
    wanted = {spec.html for spec in years_now}
    found = sorted(p.relative_to(out_dir).as_posix() for p in (out_dir / "years").glob("*.html"))
    return [page for page in found if page not in wanted]


def _pages_current(out_dir: Path, work_dir: Path, key: str, force: bool) -> bool:
    """Return True when the article pages and the index were written from the same tables and code."""
    try:
        record = json.loads((work_dir / "cache" / "articles.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return not force and (out_dir / ARTICLES_DIR).is_dir() and record.get("key") == key


def _remember_pages(work_dir: Path, key: str) -> None:
    # After the switch: a record that cannot be written only costs rewriting the pages next time.
    with contextlib.suppress(OSError):
        atomic.write_text(work_dir / "cache" / "articles.json", json.dumps({"key": key}))
