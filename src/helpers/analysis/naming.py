r"""Name a figure: what it measures, whose it is, and what a ranking ranks in.

:mod:`helpers.analysis.indicators` finds the figures of a text and their
kinds; this module gives each its words:

* ``indicator``: a noun phrase for what is measured, never a verb or a
  fragment. Counts name the noun after their measure word, and when a verb
  follows that noun the name is the verb phrase and the noun joined by 的
  (54个项目投产达效 -> 投产达效的项目); other units name the words before the
  number (基础设施投入61.7亿元), or the thing after a 的 they describe (2000亩
  的医养健康产业集聚区 -> 医养健康产业集聚区面积). Rankings are named after the
  contest they rank in (全市重点项目现场观摩评比名次) or the measure ranked
  (攀登计划企业数量全市排名); a 分别 list names each figure after its item.
* ``subject`` and ``subject_type``: whose figure it is, as the text names it:
  the zone, a park, a company, a project, the city, a county, the province,
  the country, or another body (a consortium, an association). The zone is
  the default only for an article about it where nothing else is named.
* ``contest``: for a ranking, the contest or list it ranks in.

One figure shared by several measures (A和B均达到100%, 数量均居全市第一 after
two counts) becomes one row per measure: :func:`name_figures` returns copies
of the figure with ``share_index`` 1, 2… after the first.

The words these rules read are data in ``data/lexicon/indicators.yml``
(sections "Indicator names", "Names that say what is measured", "Subjects",
"Contests", "分别 lists"); this module applies them. Positions are in the
*view* of the text that :mod:`helpers.analysis.indicators` works on.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.analysis.numerals import parse_number, to_halfwidth
from helpers.text import alternation

CLAUSE_END = ",;:。!?\n"
_DIGIT = re.compile(r"\d")
_NAME_NOISE = re.compile(r"[“”\"《》「」‘’\s…◎●■▲◆★]")  # quotes, title marks, spaces, bullets: no part of a name
_BOUNDARY = set(',;:。!?\n、“”"《》「」‘’()()[]【】 \t的和与及')
SUBJECT_TYPES = ("zone", "park", "company", "project", "city", "county", "province", "country", "other")
_NAME_MAX = 20  # a name found by its suffix runs back at most this far


def clause_start(view: str, pos: int) -> int:
    """Start of the clause that holds ``pos`` (after the last of ,;:。!? or a line break)."""
    return max(view.rfind(ch, 0, pos) for ch in CLAUSE_END) + 1


def clause_end(view: str, pos: int) -> int:
    """End of the clause that holds ``pos``."""
    ends = [view.find(ch, pos) for ch in CLAUSE_END]
    return min([e for e in ends if e >= 0] or [len(view)])


def _segment(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


# --- rules ----------------------------------------------------------------


@dataclass
class _Naming:
    """The naming rules of one rules dict, compiled."""

    comp: object  # helpers.analysis.indicators._Compiled
    predicate_re: re.Pattern
    tail_re: re.Pattern
    change_re: re.Pattern
    growth_re: re.Pattern
    generic_money: frozenset
    relational_re: re.Pattern
    shared_re: re.Pattern
    group_re: re.Pattern
    zone_re: re.Pattern
    zone_start_re: re.Pattern
    suffix_re: re.Pattern
    suffix_type: dict
    subject_verb_re: re.Pattern
    topic_verb_re: re.Pattern
    not_in_names: str
    not_subject_before: tuple
    example_re: re.Pattern
    contest_re: re.Pattern
    generic_contests: frozenset
    event_re: re.Pattern
    known_re: re.Pattern | None
    known_type: dict
    amount_re: re.Pattern  # a rank named only by how much (数量, 净增量, 总件数): of the figure before it
    comparison_re: re.Pattern  # a figure named only by a comparison (同比增长): of the figure before it
    rank_verb_re: re.Pattern
    award_verb_re: re.Pattern
    doer_re: re.Pattern
    measure_noun_re: re.Pattern
    contest_end: tuple
    addition_re: re.Pattern  # 净增, 新增… right before a noun: a yearly addition, not a total
    vague_nouns: frozenset  # a count named by one of these alone says nothing: keep its verb (剥离的职能)
    vague_verb_re: re.Pattern  # the verbs kept before a vague noun
    kept_verb_re: re.Pattern | None  # v6: verbs that make an amount a result (盘活的低效闲置用地)
    per_unit_re: re.Pattern | None  # v6: a scope that makes a count one per unit (在每个街道…1个智慧社区)
    body_re: re.Pattern  # a body that owns the things counted (投资促进局 … 7个部门)
    topic_measures: frozenset  # 产值, 营收…: a figure so named is of the topic its sentence opens with
    topic_re: re.Pattern  # the topic at the start of a clause (高端装备产业…, 四大产业…)


_NAMING: dict[int, _Naming] = {}
_NEVER = "(?!)"


def _words(rules: dict, key: str) -> list[str]:
    return list(rules.get(key) or [])


def _alt(words) -> str:
    return alternation(list(words)) or _NEVER


@lru_cache(maxsize=4)
def _known_names(types: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Names and aliases of the entity lexicon's companies, parks… with their subject type."""
    from helpers.analysis.entities import load_entities  # read once per process

    wanted = dict(types)
    lexicon = load_entities()
    return {a: wanted[e.type] for e in lexicon.entities if e.type in wanted for a in (e.name, *e.aliases)}


