"""Tables for the reports: escaped HTML, optional search and filters, CSV links.

Corpus text can hold anything, ``<script>`` included, so every cell is
escaped; nothing from a DataFrame reaches the page as markup.
"""

from __future__ import annotations

import html
import re

import pandas as pd

_NOWRAP = re.compile(r"^(?:\d{4}(?:-\d{2}){0,2}|[0-9a-f]{8}-\d+)$")  # dates and article ids


def _td(value, numeric: bool) -> str:
    text = _cell(value)
    cls = "num" if numeric else ("nowrap" if _NOWRAP.match(text) else ("long" if len(text) > 40 else ""))
    return f'<td class="{cls}">{html.escape(text)}</td>' if cls else f"<td>{html.escape(text)}</td>"


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def html_table(
    frame: pd.DataFrame,
    caption: str = "",
    table_id: str = "",
    csv: str = "",
    search: bool = False,
    filters: tuple[str, ...] = (),
) -> str:
    """Render a DataFrame as an escaped HTML table, optionally searchable.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show; the index is not shown.
    caption : str
        A caption above the table.
    table_id : str
        An id for the table; needed for search and filters.
    csv : str
        A link (relative to the report) to the CSV this table comes from.
    search : bool
        Add a free-text search box.
    filters : tuple of str
        Columns to offer as drop-down filters (their distinct values).

    Returns
    -------
    str
        HTML; every value is escaped.
    """
    esc = html.escape
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]) for c in frame.columns
    ]
    head = "".join(
        f'<th class="num">{esc(str(c))}</th>' if n else f"<th>{esc(str(c))}</th>"
        for c, n in zip(frame.columns, numeric)
    )
    body = "\n".join(
        "<tr>" + "".join(_td(v, n) for v, n in zip(row, numeric)) + "</tr>" for row in frame.itertuples(index=False)
    )
    tools = ""
    attrs = f' id="{esc(table_id)}"' if table_id else ""
    if table_id and (search or filters):
        attrs += " data-filterable"
        parts = []
        if search:
            parts.append(
                f'<label>Search <input type="search" placeholder="文字 / text" aria-label="search {esc(caption)}"></label>'
            )
        for name in filters:
            col = list(frame.columns).index(name)
            options = "".join(
                f'<option value="{esc(v)}">{esc(v)}</option>' for v in sorted({_cell(x) for x in frame[name]})
            )
            parts.append(
                f'<label>{esc(name)} <select data-column="{col}"><option value="">all</option>{options}</select></label>'
            )
        parts.append('<span class="count"></span>')
        tools = f'<div class="table-tools" id="{esc(table_id)}-tools">' + "".join(parts) + "</div>"
    link = f'<p class="csv-link">Download: <a href="{esc(csv)}">{esc(csv.rsplit("/", 1)[-1])}</a></p>' if csv else ""
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'{tools}<div class="table-wrap"><table class="data"{attrs}>{cap}<thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></div>{link}'


def show_table(frame: pd.DataFrame, **kwargs) -> None:
    """Display :func:`html_table` output in a notebook."""
    from IPython.display import HTML, display

    display(HTML(html_table(frame, **kwargs)))


def slug(text: str) -> str:
    """Return an ASCII id fragment for ``text`` (used for table ids)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "table"
