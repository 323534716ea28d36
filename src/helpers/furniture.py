"""Recognise page furniture: lines that belong to the page, not to an article.

Furniture is mastheads, hotlines, e-mail lines, breadcrumbs and navigation
menus, publication lines (来源/时间/发布日期), copyright notices and
上一篇/下一篇 links. Some furniture carries metadata (the outlet, the
publication date), so :func:`classify_line` returns what it found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DATE = r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
PUBLICATION_DATE = re.compile(r"(?:发布|发表|更新)?(?:时间|日期)\s*[:：]\s*" + _DATE)
PUBLICATION_SOURCE = re.compile(r"来源\s*[:：]\s*(?P<source>[^\s:：|｜]{2,30}?)(?=\s|$|[|｜]|(?:发布|发表|更新)?(?:时间|日期)|作者|编辑)")
MASTHEAD_DATE = re.compile(r"^" + _DATE + r"$")
SITE_NAME = re.compile(r"凡本网注明[“\"]来源\s*[:：]\s*(?P<site>[^”\"]+)[”\"]")

# Each pattern is one kind of furniture; the name says which, for the record.
_PATTERNS = {
    "e-mail": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "hotline": re.compile(r"(?:热线|电话|传真|Tel|TEL)\s*[:：]?\s*\(?0\d{2,3}\)?[-－\s]?\d{7,8}"),
    "phone number": re.compile(r"^\s*\(?0\d{2,3}\)?[-－]\d{7,8}\s*$"),
    "masthead credit": re.compile(r"^(?:主管|主办|承办|出版|编辑部|社址|邮编|责任编辑|编辑|校对|审核)\s*[:：]"),
    "breadcrumb": re.compile(r"^(?:当前位置|您的位置|你的位置)\s*[:：]|(?:首页|主页)\s*[>›»＞/]|(?:\s[>›»＞]\s.*){2,}"),
    "navigation menu": re.compile(r"^(?:[^|｜]{1,12}[|｜]){2,}[^|｜]{0,12}$"),
    "previous/next link": re.compile(r"^(?:上一篇|下一篇|上一条|下一条)\s*[:：]"),
    "copyright notice": re.compile(r"版权|凡本网|本网将追究|转载目的|不代表本网|All Rights Reserved|Copyright|©"),
    "page tools": re.compile(r"^(?:打印本页|关闭窗口|分享到|字号\s*[:：]|【\s*打印\s*】|\[\s*打印\s*\])|^(?:[【\[][^】\]]{1,12}[】\]]\s*){2,}$|(?:字体|字号)\s*[:：]?\s*大\s*中\s*小"),
    "site registration": re.compile(r"ICP备|公网安备|网站标识码|网站地图|技术支持\s*[:：]"),
    "weekday": re.compile(r"^星期[一二三四五六日天]$"),
    "lunar date": re.compile(r"^农历\S+$"),
    "issue number": re.compile(r"总第\s*\d+\s*期|^\S*第\s*\d+\s*期$"),
    "masthead slogan": re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[·・][\u4e00-\u9fff]{2,4}){2,}$"),
    "masthead date": MASTHEAD_DATE,
}


@dataclass
class LineInfo:
    """What :func:`classify_line` found in one line."""

    furniture: str | None = None  # the kind of furniture, or None for article text
    meta: dict = field(default_factory=dict)  # source / date / site found in the line


def classify_line(line: str) -> LineInfo:
    """Classify one line as article text or a kind of page furniture.

    Parameters
    ----------
    line : str
        One line of a raw file, without its line end.

    Returns
    -------
    LineInfo
        ``furniture`` names the kind of furniture (None for article text);
        ``meta`` holds a publication ``date`` (y, m, d), ``source`` or
        ``site`` when the line states one.

    Examples
    --------
    >>> classify_line("上一篇:中关村海淀园加快中关村科学城建设步伐").furniture
    'previous/next link'
    >>> classify_line("来源:中国高新技术产业导报 时间:2017-10-23").meta["source"]
    '中国高新技术产业导报'
    """
    text = line.strip()
    info = LineInfo()
    if not text:
        return info
    # A publication line is short and names a source or a date with a label;
    # a body sentence that merely mentions 来源 is long and is left alone.
    if len(text) <= 80:
        date = PUBLICATION_DATE.search(text)
        source = PUBLICATION_SOURCE.search(text)
        if date:
            info.meta["date"] = (int(date["y"]), int(date["m"]), int(date["d"]))
        if source:
            info.meta["source"] = source["source"]
        if date or source:
            info.meta["evidence"] = text
            info.furniture = "publication line"
            return info
    site = SITE_NAME.search(text)
    if site:
        info.meta["site"] = site["site"]
    for kind, pattern in _PATTERNS.items():
        if pattern.search(text):
            info.furniture = kind
            if kind == "masthead date":
                m = MASTHEAD_DATE.match(text)
                info.meta["date"] = (int(m["y"]), int(m["m"]), int(m["d"]))
                info.meta["evidence"] = text
            return info
    return info