def compile_naming(comp) -> _Naming:
    """Compile the naming rules of an indicators ``_Compiled`` (cached by identity)."""
    cached = _NAMING.get(id(comp))
    if cached is not None and cached.comp is comp:
        return cached
    rules = comp.rules
    suffix_type = {w: t for t, words in (rules.get("subject_suffixes") or {}).items() for w in words}
    zone = _words(rules, "zone_names")
    entity_types = tuple(sorted((rules.get("entity_types") or {}).items()))
    known = _known_names(entity_types) if entity_types else {}
    run = r"[\u4e00-\u9fffA-Za-z0-9“”\"]"
    nm = _Naming(
        comp=comp,
        predicate_re=re.compile(_alt(_words(rules, "predicate_verbs"))),
        tail_re=re.compile(f"(?:{_alt(_words(rules, 'name_tail_words'))})$"),
        change_re=re.compile(f"(?:{_alt(_words(rules, 'change_words'))})了?$"),
        growth_re=re.compile(_alt(_words(rules, "growth_words"))),
        generic_money=frozenset(_words(rules, "generic_money_names")),
        relational_re=re.compile(f"^(?:{_alt(_words(rules, 'relational_nouns'))})$"),
        shared_re=re.compile(_alt(_words(rules, "shared_markers"))),
        group_re=re.compile(rules.get("shared_groups") or _NEVER),
        zone_re=re.compile(_alt(zone)),
        zone_start_re=re.compile(f"^(?:{_alt(zone)})"),
        suffix_re=re.compile(_alt(suffix_type)),
        suffix_type=suffix_type,
        subject_verb_re=re.compile(f"^(?:{_alt(_words(rules, 'subject_verbs'))})"),
        topic_verb_re=re.compile(f"^(?:{_alt(_words(rules, 'topic_verbs'))})"),
        not_in_names="".join(_words(rules, "not_in_names")),
        not_subject_before=tuple(_words(rules, "not_subject_before")),
        example_re=re.compile(_alt(_words(rules, "example_markers"))),
        contest_re=re.compile(f"{run}{{2,30}}(?:{_alt(_words(rules, 'contest_words'))})"),
        generic_contests=frozenset(_words(rules, "generic_contests")),
        event_re=re.compile(f"{run}{{2,30}}?(?:{_alt(_words(rules, 'event_words'))})"),
        known_re=re.compile(alternation(list(known))) if known else None,
        known_type=known,
        rank_verb_re=re.compile(f"(?:{_alt(_words(rules, 'rank_verbs'))})$"),
        award_verb_re=re.compile(f"^(?:被.*?)?(?:{_alt(_words(rules, 'award_verbs'))})"),
        doer_re=re.compile(f"^.*(?:{_alt(_words(rules, 'doer_verbs'))})"),
        measure_noun_re=re.compile(_alt(_words(rules, "measure_nouns"))),
        contest_end=tuple(_words(rules, "contest_words")),
        addition_re=re.compile(f"(?:{_alt(_words(rules, 'addition_words'))})$"),
        vague_nouns=frozenset(_words(rules, "vague_nouns")),
        vague_verb_re=re.compile(_alt(_words(rules, "vague_noun_verbs"))),
        kept_verb_re=re.compile(_alt(_words(rules, "kept_verbs"))) if rules.get("kept_verbs") else None,
        per_unit_re=(
            re.compile(
                f"(?:{_alt(_words(rules, 'per_unit_words'))})([\u4e00-\u9fff]{{1,4}}?)(?={_alt(_words(rules, 'per_unit_verbs'))})"
            )
            if rules.get("per_unit_words")
            else None
        ),
        body_re=re.compile(f"[^{re.escape(''.join(_BOUNDARY))}]{{2,8}}?(?:{_alt(_words(rules, 'body_suffixes'))})"),
        topic_measures=frozenset(_words(rules, "topic_measures")),
        topic_re=re.compile(rules.get("topic_pattern") or _NEVER),
        comparison_re=re.compile(
            f"^(?:{_alt(_words(rules, 'comparison_words'))})?(?:{_alt(_words(rules, 'change_verbs'))})$"
        ),
        amount_re=re.compile(
            f"^(?:{_alt(_words(rules, 'increase_words'))})?(?:{_alt(_words(rules, 'amount_words'))}|量|总?件数)$"
        ),
    )
    _NAMING[id(comp)] = nm
    return nm


# --- cleaning ---------------------------------------------------------------


def clean(text: str, comp) -> str:
    """Cut quote marks, years, relative times, cue words and the zone's name from the ends of a name."""
    text = _NAME_NOISE.sub("", text)
    text = comp.relative_re.sub("", text)
    text = re.sub(r"\d{4}年|\d{1,2}-\d{1,2}月份?", "", text)
    zone_start = compile_naming(comp).zone_start_re
    for _ in range(6):  # cue words stack: 今年以来共完成…, 高新区深入推进…
        new = comp.strip_suffix_re.sub("", comp.strip_prefix_re.sub("", zone_start.sub("", text)))
        if new == text:
            break
        text = new
    return text


def _words_after(view: str, pos: int, end: int) -> str:
    """Return the words after ``pos`` up to ``end`` (an ellipsis or a headline's space ends them)."""
    return re.split(r"…|[ \u3000]", view[pos:end])[0]


def _noun_after(view: str, pos: int, end: int, comp) -> str:
    """Return the noun after ``pos``: cut at 、, a joining word, a noun end or a quotation after it."""
    after = _words_after(view, pos, end).split("、")[0]
    after = re.sub(r"^的", "", after)
    if after[:1] in comp.rules["joining_words"]:
        return ""  # 5省及济南…: a list goes on, no noun here
    quote = re.search(r"(?<=.)[“\"「]", after)
    if quote:  # 高频事项“跨省通办”: a quotation after the noun is its predicate
        after = after[: quote.start()]
    after = comp.noun_end_re.sub("", after)
    return _NAME_NOISE.sub("", after)


def _split_predicate(noun: str, nm: _Naming) -> tuple[str, str]:
    """Split ``noun`` into the noun and the verb phrase after it (项目投产达效: 项目 / 投产达效)."""
    m = nm.predicate_re.search(noun, 2)
    if not m:
        return noun, ""
    return noun[: m.start()], noun[m.start() :]


def _verb_phrase(view: str, pos: int, end: int) -> str:
    """Return the verb phrase from ``pos`` to the end of its clause (quotes and 了 out)."""
    return re.sub(r"了", "", _NAME_NOISE.sub("", _words_after(view, pos, end)))


def _vp_name(verb_phrase: str, noun: str) -> str:
    """Join a verb phrase and its noun into a noun phrase: 投产达效的项目 (…数量 without a noun)."""
    verb_phrase = verb_phrase.replace("了", "")
    return f"{verb_phrase}的{noun}" if noun else f"{verb_phrase}数量"


# --- scale classes and streaks -------------------------------------------------

_CLASS_NUM = "[一二三四五六七八九十百千两\\d.]+"


