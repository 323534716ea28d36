"""Compute once, share: every table the reports use, kept in ``data/processed/``.

The corpus is read and analysed once per change of inputs: the raw files,
the manifest, the lexicons and rules the tables are made with, and the
``helpers`` code. Their hashes make the key of a cache entry in
``data/processed/`` (derived, disposable: ``make clean`` removes it), so
every notebook loads the same tables with one call, and a notebook run on
its own in JupyterLab computes what is missing.

Tables cover every article about the zone, dated or not; a report narrows
them to its year range by ``article_id``.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis import entities, formulas, indicators, ledger, segment, themes
from helpers.corpus import reader
from helpers.corpus.pagerules import PAGE_RULES
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
    ledger: pd.DataFrame | None = None  # every figure, with lead and series (helpers.analysis.ledger)
    formula_mentions: pd.DataFrame | None = None  # helpers.analysis.formulas
    entity_mentions: pd.DataFrame | None = None  # helpers.analysis.entities

    def rows_of(self, name: str, articles: pd.DataFrame) -> pd.DataFrame:
        """Return the rows of table ``name`` that belong to ``articles`` (by article_id), in table order."""
        table = getattr(self, name)
        return table[table["article_id"].isin(articles["article_id"])].reset_index(drop=True)

    @property
    def zone(self) -> pd.DataFrame:
        """Return the articles about the zone, dated or not."""
        return self.articles[flags(self.articles["about_zone"])]  # "False" read back from CSV is false


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


def compute(sources: Sources, key: str = "") -> Tables:
    """Read the corpus once and compute every table.

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
    tables = Tables(key=key, articles=articles, curation_notes=notes)
    zone = tables.zone
    lexicon = themes.load_themes(Path(sources.themes_file))
    tables.theme_counts = themes.theme_counts(zone, lexicon)
    tables.theme_hits = _theme_hits(zone, lexicon)
    tables.tokens = _tokens(
        zone, segment.Segmenter.from_lexicon(Path(sources.lexicon_dir), rules=Path(sources.rules)), lexicon
    )
    rulebook = indicators.load_rules(sources.rules)
    table = indicators.indicators_table(zone, rulebook)
    tables.ledger = ledger.assign_series(ledger.with_lead(table, zone), ledger.load_series(Path(sources.series)))
    tables.formula_mentions = formulas.formula_table(zone, formulas.load_formula_rules(Path(sources.formulas_file)))
    tables.entity_mentions = entities.entity_mentions(zone, entities.load_entities(Path(sources.entities_file)))
    return tables


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
        tables = compute(sources, key)
        _write(entry, tables)
    for note in tables.curation_notes:
        warnings.warn(note, CorpusWarning, stacklevel=2)
    return tables


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
    """Write a cache entry atomically, keeping the newest few; a cache that cannot be written is skipped."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tables-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(tables, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        older = sorted(entry.parent.glob("tables-*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[KEEP_ENTRIES:]:
            stale.unlink(missing_ok=True)
    except OSError as err:
        warnings.warn(
            f"could not keep the computed tables in {entry.parent} ({err}); they will be computed again next time",
            CorpusWarning,
            stacklevel=3,
        )
