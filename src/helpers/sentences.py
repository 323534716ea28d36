"""Split a text into sentences, with offsets into it: one rule for every table.

Every table that quotes a sentence (theme sentences, the indicator ledger,
formula and entity mentions) cuts it here, so a figure quoted by two tables
is quoted in the same words.

A sentence ends

* after a run of 。！？ (or half-width ``!`` ``?``, unless they stand inside a
  Latin token such as ``index.php?id=3``), together with the closing quotes
  and brackets that follow it (他说“好。”｜然后): ”’」』）)》】 always, a
  straight quote ``"`` or ``'`` when it closes one opened in the sentence;
* at a hard line break: paragraphs, headings and list items are sentences of
  their own.

A line break is *soft*, inside a sentence, when the line before it does not
end a sentence (see :func:`ends_sentence`) and

1. the line after opens with punctuation no sentence opens with (，、；：。%…);
2. or a figure is cut from its unit or qualifier: the line before holds a
   clause comma and its last clause a digit, and the line after is running
   text (剥离职能69 / 项,机构数量压缩68%…; 10万元以 / 上村达到79.6%。);
3. or a column broke a paragraph: the line before is running text at least
   as long as a body line (:data:`BODY_MIN_CHARS`), with a clause comma and
   no space between two Chinese characters (a headline's parts are set
   apart by spaces; running text never is), and the line after is running
   text too.

*Running text* holds clause punctuation, ends a sentence, or is longer than
a headline. So a heading is never joined to the paragraph under it
(…90%招标主体为公司 / 项目公司化运作是主路径。 stays two sentences), nor a
line of page furniture that ends in a number (浏览:2582) to the next. The
reader rejoins most broken paragraphs before any table is made
(:func:`helpers.corpus.layout.join_fragments`); these rules serve the text
it leaves, and text given directly.

A sentence's ``start`` and ``end`` are offsets into the text; its ``text`` is
``text[start:end]`` with a soft break and the whitespace around it taken out
(so it is a slice of the text only when it holds no soft break).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from operator import attrgetter
from typing import NamedTuple

__all__ = ["Sentence", "ends_sentence", "sentence_at", "sentence_index", "soft_breaks", "split_sentences"]

# 。！？ always end a sentence; half-width ! and ? do unless a Latin token runs through them (a URL's ?id=3).
_LATIN = r"[A-Za-z0-9/_.=&%-]"
_TERMINATORS = re.compile(rf"(?:[。！？]|(?<!{_LATIN})[!?]|[!?](?!{_LATIN}))+")
TERMINAL = "。！？!?"
# Closing marks that belong to the sentence closed just inside them.
CLOSERS = "”’」』）)》】"
STRAIGHT_QUOTES = "\"'"
# A line ending with one of these ends a sentence or leads into the next line (各有关单位:).
LINE_ENDS = TERMINAL + "；;：:…"
# A line may not open with these: a line that does continues the one before.
NOT_OPENING = "，,、；;：:。！？!?）)》」』】”’%"
CLAUSE_COMMAS = "，,"
CLAUSE_MARKS = "，,、；;：:"
# As long as a headline may be, and as long as a line of body text is (helpers.corpus.layout).
HEADLINE_MAX_CHARS = 64
BODY_MIN_CHARS = 30
_BREAK = re.compile(r"[ \t\xa0\u3000]*\n\s*")
_SPACED_HAN = re.compile(r"[\u4e00-\u9fff][ \t\xa0\u3000]+[\u4e00-\u9fff]")
_LAST_CLAUSE = re.compile(rf"[^{CLAUSE_MARKS}]*$")
# A remark in brackets after the end of a sentence: ……再创新高。（记者吴柏轩摄）
_REMARK = re.compile(r"[（(〔【][^（()）〔〕【】]*[)）〕】]$")
_DIGIT = re.compile(r"\d")


class Sentence(NamedTuple):
    """One sentence: ``start`` and ``end`` are offsets into the text; ``text`` is the sentence as read."""

    start: int
    end: int
    text: str


def ends_sentence(line: str) -> bool:
    """Say whether a line ends a sentence or leads into the next one.

    It ends with 。！？!?；;：:…, or with a closing quote or bracket right after
    。！？!? (…发展“加速度” is a headline, not the end of a sentence), or with a
    remark in brackets after one of these (……再创新高。（记者吴柏轩摄）).

    Examples
    --------
    >>> ends_sentence("实现瘦身强体。”"), ends_sentence("推动“三廊七大片区”"), ends_sentence("各有关单位:")
    (True, False, True)
    """
    line = line.rstrip()
    remark = _REMARK.search(line)
    if remark and remark.start():
        line = line[: remark.start()].rstrip()
    if not line:
        return False
    if line[-1] in CLOSERS + STRAIGHT_QUOTES:
        return len(line) > 1 and line[-2] in TERMINAL
    return line[-1] in LINE_ENDS


def _running(line: str) -> bool:
    # Running text, not a heading: clause punctuation, a sentence's end, or longer than a headline.
    return len(line) > HEADLINE_MAX_CHARS or ends_sentence(line) or any(c in line for c in CLAUSE_MARKS + "。")


def _is_soft(before: str, after: str) -> bool:
    if not before or not after or ends_sentence(before):
        return False
    if after[0] in NOT_OPENING:
        return True
    if not any(c in before for c in CLAUSE_COMMAS) or not _running(after):
        return False
    cut_figure = bool(_DIGIT.search(_LAST_CLAUSE.search(before).group()))
    wrapped = len(before) >= BODY_MIN_CHARS and not _SPACED_HAN.search(before)
    return cut_figure or wrapped


def soft_breaks(text: str) -> list[tuple[int, int]]:
    r"""Return the ``(start, end)`` spans of the soft line breaks of ``text``, whitespace around them included.

    See the module's docstring for the rule.

    Examples
    --------
    >>> soft_breaks("改革,剥离职能69\n\n项,机构数量压缩68%。\n下一句。")
    [(9, 11)]
    """
    spans = []
    for m in _BREAK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        before = text[line_start : m.start()].strip()
        after = text[m.end() : len(text) if line_end < 0 else line_end].strip()
        if _is_soft(before, after):
            spans.append((m.start(), m.end()))
    return spans


def _sentence_end(text: str, m: re.Match, start: int) -> int:
    # The end of a sentence whose terminators are ``m``: the closing marks after them belong to it.
    end = m.end()
    while end < len(text):
        ch = text[end]
        if ch in STRAIGHT_QUOTES:  # closes a quote opened in the sentence, or opens the next one
            if text.count(ch, start, end) % 2 == 0:
                break
        elif ch not in CLOSERS:
            break
        end += 1
    return end


def _cuts(text: str, soft: list[tuple[int, int]]) -> list[int]:
    # Positions where a sentence ends: after terminators (and their closing marks) and at hard line breaks.
    soft_newlines = {i for s, e in soft for i in range(s, e) if text[i] == "\n"}
    hard = [i for i, ch in enumerate(text) if ch == "\n" and i not in soft_newlines]
    ends, last = [], 0
    for m in _TERMINATORS.finditer(text):
        before = bisect.bisect_right(hard, m.start())
        last = _sentence_end(text, m, max(last, hard[before - 1] if before else 0))
        ends.append(last)
    return sorted({*hard, *ends})


def split_sentences(text: str) -> list[Sentence]:
    r"""Split a text into sentences.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Sentence
        ``(start, end, text)`` in text order, offsets into ``text``;
        whitespace around a sentence is trimmed, blank sentences are dropped,
        and a soft line break inside one is taken out of its ``text``.

    Examples
    --------
    >>> [s.text for s in split_sentences("他说“好。”然后走了?对\n\n标题\n正文,剥离职能69\n项。")]
    ['他说“好。”', '然后走了?', '对', '标题', '正文,剥离职能69项。']
    """
    soft = soft_breaks(text)
    soft_starts = [s for s, _ in soft]
    out = []
    bounds = [0, *_cuts(text, soft), len(text)]
    for a, b in zip(bounds, bounds[1:]):
        raw = text[a:b]
        stripped = raw.strip()
        if not stripped:
            continue
        start = a + len(raw) - len(raw.lstrip())
        end = start + len(stripped)
        pieces, pos = [], start
        for s, e in soft[bisect.bisect_right(soft_starts, start) : bisect.bisect_left(soft_starts, end)]:
            pieces.append(text[pos:s])
            pos = e
        pieces.append(text[pos:end])
        out.append(Sentence(start, end, "".join(pieces)))
    return out


def sentence_index(sentences: Sequence[Sentence], pos: int) -> int:
    """Return the index of the sentence holding offset ``pos`` (``-1`` when there is none).

    A position between two sentences (whitespace) belongs to the one before;
    one before the first sentence, to the first.
    """
    if not sentences:
        return -1
    return max(bisect.bisect_right(sentences, pos, key=attrgetter("start")) - 1, 0)


def sentence_at(sentences: Sequence[Sentence], pos: int) -> str:
    """Return the text of the sentence holding offset ``pos`` (see :func:`sentence_index`; ``""`` when there is none)."""
    i = sentence_index(sentences, pos)
    return sentences[i].text if i >= 0 else ""
