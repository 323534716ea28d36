"""Find numbered policy formulas (数字提法) such as 三次创业 and 一区十园.

A formula's numeral names the parts of a programme (一区十园: one zone, ten
parks) instead of counting things (13个专业园区 is a count, left to the
indicator ledger). Formulas are found by pattern, not from a list: the
regexes, head nouns, exclusions and variant groups live in
``data/lexicon/formulas.yml``, and this module only applies them.

Precision matters more than recall: the formulas are drawn as lifespans, and
a false formula misleads a reader more than a missed one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis.indicators import RULES_FILE, load_rules
from helpers.corpus.select import zone_articles
from helpers.errors import FormulaRulesError
from helpers.sentences import sentence_at, split_sentences
from helpers.text import QUOTE_MARKS, alternation, quotations
from helpers.yamlfile import read_yaml

__all__ = [
    "FormulaRules",
    "find_formulas",
    "formula_lifespans",
    "formula_table",
    "load_formula_rules",
    "parse_formula_rules",
]

FORMULAS_FILE = paths.LEXICON / "formulas.yml"
FIND_COLUMNS = ["formula", "start", "end", "pattern", "kind"]
TABLE_COLUMNS = [
    "formula",
    "canonical",
    "article_id",
    "year",
    "date",
    "start",
    "sentence",
    "end",
    "kind",
    "pattern",
    "title",
]
LIFESPAN_COLUMNS = [
    "canonical",
    "first_date",
    "last_date",
    "first_year",
    "last_year",
    "n_mentions",
    "n_articles",
    "articles",
    "years",
    "kind",
    "variants",
]
QUOTED_MIN, QUOTED_MAX = 2, 8
QUOTATION_MAX = 40  # a longer quotation is a passage, not a list of names
DEFAULT_KIND = "formula"
_PIECE_SEP = re.compile(r"[、，,；;]")
_ARABIC_PIECE = re.compile(r"\d{2,4}")
_CJK = r"[\u4e00-\u9fff]"
_PLACEHOLDER = re.compile(r"\{([A-Z]+)\}")


@dataclass(frozen=True)
class FormulaRules:
    """Validated formula rules: compiled patterns, quoted-phrase filters, variants."""

    version: str
    patterns: tuple[tuple[str, str, re.Pattern], ...]  # (name, kind, regex)
    numeral_re: re.Pattern
    common_re: re.Pattern | None
    exclude: dict[str, str]
    idioms: frozenset[str]
    reject: tuple[re.Pattern, ...]
    kinds: dict[str, str]
    canonical: dict[str, str]  # variant -> canonical
    source: str = "<memory>"

    def canonical_of(self, formula: str) -> str:
        """Return the canonical form of a formula as written."""
        return self.canonical.get(formula, formula)

    def kind_of(self, canonical: str, pattern_kind: str = "") -> str:
        """Return the kind of a formula: the pattern's kind, a listed kind, or 'formula'."""
        return pattern_kind or self.kinds.get(canonical, DEFAULT_KIND)