def _scale_name(view: str, hit, comp) -> str:
    """Name a scale class after the items before it and the head noun after it."""
    cstart = clause_start(view, hit.vstart)
    before = view[cstart : hit.vstart]
    before = re.sub(f'(?:{_CLASS_NUM}亿[”"]?级?[”"]?[、和与及])+$', "", before)  # 五百亿、|千亿级
    several = re.search(r"([二三四五六七八九十两\d]+)个[“\"]?$", before)  # 三个“千亿级”: each of three (v6)
    before = re.sub(r"[一二三四五六七八九十两\d]+个[“\"]?$", "", before)  # 三个“|千亿级
    before = re.sub(r"^.*[和与及等]", "", before)  # …三个“千亿级”和|信息产业…; 新能源汽车等|千亿级: examples
    before = re.sub(r"(?:加快)?向$|^(?:加快)?向", "", clean(before, comp))
    before = re.sub(r"(?:加快)?向$", "", before)
    head_from = hit.extra.get("head_from", hit.vend)
    head = view[head_from : clause_end(view, head_from)]
    head = re.sub(f'^[”"]?(?:[、和与及]{_CLASS_NUM}亿[”"]?级?[”"]?)*', "", head)  # the rest of the list
    head = re.sub(r"^(?:[和与及][^级]*?级[”\"]?)?", "", head)  # …和信息产业…三个“五百亿级”
    head = re.sub(r"^[”\"]?级?", "", head)
    head = re.sub(r"^的?[一二三四五六七八九十两\d]+大", "", re.sub(r"^的", "", head))
    head = re.split(r"[(（]", comp.noun_end_re.sub("", head))[0]
    head = re.sub(r"(?:迈进|建设|发展)$", "", _NAME_NOISE.sub("", head))
    if hit.family == "area":
        return f"{head}用地规模"
    if hit.extra.get("pair"):
        return f"{head}产业规模"
    if several and before and _count(several.group(1)) > 1:
        # 高端装备、医养健康、纺织服装三个“千亿级”…产业集群: three clusters, each of the class
        return f"{before}{several.group(1)}个{head}各自规模"
    return f"{before}{head}规模"


def _multiplier_name(view: str, hit, comp, nm: _Naming) -> str:
    """Name a multiplier after what it multiplies: 重点培育山推销售收入倍增计划 -> 山推销售收入."""
    before = clean(nm.doer_re.sub("", view[clause_start(view, hit.vstart) : hit.vstart]), comp)
    return before if not before or nm.measure_noun_re.search(before) else f"{before}规模"


def _streak_name(view: str, hit, nxt, nm: _Naming) -> str:
    """Name a streak after the rank or award that follows it: …连续全市第一的年数."""
    noun = hit.extra["streak_noun"]
    if nxt is not None and nxt.family == "rank" and nxt.vstart < clause_end(view, hit.vend):
        base = re.sub(r"(?:全[市省国区])?(?:排名|名次)$", "", nxt.indicator)
        result = view[hit.vend : nxt.vend]
        return f"{base}连续{_NAME_NOISE.sub('', result)}的{noun}"
    after = _words_after(view, hit.vend, clause_end(view, hit.vend))
    after = nm.award_verb_re.sub("", after)
    after = re.sub(r"以示.*$", "", _NAME_NOISE.sub("", after))
    return f"连续获得{after}的{noun}" if after else f"连续{noun}"


# --- contests and rankings -------------------------------------------------------


def _contest(view: str, hit, sent_starts: list[int], nm: _Naming, title: str) -> str:
    """Find the contest or list a ranking ranks in: its sentence, its paragraph, else the title.

    A contest named only generically (通过综合评比) takes the event before it,
    a meeting first (全市开发区主导产业发展专题推进会议综合评比).
    """
    sent = _segment(sent_starts, hit.vstart)
    para = view.rfind("\n", 0, hit.vstart) + 1
    windows = [view[sent_starts[sent] : hit.vstart]]
    k = sent - 1
    while k >= 0 and sent_starts[k] >= para:
        windows.append(view[sent_starts[k] : sent_starts[k + 1]])
        k -= 1
    windows.append(to_halfwidth(title))
    for i, window in enumerate(windows):
        matches = list(nm.contest_re.finditer(window))
        if not matches:
            continue
        phrase = _NAME_NOISE.sub("", matches[-1].group())
        phrase = re.sub(r"^.*?(?=全[市省国区])", "", phrase)
        phrase = re.sub(r"^(?:通过|进行|对各县市区进行|在|获|举行|参加)", "", phrase)
        if phrase not in nm.generic_contests:
            return phrase
        # 通过综合评比: the event it belongs to is named before it (…专题推进会议).
        scope = [window[: matches[-1].start()]] + windows[i + 1 :]
        events = [_NAME_NOISE.sub("", m.group()) for w in scope for m in nm.event_re.finditer(w)]
        events = [re.sub(r"^.*?(?=全[市省国区])", "", e) for e in events if not e.endswith(phrase)]
        meetings = [e for e in events if e.endswith(("会议", "大会"))]
        event = (meetings or events or [""])[0]
        return f"{event}{phrase}"
    return ""


def _rank_name(view: str, hit, prev, prevs: list, sent_starts, nm: _Naming, comp, title: str) -> list[tuple[str, str]]:
    """Name a ranking: ``[(indicator, contest)]``, one pair per measure it ranks."""
    cstart = clause_start(view, hit.vstart)
    scope_m = re.search(r"全[市省国区]$", view[max(cstart, hit.vstart - 3) : hit.vstart].rstrip("前"))
    scope = scope_m.group() if scope_m else ""
    counts = [p for p in prevs if p.family not in ("rank", "streak")]
    bstart = max(cstart, prev.vend if prev is not None and prev.family != "streak" else cstart)
    raw = _NAME_NOISE.sub("", view[bstart : hit.vstart])
    shared = bool(nm.shared_re.search(raw))
    raw = re.sub(r"连续[\d一二三四五六七八九十两]+个?(?:年|季度|个月|届)", "", raw)  # a row of its own
    raw = re.sub(r"前$", "", raw)
    raw = re.sub(r"(?:全[市省国区])$", "", raw)
    raw = nm.rank_verb_re.sub("", raw)
    raw = nm.shared_re.sub("", raw) if shared else raw
    before = raw if nm.amount_re.match(raw) else clean(raw, comp)
    before = re.sub(f"(?:{'|'.join(map(re.escape, comp.rules['rank_scopes']))})$", "", before)
    items = [i for i in comp.item_split_re.split(before) if i] if shared else [before]
    base = prev if prev is not None and prev.family not in ("rank", "streak") else (counts[-1] if counts else None)

    def measure(item: str) -> str:
        if base is None or (item and not nm.amount_re.match(item) and not re.match(r"^入选", item)):
            return item
        if not item and nm.addition_re.search(base.indicator.removesuffix("数量")):
            return base.indicator.removesuffix("数量") + "量"  # 净增高新技术企业20家,位列全市第一位
        if item.startswith("总") and re.search(r"[数量]$", base.indicator):
            return re.sub(r"(?:受理)?[数量]$", "", base.indicator) + item  # 有效发明专利受理数… 总件数
        return base.indicator + item

    if shared and len(items) <= 1 and len(counts) > 1:
        # 53家企业纳入全市攀登计划,优质工业企业55家,数量均居全市第一: one rank per count.
        names = [f"{c.indicator}{items[0] if items else ''}" for c in counts]
    else:
        names = [measure(i) for i in items] or [""]
    out = []
    for name in names:
        if not name or name in nm.generic_contests or name in ("综合",):
            contest = _contest(view, hit, sent_starts, nm, title)
            out.append((f"{contest}名次" if contest else f"{scope}综合排名", contest))
        elif name.endswith(nm.contest_end):
            out.append((f"{name}名次", name))
        else:
            out.append((f"{name}{scope}排名", f"{scope if not name.startswith(scope) else ''}{name}排名"))
    return out


