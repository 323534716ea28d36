"""Tell each year's story from the tables: theme shifts, year briefs and a timeline.

Nothing here is typed by hand: every number in a brief is read from the
articles table, the theme counts or the indicator ledger, so a change in the
corpus or a lexicon changes the prose with it.

A *year brief* (:func:`year_brief`) is one paragraph per year, in Chinese and
in English, made of clauses: the year's articles and their types; the
rankings and awards; what was reported as done, signed, set as a target or
planned; the figures that only repeat an earlier article (reused, not news);
the policy formulas first named; and how the year's theme weights compare
with the year before, naming both years, the years between, and what the
comparison rests on (one article, articles of different types, one article
carrying a theme). Each figure links to its place on its article's page
(``../articles/<article_id>.html#<indicator_id>``; a clause without a figure,
to its article or formula), and every figure is told once: a clause stating
several figures (…分别达到58%、79%、17.5%和57.9%) counts each of them there.

A figure is told in the words of its article: the clause of its sentence
that states it (净增高新技术企业20家 keeps 净增, which the ledger's name
drops), cut to its list item when the clause lists figures of other parts,
or joined to the clause before when it says too little of what is measured
(初步安排149个项目，总投资202亿元). When no clause will do, the ledger's name
stands before the figure as written, if the name is a noun phrase
(:func:`is_noun_phrase`); else the figure is quoted with the words around it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from urllib.parse import quote

import pandas as pd

from helpers.analysis import facts
from helpers.analysis.article_types import article_type_table
from helpers.analysis.ledger import as_written as ledger_as_written
from helpers.analysis.ledger import new_figures
from helpers.analysis.targets import load_matching, promise_summary, targets_vs_outcomes
from helpers.analysis.themes import split_sentences, theme_by_year
from helpers.errors import FormulasFormatError, NoArticlesError
from helpers.flags import flags

__all__ = [
    "BriefPart",
    "Clause",
    "YearBrief",
    "is_noun_phrase",
    "promise_summary",
    "targets_vs_outcomes",
    "theme_shift",
    "timeline",
    "with_types",
    "year_brief",
    "year_summary",
]

TIMELINE_KINDS = ["article", "formula", "ranking", "target"]
RANK_TAILS = ("全市排名", "全省排名", "名次")  # said once when one phrase ranks several measures (均居全市第一)
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _listing(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _year_themes(by_year_themes: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = by_year_themes[by_year_themes["year"] == year]
    if rows.empty:
        years = sorted(int(y) for y in by_year_themes["year"].dropna().unique())
        raise NoArticlesError(f"no theme counts for {year}; the theme table has years {years}")
    return rows.set_index("theme")


def theme_shift(by_year_themes: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """Compare each theme's weight (hits per 1,000 characters) between two years.

    Parameters
    ----------
    by_year_themes : pandas.DataFrame
        :func:`helpers.analysis.themes.theme_by_year`'s output.
    first_year, last_year : int
        The years to compare.

    Returns
    -------
    pandas.DataFrame
        ``theme, theme_zh, gloss, first, last, change`` (``last - first``),
        largest increase first; ties by theme id.

    Raises
    ------
    NoArticlesError
        When either year has no theme counts.
    """
    first, last = _year_themes(by_year_themes, first_year), _year_themes(by_year_themes, last_year)
    labels = pd.concat([last, first])[["theme_zh", "gloss"]]
    labels = labels[~labels.index.duplicated()]
    # A theme absent from one year's table had no hits there.
    table = labels.assign(
        first=first["per_1000_chars"].reindex(labels.index).fillna(0.0),
        last=last["per_1000_chars"].reindex(labels.index).fillna(0.0),
    )
    table = table.assign(change=table["last"] - table["first"]).rename_axis("theme").reset_index()
    return table.sort_values(["change", "theme"], ascending=[False, True]).reset_index(drop=True)


# --- Year briefs ---------------------------------------------------------------------------------

# The ledger kinds each part of a brief tells, in the order a reader meets them; a streak
# (连续3年全市第一) stands with the rankings. Other kinds (context) are not the zone's news.
PART_KINDS = {
    "ranking": ("ranking",),
    "reported": ("achieved",),
    "signed": ("signed",),
    "target": ("target",),
    "plan": ("plan",),
}
# How many clauses a part lists before it says how many more the tables hold.
NEWS_PARTS = ("ranking", "reported", "signed")  # the parts that tell what was done: no reused figure in them
MAX_CLAUSES = {"articles": 12, "ranking": 10, "reported": 6, "signed": 4, "target": 5, "plan": 5, "reused": 6}
MAX_FORMULAS = 14
# Each part's lead, and what it says when the year has none (None: the part is left out).
PART_LEADS = {
    "ranking": (
        ("排名与荣誉：", "Rankings and awards: "),
        ("本年文章中没有排名。", "No ranking in this year's articles."),
    ),
    "reported": (
        ("报道的成绩：", "Reported as done: "),
        ("报道的成绩：本年文章中没有。", "Reported as done: none in this year's articles."),
    ),
    "signed": (("签约：", "Signed: "), None),
    "target": (
        ("提出的目标：", "Targets set: "),
        ("提出的目标：本年文章中没有。", "Targets set: none in this year's articles."),
    ),
    "plan": (("计划：", "Planned: "), ("计划：本年文章中没有。", "Planned: none in this year's articles.")),
}
TYPE_LABELS = {  # helpers.analysis.article_types.TYPES in prose; the Chinese as the index says it (findings.yml)
    "work_plan": ("工作部署", "a work plan"),
    "results": ("成绩报道", "a results round-up"),
    "meeting": ("会议新闻", "meeting news"),
    "interview": ("访谈", "an interview"),
    "feature": ("特写", "a feature"),
    "commentary": ("评论", "a commentary"),
    "other": ("其他报道", "an article of another kind"),
}
# How the formulas table's ``kind`` reads in prose; other kinds are written as they are.
FORMULA_KINDS = {
    "formula": ("", ""),
    "programme name": ("人才计划", "programme name"),
    "plan name": ("规划", "plan name"),
}
CLAUSE_ENDS = "，,；;：:。！？!?…\n \u3000"  # a quoted clause never runs over these (a headline's parts are spaced)
LIST_MARKS = "、和及与"  # where a clause listing several figures is cut down to one of them
QUOTE_CHARS = 45  # the longest clause quoted for one figure
QUOTE_CHARS_SEVERAL = 64  # ... and for one that states several figures of one part (分别达到58%、79%…)
# The share of the name's character pairs a clause must hold to say what is measured, and when it states
# three figures or more (四大产业…分别达到58%、79%…: each name is one industry's).
MIN_COVERAGE, MIN_COVERAGE_SEVERAL = 0.6, 0.5
# A completion rate below 100% (任务完成率72.9%) is a shortfall, the rarest news of
# all: told first in its part, with the clause before it that names what fell short.
_COMPLETION = re.compile(r"完成率")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A name holding one of these reads as a clause, not as what is measured (派驻了服务, 进出口额占全市).
_VERB_FRAGMENT = re.compile(r"[了着]|占(?!.*(?:比重|比例|比))|(?:竞争|申报|转化|完成|达到|实现|推进)$")
# Links from reports/years/ to the article pages (helpers.report.article_pages), whose fragments
# keep these characters as they are (RFC 3986).
ARTICLES_HREF = "../articles/"
_FRAGMENT_SAFE = "!$'()*+,;=:@/?-._~"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Clause:
    """One clause of a brief, in Chinese and English, and the sentence it rests on.

    ``anchor`` is its place on the article's page: a ledger ``indicator_id``,
    a formula's ``f-<start>``, or ``""`` for the page itself (no
    ``article_id``: no link). ``covers`` lists every figure
    (``indicator_id``) the clause states, so that none is told twice;
    ``marks`` each figure as the clause writes it, with its anchor, so that
    in HTML each figure links to its own place.
    """

    part: str
    zh: str
    en: str
    article_id: str = ""
    anchor: str = ""
    covers: tuple[str, ...] = ()
    marks: tuple[tuple[str, str], ...] = ()

    def href(self, articles_href: str = ARTICLES_HREF, anchor: str | None = None) -> str:
        """Return the link to the clause's sentence (or to ``anchor`` on its page), ``""`` without an article."""
        if not self.article_id:
            return ""
        page = f"{articles_href}{quote(self.article_id, safe='-._~')}.html"
        anchor = self.anchor if anchor is None else anchor
        return page + ("#" + quote(anchor, safe=_FRAGMENT_SAFE) if anchor else "")

    def html(self, lang: str = "en", articles_href: str = ARTICLES_HREF) -> str:
        """Return the clause as escaped HTML: each figure a link to its place, else the whole clause a link."""
        esc, said = html.escape, getattr(self, lang)
        if not self.article_id:
            return esc(said)
        out, pos = [], 0
        for written, anchor in self.marks:
            at = said.find(written, pos)
            if at < 0:  # never expected: the clause writes its figures as the article does
                out, pos = [], 0
                break
            out.append(f'{esc(said[pos:at])}<a href="{esc(self.href(articles_href, anchor))}">{esc(written)}</a>')
            pos = at + len(written)
        if not out:
            return f'<a href="{esc(self.href(articles_href))}">{esc(said)}</a>'
        return "".join(out) + esc(said[pos:])


