"""Tables for the reports: escaped HTML, paged with search, filters and sorting, CSV links.

Corpus text can hold anything, ``<script>`` included, so every cell is
escaped; nothing from a DataFrame reaches the page as markup.

A table longer than one page (:data:`PAGE_ROWS` rows), or one with a search
box or filters, is *paged*: its rows travel once as compact JSON in a
``<script type="application/json">`` element, and the page's script
(``templates/report.js``) shows one page at a time, searches every row, filters
and sorts. The first page is also written as HTML, so a reader without
JavaScript sees it, with a note that says where the whole table is. A shorter
table is plain HTML. The same frame always gives the same bytes: ids come
from the content, never from a counter or a random number.

Figures link to their sentence (:func:`table_links`): a frame that carries the
ledger's ids (``article_id`` and ``indicator_id``, ``target_id``,
``outcome_id``) or a mention's place (``article_id`` and ``start``) gets links
to the article pages (``articles/<article_id>.html#<anchor>``,
:mod:`helpers.report.article_pages`), written relative to ``reports/``;
:func:`helpers.report.render.page` rewrites them for a report one folder
deeper. A paged table's JSON carries each link as two strings, the page and
the anchor, and the script builds the ``<a>`` from them.
"""

from __future__ import annotations

import hashlib
import html
import json
import re

import pandas as pd

from helpers.errors import ArticlesFormatError
from helpers.report.article_pages import article_link

PAGE_ROWS = 50  # rows per page; a table this short (and without search or filters) stays plain HTML
_NOWRAP = re.compile(r"^(?:\d{4}(?:-\d{2}){0,2}|[0-9a-f]{8}-\d+(?::\d+){0,2})$")  # dates, article and figure ids
_LONG = 40  # a column holding text longer than this wraps in a wide cell
WIDE_COLUMNS = 8  # in a table of this many columns or more, long texts go on lines of their own
# In JSON inside <script>, "<" could open "</script>" or "<!--": written as \u003c (and > & alike).
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


# A mention's text, the first of these a frame has, links to its place (formulas, entities, theme sentences).
MENTION_TEXT = ("formula", "canonical", "entity", "what", "text", "sentence")
_ID_ARTICLE = re.compile(r"^([^:]+):\d+(?::\d+)?$")  # a ledger id: <article_id>:<start>, or <article_id>:<start>:<n>


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _column_class(texts: list[str], numeric: bool) -> str:
    """Return a column's cell class: ``num``, ``nowrap`` (dates, article ids), ``long`` (wrapping text) or ``""``."""
    if numeric:
        return "num"
    filled = [t for t in texts if t]
    if filled and all(_NOWRAP.match(t) for t in filled):
        return "nowrap"
    return "long" if any(len(t) > _LONG for t in filled) else ""


def date_column(frame: pd.DataFrame) -> str | None:
    """Return the column a table is sorted by by default: ``date``, else the first ``*_date``, else ``year``."""
    names = [c for c in frame.columns if isinstance(c, str)]
    for pick in (
        [c for c in names if c == "date"],
        [c for c in names if c.endswith("_date")],
        [c for c in names if c == "year"],
    ):
        if pick:
            return pick[0]
    return None


def sort_rows(frame: pd.DataFrame, column: str | None) -> pd.DataFrame:
    """Return ``frame`` sorted by ``column``, oldest or smallest first, blanks last, ties in their order."""
    if column is None:
        return frame
    key = frame[column]
    if not _is_numeric(key):
        key = key.map(lambda v: _cell(v) or None)
    order = key.reset_index(drop=True).sort_values(kind="stable", na_position="last").index
    return frame.iloc[order]


Link = tuple[str, str]  # (page, anchor): "articles/b804821d-0.html", "b804821d-0:199" (or "" for the page)


def id_article(figure_id) -> str:
    """Return the article of a ledger id (``b804821d-0:199`` or ``0f694cbe-0:535:2``), ``""`` if it is none."""
    found = _ID_ARTICLE.match(_cell(figure_id))
    return found.group(1) if found else ""


