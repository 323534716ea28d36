"""Compare theme emphasis between articles and between named years, and say what each comparison rests on.

A year's theme rate is the rate of its articles, and this corpus has one to
three articles a year, each of its own kind (a work plan, meeting news, an
interview). So every comparison between two years here carries what it rests
on: how many articles carry the year's hits (``rests_on``), whether the two
years' articles are of different types (``types_differ``), and which years
without articles lie between them (``years_between``). The wording names both
years of every change and never calls a difference significant: the counts of
a handful of articles describe those articles, not a trend.

The thresholds are data in ``data/lexicon/comparisons.yml``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis.article_types import TYPES
from helpers.analysis.themes import short_gloss
from helpers.errors import ArticlesFormatError, LexiconError
from helpers.yamlfile import read_yaml

__all__ = [
    "CHANGE_COLUMNS",
    "EMPHASIS_COLUMNS",
    "TYPE_LABELS",
    "TYPE_SHORT",
    "ComparisonRules",
    "article_emphasis",
    "article_labels",
    "describe_change",
    "describe_words",
    "emphasis_table",
    "findings",
    "load_rules",
    "p_values_allowed",
    "parse_rules",
    "rests_on",
    "theme_changes",
    "type_mix",
    "year_pairs",
    "year_types",
]

RULES_FILE = paths.LEXICON / "comparisons.yml"
# An article type as a noun phrase, for sentences (the types of helpers.analysis.article_types).
TYPE_LABELS = {
    "work_plan": "work plan or speech",
    "results": "results round-up",
    "meeting": "meeting report",
    "interview": "interview",
    "feature": "feature",
    "commentary": "commentary",
    "other": "other article",
}
# An article type in a word, for axis labels.
TYPE_SHORT = {
    "work_plan": "plan",
    "results": "results",
    "meeting": "meeting",
    "interview": "interview",
    "feature": "feature",
    "commentary": "comment",
    "other": "other",
}
EMPHASIS_COLUMNS = [
    "article_id",
    "year",
    "date",
    "title",
    "article_type",
    "theme",
    "theme_zh",
    "gloss",
    "hits",
    "n_chars",
    "per_1000_chars",
    "year_hits",
    "year_share",
    "repeated_hits",
]
CHANGE_COLUMNS = [
    "theme",
    "theme_zh",
    "gloss",
    "earlier_year",
    "later_year",
    "years_between",
    "gap",
    "earlier",
    "later",
    "change",
    "earlier_hits",
    "later_hits",
    "earlier_articles",
    "later_articles",
    "rests_on",
    "rests_on_earlier",
    "one_article",
    "lead_year",
    "lead_article",
    "lead_hits",
    "lead_type",
    "lead_title",
    "lead_chars",
    "lead_repeated",
    "earlier_types",
    "later_types",
    "types_differ",
    "shared_types",
    "like_earlier",
    "like_later",
    "like_chars_earlier",
    "like_chars_later",
]


@dataclass(frozen=True)
class ComparisonRules:
    """What a comparison between years is flagged for, and when a p-value may be shown."""

    version: str
    rests_on_share: float  # a year's hits rest on the fewest articles that carry this share of them
    min_articles_for_p_value: int  # each side of a keyness comparison needs this many articles for a p-value
    source: str = "<memory>"
    like_min_length_ratio: float = 0.5  # articles of one type are like for like when the shorter side is this long


def parse_rules(data, source: str = "<memory>") -> ComparisonRules:
    """Validate a parsed ``comparisons.yml``.

    Parameters
    ----------
    data : dict
        ``{"version", "rests_on_share", "min_articles_for_p_value"}``.
    source : str
        Where the data came from, for error messages.

    Raises
    ------
    LexiconError
        On a missing version, a share outside (0, 1] or a count below 1.
    """
    if not isinstance(data, dict) or "version" not in data:
        raise LexiconError(f"{source}: add a top-level 'version:' field")
    share = data.get("rests_on_share")
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
        raise LexiconError(f"{source}: rests_on_share must be a number in (0, 1], such as 0.5; it is {share!r}")
    least = data.get("min_articles_for_p_value")
    if isinstance(least, bool) or not isinstance(least, int) or least < 1:
        raise LexiconError(
            f"{source}: min_articles_for_p_value must be a whole number of articles ≥ 1; it is {least!r}"
        )
    ratio = data.get("like_min_length_ratio", 0.5)
    if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not 0 <= ratio <= 1:
        raise LexiconError(f"{source}: like_min_length_ratio must be a number in [0, 1], such as 0.5; it is {ratio!r}")
    return ComparisonRules(str(data["version"]), float(share), least, source, float(ratio))


def load_rules(path: Path = RULES_FILE) -> ComparisonRules:
    """Load ``data/lexicon/comparisons.yml`` (see :func:`parse_rules`)."""
    return parse_rules(read_yaml(Path(path), LexiconError), str(path))


def _type_label(kind) -> str:
    return TYPE_LABELS.get(kind, str(kind).replace("_", " ")) if isinstance(kind, str) else "untyped article"


def _a(phrase: str) -> str:
    return ("an " if phrase[:1] in "aeiou" else "a ") + phrase


def article_emphasis(
    counts: pd.DataFrame,
    types: pd.DataFrame,
    articles: pd.DataFrame,
    hits: pd.DataFrame | None = None,
    repeated: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Give each article's theme emphasis with its type, and its part in its year's hits.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`helpers.analysis.themes.theme_counts` output (article_id,
        year, theme, hits, per_1000_chars, theme_zh, gloss, n_chars).
    types : pandas.DataFrame
        :func:`helpers.analysis.article_types.article_type_table` output
        (article_id, article_type).
    articles : pandas.DataFrame
        The articles table, for date and title.
    hits : pandas.DataFrame, optional
        Every theme-term hit (article_id, theme, start, end; the shared
        ``theme_hits`` table).
    repeated : pandas.DataFrame, optional
        Passages an article prints again (article_id, start, end of the
        second copy; :func:`helpers.analysis.facts.repeated_paragraphs`).

    Returns
    -------
    pandas.DataFrame
        :data:`EMPHASIS_COLUMNS`: per article and theme, the hits, hits per
        1,000 characters of the article, ``year_hits`` (the theme's hits in
        the article's year), ``year_share`` (this article's part of them;
        empty when the year has none, or the article no year) and
        ``repeated_hits`` (hits inside a passage the article prints a second
        time, counted again; 0 without ``hits`` and ``repeated``). In the
        order of ``counts``.
    """
    need = ["article_id", "year", "theme", "theme_zh", "gloss", "hits", "n_chars", "per_1000_chars"]
    missing = [c for c in need if c not in counts.columns]
    if missing:
        raise ArticlesFormatError(f"theme counts lack {missing}; pass the output of themes.theme_counts")
    meta = articles.drop_duplicates("article_id").set_index("article_id")
    kind = types.drop_duplicates("article_id").set_index("article_id")["article_type"]
    out = counts[need].copy()
    out["date"] = out["article_id"].map(meta["date"]) if "date" in meta else None
    out["title"] = out["article_id"].map(meta["title"]) if "title" in meta else None
    out["article_type"] = out["article_id"].map(kind)
    out["year_hits"] = out.groupby(["year", "theme"])["hits"].transform("sum")  # NaN for undated articles
    out["year_share"] = (out["hits"] / out["year_hits"].where(out["year_hits"] > 0)).round(4)
    again = _repeated_hits(hits, repeated)
    out["repeated_hits"] = [again.get(key, 0) for key in zip(out["article_id"], out["theme"])]
    return out[EMPHASIS_COLUMNS].reset_index(drop=True)


