"""Choose the articles a report covers: about the zone, in a year or a year range, dated or not.

An undated article (``date == ""``, ``year`` missing) is in no year, so it is
left out of every per-year statistic; tables of facts (the indicator ledger)
still keep it, with a blank year, so that no figure silently disappears.
"""

from __future__ import annotations

import pandas as pd

from helpers.errors import ArticlesFormatError, NoArticlesError
from helpers.flags import flags


def zone_articles(
    articles: pd.DataFrame,
    first_year: int | None = None,
    last_year: int | None = None,
    undated: bool = False,
    needed: tuple[str, ...] = (),
    by_id: bool = False,
) -> pd.DataFrame:
    """Return the articles about the zone dated within ``first_year..last_year`` (inclusive).

    Parameters
    ----------
    articles : pandas.DataFrame
        The output of :func:`helpers.corpus.reader.load_corpus` (``about_zone``, ``year``);
        ``about_zone`` may be bool or "True"/"False" text (as read back from a CSV).
    first_year, last_year : int, optional
        The year range; None leaves that end open.
    undated : bool
        Also keep the undated articles about the zone (a table without ``year`` counts as undated).
    needed : tuple of str
        Columns the caller needs; a missing one is an error.
    by_id : bool
        Sort by ``article_id`` (analysis tables are keyed by it) instead of keeping the corpus order.

    Returns
    -------
    pandas.DataFrame
        The chosen rows.

    Raises
    ------
    ArticlesFormatError
        If a needed column is missing.
    """
    missing = [c for c in [*needed, "about_zone"] if c not in articles.columns]
    if missing:
        raise ArticlesFormatError(f"articles table lacks column(s) {missing}; build it with helpers.corpus.reader")
    keep = flags(articles["about_zone"]) & _within(articles, first_year, last_year, undated)
    chosen = articles[keep.to_numpy(dtype=bool)]
    return chosen.sort_values("article_id", kind="mergesort") if by_id else chosen


def articles_in_range(
    articles: pd.DataFrame, first_year: int | None = None, last_year: int | None = None, undated: bool = False
) -> pd.DataFrame:
    """Return every article dated within ``first_year..last_year``, about the zone or not.

    For the tables that keep what articles not about the zone say too (the
    ledger of every article); statistics of the zone use :func:`zone_articles`.
    Parameters as :func:`zone_articles`.
    """
    return articles[_within(articles, first_year, last_year, undated).to_numpy(dtype=bool)]


def _within(articles: pd.DataFrame, first_year: int | None, last_year: int | None, undated: bool) -> pd.Series:
    if "year" in articles.columns:
        year = articles["year"].astype("Int64")
    else:
        year = pd.Series(pd.NA, index=articles.index, dtype="Int64")
    dated = year.notna()
    in_range = dated.copy()
    if first_year is not None:
        in_range &= (year >= first_year).fillna(False).astype(bool)
    if last_year is not None:
        in_range &= (year <= last_year).fillna(False).astype(bool)
    return in_range | (~dated & undated)


def undated_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the undated articles (no ``year``), about the zone or not."""
    return articles[articles["year"].isna().to_numpy(dtype=bool)]


def undated_note(articles: pd.DataFrame) -> str:
    """Say in one sentence which undated articles about the zone are left out of per-year statistics ('' if none)."""
    files = list(dict.fromkeys(undated_articles(articles).loc[lambda a: flags(a["about_zone"]), "file"]))
    if not files:
        return ""
    return (
        f"{len(files)} file(s) with undated articles about the zone ({', '.join(files)}) are in no year's statistics; "
        "put each article's date in the `date` column of data/corpus.csv to include them."
    )


def undated_table(articles: pd.DataFrame) -> pd.DataFrame:
    """List the undated articles with what to add to the manifest to date them.

    Returns
    -------
    pandas.DataFrame
        ``article_id, file, article_index, title, about_zone, manifest_row``: the
        row to put in ``data/corpus.csv`` with the date filled in (a curated date
        applies to every article of its file).
    """
    undated = undated_articles(articles)
    rows = undated[["article_id", "file", "article_index", "title", "about_zone"]].copy()
    rows["manifest_row"] = [f"{f},{s},,YYYY-MM-DD,,," for f, s in zip(undated["file"], undated["sha256"])]
    return rows.reset_index(drop=True)


def zone_years(articles: pd.DataFrame) -> list[int]:
    """Return the years with at least one article about the zone, oldest first."""
    return sorted(int(y) for y in articles.loc[articles["about_zone"], "year"].dropna().unique())


def articles_in_year(articles: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the year's articles about the zone.

    Raises
    ------
    NoArticlesError
        When the year has none; the message lists the years there are.
    """
    check_years(articles, [year])
    return articles[articles["about_zone"] & (articles["year"] == year)]


def check_years(articles: pd.DataFrame, years) -> None:
    """Check that every year asked for has articles about the zone.

    Raises
    ------
    NoArticlesError
        Naming the years without articles and listing the years there are.
    """
    available = zone_years(articles)
    missing = sorted(set(years) - set(available))
    if missing:
        raise NoArticlesError(
            f"no articles about the zone in {', '.join(map(str, missing))}; "
            f"years with articles: {', '.join(map(str, available)) or 'none'}. "
            "Choose one of these years, or add that year's articles to data/raw/ (see the README)"
        )


def comparison_year(articles: pd.DataFrame, year: int, compare_to: int = 0) -> int | None:
    """Return the year to compare with: ``compare_to`` if given, else the previous corpus year.

    Returns None when ``year`` is the first year and no comparison was asked for.

    Raises
    ------
    NoArticlesError
        When ``compare_to`` is given but has no articles about the zone.
    """
    if compare_to:
        articles_in_year(articles, compare_to)
        return compare_to
    earlier = [y for y in zone_years(articles) if y < year]
    return earlier[-1] if earlier else None
