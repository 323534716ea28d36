"""Compute once, share: every table the reports use, kept in ``data/processed/``.

The corpus is read and analysed once per change of inputs: the raw files,
the manifest, the lexicons and rules the tables are made with, and the
``helpers`` code. Their hashes make the key of a cache entry in
``data/processed/`` (derived, disposable: ``make clean`` removes it), so
every notebook loads the same tables with one call, and a notebook run on
its own in JupyterLab computes what is missing.

Tables cover every article about the zone, dated or not; a report narrows
them to its year range by ``article_id``. The indicator ledger is also kept for
every article, about the zone or not (``Tables.ledger_all``, with an
``about_zone`` column): figures of the city, the province or a company in an
article that only names the zone in passing are facts too, though no report's
zone charts, headline figures, year summaries or promised-versus-delivered
count them.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import atomic, paths
from helpers.analysis import article_types, entities, facts, formulas, indicators, ledger, sections, segment, themes
from helpers.corpus import reader
from helpers.corpus.pagerules import PAGE_RULES
from helpers.corpus.select import check_years, comparison_year, zone_years
from helpers.errors import CorpusWarning, ReportError
from helpers.flags import flags
from helpers.hashing import code_hashes, digest, file_sha256

KEEP_ENTRIES = 4  # older cache entries are removed; each is a few MB at most for this corpus


@dataclass(frozen=True)
class Sources:
    """What the tables are computed from (the notebooks' file parameters)."""

    raw_dir: Path = paths.RAW
    manifest: Path = paths.MANIFEST
    themes_file: Path = themes.THEMES_FILE
    lexicon_dir: Path = paths.LEXICON  # userdict.txt and stopwords.txt for segmentation
    rules: Path = paths.LEXICON / "indicators.yml"  # the indicator rules; their measure words serve segmentation too
    series: Path = paths.LEXICON / "series.yml"
    formulas_file: Path = formulas.FORMULAS_FILE
    entities_file: Path = entities.ENTITIES_FILE
    facts_file: Path = facts.FACTS_FILE  # when two figures are one fact (restated, or repeated from an earlier article)

    def lexicon_files(self) -> dict[str, Path]:
        """Return every rule or lexicon file the tables read, by role."""
        return {
            "page rules": PAGE_RULES,
            "themes": Path(self.themes_file),
            "domain dictionary": Path(self.lexicon_dir) / "userdict.txt",
            "stop words": Path(self.lexicon_dir) / "stopwords.txt",
            "indicator rules": Path(self.rules),
            "series": Path(self.series),
            "formulas": Path(self.formulas_file),
            "entities": Path(self.entities_file),
            "facts": Path(self.facts_file),
            "article types": article_types.ARTICLE_TYPES_FILE,
            "sections": sections.SECTIONS_FILE,
        }


@dataclass
class Tables:
    """The tables every report reads (see the README's codebooks for their columns)."""

    key: str
    articles: pd.DataFrame  # every article, one row each (helpers.corpus.reader)
    curation_notes: list[str] = field(default_factory=list)  # the corpus warnings, as messages
    theme_counts: pd.DataFrame | None = None  # article x theme hits (helpers.analysis.themes)
    theme_hits: pd.DataFrame | None = None  # every theme-term hit, with article_id
    tokens: pd.DataFrame | None = None  # article_id, word, count, uncovered: each article segmented once
    ledger: pd.DataFrame | None = None  # every figure of the articles about the zone, with lead and series
    # Every figure of every article, about the zone or not (about_zone says which): what indicators.csv
    # publishes. Its rows of articles about the zone are exactly ``ledger``'s.
    ledger_all: pd.DataFrame | None = None
    formula_mentions: pd.DataFrame | None = None  # helpers.analysis.formulas
    entity_mentions: pd.DataFrame | None = None  # helpers.analysis.entities
    repeated_text: pd.DataFrame | None = None  # passages printed more than once (helpers.analysis.facts)

    def rows_of(self, name: str, articles: pd.DataFrame) -> pd.DataFrame:
        """Return the rows of table ``name`` that belong to ``articles`` (by article_id), in table order."""
        table = getattr(self, name)
        return table[table["article_id"].isin(articles["article_id"])].reset_index(drop=True)

    @property
    def zone(self) -> pd.DataFrame:
        """Return the articles about the zone, dated or not."""
        return self.articles[flags(self.articles["about_zone"])]  # "False" read back from CSV is false

    def year_view(self, year: int, compare_to: int = 0) -> YearView:
        """Return what the review of ``year`` reads (see :class:`YearView`).

        Raises
        ------
        NoArticlesError
            When ``year`` or ``compare_to`` has no articles about the zone.
        """
        articles = self.articles.assign(about_zone=flags(self.articles["about_zone"]))
        check_years(articles, [year])
        previous = comparison_year(articles, year, compare_to)
        chosen = articles[articles["year"].isin([year, previous] if previous else [year])].reset_index(drop=True)
        lifespans = formulas.formula_lifespans(self.formula_mentions)
        return YearView(
            year=year,
            previous=previous,
            years=zone_years(articles),
            articles=chosen,
            theme_counts=self.rows_of("theme_counts", chosen),
            ledger=self.rows_of("ledger", chosen),
            formula_mentions=self.rows_of("formula_mentions", chosen),
            entity_mentions=self.rows_of("entity_mentions", chosen),
            new_formulas=lifespans[lifespans["first_year"] == year].reset_index(drop=True),
        )


@dataclass
class YearView:
    """What a year review reads: one year's articles, the year it is compared with, and nothing else.

    A year review is given only this, so its report depends on nothing
    else, and :meth:`digest` can stand for all of its data in the build's
    cache key: an article of another year that changes rebuilds neither.
    """

    year: int
    previous: int | None  # the year compared with (None for the first corpus year)
    years: list[int]  # every year with articles about the zone
    articles: pd.DataFrame  # every article dated ``year`` or ``previous``, about the zone or not
    theme_counts: pd.DataFrame
    ledger: pd.DataFrame
    formula_mentions: pd.DataFrame
    entity_mentions: pd.DataFrame
    new_formulas: pd.DataFrame  # lifespans (over the whole corpus) of the formulas first named in ``year``

    @property
    def files(self) -> list[str]:
        """Return the raw files this view's articles come from."""
        return sorted(set(self.articles["file"]))

    def digest(self) -> str:
        """Return the hash of everything in the view."""
        frames = {name: getattr(self, name) for name in VIEW_TABLES}
        return digest(
            {
                "year": self.year,
                "previous": self.previous,
                "years": self.years,
                **{
                    name: hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()
                    for name, frame in frames.items()
                },
            }
        )


VIEW_TABLES = ("articles", "theme_counts", "ledger", "formula_mentions", "entity_mentions", "new_formulas")


def cache_key(sources: Sources) -> str:
    """Return the hash of everything the tables are computed from."""
    raw = Path(sources.raw_dir)
    raw_files = sorted(p for p in raw.iterdir() if p.is_file() and not p.name.startswith(".")) if raw.is_dir() else []
    manifest = Path(sources.manifest)
    return digest(
        {
            "raw": {p.name: file_sha256(p) for p in raw_files},
            "manifest": file_sha256(manifest) if manifest.exists() else "",
            "lexicons": {role: file_sha256(p) for role, p in sources.lexicon_files().items()},
            "code": code_hashes(),
        }
    )


def compute(sources: Sources, key: str = "", cache_dir: Path | None = None) -> Tables:
    """Read the corpus once and compute every table.

    With ``cache_dir``, an article analysed before with the same lexicons,
    rules and code is not analysed again (:func:`_per_article_tables`).

    Raises
    ------
    helpers.errors.ReportError
        For a raw file, manifest or lexicon that cannot be used as it is.
    """
    error = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        try:
            articles = reader.load_corpus(Path(sources.raw_dir), Path(sources.manifest))
        except ReportError as err:
            error = err
    notes = list(dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, CorpusWarning)))
    if error is not None:  # the curation notes still reach the caller, then the error
        for note in notes:
            warnings.warn(note, CorpusWarning, stacklevel=3)
        raise error
    # What kind of article each is (a work plan, a results round-up, meeting news…): the ledger reads
    # a figure with no cue of its own by it, and the reports compare like with like.
    typed = article_types.article_type_table(articles)
    articles = articles.assign(
        article_type=articles["article_id"].map(dict(zip(typed["article_id"], typed["article_type"]))),
        type_evidence=articles["article_id"].map(dict(zip(typed["article_id"], typed["type_evidence"]))),
    )
    tables = Tables(key=key, articles=articles, curation_notes=notes)
    per_article = _per_article_tables(tables.articles, sources, Path(cache_dir) if cache_dir else None)
    tables.theme_counts = per_article["theme_counts"]
    tables.theme_hits = per_article["theme_hits"]
    tables.tokens = per_article["tokens"]
    figures = ledger.assign_series(per_article["ledger"], ledger.load_series(Path(sources.series)))
    tables.ledger, tables.ledger_all = _one_row_per_fact(figures, tables, facts.load_rules(Path(sources.facts_file)))
    tables.repeated_text = facts.repeated_paragraphs(tables.zone)
    tables.formula_mentions = per_article["formula_mentions"]
    tables.entity_mentions = per_article["entity_mentions"]
    return tables


