"""Build the reports: run each notebook with papermill, render HTML, publish.

Nothing is published until a report has executed and rendered cleanly in a
staging folder under ``build/``; then its files replace the published ones
one by one with an atomic rename, so a failed build leaves ``reports/`` as
it was. Executed notebooks stay in ``build/executed/`` for inspection.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import nbformat
import papermill

from helpers import paths
from helpers.corpus import load_corpus, zone_years
from helpers.errors import BuildError, NoArticlesError
from helpers.index import write_index
from helpers.record import input_hashes, package_versions
from helpers.render import clean_notebook, notebook_body, page

KERNEL = "jhn"  # the project's own kernelspec, installed into .venv by the build
OUTPUT_PARAMETERS = {"output_dir"}  # where tables go: not an input, so not in the run record


@dataclass(frozen=True)
class ReportSpec:
    """One published report: a notebook, what it is, and the tables it writes."""

    name: str
    title: str
    summary: str
    tables: tuple[str, ...] = ()
    lexicons: tuple[str, ...] = ()  # files in data/lexicon/ the notebook reads
    output: str = ""  # the HTML's path under reports/; default <name>.html
    parameters: tuple[tuple[str, object], ...] = ()  # fixed parameters of this instance (a year review's year)

    @property
    def notebook(self) -> Path:
        """Return the notebook's path."""
        return paths.NOTEBOOKS / f"{self.name}.ipynb"

    @property
    def html(self) -> str:
        """Return the report's path under ``reports/``."""
        return self.output or f"{self.name}.html"

    @property
    def key(self) -> str:
        """Return a name unique among reports (``02_themes``, ``years/2021``)."""
        return self.html.removesuffix(".html")

    @property
    def home(self) -> str:
        """Return the relative link from this report to ``index.html``."""
        return "../" * self.html.count("/") + "index.html"


REPORTS = (
    ReportSpec("01_corpus", "The corpus: articles, dates and sources",
               "Which articles we have, how each was dated and sourced, which are about the zone.",
               ("articles.csv",)),
    ReportSpec("02_themes", "Policy themes: emphasis by year",
               "Theme hits per 1,000 characters by year, theme shares, distinctive words, word clouds, the sentences behind each theme.",
               ("themes.csv", "keywords.csv"), ("themes.yml", "userdict.txt", "stopwords.txt")),
    ReportSpec("03_indicators", "The indicator ledger: every number reported or promised",
               "Every quantity in the coverage, with unit, kind (achieved, target, plan, ranking), period and sentence; recurring series and conflicts.",
               ("indicators.csv",), ("indicators.yml", "series.yml")),
    ReportSpec("04_narrative", "The development narrative: formulas, promises, the story by year",
               "Numbered policy formulas and their lifespans, promised versus delivered, companies and parks that rise and fall, a timeline, and a generated summary per year.",
               ("formulas.csv", "targets_vs_outcomes.csv", "entities.csv"),
               ("themes.yml", "indicators.yml", "series.yml", "formulas.yml", "entities.yml")),
)
YEAR_REVIEW = ReportSpec("05_year_review", "Year in review", "One year's articles, themes against the year before, figures reported, targets set.",
                         (), ("themes.yml", "indicators.yml", "series.yml", "formulas.yml"))


def year_report(year: int) -> ReportSpec:
    """Return the spec of one year's review, published at ``reports/years/YYYY.html``."""
    return replace(YEAR_REVIEW, title=f"{year} in review", output=f"years/{year}.html", parameters=(("year", year),))


def plan(corpus, names: list[str] | None = None, years: list[int] | None = None) -> list[ReportSpec]:
    """Choose the reports to build: named overview reports and year reviews.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The articles table; its years decide which year reviews exist.
    names : list of str, optional
        Overview reports to build; default all (none when only ``years`` is given).
    years : list of int, optional
        Year reviews to build; default every corpus year (none when only ``names`` is given).

    Raises
    ------
    BuildError
        For an unknown report name.
    NoArticlesError
        For a year with no articles about the zone; the message lists the years there are.
    """
    known = {s.name for s in REPORTS} | {YEAR_REVIEW.name}
    unknown = sorted(set(names or []) - known)
    if unknown:
        raise BuildError(f"unknown report(s) {', '.join(unknown)}; choose from {', '.join(sorted(known))}")
    available = zone_years(corpus)
    missing = sorted(set(years or []) - set(available))
    if missing:
        raise NoArticlesError(
            f"no articles about the zone in {', '.join(map(str, missing))}; years with articles: {', '.join(map(str, available))}. "
            "Add the year's articles to data/raw/ (see the README) or choose one of these years"
        )
    overview = [s for s in REPORTS if (names is None and years is None) or (names and s.name in names)]
    if years is None and (names is None or YEAR_REVIEW.name in names):
        years = available
    return overview + [year_report(y) for y in years or []]


