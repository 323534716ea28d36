r"""Extract the indicator ledger: every quantitative fact in an article.

Each quantity becomes one row: what is measured (``indicator``), whose it is
(``subject``, ``subject_type``) and for a ranking what it ranks in
(``contest``), the number and unit as written, the value in a base unit, a
qualifier, the ``kind`` of claim (achieved / target / plan / signed / ranking /
context) with the cue that decided it (``kind_evidence``), the ``period`` it
refers to, and the sentence and character offset it came from.

A kind is read from the words around a figure and from the structure of the
text: the heading it stands under (:mod:`helpers.analysis.sections`), the type
of article (:mod:`helpers.analysis.article_types`: a work plan looks forward, a
round-up of results back), a cue that distributes over a list, a signing
(signed, not realised). Names, subjects and contests are
:mod:`helpers.analysis.naming`'s.

The method lives in ``data/lexicon/indicators.yml`` (units, measure words,
qualifiers, kind cues, exclusions, scale classes, multipliers, streaks, the
words that name a figure and its subject and split a 分别 list); this module
only applies it. Work happens on a *view* of
the text: full-width ASCII mapped to half-width and soft line breaks inside
a sentence removed (newspaper pages break lines mid-word, "剥离职能69\\n\\n项";
which breaks are soft, and where sentences end, is :mod:`helpers.sentences`,
the rule every table quotes sentences by). A map from every view position
back to the original keeps offsets into the text the caller gave.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis import article_types, naming, sections
from helpers.analysis.naming import clause_end as _clause_end
from helpers.analysis.naming import clause_start as _clause_start
from helpers.analysis.numerals import CN_NUMERAL_CHARS, parse_multiplier, parse_number, parse_rank, to_halfwidth
from helpers.errors import IndicatorRulesError
from helpers.flags import flags
from helpers.sentences import Sentence, soft_breaks, split_sentences
from helpers.text import alternation, quotations
from helpers.yamlfile import read_yaml

COLUMNS = [
    "indicator",
    "value",
    "unit",
    "value_base",
    "base_unit",
    "qualifier",
    "kind",
    "period",
    "sentence",
    "start",
    "end",
    "unit_family",
    "value_high_base",
    "subject",
    "subject_type",
    "contest",
    "kind_evidence",
    "form",
    "share_index",
]
# How a figure is written: a plain figure, or one of the forms version 4 of the rules added.
FORMS = ("figure", "scale_class", "multiplier", "streak", "project_capacity")
KINDS = ("achieved", "target", "plan", "signed", "ranking", "context")
TABLE_COLUMNS = [
    "indicator_id",
    "article_id",
    "file",
    "article_index",
    "year",
    "indicator",
    "value",
    "unit",
    "value_base",
    "base_unit",
    "kind",
    "period",
    "sentence",
    "start",
    "qualifier",
    "unit_family",
    "end",
    "value_high_base",
    "subject",
    "subject_type",
    "contest",
    "kind_evidence",
    "form",
    "shares",
]
ZONE = "济宁高新区"  # the subject of a figure about the zone when nothing else is named
_CN = f"[{CN_NUMERAL_CHARS}]"
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_NUMBER = re.compile(rf"(?<![\d.A-Za-z_@-])(?P<ar>{_ARABIC})(?![\d])|(?<!第)(?P<cn>{_CN}+)")
_ARABIC_RE = re.compile(rf"{_ARABIC}(?!\d)")
_RANGE_SEP = re.compile(r"\s*[-~至到]\s*")
_RATIO = re.compile(r"(?<![\d.:])(\d{1,3}):(\d{1,3})(?![\d:])")
_FRACTION = re.compile(r"(?P<num>(?!百分之)[一二三四五六七八九十百\d]+分之[一二三四五六七八九十\d]+)")
_PERCENT_WORD = re.compile(r"百分之(?P<num>[零一二三四五六七八九十百点\d.]+)")
# Sections every rules file has; the word lists among them must be non-empty lists of words.
_SECTIONS = {"units", "qualifiers", "kind_cues", "exclusions", "respectively"}
_WORD_LISTS = (
    "measure_words",
    "rank_scopes",
    "share_verbs",
    "joining_words",
    "noun_ends",
    "amount_words",
    "increase_words",
    "flow_units",
)
_RESPECTIVELY_LISTS = ("verbs", "group_modifiers", "group_heads", "lead_verbs", "item_ends")
_MEANINGS = ("above", "at_most", "below")


@dataclass
class Hit:
    """One extracted quantity, with positions in the view."""

    vstart: int
    vend: int  # end of the whole quantity (value + unit + suffix)
    value_end: int
    value: str
    unit: str
    family: str
    base_unit: str
    value_base: float
    qualifier: str = ""
    value_high_base: float | None = None
    chinese: bool = False
    kind: str = ""
    indicator: str = ""
    period: str = ""
    extra: dict = field(default_factory=dict)
    kind_evidence: str = ""
    subject: str = ""
    subject_type: str = ""
    contest: str = ""
    share_index: int = 0  # 1, 2… for the further measures a shared figure belongs to


# --- rules ------------------------------------------------------------------


RULES_FILE = paths.LEXICON / "indicators.yml"


@lru_cache(maxsize=8)
def _load_yaml(path: str) -> dict:
    rules = read_yaml(Path(path), IndicatorRulesError)
    check_rules(rules, path)
    _compile(rules, path)  # a bad regex is reported with the file's name, now rather than at first use
    return rules


def load_rules(path: str | Path | None = None) -> dict:
    """Load the indicator rules from YAML.

    Parameters
    ----------
    path : str or Path, optional
        Rules file; defaults to ``data/lexicon/indicators.yml``.

    Returns
    -------
    dict
        The parsed rules (cached per path; treat as read-only).

    Raises
    ------
    IndicatorRulesError
        If the file is missing, not valid YAML, or breaks a rule of :func:`check_rules`.
    """
    return _load_yaml(str(path or RULES_FILE))


def _word_list(value, where: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
        raise IndicatorRulesError(f"{where} must be a non-empty list of words, e.g. [和, 及]")
    return value


def check_rules(rules, source: str = "<memory>") -> None:
    """Check that a parsed rules document has every section, each of the right shape.

    Parameters
    ----------
    rules : dict
        The parsed ``indicators.yml``.
    source : str
        Where the rules came from, for error messages.

    Raises
    ------
    IndicatorRulesError
        On a missing section, a word list that is not a non-empty list of
        words, or a qualifier meaning given to a word that is no qualifier.
    """
    if not isinstance(rules, dict):
        raise IndicatorRulesError(f"{source}: expected a mapping of sections (units, qualifiers, kind_cues…)")
    missing = (_SECTIONS | set(_WORD_LISTS) | {"qualifier_meanings"}) - set(rules)
    if missing:
        raise IndicatorRulesError(f"{source} lacks section(s) {sorted(missing)}; restore them from git")
    for key in _WORD_LISTS:
        _word_list(rules[key], f"{source}: {key}")
    respectively = rules["respectively"]
    if not isinstance(respectively, dict) or not isinstance(respectively.get("marker"), str):
        raise IndicatorRulesError(f"{source}: respectively needs a 'marker' word (分别) and its lists")
    for key in _RESPECTIVELY_LISTS:
        _word_list(respectively.get(key), f"{source}: respectively.{key}")
    meanings = rules["qualifier_meanings"]
    if not isinstance(meanings, dict) or set(meanings) != set(_MEANINGS):
        raise IndicatorRulesError(f"{source}: qualifier_meanings must have exactly the lists {list(_MEANINGS)}")
    known = {q for place in (rules["qualifiers"] or {}).values() for q in place or []}
    for meaning in _MEANINGS:
        unknown = [
            q for q in _word_list(meanings[meaning], f"{source}: qualifier_meanings.{meaning}") if q not in known
        ]
        if unknown:
            raise IndicatorRulesError(
                f"{source}: qualifier_meanings.{meaning} lists {unknown}, which are not qualifiers; "
                "add them under qualifiers (prefix, infix or suffix) or remove them"
            )


def _cues(spec: dict) -> list[tuple[str, re.Pattern]]:
    return [(kind, re.compile(p)) for kind, pats in (spec or {}).items() for p in pats]


@dataclass
class _Compiled:
    rules: dict
    unit_re: re.Pattern
    prefix_re: re.Pattern
    infix_re: re.Pattern
    suffix_re: re.Pattern
    exclusions: list
    rankings: list
    strong: list
    weak: list
    after: list
    context_re: re.Pattern | None
    relative_re: re.Pattern
    formula_re: re.Pattern | None
    strip_prefix_re: re.Pattern
    strip_suffix_re: re.Pattern
    count_re: re.Pattern  # a number and its measure word, cut from a predicate
    scope_re: re.Pattern
    noun_end_re: re.Pattern  # where the name after a figure stops
    gap_re: re.Pattern  # what may join the figures of a 分别 list
    item_split_re: re.Pattern
    respectively_re: re.Pattern
    group_ref_re: re.Pattern
    lead_verb_re: re.Pattern
    item_end_re: re.Pattern
    # v4: structure, signed, context and the figures without a unit word
    context_after_re: re.Pattern | None
    signed_re: re.Pattern | None
    past_re: re.Pattern | None
    forward_re: re.Pattern | None
    target_heading_re: re.Pattern | None
    results_reading: frozenset
    forward_types: frozenset
    results_types: frozenset
    money_before_re: re.Pattern | None
    scale_res: list
    pair_res: list
    multiplier_re: re.Pattern | None
    streak_re: re.Pattern | None
    streak_result_re: re.Pattern | None
    project_re: re.Pattern | None
    plan_lead_re: re.Pattern | None  # v5: 总投资… right before money: a project's size (C1)
    rate_base_re: re.Pattern | None  # v5: 率分别为… later in the sentence: counts are the rates' bases (C7)
    other_party_re: re.Pattern | None  # v5: an evaluator or ministry named before the figure (C21)
    horizon_res: list  # v6: 通过五年努力: the span of years an aim is given
    bare_count_res: list  # v6: counts with no measure word (3大国家科技企业孵化器、10国家级众创空间)


def _optional(rules: dict, key: str, words: bool = False) -> re.Pattern | None:
    """Compile an optional list: words (longest first) or regexes (in order); None when absent."""
    items = rules.get(key) or []
    if not items:
        return None
    return re.compile(alternation(items) if words else "|".join(f"(?:{p})" for p in items))


_COMPILED: dict[int, _Compiled] = {}


def _compile(rules: dict, source: str = "<memory>") -> _Compiled:
    """Compile the regexes of a rules dict once (cached by identity)."""
    cached = _COMPILED.get(id(rules))
    if cached is not None and cached.rules is rules:
        return cached
    check_rules(rules, source)
    q = rules["qualifiers"]
    cues = rules["kind_cues"]
    resp = rules["respectively"]
    try:
        comp = _Compiled(
            rules=rules,
            unit_re=re.compile(alternation(rules["units"])),
            prefix_re=re.compile(f"(?:{alternation(q.get('prefix', []))})$"),
            infix_re=re.compile(alternation(q.get("infix", []))),
            suffix_re=re.compile(alternation(q.get("suffix", []))),
            exclusions=[(re.compile(e["pattern"]), e["reason"]) for e in rules["exclusions"]],
            rankings=[re.compile(p) for p in rules.get("rankings", [])],
            strong=_cues(cues.get("strong")),
            weak=_cues(cues.get("weak")),
            after=_cues(cues.get("after")),
            context_re=re.compile("|".join(rules.get("context_patterns", [])))
            if rules.get("context_patterns")
            else None,
            relative_re=re.compile(alternation(rules.get("relative_years", {}))),
            formula_re=re.compile(alternation(rules.get("formula_nouns", []))) if rules.get("formula_nouns") else None,
            strip_prefix_re=re.compile(f"^(?:{'|'.join(rules.get('indicator_strip_prefix', [])) or '(?!)'})"),
            strip_suffix_re=re.compile(f"(?:{'|'.join(rules.get('indicator_strip_suffix', [])) or '(?!)'})$"),
            count_re=re.compile(rf"[\d.]+(?:{alternation(rules['measure_words'])})?"),
            scope_re=re.compile(f"(?:{alternation(rules['rank_scopes'])})$"),
            noun_end_re=re.compile(f"(?<=.)(?:{alternation(rules['noun_ends'] + rules['joining_words'])}).*$"),
            gap_re=re.compile(f"、|,|{alternation(rules['joining_words'])}"),
            item_split_re=re.compile(f"、|{alternation(rules['joining_words'])}"),
            respectively_re=re.compile(f"{re.escape(resp['marker'])}(?:{alternation(resp['verbs'])})?$"),
            group_ref_re=re.compile(
                rf"^[一二三四五六七八九十两\d]+大(?:{alternation(resp['group_modifiers'])})?"
                f"(?P<head>{alternation(resp['group_heads'])})?"
            ),
            lead_verb_re=re.compile(f"^(?:{alternation(resp['lead_verbs'])})了?(?=.)"),
            item_end_re=re.compile(f"(?:{'|'.join(resp['item_ends'])}).*$"),
            context_after_re=_optional(rules, "context_after"),
            signed_re=_optional(rules, "signed_cues"),
            past_re=_optional(rules, "past_markers", words=True),
            forward_re=_optional(rules, "forward_words", words=True),
            target_heading_re=_optional(rules, "target_headings", words=True),
            results_reading=frozenset(rules.get("results_reading") or []),
            forward_types=frozenset(rules.get("forward_article_types") or []),
            results_types=frozenset(rules.get("results_article_types") or []),
            money_before_re=re.compile(f"(?:{alternation(rules['money_before'])})$")
            if rules.get("money_before")
            else None,
            scale_res=[re.compile(p) for p in rules.get("scale_classes") or []],
            pair_res=[re.compile(p) for p in rules.get("scale_pairs") or []],
            multiplier_re=re.compile(alternation(rules["multipliers"])) if rules.get("multipliers") else None,
            streak_re=re.compile(rules["streaks"]["pattern"]) if rules.get("streaks") else None,
            streak_result_re=re.compile(rules["streaks"]["result"]) if rules.get("streaks") else None,
            project_re=_optional(rules, "project_names"),
            rate_base_re=_optional(rules, "rate_bases"),
            other_party_re=_optional(rules, "other_parties", words=True),
            bare_count_res=[re.compile(p) for p in rules.get("bare_counts") or []],
            horizon_res=[re.compile(p) for p in rules.get("horizons") or []],
            plan_lead_re=re.compile("|".join(f"(?:{p})" for p in rules["plan_leads"]))
            if rules.get("plan_leads")
            else None,
        )
    except re.error as exc:
        raise IndicatorRulesError(f"{source}: a regex does not compile ({exc}: {exc.pattern!r}); fix it") from exc
    _COMPILED[id(rules)] = comp
    return comp


# --- the text view ----------------------------------------------------------


def _make_view(text: str) -> tuple[str, list[int]]:
    """Return the normalised view, soft line breaks taken out, and its map to ``text``."""
    norm = to_halfwidth(text)
    dropped = {i for start, end in soft_breaks(text) for i in range(start, end)}
    idx = [i for i in range(len(norm)) if i not in dropped]
    return "".join(norm[i] for i in idx), idx


def _sentence_starts(sentences: list[Sentence], idx: list[int]) -> list[int]:
    """Start positions, in the view, of the sentences of the text (the first from 0)."""
    return [0] + [bisect.bisect_left(idx, s.start) for s in sentences[1:]]


def _paragraph_starts(view: str) -> list[int]:
    """Start positions of the paragraphs of the view (a hard line break ends one)."""
    return [0] + [i + 1 for i, ch in enumerate(view) if ch == "\n"]


def _segment(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


# --- candidate extraction ---------------------------------------------------


def _blocked_spans(view: str, comp: _Compiled) -> list[tuple[int, int, str]]:
    """Spans of the view no figure may start in, with the reason."""
    spans = [(m.start(), m.end(), reason) for rx, reason in comp.exclusions for m in rx.finditer(view)]
    limit = comp.rules.get("quoted_label_max_chars", 10)
    spans += [(start, end, "quoted name") for start, end in quotations(view, limit)]
    return spans


def _is_blocked(pos: int, spans, exempt=()) -> bool:
    return any(s <= pos < e and reason not in exempt for s, e, reason in spans)


def _unit_info(comp: _Compiled, unit: str) -> dict:
    return comp.rules["units"][unit]


def _money_context(view: str, pos: int, comp: _Compiled) -> bool:
    clause = view[_clause_start(view, pos) : pos]
    if comp.money_before_re is not None and comp.money_before_re.search(clause):
        return True  # 突破千亿: a money level with no money noun
    return any(w in clause for w in comp.rules.get("money_context", []))


def _people_context(view: str, pos: int, comp: _Compiled) -> bool:
    """Say whether the clause before ``pos`` names a population (新城常驻人口突破40万): a bare 万 counts people."""
    clause = view[_clause_start(view, pos) : pos]
    return any(w in clause for w in comp.rules.get("people_context", []))


def _match_unit(view: str, pos: int, comp: _Compiled, chinese: bool, num_start: int):
    """Return (unit, info) for the unit starting at ``pos``, or (None, None)."""
    m = comp.unit_re.match(view, pos)
    if not m:
        return None, None
    unit = m.group()
    info = _unit_info(comp, unit)
    needs = info.get("needs")
    if (
        (needs == "money_context" and not _money_context(view, num_start, comp))
        or (needs == "people_context" and not _people_context(view, num_start, comp))
        or (needs == "chinese_numeral" and not chinese)
        or (needs == "arabic_numeral" and chinese)
    ):
        return None, None
    return unit, info


def _quantity(view: str, m: re.Match, comp: _Compiled) -> Hit | None:
    """Build a Hit from a number match followed by a unit, or None."""
    chinese = m["cn"] is not None
    token = m.group()
    start = m.start()
    splits = [0]
    if chinese:  # the magnitude (万/亿) belongs to the unit: 百亿元 -> 百 + 亿元
        trailing = len(token) - len(token.rstrip("万亿"))
        splits = list(range(min(trailing, 2), -1, -1))
    high = None
    for j in splits:
        value_end = m.end() - j
        if value_end <= start:
            continue
        pos = value_end
        number = view[start:value_end]
        if not chinese:  # ranges: 1-2处, 2-3处
            sep = _RANGE_SEP.match(view, pos)
            nxt = _ARABIC_RE.match(view, sep.end()) if sep else None
            if nxt:
                high, value_end = nxt.group(), nxt.end()
                pos = value_end
        infix = comp.infix_re.match(view, pos)
        upos = infix.end() if infix else pos
        unit, info = _match_unit(view, upos, comp, chinese, start)
        if unit is None and infix:  # 20余个 vs 余 as a word
            infix, upos = None, pos
            unit, info = _match_unit(view, upos, comp, chinese, start)
        if unit is not None and j and not unit.startswith(token[len(token) - j :]):
            continue
        if unit is not None:
            break
        high = None
    else:
        return None
    if unit is None:
        return None
    value = view[start:value_end]
    end = upos + len(unit)
    spread = _spread_unit(view, end, unit, comp)
    if spread:  # 回升了76.8个、48.2个百分点: the 个 of each item is the list's 个百分点
        unit, info = spread, _unit_info(comp, spread)
    suffix = comp.suffix_re.match(view, end)
    prefix = comp.prefix_re.search(view, max(0, start - 4), start)
    qualifier = (
        (prefix.group() if prefix else "") + (infix.group() if infix else "") + (suffix.group() if suffix else "")
    )
    if chinese:
        if len(number) == 1 and number in "十百千万亿" and not prefix:
            return None  # 千人计划, 万亩: a bare magnitude is a word, not a count
        if comp.formula_re and comp.formula_re.match(view, end):
            return None
    try:
        base = parse_number(number) * info["multiplier"]
        high_base = parse_number(high) * info["multiplier"] if high else None
    except ValueError:
        return None
    return Hit(
        start,
        end + (len(suffix.group()) if suffix else 0),
        value_end,
        value,
        unit,
        info["family"],
        info["base"],
        base,
        qualifier,
        high_base,
        chinese,
        extra={"prefix_start": prefix.start() if prefix else start},
    )


_SPREAD = re.compile(r"(?:[、和及与][\d.]+个)+(?P<rest>百分点)")


def _spread_unit(view: str, end: int, unit: str, comp: _Compiled) -> str:
    """Return the unit a bare 个 stands for when the list it opens ends in 个百分点 (else ``""``)."""
    if unit != "个":
        return ""
    m = _SPREAD.match(view, end)
    return unit + m["rest"] if m and unit + m["rest"] in comp.rules["units"] else ""


def _special_hits(view: str, comp: _Compiled) -> list[Hit]:
    """Rankings, fractions, 百分之 and ratios: quantities without a unit word."""
    hits = []
    for rx in comp.rankings:
        for m in rx.finditer(view):
            text = m["num"]
            try:
                rank = parse_rank(text)
            except ValueError:
                continue
            value, qual, s = text, "", m.start("num")
            extra = {}
            if text.startswith("前"):  # 前10名: a top-N place; the span keeps 前, the value is 10
                value, qual = text[1:], "前"
                extra = {"value_start": s + 1}
            unit = view[m.end("num") : m.end()]
            hits.append(Hit(s, m.end(), m.end("num"), value, unit, "rank", "rank", rank, qual, extra=extra))
    for m in _FRACTION.finditer(view):
        hits.append(Hit(m.start(), m.end(), m.end(), m.group(), "", "ratio", "ratio", parse_number(m.group())))
    for m in _PERCENT_WORD.finditer(view):
        hits.append(
            Hit(m.start("num"), m.end(), m.end(), m["num"], "百分之", "ratio", "ratio", parse_number(m["num"]) / 100)
        )
    for m in _RATIO.finditer(view):
        a, b = m.group(1), m.group(2)
        if len(b) == 2 and "比" not in view[max(0, m.start() - 6) : m.start()]:
            continue  # 9:30 is a clock time
        if float(b):
            hits.append(Hit(m.start(), m.end(), m.end(), m.group(), "", "ratio", "ratio", float(a) / float(b)))
    return (
        hits
        + _scale_hits(view, comp)
        + _multiplier_hits(view, comp)
        + _streak_hits(view, comp)
        + _bare_count_hits(view, comp)
    )


def _bare_count_hits(view: str, comp: _Compiled) -> list[Hit]:
    """Find counts written with no measure word (rules ``bare_counts``): 3大国家科技企业孵化器, 10国家级众创空间."""
    out = []
    for rx in comp.bare_count_res:
        for m in rx.finditer(view):
            try:
                value = parse_number(m["num"])
            except ValueError:
                continue
            # the span closes the whole match (3大), the value is the numeral; no unit word
            out.append(
                Hit(
                    m.start("num"),
                    m.end(),
                    m.end("num"),
                    m["num"],
                    "",
                    "count",
                    "count",
                    value,
                    extra={"form": "bare_count"},
                )
            )
    return out


# A scale class or a streak is no name and no duration, quoted or not (三个“千亿级”, 连续三个季度).
_SCALE_EXEMPT = ("quoted name", "slogan")
_STREAK_EXEMPT = ("duration",)


def _scale_hits(view: str, comp: _Compiled) -> list[Hit]:
    """Scale classes: 千亿级, 五百亿、千亿级, 万亩千亿 (one row per class, qualifier 级)."""
    hits = []
    units = comp.rules["units"]

    def hit(m, num, unit, pair=False):
        info = units[m[unit]]
        try:
            base = parse_number(m[num]) * info["multiplier"]
        except ValueError:
            return None
        extra = {"form": "scale", "exempt": _SCALE_EXEMPT}
        if pair:  # 万亩千亿: both rows describe what follows the pair
            extra.update(pair=True, head_from=m.end())
        end = m.end() if "cls" in m.re.groupindex and m["cls"] else m.end(unit)
        return Hit(
            m.start(num),
            end,
            m.end(num),
            m[num],
            m[unit],
            info["family"],
            info["base"],
            base,
            "级",
            chinese=True,
            extra=extra,
        )

    pairs = []
    for rx in comp.pair_res:
        for m in rx.finditer(view):
            pairs.append(m.span())
            hits += [h for h in (hit(m, "num", "unit", True), hit(m, "num2", "unit2", True)) if h is not None]
    for rx in comp.scale_res:
        for m in rx.finditer(view):
            h = None if any(s <= m.start("num") < e for s, e in pairs) else hit(m, "num", "unit")
            if h is not None:
                hits.append(h)
    return hits


def _multiplier_hits(view: str, comp: _Compiled) -> list[Hit]:
    """Multipliers written without a numeral: 倍增 (×2), 翻一番 (×2), 翻两番 (×4)."""
    if comp.multiplier_re is None:
        return []
    out = []
    for m in comp.multiplier_re.finditer(view):
        factor = parse_multiplier(m.group())
        out.append(
            Hit(m.start(), m.end(), m.end(), m.group(), "", "multiplier", "times", factor, extra={"form": "multiplier"})
        )
    return out


def _streak_hits(view: str, comp: _Compiled) -> list[Hit]:
    """Streaks that are results: 连续3年全市第一, 连续两年荣获…, 连续三个季度…授予…."""
    if comp.streak_re is None:
        return []
    years = comp.rules["streaks"]["years"]
    out = []
    for m in comp.streak_re.finditer(view):
        after = view[m.end() : _clause_end(view, m.end())]
        if not comp.streak_result_re.search(after):
            continue  # 连续三年 alone is a duration
        unit = m["unit"]
        try:
            value = parse_number(m["num"])
        except ValueError:
            continue
        noun = unit.lstrip("个").rstrip("年") + "年数" if unit.endswith("年") else unit.lstrip("个") + "数"
        out.append(
            Hit(
                m.start("num"),
                m.end(),
                m.end("num"),
                m["num"],
                unit,
                "streak",
                "year",
                value * float(years.get(unit, 1)),
                chinese=not m["num"].isdigit(),
                extra={"form": "streak", "exempt": _STREAK_EXEMPT, "streak_noun": noun},
            )
        )
    return out


def _candidates(view: str, comp: _Compiled) -> list[Hit]:
    blocked = _blocked_spans(view, comp)
    hits, taken = [], []
    for h in sorted(_special_hits(view, comp), key=lambda h: (h.vstart, -h.vend)):
        if _is_blocked(h.vstart, blocked, h.extra.get("exempt", ())) or any(
            s < h.vend and h.vstart < e for s, e in taken
        ):
            continue
        hits.append(h)
        taken.append((h.vstart, h.vend))
    for m in _NUMBER.finditer(view):
        if _is_blocked(m.start(), blocked) or any(s <= m.start() < e for s, e in taken):
            continue
        hit = _quantity(view, m, comp)
        if hit is not None:
            hits.append(hit)
            taken.append((hit.vstart, hit.vend))
    return sorted(hits, key=lambda h: h.vstart)


# --- periods ------------------------------------------------------------------


def _periods(view: str, year: int | None, comp: _Compiled) -> list[tuple[int, str, str]]:
    """Return (position, period, scope) for every time expression in the view."""
    out = []
    seen = []
    ys = str(year) if year else ""
    for m in re.finditer(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", view):
        y = m.group(1) or ys
        out.append((m.start(), f"{y}-{int(m[2]):02d}-{int(m[3]):02d}" if y else "", "paragraph"))
        seen.append((m.start(), m.end()))
    for m in re.finditer(r"(?:(\d{4})年)?(\d{1,2})\s*-\s*(\d{1,2})月份?", view):
        y = m.group(1) or ys
        out.append((m.start(), f"{y}-{int(m[2]):02d}..{y}-{int(m[3]):02d}" if y else "", "sentence"))
        seen.append((m.start(), m.end()))
    for m in re.finditer(r"(\d{4})年(?:(\d{1,2})月份?)?", view):
        if any(s <= m.start() < e for s, e in seen):
            continue
        period = m[1] + (f"-{int(m[2]):02d}" if m[2] else "")
        line_start = view.rfind("\n", 0, m.start()) + 1
        topical = not view[line_start : m.start()].strip() and view[m.end() : m.end() + 2].lstrip()[:1] in ",,"
        out.append((m.start(), period, "article" if topical else "sentence"))
    offsets = comp.rules.get("relative_years", {})
    for m in comp.relative_re.finditer(view):
        y = str(year + offsets[m.group()]) if year else ""
        out.append((m.start(), y, "article"))
    return sorted(out)


def _horizons(view: str, year: int | None, comp: _Compiled) -> list[tuple[int, str]]:
    """Return (position, period) for every horizon of an aim (力争通过五年努力 -> 2018..2022)."""
    out = []
    if not year:
        return out
    for rx in comp.horizon_res:
        for m in rx.finditer(view):
            try:
                n = int(parse_number(m["n"]))
            except ValueError:
                continue
            if n > 1:
                out.append((m.start(), f"{year}..{year + n - 1}"))
    return sorted(out)


def _horizon_for(hit: Hit, horizons, sent_starts, periods) -> str | None:
    """Return the period a target or plan takes from a horizon of the text, or None (rules ``horizons``).

    A horizon in the figure's sentence sets the period of its targets and plans; a scale-class
    target (千亿级) with no year of its own sentence takes the article's first horizon.
    """
    if hit.kind not in ("target", "plan") or not horizons:
        return None
    sent = _segment(sent_starts, hit.vstart)
    own = [p for pos, p in horizons if _segment(sent_starts, pos) == sent]
    if own:
        return own[0]
    if hit.kind == "target" and hit.extra.get("form") == "scale":
        named = any(scope == "sentence" and _segment(sent_starts, p) == sent and y for p, y, scope in periods)
        return None if named else horizons[0][1]
    return None


def _period_for(pos: int, periods, sent_starts, para_starts) -> str:
    sent, para = _segment(sent_starts, pos), _segment(para_starts, pos)
    best = ""
    for p, period, scope in periods:
        if p >= pos:
            break
        if (
            scope == "article"
            or (scope == "paragraph" and _segment(para_starts, p) == para)
            or (scope == "sentence" and _segment(sent_starts, p) == sent)
        ):
            best = period
    return best


# --- structure: headings and the type of article ----------------------------


@dataclass(frozen=True)
class _Context:
    """What the structure says of one figure: the cue of its section and the heading that gave it."""

    cue: str | None = None  # forward, results, mixed or None (helpers.analysis.sections)
    heading: str = ""
    in_heading: bool = False


def _structure(text: str, offsets: list[int], year: int | None, title: str) -> list[_Context]:
    """Read, for each offset, the cue of the section it stands in (:mod:`helpers.analysis.sections`)."""
    if not offsets:
        return []
    headings = sections.find_headings(text, title=title or "")
    cues = sections.section_cues(text, offsets, headings=headings, year=year)
    inside = sections.governing_heading(text, offsets, headings=headings)["inside"].tolist()
    return [
        _Context(cue, heading_text, i >= 0 and headings[i].kind != "title")
        for cue, heading_text, i in zip(cues["cue"], cues["cue_heading_text"], inside)
    ]


def _article_types(articles: pd.DataFrame) -> dict[str, str]:
    """Each article's type: the ``article_type`` column if the table has one, else typed here."""
    if "article_type" in articles.columns:
        return dict(zip(articles["article_id"], articles["article_type"]))
    if articles.empty or "title" not in articles.columns:
        return {}  # a table of texts alone (tests, fixtures): no type
    typed = article_types.article_type_table(articles)
    return dict(zip(typed["article_id"], typed["article_type"]))


