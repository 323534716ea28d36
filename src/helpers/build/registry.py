"""The reports: which notebooks exist, what each publishes, and which to build."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from helpers import paths
from helpers.corpus.select import check_years, zone_years
from helpers.errors import BuildError


@dataclass(frozen=True)
class ReportSpec:
    """One published report: a notebook, what it is, and the tables it writes."""

    name: str
    title: str
    summary: str
    tables: tuple[str, ...] = ()
    lexicons: tuple[str, ...] = ()  # files in data/lexicon/ the notebook reads (SHARED_LEXICONS at least)
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


# Every notebook loads the shared tables (helpers.analysis.processed), made with every lexicon:
# a change to any of them may change any report.
SHARED_LEXICONS = (
    "themes.yml",
    "userdict.txt",
    "stopwords.txt",
    "indicators.yml",
    "series.yml",
    "formulas.yml",
    "entities.yml",
    "facts.yml",
    "targets.yml",
    "article_types.yml",
    "sections.yml",
    "comparisons.yml",
    "story.yml",
    "glossary.yml",
)

REPORTS = (
    ReportSpec(
        "01_corpus",
        "The corpus: articles, dates and sources",
        "Which articles we have, how each was dated and sourced, which are about the zone.",
        ("articles.csv",),
        SHARED_LEXICONS,
    ),
    ReportSpec(
        "02_themes",
        "Policy themes: emphasis by year",
        "What the themes show and what each change rests on: emphasis per article and per year, changes between named years, distinctive words, word clouds, the sentences behind each theme.",
        ("themes.csv", "keywords.csv"),
        SHARED_LEXICONS,
    ),
    ReportSpec(
        "03_indicators",
        "The indicator ledger: every number reported or promised",
        "Every quantity in the coverage, with unit, kind (achieved, target, plan, ranking), period and sentence; recurring series and conflicts.",
        ("indicators.csv",),
        SHARED_LEXICONS,
    ),
    ReportSpec(
        "04_narrative",
        "The development narrative: formulas, promises, the story by year",
        "The story in tables (leading industries, parks, reform, high-tech enterprises, rankings), policy formulas with a glossary, promised versus delivered, figures that disagree, companies and parks, a timeline, and a summary per year.",
        ("formulas.csv", "targets_vs_outcomes.csv", "entities.csv"),
        SHARED_LEXICONS,
    ),
)
YEAR_REVIEW = ReportSpec(
    "05_year_review",
    "Year in review",
    "One year's articles, themes against the year before, figures reported, targets set.",
    (),
    SHARED_LEXICONS,
)


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
    check_years(corpus, years or [])
    overview = [s for s in REPORTS if (names is None and years is None) or (names and s.name in names)]
    if years is None and (names is None or YEAR_REVIEW.name in names):
        years = zone_years(corpus)
    return overview + [year_report(y) for y in years or []]


def choices(spec: ReportSpec, corpus) -> dict:
    """Return the allowed values of a report's parameters, where they are finite."""
    if spec.name != YEAR_REVIEW.name:
        return {}
    years = zone_years(corpus)
    return {"year": years, "compare_to": [0, *years]}
