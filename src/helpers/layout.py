"""Split a cleaned page into articles, and find each article's headline.

A page is a list of lines. An article starts at its headline block: the
short, unpunctuated lines just above an *anchor* (a dateline 本报济宁讯, a
byline 本报记者…, a publication line 来源/时间, or an editor's note 编者按).
A newspaper page with several anchors holds several articles; on such a
page a block of two or more headline lines with no anchor (a commentary,
which carries no dateline) starts an article too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DATELINE = re.compile(r"^本报(?P<place>[\u4e00-\u9fff]{0,6}?)(?:(?P<m>\d{1,2})月(?P<d>\d{1,2})日)?(?:电|讯)")
BYLINE = re.compile(r"^(?:本报记者|本报通讯员|记者|通讯员|文/|文\s*[:：]|作者\s*[:：])\s*(?P<names>[^。，,]{2,30})$")
EDITORS_NOTE = re.compile(r"^编者按\s*[:：]")
AUTHOR_IN_DATELINE = re.compile(r"^本报[^(（]*?讯\s*[(（](?P<names>[^)）]{2,60})[)）]")
TERMINAL = "。！？!?；;…”」』\"）)"
HEADLINE_MAX = 64
# A print layout breaks paragraphs mid-sentence at column ends ("其中,高" /
# "端装备产业…"): a line with clause punctuation but no sentence end, followed
# by a line that is not a headline, is such a fragment and is rejoined.
CLAUSE = re.compile(r"[，,]")


@dataclass
class Line:
    """One line of a page, with its number in the raw file (0-based)."""

    number: int
    text: str
    furniture: str | None = None
    meta: dict = field(default_factory=dict)


@dataclass
class ArticleLines:
    """The lines of one article, split into headline block and body."""

    headline: list[Line]
    anchor: Line | None
    body: list[Line]

    @property
    def lines(self) -> list[Line]:
        """Return every line of the article in page order."""
        return self.headline + ([self.anchor] if self.anchor else []) + self.body


def is_headline(text: str) -> bool:
    """Return True for a line shaped like a headline: short, no sentence end."""
    text = text.strip()
    return 0 < len(text) <= HEADLINE_MAX and text[-1] not in TERMINAL and not is_anchor(text)


def is_anchor(text: str) -> bool:
    """Return True for a dateline, byline or editor's note."""
    text = text.strip()
    return bool(DATELINE.match(text) or BYLINE.match(text) or EDITORS_NOTE.match(text))


def _is_anchor_line(line: Line) -> bool:
    return line.furniture == "publication line" or (line.furniture is None and is_anchor(line.text))


def _headline_block(content: list[Line], anchor_pos: int, floor: int) -> int:
    """Return the index where the headline block above ``content[anchor_pos]`` starts."""
    start = anchor_pos
    while start > floor:
        above = content[start - 1]
        if above.furniture is None and (is_headline(above.text) or EDITORS_NOTE.match(above.text.strip())):
            start -= 1
        else:
            break
    return start


def split_articles(lines: list[Line]) -> list[ArticleLines]:
    """Split a page's lines into articles.

    Parameters
    ----------
    lines : list of Line
        The page's non-blank lines, furniture already classified.

    Returns
    -------
    list of ArticleLines
        One entry per article, in page order. Furniture lines are dropped,
        except publication lines, which stay as the article's anchor.
    """
    content = [ln for ln in lines if ln.furniture in (None, "publication line")]
    anchors = [i for i, ln in enumerate(content) if _is_anchor_line(ln)]
    # An editor's note belongs to the headline block of the anchor below it.
    anchors = [i for i in anchors if not EDITORS_NOTE.match(content[i].text.strip())] or anchors
    starts, floor = [], 0
    for pos in anchors:
        start = _headline_block(content, pos, floor)
        # A publication line under body text (来源：济宁日报 at the foot of a page)
        # closes the article above; it does not open a new one.
        if start == pos and starts and content[pos].furniture == "publication line":
            continue
        starts.append((start, pos))
        floor = pos + 1
    if len(anchors) >= 2:
        starts += _commentary_starts(content, anchors)
    if not starts or starts[0][0] > 0:
        # Text before the first headline block is an article with no anchor,
        # unless it is only the leading lines of that block's page.
        first = starts[0][0] if starts else len(content)
        if first > 0 and not starts:
            starts.insert(0, (0, None))
        elif first > 0:
            starts[0] = (0, starts[0][1])
    starts.sort()
    articles = []
    for k, (start, anchor) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(content)
        block = content[start:end]
        if anchor is None:
            n_head = 0
            while n_head < len(block) - 1 and is_headline(block[n_head].text):
                n_head += 1
            articles.append(ArticleLines(block[:n_head], None, block[n_head:]))
        else:
            a = anchor - start
            articles.append(ArticleLines(block[:a], block[a], block[a + 1:]))
    return [a for a in articles if a.lines]


def _commentary_starts(content: list[Line], anchors: list[int]) -> list[tuple[int, None]]:
    """Find headline blocks of two or more lines with no anchor (commentaries)."""
    found = []
    for i in range(1, len(content) - 2):
        prev = content[i - 1].text.strip()
        if prev[-1:] not in TERMINAL or any(a - 3 <= i <= a for a in anchors):
            continue
        j = i
        while j < len(content) and content[j].furniture is None and is_headline(content[j].text):
            j += 1
        if j - i >= 2 and j < len(content) and not _is_anchor_line(content[j]) and len(content[j].text) >= 60:
            found.append((i, None))
    return found


def join_fragments(lines: list[Line]) -> list[str]:
    """Rejoin paragraphs that a print layout broke mid-sentence.

    Parameters
    ----------
    lines : list of Line
        Body lines of one article.

    Returns
    -------
    list of str
        Paragraphs; every character comes from the input, in order.
    """
    texts = [ln.text.strip() for ln in lines]
    paragraphs: list[str] = []
    carry = ""
    for k, text in enumerate(texts):
        text = carry + text
        following = texts[k + 1] if k + 1 < len(texts) else ""
        broken = text[-1] not in TERMINAL and CLAUSE.search(text) and following and not is_headline(following)
        carry = text if broken else ""
        if not broken:
            paragraphs.append(text)
    return paragraphs