def _marks(rows, text: str | None = None, written: str | None = None) -> tuple[tuple[str, str], ...]:
    """Return each figure of ``rows`` as written (once per place: 两项核心指标…10%以上 is one place) with its id."""
    seen, marks = set(), []
    for r in sorted(rows, key=lambda r: (r.start, r.end)):
        if (r.start, r.end) not in seen:
            seen.add((r.start, r.end))
            marks.append((written if written is not None else text[r.start : r.end], r.indicator_id))
    return tuple(marks)


@dataclass(frozen=True)
class BriefPart:
    """One sentence of a brief: its lead, its clauses and its end, the texts as ``(zh, en)``."""

    name: str
    lead: tuple[str, str]
    clauses: tuple[Clause, ...] = ()
    end: tuple[str, str] = ("。", ".")


@dataclass(frozen=True)
class YearBrief:
    """A year told as a brief (see :func:`year_brief`)."""

    year: int
    previous: int | None
    parts: tuple[BriefPart, ...]

    def part(self, name: str) -> BriefPart | None:
        """Return the part called ``name`` (``ranking``, ``reported``…), or None."""
        return next((p for p in self.parts if p.name == name), None)

    def clauses(self) -> pd.DataFrame:
        """Return every clause: ``part, zh, en, article_id, indicator_id, covers, href``.

        ``indicator_id`` is the clause's anchor on its article page; ``covers``
        the figures it states, joined by ``;``.
        """
        rows = [
            (c.part, c.zh, c.en, c.article_id, c.anchor, ";".join(c.covers), c.href())
            for p in self.parts
            for c in p.clauses
        ]
        return pd.DataFrame(rows, columns=["part", "zh", "en", "article_id", "indicator_id", "covers", "href"])

    def text(self, lang: str = "en") -> str:
        """Return the brief as plain text, in ``"zh"`` or ``"en"``."""
        k, sep, gap = _language(lang)
        return gap.join(p.lead[k] + sep.join(getattr(c, lang) for c in p.clauses) + p.end[k] for p in self.parts)

    def html(self, lang: str = "en", articles_href: str = ARTICLES_HREF) -> str:
        """Return the brief as an HTML list, every text escaped, each figure a link to its sentence.

        A part (articles, rankings, results, targets…) is an item: a reader scans
        a year part by part rather than one long paragraph.
        """
        k, sep, _ = _language(lang)
        esc = html.escape
        items = []
        for p in self.parts:
            told = [c.html(lang, articles_href) for c in p.clauses]
            items.append(f"<li>{esc(p.lead[k])}{esc(sep).join(told)}{esc(p.end[k])}</li>")
        return f'<ul class="brief" lang="{lang}">' + "".join(items) + "</ul>"


def _language(lang: str) -> tuple[int, str, str]:
    """Return the index of ``lang`` in a part's texts, the clause separator and the sentence gap."""
    if lang not in ("zh", "en"):
        raise ValueError(f"a brief is written in 'zh' or 'en', not {lang!r}")
    return (0, "；", "") if lang == "zh" else (1, "; ", " ")


