"""Date an article from its own text, as precisely as the text supports.

The evidence is kept with the date: the words that prove it. Relative
expressions (今年, 明年, 去年) are read against the article's date, never
against today's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DATE_FORMAT = re.compile(r"^(?:19|20)\d{2}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")
_YEAR_LATIN = re.compile(r"\b((?:19|20)\d{2})\b")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A calendar date as pages write it: 2023-08-20, 2023/8/20, 2023.08.20,
# 2023年8月20日, optionally with a time; and 二〇二三年八月二十日 in official documents.
FULL_DATE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?:(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?![\d.])"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*(?:日|(?![\d.])))"
    r"(?:\s*(?:(?P<h>\d{1,2})\s*[:：时]\s*(?P<min>\d{2})(?:\s*[:：分]\s*\d{2}秒?)?分?))?"
)
# 30.01.2018 (day first, European portals), and English: October 6, 2021 / 6 Oct 2021.
DAY_FIRST_DATE = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?![\d.])")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = r"(?P<mon>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)"
ENGLISH_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})\s+{_MONTH.replace('mon', 'mon2')}\s+(?P<y2>(?:19|20)\d{{2}}))\b"
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0, "Ｏ": 0}
CN_DATE = re.compile(
    r"(?P<y>[〇零○一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
# How many days a dateline may precede or follow the publication date before we warn.
DATELINE_TOLERANCE_DAYS = 4


def _cn_number(text: str) -> int:
    """Read a small Chinese numeral (一 to 三十一)."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def is_calendar_date(y: int, m: int, d: int) -> bool:
    """Return True when ``y-m-d`` exists in the calendar (no 2021-02-30)."""
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class FoundDate:
    """A calendar date written in a text, with where it stands."""

    y: int
    m: int
    d: int
    start: int
    end: int
    text: str

    @property
    def iso(self) -> str:
        """Return the date as ``YYYY-MM-DD``."""
        return format_date(self.y, self.m, self.d)


