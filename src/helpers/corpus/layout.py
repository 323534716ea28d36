"""Split a cleaned page into articles, and find each article's headline.

A page is a list of lines, furniture already classified. Most saved pages
hold one story among menus, widgets and links, and are kept whole. A page
is split only on strong evidence that it holds several stories: two or more
*story starts*, each a headline block directly above an anchor that opens
a story (a dateline 本报济宁讯, a dated publication line, or, on a newspaper
page with a masthead or e-paper header, a byline 本报记者…). On such a page
a block of two or more headline lines with no anchor (a commentary carries
no dateline) starts a story too.

The title is the main headline: the last line of the headline block above
the story's anchor (or above its first paragraph); lines above it are the
kicker (引题), a line opening with —— below it is the subtitle (副题). A
byline, publication line, dateline paragraph, menu item or e-paper marker
is never the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.corpus.pagerules import PageRules, load_page_rules

TERMINAL = '。！？!?；;…”」』"）)'
SENTENCE_END = "。！？!?；;…"
CLOSERS = '”」』"）)’'
RESIDUE_LINES = 3  # how far below a first "paragraph" a headline with its dated anchor may stand
KICKER_MAX_LINES = 2
EXCLAIMED_HEADLINE_MAX = 40  # 引题 above a title; more short lines above it are page residue
HEADLINE_MAX = 64
HEADLINE_MAX_LATIN = 150  # an English headline is longer in characters
LATIN = re.compile(r"[A-Za-z]")
BODY_MIN_CHARS = 30  # a line this long, or ending a sentence, is body text
EDITORS_NOTE = re.compile(r"^编者按\s*[:：]")
SUBTITLE = re.compile(r"^[—－-]{1,2}|^[(（][^)）]{1,20}[)）]$")  # ——访… / (2024年版)
AUTHOR_IN_DATELINE = re.compile(r"^[^(（]{0,24}?[讯电]\s*[(（](?P<names>[^)）]{2,60})[)）]")
# A print layout breaks paragraphs mid-sentence at column ends ("其中,高" /
# "端装备产业…"): a line with clause punctuation but no sentence end, followed
# by a line that is not a headline, is such a fragment and is rejoined.
CLAUSE = re.compile(r"[，,]")
NEWSPAPER_FURNITURE = ("masthead date", "masthead title", "e-paper header", "e-paper marker", "issue number")
# A page of short lines with no paragraph is still one article if it holds this much text.
SHORT_LINES_ARTICLE_MIN_CHARS = 200


@dataclass
class Line:
    """One line of a page, with its number in the raw file (0-based)."""

    number: int
    text: str
    furniture: str | None = None
    meta: dict = field(default_factory=dict)


@dataclass
class ArticleLines:
    """The lines of one article: headline block, opening anchor, body."""

    headline: list[Line]  # kicker lines, then the title
    anchor: Line | None  # the byline, dateline paragraph or publication line that opens the story
    body: list[Line]
    subtitle: list[Line] = field(default_factory=list)
    publication: list[Line] = field(default_factory=list)  # publication lines of this story

    @property
    def lines(self) -> list[Line]:
        """Return every line of the article in page order."""
        every = self.headline + self.subtitle + ([self.anchor] if self.anchor else []) + self.body + self.publication
        return sorted({id(ln): ln for ln in every}.values(), key=lambda ln: ln.number)

    @property
    def title(self) -> str:
        """Return the main headline, or "" when the story has none."""
        return self.headline[-1].text if self.headline else ""


def dateline(text: str, rules: PageRules | None = None) -> re.Match | None:
    """Return the dateline opening a paragraph (本报济宁12月3日讯, 新华社北京3月5日电), if any."""
    rules = rules or load_page_rules()
    return next((m for m in (p.match(text) for p in rules.datelines) if m), None)


def byline(text: str, rules: PageRules | None = None) -> re.Match | None:
    """Return the byline match for a line that is only a byline (本报记者 于伟 孟杰)."""
    rules = rules or load_page_rules()
    text = text.strip()
    return next((m for m in (p.match(text) for p in rules.bylines) if m), None)


def is_anchor(text: str, rules: PageRules | None = None) -> bool:
    """Return True for a dateline, byline or editor's note."""
    text = text.strip()
    return bool(dateline(text, rules) or byline(text, rules) or EDITORS_NOTE.match(text))


def ends_sentence(text: str) -> bool:
    """Return True when a line ends a sentence or leads into one.

    A closing quote counts only after 。！？ (…发展“加速度” is a headline); a
    short line ending in ！ or ？ with no 。 is a headline (…吴中行,燃!); a line
    ending in a colon leads into what follows (各有关单位:).
    """
    text = text.rstrip()
    if not text:
        return False
    if text[-1] in CLOSERS:
        return len(text) > 1 and text[-2] in SENTENCE_END
    if text[-1] in "！？!?" and len(text) <= EXCLAIMED_HEADLINE_MAX and "。" not in text:
        return False
    return text[-1] in TERMINAL + "：:"