# --- kinds ----------------------------------------------------------------------


def _last_cue(text: str, cues) -> tuple[int, str, str] | None:
    """Return the cue that ends last in ``text``: (end, kind, word)."""
    found = [(m.end(), kind, m.group()) for kind, rx in cues for m in rx.finditer(text)]
    return max(found) if found else None


def _first_after(text: str, cues) -> tuple[int, str, str] | None:
    found = [(m.start(), kind, m.group()) for kind, rx in cues for m in rx.finditer(text)]
    return min(found) if found else None


def _sentence_end(view: str, pos: int) -> int:
    """End of the sentence that holds ``pos`` (。!? or a line break)."""
    ends = [view.find(ch, pos) for ch in "。!?\n"]
    return min([e for e in ends if e >= 0] or [len(view)])


def _signed(view: str, hit: Hit) -> bool:
    """Money, or a count of projects: what a signing agrees (not the 11家企业 who signed)."""
    if hit.family in ("money", "money_usd"):
        return True
    before = view[_clause_start(view, hit.vstart) : hit.extra.get("prefix_start", hit.vstart)]
    return hit.family == "count" and (view.startswith("项目", hit.vend) or before.endswith("项目"))


def _context_of(view: str, hit: Hit, comp: _Compiled, sent_start: int, ctx: _Context, article_type: str | None):
    """Say whether a figure stands in a forward-looking or a results context, and why."""
    if ctx.cue in ("forward", "results"):
        return ctx.cue, f"heading {ctx.heading} ({ctx.cue})"
    if comp.forward_re is not None:
        m = comp.forward_re.search(view, sent_start, hit.vstart)
        if m:
            return "forward", f"{m.group()} earlier in the sentence"
    if article_type in comp.forward_types:
        return "forward", f"article type {article_type}"
    if article_type in comp.results_types:
        return "results", f"article type {article_type}"
    return None, ""


