"""Date an article from its own text, as precisely as the text supports.

The evidence is kept with the date: the words that prove it. Relative
expressions (今年, 明年, 去年) are read against the article's date, never
against today's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DATE_FORMAT = re.compile(r"^(?:19|20)\d{2}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")


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
    if not years:
        return None, "the text names no year"
    latest = max(years)
    if "明年" in text:
        return latest - 1, f"latest year named is '{latest}年' and the text speaks of 明年, so the article is from {latest - 1}"
    return latest, f"latest year named is '{latest}年'"


def date_from_dateline(month: int, day: int, text: str) -> DatedBy:
    """Date an article whose dateline gives month and day but not the year."""
    year, why = infer_year(text)
    line = f"dateline '{month}月{day}日'"
    if year is None:
        return DatedBy("", f"{line} gives no year and {why}")
    return DatedBy(format_date(year, month, day), f"{line}; year: {why}")


def date_from_lede(headline: str, lede: str) -> DatedBy:
    """Date an article to the year by the years named in its headline and first paragraph."""
    year, why = infer_year(headline + "\n" + lede)
    if year is None:
        return DatedBy("", "no date in the text: no dateline, publication line or year in the headline or lede")
    return DatedBy(format_date(year), f"headline/lede: {why}")


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
