"""Shared text utilities: width folding, traditional-to-simplified copies, scripts, word patterns, quotations.

Every copy keeps the original's length, character for character, so an
offset found in a copy is valid in the original. Sentences are cut in
:mod:`helpers.sentences`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import opencc


def normalise_width(text: str) -> str:
    """Return a copy with full-width ASCII forms and the ideographic space made half-width.

    The copy has the same length as ``text``, character for character, so an
    offset found in the copy is valid in the original.

    Examples
    --------
    >>> normalise_width("２０２１年，ＧＤＰ增长１０％")
    '2021年,GDP增长10%'
    """
    return text.translate(_WIDTH_TABLE)


_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# Share of Han characters that change under traditional-to-simplified
# conversion above which a text is read as traditional: simplified text
# changes almost nowhere, traditional text in 15-30 % of characters.
TRADITIONAL_SHARE = 0.05


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Return a simplified-character copy of the same length (OpenCC t2s).

    OpenCC converts phrase by phrase; where a phrase would change length the
    characters are converted one by one, so offsets stay valid.

    Examples
    --------
    >>> simplified("新竹科學園區廠商營業額創新高")
    '新竹科学园区厂商营业额创新高'
    """
    converted = _to_simplified().convert(text)
    if len(converted) == len(text):
        return converted
    single = [_to_simplified().convert(ch) for ch in text]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(single, text))


def script_of(text: str) -> str:
    """Say which script a text is in: ``simplified``, ``traditional`` or ``latin`` (no Chinese to speak of)."""
    han = _HAN.findall(text)
    if len(han) < max(10, len(_LATIN.findall(text)) // 10):
        return "latin"
    sample = "".join(han)
    changed = sum(a != b for a, b in zip(sample, simplified(sample)))
    return "traditional" if changed > TRADITIONAL_SHARE * len(han) else "simplified"


def analysis_copy(text: str) -> tuple[str, str]:
    """Return the copy of an article that analysis reads, and the script of the original.

    The copy is width-normalised and, for a page in traditional characters,
    converted to simplified; it has the same length as ``text``, so an offset
    found in the copy is valid in the original.
    """
    script = script_of(text)
    copy = simplified(text) if script == "traditional" else text
    return normalise_width(copy), script


def alternation(words: Iterable[str], escape: bool = True) -> str:
    """Return a regex alternation of ``words``, longest first, so a longer word wins where two start alike.

    Each word appears once; words of one length are in code-point order, so
    the pattern does not depend on the order the words came in. With
    ``escape=False`` the words are regexes themselves, ordered by the length
    of their source. No words give a pattern that never matches.

    Examples
    --------
    >>> alternation(["万元", "元", "亿元", "元"])
    '万元|亿元|元'
    >>> alternation([])
    '(?!)'
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return "(?!)"
    return "|".join(map(re.escape, unique) if escape else unique)


# The quotation marks the corpus uses, as (opening, closing) pairs; a straight
# quote pairs with the next one on its line, left to right.
QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("「", "」"), ("‘", "’"))
QUOTE_MARKS = "".join(dict.fromkeys(mark for pair in QUOTE_PAIRS for mark in pair))
_QUOTATIONS = tuple(re.compile(f"{re.escape(a)}[^{re.escape(a + b)}\\n]*{re.escape(b)}") for a, b in QUOTE_PAIRS)


def quotations(text: str, max_chars: int | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of every quotation in ``text``, its marks included, in text order.

    A quotation lies on one line. Each kind of mark pairs left to right on
    its own, so a quotation inside another of another kind is found too
    (构建"四星联动"格局 inside “…”, ‘…’ inside “…”), after the one around it.
    The quoted words are ``text[start + 1 : end - 1]``.

    Parameters
    ----------
    text : str
    max_chars : int, optional
        Keep only quotations of at most this many characters between the marks.

    Examples
    --------
    >>> text = '“构建"四星联动"格局”和‘231’'
    >>> [text[s:e] for s, e in quotations(text)]
    ['“构建"四星联动"格局”', '"四星联动"', '‘231’']
    """
    found = [(m.start(), m.end()) for rx in _QUOTATIONS for m in rx.finditer(text)]
    if max_chars is not None:
        found = [(s, e) for s, e in found if e - s - 2 <= max_chars]
    return sorted(found, key=lambda span: (span[0], -span[1]))


_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
