"""One page per article: its text with every figure, formula and entity highlighted and anchored.

``reports/articles/<article_id>.html`` shows an article's cleaned text, split
into paragraphs on its line breaks, with

- every figure of the indicator ledger as ``<mark id="<indicator_id>"
  class="figure kind-…">``, so ``articles/<article_id>.html#<indicator_id>``
  lands on it (:func:`article_link` writes that link from any folder of
  ``reports/``); every restatement of a figure in the same article has its
  own mark, with the id from ``occurrence_ids``, and a ``↑`` link to the
  figure's first statement; a figure that repeats an earlier article
  (``restates``) has a ``↗`` link to the figure it repeats;
- every policy formula as ``<span id="f-<start>" class="formula …">`` and
  every entity as ``<span id="e-<start>" class="entity …">``;

then tables of the figures, formulas and entities, each linking to its place
in the text. A reader landing on a figure's anchor sees it highlighted, with
what it measures, its kind and period (CSS ``:target``; no script).

Spans may overlap (a figure inside an entity's name, a formula over two
figures). :func:`spans_html` turns any set of spans into well-formed markup:
spans nest where they can, and where two cross, the one of the lower
``layer`` is split (entities below formulas below figures), so a figure stays
one element; only the first piece of a split span carries its id.

Every character of the text and the tables is escaped, and the same tables
give the same bytes: no random ids, no dates of the build, a fixed order.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from helpers import atomic
from helpers.analysis.facts import SAME_DAY, article_order
from helpers.analysis.ledger import as_written
from helpers.errors import ArticlesFormatError, LedgerFormatError
from helpers.flags import parse_flag
from helpers.report.render import stylesheet

ARTICLES_DIR = "articles"  # the pages' folder under reports/
# The overview reports a page links to: (title, path under reports/); the build may pass its own list.
DEFAULT_REPORTS = (
    ("Corpus", "01_corpus.html"),
    ("Themes", "02_themes.html"),
    ("Indicators", "03_indicators.html"),
    ("Narrative", "04_narrative.html"),
)
FIGURE_LAYER, FORMULA_LAYER, ENTITY_LAYER = 2, 1, 0  # where spans cross, the lower layer is split
ARTICLE_COLUMNS = ["article_id", "title", "date", "source", "file", "text"]
FIGURE_COLUMNS = ["indicator_id", "start", "end", "value", "unit", "indicator", "kind", "period"]
FORMULA_COLUMNS = ["start", "end", "formula", "canonical", "kind"]
ENTITY_COLUMNS = ["start", "end", "entity", "type", "alias"]

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")  # an article id is also a file name
_FRAGMENT_SAFE = "!$'()*+,;=:@/?-._~"  # characters a URL fragment may hold as they are (RFC 3986), & aside
_NESTABLE = frozenset({"span", "mark", "em", "strong", "b", "i", "u", "s", "small", "code", "abbr", "cite", "dfn"})
_OCCURRENCE = re.compile(r"^(\d+)-(\d+)$")
_CLASS_WORD = re.compile(r"[^a-z0-9_-]+")


# --- links -------------------------------------------------------------------------------------------------------


def article_link(article_id: str, indicator_id: str | None = None, from_dir: str = "") -> str:
    """Return the relative URL of an article's page, or of one figure on it.

    Parameters
    ----------
    article_id : str
        The article's ``article_id``.
    indicator_id : str, optional
        A figure's ``indicator_id`` (or one of its ``occurrence_ids``): the
        link lands on that figure.
    from_dir : str
        The folder of the linking page, relative to ``reports/``: ``""`` for
        ``reports/*.html``, ``"years"`` for the year reviews, ``"articles"``
        for the article pages themselves.

    Returns
    -------
    str
        A URL such as ``articles/b804821d-0.html#b804821d-0:199`` (from
        ``reports/``) or ``../articles/…`` (from ``reports/years/``). Escape
        it with ``html.escape`` when writing it into an attribute.

    Raises
    ------
    ArticlesFormatError
        If ``article_id`` cannot be a file name.
    """
    page = f"{ARTICLES_DIR}/{_page_name(article_id)}"
    href = posixpath.relpath(page, posixpath.normpath(from_dir.strip("/") or "."))
    return href + _fragment(indicator_id) if indicator_id else href


def _fragment(anchor: str) -> str:
    # ':' is valid in a fragment and in an id; Chromium matches the fragment, percent-decoded, against ids.
    return "#" + quote(str(anchor), safe=_FRAGMENT_SAFE)


def _page_name(article_id: str) -> str:
    if not isinstance(article_id, str) or not _SAFE_ID.match(article_id):
        raise ArticlesFormatError(
            f"article_id {article_id!r} cannot name a page: use letters, digits, '.', '_' and '-' only "
            "(helpers.corpus.reader makes ids like 'b804821d-0')"
        )
    return f"{article_id}.html"


# --- spans to HTML ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A stretch of text ``[start, end)`` to wrap in one element.

    ``layer`` decides what gives way: where two spans cross, the one of the
    lower layer is split; where two have the same extent, the lower layer is
    the outer element. ``part`` counts the pieces of a split span: only
    piece 0 carries ``id``; later pieces get the class ``cont``.
    """

    start: int
    end: int
    tag: str = "span"
    id: str = ""
    classes: str = ""
    title: str = ""
    layer: int = 0
    data: tuple[tuple[str, str], ...] = ()  # further attributes, e.g. (("data-label", "…"),)
    part: int = 0


@dataclass(frozen=True)
class Ref:
    """A small link written into the text at ``pos`` (after any span that ends there)."""

    pos: int
    href: str
    text: str
    title: str = ""
    classes: str = "ref"


def _open_tag(span: Span) -> str:
    esc = html.escape
    attrs = []
    if span.id and span.part == 0:
        attrs.append(f' id="{esc(span.id)}"')
    classes = " ".join(c for c in (span.classes, "cont" if span.part else "") if c)
    if classes:
        attrs.append(f' class="{esc(classes)}"')
    if span.title:
        attrs.append(f' title="{esc(span.title)}"')
    attrs += [f' {name}="{esc(value)}"' for name, value in span.data]
    return f"<{span.tag}{''.join(attrs)}>"


def _ref_html(ref: Ref) -> str:
    esc = html.escape
    title = f' title="{esc(ref.title)}"' if ref.title else ""
    return f'<a class="{esc(ref.classes)}" href="{esc(ref.href)}"{title}>{esc(ref.text)}</a>'


def _crosses(a: Span, b: Span) -> bool:
    """Return whether ``a`` and ``b`` overlap without one holding the other."""
    return (
        a.start < b.end
        and b.start < a.end
        and not (a.start <= b.start and b.end <= a.end or b.start <= a.start and a.end <= b.end)
    )


def _cut(span: Span, higher: Sequence[Span]) -> list[Span]:
    """Split ``span`` until no piece crosses a span of ``higher``."""
    pieces, done = [span], []
    while pieces:
        piece = pieces.pop()
        other = next((h for h in higher if _crosses(h, piece)), None)
        if other is None:
            done.append(piece)
            continue
        at = other.start if piece.start < other.start < piece.end else other.end
        pieces += [replace(piece, start=at), replace(piece, end=at)]  # popped first: the left piece
    done.sort(key=lambda p: p.start)
    return [replace(p, part=span.part + k) for k, p in enumerate(done)]


def _uncross(spans: Sequence[Span]) -> list[tuple[Span, tuple[int, int]]]:
    """Split spans of lower layers where they cross higher ones; return pieces with a stable sequence key."""
    kept: list[tuple[Span, tuple[int, int]]] = []
    for layer in sorted({s.layer for s in spans}, reverse=True):
        higher = [p for p, _ in kept]
        for index, span in enumerate(spans):
            if span.layer == layer:
                kept += [(piece, (index, k)) for k, piece in enumerate(_cut(span, higher))]
    return kept


def spans_html(text: str, spans: Iterable[Span], refs: Iterable[Ref] = (), lo: int = 0, hi: int | None = None) -> str:
    """Return ``text[lo:hi]``, escaped, with every span wrapped in its element: always well-formed.

    Spans nest where they can. Where two cross, the span of the lower
    ``layer`` is split at the other's edge; two crossing spans of the same
    layer are split by nesting order (the later-opened one closes and opens
    again). Only a span's first piece carries its id, so every id appears
    once. Where spans have the same extent, the lower layer is outside.

    Parameters
    ----------
    text : str
        The whole text; offsets index it.
    spans : iterable of Span
        Each with ``lo <= start < end <= hi``.
    refs : iterable of Ref
        Links to write between characters, with ``lo <= pos <= hi``; at a
        position where spans end and others start, a link goes after the
        ones that end and before the ones that start.
    lo, hi : int
        The stretch of ``text`` to render (default all of it).

    Returns
    -------
    str
        HTML: escaped text and the spans' elements, properly nested.

    Raises
    ------
    ValueError
        For a span that is empty or outside ``[lo, hi)``, a ref outside
        ``[lo, hi]``, or a tag that cannot nest in running text.
    """
    hi = len(text) if hi is None else hi
    spans, refs = list(spans), list(refs)
    for s in spans:
        if not (lo <= s.start < s.end <= hi):
            raise ValueError(f"span {s.start}-{s.end} ({s.id or s.classes}) is empty or outside {lo}-{hi}")
        if s.tag not in _NESTABLE:
            raise ValueError(f"tag {s.tag!r} cannot nest in running text; use one of {', '.join(sorted(_NESTABLE))}")
    for r in refs:
        if not lo <= r.pos <= hi:
            raise ValueError(f"ref at {r.pos} ({r.href}) is outside {lo}-{hi}")
    pieces = _uncross(spans)
    starting: dict[int, list[tuple[Span, tuple[int, int]]]] = {}
    for piece in pieces:
        starting.setdefault(piece[0].start, []).append(piece)
    refs_at: dict[int, list[Ref]] = {}
    for r in refs:
        refs_at.setdefault(r.pos, []).append(r)
    bounds = sorted({lo, hi, *starting, *(p.end for p, _ in pieces), *refs_at})

    def nesting(item: tuple[Span, tuple[int, int]]):
        return (-item[0].end, item[0].layer, item[1])  # the longest outside; ties: lower layer, then input order

    out: list[str] = []
    stack: list[tuple[Span, tuple[int, int]]] = []
    for k, pos in enumerate(bounds):
        reopen = []
        while any(p.end == pos for p, _ in stack):
            top = stack.pop()
            out.append(f"</{top[0].tag}>")
            if top[0].end != pos:
                reopen.append((replace(top[0], start=pos, part=top[0].part + 1), top[1]))
        out += [_ref_html(r) for r in refs_at.get(pos, ())]
        for item in sorted(reopen + starting.get(pos, []), key=nesting):
            out.append(_open_tag(item[0]))
            stack.append(item)
        if k + 1 < len(bounds):
            out.append(html.escape(text[pos : bounds[k + 1]]))
    return "".join(out)


def paragraphs_html(text: str, spans: Iterable[Span], refs: Iterable[Ref] = ()) -> str:
    """Return the text as ``<p>`` paragraphs, one per non-blank line, with its spans and refs.

    A span over a line break is split into one piece per paragraph (the
    first keeps the id); a ref on a blank line goes to the end of the
    paragraph before it.

    Raises
    ------
    ValueError
        For a span that holds no character of a non-blank line, or as :func:`spans_html`.
    """
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    per_line: list[list[Span]] = [[] for _ in lines]
    for span in spans:
        if not (0 <= span.start < span.end <= len(text)):
            raise ValueError(f"span {span.start}-{span.end} ({span.id or span.classes}) is empty or outside the text")
        part = span.part
        for i, (a, b) in enumerate(lines):
            start, end = max(a, span.start), min(b, span.end)
            if start < end:
                per_line[i].append(replace(span, start=start, end=end, part=part))
                part += 1
        if part == span.part:
            raise ValueError(f"span {span.start}-{span.end} ({span.id or span.classes}) holds no printed character")
    refs_per_line: list[list[Ref]] = [[] for _ in lines]
    for ref in refs:
        i = max([k for k, (a, _) in enumerate(lines) if a <= ref.pos] or [0])
        if lines:
            refs_per_line[i].append(replace(ref, pos=min(max(ref.pos, lines[i][0]), lines[i][1])))
    return "\n".join(
        f"<p>{spans_html(text, per_line[i], refs_per_line[i], a, b)}</p>" for i, (a, b) in enumerate(lines)
    )


# --- one article ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageLinks:
    """Where a page links to, besides its own anchors.

    ``articles`` maps article ids to rows (``title``, ``date``) for the
    links to other pages; ``figure_articles`` maps every figure id (and
    occurrence id) to its article, for ``restates`` links.
    """

    home: str = "../index.html"
    reports: tuple[tuple[str, str], ...] = DEFAULT_REPORTS  # (title, path under reports/)
    review_years: tuple[int, ...] = ()  # years with a review at reports/years/YYYY.html
    previous: Mapping | None = None  # the article before this one by date
    next: Mapping | None = None  # the article after it
    articles: Mapping[str, Mapping] = field(default_factory=dict)
    figure_articles: Mapping[str, str] = field(default_factory=dict)


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _class_word(value) -> str:
    return _CLASS_WORD.sub("-", _text(value).lower()).strip("-") or "none"


def _flag(value) -> bool | None:
    try:
        return parse_flag(value)
    except ValueError:
        return None


def _rows(frame: pd.DataFrame | None, needed: list[str], what: str) -> list[dict]:
    if frame is None or len(frame) == 0:
        return []
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        error = LedgerFormatError if what == "ledger" else ArticlesFormatError
        raise error(
            f"the {what} table lacks column(s) {', '.join(missing)}; load it with helpers.analysis.processed.load()"
        )
    rows = frame.to_dict("records")
    for r in rows:
        r["start"], r["end"] = int(r["start"]), int(r["end"])
    return sorted(rows, key=lambda r: (r["start"], r["end"], _text(r.get("indicator_id"))))


def _occurrences(row: dict) -> list[tuple[str, int, int]]:
    """Return the other statements of a figure in its article: (id, start, end), in text order."""
    spans = [s for s in _text(row.get("occurrences")).split(";") if s]
    ids = [s for s in _text(row.get("occurrence_ids")).split(";") if s]
    if not spans:
        return []
    parsed = [_OCCURRENCE.match(s) for s in spans]
    if not all(parsed) or len(ids) != len(spans) - 1:
        raise LedgerFormatError(
            f"figure {row['indicator_id']}: occurrences {row.get('occurrences')!r} and occurrence_ids "
            f"{row.get('occurrence_ids')!r} do not match (the first occurrence is the row's own; one id for each other); "
            "rebuild the ledger with helpers.analysis.facts.one_row_per_fact"
        )
    return [(i, int(m.group(1)), int(m.group(2))) for i, m in zip(ids, parsed[1:])]


def _figure_label(row: dict) -> str:
    return " · ".join(t for t in (_text(row["indicator"]), _text(row["kind"]), _text(row["period"])) if t)


def _article_name(article: Mapping | None) -> str:
    if not article:
        return "an earlier article"
    title = _text(article.get("title")) or _text(article.get("article_id"))
    date = _text(article.get("date")) or "undated"
    return f"《{title}》 ({date})"


def _restates_href(row: dict, own_id: str, links: PageLinks) -> tuple[str, str]:
    """Return the link to the figure a row repeats, and the article it is in."""
    target = _text(row.get("restates"))
    article_id = links.figure_articles.get(target) or target.split(":", 1)[0]
    if article_id == own_id:
        return _fragment(target), own_id
    return article_link(article_id, target, from_dir=ARTICLES_DIR), article_id


def figure_marks(figures: Sequence[dict], article_id: str, links: PageLinks) -> tuple[list[Span], list[Ref]]:
    """Return the marks and links of an article's figures: each row, each restatement, each repeat."""
    spans, refs = [], []
    for row in figures:
        fid, label, kind = _text(row["indicator_id"]), _figure_label(row), _class_word(row["kind"])
        repeats = bool(_text(row.get("restates")))
        classes = f"figure kind-{kind}" + (" repeat" if repeats else "")
        title = label
        if repeats:
            href, other = _restates_href(row, article_id, links)
            where = _article_name(links.articles.get(other))
            title += f" · repeats a figure of {where}"
            refs.append(Ref(row["end"], href, "↗", f"first printed in {where}"))
        spans.append(
            Span(row["start"], row["end"], "mark", fid, classes, title, FIGURE_LAYER, (("data-label", title),))
        )
        for oid, start, end in _occurrences(row):
            again = f"{label} · printed again in this article; the first statement is marked ↑"
            spans.append(
                Span(start, end, "mark", oid, f"{classes} restatement", again, FIGURE_LAYER, (("data-label", again),))
            )
            refs.append(Ref(end, _fragment(fid), "↑" if row["start"] < start else "↓", "the first statement"))
    return spans, refs


def with_anchors(rows: Sequence[dict], prefix: str) -> list[dict]:
    """Return the rows with their anchor: ``<prefix>-<start>`` (``f-120``), or ``<prefix>-<start>-<end>`` for a second mention at one start."""
    out, used = [], set()
    for row in rows:
        anchor = f"{prefix}-{row['start']}"
        if anchor in used:
            anchor = f"{prefix}-{row['start']}-{row['end']}"
        used.add(anchor)
        out.append({**row, "anchor": anchor})
    return out


def mention_spans(rows: Sequence[dict], layer: int) -> list[Span]:
    """Return the spans of formula mentions (rows with ``canonical``) or entity mentions, from :func:`with_anchors`."""
    spans = []
    for row in rows:
        anchor = row["anchor"]
        if "canonical" in row:
            canonical, kind = _text(row["canonical"]), _text(row["kind"]) or "formula"
            title = " · ".join([kind, canonical] if canonical else [kind])
            classes = f"formula kind-{_class_word(kind)}"
        else:
            title = " · ".join(t for t in (_text(row["entity"]), _text(row["type"]), _text(row.get("gloss"))) if t)
            classes = f"entity type-{_class_word(row['type'])}"
        spans.append(Span(row["start"], row["end"], "span", anchor, classes, title, layer))
    return spans


def _check_figures(figures: list[dict], text: str, article_id: str) -> None:
    seen = set()
    for row in figures:
        ids = [_text(row["indicator_id"])] + [o[0] for o in _occurrences(row)]
        places = [(row["start"], row["end"])] + [(s, e) for _, s, e in _occurrences(row)]
        for fid, (start, end) in zip(ids, places):
            if not (0 <= start < end <= len(text)):
                raise LedgerFormatError(
                    f"figure {fid} of article {article_id} lies at {start}-{end}, outside its text "
                    f"({len(text)} characters); the ledger was made from another text: rebuild data/processed/"
                )
            if not fid or fid in seen:
                raise LedgerFormatError(f"figure id {fid!r} appears twice in article {article_id}; ids must be unique")
            seen.add(fid)


def _display_text(article: Mapping) -> str:
    """Return the text as written: ``text_original`` when it has the analysed text's length (offsets hold), else ``text``."""
    text, original = _text(article["text"]), _text(article.get("text_original"))
    return original if original and len(original) == len(text) else text


def _meta_rows(article: Mapping) -> list[tuple[str, str]]:
    rows = []
    date = _text(article["date"]) or "undated"
    evidence = _text(article.get("date_evidence"))
    rows.append(("Date", f"{date} ({evidence})" if evidence else date))
    if _text(article.get("date_warning")):
        rows.append(("Date warning", _text(article["date_warning"])))
    rows.append(("Source", _text(article["source"]) or "not named"))
    if _text(article.get("author")):
        rows.append(("Author", _text(article["author"])))
    file = f"data/raw/{_text(article['file'])}"
    if _text(article.get("article_index")):
        file += f", story {int(float(article['article_index'])) + 1} on the page"
    rows.append(("File", file))
    about = _flag(article.get("about_zone"))
    reason = _text(article.get("about_zone_reason"))
    verdict = {True: "yes", False: "no: not counted in the zone's statistics", None: "unknown"}[about]
    rows.append(("About the zone", f"{verdict} ({reason})" if reason else verdict))
    if _text(article.get("article_type")):
        kind = _text(article["article_type"])
        rows.append(("Article type", TYPE_WORDS.get(kind, kind)))
    rows.append(("Article id", _text(article["article_id"])))
    return rows


# An article's type in words, with what it means for reading its figures.
TYPE_WORDS = {
    "work_plan": "work plan or mobilisation speech (工作部署): it says what will be done",
    "results": "results round-up (成绩报道): it says what was done",
    "meeting": "meeting news (会议新闻): a dated official event",
    "interview": "interview (访谈)",
    "feature": "feature (特写)",
    "commentary": "commentary (评论)",
    "other": "other",
}
KIND_WORDS = {  # (one, several)
    "achieved": ("achieved", "achieved"),
    "target": ("target", "targets"),
    "plan": ("plan", "plans"),
    "signed": ("signed, not realised", "signed, not realised"),
    "ranking": ("ranking", "rankings"),
    "context": ("background figure", "background figures"),
}
MAX_BRIEF_FIGURES = 6  # rankings first, then targets, then the first results


def _repeats_said(figures: list[dict]) -> str:
    """Say how many of an article's figures repeat an earlier day's article, and how many the same day's page."""
    same = sum(1 for r in figures if _text(r.get("restates")) and _text(r.get("restates_how")) == SAME_DAY)
    earlier = sum(1 for r in figures if _text(r.get("restates"))) - same
    said = []
    if earlier:
        said.append(f"{earlier} of them repeat{'s' if earlier == 1 else ''} an earlier article")
    if same:
        said.append(f"{same} {'is' if same == 1 else 'are'} printed again from another story of the same day")
    return f"; {' and '.join(said)} (marked ↗)" if said else ""


def in_brief(figures: list[dict], formulas: list[dict], article_id: str, text: str) -> str:
    """Return the page's opening: its figures by kind, the main ones linked, and the formulas it names.

    Counted as the ledger counts (a figure the article prints twice is one figure); figures that repeat an earlier
    article are counted and said to be repeats; the main figures are rankings, then targets, then the first results,
    each linked to its place in the text.
    """
    esc = html.escape
    if not figures and not formulas:
        return ""
    items = []
    if figures:
        counts = {}
        for row in figures:
            counts[_class_word(row["kind"])] = counts.get(_class_word(row["kind"]), 0) + 1
        order = sorted(counts, key=lambda k: (_KIND_ORDER.index(k) if k in _KIND_ORDER else len(_KIND_ORDER), k))
        by_kind = ", ".join(f"{counts[k]} {KIND_WORDS.get(k, (k, k))[counts[k] != 1]}" for k in order)
        again = _repeats_said(figures)
        items.append(f"<li>{len(figures)} figure{'s' if len(figures) != 1 else ''}: {esc(by_kind)}{esc(again)}.</li>")
        rank = {"ranking": 0, "target": 1, "achieved": 2}
        main = sorted(
            (r for r in figures if _text(r["kind"]) in rank and not _text(r.get("restates"))),
            key=lambda r: (rank[_text(r["kind"])], int(r["start"])),
        )[:MAX_BRIEF_FIGURES]
        if main:
            shown = "; ".join(
                f'<a href="{esc(_fragment(_text(r["indicator_id"])))}">{esc(_written(r, article_id, text))}</a> '
                f"{esc(_text(r['indicator']))} ({esc(_text(r['kind']))})"
                for r in main
            )
            items.append(f'<li>Main figures: <span lang="zh-CN">{shown}</span>.</li>')
    if formulas:
        names = list(dict.fromkeys(_text(f["canonical"]) for f in formulas))
        items.append(f'<li>Formulas named: <span lang="zh-CN">{esc("、".join(names))}</span>.</li>')
    return f'<section id="in-brief"><h2>In brief</h2><ul class="in-brief">{"".join(items)}</ul></section>'


def _neighbour(article: Mapping | None, rel: str, arrow: str) -> str:
    if not article:
        return f'<span class="{rel} none">{"no earlier article" if rel == "prev" else "no later article"}</span>'
    esc = html.escape
    href = article_link(_text(article["article_id"]), from_dir=ARTICLES_DIR)
    text = f"{_text(article.get('date')) or 'undated'} · {_text(article.get('title')) or _text(article['article_id'])}"
    label = "earlier" if rel == "prev" else "later"
    inner = f"{arrow} {label}: {esc(text)}" if rel == "prev" else f"{label}: {esc(text)} {arrow}"
    return f'<a class="{rel}" rel="{rel}" href="{esc(href)}">{inner}</a>'


def _header(article: Mapping, links: PageLinks) -> str:
    esc = html.escape
    title = _text(article["title"]) or "(the page shows no headline)"
    kicker, subtitle = _text(article.get("kicker")), _text(article.get("subtitle"))
    meta = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in _meta_rows(article))
    reports = [(t, posixpath.relpath(p, ARTICLES_DIR)) for t, p in links.reports]
    year = _text(article.get("year"))
    year = str(int(float(year))) if year else ""
    if year and int(year) in links.review_years:
        reports.append((f"{year} in review", f"../years/{year}.html"))
    report_links = " · ".join(f'<a href="{esc(h)}">{esc(t)}</a>' for t, h in reports)
    return (
        '<header class="masthead">'
        f'<div class="crumbs"><a href="{esc(links.home)}">济宁高新区 development narrative</a> › articles › '
        f"{esc(_text(article['article_id']))}</div>\n"
        + (f'<p class="kicker">{esc(kicker)}</p>' if kicker else "")
        + f"<h1>{esc(title)}</h1>"
        + (f'<p class="subtitle">{esc(subtitle)}</p>' if subtitle else "")
        + f'\n<table class="meta">{meta}</table>\n'
        f'<nav class="neighbours" aria-label="articles by date">{_neighbour(links.previous, "prev", "←")}'
        f"{_neighbour(links.next, 'next', '→')}</nav>\n"
        f'<p class="reports">Reports: {report_links}</p>'
        "</header>"
    )


_KIND_ORDER = [
    "achieved",
    "target",
    "plan",
    "signed",
    "ranking",
    "context",
    "other",
]  # the legend's order; others after


def _legend(figures: list[dict], formulas: list[dict], entities: list[dict]) -> str:
    rank = {k: i for i, k in enumerate(_KIND_ORDER)}
    kinds = sorted({_class_word(r["kind"]) for r in figures}, key=lambda k: (rank.get(k, len(rank)), k))
    items = [f'<mark class="figure kind-{k}">{html.escape(k)}</mark>' for k in kinds]
    if any(_occurrences(r) for r in figures):
        items.append(
            '<mark class="figure restatement">printed again</mark> <span class="ref">↑</span> goes to its first statement'
        )
    if any(_text(r.get("restates")) for r in figures):
        items.append(
            '<span class="ref">↗</span> a figure printed before: in an earlier article or another story of the same day'
        )
    if formulas:
        items.append('<span class="formula">formula</span>')
    if entities:
        items.append('<span class="entity">company, park, place…</span>')
    if not items:
        return ""
    return '<p class="legend">' + " ".join(f"<span>{i}</span>" for i in items) + "</p>"


def _written(row: dict, article_id: str, text: str) -> str:
    return as_written({**row, "article_id": article_id, "qualifier": row.get("qualifier", "")}, {article_id: text})


def _figure_table(figures: list[dict], article_id: str, links: PageLinks, text: str = "") -> str:
    esc = html.escape
    if not figures:
        return "<p>No figures in this article's ledger.</p>"
    has_subject = any(_text(r.get("subject")) for r in figures)
    head = ["Figure", "What it measures", "Kind", "Period"] + (["Subject"] if has_subject else []) + ["Notes", "id"]
    body = []
    for row in figures:
        fid = _text(row["indicator_id"])
        notes = []
        others = _occurrences(row)
        if others:
            again = ", ".join(f'<a href="{esc(_fragment(o))}">{k}</a>' for k, (o, _, _) in enumerate(others, start=2))
            notes.append(f"printed {len(others) + 1} times (again: {again})")
        if _text(row.get("restates")):
            href, other = _restates_href(row, article_id, links)
            notes.append(
                f'repeats <a href="{esc(href)}">{esc(_text(row["restates"]))}</a> of {esc(_article_name(links.articles.get(other)))}'
            )
        if _text(row.get("contest")):
            notes.append(f"contest: {esc(_text(row['contest']))}")
        if _text(row.get("shares")):
            notes.append(
                f'shares its number with <a href="{esc(_fragment(row["shares"]))}">{esc(_text(row["shares"]))}</a>'
            )
        evidence = _text(row.get("kind_evidence"))
        kind = (
            f'<td title="{esc(evidence)}">{esc(_text(row["kind"]))}</td>'
            if evidence
            else f"<td>{esc(_text(row['kind']))}</td>"
        )
        cells = [
            # As the article writes it (前10名, 10%以上, 近百亿元): value and unit alone would read 10名 as tenth place.
            f'<td class="nowrap"><a href="{esc(_fragment(fid))}">{esc(_written(row, article_id, text))}</a></td>',
            f"<td>{esc(_text(row['indicator']))}</td>",
            kind,
            f'<td class="nowrap">{esc(_text(row["period"]))}</td>',
        ]
        if has_subject:
            cells.append(f"<td>{esc(_text(row.get('subject')))}</td>")
        cells += [f"<td>{'; '.join(notes)}</td>", f'<td class="nowrap"><code>{esc(fid)}</code></td>']
        body.append(f"<tr>{''.join(cells)}</tr>")
    heads = "".join(f"<th>{esc(h)}</th>" for h in head)
    return f'<div class="table-wrap whole"><table class="data"><thead><tr>{heads}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def _mention_table(rows: list[dict], kind: str) -> str:
    """Return the formulas (``kind="formula"``) or entities, one row per name, with a link to every mention."""
    esc = html.escape
    if not rows:
        return f"<p>No {'formulas' if kind == 'formula' else 'entities'} named in this article.</p>"
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(_text(row["canonical" if kind == "formula" else "entity"]), []).append(row)
    if kind == "formula":
        head = ["Formula", "Written as", "Kind", "Mentions"]
    else:
        head = ["Entity", "Written as", "Type", "Gloss", "Mentions"]
    body = []
    for name, members in groups.items():
        written = " / ".join(dict.fromkeys(_text(m["formula" if kind == "formula" else "alias"]) for m in members))
        mentions = " ".join(f'<a href="#{esc(m["anchor"])}">{k}</a>' for k, m in enumerate(members, start=1))
        cells = [name, written, _text(members[0]["kind" if kind == "formula" else "type"])]
        if kind != "formula":
            cells.append(_text(members[0].get("gloss")))
        body.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + f"<td>{mentions}</td></tr>")
    heads = "".join(f"<th>{esc(h)}</th>" for h in head)
    return f'<div class="table-wrap whole"><table class="data"><thead><tr>{heads}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def article_css() -> str:
    """Return the article pages' own styles (``templates/article.css``), added after the house stylesheet."""
    return resources.files("helpers.report").joinpath("templates/article.css").read_text("utf-8")


def article_html(
    article: Mapping,
    figures: pd.DataFrame | None,
    formulas: pd.DataFrame | None,
    entities: pd.DataFrame | None,
    links: PageLinks | None = None,
) -> str:
    """Return one article's page: header, highlighted text, tables of its figures, formulas and entities.

    Parameters
    ----------
    article : mapping
        The article's row of the articles table (``article_id``, ``title``,
        ``date``, ``source``, ``file``, ``text``; ``text_original``,
        ``about_zone``, ``kicker``, ``subtitle``, ``date_evidence``… shown when present).
    figures : pandas.DataFrame
        The article's rows of the ledger: ``indicator_id``, ``start``,
        ``end``, ``value``, ``unit``, ``indicator``, ``kind``, ``period``;
        ``occurrences``, ``occurrence_ids``, ``restates``, ``subject``,
        ``contest``, ``kind_evidence`` and ``shares`` are used when present.
    formulas : pandas.DataFrame
        The article's formula mentions (``start``, ``end``, ``formula``, ``canonical``, ``kind``).
    entities : pandas.DataFrame
        The article's entity mentions (``start``, ``end``, ``entity``, ``type``, ``alias``; ``gloss`` when present).
    links : PageLinks, optional
        Home, reports, neighbours and other articles to link to.

    Returns
    -------
    str
        The page, a complete HTML document with its styles inline.

    Raises
    ------
    ArticlesFormatError
        If a table lacks a column, or the article id cannot name a file.
    LedgerFormatError
        If a figure lies outside the text, an id appears twice, or occurrences and their ids disagree.
    """
    links = links or PageLinks()
    missing = [c for c in ARTICLE_COLUMNS if c not in article]
    if missing:
        raise ArticlesFormatError(f"the article lacks {', '.join(missing)}; pass a row of the articles table")
    article_id = _text(article["article_id"])
    _page_name(article_id)
    text = _text(article["text"])
    figs = _rows(figures, FIGURE_COLUMNS, "ledger")
    forms = with_anchors(_rows(formulas, FORMULA_COLUMNS, "formulas"), "f")
    ents = with_anchors(_rows(entities, ENTITY_COLUMNS, "entities"), "e")
    _check_figures(figs, text, article_id)
    for row in forms + ents:
        if not (0 <= row["start"] < row["end"] <= len(text)):
            raise ArticlesFormatError(
                f"a mention of {row.get('formula', row.get('entity'))!r} in article {article_id} lies at "
                f"{row['start']}-{row['end']}, outside its text; rebuild data/processed/"
            )
    marks, refs = figure_marks(figs, article_id, links)
    spans = marks + mention_spans(forms, FORMULA_LAYER) + mention_spans(ents, ENTITY_LAYER)
    try:
        body = paragraphs_html(_display_text(article), spans, refs)
    except ValueError as err:
        raise LedgerFormatError(f"article {article_id}: {err}") from err
    esc = html.escape
    about = _flag(article.get("about_zone"))
    note = ""
    if about is False and not (figs or forms or ents):
        note = (
            '<p class="note">This article is not about the zone, so its figures, formulas and entities '
            "are not extracted; its text is shown as it reads.</p>"
        )
    counts = {"figures": len(figs), "formulas": len(forms), "entities": len(ents)}
    brief = in_brief(figs, forms, article_id, text)
    toc = (
        '<nav class="toc" aria-label="contents"><h2>Contents</h2><ol>'
        + ('<li class="h2"><a href="#in-brief">In brief</a></li>' if brief else "")
        + '<li class="h2"><a href="#text">Text</a></li>'
        + "".join(f'<li class="h2"><a href="#{k}">{k.capitalize()} ({n})</a></li>' for k, n in counts.items())
        + '<li class="h2"><a href="#source">Source</a></li></ol></nav>'
    )
    title = _text(article["title"]) or article_id
    sha = _text(article.get("sha256"))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} · {esc(_text(article['date']) or 'undated')}</title>\n"
        f"<style>\n{stylesheet()}{article_css()}</style>\n</head>\n<body>\n"
        f'<div class="layout">{toc}<main>\n{_header(article, links)}\n{brief}\n'
        f'<section id="text"><h2>Text</h2>{note}{_legend(figs, forms, ents)}\n'
        f'<div class="article-text" lang="zh-CN">\n{body}\n</div></section>\n'
        f'<section id="figures"><h2>Figures ({len(figs)})</h2>{_figure_table(figs, article_id, links, text)}</section>\n'
        f'<section id="formulas"><h2>Formulas ({len(forms)})</h2>{_mention_table(forms, "formula")}</section>\n'
        f'<section id="entities"><h2>Entities ({len(ents)})</h2>{_mention_table(ents, "entity")}</section>\n'
        f'<section id="source" class="run-record"><h2>Source</h2><p>The text of <code>data/raw/{esc(_text(article["file"]))}</code>'
        + (f" (sha256 <code>{esc(sha)}</code>)" if sha else "")
        + ", as the corpus reader cleaned it; every mark is placed by the character offsets of the published tables "
        '(<a href="../data/indicators.csv">indicators.csv</a>, <a href="../data/formulas.csv">formulas.csv</a>, '
        '<a href="../data/entities.csv">entities.csv</a>).</p></section>\n'
        "</main></div>\n</body>\n</html>\n"
    )


# --- every article --------------------------------------------------------------------------------------------------


def _of_article(frame: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    if frame is None or len(frame) == 0:
        return {}
    return {str(k): g for k, g in frame.groupby("article_id", sort=True)}


def _figure_articles(ledger: pd.DataFrame | None) -> dict[str, str]:
    found: dict[str, str] = {}
    if ledger is None or len(ledger) == 0:
        return found
    for row in ledger.to_dict("records"):
        for fid in [_text(row["indicator_id"])] + [i for i in _text(row.get("occurrence_ids")).split(";") if i]:
            found[fid] = _text(row["article_id"])
    return found


def write_article_pages(
    out_dir: Path,
    tables,
    home: str = "../index.html",
    reports: Sequence[tuple[str, str]] = DEFAULT_REPORTS,
    review_years: Iterable[int] | None = None,
) -> list[Path]:
    """Write ``out_dir/articles/<article_id>.html`` for every article, and remove pages of articles no longer there.

    Parameters
    ----------
    out_dir : Path
        The published folder (``reports/``).
    tables : helpers.analysis.processed.Tables
        The shared tables: ``articles``, ``ledger_all`` (every article's figures), ``formula_mentions``, ``entity_mentions``.
    home : str
        The link from a page to ``index.html``.
    reports : sequence of (title, path)
        The reports a page links to, paths relative to ``reports/``.
    review_years : iterable of int, optional
        Years with a review at ``reports/years/YYYY.html``; default every
        year with an article about the zone (as the build makes them).

    Returns
    -------
    list of Path
        Every page, in date order (a page whose bytes are unchanged is not rewritten).
    """
    articles = tables.articles
    folder = Path(out_dir) / ARTICLES_DIR
    rank = article_order(articles)
    rows = sorted(articles.to_dict("records"), key=lambda r: int(rank[r["article_id"]]))
    if review_years is None:
        about = [r for r in rows if _flag(r.get("about_zone")) and _text(r.get("year"))]
        review_years = {int(float(r["year"])) for r in about}
    figures = _of_article(tables.ledger_all)  # every article's figures, about the zone or not
    formulas = _of_article(tables.formula_mentions)
    entities = _of_article(tables.entity_mentions)
    by_id = {r["article_id"]: r for r in rows}
    shared = PageLinks(
        home=home,
        reports=tuple(reports),
        review_years=tuple(sorted(review_years)),
        articles=by_id,
        figure_articles=_figure_articles(tables.ledger_all),
    )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for k, row in enumerate(rows):
        links = replace(shared, previous=rows[k - 1] if k else None, next=rows[k + 1] if k + 1 < len(rows) else None)
        aid = row["article_id"]
        page = article_html(row, figures.get(aid), formulas.get(aid), entities.get(aid), links)
        written.append(_write(folder / _page_name(aid), page))
    keep = {p.name for p in written}
    for old in sorted(folder.glob("*.html")):
        if old.name not in keep:
            old.unlink()
    return written


def _write(target: Path, text: str) -> Path:
    return atomic.write_if_changed(target, text.encode("utf-8"))