def parse_formula_rules(data, source: str = "<memory>", measure_words: Sequence[str] | None = None) -> FormulaRules:
    """Validate a parsed formulas document and compile its rules.

    Parameters
    ----------
    data : dict
        The parsed YAML (see ``data/lexicon/formulas.yml`` for the fields).
    source : str
        Where the data came from, for error messages.
    measure_words : sequence of str, optional
        The measure words (量词) no part of a formula may be (the ``{X}``
        placeholder): the one list of ``measure_words`` in the indicator
        rules, which segmentation and the ledger read too (default: those of
        ``data/lexicon/indicators.yml``).

    Returns
    -------
    FormulaRules

    Raises
    ------
    FormulaRulesError
        On a missing version or section, an unknown placeholder, a regex that
        does not compile, or a variant listed under two canonical forms.
    """
    if not isinstance(data, dict) or "version" not in data:
        raise FormulaRulesError(f"{source}: add a top-level 'version:' field")
    for key in ("numerals", "heads", "patterns"):
        if not data.get(key):
            raise FormulaRulesError(f"{source}: add a non-empty '{key}:' section")
    if "not_a_part" in data:
        raise FormulaRulesError(
            f"{source}: 'not_a_part' is no longer read: a formula's part may be no measure word of "
            f"'measure_words' in {RULES_FILE.name}, the one list; add any word missing there and remove 'not_a_part'"
        )
    if measure_words is None:
        measure_words = load_rules()["measure_words"]
    numerals = str(data["numerals"])
    fills = {
        "N": f"[{numerals}]",
        "D": "[二三四五六七八九十两]",
        "H": _CJK,
        "X": f"(?:(?![{re.escape(numerals)}]|{alternation(measure_words)}){_CJK})",
        "MOD": f"(?:(?![的和与及]){_CJK}){{0,4}}?",
        "HEAD": alternation(str(h) for h in data["heads"]),
    }

    def compile_rule(text: str, where: str) -> re.Pattern:
        unknown = sorted(set(_PLACEHOLDER.findall(text)) - set(fills))
        if unknown:
            raise FormulaRulesError(f"{where}: unknown placeholder(s) {unknown}; use one of {sorted(fills)}")
        # Expand only {NAME} placeholders, so regex quantifiers such as {0,4} stay as written.
        expanded = _PLACEHOLDER.sub(lambda m: fills[m.group(1)], text)
        try:
            return re.compile(expanded)
        except re.error as exc:
            raise FormulaRulesError(f"{where}: the regex {text!r} does not compile ({exc}); fix it") from exc

    patterns, seen = [], set()
    for i, raw in enumerate(data["patterns"]):
        name = str((raw or {}).get("name") or "") if isinstance(raw, dict) else ""
        where = f"{source}: pattern {name or '#' + str(i + 1)}"
        if not name or not raw.get("regex"):
            raise FormulaRulesError(f"{where}: give every pattern a 'name' and a 'regex'")
        if name in seen:
            raise FormulaRulesError(f"{where}: name used twice; pattern names must be unique")
        seen.add(name)
        patterns.append((name, str(raw.get("kind") or ""), compile_rule(str(raw["regex"]), where)))
    common = [str(w) for w in data.get("common_words") or []]
    reject = tuple(compile_rule(str(r), f"{source}: reject rule {r!r}") for r in data.get("reject") or [])
    return FormulaRules(
        version=str(data["version"]),
        patterns=tuple(patterns),
        numeral_re=re.compile(f"[{numerals}]"),
        common_re=re.compile(alternation(common)) if common else None,
        exclude={str(k): str(v) for k, v in (data.get("exclude") or {}).items()},
        idioms=frozenset(str(w) for w in data.get("idioms") or []),
        reject=reject,
        kinds={str(k): str(v) for k, v in (data.get("kinds") or {}).items()},
        canonical=_variant_map(data.get("variants") or {}, source),
        source=source,
    )


def _variant_map(variants, source: str) -> dict[str, str]:
    if not isinstance(variants, dict):
        raise FormulaRulesError(f"{source}: 'variants:' must map a canonical formula to a list of variants")
    canonicals = {str(c) for c in variants}
    out: dict[str, str] = {}
    for canonical, listed in variants.items():
        canonical = str(canonical)
        if not isinstance(listed, list):
            raise FormulaRulesError(f"{source}: variants of {canonical!r} must be a list, e.g. [六大主线]")
        for variant in map(str, listed):
            if variant in canonicals:
                raise FormulaRulesError(
                    f"{source}: {variant!r} is a canonical form and a variant of {canonical!r}; keep one"
                )
            if variant in out:
                raise FormulaRulesError(
                    f"{source}: variant {variant!r} is listed under {out[variant]!r} and {canonical!r}; "
                    "list each variant under one canonical form"
                )
            out[variant] = canonical
    return out


