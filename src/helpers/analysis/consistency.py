"""Find the figures that contradict each other, and those that only seem to.

Two reported figures (``achieved``, ``ranking`` or ``signed`` rows of the
ledger) that measure the same thing, for the same period, with different
values, contradict each other. "The same thing" is what promised-versus-delivered
matches on (:func:`helpers.analysis.targets.measure_of`: curated series, the
measures of ``data/lexicon/targets.yml``, trimmed names; unit, subject, contest).

Figures that look alike (the same series, measure or name, and unit, in the
same calendar year) but differ for a reason are listed too, with the reason,
so a reader does not take them for a contradiction:

* one was **signed**, the other realised (签约 197亿元 is not money invested);
* one is an **increase** (净增, 新增), the other a level;
* they are about **different subjects** (the zone, a park, a company) or
  ranks in **different contests**, where the ledger says so;
* the name says **not whose** figure it is (产值, 总投资: ``generic_names``)
  and the ledger gives no subject to tell;
* they are for **different periods** (a January–October share and the
  year's), or one was a figure **so far**: reported before its period ended
  (今年以来 in November) while the other was not, or on another day.

Two figures of one sentence are never compared: a sentence lists different
things (推动省内298项、省外132项高频事项), as :mod:`helpers.analysis.facts` reads it.
Figures are grouped by measure and year, and compared pairwise within a
group: groups are small, so the check stays close to linear in the ledger.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from helpers.analysis.indicators import load_rules
from helpers.analysis.ledger import zone_rows
from helpers.analysis.targets import Matching, Rules, as_written, date_span, load_matching, new_facts, prepare

REPORTED_KINDS = ("achieved", "ranking", "signed")
VERDICTS = ["conflict", "not a conflict"]
COLUMNS = [
    "verdict",
    "reason",
    "measure",
    "base_unit",
    "first_id",
    "second_id",
    "first_value",
    "second_value",
    "first_value_base",
    "second_value_base",
    "difference",
    "difference_share",
    "first_kind",
    "second_kind",
    "first_period",
    "second_period",
    "first_date",
    "second_date",
    "first_sentence",
    "second_sentence",
]


def _loose(row: dict) -> tuple:
    """Return what a row measures, leaving out subject, contest and direction (which explain differences)."""
    if row["basis"] in ("series", "measure"):
        return row["key"][:2]
    return ("name", row["base_unit"], row["norm"])


def _years(row: dict) -> tuple[str, str] | None:
    span = date_span(row["period"]) or date_span(row["date"])
    return (span[0][:4], span[1][:4]) if span else None


def _so_far(row: dict) -> bool:
    """Say whether a figure was reported before its period ended (a figure so far, not the period's)."""
    day, period = date_span(row["date"]), date_span(row["period"])
    return bool(day and period and day[0] <= period[1])


def why_not_a_conflict(a: dict, b: dict) -> str:
    """Return why two look-alike figures with different values are not a conflict, or ``""`` if they are one."""
    if (a["kind"] == "signed") != (b["kind"] == "signed"):
        return "signed vs realised: a deal signed is not money invested or work done"
    if a["increase"] != b["increase"]:
        return "an increase (净增, 新增) vs a level"
    if a["who"] and b["who"] and a["who"] != b["who"]:
        return f"different subjects: {_whose(a)} vs {_whose(b)}"
    if a["contest"] and b["contest"] and a["contest"] != b["contest"]:
        return f"different contests: {a['contest']} vs {b['contest']}"
    if a["basis"] == "generic" and not (a["who"] and a["who"] == b["who"]):
        return f"the name {a['norm']} says not whose figure it is, and the ledger gives no subject to tell"
    if a["period"] != b["period"]:
        inside = _inside(a["period"], b["period"]) or _inside(b["period"], a["period"])
        return f"different periods: {a['period'] or '(none)'} vs {b['period'] or '(none)'}" + (
            " (part of the period vs the whole)" if inside else ""
        )
    if (_so_far(a) or _so_far(b)) and a["date"] != b["date"]:
        return f"a figure so far: reported {a['date']} and {b['date']}, and not both after {a['period']} ended"
    return ""


def _one_sentence(a: dict, b: dict) -> bool:
    return a["article_id"] == b["article_id"] and a["sentence"] == b["sentence"]


def _whose(row: dict) -> str:
    return f"{row['subject']} ({row['subject_type']})" if row["subject_type"] else row["subject"]


def _inside(part: str, whole: str) -> bool:
    p, w = date_span(part), date_span(whole)
    return bool(p and w and w[0] <= p[0] and p[1] <= w[1] and p != w)


def check(ledger: pd.DataFrame, articles: pd.DataFrame, rules: Rules = None, matching: Matching = None) -> pd.DataFrame:
    """List the pairs of reported figures that measure alike and disagree: conflicts, and look-alikes with the reason.

    Parameters
    ----------
    ledger : pandas.DataFrame
        The indicator ledger with ``lead`` and ``series`` (see :mod:`helpers.analysis.ledger`);
        ``subject``, ``contest`` and ``restates`` are read when present. A row
        that restates another is not compared (it says the same).
    articles : pandas.DataFrame
        The articles table the ledger was built from (``article_id``, ``date``).
    rules, matching : dict or str or Path, optional
        The indicator rules and the matching rules (``targets.yml``), or their files' paths.

    Returns
    -------
    pandas.DataFrame
        One row per pair, with the columns in :data:`COLUMNS`: ``verdict`` (one
        of :data:`VERDICTS`), ``reason`` (why a look-alike is not a conflict;
        for a conflict, what the two share), the two rows' ids, values,
        kinds, periods, dates and sentences, and ``difference`` (second minus
        first, base unit) and ``difference_share`` (as a share of the first).
        Conflicts first, then by measure and first row.
    """
    rulebook = load_rules(rules) if not isinstance(rules, dict) else rules
    led = prepare(zone_rows(ledger), articles, rulebook, load_matching(matching))  # the zone's articles only
    reported = led[new_facts(led) & led["kind"].isin(REPORTED_KINDS) & led["value_base"].notna()]
    groups: dict[tuple, list[dict]] = {}
    for row in reported.to_dict("records"):
        years = _years(row)
        if years:
            groups.setdefault((_loose(row), years), []).append(row)
    pairs = []
    for rows in groups.values():
        rows.sort(key=lambda r: (r["rank"], int(r["start"])))  # the earlier report first
        for a, b in combinations(rows, 2):
            if _one_sentence(a, b):
                continue  # a sentence lists different things (省内298项、省外132项), as facts.py reads it
            if round(float(a["value_base"]), 9) != round(float(b["value_base"]), 9):
                pairs.append(_pair(a, b, rulebook))
    table = pd.DataFrame(pairs, columns=COLUMNS)
    order = table["verdict"].map(VERDICTS.index)
    return (
        table.assign(_order=order)
        .sort_values(["_order", "measure", "first_id"], kind="stable")[COLUMNS]
        .reset_index(drop=True)
    )


def _pair(a: dict, b: dict, rules: dict) -> dict:
    reason = why_not_a_conflict(a, b)
    shared = "same " + {"series": "series", "measure": "measure"}.get(a["basis"], "name") + ", unit and period"
    difference = float(b["value_base"]) - float(a["value_base"])
    share = difference / float(a["value_base"]) if a["base_unit"] != "rank" and a["value_base"] else float("nan")
    return {
        "verdict": "not a conflict" if reason else "conflict",
        "reason": reason or shared,
        "measure": a["word"] if a["basis"] != "name" else a["norm"],
        "base_unit": a["base_unit"],
        **{f"{side}_id": r["indicator_id"] for side, r in (("first", a), ("second", b))},
        **{f"{side}_value": as_written(r, rules) for side, r in (("first", a), ("second", b))},
        **{f"{side}_value_base": r["value_base"] for side, r in (("first", a), ("second", b))},
        "difference": difference,
        "difference_share": share,
        **{
            f"{side}_{c}": r[c]
            for side, r in (("first", a), ("second", b))
            for c in ("kind", "period", "date", "sentence")
        },
    }