def is_noun_phrase(name) -> bool:
    """Say whether a ledger name can stand before its figure: a noun phrase, not a verb fragment (派驻了服务)."""
    return isinstance(name, str) and len(_HAN.findall(name)) >= 2 and not _VERB_FRAGMENT.search(name)


def _bigrams(text: str) -> set[str]:
    han = "".join(_HAN.findall(text)).replace("的", "")
    return {han[k : k + 2] for k in range(len(han) - 1)}


def _coverage(name, said: str) -> float:
    """Return the share of the name's character pairs (的 and punctuation aside) that the clause holds."""
    pairs = _bigrams(name) if isinstance(name, str) else set()
    return len(pairs & _bigrams(said)) / len(pairs) if pairs else 0.0


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    a, b = start, end
    while a > 0 and text[a - 1] not in CLAUSE_ENDS:
        a -= 1
    while b < len(text) and text[b] not in CLAUSE_ENDS:
        b += 1
    return a, b


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop whitespace and list marks at a span's edges (a leading 与 is a verb's, not a list's: kept)."""
    while a < b and (text[a].isspace() or text[a] == "、"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in LIST_MARKS):
        b -= 1
    return a, b


def _words(text: str, a: int, b: int, figures: list) -> int:
    """Count the Han characters of ``text[a:b]`` outside its figures (what the clause says of them)."""
    inside = {i for r in figures for i in range(max(a, r.start), min(b, r.end))}
    return sum(1 for i in range(a, b) if i not in inside and _HAN.match(text[i]) and text[i] not in LIST_MARKS)


def _narrow(text: str, a: int, b: int, row, others: list) -> tuple[int, int]:
    """Cut a clause listing several figures down to the list item of ``row`` (…分别达到58%、79%)."""
    marks = LIST_MARKS + CLAUSE_ENDS  # a clause taken in from before ends at its comma
    for o in others:
        if o.end <= row.start:
            cut = max(text.rfind(m, o.end, row.start) for m in marks)
            a = max(a, cut + 1 if cut >= 0 else o.end)
        elif o.start >= row.end:
            found = [i for i in (text.find(m, row.end, o.start) for m in marks) if i >= 0]
            b = min(b, min(found) if found else o.start)
    return _trim(text, a, b)


def _elide(text: str, a: int, b: int, figures: list) -> str:
    """Return ``text[a:b]`` with each list that runs up to 等 cut to its first item (宏凯集团、…等11家 → 宏凯集团…等11家)."""
    held = {i for r in figures for i in range(r.start, r.end)}
    out, pos = [], a
    for k in (i for i in range(a, b) if text[i] == "等"):
        first = text.find("、", pos, k)
        if first >= 0 and not any(c in CLAUSE_ENDS for c in text[first:k]) and not held & set(range(first, k)):
            out.append(text[pos:first] + "…")
            pos = k
    return "".join(out) + text[pos:b]


def is_shortfall(row) -> bool:
    """Say whether a figure is a completion rate below 100% (任务完成率72.9%)."""
    value = pd.to_numeric(getattr(row, "value_base", None), errors="coerce")
    return bool(_COMPLETION.search(str(row.indicator))) and getattr(row, "base_unit", "") == "ratio" and value < 1


def _quote(
    text: str, row, article_rows: list, may_state, merges: int = 2, join_before: bool = False
) -> tuple[str, list] | None:
    """Return the clause that states ``row`` in its article's words, and the figures it states; None if none will do.

    The clause runs between clause marks (，；：。 and spaces); it may state
    other figures that ``may_state`` allows, and any other figure cuts it to
    the list item of ``row``. After the last figure it states it stops at the
    、 right after it (…破百亿、小松发动机… → …破百亿). A clause that says too little of
    what is measured (总投资202亿元 for 项目总投资) takes in the clause before
    it, up to ``merges`` times; a long list up to 等 is cut to its first item.
    With ``join_before`` the clause before is always taken in (…实物工作量32.82亿元,
    任务完成率72.9%: a rate says what it is of only with it).
    """
    a, b = _clause_span(text, row.start, row.end)
    if join_before and a > 0 and text[a - 1] in "，,":
        a = _clause_span(text, a - 1, a - 1)[0]
    for attempt in range(merges + 1):
        inside = [r for r in article_rows if a <= r.start < b and r.indicator_id != row.indicator_id]
        blocked = [r for r in inside if not may_state(r)]
        lo, hi = _narrow(text, a, b, row, blocked) if blocked else _trim(text, a, b)
        stated = [row] + [r for r in inside if lo <= r.start and r.end <= hi and may_state(r)]
        last = max(r.end for r in stated)
        cut = text.find("、", last, hi)
        hi = _trim(text, lo, cut)[1] if 0 <= cut <= last + 1 else hi
        said = text[lo:hi]
        limit = QUOTE_CHARS if len(stated) == 1 else QUOTE_CHARS_SEVERAL
        if len(said) > limit:
            said = _elide(text, lo, hi, article_rows)
        enough = MIN_COVERAGE_SEVERAL if len(stated) >= 3 else MIN_COVERAGE
        if len(said) <= limit and _words(text, lo, hi, stated) >= 2 and _coverage(row.indicator, said) >= enough:
            return said, stated
        if attempt == merges or a == 0 or text[a - 1] not in "，,":
            return None
        a = _clause_span(text, a - 1, a - 1)[0]  # take in the clause before, in the same sentence
    return None


def _period_note(row, year: int) -> tuple[str, str]:
    """Say a figure's period when it is not the year in review (for 2020, Jan–Oct 2019, 2017-09-22).

    A day is said only of a ranking, a signing or an event's figure, never of
    a streak (连续三个季度 is not a day's news).
    """
    period = row.period if isinstance(row.period, str) else ""
    if not period or period == str(year):
        return "", ""
    if m := re.fullmatch(r"(\d{4})", period):
        return f"（{m[1]}年）", (f" (for {m[1]})" if row.kind in ("target", "plan") else f" ({m[1]})")
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", period):
        if getattr(row, "form", "") == "streak":
            return "", ""
        return f"（{m[1]}年{int(m[2])}月{int(m[3])}日）", f" ({period})"
    m = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", period)
    if m and m[1] == m[3]:
        first, last = int(m[2]), int(m[4])
        return f"（{m[1]}年{first}-{last}月）", f" ({_MONTHS[first - 1]}–{_MONTHS[last - 1]} {m[1]})"
    return f"（{period}）", f" ({period})"


