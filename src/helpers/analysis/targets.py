"""Check the zone's targets and plans against what later articles report.

A *target* is a ledger row of kind ``target`` or ``plan``. Its *outcome* is an
``achieved`` (or, for ranks, ``ranking``) row for the same indicator in an
article dated *strictly later*:

* **Same indicator.** When either row belongs to a series
  (``data/lexicon/series.yml``) the series decides: both must belong to the
  same one. A series is how a maintainer says "these rows measure the same
  thing", and a row left out of a series was left out on purpose (净增 is not a
  stock). Otherwise the normalised indicator names and ``base_unit`` must be
  equal, and an increase (净增, 新增… just before the number) is never matched
  with a level.
* **Strictly later.** A date is a span: ``2017`` is 2017-01-01..2017-12-31,
  ``2017-10`` the whole month. An outcome counts only when its article's span
  starts after the target article's span ends, so ``2017-10-23`` is *not*
  later than ``2017`` (the year-only article may be from December), and the
  same article or date never reports on itself. Such near misses are counted
  in ``note``.
* **Not about the past.** An outcome whose period ends before the target's
  period starts reports an earlier year and is ignored.

Of several later outcomes the one for the target's period (same calendar
years) is taken, else the latest; ``note`` says which. A sum of money for
another period is ``not comparable`` (a flow, unlike a count of parks); other
figures are ``met`` when they reach the target as :func:`meets` reads the
qualifiers, ranks when they are at the target place or better.

The words this reads are data, in ``data/lexicon/indicators.yml``: what each
qualifier means (``qualifier_meanings``), the amount words and cue words trimmed
from names, the increase words and the flow units.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.analysis.indicators import check_rules, load_rules
from helpers.errors import LedgerFormatError
from helpers.text import alternation

STATUSES = ["met", "not met", "no later report", "not comparable"]
TARGET_KINDS = ("target", "plan")
OUTCOME_KINDS = ("achieved", "ranking")
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
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


Rules = dict | str | Path | None  # the indicator rules, or the path of their file (None: the default)


def _rulebook(rules: Rules) -> dict:
    # The rules that built the ledger, loaded from their file when given as a path.
    if isinstance(rules, dict):
        check_rules(rules)
        return rules
    return load_rules(rules)


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


def _measure_key(row) -> tuple:
    """Return what a figure measures: its series, or (outside any series) its unit, normalised name and direction."""
    if row["series"]:
        return ("series", row["series"])
    return ("name", row["base_unit"], row["norm"], row["increase"])


@dataclass
class _Shelf:
    """The outcomes of one measure and one period: how many, and the dated ones in order of reporting."""

    period: str
    count: int = 0
    # (first day of the article's date, last day of the period, start, position in the ledger), ascending:
    # the latest report is the last one, and ties go to the later row, as a stable sort would have it.
    dated: list[tuple[str, str, int, int]] = field(default_factory=list)
    days: list[str] = field(default_factory=list)


def _index_outcomes(outcomes: list[dict]) -> dict[tuple, list[_Shelf]]:
    """Index outcomes by the full match key, what they measure and the period they report.

    Whether an outcome is about the past, and whether it is for the target's
    period, depends on its period alone; whether it is later, on its date. So
    a target reads one shelf per period of its measure and finds the later
    reports on it by bisection, instead of scanning every outcome.
    """
    shelves: dict[tuple, dict[str, _Shelf]] = {}
    for position, o in enumerate(outcomes):
        shelf = shelves.setdefault(_measure_key(o), {}).setdefault(o["period"], _Shelf(o["period"]))
        shelf.count += 1
        span = date_span(o["date"])
        if span:
            shelf.dated.append((span[0], (date_span(o["period"]) or ("", ""))[1], int(o["start"]), position))
    for by_period in shelves.values():
        for shelf in by_period.values():
            shelf.dated.sort()
            shelf.days = [day for day, _, _, _ in shelf.dated]
    return {key: list(by_period.values()) for key, by_period in shelves.items()}


def _candidates(t: dict, shelves: list[_Shelf]) -> tuple[int, int, tuple | None, tuple | None]:
    """Count a target's candidates and later reports; return the latest later report, and the latest for its period.

    Candidates are the outcomes of its measure that are not about the past;
    later reports, those of them whose article is certainly later
    (:func:`is_later`). Reports are ``(day, period end, start, position)``.
    """
    span = date_span(t["date"])
    n_candidates = n_later = 0
    latest = same = None
    for shelf in shelves:
        if _about_the_past(shelf.period, t["period"]):
            continue
        n_candidates += shelf.count
        if not span or not shelf.dated:
            continue
        first_later = bisect.bisect_right(shelf.days, span[1])
        if first_later == len(shelf.dated):
            continue
        n_later += len(shelf.dated) - first_later
        last = shelf.dated[-1]
        latest = max(latest or last, last)
        if _same_period(shelf.period, t["period"]):
            same = max(same or last, last)
    return n_candidates, n_later, latest, same


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


def _prepare(ledger: pd.DataFrame, articles: pd.DataFrame, rules: dict) -> pd.DataFrame:
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
    return ledger.assign(
        date=ledger["article_id"].map(dates),
        norm=ledger["indicator"].map(lambda name: _trim(name, trimmers)),
        increase=ledger["lead"].fillna("").astype(str).str.contains(increase),
        period=ledger["period"].fillna(""),
        series=ledger["series"].fillna(""),
        qualifier=ledger["qualifier"].fillna(""),
    )


def _judge(t: dict, o: dict, rules: dict) -> tuple[str, str]:
    if pd.isna(t["value_base"]) or pd.isna(o["value_base"]):
        return "not comparable", "a value could not be normalised"
    if t["base_unit"] in rules["flow_units"] and not _same_period(o["period"], t["period"]):
        period = o["period"] or "no stated period"
        return "not comparable", f"a sum in {t['base_unit']} is a flow, and the outcome is for {period}"
    rank = t["base_unit"] == "rank"
    ok = meets(t["value_base"], t["qualifier"], o["value_base"], o["qualifier"], lower_is_better=rank, rules=rules)
    sign = ("≤" if rank else "≥") if ok else ("not ≤" if rank else "not ≥")
    return ("met" if ok else "not met"), f"{as_written(o, rules)} {sign} {as_written(t, rules)}"


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


def targets_vs_outcomes(ledger: pd.DataFrame, articles: pd.DataFrame, rules: Rules = None) -> pd.DataFrame:
    """Match each target and plan with what a later article reports for the same indicator.

    Parameters
    ----------
    ledger : pandas.DataFrame
        The indicator ledger with ``lead`` and ``series`` (see :mod:`helpers.analysis.ledger`).
    articles : pandas.DataFrame
        The articles table the ledger was built from (``article_id``, ``date``).
    rules : dict or str or Path, optional
        The indicator rules the ledger was built with, or their file's path
        (default ``data/lexicon/indicators.yml``): their cue and trimming words
        normalise indicator names, their qualifiers say how figures are written.

    Returns
    -------
    pandas.DataFrame
        One row per target or plan, in ledger order, with the columns in
        :data:`COLUMNS`. ``status`` is one of :data:`STATUSES`; ``note`` says
        how the outcome was chosen and compared, or what near misses were skipped.

    Raises
    ------
    LedgerFormatError
        When the ledger lacks a column or names an article not in ``articles``.
    """
    rulebook = _rulebook(rules)
    led = _prepare(ledger, articles, rulebook)
    outcomes = led[led["kind"].isin(OUTCOME_KINDS)].to_dict("records")
    shelves = _index_outcomes(outcomes)  # indexed once: each target reads only its own shelves
    rows = []
    for t in led[led["kind"].isin(TARGET_KINDS)].to_dict("records"):
        n_candidates, n_later, latest, same = _candidates(t, shelves.get(_measure_key(t), []))
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
        }
        if not n_later:
            note = (
                (
                    f"{n_candidates} matching report{'s' if n_candidates > 1 else ''} not certainly later "
                    "(same article or date, or order unknown)"
                )
                if n_candidates
                else ""
            )
            rows.append({**row, "status": "no later report", "note": note})
            continue
        # Of several later outcomes the one for the target's period, else the latest (article, period, position).
        n = f"{n_later} later report" + ("s" if n_later > 1 else "")
        if same:
            o, how = outcomes[same[-1]], f"{n}; took the one for the target's period {t['period']}"
        else:
            o = outcomes[latest[-1]]
            how = f"{n}, none for the target's period {t['period'] or '(none)'}; took the latest"
        status, why = _judge(t, o, rulebook)
        rows.append(
            {
                **row,
                "outcome_id": o["indicator_id"],
                "outcome_article_id": o["article_id"],
                "outcome_date": o["date"],
                "outcome_value": o["value"],
                "outcome_unit": o["unit"],
                "outcome_value_base": o["value_base"],
                "outcome_period": o["period"],
                "outcome_sentence": o["sentence"],
                "status": status,
                "note": f"{how}; {why}",
            }
        )
    # No outcome: empty text, and NaN for the one number, so the columns keep their types.
    blank = {**{c: "" for c in COLUMNS if c.startswith("outcome_")}, "outcome_value_base": float("nan")}
    return pd.DataFrame([{**blank, **r} for r in rows], columns=COLUMNS)


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
