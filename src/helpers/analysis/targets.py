"""Check the zone's targets and plans against what later articles report.

A *target* is a ledger row of kind ``target`` or ``plan``; its *outcomes* are
``achieved`` (or, for ranks, ``ranking``) rows that measure the same thing.
Signed deals and context figures are never outcomes, and a row that restates
an earlier one (``restates``, from :mod:`helpers.analysis.facts`) is neither a
new promise nor a new outcome.

* **Same measure** (:func:`measure_of`): the same base unit, subject and
  contest (where the ledger has those columns), the same direction (净增 is
  not a level) and the same curated series, else the same measure of
  ``data/lexicon/targets.yml`` (街道属地园区 ~ 街属园区), else the same name as
  the indicator rules trim it. A *loose* series (投资总额: each article's own
  total) does not make two rows one measure, and a *generic* name (总投资, 产值)
  says not whose figure it is, so it matches only a row of the same subject.
* **Later.** A date is a span (``2017`` is the whole year); a report counts
  when its article starts after the target's ends (:func:`is_later`). A
  report on the target's own date (the same article or page) counts only when
  it reaches the target with a figure of its own (申报不低于90家 / 完成申报94家):
  a stock reached is reached. One that falls short is the level the target
  was set from: shown, with the gap, under ``no later report``; one equal to
  the target is the target restated.
* **For what period.** A report about a period before the target's is
  ignored. Of several later reports the one for the target's period (same
  calendar years) is taken, else the latest. A sum of money is a flow: only
  a report for the target's period is compared with it.

Statuses (:data:`STATUSES`): ``met``; ``not met`` (``gap`` says by how much);
``partly`` (short, but reported before the target's period was over);
``contradicted`` (later reports for the target's period disagree on whether it
was met); ``superseded`` (not met, or not reported, and a later article set
another figure for the same measure and period: the plan changed);
``no later report``; ``not comparable`` (a figure that could not be
normalised). ``confidence`` counts the doubts about a match (the names agree
only once trimmed; the report is for another period; its order is not
certain), ``evidence`` says why the two rows were matched.

Each target reads only the outcomes of its own measure, indexed once by
measure and period and sorted by date, and finds later ones by bisection: the
check stays close to linear in the size of the ledger.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis.facts import article_order
from helpers.analysis.indicators import check_rules, load_rules
from helpers.analysis.ledger import zone_rows
from helpers.errors import LedgerFormatError, LexiconError
from helpers.text import alternation
from helpers.yamlfile import read_yaml

STATUSES = ["met", "not met", "partly", "contradicted", "superseded", "no later report", "not comparable"]
CONFIDENCES = ["high", "medium", "low"]
TARGET_KINDS = ("target", "plan")
OUTCOME_KINDS = ("achieved", "ranking")
TARGETS_FILE = paths.LEXICON / "targets.yml"
COLUMNS = [
    "target_id",
    "target_article_id",
    "target_date",
    "indicator",
    "target_value",
    "target_unit",
    "target_value_base",
    "qualifier",
    "kind",
    "target_period",
    "target_sentence",
    "outcome_id",
    "outcome_article_id",
    "outcome_date",
    "outcome_value",
    "outcome_unit",
    "outcome_value_base",
    "outcome_period",
    "outcome_sentence",
    "status",
    "gap",
    "gap_share",
    "confidence",
    "evidence",
    "note",
]
_NEEDED = {
    "indicator_id",
    "article_id",
    "indicator",
    "value",
    "unit",
    "value_base",
    "base_unit",
    "kind",
    "period",
    "sentence",
    "qualifier",
    "series",
    "lead",
}
_OPTIONAL = ("subject", "subject_type", "contest", "restates", "occurrence_ids")  # read when the ledger has them
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


Rules = dict | str | Path | None  # the indicator rules, or the path of their file (None: the default)
Matching = dict | str | Path | None  # the matching rules (targets.yml), or their file's path


# --- the rules ---------------------------------------------------------------------


def _rulebook(rules: Rules) -> dict:
    # The rules that built the ledger, loaded from their file when given as a path.
    if isinstance(rules, dict):
        check_rules(rules)
        return rules
    return load_rules(rules)


def _word_list(spec: dict, key: str, source: str) -> list[str]:
    words = spec.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"{source}: '{key}' must be a list of words; see the comments in targets.yml")
    return words


def check_matching(spec, source: str = "<memory>") -> dict:
    """Check the matching rules (``targets.yml``) and return them with their word pattern compiled.

    Raises
    ------
    LexiconError
        On a missing or malformed section, naming ``source`` and the entry.
    """
    if not isinstance(spec, dict):
        raise LexiconError(f"{source}: expected settings (key: value), found {type(spec).__name__}")
    loose, generic = _word_list(spec, "loose_series", source), _word_list(spec, "generic_names", source)
    measures, by_word = spec.get("measures"), {}
    if not isinstance(measures, list):
        raise LexiconError(f"{source}: 'measures' must be a list of measures (id, label, words, base_unit)")
    for number, measure in enumerate(measures, start=1):
        missing = [k for k in ("id", "label", "words", "base_unit") if not (measure or {}).get(k)]
        if missing:
            raise LexiconError(f"{source}: measure {number} lacks {', '.join(missing)}")
        for word in _word_list(measure, "words", f"{source}: measure '{measure['id']}'"):
            if word in by_word:
                raise LexiconError(f"{source}: the word {word} is in two measures; give it to one")
            by_word[word] = measure
    confidence = spec.get("confidence")
    if not isinstance(confidence, dict) or not all(isinstance(confidence.get(k), int) for k in ("high", "medium")):
        raise LexiconError(f"{source}: 'confidence' needs whole numbers 'high' and 'medium' (most doubts allowed)")
    schemes = {m["id"] for m in measures if (m or {}).get("scheme")}
    scale = spec.get("scale_qualifiers", [])
    if not isinstance(scale, list) or not all(isinstance(w, str) and w for w in scale):
        raise LexiconError(f"{source}: 'scale_qualifiers' must be a list of words; see the comments in targets.yml")
    return {
        "scale_qualifiers": set(scale),
        "loose_series": set(loose),
        "generic_names": set(generic),
        "schemes": schemes,
        "by_word": by_word,
        "words": re.compile(alternation(by_word)),
        "confidence": confidence,
        "_checked": True,
    }


@lru_cache(maxsize=4)
def _load_matching(path: str) -> dict:
    return check_matching(read_yaml(Path(path), LexiconError), path)


def load_matching(matching: Matching = None) -> dict:
    """Load the rules that say when two ledger rows measure the same thing (default ``data/lexicon/targets.yml``).

    ``matching`` is a parsed document (checked here) or a file's path.

    Raises
    ------
    LexiconError
        If the file is missing, not valid YAML, or malformed.
    """
    if isinstance(matching, dict):
        return matching if matching.get("_checked") else check_matching(matching)
    return _load_matching(str(matching or TARGETS_FILE))


def _trimmers(rules: Rules = None) -> tuple[re.Pattern, re.Pattern]:
    # The extractor's own cue words and name-trimming words (data/lexicon/indicators.yml),
    # so a change in the rules changes the normalisation with them. Only the ends of a
    # name are trimmed: inside a name these words are part of it (有效发明专利, 任务完成率).
    # The words are regexes (cues such as 要(?![素求点])), tried longest first in a fixed order.
    rules = _rulebook(rules)
    cues = list(rules["amount_words"])
    for strength in rules["kind_cues"].values():
        for words in strength.values():
            cues += words
    head = re.compile(f"^(?:{alternation(cues + rules.get('indicator_strip_prefix', []), escape=False)})")
    tail = re.compile(f"(?:{alternation(cues + rules.get('indicator_strip_suffix', []), escape=False)})$")
    return head, tail


def normalise_indicator(name: str, rules: Rules = None) -> str:
    """Trim cue verbs, qualifiers and measure words from both ends of an indicator name.

    ``高新技术产值两项核心指标要实现`` and ``高新技术产值两项核心指标均实现`` both
    become ``高新技术产值两项核心指标``; ``高新技术企业数量`` becomes ``高新技术企业``
    but ``高新技术企业申报`` (applications) stays apart. A name that would trim to
    nothing is kept whole. ``rules`` are the indicator rules whose cue and
    trimming words are used: a dict, or a file's path (default
    ``data/lexicon/indicators.yml``).
    """
    return _trim(name, _trimmers(rules))


def _trim(name: str, trimmers: tuple[re.Pattern, re.Pattern]) -> str:
    text = name or ""
    for pattern in trimmers:
        while (m := pattern.search(text)) and m.end() > m.start():
            text = text[: m.start()] + text[m.end() :]
    return text or (name or "")


# --- dates and periods -----------------------------------------------------------------


def date_span(date: str) -> tuple[str, str] | None:
    """Return the first and last day a ``YYYY[-MM[-DD]]`` date (or ``A..B`` range) may mean.

    ``None`` for an empty or unreadable date. Days are padded to ``31`` for the
    end of a month: the strings only need to compare correctly, not be valid days.
    """
    parts = str(date or "").split("..")
    ends = [_DATE.match(p.strip()) for p in parts]
    if not parts[0] or not all(ends):
        return None
    y, m, d = ends[0].groups()
    first = f"{y}-{m or '01'}-{d or '01'}"
    y, m, d = ends[-1].groups()
    last = f"{y}-{m or '12'}-{d or '31'}"
    return first, last


def is_later(date: str, than: str) -> bool:
    """Say whether ``date`` is certainly after ``than`` (its span starts after the other's ends)."""
    a, b = date_span(date), date_span(than)
    return bool(a and b and a[0] > b[1])


def _same_period(a: str, b: str) -> bool:
    # Same calendar year(s): the 2020 target and the 2020-01..2020-11 figure are about one year.
    sa, sb = date_span(a), date_span(b)
    return bool(sa and sb and (sa[0][:4], sa[1][:4]) == (sb[0][:4], sb[1][:4]))


def _about_the_past(outcome_period: str, target_period: str) -> bool:
    so, st = date_span(outcome_period), date_span(target_period)
    return bool(so and st and so[1] < st[0])


def _period_open(t: dict, o: dict) -> bool:
    """Say whether a report for the target's period came before that period was over."""
    end = (date_span(t["period"]) or ("", ""))[1]
    day, until = (date_span(o["date"]) or ("", ""))[0], (date_span(o["period"]) or ("", ""))[1]
    return bool(end) and _same_period(o["period"], t["period"]) and (day <= end or until < end)


# --- what a row measures -------------------------------------------------------------------


def measure_of(row: dict, matching: dict) -> tuple[tuple | None, str, str]:
    """Return what a prepared ledger row measures: a key, how it was found, and the word that decided.

    The key is equal for two rows exactly when they measure the same thing
    (see the module's docstring); it is ``None`` for a generic name without a
    subject, which is matched with nothing. How: ``series``, ``measure`` or ``name``.
    """
    who = (row["who"], row["contest"])
    if row["series"] and row["series"] not in matching["loose_series"]:
        return ("series", row["series"], *who), "series", row["series"]
    words = [m.group() for m in matching["words"].finditer(row["norm"])]
    word = max(words, key=len, default="")
    measure = matching["by_word"].get(word)
    if measure and measure["base_unit"] == row["base_unit"]:
        return ("measure", measure["id"], row["increase"], *who), "measure", word
    if not row["norm"] or (row["norm"] in matching["generic_names"] and not row["who"]):
        return None, "generic", row["norm"]
    return ("name", row["base_unit"], row["norm"], row["increase"], *who), "name", row["norm"]


def prepare(
    ledger: pd.DataFrame, articles: pd.DataFrame, rules: Rules = None, matching: Matching = None
) -> pd.DataFrame:
    """Return the ledger with what matching reads: date, trimmed name, direction, measure key, order of articles.

    Columns the ledger may lack (``subject``, ``subject_type``, ``contest``,
    ``restates``, ``occurrence_ids``) are read as empty. ``who`` is whose
    figure it is: ``zone`` for a row whose ``subject_type`` is the zone, else
    the subject as written.

    Raises
    ------
    LedgerFormatError
        When the ledger lacks a column or names an article not in ``articles``.
    """
    rules, matching = _rulebook(rules), load_matching(matching)
    missing = _NEEDED - set(ledger.columns)
    if missing:
        raise LedgerFormatError(
            f"the ledger lacks column(s) {sorted(missing)}; build it with indicators_table, "
            "then helpers.analysis.ledger.with_lead and helpers.analysis.ledger.assign_series"
        )
    dates = articles.set_index("article_id")["date"].astype("string").fillna("")
    unknown = sorted(set(ledger["article_id"]) - set(dates.index))
    if unknown:
        raise LedgerFormatError(
            f"ledger rows name article(s) {unknown[:3]} that are not in the articles table; "
            "pass the articles the ledger was built from"
        )
    trimmers = _trimmers(rules)
    increase = "|".join(map(re.escape, rules["increase_words"]))
    optional = {c: (ledger[c] if c in ledger.columns else pd.Series("", index=ledger.index)) for c in _OPTIONAL}
    led = ledger.assign(
        date=ledger["article_id"].map(dates),
        norm=ledger["indicator"].map(lambda name: _trim(name, trimmers)),
        increase=ledger["lead"].fillna("").astype(str).str.contains(increase),
        period=ledger["period"].fillna(""),
        series=ledger["series"].fillna(""),
        qualifier=ledger["qualifier"].fillna(""),
        **{c: values.fillna("").astype(str) for c, values in optional.items()},
        rank=ledger["article_id"].map(_article_rank(articles.assign(date=articles["article_id"].map(dates)))),
    )
    # Whose figure: the zone however it is written (济宁高新区, 高新区), else the subject as written.
    led["who"] = led["subject"].where(led["subject_type"].ne("zone"), "zone")
    found = [measure_of(r, matching) for r in led.to_dict("records")]
    keys = [f[0] for f in found]
    frames = _frames(led, keys, matching["schemes"])
    return led.assign(key=keys, frame=frames, basis=[f[1] for f in found], word=[f[2] for f in found])


def _frames(led: pd.DataFrame, keys: list, schemes: set[str]) -> list:
    """Return the frame of each count of a scheme's parts (``scheme: true`` in targets.yml), else ``()``.

    The frame is the set of such measures counted in the same sentence: 5个
    街道属地园区及建设4个专业园区 is (specialised_parks, street_parks); 5个街属园区、4个
    专业园区和3个功能园区 adds function_parks. A count of one kind of park is
    compared with a count of the same kind elsewhere; when the frames differ,
    the match carries the doubt ``frame`` and its note says so.
    """
    ids = [k[1] if k is not None and k[0] == "measure" and k[1] in schemes else None for k in keys]
    places = list(zip(led["article_id"], led["sentence"]))
    together: dict[tuple, set] = {}
    for where, measure in zip(places, ids):
        if measure:
            together.setdefault(where, set()).add(measure)
    # A count restated alone in its article (设立5个街道属地园区。 after the framework's sentence) is
    # in the frame of its other statements: the union over the article's sentences that state it.
    figure = [(a, m, round(float(v), 9)) for a, m, v in zip(led["article_id"], ids, led["value_base"])]
    union: dict[tuple, set] = {}
    for where, measure, fig in zip(places, ids, figure):
        if measure:
            union.setdefault(fig, set()).update(together[where])
    return [tuple(sorted(union[fig])) if measure else () for measure, fig in zip(ids, figure)]


def _s(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _frame_note(t: dict, o: dict) -> str:
    """Say that a count of parks was matched with one counted in another frame (or ``""``)."""
    if not t.get("frame") or not o.get("frame") or t["frame"] == o["frame"]:
        return ""
    return (
        f"the frame differs: {o['indicator_id']} ({o['date']}) counts these parks with "
        f"{'+'.join(o['frame'])}, this one with {'+'.join(t['frame'])}"
    )


def _article_rank(articles: pd.DataFrame) -> pd.Series:
    # The order facts.py reads articles in (date as written, then file and place on the page);
    # without file and place, the date as written and the table's order.
    if {"file", "article_index"} <= set(articles.columns):
        return article_order(articles)
    keyed = articles.assign(_undated=articles["date"].eq(""))
    keyed = keyed.sort_values(["_undated", "date"], kind="stable")
    return pd.Series(range(len(keyed)), index=keyed["article_id"].to_numpy())


def new_facts(led: pd.DataFrame) -> pd.Series:
    """Say which prepared rows are new: those that restate no row of this ledger."""
    return led["restates"].eq("") | ~led["restates"].isin(set(led["indicator_id"]))


def first_statements(rows: list[dict]) -> tuple[list[dict], dict[str, list[str]]]:
    """Keep one row per figure and measure stated more than once in one article.

    The ledger may still list a figure restated within an article (a heading,
    the lead, the body) as several rows; one promise is one row. Returns the
    first rows, in order, and for each the ids of the others (with those in
    ``occurrence_ids``).
    """
    first: dict[tuple, dict] = {}
    also: dict[str, list[str]] = {}
    for r in rows:
        measure = r["key"] if r["key"] is not None else ("generic", r["norm"])
        value = r["value"] if pd.isna(r["value_base"]) else round(float(r["value_base"]), 9)
        # Two plans for one count of parks in different words are two promises (13个专业园区实体化运营 /
        # 13个专业园区建立管委会: running them, giving them committees): for a count of a scheme's parts
        # (a frame, targets.yml `scheme`), the trimmed name is part of the group.
        name = r["norm"] if r.get("frame") else ""
        group = (r["article_id"], measure, name, value, r["qualifier"], r["period"])
        kept = first.setdefault(group, r)
        also.setdefault(kept["indicator_id"], [])
        if kept is not r:
            also[kept["indicator_id"]].append(r["indicator_id"])
    for r in first.values():
        merged = [i for i in r["occurrence_ids"].split(";") if i]
        also[r["indicator_id"]] = merged + also[r["indicator_id"]]
    return list(first.values()), also


# --- comparing two figures ---------------------------------------------------------------------


def meets(
    target: float,
    target_qualifier: str,
    outcome: float,
    outcome_qualifier: str,
    lower_is_better: bool = False,
    rules: Rules = None,
) -> bool:
    """Say whether an outcome reaches a target, reading both qualifiers.

    A target is a floor (达到175家, 10%以上, 约, 近 all read as "at least"), a strict
    floor (超, 破, 逾, 余, 多), or a ceiling (不超过, 以下). On a tie an outcome
    written 近X lies below X and one written 超X above it. Ranks (``lower_is_better``)
    are met at the target place or better: 前5 is met by 第3. What each qualifier
    means is read from ``rules`` (``qualifier_meanings`` of the indicator rules, or
    their file's path; default ``data/lexicon/indicators.yml``).
    """
    meaning = _rulebook(rules)["qualifier_meanings"]
    above, at_most, below = meaning["above"], meaning["at_most"], meaning["below"]
    if lower_is_better:
        return outcome <= target
    if target_qualifier in at_most:
        return outcome < target or (outcome == target and outcome_qualifier not in above)
    if outcome != target:
        return outcome > target
    if outcome_qualifier in above:
        return True
    return target_qualifier not in above and outcome_qualifier not in below


def _meets(t: dict, o: dict, rules: dict) -> bool:
    rank = t["base_unit"] == "rank"
    return meets(t["value_base"], t["qualifier"], o["value_base"], o["qualifier"], lower_is_better=rank, rules=rules)


def _score(o: dict, rules: dict) -> tuple[float, int]:
    """Order reports so that whether one meets a target changes at most once along the order.

    By value, and on a tie 近X below X below 超X: :func:`meets` is monotone in
    this order for every kind of target, so the lowest and the highest later
    report say whether some meet it and some do not.
    """
    meaning = rules["qualifier_meanings"]
    q = o["qualifier"]
    return float(o["value_base"]), (-1 if q in meaning["below"] else 1 if q in meaning["above"] else 0)


def as_written(row: pd.Series, rules: Rules = None) -> str:
    """Write a ledger row's figure with its qualifier where Chinese puts it: 超100家, 10余家, 10%以上.

    Where a qualifier goes is read from ``rules`` (the indicator rules, or
    their file's path; default ``data/lexicon/indicators.yml``).
    """
    q, value, unit = row["qualifier"] or "", row["value"], row["unit"] or ""
    places = _rulebook(rules)["qualifiers"]
    if q in places.get("suffix", []) and q not in places.get("infix", []):
        return f"{value}{unit}{q}"
    if q in places.get("infix", []):
        return f"{value}{q}{unit}"
    return f"{q}{value}{unit}"


def _gap(t: dict, o: dict) -> tuple[float, float]:
    """Return outcome minus target in the base unit, and as a share of the target (none for ranks)."""
    if o is None or pd.isna(t["value_base"]) or pd.isna(o["value_base"]):
        return float("nan"), float("nan")
    gap = float(o["value_base"]) - float(t["value_base"])
    share = gap / float(t["value_base"]) if t["base_unit"] != "rank" and t["value_base"] else float("nan")
    return gap, share


def _doubts(t: dict, o: dict) -> list[str]:
    """List the doubts about a match of a target with a report (or a revised plan)."""
    doubts = []
    if t["basis"] == "name" and t["indicator"] != o["indicator"]:
        doubts.append("name")
    if o["kind"] in OUTCOME_KINDS and not _same_period(o["period"], t["period"]):
        doubts.append("period")
    if not is_later(o["date"], t["date"]):
        doubts.append("timing")
    if t.get("frame") and o.get("frame") and t["frame"] != o["frame"]:
        doubts.append("frame")
    if o.get("_still_a_target"):
        doubts.append("restated target")  # a later target, not a report
        if t["indicator"] != o["indicator"]:
            doubts.append("name")  # 千亿级 of other lists of industries
    return doubts


def confidence(doubts: list[str], matching: dict) -> str:
    """Grade a match by its number of doubts, with the thresholds of ``targets.yml``."""
    limits = matching["confidence"]
    return "high" if len(doubts) <= limits["high"] else "medium" if len(doubts) <= limits["medium"] else "low"


def evidence(a: dict, b: dict, doubts: list[str] = ()) -> str:
    """Say why two prepared rows were matched: the series, the measure words or the name; unit, subject, doubts."""
    if a["basis"] == "series":
        why = f"series {a['series']}"
    elif a["basis"] == "measure":
        words = a["word"] if a["word"] == b["word"] else f"{a['word']} ~ {b['word']}"
        why = f"measure {a['key'][1]} ({words})"
    else:
        names = "" if a["indicator"] == b["indicator"] else f" ({a['indicator']} / {b['indicator']})"
        why = f"name {a['norm']}{names}"
    parts = [why, f"unit {a['base_unit']}"]
    parts += [f"{c} {a[c]}" for c in ("subject", "contest") if a[c]]
    if doubts:
        parts.append("doubts: " + ", ".join(doubts))
    return "; ".join(parts)


# --- the index ---------------------------------------------------------------------------


@dataclass
class _Shelf:
    """The outcomes of one measure and one period: how many, and the dated ones in order of reporting."""

    period: str
    count: int = 0
    # (first day of the article's date, last day of the period, start, position in the ledger), ascending:
    # the latest report is the last one, and ties go to the later row, as a stable sort would have it.
    dated: list[tuple[str, str, int, int]] = field(default_factory=list)
    days: list[str] = field(default_factory=list)
    # From each place in `dated` to its end: the lowest and highest report in the order of _score.
    lowest: list[tuple | None] = field(default_factory=list)
    highest: list[tuple | None] = field(default_factory=list)
    on_date: dict[str, list[int]] = field(default_factory=dict)  # article date -> positions reported on it


def _index_outcomes(outcomes: list[dict], rules: dict) -> dict[tuple, list[_Shelf]]:
    """Index outcomes by what they measure and the period they report.

    Whether an outcome is about the past, and whether it is for the target's
    period, depends on its period alone; whether it is later, on its date. So
    a target reads one shelf per period of its measure and finds the later
    reports on it by bisection, instead of scanning every outcome.
    """
    shelves: dict[tuple, dict[str, _Shelf]] = {}
    for position, o in enumerate(outcomes):
        shelf = shelves.setdefault(o["key"], {}).setdefault(o["period"], _Shelf(o["period"]))
        shelf.count += 1
        span = date_span(o["date"])
        if span:
            shelf.dated.append((span[0], (date_span(o["period"]) or ("", ""))[1], int(o["start"]), position))
            shelf.on_date.setdefault(o["date"], []).append(position)
    for by_period in shelves.values():
        for shelf in by_period.values():
            shelf.dated.sort()
            shelf.days = [day for day, _, _, _ in shelf.dated]
            low = high = None
            for *_, position in reversed(shelf.dated):
                if not pd.isna(outcomes[position]["value_base"]):
                    scored = (*_score(outcomes[position], rules), position)
                    low, high = min(low or scored, scored), max(high or scored, scored)
                shelf.lowest.append(low)
                shelf.highest.append(high)
            shelf.lowest.reverse()
            shelf.highest.reverse()
    return {key: list(by_period.values()) for key, by_period in shelves.items()}


@dataclass
class _Found:
    """What a target's shelves hold: counts, the latest later reports, extremes and reports on its date."""

    n_candidates: int = 0
    n_other_periods: int = 0  # sums of money for other periods, not compared
    n_later: int = 0
    latest: tuple | None = None
    same: tuple | None = None  # the latest later report for the target's period
    # Of the later reports for the same period as that one, made after that period ended: the extremes.
    lowest: tuple | None = None
    highest: tuple | None = None
    on_date: list[int] = field(default_factory=list)  # reports for its period on the target's own date


def _candidates(t: dict, shelves: list[_Shelf], flows: list[str]) -> _Found:
    """Find a target's candidates and later reports on the shelves of its measure.

    Candidates are the outcomes of its measure that are not about the past
    (and, for a sum of money, for its period); later reports, those of them
    whose article is certainly later (:func:`is_later`).
    """
    span = date_span(t["date"])
    found, chosen = _Found(), None
    for shelf in shelves:
        if _about_the_past(shelf.period, t["period"]):
            continue
        same = _same_period(shelf.period, t["period"])
        if t["base_unit"] in flows and not same:
            found.n_other_periods += shelf.count
            continue
        found.n_candidates += shelf.count
        if same and t["date"]:
            found.on_date += shelf.on_date.get(t["date"], [])
        if not span or not shelf.dated:
            continue
        first_later = bisect.bisect_right(shelf.days, span[1])
        if first_later == len(shelf.dated):
            continue
        found.n_later += len(shelf.dated) - first_later
        last = shelf.dated[-1]
        found.latest = max(found.latest or last, last)
        if same and last >= (found.same or last):
            found.same, chosen = last, shelf
    if chosen:
        # Reports made after their period ended are complete; two of them that disagree contradict each other.
        ended = bisect.bisect_right(chosen.days, max(span[1], (date_span(chosen.period) or ("", ""))[1]))
        if ended < len(chosen.dated):
            found.lowest, found.highest = chosen.lowest[ended], chosen.highest[ended]
    return found


def _index_plans(promises: list[dict]) -> dict[tuple, list[dict]]:
    """Index targets and plans by measure and calendar years, in the order of their articles."""
    plans: dict[tuple, list[dict]] = {}
    for p in promises:
        span = date_span(p["period"])
        if p["key"] is not None and span and p["date"]:
            plans.setdefault((p["key"], span[0][:4], span[1][:4]), []).append(p)
    for group in plans.values():
        group.sort(key=lambda p: (p["rank"], int(p["start"])))
        # For each place, the last earlier-or-equal place whose figure differs from its own.
        differ, last = [], None
        for k, p in enumerate(group):
            if k and _figure(group[k - 1]) != _figure(p):
                last = k - 1
            differ.append(last)
        for p, d in zip(group, differ):
            p["_differs_before"] = d
    return plans


def _figure(row: dict):
    # The value a figure states: 130家 and 130家以下 state one value (a report of it on the target's
    # own date restates the target; a plan of it changes nothing).
    return row["value"] if pd.isna(row["value_base"]) else round(float(row["value_base"]), 9)


def revision(t: dict, plans: dict[tuple, list[dict]]) -> dict | None:
    """Return the latest target or plan that changed ``t``: same measure and period, another figure, a later article.

    Articles are in the order of :func:`helpers.analysis.facts.article_order`
    (``2017`` before ``2017-10-23``); a revision whose article is not certainly
    later is a doubt about the match.
    """
    span = date_span(t["period"])
    group = plans.get((t["key"], span[0][:4], span[1][:4])) if span and t["key"] is not None else None
    if not group:
        return None
    last = len(group) - 1
    pick = last if _figure(group[last]) != _figure(t) else group[last]["_differs_before"]
    if pick is None or group[pick]["rank"] <= t["rank"]:
        return None
    return group[pick]


# --- judging one target --------------------------------------------------------------------


def _compare(t: dict, o: dict, rules: dict) -> tuple[str, str]:
    if pd.isna(t["value_base"]) or pd.isna(o["value_base"]):
        return "not comparable", "a value could not be normalised"
    ok = _meets(t, o, rules)
    rank = t["base_unit"] == "rank"
    sign = ("≤" if rank else "≥") if ok else ("not ≤" if rank else "not ≥")
    return ("met" if ok else "not met"), f"{as_written(o, rules)} {sign} {as_written(t, rules)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def judge(
    t: dict, found: _Found, outcomes: list[dict], revised: dict | None, rules: dict
) -> tuple[str, dict | None, list[str], list[str]]:
    """Decide a target's status from what its shelves hold and the plan that changed it, if any.

    Returns the status, the report shown with it (or ``None``), the parts of
    the note, and the doubts about the match that decided the status.
    """
    notes: list[str] = []
    if found.n_other_periods:
        notes.append(f"{_plural(found.n_other_periods, 'report')} for other periods not compared (a sum is a flow)")
    if found.n_later:
        n = _plural(found.n_later, "later report")
        if found.same:
            o = outcomes[found.same[-1]]
            notes.append(f"{n}; took the one for the target's period {t['period']}")
        else:
            o = outcomes[found.latest[-1]]
            notes.append(f"{n}, none for the target's period {t['period'] or '(none)'}; took the latest")
        status, why = _compare(t, o, rules)
        notes.append(why)
        if status == "not comparable":
            return status, o, notes, _doubts(t, o)
        low, high = found.lowest, found.highest
        if low and high and _meets(t, outcomes[low[-1]], rules) != _meets(t, outcomes[high[-1]], rules):
            yes, no = (low, high) if _meets(t, outcomes[low[-1]], rules) else (high, low)
            yes, no = outcomes[yes[-1]], outcomes[no[-1]]
            meeting, short = (
                f"{as_written(yes, rules)} ({yes['indicator_id']})",
                f"{as_written(no, rules)} ({no['indicator_id']})",
            )
            notes.append(
                f"reports for {o['period']} made after it ended disagree: {meeting} meets it, {short} does not"
            )
            return "contradicted", o, notes, _doubts(t, o)
        if status == "not met" and revised:
            return "superseded", o, notes + [_revised(t, revised, o, rules)], _doubts(t, revised)
        if status == "not met" and _period_open(t, o):
            return "partly", o, notes + [f"reported before the end of {t['period']}"], _doubts(t, o)
        return status, o, notes, _doubts(t, o)
    if found.n_candidates:
        notes.append(
            f"{_plural(found.n_candidates, 'matching report')} not certainly later (same article or date, or order unknown)"
        )
    own = [outcomes[p] for p in found.on_date if _figure(outcomes[p]) != _figure(t)]
    if len(own) < len(found.on_date):
        notes.append("a report on its date restates the target's figure")
    reached = [o for o in own if not pd.isna(o["value_base"]) and not pd.isna(t["value_base"]) and _meets(t, o, rules)]
    if reached:
        o = max(reached, key=lambda r: (int(r["start"]), r["article_id"]))
        notes.append(f"reached on its own date: {_compare(t, o, rules)[1]}")
        return "met", o, notes, _doubts(t, o)
    if revised:
        return "superseded", None, notes + [_revised(t, revised, None, rules)], _doubts(t, revised)
    if own:
        o = max(own, key=lambda r: (int(r["start"]), r["article_id"]))
        notes.append(f"the level when it was set: {_compare(t, o, rules)[1]}")
        return "no later report", o, notes, _doubts(t, o)
    return "no later report", None, notes, []


def _revised(t: dict, r: dict, o: dict | None, rules: dict) -> str:
    when = r["date"] if is_later(r["date"], t["date"]) else f"{r['date']}, order not certain"
    text = f"the plan changed: {r['indicator_id']} ({when}) sets {as_written(r, rules)} for {r['period']}"
    if o is not None and not pd.isna(r["value_base"]) and not pd.isna(o["value_base"]):
        text += f"; the report {'meets' if _meets(r, o, rules) else 'falls short of'} it"
    return text


# --- the table ---------------------------------------------------------------------------


def targets_vs_outcomes(
    ledger: pd.DataFrame, articles: pd.DataFrame, rules: Rules = None, matching: Matching = None
) -> pd.DataFrame:
    """Match each target and plan with what a later article reports for the same measure.

    Parameters
    ----------
    ledger : pandas.DataFrame
        The indicator ledger with ``lead`` and ``series`` (see :mod:`helpers.analysis.ledger`);
        ``subject``, ``contest``, ``restates`` and ``occurrence_ids`` are read when present.
    articles : pandas.DataFrame
        The articles table the ledger was built from (``article_id``, ``date``).
    rules : dict or str or Path, optional
        The indicator rules the ledger was built with, or their file's path
        (default ``data/lexicon/indicators.yml``): their cue and trimming words
        normalise indicator names, their qualifiers say how figures are written.
    matching : dict or str or Path, optional
        The matching rules, or their file's path (default ``data/lexicon/targets.yml``).

    Returns
    -------
    pandas.DataFrame
        One row per new target or plan (a figure stated twice in one article is
        one promise), in ledger order, with the columns in :data:`COLUMNS`.
        ``status`` is one of :data:`STATUSES`; ``gap`` is outcome minus target
        in the base unit and ``gap_share`` that as a share of the target;
        ``confidence`` one of :data:`CONFIDENCES` (empty without a match);
        ``evidence`` why the rows were matched; ``note`` how the report was
        chosen and compared, or what near misses were skipped.

    Raises
    ------
    LedgerFormatError
        When the ledger lacks a column or names an article not in ``articles``.
    """
    rulebook, lexicon = _rulebook(rules), load_matching(matching)
    led = prepare(zone_rows(ledger), articles, rulebook, lexicon)  # never a promise of another article
    new = new_facts(led)
    matchable = led["key"].notna()
    outcomes, _ = first_statements(led[new & matchable & led["kind"].isin(OUTCOME_KINDS)].to_dict("records"))
    promises, also = first_statements(led[new & led["kind"].isin(TARGET_KINDS)].to_dict("records"))
    restated = led[~new].groupby("restates")["indicator_id"].agg(list).to_dict()
    shelves = _index_outcomes(outcomes, rulebook)  # indexed once: each target reads only its own shelves
    plans = _index_plans(promises)
    rows = []
    for t in promises:
        found = _candidates(t, shelves.get(t["key"], []), rulebook["flow_units"]) if t["key"] is not None else None
        again = still_a_target(t, promises, lexicon)
        rows.append(_row(t, found, revision(t, plans), outcomes, also, restated, rulebook, lexicon, again))
    return pd.DataFrame(rows, columns=COLUMNS)


STILL_A_TARGET = "not yet reached: still a target in"  # how the note of such a row begins


def still_a_target(t: dict, promises: list[dict], matching: dict) -> dict | None:
    """Return the latest later target setting the same scale class as ``t`` again, or ``None``.

    A scale class (千亿级: a qualifier of ``scale_qualifiers`` in targets.yml) set
    as a target in 2018 and set again as a target of the same measure in a
    certainly later article (加快向五百亿、千亿级产业集群迈进, 2021) was not yet
    reached when that article was written.
    """
    if t["key"] is None or t["qualifier"] not in matching["scale_qualifiers"]:
        return None
    again = [
        p
        for p in promises
        if p["key"] == t["key"]
        and p["qualifier"] == t["qualifier"]
        and _figure(p) == _figure(t)
        and p["kind"] == "target"
        and is_later(p["date"], t["date"])
    ]
    return max(again, key=lambda p: (p["rank"], int(p["start"]))) if again else None


def _row(
    t: dict,
    found: _Found | None,
    revised: dict | None,
    outcomes: list[dict],
    also: dict,
    restated: dict,
    rules: dict,
    matching: dict,
    again: dict | None = None,
) -> dict:
    """Judge one target from what was found for it (``None``: a generic name) and write its row.

    ``again``: a later target setting the same scale class again (:func:`still_a_target`): with no report, the
    target was not yet reached when that article was written.
    """
    if found is None:
        status, o, revised, doubts = "no later report", None, None, []
        name = t["norm"] or "(none)"
        notes = [f"the name {name} says not whose figure it is (generic_names in targets.yml): matched with none"]
    else:
        status, o, notes, doubts = judge(t, found, outcomes, revised, rules)
    if status == "no later report" and o is None and again is not None:
        o = {**again, "_still_a_target": True}
        status, doubts = "not met", _doubts(t, o)
        notes.append(
            f"{STILL_A_TARGET} {again['date']} ({again['indicator_id']}: "
            f"{_s(again['value'])}{_s(again['unit'])}{again['qualifier']} set again as a target, not reported as reached)"
        )
    if o is not None and _frame_note(t, o):
        notes.append(_frame_note(t, o))
    if also.get(t["indicator_id"]):
        notes.append("also stated as " + ", ".join(also[t["indicator_id"]]))
    if restated.get(t["indicator_id"]):
        notes.append("restated in " + ", ".join(restated[t["indicator_id"]]))
    proof = [evidence(t, o, _doubts(t, o))] if o is not None else []
    if status == "superseded":
        proof.append(f"plan revised by {revised['indicator_id']}: " + evidence(t, revised, _doubts(t, revised)))
    gap, share = _gap(t, o) if not (o or {}).get("_still_a_target") else (float("nan"), float("nan"))
    row = {
        "target_id": t["indicator_id"],
        "target_article_id": t["article_id"],
        "target_date": t["date"],
        "indicator": t["indicator"],
        "target_value": t["value"],
        "target_unit": t["unit"],
        "target_value_base": t["value_base"],
        "qualifier": t["qualifier"],
        "kind": t["kind"],
        "target_period": t["period"],
        "target_sentence": t["sentence"],
        "outcome_id": "",
        "outcome_value_base": float("nan"),
        **{f"outcome_{c}": "" for c in ("article_id", "date", "value", "unit", "period", "sentence")},
        "status": status,
        "gap": gap,
        "gap_share": share,
        "confidence": confidence(doubts, matching) if proof else "",
        "evidence": " | ".join(proof),
        "note": "; ".join(notes),
    }
    if o is not None:
        row.update({f"outcome_{c}": o[c] for c in ("article_id", "date", "value", "unit", "value_base", "period")})
        row.update(outcome_id=o["indicator_id"], outcome_sentence=o["sentence"])
    return row


def promise_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Count targets by target year and status.

    The target year is the first year of ``target_period``, else the year of
    ``target_date``.

    Returns
    -------
    pandas.DataFrame
        ``target_year`` (missing when neither the target nor its article gives a year),
        one column per status in :data:`STATUSES` order, and ``total``.
    """
    span = [date_span(p) or date_span(d) for p, d in zip(table["target_period"], table["target_date"])]
    years = pd.Series([int(s[0][:4]) if s else pd.NA for s in span], index=table.index, dtype="Int64")
    # A target from an undated article with no period of its own has no year; it is still counted.
    pairs = pd.DataFrame({"target_year": years, "status": table["status"]})
    counts = pairs.groupby(["target_year", "status"], dropna=False).size().unstack(fill_value=0)
    counts = counts.reindex(columns=STATUSES, fill_value=0)
    counts.columns.name = None
    return counts.assign(total=counts.sum(axis=1)).reset_index()
