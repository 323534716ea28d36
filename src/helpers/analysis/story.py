"""The story tables an expert asks for, each row linked to its sentence.

Six tables, generated from the shared tables (``helpers.analysis.processed``:
the articles, the indicator ledger, formula and entity mentions) by rules that
are data (``data/lexicon/story.yml``, ``data/lexicon/glossary.yml``):

* :func:`leading_industries`: how the zone named and sized its industries
  (investment desks, clusters, leading industries; their shares, revenue and
  output; scale targets with what later articles reported for the same
  industries); :func:`industries_by_year` lays it out industry by year;
* :func:`park_structure`: how the parks were organised (the formulas that name
  the structure, the counts of parks of each kind, the parks named with them);
* :func:`reform`: the reform of the administration, measure by measure;
* :func:`hightech`: the high-tech enterprise series with each target's status
  (from :func:`helpers.analysis.targets.targets_vs_outcomes`);
* :func:`rankings`: places won, with the contest each was won in, and honours;
* :func:`glossary`: every policy formula the corpus names, its first and last
  use, and a one-line meaning in Chinese and English.

Every row carries ``article_id`` and either ``indicator_id`` (a figure of the
ledger) or ``start`` (the offset of a mention that is no figure), and
``anchor``: the fragment of the article page that shows it (the figure's
``indicator_id``; ``f-<start>`` for a formula, ``e-<start>`` for an entity, as
:mod:`helpers.report.article_pages` anchors them; empty for plain words, which
the page does not anchor). ``kind`` is the ledger's for a figure (a target is
never shown as a result) and, for a mention, is read from its context
(:func:`mention_kind`). ``restates`` names the earlier figure a row repeats,
so a figure is never counted twice. A year with no row is a gap, not a zero.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis import article_types, sections, targets
from helpers.analysis.facts import article_order
from helpers.analysis.formulas import formula_lifespans
from helpers.analysis.indicators import load_rules as load_indicator_rules
from helpers.errors import LedgerFormatError, LexiconError
from helpers.flags import flags
from helpers.sentences import Sentence, sentence_index, split_sentences
from helpers.text import alternation, normalise_width
from helpers.yamlfile import read_yaml

STORY_FILE = paths.LEXICON / "story.yml"
GLOSSARY_FILE = paths.LEXICON / "glossary.yml"
NO_GLOSS = "no gloss yet"
REPORTED_KINDS = ("achieved", "ranking", "signed")
PROMISED_KINDS = ("target", "plan")

# Columns every story table has, in this order; each table adds its own after them.
COLUMNS = [
    "year",
    "date",
    "article_id",
    "indicator_id",  # the figure's id in the ledger; empty for a mention that is no figure
    "start",  # offset of the figure or mention in the article text
    "anchor",  # fragment of articles/<article_id>.html: indicator_id, f-<start>, e-<start>, or empty
    "source",  # ledger, formula, words (a term of the rules) or honour
    "what",
    "as_written",
    "kind",
    "kind_evidence",
    "period",
    "restates",
    "sentence",
]
INDUSTRY_COLUMNS = [
    *COLUMNS,
    "industries",
    "industry_ids",
    "attribution",
    "grouping",
    "subject",
    "reported_later",
]
PARK_COLUMNS = [*COLUMNS, "measure", "parks_named"]
REFORM_COLUMNS = [*COLUMNS, "measure", "measure_zh", "measure_en"]
HIGHTECH_COLUMNS = [
    *COLUMNS,
    "measure",
    "measure_zh",
    "measure_en",
    "status",
    "against",
    "against_value",
    "gap",
    "note",
]
RANKING_COLUMNS = [*COLUMNS, "contest", "scope", "subject"]
GLOSSARY_COLUMNS = [
    "canonical",
    "kind",
    "zh",
    "en",
    "source",
    "quote",
    "gloss_status",
    "variants",
    "first_date",
    "first_year",
    "first_article_id",
    "first_start",
    "first_anchor",
    "last_date",
    "last_year",
    "last_article_id",
    "last_start",
    "last_anchor",
    "n_mentions",
    "n_articles",
    "years",
]
LEDGER_NEEDS = ["indicator_id", "article_id", "indicator", "value", "unit", "kind", "period", "sentence", "start"]
_CLAUSE_MARKS = ",;:。!?"
_SPACE = re.compile(r"\s+")


# --- the rules -----------------------------------------------------------------------


@dataclass(frozen=True)
class StoryRules:
    """The rules of ``story.yml``, checked and compiled."""

    done_words: re.Pattern
    industry_words: re.Pattern  # leftmost-longest over every industry name
    industry_of: Mapping[str, str]  # industry name -> industry id
    industries: tuple[dict, ...]  # id, zh, en, words, in file order
    groupings: Mapping[str, str]  # formula canonical -> whose set (zone, city, province)
    industry_measures: re.Pattern
    min_listed: int
    list_separators: re.Pattern
    list_gap: re.Pattern
    list_counts: tuple[dict, ...]  # id, zh, en, pattern: whose bodies a count of a list counts
    exclude_subject_types: frozenset
    park_formulas: frozenset
    park_measures: tuple[str, ...]
    park_entity_types: frozenset
    members_before: re.Pattern  # between the last listed park and a count of them (…人力资源产业园等13个专业园区)
    members_after: re.Pattern  # between a count and the first park it lists (4个专业园区包括济宁综合保税区、…)
    member_separators: re.Pattern  # between two listed parks
    reform: tuple[dict, ...]  # id, zh, en, pattern
    reform_words: re.Pattern
    hightech_series: frozenset
    hightech_indicator: re.Pattern
    hightech_measures: tuple[dict, ...]
    ranking_kinds: frozenset
    with_contest: bool
    ranking_formulas: frozenset
    honour_cues: re.Pattern
    owners_before: Mapping[str, str] = field(default_factory=dict)  # 全市 -> city: whose list one mention names
    years_back: Mapping[str, int] = field(default_factory=dict)  # 去年 -> 1: a mention done before its article's year
    raw: dict = field(repr=False, default_factory=dict)


def _section(data: dict, key: str, source: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise LexiconError(f"{source}: section '{key}' is missing or not a mapping; restore it from git")
    return value


def _words(spec: dict, key: str, where: str) -> list[str]:
    value = spec.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
        raise LexiconError(f"{where}: '{key}' must be a non-empty list of words or regexes")
    return value


def _regex(pattern, where: str) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise LexiconError(f"{where}: expected a regex, found {pattern!r}")
    try:
        return re.compile(pattern)
    except re.error as err:
        raise LexiconError(f"{where}: bad regex {pattern!r} ({err})") from err


def _labelled(items, where: str, keys=("id", "zh", "en")) -> list[dict]:
    if not isinstance(items, list) or not items:
        raise LexiconError(f"{where}: expected a list of entries with {', '.join(keys)}")
    seen = set()
    for number, item in enumerate(items, start=1):
        missing = [k for k in keys if not isinstance(item, dict) or not item.get(k)]
        if missing:
            raise LexiconError(f"{where}: entry {number} lacks {', '.join(missing)}")
        if item["id"] in seen:
            raise LexiconError(f"{where}: the id {item['id']} is used twice")
        seen.add(item["id"])
    return items


def parse_rules(data, source: str = "<memory>") -> StoryRules:
    """Check a parsed ``story.yml`` and compile it.

    Raises
    ------
    LexiconError
        On a missing section, a malformed entry or a bad regex, naming ``source`` and the entry.
    """
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected sections (mention_kind, industries, parks, reform, hightech, rankings)")
    mk = _section(data, "mention_kind", source)
    ind, parks, ref = (_section(data, k, source) for k in ("industries", "parks", "reform"))
    ht, rk = _section(data, "hightech", source), _section(data, "rankings", source)
    vocabulary = _labelled(ind.get("vocabulary"), f"{source}: industries.vocabulary")
    industry_of: dict[str, str] = {}
    for entry in vocabulary:
        for word in _words(entry, "words", f"{source}: industry {entry['id']}"):
            if industry_of.setdefault(word, entry["id"]) != entry["id"]:
                raise LexiconError(f"{source}: the industry name {word} is in two industries; give it to one")
    groupings = ind.get("groupings")
    if not isinstance(groupings, dict) or not groupings:
        raise LexiconError(f"{source}: industries.groupings must map formula names to whose set they are")
    measures = _labelled(ref.get("measures"), f"{source}: reform.measures")
    for m in measures:
        m["pattern"] = _regex(alternation(_words(m, "words", f"{source}: reform {m['id']}"), escape=False), m["id"])
    ht_measures = _labelled(ht.get("measures"), f"{source}: hightech.measures")
    for m in ht_measures:
        if m.get("indicator"):
            m["indicator_re"] = _regex(m["indicator"], f"{source}: hightech measure {m['id']}")
    list_counts = _labelled(ind.get("list_counts") or [], f"{source}: industries.list_counts")
    for m in list_counts:
        m["pattern"] = _regex(alternation(_words(m, "words", f"{source}: list count {m['id']}")), m["id"])
    years_back = mk.get("years_back") or {}
    if not isinstance(years_back, dict) or not all(isinstance(n, int) and n > 0 for n in years_back.values()):
        raise LexiconError(f"{source}: mention_kind.years_back must map words to a whole number of years back")
    owners_before = ind.get("owners_before") or {}
    if not isinstance(owners_before, dict) or not all(isinstance(w, str) and w for w in owners_before):
        raise LexiconError(f"{source}: industries.owners_before must map the words before a grouping to whose it is")
    min_listed = ind.get("min_listed")
    if not isinstance(min_listed, int) or min_listed < 1:
        raise LexiconError(f"{source}: industries.min_listed must be a whole number of at least 1")
    return StoryRules(
        done_words=_regex(alternation(_words(mk, "done_words", f"{source}: mention_kind"), escape=False), source),
        industry_words=re.compile(alternation(industry_of)),
        industry_of=industry_of,
        industries=tuple(vocabulary),
        groupings=dict(groupings),
        industry_measures=_regex(ind.get("measures"), f"{source}: industries.measures"),
        min_listed=min_listed,
        list_separators=_regex(ind.get("list_separators"), f"{source}: industries.list_separators"),
        list_gap=_regex(ind.get("list_gap"), f"{source}: industries.list_gap"),
        list_counts=tuple(list_counts),
        exclude_subject_types=frozenset(ind.get("exclude_subject_types") or []),
        park_formulas=frozenset(_words(parks, "formulas", f"{source}: parks")),
        park_measures=tuple(_words(parks, "measures", f"{source}: parks")),
        park_entity_types=frozenset(_words(parks, "entity_types", f"{source}: parks")),
        members_before=_regex(parks.get("members_before"), f"{source}: parks.members_before"),
        members_after=_regex(parks.get("members_after"), f"{source}: parks.members_after"),
        member_separators=_regex(parks.get("member_separators"), f"{source}: parks.member_separators"),
        reform=tuple(measures),
        reform_words=re.compile("|".join(f"(?P<m{i}>{m['pattern'].pattern})" for i, m in enumerate(measures))),
        hightech_series=frozenset(_words(ht, "series", f"{source}: hightech")),
        hightech_indicator=_regex(ht.get("indicator"), f"{source}: hightech.indicator"),
        hightech_measures=tuple(ht_measures),
        ranking_kinds=frozenset(_words(rk, "kinds", f"{source}: rankings")),
        with_contest=bool(rk.get("with_contest")),
        ranking_formulas=frozenset(rk.get("formulas") or []),
        honour_cues=_regex(alternation(_words(rk, "honour_cues", f"{source}: rankings"), escape=False), source),
        owners_before={str(w): str(o) for w, o in owners_before.items()},
        years_back={str(w): int(n) for w, n in years_back.items()},
        raw=data,
    )


@lru_cache(maxsize=4)
def _load_rules(path: str) -> StoryRules:
    return parse_rules(read_yaml(Path(path), LexiconError), path)


def load_rules(rules: StoryRules | dict | str | Path | None = None) -> StoryRules:
    """Return the story rules: parsed ones as given, a parsed document checked, or a file read (default ``story.yml``).

    Raises
    ------
    LexiconError
        If the file is missing, not valid YAML, or malformed.
    """
    if isinstance(rules, StoryRules):
        return rules
    if isinstance(rules, dict):
        return parse_rules(rules)
    return _load_rules(str(rules or STORY_FILE))


# --- reading the text around a row ----------------------------------------------------------


class _Texts:
    """The articles' texts, sentences, clauses, headings and types, each computed once when first asked."""

    def __init__(self, articles: pd.DataFrame, ledger: pd.DataFrame, rules: StoryRules, indicator_rules: dict):
        self.art = articles.drop_duplicates("article_id").set_index("article_id")
        self.rules = rules
        self.indicator_rules = indicator_rules
        self._views: dict[str, str] = {}
        self._sentences: dict[str, list[Sentence]] = {}
        self._headings: dict[str, list] = {}
        self._types: dict[str, str] = {}
        # the ledger's kinds by article, read by sentence when a mention of the article asks
        self._figures = {aid: list(zip(g["start"], g["kind"])) for aid, g in ledger.groupby("article_id")}
        self._figure_kinds: dict[str, dict[int, set[str]]] = {}
        self._past = re.compile(alternation(indicator_rules.get("past_markers") or []))
        self._forward = re.compile(alternation(indicator_rules.get("forward_words") or []))

    def figure_kinds(self, aid: str) -> dict[int, set[str]]:
        """Return the kinds of the ledger's figures in each sentence of an article."""
        if aid not in self._figure_kinds:
            by_sentence: dict[int, set[str]] = {}
            for start, kind in self._figures.get(aid, []):
                by_sentence.setdefault(self.sentence_number(aid, int(start)), set()).add(kind)
            self._figure_kinds[aid] = by_sentence
        return self._figure_kinds[aid]

    def text(self, aid: str) -> str:
        return str(self.art.at[aid, "text"])

    def view(self, aid: str) -> str:
        if aid not in self._views:
            self._views[aid] = normalise_width(self.text(aid))
        return self._views[aid]

    def sentences(self, aid: str) -> list[Sentence]:
        if aid not in self._sentences:
            self._sentences[aid] = split_sentences(self.text(aid))
        return self._sentences[aid]

    def sentence_number(self, aid: str, pos: int) -> int:
        return sentence_index(self.sentences(aid), pos)

    def sentence_span(self, aid: str, pos: int) -> tuple[int, int]:
        found = self.sentences(aid)
        i = self.sentence_number(aid, pos)
        return (found[i].start, found[i].end) if 0 <= i < len(found) else (pos, pos)

    def sentence(self, aid: str, pos: int) -> str:
        found = self.sentences(aid)
        i = self.sentence_number(aid, pos)
        return found[i].text if 0 <= i < len(found) else ""

    def clause_span(self, aid: str, pos: int) -> tuple[int, int]:
        """Return the clause around ``pos``: inside its sentence, between clause punctuation (not line breaks)."""
        view = self.view(aid)
        lo, hi = self.sentence_span(aid, pos)
        start = max([view.rfind(ch, lo, pos) for ch in _CLAUSE_MARKS] + [lo - 1]) + 1
        ends = [e for e in (view.find(ch, pos, hi) for ch in _CLAUSE_MARKS) if e >= 0]
        return start, min(ends or [hi])

    def compact(self, aid: str, start: int, end: int) -> tuple[str, list[int]]:
        """Return ``view[start:end]`` without whitespace, and each kept character's offset."""
        view = self.view(aid)
        kept = [i for i in range(start, end) if not view[i].isspace()]
        return "".join(view[i] for i in kept), kept

    def _field(self, aid: str, column: str) -> str:
        return str(self.art.at[aid, column]) if column in self.art.columns else ""

    def article_type(self, aid: str) -> str:
        if "article_type" in self.art.columns:  # the shared articles table types each article once
            return self._field(aid, "article_type")
        if aid not in self._types:
            one = self.art.loc[[aid]].reset_index()
            if "title" not in one.columns:
                one = one.assign(title="")
            self._types[aid] = article_types.article_type_table(one)["article_type"].iloc[0]
        return self._types[aid]

    def section_cue(self, aid: str, pos: int) -> tuple[str | None, str]:
        """Return the cue of the section a sentence stands in, and its heading (read once per article)."""
        if aid not in self._headings:
            text, starts = self.text(aid), [s.start for s in self.sentences(aid)]
            headings = sections.find_headings(text, title=self._field(aid, "title"))
            cues = sections.section_cues(text, starts, headings=headings, year=_year(self._field(aid, "year")))
            self._headings[aid] = list(zip(cues["cue"], cues["cue_heading_text"]))
        found = self._headings[aid]
        n = self.sentence_number(aid, pos)
        return found[n] if 0 <= n < len(found) else (None, "")

    def mention_period(self, aid: str, pos: int) -> str:
        """Return the year a mention was done when its clause says it was before its article's (去年 -> year - 1)."""
        year = _year(self._field(aid, "year"))
        if year is None or not self.rules.years_back:
            return ""
        start, end = self.clause_span(aid, pos)
        clause, _ = self.compact(aid, start, end)
        back = [n for w, n in self.rules.years_back.items() if w in clause]
        return str(year - max(back)) if back else ""

    def mention_kind(self, aid: str, pos: int) -> tuple[str, str]:
        """Read whether a mention at ``pos`` reports, promises, or only names (see :func:`mention_kind`)."""
        start, end = self.clause_span(aid, pos)
        clause, _ = self.compact(aid, start, end)
        done = self.rules.done_words.search(clause) or self._past.search(clause)
        if done:
            return "achieved", f"{done.group()} in its clause"
        kinds = self.figure_kinds(aid).get(self.sentence_number(aid, pos), set()) - {"context"}
        if kinds and kinds <= set(REPORTED_KINDS):
            return "achieved", "the figures of its sentence are reported"
        if kinds and kinds <= set(PROMISED_KINDS):
            return "plan", "the figures of its sentence are targets or plans"
        cue, heading = self.section_cue(aid, pos)
        if cue in ("forward", "results"):
            return ("plan" if cue == "forward" else "achieved"), f"under heading {heading} ({cue})"
        lo, _ = self.sentence_span(aid, pos)
        before, _ = self.compact(aid, lo, pos)
        forward = self._forward.search(before)
        if forward:
            return "plan", f"{forward.group()} earlier in its sentence"
        kind = self.article_type(aid)
        if kind in (self.indicator_rules.get("forward_article_types") or []):
            return "plan", f"article type {kind}"
        if kind in (self.indicator_rules.get("results_article_types") or []):
            return "achieved", f"article type {kind}"
        return "mention", "no cue: named, neither promised nor reported"


