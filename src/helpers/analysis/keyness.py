"""Find the words that distinguish one year from the others.

Keyness is Dunning's log-likelihood G² of a word's count in one year against
its count in all other years (a 2x2 table: this word / all other words, this
year / other years). The sign says the direction: positive when the year uses
the word more than the other years do, negative when less. The log ratio
(binary log of the ratio of the two relative frequencies) says by how much.

Both are descriptions. The p-value of G² treats words as independent draws,
but words come in articles: with one to three articles a year, a "significant"
word is one article's subject. So a p-value is given only when the caller
says how many articles each year has and each side of the comparison has at
least ``min_articles`` of them (``data/lexicon/comparisons.yml``).

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

__all__ = ["g2", "keyword_spread", "keywords_by_year", "log_ratio", "token_counts_by_year"]

KEYWORD_COLUMNS = [
    "year",
    "rank",
    "word",
    "count",
    "other_count",
    "year_total",
    "other_total",
    "g2",
    "log_ratio",
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


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """Compute the log ratio of a word's relative frequency in the target year to that elsewhere.

    Parameters
    ----------
    a, b : int
        The word's count in the target year and in the other years.
    c, d : int
        All word counts in the target year and in the other years.

    Returns
    -------
    float
        ``log2((a / c) / (b / d))``, a zero count taken as 0.5 (Hardie's
        convention) so that a word of one year only has a finite ratio: 1 is
        twice as frequent, -1 half as frequent.
    """
    return math.log2((max(a, 0.5) / c) / (max(b, 0.5) / d))


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
    articles_per_year: Mapping | None = None,
    min_articles: int | None = None,
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
    articles_per_year : mapping of {year: int}, optional
        How many articles each year's counts come from.
    min_articles : int, optional
        A year's p-values are given only when it and the other years
        together each have at least this many articles
        (``min_articles_for_p_value`` in ``data/lexicon/comparisons.yml``).
        Without both arguments no p-value is given.

    Returns
    -------
    pandas.DataFrame
        year, rank, word, count, other_count, year_total, other_total, g2
        (signed, 4 decimals), log_ratio (4 decimals), p_value (chi-squared,
        1 df; empty unless the article counts allow it), direction, method.
        With a single year (or a year with nothing to compare against) the
        year's words are ranked by frequency instead and ``method`` is
        "frequency" (g2, log_ratio and p_value empty). Sorted by year, direction, rank;
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
        tested = _testable(year, articles_per_year, min_articles)
        for sign in ["over", "under"] if direction == "both" else [direction]:
            if sign == "over":
                pick = sorted((s for s in scored if s[3] > 0 and s[1] >= min_count), key=lambda s: (-s[3], s[0]))
            else:
                pick = sorted((s for s in scored if s[3] < 0 and s[1] + s[2] >= min_count), key=lambda s: (s[3], s[0]))
            for rank, (word, a, b, score) in enumerate(pick[:top_n], 1):
                p = math.erfc(math.sqrt(abs(score) / 2)) if tested else float("nan")
                ratio = round(log_ratio(a, b, c, d), 4)
                rows.append((year, rank, word, a, b, c, d, score, ratio, p, sign, "g2"))
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS).astype({"p_value": "float64", "log_ratio": "float64"})


def _testable(year, articles_per_year: Mapping | None, min_articles: int | None) -> bool:
    # Both sides of the 2x2 table need enough articles for a test over words to mean anything.
    if not articles_per_year or min_articles is None:
        return False
    own = int(articles_per_year.get(year, 0))
    rest = sum(int(n) for y, n in articles_per_year.items() if y != year)
    return own >= min_articles and rest >= min_articles


def keyword_spread(keywords: pd.DataFrame, tokens: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Add to each keyword how many of its year's articles use it, and how much of it one article holds.

    Parameters
    ----------
    keywords : pandas.DataFrame
        :func:`keywords_by_year` output.
    tokens : pandas.DataFrame
        article_id, word, count (``helpers.analysis.processed``: each article segmented once).
    articles : pandas.DataFrame
        The articles counted (article_id, year).

    Returns
    -------
    pandas.DataFrame
        ``keywords`` with ``in_articles`` (the year's articles that use the
        word), ``year_articles`` (the year's articles), ``top_article`` (the
        one that uses it most; ties to the first id), ``top_share`` (the
        part of the year's count in that article) and ``support`` in words
        (:func:`support`): a word that one article of several carries is
        that article's subject, not the year's.
    """
    years = articles.dropna(subset=["year"]).drop_duplicates("article_id").set_index("article_id")["year"]
    used = tokens[tokens["article_id"].isin(years.index) & (tokens["count"] > 0)]
    used = used.assign(year=used["article_id"].map(years).astype("int64"))
    # The article that uses a word most, ties to the first id.
    first = used.sort_values(["year", "word", "count", "article_id"], ascending=[True, True, False, True])
    top = first.drop_duplicates(["year", "word"])[["year", "word", "article_id", "count"]]
    top = top.rename(columns={"article_id": "top_article", "count": "top"})
    per = used.groupby(["year", "word"])["count"].agg(in_articles="size", total="sum").reset_index()
    per = per.merge(top, on=["year", "word"])
    out = keywords.merge(per, on=["year", "word"], how="left")
    out["in_articles"] = out["in_articles"].fillna(0).astype("int64")
    out["year_articles"] = out["year"].map(years.value_counts()).fillna(0).astype("int64")
    out["top_share"] = (out["top"] / out["total"]).round(4)
    out["support"] = [support(*r) for r in zip(out["in_articles"], out["year_articles"], out["top_article"])]
    return out.drop(columns=["top", "total"])[
        [*keywords.columns, "in_articles", "year_articles", "top_article", "top_share", "support"]
    ]


def support(in_articles: int, year_articles: int, top_article) -> str:
    """Say what a year's word rests on: ``3 of 3 articles``; ``1 of 3 articles: one article's word (0f694cbe-2)``.

    In a year of one article every word is that article's (``the year's one article``).
    """
    if year_articles <= 1:
        return "the year's one article"
    said = f"{in_articles} of {year_articles} articles"
    return f"{said}: one article's word ({top_article})" if in_articles == 1 else said


def _frequency_rows(year, counter: Counter, total: int, top_n: int, min_count: int) -> list:
    ranked = sorted(((w, n) for w, n in counter.items() if n >= min_count), key=lambda kv: (-kv[1], kv[0]))
    nan = float("nan")
    return [
        (year, rank, w, n, 0, total, 0, nan, nan, nan, "over", "frequency")
        for rank, (w, n) in enumerate(ranked[:top_n], 1)
    ]
