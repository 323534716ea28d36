"""One row per fact: restatements merged, repeats of earlier articles flagged, repeated text found.

The ledger (:func:`helpers.analysis.indicators.indicators_table`) has one row
per figure *printed*. A report counts facts, so

1. :func:`merge_restatements` makes a figure restated within one article
   (headline, subheading and body; a paragraph printed twice) one row: the
   first occurrence's, which keeps its ``indicator_id``, with every
   occurrence listed;
2. :func:`flag_restates` says which rows repeat a figure of an earlier
   article (or an earlier story of the same page): ``restates`` holds the
   earlier row's ``indicator_id``, and ``restates_how`` whether it was
   printed the same day (a restatement) or on an earlier day (reused);
3. :func:`repeated_paragraphs` finds text printed more than once, so the
   corpus report can say the text repeats.

**The rule for readers of the ledger**: charts, headline figures, year
summaries and targets-versus-outcomes use only new facts, the rows that
:func:`is_new` keeps (empty ``restates``), of the merged ledger
(:func:`one_row_per_fact` does both steps). A repeated figure is evidence of
what was said again, not of anything new.

**Same fact.** Two rows are the same fact when they have the same value
(``value_base``, ``base_unit``, upper bound; for counts the same measure word,
家 is not 个), the same form (a 千亿级 scale class is never the plain figure
千亿), compatible qualifiers (equal, or one has none), the same subject
(济宁高新区, a park, a company, the city…; a blank subject is unknown and
agrees with any), kinds that agree (``kind_groups`` in
``data/lexicon/facts.yml``: signed is never achieved, a target never its
outcome), agreeing periods, and the same measure. Two measures of one printed
figure (A和B均达到100%: the ``shares`` row and the row it points to) are never
one fact, nor are two figures of one sentence (a sentence lists different
things: 省重大项目6个、省优选项目6个). Within an article a heading carries no
cue words, so a heading read as achieved, target or plan (``heading_kinds``)
may be the subheading of a plan; a ranking, a signing or a context figure
keeps its kind even there.

The same measure is decided from, in order: the contest or list, for rows
that have one (a ranking is the same fact only in the same contest:
高新技术企业净增量 and 高新技术企业 are two lists); the curated series when both
rows have one; the indicator names (equal, or the longer is the shorter with
words added before or inside it, never after: 办好 / 提升民生幸福新指数办好,
高端装备产业占全市比重 / 高端装备产业营业收入占全市比重); the words after the
figure, up to the end of its clause (most of their character pairs shared);
and, for a figure as specific as 57.9% or 1.2万亩, names ending alike or the
first word after it.

**Periods.** Within one article, periods agree when equal, or when either is
blank or named by no time in its figure's own sentence (no year, month,
quarter, 今年…). Across articles it depends on the kind. An achievement
repeated with no time of its own is the earlier one (四大产业占全市比重分别达到
58%… in 2021 repeats the 2019 January–October shares), so a later row whose
sentence names no time agrees with any period. A promise or a rank is tied to
its time (``dated_kinds``): a later year's 千亿级 aim or first place is a new
promise or a new result, so the two periods must overlap, a blank period
being the article's year; a later rank restates an earlier one only when its
period (said in its sentence, or the same year) is the earlier one's.
Context figures (``no_restate_kinds``) are background, never flagged as
repeats.

The thresholds and kind lists are data in ``data/lexicon/facts.yml``.

**Earlier.** Articles are ordered by date as written (``2017`` before
``2017-10-23``), then by file and position on the page; undated articles come
last. A figure of an article dated only ``2017`` and one of ``2017-10-23``
are thus ordered though the dates overlap.

All offsets index the article's ``text`` column.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis import indicators
from helpers.errors import LedgerFormatError, LexiconError
from helpers.sentences import HEADLINE_MAX_CHARS, Sentence, ends_sentence, sentence_index, split_sentences
from helpers.text import alternation, normalise_width
from helpers.yamlfile import read_yaml

FACTS_FILE = paths.LEXICON / "facts.yml"
MERGE_COLUMNS = ["n_occurrences", "occurrences", "occurrence_ids"]
FLAG_COLUMNS = ["restates", "restates_how"]
SAME_DAY, EARLIER = "same day", "earlier article"  # the values of restates_how
REPEAT_COLUMNS = ["article_id", "start", "end", "first_article_id", "first_start", "first_end", "n_chars", "text"]
LEDGER_NEEDS = ["indicator_id", "article_id", "indicator", "value", "unit", "value_base", "base_unit", "kind"]
LEDGER_NEEDS += ["period", "sentence", "start", "end"]
ARTICLES_NEED = ["article_id", "file", "article_index", "date", "text"]

_CLAUSE_MARKS = "，,、；;：:。！？!?\n"  # the words after a figure stop at these
_NOISE = re.compile(r"[\s“”\"‘’《》「」…]")
_NUMERIC = re.compile(r"^[\d,.]+$")
_PERIOD = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")
_NUMERAL = re.compile(r"[\d.]+|[一二三四五六七八九十百千万亿两]+")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RULE_KEYS = {
    "kind_groups": list,
    "name_strip_suffix": list,
    "min_name_chars": int,
    "min_shared_start": int,
    "trail_overlap": float,
    "min_trail_chars": int,
    "distinctive_digits": int,
    "period_patterns": list,
    "min_repeat_chars": int,
    "min_shared_chars": int,
    "shared_needs": str,
    "heading_kinds": list,
    "dated_kinds": list,
    "no_restate_kinds": list,
    "same_day": list,
}


# --- rules --------------------------------------------------------------------


@lru_cache(maxsize=4)
def _load(path: str) -> dict:
    spec = read_yaml(Path(path), LexiconError) or {}
    if not isinstance(spec, dict):
        raise LexiconError(f"{path}: expected settings (key: value), found {type(spec).__name__}")
    for key, kind in _RULE_KEYS.items():
        value = spec.get(key)
        if isinstance(value, int) and kind is float:
            value = spec[key] = float(value)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise LexiconError(f"{path}: '{key}' must be a {kind.__name__}; see the comments in facts.yml")
    relative = indicators.load_rules().get("relative_years") or {}
    words = [alternation(relative)] if relative else []
    try:
        spec["_period_re"] = re.compile("|".join(spec["period_patterns"] + words))
    except re.error as err:
        raise LexiconError(f"{path}: period_patterns holds a bad regex: {err}") from None
    spec["_group"] = {kind: n for n, group in enumerate(spec["kind_groups"]) for kind in group}
    return spec


def load_rules(path: str | Path | None = None) -> dict:
    """Load the rules that decide when two ledger rows are one fact.

    Parameters
    ----------
    path : str or Path, optional
        Rules file; defaults to ``data/lexicon/facts.yml``.

    Returns
    -------
    dict
        The parsed rules (cached per path; treat as read-only).

    Raises
    ------
    LexiconError
        If the file is missing, not valid YAML, lacks a setting or holds a bad regex.
    """
    return _load(str(path or FACTS_FILE))


# --- what each row says ---------------------------------------------------------


def _check(ledger: pd.DataFrame, articles: pd.DataFrame) -> None:
    missing = [c for c in LEDGER_NEEDS if c not in ledger.columns]
    if missing:
        raise LedgerFormatError(f"the ledger lacks {', '.join(missing)}; pass the table of indicators.csv")
    missing = [c for c in ARTICLES_NEED if c not in articles.columns]
    if missing:
        raise LedgerFormatError(f"the articles table lacks {', '.join(missing)}; pass the table of articles.csv")
    unknown = sorted(set(ledger["article_id"]) - set(articles["article_id"]))
    if unknown:
        raise LedgerFormatError(f"ledger rows of articles not in the articles table: {', '.join(unknown[:5])}")


def article_order(articles: pd.DataFrame) -> pd.Series:
    """Rank articles from earliest to latest: by date as written, then file and position on the page.

    Parameters
    ----------
    articles : pandas.DataFrame
        With ``article_id``, ``date``, ``file`` and ``article_index``.

    Returns
    -------
    pandas.Series
        0-based rank (int) indexed by ``article_id``; undated articles rank last.
    """
    dates = articles["date"].map(lambda d: d if isinstance(d, str) and d else "")
    keyed = articles.assign(_undated=dates.eq(""), _date=dates)
    keyed = keyed.sort_values(["_undated", "_date", "file", "article_index"], kind="stable")
    return pd.Series(range(len(keyed)), index=keyed["article_id"].to_numpy())


def _trail(text: str, end: int) -> str:
    i = end
    while i < len(text) and text[i] not in _CLAUSE_MARKS:
        i += 1
    return _NOISE.sub("", text[end:i])


def _name(indicator: str, rules: dict) -> str:
    name = _NOISE.sub("", str(indicator))
    for suffix in rules["name_strip_suffix"]:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _text(value) -> str:
    """Return a cell as a string, blank for a missing value (columns the ledger may lack or leave empty)."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _context(ledger: pd.DataFrame, articles: pd.DataFrame, rules: dict) -> list[dict]:
    """Return, for each ledger row, what the same-fact tests read (one dict per row, in row order)."""
    texts = articles.set_index("article_id")["text"]
    years = articles.set_index("article_id")["date"].map(lambda d: _text(d)[:4])
    split = {a: split_sentences(texts[a]) for a in ledger["article_id"].unique()}
    period_re = rules["_period_re"]
    out = []
    for row in ledger.itertuples(index=False):
        text, sentences = texts[row.article_id], split[row.article_id]
        sent = sentence_index(sentences, row.start)
        sentence = sentences[sent].text if sent >= 0 else ""
        high = getattr(row, "value_high_base", float("nan"))
        series = getattr(row, "series", "")
        out.append(
            {
                "id": row.indicator_id,
                "article_id": row.article_id,
                "start": int(row.start),
                "end": int(row.end),
                "value": (round(float(row.value_base), 9), row.base_unit),
                "high": None if high is None or pd.isna(high) else round(float(high), 9),
                "unit": row.unit,
                "qualifier": _text(getattr(row, "qualifier", "")),
                "kind": row.kind,
                "kind_evidence": getattr(row, "kind_evidence", None),
                "period": _text(row.period),
                "year": years[row.article_id],
                "stated": bool(period_re.search(str(row.sentence))),
                "sentence": sent,
                "heading": bool(sentence) and not ends_sentence(sentence) and len(sentence) <= HEADLINE_MAX_CHARS,
                "series": "" if not isinstance(series, str) else series,
                "subject": _NOISE.sub("", _text(getattr(row, "subject", ""))),
                "contest": _NOISE.sub("", _text(getattr(row, "contest", ""))),
                "form": _text(getattr(row, "form", "")) or "figure",
                "name": _name(row.indicator, rules),
                "trail": _trail(text, int(row.end)),
                "written": str(row.value),
            }
        )
    return out


