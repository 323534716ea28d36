"""Choose the articles a report covers: about the zone, in a year range, dated or not.

An undated article (``date == ""``, ``year`` missing) is in no year, so it is
left out of every per-year statistic; tables of facts (the indicator ledger)
still keep it, with a blank year, so that no figure silently disappears.
"""

from __future__ import annotations

import pandas as pd


def zone_articles(articles: pd.DataFrame, first_year: int | None = None, last_year: int | None = None,
                  undated: bool = False) -> pd.DataFrame:
    """Return the articles about the zone dated within ``first_year..last_year`` (inclusive).

    Parameters
    ----------
    articles : pandas.DataFrame
        The output of :func:`helpers.corpus.load_corpus` (``about_zone``, ``year``).
    first_year, last_year : int, optional
        The year range; None leaves that end open.
    undated : bool
        Also keep the undated articles about the zone (after the dated ones).

    Returns
    -------
    pandas.DataFrame
        The chosen rows, in the corpus order.
    """
    about = articles["about_zone"].astype(bool)
    year = articles["year"].astype("Int64")
    dated = year.notna()
    in_range = dated.copy()
    if first_year is not None:
        in_range &= (year >= first_year).fillna(False).astype(bool)
    if last_year is not None:
        in_range &= (year <= last_year).fillna(False).astype(bool)
    keep = about & (in_range | (~dated & undated))
    return articles[keep.to_numpy(dtype=bool)]


def undated_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the undated articles (no ``year``), about the zone or not."""
    return articles[articles["year"].isna().to_numpy(dtype=bool)]


def undated_note(articles: pd.DataFrame) -> str:
    """Say in one sentence which undated articles about the zone are left out of per-year statistics ('' if none)."""
    files = list(dict.fromkeys(undated_articles(articles).loc[lambda a: a["about_zone"].astype(bool), "file"]))
    if not files:
        return ""
    return (f"{len(files)} file(s) with undated articles about the zone ({', '.join(files)}) are in no year's statistics; "
            "put each article's date in the `date` column of data/corpus.csv to include them.")


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