def _link(article_id, anchor="") -> Link | None:
    """Return the link to an article's page (at ``anchor``), None for a blank id or one that names no page."""
    article_id = _cell(article_id)
    if not article_id:
        return None
    try:
        href = article_link(article_id, _cell(anchor) or None)
    except ArticlesFormatError:  # not an article id (a test table, a label): no link rather than a broken one
        return None
    page, _, fragment = href.partition("#")
    return page, fragment


def _mention_anchor(row: dict, columns: list[str]) -> str:
    """Return a mention's anchor on its page: ``f-<start>``, ``e-<start>``, or ``""`` (the page)."""
    if "anchor" in columns:
        return _cell(row["anchor"])
    try:  # an offset, however the frame typed it (1330, 1330.0, "1330"); blank: no anchor
        start = int(float(row.get("start")))
    except (TypeError, ValueError, OverflowError):
        return ""
    said = {_cell(row.get(c)) for c in ("kind", "type") if c in columns}
    if "formula" in said or ("entity" not in said and ("formula" in columns or "canonical" in columns)):
        return f"f-{start}"
    if "entity" in said or "entity" in columns:
        return f"e-{start}"
    return ""


def table_links(frame: pd.DataFrame) -> dict[str, list[Link | None]]:
    """Return the links of a table's cells: for each linked column, each row's (page, anchor) or None.

    - ``article_id`` (and any ``*_article_id``): the article's page;
    - with ``indicator_id``: the figure's cell, ``value`` if the frame has
      one, else ``indicator_id``, to the figure (``#<indicator_id>``); its
      article is the row's ``article_id``, else the id's own (the part before
      ``:<start>``); ``restates`` to the figure it repeats;
    - ``target_id`` / ``outcome_id`` (targets against outcomes):
      ``target_value`` / ``outcome_value`` (else the id) to that figure, in
      ``target_article_id`` / ``outcome_article_id`` when given, else the id's
      article;
    - with ``article_id`` and ``start`` or ``anchor`` (formula and entity
      mentions, theme sentences, timeline events), and no ``indicator_id``:
      the mention's text (the first of :data:`MENTION_TEXT`) to ``anchor``,
      else to ``#f-<start>`` when the row's ``kind``/``type`` is ``formula``
      or the frame has a ``formula``/``canonical`` column, to ``#e-<start>``
      when it is ``entity`` or the frame has an ``entity`` column, else to
      the article's page.

    Pages are relative to ``reports/``. A blank cell, a blank id or an id
    that cannot name a page gives no link.
    """
    columns = [c for c in frame.columns if isinstance(c, str)]
    records = frame.to_dict("records")
    found: dict[str, list[Link | None]] = {}

    def add(column: str, links: list[Link | None]) -> None:
        if column in columns and any(links):
            found[column] = links

    for name in columns:
        if name == "article_id" or name.endswith("_article_id"):
            add(name, [_link(r[name]) for r in records])
    for prefix in ("indicator", "target", "outcome"):
        fid = f"{prefix}_id"
        if fid not in columns:
            continue
        own = "article_id" if prefix == "indicator" else f"{prefix}_article_id"
        shown = next(c for c in ("value" if prefix == "indicator" else f"{prefix}_value", fid) if c in columns)
        add(
            shown,
            [_link((_cell(r[own]) if own in columns else "") or id_article(r[fid]), r[fid]) for r in records],
        )
    if "restates" in columns:
        add("restates", [_link(id_article(r["restates"]), r["restates"]) for r in records])
    text = next((c for c in MENTION_TEXT if c in columns), None)
    mention = "article_id" in columns and "indicator_id" not in columns and ("start" in columns or "anchor" in columns)
    if text and mention and text not in found:
        add(text, [_link(r["article_id"], _mention_anchor(r, columns)) for r in records])
    for name, links in found.items():  # a blank cell has nothing to click
        found[name] = [link if _cell(r[name]) else None for link, r in zip(links, records)]
    return found