# --- the same fact --------------------------------------------------------------


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _shared_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _nested(longer: str, shorter: str) -> bool:
    """Say whether the longer name is the shorter one with words added before it or inside it.

    提升民生幸福新指数办好 ends with 办好 (济宁高新区获得 with 济宁高新区获, one character
    more); 高端装备产业营业收入占全市比重 is 高端装备产业占全市比重 with 营业收入 inside. Words added
    *after* it change what is measured (高新技术企业 / 高新技术企业工业总产值占比), so the
    end must be kept.
    """
    if longer.endswith(shorter) or longer[:-1].endswith(shorter):
        return True
    return any(
        longer.startswith(shorter[:cut]) and longer.endswith(shorter[cut:]) for cut in range(2, len(shorter) - 1)
    )


def _distinctive(written: str, rules: dict) -> bool:
    digits = written.replace(",", "")
    if not _NUMERIC.match(digits):
        return False
    if "." in digits:
        return True
    return len(digits.lstrip("0").rstrip("0")) >= rules["distinctive_digits"]


def _same_measure(a: dict, b: dict, rules: dict) -> bool:
    """Say whether two rows measure the same thing (see the module's docstring for the order of tests).

    ``a`` and ``b`` are rows as :func:`_context` describes them.
    """
    if a["contest"] and b["contest"]:  # what a rank or a streak is counted in says what it measures
        return a["contest"] == b["contest"]
    if a["series"] and b["series"]:
        return a["series"] == b["series"]
    shorter, longer = sorted((a["name"], b["name"]), key=len)
    if shorter and shorter == longer:
        return True
    shared = _shared_start(a["trail"], b["trail"]) >= rules["min_shared_start"]
    if len(shorter) >= 2 and _nested(longer, shorter) and (len(shorter) >= rules["min_name_chars"] or shared):
        return True
    short_trail, long_trail = sorted((a["trail"], b["trail"]), key=len)
    # The words after a figure say what it counts unless they name another class (两个200亿级… /
    # 两个百亿级…), or the figures are scale classes each naming its own industries (高端电力装备、节能环保 /
    # 汽车贸易、人力资源…: two classes; a subheading's 千亿级现代化产业集群 names none and may restate one). v3.
    numerals = (_NUMERAL.findall(a["trail"]), _NUMERAL.findall(b["trail"]))
    classes_differ = all(numerals) and numerals[0] != numerals[1]
    industries_differ = a["form"] == "scale_class" and "、" in a["name"] and "、" in b["name"]
    if len(short_trail) >= rules["min_trail_chars"] and not classes_differ and not industries_differ:
        pairs = _bigrams(short_trail)
        if len(pairs & _bigrams(long_trail)) >= rules["trail_overlap"] * len(pairs):
            return True
    # A figure as specific as 57.9% or 1.2万亩 needs less: names ending alike, or a first word after it in common.
    head = rules["min_name_chars"]
    alike = len(shorter) >= head and a["name"][-head:] == b["name"][-head:]
    return (shared or alike) and _distinctive(a["written"], rules) and _distinctive(b["written"], rules)