def _kind(
    view: str,
    hit: Hit,
    comp: _Compiled,
    sent_start: int,
    article_year: int | None,
    prev: Hit | None = None,
    ctx: _Context = _Context(),
    article_type: str | None = None,
) -> tuple[str, str]:
    """Decide a figure's kind, by the steps of indicators.yml's "Kinds"; return (kind, evidence)."""
    forced = comp.rules.get("family_kind", {}).get(hit.family)
    if forced:
        return forced, {"age": "an age", "rank": "a place in a ranking"}.get(hit.family, hit.family)
    if hit.extra.get("project"):
        return "context", "a capacity in a project's name"
    cstart = _clause_start(view, hit.vstart)
    lead = view[cstart : hit.extra.get("prefix_start", hit.vstart)]
    m = comp.context_re.search(lead) if comp.context_re else None
    if m:
        return "context", f"denominator: {m.group()}"
    after = view[hit.vend : _clause_end(view, hit.vend)]
    m = comp.context_after_re.search(after) if comp.context_after_re else None
    if m:
        return "context", f"the whole a part is taken from: {m.group()}"
    m = comp.other_party_re.search(lead) if comp.other_party_re is not None else None
    if m and hit.family in ("count", "money"):  # 火炬中心共对1277家…开展评价: another party's totals (C21)
        return "context", f"another party's figure: {m.group()}"
    party = prev is not None and prev.kind_evidence.startswith("another party's figure")
    if party and hit.family in ("count", "money") and not _last_cue(view[cstart : hit.vstart], comp.weak):
        # …其中优秀(A类)386家; …五个维度,…等23项具体指标: the rest of that party's list
        return "context", f"{prev.kind_evidence.split(' (')[0]} (the rest of its list)"
    if comp.rate_base_re is not None and hit.family == "count":
        m = comp.rate_base_re.search(view, hit.vend, _sentence_end(view, hit.vend))
        if m:  # 8个省级重点项目…全部开工,投资完成率分别为160%…: the base of the rates (C7)
            return "context", f"the base of a rate: {m.group()}"
    before = view[cstart : hit.vstart]
    strong = _last_cue(before, comp.strong)
    if strong:
        hit.extra["strong"] = strong[2]
        return strong[1], f"cue {strong[2]}"
    weak = _last_cue(before, comp.weak)
    if comp.signed_re is not None and _signed(view, hit):
        # In the figure's clause (12个项目集中签约), or earlier in the sentence when this
        # clause has no verb of its own (…签约,…总投资金额达到197亿元; not 开工项目46个).
        m = comp.signed_re.search(view, cstart, _clause_end(view, hit.vend))
        if m is None and (weak is None or weak[1] == "achieved" and weak[2] in ("达到", "达", "共")):
            m = comp.signed_re.search(view, sent_start, cstart)
        if m:
            return "signed", f"cue {m.group()} (signed, not realised)"
    m = comp.plan_lead_re.search(lead) if comp.plan_lead_re is not None and hit.family == "money" else None
    if m:  # C1: a project's total investment is its size, a plan, whatever the verb of the sentence
        return "plan", f"a total investment ({m.group()})"
    past = comp.past_re.search(before) if comp.past_re else None
    if prev is not None and prev.extra.get("strong") and not past:
        hit.extra["strong"] = prev.extra["strong"]
        return prev.kind, f"cue {prev.extra['strong']} (over the list)"
    later = _first_after(after, comp.after)
    context, why = _context_of(view, hit, comp, sent_start, ctx, article_type)
    earlier = article_year and hit.period[:4].isdigit() and int(hit.period[:4]) < article_year
    if context == "forward" and (past or earlier):
        context, why = None, ""  # a plan looking back: 去年…完成, 2016年… report
    if hit.extra.get("form") == "scale":
        # A class to reach (打造千亿级…, 加快向…千亿级…迈进, in a plan), else one reached
        # (…等千亿级战略性新兴产业 describes what is there).
        toward = re.search("迈进|迈向|向", view[cstart : _clause_end(view, hit.vend)])
        if past is None and (context == "forward" or toward or (weak and weak[1] in ("plan", "target"))):
            reason = why if context == "forward" else (f"cue {weak[2]}" if weak else toward.group())
            return "target", f"a scale class to reach ({reason})"
        return "achieved", "a scale class reached"
    if context == "forward":
        if comp.target_heading_re is not None and comp.target_heading_re.search(ctx.heading or ""):
            return "target", f"heading {ctx.heading}"
        cue = weak or later
        if cue:
            return ("plan" if cue[1] == "plan" else "target"), f"cue {cue[2]} under {why}"
        if prev is not None and prev.kind in ("target", "plan"):
            return prev.kind, f"continues the list, under {why}"
        return "plan", f"no cue, under {why}"
    if context == "results" and weak and weak[1] == "plan" and weak[2] in comp.results_reading:
        return "achieved", f"cue {weak[2]} in {why}"
    if weak:
        return weak[1], f"cue {weak[2]}"
    if later:
        return later[1], f"cue {later[2]} after the figure"
    # A clause without a verb continues the previous list item's verb
    # (建设1个智慧社区,1-2处…示范社区,选择2-3处学校).
    if prev is not None and prev.kind in ("achieved", "target", "plan", "signed"):
        return prev.kind, "continues the list"
    if article_year and hit.period[:4].isdigit() and int(hit.period[:4]) > article_year:
        return "plan", f"period {hit.period} after the article's year"
    strong = None if past else _last_cue(view[sent_start:cstart], comp.strong)
    if strong:  # not past a past marker: 将…四链融合,已招引13个项目 reports
        return strong[1], f"cue {strong[2]} earlier in the sentence"
    return "achieved", f"no cue, {why}" if why else "no cue: a reported figure"