def is_headline(text: str, rules: PageRules | None = None) -> bool:
    """Return True for a line shaped like a headline: short, no sentence end, not an anchor."""
    text = text.strip()
    latin = len(LATIN.findall(text)) > len(text) / 2
    limit = HEADLINE_MAX_LATIN if latin else HEADLINE_MAX
    return 0 < len(text) <= limit and not ends_sentence(text) and "。" not in text[:-1] and not is_anchor(text, rules)


def is_body(text: str, rules: PageRules | None = None) -> bool:
    """Return True for a line of running text: long, or a sentence, or opened by a dateline."""
    text = text.strip()
    return (
        (len(text) >= BODY_MIN_CHARS and not is_headline(text, rules))
        or (ends_sentence(text) and len(text) >= 8)
        or bool(dateline(text, rules))
    )


def _opens_story(line: Line, rules: PageRules) -> bool:
    """Return True for a line that can open a story under a headline: publication line, date line, byline, dateline."""
    if line.furniture in ("publication line", "masthead date"):
        return True
    return line.furniture is None and (bool(dateline(line.text, rules)) or bool(byline(line.text, rules)))


def _headline_block(content: list[Line], pos: int, floor: int, rules: PageRules) -> int:
    """Return where the headline block directly above ``content[pos]`` starts."""
    start = pos
    while start > floor:
        if start < pos and content[start].meta.get("after_furniture"):
            break  # a menu, breadcrumb or widget between two headline lines: they are not one block
        above = content[start - 1]
        if above.furniture is None and (is_headline(above.text, rules) or EDITORS_NOTE.match(above.text)):
            start -= 1
        else:
            break
    return start


def _story_starts(content: list[Line], newspaper: bool, rules: PageRules) -> list[tuple[int, int]]:
    """Return (headline start, anchor) for each story start: a headline block over an anchor."""
    starts, k, floor, seen = [], 0, 0, set()
    while k < len(content):
        if not _opens_story(content[k], rules):
            k += 1
            continue
        # Adjacent anchors (byline, then publication line, then dateline) open one story.
        group = k
        while k + 1 < len(content) and _opens_story(content[k + 1], rules):
            k += 1
        block = _headline_block(content, group, floor, rules)
        # A bare date line (a document's signature date, a portal's today) is not a story's opener.
        strong = any(
            dateline(ln.text, rules)
            or (ln.furniture == "publication line" and "date" in ln.meta)
            or (newspaper and byline(ln.text, rules))
            for ln in content[group : k + 1]
        )
        title = content[group - 1].text if block < group else ""
        # A second start needs running text since the first, and a headline of its own
        # (a page that prints its story twice, or a summary box, is one story).
        fresh = not starts or (
            any(ln.furniture is None and is_body(ln.text, rules) for ln in content[starts[-1][1] : block])
            and title not in seen
        )
        if block < group and strong and fresh:
            starts.append((block, group))
            seen.add(title)
            floor = k + 1
        k += 1
    return starts


def _commentary_starts(content: list[Line], anchors: list[int], rules: PageRules) -> list[tuple[int, None]]:
    """Find headline blocks of two or more lines with no anchor (commentaries) on a newspaper page."""
    found = []
    for i in range(1, len(content) - 2):
        prev = content[i - 1].text.strip()
        if prev[-1:] not in TERMINAL or any(a - 3 <= i <= a for a in anchors):
            continue
        j = i
        while j < len(content) and content[j].furniture is None and is_headline(content[j].text, rules):
            j += 1
        if j - i >= 2 and j < len(content) and not _opens_story(content[j], rules) and len(content[j].text) >= 60:
            found.append((i, None))
    return found


def split_articles(lines: list[Line], mode: str = "auto", rules: PageRules | None = None) -> list[ArticleLines]:
    """Split a page's lines into articles.

    Parameters
    ----------
    lines : list of Line
        The page's non-blank lines, furniture already classified.
    mode : {"auto", "none"}
        ``"none"`` keeps the page as one article whatever it looks like
        (the manifest's ``split`` column).
    rules : PageRules, optional
        The page rules.

    Returns
    -------
    list of ArticleLines
        One entry per article, in page order; empty when the page holds
        no article text (furniture only).
    """
    rules = rules or load_page_rules()
    for above, line in zip(lines, lines[1:]):
        if above.furniture not in (None, "repeated line") and line.furniture is None:
            line.meta["after_furniture"] = True
    content = [ln for ln in lines if ln.furniture in (None, "publication line", "masthead date")]
    newspaper = any(ln.furniture in NEWSPAPER_FURNITURE for ln in lines)
    starts = _story_starts(content, newspaper, rules) if mode == "auto" else []
    if len(starts) < 2:
        story = _single_story(content, rules)
        return [story] if story is not None else []
    bounds = sorted(set(starts + (_commentary_starts(content, [a for _, a in starts], rules) if newspaper else [])))
    articles = []
    # Text above the first story is its own story only if it holds running text.
    if bounds[0][0] > 0:
        lead = _single_story(content[: bounds[0][0]], rules)
        if lead is not None and lead.body:
            articles.append(lead)
    for k, (start, anchor) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else len(content)
        block = content[start:end]
        if anchor is None:
            n_head = 0
            while n_head < len(block) - 1 and is_headline(block[n_head].text, rules):
                n_head += 1
            articles.append(_with_subtitle(block[:n_head], None, block[n_head:]))
        else:
            a = anchor - start
            articles.append(_with_subtitle(block[:a], block[a], block[a + 1 :], rules))
    return articles