def _same_value(a: dict, b: dict) -> bool:
    """Say whether two rows state the same value, written in the same form, of the same subject."""
    if a["value"] != b["value"] or a["high"] != b["high"] or a["form"] != b["form"]:
        return False
    if a["value"][1] == "count" and a["unit"] != b["unit"]:
        return False
    if a["subject"] and b["subject"] and a["subject"] != b["subject"]:
        return False
    return not (a["qualifier"] and b["qualifier"] and a["qualifier"] != b["qualifier"])


def _kinds_agree(a: dict, b: dict, rules: dict) -> bool:
    group = rules["_group"]
    return group.get(a["kind"], a["kind"]) == group.get(b["kind"], b["kind"])


def _interval(period: str) -> tuple[str, str] | None:
    """Return a period (2019, 2019-12, 2019-12-01, 2019-01..2019-10) as first and last day, or None."""
    parts = period.split("..")
    if not all(_PERIOD.match(p) for p in parts):
        return None
    first, last = parts[0], parts[-1]
    return (first + "-01-01"[len(first) - 4 :], last + "-12-31"[len(last) - 4 :])


def _overlap(a: dict, b: dict) -> bool:
    """Say whether two rows' periods overlap, a blank period being the article's year."""
    spans = [_interval(row["period"] or row["year"]) for row in (a, b)]
    if None in spans:  # a period not written as a date: equal or not
        return (a["period"] or a["year"]) == (b["period"] or b["year"])
    (a_first, a_last), (b_first, b_last) = spans
    return a_first <= b_last and b_first <= a_last