def _repeated_hits(hits: pd.DataFrame | None, repeated: pd.DataFrame | None) -> Counter:
    # (article_id, theme) -> hits lying inside the second copy of a passage printed twice.
    found: Counter = Counter()
    if hits is None or repeated is None or hits.empty or repeated.empty:
        return found
    by_article = dict(list(hits.groupby("article_id", sort=False)))  # once, not per copy
    for copy in repeated.itertuples(index=False):
        if getattr(copy, "first_article_id", copy.article_id) != copy.article_id:
            continue  # a clause copied from another article is this article's text, not a second printing
        own = by_article.get(copy.article_id)
        if own is None:
            continue
        inside = own[(own["start"] >= copy.start) & (own["end"] <= copy.end)]
        found.update(zip(inside["article_id"], inside["theme"]))
    return found


def emphasis_table(emphasis: pd.DataFrame, value: str = "per_1000_chars") -> pd.DataFrame:
    """Lay out per-article emphasis one row per article, one column per theme (Chinese name).

    Parameters
    ----------
    emphasis : pandas.DataFrame
        :func:`article_emphasis` output.
    value : str
        The value in the theme columns (``per_1000_chars`` or ``hits``).

    Returns
    -------
    pandas.DataFrame
        year, date, article_type, title, article_id, n_chars, then the
        themes in lexicon order; articles by date (undated last), then id.
    """
    keys = ["article_id", "year", "date", "article_type", "title", "n_chars"]
    order = list(dict.fromkeys(emphasis["theme_zh"]))
    wide = emphasis.pivot_table(index="article_id", columns="theme_zh", values=value, sort=False)[order]
    meta = emphasis.drop_duplicates("article_id")[keys].set_index("article_id")
    out = (
        meta.join(wide).reset_index().sort_values(["year", "date", "article_id"], kind="mergesort", na_position="last")
    )
    out.columns.name = None
    return out[["year", "date", "article_type", "title", "article_id", "n_chars", *order]].reset_index(drop=True)