def html_table(
    frame: pd.DataFrame,
    caption: str = "",
    table_id: str = "",
    csv: str = "",
    search: bool = False,
    filters: tuple[str, ...] = (),
    sort: str | None = "auto",
    page_rows: int = PAGE_ROWS,
    hide: tuple[str, ...] = (),
) -> str:
    """Render a DataFrame as an escaped HTML table: plain when short, paged when long.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show; the index is not shown.
    caption : str
        A caption above the table.
    table_id : str
        An id for the table; a paged table without one gets one made from its content.
    csv : str
        A link (relative to the report) to the CSV this table comes from.
    search : bool
        Add a free-text search box (a paged table always has one).
    filters : tuple of str
        Columns to offer as drop-down filters (their distinct values).
    sort : str or None
        The column to sort the rows by; ``"auto"`` (the default) sorts by the
        table's date column (:func:`date_column`) if it has one; None keeps the
        frame's order.
    page_rows : int
        Rows per page; a longer table, or one with search or filters, is paged.
    hide : tuple of str
        Columns that only serve the links (ids, offsets): read, not shown.

    Returns
    -------
    str
        HTML; every value is escaped. Cells that :func:`table_links` links are
        ``<a>`` elements, their hrefs relative to ``reports/``.
    """
    sort_by = date_column(frame) if sort == "auto" else sort
    frame = sort_rows(frame, sort_by)
    found = table_links(frame)
    frame = frame.drop(columns=list(hide))
    links = {i: found[c] for i, c in enumerate(frame.columns) if c in found}
    columns = [str(c) for c in frame.columns]
    numeric = [_is_numeric(frame.iloc[:, k]) for k in range(frame.shape[1])]
    texts = [[_cell(v) for v in frame.iloc[:, k]] for k in range(frame.shape[1])]
    classes = [_column_class(t, n) for t, n in zip(texts, numeric)]
    rows = [list(r) for r in zip(*texts)] if texts else []
    spec = {
        "columns": columns,
        "classes": classes,
        "lines": [i for i, k in enumerate(classes) if k == "long"] if len(columns) >= WIDE_COLUMNS else [],
        "sort": list(frame.columns).index(sort_by) if sort_by in frame.columns else -1,
    }
    if len(rows) > page_rows or (table_id and (search or filters)):
        return _paged(spec, rows, links, caption, table_id, csv, filters, page_rows)
    table = _table(spec, rows, links, caption, f' id="{html.escape(table_id)}"' if table_id else "")
    return f'<div class="table-wrap">{table}</div>{_csv_link(csv)}'


def _table(spec: dict, rows: list[list[str]], links: dict, caption: str, attrs: str) -> str:
    """Return the ``<table>``; in a wide table each long text goes on a line of its own under its row."""
    esc = html.escape

    def text(r: int, i: int) -> str:
        link = links[i][r] if i in links else None
        if link is None:
            return esc(rows[r][i])
        href = link[0] + ("#" + link[1] if link[1] else "")
        return f'<a href="{esc(href)}">{esc(rows[r][i])}</a>'

    classes, lines = spec["classes"], spec["lines"]
    inline = [i for i in range(len(classes)) if i not in lines]

    def th(i: int, span: str = "") -> str:
        sort = ' aria-sort="ascending"' if i == spec["sort"] else ""
        name = esc(spec["columns"][i]).replace("_", "_<wbr>")  # long names may break after an underscore
        return f'<th{_class(classes[i])}{span} data-column="{i}"{sort}>{name}</th>'

    span = f' colspan="{len(inline)}"'
    head = "<tr>" + "".join(th(i) for i in inline) + "</tr>"
    head += "".join(f'<tr class="line">{th(i, span)}</tr>' for i in lines)
    body = []
    for r in range(len(rows)):
        body.append("<tr>" + "".join(f"<td{_class(classes[i])}>{text(r, i)}</td>" for i in inline) + "</tr>")
        body.extend(f'<tr class="line"><td class="long"{span}>{text(r, i)}</td></tr>' for i in lines)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    wide = " wide" if lines else ""
    return (
        f'<table class="data{wide}"{attrs}>{cap}<thead>{head}</thead><tbody>\n' + "\n".join(body) + "\n</tbody></table>"
    )


def _class(name: str) -> str:
    return f' class="{name}"' if name else ""


def _csv_link(csv: str) -> str:
    esc = html.escape
    return f'<p class="csv-link">Download: <a href="{esc(csv)}">{esc(csv.rsplit("/", 1)[-1])}</a></p>' if csv else ""