def _restated_within(a: dict, b: dict, rules: dict) -> bool:
    """Say whether row ``b`` restates row ``a`` of the same article."""
    if a["sentence"] == b["sentence"] or not _same_value(a, b):
        return False
    # A heading carries no cue words: read as achieved it may still head a plan. Never so for a ranking,
    # a signing or a context figure.
    loose = set(rules["heading_kinds"])
    heading = (a["heading"] or b["heading"]) and {a["kind"], b["kind"]} <= loose
    if not (heading or _kinds_agree(a, b, rules)):
        return False
    periods = a["period"] == b["period"] or not (a["period"] and b["period"] and a["stated"] and b["stated"])
    return periods and _same_measure(a, b, rules)


def _restates(earlier: dict, later: dict, rules: dict) -> bool:
    """Say whether row ``later`` repeats row ``earlier`` of an earlier article."""
    if {earlier["kind"], later["kind"]} & set(rules["no_restate_kinds"]):
        return False
    if not (_same_value(earlier, later) and _kinds_agree(earlier, later, rules)):
        return False
    if later["kind"] in rules["dated_kinds"]:  # a promise or a rank of another time is a new one
        periods = _overlap(earlier, later)
    else:  # an achievement repeated with no time of its own is the earlier one
        periods = earlier["period"] == later["period"] or not later["period"] or not later["stated"]
    return periods and _same_measure(earlier, later, rules)