def _one_row_per_fact(figures: pd.DataFrame, tables: Tables, rules: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the ledger of the articles about the zone and that of every article, one row per fact.

    Restatements within an article merge; repeats of an earlier article are
    flagged (``restates``). This step compares articles, so it runs on the
    whole ledger, after the per-article memo. The zone's rows are flagged
    against the zone's articles only, so that what the reports count never
    depends on articles not about the zone; a row of another article is
    flagged against every earlier article. Both tables carry ``about_zone``.
    """
    about = dict(zip(tables.articles["article_id"], flags(tables.articles["about_zone"])))
    merged = facts.merge_restatements(figures, tables.articles, rules)
    merged.insert(merged.columns.get_loc("year") + 1, "about_zone", merged["article_id"].map(about).astype(bool))
    zone_rows = merged["about_zone"]
    zone = facts.flag_restates(merged[zone_rows].reset_index(drop=True), tables.zone, rules)
    if zone_rows.all():
        return zone, zone.copy()
    others = facts.flag_restates(merged, tables.articles, rules)[~zone_rows.to_numpy()]
    every = pd.concat([zone, others], ignore_index=True)
    every = every.sort_values(["file", "article_index", "start"], kind="stable").reset_index(drop=True)
    return zone, every


# The tables made article by article, and the columns (besides the article's place in the
# corpus's order) that each is sorted by when made for many articles at once. ``analysed`` lists
# every article analysed (the memo's record of what it holds); only the ledger covers articles not
# about the zone.
PER_ARTICLE_ORDER = {
    "analysed": [],
    "theme_counts": ["article_id"],
    "theme_hits": [],
    "tokens": [],
    "ledger": ["file", "article_index", "start"],
    "formula_mentions": ["date", "article_id", "start"],
    "entity_mentions": ["date", "article_id", "start"],
}


def _analyse(articles: pd.DataFrame, sources: Sources) -> dict[str, pd.DataFrame]:
    """Compute every per-article table for ``articles`` (each article on its own; nothing compares articles).

    The ledger is made for every article; the other tables for the articles about the zone.
    """
    zone = articles[flags(articles["about_zone"])]
    counted = counted_text(zone, facts.load_rules(Path(sources.facts_file)))
    lexicon = themes.load_themes(Path(sources.themes_file))
    segmenter = segment.Segmenter.from_lexicon(Path(sources.lexicon_dir), rules=Path(sources.rules))
    return {
        "analysed": pd.DataFrame({"article_id": articles["article_id"].astype(object)}),
        "theme_counts": themes.theme_counts(counted, lexicon),
        "theme_hits": _theme_hits(counted, lexicon),
        "tokens": _tokens(counted, segmenter, lexicon),
        "ledger": ledger.with_lead(
            indicators.indicators_table(articles, indicators.load_rules(sources.rules)), articles
        ),
        "formula_mentions": formulas.formula_table(
            zone, formulas.load_formula_rules(Path(sources.formulas_file), Path(sources.rules))
        ),
        "entity_mentions": entities.entity_mentions(zone, entities.load_entities(Path(sources.entities_file))),
    }


def counted_text(zone: pd.DataFrame, rules: dict | None = None) -> pd.DataFrame:
    """Return the articles with the second copy of a passage an article prints twice blanked out.

    A paragraph printed twice counts once in theme counts, theme hits and the
    words of the keyness tables and word clouds: its second copy
    (:func:`helpers.analysis.facts.repeated_paragraphs`, within the article) is
    replaced by spaces, so every offset still holds. ``n_chars`` is kept: a
    rate is per 1,000 characters of the article as printed. Text an article
    shares with another article is its own and still counts.
    """
    texts = []
    for n in range(len(zone)):
        one = zone.iloc[[n]]
        text = str(one["text"].iloc[0])
        for copy in facts.repeated_paragraphs(one, rules).itertuples(index=False):
            text = text[: copy.start] + " " * (copy.end - copy.start) + text[copy.end :]
        texts.append(text)
    return zone.assign(text=texts)


def method_key(sources: Sources) -> str:
    """Return the hash of how an article is analysed: the lexicons and rules, and the code."""
    return digest(
        {
            "lexicons": {role: file_sha256(p) for role, p in sources.lexicon_files().items()},
            "code": code_hashes(),
        }
    )


def article_keys(zone: pd.DataFrame) -> pd.Series:
    """Return, per article, the hash of its row: what its per-article tables are made from."""
    columns = sorted(zone.columns)
    return pd.Series(
        [digest({c: str(row[c]) for c in columns}) for row in zone[columns].to_dict("records")],
        index=zone.index,
        dtype=object,
    )


def _per_article_tables(articles: pd.DataFrame, sources: Sources, cache_dir: Path | None) -> dict[str, pd.DataFrame]:
    """Return the per-article tables, analysing only the articles not analysed before with the same method.

    The rows of every analysed article are kept in one file per method in
    ``cache_dir`` (``articles-<method>.pkl``), tagged with the hash of the
    article's row; an edited or new article has a new hash and is analysed
    again, the others are reused. So one changed article costs one
    article's analysis, not the corpus's. The result is the same as
    analysing every article at once (tests/test_processed.py compares them).
    """
    keys = article_keys(articles)
    memo_file = Path(cache_dir) / f"articles-{method_key(sources)[:20]}.pkl" if cache_dir else None
    memo = _read_memo(memo_file)
    if memo is None:
        # A table with no rows has the columns and dtypes that analysing no article gives.
        memo = {"empty": _analyse(articles.iloc[:0], sources), "rows": None}
    rows = memo["rows"]
    missing = articles[~keys.isin(rows["analysed"]["_article"])] if rows else articles
    if rows and missing.empty:  # nothing new: not even the segmenter's dictionary is loaded
        fresh = {name: table.iloc[:0] for name, table in rows.items()}
    else:
        key_of = dict(zip(articles["article_id"], keys))
        fresh = {
            name: table.assign(_article=table["article_id"].map(key_of).astype(object))
            for name, table in _analyse(missing, sources).items()
        }
    tables: dict[str, pd.DataFrame] = {}
    position = dict(zip(keys, range(len(keys))))
    for name, order in PER_ARTICLE_ORDER.items():
        kept = rows[name][rows[name]["_article"].isin(position)] if rows else fresh[name].iloc[:0]
        both = (
            pd.concat([kept, fresh[name]], ignore_index=True)
            if len(kept) and len(fresh[name])
            else (kept if len(kept) else fresh[name])
        )
        both = both.iloc[both["_article"].map(position).argsort(kind="stable")]
        if order:
            both = both.sort_values(order, kind="stable")
        tables[name] = both.reset_index(drop=True)
    if memo_file is not None and (rows is None or len(missing) or _has_stale(rows, position)):
        _atomic_pickle(memo_file, {"empty": memo["empty"], "rows": tables}, keep="articles-*.pkl", keep_entries=2)
    return {
        name: table.drop(columns="_article") if len(table) else memo["empty"][name] for name, table in tables.items()
    }


def _has_stale(memo: dict[str, pd.DataFrame], position: dict) -> bool:
    return not memo["analysed"]["_article"].isin(position).all()


def _read_memo(memo_file: Path | None) -> dict | None:
    """Read the per-article rows kept for a method; a missing, unreadable or partial file is None."""
    if memo_file is None or not memo_file.exists():
        return None
    try:
        with memo_file.open("rb") as handle:
            memo = pickle.load(handle)  # noqa: S301 (our own cache file, written by _per_article_tables)
    except Exception:  # a truncated or stale file is rebuilt, never trusted
        memo_file.unlink(missing_ok=True)
        return None
    if not isinstance(memo, dict) or set(memo) != {"empty", "rows"} or set(memo["rows"]) != set(PER_ARTICLE_ORDER):
        return None
    return memo


def _theme_hits(zone: pd.DataFrame, lexicon: themes.ThemeLexicon) -> pd.DataFrame:
    found = [
        themes.find_theme_hits(text, lexicon).assign(article_id=aid)
        for aid, text in zip(zone["article_id"], zone["text"])
    ]
    return pd.concat(found, ignore_index=True) if found else themes.find_theme_hits("", lexicon).assign(article_id="")


def _tokens(zone: pd.DataFrame, segmenter: segment.Segmenter, lexicon: themes.ThemeLexicon) -> pd.DataFrame:
    """Segment each article about the zone once: its content words, their counts, and how many no theme term covers."""
    rows = []
    for aid, text in zip(zone["article_id"], zone["text"]):
        covered = themes.covered_mask(text, lexicon)
        total: Counter = Counter()
        uncovered: Counter = Counter()
        for word, start, end in segmenter.spans(text):
            if segmenter.is_content(word):
                total[word] += 1
                uncovered[word] += not any(covered[start:end])
        rows.extend((aid, word, n, uncovered[word]) for word, n in total.items())
    return pd.DataFrame(rows, columns=["article_id", "word", "count", "uncovered"]).astype(
        {"count": "int64", "uncovered": "int64"}
    )


def load(sources: Sources | None = None, cache_dir: Path = paths.PROCESSED) -> Tables:
    """Return every table, from ``data/processed/`` when its inputs are unchanged, else computed and kept.

    The corpus warnings (curation notes) are given again on every load, so a
    caller sees the same warnings whether the tables were computed or cached.

    Parameters
    ----------
    sources : Sources, optional
        The corpus, lexicons and rules (default: the project's).
    cache_dir : Path
        Where cache entries live (``data/processed/``).
    """
    sources = sources or Sources()
    key = cache_key(sources)
    entry = Path(cache_dir) / f"tables-{key[:20]}.pkl"
    tables = _read(entry)
    if tables is None:
        tables = compute(sources, key, cache_dir)
        _write(entry, tables)
    for note in tables.curation_notes:
        warnings.warn(note, CorpusWarning, stacklevel=2)
    return tables


# The articles table's columns a build needs before any report runs (which years exist, the index).
SUMMARY_COLUMNS = ("article_id", "file", "sha256", "year", "about_zone")


def summary(sources: Sources | None = None, cache_dir: Path = paths.PROCESSED) -> dict:
    """Return what a build needs to plan and to check its cache, without loading the tables when it can.

    Kept beside the tables' cache entry (``summary-<key>.json``): a few
    columns of the articles table, the curation notes, and the default view
    of each year review (the year compared with, the raw files read, the
    view's digest). A build with nothing to do reads only this.

    Returns
    -------
    dict
        ``key``, ``articles`` (records of :data:`SUMMARY_COLUMNS`), ``notes``
        and ``views`` (``{"2021": {"previous": 2019, "files": [...], "digest": "..."}}``).
    """
    sources = sources or Sources()
    key = cache_key(sources)
    entry = Path(cache_dir) / f"summary-{key[:20]}.json"
    try:
        found = json.loads(entry.read_text(encoding="utf-8"))
        if found.get("key") == key:
            for note in found["notes"]:
                warnings.warn(note, CorpusWarning, stacklevel=2)
            return found
    except (OSError, ValueError, KeyError):  # missing or damaged: made again below
        pass
    tables = load(sources, cache_dir)
    views = {}
    for year in zone_years(tables.articles.assign(about_zone=flags(tables.articles["about_zone"]))):
        view = tables.year_view(year)
        views[str(year)] = {"previous": view.previous, "files": view.files, "digest": view.digest()}
    brief = (
        tables.articles[list(SUMMARY_COLUMNS)]
        .astype(object)
        .where(tables.articles[list(SUMMARY_COLUMNS)].notna(), None)
    )
    found = {
        "key": key,
        "articles": [{c: _plain(v) for c, v in row.items()} for row in brief.to_dict("records")],
        "notes": tables.curation_notes,
        "views": views,
    }
    _atomic_text(entry, json.dumps(found, ensure_ascii=False, sort_keys=True), keep="summary-*.json")
    return found


def summary_articles(found: dict) -> pd.DataFrame:
    """Return the summary's articles as a table (year as a nullable integer, about_zone as bool)."""
    table = pd.DataFrame(found["articles"], columns=list(SUMMARY_COLUMNS))
    return table.astype({"year": "Int64", "about_zone": bool})


def _plain(value):
    # numpy scalars are not JSON; an integer year stays an integer
    return value.item() if hasattr(value, "item") else value


def _atomic_text(target: Path, text: str, keep: str) -> None:
    try:
        atomic.write_text(target, text)
        atomic.keep_newest(target.parent, keep, KEEP_ENTRIES)
    except OSError:  # only costs time next build
        pass


def _read(entry: Path) -> Tables | None:
    """Read a cache entry; a missing or unreadable one is None (and a bad one is removed)."""
    if not entry.exists():
        return None
    try:
        with entry.open("rb") as handle:
            tables = pickle.load(handle)  # noqa: S301 (our own cache file, written by _write)
        return tables if isinstance(tables, Tables) else None
    except Exception:  # a truncated or stale entry is rebuilt, never trusted
        entry.unlink(missing_ok=True)
        return None


def _write(entry: Path, tables: Tables) -> None:
    """Write a cache entry atomically, keeping the newest few."""
    _atomic_pickle(entry, tables, keep="tables-*.pkl", keep_entries=KEEP_ENTRIES)


def _atomic_pickle(target: Path, value, keep: str, keep_entries: int) -> None:
    """Pickle ``value`` to ``target`` atomically, then remove all but the newest ``keep_entries`` files matching ``keep``.

    A cache that cannot be written is skipped with a warning: it only costs time.
    """
    try:
        atomic.write_bytes(target, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        atomic.keep_newest(target.parent, keep, keep_entries)
    except OSError as err:
        warnings.warn(
            f"could not keep the computed tables in {target.parent} ({err}); they will be computed again next time",
            CorpusWarning,
            stacklevel=4,
        )