def load_formula_rules(path: Path = FORMULAS_FILE, rules: Path = RULES_FILE) -> FormulaRules:
    """Load and validate the formula rules.

    Parameters
    ----------
    path : Path
        A YAML file (default ``data/lexicon/formulas.yml``).
    rules : Path
        The indicator rules, whose ``measure_words`` no part of a formula may
        be (default ``data/lexicon/indicators.yml``).

    Returns
    -------
    FormulaRules

    Raises
    ------
    FormulaRulesError
        If the file is missing, is not valid YAML or breaks a rule of
        :func:`parse_formula_rules`.
    helpers.errors.IndicatorRulesError
        If the indicator rules are missing or malformed.
    """
    return parse_formula_rules(read_yaml(path, FormulaRulesError), str(path), load_rules(rules)["measure_words"])


@lru_cache(maxsize=1)
def _default_rules() -> FormulaRules:
    return load_formula_rules()


def _pattern_hits(text: str, rules: FormulaRules) -> list[tuple[int, int, str, str]]:
    # All matches of all patterns, then leftmost, longest, earliest-pattern
    # first, dropping any that overlap one already kept.
    found = []
    for order, (name, kind, regex) in enumerate(rules.patterns):
        for m in regex.finditer(text):
            if m.group() in rules.idioms:
                continue
            found.append((m.start(), -(m.end() - m.start()), order, m.end(), name, kind))
    kept, end = [], -1
    for start, _, _, stop, name, kind in sorted(found):
        if start >= end:
            kept.append((start, stop, name, kind))
            end = stop
    return kept


def _is_quoted_formula(piece: str, rules: FormulaRules) -> bool:
    if not QUOTED_MIN <= len(piece) <= QUOTED_MAX or piece in rules.exclude or piece in rules.idioms:
        return False
    if any(r.search(piece) for r in rules.reject):
        return False
    if _ARABIC_PIECE.fullmatch(piece):
        return True
    masked = rules.common_re.sub(lambda m: "□" * len(m.group()), piece) if rules.common_re else piece
    return bool(rules.numeral_re.search(masked))