def _year(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def mention_kind(tables, article_id: str, start: int, rules=None) -> tuple[str, str]:
    """Read whether a mention that is no figure reports an action, promises one, or only names it.

    The reasons are tried in the order of ``mention_kind`` in ``story.yml``: a
    done word or past marker in its clause, the ledger's figures in its
    sentence, its section's cue, a forward word before it in its sentence, the
    article's type.

    Returns
    -------
    tuple of str
        ``kind`` (``achieved``, ``plan`` or ``mention``) and the evidence.
    """
    rules = load_rules(rules)
    return _texts(tables, rules).mention_kind(article_id, start)


def _texts(tables, rules: StoryRules) -> _Texts:
    ledger = _ledger(tables)
    return _Texts(tables.articles, ledger, rules, load_indicator_rules())


# --- shared steps ----------------------------------------------------------------------


def _ledger(tables) -> pd.DataFrame:
    ledger = tables.ledger
    missing = [c for c in LEDGER_NEEDS if c not in ledger.columns]
    if missing:
        raise LedgerFormatError(f"the ledger lacks {', '.join(missing)}; pass the shared tables (processed.load())")
    defaults = {
        "qualifier": "",
        "subject": "",
        "subject_type": "",
        "contest": "",
        "restates": "",
        "series": "",
        "base_unit": "",
        "occurrences": "",
        "end": -1,
    }
    out = ledger.assign(**{c: v for c, v in defaults.items() if c not in ledger.columns})
    text_cols = ["qualifier", "subject", "subject_type", "contest", "restates", "series", "base_unit", "occurrences"]
    return out.assign(**{c: out[c].fillna("").astype(str) for c in text_cols})


def _zone_years(articles: pd.DataFrame) -> list[int]:
    zone = articles[flags(articles["about_zone"])] if "about_zone" in articles.columns else articles
    years = sorted({int(y) for y in zone["year"].dropna()})
    return list(range(years[0], years[-1] + 1)) if years else []


def _dated(rows: list[dict], columns: list[str], articles: pd.DataFrame) -> pd.DataFrame:
    """Make a table of ``rows``, each with its article's year and date, in the order the articles were published."""
    table = pd.DataFrame(rows, columns=[c for c in columns if c not in ("year", "date")])
    meta = articles.drop_duplicates("article_id").set_index("article_id")
    table.insert(0, "date", table["article_id"].map(meta["date"]).fillna("").astype(str))
    table.insert(0, "year", table["article_id"].map(meta["year"]).astype("Int64"))
    rank = article_order(articles.drop_duplicates("article_id").assign(**_order_defaults(articles)))
    order = table.assign(_rank=table["article_id"].map(rank), _start=table["start"].astype("int64"))
    order = order.sort_values(["_rank", "_start"], kind="stable").drop(columns=["_rank", "_start"])
    return order[columns].astype({"start": "int64"}).reset_index(drop=True)


def _order_defaults(articles: pd.DataFrame) -> dict:
    defaults = {"file": "", "article_index": 0}
    return {c: v for c, v in defaults.items() if c not in articles.columns}


def _as_written(row: Mapping, texts: _Texts) -> str:
    """Write the figure as the text does (千亿级, 10%以上, 前10名), else from the ledger's value, unit and qualifier.

    The ledger's span starts at the number, so a qualifier written before it
    (前10名, 近百亿元) is taken from the text in front of the span.
    """
    start, end = int(row["start"]), int(row.get("end", -1) or -1)
    if 0 <= start < end:
        written, _ = texts.compact(row["article_id"], start, end)
        q, view = str(row.get("qualifier", "") or ""), texts.view(row["article_id"])
        if q and q not in written:
            if view[max(0, start - len(q)) : start] == q:
                written = q + written
            elif view[end : end + len(q)] == q:
                written += q
        if written:
            return written
    try:
        return targets.as_written(pd.Series(row))
    except (KeyError, TypeError):
        return f"{row.get('value', '')}{row.get('unit', '') or ''}"


def _figure_row(row: Mapping, texts: _Texts, what: str) -> dict:
    return {
        "article_id": row["article_id"],
        "indicator_id": row["indicator_id"],
        "start": int(row["start"]),
        "anchor": row["indicator_id"],
        "source": "ledger",
        "what": what,
        "as_written": _as_written(row, texts),
        "kind": row["kind"],
        "kind_evidence": str(row.get("kind_evidence", "") or ""),
        "period": str(row.get("period", "") or ""),
        "restates": row.get("restates", ""),
        "sentence": row["sentence"],
    }


def _mention_row(aid: str, start: int, texts: _Texts, what: str, written: str, source: str, anchor: str = "") -> dict:
    kind, evidence = texts.mention_kind(aid, start)
    return {
        "article_id": aid,
        "indicator_id": "",
        "start": int(start),
        "anchor": anchor,
        "source": source,
        "what": what,
        "as_written": written,
        "kind": kind,
        "kind_evidence": evidence,
        "period": texts.mention_period(aid, start) if kind == "achieved" else "",
        "restates": "",
        "sentence": texts.sentence(aid, start),
    }


def _formula_written(mention: Mapping) -> str:
    """Return a formula as written, or its name when it is written as a bare number (“231” -> 231产业集群)."""
    written = str(mention["formula"])
    return str(mention["canonical"]) if re.fullmatch(r"[\d.]+", written) else written


def _formula_rows(tables, names, texts: _Texts) -> list[tuple[dict, dict]]:
    """Return (story row, mention) for each formula mention whose canonical name is in ``names``."""
    mentions = tables.formula_mentions
    chosen = mentions[mentions["canonical"].isin(names) & mentions["article_id"].isin(texts.art.index)]
    return [
        (
            _mention_row(
                m["article_id"], m["start"], texts, m["canonical"], _formula_written(m), "formula", f"f-{m['start']}"
            ),
            m,
        )
        for m in chosen.to_dict("records")
    ]


def _occurrence_starts(row: Mapping) -> list[int]:
    """Return the offsets of every occurrence of a figure (a restatement in its article is one row), its own first."""
    starts = [int(row["start"])]
    for part in str(row.get("occurrences", "") or "").split(";"):
        head = part.split("-")[0].strip()
        if head.isdigit() and int(head) not in starts:
            starts.append(int(head))
    return starts


# --- leading industries -------------------------------------------------------------------


def _industry_hits(text: str, rules: StoryRules) -> list[re.Match]:
    return list(rules.industry_words.finditer(text))


def _listed_before(texts: _Texts, aid: str, pos: int, rules: StoryRules) -> list[str]:
    """Return the industry names listed right before ``pos`` in its clause (等7个部门, 三个“千亿级”)."""
    start, _ = texts.clause_span(aid, pos)
    before, _ = texts.compact(aid, start, pos)
    hits = _industry_hits(before, rules)
    if not hits or not rules.list_gap.match(before[hits[-1].end() :]):
        return []
    listed = [hits[-1]]
    for earlier in reversed(hits[:-1]):
        if not rules.list_separators.match(before[earlier.end() : listed[0].start()]):
            break
        listed.insert(0, earlier)
    return [m.group() for m in listed]


def _industries_of(row: Mapping, texts: _Texts, rules: StoryRules) -> tuple[list[str], str]:
    """Return the industry names a figure is about, and how they were found (named, listed, clause)."""
    named = [m.group() for m in _industry_hits(_SPACE.sub("", str(row["indicator"])), rules)]
    if named:
        return named, "named"
    aid = row["article_id"]
    for pos in _occurrence_starts(row):
        listed = _listed_before(texts, aid, pos, rules)
        if listed:
            return listed, "listed"
    start, end = texts.clause_span(aid, int(row["start"]))
    clause, _ = texts.compact(aid, start, end)
    found = [m.group() for m in _industry_hits(clause, rules)]
    if found and len({rules.industry_of[w] for w in found}) == 1:
        return found[:1], "clause"
    return [], ""


def _by_sentence(frame: pd.DataFrame, texts: _Texts) -> dict[tuple[str, int], list[dict]]:
    """Index mentions (formulas, entities) by article and sentence, so each row reads only its own sentence's."""
    index: dict[tuple[str, int], list[dict]] = {}
    for m in frame[frame["article_id"].isin(texts.art.index)].to_dict("records"):
        index.setdefault((m["article_id"], texts.sentence_number(m["article_id"], int(m["start"]))), []).append(m)
    return index


def _groupings_in_sentence(groupings: dict, texts: _Texts, aid: str, pos: int, rules: StoryRules) -> list[str]:
    found = [m["canonical"] for m in groupings.get((aid, texts.sentence_number(aid, pos)), [])]
    # the zone's own grouping first: a figure of 四大产业 that the sentence also relates to the city's 231
    return sorted(dict.fromkeys(found), key=lambda g: rules.groupings[g] != "zone")


def _ids(names: list[str], rules: StoryRules) -> str:
    return ";".join(dict.fromkeys(rules.industry_of[n] for n in names))


def leading_industries(tables, rules=None) -> pd.DataFrame:
    """List what the articles say about the zone's industries, in publication order.

    Rows are (1) mentions of a formula that names a set of industries
    (``industries.groupings`` of ``story.yml``: 六大产业集群, 四大主导产业…),
    with the industries listed in their clause, and (2) ledger figures that
    measure an industry (a share of the city, revenue, output, a cluster's
    scale: ``industries.measures``) and name one, or stand in a sentence with
    a grouping, or count a list of industries written right before them
    (…等7个部门). An industry is found in the figure's name (``named``), in a
    list right before it (``listed``), or as the one industry of its clause
    (``clause``); a figure of the whole group has none (``grouping`` says which).

    Parameters
    ----------
    tables : helpers.analysis.processed.Tables
        Or anything with ``articles``, ``ledger``, ``formula_mentions`` and ``entity_mentions``.
    rules : StoryRules, dict, str or Path, optional
        Default ``data/lexicon/story.yml``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`INDUSTRY_COLUMNS`. ``industries`` as written (``、``-joined),
        ``industry_ids`` the vocabulary's ids (``;``-joined); ``reported_later``
        gives, for a target or plan in money, the later reported money figures
        of the same industries (output, revenue), to read the scale target
        against: what they measure is said, not assumed equal.
    """
    rules = load_rules(rules)
    texts = _texts(tables, rules)
    rows = []
    for row, mention in _formula_rows(tables, rules.groupings, texts):
        start, end = texts.clause_span(mention["article_id"], int(mention["start"]))
        clause, _ = texts.compact(mention["article_id"], start, end)
        names = [m.group() for m in _industry_hits(clause, rules)]
        attribution = "listed" if names else ""
        owner = _owner(texts, mention, rules)
        if owner != "zone":  # another's list, named for reference: not the zone's achievement nor its plan
            row.update(kind="mention", kind_evidence=f"the {owner}'s list, named")
        rows.append({**row, "industries": "、".join(names), "industry_ids": _ids(names, rules)})
        rows[-1].update(attribution=attribution, grouping=mention["canonical"], reported_later="")
        rows[-1].update(subject=owner if owner != "zone" else "")
    ledger = _ledger(tables)
    mentions = tables.formula_mentions
    groupings = _by_sentence(mentions[mentions["canonical"].isin(rules.groupings)], texts)
    for f in ledger[ledger["article_id"].isin(texts.art.index)].to_dict("records"):
        measured = bool(rules.industry_measures.search(str(f["indicator"])))
        if f["subject_type"] in rules.exclude_subject_types or not (measured or f["base_unit"] == "count"):
            continue  # only a measure of industry, or a count (of desks, clusters), can be an industry figure
        names, how = _industries_of(f, texts, rules)
        groups = _groupings_in_sentence(groupings, texts, f["article_id"], int(f["start"]), rules)
        counts_a_list = how == "listed" and len(names) >= rules.min_listed
        if not ((measured and (names or groups)) or counts_a_list):
            continue
        rows.append(
            {
                **_figure_row(f, texts, str(f["indicator"])),
                "industries": "、".join(names),
                "industry_ids": _ids(names, rules),
                "attribution": how or "group",
                "grouping": "、".join(groups) if not names else "",
                "subject": f["subject"],
                "base_unit": f["base_unit"],
            }
        )
    table = _dated(rows, [*INDUSTRY_COLUMNS, "base_unit"], tables.articles)
    table["reported_later"] = _reported_later(table)
    return table.drop(columns="base_unit")


def _owner(texts: _Texts, mention: Mapping, rules: StoryRules) -> str:
    """Say whose list a grouping's mention names: the words right before it (全市, 全省), else ``groupings``."""
    aid, start = mention["article_id"], int(mention["start"])
    before = re.sub(r"[\s“”\"‘’'「」]", "", texts.view(aid)[max(0, start - 8) : start])
    found = next((o for w, o in rules.owners_before.items() if before.endswith(w)), None)
    if found is None:  # 全省60家十强产业集群: a count may stand between the owner and the list
        found = next(
            (
                o
                for w, o in rules.owners_before.items()
                if re.search(f"{w}[\\d一二三四五六七八九十百]+[家个项]$", before)
            ),
            None,
        )
    return found or rules.groupings.get(mention["canonical"], "zone")


def _reported_later(table: pd.DataFrame) -> list[str]:
    """For each money target or plan, the money figures of its industries in the latest later article that has any.

    A figure of one industry answers a target that names that industry. A
    figure of a whole grouping (营收350亿元 of 四大产业, their combined revenue)
    answers only a target of that grouping as a whole, never a target set for
    each of its industries (打造…千亿级…产业集群: a scale for each cluster), which
    it does not measure.
    """
    listings = table[(table["source"] == "formula") & table["industry_ids"].ne("")]
    reported = table[(table["source"] == "ledger") & table["kind"].isin(REPORTED_KINDS) & table["base_unit"].eq("元")]
    answers = []  # (first day of the report's article, industries it answers, exact?, text), oldest first
    for r in reported.to_dict("records"):
        span = targets.date_span(r["date"])
        if span is None:
            continue  # an undated report is later than nothing
        own = frozenset(filter(None, r["industry_ids"].split(";")))
        whose = r["industries"] or r["grouping"].split("、")[0]
        text = f"{whose} {r['what']} {r['as_written']} ({r['date']}, {r['indicator_id']})"
        answers.append((span[0], own or frozenset(_listed_ids(listings, r)), bool(own), text))
    answers.sort(key=lambda a: a[0])
    days = [a[0] for a in answers]
    out = []
    for row in table.to_dict("records"):
        whole = row["attribution"] == "group"  # a target of the grouping's combined figure, not of each industry
        ids = frozenset(filter(None, row["industry_ids"].split(";"))) or (
            frozenset(_listed_ids(listings, row)) if whole else frozenset()
        )
        span = targets.date_span(row["date"])
        if row["source"] != "ledger" or row["kind"] not in PROMISED_KINDS or row["base_unit"] != "元" or not ids:
            out.append("")
            continue
        later = answers[bisect.bisect_right(days, span[1]) :] if span else []
        found = [a for a in later if ((ids == a[1] and whole) if not a[2] else (ids & a[1] and not whole))]
        latest = found[-1][0] if found else ""
        out.append("; ".join(a[3] for a in found if a[0] == latest))
    return out


def _listed_ids(listings: pd.DataFrame, figure: Mapping) -> set[str]:
    """Return the industries a figure's grouping listed last, no later than the figure's article."""
    groups = [g for g in str(figure["grouping"]).split("、") if g]
    if not groups:
        return set()
    mine = listings[listings["grouping"].eq(groups[0])]
    mine = mine[[not targets.is_later(d, figure["date"]) for d in mine["date"]]]
    return set(mine["industry_ids"].iloc[-1].split(";")) if len(mine) else set()


def industries_by_year(table: pd.DataFrame, articles: pd.DataFrame, rules=None) -> pd.DataFrame:
    """Lay :func:`leading_industries` out as industry by year: what each year's articles say of each industry.

    A row per industry of the vocabulary that the table names, in the
    vocabulary's order, and one for figures of a whole group (``(group)``); a
    column per year from the first to the last year with articles about the
    zone. A cell lists the formulas and figures of that year (a figure with
    its kind, and ``repeated`` when it restates an earlier one); a year with
    nothing, or with no articles at all, is missing (a gap, not a zero).

    Returns
    -------
    pandas.DataFrame
        ``industry`` (id), ``zh``, ``en``, then one column per year.
    """
    rules = load_rules(rules)
    years = _zone_years(articles)
    labels = {i["id"]: (i["zh"], i["en"]) for i in rules.industries}
    # whose list it is is said per mention (the city's 十强产业 in one sentence, the province's in another)
    labels.update({g: (g, "the grouping as a whole") for g in rules.groupings})
    cells: dict[str, dict[int, list[str]]] = {}
    counts: list[str] = []  # rows of a count of listed bodies (投资促进局…等7个部门), once each
    for row in table.to_dict("records"):
        if pd.isna(row["year"]):
            continue
        counted = _list_count(row, rules)
        if counted is not None:
            labels.setdefault(counted["id"], (counted["zh"], counted["en"]))
            counts += [counted["id"]] if counted["id"] not in counts else []
            cell = f"{_cell(row, rules)}: {row['industries']}"
            cells.setdefault(counted["id"], {}).setdefault(int(row["year"]), []).append(cell)
            continue
        keys = [k for k in row["industry_ids"].split(";") if k]
        if row["source"] != "ledger" or not keys:
            keys.append(row["grouping"].split("、")[0])
        for key in keys:
            cells.setdefault(key, {}).setdefault(int(row["year"]), []).append(_cell(row, rules))
    order = [i["id"] for i in rules.industries if i["id"] in cells] + counts
    order += [g for g in rules.groupings if g in cells] + sorted(set(cells) - set(order) - set(rules.groupings))
    out = []
    for key in order:
        zh, en = labels.get(key, (key, ""))
        by_year = {y: "; ".join(dict.fromkeys(cells[key].get(y, []))) or pd.NA for y in years}
        out.append({"industry": key, "zh": zh, "en": en, **by_year})
    return pd.DataFrame(out, columns=["industry", "zh", "en", *years])


def _list_count(row: Mapping, rules: StoryRules) -> dict | None:
    """Say whose bodies a figure counts when it counts a list of industries and measures none (…等7个部门).

    Returns the ``list_counts`` entry its sentence names, one made of what it
    counts when none is named, or None for a figure of the industries.
    """
    if row["source"] != "ledger" or row["attribution"] != "listed" or rules.industry_measures.search(str(row["what"])):
        return None
    sentence = _SPACE.sub("", str(row["sentence"]))
    named = next((m for m in rules.list_counts if m["pattern"].search(sentence)), None)
    what = str(row["what"])
    return named or {"id": what, "zh": what, "en": f"{what} (a count of the industries listed)"}


def _cell(row: Mapping, rules: StoryRules) -> str:
    """Write one row of a story table as a short phrase for a by-year cell."""
    if row["source"] != "ledger":
        return _brief(row)
    names = rules.industry_words.pattern
    what = re.sub(f"^(?:(?:{names})(?:产业)?[、和及与]?)+", "", _SPACE.sub("", str(row["what"]))) or str(row["what"])
    notes = [row["kind"]]
    if row["period"] and str(row["period"]) != str(row["year"]):
        notes.append(str(row["period"]))
    if row["restates"]:
        notes.append(f"repeats {row['restates']}")
    return f"{what} {row['as_written']} ({', '.join(notes)})"


# --- park structure ----------------------------------------------------------------------------


def park_structure(tables, rules=None, matching=None) -> pd.DataFrame:
    """List how the parks were organised: the structure's formulas and the counts of parks of each kind.

    Rows are mentions of the formulas in ``parks.formulas`` (一区多园, 一区十园)
    and ledger counts that measure one of ``parks.measures`` (the measures of
    ``targets.yml``, so 街道属地园区 and 街属园区 are one kind). ``parks_named``
    lists, for a formula, the parks (entity mentions of ``parks.entity_types``)
    its sentence names; for a count, the parks it lists as its members
    (:func:`member_parks`), at any occurrence of the figure.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PARK_COLUMNS`; ``measure`` is the measure's id for a
        count, the formula for a mention.
    """
    rules = load_rules(rules)
    lexicon = targets.load_matching(matching)
    texts = _texts(tables, rules)
    entities = tables.entity_mentions
    parks = _by_sentence(entities[entities["type"].isin(rules.park_entity_types)], texts)
    rows = []
    for row, mention in _formula_rows(tables, rules.park_formulas, texts):
        named = _named_parks(parks, texts, mention["article_id"], [int(mention["start"])])
        rows.append({**row, "measure": mention["canonical"], "parks_named": named})
    ledger = _ledger(tables)
    for f in ledger[ledger["article_id"].isin(texts.art.index)].to_dict("records"):
        words = [m.group() for m in lexicon["words"].finditer(_SPACE.sub("", str(f["indicator"])))]
        measure = lexicon["by_word"].get(max(words, key=len, default=""))
        if not measure or measure["id"] not in rules.park_measures or measure["base_unit"] != f["base_unit"]:
            continue
        named = member_parks(parks, texts, f["article_id"], _occurrence_spans(f), rules)
        rows.append({**_figure_row(f, texts, measure["label"]), "measure": measure["id"], "parks_named": named})
    return _dated(rows, PARK_COLUMNS, tables.articles)


def _named_parks(parks: dict, texts: _Texts, aid: str, starts: list[int]) -> str:
    """Return the parks a formula's sentence names (一区十园 … 蓼河新区), in text order."""
    numbers = dict.fromkeys(texts.sentence_number(aid, s) for s in starts)
    return "、".join(dict.fromkeys(m["entity"] for n in numbers for m in parks.get((aid, n), [])))


def _occurrence_spans(row: Mapping) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every occurrence of a figure, its own first."""
    start, end = int(row["start"]), int(row.get("end", -1) or -1)
    spans = [(start, end if end > start else start + len(str(row.get("value", ""))))]
    for part in str(row.get("occurrences", "") or "").split(";"):
        head, _, tail = part.strip().partition("-")
        if head.isdigit() and tail.isdigit() and int(head) not in {s for s, _ in spans}:
            spans.append((int(head), int(tail)))
    return spans


def _mention_end(m: Mapping) -> int:
    """Return where a mention ends (its start plus the name as written where the table has no ``end``)."""
    end = m.get("end")
    if end is not None and end == end:
        return int(end)
    return int(m["start"]) + len(str(m.get("alias") or m["entity"]))


def _as_named(mention: Mapping) -> str:
    """Return a park as the text names it (综合保税区), else its canonical name."""
    alias = mention.get("alias")
    return str(alias) if isinstance(alias, str) and alias else str(mention["entity"])


def member_parks(parks: dict, texts: _Texts, aid: str, spans: list[tuple[int, int]], rules: StoryRules) -> str:
    """Return the parks a count of parks lists as its members, as the text names them, in text order.

    A park is a member when the count's sentence lists it right before the
    count, ending in ``members_before`` (…生物医药产业园、人力资源产业园等13个专业园区),
    or right after it, after ``members_after`` (建设的4个专业园区包括济宁综合保税区、…),
    the listed parks joined by ``member_separators``. A park merely in the same
    sentence is not one: in 包括设立蓼河新区、5个街道属地园区及建设4个专业园区 蓼河新区
    stands beside the two counts, it is neither a sub-district park nor a specialised one.
    """
    text = texts.text(aid)
    found: list[str] = []
    for start, end in spans:
        sentence = sorted(parks.get((aid, texts.sentence_number(aid, start)), []), key=lambda m: int(m["start"]))
        before = [m for m in sentence if _mention_end(m) <= start]
        if before and rules.members_before.fullmatch(_SPACE.sub("", text[_mention_end(before[-1]) : start])):
            chain = [before[-1]]
            for m in reversed(before[:-1]):
                if not rules.member_separators.fullmatch(
                    _SPACE.sub("", text[_mention_end(m) : int(chain[0]["start"])])
                ):
                    break
                chain.insert(0, m)
            found += [_as_named(m) for m in chain]
        after = [m for m in sentence if int(m["start"]) >= end]
        if after and rules.members_after.fullmatch(_SPACE.sub("", text[end : int(after[0]["start"])])):
            chain = [after[0]]
            for m in after[1:]:
                if not rules.member_separators.fullmatch(
                    _SPACE.sub("", text[_mention_end(chain[-1]) : int(m["start"])])
                ):
                    break
                chain.append(m)
            found += [_as_named(m) for m in chain]
    return "、".join(dict.fromkeys(found))


# --- institutional reform ------------------------------------------------------------------------


def _reform_measure(match: re.Match, rules: StoryRules) -> dict:
    return rules.reform[int(match.lastgroup[1:])]


def reform(tables, rules=None) -> pd.DataFrame:
    """List the reform of the zone's administration, measure by measure, in publication order.

    A clause that names a measure of ``reform.measures`` (``story.yml``) gives
    a row of the measure's words as written; a ledger figure whose clause
    names a measure gives a row of its own, with the first measure of its
    clause, and that clause gives no words row for the same measure.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`REFORM_COLUMNS`.
    """
    rules = load_rules(rules)
    texts = _texts(tables, rules)
    ledger = _ledger(tables)
    by_article = dict(list(ledger.groupby("article_id")))
    mentions = tables.formula_mentions
    formulas_at = {aid: set(g.astype(int)) for aid, g in mentions.groupby("article_id")["start"]}
    rows = []
    for aid in sorted(_zone_ids(tables) & set(texts.art.index)):
        rows.extend(_reform_rows(aid, texts, by_article.get(aid), formulas_at.get(aid, set()), rules))
    return _dated(rows, REFORM_COLUMNS, tables.articles)


def _zone_ids(tables) -> set[str]:
    arts = tables.articles
    return (
        set(arts[flags(arts["about_zone"])]["article_id"]) if "about_zone" in arts.columns else set(arts["article_id"])
    )


def _reform_rows(aid: str, texts: _Texts, figures: pd.DataFrame | None, formula_at: set, rules: StoryRules) -> list:
    rows = []
    figures = figures.to_dict("records") if figures is not None else []
    for sent in texts.sentences(aid):
        compact, index = texts.compact(aid, sent.start, sent.end)
        hits = [
            (index[m.start()], _balanced(compact, m.start(), m.end()), _reform_measure(m, rules))
            for m in rules.reform_words.finditer(compact)
        ]
        if not hits:
            continue
        taken: set[tuple[tuple[int, int], str]] = set()
        for f in (f for f in figures if sent.start <= int(f["start"]) < sent.end):
            clause = texts.clause_span(aid, int(f["start"]))
            own = [h for h in hits if clause[0] <= h[0] < clause[1]]
            if not own:  # a figure of the sentence whose clause names no measure is not the reform's
                continue
            measure = own[0][2]
            taken.add((clause, measure["id"]))
            rows.append({**_figure_row(f, texts, str(f["indicator"])), **_measure_cols(measure)})
        seen: dict[tuple[tuple[int, int], str], dict] = {}
        for pos, written, measure in hits:
            clause = texts.clause_span(aid, pos)
            if (clause, measure["id"]) in taken:
                continue
            if (clause, measure["id"]) in seen:
                seen[(clause, measure["id"])]["as_written"] += f"; {written}"
                continue
            anchor = f"f-{pos}" if pos in formula_at else ""
            row = {**_mention_row(aid, pos, texts, measure["zh"], written, "words", anchor), **_measure_cols(measure)}
            seen[(clause, measure["id"])] = row
            rows.append(row)
    return rows


_QUOTES = (("“", "”"), ("‘", "’"), ("「", "」"), ("《", "》"))


def _balanced(text: str, start: int, end: int) -> str:
    """Return ``text[start:end]`` taking in the quote mark it opens or closes outside it (“一区多园”管理体制改革).

    A label is never cut inside a quotation: a closing mark with no opening
    one takes in the opening mark right before the words, and the other way round.
    """
    for opening, closing in _QUOTES:
        said = text[start:end]
        if said.count(closing) > said.count(opening) and start > 0 and text[start - 1] == opening:
            start -= 1
        elif said.count(opening) > said.count(closing) and end < len(text) and text[end] == closing:
            end += 1
    return text[start:end]


def _measure_cols(measure: dict) -> dict:
    return {"measure": measure["id"], "measure_zh": measure["zh"], "measure_en": measure["en"]}


# --- high-tech enterprises ------------------------------------------------------------------------


def _hightech_measure(row: Mapping, rules: StoryRules) -> dict:
    for m in rules.hightech_measures:
        if m.get("series") and row["series"] != m["series"]:
            continue
        if m.get("indicator_re") and not m["indicator_re"].search(str(row["indicator"])):
            continue
        if m.get("kinds") and row["kind"] not in m["kinds"]:
            continue
        return m
    return {"id": "other", "zh": "其他", "en": "other"}


def hightech(tables, rules=None, indicator_rules=None, matching=None) -> pd.DataFrame:
    """List the high-tech enterprise series with each target against what was reported.

    Rows are the ledger's figures in ``hightech.series`` or whose name matches
    ``hightech.indicator`` (``story.yml``), labelled by ``hightech.measures``.
    A target or plan carries its status from
    :func:`helpers.analysis.targets.targets_vs_outcomes` and the report it was
    read against (``against``); a reported figure that answers a target names
    that target.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`HIGHTECH_COLUMNS`.
    """
    rules = load_rules(rules)
    texts = _texts(tables, rules)
    ledger = _ledger(tables)
    chosen = ledger[
        ledger["article_id"].isin(texts.art.index)
        & (
            ledger["series"].isin(rules.hightech_series)
            | ledger["indicator"].astype(str).str.contains(rules.hightech_indicator)
        )
    ]
    verdicts = _verdicts(tables, indicator_rules, matching)
    answered: dict[str, list[str]] = {}
    for v in verdicts.values():
        if v["outcome_id"]:
            answered.setdefault(v["outcome_id"], []).append(_answer(v))
    rows = []
    for f in chosen.to_dict("records"):
        m = _hightech_measure(f, rules)
        row = {**_figure_row(f, texts, str(f["indicator"])), **_measure_cols(m)}
        v = verdicts.get(f["indicator_id"])
        if v is not None:
            row.update(
                status=v["status"],
                against=v["outcome_id"],
                against_value=f"{v['outcome_value']}{v['outcome_unit']}" if v["outcome_id"] else "",
                gap=v["gap"],
                note=v["note"],
            )
        elif f["indicator_id"] in answered:
            ids, notes = zip(*answered[f["indicator_id"]])
            row.update(status="", against=";".join(ids), note="; ".join(notes))
        rows.append(row)
    table = _dated(rows, HIGHTECH_COLUMNS, tables.articles)
    return table.fillna(dict.fromkeys(("status", "against", "against_value", "note"), ""))


def _answer(verdict: Mapping) -> tuple[str, str]:
    """Say what a reported figure is to the target it was read against: its outcome, or the level it was set from."""
    target = verdict["target_id"]
    if verdict["status"] == "no later report":
        return target, f"the level when target {target} was set"
    return target, f"read against target {target} ({verdict['status']})"


def _verdicts(tables, indicator_rules, matching) -> dict[str, dict]:
    led = _ledger(tables)
    needed = {"lead", "value_base", "base_unit", "qualifier", "series"}
    if not needed <= set(led.columns):
        return {}
    table = targets.targets_vs_outcomes(led, tables.articles, indicator_rules, matching)
    return {r["target_id"]: r for r in table.to_dict("records")}


# --- rankings ------------------------------------------------------------------------------------


def _scope(text: str, scopes: list[str]) -> str:
    found = [(text.find(s), s) for s in scopes if s in text]
    return min(found)[1] if found else ""


def rankings(tables, rules=None) -> pd.DataFrame:
    """List the places the zone won, each with its contest, and honours written without a figure.

    Rows are the ledger's figures of ``rankings.kinds`` (ranks), figures of
    another kind whose contest the ledger names (streaks), mentions of
    ``rankings.formulas`` (两连冠), and clauses holding an honour cue
    (``rankings.honour_cues``: 获评全国五星级产业基地) where no such figure stands.
    ``contest`` is the ledger's (empty where it names none); ``scope`` the
    first rank scope (全市, 全省…, ``rank_scopes`` of ``indicators.yml``) in the
    contest or the name.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RANKING_COLUMNS`.
    """
    rules = load_rules(rules)
    texts = _texts(tables, rules)
    scopes = list(texts.indicator_rules.get("rank_scopes") or [])
    ledger = _ledger(tables)
    ledger = ledger[ledger["article_id"].isin(texts.art.index)]
    chosen = ledger["kind"].isin(rules.ranking_kinds)
    if rules.with_contest:
        chosen |= ledger["contest"].ne("")
    rows = []
    clauses = set()
    for f in ledger[chosen].to_dict("records"):
        contest = f["contest"]
        scope = _scope(contest, scopes) or _scope(str(f["indicator"]), scopes)
        rows.append({**_figure_row(f, texts, contest or str(f["indicator"])), "contest": contest, "scope": scope})
        rows[-1]["subject"] = f["subject"]
        clauses.add((f["article_id"], texts.clause_span(f["article_id"], int(f["start"]))))
    for row, _ in _formula_rows(tables, rules.ranking_formulas, texts):
        rows.append({**row, "contest": "", "scope": "", "subject": ""})
    for aid in sorted(_zone_ids(tables) & set(texts.art.index)):
        for sent in texts.sentences(aid):
            compact, index = texts.compact(aid, sent.start, sent.end)
            for m in rules.honour_cues.finditer(compact):
                pos = index[m.start()]
                clause = texts.clause_span(aid, pos)
                if (aid, clause) in clauses:
                    continue
                clauses.add((aid, clause))
                words, _ = texts.compact(aid, pos, clause[1])
                whole, _ = texts.compact(aid, *clause)
                row = _mention_row(aid, pos, texts, whole, words, "honour")
                rows.append({**row, "contest": "", "scope": _scope(words, scopes), "subject": ""})
    return _dated(rows, RANKING_COLUMNS, tables.articles)


# --- the glossary ---------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _load_glossary(path: str) -> dict[str, dict]:
    return parse_glossary(read_yaml(Path(path), LexiconError), path)


def parse_glossary(data, source: str = "<memory>") -> dict[str, dict]:
    """Check a parsed ``glossary.yml`` and return its entries by canonical formula.

    Each entry needs ``zh`` and ``en`` (one line each) and ``source``: the
    ``article_id`` whose text defines the formula, with the defining words in
    ``quote``, or ``general`` for a gloss the texts do not give.

    Raises
    ------
    LexiconError
        On a malformed entry, naming ``source`` and the formula.
    """
    entries = (data or {}).get("formulas") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise LexiconError(f"{source}: expected 'formulas:', a mapping of canonical formula -> zh, en, source")
    for name, entry in entries.items():
        missing = [k for k in ("zh", "en", "source") if not isinstance(entry, dict) or not entry.get(k)]
        if missing:
            raise LexiconError(f"{source}: the gloss of {name} lacks {', '.join(missing)}")
        if any("\n" in str(entry[k]).strip() for k in ("zh", "en")):
            raise LexiconError(f"{source}: the gloss of {name} must be one line in zh and in en")
        if entry["source"] != "general" and not entry.get("quote"):
            raise LexiconError(f"{source}: the gloss of {name} cites {entry['source']} but quotes no words of it")
    return {str(k): v for k, v in entries.items()}


def load_glossary(entries: dict | str | Path | None = None) -> dict[str, dict]:
    """Return the glossary entries: a parsed document checked, or a file read (default ``glossary.yml``)."""
    if isinstance(entries, dict):
        return parse_glossary(entries if "formulas" in entries else {"formulas": entries})
    return _load_glossary(str(entries or GLOSSARY_FILE))


def glossary(tables, entries=None) -> pd.DataFrame:
    """Join every canonical formula the corpus names with its gloss, first and last use.

    Parameters
    ----------
    tables : helpers.analysis.processed.Tables
        Or anything with ``articles`` and ``formula_mentions``.
    entries : dict, str or Path, optional
        The glossary (default ``data/lexicon/glossary.yml``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`GLOSSARY_COLUMNS`, one row per canonical formula, in
        order of first use. A formula with no entry has ``gloss_status``
        ``no gloss yet`` and empty ``zh``/``en``; ``first_anchor`` and
        ``last_anchor`` are the mentions' fragments on their article pages
        (``f-<start>``).
    """
    entries = load_glossary(entries)
    mentions = tables.formula_mentions
    spans = formula_lifespans(mentions)
    rank = article_order(tables.articles.drop_duplicates("article_id").assign(**_order_defaults(tables.articles)))
    ordered = mentions.assign(_rank=mentions["article_id"].map(rank)).sort_values(["_rank", "start"], kind="stable")
    rows = []
    for span in spans.to_dict("records"):
        uses = ordered[ordered["canonical"] == span["canonical"]]
        first, last = uses.iloc[0], uses.iloc[-1]
        entry = entries.get(span["canonical"], {})
        rows.append(
            {
                "canonical": span["canonical"],
                "kind": span["kind"],
                "zh": str(entry.get("zh", "")).strip(),
                "en": str(entry.get("en", "")).strip(),
                "source": str(entry.get("source", "")),
                "quote": str(entry.get("quote", "") or ""),
                "gloss_status": "glossed" if entry else NO_GLOSS,
                "variants": span["variants"],
                **_use("first", first),
                **_use("last", last),
                "n_mentions": span["n_mentions"],
                "n_articles": span["n_articles"],
                "years": span["years"],
            }
        )
    table = pd.DataFrame(rows, columns=GLOSSARY_COLUMNS)
    return table.astype({"first_year": "Int64", "last_year": "Int64", "first_start": "int64", "last_start": "int64"})


def _use(prefix: str, mention: pd.Series) -> dict:
    return {
        f"{prefix}_date": str(mention["date"] or ""),
        f"{prefix}_year": _year(mention["year"]),
        f"{prefix}_article_id": mention["article_id"],
        f"{prefix}_start": int(mention["start"]),
        f"{prefix}_anchor": f"f-{int(mention['start'])}",
    }


def missing_glosses(tables, entries=None) -> list[str]:
    """Return the canonical formulas the corpus names that the glossary does not gloss, in order of first use."""
    table = glossary(tables, entries)
    return table.loc[table["gloss_status"] == NO_GLOSS, "canonical"].tolist()


# --- laying a table out by year -------------------------------------------------------------------


def by_year(table: pd.DataFrame, articles: pd.DataFrame, key: str = "what") -> pd.DataFrame:
    """Lay a story table out as ``key`` by year: each cell lists that year's rows, briefly.

    A cell gives each row's words or figure as written and its kind (``plan``,
    ``target``, ``achieved``…; ``repeats <id>`` for a restatement); a figure is
    named (``what``) unless the rows are keyed by ``what`` already. Columns run
    from the first to the last year with articles about the zone; a year
    without a row, or without articles, is missing (a gap, not a zero). Rows
    keep the order their key first appears in; undated rows are in no column.
    """
    years = _zone_years(articles)
    cells: dict[str, dict[int, list[str]]] = {}
    for row in table.to_dict("records"):
        if pd.isna(row["year"]):
            continue
        phrase = _brief(row) if key == "what" or row["source"] != "ledger" else f"{row['what']} {_brief(row)}"
        cells.setdefault(str(row[key]), {}).setdefault(int(row["year"]), []).append(phrase)
    out = [
        {key: name, **{y: "; ".join(dict.fromkeys(cells[name].get(y, []))) or pd.NA for y in years}} for name in cells
    ]
    return pd.DataFrame(out, columns=[key, *years])


def _brief(row: Mapping) -> str:
    """Write a row as its words and its kind (a mention that neither promises nor reports shows its words only).

    A grouping that is another's list says whose (231产业集群 (the city's)).
    """
    notes = [row["kind"]] if row["kind"] != "mention" else []
    if row.get("source") == "formula" and row.get("subject") in ("city", "province"):
        notes.append(f"the {row['subject']}'s")
    if row["restates"]:
        notes.append(f"repeats {row['restates']}")
    return f"{row['as_written']} ({', '.join(notes)})" if notes else str(row["as_written"])


def all_tables(tables) -> dict[str, pd.DataFrame]:
    """Return every story table by name, with the industry-by-year layout (for the notebooks and the build)."""
    industries = leading_industries(tables)
    return {
        "leading_industries": industries,
        "industries_by_year": industries_by_year(industries, tables.articles),
        "park_structure": park_structure(tables),
        "reform": reform(tables),
        "hightech": hightech(tables),
        "rankings": rankings(tables),
        "glossary": glossary(tables),
    }
