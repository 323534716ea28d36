"""Count policy themes in the articles with the theme lexicon.

Terms from ``data/lexicon/themes.yml`` are matched on the article *text*
(not on jieba tokens), leftmost-longest and non-overlapping, so counts do not
depend on segmentation: at each position the longest term wins and matching
resumes after it. Each term belongs to exactly one theme.

Only articles about the zone (``about_zone`` true) are counted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.corpus.select import zone_articles
from helpers.errors import ArticlesFormatError, ThemeLexiconError
from helpers.sentences import sentence_index, split_sentences
from helpers.yamlfile import read_yaml

__all__ = [
    "Theme",
    "ThemeLexicon",
    "count_theme_hits",
    "find_theme_hits",
    "load_themes",
    "short_gloss",
    "split_sentences",  # lives in helpers.sentences; named here for callers that cut theme sentences
    "theme_by_year",
    "theme_counts",
    "term_hits",
    "theme_sentences",
    "theme_summary",
    "uncovered_terms",
]

THEMES_FILE = paths.LEXICON / "themes.yml"
COUNT_COLUMNS = ["article_id", "year", "theme", "hits", "per_1000_chars"]
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Theme:
    """One policy theme: a stable id, its Chinese name, an English gloss and terms."""

    id: str
    name: str
    gloss: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class ThemeLexicon:
    """A validated, versioned set of themes."""

    version: str
    themes: tuple[Theme, ...]
    source: str = "<memory>"

    @property
    def ids(self) -> list[str]:
        """Return the theme ids in file order."""
        return [t.id for t in self.themes]

    @cached_property
    def term_theme(self) -> dict[str, str]:
        """Map each term to its theme id."""
        return {term: t.id for t in self.themes for term in t.terms}

    @cached_property
    def pattern(self) -> re.Pattern:
        """Compile all terms into one leftmost-longest regex (a character trie)."""
        return _trie_regex(self.term_theme)

    def theme(self, theme_id: str) -> Theme:
        """Return the theme with this id."""
        return next(t for t in self.themes if t.id == theme_id)

    def to_frame(self) -> pd.DataFrame:
        """Return one row per term: theme_id, theme (Chinese name), gloss, term."""
        rows = [(t.id, t.name, t.gloss, term) for t in self.themes for term in t.terms]
        return pd.DataFrame(rows, columns=["theme_id", "theme", "gloss", "term"])


def short_gloss(gloss: str) -> str:
    """Shorten a theme's English gloss for running text: its first clause, no parenthesis, lower case.

    Examples
    --------
    >>> short_gloss("Innovation, R&D platforms and high-tech enterprises")
    'innovation'
    >>> short_gloss("Institutional reform of the zone's administration (management committee plus companies)")
    "institutional reform of the zone's administration"
    """
    head = re.sub(r"\s*\([^)]*\)", "", str(gloss)).split(",")[0].strip()
    return head[:1].lower() + head[1:]


def _trie_regex(terms) -> re.Pattern:
    # A trie-shaped regex: one branch per distinct next character, and a
    # greedy optional group where a shorter term ends, so the engine returns
    # the longest term at each start position without trying every term.
    trie: dict = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie) if trie else r"(?!x)x")


def parse_themes(data, source: str = "<memory>") -> ThemeLexicon:
    """Validate a parsed theme document and build a lexicon.

    Parameters
    ----------
    data : dict
        ``{"version": ..., "themes": [{"id", "name", "gloss", "terms"}, ...]}``.
    source : str
        Where the data came from, for error messages.

    Returns
    -------
    ThemeLexicon

    Raises
    ------
    ThemeLexiconError
        On a missing version, a bad or repeated id, a missing name or gloss,
        an empty theme, or a term listed twice.
    """
    if not isinstance(data, dict) or "version" not in data:
        raise ThemeLexiconError(f"{source}: add a top-level 'version:' field")
    themes = data.get("themes")
    if not isinstance(themes, list) or not themes:
        raise ThemeLexiconError(f"{source}: add a 'themes:' list with at least one theme")
    seen_ids: set[str] = set()
    seen_terms: dict[str, str] = {}
    built = []
    for i, raw in enumerate(themes):
        if not isinstance(raw, dict):
            raise ThemeLexiconError(f"{source}: theme #{i + 1} must be a mapping with id, name, gloss, terms")
        tid = str(raw.get("id") or "")
        where = f"{source}: theme {tid or '#' + str(i + 1)}"
        if not _ID_RE.match(tid):
            raise ThemeLexiconError(f"{where}: give it an ascii snake_case 'id' (e.g. leading_industries)")
        if tid in seen_ids:
            raise ThemeLexiconError(f"{where}: id used twice; theme ids must be unique")
        seen_ids.add(tid)
        for key in ("name", "gloss"):
            if not str(raw.get(key) or "").strip():
                raise ThemeLexiconError(f"{where}: add a non-empty '{key}'")
        terms = raw.get("terms") or []
        if not isinstance(terms, list) or not terms:
            raise ThemeLexiconError(f"{where}: the theme is empty; list at least one term under 'terms'")
        clean = []
        for term in terms:
            term = str(term).strip() if term is not None else ""
            if not term:
                raise ThemeLexiconError(f"{where}: remove the empty term")
            if term in seen_terms:
                raise ThemeLexiconError(
                    f"{where}: duplicate term {term!r} (already in {seen_terms[term]}); "
                    "keep each term in exactly one theme"
                )
            seen_terms[term] = tid
            clean.append(term)
        built.append(Theme(tid, str(raw["name"]).strip(), str(raw["gloss"]).strip(), tuple(clean)))
    return ThemeLexicon(str(data["version"]), tuple(built), source)


def load_themes(path: Path = THEMES_FILE) -> ThemeLexicon:
    """Load and validate the theme lexicon.

    Parameters
    ----------
    path : Path
        A YAML file (default ``data/lexicon/themes.yml``).

    Returns
    -------
    ThemeLexicon

    Raises
    ------
    ThemeLexiconError
        If the file is not valid YAML or breaks a rule of :func:`parse_themes`.
    """
    return parse_themes(read_yaml(path, ThemeLexiconError), str(path))


def find_theme_hits(text: str, lexicon: ThemeLexicon) -> pd.DataFrame:
    """Find theme terms in a text, leftmost-longest and non-overlapping.

    Parameters
    ----------
    text : str
    lexicon : ThemeLexicon

    Returns
    -------
    pandas.DataFrame
        Columns theme, term, start, end (offsets into ``text``), in text order.
    """
    term_theme = lexicon.term_theme
    rows = [(term_theme[m.group()], m.group(), m.start(), m.end()) for m in lexicon.pattern.finditer(text)]
    return pd.DataFrame(rows, columns=["theme", "term", "start", "end"]).astype({"start": "int64", "end": "int64"})


def count_theme_hits(text: str, lexicon: ThemeLexicon) -> Counter:
    """Count theme hits in a text (the fast path of :func:`find_theme_hits`).

    Parameters
    ----------
    text : str
    lexicon : ThemeLexicon

    Returns
    -------
    collections.Counter
        Theme id -> hits; themes without hits are absent.
    """
    term_theme = lexicon.term_theme
    return Counter(term_theme[t] for t in lexicon.pattern.findall(text))


def theme_counts(articles: pd.DataFrame, lexicon: ThemeLexicon) -> pd.DataFrame:
    """Count theme hits per article, normalised per 1,000 characters.

    Parameters
    ----------
    articles : pandas.DataFrame
        Columns article_id, year, text, n_chars, about_zone (others ignored).
    lexicon : ThemeLexicon

    Returns
    -------
    pandas.DataFrame
        The published ``themes.csv``: article_id, year, theme, hits,
        per_1000_chars, then theme_zh, gloss, n_chars. One row per
        about-zone article x theme (zeros included), sorted by article_id
        and the lexicon's theme order. per_1000_chars is rounded to 4 places.
    """
    zone = zone_articles(
        articles,
        undated=True,
        needed=(
            "article_id",
            "year",
            "text",
            "n_chars",
        ),
        by_id=True,
    )
    rows = []
    for art in zone.itertuples(index=False):
        counts = count_theme_hits(art.text, lexicon)
        for theme in lexicon.themes:
            hits = counts.get(theme.id, 0)
            per = round(hits * 1000 / art.n_chars, 4) if art.n_chars else float("nan")
            rows.append((art.article_id, art.year, theme.id, hits, per, theme.name, theme.gloss, art.n_chars))
    out = pd.DataFrame(rows, columns=COUNT_COLUMNS + ["theme_zh", "gloss", "n_chars"])
    out["year"] = out["year"].astype(zone["year"].dtype)
    return out.astype({"hits": "int64", "per_1000_chars": "float64"})


def theme_by_year(counts: pd.DataFrame) -> pd.DataFrame:
    """Aggregate per-article theme counts to years.

    Parameters
    ----------
    counts : pandas.DataFrame
        The output of :func:`theme_counts` (needs n_chars).

    Returns
    -------
    pandas.DataFrame
        year, theme, [theme_zh, gloss,] n_articles, hits, chars,
        per_1000_chars (hits per 1,000 characters of that year's about-zone
        articles) and share (the theme's part of the year's theme hits; 0.0
        in a year with no hits). Sorted by year, then theme in lexicon order.
        Articles without a year are left out.
    """
    missing = [c for c in ["article_id", "year", "theme", "hits", "n_chars"] if c not in counts.columns]
    if missing:
        raise ArticlesFormatError(f"theme counts lack column(s) {missing}; pass the output of theme_counts")
    order = list(dict.fromkeys(counts["theme"]))
    counts = counts.dropna(subset=["year"])
    chars = counts.drop_duplicates("article_id").groupby("year")["n_chars"].agg(["sum", "size"])
    labels = [c for c in ["theme_zh", "gloss"] if c in counts.columns]
    out = counts.groupby(["year", "theme"] + labels, sort=False, as_index=False)["hits"].sum()
    out["n_articles"] = out["year"].map(chars["size"]).astype("int64")
    out["chars"] = out["year"].map(chars["sum"]).astype("int64")
    out["per_1000_chars"] = (out["hits"] * 1000 / out["chars"]).round(4)
    year_hits = out.groupby("year")["hits"].transform("sum")
    out["share"] = (out["hits"] / year_hits.where(year_hits > 0)).fillna(0.0).round(4)
    out["_order"] = out["theme"].map({t: i for i, t in enumerate(order)})
    out = out.sort_values(["year", "_order"], kind="mergesort").drop(columns="_order")
    cols = ["year", "theme"] + labels + ["n_articles", "hits", "chars", "per_1000_chars", "share"]
    return out[cols].reset_index(drop=True)


def theme_summary(counts: pd.DataFrame, lexicon: ThemeLexicon) -> pd.DataFrame:
    """Sum each theme's hits over the articles counted, with its number of terms.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`theme_counts` output.
    lexicon : ThemeLexicon

    Returns
    -------
    pandas.DataFrame
        theme, theme_zh, gloss, hits, terms; in lexicon order.
    """
    summary = counts.groupby(["theme", "theme_zh", "gloss"], as_index=False, sort=False)["hits"].sum()
    summary["terms"] = summary["theme"].map(lambda t: len(lexicon.theme(t).terms))
    return summary


def term_hits(hits: pd.DataFrame, lexicon: ThemeLexicon) -> pd.DataFrame:
    """List every term of the lexicon with its hits, zeros included.

    Parameters
    ----------
    hits : pandas.DataFrame
        Theme-term hits (theme, term), e.g. :func:`find_theme_hits` rows of many articles.
    lexicon : ThemeLexicon

    Returns
    -------
    pandas.DataFrame
        theme_id, theme, gloss, term, hits; in lexicon order.
    """
    found = hits.groupby(["theme", "term"], as_index=False).size().rename(columns={"theme": "theme_id", "size": "hits"})
    table = lexicon.to_frame().merge(found, on=["theme_id", "term"], how="left")
    return table.fillna({"hits": 0}).astype({"hits": "int64"})


def years_without_hits(by_year: pd.DataFrame) -> list[int]:
    """Return the years in which no theme term occurs (their shares are not defined).

    Parameters
    ----------
    by_year : pandas.DataFrame
        The output of :func:`theme_by_year`.
    """
    totals = by_year.groupby("year")["hits"].sum()
    return [int(y) for y in totals.index[totals == 0]]


def theme_sentences(articles: pd.DataFrame, lexicon: ThemeLexicon, top_n: int = 3) -> pd.DataFrame:
    """Find, for each theme, the sentences that carry it most.

    Parameters
    ----------
    articles : pandas.DataFrame
        Columns article_id, text, about_zone, and date, title, year if present.
    lexicon : ThemeLexicon
    top_n : int
        Sentences per theme.

    Returns
    -------
    pandas.DataFrame
        theme, theme_zh, rank, hits (of that theme in the sentence), terms
        (the matched terms, in order, joined by "、"), sentence, article_id,
        date, title, year, start (offset of the sentence in the article).
        Ranked by hits, then article_id, then position; a sentence repeated
        verbatim is kept once per theme. Themes with no hit have no rows.
    """
    zone = zone_articles(
        articles,
        undated=True,
        needed=(
            "article_id",
            "text",
        ),
        by_id=True,
    )
    cands = []
    for art in zone.to_dict("records"):
        sentences = split_sentences(art["text"])  # the rule every table quotes sentences by
        # (sentence index, theme) -> matched terms; terms never contain a
        # sentence break, so a hit lies inside one sentence.
        found: dict[tuple[int, str], list[str]] = {}
        for m in lexicon.pattern.finditer(art["text"]):
            i = sentence_index(sentences, m.start())
            found.setdefault((i, lexicon.term_theme[m.group()]), []).append(m.group())
        for (i, theme), terms in found.items():
            start, _, sentence = sentences[i]
            cands.append(
                {
                    "theme": theme,
                    "hits": len(terms),
                    "terms": "、".join(terms),
                    "sentence": sentence,
                    "article_id": art["article_id"],
                    "date": art.get("date"),
                    "title": art.get("title"),
                    "year": art.get("year"),
                    "start": start,
                }
            )
    cols = ["theme", "theme_zh", "rank", "hits", "terms", "sentence", "article_id", "date", "title", "year", "start"]
    if not cands:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(cands)
    df["_order"] = df["theme"].map({t: i for i, t in enumerate(lexicon.ids)})
    df["_neg"] = -df["hits"]
    df = df.sort_values(["_order", "_neg", "article_id", "start"], kind="mergesort")
    df = df.drop_duplicates(["theme", "sentence"]).groupby("theme", sort=False).head(top_n)
    df["rank"] = df.groupby("theme", sort=False).cumcount() + 1
    df["theme_zh"] = df["theme"].map({t.id: t.name for t in lexicon.themes})
    return df[cols].reset_index(drop=True)


def covered_mask(text: str, lexicon: ThemeLexicon) -> bytearray:
    """Return one byte per character of ``text``: 1 where a theme term's hit covers it."""
    covered = bytearray(len(text))
    for m in lexicon.pattern.finditer(text):
        covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return covered


