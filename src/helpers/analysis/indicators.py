r"""Extract the indicator ledger: every quantitative fact in an article.

Each quantity becomes one row: what is measured (``indicator``), the number
and unit as written, the value in a base unit, a qualifier, the ``kind`` of
claim (achieved / target / plan / ranking / other), the ``period`` it refers
to, and the sentence and character offset it came from.

The method lives in ``data/lexicon/indicators.yml`` (units, measure words,
qualifiers, kind cues, exclusions, the words that name a figure and split a
分别 list); this module only applies it. Work happens on a *view* of
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
from helpers.analysis.numerals import CN_NUMERAL_CHARS, parse_number, parse_rank, to_halfwidth
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
]
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
]

_CLAUSE_END = ",;:。!?\n"
_CN = f"[{CN_NUMERAL_CHARS}]"
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_NUMBER = re.compile(rf"(?<![\d.A-Za-z_@-])(?P<ar>{_ARABIC})(?![\d])|(?<!第)(?P<cn>{_CN}+)")
_ARABIC_RE = re.compile(rf"{_ARABIC}(?!\d)")
_RANGE_SEP = re.compile(r"\s*[-~至到]\s*")
_RATIO = re.compile(r"(?<![\d.:])(\d{1,3}):(\d{1,3})(?![\d:])")
_FRACTION = re.compile(r"(?P<num>(?!百分之)[一二三四五六七八九十百\d]+分之[一二三四五六七八九十\d]+)")
_PERCENT_WORD = re.compile(r"百分之(?P<num>[零一二三四五六七八九十百点\d.]+)")
_DIGIT = re.compile(r"\d")
_NAME_NOISE = re.compile(r"[“”\"《》\s…]")  # quote marks, book-title marks, spaces: no part of a name
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
    spans = [(m.start(), m.end(), reason) for rx, reason in comp.exclusions for m in rx.finditer(view)]
    limit = comp.rules.get("quoted_label_max_chars", 10)
    spans += [(start, end, "quoted name") for start, end in quotations(view, limit)]
    return spans


def _is_blocked(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e, _ in spans)


def _unit_info(comp: _Compiled, unit: str) -> dict:
    return comp.rules["units"][unit]


def _clause_start(view: str, pos: int) -> int:
    return max(view.rfind(ch, 0, pos) for ch in _CLAUSE_END) + 1


def _clause_end(view: str, pos: int) -> int:
    ends = [view.find(ch, pos) for ch in _CLAUSE_END]
    return min([e for e in ends if e >= 0] or [len(view)])


def _money_context(view: str, pos: int, comp: _Compiled) -> bool:
    clause = view[_clause_start(view, pos) : pos]
    return any(w in clause for w in comp.rules.get("money_context", []))


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
            if text.startswith("前"):
                value, qual, s = text[1:], "前", s + 1
            unit = view[m.end("num") : m.end()]
            hits.append(Hit(s, m.end(), s + len(value), value, unit, "rank", "rank", rank, qual))
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
    return hits


def _candidates(view: str, comp: _Compiled) -> list[Hit]:
    blocked = _blocked_spans(view, comp)
    hits, taken = [], []
    for h in sorted(_special_hits(view, comp), key=lambda h: (h.vstart, -h.vend)):
        if _is_blocked(h.vstart, blocked) or any(s < h.vend and h.vstart < e for s, e in taken):
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


# --- kinds and indicator names ---------------------------------------------


def _last_cue(text: str, cues) -> tuple[int, str] | None:
    found = [(m.end(), kind) for kind, rx in cues for m in rx.finditer(text)]
    return max(found) if found else None


def _kind(
    view: str, hit: Hit, comp: _Compiled, sent_start: int, article_year: int | None, prev: Hit | None = None
) -> str:
    forced = comp.rules.get("family_kind", {}).get(hit.family)
    if forced:
        return forced
    cstart = _clause_start(view, hit.vstart)
    if comp.context_re and comp.context_re.search(view[cstart : hit.extra.get("prefix_start", hit.vstart)]):
        return "other"
    before = view[cstart : hit.vstart]
    strong = _last_cue(before, comp.strong)
    if strong:
        return strong[1]
    weak = _last_cue(before, comp.weak)
    if weak:
        return weak[1]
    after = view[hit.vend : _clause_end(view, hit.vend)]
    found = [(m.start(), kind) for kind, rx in comp.after for m in rx.finditer(after)]
    if found:
        return min(found)[1]
    # A clause without a verb continues the previous list item's verb
    # (建设1个智慧社区,1-2处…示范社区,选择2-3处学校).
    if prev is not None and prev.kind in ("achieved", "target", "plan"):
        return prev.kind
    if article_year and hit.period[:4].isdigit() and int(hit.period[:4]) > article_year:
        return "plan"
    strong = _last_cue(view[sent_start:cstart], comp.strong)
    return strong[1] if strong else "achieved"


def _clean(text: str, comp: _Compiled) -> str:
    text = _NAME_NOISE.sub("", text)
    text = comp.relative_re.sub("", text)
    text = re.sub(r"\d{4}年|\d{1,2}-\d{1,2}月份?", "", text)
    for _ in range(4):  # cue words stack: 今年以来共完成…
        new = comp.strip_suffix_re.sub("", comp.strip_prefix_re.sub("", text))
        if new == text:
            break
        text = new
    return text


def _indicator(view: str, hit: Hit, prev: Hit | None, comp: _Compiled) -> str:
    """Name what ``hit`` measures from the words around it.

    ``prev`` is the previous quantity of the same sentence, if any. Counts
    usually name their noun after the measure word (6次集中开工仪式);
    other units name it before the number (基础设施投入61.7亿元).
    """
    bstart = max(_clause_start(view, hit.vstart), view.rfind("、", 0, hit.vstart) + 1, prev.vend if prev else 0)
    raw_before = view[bstart : hit.extra.get("prefix_start", hit.vstart)]
    before = _clean(raw_before, comp)
    cend = _clause_end(view, hit.vend)
    nxt = _DIGIT.search(view, hit.vend, cend)
    after = re.sub(r"^的", "", view[hit.vend : nxt.start() if nxt else cend].split("、")[0])
    after = comp.noun_end_re.sub("", after)
    after = _NAME_NOISE.sub("", after)
    if hit.family == "rank":
        before = comp.scope_re.sub("", before)
        subject = before if before and before not in comp.rules["amount_words"] else (prev.indicator if prev else "")
        return (subject or "综合") + "排名"
    if raw_before.startswith(tuple(comp.rules["share_verbs"])) and prev is not None:  # 进出口额105.4亿元,占全市22.6%
        return prev.indicator + re.sub(r"[“”\"《》\s的]", "", raw_before)
    starts_with_cue = any(rx.match(after) for _, rx in comp.after)
    if hit.family in ("count", "age") and after and not starts_with_cue:
        return after
    if starts_with_cue:  # 4家入选全省…: subject before, predicate after
        return before + comp.count_re.sub("", view[hit.vend : cend])
    return before or after


def _respectively(view: str, hits: list[Hit], sent_starts: list[int], comp: _Compiled) -> None:
    """Name each value of a 分别…A、B、C和D list after its enumerated item."""
    marker_word = comp.rules["respectively"]["marker"]
    i = 0
    while i < len(hits):
        h = hits[i]
        if not comp.respectively_re.search(view, max(0, h.vstart - 4), h.extra.get("prefix_start", h.vstart)):
            i += 1
            continue
        group = [h]
        while i + len(group) < len(hits):
            gap = view[group[-1].vend : hits[i + len(group)].vstart]
            if not comp.gap_re.fullmatch(gap):
                break
            group.append(hits[i + len(group)])
        n = len(group)
        marker = view.rfind(marker_word, 0, h.vstart)
        cstart = _clause_start(view, marker)
        measure = view[cstart:marker]
        head = ""
        g = comp.group_ref_re.match(measure)
        if g:
            head, measure = g["head"] or "", measure[g.end() :]
        sent = _segment(sent_starts, marker)
        window = view[sent_starts[max(0, sent - 1)] : cstart]
        items = None
        for clause in reversed(re.split(r"[,;。\n]", window)):
            parts = [p for p in comp.item_split_re.split(clause) if p]
            if len(parts) >= n:
                items = parts[:n]
                break
        if items and n > 1:
            items[0] = comp.lead_verb_re.sub("", items[0])
            items[-1] = comp.item_end_re.sub("", items[-1])
            for item, hit in zip(items, group):
                suffix = head if head and not item.endswith(head) else ""
                hit.indicator = f"{item}{suffix}{measure}"
        i += n


# --- public API -----------------------------------------------------------


def _year_of(article_date: str | None) -> int | None:
    if article_date is None or pd.isna(article_date):
        return None
    m = re.match(r"(\d{4})", str(article_date))
    return int(m[1]) if m else None


def extract_indicators(text: str, article_date: str | None = None, rules: dict | None = None) -> pd.DataFrame:
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

    Returns
    -------
    pandas.DataFrame
        One row per quantity, sorted by ``start``, with columns
        indicator, value, unit, value_base, base_unit, qualifier, kind,
        period, sentence, start, end (offsets into ``text``; ``end`` closes
        the whole quantity including unit and qualifier), unit_family,
        value_high_base (upper end of a range, else NaN).
    """
    comp = _compile(rules if rules is not None else load_rules())
    year = _year_of(article_date)
    view, idx = _make_view(text)
    sentences = split_sentences(text)
    sent_starts = _sentence_starts(sentences, idx)
    para_starts = _paragraph_starts(view)
    periods = _periods(view, year, comp)
    hits = _candidates(view, comp)
    # Cue words inside quoted names (“千人计划”) must not set the kind.
    masked = list(view)
    for start, end in quotations(view):
        masked[start:end] = "□" * (end - start)
    masked = "".join(masked)
    prev = None
    for hit in hits:
        hit.period = _period_for(hit.vstart, periods, sent_starts, para_starts)
        sent = _segment(sent_starts, hit.vstart)
        same = prev if prev and prev.vend <= hit.vstart and _segment(sent_starts, prev.vstart) == sent else None
        hit.kind = _kind(masked, hit, comp, sent_starts[sent], year, same)
        hit.indicator = _indicator(view, hit, same, comp)
        prev = hit
    _respectively(view, hits, sent_starts, comp)
    rows = []
    for hit in hits:
        start = idx[hit.vstart]
        sentence = sentences[_segment(sent_starts, hit.vstart)].text
        rows.append(
            {
                "indicator": hit.indicator,
                "value": text[start : idx[hit.value_end - 1] + 1],
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
            }
        )
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.astype({"start": "int64", "end": "int64", "value_base": "float64", "value_high_base": "float64"})


def indicators_table(articles: pd.DataFrame, rules: dict | None = None) -> pd.DataFrame:
    """Build the published indicators table for a set of articles.

    Parameters
    ----------
    articles : pandas.DataFrame
        One row per article with at least article_id, file,
        article_index, year, date and text.
    rules : dict, optional
        Rules as returned by :func:`load_rules`.

    Returns
    -------
    pandas.DataFrame
        DESIGN.md's ``indicators.csv`` columns, then qualifier,
        unit_family, end and value_high_base; sorted by article and start.
        ``indicator_id`` is ``"{article_id}:{start}"``.
    """
    rules = rules if rules is not None else load_rules()
    frames = []
    for art in articles.itertuples(index=False):
        date = art.date if isinstance(art.date, str) and art.date else None
        if date is None and not pd.isna(art.year):
            date = str(int(art.year))
        df = extract_indicators(art.text, date, rules)
        df.insert(0, "indicator_id", [f"{art.article_id}:{s}" for s in df["start"]])
        for pos, col in enumerate(["article_id", "file", "article_index", "year"], start=1):
            df.insert(pos, col, getattr(art, col))
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
