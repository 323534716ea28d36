"""Tell each year's story from the tables: theme shifts, year summaries and a timeline.

Nothing here is typed by hand: every number in a summary is read from the
articles table, the theme table or the indicator ledger, so a change in the
corpus or a lexicon changes the prose with it.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.analysis.ledger import new_figures
from helpers.analysis.targets import as_written, promise_summary, targets_vs_outcomes
from helpers.analysis.themes import split_sentences
from helpers.errors import FormulasFormatError, NoArticlesError
from helpers.flags import flags

__all__ = [
    "promise_summary",
    "targets_vs_outcomes",
    "theme_shift",
    "timeline",
    "written_in_text",
    "year_summary",
]

TIMELINE_KINDS = ["article", "formula", "ranking", "target"]
TOP_THEMES = 3
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# How the formulas table's ``kind`` reads in prose; other kinds are written as they are.
KIND_LABELS = {"formula": "policy formula"}


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _listing(items: list[str]) -> str:
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


def _ranking_phrases(rows: pd.DataFrame, texts: pd.Series) -> list[str]:
    return [f"{r.indicator} {written_in_text(r, texts)}" for r in rows.itertuples()]


def written_in_text(row, texts: pd.Series) -> str:
    """Return a ledger row's figure exactly as the article writes it (前10名, 第一名, 10%以上).

    The ledger's ``start:end`` span covers the number and unit; a qualifier
    written just before or after it (前, 不低于, 以上) is taken in too. Falls
    back to :func:`helpers.analysis.targets.as_written` when the text is not at hand.
    """
    text = texts.get(row.article_id) if texts is not None else None
    if not isinstance(text, str):
        return as_written(pd.Series({"qualifier": row.qualifier, "value": row.value, "unit": row.unit}))
    start, end = int(row.start), int(row.end)
    q = row.qualifier if isinstance(row.qualifier, str) else ""
    if q and text[max(0, start - len(q)) : start] == q:
        start -= len(q)
    elif q and text[end : end + len(q)] == q:
        end += len(q)
    return text[start:end]


def year_summary(
    year: int,
    articles: pd.DataFrame,
    by_year_themes: pd.DataFrame,
    ledger: pd.DataFrame,
    formulas: pd.DataFrame | None = None,
    previous: int | None = None,
) -> str:
    """Write a short plain-language paragraph about one year, every number read from the inputs.

    Parameters
    ----------
    year : int
        The year in review.
    articles : pandas.DataFrame
        The articles table (``year``, ``about_zone``, ``n_chars``, ``text``).
    by_year_themes : pandas.DataFrame
        :func:`helpers.analysis.themes.theme_by_year`'s output.
    ledger : pandas.DataFrame
        The indicator ledger.
    formulas : pandas.DataFrame, optional
        ``canonical, first_year``: the formulas new in ``year`` are named.
    previous : int, optional
        The previous corpus year, to name the themes that rose and fell most.

    Returns
    -------
    str
        Plain text with Chinese terms; no HTML or Markdown markup.

    Raises
    ------
    NoArticlesError
        When no article about the zone is dated ``year``.
    """
    zone = articles[(articles["year"] == year) & flags(articles["about_zone"])]
    if zone.empty:
        years = sorted(int(y) for y in articles.loc[flags(articles["about_zone"]), "year"].dropna().unique())
        raise NoArticlesError(f"no articles about the zone in {year}; choose one of {years}")
    parts = [
        f"In {year} the corpus holds {_plural(len(zone), 'article')} about the zone "
        f"({int(zone['n_chars'].sum()):,} characters)."
    ]
    others = int((articles["year"] == year).sum()) - len(zone)
    if others:
        parts.append(
            f"{_plural(others, 'other article')} of that year {'is' if others == 1 else 'are'} "
            "not about the zone and left out."
        )
    themes = _year_themes(by_year_themes, year).reset_index()
    top = (
        themes[themes["per_1000_chars"] > 0]
        .sort_values(["per_1000_chars", "theme"], ascending=[False, True])
        .head(TOP_THEMES)
    )
    if top.empty:
        parts.append("No term of the theme lexicon appears in that year's articles, so no theme stands out.")
    else:
        parts.append(
            "The most prominent themes, in lexicon hits per 1,000 characters, are "
            + _listing([f"{r.theme_zh} ({r.gloss}, {r.per_1000_chars:.1f})" for r in top.itertuples()])
            + "."
        )
    if previous is not None:
        parts.append(_change_sentence(by_year_themes, previous, year))
    fresh = new_figures(ledger)  # a figure repeated from an earlier article is not this year's news
    parts.append(_ledger_sentence(fresh[fresh["year"] == year], articles))
    if formulas is not None:
        parts.append(_formula_sentence(_formulas(formulas), year))
    return " ".join(p for p in parts if p)


def _formula_sentence(formulas: pd.DataFrame, year: int) -> str:
    new = formulas[formulas["first_year"] == year]
    if new.empty:
        return ""
    kinds = new["kind"].fillna("formula") if "kind" in new.columns else pd.Series("formula", index=new.index)
    groups = []
    for kind in dict.fromkeys(kinds):  # in the table's order
        names = new.loc[kinds == kind, "canonical"]
        groups.append(f"{_plural(len(names), KIND_LABELS.get(kind, kind))} ({'、'.join(names)})")
    return f"First named this year: {_listing(groups)}."


def _change_sentence(by_year_themes: pd.DataFrame, previous: int, year: int) -> str:
    shift = theme_shift(by_year_themes, previous, year)
    up, down = shift.iloc[0], shift.iloc[-1]
    said = []
    if up["change"] > 0:
        said.append(f"{up['theme_zh']} ({up['gloss']}) rose most, from {up['first']:.1f} to {up['last']:.1f}")
    if down["change"] < 0:
        said.append(f"{down['theme_zh']} ({down['gloss']}) fell most, from {down['first']:.1f} to {down['last']:.1f}")
    if not said:
        return f"Compared with {previous}, no theme's weight changed."
    return f"Compared with {previous}, " + ", and ".join(said) + "."


def _ledger_sentence(rows: pd.DataFrame, articles: pd.DataFrame) -> str:
    counts = rows["kind"].value_counts()
    text = (
        f"The indicator ledger records {_plural(int(counts.get('achieved', 0)), 'achievement')}, "
        f"{_plural(int(counts.get('target', 0)), 'target')} and {_plural(int(counts.get('plan', 0)), 'plan')}."
    )
    ranks = rows[rows["kind"] == "ranking"].sort_values(["article_id", "start"])
    if ranks.empty:
        return text + " No ranking is reported."
    firsts = int((ranks["value_base"] == 1).sum())
    phrases = _ranking_phrases(ranks, articles.set_index("article_id")["text"])
    if len(ranks) == 1:
        share = "first place" if firsts else "not first place"
    else:
        share = ("none" if firsts == 0 else "all" if firsts == len(ranks) else f"{firsts:,}") + " of them first place"
    return text + f" It reports {_plural(len(ranks), 'ranking')} ({share}): " + "; ".join(phrases) + "."


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
        title, the formula, or the indicator with its figure as written.
    """
    zone = articles[flags(articles["about_zone"])]
    events = [
        {"date": a.date, "year": a.year, "kind": "article", "what": a.title, "article_id": a.article_id, "sentence": ""}
        for a in zone.itertuples()
    ]
    texts, dates = zone.set_index("article_id")["text"], zone.set_index("article_id")["date"]
    for r in new_figures(ledger)[lambda d: d["kind"].isin(["ranking", "target"])].itertuples():
        full = isinstance(r.period, str) and bool(_FULL_DATE.match(r.period))
        events.append(
            {
                "date": r.period if full else dates.get(r.article_id, str(r.year)),
                "year": r.year,
                "kind": r.kind,
                "what": f"{r.indicator} {written_in_text(r, texts)}",
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