def _type_order(kind) -> int:
    return TYPES.index(kind) if kind in TYPES else len(TYPES)


def article_labels(table: pd.DataFrame) -> list[str]:
    r"""Label articles for a chart axis by year and type in a word, numbered where a year has two of a type.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of articles with year and article_type (e.g. :func:`emphasis_table`).

    Examples
    --------
    >>> article_labels(pd.DataFrame({"year": [2021, 2021, 2021], "article_type": ["meeting", "results", "meeting"]}))
    ['2021\nmeeting 1', '2021\nresults', '2021\nmeeting 2']
    """
    keys = [
        (f"{y:.0f}" if pd.notna(y) else "no date", TYPE_SHORT.get(k, str(k)))
        for y, k in zip(table["year"], table["article_type"])
    ]
    total, seen = Counter(keys), Counter()
    labels = []
    for key in keys:
        seen[key] += 1
        labels.append(f"{key[0]}\n{key[1]}" + (f" {seen[key]}" if total[key] > 1 else ""))
    return labels


def type_mix(kinds: Iterable) -> str:
    """Name a set of article types, in the order of ``article_types.TYPES``.

    Examples
    --------
    >>> type_mix(["interview", "results", "meeting"])
    'results round-up, meeting report, interview'
    >>> type_mix(["work_plan", "work_plan"])
    'work plan or speech (2)'
    """
    counted = Counter(sorted((k if isinstance(k, str) else "other" for k in kinds), key=_type_order))
    return ", ".join(_type_label(k) if n == 1 else f"{_type_label(k)} ({n})" for k, n in counted.items())


def year_types(emphasis: pd.DataFrame) -> pd.DataFrame:
    """Say, per year, how many articles it has, how long, and of what types.

    Returns
    -------
    pandas.DataFrame
        year, n_articles, chars, types (:func:`type_mix`, in article order);
        sorted by year; undated articles left out.
    """
    arts = emphasis.drop_duplicates("article_id").dropna(subset=["year"])
    rows = [
        (int(year), len(group), int(group["n_chars"].sum()), type_mix(group["article_type"]))
        for year, group in arts.groupby("year", sort=True)
    ]
    return pd.DataFrame(rows, columns=["year", "n_articles", "chars", "types"])


