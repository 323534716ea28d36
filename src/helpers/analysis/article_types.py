"""Say what kind of article a text is: a work plan, a results round-up, meeting news, an interview.

The type tells later steps how to read an article: in a work plan a figure
with no cue of its own is an aim, in a results round-up an outcome. It is
decided from the words of the headline and the lede and from the structure of
the text: how many lines are questions and answers, what share of sentences
look forward (将, 要, 力争) or back (已, 了, 同比), how much of the text stands
under forward-looking or results headings (:mod:`helpers.analysis.sections`),
how dense the figures are, and whether the lede opens on a dated event.

The cue words, the measures' thresholds and the order the rules are tried in
are data in ``data/lexicon/article_types.yml``; this module measures and
applies them, and says which rule decided (the evidence).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from helpers import paths
from helpers.analysis.sections import SectionRules, find_headings, section_cues
from helpers.analysis.themes import split_sentences
from helpers.corpus.layout import dateline, ends_sentence, is_body
from helpers.errors import ArticlesFormatError, LexiconError
from helpers.text import normalise_width, quotations, simplified
from helpers.yamlfile import read_yaml

__all__ = [
    "MEASURES",
    "TABLE_COLUMNS",
    "TYPES",
    "ArticleTypeRules",
    "TypeRule",
    "article_measures",
    "article_type",
    "article_type_table",
    "load_article_type_rules",
    "parse_article_type_rules",
]

ARTICLE_TYPES_FILE = paths.LEXICON / "article_types.yml"
TYPES = ("work_plan", "results", "meeting", "interview", "feature", "commentary", "other")
FALLBACK = "other"
TABLE_COLUMNS = ["article_id", "article_type", "type_evidence"]
# The structure measures a rule may bound, with the words the evidence uses for them.
MEASURES = {
    "qa_lines": "Q/A lines",
    "future_share": "future share",
    "past_share": "past share",
    "forward_share": "forward-heading share",
    "results_share": "results-heading share",
    "figures_per_1000": "figures per 1,000 chars",
    "event_lede": "event lede",
    "news_lede": "news lede",
    "speech_quotes": "speech quotes",
    "reporter": "reporter on the scene",
    "first_person": "first person",
    "headings": "headings",
    "n_chars": "chars",
}
_FIELDS = ("title", "lede", "text")
_COUNTS = ("qa_lines", "event_lede", "news_lede", "speech_quotes", "reporter", "first_person", "headings", "n_chars")
_YEAR = re.compile(r"^(\d{4})")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class TypeRule:
    """One rule: a type, a name, and the conditions that must all hold."""

    type: str
    name: str
    cues: tuple[tuple[str, str], ...] = ()  # (field, cue list name) that must match
    refused: tuple[tuple[str, str], ...] = ()  # (field, cue list name) that must not match
    min: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    max: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class ArticleTypeRules:
    """Validated article-type rules (see ``data/lexicon/article_types.yml``)."""

    version: str
    cues: Mapping[str, tuple[re.Pattern, ...]]  # read-only: the rules are shared by every caller
    future: tuple[re.Pattern, ...]
    past: tuple[re.Pattern, ...]
    sentence_min_chars: int
    qa_re: re.Pattern
    figure_re: re.Pattern
    event_lede_window: int
    event_date_re: re.Pattern
    speech_after_re: re.Pattern
    speech_before_re: re.Pattern
    quote_min_chars: int
    reporter_re: re.Pattern
    first_person_re: re.Pattern
    rules: tuple[TypeRule, ...]
    source: str = "<memory>"


def _compile(pattern, where: str, flags: int = 0) -> re.Pattern:
    try:
        return re.compile(str(pattern), flags)
    except re.error as exc:
        raise LexiconError(f"{where}: the regex {pattern!r} does not compile ({exc}); fix it") from exc


def _compile_all(patterns, where: str) -> tuple[re.Pattern, ...]:
    if not isinstance(patterns, list) or not patterns:
        raise LexiconError(f"{where}: give a non-empty list of regexes")
    # Multi-line: the headline holds kicker, title and subtitle one per line, so ^ and $ anchor a line.
    return tuple(_compile(p, where, re.M) for p in patterns)


def _parse_rule(raw, cue_names: set[str], where: str) -> TypeRule:
    if not isinstance(raw, dict) or raw.get("type") not in TYPES or not raw.get("name"):
        raise LexiconError(f"{where}: a rule needs a 'name' and a 'type', one of {list(TYPES)}")
    cues = tuple((f, str(raw[f])) for f in _FIELDS if raw.get(f))
    refused = tuple((f, str(raw[f"not_{f}"])) for f in _FIELDS if raw.get(f"not_{f}"))
    for name in [n for _, n in cues + refused]:
        if name not in cue_names:
            raise LexiconError(f"{where}: unknown cue list {name!r}; use one of {sorted(cue_names)}")
    bounds = {"min": dict(raw.get("min") or {}), "max": dict(raw.get("max") or {})}
    for kind, values in bounds.items():
        unknown = sorted(set(values) - set(MEASURES))
        if unknown:
            raise LexiconError(f"{where}: unknown measure(s) {unknown} in '{kind}'; use one of {sorted(MEASURES)}")
    if not cues and not bounds["min"] and not bounds["max"]:
        raise LexiconError(f"{where}: rule {raw['name']!r} has no condition; give a cue list or a bound")
    return TypeRule(
        type=raw["type"],
        name=str(raw["name"]),
        cues=cues,
        refused=refused,
        min=MappingProxyType({k: float(v) for k, v in bounds["min"].items()}),
        max=MappingProxyType({k: float(v) for k, v in bounds["max"].items()}),
    )


def parse_article_type_rules(data, source: str = "<memory>") -> ArticleTypeRules:
    """Validate a parsed article-types document and compile its rules.

    Parameters
    ----------
    data : dict
        The parsed YAML (see ``data/lexicon/article_types.yml`` for the fields).
    source : str
        Where the data came from, for error messages.

    Returns
    -------
    ArticleTypeRules

    Raises
    ------
    LexiconError
        On a missing version or section, a regex that does not compile, a
        rule with an unknown type, cue list or measure, or a rule with no
        condition.
    """
    if not isinstance(data, dict) or "version" not in data:
        raise LexiconError(f"{source}: add a top-level 'version:' field")
    patterns = (
        "qa_markers",
        "figure_pattern",
        "event_date",
        "speech_after",
        "speech_before",
        "reporter",
        "first_person",
    )
    for key in ("cues", "sentence_cues", "rules", *patterns):
        if not data.get(key):
            raise LexiconError(f"{source}: add a non-empty '{key}:' section")
    cues = MappingProxyType({str(k): _compile_all(v, f"{source}: cues/{k}") for k, v in data["cues"].items()})
    sentence = data["sentence_cues"]
    rules = tuple(_parse_rule(r, set(cues), f"{source}: rules[{i}]") for i, r in enumerate(data["rules"]))
    one = {key: _compile(data[key], f"{source}: {key}", re.M) for key in patterns}
    return ArticleTypeRules(
        version=str(data["version"]),
        cues=cues,
        future=_compile_all(sentence.get("future"), f"{source}: sentence_cues/future"),
        past=_compile_all(sentence.get("past"), f"{source}: sentence_cues/past"),
        sentence_min_chars=int(data.get("sentence_min_chars", 8)),
        qa_re=one["qa_markers"],
        figure_re=one["figure_pattern"],
        event_lede_window=int(data.get("event_lede_window", 40)),
        event_date_re=one["event_date"],
        speech_after_re=one["speech_after"],
        speech_before_re=one["speech_before"],
        quote_min_chars=int(data.get("quote_min_chars", 6)),
        reporter_re=one["reporter"],
        first_person_re=one["first_person"],
        rules=rules,
        source=source,
    )


def load_article_type_rules(path: Path = ARTICLE_TYPES_FILE) -> ArticleTypeRules:
    """Load and validate the article-type rules.

    Parameters
    ----------
    path : Path
        A YAML file (default ``data/lexicon/article_types.yml``).

    Returns
    -------
    ArticleTypeRules

    Raises
    ------
    LexiconError
        If the file is missing, is not valid YAML or breaks a rule of
        :func:`parse_article_type_rules`.
    """
    return parse_article_type_rules(read_yaml(path, LexiconError), str(path))


@lru_cache(maxsize=1)
def _default_rules() -> ArticleTypeRules:
    # Read once per process: the rules are immutable once parsed.
    return load_article_type_rules()


# --- Measures -------------------------------------------------------------------


def _year(date) -> int | None:
    m = _YEAR.match(str(date or ""))
    return int(m.group(1)) if m else None


def _lede(text: str, title: str) -> str:
    # The first paragraph: the first line of running text that is not the headline.
    titles = {t.strip() for t in title.splitlines()}
    for line in text.splitlines():
        line = line.strip()
        if line and line not in titles and (is_body(line) or ends_sentence(line)):
            return line
    return ""


def _first_sentence(lede: str) -> str:
    return re.split(r"[。！？!?]", lede, maxsplit=1)[0]


def _news_lede(lede: str, rules: ArticleTypeRules) -> bool:
    # The lede opens on a date, a dateline or a figure: the way news opens, and a scene or an essay does not.
    window = lede[: rules.event_lede_window]
    return bool(rules.event_date_re.search(window) or dateline(lede) or _DIGIT.search(_first_sentence(lede)))


def _event_lede(lede: str, rules: ArticleTypeRules) -> bool:
    window = lede[: rules.event_lede_window]
    if not (rules.event_date_re.search(window) or dateline(lede)):
        return False
    return _found(rules.cues.get("event_lede", ()), _first_sentence(lede)) is not None


def _voices(text: str, rules: ArticleTypeRules) -> tuple[int, int]:
    # Quotations of someone speaking, and the writer's first person outside quotations.
    spans = quotations(text)
    speech = sum(
        e - s - 2 >= rules.quote_min_chars
        and bool(
            rules.speech_after_re.search(text[e : e + 12]) or rules.speech_before_re.search(text[max(s - 8, 0) : s])
        )
        for s, e in spans
    )
    outside, pos = [], 0
    for s, e in spans:
        if s >= pos:
            outside.append(text[pos:s])
            pos = e
    outside.append(text[pos:])
    return speech, len(rules.first_person_re.findall("\n".join(outside)))


def _heading_shares(text: str, headings: list, year: int | None, section_rules: SectionRules | None) -> tuple:
    # Share of the text's characters under forward-looking and under results headings.
    if not any(h.kind != "title" for h in headings):
        return 0.0, 0.0
    cues = section_cues(text, [h.end for h in headings], section_rules, headings=headings, year=year)["cue"].tolist()
    ends = [h.start for h in headings[1:]] + [len(text)]
    under = {"forward": 0, "results": 0}
    for h, cue, end in zip(headings, cues, ends):
        if cue in under:
            under[cue] += len(re.sub(r"\s", "", text[h.end : end]))
    total = max(len(re.sub(r"\s", "", text)), 1)
    return under["forward"] / total, under["results"] / total


def article_measures(
    title: str,
    text: str,
    date=None,
    rules: ArticleTypeRules | None = None,
    section_rules: SectionRules | None = None,
) -> dict:
    """Measure the structure of an article, as the type rules read it.

    Parameters
    ----------
    title : str
        The headline (kicker, title and subtitle, one per line).
    text : str
        The article text.
    date : str, optional
        The article's date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); its year
        lets a heading that names a later year count as forward-looking.
    rules : ArticleTypeRules, optional
        Defaults to ``data/lexicon/article_types.yml``.
    section_rules : SectionRules, optional
        Defaults to ``data/lexicon/sections.yml``.

    Returns
    -------
    dict
        The measures of :data:`MEASURES`; ``lede``, the first paragraph; and
        ``headline``, the headline lines the text itself prints (one per line).
    """
    rules = rules or _default_rules()
    sentences = [s for _, _, s in split_sentences(text) if len(s) >= rules.sentence_min_chars]
    n = max(len(sentences), 1)
    future = sum(any(p.search(s) for p in rules.future) for s in sentences) / n
    past = sum(any(p.search(s) for p in rules.past) for s in sentences) / n
    headings = find_headings(text, section_rules, title=title)
    forward_share, results_share = _heading_shares(text, headings, _year(date), section_rules)
    lede = _lede(text, title)
    speech, first_person = _voices(text, rules)
    return {
        "qa_lines": len(rules.qa_re.findall(text)),
        "future_share": round(future, 4),
        "past_share": round(past, 4),
        "forward_share": round(forward_share, 4),
        "results_share": round(results_share, 4),
        "figures_per_1000": round(1000 * len(rules.figure_re.findall(text)) / max(len(text), 1), 4),
        "event_lede": int(_event_lede(lede, rules)),
        "news_lede": int(_news_lede(lede, rules)),
        "speech_quotes": speech,
        "reporter": len(rules.reporter_re.findall(text)),
        "first_person": first_person,
        "headings": sum(h.kind != "title" for h in headings),
        "n_chars": len(text),
        "lede": lede,
        "headline": "\n".join(h.text for h in headings if h.kind == "title"),
    }


# --- Deciding -------------------------------------------------------------------


def _found(patterns: tuple[re.Pattern, ...], where: str) -> str | None:
    for p in patterns:
        m = p.search(where)
        if m:
            return m.group()
    return None


def _shown(name: str, value: float) -> str:
    return f"{value:.0f}" if name in _COUNTS else f"{value:.2f}"


def _holds(rule: TypeRule, fields: dict, measures: dict, rules: ArticleTypeRules) -> list[str] | None:
    # The evidence for a rule that holds, None for one that does not.
    evidence = []
    for where, name in rule.cues:
        word = _found(rules.cues[name], fields[where])
        if word is None:
            return None
        evidence.append(f"{where}: {word.strip()[:24]}")
    if any(_found(rules.cues[name], fields[where]) is not None for where, name in rule.refused):
        return None
    for name, bound in rule.min.items():
        if measures[name] < bound:
            return None
        evidence.append(_said(name, measures[name], f"≥ {bound:g}", fields["lede"]))
    for name, bound in rule.max.items():
        if measures[name] > bound:
            return None
        evidence.append(_said(name, measures[name], f"≤ {bound:g}", fields["lede"]))
    return evidence


def _said(name: str, value: float, bound: str, lede: str) -> str:
    # How the evidence names a measure that held.
    if name == "event_lede":
        return f"event lede: {lede[:24]}"
    if name == "news_lede":
        return "lede opens on no date, dateline or figure" if not value else f"news lede: {lede[:24]}"
    return f"{MEASURES[name]}: {_shown(name, value)} ({bound})"


def article_type(
    title: str,
    text: str,
    date=None,
    rules: ArticleTypeRules | None = None,
    section_rules: SectionRules | None = None,
) -> tuple[str, str]:
    """Say what kind of article this is, and which cue decided.

    Parameters
    ----------
    title : str
        The headline; give the kicker and subtitle too, one per line, since
        they often carry the cue (…专题访谈, ——访…副局长). The headline lines
        the text itself prints are read as well.
    text : str
        The article text.
    date : str, optional
        The article's date (its year is read; see :func:`article_measures`).
    rules : ArticleTypeRules, optional
        Defaults to ``data/lexicon/article_types.yml``.
    section_rules : SectionRules, optional
        Defaults to ``data/lexicon/sections.yml``.

    Returns
    -------
    tuple of str
        ``(type, evidence)``: one of :data:`TYPES`, and the rule that decided
        by what it found (``"title: 召开"``, ``"Q/A lines: 6 (≥ 4)"``); ``other`` with
        ``"no rule held"`` when none did.

    Examples
    --------
    >>> article_type("区政协召开助推高新区高质量发展协商座谈会", "7月20日,区政协召开协商座谈会。")
    ('meeting', 'title: 召开')
    """
    rules = rules or _default_rules()
    measures = article_measures(title, text, date, rules, section_rules)
    # Cues are written in simplified, half-width characters; the headline may be neither.
    headline = normalise_width(simplified(f"{title or ''}\n{measures['headline']}"))
    fields = {"title": headline, "lede": measures["lede"], "text": text}
    for rule in rules.rules:
        evidence = _holds(rule, fields, measures, rules)
        if evidence is not None:
            return rule.type, "; ".join(evidence)
    return FALLBACK, "no rule held"


def _headline(art: dict) -> str:
    # The kicker and the subtitle carry cues as often as the title does (…专题访谈, ——访…).
    parts = [art.get("kicker"), art.get("title"), art.get("subtitle")]
    return "\n".join(str(p).strip() for p in parts if isinstance(p, str) and p.strip())


def article_type_table(
    articles: pd.DataFrame,
    rules: ArticleTypeRules | None = None,
    section_rules: SectionRules | None = None,
) -> pd.DataFrame:
    """Type every article of the articles table.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table: article_id, title, text, and date, kicker,
        subtitle if present. Every article is typed, about the zone or not.
    rules : ArticleTypeRules, optional
        Defaults to ``data/lexicon/article_types.yml``.
    section_rules : SectionRules, optional
        Defaults to ``data/lexicon/sections.yml``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TABLE_COLUMNS` (article_id, article_type,
        type_evidence), one row per article in the table's order.

    Raises
    ------
    ArticlesFormatError
        If the table lacks article_id, title or text.
    """
    missing = [c for c in ("article_id", "title", "text") if c not in articles.columns]
    if missing:
        raise ArticlesFormatError(f"the articles table lacks {missing}; pass the table helpers.corpus.reader makes")
    rules = rules or _default_rules()
    rows = []
    for art in articles.to_dict("records"):
        kind, evidence = article_type(_headline(art), art["text"], art.get("date"), rules, section_rules)
        rows.append((art["article_id"], kind, evidence))
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)
