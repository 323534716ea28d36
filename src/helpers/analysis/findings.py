"""Key findings for the index page, generated from the shared tables.

Every finding is computed: its numbers come from the ledger, the targets
table, the formula mentions or the theme counts, never from a hand-written
figure, so it changes when the corpus does. A finding is written in Chinese
and in English, carries its figures, the sentences it rests on (with the
article and anchor to link to), how many articles it rests on, and a caveat;
a finding that rests on one article says so. A finding whose rows are missing
or ambiguous is left out rather than shown wrong.

The rules, each a function below, in the order the index shows them:

1. :func:`contest_rankings`: places won in contests (ledger ``kind`` ranking
   whose ``contest`` holds a contest word of ``findings.yml``); different
   contests are said to be different, never read as a rise or a fall.
2. :func:`industry_shares`: the leading industries' shares of the city (the
   ``share_*`` series), first statements only; a later article that prints
   them again (``restates``) is named as a repeat, with any new figure of the
   repeating sentence.
3. :func:`hightech`: high-tech enterprises (their series or name), each
   target with its status from :func:`helpers.analysis.targets.targets_vs_outcomes`.
   :func:`park_story`: how the parks were organised, frame by frame (when
   the park table is given).
4. :func:`promises`: every target and plan by status.
5. :func:`first_places`: places claimed first in the city on one measure.
6. :func:`lasting_formulas`: the policy formulas named in several years.
7. :func:`reused_figures`: figures printed again by a later article.
8. :func:`theme_shift`: a change in theme emphasis between two named years,
   shown only when every article of one year is above every article of the
   other (so no single article carries it), with the years' article types.

:func:`coverage` says what the corpus covers (years, the missing years
between the first and the last, articles, their types and sources) and what
it cannot support.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis import article_types as article_types_module
from helpers.analysis import facts
from helpers.analysis import formulas as formulas_module
from helpers.analysis import story as story_module
from helpers.analysis import targets as targets_module
from helpers.analysis.facts import article_order
from helpers.analysis.ledger import load_series
from helpers.errors import LexiconError
from helpers.flags import flags
from helpers.yamlfile import read_yaml

FINDINGS_FILE = paths.LEXICON / "findings.yml"
SERIES_FILE = paths.LEXICON / "series.yml"
COLUMNS = [
    "id",
    "zh",
    "en",
    "figures",
    "article_id",
    "indicator_id",
    "sentence",
    "rests_on",
    "caveat_zh",
    "caveat",
    "basis",
    "links",
    "evidence",
]
# The columns of the published findings.csv: every column but the evidence objects (their links are in ``links``).
CSV_COLUMNS = [c for c in COLUMNS if c != "evidence"]
RULE_KEYS = (
    "max_findings",
    "reports",
    "kinds",
    "contest_words",
    "industry_shares",
    "hightech",
    "formulas",
    "reuse_examples",
    "themes",
    "sources",
    "article_types",
    "statuses",
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Evidence:
    """One sentence a finding rests on: its article, the anchor on the article's page ("" for the page) and text."""

    article_id: str
    anchor: str
    sentence: str
    label: str = ""  # the figure or formula it shows, as written

    @property
    def link(self) -> str:
        """Return ``article_id#anchor`` (or the article id alone)."""
        return f"{self.article_id}#{self.anchor}" if self.anchor else self.article_id


@dataclass
class Finding:
    """A finding as its rule makes it (:func:`as_table` turns a list of them into the findings table)."""

    id: str
    zh: str
    en: str
    figures: list[str]
    evidence: list[Evidence]
    basis: str
    caveat_zh: list[str] = field(default_factory=list)
    caveat: list[str] = field(default_factory=list)


# --- rules ---------------------------------------------------------------------------------------------------------


def load_rules(path: Path = FINDINGS_FILE) -> dict:
    """Load ``findings.yml``, checking that every section is there.

    Raises
    ------
    LexiconError
        For a missing file, bad YAML or a missing section.
    """
    spec = read_yaml(Path(path), LexiconError) or {}
    missing = [k for k in RULE_KEYS if k not in spec]
    if missing:
        raise LexiconError(f"{path}: lacks {', '.join(missing)}; restore them from git (data/lexicon/findings.yml)")
    return spec


# --- small helpers -------------------------------------------------------------------------------------------------


def _s(value) -> str:
    """Return a cell as text: '' for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def _num(value: float) -> str:
    """Write a number without a needless decimal part: 58.0 → 58, 17.5 → 17.5."""
    value = float(value)
    return str(int(round(value))) if abs(value - round(value)) < 1e-9 else f"{value:g}"


def _year(value) -> int | None:
    text = _s(value)
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    """Return a column as text, or a column of '' when the table does not have it (yet)."""
    if name in frame.columns:
        return frame[name].map(_s)
    return pd.Series([""] * len(frame), index=frame.index, dtype=object)


SUFFIX_QUALIFIERS = ("级",)  # 千亿级: a scale class, written after its figure (as_written puts unknown ones first)


def written(row) -> str:
    """Write a ledger row's figure as the article does (qualifier in place): 第一名, 前10名, 不低于90家, 千亿级."""
    clean = {"qualifier": _s(row.get("qualifier")), "value": _s(row.get("value")), "unit": _s(row.get("unit"))}
    if clean["qualifier"] in SUFFIX_QUALIFIERS:
        return f"{clean['value']}{clean['unit']}{clean['qualifier']}"
    return targets_module.as_written(clean)


def period_label(period: str) -> tuple[str, str]:
    """Return a ledger period in Chinese and in English: ``2019-01..2019-10`` → 2019年1—10月, January–October 2019."""
    period = _s(period)
    months = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", period)
    if months and months[1] == months[3]:
        a, b = int(months[2]), int(months[4])
        return f"{months[1]}年{a}—{b}月", f"{_MONTHS[a - 1]}–{_MONTHS[b - 1]} {months[1]}"
    if re.fullmatch(r"\d{4}", period):
        return f"{period}年", period
    return period, period


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_en(row) -> str:
    """Return a ranking in English: 1st, 2nd; ``top 10`` for 前10名; '' when the form is not known."""
    base = row.get("value_base")
    try:
        n = int(float(base))
    except (TypeError, ValueError):
        return ""
    qualifier = _s(row.get("qualifier"))
    if qualifier == "前":
        return f"top {n}"
    return _ordinal(n) if not qualifier else ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join_zh(parts: list[str]) -> str:
    return "；".join(parts)


def _join_en(parts: list[str]) -> str:
    return "; ".join(parts)


@dataclass
class Context:
    """What every rule reads: the zone's articles in date order, their types, the ledger of the zone, the rules."""

    articles: pd.DataFrame  # about the zone, in date order
    ledger: pd.DataFrame  # rows of articles about the zone, in article then text order
    types: dict[str, str]  # article_id → article_type ("" when unknown)
    rules: dict
    rank: dict[str, int]

    @functools.cached_property
    def _dates(self) -> dict[str, str]:
        # One lookup table, not a scan of the articles for every figure (4,700 calls at 400 articles).
        return {_s(a): _s(d) for a, d in zip(self.articles["article_id"], self.articles["date"])}

    def date(self, article_id: str) -> str:
        """Return an article's date as written ('' when undated or unknown)."""
        return self._dates.get(_s(article_id), "")

    def label(self, article_id: str) -> tuple[str, str]:
        """Name an article by date and type: 2021-11-05成绩报道 / the results round-up of 2021-11-05."""
        date = self.date(article_id)
        kind = self.rules["article_types"].get(self.types.get(article_id, ""), {})
        zh_kind, en_kind = kind.get("zh", ""), kind.get("en", "")
        if not date:
            return (f"未注明日期的{zh_kind or '文章'}", f"an undated {en_kind or 'article'}")
        if re.fullmatch(r"\d{4}", date):  # dated to the year only: 2017年的工作部署
            return (f"{date}年的{zh_kind or '文章'}", f"the {en_kind or 'article'} of {date}")
        return (f"{date}的{zh_kind or '文章'}", f"the {en_kind or 'article'} of {date}")


def _zone_articles(articles: pd.DataFrame) -> pd.DataFrame:
    zone = articles[flags(articles["about_zone"])] if "about_zone" in articles.columns else articles
    filled = zone.assign(**{c: _col(zone, c) for c in ("date", "file")})
    if "article_index" not in filled.columns:
        filled = filled.assign(article_index=0)
    rank = article_order(filled)
    return zone.iloc[zone["article_id"].map(rank).argsort(kind="stable")].reset_index(drop=True)


def _context(articles: pd.DataFrame, ledger: pd.DataFrame, types: pd.DataFrame | None, rules: dict) -> Context:
    zone = _zone_articles(articles)
    rank = {aid: k for k, aid in enumerate(zone["article_id"])}
    led = ledger[ledger["article_id"].isin(rank)].copy()
    led["_rank"] = led["article_id"].map(rank)
    led["_start"] = pd.to_numeric(led["start"], errors="coerce").fillna(0) if "start" in led.columns else 0
    led = led.sort_values(["_rank", "_start"], kind="stable").reset_index(drop=True)
    kinds = {}
    if types is not None and len(types):
        kinds = {_s(a): _s(t) for a, t in zip(types["article_id"], types["article_type"])}
    return Context(zone, led, kinds, rules, rank)