def _figure_clause(part: str, row, texts: pd.Series, article_rows: list, may_state, year: int | None) -> Clause | None:
    """Tell one figure in its article's words (see the module docstring), with its period when not the year's.

    For the ranking part, None when no clause of its sentence states it well
    (the caller names the contest instead). No period is said when ``year`` is None.
    """
    text = texts.get(row.article_id)
    join = is_shortfall(row)
    found = _quote(text, row, article_rows, may_state, join_before=join) if isinstance(text, str) else None
    if found:
        said, stated = found
        covers = tuple(r.indicator_id for r in sorted(stated, key=lambda r: r.start))
        marks = _marks(stated, text)
    elif part == "ranking":  # _ranking_clause names the contest instead
        return None
    else:  # a ranking repeated from an earlier article is told like any reused figure
        written = ledger_as_written(row, texts)
        unit = row.unit if isinstance(row.unit, str) else ""
        if is_noun_phrase(row.indicator) and not (unit and row.indicator.endswith(unit)):
            said = f"{row.indicator}{written}"
        elif isinstance(text, str):  # the figure as written, with the words around it in its clause
            a, b = _clause_span(text, row.start, row.end)
            lo, hi = max(a, row.start - 12), min(b, row.end + 8)
            said = ("…" if lo > a else "") + text[lo:hi] + ("…" if hi < b else "")
        else:
            said = written
        covers = (row.indicator_id,)
        marks = _marks([row], written=written)
    zh_note, en_note = ("", "") if "月" in said or year is None else _period_note(row, year)
    return Clause(part, said + zh_note, said + en_note, row.article_id, row.indicator_id, covers, marks)


def _ranking_clause(row, texts: pd.Series, article_rows: list, may_state, year: int | None) -> Clause:
    """Tell a place in a ranking: in its article's words with what was ranked, else with its contest."""
    clause = _figure_clause("ranking", row, texts, article_rows, may_state, year)
    if clause is not None:
        return clause
    written = ledger_as_written(row, texts)
    zh_note, en_note = _period_note(row, year) if year is not None else ("", "")
    contest = getattr(row, "contest", "")
    if isinstance(contest, str) and contest:
        zh, en = f"{contest}{written}", f"{written} in {contest}"
    elif is_noun_phrase(row.indicator):
        zh, en = f"{row.indicator}{written}", f"{row.indicator} {written}"
    else:
        zh = en = written
    marks = _marks([row], written=written)
    return Clause("ranking", zh + zh_note, en + en_note, row.article_id, row.indicator_id, (row.indicator_id,), marks)


def _repeats(ledger: pd.DataFrame) -> pd.Series:
    """Flag the rows that repeat an earlier article's figure (``restates``)."""
    if "restates" not in ledger.columns:
        return pd.Series(False, index=ledger.index)
    return ledger["restates"].fillna("").astype(str) != ""


_IDS = re.compile(r"\b[a-z][a-z_]*(?:\+[a-z][a-z_]*)*\b")


def plain_note(note, matching=None) -> str:
    """Write a promise's note for a reader: measure ids (street_parks+specialised_parks) as their names.

    The ids of ``targets.yml`` measures become their Chinese names joined by 、
    (街道属地园区、专业园区); any other text is kept as it is.
    """
    if not isinstance(note, str) or not note:
        return ""
    names = {
        m["id"]: str(m.get("label") or m["id"]).split(" (")[0] for m in load_matching(matching)["by_word"].values()
    }

    def name(m: re.Match) -> str:
        ids = m.group().split("+")
        return "、".join(names[i] for i in ids) if all(i in names for i in ids) else m.group()

    return _IDS.sub(name, note)


def _column(rows: pd.DataFrame, name: str, default) -> pd.Series:
    return rows[name] if name in rows.columns else pd.Series(default, index=rows.index)


def _order(rows: pd.DataFrame, dates: pd.Series) -> pd.DataFrame:
    """Order a part's figures: the zone's own first, then shortfalls, sums of money (largest first), series, text order.

    A shortfall (:func:`is_shortfall`) comes first so that no top-N cut drops it.
    """
    money = rows["base_unit"].eq("元")
    return rows.assign(
        _other=~_column(rows, "subject_type", "zone").fillna("zone").isin(["zone", ""]),
        _news=[not is_shortfall(r) for r in rows.itertuples()],
        _money=~money,
        _size=-pd.to_numeric(rows["value_base"], errors="coerce").where(money).fillna(0),
        _series=_column(rows, "series", "").fillna("").eq(""),
        _date=rows["article_id"].map(dates).fillna(""),
    ).sort_values(["_other", "_news", "_money", "_size", "_series", "_date", "article_id", "start"], kind="stable")


def _more(n: int) -> tuple[str, str]:
    if not n:
        return "。", "."
    return f"；另有{n}项见本年表格。", f"; and {n} more in the year's tables."


def _figure_parts(year: int, rows: pd.DataFrame, texts: pd.Series, dates: pd.Series) -> tuple[list, set]:
    """Write the ranking, reported, signed, target and plan parts; return them and the figures they state.

    A clause may state, besides its own figure, figures of its part not yet
    told, repeats and context figures (counted where they are stated); a
    ranking's clause may also state what was ranked (净增高新技术企业20家，位列全市第一位).
    A figure that repeats an earlier article (:func:`helpers.analysis.facts.reused`)
    is never stated as done, even in a new figure's clause (四大产业占全市比重分别达到
    58%…,营收350亿元: only 营收350亿元 is news): it is listed as reused only.
    """
    repeat = _repeats(rows)
    reused = facts.reused(rows)
    new = rows[~repeat]
    streak = _column(new, "form", "").eq("streak")
    ids_of = {
        part: set(new.loc[new["kind"].isin(kinds) & ~streak, "indicator_id"]) for part, kinds in PART_KINDS.items()
    }
    ids_of["ranking"] |= set(new.loc[streak, "indicator_id"])
    told = {k for kinds in PART_KINDS.values() for k in kinds}
    extras = set(rows.loc[repeat | ~rows["kind"].isin(told), "indicator_id"])
    old_news = set(rows.loc[reused, "indicator_id"])  # never told as this year's achievements
    in_article = {a: list(g.sort_values("start").itertuples()) for a, g in rows.groupby("article_id")}
    shown: set = set()
    parts = []
    for part, (lead, empty) in PART_LEADS.items():
        ids = ids_of[part]
        if not ids - shown:
            if empty and not ids:
                parts.append(BriefPart(part, empty, (), ("", "")))
            continue
        allowed = ids | extras | (ids_of["reported"] if part == "ranking" else set())
        if part in NEWS_PARTS:
            allowed = allowed - old_news

        def may_state(r, allowed=allowed):
            return r.indicator_id in allowed and r.indicator_id not in shown

        clauses = []
        for row in _order(new[new["indicator_id"].isin(ids)], dates).itertuples():
            if row.indicator_id in shown or len(clauses) == MAX_CLAUSES[part]:
                continue
            where = in_article.get(row.article_id, [])
            if part == "ranking":
                clause = _ranking_clause(row, texts, where, may_state, year)
            else:
                clause = _figure_clause(part, row, texts, where, may_state, year)
            shown.update(clause.covers)
            clauses.append(clause)
        parts.append(BriefPart(part, lead, tuple(clauses), _more(len(ids - shown))))
    return parts, shown