# --- names --------------------------------------------------------------------


def _listed_noun(view: str, pos: int, cend: int, comp) -> str:
    """Return the noun of the last item of a list of figures (…、省外132项高频事项 -> 高频事项…)."""
    last = view[pos:cend].split("、")[-1]
    m = re.match(r"^[\u4e00-\u9fff]{0,4}?(?:[\d.]+|[一二三四五六七八九十两百千万]+)", last)
    if not m:
        return ""
    unit = re.compile(alternation(comp.rules["measure_words"] + list(comp.rules["units"]))).match(last, m.end())
    return _words_after(last, unit.end(), len(last)) if unit else ""


def _count_name(view: str, hit, before: str, nxt, cend: int, after_end: int, comp, nm: _Naming) -> str | None:
    """Name a count after its noun, and the verb phrase after the noun if any."""
    rest = _words_after(view, hit.vend, after_end)
    # 省外132项高频事项: a short modifier before the figure belongs to the noun after it.
    modifier = before if 0 < len(before) <= 3 and before[-1] in "内外级" else ""
    list_end = re.match(r"^([\u4e00-\u9fff]{0,3})、", rest)
    listed = bool(list_end and (list_end.group(1) or modifier) and (list_end.group(1) or modifier)[-1] in "级内外")
    if listed:
        # 省内298项、省外132项高频事项…; 30个省级、19个市级重点项目…: the noun ends the list.
        modifier = list_end.group(1) or modifier
        rest = re.sub(r"^[\u4e00-\u9fff]{1,2}[级内外]", "", _listed_noun(view, hit.vend, cend, comp))
    elif rest[:1] in comp.rules["joining_words"]:
        # 与上海、河北等5省及济南…33家开发区签署了…: the unit is the noun, the verb comes later.
        unit_noun = (comp.rules.get("unit_nouns") or {}).get(hit.unit, "")
        verb = nm.predicate_re.search(view, hit.vend, cend)
        if unit_noun:
            return _vp_name(_verb_phrase(view, verb.start(), cend), unit_noun) if verb else unit_noun
        return None
    rest = re.sub(r"^的", "", rest)
    quoted = re.match(r"^([^“\"「]+)[“\"「]([^”\"」]+)[”\"」]$", rest)
    if quoted and not nm.predicate_re.search(quoted.group(1), 2):
        # 高频事项“跨省通办”: the quotation after the noun is its predicate
        return _vp_name(quoted.group(2), f"{modifier}{nm.tail_re.sub('', quoted.group(1))}")
    noun, verb = _split_predicate(_NAME_NOISE.sub("", rest), nm)
    if not listed:
        noun = _noun_after(noun, 0, len(noun), comp)
    noun = nm.tail_re.sub("", noun)
    if not verb and nxt is not None and nxt.vstart == after_end and nxt.vstart < cend:
        # 16家企业38个项目入选…: the next figure's verb is this one's too.
        follow, verb = _split_predicate(_NAME_NOISE.sub("", _words_after(view, nxt.vend, cend)), nm)
        if not noun and nxt.vstart == hit.vend:  # 10大类39项实事: the next figure's noun, in this unit
            return f"{follow}{hit.unit}" if follow else None
    if verb:
        verb = re.sub(r"[一二三四五六七八九十两\d]+(?:个|家|项)", "", verb)
        return _vp_name(verb, f"{modifier}{noun}")
    if noun:
        if hit.kind == "context":  # 三个重点项目中: the whole a part is taken from
            noun = re.sub(r"中$", "", noun)
        return f"{modifier}{noun}"
    verb = nm.predicate_re.match(before)
    if verb:  # 达成产学研合作项目8项: what was done to the things counted
        return f"{verb.group()}的{before[verb.end() :]}"
    return None


def _addition_name(raw_before: str, name: str, hit, comp, nm: _Naming) -> str:
    """Keep the addition word right before the noun ``name`` (净增高新技术企业20家 -> 高新技术企业净增数量)."""
    raw = _NAME_NOISE.sub("", raw_before)
    at = raw.rfind(name) if name else -1
    word = nm.addition_re.search(raw, 0, at) if at > 0 else None
    if not word or word.end() != at:
        return name
    what = (comp.rules.get("family_nouns") or {}).get(hit.family, "")
    return f"{name}{word.group()}{what}" if what else name


def _indicator(view: str, hit, prev, nxt, comp, nm: _Naming, sent_start: int = 0) -> str:
    """Name what a figure other than a ranking, a scale class or a streak measures."""
    name = _named(view, hit, prev, nxt, comp, nm)
    name = _list_head(view, hit, prev, name)
    if name in nm.vague_nouns and hit.family == "count":
        name = _vague_name(view, hit, name, sent_start, nm)
    if name in nm.topic_measures or (hit.family == "ratio" and re.fullmatch(r"(?:利润|利税)?增长", name)):
        name = _topic(view, hit, sent_start, nm) + name  # …装备制造产业…,增长32% -> 装备制造产业增长 (v5)
    name = _kept_verb_name(view, hit, name, nm)
    name = _threshold_name(view, hit, name, sent_start)
    name = _per_unit_name(view, hit, name, sent_start, nm)
    if hit.family in ("count", "area", "money") and view[hit.vend : hit.vend + 1] != "的":
        return _addition_name(view[clause_start(view, hit.vstart) : hit.vstart], name, hit, comp, nm)
    return name


def _kept_verb_name(view: str, hit, name: str, nm: _Naming) -> str:
    """Keep a verb that makes the amount a result (rules ``kept_verbs``, v6).

    盘活低效闲置用地1390亩 -> 盘活的低效闲置用地: without 盘活 the name would measure idle land,
    not idle land brought back into use; 共争取各级各类资金20345万元 -> 争取的各级各类资金.
    """
    if not name or nm.kept_verb_re is None:
        return name
    clause = _NAME_NOISE.sub("", view[clause_start(view, hit.vstart) : hit.extra.get("prefix_start", hit.vstart)])
    m = nm.kept_verb_re.search(clause)
    if m and clause.endswith(m.group() + name) and not name.startswith(m.group()):
        return f"{m.group()}的{name}"
    return name