def rests_on(hits: Sequence[int], share: float = 0.5) -> int:
    """Count the fewest articles whose hits together reach ``share`` of all the hits.

    Parameters
    ----------
    hits : sequence of int
        One year's hits of a theme, one number per article.
    share : float
        The part of the hits to reach (``rests_on_share`` in the rules).

    Returns
    -------
    int
        0 when there are no hits.

    Examples
    --------
    >>> rests_on([20, 1, 35])  # 35 of 56 is more than half
    1
    >>> rests_on([23, 8])
    1
    >>> rests_on([10, 10, 10])
    2
    """
    total = sum(hits)
    if total <= 0:
        return 0
    reached = 0
    for n, value in enumerate(sorted(hits, reverse=True), 1):
        reached += value
        if reached >= share * total:
            return n
    return len(hits)


def year_pairs(years: Iterable[int]) -> list[tuple[int, int]]:
    """Name the pairs of years a report compares: each year with the next year that has articles, and first with last.

    Examples
    --------
    >>> year_pairs([2021, 2017, 2019, 2018])
    [(2017, 2018), (2018, 2019), (2019, 2021), (2017, 2021)]
    >>> year_pairs([2017, 2019])
    [(2017, 2019)]
    """
    ordered = sorted({int(y) for y in years})
    pairs = list(zip(ordered, ordered[1:]))
    if len(ordered) > 2:
        pairs.append((ordered[0], ordered[-1]))
    return pairs


def _gap(between: list[int], corpus_years: set[int] | None) -> str:
    if not between:
        return ""
    absent = [y for y in between if corpus_years is None or y not in corpus_years]
    other = [y for y in between if y not in absent]
    parts = []
    if absent:
        parts.append(f"{_years(absent)} not in the corpus")
    if other:
        parts.append(f"no article about the zone in {_years(other)}")
    return "; ".join(parts)


def _years(years: list[int]) -> str:
    names = [str(y) for y in years]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _rate(rows: pd.DataFrame) -> float:
    chars = rows["n_chars"].sum()
    return float(rows["hits"].sum() * 1000 / chars) if chars else float("nan")


