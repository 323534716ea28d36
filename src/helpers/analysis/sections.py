"""The structure of one article's text: its headings, and what each governs.

A figure means something different under 奋斗目标 than under 主要成效: the
heading above a sentence says whether it states an aim or reports a result,
even when the sentence itself does not (营业总收入、高新技术产值两项核心指标均实现
10%以上增长 is a target only because of its heading). This module finds the
headings of a text, arranges them in an outline, tells for any offset which
heading governs it, and reads a heading's cue (forward-looking or results).

What counts as a heading, how levels are inferred, and the cue words are
data in ``data/lexicon/sections.yml``; this module applies them. Offsets are
into the text exactly as given (the articles table's ``text``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers import paths
from helpers.corpus.layout import BODY_MIN_CHARS, ends_sentence, is_body, is_headline
from helpers.errors import LexiconError
from helpers.yamlfile import read_yaml

__all__ = [
    "CUES",
    "GOVERNING_COLUMNS",
    "Heading",
    "SectionRules",
    "find_headings",
    "governing_heading",
    "heading_at",
    "heading_cues",
    "load_section_rules",
    "parse_section_rules",
    "section_cue",
    "section_cues",
]

SECTIONS_FILE = paths.LEXICON / "sections.yml"
CUES = ("forward", "results", "mixed")
GOVERNING_COLUMNS = [
    "offset",
    "heading",
    "heading_text",
    "heading_kind",
    "heading_level",
    "parent",
    "parent_text",
    "inside",
]
CUE_COLUMNS = ["offset", "cue", "cue_heading", "cue_heading_text"]
_LINE = re.compile(r"[^\n]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A headline's parts are set apart by a space between two Chinese characters; running text never is.
_SPACED = re.compile(r"[\u4e00-\u9fff”》][ \u3000]+[\u4e00-\u9fff“《\d]")
_BRACKET = re.compile(r"[【〖［\[]([^【】〖〗［］\[\]\n]{1,20})[】〗］\]]")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_CLAUSE_COMMA = re.compile(r"[，,]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")


class Heading(NamedTuple):
    """One heading: ``text == article_text[start:end]``.

    ``kind`` is ``title``, ``numbered``, ``bracket``, ``label`` or ``line``;
    ``style`` the marker family or line style that sets its level; ``level``
    is 0 for the title block and 1 for the outermost section; ``parent`` is the
    index of the heading it sits under in the list :func:`find_headings`
    returns (``-1`` for none; titles have none).
    """

    start: int
    end: int
    text: str
    kind: str
    style: str
    level: int
    parent: int


@dataclass(frozen=True)
class SectionRules:
    """Validated section rules (see ``data/lexicon/sections.yml``)."""

    version: str
    line_max_chars: int
    lead_max_chars: int
    label_max_chars: int
    max_clause_commas: int
    list_min_lines: int
    numbered: tuple[tuple[str, re.Pattern], ...]
    bullets: str
    not_headings: tuple[re.Pattern, ...]
    not_label_exact: frozenset[str]
    not_label_ends: tuple[str, ...]
    not_label_patterns: tuple[re.Pattern, ...]
    cue_re: re.Pattern  # every cue word, longest first
    cue_kind: Mapping[str, str]  # cue word -> forward | results (read-only)
    coordinators: str  # 成效与下一步打算: cues of both kinds joined by one of these make a mixed heading
    not_cue_re: re.Pattern | None
    year_later: str | None
    year_earlier: str | None
    year_range: tuple[int, int]
    source: str = "<memory>"


def _words(data: dict, key: str, source: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str | int) for w in value):
        raise LexiconError(f"{source}: '{key}' must be a list of words")
    return [str(w) for w in value]


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise LexiconError(f"{where}: the regex {pattern!r} does not compile ({exc}); fix it") from exc


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def parse_section_rules(data, source: str = "<memory>") -> SectionRules:
    """Validate a parsed sections document and compile its rules.

    Parameters
    ----------
    data : dict
        The parsed YAML (see ``data/lexicon/sections.yml`` for the fields).
    source : str
        Where the data came from, for error messages.

    Returns
    -------
    SectionRules

    Raises
    ------
    LexiconError
        On a missing version or section, a regex that does not compile, or a
        cue word listed as both forward and results.
    """
    if not isinstance(data, dict) or "version" not in data:
        raise LexiconError(f"{source}: add a top-level 'version:' field")
    for key in ("numbered", "cues", "not_labels", "not_headings"):
        if not data.get(key):
            raise LexiconError(f"{source}: add a non-empty '{key}:' section")
    cues = data["cues"]
    if not isinstance(cues, dict) or set(cues) != {"forward", "results"}:
        raise LexiconError(f"{source}: 'cues' must have exactly the lists 'forward' and 'results'")
    forward, results = _words(cues, "forward", source), _words(cues, "results", source)
    both = sorted(set(forward) & set(results))
    if both:
        raise LexiconError(f"{source}: {both} listed as both forward and results cues; keep each in one list")
    not_cues = _words(data, "not_cues", source) if data.get("not_cues") else []
    labels = data["not_labels"]
    years = data.get("years") or {}
    lo, hi = years.get("range", [1978, 2100])
    for key in ("later", "earlier"):
        if years.get(key) not in (None, "forward", "results"):
            raise LexiconError(f"{source}: years.{key} must be 'forward' or 'results'")
    return SectionRules(
        version=str(data["version"]),
        line_max_chars=int(data.get("line_max_chars", 40)),
        lead_max_chars=int(data.get("lead_max_chars", 40)),
        label_max_chars=int(data.get("label_max_chars", 10)),
        max_clause_commas=int(data.get("max_clause_commas", 1)),
        list_min_lines=int(data.get("list_min_lines", 4)),
        numbered=tuple(
            (str(name), _compile(str(p), f"{source}: numbered/{name}")) for name, p in data["numbered"].items()
        ),
        bullets=str(data.get("bullets", "")),
        not_headings=tuple(_compile(str(p), f"{source}: not_headings") for p in data["not_headings"]),
        not_label_exact=frozenset(_words(labels, "exact", source)),
        not_label_ends=tuple(_words(labels, "ends", source)),
        not_label_patterns=tuple(
            _compile(str(p), f"{source}: not_labels/patterns") for p in labels.get("patterns") or []
        ),
        cue_re=re.compile(_alternation(forward + results)),
        cue_kind=MappingProxyType({**dict.fromkeys(forward, "forward"), **dict.fromkeys(results, "results")}),
        coordinators=str(data.get("coordinators", "")),
        not_cue_re=re.compile(_alternation(not_cues)) if not_cues else None,
        year_later=years.get("later"),
        year_earlier=years.get("earlier"),
        year_range=(int(lo), int(hi)),
        source=source,
    )


def load_section_rules(path: Path = SECTIONS_FILE) -> SectionRules:
    """Load and validate the section rules.

    Parameters
    ----------
    path : Path
        A YAML file (default ``data/lexicon/sections.yml``).

    Returns
    -------
    SectionRules

    Raises
    ------
    LexiconError
        If the file is missing, is not valid YAML or breaks a rule of
        :func:`parse_section_rules`.
    """
    return parse_section_rules(read_yaml(path, LexiconError), str(path))


@lru_cache(maxsize=1)
def _default_rules() -> SectionRules:
    # Read once per process: the rules are immutable once parsed.
    return load_section_rules()


# --- Finding headings ---------------------------------------------------------


def _lines(text: str):
    # (start, end, stripped line) for every non-blank line, offsets into text.
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            start = m.start() + len(raw) - len(raw.lstrip())
            yield start, start + len(stripped), stripped


def _heading_shaped(line: str, rules: SectionRules, headline: bool = False) -> bool:
    # A headline may be as long as the page rules allow and run to several clauses; a section heading may not.
    return (
        (headline or len(line) <= rules.line_max_chars)
        and len(_HAN.findall(line)) >= 2
        and (headline or len(_CLAUSE_COMMA.findall(line)) <= rules.max_clause_commas)
        and is_headline(line)
        and not any(p.search(line) for p in rules.not_headings)
    )


def _label(line: str, rules: SectionRules) -> tuple[int, bool]:
    # (length of a label before a colon opening the line, whether it may be a heading); (0, True) for none.
    m = re.match(rf"([^\s，,。；;：:！？!?、“”\"]{{1,{rules.label_max_chars}}})[：:]", line)
    if not m or not _HAN.search(m.group(1)):
        return 0, True
    label = m.group(1)
    refused = (
        label in rules.not_label_exact
        or label.endswith(rules.not_label_ends)
        or any(p.search(label) for p in rules.not_label_patterns)
    )
    return len(label), not refused and len(label) >= 2


def _numbered(line: str, rules: SectionRules, headline: bool) -> tuple[str, int] | None:
    # (marker family, length of the heading within the line) for a numbered line.
    for name, pattern in rules.numbered:
        m = pattern.match(line)
        if not m or m.end() >= len(line):
            continue
        rest = line[m.end() :]
        if _heading_shaped(line, rules, headline):
            return name, len(line)
        first = _SENTENCE_END.search(rest)
        if first and m.end() + first.end() <= rules.lead_max_chars and first.end() < len(rest):
            return name, m.end() + first.end()
        return name, m.end()  # an item of a list: the marker alone
    return None


def _candidate(line: str, rules: SectionRules, headline: bool) -> tuple[str, str, int] | None:
    # (kind, style, length of the heading within the line) for a line that opens with a heading.
    numbered = _numbered(line, rules, headline)
    if numbered:
        return "numbered", numbered[0], numbered[1]
    bracket = _BRACKET.match(line)
    if bracket and _HAN.search(bracket.group(1)):
        return "bracket", "bracket", bracket.end()
    label, allowed = _label(line, rules)
    if not allowed:
        return None  # 问：…, 他说：…, 关键词：… open no heading of any kind
    if label:
        return "label", "label", label
    if _heading_shaped(line, rules, headline):
        if line[0] in rules.bullets:
            return "line", f"bullet {line[0]}", len(line)
        return "line", "line spaced" if _SPACED.search(line) else "line", len(line)
    return None


class _Found(NamedTuple):
    # A heading before levels are given: where, what kind, and how it sits among its neighbours.
    start: int
    end: int
    kind: str
    style: str
    title_block: bool
    whole_line: bool
    adjacent: bool  # nothing but blank space since the previous heading's line


def _drop_lists(found: list[_Found], rules: SectionRules) -> list[_Found]:
    # Runs of whole-line headings with nothing between them are lists or tables, not headings.
    runs: list[list[_Found]] = []
    for item in found:
        if runs and item.whole_line and item.adjacent and runs[-1][-1].whole_line:
            runs[-1].append(item)
        else:
            runs.append([item])
    is_list = [len(run) >= rules.list_min_lines and not any(f.title_block for f in run) for run in runs]
    return [f for run, drop in zip(runs, is_list) if not drop for f in run]


def _outline(found: list[_Found], text: str) -> list[Heading]:
    # Give each heading a level and a parent (see the module's data file for the rule).
    headings: list[Heading] = []
    stack: list[int] = []  # indices of the open headings, outermost first
    for start, end, kind, style, title_block, _whole, _adjacent in found:
        i = len(headings)
        if title_block:
            headings.append(Heading(start, end, text[start:end], "title", "title", 0, -1))
            continue
        prev = headings[stack[-1]] if stack else None
        directly_under = prev is not None and prev.style == style and not text[prev.end : start].strip()
        if not directly_under:
            same = [k for k in stack if headings[k].style == style]
            if same:
                del stack[stack.index(same[-1]) :]
        parent = stack[-1] if stack else -1
        stack.append(i)
        headings.append(Heading(start, end, text[start:end], kind, style, len(stack), parent))
    return headings


def find_headings(text: str, rules: SectionRules | None = None, title: str = "") -> list[Heading]:
    r"""Find the headings of an article's text and arrange them in an outline.

    Parameters
    ----------
    text : str
        The article text (the articles table's ``text``).
    rules : SectionRules, optional
        Defaults to ``data/lexicon/sections.yml``.
    title : str, optional
        The article's headline (kicker, title, subtitle: one per line); a
        heading line equal to one of its lines is part of the title block
        wherever it stands (a headline printed below an editor's note).

    Returns
    -------
    list of Heading
        In text order; ``text[h.start:h.end] == h.text``. A heading governs
        the text from its end to the start of the next heading of its level
        or above.

    Examples
    --------
    >>> [(h.text, h.kind, h.level) for h in find_headings("标题\n导语。\n总体要求\n坚持新理念。\n奋斗目标\n增长10%。")]
    [('标题', 'title', 0), ('总体要求', 'line', 1), ('奋斗目标', 'line', 1)]
    """
    rules = rules or _default_rules()
    found: list[_Found] = []
    in_title_block, last_end = True, -1
    titles = {t.strip() for t in title.splitlines() if t.strip()}
    lines = list(_lines(text))
    for k, (start, _end, line) in enumerate(lines):
        is_title = in_title_block or line in titles
        if is_title and (_heading_shaped(line, rules, headline=True) or line.startswith("——") and is_headline(line)):
            # A headline line is a heading whole (【施政報告】研建…), and so is a subtitle (——2021年…经济形势分析).
            cand = ("title", "title", len(line))
        else:
            cand = _candidate(line, rules, headline=is_title)
        before = lines[k - 1][2] if k else ""
        if cand and len(before) >= BODY_MIN_CHARS and _CLAUSE_COMMA.search(before) and not ends_sentence(before):
            cand = None  # the page's width broke a paragraph here: this line continues the one above
        has_more = k + 1 < len(lines) or (cand is not None and cand[2] < len(line))
        if cand is None or not has_more:
            if in_title_block and (is_body(line) or ends_sentence(line)):
                in_title_block = False  # the first paragraph ends the headline block
            continue
        kind, style, length = cand
        adjacent = last_end >= 0 and not text[last_end:start].strip()
        found.append(_Found(start, start + length, kind, style, bool(is_title), length == len(line), adjacent))
        last_end = start + len(line)
        if length < len(line):
            in_title_block = False  # the line runs on into text of its own
    return _outline(_drop_lists(found, rules), text)


# --- What governs an offset ---------------------------------------------------


def heading_at(headings: Sequence[Heading], offset: int) -> Heading | None:
    r"""Return the heading that governs ``offset``: the nearest heading above it.

    An offset inside a heading is governed by that heading's parent (a
    subheading such as 90%招标主体为公司 is itself an item of the section above
    it). ``None`` when no heading stands above the offset.

    Examples
    --------
    >>> hs = find_headings("导语。\n总体要求\n坚持新理念。\n奋斗目标\n增长10%。")
    >>> heading_at(hs, 20).text, heading_at(hs, 2)
    ('奋斗目标', None)
    """
    row = governing_heading("", [offset], headings=headings).iloc[0]
    return headings[int(row["heading"])] if row["heading"] >= 0 else None


def governing_heading(
    text: str,
    offsets: Sequence[int],
    headings: Sequence[Heading] | None = None,
    rules: SectionRules | None = None,
) -> pd.DataFrame:
    """Say, for each character offset, which heading governs it and that heading's parent.

    Parameters
    ----------
    text : str
        The article text (not read when ``headings`` is given).
    offsets : sequence of int
        Character offsets into ``text``.
    headings : list of Heading, optional
        :func:`find_headings` of ``text``, when already found.
    rules : SectionRules, optional
        Defaults to ``data/lexicon/sections.yml``.

    Returns
    -------
    pandas.DataFrame
        One row per offset, in the order given, columns
        :data:`GOVERNING_COLUMNS`: ``heading`` and ``parent`` are indices
        into ``headings`` (``-1`` for none), with their text, kind and level;
        ``inside`` is the index of the heading the offset falls inside, if any.
    """
    if headings is None:
        headings = find_headings(text, rules)
    pos = np.asarray(offsets, dtype=np.int64).reshape(-1)
    gov = inside = par = np.full(len(pos), -1, dtype=np.int64)
    if headings:
        starts = np.array([h.start for h in headings], dtype=np.int64)
        ends = np.array([h.end for h in headings], dtype=np.int64)
        parents = np.array([h.parent for h in headings], dtype=np.int64)
        last = np.searchsorted(starts, pos, side="right") - 1  # the last heading starting at or before
        inside = np.where((last >= 0) & (pos < ends[np.maximum(last, 0)]), last, -1)
        above = np.searchsorted(ends, pos, side="right") - 1  # the last heading ending at or before
        gov = np.where(inside >= 0, parents[np.maximum(inside, 0)], above)
        par = np.where(gov >= 0, parents[np.maximum(gov, 0)], -1)

    def attr(index: np.ndarray, name: str, empty):
        return [getattr(headings[i], name) if i >= 0 else empty for i in index.tolist()]

    return pd.DataFrame(
        {
            "offset": pos,
            "heading": gov,
            "heading_text": attr(gov, "text", ""),
            "heading_kind": attr(gov, "kind", ""),
            "heading_level": attr(gov, "level", -1),
            "parent": par,
            "parent_text": attr(par, "text", ""),
            "inside": inside,
        },
        columns=GOVERNING_COLUMNS,
    )


# --- Cues -----------------------------------------------------------------------


def section_cue(heading_text: str, rules: SectionRules | None = None, year: int | None = None) -> str | None:
    """Say whether a heading opens a forward-looking or a results section.

    Parameters
    ----------
    heading_text : str
        The heading as written.
    rules : SectionRules, optional
        Defaults to ``data/lexicon/sections.yml``.
    year : int, optional
        The article's year; a heading with no cue word that names a later
        year is forward-looking, an earlier one results (``years`` in the rules).

    Returns
    -------
    str or None
        ``"forward"``, ``"results"``, ``"mixed"`` (cue words of both kinds
        joined by a coordinator) or ``None``. With cues of both kinds and no
        coordinator between them, the last one decides.

    Examples
    --------
    >>> section_cue("奋斗目标"), section_cue("一、2012年工作回顾"), section_cue("目标完成情况")
    ('forward', 'results', 'results')
    >>> section_cue("2020年, 这些方面重点突破", year=2019), section_cue("主要成效与下一步打算")
    ('forward', 'mixed')
    """
    rules = rules or _default_rules()
    masked = rules.not_cue_re.sub(lambda m: "\x00" * len(m.group()), heading_text) if rules.not_cue_re else heading_text
    hits = list(rules.cue_re.finditer(masked))
    kinds = {rules.cue_kind[m.group()] for m in hits}
    if len(kinds) > 1:
        # A Chinese heading puts its head last (目标完成情况 is about completion): the last cue
        # decides, unless a coordinator joins cues of both kinds (成效与下一步打算).
        between = masked[hits[0].end() : hits[-1].start()]
        if any(c in between for c in rules.coordinators):
            return "mixed"
        kinds = {rules.cue_kind[hits[-1].group()]}
    if kinds:
        return kinds.pop()
    if year is None:
        return None
    lo, hi = rules.year_range
    named = [int(y) for y in _YEAR.findall(heading_text) if lo <= int(y) <= hi]
    if any(y > year for y in named):
        return rules.year_later
    if any(y < year for y in named):
        return rules.year_earlier
    return None


def heading_cues(headings: Sequence[Heading], rules: SectionRules | None = None, year: int | None = None) -> list:
    """Return :func:`section_cue` of each heading (``None`` for the title block, which is the article type's).

    Parameters
    ----------
    headings : list of Heading
    rules : SectionRules, optional
    year : int, optional
        The article's year (see :func:`section_cue`).

    Returns
    -------
    list of str or None
    """
    rules = rules or _default_rules()
    return [None if h.kind == "title" else section_cue(h.text, rules, year) for h in headings]


def section_cues(
    text: str,
    offsets: Sequence[int],
    rules: SectionRules | None = None,
    headings: Sequence[Heading] | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    r"""Say, for each offset, the cue of the section it stands in.

    The cue is that of the nearest heading above the offset that has one,
    walking up from the governing heading through its parents; the title
    block is left out (the article's type speaks for it).

    Parameters
    ----------
    text : str
        The article text.
    offsets : sequence of int
        Character offsets into ``text``.
    rules : SectionRules, optional
        Defaults to ``data/lexicon/sections.yml``.
    headings : list of Heading, optional
        :func:`find_headings` of ``text``, when already found.
    year : int, optional
        The article's year (see :func:`section_cue`).

    Returns
    -------
    pandas.DataFrame
        One row per offset, columns ``offset``, ``cue`` (``forward``,
        ``results``, ``mixed`` or ``None``), ``cue_heading`` (index of the
        heading that gave it, ``-1`` for none) and ``cue_heading_text``.

    Examples
    --------
    >>> text = "导语。\n具体举措\n为同行者架梯铺桥\n要拿出硬措施。\n壮大项目服务生力军 90%招标主体为公司\n今年90%招标主体要成为公司主体。"
    >>> section_cues(text, [text.index("90%")])[["cue", "cue_heading_text"]].values.tolist()
    [['forward', '具体举措']]
    """
    rules = rules or _default_rules()
    if headings is None:
        headings = find_headings(text, rules)
    cues = heading_cues(headings, rules, year)
    # The nearest cue up each heading's chain, computed once per heading.
    chain_cue: list[tuple[str | None, int]] = []
    for i, h in enumerate(headings):
        if cues[i] is not None:
            chain_cue.append((cues[i], i))
        elif h.parent >= 0:
            chain_cue.append(chain_cue[h.parent])
        else:
            chain_cue.append((None, -1))
    gov = governing_heading(text, offsets, headings=headings)["heading"].to_numpy()
    picked = [chain_cue[g] if g >= 0 else (None, -1) for g in gov.tolist()]
    return pd.DataFrame(
        {
            "offset": np.asarray(offsets, dtype=np.int64).reshape(-1),
            "cue": pd.Series([c for c, _ in picked], dtype=object),  # None stays None, not NaN
            "cue_heading": [i for _, i in picked],
            "cue_heading_text": [headings[i].text if i >= 0 else "" for _, i in picked],
        },
        columns=CUE_COLUMNS,
    )