def _short_title(title, n: int = 16) -> str:
    title = title if isinstance(title, str) else ""
    return title if len(title) <= n else title[:n] + "…"


def _reused_parts(year: int, rows: pd.DataFrame, texts, articles: pd.DataFrame, ledger: pd.DataFrame, shown: set):
    """Write the figures the year's articles repeat from earlier ones (reused, not news), by the article they repeat.

    A figure another story of the same day's page prints again is a restatement, not a reuse: it is not listed.
    """
    reused = rows[facts.reused(rows)]
    if reused.empty:
        return [
            BriefPart("reused", ("没有重复此前文章的数字。", "No figure repeats an earlier article."), (), ("", ""))
        ]
    ids = set(reused["indicator_id"])
    above = len(ids & shown)
    in_article = {a: list(g.sort_values("start").itertuples()) for a, g in rows.groupby("article_id")}
    first_of = ledger.set_index("indicator_id")["article_id"].to_dict()
    origin = {r.indicator_id: first_of.get(r.restates, str(r.restates).split(":")[0]) for r in reused.itertuples()}
    groups: dict[str, list[Clause]] = {}
    told = 0
    for row in reused.sort_values(["article_id", "start"]).itertuples():
        if row.indicator_id in shown or told == MAX_CLAUSES["reused"]:
            continue
        source = origin[row.indicator_id]

        def may_state(r, source=source):  # a clause states repeats of one earlier article only
            return r.indicator_id in ids and r.indicator_id not in shown and origin.get(r.indicator_id) == source

        clause = _figure_clause("reused", row, texts, in_article.get(row.article_id, []), may_state, year)
        groups.setdefault(source, []).append(clause)
        shown.update(clause.covers)
        told += 1
    n = len(ids)
    parts = [
        BriefPart(
            "reused",
            (
                f"重复使用、并非新数据的数字{n}项" + (f"（其中{above}项已在上文）" if above else ""),
                f"Reused, not news: {_count(n, 'figure')} repeat{'s' if n == 1 else ''} an earlier article"
                + (f" ({above} stated above)" if above else ""),
            ),
        )
    ]
    known = articles.set_index("article_id")
    dates = known["date"].astype(str).to_dict()
    for k, (source, clauses) in enumerate(sorted(groups.items(), key=lambda g: (dates.get(g[0], ""), g[0]))):
        if source in known.index:
            date, title = dates[source], _short_title(known.at[source, "title"])
            lead = (f"重复{date}《{title}》的：", f"From 《{title}》 ({date}): ")
        else:
            lead = (f"重复{source}的：", f"From {source}: ")
        end = _more(len(ids - shown)) if k == len(groups) - 1 else ("。", ".")
        parts.append(BriefPart("reused", lead, tuple(clauses), end))
    return parts


def _formula_part(year: int, formulas: pd.DataFrame, mentions: pd.DataFrame | None) -> BriefPart:
    """Name the formulas first used in ``year``, each linked to its first mention."""
    new = formulas[formulas["first_year"] == year]
    if new.empty:
        lead = ("本年没有首次出现的提法。", "No policy formula is named for the first time this year.")
        return BriefPart("formulas", lead, (), ("", ""))
    kinds = _column(new, "kind", "formula").fillna("formula")
    clauses = []
    for f, kind in zip(new.to_dict("records"), kinds):
        listed = [a for a in str(f.get("articles") or "").split(";") if a]
        article_id, anchor = (listed[0] if listed else ""), ""
        if mentions is not None and not mentions.empty:
            # The first mention in this year's articles: the lifespan's first article may be an undated one.
            own = mentions[(mentions["canonical"] == f["canonical"]) & (mentions["year"] == year)]
            if not own.empty:
                first = own.sort_values(["date", "start"]).iloc[0]
                article_id, anchor = first["article_id"], f"f-{int(first['start'])}"
        zh_kind, en_kind = FORMULA_KINDS.get(kind, (kind, kind))
        zh = f["canonical"] + (f"（{zh_kind}）" if zh_kind else "")
        en = f["canonical"] + (f" ({en_kind})" if en_kind else "")
        clauses.append(Clause("formulas", zh, en, article_id, anchor))
    n = len(clauses)
    lead = (f"本年首次出现的提法{n}个：", f"First named this year, {_count(n, 'formula')}: ")
    end = ("；另有" + str(n - MAX_FORMULAS) + "个见下表。", f"; and {n - MAX_FORMULAS} more below.")
    return BriefPart("formulas", lead, tuple(clauses[:MAX_FORMULAS]), end if n > MAX_FORMULAS else ("。", "."))