# --- public API -----------------------------------------------------------------


def _claim(rows: list[dict], members: list[int]) -> dict:
    """Return what a heading leaves unsaid, from the first occurrence in running text that says it.

    A heading carries no cue words, so when the first occurrence is one its
    kind is the first non-heading occurrence's; a blank period or qualifier is
    the first occurrence's that has one.
    """
    first, changes = rows[members[0]], {}
    body = [rows[m] for m in members if not rows[m]["heading"]]
    if first["heading"] and body and body[0]["kind"] != first["kind"]:
        changes["kind"] = body[0]["kind"]
        changes["kind_evidence"] = body[0]["kind_evidence"]
    for column in ("period", "qualifier"):
        given = [rows[m][column] for m in members if rows[m][column]]
        if not first[column] and given:
            changes[column] = given[0]
    return changes


def merge_restatements(ledger: pd.DataFrame, articles: pd.DataFrame, rules: dict | None = None) -> pd.DataFrame:
    """Make a figure restated within one article one row.

    A figure printed again in the same article (in the headline, a subheading
    and the body; in a paragraph printed twice) is one fact. Its rows are
    grouped, in text order, with the first earlier row they restate (see the
    module's docstring for the test); the group keeps its first row, whose
    ``indicator_id`` stays the fact's id, so links to it keep working. Where
    that row is a heading (a line without end punctuation, which carries no
    cue words), its ``kind`` and ``kind_evidence`` are the first occurrence's
    in running text; a blank ``period`` or ``qualifier`` is the first
    occurrence's that has one. The rows of one figure shared by two measures
    (``shares``) stay apart; each may merge with the same measure printed
    again.

    Parameters
    ----------
    ledger : pandas.DataFrame
        The indicator ledger (the columns of ``indicators.csv``; ``series``
        is read when present).
    articles : pandas.DataFrame
        The articles table, with ``text`` (every article of the ledger).
    rules : dict, optional
        From :func:`load_rules`; default ``data/lexicon/facts.yml``.

    Returns
    -------
    pandas.DataFrame
        The ledger's columns, one row per fact in the ledger's order, plus

        n_occurrences : int
            How many times the article prints the figure (1 when once).
        occurrences : str
            Every occurrence as ``start-end`` offsets into the article's
            ``text``, joined by ``;`` in text order (the first is the row's own).
        occurrence_ids : str
            The ``indicator_id`` of every other occurrence, joined by ``;``
            in text order; empty when the figure is printed once.

    Raises
    ------
    LedgerFormatError
        If the ledger or the articles table lacks a column it needs, or the
        ledger has rows of an article not in the table.
    """
    rules = rules if rules is not None else load_rules()
    _check(ledger, articles)
    rows = _context(ledger, articles, rules)
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["article_id"], rows[i]["start"]))
    groups: dict[int, list[int]] = {}  # first row's position -> positions of its occurrences
    open_groups: dict[str, list[int]] = {}  # article -> first rows of its groups
    for i in order:
        here = open_groups.setdefault(rows[i]["article_id"], [])
        for first in here:
            members = groups[first]
            # Two figures of one sentence, or two measures of one figure (shares), are never one fact.
            clash = any(
                rows[m]["sentence"] == rows[i]["sentence"] or rows[m]["start"] == rows[i]["start"] for m in members
            )
            if not clash and any(_restated_within(rows[m], rows[i], rules) for m in members):
                members.append(i)
                break
        else:
            here.append(i)
            groups[i] = [i]
    keep = sorted(groups)
    out = ledger.iloc[keep].copy()
    for row, first in enumerate(keep):
        for column, value in _claim(rows, groups[first]).items():
            if column in out.columns:
                out.iloc[row, out.columns.get_loc(column)] = value
    out["n_occurrences"] = [len(groups[i]) for i in keep]
    out["occurrences"] = [";".join(f"{rows[m]['start']}-{rows[m]['end']}" for m in groups[i]) for i in keep]
    out["occurrence_ids"] = [";".join(rows[m]["id"] for m in groups[i][1:]) for i in keep]
    return out.reset_index(drop=True)