def theme_changes(
    emphasis: pd.DataFrame,
    pairs: Iterable[tuple[int, int]],
    rules: ComparisonRules | None = None,
    corpus_years: Iterable[int] | None = None,
) -> pd.DataFrame:
    """Compare each theme between named pairs of years, with what each difference rests on.

    Parameters
    ----------
    emphasis : pandas.DataFrame
        :func:`article_emphasis` output.
    pairs : iterable of (int, int)
        (earlier, later) years, e.g. from :func:`year_pairs`.
    rules : ComparisonRules, optional
        Defaults to ``data/lexicon/comparisons.yml``.
    corpus_years : iterable of int, optional
        Years with any article in the corpus, about the zone or not; a year
        between the pair in neither ``emphasis`` nor here is "not in the
        corpus", one only here has "no article about the zone". Without it,
        every year lacking from ``emphasis`` is "not in the corpus".

    Returns
    -------
    pandas.DataFrame
        :data:`CHANGE_COLUMNS`, one row per pair and theme, pairs in the order
        given, themes in lexicon order. ``earlier``, ``later`` and ``change``
        are hits per 1,000 characters of each year's articles (4 decimals).
        ``rests_on`` counts the fewest articles carrying ``rests_on_share`` of
        the later year's hits (``rests_on_earlier``, of the earlier year's);
        ``lead_year`` is the year with the higher rate (the later one on a
        tie), ``lead_*`` its article with the most hits, and ``one_article``
        says that one article carries the lead year's hits. ``types_differ``
        says the two years' articles differ in type (as multisets);
        ``shared_types`` names the types both years have, and ``like_earlier``,
        ``like_later`` give the rates over those articles alone.
    """
    rules = rules or load_rules()
    dated = emphasis.dropna(subset=["year"]).astype({"year": "int64"})
    have = set(dated["year"])
    known = set(have) | {int(y) for y in corpus_years} if corpus_years is not None else None
    labels = dated.drop_duplicates("theme").set_index("theme")[["theme_zh", "gloss"]]
    rows = []
    for earlier, later in pairs:
        for year in (earlier, later):
            if year not in have:
                raise ArticlesFormatError(f"no article about the zone in {year}; compare two of {sorted(have)}")
        between = [y for y in range(earlier + 1, later) if y not in have]
        sides = {y: dated[dated["year"] == y] for y in (earlier, later)}
        kinds = {y: g.drop_duplicates("article_id")["article_type"].fillna("other").tolist() for y, g in sides.items()}
        shared = sorted(set(kinds[earlier]) & set(kinds[later]), key=_type_order)
        differ = Counter(kinds[earlier]) != Counter(kinds[later])
        for theme in labels.index:
            one = {y: g[g["theme"] == theme] for y, g in sides.items()}
            rate = {y: _rate(g) for y, g in one.items()}
            lead_year = later if rate[later] >= rate[earlier] else earlier
            lead = one[lead_year].sort_values("hits", ascending=False, kind="mergesort").iloc[0]
            lead_rests = rests_on(one[lead_year]["hits"].tolist(), rules.rests_on_share)
            like_rows = {y: g[g["article_type"].isin(shared)] for y, g in one.items()}
            # The shared types are worth naming only where their articles mention the theme at all.
            alike = differ and shared and sum(int(g["hits"].sum()) for g in like_rows.values()) > 0
            # Like for like only when the shared type's articles are comparable texts: a 623-character note on a
            # bond meeting is not a 2,228-character report on a city contest, though both are meeting news.
            like_chars = {y: int(g["n_chars"].sum()) for y, g in like_rows.items()}
            comparable = alike and min(like_chars.values()) >= rules.like_min_length_ratio * max(like_chars.values())
            like = {y: _rate(g) if comparable else float("nan") for y, g in like_rows.items()}
            rows.append(
                {
                    "theme": theme,
                    "theme_zh": labels.at[theme, "theme_zh"],
                    "gloss": labels.at[theme, "gloss"],
                    "earlier_year": earlier,
                    "later_year": later,
                    "years_between": ", ".join(map(str, between)),
                    "gap": _gap(between, known),
                    "earlier": round(rate[earlier], 4),
                    "later": round(rate[later], 4),
                    "change": round(rate[later] - rate[earlier], 4),
                    "earlier_hits": int(one[earlier]["hits"].sum()),
                    "later_hits": int(one[later]["hits"].sum()),
                    "earlier_articles": len(one[earlier]),
                    "later_articles": len(one[later]),
                    "rests_on": rests_on(one[later]["hits"].tolist(), rules.rests_on_share),
                    "rests_on_earlier": rests_on(one[earlier]["hits"].tolist(), rules.rests_on_share),
                    "one_article": lead_rests == 1,
                    "lead_year": lead_year,
                    "lead_article": lead["article_id"],
                    "lead_hits": int(lead["hits"]),
                    "lead_type": lead["article_type"],
                    "lead_title": lead["title"],
                    "lead_chars": int(lead["n_chars"]),
                    "lead_repeated": int(lead["repeated_hits"]) if "repeated_hits" in lead else 0,
                    "earlier_types": type_mix(kinds[earlier]),
                    "later_types": type_mix(kinds[later]),
                    "types_differ": differ,
                    "shared_types": type_mix(shared) if alike else "",
                    "like_earlier": round(like[earlier], 4),
                    "like_later": round(like[later], 4),
                    "like_chars_earlier": like_chars[earlier] if alike else 0,
                    "like_chars_later": like_chars[later] if alike else 0,
                }
            )
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _short_title(title, limit: int = 20) -> str:
    # The headline up to its first break (a space before a second line, or the —— of a subtitle).
    text = str(title or "").replace("——", " ").split()
    head = text[0] if text else ""
    return head if len(head) <= limit else head[:limit] + "…"