def _zone_rows(led: pd.DataFrame) -> pd.Series:
    """Rows about the zone itself: subject_type ``zone`` where the ledger has it (a blank one counts as the zone)."""
    kind = _col(led, "subject_type")
    return kind.isin(["", "zone"])


def _new_rows(led: pd.DataFrame) -> pd.Series:
    return _col(led, "restates").eq("")


def _evidence(row, label: str = "") -> Evidence:
    return Evidence(_s(row["article_id"]), _s(row["indicator_id"]), _s(row.get("sentence")), label)


def _unique_sentences(evidence: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for item in evidence:
        key = (item.article_id, item.sentence)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


# --- 1. rankings won in contests -----------------------------------------------------------------------------------


def _is_contest(contest: str, words: list[str]) -> bool:
    return any(w in contest for w in words)


def contest_rankings(ctx: Context) -> Finding | None:
    """Give the places won in contests, each with its contest; different contests are never compared."""
    led = ctx.ledger
    contest = _col(led, "contest")
    chosen = led[
        led["kind"].eq("ranking")
        & _zone_rows(led)
        & _new_rows(led)
        & contest.map(lambda c: _is_contest(c, ctx.rules["contest_words"])).astype(bool)
    ]
    if chosen.empty:
        return None
    zh, en, figures, evidence = [], [], [], []
    for _, row in chosen.iterrows():
        year, name, place = _year(row["year"]), _s(row["contest"]), written(row)
        when_zh, when_en = (f"{year}年" if year else "未注明年份", str(year) if year else "undated")
        gloss = rank_en(row)
        zh.append(f"{when_zh}，{name}：{place}")
        en.append(f"{when_en}: {place}{f' ({gloss})' if gloss else ''} in {name}")
        figures.append(f"{when_en} {name} {place}")
        evidence.append(_evidence(row, place))
    names = list(dict.fromkeys(_s(c) for c in chosen["contest"]))
    text_zh, text_en = f"评比名次：{_join_zh(zh)}。", f"Places won in contests: {_join_en(en)}."
    if len(names) > 1:
        text_zh += f"这是{len(names)}项不同的评比，名次之间不能比较，不表示排名的升降。"
        text_en += (
            f" These are {len(names)} different contests: the places cannot be compared with one another "
            "and show no rise or fall."
        )
    repeated = [n for n in names if chosen.loc[chosen["contest"].map(_s).eq(n), "year"].nunique() > 1]
    for name in repeated:
        same = chosen[chosen["contest"].map(_s).eq(name)]
        places = "、".join(f"{_year(y)}年{written(r)}" for y, (_, r) in zip(same["year"], same.iterrows()))
        text_zh += f"同一评比{name}可以前后比较：{places}。"
        text_en += f" {name} was held more than once, so its places compare: " + ", ".join(
            f"{_year(y)} {written(r)}" for y, (_, r) in zip(same["year"], same.iterrows())
        )
        text_en += "."
    return Finding(
        "contest-rankings",
        text_zh,
        text_en,
        figures,
        evidence,
        "ledger rows of kind ranking about the zone whose contest names a contest (findings.yml contest_words), "
        "not restating an earlier row",
        ["名次为园区及其媒体所报道。"],
        ["Places as the zone and its press report them."],
    )


# --- 2. the leading industries' shares -----------------------------------------------------------------------------


def industry_shares(ctx: Context) -> Finding | None:
    """Give the leading industries' shares of the city as first stated, and the later articles that print them again."""
    spec = ctx.rules["industry_shares"]
    led = ctx.ledger
    series = _col(led, "series")
    rows = led[series.str.startswith(spec["series_prefix"]) & led["kind"].eq("achieved") & _zone_rows(led)]
    first = rows[_new_rows(rows)]
    if first.empty:
        return None
    latest_article = first["article_id"].iloc[-1]
    group = first[first["article_id"] == latest_article]
    cut = spec["name_cut"]
    names, parts = [], []
    for _, row in group.iterrows():
        indicator = _s(row["indicator"])
        name = indicator.split(cut)[0] if cut in indicator else indicator
        names.append(name)
        parts.append(f"{name}{written(row)}")
    indicator = _s(group["indicator"].iloc[0])
    measure = indicator.split(cut, 1)[1] if cut in indicator else "占全市比重"
    periods = sorted(set(group["period"].map(_s)))
    p_zh, p_en = period_label(periods[0]) if len(periods) == 1 else ("", "")
    art_zh, art_en = ctx.label(latest_article)
    text_zh = f"主导产业{measure}（{p_zh or '时期不一'}，{art_zh}）：{'、'.join(parts)}。"
    text_en = (
        f"The leading industries' shares of the city ({measure}; {p_en or 'periods differ'}; {art_en}): "
        + ", ".join(f"{n} {written(r)}" for n, (_, r) in zip(names, group.iterrows()))
        + "."
    )
    figures = [f"{p_en} {n} {written(r)}" for n, (_, r) in zip(names, group.iterrows())]
    evidence = _unique_sentences([_evidence(r, written(r)) for _, r in group.iterrows()])
    ids = set(group["indicator_id"].map(_s))
    repeats = led[_col(led, "restates").isin(ids)]
    caveat_zh, caveat_en = [], []
    for article_id, again in repeats.groupby("article_id", sort=False):
        again_zh, again_en = ctx.label(article_id)
        year = _year(group["year"].iloc[0])
        text_zh += (
            f"{again_zh}再次刊登其中{len(again)}个比重，数字完全相同：是{p_zh or f'{year}年'}数字的重复，不是新的数字。"
        )
        text_en += (
            f" {_capital(again_en)} prints {len(again)} of these shares again, identical: a repeat of the figures "
            f"for {p_en or year}, not new ones."
        )
        evidence += _unique_sentences([_evidence(r, written(r)) for _, r in again.iterrows()])
        sentences = set(again["sentence"].map(_s))
        extra = led[
            led["article_id"].eq(article_id)
            & led["sentence"].map(_s).isin(sentences)
            & led["kind"].eq("achieved")
            & _new_rows(led)
            & ~_col(led, "series").str.startswith(spec["series_prefix"])
        ]
        if len(extra):
            listed = [f"{_s(r['indicator'])}{written(r)}" for _, r in extra.iterrows()]
            text_zh += f"同一句另给出新的数字：{'、'.join(listed)}。"
            text_en += " The same sentence adds new figures: " + "; ".join(listed) + "."
            figures += [f"{_s(r['indicator'])} {written(r)}" for _, r in extra.iterrows()]
            evidence += [_evidence(r, written(r)) for _, r in extra.iterrows()]
        caveat_zh.append(f"重复的比重只计一次（{again_zh}）。")
        caveat_en.append(f"The repeated shares count once ({again_en}).")
    return Finding(
        "industry-shares",
        text_zh,
        text_en,
        figures,
        evidence,
        "ledger rows of the share_* series (series.yml), kind achieved, first statements (restates empty); "
        "later rows that restate them",
        caveat_zh,
        caveat_en,
    )


# --- 3. high-tech enterprises --------------------------------------------------------------------------------------


def _series_labels(series_file: Path = SERIES_FILE) -> dict[str, tuple[str, str]]:
    """Return series id → (Chinese label, English label) from ``series.yml`` (``高新技术企业净增 (…, net increase)``)."""
    labels = {}
    for item in load_series(series_file):
        label = str(item["label"])
        zh, _, en = label.partition(" (")
        labels[item["id"]] = (zh.strip(), en.rstrip(")").strip() or zh.strip())
    return labels


def _row_name(row, labels: dict[str, tuple[str, str]]) -> tuple[str, str]:
    series = _s(row.get("series"))
    if series in labels:
        return labels[series]
    name = _s(row["indicator"])
    return name, name


def status_clause(target: dict, rules: dict) -> tuple[str, str]:
    """Say, in Chinese and English, what became of one target (a row of the targets table)."""
    status = _s(target.get("status"))
    label = rules["statuses"].get(status, {"zh": status, "en": status})
    outcome = _s(target.get("outcome_id"))
    if not outcome:
        return label["zh"], label["en"]
    shown = f"{_s(target.get('outcome_value'))}{_s(target.get('outcome_unit'))}"
    date = _s(target.get("outcome_date"))
    same_article = _s(target.get("outcome_article_id")) == _s(target.get("target_article_id"))
    where_zh = "同一篇文章" if same_article else f"{date}的报道"
    where_en = "the same article" if same_article else f"the report of {date}"
    gap = target.get("gap")
    same_unit = _s(target.get("outcome_unit")) == _s(target.get("target_unit"))
    gap_zh = gap_en = ""
    if same_unit and gap is not None and not pd.isna(gap) and float(gap) < 0:
        short = f"{_num(-float(gap))}{_s(target.get('target_unit'))}"
        gap_zh, gap_en = f"，差{short}", f", {short} short"
    if status == "no later report":
        if _s(target.get("outcome_date")) == _s(target.get("target_date")):
            # Reported the day the target was set: the level it was set from, not a shortfall.
            return (
                f"设定目标时{where_zh}给出的现有水平为{shown}；没有更晚的文章报告结果",
                f"{where_en} gives {shown} as the level when the target was set; no later article reports the outcome",
            )
        return (
            f"{where_zh}给出{shown}{gap_zh}；没有更晚的文章报告结果",
            f"{where_en} gives {shown}{gap_en}; no later article reports the outcome",
        )
    return f"{label['zh']}：{where_zh}报告{shown}{gap_zh}", f"{label['en']}: {where_en} reports {shown}{gap_en}"


def hightech(ctx: Context, targets: pd.DataFrame, series_file: Path = SERIES_FILE) -> Finding | None:
    """Give the high-tech enterprise counts reported, and each target with what became of it."""
    spec = ctx.rules["hightech"]
    led = ctx.ledger
    named = _col(led, "series").isin(spec["series"]) | led["indicator"].map(_s).str.startswith(spec["name_prefix"])
    # rankings and streaks of rankings (净增量连续3年全市第一) are claims of place: first_places counts them
    mine = named & ~led["kind"].isin(["ranking", "context"]) & _col(led, "form").ne("streak")
    rows = led[mine & _zone_rows(led) & _new_rows(led)]
    if rows.empty:
        return None
    labels = _series_labels(series_file)
    reported = rows[~rows["kind"].isin(["target", "plan"])]
    promised = rows[rows["kind"].isin(["target", "plan"])]
    zh, en, figures, evidence = [], [], [], []
    dates = reported["article_id"].map(ctx.date)
    for date, group in reported.groupby(dates, sort=False):
        items_zh, items_en = [], []
        for _, row in group.iterrows():
            name_zh, name_en = _row_name(row, labels)
            p_zh, p_en = period_label(_s(row.get("period")))
            items_zh.append(f"{name_zh}{written(row)}")
            items_en.append(f"{name_en} {written(row)}")
            figures.append(f"{p_en} {name_zh} {written(row)}")
            evidence.append(_evidence(row, written(row)))
        zh.append(f"{date or '未注明日期的文章'}报道{'、'.join(items_zh)}")
        en.append(f"{date or 'undated'}: {', '.join(items_en)}")
    by_target = {_s(t["target_id"]): t for t in targets.to_dict("records")} if len(targets) else {}
    goals_zh, goals_en = [], []
    for _, row in promised.iterrows():
        name_zh, name_en = _row_name(row, labels)
        p_zh, p_en = period_label(_s(row.get("period")))
        target = by_target.get(_s(row["indicator_id"]))
        state_zh, state_en = status_clause(target, ctx.rules) if target else ("", "")
        goals_zh.append(f"{p_zh}{name_zh}{written(row)}" + (f"（{state_zh}）" if state_zh else ""))
        goals_en.append(f"{name_en} {written(row)} for {p_en}" + (f" ({state_en})" if state_en else ""))
        figures.append(f"target {p_en} {name_zh} {written(row)}")
        evidence.append(_evidence(row, written(row)))
        if target and _s(target.get("outcome_id")):
            outcome = led[led["indicator_id"].map(_s).eq(_s(target["outcome_id"]))]
            evidence += [_evidence(r, written(r)) for _, r in outcome.iterrows()]
    text_zh = "高新技术企业：" + (_join_zh(zh) + "。" if zh else "")
    text_en = "High-tech enterprises: " + (_join_en(en) + "." if en else "")
    if goals_zh:
        text_zh += f"目标：{_join_zh(goals_zh)}。"
        text_en += f" Targets: {_join_en(goals_en)}."
    return Finding(
        "hightech",
        text_zh,
        text_en,
        figures,
        _unique_by_anchor(evidence),
        "ledger rows of the high-tech series (series.yml) or named 高新技术企业…, rankings aside, first statements; "
        "targets with their status from targets_vs_outcomes",
        ["目标不是结果：目标只与后来文章报告的数字对照。"] if goals_zh else [],
        ["A target is not a result: it is set against figures that articles report."] if goals_zh else [],
    )


def _unique_by_anchor(evidence: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for item in evidence:
        if item.link not in seen:
            seen.add(item.link)
            out.append(item)
    return out


# --- 4. promised versus delivered ----------------------------------------------------------------------------------


def promises(ctx: Context, targets: pd.DataFrame) -> Finding | None:
    """Count the targets and plans by what later articles report of them, naming those with an outcome."""
    rows = targets[targets["target_article_id"].map(_s).isin(ctx.rank)] if len(targets) else targets
    if rows is None or rows.empty:
        return None
    statuses = ctx.rules["statuses"]
    # a scale class set again as a target later (targets.still_a_target) is told apart from a report short of it
    shown_status = rows["status"].where(
        ~rows["note"].map(_s).str.startswith(targets_module.STILL_A_TARGET), "still a target"
    )
    resolved = rows[rows["status"].ne("no later report")]
    same = resolved["outcome_article_id"].map(_s).eq(resolved["target_article_id"].map(_s))
    total, open_ = len(rows), int((rows["status"] == "no later report").sum())

    def tally(part: pd.DataFrame) -> tuple[str, str]:
        kinds = shown_status[part.index]
        order = [s for s in [*targets_module.STATUSES, "still a target"] if s in set(kinds)]
        counts = [(s, int((kinds == s).sum())) for s in order]
        return (
            "、".join(f"{statuses.get(s, {'zh': s})['zh']}{n}项" for s, n in counts),
            ", ".join(f"{statuses.get(s, {'en': s})['en']} {n}" for s, n in counts),
        )

    text_zh = f"目标与计划：共{total}项，"
    text_en = f"Targets and plans: {total} in all; "
    later_part, same_part = resolved[~same], resolved[same]
    if len(later_part):
        zh_counts, en_counts = tally(later_part)
        text_zh += f"后来的文章给出结果或再次提出的{len(later_part)}项（{zh_counts}）；"
        text_en += f"a later article reports on {len(later_part)} ({en_counts}); "
    if len(same_part):
        zh_counts, en_counts = tally(same_part)
        text_zh += f"结果出自提出目标的同一篇文章的{len(same_part)}项（{zh_counts}）；"
        text_en += f"for {len(same_part)} the outcome is reported in the same article that sets it ({en_counts}); "
    text_zh += f"其余{open_}项没有后来的报告。"
    text_en += f"{open_} have no later report."
    order = [s for s in [*targets_module.STATUSES, "still a target"] if s in set(shown_status)]
    figures = [f"{statuses.get(s, {'en': s})['en']}: {int((shown_status == s).sum())}" for s in order]
    evidence, items_zh, items_en = [], [], []
    for index, target in zip(resolved.index, resolved.to_dict("records")):
        t_year, o_year = _s(target.get("target_period"))[:4], _s(target.get("outcome_period"))[:4]
        t_shown = written(
            {"qualifier": target.get("qualifier"), "value": target["target_value"], "unit": target["target_unit"]}
        )
        o_shown = f"{_s(target['outcome_value'])}{_s(target['outcome_unit'])}"
        label = statuses.get(target["status"], {"zh": target["status"], "en": target["status"]})
        sure = ctx.rules.get("confidence", {}).get(_s(target.get("confidence")), {})
        sure_zh = f"，把握{sure['zh']}" if sure else ""
        sure_en = f", {sure['en']} confidence" if sure else ""
        if shown_status[index] == "still a target":
            when = _s(target.get("outcome_date"))
            items_zh.append(f"{_s(target['indicator'])}{t_shown}（{t_year}年）→尚未达到（{when}仍是目标）{sure_zh}")
            items_en.append(
                f"{_s(target['indicator'])} {t_shown} ({t_year}) → not yet reached (still a target in {when}){sure_en}"
            )
        elif same[index]:
            items_zh.append(
                f"{_s(target['indicator'])}{t_shown}（{t_year}年）→{o_shown}，同一篇文章报告，{label['zh']}{sure_zh}"
            )
            items_en.append(
                f"{_s(target['indicator'])} {t_shown} ({t_year}) → {o_shown} reported in the same article, "
                f"{label['en']}{sure_en}"
            )
        else:
            items_zh.append(
                f"{_s(target['indicator'])}{t_shown}（{t_year}年）→{o_shown}（{o_year}年），{label['zh']}{sure_zh}"
            )
            items_en.append(
                f"{_s(target['indicator'])} {t_shown} ({t_year}) → {o_shown} ({o_year}), {label['en']}{sure_en}"
            )
        evidence.append(Evidence(target["target_article_id"], target["target_id"], _s(target["target_sentence"])))
        revised = _revision(target, ctx)
        if revised is not None:
            r_zh, r_en = ctx.label(_s(revised["article_id"]))
            doubt = "order not certain" in _s(target.get("note")) and not _opens_its_year(target, revised, ctx)
            doubt_zh = "，两篇文章的先后不确定" if doubt else ""
            doubt_en = "; which article came first is not certain" if doubt_zh else ""
            items_zh[-1] += f"（{r_zh}改为{written(revised)}{doubt_zh}）"
            items_en[-1] += f" ({r_en} sets {written(revised)}{doubt_en})"
            evidence.append(_evidence(revised, written(revised)))
        if _s(target["outcome_article_id"]):  # a plan superseded with no outcome has none
            evidence.append(
                Evidence(_s(target["outcome_article_id"]), _s(target["outcome_id"]), _s(target["outcome_sentence"]))
            )
    if items_zh:
        text_zh += f"逐项：{_join_zh(items_zh)}。"
        text_en += f" Item by item: {_join_en(items_en)}."
    caveat_zh = [
        "状态由固定的匹配规则判定（同一指标、同一单位、更晚的文章），每项附有把握程度；没有后来的报告不等于没有完成。"
    ]
    caveat_en = [
        "Statuses come from fixed matching rules (the same measure and unit, a later article), each with a confidence; "
        "no later report does not mean not done."
    ]
    later = [
        t
        for i, t in zip(resolved.index, resolved.to_dict("records"))
        if _s(t.get("outcome_period"))[:4] > _s(t.get("target_period"))[:4] and shown_status[i] != "still a target"
    ]
    if later:
        caveat_zh.append(f"其中{len(later)}项用更晚年份的报告对照更早的计划：说明到那时已达到，不说明当年达到。")
        caveat_en.append(
            f"{len(later)} of them compare a plan with a report of a later year: reached by then, "
            "not necessarily in the plan's year."
        )
    if resolved["note"].map(_s).str.contains("the frame differs").any():
        caveat_zh.append(
            "园区数按同一类园区跨文章比较（街道属地园区≈街属园区、专业园区），但各文章的园区框架不同（一区十园、一区多园），把握低。"
        )
        caveat_en.append(
            "Counts of parks are compared kind by kind across articles (街道属地园区 ≈ 街属园区, 专业园区), though the "
            "articles frame the parks differently (一区十园, 一区多园): low confidence."
        )
    if same.any():
        caveat_zh.append("结果出自提出目标的同一篇文章的，目标提出时可能已经达到，不能说明承诺的兑现。")
        caveat_en.append(
            "An outcome reported in the article that sets the target may have been reached before the target was "
            "written: it says nothing of a promise kept."
        )
    if not len(resolved):
        evidence = []
    return Finding(
        "promises",
        text_zh,
        text_en,
        figures,
        _unique_by_anchor(evidence),
        "targets_vs_outcomes(ledger, articles): every target and plan by status",
        caveat_zh,
        caveat_en,
    )


def _opens_its_year(target: dict, revised, ctx: Context) -> bool:
    """Whether a target's article is plainly the earlier of the two, though dated only to its year.

    A work plan dated to a year only, setting targets for that same year (年内,
    今年要: the year's plan, announced as the year opens), comes before an
    article dated within that year (the 2017 work plan of the 2016 review and
    2017 conference, against the feature of 2017-10-23).
    """
    aid = _s(target.get("target_article_id"))
    date, later = ctx.date(aid), ctx.date(_s(revised["article_id"]))
    return (
        ctx.types.get(aid) == "work_plan"
        and re.fullmatch(r"\d{4}", date) is not None
        and _s(target.get("target_period"))[:4] == date
        and len(later) > 4
        and later[:4] == date
    )


def _revision(target: dict, ctx: Context):
    """Return the ledger row of the plan that superseded a target (named in its evidence), or None."""
    if target.get("status") != "superseded":
        return None
    found = re.search(r"plan revised by (\S+?): ", _s(target.get("evidence")))
    rows = ctx.ledger[ctx.ledger["indicator_id"].map(_s).eq(found[1])] if found else ctx.ledger.iloc[:0]
    return rows.iloc[0] if len(rows) else None


# --- 5. first places claimed on one measure ------------------------------------------------------------------------


def first_places(ctx: Context) -> Finding | None:
    """Count the places claimed first in the city on one measure (not a contest), per year."""
    led = ctx.ledger
    contest = _col(led, "contest")
    base = pd.to_numeric(led["value_base"], errors="coerce") if "value_base" in led.columns else None
    if base is None:
        return None
    rows = led[
        led["kind"].eq("ranking")
        & _zone_rows(led)
        & base.eq(1)
        & contest.str.startswith("全市")
        & ~contest.map(lambda c: _is_contest(c, ctx.rules["contest_words"])).astype(bool)
        & _col(led, "qualifier").eq("")
    ]
    if rows.empty:
        return None
    zh, en, figures = [], [], []
    for year, group in rows.groupby(rows["year"].map(_year), sort=True):
        new = group[_new_rows(group)]
        again = group[~_new_rows(group)]
        part_zh, part_en = f"{year}年{len(new)}项", f"{year}: {len(new)}"
        if len(again):
            article_of = dict(zip(led["indicator_id"].map(_s), led["year"].map(_year)))
            earlier = sorted({article_of.get(_s(i)) for i in again["restates"]} - {None})
            when = "、".join(map(str, earlier))
            part_zh += f"，另{len(again)}项被标为重复{when}年文章的说法"
            part_en += f", plus {len(again)} marked as restating a claim of {', '.join(map(str, earlier))}"
        zh.append(part_zh)
        en.append(part_en)
        figures += [f"{year} {_s(r['contest'])} {written(r)}" for _, r in group.iterrows()]
    evidence = _unique_sentences([_evidence(r, written(r)) for _, r in rows.iterrows()])
    return Finding(
        "first-places",
        f"文章称园区在全市居第一（首位）的单项指标：{_join_zh(zh)}。每一项的依据见下面的原句。",
        f"First place in the city claimed on single measures: {_join_en(en)}. The sentences below name each measure.",
        figures,
        evidence,
        "ledger rows of kind ranking about the zone, place 1, a city-wide (全市) ranking that is not a contest",
        ["这些是园区报道自己的说法，不是独立的排名；未抽取的说法不计在内。"],
        [
            "These are claims of the zone's own coverage, not independent rankings; "
            "claims the ledger missed are not counted."
        ],
    )


# --- 6. formulas that last -----------------------------------------------------------------------------------------


def _formula_anchor(mentions: pd.DataFrame, row) -> str:
    """Return the anchor of a formula mention on its article page (``f-<start>``), '' when a start is shared."""
    same = mentions[(mentions["article_id"] == row["article_id"]) & (mentions["start"] == row["start"])]
    return f"f-{int(row['start'])}" if len(same) == 1 else ""


def lasting_formulas(ctx: Context, mentions: pd.DataFrame | None) -> Finding | None:
    """Name the numbered policy formulas used in several corpus years, longest-lived first."""
    if mentions is None or mentions.empty:
        return None
    spec = ctx.rules["formulas"]
    mentions = mentions[mentions["article_id"].isin(ctx.rank)]
    if mentions.empty:
        return None
    spans = formulas_module.formula_lifespans(mentions)
    spans = spans[spans["kind"].isin(spec["kinds"])].copy()
    spans["_years"] = spans["years"].map(lambda y: [int(v) for v in _s(y).split(";") if v])
    lasting = spans[spans["_years"].map(len) >= spec["min_years"]].copy()
    if lasting.empty:
        return None
    lasting["_span"] = lasting["_years"].map(lambda y: y[-1] - y[0])
    lasting = lasting.sort_values(["_span", "n_mentions", "canonical"], ascending=[False, False, True], kind="stable")
    shown = lasting.head(spec["max_shown"])
    zh, en, figures, evidence = [], [], [], []
    ordered = mentions.sort_values(["date", "article_id", "start"], kind="stable")
    for _, row in shown.iterrows():
        years = row["_years"]
        zh.append(
            f"“{row['canonical']}”（{'、'.join(map(str, years))}年；{row['n_articles']}篇文章{row['n_mentions']}次）"
        )
        en.append(
            f"“{row['canonical']}” ({', '.join(map(str, years))}; {row['n_mentions']} mentions in "
            f"{row['n_articles']} articles)"
        )
        figures.append(f"{row['canonical']} {years[0]}–{years[-1]} {row['n_mentions']}×")
        # the first mention in each article that uses it: every year the finding names has its link, and the
        # finding rests on every article it counts (not only the one of the first mention)
        uses = ordered[ordered["canonical"] == row["canonical"]].drop_duplicates("article_id")
        for _, first in uses.iterrows():
            evidence.append(
                Evidence(
                    _s(first["article_id"]), _formula_anchor(mentions, first), _s(first["sentence"]), row["canonical"]
                )
            )
    single = int((spans["_years"].map(len) == 1).sum())
    text_zh = f"贯穿多个年份的提法：{_join_zh(zh)}。"
    text_en = f"Formulas that recur across years: {_join_en(en)}."
    if single:
        text_zh += f"其余{single}个提法只出现在一个年份。"
        text_en += f" The other {single} formulas appear in one year only."
    return Finding(
        "lasting-formulas",
        text_zh,
        text_en,
        figures,
        _unique_by_anchor(evidence),
        f"formula_lifespans(formula_mentions), kind in {spec['kinds']}, named in at least {spec['min_years']} years; "
        "longest span, then most mentions",
        ["年份之间的缺失年没有文章，提法在那些年是否使用无从得知。"],
        ["The corpus has no articles in its missing years: whether a formula was used then is unknown."],
    )


# --- 7. reused figures ---------------------------------------------------------------------------------------------


class _RowsById(dict):
    """Ledger rows by indicator_id, each made a Series only when asked for (iterrows over the whole ledger is slow)."""

    def __init__(self, led: pd.DataFrame):
        super().__init__(zip(led["indicator_id"].map(_s), range(len(led))))
        self._led = led

    def __getitem__(self, key):
        return self._led.iloc[dict.__getitem__(self, key)]

    def get(self, key, default=None):
        return self[key] if key in self else default  # noqa: SIM401 (this is the get that call would reach)


def _reuse_parts(ctx: Context, rows: pd.DataFrame, same_day: bool) -> tuple[list[str], list[str], list, list]:
    """Sentences, figures and evidence of the repeats in rows, grouped by the article and the article it repeats."""
    led = ctx.ledger
    article_of = dict(zip(led["indicator_id"].map(_s), led["article_id"].map(_s)))
    by_id = _RowsById(led)
    source = _col(led, "restates")[rows.index].map(lambda i: article_of.get(i, ""))
    parts_zh, parts_en, figures, evidence = [], [], [], []
    skip = ctx.rules["industry_shares"]["series_prefix"]
    for (later, earlier), group in rows.groupby([rows["article_id"], source], sort=False):
        later_zh, later_en = ctx.label(later)
        earlier_zh, earlier_en = ctx.label(earlier) if earlier else ("更早的文章", "an earlier article")
        # examples: figures other than the shares (their own finding), rankings last
        examples = [r for _, r in group.iterrows() if not _s(r.get("series")).startswith(skip)]
        examples.sort(key=lambda r: r["kind"] == "ranking")
        examples = examples[: ctx.rules["reuse_examples"]]

        def shown(r, lang):
            mark = {"zh": "（目标）", "en": " (target)"}[lang] if r["kind"] in ("target", "plan") else ""
            return f"“{_s(r['indicator'])}{'' if lang == 'zh' else ' '}{written(r)}”{mark}"

        ex_zh = f"，如{'、'.join(shown(r, 'zh') for r in examples)}" if examples else ""
        ex_en = f", e.g. {', '.join(shown(r, 'en') for r in examples)}" if examples else ""
        if same_day:  # a restatement on the same day's page, not a reuse (facts.SAME_DAY): name the day once
            types = ctx.rules["article_types"]
            kind_later, kind_earlier = (types.get(ctx.types.get(a, ""), {}) for a in (later, earlier))
            day = ctx.date(later)
            parts_zh.append(
                f"{day}的{kind_later.get('zh', '文章')}再次刊登同一天{kind_earlier.get('zh', '文章')}"
                f"的{len(group)}个数字{ex_zh}"
            )
            parts_en.append(
                f"the {kind_later.get('en', 'article')} of {day} prints {len(group)} figures of the same day's "
                f"{kind_earlier.get('en', 'article')} again{ex_en}"
            )
        else:
            parts_zh.append(f"{later_zh}重复了{earlier_zh}的{len(group)}个数字{ex_zh}")
            parts_en.append(f"{later_en} repeats {len(group)} figures of {earlier_en}{ex_en}")
        for _, r in group.iterrows():
            figures.append(f"{_s(r['indicator_id'])} = {_s(r['restates'])}")
        for r in examples:
            evidence.append(_evidence(r, written(r)))
            original = by_id.get(_s(r["restates"]))
            if original is not None:
                evidence.append(_evidence(original, written(original)))
    return parts_zh, parts_en, figures, evidence


def _printed_again_zh(led: pd.DataFrame) -> str:
    """Say in Chinese where the figures printed again come from (the counts of :func:`facts.repeats_said`)."""
    again = _col(led, "restates").ne("")
    earlier = int((again & facts.reused(led)).sum())
    parts = [f"{earlier}个来自此前的文章" if earlier else "", f"{int(again.sum()) - earlier}个来自同日版面的另一篇报道"]
    return "，".join(p for p in parts if p and not p.startswith("0个"))


def reused_figures(ctx: Context) -> Finding | None:
    """Count the figures printed again, in two parts that add up to the ledger's repeats.

    A figure repeating an earlier article is reused; one another story of the same day's page prints again is a
    restatement (facts.SAME_DAY).
    """
    led = ctx.ledger
    printed_again = _col(led, "restates").ne("")
    reused = facts.reused(led) & printed_again
    same_day = printed_again & ~reused
    if not printed_again.any():
        return None
    groups = [(led[reused], False), (led[same_day], True)]
    parts_zh, parts_en, figures, evidence = [], [], [], []
    for rows, is_same_day in groups:
        if rows.empty:
            continue
        zh, en, figs, ev = _reuse_parts(ctx, rows, is_same_day)
        n = len(rows)
        if is_same_day:
            parts_zh.append(f"{n}个由同一天版面的另一篇报道再次刊登（{'；'.join(zh)}）")
            parts_en.append(f"{n} are printed again by another story of the same day's page ({'; '.join(en)})")
        else:
            parts_zh.append(f"{n}个重复更早的文章（{'；'.join(zh)}）")
            parts_en.append(f"{n} repeat an earlier article ({'; '.join(en)})")
        figures += figs
        evidence += ev
    total = int(printed_again.sum())
    return Finding(
        "reused-figures",
        f"再次刊登的数字：共{total}个，应只计一次：{'，'.join(parts_zh)}。",
        f"{total} figures printed again, to be counted once: {', '.join(parts_en)}.",
        figures,
        _unique_by_anchor(evidence),
        "ledger rows with restates (helpers.analysis.facts), grouped by the article and the article they repeat; "
        "restates_how tells a repeat of an earlier article from a restatement on the same day's page",
        ["重复的数字在图表和年度小结中只计一次；同一天版面上的再次刊登不是旧数字的重复使用。"],
        [
            "Charts and year summaries count a repeated figure once; a figure printed again on the same day's page "
            "is a restatement, not a reuse of an old figure."
        ],
    )


# --- 8. theme emphasis between two named years ---------------------------------------------------------------------


def _rates(counts: pd.DataFrame, ids: list[str]) -> pd.Series:
    rows = counts[counts["article_id"].isin(ids)]
    chars = rows.groupby("article_id")["n_chars"].first().sum()
    return rows.groupby("theme")["hits"].sum() / chars * 1000 if chars else pd.Series(dtype=float)


def theme_shift(ctx: Context, counts: pd.DataFrame | None) -> Finding | None:
    """Name the themes whose emphasis changed between two well-covered years in every article, not in one."""
    if counts is None or counts.empty or "n_chars" not in counts.columns:
        return None
    spec = ctx.rules["themes"]
    counts = counts[counts["article_id"].isin(ctx.rank)]
    per_year = ctx.articles.assign(_y=ctx.articles["year"].map(_year)).dropna(subset=["_y"])
    ids = {int(y): list(g["article_id"]) for y, g in per_year.groupby("_y", sort=True)}
    counted = set(counts["article_id"])  # once: not a new set for every article
    ids = {y: [a for a in v if a in counted] for y, v in ids.items()}
    covered = [y for y, v in ids.items() if len(v) >= spec["min_articles"]]
    if len(covered) < 2:
        return None
    a, b = covered[0], covered[-1]
    before, after = _rates(counts, ids[a]), _rates(counts, ids[b])
    per_article = counts.assign(_rate=counts["hits"] / counts["n_chars"].where(counts["n_chars"] > 0) * 1000)
    kept = []
    for theme in sorted(set(before.index) | set(after.index)):
        x, y = float(before.get(theme, 0.0)), float(after.get(theme, 0.0))
        rates = per_article[per_article["theme"] == theme].set_index("article_id")["_rate"]
        left = [float(rates.get(i, 0.0)) for i in ids[a]]
        right = [float(rates.get(i, 0.0)) for i in ids[b]]
        # every article of one year above every article of the other: no single article makes the change
        apart = min(left) > max(right) or max(left) < min(right)
        if apart and abs(y - x) >= spec["min_change"]:
            kept.append((theme, y - x, left, right))
    if not kept:
        return None
    kept.sort(key=lambda k: (-abs(k[1]), k[0]))
    kept = kept[: spec["max_shown"]]
    names = counts.drop_duplicates("theme").set_index("theme")
    zh, en, figures = [], [], []
    for theme, change, left, right in kept:
        t_zh = _s(names.loc[theme, "theme_zh"]) if "theme_zh" in names.columns else theme
        t_en = _s(names.loc[theme, "gloss"]) if "gloss" in names.columns else theme
        t_en = t_en[:1].lower() + t_en[1:] if t_en[1:2].islower() else t_en
        way_zh, way_en = ("升", "rose") if change > 0 else ("降", "fell")
        more_zh, more_en = ("少", "less") if change > 0 else ("多", "more")
        x, y = before.get(theme, 0.0), after.get(theme, 0.0)
        span_a, span_b = f"{min(left):.1f}—{max(left):.1f}", f"{min(right):.1f}—{max(right):.1f}"
        zh.append(
            f"{t_zh}从每千字{x:.1f}次{way_zh}到{y:.1f}次（{a}年每篇文章都比{b}年任何一篇提得{more_zh}："
            f"每篇每千字{span_a}次，对{span_b}次）"
        )
        en.append(
            f"{t_en} {way_en} from {x:.1f} to {y:.1f} hits per 1,000 characters (every {a} article mentions it "
            f"{more_en} than any {b} article: {span_a.replace('—', '–')} per 1,000 against "
            f"{span_b.replace('—', '–')})"
        )
        figures.append(f"{theme} {a} {x:.1f} → {b} {y:.1f} per 1,000 chars")

    def mix(year: int, lang: str) -> str:
        labels = [ctx.rules["article_types"].get(ctx.types.get(x, ""), {}).get(lang, "") for x in ids[year]]
        labels = [v for v in labels if v]
        n = len(ids[year])
        if lang == "zh":
            return f"{n}篇" + (f"：{'、'.join(labels)}" if labels else "")
        return f"{n} articles" + (f": {', '.join(labels)}" if labels else "")

    between = [y for y in range(a + 1, b) if y in ids]
    absent = [y for y in range(a + 1, b) if y not in ids]
    text_zh = f"主题侧重，{a}年（{mix(a, 'zh')}）对比{b}年（{mix(b, 'zh')}）：{_join_zh(zh)}。"
    text_en = f"Theme emphasis, {a} ({mix(a, 'en')}) against {b} ({mix(b, 'en')}): {_join_en(en)}."
    caveat_zh, caveat_en = [], []
    kinds_a = {ctx.types.get(x, "") for x in ids[a]} - {""}
    kinds_b = {ctx.types.get(x, "") for x in ids[b]} - {""}
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        caveat_zh.append("两年的文章类型不同：差别可能来自文章的体裁，而不只是园区工作重点的变化。")
        caveat_en.append(
            "The two years' articles are of different types: the difference may reflect the kind of article "
            "as much as the zone's priorities."
        )
    if between:
        caveat_zh.append(f"比较跳过了{'、'.join(map(str, between))}年：这些年份的文章少于{spec['min_articles']}篇。")
        caveat_en.append(
            f"The comparison skips {', '.join(map(str, between))}: fewer than {spec['min_articles']} articles each."
        )
    if absent:
        caveat_zh.append(f"两年之间的{'、'.join(map(str, absent))}年没有文章。")
        caveat_en.append(f"No articles for {', '.join(map(str, absent))}, between the two years.")
    evidence = [Evidence(x, "", "", "") for x in ids[a] + ids[b]]
    return Finding(
        "theme-shift",
        text_zh,
        text_en,
        figures,
        evidence,
        f"theme_counts: hits per 1,000 characters of the year's articles, earliest and latest years with at least "
        f"{spec['min_articles']} articles; changes of at least {spec['min_change']} where every article of one "
        "year is above every article of the other",
        caveat_zh,
        caveat_en,
    )


# --- report openings: the ledger's counts, the park structure ---------------------------------------------------------


def ledger_counts(ctx: Context) -> Finding | None:
    """Say what the ledger counts: facts, the articles they come from, repeats of earlier articles, new facts by kind.

    Every count a reader meets elsewhere (the ledger's rows, the charts' new
    figures, a year's figures) is one of these, so the finding names each.
    """
    led = ctx.ledger
    if led.empty:
        return None
    labels = ctx.rules["kinds"]
    new = led[_new_rows(led)]
    n_zone, n_with = len(ctx.articles), led["article_id"].nunique()
    repeats = len(led) - len(new)
    kinds = [(k, int((new["kind"] == k).sum())) for k in labels if (new["kind"] == k).any()]
    kinds_zh = "、".join(f"{labels[k]['zh']}{n}个" for k, n in kinds)
    kinds_en = ", ".join(f"{labels[k]['en']} {n}" for k, n in kinds)
    years = new.assign(_y=new["article_id"].map(lambda a: self_year(ctx, a))).groupby("_y").size()
    per_zh = "、".join(f"{y}年{n}个" for y, n in years.items() if y)
    per_en = ", ".join(f"{y}: {n}" for y, n in years.items() if y)
    zh = (
        f"数字台账：{n_zone}篇关于园区的文章中有{n_with}篇含数字，共{len(led)}个事实（同一篇文章里重复的数字只算一次）。"
        + (
            f"其中{repeats}个是再次刊登的数字（{_printed_again_zh(led)}），其余{len(new)}个是新数字；"
            if repeats
            else f"{len(new)}个都是新数字；"
        )
        + f"图表和年度小结只计新数字：{kinds_zh}。各年新数字：{per_zh}。"
    )
    en = (
        f"The ledger: {n_with} of the {n_zone} articles about the zone hold figures, {len(led)} facts in all "
        "(a figure restated within its article counted once). "
        + (f"{facts.repeats_said(led)}, so {len(new)} are new; " if repeats else f"All {len(new)} are new; ")
        + f"charts and year summaries count only new figures: {kinds_en}. New figures per year: {per_en}."
    )
    evidence = [Evidence(_s(a), "", "", ctx.label(_s(a))[1]) for a in dict.fromkeys(led["article_id"])]
    return Finding(
        "ledger-counts",
        zh,
        en,
        [f"facts {len(led)}", f"new {len(new)}", f"repeats {repeats}"],
        evidence,
        "ledger rows of the articles about the zone; new = no restates",
        ["一年的数字多少主要取决于文章体裁（成绩报道列数字，动员讲话少），不代表园区一年做了多少。"],
        [
            "How many figures a year has depends mostly on its articles' type (a results round-up lists figures, "
            "a mobilisation speech few): it does not measure how much the zone did."
        ],
    )


def self_year(ctx: Context, article_id: str) -> int | None:
    """Return an article's year (from its date), None when undated."""
    return _year(ctx.date(article_id)[:4])


def _label_of(what: str) -> tuple[str, str]:
    """Split a park table's ``what`` (专业园区 (specialised parks)) into its Chinese and English labels."""
    found = re.fullmatch(r"(.+?) \((.+)\)", what)
    return (found[1], found[2]) if found else (what, what)


def park_story(ctx: Context, parks: pd.DataFrame | None) -> Finding | None:
    """Tell how the parks were organised, article by article: each frame's parts, with the parks a count lists.

    Read from :func:`helpers.analysis.story.park_structure`: per article, in
    date order, the counts of parks of each kind (as written, with the parks
    each lists as members), and the structure formula (一区十园, 一区多园) its
    sentence names with the parks that sentence names beside the counts.
    """
    if parks is None or parks.empty:
        return None
    rows = parks[parks["article_id"].map(_s).isin(ctx.rank)]
    counts = rows[rows["indicator_id"].map(_s).ne("")].drop_duplicates("indicator_id")
    if counts.empty:
        return None
    parts_zh, parts_en, figures, evidence = [], [], [], []
    for aid, group in sorted(counts.groupby("article_id"), key=lambda g: ctx.rank[g[0]]):
        frame = rows[
            rows["article_id"].eq(aid) & rows["indicator_id"].map(_s).eq("") & rows["sentence"].isin(group["sentence"])
        ]
        formula = _s(frame["measure"].iloc[0]) if len(frame) else ""
        members = {m for named in group["parks_named"].map(_s) for m in named.split("、") if m}
        beside = (
            [m for m in _s(frame["parks_named"].iloc[0]).split("、") if m and m not in members] if len(frame) else []
        )
        items_zh, items_en = list(beside), list(beside)
        seen: dict[tuple[str, str], dict] = {}
        for r in group.to_dict("records"):  # one count per kind and figure (13个 planned twice in one article)
            seen.setdefault((_s(r["what"]), _s(r["as_written"])), r)
            evidence.append(Evidence(_s(aid), _s(r["indicator_id"]), _s(r["sentence"]), _s(r["as_written"])))
        for r in seen.values():
            zh_label, en_label = _label_of(_s(r["what"]))
            listed = _s(r["parks_named"])
            items_zh.append(f"{_s(r['as_written'])}{zh_label}" + (f"（文中列出：{listed}）" if listed else ""))
            items_en.append(f"{_s(r['as_written'])} {en_label}" + (f" (named: {listed})" if listed else ""))
            figures.append(_s(r["as_written"]))
        planned = set(group["kind"]) <= {"plan", "target"}
        label_zh, label_en = ctx.label(_s(aid))
        head_zh = f"“{formula}”：" if formula else ""
        head_en = f"“{formula}”: " if formula else ""
        parts_zh.append(f"{label_zh}{'计划' if planned else '称已形成'}{head_zh}{'、'.join(items_zh)}")
        parts_en.append(f"{label_en} {'plans' if planned else 'reports in place'} {head_en}{', '.join(items_en)}")
    return Finding(
        "park-structure",
        f"园区结构：{'；'.join(parts_zh)}。",
        f"How the parks were organised: {_capital('; '.join(parts_en))}.",
        figures,
        evidence,
        "story.park_structure: counts of parks by kind, with the parks each lists and the formula of its sentence",
        ["各篇文章的园区数字属于不同的框架（当年计划、“一区十园”、“一区多园”），不是同一个数列的升降。"],
        [
            "The counts belong to different frames (a plan for the year, the ten-park frame, the many-park "
            "frame): they are not one series that rose or fell."
        ],
    )


_SCALE = re.compile(r"[千百万]亿级?$|亿级$")


def industry_frames(ctx: Context, industries: pd.DataFrame | None) -> Finding | None:
    """Tell how each article frames the leading industries: the grouping it names, the industries, the scale aimed at.

    Read from :func:`helpers.analysis.story.leading_industries`, per article in
    date order: the zone's own grouping formula with the industries it lists
    (六大产业集群, 四大主导产业), a count of a list of industries that measures
    none (the investment bureau's 7 desks), and the scale classes set as
    targets for a list of industries (三个千亿级, 五百亿级; two classes for one
    list are told together: 五百亿、千亿级).
    """
    if industries is None or industries.empty:
        return None
    rules = story_module.load_rules()
    rows = industries[industries["article_id"].map(_s).isin(ctx.rank)]
    parts_zh, parts_en, figures, evidence = [], [], [], []
    for aid, group in sorted(rows.groupby("article_id"), key=lambda g: ctx.rank[g[0]]):
        groupings: dict[str, str] = {}
        counts: list[tuple[dict, str]] = []
        scales: dict[str, list[str]] = {}
        for r in group.to_dict("records"):
            listed = _s(r.get("industries"))
            counted = story_module._list_count(r, rules) if _s(r.get("source")) == "ledger" else None
            if counted is not None:
                counts.append((counted, f"{_s(r['as_written'])}（{listed}）"))
            elif _s(r.get("source")) == "formula" and rules.groupings.get(_s(r.get("grouping"))) == "zone":
                if groupings.get(_s(r["grouping"])):
                    continue
                groupings[_s(r["grouping"])] = listed
            elif (
                _s(r.get("kind")) == "target"
                and _SCALE.search(_s(r["as_written"]))
                and len([x for x in listed.split("、") if x]) >= 2
            ):
                scales.setdefault(listed, []).append(_s(r["as_written"]))
            else:
                continue
            if _s(r.get("indicator_id")):
                figures.append(_s(r["as_written"]))
            anchor = _s(r.get("indicator_id")) or _s(r.get("anchor"))
            evidence.append(Evidence(_s(aid), anchor, _s(r["sentence"]), _s(r["as_written"])))
        said_zh = [f"{g}（{listed}）" if listed else g for g, listed in groupings.items()]
        said_en = [f"{g} ({listed})" if listed else g for g, listed in groupings.items()]
        said_zh += [f"{c['zh']}{shown}" for c, shown in counts]
        said_en += [f"{c['en']}: {shown.replace('（', ' (').replace('）', ')')}" for c, shown in counts]
        said_zh += [f"{listed}{'、'.join(dict.fromkeys(v))}（目标）" for listed, v in scales.items()]
        said_en += [f"{listed}: {'、'.join(dict.fromkeys(v))} (target)" for listed, v in scales.items()]
        if said_zh:
            label_zh, label_en = ctx.label(_s(aid))
            parts_zh.append(f"{label_zh}：{'，'.join(said_zh)}")
            parts_en.append(f"{label_en}: {'; '.join(said_en)}")
    if len(parts_zh) < 2:
        return None
    return Finding(
        "industry-frames",
        f"主导产业的提法：{'；'.join(parts_zh)}。",
        f"How the leading industries are framed: {_capital(' — '.join(parts_en))}.",
        figures,
        _unique_by_anchor(evidence),
        "story.leading_industries: the zone's grouping formulas, list counts, scale targets of listed industries",
        ["规模（千亿级、五百亿级）是目标，不是报告的产值。"],
        ["Scales (千亿级, 五百亿级) are targets, not reported output."],
    )


# --- report openings --------------------------------------------------------------------------------------------------

REPORT_RULES = (
    "industry_frames",
    "ledger_counts",
    "contest_rankings",
    "hightech",
    "first_places",
    "reused_figures",
    "park_story",
    "promises",
    "lasting_formulas",
    "industry_shares",
    "theme_shift",
)


def report_findings(
    report: str,
    tables,
    targets: pd.DataFrame | None = None,
    types: pd.DataFrame | None = None,
    parks: pd.DataFrame | None = None,
    rules: dict | None = None,
    series_file: Path = SERIES_FILE,
    articles: pd.DataFrame | None = None,
    ledger: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the findings a report opens with (``findings.yml`` → ``reports``), one row each, as :func:`key_findings`.

    Parameters
    ----------
    report : str
        A key of ``reports`` in ``findings.yml`` (``indicators``, ``narrative``).
    tables : helpers.analysis.processed.Tables
        The shared tables.
    targets, types, parks : pandas.DataFrame, optional
        ``targets_vs_outcomes``, the article types and ``story.park_structure``, computed when not given.
    articles, ledger : pandas.DataFrame, optional
        The report's own selection of the shared tables (its years), else all of them.
    """
    rules = rules if rules is not None else load_rules()
    names = rules["reports"].get(report)
    if not names:
        raise LexiconError(f"findings.yml: reports has no list of findings for {report!r}")
    articles = tables.articles if articles is None else articles
    ledger = tables.ledger if ledger is None else ledger
    if types is None and {"title", "text"} <= set(articles.columns) and len(articles):
        types = article_types_module.article_type_table(articles)
    if targets is None and ("promises" in names or "hightech" in names):
        targets = targets_module.targets_vs_outcomes(ledger, articles) if len(ledger) else pd.DataFrame()
    if parks is None and "park_story" in names:
        parks = story_module.park_structure(tables)
    ctx = _context(articles, ledger, types, rules)
    make = {
        "ledger_counts": lambda: ledger_counts(ctx),
        "contest_rankings": lambda: contest_rankings(ctx),
        "hightech": lambda: hightech(ctx, targets if targets is not None else pd.DataFrame(), series_file),
        "first_places": lambda: first_places(ctx),
        "reused_figures": lambda: reused_figures(ctx),
        "park_story": lambda: park_story(ctx, parks),
        "industry_frames": lambda: industry_frames(ctx, story_module.leading_industries(tables)),
        "promises": lambda: promises(ctx, targets if targets is not None else pd.DataFrame()),
        "lasting_formulas": lambda: lasting_formulas(ctx, tables.formula_mentions),
        "industry_shares": lambda: industry_shares(ctx),
        "theme_shift": lambda: theme_shift(ctx, tables.theme_counts),
    }
    unknown = [n for n in names if n not in make]
    if unknown:
        raise LexiconError(f"findings.yml: reports.{report} names unknown findings: {', '.join(unknown)}")
    made = [make[n]() for n in names]
    return as_table([f for f in made if f is not None], ctx)


# --- all findings --------------------------------------------------------------------------------------------------


def key_findings(
    articles: pd.DataFrame,
    ledger: pd.DataFrame,
    theme_counts: pd.DataFrame | None = None,
    formula_mentions: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    types: pd.DataFrame | None = None,
    rules: dict | None = None,
    series_file: Path = SERIES_FILE,
    parks: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the key findings of the corpus, one row each (columns :data:`COLUMNS`).

    Parameters
    ----------
    articles, ledger, theme_counts, formula_mentions : pandas.DataFrame
        The shared tables (``helpers.analysis.processed``).
    targets : pandas.DataFrame, optional
        ``targets_vs_outcomes(ledger, articles)``, computed when not given.
    types : pandas.DataFrame, optional
        ``article_type_table(articles)``, computed when the articles carry their text.
    rules : dict, optional
        ``findings.yml`` (:func:`load_rules`).
    parks : pandas.DataFrame, optional
        ``story.park_structure(tables)``; without it the park structure is left out.

    Returns
    -------
    pandas.DataFrame
        ``id``; ``zh`` and ``en`` (the finding); ``figures`` (``; ``-joined, as written); ``article_id``,
        ``indicator_id`` and ``sentence`` of the first sentence it rests on; ``rests_on`` (articles);
        ``caveat_zh``, ``caveat``; ``basis`` (the rule); ``links`` (``article_id#anchor``, ``;``-joined)
        and ``evidence`` (:class:`Evidence` tuples).
    """
    rules = rules if rules is not None else load_rules()
    if targets is None:
        targets = targets_module.targets_vs_outcomes(ledger, articles) if len(ledger) else pd.DataFrame()
    if types is None and {"title", "text"} <= set(articles.columns) and len(articles):
        types = article_types_module.article_type_table(articles)
    ctx = _context(articles, ledger, types, rules)
    made = [
        contest_rankings(ctx),
        industry_shares(ctx),
        hightech(ctx, targets if targets is not None else pd.DataFrame(), series_file),
        park_story(ctx, parks),
        promises(ctx, targets if targets is not None else pd.DataFrame()),
        first_places(ctx),
        lasting_formulas(ctx, formula_mentions),
        reused_figures(ctx),
        theme_shift(ctx, theme_counts),
    ]
    return as_table([f for f in made if f is not None][: rules["max_findings"]], ctx)


def from_tables(tables, types: pd.DataFrame | None = None, rules: dict | None = None) -> pd.DataFrame:
    """Return :func:`key_findings` of the shared tables (``helpers.analysis.processed.Tables``)."""
    return key_findings(
        tables.articles,
        tables.ledger,
        tables.theme_counts,
        tables.formula_mentions,
        types=types,
        rules=rules,
        parks=story_module.park_structure(tables),
    )


def as_table(found: list[Finding], ctx: Context) -> pd.DataFrame:
    """Turn findings into the findings table, adding what each rests on and the one-article caveat."""
    rows = []
    for f in found:
        articles = sorted({e.article_id for e in f.evidence if e.article_id}, key=lambda a: ctx.rank.get(a, 1 << 30))
        caveat_zh, caveat_en = list(f.caveat_zh), list(f.caveat)
        if len(articles) == 1:
            zh, en = ctx.label(articles[0])
            caveat_zh.insert(0, f"只依据一篇文章（{zh}）。")
            caveat_en.insert(0, f"Rests on one article ({en}).")
        first = next((e for e in f.evidence if e.sentence), None)
        rows.append(
            {
                "id": f.id,
                "zh": f.zh,
                "en": f.en,
                "figures": "; ".join(f.figures),
                "article_id": first.article_id if first else "",
                "indicator_id": first.anchor if first else "",
                "sentence": first.sentence if first else "",
                "rests_on": len(articles),
                "caveat_zh": "".join(caveat_zh),
                "caveat": " ".join(caveat_en),
                "basis": f.basis,
                "links": ";".join(e.link for e in f.evidence),
                "evidence": tuple(f.evidence),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS).astype({"rests_on": "int64"})


# --- what the corpus covers ----------------------------------------------------------------------------------------


@dataclass
class Coverage:
    """What the corpus covers and what it cannot support."""

    years: pd.DataFrame  # year, articles, types_zh, types_en, sources: one row per year with articles about the zone
    missing_years: list[int]  # years between the first and the last with no article about the zone
    n_articles: int  # every article
    n_zone: int  # articles about the zone
    n_files: int
    undated: list[str]  # article ids about the zone without a date
    not_zone: list[str]  # titles of the articles not about the zone
    sources: list[tuple[str, str, int]]  # (zh kind, en kind, articles) for the articles about the zone
    limits: list[tuple[str, str]] = field(default_factory=list)  # (zh, en): what the corpus cannot support


def _source_kind(source: str, spec: dict) -> str:
    for kind, item in spec.items():
        if any(w in source for w in item.get("words", [])):
            return kind
    return ""


def coverage(articles: pd.DataFrame, types: pd.DataFrame | None = None, rules: dict | None = None) -> Coverage:
    """Describe what the corpus covers: years, missing years, articles, types and sources, and its limits.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table.
    types : pandas.DataFrame, optional
        ``article_type_table(articles)``; computed when the articles carry their text.
    rules : dict, optional
        ``findings.yml``.
    """
    rules = rules if rules is not None else load_rules()
    if types is None and {"title", "text"} <= set(articles.columns) and len(articles):
        types = article_types_module.article_type_table(articles)
    kinds = {}
    if types is not None and len(types):
        kinds = {_s(a): _s(t) for a, t in zip(types["article_id"], types["article_type"])}
    zone = _zone_articles(articles)
    about = flags(articles["about_zone"]) if "about_zone" in articles.columns else pd.Series(True, index=articles.index)
    # Not Series.map: on a nullable integer column it passes pandas.NA through, not None.
    year = pd.Series([_year(v) for v in zone["year"]], index=zone.index, dtype=object)
    labels = rules["article_types"]
    rows = []
    for y in sorted({v for v in year if v is not None}):
        group = zone[year == y]
        counted = {}
        for aid in group["article_id"]:
            kind = kinds.get(_s(aid), "")
            if kind:
                counted[kind] = counted.get(kind, 0) + 1
        order = [k for k in labels if k in counted] + sorted(k for k in counted if k not in labels)
        rows.append(
            {
                "year": y,
                "articles": len(group),
                "types_zh": "、".join(
                    f"{labels.get(k, {}).get('zh', k)}{'×' + str(counted[k]) if counted[k] > 1 else ''}" for k in order
                ),
                "types_en": ", ".join(
                    f"{labels.get(k, {}).get('en', k)}{' ×' + str(counted[k]) if counted[k] > 1 else ''}" for k in order
                ),
                "sources": "; ".join(dict.fromkeys(_col(group, "source"))),
            }
        )
    years = pd.DataFrame(rows, columns=["year", "articles", "types_zh", "types_en", "sources"])
    present = list(years["year"])
    missing = [y for y in range(present[0], present[-1] + 1) if y not in present] if present else []
    spec = rules["sources"]
    source_kinds = _col(zone, "source").map(lambda s: _source_kind(s, spec))
    sources = [
        (spec[k]["zh"], spec[k]["en"], int((source_kinds == k).sum())) for k in spec if (source_kinds == k).any()
    ]
    unclassified = int((source_kinds == "").sum())
    if unclassified:
        sources.append(("未分类", "not classified", unclassified))
    cover = Coverage(
        years=years,
        missing_years=missing,
        n_articles=len(articles),
        n_zone=len(zone),
        n_files=int(articles["file"].nunique()) if "file" in articles.columns else 0,
        undated=[_s(a) for a, y in zip(zone["article_id"], year) if y is None],
        not_zone=[_s(t) for t in _col(articles[~about], "title")],
        sources=sources,
    )
    cover.limits = _limits(cover)
    return cover


def _limits(cover: Coverage) -> list[tuple[str, str]]:
    limits = []
    single = [int(y) for y, n in zip(cover.years["year"], cover.years["articles"]) if n == 1]
    if single:
        ys = "、".join(map(str, single))
        limits.append(
            (
                f"{ys}年各只有一篇文章：这些年份的任何数字、主题或“变化”都只代表那一篇文章。",
                f"{', '.join(map(str, single))}: one article each; any figure, theme or “change” for these years "
                "stands for that one article only.",
            )
        )
    if cover.missing_years:
        ys = "、".join(map(str, cover.missing_years))
        one = len(cover.missing_years) == 1
        limits.append(
            (
                f"{ys}年没有文章：对{'这一年' if one else '这些年份'}无从说起，跨越的比较都跳过了{'它' if one else '它们'}。",
                f"No articles for {', '.join(map(str, cover.missing_years))}: nothing can be said of "
                f"{'that year' if one else 'those years'}, and any comparison across "
                f"{'it' if one else 'them'} skips {'it' if one else 'them'}.",
            )
        )
    if cover.undated:
        limits.append(
            (
                f"{len(cover.undated)}篇文章没有日期，不计入按年统计。",
                f"{len(cover.undated)} article(s) without a date are left out of every per-year figure.",
            )
        )
    if cover.not_zone:
        limits.append(
            (
                f"{len(cover.not_zone)}篇文章不是关于园区的（{'；'.join(cover.not_zone)}），不计入统计。",
                f"{len(cover.not_zone)} article(s) not about the zone ({'; '.join(cover.not_zone)}) are left out.",
            )
        )
    kinds = [zh for zh, _, _ in cover.sources]
    if kinds and "未分类" not in kinds:
        limits.append(
            (
                "来源都是园区自办报纸、官方媒体或文中未署名的报纸（本报）：报道的是园区自己的说法，没有独立的报道。",
                "Every source is the zone's own paper, official press or a paper the text does not name (本报): "
                "the articles give the zone's own account; none is independent reporting.",
            )
        )
    limits.append(
        (
            "没有任何数字经过核实：所有数字都是园区或其媒体报道的数字。",
            "No figure has been audited: every figure is as the zone or its press reported it.",
        )
    )
    return limits