def _with_subtitle(
    head: list[Line], anchor: Line | None, rest: list[Line], rules: PageRules | None = None
) -> ArticleLines:
    """Build an article, moving a —— subtitle (or a document's issuer) out of the headline and anchors out of the body."""
    rules = rules or load_page_rules()
    subtitle = [ln for ln in head if SUBTITLE.match(ln.text) and ln is not head[0]]
    document = next((k for k, ln in enumerate(head) if rules.document_title.match(ln.text)), None)
    if document is not None:  # 关于…的通知 is the title; the issuer below it is not
        subtitle = [ln for ln in head[document + 1 :] if ln not in subtitle] + subtitle
    headline = [ln for ln in head if ln not in subtitle][-(KICKER_MAX_LINES + 1) :]
    metadata = ("publication line", "masthead date")
    publication = [ln for ln in rest if ln.furniture in metadata]
    body = [ln for ln in rest if ln.furniture not in metadata]
    if anchor is not None and anchor.furniture in metadata:
        publication.insert(0, anchor)
    return ArticleLines(headline, anchor, body, subtitle, publication)


def _single_story(content: list[Line], rules: PageRules) -> ArticleLines | None:
    """Read a one-story page: the headline block above the first anchor or paragraph, then the body."""
    first_body = next((k for k, ln in enumerate(content) if ln.furniture is None and is_body(ln.text, rules)), None)
    if first_body is None:
        text = [ln for ln in content if ln.furniture is None]
        if sum(len(ln.text) for ln in text) < SHORT_LINES_ARTICLE_MIN_CHARS:
            return None
        first_body = content.index(text[0])
    # A headline with a dated anchor just below the first "paragraph": that paragraph
    # was page residue (a run-together menu line), and the story starts there.
    for k in range(first_body + 1, min(len(content), first_body + RESIDUE_LINES + 1)):
        line = content[k]
        if (line.furniture == "publication line" and "date" in line.meta) or (
            line.furniture is None and dateline(line.text, rules)
        ):
            block = _headline_block(content, k, first_body + 1, rules)
            if block < k:
                return _single_story(content[block:], rules)
    # The headline block over the story's byline nearest the body, else over the first
    # publication line that has one (Title / 来源… / body),
    # else the one directly over the first paragraph (Title / body).
    anchors = [k for k in range(first_body) if _opens_story(content[k], rules)]
    with_block = [k for k in anchors if _headline_block(content, k, 0, rules) < k]
    # A byline or dateline opens the story itself; a publication line may belong to the page.
    # A dateline paragraph opening the body is the story's own opener too.
    opening = [first_body] if dateline(content[first_body].text, rules) else []
    openers = [
        k for k in with_block + opening if content[k].furniture is None and _headline_block(content, k, 0, rules) < k
    ]
    published = [k for k in with_block if content[k].furniture == "publication line"]
    top = (openers[-1:] or published[:1] or with_block[:1] or [first_body])[0]
    block = _headline_block(content, top, 0, rules)
    headline = content[block:top]
    between = content[top:first_body]
    anchor = next((ln for ln in between if _opens_story(ln, rules)), None)
    if anchor is None and dateline(content[first_body].text, rules):
        anchor = content[first_body]
        first_body += 1
    # Bylines and publication lines under the headline are the story's metadata, not its text.
    meta = [ln for ln in between if ln is not anchor and _opens_story(ln, rules) and not dateline(ln.text, rules)]
    body = [ln for ln in between if ln is not anchor and ln not in meta] + content[first_body:]
    article = _with_subtitle(headline, anchor, body, rules)
    article.publication = sorted(meta + article.publication, key=lambda ln: ln.number)
    if anchor is None or anchor.furniture is not None:
        # A kicker (引题) stands over a newspaper story opened by its byline or dateline; over a web
        # page's title, the short lines are section names and menu residue.
        article.headline = article.headline[-1:]
    return article


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