def flag_restates(ledger: pd.DataFrame, articles: pd.DataFrame, rules: dict | None = None) -> pd.DataFrame:
    """Say which rows repeat a figure of an earlier article.

    A row restates an earlier one when an earlier article (by date; on one
    page, an earlier story) printed the same fact: same value, unit, form and
    subject, same measure (for a ranking, the same contest), kinds that agree
    and periods that agree: for an achievement, the same period or a later row
    whose own sentence names no time; for a target, a plan or a ranking,
    periods that overlap (see the module's docstring). A context figure
    restates nothing. Rows of the same article are never compared: merge them
    first (:func:`merge_restatements`, or :func:`one_row_per_fact` for both
    steps).

    Parameters
    ----------
    ledger : pandas.DataFrame
        The indicator ledger, merged or not.
    articles : pandas.DataFrame
        The articles table, with ``date``, ``file``, ``article_index`` and ``text``.
    rules : dict, optional
        From :func:`load_rules`.

    Returns
    -------
    pandas.DataFrame
        The ledger, same rows and order, plus

        restates : str
            The ``indicator_id`` of the earliest row, in an earlier article,
            that this row repeats; empty when the row is new. Charts, headline
            figures, year summaries and targets-versus-outcomes use only the
            rows where it is empty (:func:`is_new`).
        restates_how : str
            ``same day`` when the earlier row was printed the same day (another
            story of the same page, or an article of the same date): a
            restatement of the day's news, not a figure reused from an earlier
            article; ``earlier article`` when it is reused; empty when new.

    Raises
    ------
    LedgerFormatError
        As :func:`merge_restatements`.
    """
    rules = rules if rules is not None else load_rules()
    _check(ledger, articles)
    rows = _context(ledger, articles, rules)
    rank = article_order(articles)
    by_value: dict[tuple, list[int]] = {}
    for i, row in enumerate(rows):
        by_value.setdefault(row["value"], []).append(i)
    restates = [""] * len(rows)
    for candidates in by_value.values():
        candidates.sort(key=lambda i: (rank[rows[i]["article_id"]], rows[i]["start"]))
        # A later row is compared with the new rows before it only (a repeat's own match is one of them):
        # a figure reprinted in many articles costs one comparison per distinct fact, not one per reprint.
        originals: list[int] = []
        for i in candidates:
            later = rows[i]
            for j in originals:
                earlier = rows[j]
                if rank[earlier["article_id"]] < rank[later["article_id"]] and _restates(earlier, later, rules):
                    restates[i] = earlier["id"]
                    break
            else:
                originals.append(i)
    return ledger.assign(restates=restates, restates_how=_how(ledger, restates, articles, rules))


def _how(ledger: pd.DataFrame, restates: list[str], articles: pd.DataFrame, rules: dict) -> list[str]:
    """Say, for each flagged row, whether it repeats the same day's page or an earlier day's article.

    A figure printed again the same day (another story of the same page, or an
    article of the same full date: ``same_day`` in ``facts.yml``) is a
    restatement of the day's news; one printed on a later day is reused. Both
    are left out of counts.
    """
    meta = articles.drop_duplicates("article_id").set_index("article_id")
    day = {a: _text(d) if _FULL_DATE.match(_text(d)) else "" for a, d in meta["date"].items()}
    article_of = dict(zip(ledger["indicator_id"], ledger["article_id"]))
    out = []
    for later, earlier in zip(ledger["article_id"], restates):
        if not earlier:
            out.append("")
            continue
        first = article_of.get(earlier, "")
        same_page = "page" in rules["same_day"] and meta.at[later, "file"] == meta.at[first, "file"]
        same_date = "date" in rules["same_day"] and bool(day.get(later)) and day.get(later) == day.get(first)
        out.append(SAME_DAY if same_page or same_date else EARLIER)
    return out