def _mark_projects(view: str, hits: list[Hit], comp: _Compiled) -> None:
    """Mark the figures inside a project's name (年产6万吨…项目) with that name."""
    if comp.project_re is None:
        return
    for m in comp.project_re.finditer(view):
        start = m.start()
        while start > max(0, m.start() - 20) and view[start - 1] not in naming.CLAUSE_END + '、“”"的和与及':
            start -= 1
        name = view[start : m.end()]
        for hit in hits:
            if m.start() <= hit.vstart < m.end():
                hit.extra["project"] = name


# --- public API -----------------------------------------------------------


def _year_of(article_date: str | None) -> int | None:
    if article_date is None or pd.isna(article_date):
        return None
    m = re.match(r"(\d{4})", str(article_date))
    return int(m[1]) if m else None


def extract_indicators(
    text: str,
    article_date: str | None = None,
    rules: dict | None = None,
    *,
    article_type: str | None = None,
    title: str = "",
    zone: str = ZONE,
) -> pd.DataFrame:
    """Extract every quantitative fact from one article's text.

    Parameters
    ----------
    text : str
        Article text, furniture removed, characters otherwise original.
    article_date : str, optional
        ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; 今年/明年/1-10月份 resolve
        against its year (never against today). None leaves them blank.
    rules : dict, optional
        Rules as returned by :func:`load_rules`; default the lexicon file.
    article_type : str, optional
        The article's type (:mod:`helpers.analysis.article_types`: work_plan,
        results, meeting…); a work plan reads a figure with no cue as an aim,
        a results round-up as an outcome. None: no type.
    title : str
        The article's title, so that its headline block is told from section
        headings, and a ranking may find its contest there.
    zone : str
        The subject of a figure when the text names no one else; ``""`` for an
        article not about the zone.

    Returns
    -------
    pandas.DataFrame
        One row per quantity (a figure shared by several measures, one row per
        measure), sorted by ``start``, with the columns :data:`COLUMNS`:
        indicator, value, unit, value_base, base_unit, qualifier, kind,
        period, sentence, start, end (offsets into ``text``; ``end`` closes
        the whole quantity including unit and qualifier), unit_family,
        value_high_base (upper end of a range, else NaN), subject,
        subject_type, contest (rankings), kind_evidence, form (one of
        :data:`FORMS`) and share_index (0, or 1, 2… for the further measures
        of a shared figure).
    """
    comp = _compile(rules if rules is not None else load_rules())
    year = _year_of(article_date)
    view, idx = _make_view(text)
    sentences = split_sentences(text)
    sent_starts = _sentence_starts(sentences, idx)
    para_starts = _paragraph_starts(view)
    periods = _periods(view, year, comp)
    horizons = _horizons(view, year, comp)
    hits = _candidates(view, comp)
    _mark_projects(view, hits, comp)
    structure = _structure(text, [idx[h.vstart] for h in hits], year, title)
    # Cue words inside quoted names (“千人计划”) must not set the kind.
    masked = list(view)
    for start, end in quotations(view):
        masked[start:end] = "□" * (end - start)
    masked = "".join(masked)
    prev = None
    for hit, ctx in zip(hits, structure):
        hit.period = _period_for(hit.vstart, periods, sent_starts, para_starts)
        sent = _segment(sent_starts, hit.vstart)
        same = prev if prev and prev.vend <= hit.vstart and _segment(sent_starts, prev.vstart) == sent else None
        hit.extra["noun"] = view[hit.vend : _clause_end(view, hit.vend)]
        hit.kind, hit.kind_evidence = _kind(masked, hit, comp, sent_starts[sent], year, same, ctx, article_type)
        hit.period = _horizon_for(hit, horizons, sent_starts, periods) or hit.period
        prev = hit
    hits = naming.name_figures(view, hits, sent_starts, comp, zone=zone, title=title)
    rows = []
    for hit in hits:
        start = idx[hit.vstart]
        sentence = sentences[_segment(sent_starts, hit.vstart)].text
        rows.append(
            {
                "indicator": hit.indicator,
                "value": text[idx[hit.extra.get("value_start", hit.vstart)] : idx[hit.value_end - 1] + 1],
                "unit": hit.unit,
                "value_base": hit.value_base,
                "base_unit": hit.base_unit,
                "qualifier": hit.qualifier,
                "kind": hit.kind,
                "period": hit.period,
                "sentence": sentence,
                "start": start,
                "end": idx[hit.vend - 1] + 1,
                "unit_family": hit.family,
                "value_high_base": hit.value_high_base,
                "subject": hit.subject,
                "subject_type": hit.subject_type,
                "contest": hit.contest,
                "kind_evidence": hit.kind_evidence,
                "form": _form(hit),
                "share_index": hit.share_index,
            }
        )
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.astype(
        {
            "start": "int64",
            "end": "int64",
            "value_base": "float64",
            "value_high_base": "float64",
            "share_index": "int64",
        }
    )