def table_data(spec: dict, rows: list[list[str]], links: dict | None = None) -> str:
    """Return a table's rows as compact JSON, safe inside ``<script>``.

    Every distinct cell text is written once, in ``strings`` (in order of first
    appearance); ``rows`` holds, for each row, the index of each cell's text.
    A table with links adds ``links``: for each linked column, ``[column,
    pages, anchors]``, each row's page (``articles/<article_id>.html``) and
    anchor as indexes into ``strings`` (-1: no link, no anchor).
    Keys are in a fixed order and nothing varies between runs, so the same
    rows give the same bytes. ``<``, ``>`` and ``&`` are written as JSON
    escapes, so corpus text can never close the script element.
    """
    index: dict[str, int] = {}
    coded = [[index.setdefault(v, len(index)) for v in row] for row in rows]
    payload = {**spec, "strings": list(index), "rows": coded}
    if links:

        def code(text: str | None) -> int:
            return index.setdefault(text, len(index)) if text else -1

        payload["links"] = [
            [col, [code(k[0] if k else None) for k in per_row], [code(k[1] if k else None) for k in per_row]]
            for col, per_row in sorted(links.items())
        ]
        payload["strings"] = list(index)
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def _paged(spec: dict, rows, links: dict, caption: str, table_id: str, csv: str, filters, page_rows: int) -> str:
    """Return a paged table: tools and pager (hidden until the script runs), the first page, a note, the JSON."""
    esc = html.escape
    data = table_data(spec, rows, links)
    table_id = table_id or "table-" + hashlib.sha256((caption + "\0" + data).encode("utf-8")).hexdigest()[:12]
    first = min(len(rows), page_rows)
    shown = f"rows 1–{first:,} of {len(rows):,}" if rows else "no rows"
    label = esc(caption or "table")
    parts = [f'<label>Search <input type="search" placeholder="文字 / text" aria-label="search {label}"></label>']
    for name in filters:
        col = spec["columns"].index(str(name))
        values = sorted({row[col] for row in rows}, key=_option_key(spec["classes"][col]))
        options = "".join(f'<option value="{esc(v)}">{esc(v) if v else "(blank)"}</option>' for v in values)
        parts.append(
            f'<label>{esc(str(name))} <select data-column="{col}"><option value="">all</option>{options}</select></label>'
        )
    parts.append(_pager(shown))
    tools = f'<div class="table-tools" id="{esc(table_id)}-tools" hidden>' + "".join(parts) + "</div>"
    first_links = {i: per_row[:page_rows] for i, per_row in links.items()}
    table = _table(spec, rows[:page_rows], first_links, caption, f' id="{esc(table_id)}" data-paged="{page_rows}"')
    note = bottom = ""
    if len(rows) > page_rows:
        where = (
            f'the whole table is in <a href="{esc(csv)}">{esc(csv.rsplit("/", 1)[-1])}</a>'
            if csv
            else "open this report in a browser with JavaScript on to page through all of them"
        )
        note = f'<p class="table-nojs">The first {first:,} of {len(rows):,} rows are shown; {where}.</p>'
        bottom = f'<div class="table-tools table-pager-bottom" hidden>{_pager(shown)}</div>'
    script = f'<script type="application/json" id="{esc(table_id)}-data">{data}</script>'
    return (
        f'<div class="paged-table" data-table="{esc(table_id)}">{tools}<div class="table-wrap paged">{table}</div>'
        f"{bottom}{note}{_csv_link(csv)}{script}</div>"
    )


def _pager(shown: str) -> str:
    """Return the previous and next buttons around the row count."""
    return (
        '<span class="pager"><button type="button" data-page="prev" aria-label="previous page">‹ previous</button>'
        f' <span class="count" aria-live="polite">{shown}</span> '
        '<button type="button" data-page="next" aria-label="next page">next ›</button></span>'
    )


def _option_key(column_class: str):
    """Order filter options as the column sorts: numbers by value, text by code point, blanks last."""
    if column_class == "num":
        return lambda v: (v == "", float(v.replace(",", "")) if v else 0.0, v)
    return lambda v: (v == "", v)


def show_table(frame: pd.DataFrame, **kwargs) -> None:
    """Display :func:`html_table` output in a notebook."""
    from IPython.display import HTML, display

    display(HTML(html_table(frame, **kwargs)))


def slug(text: str) -> str:
    """Return an ASCII id fragment for ``text`` (used for table ids)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "table"