def reused(ledger: pd.DataFrame) -> pd.Series:
    """Flag the rows that repeat an earlier day's article (reused figures), not the same day's page.

    A table without the flag columns has no reused rows.
    """
    if "restates" not in ledger.columns:
        return pd.Series(False, index=ledger.index)
    how = ledger["restates_how"] if "restates_how" in ledger.columns else pd.Series(EARLIER, index=ledger.index)
    return ledger["restates"].fillna("").astype(str).ne("") & how.fillna("").astype(str).ne(SAME_DAY)


def repeats_said(ledger: pd.DataFrame) -> str:
    """Say how many figures are printed again, and where from, so that the parts add up to the whole.

    A figure printed again repeats an earlier article (reused: :func:`reused`) or another story of the
    same day's page (a restatement): "9 printed again: 5 from an earlier article, 4 from the same day's page".
    """
    again = ledger["restates"].fillna("").astype(str).ne("") if "restates" in ledger.columns else None
    n = int(again.sum()) if again is not None else 0
    if not n:
        return "none printed again"
    earlier = int((again & reused(ledger)).sum())
    parts = [
        f"{earlier} from an earlier article" if earlier else "",
        f"{n - earlier} from the same day's page" if n - earlier else "",
    ]
    return f"{n} printed again: " + ", ".join(p for p in parts if p)


def one_row_per_fact(ledger: pd.DataFrame, articles: pd.DataFrame, rules: dict | None = None) -> pd.DataFrame:
    """Merge restatements within each article, then flag repeats of earlier articles.

    Returns
    -------
    pandas.DataFrame
        The ledger's columns plus ``n_occurrences``, ``occurrences``,
        ``occurrence_ids`` (:func:`merge_restatements`) and ``restates``
        (:func:`flag_restates`).
    """
    rules = rules if rules is not None else load_rules()
    return flag_restates(merge_restatements(ledger, articles, rules), articles, rules)


def is_new(ledger: pd.DataFrame) -> pd.Series:
    """Return which rows are new facts (empty ``restates``): the rows charts and summaries count.

    Raises
    ------
    LedgerFormatError
        If the ledger has no ``restates`` column (run :func:`flag_restates` first).
    """
    if "restates" not in ledger.columns:
        raise LedgerFormatError("the ledger has no 'restates' column; run helpers.analysis.facts.flag_restates first")
    return ledger["restates"].fillna("").astype(str).eq("")


def _key(sentence: Sentence) -> str:
    return _NOISE.sub("", normalise_width(sentence.text))