def zone_of(text: str, title=None, rules: dict | None = None) -> str:
    """Return the development zone an article not about ours is about: the one it names most (or ``""``).

    A zone is a place (``zone_places`` of the rules) and a zone word after it
    (``zone_words``: 济宁经开区, 兖州工业园区); its figures are its own (C13 of the
    gold guide: every development zone is a zone), not ours and not no one's.
    """
    rules = rules if rules is not None else load_rules()
    places, words = rules.get("zone_places") or [], rules.get("zone_words") or []
    if not places or not words:
        return ""
    pattern = re.compile(f"(?:{alternation(places)})[\u4e00-\u9fff]{{0,4}}?(?:{alternation(words)})")
    found = pattern.findall(f"{title if isinstance(title, str) else ''}\n{text}")
    if not found:
        return ""
    counts = {name: found.count(name) for name in dict.fromkeys(found)}
    return max(counts, key=counts.get)


def _form(hit: Hit) -> str:
    if hit.extra.get("project"):
        return "project_capacity"
    return {"scale": "scale_class", "multiplier": "multiplier", "streak": "streak"}.get(hit.extra.get("form"), "figure")


def indicators_table(articles: pd.DataFrame, rules: dict | None = None) -> pd.DataFrame:
    """Build the published indicators table for a set of articles.

    Parameters
    ----------
    articles : pandas.DataFrame
        One row per article with at least article_id, file,
        article_index, year, date and text; title, about_zone and
        article_type are read when present (without article_type, articles
        are typed by :mod:`helpers.analysis.article_types`).
    rules : dict, optional
        Rules as returned by :func:`load_rules`.

    Returns
    -------
    pandas.DataFrame
        DESIGN.md's ``indicators.csv`` columns, then qualifier,
        unit_family, end, value_high_base, subject, subject_type, contest,
        kind_evidence, form and shares; sorted by article and start.
        ``indicator_id`` is ``"{article_id}:{start}"``; the further measures
        of a figure shared by several (A和B均达到100%) are
        ``"{article_id}:{start}:2"``, ``:3``…, and ``shares`` names the first.
    """
    rules = rules if rules is not None else load_rules()
    types = _article_types(articles)
    frames = []
    for art in articles.to_dict("records"):
        date = art.get("date") if isinstance(art.get("date"), str) and art.get("date") else None
        if date is None and not pd.isna(art.get("year")):
            date = str(int(art["year"]))
        about = art.get("about_zone", True)
        ours = about is None or pd.isna(about) or bool(about)
        df = extract_indicators(
            art["text"],
            date,
            rules,
            article_type=types.get(art["article_id"]),
            title=art.get("title") if isinstance(art.get("title"), str) else "",
            zone=ZONE if ours else zone_of(art["text"], art.get("title"), rules),
        )
        first = [f"{art['article_id']}:{s}" for s in df["start"]]
        df.insert(0, "indicator_id", [f"{i}:{k + 1}" if k else i for i, k in zip(first, df["share_index"])])
        df["shares"] = [i if k else "" for i, k in zip(first, df["share_index"])]
        for pos, col in enumerate(["article_id", "file", "article_index", "year"], start=1):
            df.insert(pos, col, art[col])
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out = out.sort_values(["file", "article_index", "start"], kind="stable")
    return out[TABLE_COLUMNS].reset_index(drop=True)