def _per_unit_name(view: str, hit, name: str, sent_start: int, nm: _Naming) -> str:
    """Say a count is one per unit where its sentence opens the list with such a scope (rules ``per_unit_words``).

    在每个街道试点建设1个智慧社区，1-2处…示范社区 -> 每个街道的智慧社区: one in each sub-district, not one in
    all (a fresh reader). Only counts, and only when the scope comes earlier in the figure's own sentence.
    """
    if not name or nm.per_unit_re is None or hit.family != "count":
        return name
    m = nm.per_unit_re.search(view, sent_start, hit.vstart)
    return f"{m.group()}的{name}" if m else name


_THRESHOLD = re.compile(r"^(?P<t>[\d.]+[万亿]?元(?:以上|以下))(?P<noun>[\u4e00-\u9fff]{1,4})$")


def _threshold_name(view: str, hit, name: str, sent_start: int) -> str:
    """Name a share of things above a threshold by what the threshold measures (v6).

    全面消除集体收入5万元以下村,10万元以上村达到79.6% -> 集体收入10万元以上的村占比: the
    measure (集体收入) is named where its sentence first gives a threshold of the same noun.
    """
    m = _THRESHOLD.match(name) if hit.family == "ratio" else None
    if not m:
        return name
    earlier = view[sent_start : hit.vstart]
    measure = re.search(rf"([\u4e00-\u9fff]{{2,4}}?)[\d.]+[万亿]?元(?:以上|以下){re.escape(m['noun'])}", earlier)
    what = re.sub(r"^(?:全面|消除|全面消除)+", "", measure.group(1)) if measure else ""
    return f"{what}{m['t']}的{m['noun']}占比"


def _list_head(view: str, hit, prev, name: str) -> str:
    """End the last noun of a list of counts where the earlier ones end (…4个专业园区和3个功能园区错位竞争).

    In 5个街属园区、4个专业园区和3个功能园区错位竞争…的发展格局 the last noun runs on into
    what the list does; the nouns of one list share their head (园区), so the last one
    ends with it.
    """
    if prev is None or hit.family != "count" or prev.unit != hit.unit:
        return name
    gap = view[prev.vend : hit.vstart]
    if not re.fullmatch(r"[\u4e00-\u9fff]{1,10}[、和及与]", gap):
        return name
    head = prev.indicator[-2:] if len(prev.indicator) >= 2 else ""
    at = name.find(head, 1) if head else -1
    return name[: at + len(head)] if at > 0 and at + len(head) < len(name) else name


def _vague_name(view: str, hit, noun: str, sent_start: int, nm: _Naming) -> str:
    """Name a count whose noun alone says nothing (项目, 部门, 职能) by what was done to it, and by whom.

    初步安排149个项目 -> 安排的项目; 剥离职能69项 -> 剥离的职能; 投资促进局,…细分为…等7个部门
    -> 投资促进局细分的部门. Without a verb before it in its clause the noun stays as it is.
    """
    clause = view[clause_start(view, hit.vstart) : hit.extra.get("prefix_start", hit.vstart)]
    verbs = list(nm.vague_verb_re.finditer(clause))
    if not verbs:
        return noun
    verb = re.sub("为$", "", verbs[-1].group())
    bodies = list(nm.body_re.finditer(view, sent_start, clause_start(view, hit.vstart)))
    body = bodies[-1].group() if bodies else ""
    body = re.sub(r"^.*(?:设立了|设立|成立了|成立|组建)", "", body)
    return f"{body}{verb}的{noun}"


def _topic(view: str, hit, sent_start: int, nm: _Naming) -> str:
    """Return the topic a figure named only 产值 or 营收 belongs to: the industry its clause, or an earlier one, opens with.

    其中,高端装备产业规上企业达到206家、产值达402.6亿 -> 高端装备产业; …四大产业占全市比重
    分别达到…,营收350亿元 -> 四大产业. ``""`` when no clause of its sentence opens with one.
    """
    end = hit.vstart
    start = clause_start(view, hit.vstart)
    while True:
        m = nm.topic_re.match(re.sub(r"^(?:其中|同时|此外)", "", view[max(start, sent_start) : end]))
        if m:
            return m.group("topic")
        if start <= sent_start:
            return ""
        end = start - 1
        start = clause_start(view, end)


_MEASURE_END = re.compile(r"[\u4e00-\u9fff]{2,}(?:量|数)$")  # a measure noun: 申请量, 受理数