def repeated_paragraphs(articles: pd.DataFrame, rules: dict | None = None) -> pd.DataFrame:
    """Find text printed more than once, within an article or across articles.

    Each sentence (:func:`helpers.sentences.split_sentences`; a heading or a
    list item is one too) is compared, without spaces and with full-width
    forms made half-width, with every sentence before it in article order
    (:func:`article_order`). Consecutive repeated sentences whose first copies
    are consecutive too make one repeated passage (a paragraph printed
    twice); a passage shorter than ``min_repeat_chars`` (20) is not reported.
    Across articles a shared run inside sentences counts too, when it is at
    least ``min_shared_chars`` (20) long and holds a figure (``shared_needs``):
    a clause a later article copies with its figures, not a list of names
    (:func:`_shared_passages`).

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table (``article_id``, ``date``, ``file``, ``article_index``, ``text``).
    rules : dict, optional
        From :func:`load_rules`.

    Returns
    -------
    pandas.DataFrame
        One row per repeated passage, in article order then text order:

        article_id : str
            The article that prints the passage again.
        start, end : int
            The passage's offsets in that article's ``text``.
        first_article_id : str
            The article that printed it first (the same article when it
            repeats itself).
        first_start, first_end : int
            The first copy's offsets in that article's ``text``.
        n_chars : int
            Characters of the passage (``end - start``).
        text : str
            The passage as printed again.
    """
    rules = rules if rules is not None else load_rules()
    missing = [c for c in ARTICLES_NEED if c not in articles.columns]
    if missing:
        raise LedgerFormatError(f"the articles table lacks {', '.join(missing)}; pass the table of articles.csv")
    rank = article_order(articles)
    texts = articles.set_index("article_id")["text"]
    first: dict[str, tuple[str, int]] = {}  # sentence key -> (article, sentence index) of its first copy
    split = {}
    rows = []
    for article_id in rank.index:
        sentences = split[article_id] = split_sentences(texts[article_id])
        copies = []  # (sentence index, first copy) of each repeated sentence, in text order
        for n, sentence in enumerate(sentences):
            key = _key(sentence)
            if key in first:
                copies.append((n, first[key]))
            else:
                first[key] = (article_id, n)
        runs: list[list[tuple[int, tuple[str, int]]]] = []
        for n, origin in copies:
            last = runs[-1][-1] if runs else None
            if last and last[0] == n - 1 and last[1][0] == origin[0] and last[1][1] == origin[1] - 1:
                runs[-1].append((n, origin))
            else:
                runs.append([(n, origin)])
        for run in runs:
            start, end = sentences[run[0][0]].start, sentences[run[-1][0]].end
            if end - start < rules["min_repeat_chars"]:
                continue
            origin_article = run[0][1][0]
            origin = split[origin_article]
            rows.append(
                {
                    "article_id": article_id,
                    "start": start,
                    "end": end,
                    "first_article_id": origin_article,
                    "first_start": origin[run[0][1][1]].start,
                    "first_end": origin[run[-1][1][1]].end,
                    "n_chars": end - start,
                    "text": texts[article_id][start:end],
                }
            )
    rows += _shared_passages(rank.index.tolist(), texts, rows, rules)
    order = {article_id: n for n, article_id in enumerate(rank.index)}
    rows.sort(key=lambda row: (order[row["article_id"]], row["start"]))
    return pd.DataFrame(rows, columns=REPEAT_COLUMNS)


def _keyed(text: str) -> tuple[str, list[int]]:
    """Return ``text`` without spaces and quotes, made half-width, and each kept character's offset in ``text``."""
    wide = normalise_width(text)
    kept = [n for n, char in enumerate(wide) if not _NOISE.match(char)]
    return "".join(wide[n] for n in kept), kept


def _shared_passages(order: list[str], texts: pd.Series, found: list[dict], rules: dict) -> list[dict]:
    """Find runs of text that a later article shares word for word with an earlier one, inside sentences.

    A run counts when it is at least ``min_shared_chars`` long (without spaces)
    and holds ``shared_needs`` (a figure): a clause copied with its figures
    (占全市比重分别达到58%、79%、17.5%和57.9%, in 2019 and in 2021), not a
    list of names every article prints (高端装备、医养健康、新一代信息技术、新材料).
    A run inside a passage already found is not reported again.
    """
    size, needs = rules["min_shared_chars"], re.compile(rules["shared_needs"])
    keyed = {article_id: _keyed(texts[article_id]) for article_id in order}
    rows = []
    for n, article_id in enumerate(order):
        key, offsets = keyed[article_id]
        taken = [(row["start"], row["end"]) for row in found + rows if row["article_id"] == article_id]
        for earlier in order[:n]:
            other, other_offsets = keyed[earlier]
            grams: dict[str, list[int]] = {}
            for j in range(len(other) - size + 1):
                grams.setdefault(other[j : j + size], []).append(j)
            i = 0
            while i <= len(key) - size:
                best = (0, -1)
                for j in grams.get(key[i : i + size], []):
                    length = size
                    while i + length < len(key) and j + length < len(other) and key[i + length] == other[j + length]:
                        length += 1
                    best = max(best, (length, j))
                length, j = best
                if not length:
                    i += 1
                    continue
                start, end = offsets[i], offsets[i + length - 1] + 1
                inside = any(s <= start and end <= e for s, e in taken)
                if needs.search(key[i : i + length]) and not inside:
                    taken.append((start, end))
                    rows.append(
                        {
                            "article_id": article_id,
                            "start": start,
                            "end": end,
                            "first_article_id": earlier,
                            "first_start": other_offsets[j],
                            "first_end": other_offsets[j + length - 1] + 1,
                            "n_chars": end - start,
                            "text": texts[article_id][start:end],
                        }
                    )
                i += length
    return rows
