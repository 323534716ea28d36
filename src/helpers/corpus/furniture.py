"""Recognise page furniture: lines that belong to the page, not to an article.

Furniture is mastheads, hotlines, breadcrumbs, menus, share and print
widgets, hit counters, editor lines, publication lines (来源/发布时间),
copyright notices, related-news tails and the like; the patterns are in
``data/lexicon/page_layout.yml``. Some furniture carries metadata (the
outlet, the publication date, the author), so :func:`classify_line`
returns what it found. :func:`classify_page` adds what only the sequence of
lines shows: menus as runs of short lines, lists of links, the tail after
相关新闻, repeated lines and the paper's name above its masthead date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.corpus.dates import find_dates
from helpers.corpus.pagerules import PageRules, load_page_rules

PUBLICATION_MAX_CHARS = 120  # a publication line is short; a body sentence naming 来源 is not
UNLABELLED_NAME_MAX_CHARS = 16  # "<newspaper> 2023-03-05 09:12": the name part is short
SENTENCE_END = "。！？!?；;"
# Words that stand beside a date on a publication line and name no outlet: weekdays, the
# lunar date, URLs, times, "By … on".
_BESIDE_A_DATE = re.compile(
    r"星期[一二三四五六日天]|周[一二三四五六日天]|农历\S+|今天是|今日|(?:https?://)?www\.\S+|https?://\S+|\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b|\bBy\b|\bon\b"
)
_SEPARATORS = re.compile(r"[\s|｜/\\:：,，、()（）\[\]【】<>《》\-—_·]+")
_EPAPER = re.compile(r"第\s*[0-9０-９]{1,3}\s*版|版次|[【\[]\s*PDF|[A-Z]\d{1,2}\s*版")
VALUE_MAX_CHARS = 20  # a label's value on the line below it is short
MENU_RUN = 4  # this many short lines in a row are a menu
MENU_ITEM_MAX_CHARS = 8
TAIL_WINDOW = 3  # a sentence within this many lines after 相关链接 means a sidebar, not the page's tail
BULLETS = "·•●▪■□◆◇>»›-*"


@dataclass
class LineInfo:
    """What :func:`classify_line` found in one line."""

    furniture: str | None = None  # the kind of furniture, or None for article text
    meta: dict = field(default_factory=dict)  # date (y, m, d) / source / author / site / evidence


def parse_publication_line(text: str, rules: PageRules | None = None) -> dict | None:
    """Read a publication line in any order of date, time, outlet, author and labels.

    Parameters
    ----------
    text : str
        One stripped line.
    rules : PageRules, optional
        The page rules (default: ``data/lexicon/page_layout.yml``).

    Returns
    -------
    dict or None
        ``date`` (y, m, d) when the line states one, ``source``, ``author``,
        ``editor`` when labelled, ``evidence`` (the line); None when the line
        is not a publication line.

    Examples
    --------
    >>> parse_publication_line("来源:红网 作者:王娟娟 冯茜宁 编辑:肖拓 2023-08-20 20:18:24")["source"]
    '红网'
    >>> parse_publication_line("济宁日报 2022-03-05 09:12")["date"]
    (2022, 3, 5)
    """
    rules = rules or load_page_rules()
    if len(text) > PUBLICATION_MAX_CHARS:
        return None
    dates = find_dates(text)
    labels = list(rules.publication_label.finditer(text))
    if not dates and not labels:
        return None
    meta: dict = {"evidence": text}
    if dates:
        meta["date"] = (dates[0].y, dates[0].m, dates[0].d)
    if not labels:
        rest = _BESIDE_A_DATE.sub("", _without(text, [(d.start, d.end) for d in dates]))
        words = _SEPARATORS.sub("", rest)
        # "2023年8月12日,高新区召开会议" is a sentence; "Saturday, January 16th, 2021" is a date line.
        if len(words) > UNLABELLED_NAME_MAX_CHARS or (words and re.search(f"[{SENTENCE_END}，,]", rest)):
            return None
        # "三秦都市报 2020-05-14 大字": the outlet is the part that reads like one, not "date晴時多雲".
        named = (m["outlet"] for p in rules.outlet_in_text if (m := p.search(text)))
        outlet = next(named, None) or next(
            (t for t in _SEPARATORS.split(rest) if t and rules.outlet_name.search(t)), None
        )
        if outlet:
            meta["source"] = outlet
        return meta
    for k, label in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        value = _without(text[label.end() : end], [(d.start - label.end(), d.end - label.end()) for d in dates])
        value = value.strip(" \t|｜/]】)）:：,，")
        value = re.split(r"\s{2,}|[|｜]", value)[0].strip()
        key = {
            "来源": "source",
            "來源": "source",
            "作者": "author",
            "撰稿": "author",
            "记者": "author",
            "記者": "author",
            "通讯员": "author",
            "供稿": "source",
            "编辑": "editor",
            "編輯": "editor",
            "Source": "source",
        }
        if name_of := next((name for word, name in key.items() if word in label["label"]), None):
            value = _label_value(value, rules)
            if name_of == "source" and sum(c.isdigit() for c in value) * 2 >= len(value):
                value = ""  # a code such as sp20241115 names no outlet
            if value and name_of not in meta:
                meta[name_of] = value
    return meta


def _label_value(value: str, rules: PageRules) -> str:
    """Clean a label's value: cut widget words that follow it; a URL stands for its site."""
    url = re.match(r"https?://([^/\s]+)", value)
    if url:
        return url.group(1)
    stop = rules.outlet_value_stop.search(value)
    value = value[: stop.start()].strip() if stop else value
    return value


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """Return ``text`` with the character spans blanked out."""
    for start, end in sorted(spans, reverse=True):
        if 0 <= start < end <= len(text):
            text = text[:start] + " " + text[end:]
    return text


