"""Find the words that distinguish one year from the others.

Keyness is Dunning's log-likelihood G² of a word's count in one year against
its count in all other years (a 2x2 table: this word / all other words, this
year / other years). The sign says the direction: positive when the year uses
the word more than the other years do, negative when less.

Word counts come from our own segmenter (:mod:`helpers.analysis.segment`), so word
clouds and keyword tables are drawn from the same tokens.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from helpers.analysis.segment import Segmenter, default_segmenter, is_noise
from helpers.corpus.select import zone_articles

__all__ = ["g2", "keywords_by_year", "token_counts_by_year"]

KEYWORD_COLUMNS = [
    "year",
    "rank",
    "word",
    "count",
    "other_count",
    "year_total",
    "other_total",
    "g2",
    "p_value",
    "direction",
    "method",
]


def token_counts_by_year(
    articles: pd.DataFrame, segmenter: Segmenter | None = None, processes: int = 1
) -> pd.DataFrame:
    """Count content words per year over the about-zone articles.

    Parameters
    ----------
    articles : pandas.DataFrame
        Columns article_id, year, text, about_zone.
    segmenter : Segmenter, optional
        Defaults to :func:`helpers.analysis.segment.default_segmenter`.
    processes : int
        Worker processes for segmentation (see ``Segmenter.count_many``).

    Returns
    -------
    pandas.DataFrame
        year, word, count; sorted by year, count desc, word. Articles
        without a year are left out.
    """
    segmenter = segmenter or default_segmenter()
    zone = zone_articles(
        articles,
        undated=True,
        needed=(
            "article_id",
            "year",
            "text",
        ),
        by_id=True,
    ).dropna(subset=["year"])
    rows = []
    for year in sorted(zone["year"].unique()):
        texts = zone.loc[zone["year"] == year, "text"].tolist()
        counts = segmenter.count_many(texts, processes=processes)
        rows.extend((year, w, n) for w, n in counts.items())
    out = pd.DataFrame(rows, columns=["year", "word", "count"]).astype({"count": "int64"})
    out["_neg"] = -out["count"]
    out = out.sort_values(["year", "_neg", "word"], kind="mergesort").drop(columns="_neg")
    return out.reset_index(drop=True)


def counts_by_year(tokens: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Sum per-article content-word counts into per-year counts (as :func:`token_counts_by_year` gives them).

    Parameters
    ----------
    tokens : pandas.DataFrame
        article_id, word, count (``helpers.analysis.processed``: each article segmented once).
    articles : pandas.DataFrame
        The articles to count (article_id, year); others are left out.

    Returns
    -------
    pandas.DataFrame
        year, word, count; sorted by year, count desc, word.
    """
    years = articles.dropna(subset=["year"]).set_index("article_id")["year"]
    chosen = tokens[tokens["article_id"].isin(years.index)].assign(year=lambda t: t["article_id"].map(years))
    out = chosen.groupby(["year", "word"], as_index=False)["count"].sum().astype({"year": "int64", "count": "int64"})
    out["_neg"] = -out["count"]
    out = out.sort_values(["year", "_neg", "word"], kind="mergesort").drop(columns="_neg")
    return out[["year", "word", "count"]].reset_index(drop=True)


def g2(a: int, b: int, c: int, d: int) -> float:
    """Compute Dunning's signed log-likelihood G² for one word.

    Parameters
    ----------
    a, b : int
        The word's count in the target year and in the other years.
    c, d : int
        All word counts in the target year and in the other years.

    Returns
    -------
    float
        G², positive when the word's rate in the target year exceeds its
        rate elsewhere (over-use), negative otherwise.
    """
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    # 0 * log(0) is taken as 0.
    value = 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)
    return value if a * d >= b * c else -value


def _as_counters(counts) -> dict:
    if isinstance(counts, pd.DataFrame):
        out: dict = {}
        for year, word, n in counts[["year", "word", "count"]].itertuples(index=False):
            out.setdefault(year, Counter())[word] += int(n)
        return out
    if isinstance(counts, Mapping):
        return {year: Counter(c) for year, c in counts.items()}
    raise TypeError("pass a {year: Counter} mapping or a DataFrame with year, word, count")


def keywords_by_year(
    counts,
    top_n: int = 15,
    min_count: int = 2,
    direction: str = "over",
    stopwords: Iterable[str] = (),
) -> pd.DataFrame:
    """Rank each year's distinctive words by log-likelihood against the other years.

    Parameters
    ----------
    counts : dict of {year: Counter} or pandas.DataFrame
        Word counts per year, e.g. from :func:`token_counts_by_year`.
    top_n : int
        Words per year (per direction).
    min_count : int
        Ignore words seen fewer times than this in the year (for "over") or
        in the whole corpus (for "under"): G² is unreliable on tiny counts.
    direction : {"over", "under", "both"}
        Return over-used words, under-used words, or both.
    stopwords : iterable of str
        Extra words to drop; numbers, latin strings and single characters
        are always dropped.

    Returns
    -------
    pandas.DataFrame
        year, rank, word, count, other_count, year_total, other_total, g2
        (signed, 4 decimals), p_value (chi-squared, 1 df), direction, method.
        With a single year (or a year with nothing to compare against) the
        year's words are ranked by frequency instead and ``method`` is
        "frequency" (g2 and p_value empty). Sorted by year, direction, rank;
        ties broken by word.
    """
    if direction not in {"over", "under", "both"}:
        raise ValueError(f"direction must be 'over', 'under' or 'both', not {direction!r}")
    stop = frozenset(stopwords)
    by_year = {
        y: Counter({w: n for w, n in c.items() if n > 0 and w not in stop and not is_noise(w)})
        for y, c in _as_counters(counts).items()
    }
    corpus = Counter()
    for c in by_year.values():
        corpus.update(c)
    grand = sum(corpus.values())
    rows = []
    for year in sorted(by_year):
        c = sum(by_year[year].values())
        d = grand - c
        if d == 0:
            rows += _frequency_rows(year, by_year[year], c, top_n, min_count)
            continue
        scored = []
        for word, total in corpus.items():
            a = by_year[year].get(word, 0)
            score = round(g2(a, total - a, c, d), 4)
            scored.append((word, a, total - a, score))
        for sign in ["over", "under"] if direction == "both" else [direction]:
            if sign == "over":
                pick = sorted((s for s in scored if s[3] > 0 and s[1] >= min_count), key=lambda s: (-s[3], s[0]))
            else:
                pick = sorted((s for s in scored if s[3] < 0 and s[1] + s[2] >= min_count), key=lambda s: (s[3], s[0]))
            for rank, (word, a, b, score) in enumerate(pick[:top_n], 1):
                p = math.erfc(math.sqrt(abs(score) / 2))
                rows.append((year, rank, word, a, b, c, d, score, p, sign, "g2"))
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)


def _frequency_rows(year, counter: Counter, total: int, top_n: int, min_count: int) -> list:
    ranked = sorted(((w, n) for w, n in counter.items() if n >= min_count), key=lambda kv: (-kv[1], kv[0]))
    nan = float("nan")
    return [
        (year, rank, w, n, 0, total, 0, nan, nan, "over", "frequency") for rank, (w, n) in enumerate(ranked[:top_n], 1)
    ]