def evaluate(
    gold: pd.DataFrame, predicted: pd.DataFrame, fields: tuple[str, ...] = ("value_base", "unit", "kind")
) -> dict:
    """Score predicted indicators against a hand-checked gold set.

    Parameters
    ----------
    gold : pandas.DataFrame
        Columns file, start, is_indicator (bool), value and the ``fields``;
        rows with is_indicator False are numbers that must NOT be extracted
        (their ``reason`` column, if any, is echoed in false positives).
    predicted : pandas.DataFrame
        Columns file, start and the ``fields``; rows of files absent from
        ``gold`` are ignored, since gold covers only some articles.
    fields : tuple of str
        Columns that must agree for a match on (file, start) to count;
        value_base is compared with a relative tolerance of 1e-6.

    Returns
    -------
    dict
        precision, recall, tp, n_predicted, n_gold, and lists of dicts
        false_positives, misses and mismatches (matched on position, wrong
        in a field; counted both as a false positive and as a miss).
    """
    is_indicator = flags(gold["is_indicator"])  # a gold CSV holds the text "True"/"False"
    pos = gold[is_indicator]
    neg = gold[~is_indicator]
    pred = predicted[predicted["file"].isin(set(gold["file"]))]
    gold_by_key = {(r["file"], int(r["start"])): r for r in pos.to_dict("records")}
    neg_spans = [
        (r["file"], int(r["start"]), int(r["start"]) + len(str(r["value"])), r.get("reason", ""))
        for r in neg.to_dict("records")
    ]
    tp, fps, mismatches, matched = 0, [], [], set()
    for r in pred.to_dict("records"):
        key = (r["file"], int(r["start"]))
        g = gold_by_key.get(key)
        if g is None:
            reason = next((why for f, s, e, why in neg_spans if f == key[0] and s <= key[1] < e), "not in gold")
            fps.append({**{k: r.get(k) for k in ("file", "start", "value", "unit", "sentence")}, "reason": reason})
            continue
        matched.add(key)
        wrong = {f: (r.get(f), g.get(f)) for f in fields if not _same(r.get(f), g.get(f))}
        if wrong:
            mismatches.append({"file": key[0], "start": key[1], "value": r.get("value"), "diff": wrong})
        else:
            tp += 1
    misses = [
        {k: g.get(k) for k in ("file", "start", "value", "unit", "indicator")}
        for key, g in gold_by_key.items()
        if key not in matched
    ]
    n_pred, n_gold = len(pred), len(pos)
    return {
        "precision": tp / n_pred if n_pred else 1.0,
        "recall": tp / n_gold if n_gold else 1.0,
        "tp": tp,
        "n_predicted": n_pred,
        "n_gold": n_gold,
        "false_positives": fps,
        "misses": misses,
        "mismatches": mismatches,
    }


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            a, b = float(a), float(b)
        except (TypeError, ValueError):
            return False
        return abs(a - b) <= 1e-6 * max(1.0, abs(b))
    return ("" if a is None or (isinstance(a, float) and pd.isna(a)) else str(a)) == (
        "" if b is None or (isinstance(b, float) and pd.isna(b)) else str(b)
    )