def classify_line(line: str, rules: PageRules | None = None) -> LineInfo:
    """Classify one line as article text or a kind of page furniture.

    Parameters
    ----------
    line : str
        One line of a raw file, without its line end.
    rules : PageRules, optional
        The page rules (default: ``data/lexicon/page_layout.yml``).

    Returns
    -------
    LineInfo
        ``furniture`` names the kind of furniture (None for article text);
        ``meta`` holds a publication ``date`` (y, m, d), ``source``,
        ``author`` or ``site`` when the line states one.

    Examples
    --------
    >>> classify_line("上一篇:中关村海淀园加快中关村科学城建设步伐").furniture
    'previous/next link'
    >>> classify_line("来源:中国高新技术产业导报 时间:2017-10-23").meta["source"]
    '中国高新技术产业导报'
    """
    rules = rules or load_page_rules()
    text = line.strip()
    info = LineInfo()
    if not text:
        return info
    published = parse_publication_line(text, rules)
    if published is not None:
        info.meta = published
        rest = _SEPARATORS.sub("", _BESIDE_A_DATE.sub("", _without(text, [(d.start, d.end) for d in find_dates(text)])))
        if _EPAPER.search(text):
            info.furniture = "e-paper header"
        elif "date" in published and not rest:
            info.furniture = "masthead date"
        else:
            info.furniture = "publication line"
        return info
    site = re.search(r"凡本网注明[“\"]来源\s*[:：]\s*(?P<site>[^”\"]+)[”\"]", text)
    if site:
        info.meta["site"] = site["site"]
    # A long sentence is article text unless it is a legal notice.
    sentence = len(text) > 60 and text[-1] in SENTENCE_END
    for kind, pattern in rules.furniture:
        if sentence and kind not in ("copyright notice", "disclaimer", "site registration"):
            continue
        if pattern.search(text):
            info.furniture = kind
            return info
    return info


def is_tail_marker(text: str, rules: PageRules | None = None) -> bool:
    """Return True for a line such as 相关新闻 or 推荐阅读 after which only links follow."""
    rules = rules or load_page_rules()
    return len(text) <= 16 and any(p.match(text) for p in rules.tail_markers)


