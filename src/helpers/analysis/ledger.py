"""Read the indicator ledger: recurring series, headline figures, conflicts and repeats.

The ledger is :func:`helpers.analysis.indicators.indicators_table`'s output. The
series that recur across articles and years are defined as data in
``data/lexicon/series.yml``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.errors import SeriesError
from helpers.flags import flags
from helpers.yamlfile import read_yaml

LEAD_CHARS = 8  # characters before a number that a series may test (净增, 新增…)
KIND_ORDER = ["achieved", "target", "plan", "signed", "ranking", "context"]


def load_series(path: Path = paths.LEXICON / "series.yml") -> list[dict]:
    """Load the series definitions, checking each has what it needs.

    Raises
    ------
    SeriesError
        For a missing field, a duplicate id or a regex that does not compile.
    """
    spec = read_yaml(path, SeriesError) or {}
    series = spec.get("series") or []
    seen = set()
    for number, item in enumerate(series, start=1):
        missing = [k for k in ("id", "label", "indicator", "base_unit") if not item.get(k)]
        if missing:
            raise SeriesError(f"{path}: series {number} lacks {', '.join(missing)}")
        if item["id"] in seen:
            raise SeriesError(f"{path}: series id '{item['id']}' is used twice")
        seen.add(item["id"])
        for key in ("indicator", "lead_excludes", "lead_requires"):
            try:
                re.compile(item.get(key) or "")
            except re.error as err:
                raise SeriesError(f"{path}: series '{item['id']}' {key} is not a valid regex: {err}") from None
    return series


def with_lead(ledger: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Add ``lead``: the characters just before each number in its article."""
    texts = articles.set_index("article_id")["text"]
    lead = [texts[a][max(0, s - LEAD_CHARS) : s] for a, s in zip(ledger["article_id"], ledger["start"])]
    return ledger.assign(lead=lead)


def _search(column: pd.Series, pattern: str) -> pd.Series:
    """Return where ``pattern`` is found (maintainers may write groups in series.yml; they are only searched)."""
    compiled = re.compile(pattern)
    return column.map(lambda text: compiled.search(text) is not None).astype(bool)


def assign_series(ledger: pd.DataFrame, series: list[dict]) -> pd.DataFrame:
    """Label each ledger row with the first series it belongs to (or ``""``).

    Parameters
    ----------
    ledger : pandas.DataFrame
        Ledger rows with a ``lead`` column (see :func:`with_lead`).
    series : list of dict
        From :func:`load_series`.
    """
    labels = pd.Series("", index=ledger.index)
    for item in series:
        hit = _search(ledger["indicator"], item["indicator"]) & (ledger["base_unit"] == item["base_unit"])
        if item.get("lead_excludes"):
            hit &= ~_search(ledger["lead"], item["lead_excludes"])
        if item.get("lead_requires"):
            hit &= _search(ledger["lead"], item["lead_requires"])
        labels[hit & (labels == "")] = item["id"]
    return ledger.assign(series=labels)