@dataclass
class BuildResult:
    """What a build did: reports published and reports that failed."""

    published: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def ensure_kernel() -> str:
    """Install (or refresh) the project's kernelspec in this environment and return its name.

    The kernel runs this environment's Python with a fixed hash seed, and
    logs only errors (ipykernel otherwise warns about its loopback TCP).
    """
    import json
    import tempfile

    from ipykernel.kernelspec import write_kernel_spec
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    wanted = {"display_name": "Python (济宁高新区 report)", "env": {"PYTHONHASHSEED": "0"}}
    manager = KernelSpecManager()
    try:
        spec = manager.get_kernel_spec(KERNEL)
        if spec.argv[0] == sys.executable and spec.env == wanted["env"]:
            return KERNEL
    except NoSuchKernel:
        pass
    with tempfile.TemporaryDirectory() as tmp:
        path = write_kernel_spec(Path(tmp) / KERNEL, overrides=wanted, extra_arguments=["--IPKernelApp.log_level=ERROR"])
        json.loads((Path(path) / "kernel.json").read_text())  # fail here, not in a kernel, if it is malformed
        manager.install_kernel_spec(str(path), KERNEL, prefix=sys.prefix)
    return KERNEL


def resolved_parameters(notebook: Path, overrides: dict) -> dict:
    """Return the notebook's parameters: its defaults updated by ``overrides``."""
    declared = papermill.inspect_notebook(str(notebook))
    values = {name: spec["default"] for name, spec in declared.items()}
    values.update({k: repr(v) for k, v in overrides.items()})
    return {k: v for k, v in values.items() if k not in OUTPUT_PARAMETERS}


def execute(spec: ReportSpec, parameters: dict, work_dir: Path) -> Path:
    """Execute one notebook with papermill and return the executed notebook's path.

    Raises
    ------
    BuildError
        If a cell fails; the message names the executed notebook and the cell.
    """
    executed = work_dir / "executed" / f"{spec.key}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(spec.notebook), str(executed), parameters=parameters, kernel_name=ensure_kernel(),
            cwd=str(paths.NOTEBOOKS), progress_bar=False, log_output=False,
        )
    except papermill.PapermillExecutionError as err:
        raise BuildError(
            f"{spec.key}: cell {err.cell_index} failed with {err.ename}: {err.evalue}\n"
            f"  executed notebook kept for inspection: {executed}"
        ) from None
    nb = nbformat.read(executed, as_version=4)
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("name") == "stderr" and "missing from font" in out.get("text", ""):
                raise BuildError(f"{spec.key}: cell {index} drew a character missing from the font: {out['text'].strip()}")
    return executed


def render(spec: ReportSpec, executed: Path, parameters: dict, raw_dir: Path, manifest: Path) -> str:
    """Render an executed notebook into the report's HTML."""
    nb = clean_notebook(nbformat.read(executed, as_version=4))
    record = {
        "parameters": parameters,
        "inputs": input_hashes(raw_dir, manifest, spec.notebook, spec.lexicons),
        "packages": package_versions(),
    }
    return page(spec.title, notebook_body(nb), record, home=spec.home)


def publish(staged: Path, target: Path) -> None:
    """Replace ``target`` with ``staged`` atomically (same filesystem rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(staged, tmp)
    os.replace(tmp, target)


def build(names: list[str] | None = None, years: list[int] | None = None, raw_dir: Path = paths.RAW,
          manifest: Path = paths.MANIFEST, out_dir: Path = paths.REPORTS, work_dir: Path = paths.BUILD) -> BuildResult:
    """Build and publish reports.

    Parameters
    ----------
    names : list of str, optional
        Overview reports to build (see :func:`plan`).
    years : list of int, optional
        Year reviews to build (see :func:`plan`).
    raw_dir, manifest : Path
        The corpus to build from.
    out_dir : Path
        Where reports are published (``reports/``).
    work_dir : Path
        Scratch space: staging area and executed notebooks (``build/``).

    Returns
    -------
    BuildResult
        Reports published and failures.

    Raises
    ------
    CorpusError
        Before any notebook runs, when the corpus cannot be read.
    NoArticlesError
        Before any notebook runs, for a year with no articles.
    BuildError
        After the build, when any report failed; the others are published.
    """
    os.environ["PYTHONHASHSEED"] = "0"  # kernels inherit it: set and dict order must not vary
    corpus = load_corpus(raw_dir, manifest)  # fail fast, before any kernel starts or file moves
    specs = plan(corpus, names, years)
    staging = Path(work_dir) / "staging"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "data").mkdir(parents=True)
    result = BuildResult()
    custom = (Path(raw_dir), Path(manifest)) != (paths.RAW, paths.MANIFEST)
    overrides = {"raw_dir": str(raw_dir), "manifest": str(manifest)} if custom else {}
    for spec in specs:
        fixed = dict(spec.parameters)
        params = {**overrides, **fixed, "output_dir": str(staging / "data")}
        try:
            executed = execute(spec, params, Path(work_dir))
            html = render(spec, executed, resolved_parameters(spec.notebook, {**overrides, **fixed}), raw_dir, manifest)
        except BuildError as err:
            result.failed[spec.key] = str(err)
            continue
        missing = [t for t in spec.tables if not (staging / "data" / t).exists()]
        if missing:
            result.failed[spec.key] = f"{spec.key}: ran but did not write {', '.join(missing)}; see {executed}"
            continue
        staged = staging / spec.html
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_text(html, encoding="utf-8")
        for table in spec.tables:
            publish(staging / "data" / table, Path(out_dir) / "data" / table)
        publish(staged, Path(out_dir) / spec.html)
        result.published.append(spec.key)
    write_index(Path(out_dir), REPORTS, corpus, years=[year_report(y) for y in zone_years(corpus)], failed=result.failed)
    if result.failed:
        raise BuildError("some reports failed; the published versions were left in place:\n" + "\n".join(result.failed.values()))
    return result