def find_dates(text: str) -> list[FoundDate]:
    """Find every real calendar date written in ``text``, in order.

    Examples
    --------
    >>> [f.iso for f in find_dates("来源:红网 2023-08-20 20:18:24; 2021/2/30 无效; 二〇二三年八月二十日")]
    ['2023-08-20', '2023-08-20']
    >>> [f.iso for f in find_dates("2010年06月29日07:38 东方网; 30.01.2018 02:16; By on October 6, 2021")]
    ['2010-06-29', '2018-01-30', '2021-10-06']
    """
    found = []
    for m in FULL_DATE.finditer(text):
        y, mo, d = int(m["y"]), int(m["m"] or m["m2"]), int(m["d"] or m["d2"])
        if is_calendar_date(y, mo, d):
            found.append(FoundDate(y, mo, d, m.start(), m.end(), m.group(0).strip()))
    for m in DAY_FIRST_DATE.finditer(text):
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if is_calendar_date(y, mo, d):
            found.append(FoundDate(y, mo, d, m.start(), m.end(), m.group(0)))
    for m in ENGLISH_DATE.finditer(text):
        month = _MONTHS.index((m["mon"] or m["mon2"])[:3].lower()) + 1
        y, d = int(m["y"] or m["y2"]), int(m["d"] or m["d2"])
        if is_calendar_date(y, month, d):
            found.append(FoundDate(y, month, d, m.start(), m.end(), m.group(0)))
    for m in CN_DATE.finditer(text):
        y, mo, d = _cn_number_year(m["y"]), _cn_number(m["m"]), _cn_number(m["d"])
        if is_calendar_date(y, mo, d):
            found.append(FoundDate(y, mo, d, m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda f: f.start)


def _cn_number_year(text: str) -> int:
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def days_apart(a: str, b: str) -> int | None:
    """Return the days between two ``YYYY-MM-DD`` dates, or None if either is less precise."""
    if len(a) != 10 or len(b) != 10:
        return None
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


@dataclass(frozen=True)
class DatedBy:
    """A date (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``""``) and its evidence."""

    date: str
    evidence: str

    @property
    def year(self) -> int | None:
        """Return the year, or None when the text gives no date."""
        return int(self.date[:4]) if self.date else None


def format_date(y: int, m: int | None = None, d: int | None = None) -> str:
    """Format a date at the precision given: ``2019``, ``2019-12`` or ``2019-12-03``."""
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def infer_year(text: str) -> tuple[int | None, str]:
    """Infer the year an article was written in from the years it names.

    The latest year named is taken as the article's year, except when the
    article also speaks of 明年 (next year): a piece that plans next year
    names that year in its headings, so its own year is one earlier.

    Parameters
    ----------
    text : str
        Headline and body of the article.

    Returns
    -------
    year : int or None
        The inferred year, or None when the text names no year.
    evidence : str
        The words the inference rests on.

    Examples
    --------
    >>> infer_year("2018年12月份启动改革……2020年, 这些方面重点突破……确保明年初具形象")
    (2019, "latest year named is '2020年' and the text speaks of 明年, so the article is from 2019")
    """
    years = [int(m.group(1)) for m in _YEAR.finditer(text)]
    if not years and len(_LATIN_LETTER.findall(text)) > len(_HAN.findall(text)):
        years = [int(m.group(1)) for m in _YEAR_LATIN.finditer(text)]  # an English text: "By 2004, …"
    if not years:
        return None, "the text names no year"
    latest = max(years)
    if "明年" in text:
        return (
            latest - 1,
            f"latest year named is '{latest}年' and the text speaks of 明年, so the article is from {latest - 1}",
        )
    return latest, f"latest year named is '{latest}年'"


# Where a date may come from, strongest first. A date from a stronger
# source wins; the others are kept as evidence and checked against it.
PRECEDENCE = (
    "publication line",  # the article's own line: 来源/发布时间/<outlet> YYYY-MM-DD
    "page header",  # an e-paper or masthead date that dates the whole page
    "page publication line",  # a publication line elsewhere on a one-story page
    "dateline",  # 本报X月X日讯 / X月X日电, the year from the page or the text
    "lede date",  # a full date written in the headline or first paragraph
    "year in headline or lede",  # 2018年 in the headline or first paragraph
)


@dataclass(frozen=True)
class Candidate:
    """One way of dating an article: where it comes from, the date and the words."""

    source: str  # one of PRECEDENCE
    date: str
    evidence: str


def dateline_date(month: int, day: int, anchor: str) -> str:
    """Give a dateline's month and day the year of a known date near it.

    A dateline precedes publication by a day or two, so a December dateline
    on a January page belongs to the year before.

    Examples
    --------
    >>> dateline_date(12, 31, "2020-01-02")
    '2019-12-31'
    """
    year = int(anchor[:4])
    if len(anchor) >= 7 and month - int(anchor[5:7]) > 6:
        year -= 1
    return format_date(year, month, day) if is_calendar_date(year, month, day) else ""


def choose_date(candidates: list[Candidate]) -> tuple[DatedBy, list[str]]:
    """Pick the strongest candidate by :data:`PRECEDENCE`, and say where others disagree.

    Parameters
    ----------
    candidates : list of Candidate
        Every date the article's text supports.

    Returns
    -------
    dated : DatedBy
        The chosen date and its evidence (``""`` when there is none).
    disagreements : list of str
        A sentence for each dateline that is more than
        :data:`DATELINE_TOLERANCE_DAYS` days from the chosen date.
    """
    usable = sorted((c for c in candidates if c.date), key=lambda c: PRECEDENCE.index(c.source))
    if not usable:
        partial = "".join(f"; {c.evidence}" for c in candidates if not c.date)
        why = "no date in the text: no publication line, page header, dated dateline or year in the headline or lede"
        return DatedBy("", why + partial), []
    best = usable[0]
    notes = []
    for other in usable[1:]:
        gap = days_apart(best.date, other.date)
        if other.source == "dateline" and gap is not None and gap > DATELINE_TOLERANCE_DAYS:
            notes.append(
                f"{best.source} says {best.date} but the dateline {other.evidence} gives {other.date} ({gap} days apart)"
            )
    return DatedBy(best.date, f"{best.source}: {best.evidence}"), notes


def resolve_relative(expression: str, article_date: str) -> str:
    """Resolve 今年, 明年, 去年, 年内 against the article's own date.

    Parameters
    ----------
    expression : str
        One of 今年, 年内, 本年, 明年, 去年, 前年.
    article_date : str
        The article's date, ``YYYY[-MM[-DD]]``.

    Returns
    -------
    str
        The year as ``YYYY``, or ``""`` when the article has no date.

    Examples
    --------
    >>> resolve_relative("明年", "2019-12-03")
    '2020'
    """
    if not article_date:
        return ""
    offsets = {"今年": 0, "年内": 0, "本年": 0, "当年": 0, "明年": 1, "去年": -1, "前年": -2}
    return str(int(article_date[:4]) + offsets[expression])