def uncovered_from_tokens(tokens: pd.DataFrame, top_n: int = 30) -> pd.DataFrame:
    """Rank words no theme term covers from per-article counts (``helpers.analysis.processed`` tokens).

    Gives what :func:`uncovered_terms` gives for the same articles, without segmenting them again.
    """
    grouped = tokens.groupby("word").agg(
        uncovered=("uncovered", "sum"), total=("count", "sum"), n_articles=("uncovered", lambda u: int((u > 0).sum()))
    )
    grouped = grouped[grouped["uncovered"] > 0].reset_index()
    grouped["_neg"] = -grouped["uncovered"]
    ranked = grouped.sort_values(["_neg", "word"], kind="mergesort").head(top_n).drop(columns="_neg")
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    return (
        ranked[["rank", "word", "uncovered", "total", "n_articles"]]
        .astype({"uncovered": "int64", "total": "int64", "n_articles": "int64"})
        .reset_index(drop=True)
    )


def uncovered_terms(articles: pd.DataFrame, lexicon: ThemeLexicon, segmenter, top_n: int = 30) -> pd.DataFrame:
    """List frequent content words that no theme term covers.

    An occurrence of a content word is *covered* when a theme hit overlaps
    its span in the text (so 装备 inside 高端装备 is covered, a stand-alone
    装备 is not). Words are ranked by their uncovered occurrences; this is
    the diagnostic for growing the lexicon.

    Parameters
    ----------
    articles : pandas.DataFrame
        Columns article_id, text, about_zone.
    lexicon : ThemeLexicon
    segmenter : helpers.analysis.segment.Segmenter
    top_n : int
        Words to return.

    Returns
    -------
    pandas.DataFrame
        rank, word, uncovered, total (all occurrences), n_articles (articles
        with an uncovered occurrence); sorted by uncovered desc, then word.
    """
    zone = zone_articles(
        articles,
        undated=True,
        needed=(
            "article_id",
            "text",
        ),
        by_id=True,
    )
    uncovered, total, docs = Counter(), Counter(), Counter()
    for text in zone["text"]:
        covered = covered_mask(text, lexicon)
        seen = set()
        for word, start, end in segmenter.spans(text):
            if not segmenter.is_content(word):
                continue
            total[word] += 1
            if not any(covered[start:end]):
                uncovered[word] += 1
                seen.add(word)
        docs.update(seen)
    ranked = sorted(uncovered.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]
    rows = [(i + 1, w, n, total[w], docs[w]) for i, (w, n) in enumerate(ranked)]
    return pd.DataFrame(rows, columns=["rank", "word", "uncovered", "total", "n_articles"])