def _quoted_hits(text: str, rules: FormulaRules, taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    starts = [s for s, _ in taken]
    out = []
    for opening, closing in quotations(text, QUOTATION_MAX):
        offset, body = opening + 1, text[opening + 1 : closing - 1]
        pos = 0
        for part in _PIECE_SEP.split(body):
            lead = len(part) - len(part.lstrip())
            piece = part.strip()
            start = offset + pos + lead
            end = start + len(piece)
            pos += len(part) + 1
            # A piece that a pattern already covers is that pattern's formula; a piece
            # holding a quotation is read through that quotation, found on its own
            # (“‘一对一’联系” is 一对一, no formula).
            i = bisect.bisect_left(starts, end)
            if i and taken[i - 1][1] > start or any(mark in piece for mark in QUOTE_MARKS):
                continue
            if _is_quoted_formula(piece, rules):
                out.append((start, end, "quoted", ""))
    return out


def find_formulas(text: str, rules: FormulaRules | None = None) -> pd.DataFrame:
    """Find the numbered policy formulas in a text.

    Parameters
    ----------
    text : str
        An article's text.
    rules : FormulaRules, optional
        Defaults to ``data/lexicon/formulas.yml``, read once per process;
        pass ``load_formula_rules()`` after editing the file in a session.

    Returns
    -------
    pandas.DataFrame
        Columns formula (as written, without quotes), start, end (offsets
        into ``text``: ``text[start:end] == formula``), pattern (the rule
        that found it, or ``quoted``) and kind (``formula``, ``plan name``
        or ``programme name``), in text order.

    Examples
    --------
    >>> find_formulas("推动好“三廊七大片区”开发建设")["formula"].tolist()
    ['三廊七大片区']
    """
    rules = rules or _default_rules()
    hits = _pattern_hits(text, rules)
    hits += _quoted_hits(text, rules, [(s, e) for s, e, _, _ in hits])
    rows = []
    for start, end, name, kind in sorted(hits):
        formula = text[start:end]
        rows.append((formula, start, end, name, rules.kind_of(rules.canonical_of(formula), kind)))
    return pd.DataFrame(rows, columns=FIND_COLUMNS).astype({"start": "int64", "end": "int64"})


def formula_table(articles: pd.DataFrame, rules: FormulaRules | None = None) -> pd.DataFrame:
    """List every formula mention in the articles about the zone.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table (article_id, year, date, text, about_zone; title
        if present). Articles not about the zone are left out.
    rules : FormulaRules, optional
        Defaults to ``data/lexicon/formulas.yml``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TABLE_COLUMNS`: formula as written, its canonical form
        (``variants`` in the rules), article_id, year, date, start (offset in
        the article text), the sentence it is in, then end, kind, pattern and
        the article's title. Sorted by date, article_id and start.
    """
    rules = rules or _default_rules()

    def found(art: dict):
        for hit in find_formulas(art["text"], rules).itertuples(index=False):
            yield {
                "formula": hit.formula,
                "canonical": rules.canonical_of(hit.formula),
                "start": hit.start,
                "end": hit.end,
                "kind": hit.kind,
                "pattern": hit.pattern,
                "title": art.get("title", ""),
            }

    return mention_table(articles, found, TABLE_COLUMNS)


def mention_table(articles: pd.DataFrame, find, columns: list[str]) -> pd.DataFrame:
    """List what ``find`` finds in each article about the zone, with its article, date and sentence.

    The one way the mention tables (formulas here, entities in
    :func:`helpers.analysis.entities.entity_mentions`) are built: ``find``
    takes an article (a dict with ``text``, ``title``…) and yields a dict per
    hit with at least ``start`` and ``end``; each row adds the article's id,
    year and date and the sentence at ``start``. Sorted by date, article and
    start; ``year`` is ``Int64``, offsets ``int64``.
    """
    zone = zone_articles(articles, undated=True, needed=("article_id", "year", "date", "text"), by_id=True)
    rows = []
    for art in zone.to_dict("records"):
        sentences = split_sentences(art["text"])
        for hit in find(art):
            where = {"article_id": art["article_id"], "year": art["year"], "date": art["date"]}
            rows.append({**hit, **where, "sentence": sentence_at(sentences, hit["start"])})
    out = pd.DataFrame(rows, columns=columns)
    out["year"] = out["year"].astype("Int64")
    out = out.astype({"start": "int64", "end": "int64"})
    return out.sort_values(["date", "article_id", "start"], kind="mergesort").reset_index(drop=True)


def formula_lifespans(table: pd.DataFrame) -> pd.DataFrame:
    """Summarise when each canonical formula was first and last mentioned.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`formula_table`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LIFESPAN_COLUMNS`: canonical, first_date and last_date
        (``YYYY[-MM[-DD]]`` as the articles give them; a bare year sorts
        before the dates in that year), first_year, last_year, n_mentions,
        n_articles, articles and years (``;``-joined, in date order), kind,
        and the variants as written (``;``-joined). Sorted by first_date,
        then canonical (code point).
    """
    missing = [c for c in ["canonical", "formula", "article_id", "year", "date"] if c not in table.columns]
    if missing:
        raise FormulaRulesError(f"formula table lacks column(s) {missing}; pass the output of formula_table")
    rows = []
    for canonical, g in table.sort_values(["date", "article_id", "start"], kind="mergesort").groupby(
        "canonical", sort=True
    ):
        dated = g[g["date"].fillna("").ne("")]
        years = sorted({int(y) for y in g["year"].dropna()})
        rows.append(
            {
                "canonical": canonical,
                "first_date": dated["date"].min() if len(dated) else "",
                "last_date": dated["date"].max() if len(dated) else "",
                "first_year": years[0] if years else pd.NA,
                "last_year": years[-1] if years else pd.NA,
                "n_mentions": len(g),
                "n_articles": g["article_id"].nunique(),
                "articles": ";".join(dict.fromkeys(g["article_id"])),
                "years": ";".join(map(str, years)),
                "kind": g["kind"].iloc[0] if "kind" in g else DEFAULT_KIND,
                "variants": ";".join(sorted(set(g["formula"]))),
            }
        )
    out = pd.DataFrame(rows, columns=LIFESPAN_COLUMNS)
    out = out.astype({"first_year": "Int64", "last_year": "Int64", "n_mentions": "int64", "n_articles": "int64"})
    return out.sort_values(["first_date", "canonical"], kind="mergesort").reset_index(drop=True)