def describe_change(row, brief: bool = False) -> str:
    """Word one theme change between two named years, with what it rests on.

    The two years are always named, with the years between them that have no
    articles; the rates are rounded to one decimal and the change is the
    difference of the rounded rates, so the sentence adds up as printed. A
    difference is never called significant (see the module docstring).

    Parameters
    ----------
    row : mapping or namedtuple
        One row of :func:`theme_changes`.
    brief : bool
        Say that the years' articles differ in type without listing the
        types (for a list of findings that lists them once).

    Returns
    -------
    str
        e.g. ``2019 → 2021 (2020 not in the corpus): innovation (科技创新与高新技术企业)
        +8.3 per 1,000 characters, 4.5 → 12.8 (10 → 56 hits), but 35 of 2021's 56 hits
        come from one interview (0f694cbe-2, 1,438 characters: 为产业转型升级和高质量发展提供有力支撑), …``
    """
    r = row if isinstance(row, dict) else (row._asdict() if hasattr(row, "_asdict") else dict(row))
    a, b = int(r["earlier_year"]), int(r["later_year"])
    e, later = round(float(r["earlier"]), 1), round(float(r["later"]), 1)
    step = round(later - e, 1)
    moved = "unchanged at" if step == 0 else f"{_signed(step)} per 1,000 characters,"
    head = f"{a} → {b}" + (f" ({r['gap']})" if r["gap"] else "")
    rates = f"{e:.1f}" if step == 0 else f"{e:.1f} → {later:.1f}"
    what = (
        f"{short_gloss(r['gloss'])} ({r['theme_zh']}) {moved} {rates}"
        f"{' per 1,000 characters' if step == 0 else ''} ({r['earlier_hits']} → {_hits(r['later_hits'])})"
    )
    caveats = _caveats(r, brief)
    return f"{head}: {what}" + (", but " + "; ".join(caveats) if caveats else "") + "."


def _hits(n: int) -> str:
    return f"{n} hit" if n == 1 else f"{n} hits"


def _signed(value: float) -> str:
    return f"+{value:.1f}" if value > 0 else f"\u2212{abs(value):.1f}"


def _caveats(r: dict, brief: bool = False) -> list[str]:
    a, b, lead = int(r["earlier_year"]), int(r["later_year"]), int(r["lead_year"])
    lead_hits = r["later_hits"] if lead == b else r["earlier_hits"]
    n_lead = r["later_articles"] if lead == b else r["earlier_articles"]
    single = r["earlier_articles"] == 1 and r["later_articles"] == 1
    said = []
    if single:
        # A one-article year's type mix is its article's type.
        said.append(f"each year is one article ({a}: {_a(r['earlier_types'])}; {b}: {_a(r['later_types'])})")
    elif n_lead == 1 and lead_hits:
        said.append(f"{lead} is one article ({_a(_type_label(r['lead_type']))})")
    again = int(r.get("lead_repeated") or 0)
    if said and again and lead_hits:
        said[-1] += f", {again} of {lead}'s hits in a passage it prints twice"
    if not said and r["one_article"] and lead_hits:
        share = (
            f"all {lead_hits} of {lead}'s hits"
            if r["lead_hits"] == lead_hits
            else f"{r['lead_hits']} of {lead}'s {lead_hits} hits"
        )
        said.append(
            f"{share} come from one {_type_label(r['lead_type'])} "
            f"({r['lead_article']}, {r['lead_chars']:,} characters: {_short_title(r['lead_title'])})"
            + (f", {again} of them in a passage it prints twice" if again else "")
        )
    if r["types_differ"] and not single:
        listed = "" if brief else f" ({a}: {r['earlier_types']}; {b}: {r['later_types']})"
        said.append(f"the years' articles differ in type{listed}")
    if r["shared_types"] and pd.notna(r["like_earlier"]) and pd.notna(r["like_later"]):
        said.append(
            f"like for like, counting only each year's {r['shared_types']}: "
            f"{r['like_earlier']:.1f} → {r['like_later']:.1f}"
        )
    elif r["shared_types"]:
        said.append(
            f"each year's {r['shared_types']} ({int(r.get('like_chars_earlier') or 0):,} and "
            f"{int(r.get('like_chars_later') or 0):,} characters) is the same type, not the same kind of text: "
            "no like-for-like rate"
        )
    return said