def _named(view: str, hit, prev, nxt, comp, nm: _Naming) -> str:
    """Name a figure from the words around it (:func:`_indicator` adds an addition word)."""
    cstart = clause_start(view, hit.vstart)
    bstart = max(cstart, prev.vend if prev else 0)
    if prev is not None and view[prev.vend : prev.vend + 1] == "、":
        bstart = prev.vend + 1  # 省重大项目6个、省优选项目6个
    raw_before = re.split(r"[ \u3000]", view[bstart : hit.extra.get("prefix_start", hit.vstart)])[-1]
    raw_before = re.split(r"等", raw_before)[-1]  # 浩珂科技、松岳机械等国家、省、市“专精特新”企业: examples
    parts = raw_before.split("、")
    keep = [parts.pop()]
    while parts and len(_NAME_NOISE.sub("", parts[-1])) <= 2:  # 国家、省、市…企业 is one name; 专利申请量、有效… two
        keep.insert(0, parts.pop())
    raw_before = "、".join(keep)
    if parts and len(keep) == 1 and _MEASURE_END.search(parts[-1]) and _MEASURE_END.search(keep[0]):
        # 专利申请量、有效发明专利受理数18877件: one number for two measures together (a reader: the
        # second name alone overstates it)
        raw_before = f"{_NAME_NOISE.sub('', parts[-1])}和{keep[0]}"
    cend = clause_end(view, hit.vend)
    nxt_digit = _DIGIT.search(view, hit.vend, cend)
    after_end = nxt_digit.start() if nxt_digit else cend
    if hit.extra.get("project"):  # 年产6万吨高端精密金属锻造件生产建设项目
        product = re.split(r"生产|建设|项目", _words_after(view, hit.vend, cend))[0]
        return f"{_NAME_NOISE.sub('', product)}年产能"
    if hit.extra.get("form") == "bare_count":  # 3大国家科技企业孵化器、10国家级众创空间等…: the noun up to 、 or 等
        noun = re.split(r"等|、", _noun_after(view, hit.vend, after_end, comp))[0]
        if noun:
            return f"{noun}数量"
    done = re.fullmatch(r"完成(.{2,12}?)的?", raw_before) if hit.family == "ratio" else None
    if done:  # 完成年度计划的60.7%: the share of the plan done (v5)
        return f"{clean(done.group(1), comp)}完成率"
    change = nm.change_re.search(raw_before) if hit.family == "ratio" else None
    before = clean(raw_before[: change.start()] if change else raw_before, comp)
    if change:  # 机构数量压缩68%: the size of a change
        return f"{before}{change.group().rstrip('了')}幅度"
    if raw_before.startswith(tuple(comp.rules["share_verbs"])) and prev is not None:  # 进出口额105.4亿元,占全市22.6%
        share = re.sub(r"[“”\"《》\s的]", "", raw_before)
        return prev.indicator + (re.sub(r"(?:达到|达|为|是)$", "", share) or share)  # …比重达到45.38%: no verb
    raw = _NAME_NOISE.sub("", raw_before)
    if prev is not None and nm.comparison_re.match(raw) and not nm.comparison_re.match(prev.indicator):
        return prev.indicator + raw  # 比上年增加21人: 上年 is no period here but the comparison (v5)
    if prev is not None and nm.comparison_re.match(before) and not nm.comparison_re.match(prev.indicator):
        return prev.indicator + before  # 生产总值达1513.55亿元,同比增长10.2%
    if prev is not None and not before and re.fullmatch(r"[、和及与]", view[prev.vend : hit.vstart].strip()):
        return prev.indicator  # 增长15.8%和17.2%: the list goes on
    growth = nm.growth_re.match(view, hit.vend) if hit.family == "ratio" else None
    if growth and before:  # 营业总收入…实现10%以上增长
        return before + growth.group() + "率"
    if raw_before.endswith("的") and hit.family in ("area", "length", "mass") and view[hit.vend : hit.vend + 1] != "的":
        # 面向区内企业职工的50万平米蓝领公寓: the words before are the noun's modifier, the noun after is measured (v5)
        noun = re.split(r"[一二三四五六七八九十\d]期|已|正|将", _noun_after(view, hit.vend, after_end, comp))[0]
        if noun:
            return f"{noun}{(comp.rules.get('family_nouns') or {}).get(hit.family, '')}"
    if view[hit.vend : hit.vend + 1] == "的" and hit.family != "ratio":
        # 2000亩的医养健康产业集聚区, 总投资近百亿元的红星爱琴海…综合商圈, 60人的…“特种部队”
        head = nm.tail_re.sub("", _NAME_NOISE.sub("", _words_after(view, hit.vend + 1, cend)))
        # 70万平米的麒麟岛、20万平米的中央商务区…加快推进: the head ends where the next figure of the
        # list starts, and the list's verb is no part of it (v5).
        head = re.split(r"、(?=[\d一二三四五六七八九十两]+)", head)[0]
        head = re.sub(r"(?:加快|推进|建设|启动|实施|开工)+$", "", head) or head
        if head:
            what = before or (comp.rules.get("family_nouns") or {}).get(hit.family, "")
            if hit.family == "count" and hit.unit in ("人", "名") and not before:
                what = "人数"
            return f"{head}{what}"
    starts_with_cue = any(rx.match(view, hit.vend) for _, rx in comp.after)
    scaled = (
        re.match(r"[\d.一二三四五六七八九十百千两]+亿[”\"]?级[”\"]?", view[hit.vend : cend])
        if hit.family == "count"
        else None
    )
    if scaled:  # 两个200亿级产业集群: a count of clusters of a class (v5)
        noun = _noun_after(view, hit.vend + scaled.end(), cend, comp)
        return f"{_NAME_NOISE.sub('', scaled.group())}{noun}数量" if noun else before
    if hit.family in ("count", "age") and not starts_with_cue:
        name = _count_name(view, hit, before, nxt, cend, after_end, comp, nm)
        if name:
            return name
        return before
    if starts_with_cue:  # 4家入选全省…: subject before, predicate after
        predicate = _NAME_NOISE.sub("", comp.count_re.sub("", view[hit.vend : cend]))
        return _vp_name(predicate, "") if hit.family == "count" else before + predicate
    if hit.family == "money" and before in nm.generic_money:
        # 总投资1381亿元、共计207个“双百工程”项目; 签约项目…总投资金额: the projects invested in
        later = re.search(r"([\u4e00-\u9fff“”\"]{2,12}?项目)", view[hit.vend : cend])
        signed = re.search(r"(签约项目)", view[max(0, view.rfind("。", 0, hit.vstart)) : hit.vstart])
        noun = later.group(1) if later else (signed.group(1) if signed else "")
        noun = _NAME_NOISE.sub("", re.sub(r"^.*?(?:共计|等)?[\d一二三四五六七八九十]*个", "", noun))
        if not noun and prev is not None and prev.indicator.endswith("项目"):  # 安排149个项目,总投资202亿元
            noun = prev.indicator
        return f"{noun}{before}"
    after = _noun_after(view, hit.vend, after_end, comp)
    if not before:
        if hit.family == "ratio" and after:  # 90%以上具备硕士及以上学历
            return f"{_verb_phrase(view, hit.vend, cend)}的比例"
        return nm.tail_re.sub("", after)
    return before


# --- the 分别 lists -----------------------------------------------------------


_CHANGE_END = re.compile(r"(?:同比|比上年|较上年)?(?:增长|下降|增速|增幅)$")


def paired_lists(view: str, hits: list, comp) -> None:
    """Name the rates of a list of measures given in the same order, without 分别 (v5).

    工业企业主营业务利润、利税同比增长43.0%、23.0%: two measures, then two rates joined by 、 —
    the first is 工业企业主营业务利润同比增长, the second 利税同比增长 (it was the second's name for both).
    Only rates whose measures end in a change word (同比增长) are paired: the list's shape is then certain.
    """
    i = 0
    while i < len(hits):
        group = [hits[i]]
        while i + len(group) < len(hits) and hits[i + len(group)].family == "ratio":
            if not comp.gap_re.fullmatch(view[group[-1].vend : hits[i + len(group)].vstart]):
                break
            group.append(hits[i + len(group)])
        first = group[0]
        before = _NAME_NOISE.sub(
            "", view[clause_start(view, first.vstart) : first.extra.get("prefix_start", first.vstart)]
        )
        parts = before.split("、")
        change = _CHANGE_END.search(parts[-1])
        if first.family == "ratio" and len(group) == len(parts) >= 2 and change and parts[-1][: change.start()]:
            items = parts[:-1] + [parts[-1][: change.start()]]
            for item, hit in zip(items, group):
                hit.indicator = f"{item}{change.group()}"
        i += len(group)


def respectively(view: str, hits: list, sent_starts: list[int], comp) -> None:
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
        cstart = clause_start(view, marker)
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
            # 8个省级重点项目、19个…: an item's own count is no part of its name (v5)
            items = [re.sub(r"^[\d一二三四五六七八九十两]+(?:个|家|项|所|名)", "", item) or item for item in items]
            for item, hit in zip(items, group):
                suffix = head if head and not item.endswith(head) else ""
                hit.indicator = f"{item}{suffix}{measure}"
        i += n