def _articles_part(year: int, zone: pd.DataFrame, others: int, types: pd.Series) -> BriefPart:
    """Say how many articles the year has, of which types, each linked to its page."""
    chars = int(zone["n_chars"].sum())
    clauses = []
    for a in zone.sort_values(["date", "article_id"]).head(MAX_CLAUSES["articles"]).itertuples():
        zh_type, en_type = TYPE_LABELS.get(types.get(a.article_id, ""), ("", "an article"))
        title = a.title if isinstance(a.title, str) and a.title else "(untitled)"
        date = a.date if isinstance(a.date, str) and a.date else str(year)
        clauses.append(
            Clause("articles", f"{zh_type}《{title}》（{date}）", f"{en_type}, 《{title}》 ({date})", a.article_id)
        )
    lead = (
        f"{year}年语料中有{len(zone)}篇关于高新区的文章（共{chars:,}字）：",
        f"{year}: {_count(len(zone), 'article')} about the zone in the corpus ({chars:,} characters): ",
    )
    if not others:
        return BriefPart("articles", lead, tuple(clauses))
    end = (
        f"。另有{others}篇同年文章与高新区无关，未计入。",
        f". {_count(others, 'other article')} of that year {'is' if others == 1 else 'are'} not about the zone"
        " and left out.",
    )
    return BriefPart("articles", lead, tuple(clauses), end)


def _between(previous: int, year: int, years: list[int] | None) -> tuple[str, str]:
    """Say which years lie between the two compared: missing from the corpus, or in it but not compared."""
    between = list(range(previous + 1, year))
    missing = [y for y in between if years is None or y not in years]
    skipped = [y for y in between if years is not None and y in years]
    zh, en = [], []
    if missing:
        zh.append("、".join(map(str, missing)) + "年语料中没有文章")
        en.append(
            _listing(map(str, missing)) + (" has" if len(missing) == 1 else " have") + " no articles in the corpus"
        )
    if skipped:
        zh.append("其间的" + "、".join(map(str, skipped)) + "年不在比较之列")
        en.append(
            _listing(map(str, skipped))
            + (" lies between and is" if len(skipped) == 1 else " lie between and are")
            + " not compared"
        )
    return (f"（{'；'.join(zh)}）", f" ({'; '.join(en)})") if zh else ("", "")


def _types_said(types: list[str]) -> tuple[str, str]:
    order = list(TYPE_LABELS)
    named = [
        TYPE_LABELS.get(t, TYPE_LABELS["other"])
        for t in sorted(types, key=lambda t: (t not in order, order.index(t) if t in order else 0, t))
    ]
    return "、".join(z for z, _ in named), _listing(e for _, e in named)


def _change_parts(year: int, previous: int | None, years, counts: pd.DataFrame, zone: pd.DataFrame, types) -> list:
    """Compare the theme weights with the previous year's, and say what the comparison rests on."""
    per_article = "article_id" in counts.columns
    by_year = theme_by_year(counts) if per_article else counts
    if not by_year.loc[by_year["year"] == year, "hits"].any():
        lead = (
            "本年文章中没有出现主题词表中的词，没有突出的主题，也无从比较。",
            "No term of the theme lexicon appears in that year's articles, so no theme stands out or can be compared.",
        )
        return [BriefPart("change", lead, (), ("", ""))]
    if previous is None:
        lead = (
            f"{year}年是语料中最早的一年，没有可比较的前一年。",
            f"{year} is the first year in the corpus: there is no earlier year to compare it with.",
        )
        return [BriefPart("change", lead, (), ("", ""))]
    shift = theme_shift(by_year, previous, year)
    gap_zh, gap_en = _between(previous, year, years)
    up, down = shift.iloc[0], shift.iloc[-1]
    zh, en, moved = [], [], []
    if up["change"] > 0:
        zh.append(f"权重上升最多的是{up['theme_zh']}，每千字命中从{up['first']:.1f}次到{up['last']:.1f}次")
        en.append(
            f"{up['theme_zh']} ({up['gloss']}) gained most weight, "
            f"from {up['first']:.1f} to {up['last']:.1f} hits per 1,000 characters"
        )
        moved.append((up, year))
    if down["change"] < 0:
        zh.append(f"下降最多的是{down['theme_zh']}，从{down['first']:.1f}次到{down['last']:.1f}次")
        en.append(f"{down['theme_zh']} ({down['gloss']}) lost most, from {down['first']:.1f} to {down['last']:.1f}")
        moved.append((down, previous))
    if not moved:
        lead = (
            f"与{previous}年相比{gap_zh}，没有主题的权重发生变化。",
            f"Against {previous}{gap_en}, no theme's weight changed.",
        )
        return [BriefPart("change", lead, (), ("", ""))]
    parts = [
        BriefPart(
            "change",
            (f"与{previous}年相比{gap_zh}，" + "；".join(zh), f"Against {previous}{gap_en}, " + ", and ".join(en)),
        )
    ]
    # What the comparison rests on: one article, articles of different types, one article carrying a theme.
    said_zh, said_en = [], []
    n = {y: int((zone["year"] == y).sum()) for y in (previous, year)}
    single = [y for y in (previous, year) if n[y] == 1]
    if len(single) == 2:
        said_zh.append("两年各只有1篇文章，比较的是两篇文章")
        said_en.append("each year has one article, so this compares two articles")
    elif single:
        said_zh.append(f"{single[0]}年只有1篇文章")
        said_en.append(f"{single[0]} has one article")
    if not by_year.loc[by_year["year"] == previous, "hits"].any():
        said_zh.append(f"{previous}年文章中没有出现主题词表中的词，每个主题都从0算起")
        said_en.append(f"no term of the theme lexicon appears in {previous}'s articles, so every theme starts from 0")
    kinds = {
        y: sorted(set(types.reindex(zone.loc[zone["year"] == y, "article_id"]).dropna())) for y in (previous, year)
    }
    if kinds[previous] and kinds[year] and kinds[previous] != kinds[year]:
        (pz, pe), (yz, ye) = _types_said(kinds[previous]), _types_said(kinds[year])
        said_zh.append(
            f"两年的文章类型不同（{previous}年：{pz}；{year}年：{yz}），差异可能来自文本类型，不一定是工作重点的变化"
        )
        said_en.append(
            f"the two years' articles are of different types ({previous}: {pe}; {year}: {ye}), so the difference"
            " may come from the kind of text rather than from a change in the zone's priorities"
        )
    clauses = []
    for theme, y in moved if per_article else ():
        rows = counts[(counts["year"] == y) & (counts["theme"] == theme["theme"])]
        total = int(rows["hits"].sum())
        top = rows.sort_values(["hits", "article_id"], ascending=[False, True]).head(1)
        if len(rows) > 1 and total and 2 * int(top["hits"].iloc[0]) > total:
            aid, hits = top["article_id"].iloc[0], int(top["hits"].iloc[0])
            tz, te = TYPE_LABELS.get(types.get(aid, ""), TYPE_LABELS["other"])
            zh_said = f"{y}年{theme['theme_zh']}的{total}次命中有{hits}次出自一篇文章（{tz}）"
            en_said = f"{hits} of {y}'s {total} hits for {theme['theme_zh']} are in one article ({te})"
            clauses.append(Clause("caveat", zh_said, en_said, aid))
    if said_zh or clauses:
        lead = ("需谨慎解读：" + "；".join(said_zh), "Read with care: " + "; ".join(said_en))
        if said_zh and clauses:
            lead = (lead[0] + "；", lead[1] + "; ")
        parts.append(BriefPart("caveat", lead, tuple(clauses)))
    return parts