def _is_short_item(text: str) -> bool:
    """Return True for a menu item: a few characters (in English, a few words), no sentence punctuation."""
    if re.search(f"[{SENTENCE_END}，,：:]", text) or find_dates(text):
        return False
    latin = len(re.findall(r"[A-Za-z]", text)) > len(text) / 2
    return len(text.split()) <= 4 and len(text) <= 32 if latin else len(text) <= MENU_ITEM_MAX_CHARS


def _is_link(text: str) -> bool:
    """Return True for an item of a list of links: a bulleted or dated short line without a sentence end."""
    bulleted = text[:1] in BULLETS and len(text) <= 60
    dated = bool(find_dates(text)) and len(text) <= 60
    return (bulleted or dated) and text[-1] not in SENTENCE_END


def _unlabelled(text: str, info: LineInfo, rules: PageRules) -> bool:
    """Article text, or a dated line without a 来源/时间 label (a headline with its date)."""
    return info.furniture is None or (info.furniture == "publication line" and not rules.publication_label.search(text))


def classify_page(texts: list[str], rules: PageRules | None = None) -> list[LineInfo]:
    """Classify every line of a page, using what the sequence of lines shows.

    Parameters
    ----------
    texts : list of str
        The page's non-blank lines, stripped, in order.
    rules : PageRules, optional
        The page rules.

    Returns
    -------
    list of LineInfo
        One per line, in order.
    """
    rules = rules or load_page_rules()
    infos = [classify_line(t, rules) for t in texts]
    _mark_runs(
        texts, infos, lambda k: infos[k].furniture is None and _is_short_item(texts[k]), MENU_RUN, "navigation menu"
    )
    _mark_runs(
        texts, infos, lambda k: _unlabelled(texts[k], infos[k], rules) and _is_link(texts[k]), 2, "list of links"
    )
    for k, text in enumerate(texts):
        # "来源:" on one line, "浙江在线" on the next: the value of an empty label.
        if (
            k
            and infos[k].furniture is None
            and len(text) <= VALUE_MAX_CHARS
            and texts[k - 1][-1:] in ":："
            and infos[k - 1].furniture == "publication line"
        ):
            infos[k].furniture, infos[k].meta = "publication line", {"evidence": text}
            if rules.publication_label.search(texts[k - 1])["label"] in ("来源", "來源", "信息来源", "文章来源"):
                infos[k].meta["source"] = text
        if infos[k].furniture is None and k and text == texts[k - 1]:
            infos[k].furniture = "repeated line"
        above = infos[k - 1] if k else None
        # The line above a masthead date is the paper's name (济宁高新新闻).
        if (
            infos[k].furniture == "masthead date"
            and above is not None
            and above.furniture is None
            and len(texts[k - 1]) <= rules.masthead_title_max_chars
            and rules.masthead_title.search(texts[k - 1])
        ):
            above.furniture, above.meta = "masthead title", {"source": texts[k - 1]}
    tail = next(
        (
            k
            for k, t in enumerate(texts)
            if infos[k].furniture is None and is_tail_marker(t, rules) and not _sentences_follow(texts, infos, k)
        ),
        None,
    )
    if tail is not None:
        for info in infos[tail:]:
            if info.furniture is None or info.furniture == "publication line":
                info.furniture, info.meta = "related links", {}
    return infos


def _sentences_follow(texts: list[str], infos: list[LineInfo], k: int, window: int = TAIL_WINDOW) -> bool:
    """Return True when running text follows a tail marker closely: then it heads a sidebar (相关链接), not the tail."""
    following = [t for t, info in zip(texts[k + 1 :], infos[k + 1 :]) if info.furniture is None][:window]
    return any(len(t) >= 20 and t[-1] in "。！？!?" for t in following)


def _mark_runs(texts, infos, member, length: int, kind: str) -> None:
    """Mark runs of at least ``length`` consecutive member lines as ``kind``."""
    k = 0
    while k < len(texts):
        j = k
        while j < len(texts) and member(j):
            j += 1
        if j - k >= length:
            for i in range(k, j):
                infos[i].furniture, infos[i].meta = kind, {}
        k = max(j, k + 1)