# --- shared figures -----------------------------------------------------------


def _shared_items(view: str, hit, prev, comp, nm: _Naming) -> list[str]:
    """Return the measures one figure is shared by (A和B均达到100%), or [] for one measure."""
    if hit.family in ("rank", "streak") or hit.extra.get("form"):
        return []
    cstart = clause_start(view, hit.vstart)
    before = view[max(cstart, prev.vend if prev else 0) : hit.extra.get("prefix_start", hit.vstart)]
    shared = nm.shared_re.search(before)
    group = nm.group_re.search(before)
    if not shared and not group:
        return []
    cut = min(m.start() for m in (shared, group) if m)
    items = [clean(p, comp) for p in comp.item_split_re.split(before[:cut])]
    items = [i for i in items if i]
    if len(items) < 2 or (group and not shared and _count(group["n"]) != len(items)):
        return []
    return items


def _count(text: str) -> int:
    try:
        return int(parse_number(text))
    except ValueError:
        return 0


# --- subjects -----------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    """A body named in the text: a park, a company, another body (its name and type)."""

    start: int
    end: int
    name: str
    type: str


def _mentions(view: str, start: int, end: int, nm: _Naming, comp) -> list[_Mention]:
    """Find the names of bodies between ``start`` and ``end``, in text order.

    A name is found by its suffix (产业园, 公司, 协会… in ``subject_suffixes``) and
    runs back to a clause mark, 的 or a joining word, with leading verbs and the
    zone's name cut (支持山推工程机械公司 -> 山推工程机械公司); or it is a name or alias
    of the entity lexicon. Counts (13个专业园区) and clauses (项目主体定在公司) are no names.
    """
    found: dict[int, _Mention] = {}
    for m in nm.suffix_re.finditer(view, start, end):
        kind = nm.suffix_type[m.group()]
        if kind == "project":
            continue  # 重点项目, 新开工项目 name what is counted; projects are subjects by their names only
        s = m.start()
        while s > max(start, m.start() - _NAME_MAX) and view[s - 1] not in _BOUNDARY:
            s -= 1
        raw = view[s : m.end()].lstrip("级")
        name = raw
        for _ in range(4):
            cut = nm.subject_verb_re.sub("", nm.zone_start_re.sub("", comp.strip_prefix_re.sub("", name)))
            if cut == name:
                break
            name = cut
        if (
            len(name) <= len(m.group()) + 1
            or nm.zone_re.fullmatch(name)
            or re.search(r"[\d一二三四五六七八九十两]+(?:个|家|大|项|名|年)", name)
            or any(ch in name for ch in nm.not_in_names)
        ):
            continue
        begin = m.end() - len(name)
        found[begin] = _Mention(begin, m.end(), name, kind)
    if nm.known_re is not None:
        for m in nm.known_re.finditer(view, start, end):
            if not any(f.start <= m.start() < f.end for f in found.values()):
                found[m.start()] = _Mention(m.start(), m.end(), m.group(), nm.known_type[m.group()])
    return [found[k] for k in sorted(found)]


def _is_subject(view: str, mention: _Mention, upto: int, nm: _Naming, counted: bool = False) -> bool:
    """Say whether a mention before a figure is its subject (not a partner, a list item or an example)."""
    between = view[mention.end : upto]
    if counted and not between.strip():
        return False  # 有国家级特色产业基地4个: the noun right before a count is what it counts (v5)
    if nm.example_re.search(between) or "、" in between:
        return False  # 设立蓼河新区、5个…; 鲁抗医药等16家企业: an object or an example of what is counted
    return not view[max(0, mention.start - 2) : mention.start].endswith(nm.not_subject_before)


# Characters after which a bare 高新区 is still ours: prepositions, verbs, particles
# (在高新区, 推动高新区); after any other Chinese character it is another place's
# zone (合肥高新区, 西安高新区).
_BEFORE_OUR_ZONE = set("在向与和及对为从是将了的让使把由等到至动持年宁")


def _zone_mention(view: str, start: int, end: int, nm: _Naming):
    """Find the first mention of the zone between ``start`` and ``end`` (not another place's 高新区)."""
    for m in nm.zone_re.finditer(view, start, end):
        before = view[max(0, m.start() - 1) : m.start()]
        if m.group().startswith("济宁") or not re.match(r"[\u4e00-\u9fff]", before) or before in _BEFORE_OUR_ZONE:
            return m
    return None


def subject_of(view: str, hit, sent_start: int, nm: _Naming, comp, zone: str) -> tuple[str, str]:
    """Say whose figure ``hit`` is: ``(subject, subject_type)``."""
    scopes = comp.rules.get("scope_subjects") or {}
    scope_alt = _alt(scopes)
    cstart = clause_start(view, hit.vstart)
    lead = view[cstart : hit.extra.get("prefix_start", hit.vstart)]
    # 1. A scope right before a denominator: 全省60家.
    scope = re.search(f"({scope_alt})[^,;。\\d]{{0,6}}$", lead)
    if scope and hit.kind == "context" and hit.family != "rank":
        return scope.group(1), scopes[scope.group(1)]
    # 2. A project the figure stands inside: 中韩高端装备产业园年产6万吨…项目.
    if hit.extra.get("project"):
        return hit.extra["project"], "project"
    # 3. The thing a 的 or a scale class describes: 2000亩的医养健康产业集聚区, “万亩千亿”级…产业城.
    if view[hit.vend : hit.vend + 1] == "的" or hit.extra.get("form") == "scale":
        head_end = clause_end(view, hit.vend)
        heads = _mentions(view, hit.vend, head_end, nm, comp)
        if heads:
            return heads[0].name, heads[0].type
        head = re.search(r"的([\u4e00-\u9fff、]{2,40}?(?:商圈|综合体|项目))", view[hit.vend : head_end])
        if head:
            return _NAME_NOISE.sub("", head.group(1)), "project"
        place = re.match(r"的([\u4e00-\u9fff]{2,12}?)(?=、|加快|建设|推进|开发|$)", view[hit.vend : head_end])
        if place and hit.family == "area":  # 70万平米的麒麟岛、…加快推进: the place measured (v5)
            return place.group(1), "project"
    # 4. A body named in the figure's clause, before it: 重汽公司明年销售收入破百亿.
    counted = hit.family == "count"
    mentions = [
        m for m in _mentions(view, cstart, hit.vstart, nm, comp) if _is_subject(view, m, hit.vstart, nm, counted)
    ]
    zone_here = _zone_mention(view, cstart, hit.vstart, nm)
    if mentions and not (zone_here and zone_here.start() > mentions[-1].start):
        return mentions[-1].name, mentions[-1].type
    if zone_here:
        return zone or zone_here.group(), "zone"
    # 5. Members of the body named before them: 成立了…协会,吸纳会员200余人.
    if nm.relational_re.match(clean(lead, comp)):
        bodies = [m for m in _mentions(view, sent_start, cstart, nm, comp) if m.type in ("other", "company")]
        if bodies:
            return bodies[-1].name, bodies[-1].type
    # 6. A sentence that names no zone and opens a clause with 支持… makes the body that
    #    clause names the topic: 支持山推工程机械公司牵头建设…科创共同体,…产值达到375亿元.
    if not _zone_mention(view, sent_start, hit.vstart, nm):
        pos = sent_start
        while pos < cstart:
            end = clause_end(view, pos)
            if nm.topic_verb_re.match(view[pos:end]):
                bodies = _mentions(view, pos, end, nm, comp)
                if bodies:
                    return bodies[-1].name, bodies[-1].type
            pos = end + 1
    # 7. A clause that opens with a scope: 全市规上工业增加值增长8%.
    opening = re.match(f"^(?:{scope_alt})", clean(lead, comp) or lead)
    object_of = re.search(f"(?:{_alt(nm.not_subject_before)})(?:{scope_alt})", lead)  # 向县市区转化…
    if opening and not object_of and hit.family != "rank" and not lead.startswith(tuple(comp.rules["share_verbs"])):
        return opening.group(), scopes[opening.group()]
    return (zone, "zone") if zone else ("", "other")


