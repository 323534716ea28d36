"""Parse Arabic, Chinese and mixed numerals into floats.

Pure functions, no I/O. The indicator extractor decides *where* a number
is; this module only says *what value* a piece of number text has.
"""

from __future__ import annotations

import re

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Small units multiply the digit before them inside a 万/亿 section.
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
RANK_FIRST_WORDS = {"首": 1, "首位": 1}

# Full-width ASCII (U+FF01..U+FF5E) maps to ASCII by a fixed offset; the
# ideographic space maps to a plain space. One char in, one char out, so
# offsets into the normalised copy are offsets into the original.
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20

_ARABIC = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_MIXED = re.compile(r"^(?P<num>[+-]?[\d,]*\.?\d+)(?P<mag>[十百千万亿]+)$")
_FRACTION = re.compile(r"^(?P<den>.+)分之(?P<num>.+)$")
_CN_DIGIT_CHARS = "".join(CN_DIGITS)
_DECIMAL = re.compile(rf"^(?P<whole>[{CN_NUMERAL_CHARS}]*)点(?P<frac>[{_CN_DIGIT_CHARS}]+)(?P<mag>[十百千万亿]*)$")
_PERCENT_WORD = re.compile(r"^百分之(?P<num>.+)$")
_RANK = re.compile(r"^(?:全[市省国区])?(?:第|前)?(?P<num>[^名位]+?)(?:名|位)?$")
# 翻N番 doubles N times; N倍 is N times as written (是去年的3倍).
_FAN = re.compile(r"^翻(?P<num>[一二两三四五六七八九十\d]*)番$")
_TIMES = re.compile(r"^(?P<num>.+?)倍$")
MULTIPLIER_WORDS = {"倍增": 2.0, "翻番": 2.0}


def to_halfwidth(text: str) -> str:
    """Map full-width ASCII and the ideographic space to half-width.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        Text of exactly the same length, so offsets carry over unchanged.
    """
    return text.translate(_FULLWIDTH)


def is_chinese_numeral(text: str) -> bool:
    """Return True if every character of ``text`` is a Chinese numeral character."""
    return bool(text) and all(ch in CN_NUMERAL_CHARS for ch in text)


def parse_chinese(text: str) -> float:
    """Parse a Chinese numeral such as 两, 十三, 一百零三, 百亿 or 三千五百万.

    Parameters
    ----------
    text : str
        Chinese numeral characters only.

    Returns
    -------
    float
        The value.

    Raises
    ------
    ValueError
        If ``text`` is empty or holds a non-numeral character.
    """
    if not is_chinese_numeral(text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    # Each 万/亿 closes a term (value, magnitude). A unit multiplies the
    # digits before it and every earlier term of no larger magnitude:
    # 三万亿 is (三万)亿, but in 一万亿五千亿 the second 亿 leaves 一万亿 alone.
    terms: list[tuple[float, float]] = []
    current = 0.0  # below 万, not yet closed
    digit = None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            # A bare 十/百 at the start means one ten / one hundred (十三, 百亿).
            current += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        else:
            unit = CN_BIG_UNITS[ch]
            value, magnitude = current + (digit or 0), unit
            while terms and terms[-1][1] <= unit:
                term, term_magnitude = terms.pop()
                value += term
                magnitude = max(magnitude, term_magnitude * unit)
            terms.append(((value or 1) * unit, magnitude))  # a bare 万 / 亿 is one
            current, digit = 0.0, None
    return sum(term for term, _ in terms) + current + (digit or 0)


def parse_number(text: str) -> float:
    """Parse Arabic, Chinese, mixed, fraction and 百分之 numerals.

    Parameters
    ----------
    text : str
        Number text as written: ``61.7``, ``1,390``, ``１２``, ``两``,
        ``一百零三``, ``1.2万``, ``百亿``, ``三万亿``, ``三点五万``,
        ``四分之一`` (0.25) or ``百分之五十`` (0.5).

    Returns
    -------
    float
        The value; fractions and 百分之 give a ratio.

    Raises
    ------
    ValueError
        If the text is not a number.
    """
    s = to_halfwidth(text).strip()
    if not s:
        raise ValueError("empty number text")
    if _ARABIC.match(s):
        return float(s.replace(",", ""))
    m = _PERCENT_WORD.match(s)
    if m:
        return parse_number(m["num"]) / 100
    m = _FRACTION.match(s)
    if m:
        return parse_number(m["num"]) / parse_number(m["den"])
    m = _MIXED.match(s)
    if m:
        return float(m["num"].replace(",", "")) * parse_chinese(m["mag"])
    m = _DECIMAL.match(s)
    if m:  # 三点五, 三点五万: the magnitude scales the whole decimal
        digits = "".join(str(CN_DIGITS[c]) for c in m["frac"])
        value = parse_chinese(m["whole"] or "零") + float("0." + digits)
        return value * parse_chinese(m["mag"]) if m["mag"] else value
    return parse_chinese(s)


def parse_rank(text: str) -> float:
    """Parse a ranking phrase into its rank number.

    Parameters
    ----------
    text : str
        ``第一名``, ``第二名``, ``全市第一``, ``第一位``, ``前10名`` (10,
        i.e. within the top ten), ``首位`` or ``全市首位`` (1).

    Returns
    -------
    float
        The rank (1 is best).

    Raises
    ------
    ValueError
        If no rank number can be read.
    """
    s = to_halfwidth(text).strip()
    s = re.sub(r"^(?:居|位居|位列|列)?(?:全[市省国区])?", "", s)
    if s in RANK_FIRST_WORDS:
        return float(RANK_FIRST_WORDS[s])
    m = _RANK.match(s)
    if not m:
        raise ValueError(f"not a rank: {text!r}")
    return parse_number(m["num"])


def parse_multiplier(text: str) -> float:
    """Parse a multiplier: 倍增 and 翻番 (2), 翻一番 (2), 翻两番 (4), 3倍, 两倍.

    Parameters
    ----------
    text : str
        The multiplier as written.

    Returns
    -------
    float
        How many times the base the figure is: 翻N番 doubles N times (2**N);
        N倍 is N, as written (the reading of 增长N倍 as N+1 is left to the reader).

    Raises
    ------
    ValueError
        If ``text`` is no multiplier.
    """
    s = to_halfwidth(text).strip()
    if s in MULTIPLIER_WORDS:
        return MULTIPLIER_WORDS[s]
    m = _FAN.match(s)
    if m:
        return 2.0 ** (parse_number(m["num"]) if m["num"] else 1)
    m = _TIMES.match(s)
    if m:
        return parse_number(m["num"])
    raise ValueError(f"not a multiplier: {text!r}")