def findings(changes: pd.DataFrame, emphasis: pd.DataFrame, top: int = 3, pairs: str = "all") -> list[str]:
    """Write the report's findings on theme emphasis: coverage, per-year leaders, article peaks, named changes.

    Parameters
    ----------
    changes : pandas.DataFrame
        :func:`theme_changes` output.
    emphasis : pandas.DataFrame
        :func:`article_emphasis` output.
    top : int
        How many article-level peaks to name.
    pairs : str
        ``"all"``: every pair of years in ``changes``; ``"first_last"``: only
        the first and the last year (the report's opening; the other pairs
        follow in :func:`change_statements`).

    Returns
    -------
    list of str
        Plain sentences, every number read from the tables: what the
        corpus holds (years, articles, types, missing years), each year's
        most emphasised theme, the strongest emphasis in single articles,
        then for each pair of years (or the first and last only) the largest
        rise and fall in the brief wording of :func:`describe_change`.
    """
    out = [_coverage(emphasis, changes)]
    per_year = (
        emphasis.dropna(subset=["year"])
        .groupby(["year", "theme", "gloss"], sort=False, as_index=False)[["hits", "n_chars"]]
        .sum()
    )
    chars = emphasis.dropna(subset=["year"]).drop_duplicates("article_id").groupby("year")["n_chars"].sum()
    per_year["rate"] = per_year["hits"] * 1000 / per_year["year"].map(chars)
    leaders = []
    for year, group in per_year.groupby("year", sort=True):
        best = group[group["rate"] >= group["rate"].max() - 1e-9]  # ties are all named
        names = [short_gloss(g) for g in best["gloss"]]
        tied = f"{names[0]}, tied with {', '.join(names[1:])}" if len(names) > 1 else names[0]
        leaders.append(f"{int(year)}: {tied} ({best['rate'].iloc[0]:.1f}{' each' if len(names) > 1 else ''})")
    out.append("The most emphasised theme of each year, in hits per 1,000 characters: " + "; ".join(leaders) + ".")
    peaks = emphasis.sort_values(["per_1000_chars", "article_id"], ascending=[False, True], kind="mergesort").head(top)
    out.append(
        "The strongest emphasis in a single article: "
        + "; ".join(
            f"{short_gloss(p.gloss)} in {_a(_type_label(p.article_type))} of "
            f"{int(p.year) if pd.notna(p.year) else 'no date'} ({p.article_id}, {p.hits} hits in {p.n_chars:,} "
            f"characters, {p.per_1000_chars:.1f} per 1,000)"
            for p in peaks.itertuples()
        )
        + "."
    )
    chosen = changes if pairs == "all" else first_to_last(changes)
    return out + change_statements(chosen)


def first_to_last(changes: pd.DataFrame) -> pd.DataFrame:
    """Return the changes between the first and the last year compared (the widest pair)."""
    if changes.empty:
        return changes
    first, last = changes["earlier_year"].min(), changes["later_year"].max()
    return changes[(changes["earlier_year"] == first) & (changes["later_year"] == last)]