def zone_rows(ledger: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of articles about the zone (all rows when the ledger has no ``about_zone`` column).

    The ledger of every article (``Tables.ledger_all``) also holds figures of
    articles that name the zone only in passing; the zone's charts, headline
    figures, year summaries, promised-versus-delivered and conflicts read only
    the zone's articles.
    """
    if "about_zone" not in ledger.columns:
        return ledger
    return ledger[flags(ledger["about_zone"])]


def new_figures(ledger: pd.DataFrame) -> pd.DataFrame:
    """Return the rows that are not a repeat of an earlier article's figure (all rows if nothing is flagged).

    Charts, headline figures, counts and year summaries count a figure once,
    in the article that first reported it (``restates``: helpers.analysis.facts).
    """
    if "restates" not in ledger.columns:
        return ledger
    return ledger[ledger["restates"].fillna("").astype(str) == ""]


def series_points(ledger: pd.DataFrame, series: list[dict], new_only: bool = True) -> pd.DataFrame:
    """Return the rows that belong to a series, with the series label, oldest first.

    With ``new_only`` (charts, conflicts), a figure repeated from an earlier
    article is left out; without it (the check for figures reused for other
    periods), every row is kept.
    """
    names = {s["id"]: s["label"] for s in series}
    ledger = zone_rows(ledger)
    ledger = new_figures(ledger) if new_only else ledger
    points = ledger[ledger["series"] != ""].assign(series_label=lambda d: d["series"].map(names))
    order = {s["id"]: k for k, s in enumerate(series)}
    return points.sort_values(
        ["series", "year", "start"], key=lambda c: c.map(order) if c.name == "series" else c
    ).reset_index(drop=True)


# A sum of one industry or group of industries, named before its measure: 高端装备产业产值 (the output of the
# high-end equipment industry's firms), 四大产业营收 (the four leading industries together). The articles' subject
# is the zone, but the sum is not the zone's total: headlines show it apart, labelled with the industry.
INDUSTRY_SUM = re.compile(
    r"^(?P<industry>[^、，,。；;]{1,12}?产业)(?=产值|总产值|营收|营业收入|主营业务收入|销售收入|收入|规模|增加值|利润|利税|税收)"
)


def industry_of(indicator: str) -> str:
    """Return the industry whose sum an indicator names (高端装备产业产值 → 高端装备产业), or ''."""
    found = INDUSTRY_SUM.match(str(indicator or ""))
    return found["industry"] if found else ""


def headlines(ledger: pd.DataFrame, per_kind: int = 3, texts: pd.Series | None = None) -> pd.DataFrame:
    """Pick each year's headline figures: rankings won, the zone's largest sums, the industries' largest sums.

    Only new figures count (not a repeat of an earlier article), and sums only
    of the zone itself: a company's or a consortium's output is not the zone's
    (``subject_type`` when the ledger has it). A sum of one industry or group of
    industries (高端装备产业产值 402.6亿, 四大产业营收 350亿元: :data:`INDUSTRY_SUM`) is
    not the zone's total either: it is shown apart (headline ``largest achieved
    sums of an industry``), with the industry as its subject.

    Parameters
    ----------
    ledger : pandas.DataFrame
        The indicator ledger.
    per_kind : int
        How many money figures of each kind to keep per year.
    texts : pandas.Series, optional
        Article texts by ``article_id``: each figure is then shown as the
        article writes it (``前10名``, not ``10 名``).

    Returns
    -------
    pandas.DataFrame
        Columns ``year, headline, indicator, subject, value, kind, period, sentence, article_id,
        indicator_id``, ``value`` as written with its unit (前10名, 310.3亿元): each figure keeps its
        id, so a report links it to its sentence.
    """
    parts = []
    ledger = new_figures(zone_rows(ledger))
    if "subject_type" in ledger.columns:
        own = ledger["subject_type"].fillna("").astype(str).isin(["zone", ""])
    else:
        own = pd.Series(True, index=ledger.index)
    if "subject" not in ledger.columns:
        ledger = ledger.assign(subject="")
    rankings = ledger[ledger["kind"] == "ranking"].sort_values(["year", "value_base", "start"])
    parts.append(rankings.assign(headline="ranking"))
    industry = ledger["indicator"].map(industry_of)
    money = ledger[(ledger["base_unit"] == "元") & own]
    for kind in ("achieved", "target", "plan"):
        for whose, rows in (("the zone", money[industry[money.index].eq("")]), ("an industry", None)):
            if rows is None:  # an industry's sums: achieved only (targets name lists of clusters, not one)
                if kind != "achieved":
                    continue
                rows = money[industry[money.index].ne("")]
                rows = rows.assign(subject=industry[rows.index])
            top = (
                rows[rows["kind"] == kind]
                .sort_values(["year", "value_base"], ascending=[True, False])
                .groupby("year")
                .head(per_kind)
            )
            parts.append(top.assign(headline=f"largest {kind} sums of {whose}"))
    table = pd.concat(parts, ignore_index=True)
    # by year and headline, the zone's sums of a kind before the industries' (which are not its totals)
    order = table["headline"].str.replace("of an industry", "of the zone (industries)", regex=False)
    table = table.assign(_order=order).sort_values(
        ["year", "_order", "value_base"], ascending=[True, True, False], kind="stable"
    )
    table = table.assign(value=[as_written(row, texts) for row in table.itertuples()])
    return table[
        [
            "year",
            "headline",
            "indicator",
            "subject",
            "value",
            "kind",
            "period",
            "sentence",
            "article_id",
            "indicator_id",
        ]
    ].reset_index(drop=True)


def as_written(row, texts) -> str:
    """Return the figure as its article writes it: from the word before the number to the quantity's end.

    ``row`` has ``article_id``, ``value``, ``unit``, ``qualifier``, ``start`` and ``end``
    (attributes or keys); ``texts`` maps article ids to texts (without it: value and unit).
    """
    if isinstance(row, dict):
        row = pd.Series(row)
    value, unit = str(row.value), row.unit if isinstance(row.unit, str) else ""
    text = texts.get(row.article_id) if texts is not None else None
    if not isinstance(text, str):
        return value + unit
    end = int(row.end) if pd.notna(row.end) else int(row.start) + len(value)
    start = int(row.start)
    qualifier = row.qualifier if isinstance(row.qualifier, str) else ""
    for lead in [
        w for w in (qualifier, "前", "第") if w
    ]:  # 前10名, 第一名, 不低于90家: a word before the number belongs to it
        if text[max(0, start - len(lead)) : start] == lead:
            start -= len(lead)
            break
    return text[start:end]


def conflicts(points: pd.DataFrame) -> pd.DataFrame:
    """Find figures for the same series, kind and period that disagree between articles.

    Returns
    -------
    pandas.DataFrame
        One row per disagreeing figure (``series, period, kind, value, unit, value_base, article_id,
        sentence``, and ``indicator_id`` when the points have it); empty when every series agrees with itself.
    """
    keyed = points[points["period"] != ""]
    groups = keyed.groupby(["series", "period", "kind"])
    disagree = groups.filter(lambda g: g["value_base"].round(9).nunique() > 1 and g["article_id"].nunique() > 1)
    columns = ["series", "period", "kind", "value", "unit", "value_base", "article_id", "sentence"]
    return disagree[columns + [c for c in ("indicator_id",) if c in points.columns]].reset_index(drop=True)


def repeats(points: pd.DataFrame) -> pd.DataFrame:
    """Find the same figure reported for different periods (a stale number reused?).

    Returns
    -------
    pandas.DataFrame
        ``series, value, unit, periods, articles``: one row per figure that
        appears with two or more distinct periods; with ``article_id`` and
        ``indicator_id`` of its first statement when the points have ids.
    """
    keyed = points.assign(rounded=points["value_base"].round(9))
    ids = {"article_id": ("article_id", "first"), "indicator_id": ("indicator_id", "first")}
    grouped = keyed.groupby(["series", "rounded"], as_index=False).agg(
        value=("value", "first"),
        unit=("unit", "first"),
        periods=("period", lambda p: " / ".join(sorted(set(p)))),
        n_periods=("period", "nunique"),
        articles=("article_id", lambda a: " / ".join(sorted(set(a)))),
        **(ids if "indicator_id" in points.columns else {}),
    )
    return grouped[grouped["n_periods"] > 1].drop(columns=["rounded", "n_periods"]).reset_index(drop=True)


def kinds_by_year(ledger: pd.DataFrame) -> pd.DataFrame:
    """Count new figures per year and kind (years as rows, kinds as columns in a fixed order)."""
    table = new_figures(zone_rows(ledger)).pivot_table(
        index="year", columns="kind", values="indicator_id", aggfunc="count", fill_value=0
    )
    return table.reindex(columns=[k for k in KIND_ORDER if k in table.columns])