# --- all figures --------------------------------------------------------------


def name_figures(view: str, hits: list, sent_starts: list[int], comp, zone: str = "", title: str = "") -> list:
    """Name every figure: indicator, subject, subject_type, contest.

    Parameters
    ----------
    view : str
        The view of the article text the hits were found in.
    hits : list
        The figures (``helpers.analysis.indicators.Hit``), in text order, kinds set.
    sent_starts : list of int
        Start of each sentence in the view.
    comp
        The compiled indicator rules.
    zone : str
        The zone's name, given as subject when nothing else is named (empty for
        an article not about the zone).
    title : str
        The article's title, where a ranking's contest may be named.

    Returns
    -------
    list
        The hits, each named, with a copy (``share_index`` 1, 2…) for each
        further measure a shared figure belongs to; in text order.
    """
    nm = compile_naming(comp)
    out = []
    by_sentence: dict[int, list] = {}
    for i, hit in enumerate(hits):
        sent = _segment(sent_starts, hit.vstart)
        prevs = by_sentence.setdefault(sent, [])
        prev = prevs[-1] if prevs and prevs[-1].vend <= hit.vstart else None
        nxt = hits[i + 1] if i + 1 < len(hits) and _segment(sent_starts, hits[i + 1].vstart) == sent else None
        copies = []
        if hit.family == "rank":
            names = [_in_contest(n, c, nm) for n, c in _rank_name(view, hit, prev, prevs, sent_starts, nm, comp, title)]
            hit.indicator, hit.contest = names[0]
            for k, (name, contest) in enumerate(names[1:], start=1):
                copies.append(dataclasses.replace(hit, indicator=name, contest=contest, share_index=k))
        elif hit.extra.get("form") == "scale":
            hit.indicator = _scale_name(view, hit, comp)
        elif hit.extra.get("form") == "multiplier":
            hit.indicator = _multiplier_name(view, hit, comp, nm)
        elif hit.family != "streak":
            hit.indicator = _indicator(view, hit, prev, nxt, comp, nm, sent_starts[sent])
            items = _shared_items(view, hit, prev, comp, nm)
            if items:
                growth = nm.growth_re.match(view, hit.vend) if hit.family == "ratio" else None
                suffix = growth.group() + "率" if growth else ""
                hit.indicator = items[0] + suffix
                for k, item in enumerate(items[1:], start=1):
                    copies.append(
                        dataclasses.replace(hit, indicator=item + suffix, share_index=k, extra=dict(hit.extra))
                    )
        prevs.append(hit)
        out.append(hit)
        out.extend(copies)
    respectively(view, [h for h in out if not h.share_index], sent_starts, comp)
    paired_lists(view, [h for h in out if not h.share_index], comp)
    # Streaks are named after the rank or award that follows them, once those have names.
    for i, hit in enumerate(out):
        if hit.family == "streak":
            nxt = next((h for h in out[i + 1 :] if not h.share_index), None)
            if nxt is not None and nxt.vstart >= clause_end(view, hit.vend):
                nxt = None
            hit.indicator = _streak_name(view, hit, nxt, nm)
            hit.contest = (
                nxt.contest if nxt is not None and nxt.family == "rank" else _award(view, hit, sent_starts, nm)
            )
    for hit in out:
        sent_start = sent_starts[_segment(sent_starts, hit.vstart)]
        hit.subject, hit.subject_type = subject_of(view, hit, sent_start, nm, comp, zone)
        hit.indicator = nm.zone_start_re.sub("", hit.indicator) or hit.indicator
        if hit.indicator and hit.indicator == hit.subject and hit.family in ("area", "length", "money", "mass"):
            # 启动蓼河新区42平方公里城市…设计: a body's name alone names no measure; its area does.
            hit.indicator += (comp.rules.get("family_nouns") or {}).get(hit.family, "")
        owned = nm.relational_re.match(hit.indicator) or hit.indicator in nm.topic_measures
        if owned and hit.subject and hit.subject_type != "zone":
            # 会员 -> 济宁海归创新发展协会会员; 产值 -> 科创共同体产值 (a body's output, not the zone's)
            hit.indicator = f"{hit.subject}{hit.indicator}"
    return out


def _in_contest(name: str, contest: str, nm: _Naming) -> tuple[str, str]:
    """Read 在全市新旧动能转换现场观摩中排名 as the place in that contest (全市新旧动能转换现场观摩名次), v5."""
    m = re.fullmatch(r"在(.+?)中?(?:排名|获得|获)?", name)
    if not m:
        return name, contest
    own = contest if contest and not contest.startswith("在") else ""
    if m.group(1).endswith(nm.contest_end):
        return f"{m.group(1)}名次", own or m.group(1)
    return m.group(1).removesuffix("排名") + "排名", own or m.group(1).removesuffix("排名") + "排名"


def _award(view: str, hit, sent_starts, nm: _Naming) -> str:
    """Find the award a streak was won in: a quoted title after it, else the contest before it."""
    after = view[hit.vend : clause_end(view, hit.vend)]
    quoted = re.search(r"[“\"]([^”\"]+)[”\"]", after)
    if quoted:
        return quoted.group(1)
    return _contest(view, hit, sent_starts, nm, "")