def change_statements(changes: pd.DataFrame) -> list[str]:
    """Write, for each pair of years in ``changes``, its largest rise and fall in the brief wording of :func:`describe_change`."""
    out = []
    for _, pair in changes.groupby(["earlier_year", "later_year"], sort=False):
        ranked = pair.sort_values(["change", "theme"], ascending=[False, True], kind="mergesort")
        top, bottom = ranked["change"].max(), ranked["change"].min()
        for word, value, rows in (
            ("rise", top, ranked[ranked["change"] >= top - 1e-9]),
            ("fall", bottom, ranked[ranked["change"] <= bottom + 1e-9]),
        ):
            if (value > 0) if word == "rise" else (value < 0):
                said = [describe_change(r, brief=True) for r in rows.to_dict("records")]
                if len(said) == 1:
                    out.append(f"Largest {word}, " + said[0])
                else:  # a tie is said as one, every theme named
                    out.append(f"Largest {word}, a tie of {_number(len(said))} themes: " + " Tied with it: ".join(said))
    return out


_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def _coverage(emphasis: pd.DataFrame, changes: pd.DataFrame) -> str:
    years = year_types(emphasis)
    listed = "; ".join(
        f"{r.year}, {r.n_articles} article{'' if r.n_articles == 1 else 's'}: {r.types}" for r in years.itertuples()
    )
    gaps = changes[changes["gap"] != ""].drop_duplicates("years_between").sort_values("earlier_year", kind="mergesort")
    gaps = list(dict.fromkeys(part for gap in gaps["gap"] for part in gap.split("; ")))
    first, last = (years["year"].min(), years["year"].max()) if len(years) else (None, None)
    missing = f" Between {first} and {last}: {'; '.join(gaps)}." if gaps else ""
    n_articles = len(emphasis.drop_duplicates("article_id"))
    held = f"The themes rest on {_count(n_articles, 'article')} about the zone in {_count(len(years), 'year')}"
    if len(years) < 2:
        return f"{held} ({listed}): there is no change between years to show."
    least, most = int(years["n_articles"].min()), int(years["n_articles"].max())
    span = _number(most) if least == most else f"{_number(least)} to {_number(most)}"
    return (
        f"{held} ({listed}).{missing} A year's figures are those of its {span} article{'' if most == 1 else 's'}, "
        "so a difference between years may be a difference between articles of different kinds; each change below "
        "names the two years it compares and what it rests on, and none is a test of significance."
    )


def _number(n: int) -> str:
    return _NUMBERS.get(n, str(n))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def describe_words(spread: pd.DataFrame, top: int = 6) -> list[str]:
    """Say, for each year of several articles, which article its most distinctive words come from.

    Parameters
    ----------
    spread : pandas.DataFrame
        :func:`helpers.analysis.keyness.keyword_spread` output.
    top : int
        How many of each year's words (by rank) to name.

    Returns
    -------
    list of str
        e.g. ``2021 (3 articles): 申报 7 of 11 in 0f694cbe-1; 四季度 all 6 in 0f694cbe-2; …``;
        nothing for a year of one article, whose words are all its article's.
    """
    out = []
    over = spread[(spread["direction"] == "over") & (spread["year_articles"] > 1)]
    for year, group in over.groupby("year", sort=True):
        words = []
        for r in group.sort_values("rank").head(top).itertuples():
            held = round(r.top_share * r.count)
            amount = f"all {r.count}" if held == r.count else f"{held} of {r.count}"
            words.append(f"{r.word} {amount} in {r.top_article}")
        out.append(f"{int(year)} ({int(group['year_articles'].iloc[0])} articles): " + "; ".join(words))
    return out


def p_values_allowed(articles_per_year: dict[int, int], rules: ComparisonRules | None = None) -> bool:
    """Say whether every year and the rest of the corpus each have enough articles for a keyness p-value."""
    rules = rules or load_rules()
    total = sum(articles_per_year.values())
    least = rules.min_articles_for_p_value
    return bool(articles_per_year) and all(n >= least and total - n >= least for n in articles_per_year.values())