def with_types(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the articles with ``article_type`` and ``type_evidence``, typed here when the table lacks them.

    See :func:`helpers.analysis.article_types.article_type_table`.
    """
    if {"article_type", "type_evidence"} <= set(articles.columns):
        return articles
    return articles.merge(article_type_table(articles), on="article_id", how="left")


def year_brief(
    year: int,
    articles: pd.DataFrame,
    theme_counts: pd.DataFrame,
    ledger: pd.DataFrame,
    formulas: pd.DataFrame | None = None,
    previous: int | None = None,
    *,
    years: list[int] | None = None,
    formula_mentions: pd.DataFrame | None = None,
    types: pd.DataFrame | None = None,
) -> YearBrief:
    """Tell one year as a brief: a paragraph of clauses, each from the tables and linked to its sentence.

    Parameters
    ----------
    year : int
        The year in review.
    articles : pandas.DataFrame
        The articles of ``year`` and ``previous`` at least (``article_id``,
        ``year``, ``date``, ``title``, ``about_zone``, ``n_chars``, ``text``):
        a :class:`helpers.analysis.processed.YearView`'s ``articles``.
    theme_counts : pandas.DataFrame
        Theme hits per article (:func:`helpers.analysis.themes.theme_counts`),
        or per year (:func:`helpers.analysis.themes.theme_by_year`; then no
        caveat says that one article carries a theme).
    ledger : pandas.DataFrame
        The indicator ledger (with ``restates``, ``contest``, ``form`` when
        it has them); rows of other years are read only to say where a
        reused figure was first printed.
    formulas : pandas.DataFrame, optional
        Formula lifespans (``canonical, first_year``, and ``kind``,
        ``articles``); those first named in ``year`` are told.
    previous : int, optional
        The year compared with; None for the first corpus year.
    years : list of int, optional
        Every year with articles about the zone, to say whether the years
        between ``previous`` and ``year`` are missing from the corpus or
        only not compared. Without it, they are said to be missing.
    formula_mentions : pandas.DataFrame, optional
        Formula mentions (``canonical, article_id, year, date, start``), to
        link a new formula to its first mention (``#f-<start>``).
    types : pandas.DataFrame, optional
        ``article_id, article_type`` of the articles; read from
        ``articles`` when not given (:func:`with_types`).

    Returns
    -------
    YearBrief
        Its parts in order: articles, ranking, reported, signed (only when
        there are some), target, plan, reused (a count, then one part per
        article repeated), formulas (when ``formulas`` is given), change,
        caveat (when the comparison needs one). A part with nothing to tell
        says so ("none in this year's articles").

    Raises
    ------
    NoArticlesError
        When no article about the zone is dated ``year``, or ``previous``
        has no theme counts.
    FormulasFormatError
        When ``formulas`` lacks ``canonical`` or ``first_year``.
    """
    about = flags(articles["about_zone"])
    zone = articles[about & articles["year"].isin([year, previous])]
    these = zone[zone["year"] == year]
    if these.empty:
        known = sorted(int(y) for y in articles.loc[about, "year"].dropna().unique())
        raise NoArticlesError(f"no articles about the zone in {year}; choose one of {known}")
    formulas = _formulas(formulas) if formulas is not None else None
    kind_of = (with_types(zone) if types is None else types).set_index("article_id")["article_type"]
    texts = articles.set_index("article_id")["text"]
    dates = articles.set_index("article_id")["date"].astype(str)
    rows = ledger[ledger["article_id"].isin(these["article_id"])]
    others = int((articles["year"] == year).sum()) - len(these)
    parts = [_articles_part(year, these, others, kind_of)]
    figure_parts, shown = _figure_parts(year, rows, texts, dates)
    parts += figure_parts
    parts += _reused_parts(year, rows, texts, articles, ledger, shown)
    if formulas is not None:
        parts.append(_formula_part(year, formulas, formula_mentions))
    parts += _change_parts(year, previous, years, theme_counts, zone, kind_of)
    return YearBrief(year, previous, tuple(parts))


def year_summary(
    year: int,
    articles: pd.DataFrame,
    by_year_themes: pd.DataFrame,
    ledger: pd.DataFrame,
    formulas: pd.DataFrame | None = None,
    previous: int | None = None,
) -> str:
    """Return :func:`year_brief`'s English text (plain text with Chinese terms, no markup).

    Kept for callers that show a brief without its links (the narrative
    report); ``by_year_themes`` may be theme counts per article or per year.
    """
    return year_brief(year, articles, by_year_themes, ledger, formulas, previous).text("en")


def _formulas(formulas: pd.DataFrame) -> pd.DataFrame:
    missing = {"canonical", "first_year"} - set(formulas.columns)
    if missing:
        raise FormulasFormatError(
            f"the formulas table lacks column(s) {sorted(missing)}; "
            "pass a table with one row per formula: canonical, first_year"
        )
    return formulas


def _sentence_at(text: str, pos: int) -> str:
    # The same sentence split as the theme and formula tables, so quotes agree across reports.
    return next((sentence for start, end, sentence in split_sentences(text) if start <= pos < end), "")


def _first_mention(f: dict, zone: pd.DataFrame) -> tuple[pd.Series | None, int]:
    # The formula's first article: the first of ``articles`` when the table lists them (as
    # helpers.analysis.formulas.formula_lifespans does, in date order), else the earliest article of its
    # first year that names it. Variants as written are searched too (管委会+公司 for 管委+公司).
    names = [f["canonical"]] + [v for v in str(f.get("variants") or "").split(";") if v]
    listed = [a for a in str(f.get("articles") or "").split(";") if a]
    pool = zone[zone["article_id"] == listed[0]] if listed else zone[zone["year"] == f["first_year"]]
    for _, art in pool.sort_values(["date", "article_id"]).iterrows():
        found = [i for i in (art["text"].find(n) for n in names) if i >= 0]
        if found:
            return art, min(found)
    return (pool.iloc[0], -1) if listed and not pool.empty else (None, -1)


def _formula_events(formulas: pd.DataFrame, zone: pd.DataFrame) -> list[dict]:
    events = []
    for f in _formulas(formulas).to_dict("records"):
        art, pos = _first_mention(f, zone)
        date = f.get("first_date")
        if not isinstance(date, str) or not date:
            date = art["date"] if art is not None else str(f["first_year"])
        events.append(
            {
                "date": date,
                "year": f["first_year"],
                "kind": "formula",
                "what": f["canonical"],
                "article_id": art["article_id"] if art is not None else "",
                "sentence": _sentence_at(art["text"], pos) if pos >= 0 else "",
            }
        )
    return events


def _place(row) -> tuple:
    """Where a figure is written: its article, kind and span (a figure of several indicators is one place)."""
    end = getattr(row, "end", -1)
    return row.article_id, row.kind, int(row.start), int(end) if pd.notna(end) else -1


def _tell_place(same: list, texts: pd.Series, article_rows: list, may: set) -> tuple[str, set]:
    """Tell the figures written at one place as a year brief tells them, in one phrase that names them all.

    The article's words when a clause states every one of them (总件数和万人发明专利拥有量均居全市第一), else
    their measures listed before the figure as written (纳入全市攀登计划的企业数量、优质工业企业数量全市排名第一).
    The clause may also state other figures of ``may``. Returns the phrase and the figures it states.
    """
    ids = {s.indicator_id for s in same}
    told = []
    for r in same:
        # Told in the article's words or with its contest, the event's date said apart.
        tell = _ranking_clause if r.kind == "ranking" else partial(_figure_clause, r.kind)
        clause = tell(r, texts, article_rows, lambda s: s.indicator_id in ids | may, None)
        if ids <= set(clause.covers):
            return clause.zh, set(clause.covers)
        told.append(clause)
    if len(same) == 1:
        return told[0].zh, set(told[0].covers)
    names = [str(r.indicator) for r in same]
    tail = next((t for t in RANK_TAILS if all(n.endswith(t) for n in names)), "")
    heads = list(dict.fromkeys(n[: len(n) - len(tail)] for n in names))
    if not all(heads):
        return told[0].zh, set(told[0].covers)
    return "、".join(heads) + tail + ledger_as_written(same[0], texts), ids


def timeline(articles: pd.DataFrame, ledger: pd.DataFrame, formulas: pd.DataFrame | None = None) -> pd.DataFrame:
    """List the zone's dated events: articles, rankings, targets and first appearances of formulas.

    Only articles about the zone are events. A ranking or target is dated by
    its period when that is a full date (the 2021-11-01 contest), else by its
    article. Dates compare as strings, so a year-only date sorts before the
    dated events of its year.

    Returns
    -------
    pandas.DataFrame
        ``date, year, kind, what, article_id, sentence``, sorted by date, then
        kind in :data:`TIMELINE_KINDS` order, then ``what``. ``what`` is the
        title, the formula, or the figure told as a year brief tells it (the
        clause that states it, or the contest and the place).
    """
    zone = articles[flags(articles["about_zone"])]
    events = [
        {"date": a.date, "year": a.year, "kind": "article", "what": a.title, "article_id": a.article_id, "sentence": ""}
        for a in zone.itertuples()
    ]
    texts, dates = zone.set_index("article_id")["text"], zone.set_index("article_id")["date"]
    in_article = {a: list(g.sort_values("start").itertuples()) for a, g in ledger.groupby("article_id")}
    dated = new_figures(ledger)[lambda d: d["kind"].isin(["ranking", "target"])].sort_values(["article_id", "start"])
    at_place: dict[tuple, list] = {}  # the figures one phrase states (两项核心指标…10%以上, 总件数和万人…均居全市第一)
    for r in dated.itertuples():
        at_place.setdefault(_place(r), []).append(r)
    pool = {(a, k): set(g["indicator_id"]) for (a, k), g in dated.groupby(["article_id", "kind"])}
    told: set = set()
    for r in dated.itertuples():
        if r.indicator_id in told:
            continue  # one row per fact: a phrase that states several figures is one event, told once
        same = at_place[_place(r)]
        # its clause may state the article's other figures of its kind not yet told (共建“万亩千亿”级…: two
        # targets; 加快向五百亿、千亿级产业集群迈进: two), so that no label is cut mid-phrase
        mine = pool[(r.article_id, r.kind)] - told
        what, covers = _tell_place(same, texts, in_article.get(r.article_id, []), mine)
        told |= {s.indicator_id for s in same} | covers
        full = isinstance(r.period, str) and bool(_FULL_DATE.match(r.period))
        events.append(
            {
                "date": r.period if full else dates.get(r.article_id, str(r.year)),
                "year": r.year,
                "kind": r.kind,
                "what": what,
                "article_id": r.article_id,
                "sentence": r.sentence,
            }
        )
    if formulas is not None:
        events += _formula_events(formulas, zone)
    table = pd.DataFrame(events, columns=["date", "year", "kind", "what", "article_id", "sentence"])
    # The year is the event's own: a contest dated 2021-11-01 in a 2021 article, a formula's first year.
    table = table.assign(date=table["date"].fillna("").astype(str))
    own = pd.to_numeric(table["date"].str[:4], errors="coerce")
    table = table.assign(year=own.fillna(pd.to_numeric(table["year"], errors="coerce")).astype("Int64"))
    order = {k: i for i, k in enumerate(TIMELINE_KINDS)}
    table = table.sort_values(
        ["date", "kind", "what"], key=lambda c: c.map(order) if c.name == "kind" else c, kind="stable"
    )
    return table.reset_index(drop=True)
